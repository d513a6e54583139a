//! What period a Vietnamese time phrase names: "Trước ngày 10/7/2021", "Quý III/2021",
//! "Tháng 8/2021", "Trong năm 2022", "Năm 2023-2025", "Năm 2021 và các năm tiếp theo".
//!
//! A phrase may name several points ("từ 01/8/2021 đến 31/12/2021"); its span runs from
//! the earliest to the latest. Phrases that name no time ("Thường xuyên", "Theo hướng
//! dẫn", "Khi hệ thống được nâng cấp") give no span and no finding.

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::{Captures, Regex, RegexSet};

/// A stretch of days; `to == None` when it runs on ("và các năm tiếp theo").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Span {
    pub from: NaiveDate,
    pub to: Option<NaiveDate>,
}

/// What a time phrase says, with byte ranges into the phrase for diagnostics.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Reading {
    pub span: Option<Span>,
    /// Day/month written without a year where a date is meant ("Trước ngày 10/7").
    pub yearless: Vec<(usize, usize)>,
    /// Dates that do not exist ("30/02/2021"), with why.
    pub impossible: Vec<(usize, usize, String)>,
}

// Word boundaries are ASCII (`(?-u:\b)`): every boundary here sits next to a digit or
// an ASCII letter, and Unicode boundaries keep the regex off its fast engines.
static FULL_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)([0-9]{1,2})\s*[/.-]\s*([0-9]{1,2})\s*[/.-]\s*([0-9]{4})(?-u:\b)|(?-u:\b)([0-9]{1,2})\s+tháng\s+([0-9]{1,2})\s+năm\s+([0-9]{4})(?-u:\b)")
        .expect("valid regex")
});
/// ISO dates (`2021-07-10`), as a plan's own `ngay` is written.
static ISO_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)([0-9]{4})-([0-9]{2})-([0-9]{2})(?-u:\b)").expect("valid regex")
});
static DAY_MONTH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)([0-9]{1,2})/([0-9]{1,2})(?-u:\b)").expect("valid regex")
});
static QUARTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)quý\s+(IV|III|II|I|[1-4])\s*(?:/|năm)\s*([0-9]{4})(?-u:\b)")
        .expect("valid regex")
});
/// "6 tháng đầu năm 2022" / "6 tháng cuối năm 2022": a half year.
static HALF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:6|sáu)\s+tháng\s+(đầu|cuối)\s+năm\s+([0-9]{4})(?-u:\b)")
        .expect("valid regex")
});
static MONTH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)tháng\s+([0-9]{1,2})\s*(?:/|năm)\s*([0-9]{4})(?-u:\b)")
        .expect("valid regex")
});
static YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?-u:\b)((?:19|20)[0-9][0-9])(?-u:\b)").expect("valid regex"));
/// A deadline that comes back every year or period: its day/month needs no year.
static RECURRING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)h[ằà]ng (?:năm|quý|tháng)|mỗi (?:năm|quý|tháng)|định kỳ").expect("valid regex")
});
static OPEN_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)các năm tiếp theo|trở đi|hằng năm|hàng năm").expect("valid regex")
});

/// The forms `read` looks for, as indices into [`FORMS`].
#[derive(Clone, Copy)]
enum Form {
    Iso,
    Full,
    Quarter,
    Half,
    Month,
    DayMonth,
    Year,
}

static FORMS: LazyLock<RegexSet> = LazyLock::new(|| {
    RegexSet::new(
        [
            &ISO_DATE, &FULL_DATE, &QUARTER, &HALF, &MONTH, &DAY_MONTH, &YEAR,
        ]
        .map(|r| r.as_str()),
    )
    .expect("valid regexes")
});

/// Builds the regexes now rather than on the first phrase read, so a batch can build
/// them on one thread while another builds the citation rules' (about 4 ms each).
pub fn prepare() {
    for r in [
        &FULL_DATE, &ISO_DATE, &DAY_MONTH, &QUARTER, &HALF, &MONTH, &YEAR, &RECURRING, &OPEN_END,
    ] {
        LazyLock::force(r);
    }
    LazyLock::force(&FORMS);
}

