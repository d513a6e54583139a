//! The table a leader reads before signing a derived plan: which tasks were inherited
//! from the parent unchanged, which were changed (and in what), which were added and
//! which of the parent's were dropped, plus the deadlines the draft set later than the
//! parent did.
//!
//! Tasks are matched through their `nguon` (the parent's number and task position), so
//! the draft may be reordered and regrouped freely. Without the parent file only the
//! deadlines recorded in `nguon` can be compared; without the unit file a changed
//! assignee is not detected and a dropped task's reason is not known.

use std::collections::HashMap;

use crate::compose::{expand_citations, single_line, PlanView};
use crate::deadline::{self, Deadline};
use crate::plan::{Plan, Task, Text};

use super::assignees::{normalize, split_cell};
use super::tasks::{assign, position, positioned_standard};
use super::unit::Unit;
use super::{parent_reference, ParentTask};

/// What happened to a task of the draft.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Status {
    /// Same content, product and deadline as the parent's task (assignees as mapped).
    Inherited,
    /// Taken from the parent, then edited: the fields that differ.
    Changed(Vec<&'static str>),
    /// The draft's own task (no `nguon`).
    Added,
    /// `nguon` names a task the parent file does not have (or another document).
    SourceMissing,
}

impl Status {
    pub fn label(&self) -> String {
        match self {
            Status::Inherited => "kế thừa".to_owned(),
            Status::Changed(fields) => format!("sửa: {}", fields.join(", ")),
            Status::Added => "thêm".to_owned(),
            Status::SourceMissing => "không thấy nguồn".to_owned(),
        }
    }
}

/// One task of the draft.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub vi_tri: String,
    pub nguon: Option<String>,
    pub status: Status,
    pub noi_dung: String,
    pub chu_tri: Option<String>,
    pub thoi_han: Option<String>,
    pub thoi_han_cap_tren: Option<String>,
}

/// Why a parent's task is not in the draft.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DropReason {
    /// Assigned to other units or levels (known with the unit file).
    NotForUnit,
    /// For the unit, but deleted from the draft.
    Removed,
    /// Not in the draft; without the unit file, why is not known.
    Unknown,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Dropped {
    pub task: ParentTask,
    pub reason: DropReason,
}

