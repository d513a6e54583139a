//! The body of a derived plan: the parent's purpose and requirements as a starting
//! text, then the sections every implementing plan has (tasks in the appendix, funding,
//! organisation), written for the unit.
//!
//! Only "MỤC ĐÍCH, YÊU CẦU" is copied: the parent's other sections speak to the
//! parent's own offices. The parent's instructions to the unit's level (its "Tổ chức
//! thực hiện" clause headed "UBND các xã, phường") are returned separately, for the
//! clerk to read: they are usually what the ward must do, not what it writes.

use crate::plan::{Block, BlockKind, Plan, Text};

use super::assignees::normalize;
use super::unit::Unit;

/// The body, and the parent's instructions addressed to the unit's level.
pub struct Body {
    pub blocks: Vec<Block>,
    pub directives: Vec<String>,
}

/// `citation` is the id of the parent in the child's `van_ban`; `leads` the own units
/// that lead at least one task, in `don_vi` order; `adapt` rewrites the parent's area
/// in a sentence to the unit's.
pub fn derive_body(
    parent: &Plan,
    unit: &Unit,
    citation: &str,
    leads: &[String],
    has_tasks: bool,
    expand: &dyn Fn(&str) -> String,
    adapt: &dyn Fn(&str) -> String,
) -> Body {
    let mut blocks = Vec::new();
    let purpose = parent
        .noi_dung
        .iter()
        .find(|b| is_section(b, "mục đích"))
        .map(|b| copy(b, expand))
        .unwrap_or_else(|| default_purpose(citation));
    blocks.push(purpose);
    let assigned = assignments(parent, unit, citation, expand, adapt);
    let tasks_line = if has_tasks {
        "(Các nhiệm vụ cụ thể tại Phụ lục kèm theo)"
    } else if assigned.is_empty() {
        "(Nêu các nhiệm vụ cụ thể của đơn vị)"
    } else {
        ""
    };
    let mut content = Vec::new();
    if !tasks_line.is_empty() {
        content.push(Block::paragraph(tasks_line));
    }
    if !assigned.is_empty() {
        content.push(Block::marked(
            BlockKind::Clause,
            format!(
                "Nhiệm vụ {} giao {}",
                parent.co_quan.ten_goi.value,
                level_phrase(unit)
            ),
            assigned,
        ));
    }
    blocks.push(section("NỘI DUNG KẾ HOẠCH", content));
    blocks.push(section(
        "KINH PHÍ THỰC HIỆN",
        vec![Block::paragraph(
            "Kinh phí thực hiện Kế hoạch do ngân sách nhà nước đảm bảo theo quy định.",
        )],
    ));
    blocks.push(section(
        "TỔ CHỨC THỰC HIỆN",
        organisation(parent, unit, citation, leads),
    ));
    Body {
        blocks,
        directives: directives(parent, unit, expand),
    }
}

fn section(title: &str, children: Vec<Block>) -> Block {
    Block::marked(BlockKind::Section, title, children)
}

fn is_section(block: &Block, words: &str) -> bool {
    let (kind, text) = block.kind_and_text();
    kind == BlockKind::Section && normalize(text).contains(words)
}

/// A deep copy with citations written out: the child cites only its parent, so the
/// parent's `[@id]` references would dangle.
fn copy(block: &Block, expand: &dyn Fn(&str) -> String) -> Block {
    let (kind, text) = block.kind_and_text();
    let children = block.children().iter().map(|b| copy(b, expand)).collect();
    match block {
        Block::Paragraph(_) => Block::Paragraph(Text::new(expand(text))),
        Block::Marked(_) => Block::marked(kind, expand(text), children),
    }
}

fn default_purpose(citation: &str) -> Block {
    section(
        "MỤC ĐÍCH, YÊU CẦU",
        vec![
            Block::marked(
                BlockKind::Clause,
                "Mục đích",
                vec![Block::marked(
                    BlockKind::Dash,
                    format!("Triển khai kịp thời, hiệu quả các nhiệm vụ được giao tại [@{citation}]."),
                    vec![],
                )],
            ),
            Block::marked(
                BlockKind::Clause,
                "Yêu cầu",
                vec![Block::marked(
                    BlockKind::Dash,
                    "Xác định rõ trách nhiệm của từng đơn vị, cá nhân trong việc chủ trì, phối hợp thực hiện các nhiệm vụ được giao.",
                    vec![],
                )],
            ),
        ],
    )
}

