//! Text: repeated words ("Kế Kế hoạch"), double spaces, invisible characters, and
//! brackets or quotes that are opened and never closed.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use crate::check::fields::{Field, Role};
use crate::check::holds::Holds;
use crate::check::words::{words, Word};
use crate::check::{Cx, RuleInfo};
use crate::diag::Diagnostic;
use crate::diag::Severity::Warning;

pub const REPEATED_WORD: RuleInfo = RuleInfo {
    id: "KH-TEXT-REPEATED-WORD",
    severity: Warning,
    clause: None,
    summary: "một từ lặp hai lần liền nhau (“Kế Kế hoạch”), kể cả trước `[@id]`; không tính từ láy (“song song”) và hai từ ghép gặp nhau (“hành vi vi phạm”)",
};
pub const DOUBLE_SPACE: RuleInfo = RuleInfo {
    id: "KH-TEXT-DOUBLE-SPACE",
    severity: Warning,
    clause: None,
    summary: "hai dấu cách trở lên liền nhau trong một đoạn văn",
};
/// A warning, not an error: the renderers drop what XML cannot carry and keep the rest
/// as text (issue 8), so the plan still renders; the clerk is told to clean it up.
pub const CONTROL_CHAR: RuleInfo = RuleInfo {
    id: "KH-TEXT-CONTROL-CHAR",
    severity: Warning,
    clause: None,
    summary:
        "ký tự điều khiển hoặc ký tự hướng chữ không nhìn thấy được (tab, U+0000–U+001F, ký tự không độ rộng, dấu phải sang trái …)",
};
pub const UNBALANCED: RuleInfo = RuleInfo {
    id: "KH-TEXT-UNBALANCED",
    severity: Warning,
    clause: None,
    summary: "ngoặc, dấu nháy hoặc `**` mở mà không đóng (hoặc đóng mà không mở); “a)” của danh sách không tính",
};

/// Reduplications that are correct Vietnamese, not typos ("song song", "dần dần").
const REDUPLICATIONS: &[&str] = &[
    "dần",
    "từ",
    "người",
    "nhà",
    "ngày",
    "đời",
    "mãi",
    "ai",
    "đâu",
    "năm",
    "tháng",
    "xa",
    "đều",
    "chầm",
    "rầm",
    "ầm",
    "song",
    "thường",
    "từng",
    "lần",
    "mỗi",
    "nhiều",
    "ít",
    "đêm",
    "cao",
    "xanh",
    "đỏ",
    "vàng",
    "trắng",
    "đen",
    "nhỏ",
    "to",
    "sâu",
    "nhanh",
    "chậm",
    "đầy",
    "hằng",
    "luôn",
    "riêng",
    "chung",
    "bình",
    "hăng",
    "sẵn",
    "tận",
    "mới",
    "vừa",
    "khá",
    "rất",
    "lâu",
    "gần",
    "ngay",
    "chút",
    "cả",
    "ngành",
    "nơi",
    "cấp",
    "khắp",
    "dài",
    "rộng",
    "sớm",
];

