//! The signature block: TM. names a collective; KT. has a deputy's title under it; the
//! head's title is there for KT./Q./TL./TUQ.; titles in capitals; the name without rank
//! or honorific, in normal case.

use super::clause;
use crate::check::{Cx, RuleInfo};
use crate::diag::Diagnostic;
use crate::diag::Severity::{Error, Warning};
use crate::plan::{SignMode, Text};

pub const TM_COLLECTIVE: RuleInfo = RuleInfo {
    id: "ND30-KY-TM-COLLECTIVE",
    severity: Error,
    clause: Some(clause::AUTHORITY),
    summary: "`thay_mat` (TM.) là chức vụ của một người, không phải tên tập thể (ỦY BAN NHÂN DÂN, HỘI ĐỒNG …)",
};
pub const KT_DEPUTY: RuleInfo = RuleInfo {
    id: "ND30-KY-KT-DEPUTY",
    severity: Error,
    clause: Some(clause::AUTHORITY),
    summary: "ký KT. (`hinh_thuc: kt`) mà `chuc_vu` không phải chức vụ cấp phó (PHÓ …)",
};
pub const HEAD_MISSING: RuleInfo = RuleInfo {
    id: "ND30-KY-HEAD-MISSING",
    severity: Error,
    clause: Some(clause::AUTHORITY),
    summary: "KT./Q./TL./TUQ. thiếu chức vụ người đứng đầu (`thu_truong`), hoặc có `thu_truong` mà không có `hinh_thuc`",
};
pub const TITLE_MISSING: RuleInfo = RuleInfo {
    id: "ND30-KY-TITLE-MISSING",
    severity: Error,
    clause: Some(clause::SIGNER),
    summary: "người ký chưa có `chuc_vu` (cần, trừ khi ký Q.)",
};
pub const CASE: RuleInfo = RuleInfo {
    id: "ND30-KY-CASE",
    severity: Warning,
    clause: Some(clause::SIGNER_CASE),
    summary: "`thay_mat`, `thu_truong` hoặc `chuc_vu` không viết in hoa",
};
pub const NAME_PREFIX: RuleInfo = RuleInfo {
    id: "ND30-KY-NAME-PREFIX",
    severity: Warning,
    clause: Some(clause::SIGNER),
    summary: "`ho_ten` bắt đầu bằng danh xưng, cấp bậc hoặc học vị (Ông, Bà, TS., ThS. …)",
};
pub const NAME_CASE: RuleInfo = RuleInfo {
    id: "ND30-KY-NAME-CASE",
    severity: Warning,
    clause: Some(clause::SIGNER_CASE),
    summary: "`ho_ten` viết toàn chữ in hoa hoặc toàn chữ thường",
};

/// Words that make a `thay_mat` a collective body.
const COLLECTIVES: &[&str] = &[
    "ỦY BAN",
    "UỶ BAN",
    "UBND",
    "HỘI ĐỒNG",
    "HĐND",
    "BAN",
    "ĐOÀN",
    "THƯỜNG TRỰC",
    "TẬP THỂ",
    "CHÍNH PHỦ",
    "ĐẢNG ỦY",
    "ĐẢNG UỶ",
    "TỈNH ỦY",
    "HUYỆN ỦY",
    "THỊ ỦY",
    "THÀNH ỦY",
    "CHI BỘ",
    "TỔ",
    "HỘI",
    "LIÊN ĐOÀN",
    "MẶT TRẬN",
];
/// Titles of a person, which TM. must not be followed by.
const PERSON_TITLES: &[&str] = &[
    "CHỦ TỊCH",
    "PHÓ ",
    "GIÁM ĐỐC",
    "BỘ TRƯỞNG",
    "THỨ TRƯỞNG",
    "TRƯỞNG ",
    "BÍ THƯ",
    "CHÁNH ",
    "CỤC TRƯỞNG",
    "TỔNG CỤC TRƯỞNG",
    "VIỆN TRƯỞNG",
    "HIỆU TRƯỞNG",
    "THỦ TRƯỞNG",
];
/// Honorifics, ranks and degrees that Decree 30 keeps off the name line.
const NAME_PREFIXES: &[&str] = &[
    "ông",
    "bà",
    "anh",
    "chị",
    "đ/c",
    "đồng chí",
    "ts",
    "ths",
    "pgs",
    "gs",
    "ks",
    "bs",
    "ds",
    "cn",
    "ls",
    "nts",
    "pgs.ts",
    "gs.ts",
    "tiến sĩ",
    "thạc sĩ",
];

fn words(s: &str) -> Vec<&str> {
    s.split_whitespace().collect()
}

fn is_deputy(title: &str) -> bool {
    let t = title.trim().to_uppercase();
    t.starts_with("PHÓ") || t.contains("THỨ TRƯỞNG")
}

