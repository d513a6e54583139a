//! Body paragraphs, the end mark and the signature block (docs/nd30-layout.md §1, §3.3–§3.7).

use super::{pt, Checker};
use crate::import::locate::{Piece, SIGN_PREFIXES};
use crate::import::model::Align;

/// Twips of slack on indents (±0.05 cm).
const INDENT_SLACK: i32 = 28;

pub fn check(c: &mut Checker) {
    body(c);
    signature(c);
}

fn body(c: &mut Checker) {
    let body = c.layout.body.clone();
    if body.is_empty() {
        return;
    }
    // Per criterion: how many paragraphs miss it, and the first that does.
    let mut misses: Vec<(&'static str, usize, usize)> = Vec::new();
    let mut miss = |what: &'static str, p: usize| match misses.iter_mut().find(|m| m.0 == what) {
        Some(m) => m.1 += 1,
        None => misses.push((what, 1, p)),
    };
    let mut failing = 0;
    for &i in &body {
        let p = c.facts.para(i);
        let before = failing;
        let sizes: Vec<u32> = p.visible_runs().map(|r| r.size).collect();
        let mut bad = false;
        if sizes.iter().any(|s| !(26..=28).contains(s)) {
            miss("size", i);
            bad = true;
        }
        if p.align != Align::Justify {
            miss("justified", i);
            bad = true;
        }
        let indent_ok = p.left.abs() <= INDENT_SLACK
            && [567, 720]
                .iter()
                .any(|v| (p.first_line - v).abs() <= INDENT_SLACK);
        if !indent_ok {
            miss("indent", i);
            bad = true;
        }
        if p.before < 120 && p.after < 120 {
            miss("spacing", i);
            bad = true;
        }
        let line_ok = match &p.line {
            None => true,
            Some((v, rule)) if rule == "auto" => (240..=360).contains(v),
            Some((v, _)) => {
                let size = sizes.iter().max().copied().unwrap_or(28) as f32 * 10.0; // twips
                let single = size * 1.15;
                (*v as f32) >= single * 0.95 && (*v as f32) <= single * 1.5 * 1.05
            }
        };
        if !line_ok {
            miss("line", i);
            bad = true;
        }
        failing = before + usize::from(bad);
    }
    let total = body.len();
    if failing * 10 > total {
        let detail: Vec<String> = misses
            .iter()
            .map(|(what, n, first)| {
                crate::msg!(
                    "layout.body_miss",
                    n = n,
                    what = miss_text(what),
                    first = first + 1
                )
            })
            .collect();
        let first = misses.iter().map(|m| m.2).min();
        c.report(
            "ND30-DOCX-BODY",
            first,
            crate::msg!(
                "layout.body",
                failing = failing,
                total = total,
                detail = detail.join("; ")
            ),
        );
    }
    headings(c, &body);
    points(c, &body);
    let last = *body.last().expect("not empty");
    if !c.facts.para(last).text().trim_end().ends_with("./.") {
        c.report(
            "ND30-DOCX-END-MARK",
            Some(last),
            crate::msg!("layout.end_mark"),
        );
    }
}

/// How a body paragraph misses one criterion, as the message says it.
fn miss_text(what: &str) -> String {
    match what {
        "size" => crate::msg!("layout.miss_size"),
        "justified" => crate::msg!("layout.miss_justified"),
        "indent" => crate::msg!("layout.miss_indent"),
        "spacing" => crate::msg!("layout.miss_spacing"),
        _ => crate::msg!("layout.miss_line"),
    }
}

/// "I. …" headings: I, II, III in order, capitals after the numeral, bold, 13–14 pt.
fn headings(c: &mut Checker, body: &[usize]) {
    let mut expected = 1;
    for &i in body {
        let p = c.facts.para(i);
        let text = p.text();
        let Some((numeral, title)) = text.trim().split_once(". ") else {
            continue;
        };
        let Some(n) = crate::import::roman_value(numeral) else {
            continue;
        };
        let mut f = Vec::new();
        if n != expected {
            f.push(crate::msg!(
                "layout.numbered",
                got = numeral,
                want = crate::numbering::roman(expected)
            ));
        }
        expected = n + 1;
        let shown = p.shown_runs();
        if title.chars().any(char::is_lowercase) && shown.chars().any(char::is_lowercase) {
            f.push(crate::msg!("layout.heading_capitals"));
        }
        if !p.visible_runs().all(|r| r.bold) {
            f.push(crate::msg!("layout.not_bold"));
        }
        if p.visible_runs().any(|r| !(26..=28).contains(&r.size)) {
            f.push(crate::msg!("layout.not_size", want = "13–14"));
        }
        if !f.is_empty() {
            c.report(
                "ND30-DOCX-HEADINGS",
                Some(i),
                crate::msg!("layout.heading", faults = f.join(", ")),
            );
        }
    }
}

fn faults(p: &Piece, lo: u32, hi: u32, bold: bool, italic: bool) -> Vec<String> {
    let mut out = Vec::new();
    if let (Some(min), Some(max)) = (p.min_size(), p.size()) {
        if min < lo || max > hi {
            let want = if lo == hi {
                pt(lo)
            } else {
                format!("{}–{}", pt(lo), pt(hi))
            };
            out.push(crate::msg!("layout.size", got = pt(max), want = want));
        }
    }
    if bold && !p.bold() {
        out.push(crate::msg!("layout.not_bold"));
    }
    if !bold && p.any_bold() {
        out.push(crate::msg!("layout.bold"));
    }
    if italic && !p.italic() {
        out.push(crate::msg!("layout.not_italic"));
    }
    if !italic && p.any_italic() {
        out.push(crate::msg!("layout.italic"));
    }
    out
}

