//! `word/document.xml` written straight from the document tree, in one pass into one
//! `String`. Property children are written in the order the WordprocessingML schema
//! gives them (`schema.rs`; the tests check every container against it); revision ids
//! count up in document order (a row's revision before its cells, a paragraph mark's
//! before its runs). Paragraphs carry no `w14:paraId`: the schema does not ask for one,
//! and Word gives paragraphs ids of its own when it saves.

use std::fmt::Write as _;

use super::grid::{centred, fit_cells, grid_line_size, shape, CELL_PADDING_TWIPS};
use super::rule::{self, CARRIER_LINE_TWIPS};
use super::skeleton::HEADER_RIDS;
use super::styles::style_id;
use super::text::{clean_text_cow, revision_date};
use crate::document::{
    Block, Change, ChangeKind, Para, Part, PartKind, Row, Run, Table, TableKind, VMerge,
};
use crate::profile::Profile;

const HEAD: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<w:document xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:v="urn:schemas-microsoft-com:vml" xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:w10="urn:schemas-microsoft-com:office:word" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:wpg="http://schemas.microsoft.com/office/word/2010/wordprocessingGroup" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wp14="http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml" mc:Ignorable="w14 wp14">"#,
    "<w:body>"
);

/// The finished body.
pub(super) fn document_xml(parts: &[Part], profile: &Profile) -> String {
    let mut w = Writer {
        // Roughly 500 bytes per paragraph; growing a String is cheap anyway.
        out: String::with_capacity(4096 + 600 * count_paragraphs(parts)),
        revisions: 0,
        profile,
    };
    w.out.push_str(HEAD);
    let fallback = [Part {
        kind: PartKind::Main,
        landscape: false,
        blocks: Vec::new(),
    }];
    let parts = if parts.is_empty() {
        &fallback[..]
    } else {
        parts
    };
    for (i, part) in parts.iter().enumerate() {
        let last = i + 1 == parts.len();
        w.part(part, !last);
        if last {
            w.sect_pr(part);
        }
    }
    w.out.push_str("</w:body></w:document>");
    w.out
}

fn count_paragraphs(parts: &[Part]) -> usize {
    parts
        .iter()
        .flat_map(|p| &p.blocks)
        .map(|b| match b {
            Block::Para(_) => 2,
            Block::Table(t) => t.rows.iter().map(|r| r.cells.len() + 1).sum(),
        })
        .sum()
}

struct Writer<'a> {
    out: String,
    revisions: u32,
    profile: &'a Profile,
}

/// A paragraph's properties besides its style.
#[derive(Default)]
struct ParaProps<'a> {
    style: Option<&'static str>,
    keep_next: bool,
    /// `w:keepNext w:val="0"`: compose unchained a paragraph its style keeps with the next.
    keep_next_off: bool,
    /// A paragraph that takes (almost) no room: a section's carrier after a table.
    tiny: bool,
    /// `w:spacing w:after="0"` of a paragraph whose rule takes over its space after.
    after_zero: bool,
    rule: Option<rule::Geometry>,
    mark: Option<&'a Change>,
    section: Option<&'a Part>,
}

