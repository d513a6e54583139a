//! `kehoach check --docx`: any DOCX measured against Decree 30's layout
//! (nd30-layout.md §1–§4, §7). The elements are found the way `import` finds them
//! (`import::locate`), so the two commands never disagree about which line is
//! the Quốc hiệu; the rules mirror `shared/tools/nd30_check.py`.
//!
//! Findings are ordinary [`Diagnostic`]s with ids `ND30-DOCX-…`. Their source is a
//! listing of the document's paragraphs, one per line, so `file:N:1` is paragraph N;
//! each message also starts with "đoạn N: «text…»" ("paragraph N" in English). The
//! messages come from the catalogue's `layout` section, so `--lang en` shows them in
//! English; the rule summaries are Vietnamese, as the plan rules' are.

mod appendix;
mod body;
mod header;
mod page;

use crate::diag::{Diagnostic, Severity, Source};
use crate::import::locate::{locate, Layout, Piece};
use crate::import::model::DocFacts;
use crate::import::{read_facts, ImportError};
use crate::plan::Loc;

/// The rules: id, severity, what passes, and the clause of nd30-layout.md.
pub const RULES: &[(&str, Severity, &str, &str)] = &[
    ("ND30-DOCX-PAGE-A4", Severity::Error, "mọi phần (section) đều khổ A4; phần đầu đặt trang dọc", "docs/nd30-layout.md §1"),
    ("ND30-DOCX-PAGE-MARGINS", Severity::Error, "trang dọc: lề trên, lề dưới 20–25 mm, lề trái 30–35 mm, lề phải 15–20 mm; trang ngang: 15–35 mm", "docs/nd30-layout.md §1"),
    ("ND30-DOCX-FONT", Severity::Error, "toàn bộ chữ dùng phông Times New Roman (cả ô ascii và hAnsi)", "docs/nd30-layout.md §1"),
    ("ND30-DOCX-FONT-COLOR", Severity::Warning, "toàn bộ chữ màu đen", "docs/nd30-layout.md §1"),
    ("ND30-DOCX-QUOC-HIEU", Severity::Error, "Quốc hiệu \"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\", cỡ chữ 12–13, in đậm, chữ đứng", "docs/nd30-layout.md §3.1"),
    ("ND30-DOCX-TIEU-NGU", Severity::Error, "Tiêu ngữ viết đúng \"Độc lập - Tự do - Hạnh phúc\" (gạch nối), cỡ chữ 13–14, in đậm", "docs/nd30-layout.md §3.1"),
    ("ND30-DOCX-CO-QUAN", Severity::Error, "tên cơ quan viết in hoa, cỡ chữ 12–13; cơ quan chủ quản chữ đứng, không đậm, cơ quan ban hành in đậm", "docs/nd30-layout.md §3.1"),
    ("ND30-DOCX-SO", Severity::Error, "\"Số: 07/KH-…\": một dấu cách sau dấu hai chấm, số 1–9 viết 01–09, ký hiệu không có dấu cách, cỡ chữ 13, không đậm", "docs/nd30-layout.md §3.1, §7"),
    ("ND30-DOCX-DATE", Severity::Error, "\"<địa danh>, ngày DD tháng M năm YYYY\": ngày có hai chữ số, tháng 1–2 thêm số 0, là ngày có thật, in nghiêng, cỡ chữ 13–14", "docs/nd30-layout.md §3.1, §7"),
    ("ND30-DOCX-SIZE-COUPLING", Severity::Error, "cỡ chữ Tiêu ngữ = cỡ chữ Quốc hiệu + 1 = cỡ chữ dòng địa danh, ngày tháng", "docs/nd30-layout.md §1"),
    ("ND30-DOCX-TITLE", Severity::Error, "tên loại văn bản (\"KẾ HOẠCH\") in đậm, cỡ chữ 13–14, căn giữa", "docs/nd30-layout.md §3.2"),
    ("ND30-DOCX-TRICH-YEU", Severity::Error, "trích yếu in đậm, chữ đứng, cỡ chữ 13–14, không có \"V/v\"", "docs/nd30-layout.md §3.2"),
    ("ND30-DOCX-TRICH-YEU-CASE", Severity::Warning, "trích yếu viết chữ in thường, không viết toàn chữ in hoa", "docs/nd30-layout.md §3.2"),
    ("ND30-DOCX-BODY", Severity::Error, "ít nhất 90 % đoạn nội dung: cỡ chữ 13–14, căn đều hai bên, thụt đầu dòng 1 cm hoặc 1,27 cm, cách đoạn ≥ 6 pt, giãn dòng từ một dòng đến 1,5 dòng", "docs/nd30-layout.md §1, §3.3"),
    ("ND30-DOCX-HEADINGS", Severity::Error, "đề mục \"I. …\" đánh số lần lượt I, II, III …, viết in hoa, in đậm, cỡ chữ 13–14", "docs/nd30-layout.md §3.4"),
    ("ND30-DOCX-POINTS", Severity::Error, "chữ đánh điểm đi lần lượt a) b) c) d) đ) e) g) …, không lặp, không bỏ sót", "NĐ 30/2020, Phụ lục I, Phần I, điểm đ khoản 6 Mục II"),
    ("ND30-DOCX-END-MARK", Severity::Warning, "phần nội dung kết thúc bằng \"./.\"", "docs/nd30-layout.md §3.3"),
    ("ND30-DOCX-NOI-NHAN", Severity::Error, "\"Nơi nhận:\" cỡ chữ 12, in đậm, in nghiêng", "docs/nd30-layout.md §3.7"),
    ("ND30-DOCX-RECIPIENTS", Severity::Error, "mỗi nơi nhận một dòng \"- …;\", dòng cuối \"- Lưu: ….\", cỡ chữ 11, chữ đứng, không đậm", "docs/nd30-layout.md §3.7"),
    ("ND30-DOCX-AUTHORITY", Severity::Error, "quyền hạn, chức vụ người ký (TM./KT. …) in hoa, in đậm, cỡ chữ 13–14, căn giữa, một dấu cách sau chữ viết tắt", "docs/nd30-layout.md §3.5"),
    ("ND30-DOCX-SIGNER", Severity::Error, "họ tên người ký in đậm, chữ đứng, cỡ chữ 13–14, căn giữa", "docs/nd30-layout.md §3.5"),
    ("ND30-DOCX-PAGE-NUMBER", Severity::Error, "số trang (trường PAGE) ở đầu trang (không ở chân trang) của mọi phần, căn giữa, cỡ chữ 13–14, không đậm", "docs/nd30-layout.md §3.9"),
    ("ND30-DOCX-PAGE-NUMBER-FIRST", Severity::Error, "trang 1 không có số trang (chọn \"Trang đầu khác\" – titlePg, đầu trang của trang đầu để trống)", "docs/nd30-layout.md §3.9"),
    ("ND30-DOCX-APPENDIX-SECTION", Severity::Error, "mỗi phụ lục bắt đầu một phần (section) riêng, số trang đánh từ 1", "docs/nd30-layout.md §4"),
    ("ND30-DOCX-APPENDIX-HEADING", Severity::Error, "\"Phụ lục\" hoặc \"Phụ lục I\" trên một dòng riêng (không viết in hoa), cỡ chữ 14, in đậm, căn giữa; nhiều phụ lục thì đánh số I, II …", "docs/nd30-layout.md §4"),
    ("ND30-DOCX-APPENDIX-KEM-THEO", Severity::Error, "\"(Kèm theo … số …)\" in nghiêng, căn giữa, cỡ chữ 13–14, ghi đúng số ở đầu văn bản", "docs/nd30-layout.md §4"),
    ("ND30-DOCX-APPENDIX-NUMBERING", Severity::Error, "các nhóm đánh số I, II …; nhiệm vụ trong mỗi nhóm đánh lại từ 1, không bỏ số", "docs/nd30-layout.md §4"),
    ("ND30-DOCX-APPENDIX-TABLE-ROWS", Severity::Warning, "hàng tiêu đề của bảng nhiệm vụ lặp lại ở mỗi trang (tblHeader), các hàng không bị ngắt sang trang sau", "docs/nd30-layout.md §4 (practice)"),
    ("ND30-DOCX-LANG", Severity::Warning, "ngôn ngữ của văn bản là tiếng Việt (w:lang vi-VN)", "docs/nd30-layout.md §9"),
    ("ND30-DOCX-NFC", Severity::Warning, "chữ lưu ở dạng dựng sẵn (NFC)", "docs/nd30-layout.md §9"),
];

