//! Table geometry shared by the body writer: column widths, cells laid on the grid,
//! header rows, line widths and vertical alignment.

use crate::document::{Cell, Para, Role, Row, RowKind, Table, TableKind};
use crate::profile::Profile;

/// Left and right cell padding. Word's TableNormal default (0.19 cm), written out so
/// the rule under a cell's text can be measured against a known text width.
pub(super) const CELL_PADDING_TWIPS: i32 = 108;

/// A table's shape: the column widths in twips and how many leading
/// rows repeat on each page.
pub(super) struct Shape {
    pub grid: Vec<usize>,
    pub header_rows: usize,
}

/// The table's shape at `text_width` twips wide, or `None` for a table without rows (a
/// `w:tbl` needs at least one `w:tr`).
pub(super) fn shape(t: &Table, text_width: i32) -> Option<Shape> {
    if t.rows.is_empty() {
        return None;
    }
    let ncols = if t.columns.is_empty() {
        t.rows
            .iter()
            .map(|r| r.cells.iter().map(|c| c.span.max(1)).sum::<usize>())
            .max()
            .unwrap_or(1)
            .max(1)
    } else {
        t.columns.len()
    };
    let grid = grid_widths(&t.columns, ncols, text_width.max(0) as usize);
    let header_rows = match t.kind {
        TableKind::Grid => t
            .rows
            .iter()
            .take_while(|r| r.kind == RowKind::Header)
            .count(),
        TableKind::Layout => 0,
    };
    Some(Shape { grid, header_rows })
}

/// Width of the task grid's lines in eighths of a point (the unit of border widths).
pub(super) fn grid_line_size(profile: &Profile) -> usize {
    (profile.grid_line.0 * 8.0).round().max(1.0) as usize
}

/// Relative widths scaled to `total` twips; the rounding error goes into the columns
/// so the sum is exact. Unusable widths (negative, NaN, all zero) become equal ones.
fn grid_widths(columns: &[f32], ncols: usize, total: usize) -> Vec<usize> {
    let mut rel: Vec<f64> = (0..ncols)
        .map(|i| {
            columns
                .get(i)
                .map(|&w| f64::from(w))
                .filter(|w| w.is_finite() && *w > 0.0)
                .unwrap_or(0.0)
        })
        .collect();
    let sum: f64 = rel.iter().sum();
    if !(sum.is_finite() && sum > 0.0) {
        rel = vec![1.0; ncols];
    }
    let sum: f64 = rel.iter().sum();
    let mut out = Vec::with_capacity(ncols);
    let mut acc = 0.0;
    let mut placed = 0usize;
    for w in rel {
        acc += w;
        let edge = (acc / sum * total as f64).round() as usize;
        out.push(edge.saturating_sub(placed));
        placed = placed.max(edge);
    }
    out
}

/// Cells laid on the grid: (first column, span, paragraphs). Spans are at least one
/// and never run past the grid; cells that do not fit give their paragraphs to the
/// last cell that does (nothing is dropped), and a short row is padded with empty
/// cells so every row covers the grid.
pub(super) fn fit_cells(cells: &[Cell], ncols: usize) -> Vec<(usize, usize, Vec<&Para>)> {
    let mut out: Vec<(usize, usize, Vec<&Para>)> = Vec::new();
    let mut col = 0;
    for c in cells {
        if col >= ncols {
            if let Some(last) = out.last_mut() {
                last.2.extend(c.paras.iter());
            }
            continue;
        }
        let span = c.span.max(1).min(ncols - col);
        out.push((col, span, c.paras.iter().collect()));
        col += span;
    }
    while col < ncols {
        out.push((col, 1, Vec::new()));
        col += 1;
    }
    out
}

/// Header and group rows, and number or deadline cells, are centred vertically.
pub(super) fn centred(r: &Row, paras: &[&Para]) -> bool {
    matches!(r.kind, RowKind::Header | RowKind::Group)
        || paras
            .first()
            .is_some_and(|p| matches!(p.role, Role::TableNumber | Role::TableCenter))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_sum_to_the_total() {
        let g = grid_widths(&[1.0, 2.0, 1.0], 3, 1000);
        assert_eq!(g.iter().sum::<usize>(), 1000);
        assert_eq!(g, vec![250, 500, 250]);
        let g = grid_widths(&[1.0, 1.0, 1.0], 3, 1000);
        assert_eq!(g.iter().sum::<usize>(), 1000);
        assert_eq!(grid_widths(&[f32::NAN, -1.0], 2, 10), vec![5, 5]);
        assert_eq!(grid_widths(&[], 2, 10), vec![5, 5]);
    }

    #[test]
    fn cells_are_fitted_to_the_grid() {
        let p = Para::text(Role::TableText, "x");
        let cells = vec![
            Cell::new(vec![p.clone()]).spanning(0),
            Cell::new(vec![p.clone()]).spanning(9),
            Cell::new(vec![p.clone()]),
        ];
        let fitted = fit_cells(&cells, 3);
        let shape: Vec<(usize, usize, usize)> =
            fitted.iter().map(|(c, s, ps)| (*c, *s, ps.len())).collect();
        assert_eq!(shape, vec![(0, 1, 1), (1, 2, 2)]);
        let padded = fit_cells(&cells[..1], 3);
        assert_eq!(padded.len(), 3);
    }
}
