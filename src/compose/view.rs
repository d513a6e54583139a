//! The view: what templates see of a plan (zola's `SerializingPage`). A separate,
//! borrowed-where-possible struct, so the plan model can change without breaking users'
//! templates. Everything a template prints is already formatted the Decree 30 way here
//! (numbers, dates, citations), so templates hold wording and order, not rules.

use super::inline::lower_first;
use serde::Serialize;

use crate::numbering::{self, PlanDate};
use crate::plan::{BlockKind, Citation, Plan, Relation, SignMode};

use super::inline::single_line;

#[derive(Serialize)]
pub struct PlanView {
    pub loai: KindView,
    pub co_quan: IssuerView,
    /// "114", "07"; `None` in a draft.
    pub so: Option<String>,
    pub ky_hieu: String,
    /// "Số: 114/KH-UBND", or the draft form with room to write the number.
    pub so_ky_hieu: String,
    pub dia_danh: String,
    pub ngay: DateView,
    pub trich_yeu: String,
    /// The summary with a lower-case first letter, for use inside a sentence.
    pub trich_yeu_trong_cau: String,
    pub van_ban: Vec<CitationView>,
    pub thuc_hien: Vec<CitationView>,
    pub can_cu: Vec<CitationView>,
    pub mo_dau: Option<String>,
    pub noi_dung: Vec<BlockView>,
    pub ket_thuc: Option<String>,
    pub ky: SignatureView,
    pub noi_nhan: Vec<String>,
    /// "Lưu: VT, HT (2)." with the drafter code (ô 12) when given.
    pub luu: String,
    pub phu_luc: Vec<AppendixView>,
}

#[derive(Serialize)]
pub struct KindView {
    pub khoa: String,
    pub ten: &'static str,
    pub tieu_de: String,
}

#[derive(Serialize)]
pub struct IssuerView {
    pub chu_quan: Vec<String>,
    pub ten: Vec<String>,
    pub ten_goi: String,
    pub viet_tat: String,
}

#[derive(Serialize)]
pub struct DateView {
    /// "ngày 07 tháng 7 năm 2021", with blanks for the parts a draft leaves open.
    pub dai: String,
    /// "07/7/2021" (empty in a draft without a full date).
    pub ngan: String,
    pub iso: Option<String>,
    pub day_du: bool,
}

#[derive(Serialize, Clone)]
pub struct CitationView {
    pub id: String,
    pub ten_loai: &'static str,
    pub so_ky_hieu: String,
    pub ngay: Option<String>,
    pub co_quan: Option<String>,
    pub trich_yeu: Option<String>,
    /// "Kế hoạch số 2325/KH-UBND ngày 25/6/2021 của UBND thị xã Ninh Hòa".
    pub day_du: String,
    /// "Kế hoạch số 2325/KH-UBND".
    pub ngan: String,
}

/// One body block, flattened with its computed marker (I, 1, a …).
#[derive(Serialize)]
pub struct BlockView {
    /// `muc`, `khoan`, `diem`, `gach`, `cong`, `doan`.
    pub loai: &'static str,
    /// The marker without punctuation: "I", "1", "a"; empty for items and paragraphs.
    pub so: String,
    pub cap: usize,
    pub text: String,
}

#[derive(Serialize)]
pub struct SignatureView {
    /// The authority lines: "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH".
    pub dong: Vec<String>,
    pub ho_ten: String,
}

#[derive(Serialize)]
pub struct AppendixView {
    pub index: usize,
    /// "Phụ lục" alone, or "Phụ lục I" … when there are several (§4).
    pub nhan: String,
    pub ten: String,
    pub ngang: bool,
}

impl PlanView {
    pub fn new(plan: &Plan) -> PlanView {
        PlanView::build(plan, true)
    }

    /// The view without the text of the body: `mo_dau`, `noi_dung` and `ket_thuc` are
    /// left empty. For what reads only the document's particulars (number, date,
    /// issuer, signer, recipients), such as an archive record, at a fraction of the cost.
    pub fn without_body(plan: &Plan) -> PlanView {
        PlanView::build(plan, false)
    }