/// Syllables that commonly end one two-syllable word and begin the next, so that
/// "X X" is two words meeting, not a typo: "hành vi vi phạm", "tài chính chính sách",
/// "cơ quan quan tâm". Only where the syllables around confirm both words.
const BOUNDARY_PAIRS: &[(&str, &str, &str)] = &[
    ("hành", "vi", "phạm"),
    ("tài", "chính", "sách"),
    ("tài", "chính", "quyền"),
    ("hành", "chính", "sách"),
    ("hành", "chính", "quyền"),
    ("cơ", "quan", "tâm"),
    ("cơ", "quan", "hệ"),
    ("cơ", "quan", "điểm"),
    ("xã", "hội", "nghị"),
    ("xã", "hội", "viên"),
    ("xã", "hội", "đồng"),
    ("nhân", "dân", "tộc"),
    ("nhân", "dân", "số"),
    ("nhân", "dân", "chủ"),
    ("cá", "nhân", "dân"),
    ("cá", "nhân", "lực"),
    ("cá", "nhân", "viên"),
    ("quản", "lý", "luận"),
    ("xử", "lý", "luận"),
    ("biện", "pháp", "luật"),
    ("hợp", "pháp", "luật"),
    ("văn", "hóa", "học"),
    ("hiện", "đại", "hóa"),
    ("công", "nghệ", "thuật"),
    ("phát", "triển", "khai"),
    ("kinh", "tế", "bào"),
    ("thực", "hiện", "đại"),
    ("thực", "hiện", "nay"),
    ("thông", "tin", "học"),
    ("kế", "hoạch", "định"),
    ("đánh", "giá", "trị"),
    ("dự", "án", "phí"),
    ("chương", "trình", "độ"),
    ("tổ", "chức", "năng"),
    ("công", "chức", "năng"),
    ("viên", "chức", "năng"),
    ("cán", "bộ", "phận"),
    ("nội", "dung", "lượng"),
    ("đơn", "vị", "trí"),
    ("địa", "phương", "án"),
    ("đối", "tượng", "trưng"),
    ("thời", "gian", "lận"),
    ("kiểm", "tra", "cứu"),
    ("thanh", "tra", "cứu"),
    ("sản", "xuất", "khẩu"),
    ("nhập", "khẩu", "hiệu"),
    ("giáo", "dục", "đào"),
    ("khoa", "học", "tập"),
    ("học", "sinh", "hoạt"),
    ("hoạt", "động", "viên"),
    ("lao", "động", "viên"),
    ("sinh", "viên", "chức"),
    ("truyền", "thông", "tin"),
    ("trực", "tiếp", "nhận"),
    ("trực", "tiếp", "tục"),
    ("liên", "tục", "ngữ"),
];

/// At most this many findings of one rule per string, so a pasted page of junk gives a
/// readable report.
const PER_FIELD: usize = 10;

/// Words that are never the end of one word and the start of the next: "cho cho", "các
/// các" are always slips.
const FUNCTION_WORDS: &[&str] = &[
    "các", "cho", "của", "và", "là", "được", "đã", "sẽ", "có", "để", "với", "trong", "tại", "theo",
    "những", "này", "khi", "thì", "mà", "nhằm", "đến", "về", "trên", "dưới", "hoặc", "một",
    "không", "bị", "do", "vào", "ra", "lên", "qua", "đối", "kế", "số", "ngày",
];

/// How often each pair of neighbouring words (lower case) occurs in the plan: the plan's
/// own two-syllable words, so that "trực tiếp tiếp nhận" is read as "trực tiếp" +
/// "tiếp nhận" when both occur elsewhere in it.
fn bigrams(cx: &Cx<'_>) -> HashMap<(String, String), u32> {
    let mut counts = HashMap::new();
    let mut ws = Vec::new();
    for f in cx.fields.iter().filter(|f| f.role != Role::Code) {
        words(&f.text.value, &mut ws);
        for pair in ws.windows(2) {
            let gap = &f.text.value[pair[0].end()..pair[1].start];
            if gap == " " {
                *counts
                    .entry((pair[0].text.to_lowercase(), pair[1].text.to_lowercase()))
                    .or_insert(0) += 1;
            }
        }
    }
    counts
}

pub fn check(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    // One buffer for the words of every text: allocating it per text was a tenth of `check`.
    let mut words = Vec::new();
    let mut pairs: Option<HashMap<(String, String), u32>> = None;
    for f in &cx.fields {
        control(cx, f, out);
        if f.role == Role::Code {
            continue;
        }
        repeated(cx, f, &mut words, &mut pairs, out);
        reference_repeats(cx, f, out);
        double_spaces(cx, f, out);
        unbalanced(cx, f, out);
    }
}

