//! An appendix's task table, built from the data: numbers come from positions, so an
//! inserted or deleted task never leaves a gap or a duplicate.

use crate::document::{Cell, Para, Role, Row, RowKind, Table, TableKind};
use crate::numbering::roman;
use crate::plan::{Appendix, ColumnKey};

use super::inline::{parse_inline_owned, single_line};

pub fn appendix_table(appendix: &Appendix) -> Table {
    let columns = appendix.columns();
    let width = columns.len().max(1);
    // Looked up once per column, not once per cell.
    let keys: Vec<Option<ColumnKey>> = columns
        .iter()
        .map(|c| ColumnKey::from_key(&c.khoa))
        .collect();
    let mut rows = vec![Row {
        kind: RowKind::Header,
        cells: columns
            .iter()
            .map(|c| Cell::new(vec![Para::text(Role::TableHead, c.title())]))
            .collect(),
        change: None,
    }];
    for (g, group) in appendix.nhom.iter().enumerate() {
        let mut cells = vec![Cell::new(vec![Para::text(Role::TableGroup, roman(g + 1))])];
        if width > 1 {
            cells.push(
                Cell::new(vec![Para::new(
                    Role::TableGroup,
                    parse_inline_owned(single_line(&group.ten)),
                )])
                .spanning(width - 1),
            );
        }
        rows.push(Row {
            kind: RowKind::Group,
            cells,
            change: None,
        });
        for (t, task) in group.nhiem_vu.iter().enumerate() {
            let cells = columns
                .iter()
                .zip(&keys)
                .map(|(c, &key)| {
                    let para = match key {
                        Some(ColumnKey::Number) => {
                            Para::text(Role::TableNumber, (t + 1).to_string())
                        }
                        _ => {
                            let text = task
                                .cell(&c.khoa)
                                .map(|t| single_line(t))
                                .unwrap_or_default();
                            let role = if key == Some(ColumnKey::Deadline) {
                                Role::TableCenter
                            } else {
                                Role::TableText
                            };
                            Para::new(role, parse_inline_owned(text))
                        }
                    };
                    Cell::new(vec![para])
                })
                .collect();
            rows.push(Row {
                kind: RowKind::Task,
                cells,
                change: None,
            });
        }
    }
    Table {
        kind: TableKind::Grid,
        columns: columns.iter().map(|c| c.width()).collect(),
        rows,
    }
}
