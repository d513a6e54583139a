//! Every string of a plan, in the order the document prints it, with what kind of text
//! it is — so the text rules look at each string once and "the later mention" of a
//! citation means later on paper.

use super::holds::Holds;
use crate::plan::{Block, BlockFields, Plan, Text};

/// What kind of text a field holds, which decides the rules that read it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// Sentences: body, opening, closing, task content. Every text rule, and citations.
    Prose,
    /// Short human text: names, titles, recipients, cells. Text rules, no citations.
    Label,
    /// Identifiers, numbers, dates, keys, provenance: only invisible-character checks.
    Code,
}

/// One string of the plan.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Field<'a> {
    /// The YAML key the string sits under (`ket_thuc`, `gach`, `thoi_han`), for messages.
    pub key: &'static str,
    pub text: &'a Text,
    pub role: Role,
    /// What the rules look for that the text holds.
    pub holds: Holds,
}

impl<'a> Field<'a> {
    pub fn new(key: &'static str, text: &'a Text, role: Role) -> Field<'a> {
        let holds = Holds::of(&text.value);
        Field {
            key,
            text,
            role,
            holds,
        }
    }
}

/// All strings in print order: header, citations, opening, body, closing, signature,
/// recipients, appendices; then the lists that are not printed as such.
pub fn all(plan: &Plan) -> Vec<Field<'_>> {
    let mut out = Vec::new();
    let mut push = |key, text, role| out.push(Field::new(key, text, role));
    let c = &plan.co_quan;
    for t in &c.chu_quan {
        push("chu_quan", t, Role::Label);
    }
    for t in &c.ten {
        push("ten", t, Role::Label);
    }
    push("ten_goi", &c.ten_goi, Role::Label);
    push("viet_tat", &c.viet_tat, Role::Code);
    if let Some(t) = &plan.so {
        push("so", t, Role::Code);
    }
    if let Some(t) = &plan.ngay {
        push("ngay", t, Role::Code);
    }
    push("dia_danh", &plan.dia_danh, Role::Label);
    push("trich_yeu", &plan.trich_yeu, Role::Prose);
    for v in &plan.van_ban {
        push("id", &v.id, Role::Code);
        push("so", &v.so, Role::Code);
        push("ky_hieu", &v.ky_hieu, Role::Code);
        if let Some(t) = &v.ngay {
            push("ngay", t, Role::Code);
        }
        if let Some(t) = &v.co_quan {
            push("co_quan", t, Role::Label);
        }
        if let Some(t) = &v.trich_yeu {
            push("trich_yeu", t, Role::Prose);
        }
    }
    if let Some(t) = &plan.mo_dau {
        push("mo_dau", t, Role::Prose);
    }
    let mut body = Vec::new();
    blocks(&plan.noi_dung, &mut body);
    for (key, t) in body {
        push(key, t, Role::Prose);
    }
    if let Some(t) = &plan.ket_thuc {
        push("ket_thuc", t, Role::Prose);
    }
    let k = &plan.ky;
    for (key, t) in [
        ("thay_mat", &k.thay_mat),
        ("thu_truong", &k.thu_truong),
        ("chuc_vu", &k.chuc_vu),
    ] {
        if let Some(t) = t {
            push(key, t, Role::Label);
        }
    }
    push("ho_ten", &k.ho_ten, Role::Label);
    for t in &plan.noi_nhan {
        push("noi_nhan", t, Role::Label);
    }
    for t in &plan.luu.noi_luu {
        push("noi_luu", t, Role::Label);
    }
    for (key, t) in [
        ("so_ban", &plan.luu.so_ban),
        ("nguoi_soan", &plan.luu.nguoi_soan),
        ("so_ban_phat_hanh", &plan.luu.so_ban_phat_hanh),
    ] {
        if let Some(t) = t {
            push(key, t, Role::Code);
        }
    }
    for app in &plan.phu_luc {
        push("ten", &app.ten, Role::Prose);
        if let Some(t) = &app.kem_theo {
            push("kem_theo", t, Role::Label);
        }
        let mut notes = Vec::new();
        blocks(&app.ghi_chu, &mut notes);
        for (key, t) in notes {
            push(key, t, Role::Prose);
        }
        for col in &app.cot {
            push("khoa", &col.khoa, Role::Code);
            if let Some(t) = &col.ten {
                push("ten", t, Role::Label);
            }
        }
        for group in &app.nhom {
            push("ten", &group.ten, Role::Prose);
            for t in &group.o {
                push("o", t, Role::Label);
            }
            for task in &group.nhiem_vu {
                push("noi_dung", &task.noi_dung, Role::Prose);
                for (key, t, role) in [
                    ("chu_tri", &task.chu_tri, Role::Label),
                    ("phoi_hop", &task.phoi_hop, Role::Label),
                    ("san_pham", &task.san_pham, Role::Prose),
                    ("thoi_han", &task.thoi_han, Role::Label),
                ] {
                    if let Some(t) = t {
                        push(key, t, role);
                    }
                }
                for t in task.them.values() {
                    push("them", t, Role::Prose);
                }
                if let Some(src) = &task.nguon {
                    push("van_ban", &src.van_ban, Role::Code);
                    push("vi_tri", &src.vi_tri, Role::Code);
                    for t in [&src.thoi_han, &src.chu_tri, &src.noi_dung]
                        .into_iter()
                        .flatten()
                    {
                        push("nguon", t, Role::Code);
                    }
                }
            }
        }
    }
    for t in &plan.don_vi {
        push("don_vi", t, Role::Label);
    }
    if let Some(p) = &plan.thoi_gian {
        push("tu", &p.tu, Role::Code);
        push("den", &p.den, Role::Code);
    }
    if let Some(n) = &plan.nguon {
        push("van_ban", &n.van_ban, Role::Code);
        if let Some(t) = &n.tep {
            push("tep", t, Role::Code);
        }
    }
    out
}

/// The marker key and text of a block, without trusting that it has exactly one
/// marker (plans built in code skip the load-time validation).
pub(crate) fn block_text(block: &Block) -> Option<(&'static str, &Text)> {
    match block {
        Block::Paragraph(t) => Some(("noi_dung", t)),
        Block::Marked(f) => marker(f),
    }
}

fn marker(f: &BlockFields) -> Option<(&'static str, &Text)> {
    [
        ("muc", &f.muc),
        ("khoan", &f.khoan),
        ("diem", &f.diem),
        ("gach", &f.gach),
        ("cong", &f.cong),
        ("doan", &f.doan),
    ]
    .into_iter()
    .find_map(|(k, t)| t.as_ref().map(|t| (k, t)))
}

/// Body texts depth-first, as printed: a block's text, its run-in text (`tiep`), then
/// its children.
pub fn blocks<'a>(list: &'a [Block], out: &mut Vec<(&'static str, &'a Text)>) {
    for b in list {
        if let Some(kt) = block_text(b) {
            out.push(kt);
        }
        if let Some(t) = b.fields().and_then(|f| f.tiep.as_ref()) {
            out.push(("tiep", t));
        }
        blocks(b.children(), out);
    }
}
