//! Appendices: own section numbered from 1, heading, "(Kèm theo …)", and the task
//! table's numbering (docs/nd30-layout.md §4).

use super::{pt, Checker};
use crate::import::locate::appendix_heading;
use crate::import::model::{Align, VMerge};
use crate::numbering::roman;

pub fn check(c: &mut Checker) {
    let appendices = c.layout.appendices.clone();
    let several = appendices.len() > 1;
    for (i, a) in appendices.iter().enumerate() {
        let h = &a.heading;
        let para = c.facts.para(h.para);
        // Section: not the plan's own, starting at this heading, numbered from 1.
        let section = c.facts.sections.get(para.section);
        let starts_here =
            section.is_some_and(|s| (s.first_para..h.para).all(|k| c.facts.para(k).is_blank()));
        let mut f = Vec::new();
        if para.section == 0 || !starts_here {
            f.push(crate::msg!("layout.appendix_no_section"));
        }
        if section.is_some_and(|s| s.page_start != Some(1)) && para.section > 0 {
            f.push(crate::msg!("layout.appendix_page_start"));
        }
        if section
            .is_some_and(|s| matches!(s.break_kind.as_deref(), Some("continuous" | "nextColumn")))
        {
            f.push(crate::msg!("layout.appendix_new_page"));
        }
        if !f.is_empty() {
            c.piece(
                "ND30-DOCX-APPENDIX-SECTION",
                h,
                crate::msg!("layout.appendix", n = i + 1, faults = f.join("; ")),
            );
        }
        let shown = h.shown();
        let mut f = Vec::new();
        if shown.starts_with("PHỤ LỤC") {
            f.push(crate::msg!("layout.appendix_capitals"));
        }
        if a.inline_title.is_some() {
            f.push(crate::msg!("layout.appendix_inline_title"));
        }
        let numeral = appendix_heading(&h.text).and_then(|(n, _)| n);
        let want = roman(i + 1);
        match (&numeral, several) {
            (Some(n), true) if *n != want => {
                f.push(crate::msg!("layout.numbered", got = n, want = &want))
            }
            (None, true) => f.push(crate::msg!("layout.appendix_number_it", want = &want)),
            (Some(n), _) if n.chars().all(|c| c.is_ascii_digit()) => {
                f.push(crate::msg!("layout.appendix_roman"))
            }
            _ => {}
        }
        if let Some(s) = h.size() {
            if s != 28 {
                f.push(crate::msg!("layout.size", got = pt(s), want = "14"));
            }
        }
        if !h.bold() {
            f.push(crate::msg!("layout.not_bold"));
        }
        if h.align != Align::Center {
            f.push(crate::msg!("layout.not_centred"));
        }
        if !f.is_empty() {
            c.piece(
                "ND30-DOCX-APPENDIX-HEADING",
                h,
                crate::msg!("layout.appendix", n = i + 1, faults = f.join("; ")),
            );
        }
        // "(Ban hành kèm theo Kế hoạch số …)" is the same line with a longer lead-in.
        let kem_theo = a.kem_theo.clone().or_else(|| {
            a.title
                .iter()
                .chain(&a.other)
                .find(|p| {
                    let t = p.text.to_lowercase();
                    t.starts_with('(') && t.contains("kèm theo")
                })
                .cloned()
        });
        match &kem_theo {
            Some(k) => {
                let mut f = Vec::new();
                if !k.italic() {
                    f.push(crate::msg!("layout.not_italic"));
                }
                if k.align != Align::Center {
                    f.push(crate::msg!("layout.not_centred"));
                }
                if let Some(s) = k.size() {
                    if !(26..=28).contains(&s) {
                        f.push(crate::msg!("layout.size", got = pt(s), want = "13–14"));
                    }
                }
                // An electronic copy leaves number and date blank ("số     /KH-UBND ngày
                // … tháng … năm …"): only what is filled in is compared.
                if let Some(so) = &c.layout.header.so {
                    let number = so.text.trim_start_matches("Số:").trim().replace(' ', "");
                    let digits = number.split('/').next().unwrap_or("");
                    let cited = cited_number(&k.text);
                    if let Some(cited) = cited {
                        if !digits.is_empty() && cited != number {
                            f.push(crate::msg!(
                                "layout.kem_theo_number",
                                cited = cited,
                                number = &number
                            ));
                        }
                    }
                }
                if let (Some(date), Some(at)) = (&c.layout.header.date, k.text.find("ngày")) {
                    let cited = k.text[at..].split(" của ").next().unwrap_or("").trim();
                    let own = date.text.split_once(", ").map_or("", |(_, d)| d);
                    if let (Some(a), Some(b)) = (date_value(cited), date_value(own)) {
                        if a != b {
                            f.push(crate::msg!(
                                "layout.kem_theo_date",
                                cited = cited,
                                own = own
                            ));
                        }
                    }
                }
                if !f.is_empty() {
                    c.piece(
                        "ND30-DOCX-APPENDIX-KEM-THEO",
                        k,
                        crate::msg!("layout.kem_theo", n = i + 1, faults = f.join(", ")),
                    );
                }
            }
            None => c.piece(
                "ND30-DOCX-APPENDIX-KEM-THEO",
                h,
                crate::msg!("layout.no_kem_theo", n = i + 1),
            ),
        }
        if let Some(t) = a.table {
            table(c, i, t);
        }
    }
}