    fn build(plan: &Plan, body: bool) -> PlanView {
        let date = plan.ngay.as_ref().and_then(|d| PlanDate::parse(d).ok());
        let so = plan
            .so
            .as_ref()
            .map(|s| numbering::document_number(s))
            .filter(|s| !s.is_empty());
        let ky_hieu = plan.symbol();
        let so_ky_hieu = match &so {
            Some(n) => format!("Số: {n}/{ky_hieu}"),
            // Room to write the number by hand, as real drafts leave it (docs/nd30-layout.md §6).
            None => format!("Số:{}/{ky_hieu}", "\u{a0}".repeat(8)),
        };
        let citations: Vec<CitationView> = plan.van_ban.iter().map(CitationView::new).collect();
        let of_relation = |r: Relation| -> Vec<CitationView> {
            plan.van_ban
                .iter()
                .zip(&citations)
                .filter(|(c, _)| c.quan_he == r)
                .map(|(_, v)| v.clone())
                .collect()
        };
        let expand = |t: &str| super::inline::expand_citations(t, &citations);
        let n_appendices = plan.phu_luc.len();
        PlanView {
            loai: KindView {
                khoa: plan.loai.key(),
                ten: plan.loai.name(),
                tieu_de: plan.loai.title(),
            },
            co_quan: IssuerView {
                chu_quan: plan
                    .co_quan
                    .chu_quan
                    .iter()
                    .map(|t| single_line(t))
                    .collect(),
                ten: plan.co_quan.ten.iter().map(|t| single_line(t)).collect(),
                ten_goi: single_line(&plan.co_quan.ten_goi),
                viet_tat: single_line(&plan.co_quan.viet_tat),
            },
            so,
            ky_hieu,
            so_ky_hieu,
            dia_danh: single_line(&plan.dia_danh),
            ngay: DateView::new(date),
            trich_yeu: single_line(&plan.trich_yeu),
            trich_yeu_trong_cau: lower_first(&single_line(&plan.trich_yeu)),
            thuc_hien: of_relation(Relation::ThucHien),
            can_cu: of_relation(Relation::CanCu),
            van_ban: citations.clone(),
            mo_dau: plan.mo_dau.as_ref().filter(|_| body).map(|t| expand(t)),
            noi_dung: if body {
                flatten(plan, &expand)
            } else {
                Vec::new()
            },
            ket_thuc: plan.ket_thuc.as_ref().filter(|_| body).map(|t| expand(t)),
            ky: SignatureView::new(plan),
            noi_nhan: plan
                .noi_nhan
                .iter()
                .map(|t| expand(crate::load::recipient_text(t)))
                .collect(),
            luu: archive_line(plan),
            phu_luc: plan
                .phu_luc
                .iter()
                .enumerate()
                .map(|(i, a)| AppendixView {
                    index: i,
                    nhan: if n_appendices > 1 {
                        format!("Phụ lục {}", numbering::roman(i + 1))
                    } else {
                        "Phụ lục".to_owned()
                    },
                    ten: single_line(&a.ten),
                    ngang: a.is_landscape(),
                })
                .collect(),
        }
    }
}

impl DateView {
    fn new(date: Option<PlanDate>) -> DateView {
        match date {
            Some(d) => DateView {
                dai: d.long(),
                ngan: if d.full().is_some() {
                    d.short()
                } else {
                    String::new()
                },
                iso: d.full().map(|_| d.iso()),
                day_du: d.full().is_some(),
            },
            None => {
                let blank = "\u{a0}".repeat(6);
                DateView {
                    dai: format!("ngày {blank} tháng {blank} năm {blank}"),
                    ngan: String::new(),
                    iso: None,
                    day_du: false,
                }
            }
        }
    }
}

