//! Recipients: there are some; the list ends with exactly one Lưu line, which the
//! renderer builds from `luu` and which starts with VT (văn thư).

use super::clause;
use crate::check::{Cx, RuleInfo};
use crate::diag::Diagnostic;
use crate::diag::Severity::Error;
use crate::plan::Loc;

pub const EMPTY: RuleInfo = RuleInfo {
    id: "ND30-NOI-NHAN-EMPTY",
    severity: Error,
    clause: Some(clause::RECIPIENTS),
    summary: "no recipients (`noi_nhan`), or an empty entry",
};
pub const LUU_VT: RuleInfo = RuleInfo {
    id: "ND30-LUU-VT",
    severity: Error,
    clause: Some(clause::RECIPIENTS),
    summary: "the Lưu line (`luu.noi_luu`) is empty or does not start with VT",
};
pub const LUU_DUPLICATE: RuleInfo = RuleInfo {
    id: "ND30-LUU-DUPLICATE",
    severity: Error,
    clause: Some(clause::RECIPIENTS),
    summary: "a `noi_nhan` entry is a Lưu line; the renderer adds one from `luu`, so it would print twice",
};

pub fn check(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    let plan = cx.plan;
    if plan.noi_nhan.is_empty() {
        out.push(EMPTY.report(
            Loc::UNKNOWN,
            "the plan has no recipients (`noi_nhan`)",
            "list who receives the plan under `noi_nhan`, one body or group per entry",
        ));
    }
    for t in &plan.noi_nhan {
        let v = t
            .value
            .trim_start_matches(|c: char| c.is_whitespace() || "-–—•".contains(c));
        if v.trim().is_empty() {
            out.push(EMPTY.report(t.at, "an empty `noi_nhan` entry", "delete the empty entry"));
        } else if v.starts_with("Lưu") || v.starts_with("lưu") {
            out.push(LUU_DUPLICATE.report(
                t.at,
                format!("`noi_nhan` entry “{}” is a Lưu line", t.value),
                "delete it and put the places in `luu.noi_luu` (e.g. [VT, HT]); the renderer prints “- Lưu: VT, HT.” last",
            ));
        }
    }
    let places = &plan.luu.noi_luu;
    match places.first() {
        None => out.push(LUU_VT.report(
            Loc::UNKNOWN,
            "`luu.noi_luu` is empty, so the plan has no Lưu line",
            "write `luu: {noi_luu: [VT, <đơn vị soạn thảo>]}`",
        )),
        Some(first) if first.value.trim() != "VT" => {
            let has_vt = places.iter().any(|p| p.value.trim() == "VT");
            out.push(LUU_VT.report(
                first.at,
                format!("the Lưu line starts with “{}”, not VT", first.value),
                if has_vt {
                    "move VT to the front: `noi_luu: [VT, …]`"
                } else {
                    "put VT (văn thư) first: `noi_luu: [VT, …]`"
                },
            ));
        }
        Some(_) => {}
    }
}
