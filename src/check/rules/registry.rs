//! The issuer against the registry of administrative units: a plan dated on or after
//! 1 July 2025 and issued by a local government ("UBND xã …", "UBND tỉnh …") should be
//! issued by a unit that exists since the reform. A name that is not in the registry is
//! a typo, or a unit merged away (the old → new table tells into which).

use super::dates::{days, plan_date};
use crate::check::{Cx, RuleInfo};
use crate::diag::Diagnostic;
use crate::diag::Severity::Warning;
use crate::registry::{self, registry, AdminUnit, Found};

pub const NOT_IN_REGISTRY: RuleInfo = RuleInfo {
    id: "KH-ISSUER-NOT-IN-REGISTRY",
    severity: Warning,
    clause: None,
    summary: "kế hoạch có ngày từ 01/7/2025 do một xã hoặc tỉnh không có trong danh mục đơn vị hành chính sau sắp xếp ban hành",
};

pub fn check(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    let Some((_, last)) = plan_date(cx, None).and_then(days) else {
        return;
    };
    let (y, m, d) = registry::EFFECTIVE;
    if chrono::NaiveDate::from_ymd_opt(y, m, d).is_none_or(|effective| last < effective) {
        return;
    }
    let ten_goi = &cx.plan.co_quan.ten_goi;
    // Only a people's committee named with a registry level ("UBND xã …"); district
    // levels are another rule's, other bodies (Sở …, Ban …) are not in the registry.
    let lower = ten_goi.value.to_lowercase();
    let is_committee = ["ubnd ", "ủy ban nhân dân ", "uỷ ban nhân dân "]
        .iter()
        .any(|p| lower.starts_with(p));
    if !is_committee || registry::split_level(ten_goi).0.is_none() {
        return;
    }
    let Found::None { nearest, old } = registry().find(ten_goi) else {
        return;
    };
    let mut help = Vec::new();
    for (o, new) in &old {
        let new: Vec<String> = new.iter().map(AdminUnit::describe).collect();
        help.push(crate::msg!(
            "check.registry_merged",
            old = &o.ten,
            district = &o.huyen,
            province = &o.tinh,
            new = new.join("; ")
        ));
    }
    if !nearest.is_empty() {
        let names: Vec<String> = nearest.iter().take(3).map(|u| u.sentence_name()).collect();
        help.push(crate::msg!(
            "check.registry_nearest",
            names = names.join(", ")
        ));
    }
    help.push(crate::msg!("check.registry_help"));
    out.push(NOT_IN_REGISTRY.report(
        cx.at(ten_goi, 0, ten_goi.value.len()),
        crate::msg!("check.registry_unknown", name = &ten_goi.value),
        help.join("; "),
    ));
}
