//! `kehoach derive`: a ward's (commune's, district's) draft plan that carries out its
//! parent's plan.
//!
//! [`derive()`] is pure: a parent [`Plan`] and a [`Unit`] in, a draft [`Plan`] and the
//! things a person must look at out. The command reads and writes the files.
//!
//! What the draft holds:
//! - head: the unit's name lines, place, signer, recipients (the parent's issuer first,
//!   "để báo cáo"), `luu`; no number, no date;
//! - `van_ban`: the parent, cited in full (`quan_he: thuc-hien`), so the opening reads
//!   "Thực hiện Kế hoạch số 2325/KH-UBND ngày 25/6/2021 của UBND thị xã Ninh Hòa về …";
//!   `mo_dau`: "`<unit>` xây dựng Kế hoạch `<title>` như sau:";
//! - title and appendix titles adapted to the unit's area (see `adapt_area`);
//! - body: see `body`; appendix: see `tasks`. Each task keeps its provenance in
//!   `nguon` (parent's number, position, lead and deadline) for [`report`].

mod assignees;
mod body;
pub mod commune;
pub mod report;
pub mod tasks;
pub mod unit;
pub mod yaml_out;

pub(crate) use assignees::normalize;
pub use unit::{Level, OwnUnit, Targets, Unit};

use crate::compose::lower_first;
use crate::compose::{expand_citations, PlanView};
use crate::numbering::document_number;
use crate::plan::{Citation, Issuer, Plan, Provenance, Relation, Task, Text};

/// The result of deriving: the draft and what did not fit in it.
#[derive(Clone, Debug)]
pub struct Derived {
    pub plan: Plan,
    /// Assignee names of the unit's tasks that `anh_xa` does not translate.
    pub unmapped: Vec<UnmappedName>,
    /// Tasks for the unit whose lead maps to nobody: listed here, not in the appendix.
    pub unassigned: Vec<ParentTask>,
    /// The parent's tasks that are not for the unit (assigned to other levels).
    pub not_concerned: Vec<ParentTask>,
    /// What the parent's "Tổ chức thực hiện" asks of the unit's level.
    pub directives: Vec<String>,
}

/// An assignee name without a counterpart at the unit, and where it occurs.
#[derive(Clone, Debug, PartialEq)]
pub struct UnmappedName {
    pub ten: String,
    /// Positions and columns: "II.1 chủ trì", "VII.2 phối hợp".
    pub vi_tri: Vec<String>,
}

/// A task of the parent, as the lists show it.
#[derive(Clone, Debug, PartialEq)]
pub struct ParentTask {
    pub vi_tri: String,
    pub noi_dung: String,
    pub chu_tri: Option<String>,
    pub thoi_han: Option<String>,
}

impl ParentTask {
    fn of(task: &Task, vi_tri: &str) -> ParentTask {
        ParentTask {
            vi_tri: vi_tri.to_owned(),
            noi_dung: task.noi_dung.value.clone(),
            chu_tri: task.chu_tri.as_ref().map(|t| t.value.clone()),
            thoi_han: task.thoi_han.as_ref().map(|t| t.value.clone()),
        }
    }
}

/// Which column of a task a name was in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Lead,
    Support,
}

impl Role {
    pub fn column(self) -> &'static str {
        match self {
            Role::Lead => "chủ trì",
            Role::Support => "phối hợp",
        }
    }
}

/// The id under which the draft cites its parent: `ke-hoach-2325`.
pub(crate) fn parent_citation_id(parent: &Plan) -> String {
    let number = parent
        .so
        .as_ref()
        .map(|s| document_number(s))
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "cap-tren".to_owned());
    format!("{}-{number}", parent.loai.key())
}

/// The parent's number and symbol as tasks record it: `2325/KH-UBND`.
pub fn parent_reference(parent: &Plan) -> String {
    let number = parent
        .so
        .as_ref()
        .map(|s| document_number(s))
        .unwrap_or_default();
    format!("{number}/{}", parent.symbol())
}

