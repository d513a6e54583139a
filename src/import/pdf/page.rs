//! What is printed around the text of a page: the page number, footnotes under their
//! separator rule, and the frame (left and right edges) the running text is set in.

use std::collections::HashMap;

use super::grid::Grid;
use super::lines::{Frame, Line, Paragraph};
use super::poppler::{Page, TextPiece};
use crate::import::model::{Align, FootnoteFacts};

/// The page number printed above or below the text: a line of digits alone at the top
/// of the page, or at the bottom set apart from the text.
pub fn drop_page_number(lines: &mut Vec<Line>, page_height: f32) {
    let is_number = |l: &Line| {
        let t = l.text();
        let t = t.trim_matches(|c: char| c.is_whitespace() || c == '-' || c == '–');
        !t.is_empty() && t.chars().all(|c| c.is_ascii_digit())
    };
    if lines
        .first()
        .is_some_and(|l| is_number(l) && l.top() < 0.1 * page_height)
    {
        lines.remove(0);
    }
    let n = lines.len();
    if n >= 2
        && is_number(&lines[n - 1])
        && lines[n - 1].top() - lines[n - 2].top() > 2.5 * lines[n - 1].size_pt()
    {
        lines.pop();
    }
}

/// The short rule a word processor draws above the footnotes of a page: not part of a
/// table, starting at the left margin and shorter than half the text width.
pub fn footnote_separator(page: &Page, grids: &[Grid]) -> Option<f32> {
    page.rules
        .iter()
        .filter(|r| r.horizontal() && r.x1 - r.x0 < 0.45 * page.width)
        .filter(|r| !grids.iter().any(|g| g.contains(r.x0 + 1.0, r.y0)))
        .filter(|r| {
            let below: Vec<&TextPiece> = page
                .texts
                .iter()
                .filter(|t| t.top > r.y0 && !t.text.trim().is_empty())
                .collect();
            let above_size = page
                .texts
                .iter()
                .filter(|t| t.top <= r.y0 && !t.text.trim().is_empty())
                .map(|t| t.size)
                .max();
            let below_left = below.iter().map(|t| t.left).fold(f32::MAX, f32::min);
            let below_size = below.iter().map(|t| t.size).max();
            // The notes start at the rule's left end and are set smaller.
            (below_left - r.x0).abs() < 6.0
                && matches!((below_size, above_size), (Some(b), Some(a)) if b < a)
        })
        .map(|r| r.y0)
        .next()
}

/// Where the footnotes of a page start when no separator rule is drawn: the last lines,
/// set smaller than the text, the first of them opening with a mark ("[1]", "1") that a
/// line above carries as a raised, smaller reference.
pub fn unruled_footnotes(lines: &[Line]) -> Option<usize> {
    let size = |l: &Line| l.size_pt();
    let body_size = lines.iter().map(size).fold(0.0, f32::max);
    let reference = |mark: &str, upto: usize| {
        lines[..upto].iter().any(|l| {
            l.pieces
                .iter()
                .any(|p| p.text.trim() == mark && (p.size as f32) / 2.0 < l.size_pt())
        })
    };
    (1..lines.len()).find(|&i| {
        let l = &lines[i];
        let mark = l.pieces[0].text.trim();
        let opens = l.pieces.len() > 1
            && !mark.is_empty()
            && !mark.contains(' ')
            && l.pieces[0].size < l.pieces[1].size;
        opens
            && size(l) < body_size
            && lines[i..].iter().all(|n| size(n) <= size(l))
            && reference(mark, i)
    })
}

