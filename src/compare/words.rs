//! Word-level diff of two paragraphs: runs cut into words and the spaces between them,
//! diffed, and glued back into runs marked inserted or deleted. Bold and italic ride on
//! every token, so a word that only changed emphasis shows as replaced.

use similar::{capture_diff_slices, Algorithm, DiffOp};

use crate::document::{Change, ChangeKind, Run};

use super::Stamp;

#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
struct Token {
    text: String,
    bold: bool,
    italic: bool,
}

fn tokens(runs: &[Run]) -> Vec<Token> {
    let mut out = Vec::new();
    for run in runs {
        let mut current = String::new();
        let mut in_space = None;
        for c in run.text.chars() {
            let space = c.is_whitespace();
            if in_space.is_some_and(|s| s != space) {
                out.push(token(run, std::mem::take(&mut current)));
            }
            in_space = Some(space);
            current.push(c);
        }
        if !current.is_empty() {
            out.push(token(run, current));
        }
    }
    out
}

fn token(run: &Run, text: String) -> Token {
    Token {
        text,
        bold: run.bold,
        italic: run.italic,
    }
}

/// A stretch of the diff: kept tokens, or deleted ones replaced by inserted ones.
enum Segment<'a> {
    Kept(&'a [Token]),
    Changed(Vec<&'a Token>, Vec<&'a Token>),
}

/// The merged runs of `old` → `new`, and whether anything differs.
pub(crate) fn diff_runs(old: &[Run], new: &[Run], stamp: &Stamp) -> (Vec<Run>, bool) {
    let (a, b) = (tokens(old), tokens(new));
    let mut segments: Vec<Segment> = Vec::new();
    for op in capture_diff_slices(Algorithm::Myers, &a, &b) {
        let (_, old_range, new_range) = op.as_tag_tuple();
        if let DiffOp::Equal { .. } = op {
            segments.push(Segment::Kept(&b[new_range]));
            continue;
        }
        let (deleted, inserted) = (&a[old_range], &b[new_range]);
        match segments.last_mut() {
            Some(Segment::Changed(d, i)) => {
                d.extend(deleted);
                i.extend(inserted);
            }
            _ => segments.push(Segment::Changed(
                deleted.iter().collect(),
                inserted.iter().collect(),
            )),
        }
    }
    // A lone space kept between two changes reads as noise ("~~trách~~ __người,__
    // ~~nhiệm.~~ __việc.__"): fold it into one change, as a person would write it.
    let mut merged: Vec<Segment> = Vec::new();
    let mut rest = segments.into_iter().peekable();
    while let Some(segment) = rest.next() {
        let folds = matches!(&segment, Segment::Kept(k) if k.iter().all(|t| t.text.trim().is_empty()))
            && matches!(merged.last(), Some(Segment::Changed(..)))
            && matches!(rest.peek(), Some(Segment::Changed(..)));
        if !folds {
            merged.push(segment);
            continue;
        }
        let (Segment::Kept(space), Some(Segment::Changed(nd, ni)), Some(Segment::Changed(d, i))) =
            (segment, rest.next(), merged.last_mut())
        else {
            unreachable!("checked above")
        };
        d.extend(space);
        d.extend(nd);
        i.extend(space);
        i.extend(ni);
    }
    let mut out: Vec<Run> = Vec::new();
    let mut changed = false;
    for segment in merged {
        match segment {
            Segment::Kept(tokens) => push_all(&mut out, tokens.iter(), None),
            Segment::Changed(deleted, inserted) => {
                changed = true;
                // Deleted before inserted, as Word shows a replaced word.
                let del = Some(stamp.change(ChangeKind::Deleted));
                push_all(&mut out, deleted.into_iter(), del);
                let ins = Some(stamp.change(ChangeKind::Inserted));
                push_all(&mut out, inserted.into_iter(), ins);
            }
        }
    }
    (out, changed)
}

/// Appends tokens, joining a token to the last run when it looks the same.
fn push_all<'a>(
    out: &mut Vec<Run>,
    tokens: impl Iterator<Item = &'a Token>,
    change: Option<Change>,
) {
    for t in tokens {
        match out.last_mut() {
            Some(last)
                if last.bold == t.bold && last.italic == t.italic && last.change == change =>
            {
                last.text.push_str(&t.text);
            }
            _ => out.push(Run {
                text: t.text.clone(),
                bold: t.bold,
                italic: t.italic,
                change: change.clone(),
                ..Default::default()
            }),
        }
    }
}

/// How alike two texts are by their words (0..=1; spaces and cell breaks don't count,
/// or every pair of tasks would look half alike), for pairing edited rows and paragraphs.
pub(crate) fn similarity(a: &str, b: &str) -> f32 {
    if a == b {
        return 1.0;
    }
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| c.is_whitespace() || c == '\u{1f}')
            .filter(|w| !w.is_empty())
            .map(str::to_owned)
            .collect()
    };
    let (a, b) = (words(a), words(b));
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let same: usize = capture_diff_slices(Algorithm::Myers, &a, &b)
        .iter()
        .map(|op| match op {
            DiffOp::Equal { len, .. } => *len,
            _ => 0,
        })
        .sum();
    2.0 * same as f32 / (a.len() + b.len()) as f32
}