pub fn derive(parent: &Plan, unit: &Unit) -> Derived {
    let unit = &unit.effective();
    // The draft cites only its parent in `van_ban`, so a document the copied text names
    // is written out in full: a short "[@id:ngan]" would be a first mention without
    // date and issuer (Phụ lục I NĐ 30: the first citation is given in full).
    let mut citations = PlanView::new(parent).van_ban;
    for c in &mut citations {
        c.ngan = c.day_du.clone();
    }
    let expand = |s: &str| expand_citations(s, &citations);
    let parent_area = unit::area_of(&parent.co_quan.ten_goi);
    let own_area = unit.area();
    let adapt = |s: &str| adapt_area(s, &parent_area, &own_area);
    let adapt_text = |s: &str| adapt_sentence(s, &parent_area, &own_area);
    let expand_adapt = |s: &str| adapt_text(&expand(s));
    let id = parent_citation_id(parent);
    let reference = parent_reference(parent);

    let trich_yeu = adapt(&parent.trich_yeu);
    let tasks = tasks::derive_appendices(parent, unit, &reference, &expand_adapt, &adapt);
    let leads: Vec<String> = unit
        .don_vi
        .iter()
        .filter(|own| {
            tasks.appendices.iter().any(|a| {
                a.nhom.iter().flat_map(|g| &g.nhiem_vu).any(|t| {
                    t.chu_tri
                        .as_ref()
                        .is_some_and(|c| c.split(';').any(|n| normalize(n) == normalize(&own.ten)))
                })
            })
        })
        .map(|own| own.ten.clone())
        .collect();
    let body = body::derive_body(
        parent,
        unit,
        &id,
        &leads,
        !tasks.appendices.is_empty(),
        &expand,
        &adapt_text,
    );

    let to_parent = format!("{} (để báo cáo)", parent.co_quan.ten_goi.value);
    let mut noi_nhan = vec![Text::new(to_parent.clone())];
    noi_nhan.extend(
        unit.noi_nhan
            .iter()
            .filter(|r| normalize(r) != normalize(&to_parent))
            .map(|r| Text::new(r.value.clone())),
    );
    let mut luu = unit.luu.clone();
    if luu.noi_luu.first().is_none_or(|p| p.value != "VT") {
        luu.noi_luu.retain(|p| p.value != "VT");
        luu.noi_luu.insert(0, Text::new("VT"));
    }

    let plan = Plan {
        loai: parent.loai,
        co_quan: Issuer {
            chu_quan: unit.chu_quan.clone(),
            ten: unit.ten.clone(),
            ten_goi: unit.ten_goi.clone(),
            viet_tat: unit.viet_tat.clone(),
        },
        so: None,
        ngay: None,
        dia_danh: unit.dia_danh.clone(),
        trich_yeu: Text::new(trich_yeu.clone()),
        thoi_gian: parent.thoi_gian.clone(),
        van_ban: vec![Citation {
            id: Text::new(id.clone()),
            loai: parent.loai,
            so: Text::new(
                parent
                    .so
                    .as_ref()
                    .map(|s| s.value.clone())
                    .unwrap_or_default(),
            ),
            ky_hieu: Text::new(parent.symbol()),
            ngay: parent.ngay.clone(),
            co_quan: Some(parent.co_quan.ten_goi.clone()),
            trich_yeu: Some(Text::new(about(&parent.trich_yeu))),
            quan_he: Relation::ThucHien,
            ..Default::default()
        }],
        mo_dau: Some(Text::new(format!(
            "{} xây dựng {} {} như sau:",
            unit.ten_goi.value,
            parent.loai.name(),
            lower_first(&trich_yeu)
        ))),
        noi_dung: body.blocks,
        ket_thuc: None,
        don_vi: unit
            .don_vi
            .iter()
            .map(|u| Text::new(u.ten.clone()))
            .collect(),
        ky: unit.ky.clone(),
        noi_nhan,
        luu,
        phu_luc: tasks.appendices,
        nguon: Some(Provenance {
            van_ban: Text::new(id),
            tep: None,
        }),
        chua_xep: Vec::new(),
        ..Default::default()
    };
    Derived {
        plan,
        unmapped: tasks.unmapped,
        unassigned: tasks.unassigned,
        not_concerned: tasks.not_concerned,
        directives: body.directives,
    }
}

/// Replaces the parent's area in a title with the unit's, predictably:
/// 1. "trên địa bàn <parent area>" → "trên địa bàn <unit area>" (any case);
/// 2. otherwise, a trailing "trên địa bàn …" is replaced from its last occurrence;
/// 3. otherwise "trên địa bàn <unit area>" is appended.
///
/// An all-capitals title gets the area in capitals.
pub(crate) fn adapt_area(title: &str, parent_area: &str, own_area: &str) -> String {
    let title = title.trim();
    let caps = title == title.to_uppercase() && title != title.to_lowercase();
    let area = if caps {
        own_area.to_uppercase()
    } else {
        own_area.to_owned()
    };
    let marker = "trên địa bàn ";
    let lower = title.to_lowercase();
    // Lower-casing Vietnamese keeps byte lengths, so indices carry over; check anyway.
    if lower.len() == title.len() {
        let wanted = format!("{marker}{}", parent_area.to_lowercase());
        if let Some(i) = lower.find(&wanted) {
            let mut out = title[..i].to_owned();
            out.push_str(&title[i..i + marker.len()]);
            out.push_str(&area);
            out.push_str(&title[i + wanted.len()..]);
            return out;
        }
        if let Some(i) = lower.rfind(marker) {
            return format!("{}{area}", &title[..i + marker.len()]);
        }
    }
    let phrase = if caps { "TRÊN ĐỊA BÀN " } else { marker };
    format!("{title} {phrase}{area}")
}

