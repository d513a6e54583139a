//! The view: what templates see of a plan (zola's `SerializingPage`). A separate,
//! borrowed-where-possible struct, so the plan model can change without breaking users'
//! templates. Everything a template prints is already formatted the Decree 30 way here
//! (numbers, dates, citations), so templates hold wording and order, not rules.

use super::inline::lower_first;
use serde::Serialize;

use crate::numbering::{self, PlanDate};
use crate::plan::{BlockKind, Citation, Plan, Relation, SignMode};

use super::one_line::OneLine;

/// [`super::inline::single_line`] as the view's string type.
fn single_line(s: &str) -> OneLine {
    OneLine::new(super::inline::single_line(s))
}

#[derive(Serialize)]
pub(crate) struct PlanView {
    pub loai: KindView,
    pub co_quan: IssuerView,
    /// "114", "07"; `None` in a draft.
    pub so: Option<OneLine>,
    pub ky_hieu: OneLine,
    /// "Số: 114/KH-UBND", or the draft form with room to write the number.
    pub so_ky_hieu: OneLine,
    pub dia_danh: OneLine,
    pub ngay: DateView,
    pub trich_yeu: OneLine,
    /// The summary with a lower-case first letter, for use inside a sentence.
    pub trich_yeu_trong_cau: OneLine,
    /// Print the summary in capitals, as the signed document did.
    pub trich_yeu_in_hoa: bool,
    pub van_ban: Vec<CitationView>,
    /// The documents implemented ("Thực hiện …") that the opening does not cite itself.
    pub thuc_hien: Vec<CitationView>,
    /// The bases ("Căn cứ …") that the opening does not cite itself.
    pub can_cu: Vec<CitationView>,
    /// The opening's paragraphs, citations expanded; empty for the default sentence.
    pub mo_dau: Vec<OneLine>,
    pub noi_dung: Vec<BlockView>,
    /// The closing's paragraphs; empty when the plan has none (`ket_thuc: ""`).
    pub ket_thuc: Vec<OneLine>,
    /// No `ket_thuc` in the plan: the template's default sentence.
    pub ket_thuc_mac_dinh: bool,
    pub ky: SignatureView,
    pub noi_nhan: Vec<OneLine>,
    /// "Lưu: VT, HT (2)." with the drafter code (ô 12) when given.
    pub luu: OneLine,
    pub phu_luc: Vec<AppendixView>,
}

#[derive(Serialize)]
pub(crate) struct KindView {
    pub khoa: OneLine,
    pub ten: &'static str,
    pub tieu_de: OneLine,
}

#[derive(Serialize)]
pub(crate) struct IssuerView {
    pub chu_quan: Vec<OneLine>,
    pub ten: Vec<OneLine>,
    pub ten_goi: OneLine,
    pub viet_tat: OneLine,
}

#[derive(Serialize)]
pub(crate) struct DateView {
    /// "ngày 07 tháng 7 năm 2021", with blanks for the parts a draft leaves open.
    pub dai: OneLine,
    /// "07/7/2021" (empty in a draft without a full date).
    pub ngan: OneLine,
    pub iso: Option<OneLine>,
    pub day_du: bool,
}

#[derive(Serialize, Clone)]
pub struct CitationView {
    pub id: OneLine,
    pub ten_loai: OneLine,
    pub so_ky_hieu: OneLine,
    pub ngay: Option<OneLine>,
    pub co_quan: Option<OneLine>,
    pub trich_yeu: Option<OneLine>,
    /// "Kế hoạch số 2325/KH-UBND ngày 25/6/2021 của UBND thị xã Ninh Hòa".
    pub day_du: OneLine,
    /// "Kế hoạch số 2325/KH-UBND".
    pub ngan: OneLine,
}

/// One body block, flattened with its marker (computed, or as the plan prints it).
#[derive(Serialize)]
pub(crate) struct BlockView {
    /// `muc`, `khoan`, `diem`, `gach`, `cong`, `doan`.
    pub loai: &'static str,
    /// The automatic marker without punctuation: "I", "1", "1.1", "a"; empty for items
    /// and paragraphs.
    pub so: OneLine,
    /// The marker as printed: "I.", "1.", "1.1.", "a)", "-", "+", or the plan's own `so`.
    pub nhan: OneLine,
    pub cap: usize,
    pub text: OneLine,
    /// Run-in text after the title (`tiep`).
    pub tiep: Option<OneLine>,
    /// The element the line is printed as: the kind itself when its role's look fits
    /// (a bold heading), else `doan` with the emphasis written inline.
    pub vai: &'static str,
    /// The whole printed line — marker, text, run-in text — with inline emphasis.
    pub dong: OneLine,
}