fn repeated<'s>(
    cx: &Cx<'_>,
    f: &Field<'s>,
    ws: &mut Vec<Word<'s>>,
    pairs: &mut Option<HashMap<(String, String), u32>>,
    out: &mut Vec<Diagnostic>,
) {
    let value = f.text.value.as_str();
    words(value, ws);
    let ws = &ws[..];
    // `**Kế** Kế` is still a repeat once printed; `ký, ký` is not.
    let joined = |i: usize| {
        let gap = &value[ws[i - 1].end()..ws[i].start];
        gap == " " || gap.chars().all(|c| c.is_whitespace() || c == '*')
    };
    let mut found = 0;
    for i in 1..ws.len() {
        if found >= PER_FIELD {
            break;
        }
        let (start, word) = (ws[i].start, ws[i].text);
        let prev = ws[i - 1].text;
        let lower = |j: usize| ws.get(j).map(|w| w.text.to_lowercase());
        let mut boundary = || {
            let (before, after) = (i.checked_sub(2).and_then(lower), lower(i + 1));
            let word = word.to_lowercase();
            if FUNCTION_WORDS.contains(&word.as_str()) {
                return false;
            }
            let (Some(before), Some(after)) = (before, after) else {
                return false;
            };
            if BOUNDARY_PAIRS
                .iter()
                .any(|(b, w, a)| *w == word && *b == before && *a == after)
            {
                return true;
            }
            // One of the two words occurs elsewhere in the plan (this place counts once).
            let counts = pairs.get_or_insert_with(|| bigrams(cx));
            let n = |a: &str, b: &str| {
                counts
                    .get(&(a.to_owned(), b.to_owned()))
                    .copied()
                    .unwrap_or(0)
            };
            n(&before, &word) >= 2 || n(&word, &after) >= 2
        };
        if ws[i - 1].same(&ws[i])
            && joined(i)
            && word.chars().all(char::is_alphabetic)
            && !REDUPLICATIONS.contains(&word.to_lowercase().as_str())
            && !boundary()
        {
            found += 1;
            out.push(REPEATED_WORD.report(
                cx.at(f.text, start, word.len()),
                format!("từ lặp “{prev} {word}” ở `{}`", f.key),
                format!("xóa một chữ “{word}”"),
            ));
        } else if i >= 3
            // The word comparisons first: they fail at once where the gaps need a scan.
            && ws[i - 3].same(&ws[i - 1])
            && ws[i - 2].same(&ws[i])
            && (i - 2..=i).all(joined)
            && !ws[i - 3].same(&ws[i - 2])
            && word.chars().all(char::is_alphabetic)
        {
            // "công chức công chức": a two-word phrase typed twice.
            found += 1;
            let first = ws[i - 1].start;
            let phrase = &value[first..start + word.len()];
            out.push(REPEATED_WORD.report(
                cx.at(f.text, first, phrase.len()),
                format!(
                    "cụm từ lặp “{} {}” ở `{}`",
                    ws[i - 3].text,
                    ws[i - 2].text,
                    f.key
                ),
                format!("xóa một lần “{phrase}”"),
            ));
        }
    }
}

static REFERENCE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\[@([^\]\s:]+)(?::ngan)?\]").expect("valid regex"));

/// `theo Kế hoạch [@kh2325]` prints "theo Kế hoạch Kế hoạch số 2325/KH-UBND".
fn reference_repeats(cx: &Cx<'_>, f: &Field<'_>, out: &mut Vec<Diagnostic>) {
    let value = f.text.value.as_str();
    // Setting up the regex search costs more than looking for its literal start.
    if !f.holds.any(Holds::AT) || !value.contains("[@") {
        return;
    }
    for c in REFERENCE.captures_iter(value) {
        let (Some(all), Some(id)) = (c.get(0), c.get(1)) else {
            continue;
        };
        let Some(cited) = cx.plan.citation(id.as_str()) else {
            continue;
        };
        let name = cited.loai.name();
        let before = value[..all.start()].trim_end_matches([' ', '*']);
        let tail = before
            .char_indices()
            .rev()
            .nth(name.chars().count() - 1)
            .map(|(i, _)| &before[i..]);
        let is_word_start = |i: usize| {
            before[..i]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric())
        };
        if let Some(tail) = tail {
            let i = before.len() - tail.len();
            if tail.to_lowercase() == name.to_lowercase() && is_word_start(i) {
                out.push(REPEATED_WORD.report(
                    cx.at(f.text, i, all.end() - i),
                    crate::msg!(
                        "check.type_twice",
                        tail = tail,
                        cite = all.as_str(),
                        key = f.key,
                        name = name
                    ),
                    crate::msg!("check.type_twice_help", tail = tail, cite = all.as_str()),
                ));
            }
        }
    }
}

