//! Finding Decree 30's elements in a DOCX by text and position, never by style name:
//! the header block may be a table, tab-separated paragraphs or lines split by
//! `w:br`; the signature block a table or paragraphs; appendices are the "Phụ lục"
//! headings after the signature, each followed by its table.

use super::model::{Align, BlockRef, DocFacts, RunFacts};
use super::text::{is_rule_line, is_upper, key, squash, strip_prefix_ci};
use crate::plan::DocKind;

/// A piece of a paragraph: a line (split at `w:br`) of one tab-separated column.
#[derive(Debug, Clone, Default)]
pub(crate) struct Piece {
    pub para: usize,
    pub text: String,
    pub runs: Vec<RunFacts>,
    /// 0 for the left column (first cell, or text before the first tab), 1 for the right.
    pub column: u8,
    pub align: Align,
    /// Placed by tabs rather than by a cell or the paragraph's alignment, so the
    /// paragraph's alignment says nothing about where this piece shows.
    pub tabbed: bool,
}

impl Piece {
    fn visible(&self) -> impl Iterator<Item = &RunFacts> {
        self.runs.iter().filter(|r| !r.text.trim().is_empty())
    }
    /// The largest size among the visible runs, in half-points.
    pub fn size(&self) -> Option<u32> {
        self.visible().map(|r| r.size).max()
    }
    pub(crate) fn min_size(&self) -> Option<u32> {
        self.visible().map(|r| r.size).min()
    }
    pub fn bold(&self) -> bool {
        let mut v = self.visible().peekable();
        v.peek().is_some() && v.all(|r| r.bold)
    }
    pub fn italic(&self) -> bool {
        let mut v = self.visible().peekable();
        v.peek().is_some() && v.all(|r| r.italic)
    }
    pub(crate) fn any_bold(&self) -> bool {
        self.visible().any(|r| r.bold)
    }
    pub(crate) fn any_italic(&self) -> bool {
        self.visible().any(|r| r.italic)
    }
    /// The text as displayed (`w:caps` shows capitals).
    pub fn shown(&self) -> String {
        squash(&super::model::shown(&self.runs))
    }
}

/// Splits a paragraph at tabs (columns) and line breaks (lines) into trimmed pieces.
/// The first tab-separated text is the left column unless tabs push it right.
pub fn pieces(facts: &DocFacts, para: usize) -> Vec<Piece> {
    let p = facts.para(para);
    // (tab segment, runs) for every line of every segment.
    let mut parts: Vec<(usize, Vec<RunFacts>)> = vec![(0, Vec::new())];
    let label = p.label.as_ref().map(|l| RunFacts {
        text: format!("{l} "),
        ..p.runs.first().cloned().unwrap_or_default()
    });
    for run in label.iter().chain(&p.runs) {
        let mut buf = String::new();
        for c in run.text.chars() {
            if c == '\t' || c == '\n' {
                let (segment, runs) = parts.last_mut().expect("never empty");
                let segment = *segment;
                if !buf.is_empty() {
                    runs.push(RunFacts {
                        text: std::mem::take(&mut buf),
                        ..run.clone()
                    });
                }
                parts.push((segment + usize::from(c == '\t'), Vec::new()));
            } else {
                buf.push(c);
            }
        }
        if !buf.is_empty() {
            parts.last_mut().expect("never empty").1.push(RunFacts {
                text: buf,
                ..run.clone()
            });
        }
    }
    let mut out: Vec<Piece> = Vec::new();
    let mut first_segment = None;
    let tabbed = parts
        .iter()
        .any(|(segment, runs)| *segment > 0 && runs.iter().any(|r| !r.text.trim().is_empty()));
    for (segment, runs) in parts {
        let text = squash(&runs.iter().map(|r| r.text.as_str()).collect::<String>());
        if text.is_empty() {
            continue;
        }
        let first = *first_segment.get_or_insert(segment);
        let left = segment == first && first == 0;
        out.push(Piece {
            para,
            text,
            runs,
            column: u8::from(!left),
            align: p.align,
            tabbed,
        });
    }
    out
}

