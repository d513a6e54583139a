//! `render --since`: two composed documents → one document whose differences are
//! tracked changes (Word revisions; `<ins>`/`<del>` in HTML).
//!
//! Both versions go through the same compose, so the diff sees exactly what each
//! render shows (renumbered rows included). Accepting every change gives the new
//! document and rejecting every change gives the old one: `accept_all` and
//! `reject_all` state that contract on the tree, and the tests hold it.
//!
//! A change inherits down the tree: a deleted row's paragraphs and runs are deleted
//! with it, so only the outermost changed node carries a [`Change`].

mod align;
#[cfg(test)]
mod revisions;
mod table;
mod words;

#[cfg(test)]
use revisions::{accept_all, reject_all};

use std::fmt;

use crate::document::{Block, Change, ChangeKind, Document, Para, Part, Table};

use align::{align, Step};
use words::{diff_runs, similarity};

/// Who made the changes and when: fixed per run, never the clock, so output is
/// reproducible.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stamp {
    pub author: String,
    /// ISO 8601, `2021-07-07T00:00:00Z`.
    pub date: String,
}

impl Stamp {
    /// The stamp for a new version dated `date` (`YYYY-MM-DD`); the epoch for a draft.
    pub fn new(author: impl Into<String>, date: Option<&str>) -> Stamp {
        Stamp {
            author: author.into(),
            date: format!("{}T00:00:00Z", date.unwrap_or("1970-01-01")),
        }
    }

    fn change(&self, kind: ChangeKind) -> Change {
        Change {
            kind,
            author: self.author.clone(),
            date: self.date.clone(),
        }
    }
}

/// What changed, counted as a clerk counts: tasks of the appendix tables, and
/// paragraphs everywhere else.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub tasks_added: usize,
    pub tasks_changed: usize,
    pub tasks_removed: usize,
    pub paras_added: usize,
    pub paras_changed: usize,
    pub paras_removed: usize,
}

impl Summary {
    pub fn is_empty(&self) -> bool {
        *self == Summary::default()
    }
}

impl fmt::Display for Summary {
    /// "thêm 2 nhiệm vụ, sửa 3, xóa 1; văn bản: sửa 1 đoạn".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_empty() {
            return f.write_str("không có thay đổi");
        }
        let tasks = self.tasks_added + self.tasks_changed + self.tasks_removed;
        if tasks > 0 {
            write!(
                f,
                "thêm {} nhiệm vụ, sửa {}, xóa {}",
                self.tasks_added, self.tasks_changed, self.tasks_removed
            )?;
        }
        let paras = self.paras_added + self.paras_changed + self.paras_removed;
        if paras > 0 {
            if tasks > 0 {
                f.write_str("; ")?;
            }
            write!(
                f,
                "văn bản: thêm {} đoạn, sửa {}, xóa {}",
                self.paras_added, self.paras_changed, self.paras_removed
            )?;
        }
        Ok(())
    }
}

/// The new document with its differences from the old one as tracked changes.
pub struct Comparison {
    pub document: Document,
    pub summary: Summary,
}

pub fn compare(old: &Document, new: &Document, stamp: &Stamp) -> Comparison {
    let mut diff = Differ {
        stamp,
        summary: Summary::default(),
    };
    let steps = align(
        &old.parts,
        &new.parts,
        |p| format!("{:?}", p.kind),
        |_, _| None,
    );
    let parts = steps
        .into_iter()
        .map(|step| match step {
            Step::Both(o, n) => diff.part(&old.parts[o], &new.parts[n]),
            Step::Old(o) => diff.whole_part(&old.parts[o], ChangeKind::Deleted),
            Step::New(n) => diff.whole_part(&new.parts[n], ChangeKind::Inserted),
        })
        .collect();
    Comparison {
        document: Document {
            meta: new.meta.clone(),
            parts,
            ..Default::default()
        },
        summary: diff.summary,
    }
}

struct Differ<'a> {
    stamp: &'a Stamp,
    summary: Summary,
}

/// How alike two paragraphs must be to show as one edited paragraph rather than a
/// deleted one and an inserted one.
const PARA_PAIRING: f32 = 0.3;

