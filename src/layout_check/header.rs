//! The header block (ô 1–4), the type line and the summary (docs/nd30-layout.md §3.1, §3.2, §7).

use super::{pt, Checker};
use crate::import::locate::{
    is_date_line, is_quoc_hieu, is_so_line, is_tieu_ngu, pieces, HeaderBlock, Piece,
};
use crate::import::model::{Align, DocFacts};

/// Mostly capital letters: a header line ("ỦY BAN NHÂN DÂN") or a summary typed in
/// capitals.
fn is_capitals(s: &str) -> bool {
    let letters: Vec<char> = s.chars().filter(|c| c.is_alphabetic()).collect();
    let upper = letters.iter().filter(|c| c.is_uppercase()).count();
    letters.len() >= 4 && upper * 10 >= letters.len() * 9
}

/// What the import's locator leaves out of the header block, found by reading every
/// paragraph before the type line: text boxes (their paragraphs are not in the body's
/// block sequence) and issuer lines placed after a leading tab.
fn complete(facts: &DocFacts, title: Option<usize>, h: &mut HeaderBlock) {
    let Some(title) = title else { return };
    let mut extra: Vec<Piece> = Vec::new();
    for p in 0..title.min(facts.paragraphs.len()) {
        extra.extend(pieces(facts, p));
    }
    for piece in &extra {
        let text = piece.shown();
        if h.quoc_hieu.is_none() && is_quoc_hieu(&text) {
            h.quoc_hieu = Some(piece.clone());
        } else if h.tieu_ngu.is_none() && is_tieu_ngu(&text) {
            h.tieu_ngu = Some(piece.clone());
        } else if h.so.is_none() && is_so_line(&text) {
            h.so = Some(piece.clone());
        } else if h.date.is_none() && is_date_line(&text) {
            h.date = Some(piece.clone());
        }
    }
    if !h.agency.is_empty() {
        return;
    }
    let so_para = h.so.as_ref().map_or(title, |s| s.para);
    let taken = |p: &Piece| {
        [&h.quoc_hieu, &h.tieu_ngu, &h.so, &h.date].iter().any(|x| {
            x.as_ref()
                .is_some_and(|x| x.para == p.para && x.text == p.text)
        })
    };
    let agency: Vec<Piece> = extra
        .iter()
        .filter(|p| p.para < so_para && !taken(p) && is_capitals(&p.shown()))
        .filter(|p| !is_quoc_hieu(&p.shown()) && !is_tieu_ngu(&p.shown()))
        .cloned()
        .collect();
    // A line is one agency line once, even when a text box repeats it.
    for p in agency {
        if !h.agency.iter().any(|a| a.text == p.text) {
            h.agency.push(p);
        }
    }
}

/// Size within [lo, hi] half-points, else a phrase saying what it is.
fn size_in(p: &Piece, lo: u32, hi: u32) -> Option<String> {
    let (min, max) = (p.min_size()?, p.size()?);
    if min < lo || max > hi {
        let want = if lo == hi {
            pt(lo)
        } else {
            format!("{}–{}", pt(lo), pt(hi))
        };
        let got = if min == max {
            pt(min)
        } else {
            format!("{}–{}", pt(min), pt(max))
        };
        Some(crate::msg!("layout.size", got = got, want = want))
    } else {
        None
    }
}

fn style_faults(
    p: &Piece,
    lo: u32,
    hi: u32,
    bold: Option<bool>,
    italic: Option<bool>,
) -> Vec<String> {
    let mut out: Vec<String> = size_in(p, lo, hi).into_iter().collect();
    match bold {
        Some(true) if !p.bold() => out.push(crate::msg!("layout.not_bold")),
        Some(false) if p.any_bold() => out.push(crate::msg!("layout.bold")),
        _ => {}
    }
    match italic {
        Some(true) if !p.italic() => out.push(crate::msg!("layout.not_italic")),
        Some(false) if p.any_italic() => out.push(crate::msg!("layout.italic")),
        _ => {}
    }
    out
}

fn report_faults(
    c: &mut Checker,
    code: &'static str,
    p: &Piece,
    what: String,
    faults: Vec<String>,
) {
    if !faults.is_empty() {
        c.piece(code, p, format!("{what}: {}", faults.join(", ")));
    }
}