/// Reads a time phrase.
pub fn read(phrase: &str) -> Reading {
    let mut r = Reading::default();
    // Every form above has a digit; most phrases ("Hằng tháng", a task's wording) have
    // none, and running nine regexes to learn that was a sixth of `check`.
    if !phrase.bytes().any(|b| b.is_ascii_digit()) {
        return r;
    }
    // Of those that have one, most hold one form or none: one pass of the set says
    // which forms to search for (setting up each search was most of the cost).
    let forms = FORMS.matches(phrase);
    if !forms.matched_any() {
        return r;
    }
    let has = |form: Form| forms.matched(form as usize);
    let mut points: Vec<(NaiveDate, NaiveDate)> = Vec::new();
    // Bytes already read as part of a longer form, so "10/7/2021" is not also a
    // year-less "10/7" and a year "2021". A mask keeps long texts linear.
    let mut taken = vec![false; phrase.len()];

    // The ISO, day/month and year forms are read from the match alone (its groups are
    // the runs of digits between the separators): finding the groups again was most of
    // the cost of the phrases that hold one.
    for m in has(Form::Iso)
        .then(|| ISO_DATE.find_iter(phrase))
        .into_iter()
        .flatten()
    {
        take(&mut taken, m.start(), m.end());
        let mut n = m.as_str().split('-').map(|g| g.parse::<u32>().unwrap_or(0));
        let mut n = || n.next().unwrap_or(0);
        let (y, mo, d) = (n(), n(), n());
        day(&mut r, &mut points, (m.start(), m.end()), d, mo, y);
    }
    for c in unread(has(Form::Full), &FULL_DATE, phrase, &mut taken) {
        let m = c.get(0).expect("match");
        let n = |i: usize, j: usize| {
            c.get(i)
                .or_else(|| c.get(j))
                .and_then(|g| g.as_str().parse::<u32>().ok())
        };
        if let (Some(d), Some(mo), Some(y)) = (n(1, 4), n(2, 5), n(3, 6)) {
            day(&mut r, &mut points, (m.start(), m.end()), d, mo, y);
        }
    }
    for c in unread(has(Form::Quarter), &QUARTER, phrase, &mut taken) {
        let q = match c[1].to_uppercase().as_str() {
            "I" | "1" => 1,
            "II" | "2" => 2,
            "III" | "3" => 3,
            _ => 4,
        };
        if let Ok(y) = c[2].parse::<i32>() {
            if let (Some(a), Some(b)) = (month_start(y, q * 3 - 2), month_end(y, q * 3)) {
                points.push((a, b));
            }
        }
    }
    for c in unread(has(Form::Half), &HALF, phrase, &mut taken) {
        let first = c[1].to_lowercase() == "đầu";
        if let Ok(y) = c[2].parse::<i32>() {
            let (from, to) = if first { (1, 6) } else { (7, 12) };
            if let (Some(a), Some(b)) = (month_start(y, from), month_end(y, to)) {
                points.push((a, b));
            }
        }
    }
    for c in unread(has(Form::Month), &MONTH, phrase, &mut taken) {
        let m = c.get(0).expect("match");
        if let (Ok(mo), Ok(y)) = (c[1].parse::<u32>(), c[2].parse::<i32>()) {
            match (month_start(y, mo), month_end(y, mo)) {
                (Some(a), Some(b)) => points.push((a, b)),
                _ => r.impossible.push((
                    m.start(),
                    m.end(),
                    crate::msg!("date.month_missing", month = mo),
                )),
            }
        }
    }
    let mut recurring = None;
    for m in has(Form::DayMonth)
        .then(|| DAY_MONTH.find_iter(phrase))
        .into_iter()
        .flatten()
    {
        if overlaps(&taken, m.start(), m.end()) {
            continue;
        }
        // "30 phút/01 lần" is a rate, not a date: a year-less date reads "ngày 10/7" or
        // stands alone as the whole phrase's time ("Trước 10/7").
        let (d, mo) = m.as_str().split_once('/').unwrap_or_default();
        let (d, mo) = (
            d.parse::<u32>().unwrap_or(0),
            mo.parse::<u32>().unwrap_or(0),
        );
        if (1..=31).contains(&d) && (1..=12).contains(&mo) {
            take(&mut taken, m.start(), m.end());
            if !*recurring.get_or_insert_with(|| RECURRING.is_match(phrase)) {
                r.yearless.push((m.start(), m.end()));
            }
        }
    }
    for m in has(Form::Year)
        .then(|| YEAR.find_iter(phrase))
        .into_iter()
        .flatten()
    {
        if overlaps(&taken, m.start(), m.end()) {
            continue;
        }
        if let Ok(y) = m.as_str().parse::<i32>() {
            if let (Some(a), Some(b)) = (month_start(y, 1), month_end(y, 12)) {
                points.push((a, b));
            }
        }
    }
    if let (Some(from), Some(to)) = (
        points.iter().map(|p| p.0).min(),
        points.iter().map(|p| p.1).max(),
    ) {
        let open = OPEN_END.is_match(phrase);
        r.span = Some(Span {
            from,
            to: if open { None } else { Some(to) },
        });
    }
    r
}

