//! Task deadlines as clerks write them ("Trước ngày 10/7/2021", "Năm 2023-2025",
//! "Quý II/2022", "Thường xuyên") read as the latest day they allow.
//!
//! Used by `derive --report` to warn when a ward's deadline is later than the town's,
//! and meant for `check`'s rules too: one reading of a deadline for the whole tool.
//!
//! The reading is deliberately coarse and one-sided: it answers "by when at the latest?",
//! so a comparison can only warn when both sides are clear. Open-ended deadlines
//! ("… và các năm tiếp theo", "Thường xuyên", "Hằng năm", "Theo hướng dẫn") have no
//! latest day and compare with nothing.

use chrono::NaiveDate;

/// What a deadline cell says about time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Deadline {
    /// Done by this day at the latest.
    By(NaiveDate),
    /// Ongoing or open-ended: "Thường xuyên", "Năm 2021 và các năm tiếp theo".
    Open,
    /// No date in it: "Theo hướng dẫn", "Sau khi có hướng dẫn".
    Unknown,
}

impl Deadline {
    pub fn latest(self) -> Option<NaiveDate> {
        match self {
            Deadline::By(d) => Some(d),
            _ => None,
        }
    }
}

/// Words that make a deadline open-ended, whatever dates it also names.
const OPEN_MARKERS: [&str; 6] = [
    "tiếp theo",
    "thường xuyên",
    "hằng năm",
    "hàng năm",
    "liên tục",
    "định kỳ",
];

/// Reads a deadline cell. The latest date any part of it names wins ("2023-2025" →
/// 31/12/2025; "Tháng 6/2021" → 30/6/2021; "Quý II/2022" → 30/6/2022;
/// "6 tháng đầu năm 2022" → 30/6/2022).
pub fn parse(text: &str) -> Deadline {
    let lower = text.to_lowercase();
    if OPEN_MARKERS.iter().any(|m| lower.contains(m)) {
        return Deadline::Open;
    }
    let first_half = lower.contains("6 tháng đầu năm") || lower.contains("sáu tháng đầu năm");
    let tokens = tokens(&lower);
    let mut latest: Option<NaiveDate> = None;
    let mut keep = |d: Option<NaiveDate>| {
        if let Some(d) = d {
            latest = Some(latest.map_or(d, |l| l.max(d)));
        }
    };
    for (i, token) in tokens.iter().enumerate() {
        let parts: Vec<&str> = token.split(['/', '-', '.']).collect();
        let quarter = i > 0 && tokens[i - 1] == "quý";
        match parts.as_slice() {
            // ISO: 2021-07-10.
            [y, m, d] if y.len() == 4 => keep(ymd(y, m, d)),
            [d, m, y] => keep(ymd(y, m, d)),
            [q, y] if quarter => keep(quarter_end(q, y)),
            [m, y] if y.len() == 4 && m.len() <= 2 => keep(month_end(y, m)),
            // A year range written 2023-2025: the later year counts.
            [a, b] if a.len() == 4 && b.len() == 4 => {
                keep(year_end(a));
                keep(year_end(b));
            }
            [y] if y.len() == 4 && first_half => keep(ymd(y, "6", "30")),
            [y] if y.len() == 4 => keep(year_end(y)),
            _ => {}
        }
    }
    match latest {
        Some(d) => Deadline::By(d),
        None => Deadline::Unknown,
    }
}

/// The runs of digits, separators and roman numerals ("ii/2022"), plus the words.
fn tokens(lower: &str) -> Vec<String> {
    lower
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '(' | ')' | ':'))
        .map(|t| t.trim_end_matches('.').to_owned())
        .filter(|t| !t.is_empty())
        .collect()
}

fn number(s: &str) -> Option<u32> {
    (!s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

fn ymd(y: &str, m: &str, d: &str) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year(y)?, number(m)?, number(d)?)
}

fn year(y: &str) -> Option<i32> {
    (y.len() == 4)
        .then(|| number(y))
        .flatten()
        .map(|y| y as i32)
}

fn year_end(y: &str) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year(y)?, 12, 31)
}

fn month_end(y: &str, m: &str) -> Option<NaiveDate> {
    let (y, m) = (year(y)?, number(m)?);
    let next = if m == 12 {
        NaiveDate::from_ymd_opt(y + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(y, m + 1, 1)
    };
    next?.pred_opt()
}

fn quarter_end(q: &str, y: &str) -> Option<NaiveDate> {
    let q = match q {
        "i" | "1" => 1,
        "ii" | "2" => 2,
        "iii" | "3" => 3,
        "iv" | "4" => 4,
        _ => return None,
    };
    month_end(y, &(q * 3).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> Deadline {
        Deadline::By(NaiveDate::from_ymd_opt(y, m, d).unwrap())
    }

    #[test]
    fn reads_the_deadlines_of_the_example_plans() {
        let cases = [
            ("Trước ngày 10/7/2021", day(2021, 7, 10)),
            ("Tháng 6/2021", day(2021, 6, 30)),
            ("Trong năm 2021", day(2021, 12, 31)),
            ("Năm 2021", day(2021, 12, 31)),
            ("Trong năm 2022-2025", day(2025, 12, 31)),
            ("Năm 2023-2025", day(2025, 12, 31)),
            ("Năm 2025", day(2025, 12, 31)),
            ("Quý II/2022", day(2022, 6, 30)),
            ("6 tháng đầu năm 2022", day(2022, 6, 30)),
            ("2021-07-10", day(2021, 7, 10)),
            ("Hoàn thành trước 31/12/2021.", day(2021, 12, 31)),
            ("Năm 2021 và các năm tiếp theo", Deadline::Open),
            ("Thường xuyên", Deadline::Open),
            ("Hằng năm", Deadline::Open),
            ("Theo hướng dẫn", Deadline::Unknown),
            ("Khi hệ thống được nâng cấp, hoàn thiện", Deadline::Unknown),
            ("Trước ngày 31/02/2021", Deadline::Unknown),
        ];
        for (text, want) in cases {
            assert_eq!(parse(text), want, "{text}");
        }
    }
}