impl Differ<'_> {
    fn part(&mut self, old: &Part, new: &Part) -> Part {
        let steps = align(&old.blocks, &new.blocks, block_key, |a, b| match (a, b) {
            (Block::Para(a), Block::Para(b)) => para_pairing(a, b),
            _ => None,
        });
        let blocks = steps
            .into_iter()
            .map(|step| match step {
                Step::Both(o, n) => match (&old.blocks[o], &new.blocks[n]) {
                    (Block::Para(a), Block::Para(b)) => {
                        let (para, changed) = self.para(a, b);
                        self.summary.paras_changed += changed as usize;
                        Block::Para(para)
                    }
                    (Block::Table(a), Block::Table(b)) => Block::Table(self.table(a, b)),
                    _ => unreachable!("only blocks of one kind are aligned"),
                },
                Step::Old(o) => self.whole_block(&old.blocks[o], ChangeKind::Deleted),
                Step::New(n) => self.whole_block(&new.blocks[n], ChangeKind::Inserted),
            })
            .collect();
        Part {
            kind: new.kind,
            landscape: new.landscape,
            blocks,
        }
    }

    /// A table cell's paragraphs: aligned, then edited ones diffed word by word.
    /// Paragraphs of one role always pair here, however different: a cell's paragraph
    /// mark can't be deleted in Word, so "2" → "3" must be a word change, not a
    /// deleted paragraph and an inserted one. Returns the list and whether it changed.
    fn cell_paras(&mut self, old: &[Para], new: &[Para]) -> (Vec<Para>, bool) {
        let mut changed = false;
        let same_role = |a: &Para, b: &Para| {
            (a.role == b.role).then(|| para_pairing(a, b).unwrap_or(f32::EPSILON))
        };
        let paras = align(old, new, para_key, same_role)
            .into_iter()
            .map(|step| match step {
                Step::Both(o, n) => {
                    let (para, c) = self.para(&old[o], &new[n]);
                    changed |= c;
                    para
                }
                Step::Old(o) => {
                    changed = true;
                    self.mark_para(&old[o], ChangeKind::Deleted)
                }
                Step::New(n) => {
                    changed = true;
                    self.mark_para(&new[n], ChangeKind::Inserted)
                }
            })
            .collect();
        (paras, changed)
    }

    fn para(&mut self, old: &Para, new: &Para) -> (Para, bool) {
        let (runs, changed) = diff_runs(&old.runs, &new.runs, self.stamp);
        if !changed {
            // Keep the new runs as composed (the diff re-cuts them into words).
            return (new.clone(), false);
        }
        (
            Para {
                runs,
                ..new.clone()
            },
            true,
        )
    }

    fn mark_para(&self, para: &Para, kind: ChangeKind) -> Para {
        Para {
            change: Some(self.stamp.change(kind)),
            ..para.clone()
        }
    }

    fn whole_block(&mut self, block: &Block, kind: ChangeKind) -> Block {
        match block {
            Block::Para(p) => {
                match kind {
                    ChangeKind::Inserted => self.summary.paras_added += 1,
                    ChangeKind::Deleted => self.summary.paras_removed += 1,
                }
                Block::Para(self.mark_para(p, kind))
            }
            Block::Table(t) => Block::Table(self.whole_table(t, kind)),
        }
    }

    fn whole_part(&mut self, part: &Part, kind: ChangeKind) -> Part {
        Part {
            blocks: part
                .blocks
                .iter()
                .map(|b| self.whole_block(b, kind))
                .collect(),
            ..part.clone()
        }
    }

    fn whole_table(&mut self, table: &Table, kind: ChangeKind) -> Table {
        let mut table = table.clone();
        for row in &mut table.rows {
            self.count_row(row.kind, kind);
            row.change = Some(self.stamp.change(kind));
        }
        table
    }
}

/// Exact-match key of a block: a paragraph by role and text; a table by its kind and
/// shape, so the header, signature and task tables meet their old selves.
fn block_key(block: &Block) -> String {
    match block {
        Block::Para(p) => para_key(p),
        Block::Table(t) => format!("table {:?} {}", t.kind, t.columns.len()),
    }
}

fn para_key(p: &Para) -> String {
    format!("{:?} {}", p.role, p.plain_text())
}

fn para_pairing(a: &Para, b: &Para) -> Option<f32> {
    if a.role != b.role {
        return None;
    }
    let s = similarity(&a.plain_text(), &b.plain_text());
    (s >= PARA_PAIRING).then_some(s)
}

#[cfg(test)]
mod tests;
