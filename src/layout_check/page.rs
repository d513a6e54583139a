//! Page set-up, fonts, page numbers, language (docs/nd30-layout.md §1, §3.9, §9).

use super::{pt, Checker};
use crate::import::model::{Align, HeaderFacts};

/// A4 in twips, and the tolerance (±1 mm) for files that round it (11907 × 16840).
const A4: (i32, i32) = (11906, 16838);
const MM1: i32 = 57;
/// A few twips of slack on margin ranges, for mm → twips rounding.
const SLACK: i32 = 3;

fn mm(twips: i32) -> String {
    format!(
        "{} mm",
        super::decimal(format!("{:.1}", twips as f32 * 25.4 / 1440.0))
    )
}

pub fn check(c: &mut Checker) {
    let facts = c.facts;
    for (i, s) in facts.sections.iter().enumerate() {
        let (short, long) = (s.width.min(s.height), s.width.max(s.height));
        if s.width == 0 || (short - A4.0).abs() > MM1 || (long - A4.1).abs() > MM1 {
            let size = if s.width == 0 {
                crate::msg!("layout.no_page_size")
            } else {
                format!("{} × {}", mm(s.width), mm(s.height))
            };
            c.report(
                "ND30-DOCX-PAGE-A4",
                None,
                crate::msg!("layout.paper", section = i + 1, size = size),
            );
        } else if i == 0 && s.width > s.height {
            c.report("ND30-DOCX-PAGE-A4", None, crate::msg!("layout.landscape"));
        }
        let ranges: [(String, i32, i32, i32); 4] = if s.width > s.height {
            [
                (crate::msg!("layout.margin_top"), s.top, 850, 1984),
                (crate::msg!("layout.margin_bottom"), s.bottom, 850, 1984),
                (crate::msg!("layout.margin_left"), s.left, 850, 1984),
                (crate::msg!("layout.margin_right"), s.right, 850, 1984),
            ]
        } else {
            [
                (crate::msg!("layout.margin_top"), s.top, 1134, 1417),
                (crate::msg!("layout.margin_bottom"), s.bottom, 1134, 1417),
                (crate::msg!("layout.margin_left"), s.left, 1701, 1984),
                (crate::msg!("layout.margin_right"), s.right, 850, 1134),
            ]
        };
        let wrong: Vec<String> = ranges
            .iter()
            .filter(|(_, v, lo, hi)| *v < lo - SLACK || *v > hi + SLACK)
            .map(|(name, v, lo, hi)| {
                crate::msg!(
                    "layout.margin",
                    name = name,
                    value = mm(*v),
                    range = format!("{}–{}", mm(*lo), mm(*hi))
                )
            })
            .collect();
        if !wrong.is_empty() && s.width > 0 {
            c.report(
                "ND30-DOCX-PAGE-MARGINS",
                None,
                crate::msg!(
                    "layout.margins",
                    section = i + 1,
                    margins = wrong.join(", ")
                ),
            );
        }
    }
    fonts(c);
    page_numbers(c);
    if !c
        .facts
        .lang
        .as_deref()
        .is_some_and(|l| l.to_lowercase().starts_with("vi"))
    {
        c.report(
            "ND30-DOCX-LANG",
            None,
            match &c.facts.lang {
                Some(lang) => crate::msg!("layout.lang", lang = lang),
                None => crate::msg!("layout.lang_not_set"),
            },
        );
    }
    if let Some(&first) = c.facts.non_nfc.first() {
        let n = c.facts.non_nfc.len();
        c.report(
            "ND30-DOCX-NFC",
            Some(first),
            crate::msg!("layout.nfc", n = n),
        );
    }
}

