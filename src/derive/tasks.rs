//! The appendix of a derived plan: which of the parent's tasks concern the unit, and who
//! does them at the unit.
//!
//! A task concerns the unit when one of its lead or support names is a name of the
//! unit's level (`cap_tren_goi`) or the unit's own name. Every name of such a task is
//! then translated through `anh_xa`:
//!
//! - when a level name leads, the unit leads: the task's lead is what the level names
//!   map to, and the counterparts of the parent's other leads (who lead the parent's own
//!   share) join the support;
//! - otherwise lead names → the task's lead, support names → its support;
//! - the support never repeats the lead;
//! - a level name without its own `anh_xa` entry goes to `dau_moi`;
//! - when no lead name has a counterpart (the town's office leads, the ward supports),
//!   the unit's part is promoted to lead: first what the level names map to, then any
//!   other support; a task still without a lead is listed (`Derived::unassigned`),
//!   not put in the appendix, since a row without a lead is not a task;
//! - a name mapped to `[]` has no counterpart on purpose and is skipped quietly; names
//!   neither mapped nor level names are reported (`Derived::unmapped`), never guessed.

use crate::numbering::roman;
use crate::plan::{Appendix, Column, ColumnKey, Group, Plan, Task, TaskSource, Text};

use super::assignees::{normalize, push_unique, split_cell};
use super::unit::Unit;
use super::{ParentTask, Role, UnmappedName};

/// The unit's share of one parent task.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Assignment {
    pub lead: Vec<String>,
    pub support: Vec<String>,
    /// Names without a mapping, with the column they were in.
    pub unmapped: Vec<(String, Role)>,
}

/// A task's position in its plan, as the report and `nguon.vi_tri` write it: "II.3"
/// (group II, task 3), prefixed by the appendix ("2:II.3") when there are several.
pub fn position(plan: &Plan, appendix: usize, group: usize, task: usize) -> String {
    let local = format!("{}.{}", roman(group + 1), task + 1);
    if plan.phu_luc.len() > 1 {
        format!("{}:{local}", appendix + 1)
    } else {
        local
    }
}

/// Every task of a plan with its position.
pub fn positioned(plan: &Plan) -> Vec<(String, &Task)> {
    let mut out = Vec::new();
    for (a, appendix) in plan.phu_luc.iter().enumerate() {
        for (g, group) in appendix.nhom.iter().enumerate() {
            for (i, task) in group.nhiem_vu.iter().enumerate() {
                out.push((position(plan, a, g, i), task));
            }
        }
    }
    out
}

/// Every task of a plan with its position, its lead, support and deadline read from the
/// appendix's columns as [`roles`] finds them (custom columns moved into `chu_tri`,
/// `phoi_hop`, `thoi_han`), so tasks of any column set compare as derive took them.
pub(crate) fn positioned_standard(plan: &Plan) -> Vec<(String, Task)> {
    let mut out = Vec::new();
    for (a, appendix) in plan.phu_luc.iter().enumerate() {
        let roles = roles(appendix);
        let join = |cells: Vec<String>| (!cells.is_empty()).then(|| Text::new(cells.join("; ")));
        for (g, group) in appendix.nhom.iter().enumerate() {
            for (i, task) in group.nhiem_vu.iter().enumerate() {
                let mut t = task.clone();
                t.chu_tri = join(cells(task, &roles.lead));
                t.phoi_hop = join(cells(task, &roles.support));
                t.thoi_han = cells(task, &roles.deadline)
                    .into_iter()
                    .next()
                    .map(Text::new);
                out.push((position(plan, a, g, i), t));
            }
        }
    }
    out
}

/// The unit's assignment for a task, or `None` when the task is not for the unit.
pub(crate) fn assign(task: &Task, unit: &Unit) -> Option<Assignment> {
    let text = |t: &Option<Text>| t.iter().map(|t| t.value.clone()).collect::<Vec<_>>();
    assign_cells(&text(&task.chu_tri), &text(&task.phoi_hop), unit)
}

/// Which columns of an appendix hold leads, supports and deadlines: the standard keys,
/// and extra columns by their header's wording ("Cơ quan thực hiện", "Đơn vị phối hợp",
/// "Thời gian thực hiện"), so a parent that keeps its assignees in custom columns is
/// read the same way.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Roles {
    pub lead: Vec<String>,
    pub support: Vec<String>,
    pub deadline: Vec<String>,
}

pub(crate) fn roles(appendix: &Appendix) -> Roles {
    let mut out = Roles {
        lead: vec!["chu_tri".to_owned()],
        support: vec!["phoi_hop".to_owned()],
        deadline: vec!["thoi_han".to_owned()],
    };
    for column in appendix.columns() {
        let key = column.khoa.value.clone();
        if ColumnKey::from_key(&key).is_some() {
            continue;
        }
        let title = normalize(&column.title());
        let has = |words: &[&str]| words.iter().any(|w| title.contains(w));
        if has(&["thời gian", "thời hạn", "tiến độ"]) {
            out.deadline.push(key);
        } else if has(&["phối hợp"]) {
            out.support.push(key);
        } else if has(&["chủ trì", "thực hiện", "phụ trách", "cơ quan", "đơn vị"])
            && !has(&["nội dung", "sản phẩm", "kết quả", "ghi chú", "kinh phí"])
        {
            out.lead.push(key);
        }
    }
    out
}

