//! A document paragraph to docx-rs paragraphs: its runs, emphasis, line breaks and
//! tracked changes, plus the rule paragraph drawn under it.

use std::borrow::Cow;

use docx_rs::{BreakType, Delete, Insert, LineSpacing, Paragraph, Run as DocxRun};

use super::rule;
use super::styles::style_id;
use crate::document::{Change, ChangeKind, Para, Run};
use crate::profile::Profile;

/// The paragraph (and its rule, if any). `inherited` is the change of an enclosing
/// row; `container` is the width the paragraph is laid out in, in twips.
pub(super) fn paragraphs(
    para: &Para,
    inherited: Option<&Change>,
    container: i32,
    profile: &Profile,
) -> Vec<Paragraph> {
    let style = profile.style(para.role);
    let whole = para.change.as_ref().or(inherited);
    let mut p = Paragraph::new().style(style_id(para.role));
    for run in &para.runs {
        p = add_run(p, run, run.change.as_ref().or(whole));
    }
    if let Some(change) = whole {
        let (author, date) = (clean_text(&change.author), revision_date(&change.date));
        p = match change.kind {
            ChangeKind::Inserted => p.insert(author, date),
            ChangeKind::Deleted => p.delete(author, date),
        };
    }
    let rule = para
        .rule_below
        .and_then(|r| rule::paragraph(para, r, &style, container, profile));
    match rule {
        Some(rule) => {
            // The rule sits right under the text and takes over the paragraph's space
            // after; keep-with-next stops a page break between text and rule.
            let p = p.line_spacing(LineSpacing::new().after(0)).keep_next(true);
            let rule = match whole {
                Some(c) if c.kind == ChangeKind::Deleted => {
                    rule.delete(clean_text(&c.author), revision_date(&c.date))
                }
                Some(c) => rule.insert(clean_text(&c.author), revision_date(&c.date)),
                None => rule,
            };
            vec![p, rule]
        }
        None => vec![p],
    }
}

fn add_run(p: Paragraph, run: &Run, change: Option<&Change>) -> Paragraph {
    let deleted = matches!(change, Some(c) if c.kind == ChangeKind::Deleted);
    let mut r = DocxRun::new();
    if run.bold {
        r = r.bold();
    }
    if run.italic {
        r = r.italic();
    }
    let text = clean_text(&run.text);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            r = r.add_break(BreakType::TextWrapping);
        }
        for (j, piece) in line.split('\t').enumerate() {
            if j > 0 {
                r = r.add_tab();
            }
            if piece.is_empty() {
                continue;
            }
            r = if deleted {
                r.add_delete_text(piece)
            } else {
                r.add_text(piece)
            };
        }
    }
    match change {
        Some(c) if c.kind == ChangeKind::Inserted => p.add_insert(
            Insert::new(r)
                .author(clean_text(&c.author))
                .date(revision_date(&c.date)),
        ),
        Some(c) => p.add_delete(
            Delete::new()
                .author(clean_text(&c.author))
                .date(revision_date(&c.date))
                .add_run(r),
        ),
        None => p.add_run(r),
    }
}

/// Text as XML 1.0 allows it: control characters other than tab and newline, and the
/// noncharacters, are dropped ([`crate::render::is_forbidden_char`]); a carriage return
/// ends a line.
pub(super) fn clean_text(s: &str) -> String {
    clean_text_cow(s).into_owned()
}

/// [`clean_text`] without a copy for the usual text, which needs no cleaning.
pub(super) fn clean_text_cow(s: &str) -> Cow<'_, str> {
    // A byte prefilter first (several times faster than `chars()` on clean text):
    // forbidden characters are ASCII controls, DEL, or start with C2 (C1 controls),
    // EF (U+FDD0…, U+FFFE/F) or F0–F4 (the other planes' last two code points).
    let flag = |x: u8| {
        (x < 0x20 && x != b'\t' && x != b'\n')
            | (x == 0x7F)
            | (x == 0xC2)
            | (x == 0xEF)
            | (x >= 0xF0)
    };
    // 16 bytes at a time without an early exit inside, which the compiler vectorises.
    let (blocks, tail) = s.as_bytes().as_chunks::<16>();
    let suspicious = tail.iter().any(|&x| flag(x))
        || blocks
            .iter()
            .any(|b| b.iter().fold(false, |any, &x| any | flag(x)));
    let dirty = suspicious
        && s.chars()
            .any(|c| c == '\r' || crate::render::is_forbidden_char(c));
    if !dirty {
        return Cow::Borrowed(s);
    }
    let s = s.replace("\r\n", "\n");
    s.chars()
        .filter_map(|c| match c {
            '\r' => Some('\n'),
            '\t' | '\n' => Some(c),
            // The same rule as the HTML renderer, so both outputs carry the same text.
            c if crate::render::is_forbidden_char(c) => None,
            _ => Some(c),
        })
        .collect::<String>()
        .into()
}

/// `w:date` is an xsd:dateTime and docx-rs writes it unescaped: keep a valid RFC 3339
/// stamp (or a bare date, at midnight UTC), else fall back to the epoch.
pub(super) fn revision_date(s: &str) -> String {
    let s = s.trim();
    if chrono::DateTime::parse_from_rfc3339(s).is_ok() {
        return s.to_string();
    }
    if chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok() && s.len() == 10 {
        return format!("{s}T00:00:00Z");
    }
    "1970-01-01T00:00:00Z".to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forbidden_characters_are_dropped() {
        assert_eq!(clean_text("a\u{0}b\u{1}c\u{1F}d"), "abcd");
        assert_eq!(clean_text("a\tb\nc"), "a\tb\nc");
        assert_eq!(clean_text("a\r\nb\rc"), "a\nb\nc");
        assert_eq!(clean_text("x\u{FFFE}\u{FFFF}y\u{200F}"), "xy\u{200F}");
        assert_eq!(clean_text("c\u{7F}\u{85}\u{9F}d"), "cd");
        assert!(matches!(clean_text_cow("Độc lập\t\n"), Cow::Borrowed(_)));
        assert!(matches!(
            clean_text_cow("\u{FFFD}\u{EFFF}"),
            Cow::Borrowed(_)
        ));
        assert_eq!(clean_text_cow("a\u{FFFF}"), "a");
    }

    #[test]
    fn revision_dates_are_valid_or_epoch() {
        assert_eq!(
            revision_date("2021-07-07T00:00:00Z"),
            "2021-07-07T00:00:00Z"
        );
        assert_eq!(revision_date("2021-07-07"), "2021-07-07T00:00:00Z");
        assert_eq!(revision_date("\"><x"), "1970-01-01T00:00:00Z");
        assert_eq!(revision_date(""), "1970-01-01T00:00:00Z");
    }
}
