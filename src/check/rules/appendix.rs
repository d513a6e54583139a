//! The appendix against the rest of the plan: deadlines within the plan's period
//! (`thoi_gian`), leads taken from the plan's list of units (`don_vi`).

use chrono::Datelike;

use super::dates::period_years;
use crate::check::{Cx, RuleInfo};
use crate::diag::Diagnostic;
use crate::diag::Severity::Warning;

pub const OUTSIDE_PERIOD: RuleInfo = RuleInfo {
    id: "KH-DEADLINE-OUTSIDE-PERIOD",
    severity: Warning,
    clause: None,
    summary: "thời hạn của nhiệm vụ nằm ngoài thời gian của kế hoạch (`thoi_gian`)",
};
pub const UNKNOWN_UNIT: RuleInfo = RuleInfo {
    id: "KH-LEAD-UNKNOWN-UNIT",
    severity: Warning,
    clause: None,
    summary: "đơn vị chủ trì (`chu_tri`) không có trong danh sách đơn vị của kế hoạch (`don_vi`)",
};

pub fn check(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    if let Some((tu, den)) = period_years(cx) {
        for (t, span) in cx.deadlines() {
            let Some(span) = span else { continue };
            let early = span.from.year() < tu;
            let late = span.to.is_some_and(|to| to.year() > den);
            if early || late {
                out.push(OUTSIDE_PERIOD.report(
                    cx.at(t, 0, t.value.len()),
                    crate::msg!(
                        "check.outside_period",
                        deadline = &t.value,
                        from = tu,
                        to = den
                    ),
                    crate::msg!("check.outside_period_help"),
                ));
            }
        }
    }
    units(cx, out);
}

/// A unit's name reduced for comparison: lower case, "VP - TK" = "VP-TK", one space.
fn normalize(s: &str) -> String {
    let s = s.to_lowercase().replace(['–', '—'], "-");
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    s.replace(" -", "-").replace("- ", "-")
}

fn units(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    if cx.plan.don_vi.is_empty() {
        return;
    }
    let known: Vec<String> = cx.plan.don_vi.iter().map(|u| normalize(u)).collect();
    for (_, _, task) in cx.plan.tasks() {
        let Some(lead) = &task.chu_tri else { continue };
        // A unit whose own name has a comma ("Phòng Kinh tế, Hạ tầng và Đô thị") is taken
        // whole before the lead is split at its commas.
        let mut masked = lead.value.clone();
        for unit in cx.plan.don_vi.iter().filter(|u| u.contains([',', ';'])) {
            let name = unit.trim();
            while let Some(at) = masked.find(name) {
                masked.replace_range(at..at + name.len(), &" ".repeat(name.len()));
            }
        }
        let mut start = 0;
        for part in masked.split([',', ';']) {
            let offset = start + (part.len() - part.trim_start().len());
            start += part.len() + 1;
            let name = part.trim();
            if name.is_empty() || known.contains(&normalize(name)) {
                continue;
            }
            let nearest = cx
                .plan
                .don_vi
                .iter()
                .map(|u| {
                    (
                        strsim::normalized_levenshtein(&normalize(u), &normalize(name)),
                        u,
                    )
                })
                .filter(|(score, _)| *score > 0.6)
                .max_by(|a, b| a.0.total_cmp(&b.0))
                .map(|(_, u)| u.value.clone());
            let help = match nearest {
                Some(u) => crate::msg!("check.lead_nearest", unit = u, name = name),
                None => crate::msg!("check.lead_add", name = name),
            };
            out.push(UNKNOWN_UNIT.report(
                cx.at(lead, offset, name.len()),
                crate::msg!("check.lead_unknown", name = name),
                help,
            ));
        }
    }
}
