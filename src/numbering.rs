//! Numbers, dates and markers written the Decree 30 way (docs/nd30-layout.md §3.4, §7).
//!
//! - Document numbers and days 1–9 get a leading zero (`07`); months only for
//!   January and February (`tháng 01`, `tháng 7`).
//! - Points run `a) b) c) d) đ) e) g) h) i) k) …` (no f, j, w, z).

use chrono::{Datelike, NaiveDate};

/// Roman numerals for sections and appendix groups (I, II … XL …).
pub fn roman(mut n: usize) -> String {
    const TABLE: [(usize, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (value, digits) in TABLE {
        while n >= value {
            out.push_str(digits);
            n -= value;
        }
    }
    out
}

/// The Vietnamese letter sequence for điểm (§3.4).
pub const POINT_LETTERS: [&str; 23] = [
    "a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t",
    "u", "v", "x", "y",
];

/// The letter of the `index`-th point (0-based); past `y` it doubles (`aa`, `bb` …).
pub fn point_letter(index: usize) -> String {
    let letter = POINT_LETTERS[index % POINT_LETTERS.len()];
    letter.repeat(index / POINT_LETTERS.len() + 1)
}

/// The automatic numbers of one list of sibling blocks, by position among the siblings
/// of the same kind: "I", "II" … for sections, "1", "2" … for clauses, "a", "b" … for
/// points; empty for items, paragraphs and blocks of no known kind.
pub(crate) fn list_numbers(kinds: &[Option<crate::plan::BlockKind>]) -> Vec<String> {
    use crate::plan::BlockKind::{Clause, Point, Section};
    let (mut sections, mut clauses, mut points) = (0, 0, 0);
    kinds
        .iter()
        .map(|kind| match kind {
            Some(Section) => {
                sections += 1;
                roman(sections)
            }
            Some(Clause) => {
                clauses += 1;
                clauses.to_string()
            }
            Some(Point) => {
                points += 1;
                point_letter(points - 1)
            }
            _ => String::new(),
        })
        .collect()
}

/// A document number as printed: exactly as issued (`0125`, `07`, `7`), trimmed. A signed
/// number is never rewritten; Decree 30's two-digit rule for 1–9 is `check`'s to report.
pub(crate) fn document_number(raw: &str) -> String {
    raw.trim().to_owned()
}

fn day(d: u32) -> String {
    format!("{d:02}")
}

fn month(m: u32) -> String {
    if m <= 2 {
        format!("{m:02}")
    } else {
        m.to_string()
    }
}

/// A date as written on a document: may be partial in a draft.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct PlanDate {
    pub year: i32,
    pub month: Option<u32>,
    pub day: Option<u32>,
}

/// Why a text is not a date [`PlanDate::parse`] reads: said in the reader's language,
/// with the forms that are accepted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("{}", crate::i18n::date_not_a_date(.0))]
    NotADate(String),
    #[error("{}", crate::i18n::date_no_month(.0, *.1))]
    NoMonth(String, u32),
    #[error("{}", crate::i18n::date_no_day(.0, *.1, *.2, *.3))]
    NoDay(String, i32, u32, u32),
}

impl PlanDate {
    /// Parses a date as clerks write it — `15/3/2026`, `15-3-2026`, `15.3.2026`,
    /// `ngày 15 tháng 3 năm 2026` — or as ISO `2026-03-15`; a draft may give only the
    /// month and year (`3/2026`, `tháng 3 năm 2026`, `2026-03`) or the year. `Err` says
    /// what is wrong and which forms are accepted.
    pub fn parse(raw: &str) -> Result<PlanDate, DateError> {
        let raw = raw.trim();
        let not_a_date = || DateError::NotADate(raw.to_owned());
        let (year, month, day) = date_parts(raw).ok_or_else(not_a_date)?;
        if !(1..=9999).contains(&year) {
            return Err(not_a_date());
        }
        if let Some(m) = month {
            if !(1..=12).contains(&m) {
                return Err(DateError::NoMonth(raw.to_owned(), m));
            }
        }
        if let (Some(m), Some(d)) = (month, day) {
            if NaiveDate::from_ymd_opt(year, m, d).is_none() {
                return Err(DateError::NoDay(raw.to_owned(), year, m, d));
            }
        }
        Ok(PlanDate { year, month, day })
    }

