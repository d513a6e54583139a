//! Dates: every date exists; the plan is not dated before what it cites; deadlines are
//! not before the plan and carry their year; the plan's period is two years in order.

use chrono::NaiveDate;

use crate::check::fields::Role;
use crate::check::{Cx, RuleInfo};
use crate::diag::Diagnostic;
use crate::diag::Severity::{Error, Warning};
use crate::numbering::{DateError, PlanDate};
use crate::plan::Text;

pub const DATE_INVALID: RuleInfo = RuleInfo {
    id: "KH-DATE-INVALID",
    severity: Error,
    clause: None,
    summary: "ngày không có thật (30/02/2021) hoặc `ngay` không đọc được thành ngày",
};
pub const BEFORE_SOURCE: RuleInfo = RuleInfo {
    id: "KH-DATE-BEFORE-SOURCE",
    severity: Error,
    clause: None,
    summary: "kế hoạch có ngày trước một văn bản mà nó dẫn",
};
pub const DEADLINE_BEFORE_PLAN: RuleInfo = RuleInfo {
    id: "KH-DEADLINE-BEFORE-PLAN",
    severity: Error,
    clause: None,
    summary: "thời hạn của nhiệm vụ (`thoi_han`) trước ngày của kế hoạch",
};
pub const DEADLINE_NO_YEAR: RuleInfo = RuleInfo {
    id: "KH-DEADLINE-NO-YEAR",
    severity: Warning,
    clause: None,
    summary: "ngày thiếu năm ở chỗ cần một ngày cụ thể (`Trước ngày 10/7`)",
};
pub const PERIOD_INVALID: RuleInfo = RuleInfo {
    id: "KH-PERIOD-INVALID",
    severity: Error,
    clause: None,
    summary: "`thoi_gian.tu`/`den` không phải một năm, hoặc `tu` sau `den`",
};

/// The first and last day a (possibly partial) date can mean.
pub fn days(d: PlanDate) -> Option<(NaiveDate, NaiveDate)> {
    let from = NaiveDate::from_ymd_opt(d.year, d.month.unwrap_or(1), d.day.unwrap_or(1))?;
    let to = match (d.month, d.day) {
        (Some(_), Some(_)) => from,
        (Some(m), None) => month_end(d.year, m)?,
        _ => NaiveDate::from_ymd_opt(d.year, 12, 31)?,
    };
    Some((from, to))
}

fn month_end(y: i32, m: u32) -> Option<NaiveDate> {
    let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    NaiveDate::from_ymd_opt(ny, nm, 1)?.pred_opt()
}

/// `dd/mm/yyyy` for messages.
fn short(d: NaiveDate) -> String {
    PlanDate::from(d).short()
}

/// The plan's own date, when it parses; reports it when it does not.
pub fn plan_date(cx: &Cx<'_>, out: Option<&mut Vec<Diagnostic>>) -> Option<PlanDate> {
    let ngay = cx.plan.ngay.as_ref()?;
    match PlanDate::parse(ngay) {
        Ok(d) => Some(d),
        Err(why) => {
            if let Some(out) = out {
                out.push(invalid_field(cx, ngay, "ngay", why));
            }
            None
        }
    }
}

fn invalid_field(cx: &Cx<'_>, t: &Text, field: &str, why: DateError) -> Diagnostic {
    DATE_INVALID.report(
        cx.at(t, 0, t.value.len()),
        format!("`{field}`: {why}"),
        "ghi một ngày có thật, ví dụ 15/3/2026 hoặc 2026-03-15; dự thảo có thể chỉ ghi tháng và năm (3/2026) hoặc năm (2026)",
    )
}

pub fn check(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    let plan = plan_date(cx, Some(out)).and_then(days);
    for c in &cx.plan.van_ban {
        if let Some(ngay) = &c.ngay {
            if let Err(why) = PlanDate::parse(ngay) {
                out.push(invalid_field(cx, ngay, "van_ban.ngay", why));
            }
        }
    }
    typed_dates(cx, out);
    if let Some((plan_from, plan_to)) = plan {
        before_sources(cx, plan_to, out);
        deadlines(cx, plan_from, out);
    }
    period(cx, out);
}

