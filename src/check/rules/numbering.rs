//! Number and symbol: `so` is a positive integer written without padding (the renderer
//! pads 1–9), and the symbol `KH-UBND` built from the type and `co_quan.viet_tat` is
//! well formed.

use super::clause;
use crate::check::{Cx, RuleInfo};
use crate::diag::Diagnostic;
use crate::diag::Severity::{Error, Warning};
use crate::plan::{DocKind, Text};

pub const SO_NOT_NUMBER: RuleInfo = RuleInfo {
    id: "ND30-SO-NOT-NUMBER",
    severity: Error,
    clause: Some(clause::SO),
    summary: "`so` (của kế hoạch hoặc của văn bản được dẫn) không phải số nguyên dương",
};
pub const SO_LEADING_ZERO: RuleInfo = RuleInfo {
    id: "ND30-SO-LEADING-ZERO",
    severity: Warning,
    clause: Some(clause::SO_ZERO),
    summary: "`so` của kế hoạch không theo cách ghi số của Nghị định 30: số từ 1 đến 9 ghi 01–09, số từ 10 trở lên không có số 0 phía trước",
};
pub const KY_HIEU_FORMAT: RuleInfo = RuleInfo {
    id: "ND30-KY-HIEU-FORMAT",
    severity: Error,
    clause: Some(clause::KY_HIEU),
    summary: "`co_quan.viet_tat` để trống hoặc có dấu cách hay `/` (ký hiệu không có dấu cách)",
};
pub const KY_HIEU_CASE: RuleInfo = RuleInfo {
    id: "ND30-KY-HIEU-CASE",
    severity: Warning,
    clause: Some(clause::KY_HIEU),
    summary: "`co_quan.viet_tat` có chữ thường (ký hiệu in bằng chữ in hoa)",
};
pub const KY_HIEU_TYPE: RuleInfo = RuleInfo {
    id: "ND30-KY-HIEU-TYPE",
    severity: Error,
    clause: Some(clause::ABBREVIATIONS),
    summary: "ký hiệu không khớp loại văn bản: `viet_tat` lặp chữ viết tắt tên loại (`KH-KH-UBND`), hoặc công văn thiếu phần đơn vị soạn thảo",
};

pub fn check(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    if let Some(so) = &cx.plan.so {
        number(cx, so, "so", out);
    }
    // A cited document's number is as its issuer registered it ("007", "02110"): only
    // whether it is a number is the plan's business; a document cited without a number
    // leaves `so` empty.
    for c in &cx.plan.van_ban {
        if !c.so.trim().is_empty() {
            number(cx, &c.so, "van_ban.so", out);
        }
    }
    symbol(cx, out);
}

fn number(cx: &Cx<'_>, so: &Text, field: &str, out: &mut Vec<Diagnostic>) {
    let raw = so.value.trim();
    let at = cx.at(so, 0, so.value.len());
    if raw.is_empty() {
        out.push(SO_NOT_NUMBER.report(
            at,
            crate::msg!("check.so_empty", field = field),
            crate::msg!("check.so_empty_help"),
        ));
        return;
    }
    if !raw.bytes().all(|b| b.is_ascii_digit()) {
        let help = if raw.contains('/') {
            crate::msg!("check.so_with_symbol")
        } else {
            crate::msg!("check.so_digits")
        };
        out.push(SO_NOT_NUMBER.report(
            at,
            crate::msg!("check.so_not_number", field = field, raw = raw),
            help,
        ));
        return;
    }
    let n = raw.trim_start_matches('0');
    if n.is_empty() {
        out.push(SO_NOT_NUMBER.report(
            at,
            crate::msg!("check.so_zero", field = field, raw = raw),
            crate::msg!("check.so_zero_help"),
        ));
    } else if field == "so" && raw.starts_with('0') && (n.len() > 1 || raw.len() > 2) {
        out.push(SO_LEADING_ZERO.report(
            at,
            format!("`{field}` ghi `{raw}`: Nghị định 30 chỉ thêm số 0 trước các số từ 1 đến 9"),
            format!("số đã cấp thì giữ nguyên; số đang đặt thì ghi `{n}`"),
        ));
    } else if field == "so" && raw.len() == 1 {
        out.push(SO_LEADING_ZERO.report(
            at,
            format!("`{field}` ghi `{raw}`: Nghị định 30 ghi các số từ 1 đến 9 có số 0 phía trước"),
            format!("ghi `0{raw}` (số được in đúng như ghi trong tệp)"),
        ));
    }
}

fn symbol(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    let vt = &cx.plan.co_quan.viet_tat;
    let raw = vt.value.as_str();
    if raw.trim().is_empty() {
        out.push(KY_HIEU_FORMAT.report(
            vt.at,
            crate::msg!("check.abbr_empty"),
            crate::msg!("check.abbr_empty_help"),
        ));
        return;
    }
    if let Some(i) = raw.find(|c: char| c.is_whitespace() || c == '/') {
        let c = raw[i..].chars().next().unwrap_or(' ');
        let what = if c == '/' {
            crate::msg!("check.abbr_slash")
        } else {
            crate::msg!("check.abbr_space")
        };
        out.push(KY_HIEU_FORMAT.report(
            cx.at(vt, i, c.len_utf8()),
            crate::msg!("check.abbr_has", raw = raw, what = what),
            crate::msg!("check.abbr_has_help"),
        ));
    } else if raw.starts_with('-') || raw.ends_with('-') || raw.contains("--") {
        out.push(KY_HIEU_FORMAT.report(
            cx.at(vt, 0, raw.len()),
            crate::msg!("check.abbr_dash", raw = raw),
            crate::msg!("check.abbr_dash_help"),
        ));
    }
    if raw.chars().any(char::is_lowercase) {
        out.push(KY_HIEU_CASE.report(
            cx.at(vt, 0, raw.len()),
            crate::msg!("check.abbr_case", raw = raw),
            crate::msg!("check.abbr_case_help", upper = raw.to_uppercase()),
        ));
    }
    let plan_kind = cx.plan.loai;
    if let Some(kind) = DocKind::ALL.into_iter().find(|k| {
        k.abbreviation()
            .is_some_and(|a| raw.starts_with(&format!("{a}-")))
    }) {
        let a = kind.abbreviation().unwrap_or_default();
        out.push(KY_HIEU_TYPE.report(
            cx.at(vt, 0, a.len() + 1),
            crate::msg!(
                "check.abbr_type",
                raw = raw,
                a = a,
                symbol = cx.plan.symbol()
            ),
            crate::msg!(
                "check.abbr_type_help",
                body = &raw[a.len() + 1..],
                loai = plan_kind.key()
            ),
        ));
    } else if plan_kind == DocKind::CongVan && !raw.contains('-') {
        out.push(KY_HIEU_TYPE.report(
            cx.at(vt, 0, raw.len()),
            crate::msg!("check.cong_van_symbol", raw = raw),
            crate::msg!("check.cong_van_symbol_help", raw = raw),
        ));
    }
}
