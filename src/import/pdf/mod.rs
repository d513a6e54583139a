//! `kehoach import FILE.pdf`: a published plan (a PDF made by Word or LibreOffice, as
//! signed documents are) read into the same [`DocFacts`] a DOCX gives, so the rest of
//! the import — finding Decree 30's elements, building the plan — is shared.
//!
//! 1. [`poppler`]: text pieces with box and font, and ruling lines, per page.
//! 2. [`grid`]: ruled tables (borders give the cells, missing borders the merges).
//! 3. [`lines`]: pieces → lines → paragraphs, as a reader rebuilds them.
//! 4. Here: page furniture (page numbers) and footnotes set apart, borderless side by
//!    side columns (the header and signature blocks) made into two-cell tables, tables
//!    continued on the next page joined (their repeated header rows dropped), and the
//!    whole assembled in reading order.
//!
//! What a PDF does not carry is not guessed: Word's list numbering is plain text there,
//! styles and exact indents are unknown, and emphasis is known only from font names.

mod grid;
mod lines;
mod page;
mod poppler;
mod svg;
mod tables;

use grid::Grid;
use lines::{Frame, Line, Paragraph, Pitches};
use page::{body_frames, drop_page_number, footnote_separator, footnotes};
use poppler::{Page, TextPiece};

use super::model::{BlockRef, Cell, CellPos, DocFacts, Para, Row, Section, Table};
use super::ImportError;

/// Reads a PDF into layout facts.
pub fn read(bytes: &[u8]) -> Result<DocFacts, ImportError> {
    let pages = poppler::read_pages(bytes)?;
    if pages.is_empty() {
        return Err(ImportError::PdfTool("no pages".into()));
    }
    if pages
        .iter()
        .all(|p| p.texts.iter().all(|t| t.text.trim().is_empty()))
    {
        return Err(ImportError::ScannedPdf);
    }
    Ok(assemble(pages))
}

/// A ruled table on one page with the text inside it.
#[derive(Debug, Clone)]
struct PageTable {
    page: usize,
    grid: Grid,
    texts: Vec<TextPiece>,
}

#[derive(Debug, Clone)]
enum Item {
    Line(Line),
    Table(Vec<PageTable>),
}

impl Item {
    fn top(&self) -> f32 {
        match self {
            Item::Line(l) => l.top(),
            Item::Table(parts) => parts[0].grid.top(),
        }
    }
}

struct Builder {
    facts: DocFacts,
    pitches: Pitches,
    frames: Vec<Frame>,
    sections_of_page: Vec<usize>,
}

fn assemble(pages: Vec<Page>) -> DocFacts {
    let sizes: Vec<(f32, f32)> = pages.iter().map(|p| (p.width, p.height)).collect();
    let mut items: Vec<Item> = Vec::new();
    let mut notes: Vec<Line> = Vec::new();
    let mut page_grids: Vec<Vec<Grid>> = Vec::new();
    for (n, page) in pages.into_iter().enumerate() {
        let grids = grid::grids(&page.rules);
        page_grids.push(grids.clone());
        let separator = footnote_separator(&page, &grids);
        let mut tables: Vec<PageTable> = grids
            .into_iter()
            .map(|grid| PageTable {
                page: n,
                grid,
                texts: Vec::new(),
            })
            .collect();
        let mut flow = Vec::new();
        let texts: Vec<TextPiece> = page
            .texts
            .into_iter()
            .flat_map(|t| {
                let cy = t.top + t.height / 2.0;
                let borders: Vec<f32> = tables
                    .iter()
                    .filter(|tb| cy >= tb.grid.top() && cy <= tb.grid.bottom())
                    .flat_map(|tb| tb.grid.xs.iter().copied())
                    .collect();
                lines::split_at(t, &borders)
            })
            .collect();
        for t in texts {
            let (cx, cy) = (t.left + t.width / 2.0, t.top + t.height / 2.0);
            match tables.iter_mut().find(|tb| tb.grid.contains(cx, cy)) {
                Some(tb) => tb.texts.push(t),
                None => flow.push(t),
            }
        }
        let mut page_lines = lines::lines(n, flow);
        drop_page_number(&mut page_lines, page.height);
        let notes_at = match separator {
            Some(y) => page_lines.iter().position(|l| l.top() > y),
            None => page::unruled_footnotes(&page_lines),
        };
        if let Some(at) = notes_at {
            notes.extend(page_lines.drain(at..));
        }
        let mut page_items: Vec<Item> = page_lines.into_iter().map(Item::Line).collect();
        for t in tables {
            // A table continued from the previous page: its first item there, right after
            // a table that was that page's last item, with the same columns.
            if let (true, Some(Item::Table(parts))) = (
                page_items.iter().all(|i| i.top() > t.grid.top()),
                items.last_mut(),
            ) {
                let last = parts.last().expect("a table has a part");
                if last.page + 1 == n && last.grid.same_columns(&t.grid) {
                    parts.push(t);
                    continue;
                }
            }
            page_items.push(Item::Table(vec![t]));
        }
        page_items.sort_by(|a, b| a.top().total_cmp(&b.top()));
        items.extend(page_items);
    }
    let all_lines: Vec<Line> = items
        .iter()
        .filter_map(|i| match i {
            Item::Line(l) => Some(l.clone()),
            Item::Table(_) => None,
        })
        .collect();
    let mut b = Builder {
        facts: DocFacts::default(),
        pitches: Pitches::measure(&all_lines),
        frames: body_frames(&sizes, &all_lines, &page_grids),
        sections_of_page: Vec::new(),
    };
    b.sections(&sizes);
    b.items(items);
    // Each section starts at the first paragraph set on its pages.
    for (s, section) in b.facts.sections.iter_mut().enumerate() {
        section.first_para = b
            .facts
            .paragraphs
            .iter()
            .position(|p| p.section == s)
            .unwrap_or(b.facts.paragraphs.len());
    }
    b.facts.footnotes = footnotes(notes);
    b.facts
}

