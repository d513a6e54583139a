//! Citations: `[@id]` names a `van_ban` entry; one document is cited with one number,
//! date and issuer everywhere (the 2235/2325 case); its first mention is complete; its
//! symbol fits its type.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use regex::Regex;

use super::clause;
use crate::check::fields::Role;
use crate::check::holds::Holds;
use crate::check::mentions::{self, Mention};
use crate::check::{Cx, RuleInfo};
use crate::diag::Diagnostic;
use crate::diag::Severity::{Error, Warning};
use crate::plan::{DocKind, Loc};

mod groups;

pub const UNKNOWN_ID: RuleInfo = RuleInfo {
    id: "KH-CITE-UNKNOWN-ID",
    severity: Error,
    clause: None,
    summary: "`[@id]` không trỏ tới mục nào của `van_ban`, hoặc viết khác `[@id]`/`[@id:ngan]`",
};
pub const DUPLICATE_ID: RuleInfo = RuleInfo {
    id: "KH-CITE-DUPLICATE-ID",
    severity: Error,
    clause: None,
    summary: "hai mục của `van_ban` cùng một `id`",
};
pub const CONFLICT: RuleInfo = RuleInfo {
    id: "KH-CITE-CONFLICT",
    severity: Error,
    clause: None,
    summary: "cùng một văn bản được dẫn với số, ngày hoặc cơ quan ban hành khác nhau",
};
pub const FIRST_MENTION: RuleInfo = RuleInfo {
    id: "ND30-CITE-FIRST-MENTION",
    severity: Warning,
    clause: Some(clause::FIRST_MENTION),
    summary: "lần dẫn đầu tiên của một văn bản thiếu ngày ban hành hoặc cơ quan ban hành",
};
pub const SYMBOL: RuleInfo = RuleInfo {
    id: "KH-CITE-SYMBOL",
    severity: Error,
    clause: Some(clause::ABBREVIATIONS),
    summary: "ký hiệu văn bản được dẫn không khớp loại văn bản (“Kế hoạch … /KHUBND”; Nghị định thiếu năm)",
};
pub const SYMBOL_SPACE: RuleInfo = RuleInfo {
    id: "KH-CITE-SYMBOL-SPACE",
    severity: Warning,
    clause: Some(clause::ABBREVIATIONS),
    summary: "dấu cách thừa trong số, ký hiệu văn bản được dẫn (“TT- BTC”, “NQ -CP”)",
};

static REF: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\[@([^\]\s:]*)(?::([^\]]*))?\]").expect("valid regex"));

pub fn check(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    references(cx, out);
    duplicate_ids(cx, out);
    let mentions: Vec<&Mention> = cx.mentions.iter().filter(|m| !is_self(cx, m)).collect();
    symbols(&mentions, out);
    let clusters = clusters(&mentions);
    for cluster in &clusters {
        conflicts(cluster, out);
        first_mention(cluster, out);
    }
}

/// The plan's own number in its text ("Kèm theo Kế hoạch số 114/KH-UBND") is not a citation.
fn is_self(cx: &Cx<'_>, m: &Mention) -> bool {
    m.entry.is_none()
        && m.kind == Some(cx.plan.loai)
        && cx
            .plan
            .so
            .as_ref()
            .is_some_and(|so| same_number(so, &m.number))
        && mentions::normalize_symbol(&m.symbol) == mentions::normalize_symbol(&cx.plan.symbol())
}

/// How many known ids a hint lists, and how many unknown ids get a "did you mean":
/// a plan of thousands of entries must not print thousands of ids per finding, nor
/// compare every unknown id with every known one.
const IDS_LISTED: usize = 20;
const IDS_SUGGESTED: usize = 100;

