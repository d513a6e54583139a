//! What a careful reader catches without understanding the sentence: "so" for "số"
//! before a document number, a space before punctuation, a place word typed without
//! its diacritics ("UBND tinh"), a summary typed in capitals, and — in a plan dated
//! on or after 1 July 2025, when the district level was abolished — a district-level
//! body as issuer or as addressee.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use regex::Regex;

use crate::check::fields::{Field, Role};
use crate::check::{Cx, RuleInfo};
use crate::diag::Diagnostic;
use crate::diag::Severity::Warning;
use crate::numbering::PlanDate;

pub const SO_TYPO: RuleInfo = RuleInfo {
    id: "KH-TEXT-SO-TYPO",
    severity: Warning,
    clause: None,
    summary: "“so”/“sô” thay cho “số” trước số văn bản (“Kế hoạch so 12/KH-UBND”)",
};
pub const SPACE_BEFORE_PUNCT: RuleInfo = RuleInfo {
    id: "KH-TEXT-SPACE-BEFORE-PUNCT",
    severity: Warning,
    clause: None,
    summary: "dấu cách trước dấu câu (“công tác dân số ;”, “nhiệm vụ .”)",
};
pub const NO_DIACRITICS: RuleInfo = RuleInfo {
    id: "KH-TEXT-NO-DIACRITICS",
    severity: Warning,
    clause: None,
    summary: "tên cấp hành chính thiếu dấu (“UBND tinh”, “cấp huyen”, “các xa, phuong”)",
};
pub const TRICH_YEU_CAPS: RuleInfo = RuleInfo {
    id: "ND30-TRICH-YEU-CASE",
    severity: Warning,
    clause: Some("NĐ 30/2020, Phụ lục I, Phần I, điểm b khoản 5 Mục II"),
    summary: "trích yếu viết bằng chữ in hoa (Nghị định 30: chữ in thường)",
};
pub const DISTRICT: RuleInfo = RuleInfo {
    id: "KH-DISTRICT-LEVEL",
    severity: Warning,
    clause: None,
    summary: "kế hoạch ban hành từ ngày 01/7/2025 mà do cấp huyện ban hành hoặc giao việc cho cấp huyện (cấp huyện không còn)",
};

/// The day the district level ended (Resolution 202/2025/QH15; Law 72/2025/QH15).
const TWO_TIERS: PlanDate = PlanDate {
    year: 2025,
    month: Some(7),
    day: Some(1),
};

static SO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^\p{L}\p{N}])(?P<so>[Ss]o|[Ss]ô|SO|SÔ)\s*:?\s*\d+\s*[/\-]\s*\p{L}")
        .expect("valid regex")
});
/// A space (or several) before `,` `.` `;` `:` that ends a word: not an ellipsis ". . .",
/// not a decimal ".5", not "./.".
static SPACE_PUNCT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[\p{L}\p{N}\)”\x22](?P<gap> +)(?P<p>[,.;:])(?:[ \n]|$)").expect("valid regex")
});
static PLACE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?P<prev>[\p{L}]+)\s+(?P<w>tinh|huyen|xa|phuong|TINH|HUYEN|PHUONG)(?:[\s,;.:)]|$)(?P<next>\p{L}?)",
    )
    .expect("valid regex")
});
static DISTRICT_BODY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:(?:UBND|HĐND|Ủy ban nhân dân|Uỷ ban nhân dân|Hội đồng nhân dân)\s+(?:các\s+)?(?:huyện|quận|thị xã)|cấp huyện|các huyện, thị xã|huyện, thị xã, thành phố)",
    )
    .expect("valid regex")
});

/// Words after which "tinh", "huyen", "xa", "phuong" can only be a place level.
const PLACE_BEFORE: &[&str] = &[
    "ubnd", "hđnd", "dân", "cấp", "bàn", "sự", "toàn", "các", "của", "thuộc", "và",
];

pub fn check(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    for f in cx.fields.iter().filter(|f| f.role != Role::Code) {
        // Most texts hold none of the words the three rules start from: one search for
        // all of them is cheaper than the rules' regexes.
        let mut hints = [false; 3];
        for m in HINTS.find_overlapping_iter(f.text.value.as_str()) {
            hints[HINT_WORDS[m.pattern().as_usize()].1] = true;
        }
        let [so, space, place] = hints;
        if so {
            so_typo(cx, f, out);
        }
        if space {
            space_before_punct(cx, f, out);
        }
        if place {
            no_diacritics(cx, f, out);
        }
    }
    capitals(cx, out);
    district(cx, out);
}

/// What a text must hold for each rule to look further, with the rule (0: “so”, 1: a
/// space before punctuation, 2: a place level without diacritics).
const HINT_WORDS: &[(&str, usize)] = &[
    ("so", 0),
    ("So", 0),
    ("SO", 0),
    ("sô", 0),
    ("Sô", 0),
    ("SÔ", 0),
    (" ,", 1),
    (" .", 1),
    (" ;", 1),
    (" :", 1),
    ("tinh", 2),
    ("huyen", 2),
    ("xa", 2),
    ("phuong", 2),
    ("TINH", 2),
    ("HUYEN", 2),
    ("PHUONG", 2),
];
static HINTS: LazyLock<AhoCorasick> =
    LazyLock::new(|| AhoCorasick::new(HINT_WORDS.iter().map(|(w, _)| w)).expect("valid patterns"));

