//! Text as it may go into the package: XML 1.0 characters only, and revision dates
//! that are valid `xsd:dateTime`s.

use std::borrow::Cow;

/// Text as XML 1.0 allows it: control characters other than tab and newline, and the
/// noncharacters, are dropped ([`crate::render::is_forbidden_char`]); a carriage return
/// ends a line.
pub(super) fn clean_text(s: &str) -> String {
    clean_text_cow(s).into_owned()
}

/// [`clean_text`] without a copy for the usual text, which needs no cleaning.
pub(super) fn clean_text_cow(s: &str) -> Cow<'_, str> {
    let dirty = s
        .chars()
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
