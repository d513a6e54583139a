//! Tables from ruling lines: the borders a PDF draws around cells give the grid, the
//! missing borders give the merges. Text is placed into cells by position afterwards.

use super::poppler::Rule;

/// How close two coordinates must be to count as the same line, in points.
const SNAP: f32 = 1.5;

/// A ruled table on one page.
#[derive(Debug, Clone)]
pub struct Grid {
    /// Column boundaries, left to right.
    pub xs: Vec<f32>,
    /// Row boundaries, top to bottom.
    pub ys: Vec<f32>,
    /// Per row, the cells as (first column, span, continues the cell above).
    pub rows: Vec<Vec<GridCell>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GridCell {
    pub col: usize,
    pub span: usize,
    /// No border above: this cell continues the one above (a vertical merge).
    pub continues: bool,
}

impl Grid {
    pub fn top(&self) -> f32 {
        self.ys[0]
    }
    pub fn bottom(&self) -> f32 {
        *self.ys.last().expect("a grid has rows")
    }
    pub fn contains(&self, x: f32, y: f32) -> bool {
        x >= self.xs[0] - SNAP
            && x <= *self.xs.last().expect("a grid has columns") + SNAP
            && y >= self.top() - SNAP
            && y <= self.bottom() + SNAP
    }
    /// The row and column slot holding the point, if inside.
    pub fn slot(&self, x: f32, y: f32) -> Option<(usize, usize)> {
        if !self.contains(x, y) {
            return None;
        }
        let row = self.ys[1..]
            .iter()
            .position(|&b| y < b)
            .unwrap_or(self.ys.len() - 2);
        let col = self.xs[1..]
            .iter()
            .position(|&b| x < b)
            .unwrap_or(self.xs.len() - 2);
        Some((row, col))
    }
    /// The index in `rows[row]` of the cell covering grid column `col`.
    pub fn cell_at(&self, row: usize, col: usize) -> Option<usize> {
        self.rows[row]
            .iter()
            .position(|c| c.col <= col && col < c.col + c.span)
    }
    /// The row where the merged cell covering (`row`, `col`) starts.
    pub fn origin(&self, mut row: usize, col: usize) -> usize {
        while row > 0 {
            match self.cell_at(row, col).map(|i| self.rows[row][i]) {
                Some(c) if c.continues => row -= 1,
                _ => break,
            }
        }
        row
    }
    /// Same columns (within a little), as a table continued on the next page has.
    pub fn same_columns(&self, other: &Grid) -> bool {
        self.xs.len() == other.xs.len()
            && self
                .xs
                .iter()
                .zip(&other.xs)
                .all(|(a, b)| (a - b).abs() < 3.0)
    }
}

/// The tables drawn on a page: groups of touching rules with at least two horizontal
/// and two vertical lines. Single rules (under a heading, above footnotes) are not tables.
pub fn grids(rules: &[Rule]) -> Vec<Grid> {
    let n = rules.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn find(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    for i in 0..n {
        for j in i + 1..n {
            if touch(&rules[i], &rules[j]) {
                let (a, b) = (find(&mut parent, i), find(&mut parent, j));
                parent[a] = b;
            }
        }
    }
    let mut groups: std::collections::BTreeMap<usize, Vec<Rule>> = Default::default();
    for (i, rule) in rules.iter().enumerate() {
        let root = find(&mut parent, i);
        groups.entry(root).or_default().push(*rule);
    }
    let mut out: Vec<Grid> = groups.into_values().filter_map(|g| grid(&g)).collect();
    out.sort_by(|a, b| a.top().total_cmp(&b.top()));
    out
}

fn touch(a: &Rule, b: &Rule) -> bool {
    let near = |v: f32, lo: f32, hi: f32| v >= lo - 2.0 && v <= hi + 2.0;
    match (a.horizontal(), b.horizontal()) {
        (true, false) => near(b.x0, a.x0, a.x1) && near(a.y0, b.y0, b.y1),
        (false, true) => near(a.x0, b.x0, b.x1) && near(b.y0, a.y0, a.y1),
        // Collinear pieces of one border (drawn cell by cell).
        (true, true) => (a.y0 - b.y0).abs() < SNAP && a.x0 <= b.x1 + 2.0 && b.x0 <= a.x1 + 2.0,
        (false, false) => (a.x0 - b.x0).abs() < SNAP && a.y0 <= b.y1 + 2.0 && b.y0 <= a.y1 + 2.0,
    }
}

/// Distinct values, close ones taken as one.
fn snapped(mut v: Vec<f32>) -> Vec<f32> {
    v.sort_by(f32::total_cmp);
    let mut out: Vec<f32> = Vec::new();
    for x in v {
        match out.last() {
            Some(&last) if x - last < SNAP => {}
            _ => out.push(x),
        }
    }
    out
}

fn grid(rules: &[Rule]) -> Option<Grid> {
    let (h, v): (Vec<Rule>, Vec<Rule>) = rules.iter().partition(|r| r.horizontal());
    if h.len() < 2 || v.len() < 2 {
        return None;
    }
    // A column too narrow for a letter is the sliver of a table cut off at the page's
    // edge (or a doubled border), not a column.
    let mut xs = snapped(v.iter().map(|r| r.x0).collect());
    xs.dedup_by(|b, a| *b - *a < 6.0);
    let ys = snapped(h.iter().map(|r| r.y0).collect());
    // A box too small to hold a line of text is a drawing (a thick rule), not a table.
    if xs.len() < 2
        || ys.len() < 2
        || ys[ys.len() - 1] - ys[0] < 6.0
        || xs[xs.len() - 1] - xs[0] < 6.0
    {
        return None;
    }
    let has_v = |x: f32, y0: f32, y1: f32| {
        let mid = (y0 + y1) / 2.0;
        v.iter()
            .any(|r| (r.x0 - x).abs() < SNAP && r.y0 - SNAP <= mid && mid <= r.y1 + SNAP)
    };
    let has_h = |y: f32, x0: f32, x1: f32| {
        let mid = (x0 + x1) / 2.0;
        h.iter()
            .any(|r| (r.y0 - y).abs() < SNAP && r.x0 - SNAP <= mid && mid <= r.x1 + SNAP)
    };
    let cols = xs.len() - 1;
    let mut rows = Vec::new();
    for r in 0..ys.len() - 1 {
        let (y0, y1) = (ys[r], ys[r + 1]);
        let mut cells = Vec::new();
        let mut c = 0;
        while c < cols {
            let start = c;
            while c + 1 < cols && !has_v(xs[c + 1], y0, y1) {
                c += 1;
            }
            let span = c - start + 1;
            let continues = r > 0 && !has_h(y0, xs[start], xs[start + span]);
            cells.push(GridCell {
                col: start,
                span,
                continues,
            });
            c += 1;
        }
        rows.push(cells);
    }
    Some(Grid { xs, ys, rows })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(y: f32, x0: f32, x1: f32) -> Rule {
        Rule {
            x0,
            y0: y,
            x1,
            y1: y,
        }
    }
    fn v(x: f32, y0: f32, y1: f32) -> Rule {
        Rule {
            x0: x,
            y0,
            x1: x,
            y1,
        }
    }

    #[test]
    fn missing_borders_are_merges() {
        // Three columns, three rows. Row 0: the first cell spans two columns (no border at
        // x=20). Column 2 of row 2 continues row 1 (no border at y=20 over it).
        let rules = vec![
            h(0.0, 0.0, 30.0),
            h(10.0, 0.0, 30.0),
            h(20.0, 0.0, 20.0),
            h(30.0, 0.0, 30.0),
            v(0.0, 0.0, 30.0),
            v(10.0, 10.0, 30.0),
            v(20.0, 0.0, 30.0),
            v(30.0, 0.0, 30.0),
            // A rule elsewhere on the page is not part of the table.
            h(100.0, 0.0, 40.0),
        ];
        let grids = grids(&rules);
        assert_eq!(grids.len(), 1);
        let g = &grids[0];
        assert_eq!(g.xs, vec![0.0, 10.0, 20.0, 30.0]);
        assert_eq!(g.ys, vec![0.0, 10.0, 20.0, 30.0]);
        let cell = |col, span, continues| GridCell {
            col,
            span,
            continues,
        };
        assert_eq!(g.rows[0], vec![cell(0, 2, false), cell(2, 1, false)]);
        assert_eq!(
            g.rows[2],
            vec![cell(0, 1, false), cell(1, 1, false), cell(2, 1, true)]
        );
        assert_eq!(g.slot(25.0, 25.0), Some((2, 2)));
        assert_eq!(g.origin(2, 2), 1);
        assert_eq!(g.cell_at(0, 1), Some(0));
    }

    #[test]
    fn a_lone_rule_is_not_a_table() {
        assert!(grids(&[h(5.0, 0.0, 100.0), v(50.0, 10.0, 40.0)]).is_empty());
    }
}