fn table(c: &mut Checker, appendix: usize, t: usize) {
    let table = c.facts.tables[t].clone();
    let Some(first_para) = table
        .rows
        .first()
        .and_then(|r| r.cells.first())
        .and_then(|c| c.paras.first())
        .copied()
    else {
        return;
    };
    let mut f = Vec::new();
    if !table.rows.first().is_some_and(|r| r.header) {
        f.push(crate::msg!("layout.table_header"));
    }
    let splittable = table.rows.iter().skip(1).filter(|r| !r.cant_split).count();
    if splittable > 0 {
        f.push(crate::msg!("layout.table_split", n = splittable));
    }
    if !f.is_empty() {
        c.report(
            "ND30-DOCX-APPENDIX-TABLE-ROWS",
            Some(first_para),
            crate::msg!("layout.appendix", n = appendix + 1, faults = f.join("; ")),
        );
    }
    // Numbering: first cell of every row after the header.
    let mut group = 0usize;
    let mut task = 0usize;
    // Tasks numbered on from group to group.
    let mut total = 0usize;
    for row in table.rows.iter().skip(1) {
        let Some(cell) = row.cells.first() else {
            continue;
        };
        let Some(&p) = cell.paras.first() else {
            continue;
        };
        let text = c
            .facts
            .para(p)
            .text()
            .trim()
            .trim_end_matches('.')
            .to_owned();
        if cell.vmerge == VMerge::Continue || text.is_empty() {
            continue;
        }
        if let Some(n) = crate::import::roman_value(&text) {
            group += 1;
            task = 0;
            if n != group {
                c.report(
                    "ND30-DOCX-APPENDIX-NUMBERING",
                    Some(p),
                    crate::msg!(
                        "layout.group_order",
                        n = appendix + 1,
                        got = &text,
                        want = roman(group)
                    ),
                );
                group = n;
            }
            // Decree 30 sets neither how a group row is drawn (spanning the table or
            // not) nor whether tasks restart in each group or run on.
        } else if let Ok(n) = text.parse::<usize>() {
            task += 1;
            total += 1;
            if n != task && n != total {
                c.report(
                    "ND30-DOCX-APPENDIX-NUMBERING",
                    Some(p),
                    crate::msg!(
                        "layout.task_order",
                        n = appendix + 1,
                        got = n,
                        want = task,
                        total = total
                    ),
                );
                // Follow on from the number printed, so one slip gives one finding.
                task = n;
                total = n;
            }
        }
    }
}

/// The number and symbol cited in a "(Kèm theo Kế hoạch [số] 235/KH-UBND …)" line, or
/// `None` when the number is left blank.
fn cited_number(text: &str) -> Option<String> {
    let at = text.find('/')?;
    let before = &text[..at];
    let digits: String = before
        .chars()
        .rev()
        .take_while(|c| c.is_ascii_digit())
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    if digits.is_empty() {
        return None;
    }
    let symbol: String = text[at + 1..]
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '-' || *c == '/')
        .collect();
    Some(format!("{digits}/{symbol}"))
}

/// (day, month, year) of "ngày 18/11/2025" or "ngày 18 tháng 11 năm 2025"; `None` when
/// a part is blank.
fn date_value(text: &str) -> Option<(u32, u32, u32)> {
    let nums: Vec<u32> = text
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .filter_map(|s| s.parse().ok())
        .collect();
    match nums.as_slice() {
        [d, m, y, ..] if *y > 999 => Some((*d, *m, *y)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kem_theo_lines_are_read_with_or_without_so_and_with_blanks() {
        assert_eq!(
            cited_number("(Kèm theo Kế hoạch 235/KH-UBND ngày 18/11/2025 của UBND tỉnh)"),
            Some("235/KH-UBND".to_owned())
        );
        assert_eq!(
            cited_number("(Kèm theo Kế hoạch số 07/KH-UBND ngày …)"),
            Some("07/KH-UBND".to_owned())
        );
        assert_eq!(cited_number("(Kèm theo Kế hoạch số      /KH-UBND)"), None);
        assert_eq!(
            date_value("ngày 18/11/2025"),
            date_value("ngày 18 tháng 11 năm 2025")
        );
        assert_eq!(date_value("ngày    tháng    năm 2025"), None);
    }
}