pub fn check(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    let ky = &cx.plan.ky;
    let blank = |t: &Option<Text>| t.as_ref().is_none_or(|t| t.trim().is_empty());
    if let Some(tm) = &ky.thay_mat {
        collective(cx, tm, out);
    }
    match ky.hinh_thuc {
        Some(mode) if blank(&ky.thu_truong) => out.push(HEAD_MISSING.report(
            ky.thu_truong.as_ref().map_or(ky.ho_ten.at, |t| t.at),
            crate::msg!("check.head_missing", mode = mode.prefix()),
            crate::msg!("check.head_missing_help", mode = mode.prefix()),
        )),
        None if !blank(&ky.thu_truong) => {
            let t = ky.thu_truong.as_ref().expect("not blank");
            out.push(HEAD_MISSING.report(
                t.at,
                crate::msg!("check.head_unused"),
                crate::msg!("check.head_unused_help"),
            ));
        }
        _ => {}
    }
    match ky.hinh_thuc {
        Some(SignMode::Kt) => deputy(cx, out),
        Some(SignMode::Q) => {}
        _ if blank(&ky.chuc_vu) => out.push(TITLE_MISSING.report(
            ky.chuc_vu.as_ref().map_or(ky.ho_ten.at, |t| t.at),
            crate::msg!("check.title_missing"),
            crate::msg!("check.title_missing_help"),
        )),
        _ => {}
    }
    for (key, t) in [
        ("thay_mat", &ky.thay_mat),
        ("thu_truong", &ky.thu_truong),
        ("chuc_vu", &ky.chuc_vu),
    ] {
        if let Some(t) = t.as_ref().filter(|t| t.chars().any(char::is_lowercase)) {
            out.push(CASE.report(
                cx.at(t, 0, t.value.len()),
                crate::msg!("check.not_capitals", key = key, value = &t.value),
                crate::msg!("check.write_as", value = t.value.to_uppercase()),
            ));
        }
    }
    name(cx, &ky.ho_ten, out);
}

fn collective(cx: &Cx<'_>, tm: &Text, out: &mut Vec<Diagnostic>) {
    let upper = tm.value.trim().to_uppercase();
    let padded = format!(" {upper} ");
    let is_collective = COLLECTIVES
        .iter()
        .any(|c| padded.contains(&format!(" {c} ")) || upper.starts_with(&format!("{c} ")));
    let title = PERSON_TITLES
        .iter()
        .find(|t| upper.starts_with(*t) || upper == t.trim());
    let at = cx.at(tm, 0, tm.value.len());
    if let Some(title) = title {
        out.push(TM_COLLECTIVE.report(
            at,
            crate::msg!("check.tm_title", value = &tm.value, title = title.trim()),
            crate::msg!("check.tm_title_help"),
        ));
    } else if !is_collective {
        out.push(TM_COLLECTIVE.report(
            at,
            crate::msg!("check.tm_not_collective", value = &tm.value),
            crate::msg!("check.tm_not_collective_help"),
        ));
    }
}

fn deputy(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    let ky = &cx.plan.ky;
    let head = ky
        .thu_truong
        .as_ref()
        .map(|t| t.value.trim().to_uppercase());
    match &ky.chuc_vu {
        None => out.push(KT_DEPUTY.report(
            ky.thu_truong.as_ref().map_or(ky.ho_ten.at, |t| t.at),
            crate::msg!("check.kt_no_title"),
            crate::msg!(
                "check.kt_no_title_help",
                head = head.as_deref().unwrap_or("CHỦ TỊCH")
            ),
        )),
        Some(t) if head.as_deref() == Some(t.value.trim().to_uppercase().as_str()) => {
            out.push(KT_DEPUTY.report(
                cx.at(t, 0, t.value.len()),
                crate::msg!("check.kt_self", title = t.value.trim()),
                crate::msg!("check.kt_self_help", title = t.value.trim()),
            ));
        }
        Some(t) if !is_deputy(t) => out.push(KT_DEPUTY.report(
            cx.at(t, 0, t.value.len()),
            crate::msg!("check.kt_not_deputy", title = &t.value),
            crate::msg!("check.kt_not_deputy_help"),
        )),
        Some(_) => {}
    }
}

fn name(cx: &Cx<'_>, t: &Text, out: &mut Vec<Diagnostic>) {
    let ws = words(t);
    let at = cx.at(t, 0, t.value.len());
    if let Some(first) = ws.first() {
        let low = first.to_lowercase();
        let bare = low.trim_end_matches(['.', ':']);
        let two = ws.get(1).map(|w| format!("{bare} {}", w.to_lowercase()));
        let hit = NAME_PREFIXES
            .iter()
            .any(|p| *p == bare || two.as_deref() == Some(*p));
        if hit {
            out.push(NAME_PREFIX.report(
                cx.at(t, t.value.find(first).unwrap_or(0), first.len()),
                crate::msg!("check.name_prefix", first = first),
                crate::msg!("check.name_prefix_help"),
            ));
        }
    }
    let letters: Vec<char> = t.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() > 1 {
        let case = if letters.iter().all(|c| c.is_uppercase()) {
            Some("check.name_all_capitals")
        } else if letters.iter().all(|c| c.is_lowercase()) {
            Some("check.name_all_lower")
        } else {
            None
        };
        if let Some(case) = case {
            let fixed: Vec<String> = ws.iter().map(|w| title_case(w)).collect();
            out.push(NAME_CASE.report(
                at,
                crate::msg!(case, value = &t.value),
                crate::msg!("check.write_as", value = fixed.join(" ")),
            ));
        }
    }
}

fn title_case(w: &str) -> String {
    let mut cs = w.chars();
    match cs.next() {
        Some(f) => f
            .to_uppercase()
            .chain(cs.flat_map(char::to_lowercase))
            .collect(),
        None => String::new(),
    }
}
