//! The intermediate model of a DOCX: what a reader of the page sees, with every
//! property already resolved (document defaults → styles → direct formatting).
//!
//! Both `import` (which turns it into a plan by text and position) and `check --docx`
//! (which measures it against Decree 30) read this one model, so they always agree on
//! which paragraph is the Quốc hiệu or the signer's name.

/// A DOCX as facts.
#[derive(Debug, Clone, Default)]
pub struct DocFacts {
    /// Every paragraph in reading order, including those in tables and text boxes.
    pub paragraphs: Vec<Para>,
    /// The body's top-level sequence.
    pub blocks: Vec<BlockRef>,
    pub tables: Vec<Table>,
    pub sections: Vec<Section>,
    /// `w:lang` of the document defaults or the default paragraph style.
    pub lang: Option<String>,
    /// The core title (`docProps/core.xml`).
    pub title: Option<String>,
    /// Paragraphs whose stored text was not NFC (they are normalised in the model).
    pub non_nfc: Vec<usize>,
    /// Unaccepted tracked changes (insertions, deletions, moves, formatting changes).
    pub tracked_changes: usize,
    /// Footnotes in the order their marks are printed.
    pub footnotes: Vec<FootnoteFacts>,
}

/// A footnote: the mark as printed in the text (`[1]`, `1`) and the note's runs.
#[derive(Debug, Clone, Default)]
pub struct FootnoteFacts {
    pub mark: String,
    pub runs: Vec<RunFacts>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockRef {
    Para(usize),
    Table(usize),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Align {
    #[default]
    Left,
    Center,
    Right,
    Justify,
}

/// A run of text with its resolved look.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RunFacts {
    pub text: String,
    /// Half-points (`w:sz`): 28 = 14 pt.
    pub size: u32,
    pub bold: bool,
    pub italic: bool,
    pub caps: bool,
    pub underline: bool,
    /// Font of the ascii, hAnsi, eastAsia and cs slots.
    pub fonts: [String; 4],
    /// `None` or `auto` means black.
    pub color: Option<String>,
}

/// Where a paragraph sits in a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CellPos {
    pub table: usize,
    pub row: usize,
    /// Grid column of the cell (gridSpan counted).
    pub col: usize,
}

#[derive(Debug, Clone, Default)]
pub struct Para {
    /// 0-based position in `DocFacts::paragraphs`; shown to people 1-based.
    pub index: usize,
    /// The numbering label ("I.", "1.", "-") Word draws before the text, if any.
    pub label: Option<String>,
    /// Bold and italic the list gives its label, where it says (else the text's look).
    pub label_look: (Option<bool>, Option<bool>),
    pub runs: Vec<RunFacts>,
    pub style: Option<String>,
    pub align: Align,
    /// Twips; negative for a hanging indent.
    pub first_line: i32,
    pub left: i32,
    pub before: i32,
    pub after: i32,
    /// `w:line` and `w:lineRule` (`auto`, `exact`, `atLeast`).
    pub line: Option<(i32, String)>,
    pub section: usize,
    pub cell: Option<CellPos>,
    pub border_bottom: bool,
    pub page_break_before: bool,
    /// This paragraph's `sectPr` ends a section.
    pub ends_section: bool,
    /// Read from a text box anchored in the previous paragraph.
    pub in_text_box: bool,
}

/// Runs' text as displayed: `w:caps` shows capitals whatever was typed.
pub fn shown(runs: &[RunFacts]) -> String {
    runs.iter()
        .map(|r| {
            if r.caps {
                r.text.to_uppercase()
            } else {
                r.text.clone()
            }
        })
        .collect()
}

impl Para {
    /// The text as shown: label, a space, then the runs (tabs and breaks kept).
    pub fn text(&self) -> String {
        let body: String = self.runs.iter().map(|r| r.text.as_str()).collect();
        match &self.label {
            Some(l) if !l.is_empty() => format!("{l} {body}"),
            _ => body,
        }
    }

    /// The runs' text as displayed (`w:caps` shows capitals), without the label.
    pub(crate) fn shown_runs(&self) -> String {
        shown(&self.runs)
    }

    /// Runs that show something (not only spaces).
    pub(crate) fn visible_runs(&self) -> impl Iterator<Item = &RunFacts> {
        self.runs.iter().filter(|r| !r.text.trim().is_empty())
    }

    pub(crate) fn is_blank(&self) -> bool {
        self.text().trim().is_empty()
    }
}

#[derive(Debug, Clone, Default)]
pub struct Table {
    pub rows: Vec<Row>,
    /// Grid column widths in twips.
    pub grid: Vec<i32>,
    /// Whether any grid line shows (table or cell borders that are not nil/none).
    pub borders: bool,
    /// The cell this table is nested in.
    pub parent: Option<CellPos>,
    pub section: usize,
}

#[derive(Debug, Clone, Default)]
pub struct Row {
    pub cells: Vec<Cell>,
    pub header: bool,
    pub cant_split: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum VMerge {
    #[default]
    None,
    Restart,
    Continue,
}

#[derive(Debug, Clone, Default)]
pub struct Cell {
    pub paras: Vec<usize>,
    pub tables: Vec<usize>,
    /// Grid column where the cell starts.
    pub col: usize,
    pub span: usize,
    pub vmerge: VMerge,
}

/// A header or footer part, as it matters for page numbers.
#[derive(Debug, Clone, Default)]
pub struct HeaderFacts {
    pub part: String,
    pub text: String,
    pub page_field: Option<PageField>,
}

/// The PAGE field of a header or footer.
#[derive(Debug, Clone, Default)]
pub struct PageField {
    pub align: Align,
    /// Centred by a tab to a centre stop rather than by the paragraph's alignment.
    pub centre_tab: bool,
    pub size: u32,
    pub bold: bool,
    pub italic: bool,
}

#[derive(Debug, Clone, Default)]
pub struct HeaderSet {
    pub default: Option<HeaderFacts>,
    pub first: Option<HeaderFacts>,
    pub even: Option<HeaderFacts>,
}

#[derive(Debug, Clone, Default)]
pub struct Section {
    /// Page size and margins in twips.
    pub width: i32,
    pub height: i32,
    pub landscape: bool,
    pub top: i32,
    pub bottom: i32,
    pub left: i32,
    pub right: i32,
    pub title_pg: bool,
    pub page_start: Option<i32>,
    pub page_format: Option<String>,
    /// `w:type` of the section break (`nextPage` when absent).
    pub break_kind: Option<String>,
    pub headers: HeaderSet,
    pub footers: HeaderSet,
    /// Index of the first paragraph of the section.
    pub first_para: usize,
}

impl DocFacts {
    pub fn para(&self, i: usize) -> &Para {
        &self.paragraphs[i]
    }
}
