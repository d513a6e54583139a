//! Inline text: one line per paragraph, citations expanded, `**bold**` and `*italic*`.

use crate::document::Run;

use super::view::CitationView;

/// A plan string as one line: a paragraph is one line of the composed markup, so a
/// newline inside a value can never start a new element.
pub(crate) fn single_line(s: &str) -> String {
    if !has_line_break(s) {
        return s.trim().to_owned();
    }
    s.split(['\n', '\r'])
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether `s` holds a newline or a carriage return.
pub(super) fn has_line_break(s: &str) -> bool {
    s.bytes().any(|b| b == b'\n' || b == b'\r')
}

/// The first letter in lower case: a summary used inside a sentence ("… Kế hoạch triển khai …").
pub fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Expands `[@id]` (full citation) and `[@id:ngan]` (type, number and symbol). An unknown
/// id is left as written; `check` reports it.
pub(crate) fn expand_citations(s: &str, citations: &[CitationView]) -> String {
    let s = single_line(s);
    if !s.contains("[@") {
        return s;
    }
    let mut out = String::with_capacity(s.len() + 64);
    let mut rest = s.as_str();
    while let Some(start) = rest.find("[@") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let Some(end) = after.find(']') else {
            out.push_str(&rest[start..]);
            return out;
        };
        let reference = &after[..end];
        let (id, short) = match reference.split_once(':') {
            Some((id, form)) => (id, form.trim() == "ngan"),
            None => (reference, false),
        };
        match citations.iter().find(|c| c.id == id.trim()) {
            Some(c) if short => out.push_str(&c.ngan),
            Some(c) => out.push_str(&c.day_du),
            None => out.push_str(&rest[start..start + 2 + end + 1]),
        }
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    out
}

/// Splits text into runs at `**…**` (bold) and `*…*` (italic); the two nest
/// (`**a *b* c**`, `***both***`) and `\*` is a literal asterisk. A marker opens only
/// before a non-blank and when a matching marker closes it later, so a stray asterisk
/// ("5 * 3") never swallows the rest of a paragraph.
pub(crate) fn parse_inline(s: &str) -> Vec<Run> {
    let tokens = inline_tokens(s);
    let mut runs: Vec<Run> = Vec::new();
    let mut push = |text: &str, bold: bool, italic: bool| {
        if text.is_empty() {
            return;
        }
        match runs.last_mut() {
            Some(last) if last.bold == bold && last.italic == italic => last.text.push_str(text),
            _ => runs.push(Run {
                text: text.to_owned(),
                bold,
                italic,
                change: None,
                ..Default::default()
            }),
        }
    };
    let (mut bold, mut italic) = (false, false);
    for (i, token) in tokens.iter().enumerate() {
        match *token {
            Token::Text(t) => push(t, bold, italic),
            Token::Stars {
                n,
                open_ok,
                close_ok,
            } => {
                let mut n = n;
                // Closing first: a run of stars right after emphasised text ends it.
                if close_ok {
                    if n >= 2 && bold {
                        bold = false;
                        n -= 2;
                    }
                    if n >= 1 && italic {
                        italic = false;
                        n -= 1;
                    }
                }
                if open_ok && n > 0 {
                    if n >= 2 && !bold && closes_later(&tokens[i + 1..], 2) {
                        bold = true;
                        n -= 2;
                    }
                    if n >= 1 && !italic && closes_later(&tokens[i + 1..], 1) {
                        italic = true;
                        n -= 1;
                    }
                }
                if n > 0 {
                    push(&"*".repeat(n), bold, italic);
                }
            }
        }
    }
    if runs.is_empty() {
        runs.push(Run::plain(""));
    }
    runs
}

#[derive(Clone, Copy, Debug)]
enum Token<'a> {
    Text(&'a str),
    /// A run of `n` asterisks; whether it may open (a non-blank follows) or close (a
    /// non-blank precedes) emphasis.
    Stars {
        n: usize,
        open_ok: bool,
        close_ok: bool,
    },
}

fn inline_tokens(s: &str) -> Vec<Token<'_>> {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if bytes.get(i + 1) == Some(&b'*') => {
                if start < i {
                    out.push(Token::Text(&s[start..i]));
                }
                out.push(Token::Text("*"));
                i += 2;
                start = i;
            }
            b'*' => {
                if start < i {
                    out.push(Token::Text(&s[start..i]));
                }
                let mut j = i;
                while j < bytes.len() && bytes[j] == b'*' {
                    j += 1;
                }
                let before = s[..i].chars().next_back();
                let after = s[j..].chars().next();
                out.push(Token::Stars {
                    n: j - i,
                    open_ok: after.is_some_and(|c| !c.is_whitespace()),
                    close_ok: before.is_some_and(|c| !c.is_whitespace()),
                });
                i = j;
                start = i;
            }
            _ => i += 1,
        }
    }
    if start < bytes.len() {
        out.push(Token::Text(&s[start..]));
    }
    out
}