fn double_spaces(cx: &Cx<'_>, f: &Field<'_>, out: &mut Vec<Diagnostic>) {
    if !f.holds.any(Holds::SPACES) {
        return;
    }
    let value = f.text.value.as_str();
    let bytes = value.as_bytes();
    let mut i = 0;
    let mut found = 0;
    while i < bytes.len() && found < PER_FIELD {
        if bytes[i] == b' ' && bytes.get(i + 1) == Some(&b' ') {
            let mut j = i;
            while bytes.get(j) == Some(&b' ') {
                j += 1;
            }
            // Indentation at the start of a line in a block scalar is layout, not a typo.
            let line_start = i == 0 || bytes[i - 1] == b'\n';
            if !line_start {
                found += 1;
                out.push(DOUBLE_SPACE.report(
                    cx.at(f.text, i, j - i),
                    crate::msg!("check.double_space", n = j - i, key = f.key),
                    crate::msg!("check.double_space_help"),
                ));
            }
            i = j;
        } else {
            i += 1;
        }
    }
}

/// The name of an invisible character a clerk may have pasted, or `None` if harmless.
/// The catalogue key of the character's name, for the invisible ones.
fn invisible(c: char) -> Option<&'static str> {
    Some(match c {
        '\n' => return None,
        '\t' => "check.char_tab",
        '\r' => "check.char_cr",
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' => "check.char_control",
        '\u{ad}' => "check.char_soft_hyphen",
        '\u{200b}' => "check.char_zwsp",
        '\u{200c}' => "check.char_zwnj",
        '\u{200d}' => "check.char_zwj",
        '\u{200e}' => "check.char_ltr",
        '\u{200f}' => "check.char_rtl",
        '\u{202a}'..='\u{202e}' => "check.char_override",
        '\u{2060}'..='\u{2064}' => "check.char_operator",
        '\u{2066}'..='\u{2069}' => "check.char_isolate",
        '\u{61c}' => "check.char_alm",
        '\u{feff}' => "check.char_bom",
        '\u{fff9}'..='\u{fffb}' => "check.char_annotation",
        _ => return None,
    })
}

/// A zero-width joiner between two pictographs is part of one emoji (👩‍👩‍👧), not a stray mark.
fn joins_emoji(value: &str, at: usize) -> bool {
    let pictograph = |c: char| matches!(c as u32, 0x1F000..=0x1FAFF | 0x2600..=0x27BF | 0xFE0F);
    let before = value[..at].chars().next_back();
    let after = value[at + '\u{200d}'.len_utf8()..].chars().next();
    before.is_some_and(pictograph) && after.is_some_and(pictograph)
}

/// False when `value` holds none of the characters [`invisible`] names, judged from the
/// bytes of their UTF-8 forms; a text that may hold one is read character by character.
fn may_hide(value: &str) -> bool {
    let b = value.as_bytes();
    b.iter().enumerate().any(|(i, &x)| match x {
        b'\n' => false,
        // C0 controls and DEL; C1 controls and the soft hyphen; U+061C; U+FEFF, U+FFF9–B.
        0..=0x1f | 0x7f | 0xc2 | 0xd8 | 0xef => true,
        // U+200B–F, U+202A–E, U+2060–9; not the quotes and dashes next to them.
        0xe2 => matches!(
            (b.get(i + 1), b.get(i + 2)),
            (Some(0x80), Some(0x8b..=0x8f | 0xaa..=0xae)) | (Some(0x81), Some(0xa0..=0xa9))
        ),
        _ => false,
    })
}