/// The findings for one DOCX, with a paragraph listing to show them against.
pub struct DocxCheck {
    pub diagnostics: Vec<Diagnostic>,
    pub source: Source,
}

/// Checks a DOCX's layout. `Err` when the file cannot be read as a DOCX at all.
pub fn check_docx(path: &std::path::Path, bytes: Vec<u8>) -> Result<DocxCheck, ImportError> {
    let facts = read_facts(bytes)?;
    let diagnostics = crate::import::guarded_pub(|| Ok(check_facts(&facts)))?;
    Ok(DocxCheck {
        diagnostics,
        source: Source::new(path, listing(&facts)),
    })
}

/// One line per paragraph (1-based line = paragraph number), tabs and breaks as spaces.
pub fn listing(facts: &DocFacts) -> String {
    let mut out = String::new();
    for p in &facts.paragraphs {
        out.push_str(&p.text().replace(['\t', '\n', '\r'], " "));
        out.push('\n');
    }
    out
}

pub(crate) fn check_facts(facts: &DocFacts) -> Vec<Diagnostic> {
    let layout = locate(facts);
    let mut c = Checker {
        facts,
        layout: &layout,
        out: Vec::new(),
    };
    page::check(&mut c);
    header::check(&mut c);
    body::check(&mut c);
    appendix::check(&mut c);
    c.out
}