fn cells(task: &Task, keys: &[String]) -> Vec<String> {
    keys.iter()
        .filter_map(|k| task.cell(k))
        .map(|t| t.value.clone())
        .filter(|t| !t.trim().is_empty())
        .collect()
}

/// The unit's assignment from the lead and support cells of a task (several cells when
/// the parent has several lead or support columns).
pub(crate) fn assign_cells(
    lead_cells: &[String],
    support_cells: &[String],
    unit: &Unit,
) -> Option<Assignment> {
    let is_level = |name: &str| unit.is_level_name(name);
    let known = |name: &str| is_level(name) || unit.mapping(name).is_some();
    let cell = |cells: &[String]| {
        cells
            .iter()
            .flat_map(|t| split_cell(t, &known))
            .collect::<Vec<_>>()
    };
    let (leads, supports) = (cell(lead_cells), cell(support_cells));
    if !leads.iter().chain(&supports).any(|n| is_level(n)) {
        return None;
    }
    let focal: Vec<String> = unit.focal().map(|u| u.ten.clone()).into_iter().collect();
    let mut out = Assignment::default();
    // The own units for some parent names; `levels_only` keeps just the level names.
    let mut translate = |names: &[String], role: Role, levels_only: bool| {
        let mut targets = Vec::new();
        for name in names.iter().filter(|n| !levels_only || is_level(n)) {
            let mapped: Vec<String> = match unit.mapping(name) {
                Some(t) => t.names().to_vec(),
                None if is_level(name) => focal.clone(),
                None => {
                    out.unmapped.push((name.clone(), role));
                    Vec::new()
                }
            };
            push_unique(&mut targets, mapped);
        }
        targets
    };
    let (mut lead, mut support);
    if leads.iter().any(|n| is_level(n)) {
        // The unit leads its own share; the counterparts of the parent's co-leads
        // (who lead the parent's share) support it.
        lead = translate(&leads, Role::Lead, true);
        let others: Vec<String> = leads.iter().filter(|n| !is_level(n)).cloned().collect();
        support = translate(&others, Role::Lead, false);
        push_unique(&mut support, translate(&supports, Role::Support, false));
    } else {
        lead = translate(&leads, Role::Lead, false);
        support = translate(&supports, Role::Support, false);
    }
    if lead.is_empty() {
        // No lead has a counterpart: the unit's part is promoted, its level's first.
        let from_levels = translate(&supports, Role::Support, true);
        lead = if from_levels.is_empty() {
            support.clone()
        } else {
            from_levels
        };
    }
    support.retain(|s| !lead.iter().any(|l| normalize(l) == normalize(s)));
    out.lead = lead;
    out.support = support;
    Some(out)
}

/// What deriving the appendices produced besides them.
#[derive(Default)]
pub struct Outcome {
    pub appendices: Vec<Appendix>,
    pub unmapped: Vec<UnmappedName>,
    pub unassigned: Vec<ParentTask>,
    pub not_concerned: Vec<ParentTask>,
}

/// The parent's appendices cut down to the unit's tasks, groups kept in order (a group
/// left without tasks is left out: an empty row band says nothing).
pub(crate) fn derive_appendices(
    parent: &Plan,
    unit: &Unit,
    source: &str,
    expand: &dyn Fn(&str) -> String,
    adapt_title: &dyn Fn(&str) -> String,
) -> Outcome {
    let mut out = Outcome::default();
    for (a, appendix) in parent.phu_luc.iter().enumerate() {
        let roles = roles(appendix);
        let columns = if unit.cot.is_empty() {
            standard_columns(appendix, &roles)
        } else {
            unit.cot.clone()
        };
        let extra_keys: Vec<String> = columns.iter().map(|c| c.khoa.value.clone()).collect();
        let moved: Vec<&String> = roles
            .lead
            .iter()
            .chain(&roles.support)
            .chain(&roles.deadline)
            .collect();
        let mut groups = Vec::new();
        for (g, group) in appendix.nhom.iter().enumerate() {
            let mut tasks = Vec::new();
            for (t, task) in group.nhiem_vu.iter().enumerate() {
                let vi_tri = position(parent, a, g, t);
                let summary = ParentTask::of(task, &vi_tri);
                let (lead_cells, support_cells) =
                    (cells(task, &roles.lead), cells(task, &roles.support));
                let deadline = cells(task, &roles.deadline).into_iter().next();
                let Some(assignment) = assign_cells(&lead_cells, &support_cells, unit) else {
                    out.not_concerned.push(summary);
                    continue;
                };
                for (name, role) in &assignment.unmapped {
                    record_unmapped(&mut out.unmapped, name, *role, &vi_tri);
                }
                if assignment.lead.is_empty() {
                    out.unassigned.push(summary);
                    continue;
                }
                let join =
                    |names: &[String]| (!names.is_empty()).then(|| Text::new(names.join("; ")));
                tasks.push(Task {
                    noi_dung: Text::new(expand(&task.noi_dung)),
                    chu_tri: join(&assignment.lead),
                    phoi_hop: join(&assignment.support),
                    san_pham: task.san_pham.as_ref().map(|s| Text::new(expand(s))),
                    thoi_han: deadline.clone().map(Text::new),
                    them: task
                        .them
                        .iter()
                        .filter(|(k, _)| !moved.contains(k))
                        .filter(|(k, _)| extra_keys.is_empty() || extra_keys.contains(k))
                        .map(|(k, v)| (k.clone(), Text::new(expand(v))))
                        .collect(),
                    nguon: Some(TaskSource {
                        van_ban: Text::new(source),
                        vi_tri: Text::new(vi_tri),
                        thoi_han: deadline.map(Text::new),
                        chu_tri: (!lead_cells.is_empty()).then(|| Text::new(lead_cells.join("; "))),
                        noi_dung: None,
                    }),
                    ..Default::default()
                });
            }
            if !tasks.is_empty() {
                groups.push(Group {
                    ten: Text::new(expand(&group.ten)),
                    nhiem_vu: tasks,
                    ..Default::default()
                });
            }
        }
        if !groups.is_empty() {
            out.appendices.push(Appendix {
                ten: Text::new(adapt_title(&expand(&appendix.ten))),
                cot: columns,
                huong: appendix.huong,
                nhom: groups,
                ..Default::default()
            });
        }
    }
    out
}