/// A draft deadline later than the parent's (or open-ended where the parent's is not).
#[derive(Clone, Debug, PartialEq)]
pub struct LateDeadline {
    pub vi_tri: String,
    pub nguon: String,
    pub thoi_han: String,
    pub thoi_han_cap_tren: String,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Report {
    /// The parent's number and symbol, when the parent was given.
    pub van_ban: Option<String>,
    pub rows: Vec<Row>,
    pub dropped: Vec<Dropped>,
    pub late: Vec<LateDeadline>,
}

/// Compares a draft with its parent (and the unit file, when given).
pub fn compare(child: &Plan, parent: Option<&Plan>, unit: Option<&Unit>) -> Report {
    let reference = parent.map(parent_reference);
    let citations = parent.map(|p| PlanView::new(p).van_ban).unwrap_or_default();
    let areas = parent.map(|p| {
        (
            super::unit::area_of(&p.co_quan.ten_goi),
            super::unit::area_of(&child.co_quan.ten_goi),
        )
    });
    let expand = |s: &str| {
        let t = expand_citations(s, &citations);
        match &areas {
            Some((from, to)) => super::adapt_sentence(&t, from, to),
            None => t,
        }
    };
    let effective = unit.map(Unit::effective);
    let unit = effective.as_ref();
    let parent_tasks: Vec<(String, Task)> = parent.map(positioned_standard).unwrap_or_default();
    let by_position: HashMap<String, &Task> =
        parent_tasks.iter().map(|(p, t)| (p.clone(), t)).collect();
    let mut report = Report {
        van_ban: reference.clone(),
        ..Report::default()
    };
    let mut used: Vec<String> = Vec::new();
    for (a, appendix) in child.phu_luc.iter().enumerate() {
        for (g, group) in appendix.nhom.iter().enumerate() {
            for (i, task) in group.nhiem_vu.iter().enumerate() {
                let vi_tri = position(child, a, g, i);
                let mut row = Row {
                    vi_tri: vi_tri.clone(),
                    nguon: None,
                    status: Status::Added,
                    noi_dung: single_line(&task.noi_dung),
                    chu_tri: task.chu_tri.as_ref().map(|t| t.value.clone()),
                    thoi_han: task.thoi_han.as_ref().map(|t| t.value.clone()),
                    thoi_han_cap_tren: None,
                };
                let Some(source) = &task.nguon else {
                    report.rows.push(row);
                    continue;
                };
                row.nguon = Some(source.vi_tri.value.clone());
                row.thoi_han_cap_tren = source.thoi_han.as_ref().map(|t| t.value.clone());
                let from_this_parent = reference
                    .as_ref()
                    .is_none_or(|r| normalize(r) == normalize(&source.van_ban));
                let original = by_position.get(source.vi_tri.value.as_str()).copied();
                row.status = match (parent, original) {
                    (Some(_), Some(p)) if from_this_parent => {
                        used.push(source.vi_tri.value.clone());
                        row.thoi_han_cap_tren = p.thoi_han.as_ref().map(|t| t.value.clone());
                        changes(task, p, unit, &expand)
                    }
                    (Some(_), _) => Status::SourceMissing,
                    // No parent file: only the recorded deadline can be compared.
                    (None, _) if differs(&task.thoi_han, &source.thoi_han, &|s| s.to_owned()) => {
                        Status::Changed(vec!["thời hạn"])
                    }
                    (None, _) => Status::Inherited,
                };
                if let (Some(mine), Some(theirs)) = (&row.thoi_han, &row.thoi_han_cap_tren) {
                    if later(mine, theirs) {
                        report.late.push(LateDeadline {
                            vi_tri: vi_tri.clone(),
                            nguon: format!("{} {}", source.van_ban.value, source.vi_tri.value),
                            thoi_han: mine.clone(),
                            thoi_han_cap_tren: theirs.clone(),
                        });
                    }
                }
                report.rows.push(row);
            }
        }
    }
    if parent.is_some() {
        for (vi_tri, task) in &parent_tasks {
            if used.contains(vi_tri) {
                continue;
            }
            let reason = match unit {
                Some(u) if assign(task, u).is_none() => DropReason::NotForUnit,
                Some(_) => DropReason::Removed,
                None => DropReason::Unknown,
            };
            report.dropped.push(Dropped {
                task: ParentTask::of(task, vi_tri),
                reason,
            });
        }
    }
    report
}

/// The fields in which a draft task differs from its parent task.
fn changes(
    task: &Task,
    parent: &Task,
    unit: Option<&Unit>,
    expand: &dyn Fn(&str) -> String,
) -> Status {
    let mut fields = Vec::new();
    if single_line(&task.noi_dung) != expand(&parent.noi_dung) {
        fields.push("nội dung");
    }
    if differs(&task.san_pham, &parent.san_pham, expand) {
        fields.push("sản phẩm");
    }
    if differs(&task.thoi_han, &parent.thoi_han, &|s| single_line(s)) {
        fields.push("thời hạn");
    }
    if let Some(assignment) = unit.and_then(|u| assign(parent, u)) {
        if !same_names(&task.chu_tri, &assignment.lead) {
            fields.push("chủ trì");
        }
        if !same_names(&task.phoi_hop, &assignment.support) {
            fields.push("phối hợp");
        }
    }
    if fields.is_empty() {
        Status::Inherited
    } else {
        Status::Changed(fields)
    }
}

fn differs(mine: &Option<Text>, theirs: &Option<Text>, expand: &dyn Fn(&str) -> String) -> bool {
    let mine = mine.as_ref().map(|t| single_line(t)).unwrap_or_default();
    let theirs = theirs.as_ref().map(|t| expand(t)).unwrap_or_default();
    mine.trim() != theirs.trim()
}

fn same_names(cell: &Option<Text>, expected: &[String]) -> bool {
    let mut have: Vec<String> = cell
        .as_ref()
        .map(|c| split_cell(c, &|_| false))
        .unwrap_or_default()
        .iter()
        .map(|n| normalize(n))
        .collect();
    let mut want: Vec<String> = expected.iter().map(|n| normalize(n)).collect();
    have.sort();
    want.sort();
    have == want
}

/// Whether `mine` allows finishing after `theirs`: a later latest day, or open-ended
/// where the parent set a day. Deadlines without a day ("Theo hướng dẫn") compare with nothing.
pub fn later(mine: &str, theirs: &str) -> bool {
    match (deadline::parse(mine), deadline::parse(theirs)) {
        (Deadline::By(m), Deadline::By(t)) => m > t,
        (Deadline::Open, Deadline::By(_)) => true,
        _ => false,
    }
}

impl Report {
    pub fn count(&self, pred: impl Fn(&Status) -> bool) -> usize {
        self.rows.iter().filter(|r| pred(&r.status)).count()
    }