impl Builder {
    fn sections(&mut self, sizes: &[(f32, f32)]) {
        let mut last: Option<(f32, f32)> = None;
        for (n, &(w, h)) in sizes.iter().enumerate() {
            if last != Some((w, h)) {
                let frame = self.frames[n];
                self.facts.sections.push(Section {
                    width: (w * 20.0).round() as i32,
                    height: (h * 20.0).round() as i32,
                    landscape: w > h,
                    left: (frame.left * 20.0).round() as i32,
                    right: ((w - frame.right) * 20.0).round() as i32,
                    ..Section::default()
                });
                last = Some((w, h));
            }
            self.sections_of_page.push(self.facts.sections.len() - 1);
        }
    }

    fn items(&mut self, items: Vec<Item>) {
        let mut run: Vec<Line> = Vec::new();
        let mut items = items.into_iter().peekable();
        while let Some(item) = items.next() {
            match item {
                Item::Table(parts) => {
                    self.flow(std::mem::take(&mut run));
                    self.ruled_table(parts);
                }
                Item::Line(line) => {
                    let mut segments = line.clone().segments();
                    // A list label set apart from its text by a tab ("a)⇥Text") is
                    // not a column.
                    if segments.len() >= 2 && lines::is_label(&segments[0].text()) {
                        let rest = segments.remove(1);
                        segments[0].pieces.extend(rest.pieces);
                    }
                    if segments.len() < 2 || stretched(&segments, self.frames[line.page]) {
                        if run.last().is_some_and(|l| {
                            self.frames[l.page].left != self.frames[line.page].left
                        }) {
                            self.flow(std::mem::take(&mut run));
                        }
                        run.push(line);
                        continue;
                    }
                    self.flow(std::mem::take(&mut run));
                    // Side by side columns, as a header or signature table without
                    // borders, or typed with tabs: the first piece of a line is the left
                    // column (as the DOCX reader reads tabs), the rest the right one.
                    let (gutter_left, gutter_right) = (segments[0].right(), segments[1].left());
                    let middle = (gutter_left + gutter_right) / 2.0;
                    let body_right = self.frames[line.page].right;
                    let mut right_start = gutter_right;
                    let mut band = vec![line];
                    while let Some(Item::Line(next)) = items.peek() {
                        let segments = next.clone().segments();
                        // A line centred on the page (the type line under the header)
                        // is not in a column.
                        let centred_on_page =
                            segments.len() == 1 && self.frames[next.page].centre_matches(next);
                        if next.page != band[0].page || centred_on_page {
                            break;
                        }
                        if let [only] = segments.as_slice() {
                            if only.left() >= middle {
                                right_start = right_start.min(only.left());
                            } else if only.right() > right_start + 0.25 * (body_right - right_start)
                            {
                                // Running text across the page: the columns have ended.
                                break;
                            }
                        } else {
                            right_start = right_start.min(segments[1].left());
                        }
                        let Some(Item::Line(next)) = items.next() else {
                            unreachable!()
                        };
                        band.push(next);
                    }
                    self.band(band, middle);
                }
            }
        }
        self.flow(run);
    }

    fn push_para(&mut self, p: &Paragraph, cell: Option<CellPos>) -> usize {
        let index = self.facts.paragraphs.len();
        let page = p.lines.first().map_or(0, |l| l.page);
        self.facts.paragraphs.push(Para {
            index,
            runs: p.runs(),
            align: p.align,
            section: self.sections_of_page.get(page).copied().unwrap_or(0),
            cell,
            ..Para::default()
        });
        index
    }

