//! `kehoach check --docx`: any DOCX measured against Decree 30's layout
//! (nd30-layout.md §1–§4, §7). The elements are found the way `import` finds them
//! ([`crate::import::locate`]), so the two commands never disagree about which line is
//! the Quốc hiệu; the rules mirror `shared/tools/nd30_check.py`.
//!
//! Findings are ordinary [`Diagnostic`]s with ids `ND30-DOCX-…`. Their source is a
//! listing of the document's paragraphs, one per line, so `file:N:1` is paragraph N;
//! each message also starts with "paragraph N: «text…»".

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
    ("ND30-DOCX-PAGE-A4", Severity::Error, "every section is A4; the first is portrait", "docs/nd30-layout.md §1"),
    ("ND30-DOCX-PAGE-MARGINS", Severity::Error, "portrait margins top/bottom 20–25, left 30–35, right 15–20 mm; landscape 15–35 mm", "docs/nd30-layout.md §1"),
    ("ND30-DOCX-FONT", Severity::Error, "all text is Times New Roman (ascii and hAnsi slots)", "docs/nd30-layout.md §1"),
    ("ND30-DOCX-FONT-COLOR", Severity::Warning, "all text is black", "docs/nd30-layout.md §1"),
    ("ND30-DOCX-QUOC-HIEU", Severity::Error, "\"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\", 12–13 pt, bold, upright", "docs/nd30-layout.md §3.1"),
    ("ND30-DOCX-TIEU-NGU", Severity::Error, "exactly \"Độc lập - Tự do - Hạnh phúc\" (hyphens), 13–14 pt, bold", "docs/nd30-layout.md §3.1"),
    ("ND30-DOCX-CO-QUAN", Severity::Error, "agency lines in capitals, 12–13 pt; chủ quản regular, issuing body bold", "docs/nd30-layout.md §3.1"),
    ("ND30-DOCX-SO", Severity::Error, "\"Số: 07/KH-…\": one space after the colon, 1–9 written 01–09, no spaces in the symbol, 13 pt, regular", "docs/nd30-layout.md §3.1, §7"),
    ("ND30-DOCX-DATE", Severity::Error, "\"<place>, ngày DD tháng M năm YYYY\": day padded, month padded only for 1–2, a real date, italic, 13–14 pt", "docs/nd30-layout.md §3.1, §7"),
    ("ND30-DOCX-SIZE-COUPLING", Severity::Error, "Tiêu ngữ = Quốc hiệu + 1 pt = place/date size", "docs/nd30-layout.md §1"),
    ("ND30-DOCX-TITLE", Severity::Error, "the type line (\"KẾ HOẠCH\") is bold, 13–14 pt, centred", "docs/nd30-layout.md §3.2"),
    ("ND30-DOCX-TRICH-YEU", Severity::Error, "the summary is bold, upright, 13–14 pt, without \"V/v\"", "docs/nd30-layout.md §3.2"),
    ("ND30-DOCX-TRICH-YEU-CASE", Severity::Warning, "the summary is in sentence case (chữ in thường), not in capitals", "docs/nd30-layout.md §3.2"),
    ("ND30-DOCX-BODY", Severity::Error, "≥ 90 % of body paragraphs: 13–14 pt, justified, first-line indent 1 or 1.27 cm, ≥ 6 pt apart, single to 1.5 lines", "docs/nd30-layout.md §1, §3.3"),
    ("ND30-DOCX-HEADINGS", Severity::Error, "\"I. …\" headings run I, II, III …, in capitals, bold, 13–14 pt", "docs/nd30-layout.md §3.4"),
    ("ND30-DOCX-POINTS", Severity::Error, "typed point letters run a) b) c) d) đ) e) g) …, none twice or skipped", "NĐ 30/2020, Phụ lục I, Phần I, điểm đ khoản 6 Mục II"),
    ("ND30-DOCX-END-MARK", Severity::Warning, "the body ends with \"./.\"", "docs/nd30-layout.md §3.3"),
    ("ND30-DOCX-NOI-NHAN", Severity::Error, "\"Nơi nhận:\" 12 pt bold italic", "docs/nd30-layout.md §3.7"),
    ("ND30-DOCX-RECIPIENTS", Severity::Error, "each recipient \"- …;\", the last \"- Lưu: ….\", 11 pt regular", "docs/nd30-layout.md §3.7"),
    ("ND30-DOCX-AUTHORITY", Severity::Error, "authority lines (TM./KT. …) bold capitals, 13–14 pt, centred, one space after the prefix", "docs/nd30-layout.md §3.5"),
    ("ND30-DOCX-SIGNER", Severity::Error, "the signer's name bold, upright, 13–14 pt, centred", "docs/nd30-layout.md §3.5"),
    ("ND30-DOCX-PAGE-NUMBER", Severity::Error, "a PAGE field in every section's header (not the footer), centred, 13–14 pt, regular", "docs/nd30-layout.md §3.9"),
    ("ND30-DOCX-PAGE-NUMBER-FIRST", Severity::Error, "no page number on page 1 (titlePg, empty first-page header)", "docs/nd30-layout.md §3.9"),
    ("ND30-DOCX-APPENDIX-SECTION", Severity::Error, "each appendix starts its own section, numbered from 1", "docs/nd30-layout.md §4"),
    ("ND30-DOCX-APPENDIX-HEADING", Severity::Error, "\"Phụ lục\" or \"Phụ lục I\" on its own line (not capitals), 14 pt, bold, centred; numbered I, II … when several", "docs/nd30-layout.md §4"),
    ("ND30-DOCX-APPENDIX-KEM-THEO", Severity::Error, "\"(Kèm theo … số …)\" italic, centred, 13–14 pt, with the header's number", "docs/nd30-layout.md §4"),
    ("ND30-DOCX-APPENDIX-NUMBERING", Severity::Error, "group rows run I, II …; tasks restart at 1 in each group without gaps", "docs/nd30-layout.md §4"),
    ("ND30-DOCX-APPENDIX-TABLE-ROWS", Severity::Warning, "the task table's header row repeats (tblHeader) and rows do not split across pages", "docs/nd30-layout.md §4 (practice)"),
    ("ND30-DOCX-LANG", Severity::Warning, "the document language is Vietnamese (w:lang vi-VN)", "docs/nd30-layout.md §9"),
    ("ND30-DOCX-NFC", Severity::Warning, "text is stored precomposed (NFC)", "docs/nd30-layout.md §9"),
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
                    format!(
                        "paragraph {}: «{}»: {message}",
                        p + 1,
                        crate::import::excerpt(&text, 50)
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

/// Half-points as points, for messages: 26 → "13".
pub fn pt(half_points: u32) -> String {
    if half_points.is_multiple_of(2) {
        format!("{}", half_points / 2)
    } else {
        format!("{:.1}", half_points as f32 / 2.0)
    }
}

/// The rule table for `check --list-rules --docx`.
pub fn rules_table() -> String {
    let mut out = String::new();
    for (id, sev, what, clause) in RULES {
        let sev = match sev {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        out.push_str(&format!("{id:<32} {sev:<8} {what} ({clause})\n"));
    }
    out
}
