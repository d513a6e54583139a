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
/// that lead at least one task, in `don_vi` order.
pub fn derive_body(
    parent: &Plan,
    unit: &Unit,
    citation: &str,
    leads: &[String],
    has_tasks: bool,
    expand: &dyn Fn(&str) -> String,
) -> Body {
    let mut blocks = Vec::new();
    let purpose = parent
        .noi_dung
        .iter()
        .find(|b| is_section(b, "mục đích"))
        .map(|b| copy(b, expand))
        .unwrap_or_else(|| default_purpose(citation));
    blocks.push(purpose);
    let tasks_line = if has_tasks {
        "(Các nhiệm vụ cụ thể tại Phụ lục kèm theo)"
    } else {
        "(Nêu các nhiệm vụ cụ thể của đơn vị)"
    };
    blocks.push(section(
        "NỘI DUNG KẾ HOẠCH",
        vec![Block::paragraph(tasks_line)],
    ));
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
    let levels: Vec<String> = unit.level_names().iter().map(|n| normalize(n)).collect();
    let Some(org) = parent
        .noi_dung
        .iter()
        .find(|b| is_section(b, "tổ chức thực hiện"))
    else {
        return Vec::new();
    };
    org.children()
        .iter()
        .filter(|c| levels.contains(&normalize(c.kind_and_text().1)))
        .flat_map(|c| c.children())
        .map(|b| expand(b.kind_and_text().1))
        .collect()
}