impl CitationView {
    fn new(c: &Citation) -> CitationView {
        let so = if c.loai.is_legal() {
            c.so.value.trim().to_owned()
        } else {
            numbering::document_number(&c.so)
        };
        let so_ky_hieu = format!("{so}/{}", c.ky_hieu.value.trim());
        let ngay = c
            .ngay
            .as_ref()
            .and_then(|d| PlanDate::parse(d).ok())
            .map(PlanDate::short);
        let ngan = format!("{} số {so_ky_hieu}", c.loai.name());
        let mut day_du = ngan.clone();
        if let Some(d) = &ngay {
            day_du.push_str(&format!(" ngày {d}"));
        }
        if let Some(q) = &c.co_quan {
            day_du.push_str(&format!(" của {}", single_line(q)));
        }
        CitationView {
            id: c.id.value.clone(),
            ten_loai: c.loai.name(),
            so_ky_hieu,
            ngay,
            co_quan: c.co_quan.as_ref().map(|t| single_line(t)),
            trich_yeu: c.trich_yeu.as_ref().map(|t| single_line(t)),
            day_du,
            ngan,
        }
    }
}

impl SignatureView {
    fn new(plan: &Plan) -> SignatureView {
        let ky = &plan.ky;
        let mut dong = Vec::new();
        if let Some(tm) = &ky.thay_mat {
            dong.push(format!("TM. {}", single_line(tm)));
        }
        if let Some(mode) = ky.hinh_thuc {
            let head = ky
                .thu_truong
                .as_ref()
                .map(|t| single_line(t))
                .unwrap_or_default();
            dong.push(format!("{} {head}", mode.prefix()).trim_end().to_owned());
        }
        if let Some(title) = &ky.chuc_vu {
            // "Q. GIÁM ĐỐC" already names the position.
            if ky.hinh_thuc != Some(SignMode::Q) {
                dong.push(single_line(title));
            }
        }
        SignatureView {
            dong,
            ho_ten: single_line(&ky.ho_ten),
        }
    }
}

fn archive_line(plan: &Plan) -> String {
    let luu = &plan.luu;
    let mut line = format!(
        "Lưu: {}",
        luu.noi_luu
            .iter()
            .map(|t| single_line(t))
            .collect::<Vec<_>>()
            .join(", ")
    );
    if let Some(n) = &luu.so_ban {
        line.push_str(&format!(" ({})", n.value.trim()));
    }
    line.push('.');
    if let Some(code) = &luu.nguoi_soan {
        line.push_str(&format!(" {}", single_line(code)));
        if let Some(n) = &luu.so_ban_phat_hanh {
            line.push_str(&format!(".({})", n.value.trim()));
        }
    }
    line
}

fn flatten(plan: &Plan, expand: &dyn Fn(&str) -> String) -> Vec<BlockView> {
    fn walk(
        blocks: &[crate::plan::Block],
        depth: usize,
        out: &mut Vec<BlockView>,
        expand: &dyn Fn(&str) -> String,
    ) {
        let (mut sections, mut clauses, mut points) = (0, 0, 0);
        for block in blocks {
            let (kind, text) = block.kind_and_text();
            let (loai, so) = match kind {
                BlockKind::Section => {
                    sections += 1;
                    ("muc", numbering::roman(sections))
                }
                BlockKind::Clause => {
                    clauses += 1;
                    ("khoan", clauses.to_string())
                }
                BlockKind::Point => {
                    points += 1;
                    ("diem", numbering::point_letter(points - 1))
                }
                BlockKind::Dash => ("gach", String::new()),
                BlockKind::Plus => ("cong", String::new()),
                BlockKind::Paragraph => ("doan", String::new()),
            };
            out.push(BlockView {
                loai,
                so,
                cap: depth,
                text: expand(text),
            });
            walk(block.children(), depth + 1, out, expand);
        }
    }
    let mut out = Vec::new();
    walk(&plan.noi_dung, 0, &mut out, expand);
    out
}
