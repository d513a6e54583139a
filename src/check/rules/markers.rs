//! Markers typed by hand that the renderer adds itself: "I." before a `muc`, "a)"
//! before a `diem`, "TM." before `thay_mat`, "- " and ";" around a recipient. Printed,
//! they come out twice ("I. I. MỤC ĐÍCH", "- - UBND thị xã;;").

use std::sync::LazyLock;

use regex::Regex;

use crate::check::fields::block_text;
use crate::check::{Cx, RuleInfo};
use crate::diag::Diagnostic;
use crate::diag::Severity::Warning;
use crate::plan::{Block, Text};

pub const TYPED: RuleInfo = RuleInfo {
    id: "KH-MARKER-TYPED",
    severity: Warning,
    clause: None,
    summary: "số, chữ cái, gạch đầu dòng, TM./KT. hoặc `;` gõ tay ở chỗ phần mềm tự thêm",
};

static ROMAN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*[IVXLC]+\s*[.)/]\s*").expect("valid regex"));
static NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*\d{1,3}\s*[.)/]\s+").expect("valid regex"));
static LETTER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*[a-zđ]\)\s*").expect("valid regex"));
static DASH: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\s*[-–—•]\s*").expect("valid regex"));
static PLUS: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\s*\+\s*").expect("valid regex"));
static AUTHORITY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*(?:TM|KT|Q|TL|TUQ)\.\s*").expect("valid regex"));
static APPENDIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*phụ\s+lục(?:\s+[IVXLC\d]+)?\s*[.:\-–]?\s*").expect("valid regex")
});

pub fn check(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    blocks(cx, &cx.plan.noi_dung, out);
    let ky = &cx.plan.ky;
    if let Some(t) = &ky.thay_mat {
        prefix(cx, t, "thay_mat", &AUTHORITY, "check.marker_tm", out);
    }
    if let Some(t) = &ky.thu_truong {
        prefix(cx, t, "thu_truong", &AUTHORITY, "check.marker_kt", out);
    }
    if let Some(t) = cx.plan.luu.noi_luu.first() {
        let lead = t.value.trim_start();
        if lead.starts_with("Lưu") || lead.starts_with("- Lưu") {
            out.push(TYPED.report(
                cx.at(t, 0, t.value.len()),
                crate::msg!("check.marker_luu", value = &t.value),
                crate::msg!("check.marker_luu_help"),
            ));
        }
    }
    for app in &cx.plan.phu_luc {
        prefix(
            cx,
            &app.ten,
            "phu_luc.ten",
            &APPENDIX,
            "check.marker_appendix",
            out,
        );
        for group in &app.nhom {
            prefix(
                cx,
                &group.ten,
                "nhom.ten",
                &ROMAN,
                "check.marker_groups",
                out,
            );
            for task in &group.nhiem_vu {
                prefix(
                    cx,
                    &task.noi_dung,
                    "nhiem_vu.noi_dung",
                    &NUMBER,
                    "check.marker_tasks",
                    out,
                );
            }
        }
    }
}

fn blocks(cx: &Cx<'_>, list: &[Block], out: &mut Vec<Diagnostic>) {
    for b in list {
        let rule: Option<(&Regex, &str)> = match block_text(b) {
            Some(("muc", _)) => Some((&ROMAN, "check.marker_sections")),
            Some(("khoan", _)) => Some((&NUMBER, "check.marker_clauses")),
            Some(("diem", _)) => Some((&LETTER, "check.marker_points")),
            Some(("gach", _)) => Some((&DASH, "check.marker_dash")),
            Some(("cong", _)) => Some((&PLUS, "check.marker_plus")),
            _ => None,
        };
        if let (Some((key, t)), Some((re, why))) = (block_text(b), rule) {
            prefix(cx, t, key, re, why, out);
        }
        blocks(cx, b.children(), out);
    }
}

/// `why` is the catalogue key of the reason, looked up only for a finding.
fn prefix(cx: &Cx<'_>, t: &Text, key: &str, re: &Regex, why: &str, out: &mut Vec<Diagnostic>) {
    let Some(m) = re.find(&t.value) else { return };
    let typed = m.as_str().trim();
    out.push(TYPED.report(
        cx.at(t, m.start(), m.len()),
        crate::msg!("check.marker_typed", key = key, typed = typed),
        crate::msg!(
            "check.marker_typed_help",
            typed = typed,
            why = crate::msg!(why)
        ),
    ));
}
