//! The document tree: the one model between `compose` and the renderers.
//!
//! It says *what* each piece of text is (a [`Role`] named after Decree 30's element),
//! never how big or bold it is: that lives in the layout profile (`profile`), which both the DOCX
//! and the HTML renderer read. Like pandoc's AST, it is built once and written many ways.

mod dump;
mod role;

pub use dump::dump;
pub use role::Role;

use serde::Serialize;

/// A whole document: metadata and its parts (the plan, then each appendix).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Document {
    pub meta: Meta,
    pub parts: Vec<Part>,
    /// Footnotes (chú thích), in order; their marks are runs of the text.
    pub footnotes: Vec<Footnote>,
}

/// A footnote: the mark as printed (`[1]`) and its text.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Footnote {
    pub mark: String,
    pub runs: Vec<Run>,
}

/// Document properties (DOCX core properties, HTML `<head>`).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Meta {
    /// Trích yếu.
    pub title: String,
    /// Type, number and symbol: "Kế hoạch số 114/KH-UBND".
    pub subject: String,
    /// The issuing body as a name ("UBND phường Ninh Hà").
    pub author: String,
    pub keywords: Vec<String>,
    /// BCP 47, "vi-VN".
    pub language: String,
    /// The document's date as `YYYY-MM-DD`, used for the fixed timestamps; `None` for a draft.
    pub date: Option<String>,
}

/// The plan itself or one appendix: each starts a new section in DOCX and a new page.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Part {
    pub kind: PartKind,
    pub landscape: bool,
    pub blocks: Vec<Block>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum PartKind {
    /// The plan: page numbers from 1, none on the first page.
    Main,
    /// An appendix: numbered separately, restarting at 1.
    Appendix,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum Block {
    Para(Para),
    Table(Table),
}

/// A paragraph: its role, its runs, and an optional short rule drawn under it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Para {
    pub role: Role,
    pub runs: Vec<Run>,
    pub rule_below: Option<RuleLength>,
    /// Keep with the next paragraph, when compose decides it against the role's own
    /// setting (a numbered sentence is not chained to the next; a group row is).
    pub keep_next: Option<bool>,
    /// A tracked change of the whole paragraph (used by `render --since`).
    pub change: Option<Change>,
}

/// A stretch of text with uniform emphasis. Bold/italic here are *in addition to* the
/// role's own style (inline `**…**` and `*…*` in the plan).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Run {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
    pub change: Option<Change>,
    /// This run is the printed mark of footnote `n` (an index into
    /// [`Document::footnotes`]): a Word footnote reference in DOCX, a link in HTML.
    pub note: Option<usize>,
}

/// How long the rule under a line is (docs/nd30-layout.md §3.1, §10).
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub enum RuleLength {
    /// As long as the text (Tiêu ngữ).
    TextWidth,
    /// A fraction of the longest line of the text (agency name, trích yếu: 1/3–1/2).
    Fraction(f32),
    /// A fixed length in millimetres (the rule under "(Kèm theo …)").
    Millimetres(f32),
}

/// A tracked change (Word revision; `<ins>`/`<del>` in HTML).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Change {
    pub kind: ChangeKind,
    pub author: String,
    /// ISO 8601, e.g. `2021-07-07T00:00:00Z`.
    pub date: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum ChangeKind {
    Inserted,
    Deleted,
}

/// A table: the borderless header and signature blocks, or an appendix's task grid.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Table {
    pub kind: TableKind,
    /// Relative column widths; renderers scale them to the text width.
    pub columns: Vec<f32>,
    pub rows: Vec<Row>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum TableKind {
    /// Borderless two-column layout (header block, signature block).
    Layout,
    /// A ruled grid (appendix task table): header row repeated on each page, rows kept whole.
    Grid,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Row {
    pub kind: RowKind,
    pub cells: Vec<Cell>,
    pub change: Option<Change>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum RowKind {
    Layout,
    /// Column titles; repeated at the top of every page.
    Header,
    /// A group row (I, II …): number cell, then the title spanning the rest.
    Group,
    Task,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Cell {
    pub paras: Vec<Para>,
    /// How many grid columns this cell covers.
    pub span: usize,
    /// Part of a cell merged down several rows.
    pub merge: VMerge,
}

/// A cell's place in a vertical merge.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub enum VMerge {
    #[default]
    None,
    /// The first row of the merged cell (it holds the text).
    Start,
    /// A row the cell above continues into (its own text is not shown).
    Continue,
}

impl Para {
    pub fn new(role: Role, runs: Vec<Run>) -> Para {
        Para {
            role,
            runs,
            rule_below: None,
            keep_next: None,
            change: None,
        }
    }

    pub fn text(role: Role, text: impl Into<String>) -> Para {
        Para::new(role, vec![Run::plain(text)])
    }

    pub(crate) fn with_rule(mut self, rule: RuleLength) -> Para {
        self.rule_below = Some(rule);
        self
    }

    /// The paragraph's visible text (deleted runs left out).
    pub(crate) fn plain_text(&self) -> String {
        self.runs
            .iter()
            .filter(|r| !matches!(&r.change, Some(c) if c.kind == ChangeKind::Deleted))
            .map(|r| r.text.as_str())
            .collect()
    }
}

impl Run {
    pub fn plain(text: impl Into<String>) -> Run {
        Run {
            text: text.into(),
            ..Run::default()
        }
    }
}

impl Row {
    /// The grid column each cell starts at (a cell spanning n columns takes n).
    pub(crate) fn grid_starts(&self) -> Vec<usize> {
        let mut at = 0;
        self.cells
            .iter()
            .map(|c| {
                let start = at;
                at += c.span.max(1);
                start
            })
            .collect()
    }
}

impl Cell {
    pub fn new(paras: Vec<Para>) -> Cell {
        Cell {
            paras,
            span: 1,
            merge: VMerge::None,
        }
    }

    pub(crate) fn spanning(mut self, span: usize) -> Cell {
        self.span = span;
        self
    }
}

impl Document {
    /// Every paragraph in document order, table cells included (for tests and checks).
    pub fn paragraphs(&self) -> Vec<&Para> {
        self.each_paragraph().collect()
    }

    /// [`Document::paragraphs`] without collecting them (renderers walk them per document).
    pub(crate) fn each_paragraph(&self) -> impl Iterator<Item = &Para> {
        self.parts
            .iter()
            .flat_map(|part| &part.blocks)
            .flat_map(|block| {
                let (para, rows) = match block {
                    Block::Para(p) => (Some(p), &[][..]),
                    Block::Table(t) => (None, &t.rows[..]),
                };
                let cells = rows.iter().flat_map(|r| &r.cells).flat_map(|c| &c.paras);
                para.into_iter().chain(cells)
            })
    }
}
