//! Structure: the body refers to every appendix; no empty group or section; each task
//! has content, a lead and a deadline (when its table has those columns).

use std::sync::LazyLock;

use regex::Regex;

use super::clause;
use crate::check::fields::{block_text, blocks};
use crate::check::{Cx, RuleInfo};
use crate::diag::Diagnostic;
use crate::diag::Severity::{Error, Warning};
use crate::numbering::roman;
use crate::plan::{Block, ColumnKey, Loc};

pub const APPENDIX_UNREFERENCED: RuleInfo = RuleInfo {
    id: "ND30-PHU-LUC-UNREFERENCED",
    severity: Error,
    clause: Some(clause::APPENDIX),
    summary:
        "phụ lục không được nhắc tới trong phần nội dung (“Phụ lục”, hoặc “Phụ lục II” khi có nhiều phụ lục)",
};
pub const GROUP_EMPTY: RuleInfo = RuleInfo {
    id: "KH-GROUP-EMPTY",
    severity: Error,
    clause: None,
    summary: "phụ lục không có nhóm, hoặc nhóm (`nhom`) không có nhiệm vụ",
};
pub const SECTION_EMPTY: RuleInfo = RuleInfo {
    id: "KH-SECTION-EMPTY",
    severity: Warning,
    clause: None,
    summary: "đề mục (`muc`) không có nội dung",
};
pub const TASK_NO_CONTENT: RuleInfo = RuleInfo {
    id: "KH-TASK-NO-CONTENT",
    severity: Error,
    clause: None,
    summary: "nhiệm vụ có `noi_dung` để trống",
};
pub const TASK_NO_LEAD: RuleInfo = RuleInfo {
    id: "KH-TASK-NO-LEAD",
    severity: Error,
    clause: None,
    summary: "nhiệm vụ thiếu `chu_tri` trong bảng có cột chủ trì",
};
pub const TASK_NO_DEADLINE: RuleInfo = RuleInfo {
    id: "KH-TASK-NO-DEADLINE",
    severity: Error,
    clause: None,
    summary: "nhiệm vụ thiếu `thoi_han` trong bảng có cột thời hạn",
};
pub const UNPLACED: RuleInfo = RuleInfo {
    id: "KH-IMPORT-UNPLACED",
    severity: Warning,
    clause: None,
    summary: "đoạn văn `kehoach import` chưa xếp được (`chua_xep`): không được in",
};

/// "Phụ lục", then Roman or Arabic numbers joined by commas, "và", dashes or "đến".
static APPENDIX_REF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i:phụ\s+lục)((?:\s*(?:,|(?i:và)|-|–|(?i:đến))?\s*(?-u:\b)(?:[IVXLC]+|\d{1,2})(?-u:\b))*)")
        .expect("valid regex")
});
static NUMERAL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?-u:\b)(?:[IVXLC]+|\d{1,2})(?-u:\b)").expect("valid regex"));

