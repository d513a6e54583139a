//! An appendix's table, built from the data: numbers come from positions (unless the
//! plan prints its own), so an inserted or deleted task never leaves a gap or a
//! duplicate. Group rows, numbering, two-row headers, merged cells and a total row
//! follow the appendix's own settings.

use crate::document::{Cell, Para, Role, Row, RowKind, Table, TableKind, VMerge};
use crate::numbering::roman;
use crate::plan::{Appendix, Column, ColumnKey, GroupRow, Task, TaskNumbering};

use super::inline::{parse_inline_owned, single_line};

pub(crate) fn appendix_table(appendix: &Appendix) -> Table {
    let columns = appendix.columns();
    let width = columns.len().max(1);
    let mut rows = header_rows(appendix, &columns);
    let layout = appendix.hang_nhom.unwrap_or_default();
    let numbering = appendix.danh_so.unwrap_or_default();
    let mut running = 0;
    for (g, group) in appendix.nhom.iter().enumerate() {
        if !group.ten.trim().is_empty() {
            let numeral = match &group.so {
                Some(so) => single_line(so),
                None if layout == GroupRow::SoRieng => roman(g + 1),
                None => format!("{}.", roman(g + 1)),
            };
            let title = single_line(&group.ten);
            let extra: Vec<String> = group.o.iter().map(|t| single_line(t)).collect();
            rows.push(Row {
                kind: RowKind::Group,
                cells: group_cells(layout, &numeral, &title, &extra, width),
                change: None,
            });
        }
        for (t, task) in group.nhiem_vu.iter().enumerate() {
            running += 1;
            let number = match &task.tt {
                Some(tt) => single_line(tt),
                None if numbering == TaskNumbering::LienTuc => running.to_string(),
                None => (t + 1).to_string(),
            };
            rows.push(task_row(task, &number, &columns, RowKind::Task));
        }
    }
    if let Some(total) = &appendix.hang_tong {
        let number = total
            .tt
            .as_ref()
            .map(|t| single_line(t))
            .unwrap_or_default();
        rows.push(task_row(total, &number, &columns, RowKind::Task));
    }
    merge_down(&mut rows);
    Table {
        kind: TableKind::Grid,
        columns: columns.iter().map(|c| c.width()).collect(),
        rows,
    }
}

/// The column titles: one row, or two when some columns share a heading (`cot_nhom`):
/// the shared heading spans its columns in the first row, their own titles sit in the
/// second, and every other title is merged down over both rows.
fn header_rows(appendix: &Appendix, columns: &[Column]) -> Vec<Row> {
    let head = |text: &str| {
        Cell::new(vec![Para::new(
            Role::TableHead,
            parse_inline_owned(text.to_owned()),
        )])
    };
    let groups: Vec<_> = appendix
        .cot_nhom
        .iter()
        .filter(|g| g.tu >= 1 && g.den >= g.tu && g.den <= columns.len())
        .collect();
    if groups.is_empty() {
        return vec![Row {
            kind: RowKind::Header,
            cells: columns.iter().map(|c| head(&c.title())).collect(),
            change: None,
        }];
    }
    let (mut upper, mut lower) = (Vec::new(), Vec::new());
    let mut col = 1;
    while col <= columns.len() {
        if let Some(g) = groups.iter().find(|g| g.tu == col) {
            upper.push(head(&single_line(&g.ten)).spanning(g.den - g.tu + 1));
            for c in &columns[g.tu - 1..g.den] {
                lower.push(head(&c.title()));
            }
            col = g.den + 1;
        } else {
            let mut top = head(&columns[col - 1].title());
            top.merge = VMerge::Start;
            upper.push(top);
            let mut below = Cell::new(vec![Para::text(Role::TableHead, "")]);
            below.merge = VMerge::Continue;
            lower.push(below);
            col += 1;
        }
    }
    [upper, lower]
        .into_iter()
        .map(|cells| Row {
            kind: RowKind::Header,
            cells,
            change: None,
        })
        .collect()
}

