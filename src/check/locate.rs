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
pub fn within(text: &Text, source: &Source, start: usize, len: usize) -> Loc {
    let at = text.at;
    if !at.is_known() {
        return at;
    }
    let Some(scalar) = scalar_source(source, at) else {
        return at;
    };
    let Some(offset) = map_offset(scalar.text, &text.value, start) else {
        return at;
    };
    let abs = scalar.offset + offset;
    let Some(mut loc) = advance(source, at, abs) else {
        return at;
    };
    // The span, when the whole substring also sits verbatim in the source.
    let end = start.saturating_add(len).min(text.value.len());
    loc.len = match map_offset(scalar.text, &text.value, end) {
        Some(e) if e >= offset => (e - offset) as u32,
        _ => 0,
    };
    loc
}

/// The location of byte `abs`, counted from the scalar's own start (whose line and
/// column are known) rather than from the top of the file, so that a plan with
/// thousands of findings is not scanned once per finding.
fn advance(source: &Source, at: Loc, abs: usize) -> Option<Loc> {
    let base = source.offset_of(at)?;
    let seg = source.text.get(base..abs)?;
    let (line, col) = match seg.rfind('\n') {
        None => (at.line, at.col + seg.chars().count() as u32),
        Some(i) => (
            at.line + seg.matches('\n').count() as u32,
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

/// The byte offset in `raw` (the scalar's source) of byte `target` of `value`, walking
/// both: equal characters advance together; a line break in the source may stand for a
/// space or line break in the value (folding), and indentation after a line break is
/// skipped. Anything else (an escape, `''`) gives `None`.
fn map_offset(raw: &str, value: &str, target: usize) -> Option<usize> {
    if !value.is_char_boundary(target.min(value.len())) {
        return None;
    }
    let mut src = raw.char_indices().peekable();
    let mut val = value.char_indices().peekable();
    let mut after_break = false;
    loop {
        // Indentation of a continuation line is not part of the value.
        while after_break && src.peek().is_some_and(|&(_, c)| c == ' ' || c == '\t') {
            src.next();
        }
        let vc = match val.peek() {
            Some(&(vi, vc)) if vi < target => vc,
            _ => return Some(src.peek().map_or(raw.len(), |&(si, _)| si)),
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