    /// The table as Markdown (readable in a terminal, pasteable into a note).
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        let dash = "—".to_owned();
        let mut lines: Vec<[String; 6]> = vec![[
            "STT".into(),
            "Nguồn".into(),
            "Tình trạng".into(),
            "Nội dung".into(),
            "Chủ trì".into(),
            "Thời hạn".into(),
        ]];
        for r in &self.rows {
            let deadline = match (&r.thoi_han, &r.thoi_han_cap_tren) {
                (Some(m), Some(t)) if m != t => format!("{m} (cấp trên: {t})"),
                (m, _) => m.clone().unwrap_or_default(),
            };
            lines.push([
                r.vi_tri.clone(),
                r.nguon.clone().unwrap_or_else(|| dash.clone()),
                r.status.label(),
                shorten(&r.noi_dung, 60),
                r.chu_tri.clone().unwrap_or_default(),
                deadline,
            ]);
        }
        for d in &self.dropped {
            let label = match d.reason {
                DropReason::NotForUnit => "không giao cho đơn vị",
                DropReason::Removed => "bỏ",
                DropReason::Unknown => "không lấy",
            };
            lines.push([
                dash.clone(),
                d.task.vi_tri.clone(),
                label.to_owned(),
                shorten(&d.task.noi_dung, 60),
                d.task.chu_tri.clone().unwrap_or_default(),
                d.task.thoi_han.clone().unwrap_or_default(),
            ]);
        }
        let widths: Vec<usize> = (0..6)
            .map(|c| {
                lines
                    .iter()
                    .map(|l| l[c].chars().count())
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        for (n, line) in lines.iter().enumerate() {
            let cells: Vec<String> = line
                .iter()
                .zip(&widths)
                .map(|(cell, w)| format!("{cell}{}", " ".repeat(w - cell.chars().count())))
                .collect();
            out.push_str(&format!("| {} |\n", cells.join(" | ")));
            if n == 0 {
                let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
                out.push_str(&format!("| {} |\n", rule.join(" | ")));
            }
        }
        let changed = self.count(|s| matches!(s, Status::Changed(_)));
        let count_dropped = |r: DropReason| self.dropped.iter().filter(|d| d.reason == r).count();
        out.push_str(&format!(
            "\n{} kế thừa, {changed} sửa, {} thêm, {} bỏ",
            self.count(|s| *s == Status::Inherited),
            self.count(|s| *s == Status::Added),
            count_dropped(DropReason::Removed) + count_dropped(DropReason::Unknown),
        ));
        let not_for_unit = count_dropped(DropReason::NotForUnit);
        if not_for_unit > 0 {
            out.push_str(&format!(", {not_for_unit} không giao cho đơn vị"));
        }
        let missing = self.count(|s| *s == Status::SourceMissing);
        if missing > 0 {
            out.push_str(&format!(", {missing} không thấy nguồn"));
        }
        out.push_str(".\n");
        if !self.late.is_empty() {
            out.push_str("\nThời hạn muộn hơn văn bản cấp trên:\n");
            for l in &self.late {
                out.push_str(&format!(
                    "- {}: {} (cấp trên, {}: {})\n",
                    l.vi_tri, l.thoi_han, l.nguon, l.thoi_han_cap_tren
                ));
            }
        }
        out
    }
}

fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_owned();
    }
    let cut: String = s.chars().take(max - 1).collect();
    format!("{}…", cut.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn later_compares_only_what_is_comparable() {
        assert!(later("Năm 2026", "Năm 2023-2025"));
        assert!(later("Trước ngày 15/7/2021", "Trước ngày 10/7/2021"));
        assert!(!later("Trước ngày 05/7/2021", "Trước ngày 10/7/2021"));
        assert!(later("Năm 2021 và các năm tiếp theo", "Năm 2021"));
        assert!(!later("Thường xuyên", "Thường xuyên"));
        assert!(!later("Năm 2030", "Theo hướng dẫn"));
    }
}
