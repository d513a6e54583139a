//! Where inside a YAML scalar a finding is.
//!
//! A `Text` knows where its scalar starts (`at`), not where each character of its value
//! sits: quotes, escapes, folding and block indentation all shift the two apart. So we
//! walk the value and the source side by side and give the exact position only while
//! they agree; otherwise the finding points at the start of the scalar, which is still
//! the right line for a one-line value and never a wrong place.

use crate::diag::Source;
use crate::plan::{Loc, Text};

/// The location of the `len` bytes at byte `start` of `text.value`.
///
/// Findings in one scalar come in increasing order (a plan of 40 000 citations in one
/// paragraph has 40 000 of them), so the walk resumes from where the previous finding
/// of the same scalar left it ([`Checkpoint`]) instead of starting over: linear in the
/// scalar, not quadratic.
pub fn within(text: &Text, source: &Source, start: usize, len: usize) -> Loc {
    let at = text.at;
    if !at.is_known() {
        return at;
    }
    let Some(scalar) = scalar_source(source, at) else {
        return at;
    };
    let id = ScalarId::of(source, &scalar, &text.value);
    let resume = LAST
        .with(|c| c.get())
        .filter(|c| c.id == id && c.walk.vi <= start);
    let from = resume.map_or(Walk::START, |c| c.walk);
    let Some(walk) = map_from(scalar.text, &text.value, from, start) else {
        return at;
    };
    let offset = walk.si;
    let abs = scalar.offset + offset;
    let base = resume.map_or(Some((at.line, at.col, source.offset_of(at))), |c| {
        Some((c.line, c.col, Some(c.abs)))
    });
    let Some(mut loc) = base.and_then(|(line, col, from)| advance(source, line, col, from?, abs))
    else {
        return at;
    };
    LAST.with(|c| {
        c.set(Some(Checkpoint {
            id,
            walk,
            abs,
            line: loc.line,
            col: loc.col,
        }))
    });
    // The span, when the whole substring also sits verbatim in the source.
    let end = start.saturating_add(len).min(text.value.len());
    loc.len = match map_from(scalar.text, &text.value, walk, end) {
        Some(e) if e.si >= offset => (e.si - offset) as u32,
        _ => 0,
    };
    loc
}

/// Which scalar a checkpoint belongs to: the source text, the scalar's place in it and
/// the value (by address and length, plus its first bytes, so a value freed and another
/// allocated at the same address is still told apart in practice; a mismatch could only
/// misplace a finding, never panic: every slice below is checked).
#[derive(Clone, Copy, PartialEq, Eq)]
struct ScalarId {
    source: usize,
    source_len: usize,
    scalar: usize,
    value: usize,
    value_len: usize,
    head: u64,
}

impl ScalarId {
    fn of(source: &Source, scalar: &Scalar, value: &str) -> ScalarId {
        let mut head = [0u8; 8];
        let n = value.len().min(8);
        head[..n].copy_from_slice(&value.as_bytes()[..n]);
        ScalarId {
            source: source.text.as_ptr() as usize,
            source_len: source.text.len(),
            scalar: scalar.offset,
            value: value.as_ptr() as usize,
            value_len: value.len(),
            head: u64::from_le_bytes(head),
        }
    }
}

/// Where the last finding's walk stopped, and the line and column of that place.
#[derive(Clone, Copy)]
struct Checkpoint {
    id: ScalarId,
    walk: Walk,
    abs: usize,
    line: u32,
    col: u32,
}

thread_local! {
    static LAST: std::cell::Cell<Option<Checkpoint>> = const { std::cell::Cell::new(None) };
}

/// The location of byte `abs`, counted from a place whose line and column are known
/// (the scalar's start, or the previous finding) rather than from the top of the file.
fn advance(source: &Source, line: u32, col: u32, from: usize, abs: usize) -> Option<Loc> {
    let seg = source.text.get(from..abs)?;
    let (line, col) = match seg.rfind('\n') {
        None => (line, col + seg.chars().count() as u32),
        Some(i) => (
            line + seg.matches('\n').count() as u32,
            seg[i + 1..].chars().count() as u32 + 1,
        ),
    };
    Some(Loc {
        line,
        col,
        offset: abs as u32,
        len: 0,
    })
}

struct Scalar<'s> {
    /// Byte offset of `text` in the source.
    offset: usize,
    /// The scalar's source, after an opening quote; stops at a closing quote or the span end.
    text: &'s str,
}

fn scalar_source(source: &Source, at: Loc) -> Option<Scalar<'_>> {
    let src = &source.text;
    let start = source.offset_of(at)?;
    let end = start.saturating_add(at.len as usize).min(src.len());
    // Spans are byte ranges from the parser; refuse any that do not fall on characters.
    let raw = src.get(start..end)?;
    let (skip, raw) = match raw.chars().next() {
        // Escapes change lengths: a double-quoted value with a backslash is not mapped.
        Some('"') if raw.contains('\\') => return None,
        Some(q @ ('"' | '\'')) => (q.len_utf8(), &raw[q.len_utf8()..]),
        _ => (0, raw),
    };
    Some(Scalar {
        offset: start + skip,
        text: raw,
    })
}

/// A position of the walk: byte `si` of the source, byte `vi` of the value, and whether
/// the source just passed a line break (so indentation is skipped).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
struct Walk {
    si: usize,
    vi: usize,
    after_break: bool,
}

impl Walk {
    const START: Walk = Walk {
        si: 0,
        vi: 0,
        after_break: false,
    };
}