fn references(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    let ids: Vec<&str> = cx
        .plan
        .van_ban
        .iter()
        .map(|c| c.id.value.as_str())
        .collect();
    let known: HashSet<&str> = ids.iter().copied().collect();
    let listed = if ids.len() > IDS_LISTED {
        format!("{}, …", ids[..IDS_LISTED].join(", "))
    } else {
        ids.join(", ")
    };
    let mut suggested: HashMap<&str, Option<&str>> = HashMap::new();
    // Every `[@…]` starts so; looking for it is cheaper than setting up the search.
    let texts = cx
        .fields
        .iter()
        .filter(|f| f.role != Role::Code && f.holds.any(Holds::AT) && f.text.value.contains("[@"));
    for f in texts {
        for c in REF.captures_iter(&f.text.value) {
            let (Some(all), Some(id)) = (c.get(0), c.get(1)) else {
                continue;
            };
            let at = cx.at(f.text, all.start(), all.len());
            if !known.contains(id.as_str()) {
                let best = if suggested.len() < IDS_SUGGESTED {
                    *suggested
                        .entry(id.as_str())
                        .or_insert_with(|| nearest(id.as_str(), &ids))
                } else {
                    suggested.get(id.as_str()).copied().flatten()
                };
                let hint = match best {
                    Some(best) => {
                        crate::msg!("check.cite_did_you_mean", best = best, ids = &listed)
                    }
                    None if ids.is_empty() => crate::msg!("check.cite_add_entry"),
                    None => crate::msg!("check.cite_known_ids", ids = &listed),
                };
                out.push(UNKNOWN_ID.report(
                    at,
                    crate::msg!("check.cite_unknown_id", cite = all.as_str(), key = f.key),
                    hint,
                ));
            } else if let Some(form) = c.get(2).filter(|g| g.as_str() != "ngan") {
                out.push(UNKNOWN_ID.report(
                    at,
                    crate::msg!(
                        "check.cite_unknown_form",
                        cite = all.as_str(),
                        form = form.as_str()
                    ),
                    crate::msg!("check.cite_forms", id = id.as_str()),
                ));
            }
        }
    }
}

fn nearest<'a>(id: &str, ids: &[&'a str]) -> Option<&'a str> {
    ids.iter()
        .map(|k| (strsim::damerau_levenshtein(id, k), *k))
        .filter(|(d, k)| *d <= 2.max(k.chars().count() / 3))
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

fn duplicate_ids(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    let mut seen: HashMap<&str, Loc> = HashMap::new();
    for c in &cx.plan.van_ban {
        match seen.get(c.id.value.as_str()) {
            Some(first) => out.push(DUPLICATE_ID.report(
                c.id.at,
                format!(
                    "id `{}` của `van_ban` đã được dùng{}",
                    c.id.value,
                    line_of(*first)
                ),
                "đặt cho mỗi văn bản một id riêng; `[@id]` chỉ trỏ tới một văn bản",
            )),
            None => {
                seen.insert(&c.id.value, c.id.at);
            }
        }
    }
}

fn line_of(at: Loc) -> String {
    if at.is_known() {
        format!(" (dòng {})", at.line)
    } else {
        String::new()
    }
}

fn same_number(a: &str, b: &str) -> bool {
    a.trim().trim_start_matches('0') == b.trim().trim_start_matches('0')
}

fn symbols(mentions: &[&Mention], out: &mut Vec<Diagnostic>) {
    for m in mentions {
        let spaced = m.entry.is_some() && m.symbol.contains(char::is_whitespace);
        if let Some(at) = m.stray_space.or(spaced.then_some(m.symbol_at)) {
            out.push(SYMBOL_SPACE.report(
                at,
                format!("số, ký hiệu của {} có dấu cách thừa", m.short()),
                "viết số và ký hiệu liền nhau, không có dấu cách (ví dụ 92/2009/TT-BTC, 57-NQ/TW)",
            ));
        }
        let Some(kind) = m.kind else { continue };
        let s: String = m.symbol.split_whitespace().collect();
        if let Some((message, help)) = misfit(kind, &s, m) {
            out.push(SYMBOL.report(m.symbol_at, message, help));
        }
    }
}