/// The parent's columns with custom lead, support and deadline columns turned into the
/// standard ones (keeping the parent's header), since the draft's tasks carry those in
/// `chu_tri`, `phoi_hop` and `thoi_han`. Empty when the parent uses the default columns.
fn standard_columns(appendix: &Appendix, roles: &Roles) -> Vec<Column> {
    if appendix.cot.is_empty() {
        return Vec::new();
    }
    let mut out: Vec<Column> = Vec::new();
    for column in &appendix.cot {
        let key = column.khoa.value.as_str();
        let standard = if roles.lead.iter().any(|k| k == key) {
            "chu_tri"
        } else if roles.support.iter().any(|k| k == key) {
            "phoi_hop"
        } else if roles.deadline.iter().any(|k| k == key) {
            "thoi_han"
        } else {
            key
        };
        if out.iter().any(|c| c.khoa.value == standard) {
            continue;
        }
        let mut c = column.clone();
        if standard != key {
            c.ten = Some(Text::new(column.title()));
            c.khoa = Text::new(standard);
        }
        out.push(c);
    }
    out
}

fn record_unmapped(list: &mut Vec<UnmappedName>, name: &str, role: Role, vi_tri: &str) {
    let key = normalize(name);
    match list.iter_mut().find(|u| normalize(&u.ten) == key) {
        Some(u) => u.vi_tri.push(format!("{vi_tri} {}", role.column())),
        None => list.push(UnmappedName {
            ten: name.to_owned(),
            vi_tri: vec![format!("{vi_tri} {}", role.column())],
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::derive::unit::{OwnUnit, Targets};

    fn ward() -> Unit {
        let own = |n: &str| OwnUnit {
            ten: n.to_owned(),
            ten_day_du: None,
        };
        Unit {
            ten_goi: Text::new("UBND phường A"),
            don_vi: vec![own("VP-TK"), own("VH-XH")],
            anh_xa: [(
                "Phòng Văn hóa và Thông tin".to_owned(),
                Targets::One("VH-XH".into()),
            )]
            .into_iter()
            .collect(),
            ..Unit::default()
        }
    }

    fn task(lead: &str, support: &str) -> Task {
        Task {
            noi_dung: Text::new("x"),
            chu_tri: Some(Text::new(lead)),
            phoi_hop: (!support.is_empty()).then(|| Text::new(support)),
            ..Task::default()
        }
    }

    #[test]
    fn a_level_name_without_a_mapping_goes_to_the_focal_unit() {
        let a = assign(&task("UBND cấp xã", "Phòng Văn hóa và Thông tin"), &ward()).unwrap();
        assert_eq!(a.lead, ["VP-TK"]);
        assert_eq!(a.support, ["VH-XH"]);
        // The unit's own name counts as its level.
        assert!(assign(&task("UBND phường A", ""), &ward()).is_some());
        assert!(assign(&task("Phòng Văn hóa và Thông tin", ""), &ward()).is_none());
    }

    #[test]
    fn the_units_share_is_promoted_when_no_lead_has_a_counterpart() {
        let a = assign(&task("Sở Nội vụ", "UBND các xã, phường"), &ward()).unwrap();
        assert_eq!(a.lead, ["VP-TK"]);
        assert!(a.support.is_empty());
        assert_eq!(a.unmapped, [("Sở Nội vụ".to_owned(), Role::Lead)]);
    }
}