/// Whether a star run later in the text can close emphasis of `width` (1 italic, 2 bold).
fn closes_later(rest: &[Token<'_>], width: usize) -> bool {
    rest.iter().any(|t| match *t {
        Token::Stars { n, close_ok, .. } => close_ok && (n == width || n >= 3),
        Token::Text(_) => false,
    })
}

/// Writes `text` so that [`parse_inline`] gives it back as one plain run: asterisks
/// are escaped.
pub(crate) fn escape_inline(text: &str) -> String {
    text.replace('*', "\\*")
}

/// [`parse_inline`] of an owned string: text without an asterisk (most of it) becomes
/// its one run without a copy.
pub(super) fn parse_inline_owned(s: String) -> Vec<Run> {
    if s.contains('*') {
        parse_inline(&s)
    } else {
        vec![Run::plain(s)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emphasis_and_stray_asterisks() {
        let runs = parse_inline("a **b** c *d* e");
        let shown: Vec<(&str, bool, bool)> = runs
            .iter()
            .map(|r| (r.text.as_str(), r.bold, r.italic))
            .collect();
        assert_eq!(
            shown,
            [
                ("a ", false, false),
                ("b", true, false),
                (" c ", false, false),
                ("d", false, true),
                (" e", false, false)
            ]
        );
        assert_eq!(parse_inline("5 * 3 = 15")[0].text, "5 * 3 = 15");
        assert_eq!(parse_inline("**unclosed")[0].text, "**unclosed");
    }

    fn shown(s: &str) -> Vec<(String, bool, bool)> {
        parse_inline(s)
            .into_iter()
            .map(|r| (r.text, r.bold, r.italic))
            .collect()
    }

    #[test]
    fn emphasis_nests_and_escapes() {
        let t = |s: &str, b, i| (s.to_owned(), b, i);
        assert_eq!(
            shown("**a *b* c** d"),
            [
                t("a ", true, false),
                t("b", true, true),
                t(" c", true, false),
                t(" d", false, false)
            ]
        );
        assert_eq!(
            shown("***x*** y"),
            [t("x", true, true), t(" y", false, false)]
        );
        assert_eq!(
            shown("*a **b***"),
            [t("a ", false, true), t("b", true, true)]
        );
        assert_eq!(shown(r"2 \* 3 \*\* 4"), [t("2 * 3 ** 4", false, false)]);
        assert_eq!(shown(&escape_inline("a*b**c")), [t("a*b**c", false, false)]);
        assert_eq!(shown("a * b * c"), [t("a * b * c", false, false)]);
    }

    #[test]
    fn owned_parsing_is_parse_inline() {
        for s in ["", "plain", "a **b** c", "*x*", "5 * 3", "Độc lập – Tự do"] {
            assert_eq!(parse_inline_owned(s.to_owned()), parse_inline(s), "{s:?}");
        }
    }

    #[test]
    fn line_breaks_are_found_anywhere() {
        for at in 0..40 {
            for brk in ["\n", "\r"] {
                let s = format!(
                    "{}{brk}{}",
                    "ệ".repeat(at / 3) + &"x".repeat(at % 3),
                    "y".repeat(at)
                );
                assert!(has_line_break(&s), "{s:?}");
            }
            let clean = "ế".repeat(at);
            assert!(!has_line_break(&clean));
        }
    }

    #[test]
    fn citations_expand_once_written() {
        use crate::compose::OneLine;
        let c = CitationView {
            id: OneLine::new("kh"),
            ten_loai: OneLine::new("Kế hoạch"),
            so_ky_hieu: OneLine::new("2325/KH-UBND"),
            ngay: Some(OneLine::new("25/6/2021")),
            co_quan: Some(OneLine::new("UBND thị xã Ninh Hòa")),
            trich_yeu: None,
            day_du: OneLine::new(
                "Kế hoạch số 2325/KH-UBND ngày 25/6/2021 của UBND thị xã Ninh Hòa",
            ),
            ngan: OneLine::new("Kế hoạch số 2325/KH-UBND"),
        };
        assert_eq!(
            expand_citations("Thực hiện [@kh]; theo [@kh:ngan]. [@x] [@", &[c]),
            "Thực hiện Kế hoạch số 2325/KH-UBND ngày 25/6/2021 của UBND thị xã Ninh Hòa; theo Kế hoạch số 2325/KH-UBND. [@x] [@"
        );
        assert_eq!(single_line("a\n  b\r\nc "), "a b c");
    }
}