fn control(cx: &Cx<'_>, f: &Field<'_>, out: &mut Vec<Diagnostic>) {
    let value = f.text.value.as_str();
    if !f.holds.any(Holds::CONTROL | Holds::PUNCTUATION) || !may_hide(value) {
        return;
    }
    let mut hits = value
        .char_indices()
        .filter(|&(i, c)| !(c == '\u{200d}' && joins_emoji(value, i)))
        .filter_map(|(i, c)| invisible(c).map(|n| (i, c, n)));
    let Some((i, c, name)) = hits.next() else {
        return;
    };
    let more = hits.count();
    let also = if more > 0 {
        crate::msg!("check.invisible_more", n = more)
    } else {
        String::new()
    };
    out.push(CONTROL_CHAR.report(
        cx.at(f.text, i, c.len_utf8()),
        crate::msg!(
            "check.invisible",
            name = crate::msg!(name),
            code = format!("U+{:04X}", c as u32),
            key = f.key,
            also = also
        ),
        crate::msg!("check.invisible_help"),
    ));
}

/// A list marker "a) " or "2) ", at the start of a line or inline after `:`, `;`, `,`.
static LIST_MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?m)(?:^|[\s:;,*])(?:[a-zđ]|\d{1,2}|\d{1,2}\.\d{1,2})\)(?:[\s,;.:*]|$)")
        .expect("valid regex")
});

fn unbalanced(cx: &Cx<'_>, f: &Field<'_>, out: &mut Vec<Diagnostic>) {
    let looked_for = Holds::BRACKET | Holds::PUNCTUATION | Holds::QUOTE | Holds::STAR;
    if !f.holds.any(looked_for) {
        return;
    }
    let value = f.text.value.as_str();
    let bytes = value.as_bytes();
    // The `)` of a list marker ("gồm: a) hồ sơ; b) giấy tờ") closes nothing.
    let markers: Vec<usize> = if bytes.contains(&b')') {
        LIST_MARKER
            .find_iter(value)
            .filter_map(|m| m.as_str().rfind(')').map(|j| m.start() + j))
            .collect()
    } else {
        Vec::new()
    };
    let mut stack: Vec<(usize, char)> = Vec::new();
    let mut report = |i: usize, c: char, what: String| {
        out.push(UNBALANCED.report(
            cx.at(f.text, i, c.len_utf8()),
            format!("{what} ở `{}`", f.key),
            "thêm dấu còn thiếu hoặc xóa dấu thừa",
        ));
    };
    let mut found = 0;
    // Bytes, not chars: the brackets are ASCII and “ ” are E2 80 9C/9D, and a lead byte
    // always starts a character, so the offsets are those of `char_indices`.
    for (i, &b) in bytes.iter().enumerate() {
        let c = match b {
            b'(' | b')' | b'[' | b']' => char::from(b),
            0xe2 => match bytes.get(i + 1..i + 3) {
                Some([0x80, 0x9c]) => '“',
                Some([0x80, 0x9d]) => '”',
                _ => continue,
            },
            _ => continue,
        };
        let open = match c {
            ')' => '(',
            ']' => '[',
            '”' => '“',
            _ => {
                stack.push((i, c));
                continue;
            }
        };
        // A marker's `)` closes an open `(` when there is one ("(từ tháng 3 đến tháng
        // 10)"); otherwise it is the marker's own ("a) hồ sơ").
        let marker = markers.binary_search(&i).is_ok();
        if marker && stack.last().is_none_or(|&(_, o)| o != open) {
            continue;
        }
        if stack.last().is_some_and(|&(_, o)| o == open) {
            stack.pop();
        } else if found < PER_FIELD {
            found += 1;
            report(i, c, format!("‘{c}’ không đóng dấu mở nào"));
        }
    }
    for (i, c) in stack.into_iter().take(PER_FIELD.saturating_sub(found)) {
        report(i, c, format!("‘{c}’ mở mà không đóng"));
    }
    if f.holds.any(Holds::QUOTE) {
        if let Some(i) = last_of_odd_count(value, "\"") {
            report(i, '"', "số dấu ‘\"’ lẻ".to_owned());
        }
    }
    if f.holds.any(Holds::STAR) {
        if let Some(i) = last_of_odd_count(value, "**") {
            report(i, '*', "‘**’ (chữ đậm) mở mà không đóng".to_owned());
        }
    }
}