/// A group row in the appendix's layout; the title row is kept with the first task.
fn group_cells(
    layout: GroupRow,
    numeral: &str,
    title: &str,
    extra: &[String],
    width: usize,
) -> Vec<Cell> {
    let para = |text: String| {
        let mut p = Para::new(Role::TableGroup, parse_inline_owned(text));
        p.keep_next = Some(true);
        p
    };
    let whole = format!("{numeral} {title}");
    let mut cells = match layout {
        GroupRow::MotO if extra.is_empty() => {
            return vec![Cell::new(vec![para(whole)]).spanning(width)]
        }
        GroupRow::MotO => vec![Cell::new(vec![para(whole)])],
        GroupRow::SoRieng => vec![
            Cell::new(vec![para(numeral.to_owned())]),
            Cell::new(vec![para(title.to_owned())]),
        ],
        GroupRow::CotNoiDung => vec![
            Cell::new(vec![para(String::new())]),
            Cell::new(vec![para(whole)]),
        ],
    };
    cells.extend(extra.iter().map(|e| Cell::new(vec![para(e.clone())])));
    cells.truncate(width.max(1));
    let used: usize = cells.len();
    if used < width {
        if let Some(last) = cells.last_mut() {
            last.span = width - used + 1;
        }
    }
    cells
}

fn task_row(task: &Task, number: &str, columns: &[Column], kind: RowKind) -> Row {
    let mut cells: Vec<Cell> = columns
        .iter()
        .map(|c| {
            let key = ColumnKey::from_key(&c.khoa);
            let paras = match key {
                Some(ColumnKey::Number) => vec![Para::new(
                    Role::TableNumber,
                    parse_inline_owned(number.to_owned()),
                )],
                _ => {
                    let role = if key == Some(ColumnKey::Deadline) {
                        Role::TableCenter
                    } else {
                        Role::TableText
                    };
                    cell_paragraphs(task.cell(&c.khoa).map(|t| t.as_str()).unwrap_or(""), role)
                }
            };
            let mut cell = Cell::new(paras);
            if task.gop_tren.contains(&c.khoa.value) {
                cell.merge = VMerge::Continue;
            }
            cell
        })
        .collect();
    // Horizontal merges, last first so earlier indexes stay valid.
    let index = |key: &str| columns.iter().position(|c| c.khoa.value == key);
    let mut spans: Vec<(usize, usize)> = task
        .gop_ngang
        .iter()
        .filter_map(|[a, b]| Some((index(a)?, index(b)?)))
        .filter(|(a, b)| a < b)
        .collect();
    spans.sort_unstable();
    spans.dedup_by(|later, earlier| later.0 <= earlier.1);
    for &(a, b) in spans.iter().rev() {
        let span: usize = cells[a..=b].iter().map(|c| c.span).sum();
        cells.drain(a + 1..=b);
        cells[a].span = span;
    }
    Row {
        kind,
        cells,
        change: None,
    }
}

/// A cell's text: one paragraph per line, inline emphasis read.
fn cell_paragraphs(text: &str, role: Role) -> Vec<Para> {
    let mut paras: Vec<Para> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| Para::new(role, parse_inline_owned(l.to_owned())))
        .collect();
    if paras.is_empty() {
        paras.push(Para::new(role, parse_inline_owned(String::new())));
    }
    paras
}

/// A cell that continues a merge makes the cell above it (same grid column) the start
/// of the merge, unless that one continues it too. A continuation with nothing above
/// is an ordinary cell.
fn merge_down(rows: &mut [Row]) {
    for r in 0..rows.len() {
        let starts = rows[r].grid_starts();
        for (c, start) in starts.into_iter().enumerate() {
            if rows[r].cells[c].merge != VMerge::Continue {
                continue;
            }
            let above = (r > 0)
                .then(|| {
                    let prev = &rows[r - 1];
                    prev.grid_starts().iter().position(|&s| s == start)
                })
                .flatten();
            match above {
                Some(a) if rows[r - 1].kind != RowKind::Group => {
                    let cell = &mut rows[r - 1].cells[a];
                    if cell.merge == VMerge::None {
                        cell.merge = VMerge::Start;
                    }
                }
                _ => rows[r].cells[c].merge = VMerge::None,
            }
        }
    }
}
