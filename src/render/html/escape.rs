//! Text into HTML, escaped exactly once.
//!
//! Output must also be well-formed XML (tests parse it), so characters XML 1.0 forbids are
//! dropped rather than escaped: no entity can carry them. Everything else — emoji, bidi
//! marks, combining accents — stays as text.

use crate::byte_blocks::skip_unflagged;

/// Whether `c` may not appear in the page (the rule shared with DOCX).
pub(super) fn is_forbidden(c: char) -> bool {
    crate::render::is_forbidden_char(c)
}

/// Text without forbidden characters, for values that tera escapes itself (the `<head>`).
pub(super) fn clean(text: &str) -> String {
    text.chars().filter(|&c| !is_forbidden(c)).collect()
}

/// Appends `text` escaped for element content or a double- or single-quoted attribute.
///
/// Works on bytes, copying clean stretches whole: every byte that may need work is
/// ASCII markup, an ASCII control or DEL, or the lead byte of a forbidden character's
/// encoding (C2 for the C1 controls, EF for U+FDD0… and U+FFFE/F, F0–F4 for the other
/// planes' last two code points); anything else is copied as it is.
pub(super) fn push_escaped(out: &mut String, text: &str) {
    let flag = |b: u8| {
        (b < 0x20)
            | (b == b'&')
            | (b == b'<')
            | (b == b'>')
            | (b == b'"')
            | (b == b'\'')
            | (b == 0x7F)
            | (b == 0xC2)
            | (b == 0xEF)
            | (b >= 0xF0)
    };
    let bytes = text.as_bytes();
    // `text[start..i]` is clean and not yet copied; `start` is always a char boundary.
    let mut start = 0;
    let mut i = 0;
    loop {
        // This can stop inside a character; its other bytes are then continuation
        // bytes, which are never flagged and are stepped over below.
        i = skip_unflagged(bytes, i, flag);
        let Some(&b) = bytes.get(i) else {
            break;
        };
        if !flag(b) {
            i += 1;
            continue;
        }
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            // `&apos;` is not an HTML 4 entity; the numeric form works everywhere.
            b'\'' => "&#39;",
            _ => {
                // A control, DEL or a lead byte: `i` is on a char boundary.
                let c = text[i..].chars().next().unwrap_or_default();
                if !is_forbidden(c) {
                    i += c.len_utf8();
                    continue;
                }
                ""
            }
        };
        out.push_str(&text[start..i]);
        out.push_str(entity);
        i += text[i..].chars().next().map_or(1, char::len_utf8);
        start = i;
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

    /// The char-by-char definition the byte scanner must agree with.
    fn reference(text: &str) -> String {
        let mut out = String::new();
        for c in text.chars() {
            match c {
                '&' => out.push_str("&amp;"),
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '"' => out.push_str("&quot;"),
                '\'' => out.push_str("&#39;"),
                c if is_forbidden(c) => {}
                c => out.push(c),
            }
        }
        out
    }

    #[test]
    fn byte_scanner_agrees_with_the_char_definition() {
        // Every character class at every offset of a 16-byte block, so that block
        // boundaries fall inside multi-byte characters.
        let pieces = [
            "a",
            "&",
            "<",
            ">",
            "\"",
            "'",
            "\t",
            "\n",
            "\r",
            "\u{1}",
            "\u{7F}",
            "\u{85}",
            "\u{A0}",
            "é",
            "Ế",
            "\u{FDD0}",
            "\u{FDEF}",
            "\u{FDF0}",
            "\u{FEFF}",
            "\u{FFFD}",
            "\u{FFFE}",
            "\u{FFFF}",
            "😀",
            "\u{1FFFE}",
            "\u{10FFFF}",
            "\u{E000}",
            "ạ",
        ];
        for pad in 0..17 {
            for p in pieces {
                for q in pieces {
                    let text = format!("{}{p}{}{q}{}", "x".repeat(pad), "y".repeat(15), p);
                    assert_eq!(escaped(&text), reference(&text), "{text:?}");
                }
            }
        }
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