/// The body frame of each page: the commonest left edge of its lines and the commonest
/// right edge of its full lines, over all pages of the same size. Pages of a size that
/// holds little running text (an appendix in landscape) take the width of their tables,
/// else margins as wide on both sides.
pub fn body_frames(sizes: &[(f32, f32)], lines: &[Line], grids: &[Vec<Grid>]) -> Vec<Frame> {
    let key = |n: usize| ((sizes[n].0 * 10.0) as i32, (sizes[n].1 * 10.0) as i32);
    let mut lefts: HashMap<(i32, i32), HashMap<i32, usize>> = HashMap::new();
    let mut rights: HashMap<(i32, i32), HashMap<i32, usize>> = HashMap::new();
    for l in lines {
        let k = key(l.page);
        // A line's first piece starts at the margin or an indent, also when a tab or a
        // column follows it.
        *lefts
            .entry(k)
            .or_default()
            .entry(l.left().round() as i32)
            .or_default() += 1;
        if l.clone().segments().len() == 1 && l.width() > 0.5 * sizes[l.page].0 {
            *rights
                .entry(k)
                .or_default()
                .entry(l.right().round() as i32)
                .or_default() += 1;
        }
    }
    // An edge shared by five lines or more: running text, not a few titles. On the
    // left, the leftmost such edge (first lines may be indented, more of them than
    // running lines where paragraphs are short); on the right, the commonest.
    let left_edge = |m: Option<&HashMap<i32, usize>>| {
        m.and_then(|m| m.iter().filter(|(_, n)| **n >= 5).map(|(v, _)| *v).min())
            .map(|v| v as f32)
    };
    let mode = |m: Option<&HashMap<i32, usize>>| {
        m.and_then(|m| m.iter().max_by_key(|(v, n)| (**n, -**v)))
            .filter(|(_, n)| **n >= 5)
            .map(|(v, _)| *v as f32)
    };
    // Without five full lines, the furthest any line reaches (a justified line reaches
    // the margin).
    let mut furthest: HashMap<(i32, i32), f32> = HashMap::new();
    // Lines sharing one middle (the type line, the summary) are centred on the frame.
    let mut centres: HashMap<(i32, i32), HashMap<i32, usize>> = HashMap::new();
    for l in lines {
        let e = furthest.entry(key(l.page)).or_insert(f32::MIN);
        *e = e.max(l.right());
        if l.clone().segments().len() == 1 {
            *centres
                .entry(key(l.page))
                .or_default()
                .entry(l.centre().round() as i32)
                .or_default() += 1;
        }
    }
    let mut table_edges: HashMap<(i32, i32), (f32, f32)> = HashMap::new();
    for (n, page) in grids.iter().enumerate() {
        for g in page {
            let e = table_edges.entry(key(n)).or_insert((f32::MAX, f32::MIN));
            e.0 = e.0.min(g.xs[0]);
            e.1 = e.1.max(*g.xs.last().expect("a grid has columns"));
        }
    }
    (0..sizes.len())
        .map(|n| {
            let (w, _) = sizes[n];
            let k = key(n);
            match (
                left_edge(lefts.get(&k)),
                mode(rights.get(&k)),
                table_edges.get(&k),
            ) {
                (Some(left), Some(right), _) => Frame { left, right },
                (Some(left), None, _) => {
                    let centred = centres.get(&k).and_then(|m| {
                        m.iter()
                            .filter(|(c, n)| **n >= 2 && (**c as f32) > left)
                            .max_by_key(|(c, n)| (**n, **c))
                            .map(|(c, _)| *c as f32)
                    });
                    let right = match centred {
                        Some(c) if 2.0 * c - left <= w => 2.0 * c - left,
                        _ => furthest.get(&k).copied().unwrap_or(w * 0.9),
                    };
                    Frame { left, right }
                }
                (_, _, Some(&(left, right))) => Frame { left, right },
                _ => Frame {
                    left: w * 0.1,
                    right: w * 0.9,
                },
            }
        })
        .collect()
}

pub fn footnotes(notes: Vec<Line>) -> Vec<FootnoteFacts> {
    let mut out: Vec<FootnoteFacts> = Vec::new();
    let mut current: Vec<Line> = Vec::new();
    let flush = |current: &mut Vec<Line>, out: &mut Vec<FootnoteFacts>| {
        if current.is_empty() {
            return;
        }
        let para = Paragraph {
            lines: std::mem::take(current),
            align: Align::Justify,
        };
        let mut runs = para.runs();
        let text: String = runs.iter().map(|r| r.text.as_str()).collect();
        let mark: String = text.split_whitespace().next().unwrap_or("").to_owned();
        // The mark leads the first run(s): take it off.
        let mut left = mark.len();
        for r in &mut runs {
            let take = left.min(r.text.len());
            r.text.drain(..take);
            left -= take;
        }
        if let Some(first) = runs.iter_mut().find(|r| !r.text.is_empty()) {
            first.text = first.text.trim_start().to_owned();
        }
        runs.retain(|r| !r.text.is_empty());
        out.push(FootnoteFacts { mark, runs });
    };
    for line in notes {
        // A note starts with its mark, set smaller than the note's text.
        let starts = line.pieces.len() > 1
            && line.pieces[0].size < line.pieces[1].size
            && !line.pieces[0].text.trim().is_empty();
        if starts {
            flush(&mut current, &mut out);
        }
        current.push(line);
    }
    flush(&mut current, &mut out);
    out
}