/// Walks `raw` and `value` side by side from `from` to byte `target` of `value`: equal
/// characters advance together; a line break in the source may stand for a space or
/// line break in the value (folding), and indentation after a line break is skipped.
/// Anything else (an escape, `''`) gives `None`.
fn map_from(raw: &str, value: &str, from: Walk, target: usize) -> Option<Walk> {
    if !value.is_char_boundary(target.min(value.len())) || from.vi > target {
        return None;
    }
    let mut src = raw.get(from.si..)?.char_indices().peekable();
    let mut val = value.get(from.vi..)?.char_indices().peekable();
    let (s0, v0) = (from.si, from.vi);
    let mut after_break = from.after_break;
    loop {
        // Indentation of a continuation line is not part of the value.
        while after_break && src.peek().is_some_and(|&(_, c)| c == ' ' || c == '\t') {
            src.next();
        }
        let vc = match val.peek() {
            Some(&(vi, vc)) if v0 + vi < target => vc,
            rest => {
                return Some(Walk {
                    si: src.peek().map_or(raw.len(), |&(si, _)| s0 + si),
                    vi: rest.map_or(value.len(), |&(vi, _)| v0 + vi),
                    after_break,
                })
            }
        };
        let &(_, sc) = src.peek()?;
        if sc == vc {
            src.next();
            val.next();
            after_break = sc == '\n';
        } else if sc == '\n' || sc == '\r' {
            src.next();
            after_break = true;
            if vc == ' ' {
                // A folded line break: one space in the value.
                val.next();
            }
        } else {
            return None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn first(yaml: &str) -> (Text, Source) {
        let l = crate::load::load_str(Path::new("t.yaml"), yaml).unwrap();
        (l.plan.trich_yeu.clone(), l.source)
    }

    const HEAD: &str =
        "co_quan: {ten: [X], ten_goi: x, viet_tat: UBND}\ndia_danh: Ninh Hà\nky: {ho_ten: A}\n";

    #[test]
    fn plain_and_quoted_scalars_map_exactly() {
        for (scalar, col) in [
            ("Kế Kế hoạch", 12),
            ("\"Kế Kế hoạch\"", 13),
            ("'Kế Kế hoạch'", 13),
        ] {
            let (t, s) = first(&format!("{HEAD}trich_yeu: {scalar}\n"));
            let i = t.value.find("Kế hoạch").unwrap();
            let at = within(&t, &s, i, "Kế hoạch".len());
            assert_eq!((at.line, at.col), (4, col + 3), "{scalar}");
            assert_eq!(at.len as usize, "Kế hoạch".len());
        }
    }

    #[test]
    fn folded_and_block_scalars_follow_the_lines() {
        let (t, s) = first(&format!("{HEAD}trich_yeu: Một dòng\n  Kế Kế hoạch\n"));
        let at = within(&t, &s, t.value.find("Kế hoạch").unwrap(), 1);
        assert_eq!((at.line, at.col), (5, 6));
        let (t, s) = first(&format!("{HEAD}trich_yeu: |\n  Dòng một\n  Kế Kế hoạch\n"));
        let at = within(&t, &s, t.value.find("Kế hoạch").unwrap(), 1);
        assert_eq!((at.line, at.col), (6, 6));
    }

    #[test]
    fn escapes_fall_back_to_the_scalar_start() {
        let (t, s) = first(&format!("{HEAD}trich_yeu: \"a\\tb  c\"\n"));
        let at = within(&t, &s, t.value.find("  ").unwrap(), 2);
        assert_eq!((at.line, at.col), (4, 12));
        let (t, s) = first(&format!("{HEAD}trich_yeu: 'it''s  x'\n"));
        let at = within(&t, &s, t.value.find("  ").unwrap(), 2);
        assert_eq!((at.line, at.col), (4, 12));
    }

    /// Defect 6: findings of one long scalar are located in linear time, and exactly as
    /// a walk from the start would place them.
    #[test]
    fn many_findings_in_one_scalar_resume_where_the_last_stopped() {
        let body: String = (0..4000)
            .map(|i| format!("mục {i} Kế hoạch,\n  "))
            .collect();
        let (t, s) = first(&format!("{HEAD}trich_yeu: {body}\n"));
        let starts: Vec<usize> = t.value.match_indices("Kế hoạch").map(|(i, _)| i).collect();
        assert_eq!(starts.len(), 4000);
        let began = std::time::Instant::now();
        let locs: Vec<Loc> = starts.iter().map(|&i| within(&t, &s, i, 3)).collect();
        let fast = began.elapsed();
        for (k, (&i, loc)) in starts.iter().zip(&locs).enumerate().step_by(397) {
            LAST.with(|c| c.set(None));
            assert_eq!(within(&t, &s, i, 3), *loc, "finding {k}");
            assert_eq!(loc.line, 4 + k as u32);
        }
        // The quadratic walk took seconds here; linear takes milliseconds.
        assert!(fast < std::time::Duration::from_secs(2), "{fast:?}");
        // Out of order still finds the right place.
        let back = within(&t, &s, starts[10], 3);
        assert_eq!(back, locs[10]);
    }

    #[test]
    fn unknown_or_bogus_locations_never_panic() {
        let s = Source::new("t", "ab");
        let mut t = Text::new("xyz");
        assert_eq!(within(&t, &s, 1, 1), Loc::UNKNOWN);
        t.at = Loc {
            line: 9,
            col: 9,
            offset: 999,
            len: 999,
        };
        let _ = within(&t, &s, 2, 50);
        let s = Source::new("t", "é");
        t.at = Loc {
            line: 1,
            col: 1,
            offset: 1,
            len: 1,
        };
        let _ = within(&t, &s, 0, 1);
    }
}