pub(crate) struct Checker<'a> {
    pub facts: &'a DocFacts,
    pub layout: &'a Layout,
    pub out: Vec<Diagnostic>,
}

impl Checker<'_> {
    fn severity(code: &str) -> Severity {
        RULES
            .iter()
            .find(|r| r.0 == code)
            .map_or(Severity::Error, |r| r.1)
    }

    fn clause(code: &str) -> Option<&'static str> {
        RULES.iter().find(|r| r.0 == code).map(|r| r.3)
    }

    /// A finding at a paragraph (0-based), or about the whole document.
    pub fn report(&mut self, code: &'static str, para: Option<usize>, message: impl Into<String>) {
        let message = message.into();
        let (at, message) = match para {
            Some(p) => {
                let text = self
                    .facts
                    .paragraphs
                    .get(p)
                    .map(|x| x.text())
                    .unwrap_or_default();
                (
                    Loc {
                        line: p as u32 + 1,
                        col: 1,
                        offset: 0,
                        len: 0,
                    },
                    crate::msg!(
                        "layout.at",
                        n = p + 1,
                        text = crate::import::excerpt(&text, 50),
                        message = message
                    ),
                )
            }
            None => (Loc::UNKNOWN, message),
        };
        let mut d = match Self::severity(code) {
            Severity::Error => Diagnostic::error(code, at, message),
            Severity::Warning => Diagnostic::warning(code, at, message),
        };
        if let Some(clause) = Self::clause(code) {
            d = d.clause(clause);
        }
        self.out.push(d);
    }

    pub(crate) fn piece(&mut self, code: &'static str, piece: &Piece, message: impl Into<String>) {
        self.report(code, Some(piece.para), message);
    }
}

/// Half-points as points, for messages: 26 → "13", 25 → "12,5" (Vietnamese writes a
/// decimal comma; English a point).
pub fn pt(half_points: u32) -> String {
    if half_points.is_multiple_of(2) {
        format!("{}", half_points / 2)
    } else {
        decimal(format!("{:.1}", half_points as f32 / 2.0))
    }
}

/// A number formatted with a decimal point, written the current language's way.
pub(crate) fn decimal(number: String) -> String {
    number.replace('.', &crate::msg!("layout.decimal_mark"))
}

/// The rule table for `check --list-rules --docx`.
pub fn rules_table() -> String {
    let mut out = String::new();
    for (id, sev, what, clause) in RULES {
        let sev = match sev {
            Severity::Error => crate::msg!("report.error"),
            Severity::Warning => crate::msg!("report.warning"),
        };
        out.push_str(&format!("{id:<32} {sev:<8} {what} ({clause})\n"));
    }
    out
}
