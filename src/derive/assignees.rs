//! Assignee cells: splitting "Phòng Nội vụ; UBND các xã, phường" into names, and
//! comparing names the way a clerk would (case, spacing and dash style don't matter).
//!
//! Cells separate units with ";" — a comma cannot be the separator because a single
//! name such as "UBND các xã, phường" contains one. A piece between semicolons is split
//! on commas only when every part is a name we know, so an unknown name with a comma
//! stays whole and is reported as written.

use unicode_normalization::UnicodeNormalization;

/// The form names are compared in: NFC, lower case, one space between words, dashes
/// as "-" without spaces around them ("VP - TK" = "VP-TK"), no trailing punctuation.
pub fn normalize(name: &str) -> String {
    let lower: String = name.nfc().collect::<String>().to_lowercase();
    let dashed = lower.replace(['–', '—', '‑'], "-");
    let words: Vec<&str> = dashed.split_whitespace().collect();
    words
        .join(" ")
        .replace(" - ", "-")
        .replace(" -", "-")
        .replace("- ", "-")
        .trim_end_matches(['.', ';', ','])
        .trim()
        .to_owned()
}

/// Splits a cell into names, in order. `known` says whether a (trimmed) name is one the
/// caller recognises; it decides where commas separate names.
pub fn split_cell(cell: &str, known: &dyn Fn(&str) -> bool) -> Vec<String> {
    let mut names = Vec::new();
    for piece in cell
        .split([';', '\n'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        if known(piece) {
            names.push(piece.to_owned());
            continue;
        }
        match cover_with_known(piece, known).or_else(|| known_tail(piece, known)) {
            Some(parts) => names.extend(parts),
            None => names.push(piece.to_owned()),
        }
    }
    names
}

/// Splits `piece` at commas into known names, preferring the longest name at each step
/// ("UBND các xã, phường" before "UBND các xã"); `None` unless every part is known.
fn cover_with_known(piece: &str, known: &dyn Fn(&str) -> bool) -> Option<Vec<String>> {
    let parts: Vec<&str> = piece.split(',').map(str::trim).collect();
    if parts.len() < 2 {
        return None;
    }
    let mut out = Vec::new();
    let mut i = 0;
    while i < parts.len() {
        let end = (i + 1..=parts.len())
            .rev()
            .find(|&j| known(&parts[i..j].join(", ")))?;
        out.push(parts[i..end].join(", "));
        i = end;
    }
    Some(out)
}

/// "Các sở, ban, ngành, UBND các xã, phường": an unknown head and a known name after its
/// last commas are two names (the head is then reported as written); `None` when no
/// tail after a comma is known.
fn known_tail(piece: &str, known: &dyn Fn(&str) -> bool) -> Option<Vec<String>> {
    let parts: Vec<&str> = piece.split(',').map(str::trim).collect();
    (1..parts.len()).find_map(|k| {
        let tail = parts[k..].join(", ");
        known(&tail).then(|| vec![parts[..k].join(", "), tail])
    })
}

/// Appends the names of `more` not yet in `list` (compared normalised), keeping order.
pub fn push_unique(list: &mut Vec<String>, more: impl IntoIterator<Item = String>) {
    for name in more {
        if !list.iter().any(|n| normalize(n) == normalize(&name)) {
            list.push(name);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known(name: &str) -> bool {
        let n = normalize(name);
        [
            "ubnd các xã, phường",
            "phòng nội vụ",
            "công an thị xã",
            "chi cục thuế",
        ]
        .contains(&n.as_str())
    }

    #[test]
    fn normalizes_case_spacing_and_dashes() {
        assert_eq!(
            normalize("Công chức VP - TK"),
            normalize("công chức  VP-TK")
        );
        assert_eq!(
            normalize("Phòng Tài chính – Kế hoạch."),
            "phòng tài chính-kế hoạch"
        );
    }

    #[test]
    fn splits_on_semicolons_and_on_commas_between_known_names() {
        assert_eq!(
            split_cell("Phòng Nội vụ; UBND các xã, phường", &known),
            ["Phòng Nội vụ", "UBND các xã, phường"]
        );
        assert_eq!(
            split_cell("Công an thị xã, Chi cục Thuế, UBND các xã, phường", &known),
            ["Công an thị xã", "Chi cục Thuế", "UBND các xã, phường"]
        );
        // An unknown name with a comma stays whole.
        assert_eq!(
            split_cell("Các cơ quan, đơn vị thuộc UBND thị xã", &known),
            ["Các cơ quan, đơn vị thuộc UBND thị xã"]
        );
        assert!(split_cell("  ;  ", &known).is_empty());
        // An unknown list, then a known name: the known name is found.
        assert_eq!(
            split_cell("Các sở, ban, ngành, UBND các xã, phường", &known),
            ["Các sở, ban, ngành", "UBND các xã, phường"]
        );
    }
}
