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
    summary: "không có nơi nhận (`noi_nhan`), hoặc có dòng nơi nhận để trống",
};
pub const LUU_VT: RuleInfo = RuleInfo {
    id: "ND30-LUU-VT",
    severity: Error,
    clause: Some(clause::RECIPIENTS),
    summary: "dòng Lưu (`luu.noi_luu`) để trống hoặc không bắt đầu bằng VT",
};
pub const LUU_DUPLICATE: RuleInfo = RuleInfo {
    id: "ND30-LUU-DUPLICATE",
    severity: Error,
    clause: Some(clause::RECIPIENTS),
    summary: "một dòng `noi_nhan` là dòng Lưu; phần mềm đã in dòng Lưu từ `luu`, nên sẽ in hai lần",
};

pub fn check(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    let plan = cx.plan;
    if plan.noi_nhan.is_empty() {
        out.push(EMPTY.report(
            Loc::UNKNOWN,
            crate::msg!("check.no_recipients"),
            crate::msg!("check.no_recipients_help"),
        ));
    }
    for t in &plan.noi_nhan {
        let v = t
            .value
            .trim_start_matches(|c: char| c.is_whitespace() || "-–—•".contains(c));
        if v.trim().is_empty() {
            out.push(EMPTY.report(
                t.at,
                crate::msg!("check.recipient_empty"),
                crate::msg!("check.recipient_empty_help"),
            ));
        } else if v.starts_with("Lưu") || v.starts_with("lưu") {
            out.push(LUU_DUPLICATE.report(
                t.at,
                crate::msg!("check.recipient_luu", value = &t.value),
                crate::msg!("check.recipient_luu_help"),
            ));
        }
    }
    let places = &plan.luu.noi_luu;
    match places.first() {
        None => out.push(LUU_VT.report(
            Loc::UNKNOWN,
            crate::msg!("check.luu_empty"),
            crate::msg!("check.luu_empty_help"),
        )),
        Some(first) if first.value.trim() != "VT" => {
            let has_vt = places.iter().any(|p| p.value.trim() == "VT");
            out.push(LUU_VT.report(
                first.at,
                crate::msg!("check.luu_not_vt", first = &first.value),
                if has_vt {
                    crate::msg!("check.luu_move_vt")
                } else {
                    crate::msg!("check.luu_add_vt")
                },
            ));
        }
        Some(_) => {}
    }
}