pub fn check(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    appendix_references(cx, out);
    for t in &cx.plan.chua_xep {
        out.push(UNPLACED.report(
            t.at,
            crate::msg!("check.unplaced", text = short(t)),
            crate::msg!("check.unplaced_help"),
        ));
    }
    empty_sections(&cx.plan.noi_dung, out);
    for app in &cx.plan.phu_luc {
        if app.nhom.is_empty() {
            out.push(GROUP_EMPTY.report(
                app.ten.at,
                crate::msg!("check.appendix_no_groups", name = &app.ten.value),
                crate::msg!("check.appendix_no_groups_help"),
            ));
        }
        let columns = app.columns();
        for group in &app.nhom {
            if group.nhiem_vu.is_empty() {
                out.push(GROUP_EMPTY.report(
                    group.ten.at,
                    crate::msg!("check.group_no_tasks", name = &group.ten.value),
                    crate::msg!("check.group_no_tasks_help"),
                ));
            }
            for task in &group.nhiem_vu {
                // A task written without `noi_dung` is pointed at by its printed number.
                let at = [Some(&task.noi_dung), task.tt.as_ref()]
                    .into_iter()
                    .flatten()
                    .map(|t| t.at)
                    .find(Loc::is_known)
                    .unwrap_or(task.noi_dung.at);
                // Named only in a finding: building the name for every task was a tenth of `check`.
                let name = || match &task.tt {
                    Some(tt) if task.noi_dung.trim().is_empty() => short(tt),
                    _ => short(&task.noi_dung),
                };
                for (key, _) in task.required_cells(&columns) {
                    let cell = task.cell(key.key());
                    if cell.is_some_and(|t| !t.trim().is_empty()) {
                        continue;
                    }
                    let (rule, message, help) = match key {
                        ColumnKey::Content => (
                            &TASK_NO_CONTENT,
                            crate::msg!("check.task_no_content", group = &group.ten.value),
                            crate::msg!("check.task_no_content_help"),
                        ),
                        ColumnKey::Lead => (
                            &TASK_NO_LEAD,
                            crate::msg!("check.task_no_lead", task = name()),
                            crate::msg!("check.task_no_lead_help"),
                        ),
                        _ => (
                            &TASK_NO_DEADLINE,
                            crate::msg!("check.task_no_deadline", task = name()),
                            crate::msg!("check.task_no_deadline_help"),
                        ),
                    };
                    let at = match key {
                        ColumnKey::Content => at,
                        _ => cell.map_or(at, |t| t.at),
                    };
                    out.push(rule.report(at, message, help));
                }
            }
        }
    }
}

/// The first words of a task, to name it in a message.
fn short(s: &str) -> String {
    let words: Vec<&str> = s.split_whitespace().take(8).collect();
    let more = s.split_whitespace().count() > 8;
    format!("{}{}", words.join(" "), if more { " …" } else { "" })
}

fn appendix_references(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    let n = cx.plan.phu_luc.len();
    if n == 0 {
        return;
    }
    let mut body = Vec::new();
    blocks(&cx.plan.noi_dung, &mut body);
    let texts = cx
        .plan
        .mo_dau
        .iter()
        .chain(body.into_iter().map(|(_, t)| t))
        .chain(cx.plan.ket_thuc.iter());
    let mut any = false;
    let mut named = vec![false; n];
    for t in texts {
        for c in APPENDIX_REF.captures_iter(&t.value) {
            any = true;
            let Some(list) = c.get(1) else { continue };
            for num in NUMERAL.find_iter(list.as_str()) {
                let idx = num
                    .as_str()
                    .parse::<usize>()
                    .ok()
                    .or_else(|| (1..=n).find(|i| roman(*i) == num.as_str()));
                if let Some(i) = idx.filter(|i| (1..=n).contains(i)) {
                    named[i - 1] = true;
                }
            }
        }
    }
    for (i, app) in cx.plan.phu_luc.iter().enumerate() {
        let ok = if n == 1 { any } else { named[i] };
        if !ok {
            let name = if n == 1 {
                "Phụ lục".to_owned()
            } else {
                format!("Phụ lục {}", roman(i + 1))
            };
            let at = if app.ten.at.is_known() {
                app.ten.at
            } else {
                Loc::UNKNOWN
            };
            out.push(APPENDIX_UNREFERENCED.report(
                at,
                crate::msg!(
                    "check.appendix_unreferenced",
                    name = &name,
                    title = short(&app.ten)
                ),
                crate::msg!("check.appendix_unreferenced_help", name = &name),
            ));
        }
    }
}

fn empty_sections(list: &[Block], out: &mut Vec<Diagnostic>) {
    for b in list {
        if let Some(("muc", t)) = block_text(b) {
            // A run-in text ("(chi tiết tại Phụ lục)") is content of the section's own.
            let run_in = b.fields().is_some_and(|f| f.tiep.is_some());
            if b.children().is_empty() && !run_in {
                out.push(SECTION_EMPTY.report(
                    t.at,
                    crate::msg!("check.section_empty", name = &t.value),
                    crate::msg!("check.section_empty_help"),
                ));
            }
        }
        empty_sections(b.children(), out);
    }
}
