//! The words of a text (for KH-TEXT-REPEATED-WORD and the spelling rules): runs of
//! letters and digits (`char::is_alphanumeric`), compared lower-cased.

/// A run of letters and digits.
#[derive(Clone, Copy)]
pub struct Word<'s> {
    /// Byte offset in the text.
    pub start: usize,
    pub text: &'s str,
}

impl Word<'_> {
    pub fn end(&self) -> usize {
        self.start + self.text.len()
    }

    /// The same word, lower-cased (“Kế” and “kế”).
    pub fn same(&self, other: &Word<'_>) -> bool {
        same_lowercase(self.text, other.text)
    }
}

/// The words of `s` into `out`, in order.
pub fn words<'s>(s: &'s str, out: &mut Vec<Word<'s>>) {
    out.clear();
    let mut start = None;
    for (i, c) in s.char_indices() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(from)) => {
                out.push(Word {
                    start: from,
                    text: &s[from..i],
                });
                start = None;
            }
            _ => {}
        }
    }
    if let Some(from) = start {
        out.push(Word {
            start: from,
            text: &s[from..],
        });
    }
}

/// `a` and `b` are equal once lower-cased.
fn same_lowercase(a: &str, b: &str) -> bool {
    let a = a.chars().flat_map(char::to_lowercase);
    a.eq(b.chars().flat_map(char::to_lowercase))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_compared_lower_cased() {
        let same = [
            ("Kế", "kế"),
            ("KẾ", "kế"),
            ("ĐỜI", "đời"),
            ("İ", "i̇"),
            ("\u{212a}", "k"),
        ];
        for (a, b) in same {
            assert!(same_lowercase(a, b), "{a:?} {b:?}");
        }
        let different = [
            ("kê", "kế"),
            ("đờ", "đời"),
            ("ΣΣ", "σς"),
            ("İ", "i"),
            ("", "a"),
        ];
        for (a, b) in different {
            assert!(!same_lowercase(a, b), "{a:?} {b:?}");
        }
        let word = |text| Word { start: 0, text };
        assert!(word("Kế").same(&word("kế")) && !word("Kế").same(&word("kê")));
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