pub fn check(c: &mut Checker) {
    let mut h = c.layout.header.clone();
    complete(c.facts, c.layout.kind.as_ref().map(|(_, p)| p.para), &mut h);
    match &h.quoc_hieu {
        Some(p) => {
            let faults = style_faults(p, 24, 26, Some(true), Some(false));
            report_faults(
                c,
                "ND30-DOCX-QUOC-HIEU",
                p,
                crate::msg!("layout.what_quoc_hieu"),
                faults,
            );
        }
        None => c.report(
            "ND30-DOCX-QUOC-HIEU",
            None,
            crate::msg!("layout.no_quoc_hieu"),
        ),
    }
    match &h.tieu_ngu {
        Some(p) => {
            let mut faults = style_faults(p, 26, 28, Some(true), Some(false));
            if p.text != "Độc lập - Tự do - Hạnh phúc" {
                faults.insert(0, crate::msg!("layout.tieu_ngu_text"));
            }
            report_faults(
                c,
                "ND30-DOCX-TIEU-NGU",
                p,
                crate::msg!("layout.what_tieu_ngu"),
                faults,
            );
        }
        None => c.report(
            "ND30-DOCX-TIEU-NGU",
            None,
            crate::msg!("layout.no_tieu_ngu"),
        ),
    }
    if h.agency.is_empty() {
        c.report("ND30-DOCX-CO-QUAN", None, crate::msg!("layout.no_co_quan"));
    }
    let first_bold = h.agency.iter().position(Piece::bold);
    for (i, p) in h.agency.iter().enumerate() {
        let parent = first_bold.is_some_and(|b| i < b);
        let faults = style_faults(p, 24, 26, Some(!parent), Some(false));
        let what = if parent {
            crate::msg!("layout.what_chu_quan")
        } else {
            crate::msg!("layout.what_co_quan")
        };
        report_faults(c, "ND30-DOCX-CO-QUAN", p, what, faults);
    }
    if let Some(p) = &h.so {
        let mut faults = so_faults(&p.text);
        faults.extend(style_faults(p, 26, 26, Some(false), Some(false)));
        report_faults(c, "ND30-DOCX-SO", p, crate::msg!("layout.what_so"), faults);
    } else {
        c.report("ND30-DOCX-SO", None, crate::msg!("layout.no_so"));
    }
    if let Some(p) = &h.date {
        let mut faults = date_faults(&p.text);
        faults.extend(style_faults(p, 26, 28, Some(false), Some(true)));
        report_faults(
            c,
            "ND30-DOCX-DATE",
            p,
            crate::msg!("layout.what_date"),
            faults,
        );
    } else {
        c.report("ND30-DOCX-DATE", None, crate::msg!("layout.no_date"));
    }
    if let (Some(q), Some(t), Some(d)) = (&h.quoc_hieu, &h.tieu_ngu, &h.date) {
        if let (Some(qs), Some(ts), Some(ds)) = (q.size(), t.size(), d.size()) {
            if ts != qs + 2 || ds != ts {
                c.piece(
                    "ND30-DOCX-SIZE-COUPLING",
                    t,
                    crate::msg!(
                        "layout.size_coupling",
                        quoc_hieu = pt(qs),
                        tieu_ngu = pt(ts),
                        date = pt(ds)
                    ),
                );
            }
        }
    }
    match &c.layout.kind {
        Some((_, p)) => {
            let p = p.clone();
            let mut faults = style_faults(&p, 26, 28, Some(true), Some(false));
            if p.align != Align::Center {
                faults.push(crate::msg!("layout.not_centred"));
            }
            report_faults(
                c,
                "ND30-DOCX-TITLE",
                &p,
                crate::msg!("layout.what_title"),
                faults,
            );
        }
        None => c.report("ND30-DOCX-TITLE", None, crate::msg!("layout.no_title")),
    }
    let mut summary = c.layout.summary.clone();
    // A summary typed in capitals that starts like an opening ("THỰC HIỆN …") is still
    // the summary: the line right after the type line.
    if let (true, Some((_, kind))) = (summary.is_empty(), &c.layout.kind) {
        let next = (kind.para + 1..c.facts.paragraphs.len()).find(|&p| !c.facts.para(p).is_blank());
        if let Some(p) = next {
            let text = c.facts.para(p).text();
            if is_capitals(&text) && text.chars().count() > 10 {
                summary = pieces(c.facts, p);
            }
        }
    }
    if let Some(first) = summary.first() {
        let all: String = summary
            .iter()
            .map(|p| p.text.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        if is_capitals(&all) {
            c.piece(
                "ND30-DOCX-TRICH-YEU-CASE",
                first,
                crate::msg!("layout.trich_yeu_capitals"),
            );
        }
    }
    if summary.is_empty() && c.layout.kind.is_some() {
        c.report(
            "ND30-DOCX-TRICH-YEU",
            None,
            crate::msg!("layout.no_trich_yeu"),
        );
    }
    for p in &summary {
        let mut faults = style_faults(p, 26, 28, Some(true), Some(false));
        let lower = p.text.to_lowercase();
        if lower.starts_with("v/v") || lower.starts_with("về việc") {
            faults.push(crate::msg!("layout.trich_yeu_vv"));
        }
        report_faults(
            c,
            "ND30-DOCX-TRICH-YEU",
            p,
            crate::msg!("layout.what_trich_yeu"),
            faults,
        );
    }
}

/// "Số: 07/KH-UBND": spacing, padding and symbol (§3.1, §7). A blank draft number passes.
pub(crate) fn so_faults(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let Some(rest) = text.strip_prefix("Số:") else {
        return vec![crate::msg!(
            "layout.so_start",
            start = text.chars().take(4).collect::<String>()
        )];
    };
    let (num, symbol) = rest.split_once('/').unwrap_or((rest, ""));
    let digits = num.trim_matches([' ', '\u{a0}']);
    if digits.is_empty() {
        return out; // a draft: the number is written after signing
    }
    if !rest.starts_with(' ') || rest.starts_with("  ") {
        out.push(crate::msg!("layout.so_space"));
    }
    if num.ends_with(' ') {
        out.push(crate::msg!("layout.so_space_slash"));
    }
    match digits.parse::<u64>() {
        Ok(n) if n < 10 && digits.len() != 2 => out.push(crate::msg!(
            "layout.so_pad",
            got = n,
            want = format!("{n:02}")
        )),
        Ok(n) if n >= 10 && digits.starts_with('0') => {
            out.push(crate::msg!("layout.so_unpad", got = digits, want = n))
        }
        Ok(_) => {}
        Err(_) => out.push(crate::msg!("layout.so_not_digits", got = digits)),
    }
    if symbol.contains(char::is_whitespace) {
        out.push(crate::msg!("layout.so_symbol_space"));
    }
    if !symbol.starts_with("KH-") {
        out.push(crate::msg!("layout.so_symbol", symbol = symbol));
    }
    out
}

/// "<place>, ngày DD tháng M năm YYYY" (§7). Blanks in a draft pass.
pub(crate) fn date_faults(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let Some((place, rest)) = text.split_once(", ngày") else {
        return vec![crate::msg!("layout.date_form")];
    };
    if place.starts_with("TP.") || place.starts_with("Tp.") {
        out.push(crate::msg!("layout.date_city"));
    }
    let words: Vec<&str> = rest.split(' ').collect();
    // words: "", DD, "tháng", M, "năm", YYYY
    let get = |i: usize| words.get(i).copied().unwrap_or("");
    if words.len() != 6 || get(2) != "tháng" || get(4) != "năm" {
        if rest.contains('\u{a0}') || rest.contains('…') || rest.contains("  ") {
            return out; // a draft with blanks
        }
        out.push(crate::msg!("layout.date_spaces"));
        return out;
    }
    let (d, m, y) = (get(1), get(3), get(5));
    let (dn, mn, yn) = (d.parse::<u32>(), m.parse::<u32>(), y.parse::<i32>());
    if let Ok(dn) = dn {
        if d.len() != 2 {
            out.push(crate::msg!(
                "layout.date_day_pad",
                got = dn,
                want = format!("{dn:02}")
            ));
        }
    }
    if let Ok(mn) = mn {
        if mn <= 2 && m.len() != 2 {
            out.push(crate::msg!(
                "layout.date_month_pad",
                got = mn,
                want = format!("{mn:02}")
            ));
        }
        if mn > 2 && m.starts_with('0') {
            out.push(crate::msg!("layout.date_month_unpad", got = m, want = mn));
        }
    }
    match (dn, mn, yn) {
        (Ok(d), Ok(m), Ok(y)) => {
            if chrono::NaiveDate::from_ymd_opt(y, m, d).is_none() || y < 1000 {
                out.push(crate::msg!(
                    "layout.date_not_real",
                    date = format!("{d}/{m}/{y}")
                ));
            }
        }
        _ => out.push(crate::msg!("layout.date_not_numbers")),
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_dates_follow_section_7() {
        assert!(so_faults("Số: 114/KH-UBND").is_empty());
        assert!(so_faults("Số: 07/KH-UBND").is_empty());
        assert!(!so_faults("Số: 7/KH-UBND").is_empty());
        assert!(!so_faults("Số:7/KH-UBND").is_empty());
        assert!(!so_faults("Số: 07 /KH-UBND").is_empty());
        assert!(so_faults("Số:\u{a0}\u{a0}\u{a0}/KH-UBND").is_empty());
        assert!(date_faults("Ninh Hà, ngày 07 tháng 7 năm 2021").is_empty());
        assert!(date_faults("Hà Nội, ngày 05 tháng 01 năm 2020").is_empty());
        assert!(!date_faults("Ninh Hà, ngày 7 tháng 7 năm 2021").is_empty());
        assert!(!date_faults("Ninh Hà, ngày 27 tháng 09 năm 2022").is_empty());
        assert!(!date_faults("Ninh Hà, ngày 05 tháng 1 năm 2020").is_empty());
        assert!(!date_faults("Ninh Hà, ngày 30 tháng 02 năm 2021").is_empty());
    }
}
