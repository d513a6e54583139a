//! Text into HTML, escaped exactly once.
//!
//! Output must also be well-formed XML (tests parse it), so characters XML 1.0 forbids are
//! dropped rather than escaped: no entity can carry them. Everything else — emoji, bidi
//! marks, combining accents — stays as text.

/// Whether `c` may not appear in the page (the rule shared with DOCX).
pub(super) fn is_forbidden(c: char) -> bool {
    crate::render::is_forbidden_char(c)
}

/// Text without forbidden characters, for values that tera escapes itself (the `<head>`).
pub(super) fn clean(text: &str) -> String {
    text.chars().filter(|&c| !is_forbidden(c)).collect()
}

/// Appends `text` escaped for element content or a double- or single-quoted attribute,
/// copying the stretches between characters that need work whole.
pub(super) fn push_escaped(out: &mut String, text: &str) {
    let mut start = 0;
    for (i, c) in text.char_indices() {
        let entity = match c {
            '&' => "&amp;",
            '<' => "&lt;",
            '>' => "&gt;",
            '"' => "&quot;",
            // `&apos;` is not an HTML 4 entity; the numeric form works everywhere.
            '\'' => "&#39;",
            c if is_forbidden(c) => "",
            _ => continue,
        };
        out.push_str(&text[start..i]);
        out.push_str(entity);
        start = i + c.len_utf8();
    }
    out.push_str(&text[start..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn escaped(s: &str) -> String {
        let mut out = String::new();
        push_escaped(&mut out, s);
        out
    }

    #[test]
    fn markup_characters_are_escaped_once() {
        assert_eq!(
            escaped(r#"<a href="x">&amp; 'q'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&amp;amp; &#39;q&#39;&lt;/a&gt;"
        );
    }

    #[test]
    fn forbidden_characters_are_dropped_and_the_rest_kept() {
        let text = "a\u{0}b\u{8}c\u{B}d\u{1F}e\u{7F}f\u{85}g\u{FFFE}h\u{1FFFF}i\u{FDD0}j";
        assert_eq!(escaped(text), "abcdefghij");
        let kept = "Tab\there\nLF 😀 \u{200F}RTL\u{200E} Ế\u{301} \u{FEFF}\u{FFFD}";
        assert_eq!(escaped(kept), kept);
        assert_eq!(clean("x\u{1}<y>"), "x<y>");
    }
}