/// What is wrong with a cited symbol, by the forms of Decree 30 Phụ lục III
/// (number/TYPE-BODY, number/year/TYPE-BODY, a law's number/year/QH15) and of Party
/// documents (57-NQ/TW, whose forms Decree 30 does not set: never refused).
fn misfit(kind: DocKind, s: &str, m: &Mention) -> Option<(String, String)> {
    if m.party {
        return None;
    }
    // "Quy chế phối hợp số 49/QCPH-…": a qualified type's symbol is its own.
    if m.qualified && !kind.is_legal() {
        return None;
    }
    let b = s.as_bytes();
    let year = b.len() > 5 && b[..4].iter().all(u8::is_ascii_digit) && b[4] == b'/';
    let rest = if year { &s[5..] } else { s };
    if kind.is_legal() && !year {
        return Some((
            format!(
                "ký hiệu của {} phải có năm ban hành; “{s}” không có",
                kind.name()
            ),
            "viết theo dạng số/năm/ký hiệu, ví dụ 30/2020/NĐ-CP".to_owned(),
        ));
    }
    let a = kind.abbreviation()?;
    let upper = rest.to_uppercase();
    let a_upper = a.to_uppercase();
    if upper.starts_with(&format!("{a_upper}-")) {
        return None;
    }
    // Laws and resolutions of the National Assembly and its Standing Committee:
    // 163/2024/QH15, 35/2023/UBTVQH15 — the body's symbol with the legislature's term.
    let legislature = |r: &str| {
        let r = r.strip_prefix("UBTV").unwrap_or(r);
        r.strip_prefix("QH")
            .is_some_and(|t| !t.is_empty() && t.bytes().all(|c| c.is_ascii_digit()))
    };
    if year && legislature(&upper) {
        return None;
    }
    let year = if year { &s[..5] } else { "" };
    let fix = format!("{}/{year}{a}-<cơ quan ban hành>", m.number);
    Some((
        format!(
            "ký hiệu của {} bắt đầu bằng “{a}-”; ở đây là “{s}”",
            kind.name()
        ),
        format!(
            "đối chiếu ký hiệu với bản gốc: ký hiệu {} có dạng {fix}",
            kind.name()
        ),
    ))
}

/// Mentions grouped by the document they cite, each group in print order.
fn clusters<'m>(mentions: &[&'m Mention]) -> Vec<Vec<&'m Mention>> {
    let roots = cluster_roots(mentions);
    let mut groups: Vec<Vec<&Mention>> = Vec::new();
    let mut index: HashMap<usize, usize> = HashMap::new();
    for (m, r) in mentions.iter().zip(roots) {
        let g = *index.entry(r).or_insert_with(|| {
            groups.push(Vec::new());
            groups.len() - 1
        });
        groups[g].push(m);
    }
    groups
}

/// For each mention, the first mention of the document it cites.
fn cluster_roots(mentions: &[&Mention]) -> Vec<usize> {
    let keys: Vec<groups::Key> = mentions.iter().map(|m| groups::Key::of(m)).collect();
    let mut links = groups::link(&keys);
    (0..mentions.len()).map(|i| links.root(i)).collect()
}