fn signature(c: &mut Checker) {
    let s = c.layout.sign.clone();
    match &s.label {
        Some(p) => {
            let mut f = faults(p, 24, 24, true, true);
            if p.text != "Nơi nhận:" {
                f.insert(0, crate::msg!("layout.noi_nhan_text", text = &p.text));
            }
            if !f.is_empty() {
                c.piece(
                    "ND30-DOCX-NOI-NHAN",
                    p,
                    crate::msg!("layout.noi_nhan", faults = f.join(", ")),
                );
            }
        }
        None => c.report(
            "ND30-DOCX-NOI-NHAN",
            None,
            crate::msg!("layout.no_noi_nhan"),
        ),
    }
    let n = s.recipients.len();
    for (i, p) in s.recipients.iter().enumerate() {
        let mut f = Vec::new();
        let text = p.text.trim();
        let is_luu = text.trim_start_matches(['-', ' ']).starts_with("Lưu");
        if !text.starts_with('-') {
            f.push(crate::msg!("layout.recipient_dash"));
        }
        if i + 1 == n {
            if !is_luu {
                f.push(crate::msg!("layout.recipient_last"));
            } else if !text.ends_with('.') && !text.ends_with(')') {
                f.push(crate::msg!("layout.recipient_luu_dot"));
            }
        } else if !without_note(text).ends_with(';') {
            f.push(crate::msg!("layout.recipient_semicolon"));
        }
        f.extend(faults(p, 22, 22, false, false));
        if !f.is_empty() {
            c.piece(
                "ND30-DOCX-RECIPIENTS",
                p,
                crate::msg!("layout.recipient", faults = f.join(", ")),
            );
        }
    }
    for p in &s.authority {
        let mut f = faults(p, 26, 28, true, false);
        if p.align != Align::Center && !p.tabbed {
            f.push(crate::msg!("layout.not_centred"));
        }
        if let Some(prefix) = SIGN_PREFIXES.iter().find(|x| p.text.starts_with(*x)) {
            let rest = &p.text[prefix.len()..];
            if !rest.starts_with(' ') || rest.starts_with("  ") {
                f.push(crate::msg!("layout.authority_space", prefix = prefix));
            }
        }
        if !f.is_empty() {
            c.piece(
                "ND30-DOCX-AUTHORITY",
                p,
                crate::msg!("layout.authority", faults = f.join(", ")),
            );
        }
    }
    match &s.name {
        Some(p) => {
            let mut f = faults(p, 26, 28, true, false);
            if p.align != Align::Center && !p.tabbed {
                f.push(crate::msg!("layout.not_centred"));
            }
            if !f.is_empty() {
                c.piece(
                    "ND30-DOCX-SIGNER",
                    p,
                    crate::msg!("layout.signer", faults = f.join(", ")),
                );
            }
        }
        None if s.label.is_some() || !s.authority.is_empty() => {
            c.report("ND30-DOCX-SIGNER", None, crate::msg!("layout.no_signer"))
        }
        None => {}
    }
}

/// A recipient line without a purpose note typed after its ";" ("- Bộ Y tế; (để báo
/// cáo)"): the note belongs to the line and the ";" is there.
fn without_note(text: &str) -> &str {
    match text.rfind(';') {
        Some(i) if text[i + 1..].trim().starts_with('(') && text.ends_with(')') => &text[..=i],
        _ => text,
    }
}

/// Typed point letters run a) b) c) d) đ) e) g) h) …: one printed twice or skipped is a
/// slip (a heading "I." or "1." starts a new list).
fn points(c: &mut Checker, body: &[usize]) {
    use crate::numbering::POINT_LETTERS;
    let mut expected: Option<usize> = None;
    for &i in body {
        let text = c.facts.para(i).text();
        let t = text.trim_start();
        let first = t.split_whitespace().next().unwrap_or("");
        let heading = first.len() > 1
            && first.ends_with('.')
            && first.trim_end_matches('.').split('.').all(|n| {
                !n.is_empty() && n.chars().all(|c| c.is_ascii_digit())
                    || crate::import::roman_value(n).is_some()
            });
        if heading {
            expected = None;
            continue;
        }
        let Some(letter) = first.strip_suffix(')').filter(|l| l.chars().count() == 1) else {
            continue;
        };
        let Some(k) = POINT_LETTERS.iter().position(|l| *l == letter) else {
            if letter.chars().all(|c| c.is_ascii_lowercase()) {
                c.report(
                    "ND30-DOCX-POINTS",
                    Some(i),
                    crate::msg!("layout.point_letter", letter = letter),
                );
            }
            continue;
        };
        if let Some(e) = expected {
            if k != 0 && k != e {
                c.report(
                    "ND30-DOCX-POINTS",
                    Some(i),
                    crate::msg!(
                        "layout.point_order",
                        got = letter,
                        want = POINT_LETTERS[e % POINT_LETTERS.len()]
                    ),
                );
            }
        }
        expected = Some(k + 1);
    }
}
