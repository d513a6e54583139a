//! Tables: rows matched by task identity (same content, else the most alike within an
//! edited stretch), then each matched row diffed cell by cell. Rows without a partner
//! are whole inserted or deleted rows (`Row.change`).

use crate::document::{ChangeKind, Row, RowKind, Table};

use super::align::{align, Step};
use super::words::similarity;
use super::Differ;

/// How alike two tasks must be (all cells but the number) to count as one edited task.
const TASK_PAIRING: f32 = 0.4;

impl Differ<'_> {
    pub(super) fn table(&mut self, old: &Table, new: &Table) -> Table {
        let rows = align(&old.rows, &new.rows, row_key, row_pairing)
            .into_iter()
            .flat_map(|step| match step {
                Step::Both(o, n) if same_shape(&old.rows[o], &new.rows[n]) => {
                    vec![self.row(&old.rows[o], &new.rows[n])]
                }
                // Cells that no longer line up (a row re-spanned): old row out, new in.
                Step::Both(o, n) => vec![
                    self.whole_row(&old.rows[o], ChangeKind::Deleted),
                    self.whole_row(&new.rows[n], ChangeKind::Inserted),
                ],
                Step::Old(o) => vec![self.whole_row(&old.rows[o], ChangeKind::Deleted)],
                Step::New(n) => vec![self.whole_row(&new.rows[n], ChangeKind::Inserted)],
            })
            .collect();
        Table {
            rows,
            ..new.clone()
        }
    }

    fn row(&mut self, old: &Row, new: &Row) -> Row {
        let mut content_changed = false;
        let cells = old
            .cells
            .iter()
            .zip(&new.cells)
            .enumerate()
            .map(|(i, (a, b))| {
                let (paras, changed) = self.cell_paras(&a.paras, &b.paras);
                // A task's number changes when one above it comes or goes: tracked (so
                // "reject all" restores it) but not counted as an edit of the task.
                let is_number = i == 0 && matches!(new.kind, RowKind::Task | RowKind::Group);
                if changed && !is_number {
                    content_changed = true;
                    if new.kind == RowKind::Layout {
                        self.summary.paras_changed += 1;
                    }
                }
                crate::document::Cell { paras, ..b.clone() }
            })
            .collect();
        if content_changed && new.kind == RowKind::Task {
            self.summary.tasks_changed += 1;
        }
        Row {
            cells,
            ..new.clone()
        }
    }

    fn whole_row(&mut self, row: &Row, kind: ChangeKind) -> Row {
        self.count_row(row.kind, kind);
        Row {
            change: Some(self.stamp.change(kind)),
            ..row.clone()
        }
    }

    pub(super) fn count_row(&mut self, row: RowKind, kind: ChangeKind) {
        if row == RowKind::Task {
            match kind {
                ChangeKind::Inserted => self.summary.tasks_added += 1,
                ChangeKind::Deleted => self.summary.tasks_removed += 1,
            }
        }
    }
}

/// A row's content without its number cell: a task keeps its identity when renumbered.
fn content(row: &Row) -> String {
    let skip = usize::from(matches!(row.kind, RowKind::Task | RowKind::Group));
    row.cells
        .iter()
        .skip(skip)
        .map(|c| {
            c.paras
                .iter()
                .map(|p| p.plain_text())
                .collect::<Vec<_>>()
                .join("\n")
        })
        .collect::<Vec<_>>()
        .join("\u{1f}")
}

fn row_key(row: &Row) -> String {
    match row.kind {
        // The header and the layout rows (header block, signature) meet by position.
        RowKind::Layout | RowKind::Header => format!("{:?}", row.kind),
        _ => format!("{:?} {}", row.kind, content(row)),
    }
}

fn same_shape(a: &Row, b: &Row) -> bool {
    a.kind == b.kind
        && a.cells.len() == b.cells.len()
        && a.cells.iter().zip(&b.cells).all(|(x, y)| x.span == y.span)
}

fn row_pairing(a: &Row, b: &Row) -> Option<f32> {
    if !same_shape(a, b) {
        return None;
    }
    match a.kind {
        RowKind::Layout | RowKind::Header => Some(1.0),
        RowKind::Group | RowKind::Task => {
            let s = similarity(&content(a), &content(b));
            (s >= TASK_PAIRING).then_some(s)
        }
    }
}
