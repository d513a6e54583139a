//! Word's "Accept all" and "Reject all" on the tree: the contract of [`super::compare`]
//! (accept → the new document, reject → the old one), which the tests hold.

use crate::document::{Block, ChangeKind, Document, Para, Run};

/// Every change accepted: insertions kept, deletions dropped.
pub(crate) fn accept_all(doc: &Document) -> Document {
    resolve(doc, ChangeKind::Deleted)
}

/// Every change rejected: deletions kept, insertions dropped.
pub(crate) fn reject_all(doc: &Document) -> Document {
    resolve(doc, ChangeKind::Inserted)
}

/// Drops what carries `drop`, clears every other mark, and joins runs that became
/// alike (dropping empty ones), so the result compares equal to a plain compose.
fn resolve(doc: &Document, drop: ChangeKind) -> Document {
    let gone = |c: &Option<crate::document::Change>| c.as_ref().is_some_and(|c| c.kind == drop);
    let para = |p: &Para| -> Option<Para> {
        if gone(&p.change) {
            return None;
        }
        let mut runs: Vec<Run> = Vec::new();
        for r in p
            .runs
            .iter()
            .filter(|r| !gone(&r.change) && !r.text.is_empty())
        {
            match runs.last_mut() {
                Some(last) if last.bold == r.bold && last.italic == r.italic => {
                    last.text.push_str(&r.text)
                }
                _ => runs.push(Run {
                    change: None,
                    ..r.clone()
                }),
            }
        }
        Some(Para {
            runs,
            change: None,
            ..p.clone()
        })
    };
    let mut out = doc.clone();
    for part in &mut out.parts {
        part.blocks = part
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Para(p) => para(p).map(Block::Para),
                Block::Table(t) => {
                    let mut t = t.clone();
                    t.rows.retain(|r| !gone(&r.change));
                    for row in &mut t.rows {
                        row.change = None;
                        for cell in &mut row.cells {
                            cell.paras = cell.paras.iter().filter_map(para).collect();
                        }
                    }
                    (!t.rows.is_empty()).then_some(Block::Table(t))
                }
            })
            .collect();
    }
    out.parts.retain(|p| !p.blocks.is_empty());
    out
}