    pub fn full(self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.year, self.month?, self.day?)
    }

    /// "ngày 07 tháng 7 năm 2021"; blanks wide enough to write in for a draft.
    pub fn long(self) -> String {
        const BLANK: &str = "\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}";
        let d = self.day.map(day).unwrap_or_else(|| BLANK.to_owned());
        let m = self.month.map(month).unwrap_or_else(|| BLANK.to_owned());
        format!("ngày {d} tháng {m} năm {}", self.year)
    }

    /// "07/7/2021", the short form used inside sentences and citations.
    pub fn short(self) -> String {
        match (self.day, self.month) {
            (Some(d), Some(m)) => format!("{}/{}/{}", day(d), month(m), self.year),
            (None, Some(m)) => format!("{}/{}", month(m), self.year),
            _ => self.year.to_string(),
        }
    }

    pub(crate) fn iso(self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{:04}-{m:02}-{d:02}", self.year),
            (Some(m), None) => format!("{:04}-{m:02}", self.year),
            _ => format!("{:04}", self.year),
        }
    }
}

/// The year, month and day a written date names, in whichever order the form puts
/// them: ISO (`2026-03-15`, `2026-03`, `2026`) starts with the four-digit year; the
/// clerk's forms (`15/3/2026`, `15-3-2026`, `15.3.2026`, `ngày 15 tháng 3 năm 2026`,
/// `3/2026`) end with it. `None` when the text is not made of numbers and those words.
fn date_parts(raw: &str) -> Option<(i32, Option<u32>, Option<u32>)> {
    let lower = raw.to_lowercase();
    let mut spaced = lower.clone();
    for word in ["ngày", "tháng", "năm"] {
        spaced = spaced.replace(word, " ");
    }
    let mut numbers = Vec::new();
    for token in spaced.split(|c: char| c.is_whitespace() || matches!(c, '/' | '.' | '-' | ',')) {
        if token.is_empty() {
            continue;
        }
        if token.len() > 4 || !token.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        numbers.push(token);
    }
    let num = |s: &str| s.parse::<u32>().ok();
    let iso = numbers.first()?.len() == 4;
    match (iso, numbers.as_slice()) {
        // ISO: the year first, then month and day.
        (true, [y, rest @ ..]) if rest.len() <= 2 && rest.iter().all(|p| p.len() <= 2) => Some((
            num(y)? as i32,
            rest.first().and_then(|m| num(m)),
            rest.get(1).and_then(|d| num(d)),
        )),
        (false, [d, m, y]) if y.len() == 4 && d.len() <= 2 && m.len() <= 2 => {
            Some((num(y)? as i32, Some(num(m)?), Some(num(d)?)))
        }
        (false, [m, y]) if y.len() == 4 && m.len() <= 2 => {
            Some((num(y)? as i32, Some(num(m)?), None))
        }
        _ => None,
    }
}