impl Writer<'_> {
    /// A part's blocks; a part that is not the last closes its section with its last
    /// paragraph (or an extra one after a table, which cannot hold a `sectPr`).
    fn part(&mut self, part: &Part, close: bool) {
        let page = self.profile.page(part.landscape);
        let text_width = page.width.twips() - page.left.twips() - page.right.twips();
        // The last top-level paragraph is written only once we know whether it closes
        // the section, so it is held back.
        let mut held: Option<&Para> = None;
        let mut last_was_table = false;
        let mut wrote_any = false;
        for block in &part.blocks {
            match block {
                Block::Para(p) => {
                    if let Some(prev) = held.take() {
                        self.paragraph(prev, None, text_width, None);
                    }
                    held = Some(p);
                    last_was_table = false;
                    wrote_any = true;
                }
                Block::Table(t) => {
                    let Some(s) = shape(t, text_width) else {
                        continue;
                    };
                    if let Some(prev) = held.take() {
                        self.paragraph(prev, None, text_width, None);
                    }
                    // Word merges tables that touch; a paragraph keeps them apart.
                    if last_was_table {
                        self.empty_paragraph(None);
                    }
                    self.table(t, &s.grid, s.header_rows);
                    last_was_table = true;
                    wrote_any = true;
                }
            }
        }
        let section = close.then_some(part);
        match held {
            Some(p) => self.paragraph(p, None, text_width, section),
            // The paragraph that closes the section after a table (the signature block)
            // is one twip high: at full size it would spill onto a page of its own
            // whenever the table ends at the foot of a page.
            None if close && last_was_table => {
                self.out.push_str("<w:p>");
                self.ppr(&ParaProps {
                    section,
                    tiny: true,
                    ..ParaProps::default()
                });
                self.out.push_str("</w:p>");
            }
            None if close || !wrote_any => self.empty_paragraph(section),
            None => {}
        }
    }

    fn empty_paragraph(&mut self, section: Option<&Part>) {
        self.out.push_str("<w:p>");
        self.ppr(&ParaProps {
            section,
            ..ParaProps::default()
        });
        self.out.push_str("</w:p>");
    }

    /// A document paragraph and the rule under it; `inherited` is its row's change.
    fn paragraph(
        &mut self,
        para: &Para,
        inherited: Option<&Change>,
        container: i32,
        section: Option<&Part>,
    ) {
        let style = self.profile.style(para.role);
        let whole = para.change.as_ref().or(inherited);
        let rule = para
            .rule_below
            .and_then(|r| rule::geometry(para, r, &style, container, self.profile));
        let keep = para.keep_next.unwrap_or(style.keep_next);
        self.out.push_str("<w:p>");
        self.ppr(&ParaProps {
            style: Some(style_id(para.role)),
            keep_next: rule.is_some() || (keep && !style.keep_next),
            keep_next_off: rule.is_none() && !keep && style.keep_next,
            after_zero: rule.is_some(),
            mark: whole,
            // With a rule, the section goes on the rule paragraph (the last one).
            section: if rule.is_some() { None } else { section },
            ..ParaProps::default()
        });
        for run in &para.runs {
            self.run(run, run.change.as_ref().or(whole));
        }
        self.out.push_str("</w:p>");
        if let Some(g) = rule {
            self.out.push_str("<w:p>");
            self.ppr(&ParaProps {
                keep_next: g.keep_next,
                rule: Some(g),
                mark: whole,
                section,
                ..ParaProps::default()
            });
            self.out.push_str("</w:p>");
        }
    }

    /// `w:pPr` in schema order.
    fn ppr(&mut self, p: &ParaProps) {
        self.out.push_str("<w:pPr>");
        if let Some(id) = p.style {
            self.out.push_str(r#"<w:pStyle w:val=""#);
            self.out.push_str(id);
            self.out.push_str(r#"" />"#);
        }
        if p.keep_next {
            self.out.push_str("<w:keepNext />");
        } else if p.keep_next_off {
            self.out.push_str(r#"<w:keepNext w:val="0" />"#);
        }
        if let Some(g) = &p.rule {
            let _ = write!(
                self.out,
                concat!(
                    r#"<w:pBdr><w:bottom w:val="single" w:space="0" w:sz="{}" w:color="000000" /></w:pBdr>"#,
                    r#"<w:spacing w:before="0" w:after="{}" w:line="{}" w:lineRule="exact" />"#,
                    r#"<w:ind w:left="{}" w:right="{}" />"#
                ),
                g.size, g.after, CARRIER_LINE_TWIPS, g.side, g.side
            );
        } else if p.tiny {
            self.out.push_str(
                r#"<w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact" />"#,
            );
        } else if p.after_zero {
            self.out.push_str(r#"<w:spacing w:after="0" />"#);
        }
        if p.tiny {
            self.out
                .push_str(r#"<w:rPr><w:sz w:val="2" /><w:szCs w:val="2" /></w:rPr>"#);
        } else {
            // The paragraph mark's properties, written only when it has some.
            if let Some(c) = p.mark {
                self.out.push_str("<w:rPr>");
                self.revision(c, true);
                self.out.push_str("</w:rPr>");
            }
        }
        if let Some(part) = p.section {
            self.sect_pr(part);
        }
        self.out.push_str("</w:pPr>");
    }

    /// `<w:ins …>` or `<w:del …>` with a fresh id; `empty` closes it at once.
    fn revision(&mut self, c: &Change, empty: bool) {
        self.revisions += 1;
        let tag = match c.kind {
            ChangeKind::Inserted => "w:ins",
            ChangeKind::Deleted => "w:del",
        };
        self.out.push('<');
        self.out.push_str(tag);
        self.out.push_str(r#" w:id=""#);
        push_decimal(&mut self.out, self.revisions.into());
        self.out.push_str(r#"" w:author=""#);
        escape_into(&mut self.out, &clean_text_cow(&c.author));
        self.out.push_str(r#"" w:date=""#);
        escape_into(&mut self.out, &revision_date(&c.date));
        self.out.push_str(if empty { "\"/>" } else { "\">" });
    }

    fn run(&mut self, run: &Run, change: Option<&Change>) {
        if let Some(c) = change {
            self.revision(c, false);
        }
        let deleted = matches!(change, Some(c) if c.kind == ChangeKind::Deleted);
        if let Some(n) = run.note {
            // The footnote reference; the mark itself ("[1]") is the text that follows,
            // so the paragraph reads as printed.
            let _ = write!(
                self.out,
                r#"<w:r><w:rPr><w:vertAlign w:val="superscript" /></w:rPr><w:footnoteReference w:customMarkFollows="1" w:id="{}" /></w:r>"#,
                n + 1
            );
        }
        let emphasis = match (run.bold, run.italic) {
            (false, false) => "",
            (true, false) => "<w:b /><w:bCs />",
            (false, true) => "<w:i /><w:iCs />",
            (true, true) => "<w:b /><w:bCs /><w:i /><w:iCs />",
        };
        match (emphasis, run.note.is_some()) {
            ("", false) => self.out.push_str("<w:r>"),
            (e, note) => {
                self.out.push_str("<w:r><w:rPr>");
                self.out.push_str(e);
                if note {
                    self.out.push_str(r#"<w:vertAlign w:val="superscript" />"#);
                }
                self.out.push_str("</w:rPr>");
            }
        }
        let text = clean_text_cow(&run.text);
        for (i, line) in text.split('\n').enumerate() {
            if i > 0 {
                self.out.push_str(r#"<w:br w:type="textWrapping" />"#);
            }
            for (j, piece) in line.split('\t').enumerate() {
                if j > 0 {
                    self.out.push_str("<w:tab />");
                }
                if piece.is_empty() {
                    continue;
                }
                // A reader may drop spaces at either end of a text, or a run of them,
                // unless told to keep them (Word marks only such texts too).
                let keep = piece.starts_with(' ') || piece.ends_with(' ') || piece.contains("  ");
                let (open, close) = match (deleted, keep) {
                    (true, true) => (r#"<w:delText xml:space="preserve">"#, "</w:delText>"),
                    (true, false) => ("<w:delText>", "</w:delText>"),
                    (false, true) => (r#"<w:t xml:space="preserve">"#, "</w:t>"),
                    (false, false) => ("<w:t>", "</w:t>"),
                };
                self.out.push_str(open);
                escape_into(&mut self.out, piece);
                self.out.push_str(close);
            }
        }
        self.out.push_str("</w:r>");
        match change.map(|c| c.kind) {
            Some(ChangeKind::Inserted) => self.out.push_str("</w:ins>"),
            Some(ChangeKind::Deleted) => self.out.push_str("</w:del>"),
            None => {}
        }
    }

    fn table(&mut self, t: &Table, grid: &[usize], header_rows: usize) {
        let (kind, size) = match t.kind {
            TableKind::Layout => ("nil", 0),
            TableKind::Grid => ("single", grid_line_size(self.profile)),
        };
        let width: usize = grid.iter().sum();
        let _ = write!(
            self.out,
            r#"<w:tbl><w:tblPr><w:tblW w:w="{width}" w:type="dxa" /><w:jc w:val="left" /><w:tblBorders>"#
        );
        for side in ["top", "left", "bottom", "right", "insideH", "insideV"] {
            let _ = write!(
                self.out,
                r#"<w:{side} w:val="{kind}" w:sz="{size}" w:space="0" w:color="000000" />"#
            );
        }
        let pad = CELL_PADDING_TWIPS;
        let _ = write!(
            self.out,
            concat!(
                r#"</w:tblBorders><w:tblLayout w:type="fixed" /><w:tblCellMar>"#,
                r#"<w:top w:w="0" w:type="dxa" /><w:left w:w="{pad}" w:type="dxa" />"#,
                r#"<w:bottom w:w="0" w:type="dxa" /><w:right w:w="{pad}" w:type="dxa" />"#,
                r#"</w:tblCellMar></w:tblPr><w:tblGrid>"#
            ),
            pad = pad
        );
        for w in grid {
            let _ = write!(self.out, r#"<w:gridCol w:w="{w}" w:type="dxa" />"#);
        }
        self.out.push_str("</w:tblGrid>");
        for (i, r) in t.rows.iter().enumerate() {
            self.row(r, i < header_rows, grid);
        }
        self.out.push_str("</w:tbl>");
    }

    fn row(&mut self, r: &Row, header: bool, grid: &[usize]) {
        // A header row may break across pages (it repeats instead).
        match (header, &r.change) {
            (true, None) => self.out.push_str("<w:tr><w:trPr><w:tblHeader/></w:trPr>"),
            (true, Some(c)) => {
                self.out.push_str("<w:tr><w:trPr><w:tblHeader/>");
                self.revision(c, true);
                self.out.push_str("</w:trPr>");
            }
            (false, None) => self.out.push_str("<w:tr><w:trPr><w:cantSplit /></w:trPr>"),
            (false, Some(c)) => {
                self.out.push_str("<w:tr><w:trPr><w:cantSplit />");
                self.revision(c, true);
                self.out.push_str("</w:trPr>");
            }
        }
        for (i, (start, span, paras)) in fit_cells(&r.cells, grid.len()).into_iter().enumerate() {
            let merge = r.cells.get(i).map(|c| c.merge).unwrap_or_default();
            let width: usize = grid[start..start + span].iter().sum();
            self.out.push_str(r#"<w:tc><w:tcPr><w:tcW w:w=""#);
            push_decimal(&mut self.out, width as u64);
            self.out.push_str(r#"" w:type="dxa" />"#);
            if span > 1 {
                self.out.push_str(r#"<w:gridSpan w:val=""#);
                push_decimal(&mut self.out, span as u64);
                self.out.push_str(r#"" />"#);
            }
            match merge {
                VMerge::Start => self.out.push_str(r#"<w:vMerge w:val="restart" />"#),
                VMerge::Continue => self.out.push_str("<w:vMerge />"),
                VMerge::None => {}
            }
            // A continued cell shows the text of the one above it.
            let paras = if merge == VMerge::Continue {
                Vec::new()
            } else {
                paras
            };
            if centred(r, &paras) {
                self.out.push_str(r#"<w:vAlign w:val="center" />"#);
            }
            self.out.push_str("</w:tcPr>");
            let inner = width as i32 - 2 * CELL_PADDING_TWIPS;
            for p in &paras {
                self.paragraph(p, r.change.as_ref(), inner, None);
            }
            // A cell must hold a paragraph.
            if paras.is_empty() {
                self.empty_paragraph(None);
            }
            self.out.push_str("</w:tc>");
        }
        self.out.push_str("</w:tr>");
    }

    /// A section's `sectPr`: geometry plus the two shared header parts.
    fn sect_pr(&mut self, part: &Part) {
        let page = self.profile.page(part.landscape);
        let orient = if part.landscape {
            "landscape"
        } else {
            "portrait"
        };
        let (default, first) = HEADER_RIDS;
        let _ = write!(
            self.out,
            concat!(
                r#"<w:sectPr><w:headerReference w:type="default" r:id="{}" />"#,
                r#"<w:headerReference w:type="first" r:id="{}" />"#,
                r#"<w:pgSz w:w="{}" w:h="{}" w:orient="{}" />"#,
                r#"<w:pgMar w:top="{}" w:right="{}" w:bottom="{}" w:left="{}" w:header="{}" w:footer="{}" w:gutter="0" />"#
            ),
            default,
            first,
            page.width.twips().max(0) as u32,
            page.height.twips().max(0) as u32,
            orient,
            page.top.twips(),
            page.right.twips(),
            page.bottom.twips(),
            page.left.twips(),
            page.header.twips(),
            page.header.twips(),
        );
        if part.kind == PartKind::Appendix {
            self.out.push_str(r#"<w:pgNumType w:start="1" />"#);
        }
        self.out
            .push_str(r#"<w:cols w:space="425" w:num="1" /><w:titlePg /></w:sectPr>"#);
    }
}

fn push_decimal(out: &mut String, n: u64) {
    let _ = write!(out, "{n}");
}

/// XML escaping for text and attribute values: the five entities, and a newline as a
/// character reference (it only occurs in authors, where a raw one would be normalised
/// to a space).
fn escape_into(out: &mut String, s: &str) {
    let mut start = 0;
    for (i, b) in s.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&apos;",
            b'\n' => "&#xA;",
            b'\r' => "",
            _ => continue,
        };
        // All of these are ASCII, so `i` is on a character boundary.
        out.push_str(&s[start..i]);
        out.push_str(entity);
        start = i + 1;
    }
    out.push_str(&s[start..]);
}

/// `word/footnotes.xml`: the separators Word expects, then each note as one paragraph
/// starting with its printed mark (the reference in the text uses a custom mark).
pub(super) fn footnotes_xml(notes: &[crate::document::Footnote], profile: &Profile) -> String {
    let size = (profile.style(crate::document::Role::Recipient).size.0 * 2.0).round() as u32;
    let mut out = String::from(concat!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
        r#"<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#,
        r#"<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto" /></w:pPr><w:r><w:separator /></w:r></w:p></w:footnote>"#,
        r#"<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto" /></w:pPr><w:r><w:continuationSeparator /></w:r></w:p></w:footnote>"#,
    ));
    for (i, note) in notes.iter().enumerate() {
        let _ = write!(
            out,
            r#"<w:footnote w:id="{}"><w:p><w:pPr><w:jc w:val="both" /></w:pPr><w:r><w:rPr><w:sz w:val="{size}" /><w:szCs w:val="{size}" /><w:vertAlign w:val="superscript" /></w:rPr><w:t xml:space="preserve">"#,
            i + 1
        );
        escape_into(&mut out, &clean_text_cow(&note.mark));
        out.push_str("</w:t></w:r>");
        for (k, run) in note.runs.iter().enumerate() {
            out.push_str("<w:r><w:rPr>");
            if run.bold {
                out.push_str("<w:b /><w:bCs />");
            }
            if run.italic {
                out.push_str("<w:i /><w:iCs />");
            }
            let _ = write!(
                out,
                r#"<w:sz w:val="{size}" /><w:szCs w:val="{size}" /></w:rPr><w:t xml:space="preserve">"#
            );
            if k == 0 {
                out.push(' ');
            }
            escape_into(&mut out, &clean_text_cow(&run.text));
            out.push_str("</w:t></w:r>");
        }
        out.push_str("</w:p></w:footnote>");
    }
    out.push_str("</w:footnotes>");
    out
}

#[cfg(test)]
mod tests {
    use super::escape_into;

    #[test]
    fn escapes_text_and_attributes() {
        let mut out = String::new();
        escape_into(&mut out, "Tổ <A> & 'B' \"C\"\nD\r");
        assert_eq!(out, "Tổ &lt;A&gt; &amp; &apos;B&apos; &quot;C&quot;&#xA;D");
    }
}
