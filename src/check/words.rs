//! The words of a text (for KH-TEXT-REPEATED-WORD and the spelling rules), and the
//! character classes that make them, answered without the Unicode tables for the
//! characters Vietnamese is written in.
//!
//! Why not plain `char::is_alphanumeric` and `to_lowercase`: they look every non-ASCII
//! character up in a table, and most Vietnamese words have one (ế, ộ, ư …). Measured with
//! `kehoach export --stats` on the side-by-side benchmark's 200 plans, the plain version
//! makes `check` 0.23 ms a plan slower, a tenth of what rendering a plan costs — over the
//! 3 % a speed path must buy to stay (issue 13). It is the only one kept in `check`. The
//! answers are the standard library's: the tests compare every character with std.

use std::str::Chars;

/// A run of letters and digits.
#[derive(Clone, Copy)]
pub struct Word<'s> {
    /// Byte offset in the text.
    pub start: usize,
    pub text: &'s str,
    /// The first letter of `text` lower-cased: words that differ here differ lower-cased,
    /// and most neighbours do.
    key: char,
}

impl Word<'_> {
    #[inline]
    pub fn end(&self) -> usize {
        self.start + self.text.len()
    }

    /// The same word, lower-cased (“Kế” and “kế”).
    #[inline]
    pub fn same(&self, other: &Word<'_>) -> bool {
        self.key == other.key && same_lowercase(self.text, other.text)
    }
}

/// The words of `s` into `out`, in order. Letters are told from their UTF-8 bytes where
/// that is easy (ASCII; à … ư; ạ … ỹ), so most characters are never decoded.
pub fn words<'s>(s: &'s str, out: &mut Vec<Word<'s>>) {
    out.clear();
    let end = s.len();
    let mut i = 0;
    while i < end {
        let (letter, len) = letter_at(s, i);
        if !letter {
            i += len;
            continue;
        }
        let start = i;
        let key = match s.as_bytes()[i] {
            x @ 0..=0x7f => char::from(x.to_ascii_lowercase()),
            _ => s[i..].chars().next().map_or(' ', lower),
        };
        i += len;
        while i < end {
            let (letter, len) = letter_at(s, i);
            if !letter {
                break;
            }
            i += len;
        }
        out.push(Word {
            start,
            text: &s[start..i],
            key,
        });
    }
}

/// `u8::is_ascii_alphanumeric` as a table: it is asked of nearly every character.
static ASCII_ALPHANUMERIC: [bool; 128] = {
    let mut t = [false; 128];
    let mut i = 0;
    while i < 128 {
        t[i] = (i as u8).is_ascii_alphanumeric();
        i += 1;
    }
    t
};

/// Whether the character at byte `i` of `s` (a character boundary) is a letter or digit,
/// and its length.
#[inline(always)]
fn letter_at(s: &str, i: usize) -> (bool, usize) {
    let b = s.as_bytes();
    let next = || b.get(i + 1).copied().unwrap_or(0);
    match b[i] {
        x @ 0..=0x7f => (ASCII_ALPHANUMERIC[usize::from(x)], 1),
        // U+00C0–U+023F: letters but × (C3 97) and ÷ (C3 B7).
        x @ 0xc3..=0xc8 => (x != 0xc3 || !matches!(next(), 0x97 | 0xb7), 2),
        // U+1E00–U+1EFF, Latin Extended Additional: letters.
        0xe1 if matches!(next(), 0xb8..=0xbb) => (true, 3),
        _ => {
            let c = s[i..].chars().next().unwrap_or(' ');
            (is_alphanumeric(c), c.len_utf8())
        }
    }
}

/// `c.is_alphanumeric()`.
#[inline]
fn is_alphanumeric(c: char) -> bool {
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
fn same_lowercase(a: &str, b: &str) -> bool {
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
#[inline]
fn lower(c: char) -> char {
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

    #[test]
    fn words_are_runs_of_alphanumeric_characters() {
        let reference = |s: &str| -> Vec<(usize, String)> {
            let mut out = Vec::new();
            let mut start = None;
            for (i, c) in s.char_indices().chain([(s.len(), ' ')]) {
                match (c.is_alphanumeric() && i < s.len(), start) {
                    (true, None) => start = Some(i),
                    (false, Some(from)) => {
                        out.push((from, s[from..i].to_owned()));
                        start = None;
                    }
                    _ => {}
                }
            }
            out
        };
        let check = |s: &str| {
            let mut ws = Vec::new();
            words(s, &mut ws);
            let found: Vec<(usize, String)> =
                ws.iter().map(|w| (w.start, w.text.to_owned())).collect();
            assert_eq!(found, reference(s), "{s:?}");
        };
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            check(&format!("a{c}b"));
            check(&format!("{c}"));
        }
        check("Kế hoạch số 12/KH-UBND × 3 ÷ 4, “Quý I/2022” – ạ̀ đ-ư");
    }
}