impl From<NaiveDate> for PlanDate {
    fn from(d: NaiveDate) -> PlanDate {
        PlanDate {
            year: d.year(),
            month: Some(d.month()),
            day: Some(d.day()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The table of docs/nd30-layout.md §7.
    #[test]
    fn dates_follow_section_7() {
        let cases = [
            ("2021-01-07", "ngày 07 tháng 01 năm 2021"),
            ("2021-07-07", "ngày 07 tháng 7 năm 2021"),
            ("2020-03-05", "ngày 05 tháng 3 năm 2020"),
            ("2023-02-28", "ngày 28 tháng 02 năm 2023"),
            ("2019-06-29", "ngày 29 tháng 6 năm 2019"),
            ("2024-11-01", "ngày 01 tháng 11 năm 2024"),
            ("2024-12-10", "ngày 10 tháng 12 năm 2024"),
        ];
        for (iso, want) in cases {
            assert_eq!(PlanDate::parse(iso).unwrap().long(), want, "{iso}");
        }
        assert_eq!(PlanDate::parse("2021-07-07").unwrap().short(), "07/7/2021");
        assert_eq!(PlanDate::parse("2021-06-25").unwrap().short(), "25/6/2021");
        assert_eq!(PlanDate::parse("2021-02-05").unwrap().short(), "05/02/2021");
    }

    #[test]
    fn numbers_follow_section_7() {
        assert_eq!(document_number(" 7 "), "7");
        assert_eq!(document_number("0125"), "0125");
        assert_eq!(document_number("07"), "07");
        assert_eq!(document_number("114"), "114");
        assert_eq!(document_number("10"), "10");
    }

    #[test]
    fn draft_dates_leave_room_to_write() {
        let d = PlanDate::parse("2021-07").unwrap();
        assert!(d.long().starts_with("ngày \u{a0}"));
        assert!(d.long().ends_with("tháng 7 năm 2021"));
        assert!(PlanDate::parse("2021-02-30").is_err());
        assert!(PlanDate::parse("2021-13").is_err());
        assert!(PlanDate::parse("07/7").is_err());
    }

    #[test]
    fn reads_dates_as_clerks_write_them() {
        let want = PlanDate::parse("2026-03-15").unwrap();
        for written in [
            "15/3/2026",
            "15-3-2026",
            "15.3.2026",
            "15/03/2026",
            " 15 / 3 / 2026 ",
            "ngày 15 tháng 3 năm 2026",
            "Ngày 15 tháng 03 năm 2026",
        ] {
            assert_eq!(PlanDate::parse(written), Ok(want), "{written}");
        }
        let march = PlanDate::parse("2026-03").unwrap();
        for written in ["3/2026", "03/2026", "tháng 3 năm 2026", "Tháng 3/2026"] {
            assert_eq!(PlanDate::parse(written), Ok(march), "{written}");
        }
        assert_eq!(PlanDate::parse("năm 2026"), PlanDate::parse("2026"));
        assert_eq!(PlanDate::parse("5/1/2026").unwrap().iso(), "2026-01-05");
    }

    #[test]
    fn a_wrong_date_says_which_forms_are_accepted() {
        for wrong in [
            "15/3",
            "March 15, 2026",
            "15/3/26",
            "hôm nay",
            "3/15/2026/1",
        ] {
            let why = PlanDate::parse(wrong).unwrap_err().to_string();
            assert!(
                why.contains("15/3/2026") && why.contains("ngày 15 tháng 3 năm 2026"),
                "{wrong}: {why}"
            );
        }
        let why = PlanDate::parse("31/4/2026").unwrap_err();
        assert_eq!(why, DateError::NoDay("31/4/2026".into(), 2026, 4, 31));
        let why = why.to_string();
        assert!(why.contains("31") && why.contains("4"), "{why}");
        assert!(matches!(
            PlanDate::parse("15/13/2026"),
            Err(DateError::NoMonth(_, 13))
        ));
        assert!(PlanDate::parse("29/2/2025").is_err());
        assert!(PlanDate::parse("29/2/2024").is_ok());
    }

    #[test]
    fn markers() {
        assert_eq!(roman(1), "I");
        assert_eq!(roman(4), "IV");
        assert_eq!(roman(9), "IX");
        assert_eq!(roman(14), "XIV");
        let letters: Vec<String> = (0..8).map(point_letter).collect();
        assert_eq!(letters, ["a", "b", "c", "d", "đ", "e", "g", "h"]);
    }
}