/// Rewrites the parent's area in running text to the unit's: "trên địa bàn tỉnh Khánh
/// Hòa" and "trên địa bàn tỉnh" → "trên địa bàn xã Ninh Hà" / "trên địa bàn xã", "toàn
/// tỉnh" → "toàn xã". The level word alone is replaced only when no proper name follows
/// it ("trên địa bàn tỉnh Gia Lai" names another province and stays).
pub(crate) fn adapt_sentence(text: &str, parent_area: &str, own_area: &str) -> String {
    let full = text.replace(
        &format!("trên địa bàn {parent_area}"),
        &format!("trên địa bàn {own_area}"),
    );
    let (Some(from), Some(to)) = (level_word(parent_area), level_word(own_area)) else {
        return full;
    };
    let mut out = full;
    // Some provinces write their level with a capital ("trên địa bàn Tỉnh").
    let capital: String = {
        let mut c = from.chars();
        c.next()
            .map(|f| f.to_uppercase().chain(c).collect())
            .unwrap_or_default()
    };
    for (lead, from) in [
        ("trên địa bàn ", from),
        ("toàn ", from),
        ("trên địa bàn ", capital.as_str()),
        ("toàn ", capital.as_str()),
    ] {
        let pattern = format!("{lead}{from}");
        let mut result = String::with_capacity(out.len());
        let mut rest = out.as_str();
        while let Some(i) = rest.find(&pattern) {
            let after = &rest[i + pattern.len()..];
            let mut next = after.chars();
            let named = match next.next() {
                Some(' ') => next.next().is_some_and(char::is_uppercase),
                Some(c) => c.is_alphanumeric(),
                None => false,
            };
            result.push_str(&rest[..i]);
            if named {
                result.push_str(&pattern);
            } else {
                result.push_str(lead);
                result.push_str(to);
            }
            rest = after;
        }
        result.push_str(rest);
        out = result;
    }
    out
}

/// The type word an area starts with: "tỉnh", "thành phố", "thị xã", "xã" …
fn level_word(area: &str) -> Option<&'static str> {
    [
        "thành phố",
        "thị xã",
        "thị trấn",
        "đặc khu",
        "tỉnh",
        "huyện",
        "quận",
        "phường",
        "xã",
    ]
    .into_iter()
    .find(|w| {
        // An issuer may name itself by its level alone ("Ủy ban nhân dân Tỉnh").
        let lower = area.to_lowercase();
        lower == *w || lower.strip_prefix(w).is_some_and(|r| r.starts_with(' '))
    })
}

/// A title as the citation's "về …" phrase.
fn about(trich_yeu: &str) -> String {
    let t = lower_first(trich_yeu.trim());
    if t.starts_with("về ") || t.starts_with("phê duyệt ") {
        t
    } else {
        format!("về {t}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn area_replacement_is_predictable() {
        let from = "thị xã Ninh Hòa";
        let to = "phường Ninh Hà";
        assert_eq!(
            adapt_area("Triển khai Đề án X trên địa bàn thị xã Ninh Hòa", from, to),
            "Triển khai Đề án X trên địa bàn phường Ninh Hà"
        );
        assert_eq!(
            adapt_area("NHIỆM VỤ X TRÊN ĐỊA BÀN THỊ XÃ NINH HÒA", from, to),
            "NHIỆM VỤ X TRÊN ĐỊA BÀN PHƯỜNG NINH HÀ"
        );
        assert_eq!(
            adapt_area("Triển khai X trên địa bàn tỉnh Khánh Hòa", from, to),
            "Triển khai X trên địa bàn phường Ninh Hà"
        );
        assert_eq!(
            adapt_area("Triển khai X", from, to),
            "Triển khai X trên địa bàn phường Ninh Hà"
        );
    }

    #[test]
    fn sentences_speak_of_the_units_area() {
        let (from, to) = ("tỉnh Khánh Hòa", "xã Ninh Hòa");
        assert_eq!(
            adapt_sentence("Rà soát trên địa bàn tỉnh Khánh Hòa.", from, to),
            "Rà soát trên địa bàn xã Ninh Hòa."
        );
        assert_eq!(
            adapt_sentence("Rà soát trên địa bàn tỉnh, báo cáo toàn tỉnh.", from, to),
            "Rà soát trên địa bàn xã, báo cáo toàn xã."
        );
        // An issuer that names itself "Ủy ban nhân dân Tỉnh", and a capital level.
        assert_eq!(
            adapt_sentence("Triển khai trên địa bàn Tỉnh; toàn tỉnh.", "Tỉnh", to),
            "Triển khai trên địa bàn xã Ninh Hòa; toàn xã."
        );
        assert_eq!(
            adapt_sentence("Phối hợp trên địa bàn tỉnh Gia Lai; tỉnh lộ 1.", from, to),
            "Phối hợp trên địa bàn tỉnh Gia Lai; tỉnh lộ 1."
        );
    }

    #[test]
    fn citation_phrase_starts_with_ve() {
        assert_eq!(about("Triển khai Đề án"), "về triển khai Đề án");
        assert_eq!(about("về việc X"), "về việc X");
    }
}