fn fonts(c: &mut Checker) {
    let mut first_font = None;
    let mut fonts_seen: Vec<String> = Vec::new();
    let mut count = 0;
    let mut first_color = None;
    for p in &c.facts.paragraphs {
        for r in p.visible_runs() {
            let bad = r.fonts[..2]
                .iter()
                .find(|f| !f.eq_ignore_ascii_case("Times New Roman"));
            if let Some(f) = bad {
                count += 1;
                first_font.get_or_insert(p.index);
                let shown = if f.is_empty() {
                    crate::msg!("layout.no_font")
                } else {
                    f.clone()
                };
                if !fonts_seen.contains(&shown) {
                    fonts_seen.push(shown);
                }
            }
            let black = r
                .color
                .as_deref()
                .is_none_or(|c| c.eq_ignore_ascii_case("auto") || c == "000000");
            if !black && first_color.is_none() {
                first_color = Some((p.index, r.color.clone().unwrap_or_default()));
            }
        }
    }
    if let Some(p) = first_font {
        c.report(
            "ND30-DOCX-FONT",
            Some(p),
            crate::msg!("layout.font", count = count, fonts = fonts_seen.join(", ")),
        );
    }
    if let Some((p, color)) = first_color {
        c.report(
            "ND30-DOCX-FONT-COLOR",
            Some(p),
            crate::msg!("layout.color", color = color),
        );
    }
}

fn describe_field(h: &HeaderFacts) -> Option<String> {
    let f = h.page_field.as_ref()?;
    let mut wrong = Vec::new();
    if f.align != Align::Center && !f.centre_tab {
        let align = match f.align {
            Align::Left => crate::msg!("layout.align_left"),
            Align::Right => crate::msg!("layout.align_right"),
            Align::Justify => crate::msg!("layout.align_justify"),
            Align::Center => crate::msg!("layout.align_center"),
        };
        wrong.push(crate::msg!("layout.page_number_align", align = align));
    }
    if !(26..=28).contains(&f.size) {
        wrong.push(crate::msg!("layout.size", got = pt(f.size), want = "13–14"));
    }
    if f.bold {
        wrong.push(crate::msg!("layout.bold"));
    }
    if f.italic {
        wrong.push(crate::msg!("layout.italic"));
    }
    Some(wrong.join(", "))
}

fn page_numbers(c: &mut Checker) {
    let sections = c.facts.sections.clone();
    for (i, s) in sections.iter().enumerate() {
        let in_footer = [&s.footers.default, &s.footers.first, &s.footers.even]
            .into_iter()
            .flatten()
            .any(|f| f.page_field.is_some());
        match s
            .headers
            .default
            .as_ref()
            .and_then(|h| describe_field(h).map(|d| (h, d)))
        {
            Some((_, d)) if d.is_empty() => {}
            Some((h, d)) => c.report(
                "ND30-DOCX-PAGE-NUMBER",
                None,
                crate::msg!(
                    "layout.page_number",
                    section = i + 1,
                    part = &h.part,
                    faults = d
                ),
            ),
            None => c.report(
                "ND30-DOCX-PAGE-NUMBER",
                None,
                if in_footer {
                    crate::msg!("layout.page_number_footer", section = i + 1)
                } else {
                    crate::msg!("layout.no_page_number", section = i + 1)
                },
            ),
        }
    }
    if let Some(s) = sections.first() {
        let first_header_numbered = s
            .headers
            .first
            .as_ref()
            .is_some_and(|h| h.page_field.is_some());
        let footer_numbered = s
            .footers
            .default
            .as_ref()
            .is_some_and(|h| h.page_field.is_some())
            && !s.title_pg;
        if !s.title_pg
            && s.headers
                .default
                .as_ref()
                .is_some_and(|h| h.page_field.is_some())
        {
            c.report(
                "ND30-DOCX-PAGE-NUMBER-FIRST",
                None,
                crate::msg!("layout.page_one_title_pg"),
            );
        } else if first_header_numbered || footer_numbered {
            c.report(
                "ND30-DOCX-PAGE-NUMBER-FIRST",
                None,
                crate::msg!("layout.page_one_numbered"),
            );
        }
    }
}