    fn flow(&mut self, run: Vec<Line>) {
        let Some(first) = run.first() else { return };
        let frame = self.frames[first.page];
        for p in lines::paragraphs(run, frame, &self.pitches) {
            let i = self.push_para(&p, None);
            self.facts.blocks.push(BlockRef::Para(i));
        }
    }

    /// Borderless columns (a header or signature table): one row, a cell per column.
    fn band(&mut self, band: Vec<Line>, gutter: f32) {
        let page = band[0].page;
        let body = self.frames[page];
        let (mut left, mut right) = (Vec::new(), Vec::new());
        for line in band {
            let mut segments = line.segments().into_iter();
            let first = segments.next().expect("a line has a segment");
            let rest: Vec<Line> = segments.collect();
            if rest.is_empty() && first.left() >= gutter {
                right.push(first);
            } else {
                left.push(first);
                right.extend(rest);
            }
        }
        let gutter = match (
            left.iter().map(Line::right).reduce(f32::max),
            right.iter().map(Line::left).reduce(f32::min),
        ) {
            (Some(l), Some(r)) if l < r => (l + r) / 2.0,
            _ => gutter,
        };
        let frames = [
            column_frame(
                &left,
                body.left
                    .min(left.iter().map(Line::left).fold(f32::MAX, f32::min)),
                gutter,
            ),
            column_frame(
                &right,
                gutter,
                body.right
                    .max(right.iter().map(Line::right).fold(f32::MIN, f32::max)),
            ),
        ];
        let table = self.facts.tables.len();
        self.facts.tables.push(Table {
            grid: frames
                .iter()
                .map(|f| ((f.right - f.left) * 20.0) as i32)
                .collect(),
            section: self.sections_of_page[page],
            ..Table::default()
        });
        let mut cells = Vec::new();
        for (col, (lines, frame)) in [left, right].into_iter().zip(frames).enumerate() {
            let pos = CellPos { table, row: 0, col };
            let paras = self.cell_paragraphs_from(lines::column_paragraphs(lines, frame), pos);
            cells.push(Cell {
                paras,
                col,
                span: 1,
                ..Cell::default()
            });
        }
        self.facts.tables[table].rows.push(Row {
            cells,
            ..Row::default()
        });
        self.facts.blocks.push(BlockRef::Table(table));
    }

    fn cell_paragraphs(&mut self, lines: Vec<Line>, frame: Frame, pos: CellPos) -> Vec<usize> {
        self.cell_paragraphs_from(lines::paragraphs(lines, frame, &self.pitches), pos)
    }

    fn cell_paragraphs_from(&mut self, paragraphs: Vec<Paragraph>, pos: CellPos) -> Vec<usize> {
        let paras: Vec<usize> = paragraphs
            .iter()
            .map(|p| self.push_para(p, Some(pos)))
            .collect();
        if paras.is_empty() {
            // Every cell holds a paragraph, as in a DOCX.
            let index = self.facts.paragraphs.len();
            self.facts.paragraphs.push(Para {
                index,
                cell: Some(pos),
                ..Para::default()
            });
            return vec![index];
        }
        paras
    }
}

/// A justified line ended by a manual line break is spread over the whole width, word
/// by word: its gaps are spaces, not columns.
fn stretched(segments: &[Line], frame: Frame) -> bool {
    let (first, last) = (&segments[0], &segments[segments.len() - 1]);
    let gaps: Vec<f32> = segments
        .windows(2)
        .map(|w| w[1].left() - w[0].right())
        .collect();
    let (min, max) = gaps
        .iter()
        .fold((f32::MAX, f32::MIN), |(lo, hi), &g| (lo.min(g), hi.max(g)));
    segments.len() >= 3
        && (first.left() - frame.left).abs() < 30.0
        && (last.right() - frame.right).abs() < 3.0
        && max < 1.6 * min
}

/// The frame of a column of a borderless table between `from` and `to`. Its true
/// width is not printed; when its lines share one middle they were centred in a cell
/// that reaches as far on both sides of it, no further than the nearer bound.
fn column_frame(lines: &[Line], from: f32, to: f32) -> Frame {
    let mut centres: Vec<f32> = lines.iter().map(Line::centre).collect();
    centres.sort_by(f32::total_cmp);
    let Some(&middle) = centres.get(centres.len() / 2) else {
        return Frame {
            left: from,
            right: to,
        };
    };
    let shared = lines
        .iter()
        .filter(|l| (l.centre() - middle).abs() < 3.0)
        .count();
    if shared * 2 > lines.len() && lines.iter().any(|l| l.left() > from + 2.5) {
        let half = (middle - from).min(to - middle);
        Frame {
            left: middle - half,
            right: middle + half,
        }
    } else {
        Frame {
            left: from,
            right: to,
        }
    }
}