/// "Tổ chức thực hiện": the focal unit advises and reports; each unit that leads tasks
/// carries them out.
fn organisation(parent: &Plan, unit: &Unit, citation: &str, leads: &[String]) -> Vec<Block> {
    let dash = |t: String| Block::marked(BlockKind::Dash, t, vec![]);
    let own_task =
        "Chủ trì thực hiện các nhiệm vụ được phân công tại Phụ lục kèm theo Kế hoạch này.";
    let mut clauses = Vec::new();
    let focal = unit.focal();
    if let Some(f) = focal {
        let mut items = vec![
            dash(format!(
                "Tham mưu {} triển khai thực hiện [@{citation}]; theo dõi, đôn đốc việc triển khai thực hiện Kế hoạch này.",
                unit.ten_goi.value
            )),
            dash(format!(
                "Định kỳ tổng hợp, báo cáo kết quả thực hiện gửi {} theo quy định.",
                parent.co_quan.ten_goi.value
            )),
        ];
        if leads.iter().any(|l| normalize(l) == normalize(&f.ten)) {
            items.push(dash(own_task.to_owned()));
        }
        clauses.push(Block::marked(BlockKind::Clause, full_name(f), items));
    }
    for own in &unit.don_vi {
        let is_focal = focal.is_some_and(|f| f.ten == own.ten);
        if is_focal || !leads.iter().any(|l| normalize(l) == normalize(&own.ten)) {
            continue;
        }
        clauses.push(Block::marked(
            BlockKind::Clause,
            full_name(own),
            vec![dash(own_task.to_owned())],
        ));
    }
    clauses
}

fn full_name(own: &super::unit::OwnUnit) -> String {
    own.ten_day_du.clone().unwrap_or_else(|| own.ten.clone())
}

/// The items of the parent's "Tổ chức thực hiện" clause headed by a level name.
fn directives(parent: &Plan, unit: &Unit, expand: &dyn Fn(&str) -> String) -> Vec<String> {
    let Some(org) = parent
        .noi_dung
        .iter()
        .find(|b| is_section(b, "tổ chức thực hiện"))
    else {
        return Vec::new();
    };
    org.children()
        .iter()
        .filter(|c| is_level_heading(unit, c))
        .flat_map(|c| c.children())
        .map(|b| expand(b.kind_and_text().1))
        .collect()
}

/// "UBND cấp xã" for a commune, the unit's level as the parent names it otherwise.
fn level_phrase(unit: &Unit) -> String {
    if unit.cap.is_commune() {
        "UBND cấp xã".to_owned()
    } else {
        unit.level_names()
            .first()
            .cloned()
            .unwrap_or_else(|| unit.ten_goi.value.clone())
    }
}

/// A clause or item headed by the unit's level ("UBND các xã, phường:").
fn is_level_heading(unit: &Unit, block: &Block) -> bool {
    let (kind, text) = block.kind_and_text();
    kind != BlockKind::Paragraph && unit.is_level_name(text.trim().trim_end_matches([':', '.']))
}

/// What the parent's body text gives the unit's level to do, as items of the draft's
/// "NỘI DUNG KẾ HOẠCH": every item under a heading that names the level (the "UBND các
/// xã, phường" clause of "Tổ chức thực hiện"), and every sentence that gives work to the
/// level ("Giao UBND các xã, phường rà soát …" → "Rà soát …"). The purpose section is
/// copied whole and not searched. The parent's "Kế hoạch này" becomes a citation of the
/// parent and its area the unit's; sub-items become "+" lines.
fn assignments(
    parent: &Plan,
    unit: &Unit,
    citation: &str,
    expand: &dyn Fn(&str) -> String,
    adapt: &dyn Fn(&str) -> String,
) -> Vec<Block> {
    let rewrite = |t: &str| {
        let t = expand(t).replace("Kế hoạch này", &format!("[@{citation}]"));
        adapt(&t)
    };
    let mut out = Vec::new();
    for block in parent
        .noi_dung
        .iter()
        .filter(|b| !is_section(b, "mục đích"))
    {
        walk(block, unit, &rewrite, &mut out);
    }
    out
}

fn walk(block: &Block, unit: &Unit, rewrite: &dyn Fn(&str) -> String, out: &mut Vec<Block>) {
    if is_level_heading(unit, block) {
        for child in block.children() {
            out.push(item(child.kind_and_text().1, child, rewrite));
        }
        return;
    }
    let text = block.kind_and_text().1.value.as_str();
    if let Some(range) = super::commune::assignment_in(text) {
        let rest = text[range.end..].trim_start_matches([',', ':', ' ']);
        if !rest.is_empty() {
            out.push(item(&upper_first(rest), block, rewrite));
            return;
        }
    }
    for child in block.children() {
        walk(child, unit, rewrite, out);
    }
}

/// A "-" item with `text` and the texts below `block` as "+" lines.
fn item(text: &str, block: &Block, rewrite: &dyn Fn(&str) -> String) -> Block {
    let mut lines = Vec::new();
    fn collect(b: &Block, rewrite: &dyn Fn(&str) -> String, lines: &mut Vec<Block>) {
        for c in b.children() {
            lines.push(Block::marked(
                BlockKind::Plus,
                rewrite(c.kind_and_text().1),
                vec![],
            ));
            collect(c, rewrite, lines);
        }
    }
    collect(block, rewrite, &mut lines);
    Block::marked(BlockKind::Dash, rewrite(text), lines)
}

fn upper_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
