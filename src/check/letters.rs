//! Character classes the text rules ask about for every character, answered without the
//! Unicode tables for the characters Vietnamese is written in.
//!
//! `char::is_alphanumeric` looks every non-ASCII character up in a table, and in a plan
//! most words have one (ế, ộ, ư …): that lookup was a fifth of `check`. The answers
//! here are the standard library's — the tests compare every character — only faster
//! for ASCII, Latin-1 to Latin Extended-B and Latin Extended Additional.

use std::str::Chars;

/// `c.is_alphanumeric()`.
pub fn is_alphanumeric(c: char) -> bool {
    match c {
        '\0'..='\u{7f}' => c.is_ascii_alphanumeric(),
        '\u{d7}' | '\u{f7}' => false,
        // À … ÿ, Latin Extended-A and -B (ă, đ, ơ, ư), Latin Extended Additional (ạ … ỹ).
        '\u{c0}'..='\u{24f}' | '\u{1e00}'..='\u{1eff}' => true,
        // Combining marks (decomposed diacritics) and general punctuation (“ ” – …).
        '\u{300}'..='\u{344}' | '\u{2000}'..='\u{206f}' => false,
        _ => c.is_alphanumeric(),
    }
}

/// `a` and `b` are equal once lower-cased (`to_lowercase` on both), without building
/// either: neighbouring words mostly differ at their first letter.
pub fn same_lowercase(a: &str, b: &str) -> bool {
    let (mut ai, mut bi) = (a.chars(), b.chars());
    loop {
        match (ai.next(), bi.next()) {
            (None, None) => return true,
            (Some(x), Some(y)) if x == y => {}
            // İ is the one character whose lower case is two; compare what is left the
            // long way.
            (Some(x), Some(y)) if x == 'İ' || y == 'İ' => {
                fn lowered(first: char, rest: Chars<'_>) -> impl Iterator<Item = char> + '_ {
                    std::iter::once(first)
                        .chain(rest)
                        .flat_map(char::to_lowercase)
                }
                return lowered(x, ai).eq(lowered(y, bi));
            }
            (Some(x), Some(y)) => {
                if lower(x) != lower(y) {
                    return false;
                }
            }
            // Every other character lower-cases to exactly one, so lengths must agree.
            _ => return false,
        }
    }
}

/// The lower case of a character that has a one-character lower case (of any other, the
/// first character of its lower case). Vietnamese letters come in upper/lower pairs
/// at neighbouring code points, which saves the table search for them.
pub fn lower(c: char) -> char {
    let pair = |c: char| char::from_u32(c as u32 | 1).unwrap_or(c);
    match c {
        '\0'..='\u{7f}' => c.to_ascii_lowercase(),
        // À … Þ (not ×) are 0x20 below their small letters; ß … ÿ are small.
        '\u{c0}'..='\u{d6}' | '\u{d8}'..='\u{de}' => char::from_u32(c as u32 + 0x20).unwrap_or(c),
        '\u{d7}'..='\u{ff}' => c,
        // Capital at the even code point, small at the odd one: Ă ă, Đ đ, Ĩ ĩ, Ũ ũ, Ơ ơ,
        // Ạ ạ … Ỹ ỹ.
        '\u{100}'..='\u{12f}'
        | '\u{14a}'..='\u{177}'
        | '\u{1a0}'..='\u{1a5}'
        | '\u{1e00}'..='\u{1e95}'
        | '\u{1ea0}'..='\u{1eff}' => pair(c),
        'Ư' => 'ư',
        _ => c.to_lowercase().next().unwrap_or(c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn every_char() -> impl Iterator<Item = char> {
        (0..=0x10ffff).filter_map(char::from_u32)
    }

    #[test]
    fn alphanumeric_is_the_standard_answer() {
        for c in every_char() {
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn lower_is_the_standard_answer() {
        for c in every_char() {
            assert_eq!(Some(lower(c)), c.to_lowercase().next(), "{c:?}");
        }
    }

    #[test]
    fn only_dotted_capital_i_lowercases_to_several_characters() {
        for c in every_char() {
            assert_eq!(c.to_lowercase().count() == 1, c != 'İ', "{c:?}");
        }
    }

    #[test]
    fn same_lowercase_is_the_standard_answer() {
        let words = [
            "", "Kế", "kế", "KẾ", "kê", "Kế-", "İ", "i̇", "I", "i", "İx", "i̇x", "ix", "x", "ΣΑ",
            "σα", "ΣΣ", "σς", "\u{212a}", "k", "Ǆ", "ǆ", "ǅ", "Đ", "đ", "ĐỜI", "đời", "đờ",
        ];
        for a in words {
            for b in words {
                let std = a
                    .chars()
                    .flat_map(char::to_lowercase)
                    .eq(b.chars().flat_map(char::to_lowercase));
                assert_eq!(same_lowercase(a, b), std, "{a:?} {b:?}");
                // The words' first letters, lower-cased, agree whenever the words do.
                let key = |w: &str| w.chars().next().map(lower);
                assert!(!std || key(a) == key(b), "{a:?} {b:?}");
            }
        }
    }
}
