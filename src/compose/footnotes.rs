//! Footnotes: a plan's `chu_thich` entry names the mark its text prints ("[1]"); the first
//! paragraph of the plan that prints the mark carries the footnote there. The mark stays
//! in the text, so the paragraph reads as signed; the renderers make it a Word footnote
//! reference (DOCX) or a link to the note (HTML).

use crate::document::{Block, Footnote, Para, Part, PartKind, Run};
use crate::plan::Plan;

use super::inline::{parse_inline_owned, single_line};

/// Marks each footnote's first occurrence and returns the notes in order. A note whose
/// mark is printed nowhere is still kept (its text is not lost), unattached.
pub(crate) fn attach(plan: &Plan, parts: &mut [Part]) -> Vec<Footnote> {
    let mut notes = Vec::new();
    for note in &plan.chu_thich {
        let mark = single_line(&note.so);
        if mark.is_empty() {
            continue;
        }
        let index = notes.len();
        notes.push(Footnote {
            mark: mark.clone(),
            runs: parse_inline_owned(single_line(&note.noi_dung)),
        });
        let found = parts
            .iter_mut()
            .filter(|p| p.kind == PartKind::Main)
            .flat_map(|p| p.blocks.iter_mut())
            .filter_map(|b| match b {
                Block::Para(p) => Some(p),
                Block::Table(_) => None,
            })
            .find(|p| has_free_mark(p, &mark));
        if let Some(para) = found {
            mark_run(para, &mark, index);
        }
    }
    notes
}

fn has_free_mark(p: &Para, mark: &str) -> bool {
    p.runs
        .iter()
        .any(|r| r.note.is_none() && r.text.contains(mark))
}

/// Splits the run holding `mark` so that the mark is a run of its own, the note's.
fn mark_run(para: &mut Para, mark: &str, index: usize) {
    let Some(i) = para
        .runs
        .iter()
        .position(|r| r.note.is_none() && r.text.contains(mark))
    else {
        return;
    };
    let run = para.runs.remove(i);
    let at = run.text.find(mark).unwrap_or(0);
    let piece = |text: &str, note: Option<usize>| Run {
        text: text.to_owned(),
        note,
        ..run.clone()
    };
    let mut pieces = Vec::new();
    if at > 0 {
        pieces.push(piece(&run.text[..at], None));
    }
    pieces.push(piece(mark, Some(index)));
    let rest = &run.text[at + mark.len()..];
    if !rest.is_empty() {
        pieces.push(piece(rest, None));
    }
    para.runs.splice(i..i, pieces);
}