/// The matches of `re` (none unless `on`) that no longer form has read, each marked read
/// as it is handed out.
fn unread<'a>(
    on: bool,
    re: &'static Regex,
    phrase: &'a str,
    taken: &'a mut [bool],
) -> impl Iterator<Item = Captures<'a>> + 'a {
    on.then(|| re.captures_iter(phrase))
        .into_iter()
        .flatten()
        .filter(move |c| {
            let m = c.get(0).expect("match");
            let fresh = !overlaps(taken, m.start(), m.end());
            if fresh {
                take(taken, m.start(), m.end());
            }
            fresh
        })
}

/// A day read at `at`: its date, or why there is no such day.
fn day(
    r: &mut Reading,
    points: &mut Vec<(NaiveDate, NaiveDate)>,
    at: (usize, usize),
    d: u32,
    mo: u32,
    y: u32,
) {
    match NaiveDate::from_ymd_opt(y as i32, mo, d) {
        Some(date) => points.push((date, date)),
        None => r.impossible.push((at.0, at.1, impossible(d, mo, y))),
    }
}

fn overlaps(taken: &[bool], a: usize, b: usize) -> bool {
    taken[a..b].iter().any(|t| *t)
}

fn take(taken: &mut [bool], a: usize, b: usize) {
    taken[a..b].iter_mut().for_each(|t| *t = true);
}

fn month_start(y: i32, m: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, 1)
}

fn month_end(y: i32, m: u32) -> Option<NaiveDate> {
    let next = if m == 12 {
        NaiveDate::from_ymd_opt(y + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(y, m + 1, 1)
    };
    next?.pred_opt()
}

fn impossible(d: u32, m: u32, y: u32) -> String {
    if !(1..=12).contains(&m) {
        crate::msg!("date.month_missing", month = m)
    } else {
        crate::msg!("date.day_missing", month = m, year = y, day = d)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn span(p: &str) -> Option<Span> {
        read(p).span
    }

    #[test]
    fn reads_the_forms_plans_use() {
        let day = d(2021, 7, 10);
        assert_eq!(
            span("Trước ngày 10/7/2021"),
            Some(Span {
                from: day,
                to: Some(day)
            })
        );
        assert_eq!(
            span("Năm 2023-2025"),
            Some(Span {
                from: d(2023, 1, 1),
                to: Some(d(2025, 12, 31))
            })
        );
        assert_eq!(
            span("Trong năm 2022"),
            Some(Span {
                from: d(2022, 1, 1),
                to: Some(d(2022, 12, 31))
            })
        );
        assert_eq!(
            span("Quý III/2021"),
            Some(Span {
                from: d(2021, 7, 1),
                to: Some(d(2021, 9, 30))
            })
        );
        assert_eq!(
            span("Tháng 02/2024"),
            Some(Span {
                from: d(2024, 2, 1),
                to: Some(d(2024, 2, 29))
            })
        );
        assert_eq!(
            span("Năm 2021 và các năm tiếp theo"),
            Some(Span {
                from: d(2021, 1, 1),
                to: None
            })
        );
        assert_eq!(
            span("ngày 05 tháng 3 năm 2020"),
            Some(Span {
                from: d(2020, 3, 5),
                to: Some(d(2020, 3, 5))
            })
        );
    }

    #[test]
    fn phrases_without_a_time_give_nothing() {
        for p in [
            "Thường xuyên",
            "Theo hướng dẫn",
            "Khi hệ thống được nâng cấp, hoàn thiện",
            "Sau khi có hướng dẫn",
            "tối đa 30 phút/01 lần",
            "Trước ngày 15/12 hằng năm",
            "",
        ] {
            assert_eq!(read(p), Reading::default(), "{p}");
        }
    }

    #[test]
    fn digits_of_other_scripts_are_not_a_date() {
        // A date is written in ASCII digits, the only ones `parse` reads; Arabic-Indic
        // or fullwidth digits are text.
        for p in [
            "a٢٠٢١-٠٧-١٠b x١/٢y",
            "１５/３/２０２６",
            "quý ２ năm ２０２６",
        ] {
            assert_eq!(read(p), Reading::default(), "{p}");
        }
    }

    #[test]
    fn finds_yearless_and_impossible_dates() {
        let p = "Trước ngày 10/7";
        let r = read(p);
        let at = p.find("10/7").unwrap();
        assert_eq!(r.yearless, vec![(at, at + 4)]);
        assert!(r.span.is_none());
        let r = read("Trước ngày 30/02/2021");
        assert_eq!(r.impossible.len(), 1);
        assert!(r.impossible[0].2.contains("no day 30"));
    }
}
