//! Text comparisons that survive the ways people type in Word: non-breaking spaces,
//! en dashes for hyphens, "HOÀ" for "HÒA", doubled spaces, stray tabs.

/// Spaces collapsed (NBSP and tabs count), trimmed.
pub fn squash(s: &str) -> String {
    s.split(|c: char| c.is_whitespace() || c == '\u{a0}' || c == '\u{200b}')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Dashes of every kind as a hyphen.
pub(crate) fn plain_dashes(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
            c => c,
        })
        .collect()
}

/// For matching fixed phrases: squashed, plain dashes, upper case, old-style tone
/// placement folded ("HOÀ" → "HÒA").
pub fn key(s: &str) -> String {
    plain_dashes(&squash(s))
        .to_uppercase()
        .replace("OÀ", "ÒA")
        .replace("OẢ", "ỎA")
        .replace("UỶ", "ỦY")
}

/// Whether the text is written in capitals (has letters, none lower case).
pub(crate) fn is_upper(s: &str) -> bool {
    s.chars().any(char::is_alphabetic) && !s.chars().any(char::is_lowercase)
}

/// A line made only of rule characters ("______", "-----"), drawn by hand as a rule.
pub(crate) fn is_rule_line(s: &str) -> bool {
    let t = squash(s);
    !t.is_empty()
        && t.chars()
            .all(|c| matches!(c, '_' | '-' | '—' | '–' | '=' | ' ' | '.'))
}

/// A Roman numeral I … XXXIX (headings and appendix groups).
pub(crate) fn roman_value(s: &str) -> Option<usize> {
    if s.is_empty() || !s.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C')) {
        return None;
    }
    (1..200).find(|&n| crate::numbering::roman(n) == s)
}

pub use crate::compose::lower_first;

/// Strips a prefix, ignoring case (for "Nơi nhận", "Phụ lục", "Kèm theo").
pub(crate) fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let mut it = s.char_indices();
    for p in prefix.chars() {
        let (_, c) = it.next()?;
        if !c.to_lowercase().eq(p.to_lowercase()) {
            return None;
        }
    }
    Some(match it.next() {
        Some((i, _)) => &s[i..],
        None => "",
    })
}

/// The first `n` characters with an ellipsis, for messages.
pub(crate) fn excerpt(s: &str, n: usize) -> String {
    let s = squash(s);
    if s.chars().count() <= n {
        s
    } else {
        format!("{}…", s.chars().take(n).collect::<String>())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_what_typists_vary() {
        assert_eq!(key("Cộng hoà  xã hội"), "CỘNG HÒA XÃ HỘI");
        assert_eq!(key("Độc lập – Tự do"), "ĐỘC LẬP - TỰ DO");
        assert!(is_upper("ỦY BAN NHÂN DÂN"));
        assert!(!is_upper("Ủy ban"));
        assert!(!is_upper("123"));
        assert_eq!(roman_value("XIV"), Some(14));
        assert_eq!(roman_value("IIII"), None);
        assert_eq!(strip_prefix_ci("NƠI NHẬN: x", "nơi nhận"), Some(": x"));
        assert!(is_rule_line("_____"));
    }
}