static RANGE_END: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"^\s*(?:đến|tới|-|–)\s*(?:ngày\s*)?\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4}")
        .expect("valid regex")
});

/// Dates written in the text: impossible ones, and year-less ones where a date is meant.
fn typed_dates(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    let texts = cx.fields.iter().zip(&cx.times);
    for (f, r) in texts.filter(|(f, _)| f.role != Role::Code) {
        let value = f.text.value.as_str();
        for &(s, e, ref why) in &r.impossible {
            out.push(DATE_INVALID.report(
                cx.at(f.text, s, e - s),
                crate::msg!(
                    "check.date_invalid",
                    date = &value[s..e],
                    key = f.key,
                    why = why
                ),
                crate::msg!("check.date_invalid_help"),
            ));
        }
        let deadline = f.key == "thoi_han";
        for &(s, e) in &r.yearless {
            // In prose "1/2" may be a fraction; there only "ngày 10/7" is a date.
            let before = value[..s].trim_end();
            if !deadline && !["ngày", "Ngày", "NGÀY"].iter().any(|w| before.ends_with(w)) {
                continue;
            }
            // "Từ ngày 15/11 đến ngày 20/11/2025": the range's end carries the year.
            if RANGE_END.is_match(&value[e..]) {
                continue;
            }
            out.push(DEADLINE_NO_YEAR.report(
                cx.at(f.text, s, e - s),
                crate::msg!("check.no_year", date = &value[s..e], key = f.key),
                crate::msg!("check.no_year_help", date = &value[s..e]),
            ));
        }
    }
}

fn before_sources(cx: &Cx<'_>, plan_to: NaiveDate, out: &mut Vec<Diagnostic>) {
    for m in &cx.mentions {
        let Some((from, _)) = m.date.and_then(days) else {
            continue;
        };
        if plan_to < from {
            out.push(BEFORE_SOURCE.report(
                m.date_at,
                crate::msg!(
                    "check.before_source",
                    doc = m.short(),
                    date = short(from),
                    plan = short(plan_to)
                ),
                crate::msg!("check.before_source_help"),
            ));
        }
    }
}

fn deadlines(cx: &Cx<'_>, plan_from: NaiveDate, out: &mut Vec<Diagnostic>) {
    for (t, span) in cx.deadlines() {
        let Some(span) = span else { continue };
        if let Some(to) = span.to.filter(|to| *to < plan_from) {
            out.push(DEADLINE_BEFORE_PLAN.report(
                cx.at(t, 0, t.value.len()),
                crate::msg!(
                    "check.deadline_before_plan",
                    deadline = &t.value,
                    end = short(to),
                    plan = short(plan_from)
                ),
                crate::msg!("check.deadline_before_plan_help"),
            ));
        }
    }
}

/// The plan's period as years, when both are valid and in order.
pub fn period_years(cx: &Cx<'_>) -> Option<(i32, i32)> {
    let p = cx.plan.thoi_gian.as_ref()?;
    let (tu, den) = (year(&p.tu)?, year(&p.den)?);
    (tu <= den).then_some((tu, den))
}

fn year(t: &Text) -> Option<i32> {
    let raw = t.value.trim();
    (raw.len() == 4 && raw.bytes().all(|b| b.is_ascii_digit()))
        .then(|| raw.parse().ok())
        .flatten()
}

fn period(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    let Some(p) = &cx.plan.thoi_gian else { return };
    for (key, t) in [("tu", &p.tu), ("den", &p.den)] {
        if year(t).is_none() {
            out.push(PERIOD_INVALID.report(
                cx.at(t, 0, t.value.len()),
                crate::msg!("check.period_not_year", key = key, value = &t.value),
                crate::msg!("check.period_not_year_help"),
            ));
        }
    }
    if let (Some(tu), Some(den)) = (year(&p.tu), year(&p.den)) {
        if tu > den {
            out.push(PERIOD_INVALID.report(
                cx.at(&p.den, 0, p.den.value.len()),
                crate::msg!("check.period_backwards", from = tu, to = den),
                crate::msg!("check.period_backwards_help"),
            ));
        }
    }
}
