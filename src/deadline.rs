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

use crate::timespan::{self, Span};

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

/// Words that make a deadline open-ended, whatever dates it also names.
const OPEN_MARKERS: [&str; 6] = [
    "tiếp theo",
    "thường xuyên",
    "hằng năm",
    "hàng năm",
    "liên tục",
    "định kỳ",
];

/// Reads a deadline cell as the latest day it allows ("2023-2025" → 31/12/2025;
/// "Tháng 6/2021" → 30/6/2021; "Quý II/2022" → 30/6/2022). The dates themselves are
/// read by [`crate::timespan`], the one reader of time phrases `check` uses too.
pub fn parse(text: &str) -> Deadline {
    let lower = text.to_lowercase();
    if OPEN_MARKERS.iter().any(|m| lower.contains(m)) {
        return Deadline::Open;
    }
    match timespan::read(text).span {
        Some(Span { to: Some(day), .. }) => Deadline::By(day),
        Some(Span { to: None, .. }) => Deadline::Open,
        None => Deadline::Unknown,
    }
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
