//! Which characters the rules look for a text holds, learnt in one pass over its bytes,
//! so that each rule skips the texts that cannot have its finding: most texts have no
//! bracket, quote, control character, citation or double space.

use std::ops::BitOr;

/// A set of the character classes below.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Holds(u8);

impl Holds {
    /// A C0 control other than line feed, DEL, or the lead byte of a C1 control, the soft
    /// hyphen (C2), U+061C (D8), U+FEFF or U+FFF9–B (EF).
    pub const CONTROL: Holds = Holds(1);
    /// The lead byte E2 of U+2000–U+2FFF: “ ” – …, and the zero-width and direction marks.
    pub const PUNCTUATION: Holds = Holds(1 << 1);
    /// `(`, `)`, `[` or `]`.
    pub(crate) const BRACKET: Holds = Holds(1 << 2);
    /// `"`.
    pub(crate) const QUOTE: Holds = Holds(1 << 3);
    /// `*`.
    pub(crate) const STAR: Holds = Holds(1 << 4);
    /// `/`.
    pub(crate) const SLASH: Holds = Holds(1 << 5);
    /// `@`.
    pub(crate) const AT: Holds = Holds(1 << 6);
    /// Two spaces in a row.
    pub(crate) const SPACES: Holds = Holds(1 << 7);

    /// The classes `s` holds, from its bytes: a character's class is that of its UTF-8
    /// lead byte (see the constants above).
    pub fn of(s: &str) -> Holds {
        let mut holds = Holds(s.bytes().fold(0, |h, b| h | BYTE_CLASSES[usize::from(b)]));
        if s.contains("  ") {
            holds = holds | Holds::SPACES;
        }
        holds
    }

    /// Whether any of `classes` is held.
    pub fn any(self, classes: Holds) -> bool {
        self.0 & classes.0 != 0
    }
}

/// The classes a byte marks, by its value (all but [`Holds::SPACES`], which takes two).
static BYTE_CLASSES: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        let x = i as u8;
        let mut c = 0;
        if (x < 0x20 && x != b'\n') || matches!(x, 0x7f | 0xc2 | 0xd8 | 0xef) {
            c |= Holds::CONTROL.0;
        }
        if x == 0xe2 {
            c |= Holds::PUNCTUATION.0;
        }
        if matches!(x, b'(' | b')' | b'[' | b']') {
            c |= Holds::BRACKET.0;
        }
        if x == b'"' {
            c |= Holds::QUOTE.0;
        }
        if x == b'*' {
            c |= Holds::STAR.0;
        }
        if x == b'/' {
            c |= Holds::SLASH.0;
        }
        if x == b'@' {
            c |= Holds::AT.0;
        }
        table[i] = c;
        i += 1;
    }
    table
};

impl BitOr for Holds {
    type Output = Holds;

    fn bitor(self, other: Holds) -> Holds {
        Holds(self.0 | other.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The classes of one character, from its definition rather than its bytes.
    fn of_char(c: char) -> Holds {
        let lead = c.to_string().as_bytes()[0];
        let mut h = Holds::default();
        let mut add = |cond: bool, class: Holds| {
            if cond {
                h = h | class;
            }
        };
        add(
            (c < ' ' && c != '\n')
                || c == '\u{7f}'
                || ('\u{80}'..='\u{bf}').contains(&c)
                || ('\u{600}'..='\u{63f}').contains(&c)
                || ('\u{f000}'..='\u{ffff}').contains(&c),
            Holds::CONTROL,
        );
        add(('\u{2000}'..='\u{2fff}').contains(&c), Holds::PUNCTUATION);
        add("()[]".contains(c), Holds::BRACKET);
        add(c == '"', Holds::QUOTE);
        add(c == '*', Holds::STAR);
        add(c == '/', Holds::SLASH);
        add(c == '@', Holds::AT);
        assert!(lead == 0xe2 || !h.any(Holds::PUNCTUATION));
        h
    }

    #[test]
    fn every_character_is_classed_by_its_definition() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            assert_eq!(Holds::of(&c.to_string()), of_char(c), "{c:?}");
        }
    }

    #[test]
    fn classes_add_up_and_spaces_come_in_pairs() {
        assert_eq!(Holds::of(""), Holds::default());
        assert_eq!(Holds::of("a b c "), Holds::default());
        assert_eq!(Holds::of("a  b"), Holds::SPACES);
        assert_eq!(Holds::of("  "), Holds::SPACES);
        let h = Holds::of("Kế “hoạch” (số 12/KH) [@kh] **x** \"y\"\t");
        for class in [
            Holds::CONTROL,
            Holds::PUNCTUATION,
            Holds::BRACKET,
            Holds::QUOTE,
            Holds::STAR,
            Holds::SLASH,
            Holds::AT,
        ] {
            assert!(h.any(class), "{class:?}");
        }
        assert!(!h.any(Holds::SPACES));
    }

    #[test]
    fn every_position_of_a_long_text_counts() {
        for len in 1..50 {
            for at in 0..len {
                let mut s = vec![b'a'; len];
                s[at] = b'*';
                assert_eq!(Holds::of(std::str::from_utf8(&s).unwrap()), Holds::STAR);
                if at + 1 < len {
                    s[at] = b' ';
                    s[at + 1] = b' ';
                    let h = Holds::of(std::str::from_utf8(&s).unwrap());
                    assert_eq!(h, Holds::SPACES, "{len} {at}");
                }
            }
        }
    }
}