fn so_typo(cx: &Cx<'_>, f: &Field<'_>, out: &mut Vec<Diagnostic>) {
    let value = f.text.value.as_str();
    for c in SO.captures_iter(value) {
        let Some(so) = c.name("so") else { continue };
        out.push(SO_TYPO.report(
            cx.at(f.text, so.start(), so.len()),
            format!(
                "“{}” trước số văn bản ở `{}`: viết là “số”",
                so.as_str(),
                f.key
            ),
            "sửa thành “số” (có dấu)",
        ));
    }
}

fn space_before_punct(cx: &Cx<'_>, f: &Field<'_>, out: &mut Vec<Diagnostic>) {
    let value = f.text.value.as_str();
    for c in SPACE_PUNCT.captures_iter(value).take(10) {
        let (Some(gap), Some(p)) = (c.name("gap"), c.name("p")) else {
            continue;
        };
        // ". . ." is an ellipsis typed with spaces.
        if value[p.end()..].starts_with(" .") || value[..gap.start()].ends_with('.') {
            continue;
        }
        out.push(SPACE_BEFORE_PUNCT.report(
            cx.at(f.text, gap.start(), gap.len() + p.len()),
            format!("dấu cách trước “{}” ở `{}`", p.as_str(), f.key),
            format!("xóa dấu cách, viết “{}” liền sau chữ", p.as_str()),
        ));
    }
}

fn no_diacritics(cx: &Cx<'_>, f: &Field<'_>, out: &mut Vec<Diagnostic>) {
    let value = f.text.value.as_str();
    for c in PLACE.captures_iter(value) {
        let (Some(prev), Some(w)) = (c.name("prev"), c.name("w")) else {
            continue;
        };
        let p = prev.as_str();
        let abbreviation = p.chars().count() >= 2 && p.chars().all(|c| c.is_uppercase());
        if !abbreviation && !PLACE_BEFORE.contains(&p.to_lowercase().as_str()) {
            continue;
        }
        // "xa" is also a word ("ở xa"): only before a place name or a list of levels.
        let next_capital = c
            .name("next")
            .and_then(|n| n.as_str().chars().next())
            .is_some_and(char::is_uppercase);
        let after = &value[w.end()..];
        if w.as_str() == "xa" && !next_capital && !after.starts_with(", phư") {
            continue;
        }
        let right = match w.as_str().to_lowercase().as_str() {
            "tinh" => "tỉnh",
            "huyen" => "huyện",
            "xa" => "xã",
            _ => "phường",
        };
        out.push(NO_DIACRITICS.report(
            cx.at(f.text, w.start(), w.len()),
            format!("“{} {}” ở `{}`: thiếu dấu", p, w.as_str(), f.key),
            format!("viết “{right}”"),
        ));
    }
}

fn capitals(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    let t = &cx.plan.trich_yeu;
    let letters: Vec<char> = t.value.chars().filter(|c| c.is_alphabetic()).collect();
    let upper = letters.iter().filter(|c| c.is_uppercase()).count();
    let words = t.value.split_whitespace().count();
    if words >= 3 && letters.len() >= 10 && upper * 10 >= letters.len() * 9 {
        out.push(TRICH_YEU_CAPS.report(
            cx.at(t, 0, t.value.len()),
            "trích yếu viết bằng chữ in hoa".to_owned(),
            "viết trích yếu bằng chữ thường (viết hoa chữ đầu và tên riêng); mẫu in sẽ trình bày đúng",
        ));
    }
}

fn district(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    let plan = cx.plan;
    let Some(date) = plan
        .ngay
        .as_ref()
        .and_then(|d| PlanDate::parse(d.value.trim()).ok())
    else {
        return;
    };
    let full = |d: PlanDate| (d.year, d.month.unwrap_or(12), d.day.unwrap_or(31));
    if full(date) < full(TWO_TIERS) {
        return;
    }
    let issuer_lines = plan.co_quan.ten.iter().chain([&plan.co_quan.ten_goi]);
    for t in issuer_lines {
        let upper = t.value.to_uppercase();
        if ["HUYỆN", "QUẬN", "THỊ XÃ"].iter().any(|w| {
            upper
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .contains(w)
        }) {
            out.push(DISTRICT.report(
                cx.at(t, 0, t.value.len()),
                format!(
                    "cơ quan ban hành “{}” là cấp huyện, nhưng kế hoạch đề ngày {} (từ 01/7/2025 không còn cấp huyện)",
                    t.value,
                    date.short()
                ),
                "kiểm tra cơ quan ban hành và ngày: từ 01/7/2025 chính quyền địa phương có hai cấp (tỉnh và xã, phường, đặc khu)",
            ));
            break;
        }
    }
    // Addressees and assignees in the text; a citation's issuer ("… của UBND huyện X")
    // names who signed an older document, which stays true.
    let skip = ["co_quan", "ten", "ten_goi", "chu_quan", "trich_yeu_van_ban"];
    for f in cx.fields.iter().filter(|f| f.role != Role::Code) {
        if skip.contains(&f.key) {
            continue;
        }
        let value = f.text.value.as_str();
        for m in DISTRICT_BODY.find_iter(value).take(3) {
            let before = value[..m.start()].trim_end();
            if before.ends_with("của")
                || before.ends_with("nay là")
                || before.ends_with("trước đây là")
            {
                continue;
            }
            out.push(DISTRICT.report(
                cx.at(f.text, m.start(), m.len()),
                format!(
                    "“{}” ở `{}`: kế hoạch đề ngày {} mà còn nhắc cấp huyện (từ 01/7/2025 không còn cấp huyện)",
                    m.as_str(),
                    f.key,
                    date.short()
                ),
                "giao việc cho cấp tỉnh hoặc cấp xã (UBND các xã, phường, đặc khu) theo chính quyền địa phương hai cấp",
            ));
        }
    }
}
