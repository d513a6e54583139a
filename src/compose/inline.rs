//! Inline text: one line per paragraph, citations expanded, `**bold**` and `*italic*`.

use crate::document::Run;

use super::view::CitationView;

/// A plan string as one line: a paragraph is one line of the composed markup, so a
/// newline inside a value can never start a new element.
pub fn single_line(s: &str) -> String {
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
pub fn expand_citations(s: &str, citations: &[CitationView]) -> String {
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

/// Splits text into runs at `**…**` (bold) and `*…*` (italic). An unmatched marker is
/// printed as written, so a stray asterisk never swallows the rest of a paragraph.
pub fn parse_inline(s: &str) -> Vec<Run> {
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
            }),
        }
    };
    let mut rest = s;
    while !rest.is_empty() {
        let Some(star) = rest.find('*') else {
            push(rest, false, false);
            break;
        };
        push(&rest[..star], false, false);
        let tail = &rest[star..];
        let (marker, bold) = if tail.starts_with("**") {
            ("**", true)
        } else {
            ("*", false)
        };
        let inner = &tail[marker.len()..];
        match inner.find(marker) {
            Some(end) if end > 0 && !(marker == "*" && inner[..end].contains('*')) => {
                push(&inner[..end], bold, !bold);
                rest = &inner[end + marker.len()..];
            }
            _ => {
                push(marker, false, false);
                rest = inner;
            }
        }
    }
    if runs.is_empty() {
        runs.push(Run::plain(""));
    }
    runs
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
            ten_loai: "Kế hoạch",
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
