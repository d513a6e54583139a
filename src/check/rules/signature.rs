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
    summary: "`thay_mat` (TM.) is a person's title, not a collective (ỦY BAN NHÂN DÂN, HỘI ĐỒNG …)",
};
pub const KT_DEPUTY: RuleInfo = RuleInfo {
    id: "ND30-KY-KT-DEPUTY",
    severity: Error,
    clause: Some(clause::AUTHORITY),
    summary: "KT. (`hinh_thuc: kt`) without a deputy's title (PHÓ …) in `chuc_vu`",
};
pub const HEAD_MISSING: RuleInfo = RuleInfo {
    id: "ND30-KY-HEAD-MISSING",
    severity: Error,
    clause: Some(clause::AUTHORITY),
    summary: "KT./Q./TL./TUQ. without the head's title (`thu_truong`), or `thu_truong` without `hinh_thuc`",
};
pub const TITLE_MISSING: RuleInfo = RuleInfo {
    id: "ND30-KY-TITLE-MISSING",
    severity: Error,
    clause: Some(clause::SIGNER),
    summary: "no `chuc_vu` for the signer (needed except when signing Q.)",
};
pub const CASE: RuleInfo = RuleInfo {
    id: "ND30-KY-CASE",
    severity: Warning,
    clause: Some(clause::SIGNER_CASE),
    summary: "`thay_mat`, `thu_truong` or `chuc_vu` not in capitals",
};
pub const NAME_PREFIX: RuleInfo = RuleInfo {
    id: "ND30-KY-NAME-PREFIX",
    severity: Warning,
    clause: Some(clause::SIGNER),
    summary: "`ho_ten` starts with an honorific, rank or degree (Ông, Bà, TS., ThS. …)",
};
pub const NAME_CASE: RuleInfo = RuleInfo {
    id: "ND30-KY-NAME-CASE",
    severity: Warning,
    clause: Some(clause::SIGNER_CASE),
    summary: "`ho_ten` all in capitals or all in lower case",
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
            format!(
                "signing {} needs the head's title after it (`thu_truong`)",
                mode.prefix()
            ),
            format!(
                "add `thu_truong: CHỦ TỊCH` (the title printed after “{}”)",
                mode.prefix()
            ),
        )),
        None if !blank(&ky.thu_truong) => {
            let t = ky.thu_truong.as_ref().expect("not blank");
            out.push(HEAD_MISSING.report(
                t.at,
                "`thu_truong` is set but `hinh_thuc` is not, so it would not be printed",
                "add `hinh_thuc: kt` (or q, tl, tuq), or remove `thu_truong`",
            ));
        }
        _ => {}
    }
    match ky.hinh_thuc {
        Some(SignMode::Kt) => deputy(cx, out),
        Some(SignMode::Q) => {}
        _ if blank(&ky.chuc_vu) => out.push(TITLE_MISSING.report(
            ky.chuc_vu.as_ref().map_or(ky.ho_ten.at, |t| t.at),
            "the signer has no title (`chuc_vu`)",
            "add `chuc_vu`, e.g. CHỦ TỊCH",
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
                format!("`{key}` “{}” is not in capitals", t.value),
                format!("write `{}`", t.value.to_uppercase()),
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
            format!("“TM. {}”: TM. is followed by a collective, and “{}” is a person's title", tm.value, title.trim()),
            "write the collective (`thay_mat: ỦY BAN NHÂN DÂN`) and put the title in `chuc_vu`; or use `hinh_thuc: kt` with `thu_truong`",
        ));
    } else if !is_collective {
        out.push(TM_COLLECTIVE.report(
            at,
            format!("“TM. {}” does not name a collective body", tm.value),
            "TM. is for signing on behalf of a collective (ỦY BAN NHÂN DÂN, HỘI ĐỒNG …); otherwise remove `thay_mat`",
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
            "the signature KT. (ký thay) has no deputy's title under it (`chuc_vu`)",
            format!(
                "add the signer's own title, e.g. `chuc_vu: PHÓ {}`",
                head.as_deref().unwrap_or("CHỦ TỊCH")
            ),
        )),
        Some(t) if head.as_deref() == Some(t.value.trim().to_uppercase().as_str()) => {
            out.push(KT_DEPUTY.report(
                cx.at(t, 0, t.value.len()),
                format!(
                    "“KT. {0} / {0}”: the head does not sign for himself",
                    t.value.trim()
                ),
                format!(
                    "write the deputy's title (`PHÓ {}`), or remove `hinh_thuc` if the head signs",
                    t.value.trim()
                ),
            ));
        }
        Some(t) if !is_deputy(t) => out.push(KT_DEPUTY.report(
            cx.at(t, 0, t.value.len()),
            format!(
                "under KT. the signer's title is a deputy's; “{}” is not",
                t.value
            ),
            "write the deputy title, e.g. PHÓ CHỦ TỊCH, PHÓ GIÁM ĐỐC, THỨ TRƯỞNG",
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
                format!("`ho_ten` starts with “{first}”"),
                "write only the name (Trần Văn Chính): Decree 30 puts no rank, degree or honorific before it",
            ));
        }
    }
    let letters: Vec<char> = t.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() > 1 {
        let case = if letters.iter().all(|c| c.is_uppercase()) {
            Some("capitals")
        } else if letters.iter().all(|c| c.is_lowercase()) {
            Some("lower case")
        } else {
            None
        };
        if let Some(case) = case {
            let fixed: Vec<String> = ws.iter().map(|w| title_case(w)).collect();
            out.push(NAME_CASE.report(
                at,
                format!("`ho_ten` “{}” is all in {case}", t.value),
                format!("write `{}`", fixed.join(" ")),
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