/// The header block (ô 1–4).
#[derive(Debug, Clone, Default)]
pub(crate) struct HeaderBlock {
    pub quoc_hieu: Option<Piece>,
    pub tieu_ngu: Option<Piece>,
    /// Agency lines in order (chủ quản first, then the issuing body).
    pub agency: Vec<Piece>,
    pub so: Option<Piece>,
    pub date: Option<Piece>,
    pub other: Vec<Piece>,
    /// The table that holds the block, if it is one.
    pub table: Option<usize>,
}

/// The signature block (ô 7, 9b).
#[derive(Debug, Clone, Default)]
pub(crate) struct SignBlock {
    pub label: Option<Piece>,
    pub recipients: Vec<Piece>,
    pub authority: Vec<Piece>,
    pub name: Option<Piece>,
    pub other: Vec<Piece>,
    pub table: Option<usize>,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct AppendixBlock {
    pub heading: Piece,
    /// Title text given on the heading line itself ("Phụ lục I: TITLE").
    pub inline_title: Option<String>,
    pub title: Vec<Piece>,
    pub kem_theo: Option<Piece>,
    pub table: Option<usize>,
    pub other: Vec<Piece>,
    /// Paragraphs after the task table (notes such as "Ghi chú: …"), "./." excluded.
    pub after_table: Vec<Piece>,
    /// "./." follows the table.
    pub end_mark: bool,
}

/// "(Kèm theo …)" or "(Ban hành kèm theo …)".
pub(crate) fn is_caption(text: &str) -> bool {
    let t = text.trim_start_matches('(');
    let t = strip_prefix_ci(t, "ban hành ").unwrap_or(t);
    text.starts_with('(') && strip_prefix_ci(t, "kèm theo").is_some()
}

/// Everything found, with what was left over.
#[derive(Debug, Clone, Default)]
pub struct Layout {
    pub header: HeaderBlock,
    pub kind: Option<(DocKind, Piece)>,
    pub summary: Vec<Piece>,
    /// Body paragraphs (non-blank, outside tables) between the summary and the signature.
    pub body: Vec<usize>,
    /// Tables inside the body (kept as unplaced text by import).
    pub body_tables: Vec<usize>,
    pub sign: SignBlock,
    pub appendices: Vec<AppendixBlock>,
}

/// The document type a title line names ("KẾ HOẠCH").
pub(crate) fn kind_of_title(text: &str) -> Option<DocKind> {
    let k = key(text);
    DocKind::ALL
        .into_iter()
        .filter(|d| !d.is_legal())
        .find(|d| key(&d.title()) == k)
}

pub(crate) fn is_quoc_hieu(text: &str) -> bool {
    key(text) == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
}

pub(crate) fn is_tieu_ngu(text: &str) -> bool {
    key(&text.replace('\u{2011}', "-"))
        .replace(" - ", " ")
        .replace('-', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        == "ĐỘC LẬP TỰ DO HẠNH PHÚC"
}

pub(crate) fn is_so_line(text: &str) -> bool {
    let k = key(text);
    k.starts_with("SỐ:") || k.starts_with("SỐ :")
}

pub(crate) fn is_date_line(text: &str) -> bool {
    let k = key(text);
    k.contains("NGÀY") && k.contains("THÁNG") && k.contains("NĂM")
}

pub(crate) fn is_recipients_label(text: &str) -> bool {
    strip_prefix_ci(squash(text).as_str(), "nơi nhận").is_some()
}

pub(crate) const SIGN_PREFIXES: [&str; 5] = ["TM.", "KT.", "TL.", "TUQ.", "Q."];

pub(crate) fn is_authority_line(text: &str) -> bool {
    let t = squash(text);
    SIGN_PREFIXES.iter().any(|p| t.starts_with(p))
}

/// "Phụ lục", "Phụ lục I", "PHỤ LỤC II: TITLE" → (numeral, inline title).
pub(crate) fn appendix_heading(text: &str) -> Option<(Option<String>, Option<String>)> {
    let t = squash(text);
    let rest = strip_prefix_ci(&t, "phụ lục")?;
    if !(rest.is_empty() || rest.starts_with([' ', ':', '.', '-', '–'])) {
        return None;
    }
    let rest = rest.trim_start();
    let (numeral, tail) = match rest.split_once([' ', ':', '.']) {
        Some((n, tail)) => (n, tail),
        None => (rest, ""),
    };
    let numeral_ok = !numeral.is_empty()
        && (numeral
            .chars()
            .all(|c| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C'))
            || numeral.chars().all(|c| c.is_ascii_digit()));
    let (numeral, tail) = if numeral_ok {
        (Some(numeral.to_owned()), tail)
    } else {
        (None, rest)
    };
    let tail = tail.trim_start_matches([' ', ':', '.', '-', '–']).trim();
    // A body sentence that starts with "Phụ lục" is not a heading.
    if !tail.is_empty() && !is_upper(tail) {
        return None;
    }
    Some((numeral, (!tail.is_empty()).then(|| tail.to_owned())))
}

/// Pieces of every paragraph of a table, row by row, left cell before right cell.
fn table_pieces(facts: &DocFacts, table: usize) -> Vec<Piece> {
    let mut out = Vec::new();
    let t = &facts.tables[table];
    for row in &t.rows {
        for (i, cell) in row.cells.iter().enumerate() {
            for &p in &cell.paras {
                for mut piece in pieces(facts, p) {
                    piece.column = u8::from(i > 0 || piece.column > 0);
                    out.push(piece);
                }
            }
            for &nested in &cell.tables {
                for mut piece in table_pieces(facts, nested) {
                    piece.column = u8::from(i > 0 || piece.column > 0);
                    out.push(piece);
                }
            }
        }
    }
    out
}

fn table_text(facts: &DocFacts, table: usize) -> Vec<String> {
    table_pieces(facts, table)
        .into_iter()
        .map(|p| p.text)
        .collect()
}

fn is_signature_table(facts: &DocFacts, table: usize) -> bool {
    table_text(facts, table)
        .iter()
        .any(|t| is_recipients_label(t) || is_authority_line(t))
}

/// Whether a table looks like a task table (a "STT"/"TT" column and a content column).
pub(crate) fn is_task_table(facts: &DocFacts, table: usize) -> bool {
    let t = &facts.tables[table];
    t.rows.iter().take(3).any(|row| {
        let texts: Vec<String> = row
            .cells
            .iter()
            .map(|c| {
                c.paras
                    .iter()
                    .map(|&p| squash(&facts.para(p).text()))
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        texts.len() >= 2
            && texts
                .iter()
                .any(|t| matches!(key(t).as_str(), "STT" | "TT" | "SỐ TT" | "SỐ THỨ TỰ"))
    })
}

pub(crate) fn locate(facts: &DocFacts) -> Layout {
    let mut layout = Layout::default();
    let blocks = &facts.blocks;
    // 1. The type line ("KẾ HOẠCH") splits the header from the rest.
    let mut title_at = None;
    for (i, b) in blocks.iter().enumerate() {
        if let BlockRef::Para(p) = b {
            let shown = pieces(facts, *p);
            if let [only] = shown.as_slice() {
                if let Some(kind) = kind_of_title(&only.shown()) {
                    layout.kind = Some((kind, only.clone()));
                    title_at = Some(i);
                    break;
                }
            }
        }
    }
    let header_end = title_at.unwrap_or(0);
    header(facts, &blocks[..header_end], &mut layout.header);
    // 2. The summary: centred lines right after the type line.
    let mut i = title_at.map_or(0, |t| t + 1);
    if title_at.is_some() {
        while let Some(BlockRef::Para(p)) = blocks.get(i) {
            let para = facts.para(*p);
            let text = squash(&para.text());
            if text.is_empty() || is_rule_line(&text) {
                if !layout.summary.is_empty() {
                    i += 1;
                    break;
                }
                i += 1;
                continue;
            }
            // A summary in capitals may start "THỰC HIỆN …" and still be the summary.
            let opening = !is_upper(&text)
                && ["Căn cứ", "Thực hiện"]
                    .iter()
                    .any(|w| strip_prefix_ci(&text, w).is_some());
            if para.align != Align::Center || opening {
                break;
            }
            layout.summary.extend(pieces(facts, *p));
            i += 1;
        }
    }
    // 3. The signature block: the first table or paragraph that holds "Nơi nhận" or an
    //    authority line; appendices start at the first "Phụ lục" heading after it.
    let sign_at = (i..blocks.len()).find(|&k| match blocks[k] {
        BlockRef::Table(t) => is_signature_table(facts, t),
        BlockRef::Para(p) => {
            let ps = pieces(facts, p);
            ps.iter().any(|piece| is_recipients_label(&piece.text))
                || (facts.para(p).align != Align::Justify
                    && ps.iter().any(|piece| is_authority_line(&piece.text)))
        }
    });
    let appendix_from = sign_at.unwrap_or(i);
    let appendix_at = (appendix_from..blocks.len()).find(|&k| match blocks[k] {
        BlockRef::Para(p) => {
            let para = facts.para(p);
            para.align != Align::Justify && appendix_heading(&para.text()).is_some()
        }
        BlockRef::Table(_) => false,
    });
    let body_end = sign_at.or(appendix_at).unwrap_or(blocks.len());
    for b in &blocks[i.min(body_end)..body_end] {
        match b {
            BlockRef::Para(p) if !facts.para(*p).is_blank() => layout.body.push(*p),
            BlockRef::Para(_) => {}
            BlockRef::Table(t) => layout.body_tables.push(*t),
        }
    }
    if let Some(s) = sign_at {
        let end = appendix_at.unwrap_or(blocks.len());
        signature(facts, &blocks[s..end], &mut layout.sign);
    }
    if let Some(a) = appendix_at {
        appendices(facts, &blocks[a..], &mut layout.appendices);
    }
    layout
}

fn header(facts: &DocFacts, blocks: &[BlockRef], out: &mut HeaderBlock) {
    let mut all = Vec::new();
    for b in blocks {
        match *b {
            BlockRef::Para(p) => all.extend(pieces(facts, p)),
            BlockRef::Table(t) => {
                out.table.get_or_insert(t);
                all.extend(table_pieces(facts, t));
            }
        }
    }
    // The Quốc hiệu broken over two lines of its column ("… CHỦ NGHĨA VIỆT" / "NAM"),
    // by a narrow cell or by hand, is still one line of the header.
    let mut joined: Vec<Piece> = Vec::with_capacity(all.len());
    for piece in all {
        let completes = joined.last().is_some_and(|last: &Piece| {
            last.column == piece.column
                && !is_quoc_hieu(&last.shown())
                && is_quoc_hieu(&format!("{} {}", last.shown(), piece.shown()))
        });
        match joined.last_mut() {
            Some(last) if completes => {
                last.text = format!("{} {}", last.text, piece.text);
                last.runs.push(RunFacts {
                    text: " ".into(),
                    ..piece.runs.first().cloned().unwrap_or_default()
                });
                last.runs.extend(piece.runs);
            }
            _ => joined.push(piece),
        }
    }
    let mut last_para = None;
    for piece in joined {
        let text = piece.shown();
        // A header typed with tabs may start with a tab: the first piece of a line
        // is still the left column.
        let first_of_line = last_para != Some(piece.para);
        last_para = Some(piece.para);
        if is_rule_line(&text) {
            continue;
        }
        if out.quoc_hieu.is_none() && is_quoc_hieu(&text) {
            out.quoc_hieu = Some(piece);
        } else if out.tieu_ngu.is_none() && is_tieu_ngu(&text) {
            out.tieu_ngu = Some(piece);
        } else if out.so.is_none() && is_so_line(&text) {
            out.so = Some(piece);
        } else if out.date.is_none() && is_date_line(&text) {
            out.date = Some(piece);
        } else if (piece.column == 0 || (piece.tabbed && first_of_line))
            && is_upper(&text)
            && out.so.is_none()
        {
            out.agency.push(piece);
        } else {
            out.other.push(piece);
        }
    }
}

fn signature(facts: &DocFacts, blocks: &[BlockRef], out: &mut SignBlock) {
    let mut left = Vec::new();
    let mut right = Vec::new();
    for b in blocks {
        match *b {
            BlockRef::Table(t) => {
                out.table.get_or_insert(t);
                for piece in table_pieces(facts, t) {
                    if piece.column == 0 {
                        left.push(piece)
                    } else {
                        right.push(piece)
                    }
                }
            }
            BlockRef::Para(p) => {
                for piece in pieces(facts, p) {
                    let text = piece.text.as_str();
                    let goes_left = piece.column == 0
                        && (is_recipients_label(text)
                            || text.starts_with(['-', '+', '–'])
                            || (!left.is_empty()
                                && piece.align == Align::Left
                                && !is_authority_line(text)
                                && right.is_empty()));
                    if goes_left {
                        left.push(piece)
                    } else {
                        right.push(piece)
                    }
                }
            }
        }
    }
    for piece in left {
        if out.label.is_none() && is_recipients_label(&piece.text) {
            // "Nơi nhận: - UBND …" on one line: the rest is the first recipient.
            let rest = strip_prefix_ci(&piece.text, "nơi nhận")
                .unwrap_or("")
                .trim_start_matches([':', ' '])
                .trim()
                .to_owned();
            out.label = Some(piece.clone());
            if !rest.is_empty() {
                out.recipients.push(Piece {
                    text: rest,
                    ..piece
                });
            }
        } else if piece.text.starts_with(['-', '+', '–']) || out.recipients.is_empty() {
            out.recipients.push(piece);
        } else if let Some(last) = out.recipients.last_mut() {
            // A recipient wrapped by hand onto a second line.
            last.text = format!("{} {}", last.text, piece.text);
            last.runs.extend(piece.runs);
        }
    }
    let name_at = right
        .iter()
        .rposition(|p| !is_upper(&p.text) && !p.text.starts_with('('));
    for (k, piece) in right.into_iter().enumerate() {
        if Some(k) == name_at {
            out.name = Some(piece);
        } else if is_upper(&piece.text) && name_at.is_none_or(|n| k < n) {
            out.authority.push(piece);
        } else {
            out.other.push(piece);
        }
    }
}

fn appendices(facts: &DocFacts, blocks: &[BlockRef], out: &mut Vec<AppendixBlock>) {
    for b in blocks {
        match *b {
            BlockRef::Para(p) => {
                let para = facts.para(p);
                let text = squash(&para.text());
                if text.is_empty() || is_rule_line(&text) {
                    continue;
                }
                let heading = (para.align != Align::Justify)
                    .then(|| appendix_heading(&text))
                    .flatten();
                if let Some((_, inline_title)) = heading {
                    let piece = pieces(facts, p).into_iter().next().unwrap_or_default();
                    out.push(AppendixBlock {
                        heading: piece,
                        inline_title,
                        ..AppendixBlock::default()
                    });
                    continue;
                }
                let Some(current) = out.last_mut() else {
                    continue;
                };
                for piece in pieces(facts, p) {
                    if current.table.is_some() && piece.text.trim() == "./." {
                        current.end_mark = true;
                        continue;
                    }
                    if current.table.is_some() {
                        current.after_table.push(piece);
                        continue;
                    }
                    if is_caption(&piece.text) && current.kem_theo.is_none() {
                        current.kem_theo = Some(piece);
                    } else if current.table.is_none()
                        && current.kem_theo.is_none()
                        && piece.align == Align::Center
                    {
                        current.title.push(piece);
                    } else {
                        current.other.push(piece);
                    }
                }
            }
            BlockRef::Table(t) => {
                let Some(current) = out.last_mut() else {
                    continue;
                };
                if current.table.is_none() && is_task_table(facts, t) {
                    current.table = Some(t);
                } else {
                    current.other.extend(table_pieces(facts, t));
                }
            }
        }
    }
}