fn conflicts(cluster: &[&Mention], out: &mut Vec<Diagnostic>) {
    let Some((first, rest)) = cluster.split_first() else {
        return;
    };
    // The number most mentions agree on is taken as right (ties: the first mention's),
    // so the finding lands on the odd one out — 2235 among two 2325s — wherever it is.
    let number = |n: &str| n.trim().trim_start_matches('0').to_owned();
    let mut counts: HashMap<String, usize> = HashMap::new();
    for m in cluster {
        *counts.entry(number(&m.number)).or_default() += 1;
    }
    let agreeing = |n: &str| counts.get(&number(n)).copied().unwrap_or(0);
    let majority = cluster
        .iter()
        .copied()
        .max_by_key(|m| (agreeing(&m.number), std::cmp::Reverse(m.number_at)))
        .unwrap_or(first);
    for m in cluster {
        if !same_number(&m.number, &majority.number) {
            out.push(CONFLICT.report(
                m.number_at,
                format!(
                    "dẫn là {} ở `{}`, nhưng là {}{} — cùng một văn bản ({}{})",
                    m.short(),
                    m.key,
                    majority.short(),
                    line_of(majority.number_at),
                    majority.date.map(|d| format!("ngày {}", d.short())).unwrap_or_default(),
                    majority.issuer.as_deref().map(|i| format!(" của {i}")).unwrap_or_default(),
                ),
                format!(
                    "đối chiếu số với bản gốc đã ký ({} trong {} lần dẫn ghi {}); \
                     đưa văn bản vào `van_ban` một lần và dẫn bằng [@id]",
                    agreeing(&majority.number),
                    cluster.len(),
                    majority.number
                ),
            ));
        }
    }
    for m in rest {
        if let (Some(a), Some(b)) = (first.date, m.date) {
            if a != b {
                out.push(CONFLICT.report(
                    m.date_at,
                    format!(
                        "văn bản {} ở đây đề ngày {}, nhưng ở chỗ khác là {}{}",
                        m.short(),
                        b.short(),
                        a.short(),
                        line_of(first.date_at)
                    ),
                    "đối chiếu ngày với bản gốc đã ký và dùng một ngày ở mọi chỗ",
                ));
            }
        }
        if let (Some(a), Some(b)) = (&first.issuer, &m.issuer) {
            // A Party resolution's conference ("Hội nghị lần thứ 8 của Ban Chấp hành …")
            // is written many ways; it is read for completeness, not compared.
            let conference = |i: &str| i.starts_with("Hội nghị");
            if !conference(a) && !conference(b) && !mentions::same_issuer(a, b) {
                out.push(CONFLICT.report(
                    m.issuer_at,
                    format!(
                        "văn bản {} ở đây do “{b}” ban hành, nhưng ở chỗ khác là “{a}”{}",
                        m.short(),
                        line_of(first.issuer_at)
                    ),
                    "đối chiếu cơ quan ban hành với bản gốc đã ký và dùng một tên ở mọi chỗ",
                ));
            }
        }
    }
}

fn first_mention(cluster: &[&Mention], out: &mut Vec<Diagnostic>) {
    let Some(first) = cluster.first() else { return };
    // Laws are cited by type and name only; an entry that exists is printed in full
    // in the opening sentence, so only its own fields matter.
    if first.kind == Some(DocKind::Luat) {
        return;
    }
    let complete_date = first.date.is_some_and(|d| d.day.is_some()) || first.date_unreadable;
    let mut missing = Vec::new();
    if !complete_date {
        missing.push(if first.date.is_some() {
            "ngày ban hành đầy đủ"
        } else {
            "ngày ban hành"
        });
    }
    if first.issuer.is_none() {
        missing.push("cơ quan ban hành");
    }
    if missing.is_empty() {
        return;
    }
    let (message, help) = if first.entry.is_some() {
        (
            crate::msg!(
                "check.cite_entry_lacks",
                doc = first.short(),
                missing = missing.join(" và ")
            ),
            "thêm `ngay: YYYY-MM-DD` và `co_quan` (cơ quan ban hành) vào mục này của `van_ban`"
                .to_owned(),
        )
    } else {
        (
            format!("lần dẫn đầu tiên {} (ở `{}`) thiếu {}", first.short(), first.key, missing.join(" và ")),
            format!(
                "ghi đầy đủ lần dẫn đầu tiên: {} ngày … tháng … năm … của <cơ quan ban hành> về …; hoặc đưa văn bản vào `van_ban` và dẫn bằng [@id]",
                first.short()
            ),
        )
    };
    out.push(FIRST_MENTION.report(first.at, message, help));
}