#[derive(Serialize)]
pub(crate) struct SignatureView {
    /// The authority lines: "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH".
    pub dong: Vec<OneLine>,
    pub ho_ten: OneLine,
}

#[derive(Serialize)]
pub(crate) struct AppendixView {
    pub index: usize,
    /// "Phụ lục" alone, or "Phụ lục I" … when there are several (§4).
    pub nhan: OneLine,
    pub ten: OneLine,
    pub ngang: bool,
    /// The "(Kèm theo …)" line when the plan words it itself, placeholders filled.
    pub kem_theo: Option<OneLine>,
    /// Print "./." after the table.
    pub dau_ket_thuc: bool,
    /// Notes under the table, flattened like the body.
    pub ghi_chu: Vec<BlockView>,
}

impl PlanView {
    pub fn new(plan: &Plan) -> PlanView {
        PlanView::build(plan, true)
    }

    /// The view without the text of the body: `mo_dau`, `noi_dung` and `ket_thuc` are
    /// left empty. For what reads only the document's particulars (number, date,
    /// issuer, signer, recipients), such as an archive record, at a fraction of the cost.
    pub(crate) fn without_body(plan: &Plan) -> PlanView {
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
        let opening = plan.mo_dau.as_ref().map(|t| t.value.as_str()).unwrap_or("");
        let of_relation = |r: Relation| -> Vec<CitationView> {
            plan.van_ban
                .iter()
                .zip(&citations)
                .filter(|(c, _)| c.quan_he == r && !cites(opening, &c.id))
                .map(|(_, v)| v.clone())
                .collect()
        };
        let expand = |t: &str| OneLine::new(super::inline::expand_citations(t, &citations));
        let n_appendices = plan.phu_luc.len();
        PlanView {
            loai: KindView {
                khoa: OneLine::new(plan.loai.key()),
                ten: plan.loai.name(),
                tieu_de: OneLine::new(plan.loai.title()),
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
            so: so.map(OneLine::new),
            ky_hieu: OneLine::new(ky_hieu),
            so_ky_hieu: OneLine::new(so_ky_hieu),
            dia_danh: single_line(&plan.dia_danh),
            ngay: DateView::new(date),
            trich_yeu: single_line(&plan.trich_yeu),
            trich_yeu_trong_cau: OneLine::new(lower_first(&single_line(&plan.trich_yeu))),
            trich_yeu_in_hoa: plan.trich_yeu_in_hoa,
            thuc_hien: of_relation(Relation::ThucHien),
            can_cu: of_relation(Relation::CanCu),
            van_ban: citations.clone(),
            mo_dau: match &plan.mo_dau {
                Some(t) if body => paragraphs(t, &expand),
                _ => Vec::new(),
            },
            noi_dung: if body {
                flatten(&plan.noi_dung, &expand)
            } else {
                Vec::new()
            },
            ket_thuc: match &plan.ket_thuc {
                Some(t) if body => paragraphs(t, &expand),
                _ => Vec::new(),
            },
            ket_thuc_mac_dinh: plan.ket_thuc.is_none(),
            ky: SignatureView::new(plan),
            noi_nhan: plan
                .noi_nhan
                .iter()
                .map(|t| OneLine::new(recipient(&expand(t))))
                .collect(),
            luu: OneLine::new(archive_line(plan)),
            phu_luc: plan
                .phu_luc
                .iter()
                .enumerate()
                .map(|(i, a)| AppendixView {
                    index: i,
                    nhan: OneLine::new(if n_appendices > 1 {
                        format!("Phụ lục {}", numbering::roman(i + 1))
                    } else {
                        "Phụ lục".to_owned()
                    }),
                    ten: single_line(&a.ten),
                    ngang: a.is_landscape(),
                    kem_theo: a
                        .kem_theo
                        .as_ref()
                        .map(|k| OneLine::new(caption(k, plan, date))),
                    dau_ket_thuc: a.dau_ket_thuc.unwrap_or(true),
                    ghi_chu: flatten(&a.ghi_chu, &expand),
                })
                .collect(),
        }
    }
}

impl DateView {
    fn new(date: Option<PlanDate>) -> DateView {
        match date {
            Some(d) => DateView {
                dai: OneLine::new(d.long()),
                ngan: OneLine::new(if d.full().is_some() {
                    d.short()
                } else {
                    String::new()
                }),
                iso: d.full().map(|_| OneLine::new(d.iso())),
                day_du: d.full().is_some(),
            },
            None => {
                let blank = "\u{a0}".repeat(6);
                DateView {
                    dai: OneLine::new(format!("ngày {blank} tháng {blank} năm {blank}")),
                    ngan: OneLine::default(),
                    iso: None,
                    day_du: false,
                }
            }
        }
    }
}

impl CitationView {
    pub fn new(c: &Citation) -> CitationView {
        let so = if c.loai.is_legal() {
            c.so.value.trim().to_owned()
        } else {
            numbering::document_number(&c.so)
        };
        let so_ky_hieu = match &c.so_ky_hieu {
            Some(printed) => super::inline::single_line(printed),
            None if so.is_empty() && c.ky_hieu.trim().is_empty() => String::new(),
            None => format!("{so}/{}", c.ky_hieu.value.trim()),
        };
        let ngay = match &c.ngay_nhu_in {
            Some(printed) => Some(super::inline::single_line(printed)),
            None => c
                .ngay
                .as_ref()
                .and_then(|d| PlanDate::parse(d).ok())
                .map(PlanDate::short),
        };
        let ten_loai = match &c.ten_loai {
            Some(t) => super::inline::single_line(t),
            None => c.loai.name().to_owned(),
        };
        let ngan = if so_ky_hieu.is_empty() {
            ten_loai.clone()
        } else {
            format!("{ten_loai} số {so_ky_hieu}")
        };
        let mut day_du = ngan.clone();
        if let Some(d) = &ngay {
            day_du.push_str(&format!(" ngày {d}"));
        }
        if let Some(q) = &c.co_quan {
            day_du.push_str(&format!(" của {}", super::inline::single_line(q)));
        }
        CitationView {
            id: OneLine::new(c.id.value.clone()),
            ten_loai: OneLine::new(ten_loai),
            so_ky_hieu: OneLine::new(so_ky_hieu),
            ngay: ngay.map(OneLine::new),
            co_quan: c.co_quan.as_ref().map(|t| single_line(t)),
            trich_yeu: c.trich_yeu.as_ref().map(|t| single_line(t)),
            day_du: OneLine::new(day_du),
            ngan: OneLine::new(ngan),
        }
    }
}

impl SignatureView {
    fn new(plan: &Plan) -> SignatureView {
        let ky = &plan.ky;
        let mut dong = Vec::new();
        if let Some(tm) = &ky.thay_mat {
            dong.push(OneLine::new(format!("TM. {}", single_line(tm))));
        }
        if let Some(mode) = ky.hinh_thuc {
            let head = ky
                .thu_truong
                .as_ref()
                .map(|t| single_line(t))
                .unwrap_or_default();
            dong.push(OneLine::new(format!("{} {head}", mode.prefix()).trim_end()));
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

/// Whether `text` cites the document `id` itself (`[@id]` or `[@id:ngan]`).
fn cites(text: &str, id: &str) -> bool {
    text.contains(&format!("[@{id}]")) || text.contains(&format!("[@{id}:"))
}

/// A multi-line plan string as paragraphs: one per non-blank line, citations expanded.
fn paragraphs(text: &str, expand: &dyn Fn(&str) -> OneLine) -> Vec<OneLine> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(expand)
        .collect()
}

/// A recipient as printed: the plan may have typed the leading "- " or the final ";";
/// neither is printed twice. An entry ending in its own punctuation keeps it.
fn recipient(entry: &str) -> String {
    let entry = entry.trim();
    let entry = entry
        .strip_prefix("- ")
        .or_else(|| entry.strip_prefix('-'))
        .unwrap_or(entry)
        .trim_start();
    if entry.ends_with([';', '.', ',', ':']) {
        entry.to_owned()
    } else {
        format!("{entry};")
    }
}

/// An appendix caption written by the plan, with `{so}`, `{ky_hieu}`, `{ngay}` and
/// `{ngay_dai}` filled from the plan (left blank in a draft).
fn caption(pattern: &str, plan: &Plan, date: Option<PlanDate>) -> String {
    let blank = "\u{a0}".repeat(6);
    let so = plan
        .so
        .as_ref()
        .map(|s| numbering::document_number(s))
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| blank.clone());
    let full = date.filter(|d| d.full().is_some());
    let short = full.map(PlanDate::short).unwrap_or_else(|| blank.clone());
    let long = match full {
        Some(d) => d.long().trim_start_matches("ngày ").to_owned(),
        None => format!("{blank} tháng {blank} năm {blank}"),
    };
    single_line(pattern)
        .replace("{so}", &so)
        .replace("{ky_hieu}", &plan.symbol())
        .replace("{ngay_dai}", &long)
        .replace("{ngay}", &short)
}

/// Wraps `text` in inline emphasis markers.
fn emphasise(text: &str, bold: bool, italic: bool) -> String {
    if text.is_empty() {
        return String::new();
    }
    match (bold, italic) {
        (true, true) => format!("***{text}***"),
        (true, false) => format!("**{text}**"),
        (false, true) => format!("*{text}*"),
        (false, false) => text.to_owned(),
    }
}

fn flatten(blocks: &[crate::plan::Block], expand: &dyn Fn(&str) -> OneLine) -> Vec<BlockView> {
    fn walk(
        blocks: &[crate::plan::Block],
        depth: usize,
        parent_clause: Option<&str>,
        out: &mut Vec<BlockView>,
        expand: &dyn Fn(&str) -> OneLine,
    ) {
        let kinds: Vec<_> = blocks.iter().map(|b| Some(b.kind_and_text().0)).collect();
        let numbers = numbering::list_numbers(&kinds);
        for (block, number) in blocks.iter().zip(numbers) {
            let (kind, text) = block.kind_and_text();
            let (loai, so, auto) = match kind {
                BlockKind::Section => ("muc", number.clone(), format!("{number}.")),
                BlockKind::Clause => {
                    // A clause directly under a clause is numbered from it: 1.1., 1.2. …
                    let so = match parent_clause {
                        Some(p) => format!("{p}.{number}"),
                        None => number,
                    };
                    ("khoan", so.clone(), format!("{so}."))
                }
                BlockKind::Point => ("diem", number.clone(), format!("{number})")),
                BlockKind::Dash => ("gach", String::new(), "-".to_owned()),
                BlockKind::Plus => ("cong", String::new(), "+".to_owned()),
                BlockKind::Paragraph => ("doan", String::new(), String::new()),
            };
            let fields = block.fields();
            let nhan = fields
                .and_then(|f| f.so.as_ref())
                .map(|t| super::inline::single_line(t))
                .unwrap_or(auto);
            let text = expand(text);
            let tiep = fields.and_then(|f| f.tiep.as_ref()).map(|t| expand(t));
            let heading = matches!(kind, BlockKind::Section | BlockKind::Clause);
            let bold = fields.and_then(|f| f.dam).unwrap_or(heading);
            let italic = fields.and_then(|f| f.nghieng).unwrap_or(false);
            let marker_bold = bold || fields.and_then(|f| f.so_dam).unwrap_or(false);
            let marker_italic = italic || fields.and_then(|f| f.so_nghieng).unwrap_or(false);
            let plain_role = heading && (!bold || tiep.is_some() || marker_bold != bold);
            let (vai, dong) = if heading && !plain_role {
                // The heading's own role is bold: only slant is written inline.
                let line = join(&nhan, &text);
                (loai, emphasise(&line, false, italic))
            } else {
                let line = if (marker_bold, marker_italic) == (bold, italic) {
                    emphasise(&join(&nhan, &text), bold, italic)
                } else {
                    let marker = emphasise(&nhan, marker_bold, marker_italic);
                    join(&marker, &emphasise(&text, bold, italic))
                };
                (if plain_role { "doan" } else { loai }, line)
            };
            let dong = match &tiep {
                Some(t) => join(&dong, t),
                None => dong,
            };
            let clause_number =
                (kind == BlockKind::Clause).then(|| nhan.trim_end_matches('.').to_owned());
            out.push(BlockView {
                loai,
                so: OneLine::new(so),
                nhan: OneLine::new(nhan),
                cap: depth,
                text,
                tiep,
                vai,
                dong: OneLine::new(dong),
            });
            walk(
                block.children(),
                depth + 1,
                clause_number.as_deref(),
                out,
                expand,
            );
        }
    }
    let mut out = Vec::new();
    walk(blocks, 0, None, &mut out, expand);
    out
}

fn join(a: &str, b: &str) -> String {
    match (a.is_empty(), b.is_empty()) {
        (true, _) => b.to_owned(),
        (_, true) => a.to_owned(),
        _ => format!("{a} {b}"),
    }
}
