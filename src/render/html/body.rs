//! The `<body>` content: one `<section>` per part, built straight from the tree.
//!
//! Every element is closed and every void element self-closed, so the page is also
//! well-formed XML. Looks come only from classes (see `css.rs`); the only inline styles
//! carry numbers that live in the tree itself (column widths, rule lengths).

use std::borrow::Cow;
use std::fmt::Write;

use super::css::{number, part_page_name, role_class};
use super::escape::push_escaped;
use crate::document::{
    Block, Cell, Change, ChangeKind, Document, Para, PartKind, Row, RowKind, RuleLength, Run,
    Table, TableKind, VMerge,
};

/// HTML's own cap on `colspan`; larger values are clamped by browsers anyway.
const MAX_COLSPAN: usize = 1000;

/// The body.
pub(super) struct Body {
    pub html: String,
}

pub(super) fn body(doc: &Document) -> Body {
    let mut w = Writer { out: String::new() };
    for (index, part) in doc.parts.iter().enumerate() {
        let kind = match part.kind {
            PartKind::Main => "part-main",
            PartKind::Appendix => "part-appendix",
        };
        let orientation = if part.landscape {
            "landscape"
        } else {
            "portrait"
        };
        let _ = writeln!(
            w.out,
            r#"<section class="part {kind} {orientation} {page}">"#,
            page = part_page_name(index)
        );
        for block in &part.blocks {
            match block {
                Block::Para(p) => w.para(p, None),
                Block::Table(t) => w.table(t),
            }
        }
        // The plan's footnotes close its own part, as at the foot of its pages.
        if part.kind == PartKind::Main && !doc.footnotes.is_empty() {
            w.out.push_str("<aside class=\"footnotes\">\n");
            for (i, note) in doc.footnotes.iter().enumerate() {
                let _ = write!(w.out, r#"<p class="footnote" id="chu-thich-{}">"#, i + 1);
                w.text(&note.mark);
                w.out.push(' ');
                w.runs(&note.runs);
                w.out.push_str("</p>\n");
            }
            w.out.push_str("</aside>\n");
        }
        w.out.push_str("</section>\n");
    }
    Body { html: w.out }
}

struct Writer {
    out: String,
}

impl Writer {
    /// A paragraph; `inherited` is the change of the row it sits in, if any.
    fn para(&mut self, para: &Para, inherited: Option<&Change>) {
        self.out.push_str(r#"<p class=""#);
        self.out.push_str(role_class(para.role));
        self.out.push_str("\">");
        let change = para.change.as_ref().or(inherited);
        if let Some(c) = change {
            self.open_change(c);
        }
        match para.rule_below {
            Some(rule) => {
                self.open_rule(rule);
                self.runs(&para.runs);
                self.out.push_str("</span>");
            }
            None => self.runs(&para.runs),
        }
        if let Some(c) = change {
            self.close_change(c);
        }
        self.out.push_str("</p>\n");
    }

    /// The rule is the `::after` of an inline-block around the text, so "as long as the
    /// text" needs no font metrics; its length rides in a custom property.
    fn open_rule(&mut self, rule: RuleLength) {
        self.out.push_str(r#"<span class="rule""#);
        match rule {
            RuleLength::TextWidth => {}
            RuleLength::Fraction(f) => {
                let percent = if f.is_finite() {
                    (f * 100.0).clamp(0.0, 100.0)
                } else {
                    100.0
                };
                let _ = write!(self.out, r#" style="--rule: {}%""#, number(percent));
            }
            RuleLength::Millimetres(mm) => {
                let _ = write!(self.out, r#" style="--rule: {}mm""#, number(mm.max(0.0)));
            }
        }
        self.out.push('>');
    }

    fn runs(&mut self, runs: &[Run]) {
        for run in runs {
            if let Some(c) = &run.change {
                self.open_change(c);
            }
            if run.bold {
                self.out.push_str("<strong>");
            }
            if run.italic {
                self.out.push_str("<em>");
            }
            match run.note {
                Some(n) => {
                    let _ = write!(self.out, r##"<sup><a href="#chu-thich-{}">"##, n + 1);
                    self.text(&run.text);
                    self.out.push_str("</a></sup>");
                }
                None => self.text(&run.text),
            }
            if run.italic {
                self.out.push_str("</em>");
            }
            if run.bold {
                self.out.push_str("</strong>");
            }
            if let Some(c) = &run.change {
                self.close_change(c);
            }
        }
    }

    /// Text with its line breaks (a wrapped agency name, a two-line title) as `<br/>`.
    fn text(&mut self, text: &str) {
        let text = if text.contains('\r') {
            Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
        } else {
            Cow::Borrowed(text)
        };
        for (i, line) in text.split('\n').enumerate() {
            if i > 0 {
                self.out.push_str("<br/>");
            }
            push_escaped(&mut self.out, line);
        }
    }

    fn open_change(&mut self, change: &Change) {
        let (tag, verb) = change_tag(change.kind);
        let _ = write!(self.out, r#"<{tag} class="change" datetime=""#);
        push_escaped(&mut self.out, &change.date);
        self.out.push_str(r#"" data-author=""#);
        push_escaped(&mut self.out, &change.author);
        let _ = write!(self.out, r#"" title="{verb}: "#);
        push_escaped(&mut self.out, &change.author);
        self.out.push_str(", ");
        push_escaped(&mut self.out, &change.date);
        self.out.push_str("\">");
    }

    fn close_change(&mut self, change: &Change) {
        let (tag, _) = change_tag(change.kind);
        let _ = write!(self.out, "</{tag}>");
    }

    fn table(&mut self, table: &Table) {
        let class = match table.kind {
            TableKind::Layout => "layout",
            TableKind::Grid => "grid",
        };
        let _ = writeln!(self.out, r#"<table class="{class}">"#);
        self.columns(&table.columns);
        // Only the leading header rows can repeat on every page; a stray one later on
        // stays where the plan put it.
        let head = table
            .rows
            .iter()
            .take_while(|r| r.kind == RowKind::Header)
            .count();
        let spans = row_spans(&table.rows);
        if head > 0 {
            self.out.push_str("<thead>\n");
            for (row, spans) in table.rows[..head].iter().zip(&spans) {
                self.row(row, spans);
            }
            self.out.push_str("</thead>\n");
        }
        self.out.push_str("<tbody>\n");
        for (row, spans) in table.rows[head..].iter().zip(&spans[head..]) {
            self.row(row, spans);
        }
        self.out.push_str("</tbody>\n</table>\n");
    }

    /// Relative widths as percentages of the table; none when they cannot be scaled.
    fn columns(&mut self, columns: &[f32]) {
        let usable = |c: f32| if c.is_finite() && c > 0.0 { c } else { 0.0 };
        let total: f32 = columns.iter().map(|&c| usable(c)).sum();
        if !(total.is_finite() && total > 0.0) {
            return;
        }
        self.out.push_str("<colgroup>");
        for &c in columns {
            let percent = usable(c) / total * 100.0;
            let _ = write!(self.out, r#"<col style="width: {}%"/>"#, number(percent));
        }
        self.out.push_str("</colgroup>\n");
    }

    /// `spans` holds each cell's `rowspan`; 0 for a cell a merge from above covers.
    fn row(&mut self, row: &Row, spans: &[usize]) {
        let (class, cell_tag) = match row.kind {
            RowKind::Layout => ("row-layout", "td"),
            RowKind::Header => ("row-header", "th"),
            RowKind::Group => ("row-group", "td"),
            RowKind::Task => ("row-task", "td"),
        };
        self.out.push_str(r#"<tr class=""#);
        self.out.push_str(class);
        if let Some(c) = &row.change {
            let (tag, _) = change_tag(c.kind);
            self.out.push_str(" row-");
            self.out.push_str(tag);
        }
        self.out.push_str("\">");
        for (cell, &rows) in row.cells.iter().zip(spans) {
            if rows > 0 {
                self.cell(cell, cell_tag, rows, row.change.as_ref());
            }
        }
        self.out.push_str("</tr>\n");
    }

    fn cell(&mut self, cell: &Cell, tag: &str, rows: usize, change: Option<&Change>) {
        self.out.push('<');
        self.out.push_str(tag);
        if tag == "th" {
            self.out.push_str(r#" scope="col""#);
        }
        let span = cell.span.clamp(1, MAX_COLSPAN);
        if span > 1 {
            let _ = write!(self.out, r#" colspan="{span}""#);
        }
        if rows > 1 {
            let _ = write!(self.out, r#" rowspan="{rows}""#);
        }
        self.out.push('>');
        for para in &cell.paras {
            self.para(para, change);
        }
        self.out.push_str("</");
        self.out.push_str(tag);
        self.out.push('>');
    }
}

/// Each cell's `rowspan`: a merge's first cell counts the continuations under it (same
/// grid column), which are left out (0). A continuation with no start above stays.
fn row_spans(rows: &[Row]) -> Vec<Vec<usize>> {
    let grid: Vec<Vec<usize>> = rows.iter().map(Row::grid_starts).collect();
    let mut spans: Vec<Vec<usize>> = rows.iter().map(|r| vec![1; r.cells.len()]).collect();
    for r in 0..rows.len() {
        for (c, cell) in rows[r].cells.iter().enumerate() {
            if cell.merge != VMerge::Start {
                continue;
            }
            let column = grid[r][c];
            let mut below = r + 1;
            while let Some(k) = rows.get(below).and_then(|row| {
                grid[below]
                    .iter()
                    .position(|&s| s == column)
                    .filter(|&k| row.cells[k].merge == VMerge::Continue)
            }) {
                spans[below][k] = 0;
                spans[r][c] += 1;
                below += 1;
            }
        }
    }
    spans
}

fn change_tag(kind: ChangeKind) -> (&'static str, &'static str) {
    match kind {
        ChangeKind::Inserted => ("ins", "Thêm"),
        ChangeKind::Deleted => ("del", "Xóa"),
    }
}
