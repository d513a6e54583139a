//! Syllables that are not Vietnamese ("quán triểt", "Trên cơ cở", "nươc"): every
//! lower-case word of the text is looked up in a list of Vietnamese syllables
//! (`src/check/data/vi-syllables.txt`, from @cspell/dict-vi-vn, MIT; see
//! `tools/vi_syllables.sh`).
//!
//! What is never flagged: words with a capital (names, abbreviations, symbols), words
//! with digits, single letters (list markers), parts of addresses and e-mails
//! (`dichvucong.gov.vn`), a few foreign words common in plans, and the words a clerk
//! lists, one a line, in `tu-dien.txt` beside the plan.

use std::collections::HashSet;
use std::sync::LazyLock;

use crate::check::fields::{Field, Role};
use crate::check::words::{words, Word};
use crate::check::{Cx, RuleInfo};
use crate::diag::Diagnostic;
use crate::diag::Severity::Warning;

pub const SYLLABLE: RuleInfo = RuleInfo {
    id: "KH-TEXT-SYLLABLE",
    severity: Warning,
    clause: None,
    summary: "một âm tiết không có trong tiếng Việt (“quán triểt”, “cơ cở”); tên riêng viết hoa và từ trong tu-dien.txt được bỏ qua",
};

static SYLLABLES: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    include_str!("../data/vi-syllables.txt")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .chain(EXTRA.iter().copied())
        .collect()
});

/// Forms the list lacks, and foreign words plans use in lower case.
const EXTRA: &[&str] = &[
    "sỹ",
    "kỹ",
    "mỹ",
    "lý",
    "ký",
    "internet",
    "online",
    "website",
    "web",
    "email",
    "video",
    "camera",
    "wifi",
    "app",
    "zalo",
    "facebook",
    "youtube",
    "tiktok",
    "smartphone",
    "logo",
    "clip",
    "covid",
    "virus",
    "vaccine",
    "vắc",
    "xin",
    "ứng",
    "gas",
    "container",
    "km",
    "ha",
    "kg",
    "m",
    "cm",
    "mm",
    "tr",
    "đ",
    "v",
    "v.v",
    "pano",
    "apphich",
    "panô",
    "áp",
    "phích",
    "startup",
    "marketing",
    "data",
    "big",
    "cloud",
    "fintech",
    "blockchain",
    "robot",
    "sp",
    "nòng",
    "oxy",
];

/// A word in plain ASCII that Vietnamese spelling cannot produce is a foreign word
/// ("logistics", "pdf", "top"), not a slip: it has f, j, w or z, ends in a consonant
/// no Vietnamese syllable ends in, or ends in p, t, c, ch without the tone mark such
/// a syllable must carry.
fn foreign(word: &str) -> bool {
    if !word.is_ascii() {
        return false;
    }
    if word.contains(['f', 'j', 'w', 'z']) {
        return true;
    }
    let last = word.chars().next_back().unwrap_or('a');
    let vowel = |c: char| "aeiouy".contains(c);
    if vowel(last) || word.ends_with("ng") || word.ends_with("nh") {
        return false;
    }
    // m and n end syllables with any tone; p, t, c, ch only with sắc or nặng.
    !matches!(last, 'm' | 'n')
}

/// Findings per text, at most.
const PER_FIELD: usize = 5;

pub fn check(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    let allowed = user_words(cx);
    let mut ws = Vec::new();
    for f in cx.fields.iter().filter(|f| f.role == Role::Prose) {
        field(cx, f, &allowed, &mut ws, out);
    }
}

/// The words of `tu-dien.txt` beside the plan, lower case.
fn user_words(cx: &Cx<'_>) -> HashSet<String> {
    let Some(dir) = cx.source.path.parent() else {
        return HashSet::new();
    };
    let dir = if dir.as_os_str().is_empty() {
        std::path::Path::new(".")
    } else {
        dir
    };
    std::fs::read_to_string(dir.join("tu-dien.txt"))
        .map(|t| {
            t.lines()
                .map(|l| l.trim().to_lowercase())
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .collect()
        })
        .unwrap_or_default()
}

fn field<'s>(
    cx: &Cx<'_>,
    f: &Field<'s>,
    allowed: &HashSet<String>,
    ws: &mut Vec<Word<'s>>,
    out: &mut Vec<Diagnostic>,
) {
    let value = f.text.value.as_str();
    words(value, ws);
    // A citation's id (`[@kh-cap-tren]`) is a name, not prose.
    let mut ids = Vec::new();
    let mut from = 0;
    while let Some(open) = value[from..].find("[@") {
        let start = from + open;
        let end = value[start..].find(']').map_or(value.len(), |e| start + e);
        ids.push(start..end);
        from = end.min(value.len());
        if from >= value.len() {
            break;
        }
    }
    let mut found = 0;
    for w in ws.iter() {
        if found >= PER_FIELD {
            break;
        }
        if ids.iter().any(|r| r.contains(&w.start)) {
            continue;
        }
        let text = w.text;
        // Most words are syllables of the list: asked first, before the character
        // classes (a table lookup for every accented letter).
        if SYLLABLES.contains(text)
            || text.chars().count() < 2
            || text.chars().any(|c| !c.is_alphabetic() || c.is_uppercase())
        {
            continue;
        }
        // Addresses, e-mails, file names, `[@id]`: the word touches `.`, `/`, `@`, `_`.
        let before = value[..w.start].chars().next_back();
        let after = value[w.end()..].chars().next();
        let joined = |c: Option<char>| matches!(c, Some('/' | '@' | '_' | '\\' | '[' | ':'));
        let dotted = value[w.end()..]
            .strip_prefix('.')
            .and_then(|r| r.chars().next())
            .is_some_and(char::is_alphanumeric)
            || value[..w.start]
                .strip_suffix('.')
                .and_then(|r| r.chars().next_back())
                .is_some_and(char::is_alphanumeric);
        if joined(before) || joined(after) || dotted || foreign(text) || allowed.contains(text) {
            continue;
        }
        found += 1;
        out.push(SYLLABLE.report(
            cx.at(f.text, w.start, text.len()),
            format!("“{text}” ở `{}` không phải âm tiết tiếng Việt", f.key),
            format!(
                "kiểm tra chính tả; nếu đúng (tên riêng, từ nước ngoài), thêm “{text}” vào tu-dien.txt cạnh tệp kế hoạch"
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_knows_both_tone_placements_and_not_the_slips() {
        for ok in ["hoà", "hòa", "thuỷ", "thủy", "quý", "nghiệp", "người", "sỹ"] {
            assert!(SYLLABLES.contains(ok), "{ok}");
        }
        // `kơnia` is allowed only through tests/check/tu-dien.txt.
        for slip in ["triểt", "cở", "nươc", "ộng", "nguoi", "kơnia"] {
            assert!(!SYLLABLES.contains(slip), "{slip}");
        }
    }

    #[test]
    fn plain_ascii_that_vietnamese_cannot_spell_is_foreign() {
        for w in ["logistics", "pdf", "top", "kv", "oresol"] {
            assert!(foreign(w), "{w}");
        }
        for w in ["nguoi", "tinh", "huyen", "cong", "tiem"] {
            assert!(!foreign(w), "{w}");
        }
    }
}