/// Where the last `pat` is, when `value` has an odd number of them (not overlapping).
fn last_of_odd_count(value: &str, pat: &str) -> Option<usize> {
    let (n, last) = value
        .match_indices(pat)
        .fold((0, None), |(n, _), (i, _)| (n + 1, Some(i)));
    if n % 2 == 1 {
        last
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (column, message) of one rule's findings on a plan whose `trich_yeu` is `value`.
    fn findings(rule: &RuleInfo, value: &str) -> Vec<(u32, String)> {
        let yaml = format!(
            "co_quan: {{ten: [X], ten_goi: x, viet_tat: UBND}}\ndia_danh: Ninh Hà\nky: {{ho_ten: A}}\ntrich_yeu: '{}'\n",
            value.replace('\'', "''")
        );
        let l = crate::load::load_str(std::path::Path::new("t.yaml"), &yaml).unwrap();
        crate::check::check(&l.plan, &l.source)
            .into_iter()
            .filter(|d| d.code == rule.id)
            .map(|d| (d.at.col, d.message))
            .collect()
    }

    #[test]
    fn the_byte_scan_finds_every_invisible_character() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            assert!(invisible(c).is_none() || may_hide(&c.to_string()), "{c:?}");
        }
    }

    #[test]
    fn invisible_characters_among_quotes_and_emoji() {
        let _vi = crate::i18n::tests_support::Lang::set("vi");
        let at = |s: &str| findings(&CONTROL_CHAR, s);
        assert_eq!(at("“Kế hoạch” – 👩\u{200d}👧 ạ"), vec![]);
        let f = at("“Kế\u{2060}hoạch”\u{ad}\u{200b}");
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].0, 16);
        assert!(f[0].1.starts_with("phép toán vô hình U+2060"), "{}", f[0].1);
        assert!(f[0].1.ends_with("(và 2 ký tự khác)"), "{}", f[0].1);
    }

    #[test]
    fn brackets_quotes_and_list_markers() {
        let at = |s: &str| findings(&UNBALANCED, s);
        assert_eq!(at("gồm: a) hồ sơ; b) giấy “tờ” (và [x])"), vec![]);
        let msgs = |s: &str| -> Vec<(u32, String)> {
            at(s)
                .into_iter()
                .map(|(c, m)| (c - 13, m.replace(" ở `trich_yeu`", "")))
                .collect()
        };
        assert_eq!(
            msgs("ạ (“) b”"),
            vec![
                (2, "‘(’ mở mà không đóng".to_owned()),
                (4, "‘)’ không đóng dấu mở nào".to_owned()),
            ]
        );
        assert_eq!(
            msgs("” ]"),
            vec![
                (0, "‘”’ không đóng dấu mở nào".to_owned()),
                (2, "‘]’ không đóng dấu mở nào".to_owned())
            ]
        );
        assert_eq!(
            msgs("\"ạ\" \" ***"),
            vec![
                (4, "số dấu ‘\"’ lẻ".to_owned()),
                (6, "‘**’ (chữ đậm) mở mà không đóng".to_owned()),
            ]
        );
    }
}
