//! Aligning two sequences (paragraphs, rows, parts) before diffing what they hold.
//!
//! Items with equal keys are matched by a plain LCS diff; inside each changed stretch
//! the leftovers are paired by similarity (an order-keeping best match), so an edited
//! task lines up with its old self while a new one shows as inserted.

use std::hash::Hash;

use similar::{capture_diff_slices, Algorithm, DiffOp};

/// One step of an alignment, in output order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// Old item `.0` became new item `.1` (equal, or similar enough to diff inside).
    Both(usize, usize),
    /// Old item only: deleted.
    Old(usize),
    /// New item only: inserted.
    New(usize),
}

/// Aligns `old` with `new`. `key` decides exact matches; `pair` scores two leftovers
/// (in 0..=1; `None` = never pair them).
pub fn align<T, K: Hash + Eq + Ord>(
    old: &[T],
    new: &[T],
    key: impl Fn(&T) -> K,
    pair: impl Fn(&T, &T) -> Option<f32>,
) -> Vec<Step> {
    let old_keys: Vec<K> = old.iter().map(&key).collect();
    let new_keys: Vec<K> = new.iter().map(&key).collect();
    let mut steps = Vec::new();
    for op in capture_diff_slices(Algorithm::Myers, &old_keys, &new_keys) {
        match op {
            DiffOp::Equal {
                old_index,
                new_index,
                len,
            } => steps.extend((0..len).map(|i| Step::Both(old_index + i, new_index + i))),
            DiffOp::Delete {
                old_index, old_len, ..
            } => steps.extend((old_index..old_index + old_len).map(Step::Old)),
            DiffOp::Insert {
                new_index, new_len, ..
            } => steps.extend((new_index..new_index + new_len).map(Step::New)),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => steps.extend(pair_up(
                old_index..old_index + old_len,
                new_index..new_index + new_len,
                |o, n| pair(&old[o], &new[n]),
            )),
        }
    }
    steps
}

/// Order-keeping pairing of a changed stretch: the pairs with the highest total score
/// (a weighted LCS). Stretches are small (the edited rows), so O(n·m) is fine.
fn pair_up(
    old: std::ops::Range<usize>,
    new: std::ops::Range<usize>,
    score: impl Fn(usize, usize) -> Option<f32>,
) -> Vec<Step> {
    let (n, m) = (old.len(), new.len());
    let scores: Vec<Vec<Option<f32>>> = old
        .clone()
        .map(|o| new.clone().map(|w| score(o, w)).collect())
        .collect();
    // best[i][j]: best total for old[i..], new[j..].
    let mut best = vec![vec![0f32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            let mut b = best[i + 1][j].max(best[i][j + 1]);
            if let Some(s) = scores[i][j] {
                b = b.max(best[i + 1][j + 1] + s);
            }
            best[i][j] = b;
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut steps = Vec::new();
    while i < n && j < m {
        match scores[i][j] {
            Some(s) if best[i][j] == best[i + 1][j + 1] + s => {
                steps.push(Step::Both(old.start + i, new.start + j));
                i += 1;
                j += 1;
            }
            _ if best[i][j] == best[i + 1][j] => {
                steps.push(Step::Old(old.start + i));
                i += 1;
            }
            _ => {
                steps.push(Step::New(new.start + j));
                j += 1;
            }
        }
    }
    steps.extend((i..n).map(|i| Step::Old(old.start + i)));
    steps.extend((j..m).map(|j| Step::New(new.start + j)));
    steps
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_items_match_and_similar_ones_pair() {
        let old = ["a", "b1", "c", "d"];
        let new = ["a", "x", "b2", "c"];
        let steps = align(
            &old,
            &new,
            |s| s.to_string(),
            |o, n| (o.chars().next() == n.chars().next()).then_some(1.0),
        );
        assert_eq!(
            steps,
            [
                Step::Both(0, 0),
                Step::New(1),
                Step::Both(1, 2),
                Step::Both(2, 3),
                Step::Old(3)
            ]
        );
    }
}
