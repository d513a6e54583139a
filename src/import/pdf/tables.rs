//! Ruled tables into the layout model: parts continued over pages joined, header rows
//! repeated at the top of a page dropped, a row split by a page break made whole, and
//! the text of each cell rebuilt into paragraphs within the cell's frame.

use std::collections::HashMap;

use super::grid::{self, Grid};
use super::lines::{self, Frame, Line};
use super::poppler::TextPiece;
use super::{Builder, PageTable};
use crate::import::model::{BlockRef, Cell, CellPos, Row, Table, VMerge};

impl Builder {
    /// A ruled table, possibly continued over several pages.
    pub(super) fn ruled_table(&mut self, parts: Vec<PageTable>) {
        let table = self.facts.tables.len();
        let first = &parts[0];
        self.facts.tables.push(Table {
            grid: first
                .grid
                .xs
                .windows(2)
                .map(|w| ((w[1] - w[0]) * 20.0).round() as i32)
                .collect(),
            borders: true,
            section: self.sections_of_page[first.page],
            ..Table::default()
        });
        // Every row of every part as (cell, frame, merge, lines), before paragraphs.
        type CellLines = (grid::GridCell, Frame, VMerge, Vec<Line>);
        let mut rows: Vec<Vec<CellLines>> = Vec::new();
        let mut header_texts: Vec<String> = Vec::new();
        for (k, part) in parts.iter().enumerate() {
            let part_rows = part_rows(part);
            let mut skip = 0;
            if k == 0 {
                header_texts = part_rows.iter().take(3).map(|r| row_text(r)).collect();
            } else {
                // Header rows repeated at the top of the page.
                while skip < part_rows.len()
                    && skip < header_texts.len()
                    && row_text(&part_rows[skip]) == header_texts[skip]
                {
                    skip += 1;
                }
            }
            for (r, cells) in part_rows.into_iter().enumerate().skip(skip) {
                let cells: Vec<CellLines> = cells
                    .into_iter()
                    .map(|(gc, lines)| {
                        let frame = cell_frame(&part.grid, gc.col, gc.span, &lines);
                        let restarts = part.grid.rows.get(r + 1).is_some_and(|next| {
                            part.grid
                                .cell_at(r + 1, gc.col)
                                .is_some_and(|i| next[i].continues)
                        });
                        let merge = match (gc.continues, restarts) {
                            (true, _) => VMerge::Continue,
                            (false, true) => VMerge::Restart,
                            _ => VMerge::None,
                        };
                        (gc, frame, merge, lines)
                    })
                    .collect();
                // A row split by the page break: its rest at the top of the next page
                // has no number in the first column, where the row it continues had one.
                let lower_start = cells.iter().filter(|c| !c.3.is_empty()).all(|c| {
                    c.3[0]
                        .text()
                        .trim_start()
                        .chars()
                        .next()
                        .is_some_and(char::is_lowercase)
                });
                let split_rest = k > 0
                    && r == skip
                    && cells.first().is_some_and(|c| c.3.is_empty())
                    && (lower_start
                        || rows
                            .last()
                            .and_then(|prev| prev.first())
                            .is_some_and(|c| !c.3.is_empty()));
                if split_rest {
                    let prev = rows.last_mut().expect("checked");
                    for (gc, _, _, lines) in cells {
                        if let Some(target) = prev.iter_mut().find(|c| c.0.col == gc.col) {
                            target.3.extend(lines);
                        }
                    }
                    continue;
                }
                rows.push(cells);
            }
        }
        for cells in rows {
            let row = self.facts.tables[table].rows.len();
            let mut out = Vec::new();
            for (gc, frame, vmerge, lines) in cells {
                let pos = CellPos {
                    table,
                    row,
                    col: gc.col,
                };
                let paras = self.cell_paragraphs(lines, frame, pos);
                out.push(Cell {
                    paras,
                    col: gc.col,
                    span: gc.span,
                    vmerge,
                    ..Cell::default()
                });
            }
            self.facts.tables[table].rows.push(Row {
                cells: out,
                ..Row::default()
            });
        }
        self.facts.blocks.push(BlockRef::Table(table));
    }
}

/// The cells of each row of a table part with the lines printed in them. Text inside a
/// merged cell belongs to the cell where the merge starts.
fn part_rows(part: &PageTable) -> Vec<Vec<(grid::GridCell, Vec<Line>)>> {
    let g = &part.grid;
    let mut texts: HashMap<(usize, usize), Vec<TextPiece>> = HashMap::new();
    for t in &part.texts {
        let (cx, cy) = (t.left + t.width / 2.0, t.top + t.height / 2.0);
        if let Some((row, col)) = g.slot(cx, cy) {
            let origin = g.origin(row, col);
            let Some(cell) = g.cell_at(origin, col) else {
                continue;
            };
            texts.entry((origin, cell)).or_default().push(t.clone());
        }
    }
    g.rows
        .iter()
        .enumerate()
        .map(|(r, cells)| {
            cells
                .iter()
                .enumerate()
                .map(|(i, gc)| {
                    let pieces = texts.remove(&(r, i)).unwrap_or_default();
                    (*gc, lines::lines(part.page, pieces))
                })
                .collect()
        })
        .collect()
}

fn row_text(cells: &[(grid::GridCell, Vec<Line>)]) -> String {
    cells
        .iter()
        .map(|(_, lines)| lines.iter().map(Line::text).collect::<Vec<_>>().join(" "))
        .collect::<Vec<_>>()
        .join("|")
}

/// A cell's frame: its borders less the padding, which is measured from the text where
/// it starts at the left (and taken as the same on the right).
fn cell_frame(g: &Grid, col: usize, span: usize, lines: &[Line]) -> Frame {
    let (x0, x1) = (g.xs[col], g.xs[col + span]);
    let pad = lines
        .iter()
        .map(|l| l.left() - x0)
        .fold(f32::MAX, f32::min)
        .clamp(1.0, 8.0);
    let pad = if lines.is_empty() { 5.0 } else { pad };
    Frame {
        left: x0 + pad,
        right: x1 - pad,
    }
}
