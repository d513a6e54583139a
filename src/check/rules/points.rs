//! Point letters: `diem` blocks are lettered by the renderer, but letters typed at the
//! start of paragraphs ("a) …", "f) …") must follow the Vietnamese sequence
//! a) b) c) d) đ) e) g) h) i) k) …, which has no f, j, w or z.

use std::sync::LazyLock;

use regex::Regex;

use super::clause;
use crate::check::fields::block_text;
use crate::check::{Cx, RuleInfo};
use crate::diag::Diagnostic;
use crate::diag::Severity::{Error, Warning};
use crate::numbering::POINT_LETTERS;
use crate::plan::{Block, Text};

pub const SEQUENCE: RuleInfo = RuleInfo {
    id: "ND30-DIEM-SEQUENCE",
    severity: Error,
    clause: Some(clause::POINTS),
    summary:
        "chữ cái đánh điểm gõ tay ra khỏi thứ tự a) b) c) d) đ) e) g) h) … (không dùng f, j, w, z)",
};
pub const COUNT: RuleInfo = RuleInfo {
    id: "ND30-DIEM-COUNT",
    severity: Warning,
    clause: Some(clause::POINTS),
    summary: "hơn 23 `diem` trong một danh sách: chữ cái chỉ đến y)",
};

pub const PRINTED_SEQUENCE: RuleInfo = RuleInfo {
    id: "KH-SO-SEQUENCE",
    severity: Warning,
    clause: None,
    summary: "số mục, khoản, điểm ghi tay (`so`) in trùng hoặc nhảy cóc so với thứ tự (I, II, III, III; a, b, c, e)",
};

static MARKER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[ \t]*([a-zđ])\)\s").expect("valid regex"));

pub fn check(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    siblings(cx, &cx.plan.noi_dung, out);
    printed(cx, &cx.plan.noi_dung, out);
}

/// A marker the plan prints itself (`so`) that repeats or skips the one printed before
/// it in the same list and style (I, II, III, III; a, b, c, e): a signed plan keeps it, but
/// a reader notices.
fn printed(cx: &Cx<'_>, list: &[Block], out: &mut Vec<Diagnostic>) {
    use crate::plan::BlockKind;
    let kinds: Vec<Option<BlockKind>> = list
        .iter()
        .map(|b| match block_text(b) {
            Some(("muc", _)) => Some(BlockKind::Section),
            Some(("khoan", _)) => Some(BlockKind::Clause),
            Some(("diem", _)) => Some(BlockKind::Point),
            _ => None,
        })
        .collect();
    let numbers = crate::numbering::list_numbers(&kinds);
    // The last ordinal printed in each style: roman, arabic, letter.
    let mut last: [Option<usize>; 3] = [None; 3];
    for ((block, kind), number) in list.iter().zip(&kinds).zip(numbers) {
        let auto = match kind {
            Some(BlockKind::Section | BlockKind::Clause) => Some(format!("{number}.")),
            Some(BlockKind::Point) => Some(format!("{number})")),
            _ => None,
        };
        let so = block.fields().and_then(|f| f.so.as_ref());
        let mark = so.map(|t| t.trim().to_owned()).or(auto);
        if let Some((style, n)) = mark.as_deref().and_then(ordinal) {
            if let (Some(so), Some(prev)) = (so, last[style]) {
                let what = if n == prev {
                    Some("in trùng với ký hiệu trước")
                } else if n > prev + 1 {
                    Some("nhảy qua ký hiệu ở giữa")
                } else {
                    None
                };
                if let Some(what) = what {
                    out.push(PRINTED_SEQUENCE.report(
                        cx.at(so, 0, so.value.len()),
                        format!("ký hiệu “{}” {what}", so.trim()),
                        "văn bản đã ký thì giữ như in; văn bản đang soạn thì bỏ `so` để kehoach tự đánh số",
                    ));
                }
            }
            last[style] = Some(n);
        }
        printed(cx, block.children(), out);
    }
}

/// A printed marker's style (0 roman, 1 arabic, 2 letter) and ordinal: `III.` (0, 3),
/// `1.2.` (1, 2), `đ)` (2, 5).
fn ordinal(mark: &str) -> Option<(usize, usize)> {
    if let Some(letter) = mark.strip_suffix(')') {
        let i = POINT_LETTERS.iter().position(|l| *l == letter)?;
        return Some((2, i + 1));
    }
    let body = mark.strip_suffix('.')?;
    if !body.is_empty() && body.chars().all(|c| "IVXLC".contains(c)) {
        return (1..=60)
            .find(|&n| crate::numbering::roman(n) == body)
            .map(|n| (0, n));
    }
    let last = body.rsplit('.').next()?;
    last.parse().ok().map(|n| (1, n))
}

fn siblings(cx: &Cx<'_>, list: &[Block], out: &mut Vec<Diagnostic>) {
    let mut expected = 0usize;
    let mut diem = 0usize;
    for block in list {
        match block_text(block) {
            // A heading starts a new run of letters.
            Some(("muc" | "khoan", _)) => expected = 0,
            Some(("diem", t)) => {
                diem += 1;
                if diem == POINT_LETTERS.len() + 1 {
                    out.push(COUNT.report(
                        cx.at(t, 0, t.value.len()),
                        crate::msg!("check.points_count", n = diem),
                        crate::msg!("check.points_count_help"),
                    ));
                }
            }
            Some(("noi_dung" | "doan", t)) => typed(cx, t, &mut expected, out),
            _ => {}
        }
        siblings(cx, block.children(), out);
    }
}

/// Checks the typed markers at the start of each line of a paragraph.
fn typed(cx: &Cx<'_>, t: &Text, expected: &mut usize, out: &mut Vec<Diagnostic>) {
    let mut offset = 0;
    for line in t.value.split_inclusive('\n') {
        if let Some(letter) = MARKER.captures(line).and_then(|c| c.get(1)) {
            let found = letter.as_str();
            let at = cx.at(t, offset + letter.start(), letter.len() + 1);
            match POINT_LETTERS.iter().position(|l| *l == found) {
                None => {
                    let after = expected
                        .checked_sub(1)
                        .map(|i| POINT_LETTERS[i % POINT_LETTERS.len()]);
                    out.push(SEQUENCE.report(
                        at,
                        crate::msg!("check.points_not_letter", found = found),
                        match after {
                            Some(prev) => crate::msg!(
                                "check.points_after",
                                prev = prev,
                                next = POINT_LETTERS[*expected % POINT_LETTERS.len()]
                            ),
                            None => crate::msg!("check.points_run"),
                        },
                    ));
                    *expected += 1;
                }
                // "a)" starts a new list, wherever it is.
                Some(0) => *expected = 1,
                Some(i) => {
                    let want = POINT_LETTERS[*expected % POINT_LETTERS.len()];
                    if i != *expected % POINT_LETTERS.len() {
                        out.push(SEQUENCE.report(
                            at,
                            crate::msg!("check.points_order", found = found, want = want),
                            crate::msg!("check.points_order_help"),
                        ));
                    }
                    // Follow on from the letter written, so one slip gives one finding.
                    *expected = i + 1;
                }
            }
        }
        offset += line.len();
    }
}
