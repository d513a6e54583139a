//! Reads the templates' output — one element per line, `<role> <text>` — into the
//! document tree (a small pandoc "reader"). It also gathers the header lines into the
//! two-column header table and the recipients/authority lines into the signature table,
//! so templates say *what* each line is and never lay out tables themselves.

use crate::document::{
    Block, Cell, Para, Part, PartKind, Role, Row, RowKind, RuleLength, Table, TableKind,
};
use crate::plan::Plan;
use crate::profile::Profile;

use super::inline::parse_inline;
use super::table::appendix_table;

/// Fraction of the longest agency/summary line the short rule covers (docs/nd30-layout.md §3.1: 1/3–1/2).
const SHORT_RULE: f32 = 0.4;
/// Length of the rule under "(Kèm theo …)": not prescribed; the template shows ≈12 underscores.
const KEM_THEO_RULE_MM: f32 = 30.0;

/// Where a line of markup goes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Slot {
    HeaderLeft,
    HeaderRight,
    SignLeft,
    SignRight,
    Flow,
}

/// The role a line's keyword names (the role table's markup keywords) and where the
/// line goes: the header and signature blocks have two columns each.
fn role_of(keyword: &str) -> Option<(Role, Slot)> {
    use Role::*;
    let role = Role::from_markup(keyword)?;
    let slot = match role {
        ParentAgency | Agency | Number => Slot::HeaderLeft,
        NationalTitle | Motto | PlaceDate => Slot::HeaderRight,
        RecipientsLabel | Recipient => Slot::SignLeft,
        Authority | SignerName => Slot::SignRight,
        _ => Slot::Flow,
    };
    Some((role, slot))
}

/// A markup line that could not be read: its 1-based line in the template output.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct MarkupError {
    pub line: usize,
    pub message: String,
}

pub fn read(markup: &str, plan: &Plan, profile: &Profile) -> Result<Vec<Part>, MarkupError> {
    let mut reader = Reader {
        parts: vec![Part {
            kind: PartKind::Main,
            landscape: false,
            blocks: Vec::new(),
        }],
        header: None,
        sign: None,
        left_column: profile.layout_left_column,
        sign_left_column: profile.signature_left_column,
        summary_added: false,
    };
    for (i, line) in markup.lines().enumerate() {
        // Only ASCII blanks: a draft's date line ends in no-break spaces left to write in.
        let line = line.trim_end_matches([' ', '\t', '\r']);
        if line.trim().is_empty() {
            continue;
        }
        let (keyword, text) = line
            .trim_start()
            .split_once(' ')
            .unwrap_or((line.trim(), ""));
        if keyword == "bang" {
            let index: usize = text.trim().parse().map_err(|_| MarkupError {
                line: i + 1,
                message: format!("`bang` takes an appendix index, not `{text}`"),
            })?;
            let appendix = plan.phu_luc.get(index).ok_or_else(|| MarkupError {
                line: i + 1,
                message: format!(
                    "there is no appendix {index} (the plan has {})",
                    plan.phu_luc.len()
                ),
            })?;
            reader.flush_tables();
            reader
                .current()
                .blocks
                .push(Block::Table(appendix_table(appendix)));
            continue;
        }
        let (role, slot) = role_of(keyword).ok_or_else(|| MarkupError {
            line: i + 1,
            message: format!(
                "unknown element `{keyword}`; a line starts with one of: chu-quan co-quan so quoc-hieu tieu-ngu dia-danh loai trich-yeu can-cu doan muc khoan diem gach cong noi-nhan-nhan noi-nhan tham-quyen ten-nguoi-ky phu-luc phu-luc-ten kem-theo chu-ky-so bang"
            ),
        })?;
        reader.push(role, slot, text, plan);
    }
    reader.flush_tables();
    Ok(reader.parts)
}

struct Reader {
    parts: Vec<Part>,
    /// Left and right cells of the block being gathered, with the index it goes in at.
    header: Option<(usize, Vec<Para>, Vec<Para>)>,
    sign: Option<(usize, Vec<Para>, Vec<Para>)>,
    left_column: f32,
    sign_left_column: f32,
    /// A trích yếu line was added since the last look for it: only then can its rule
    /// move. (Looking on every line made a plan of 400 000 paragraphs take minutes.)
    summary_added: bool,
}

impl Reader {
    fn current(&mut self) -> &mut Part {
        self.parts.last_mut().expect("always one part")
    }

    fn push(&mut self, role: Role, slot: Slot, text: &str, plan: &Plan) {
        let mut para = Para::new(role, parse_inline(text));
        // A numbered sentence printed bold is not a title: kept with the next paragraph,
        // a run of them would drag each other onto the next page.
        if matches!(role, Role::Heading1 | Role::Heading2)
            && text.trim_end_matches('*').trim_end().ends_with(['.', ';'])
        {
            para.keep_next = Some(false);
        }
        match slot {
            Slot::Flow => {
                self.flush_tables();
                if role == Role::AppendixNumber {
                    let index = self
                        .parts
                        .iter()
                        .filter(|p| p.kind == PartKind::Appendix)
                        .count();
                    let landscape = plan.phu_luc.get(index).is_some_and(|a| a.is_landscape());
                    self.parts.push(Part {
                        kind: PartKind::Appendix,
                        landscape,
                        blocks: Vec::new(),
                    });
                }
                let para = match role {
                    Role::AppendixRef => para.with_rule(RuleLength::Millimetres(KEM_THEO_RULE_MM)),
                    _ => para,
                };
                let blocks = &mut self.current().blocks;
                if role == Role::ESignature {
                    // Mẫu 2.2: the signature text sits at the very top of the appendix page.
                    blocks.insert(0, Block::Para(para));
                } else {
                    blocks.push(Block::Para(para));
                }
                self.summary_added |= role == Role::Summary;
            }
            Slot::HeaderLeft | Slot::HeaderRight => {
                let at = self.current().blocks.len();
                let (_, left, right) = self
                    .header
                    .get_or_insert_with(|| (at, Vec::new(), Vec::new()));
                if slot == Slot::HeaderLeft {
                    left
                } else {
                    right
                }
                .push(para);
            }
            Slot::SignLeft | Slot::SignRight => {
                let at = self.current().blocks.len();
                let (_, left, right) = self
                    .sign
                    .get_or_insert_with(|| (at, Vec::new(), Vec::new()));
                if slot == Slot::SignLeft { left } else { right }.push(para);
            }
        }
    }

    /// Places a gathered header or signature block as a borderless two-column table.
    fn flush_tables(&mut self) {
        if let Some((at, mut left, mut right)) = self.header.take() {
            // The short rules: under the last agency line (1/3–1/2 of it) and under the
            // Tiêu ngữ (as long as the text), docs/nd30-layout.md §3.1.
            if let Some(last) = left.iter_mut().rev().find(|p| p.role == Role::Agency) {
                last.rule_below = Some(RuleLength::Fraction(SHORT_RULE));
            }
            if let Some(motto) = right.iter_mut().find(|p| p.role == Role::Motto) {
                motto.rule_below = Some(RuleLength::TextWidth);
            }
            // Number and date start a second row, so that they line up across the two
            // columns and are read (and printed) after the names and the motto above them.
            let split_left = left.iter().position(|p| p.role == Role::Number);
            let split_right = right.iter().position(|p| p.role == Role::PlaceDate);
            let table = match (split_left, split_right) {
                (Some(l), Some(r)) => {
                    let (low_left, low_right) = (left.split_off(l), right.split_off(r));
                    let mut table = layout_table(left, right, self.left_column);
                    table.rows.push(Row {
                        kind: RowKind::Layout,
                        cells: vec![Cell::new(low_left), Cell::new(low_right)],
                        change: None,
                    });
                    table
                }
                _ => layout_table(left, right, self.left_column),
            };
            let blocks = &mut self.current().blocks;
            blocks.insert(at.min(blocks.len()), Block::Table(table));
        }
        if let Some((at, left, right)) = self.sign.take() {
            let table = layout_table(left, right, self.sign_left_column);
            let blocks = &mut self.current().blocks;
            blocks.insert(at.min(blocks.len()), Block::Table(table));
        }
        // The trích yếu's rule goes under its last line.
        if !std::mem::take(&mut self.summary_added) {
            return;
        }
        let blocks = &mut self.current().blocks;
        if let Some(Block::Para(p)) = blocks
            .iter_mut()
            .rev()
            .find(|b| matches!(b, Block::Para(p) if p.role == Role::Summary))
        {
            if p.rule_below.is_none() {
                p.rule_below = Some(RuleLength::Fraction(SHORT_RULE));
            }
        }
    }
}

fn layout_table(left: Vec<Para>, right: Vec<Para>, left_width: f32) -> Table {
    Table {
        kind: TableKind::Layout,
        columns: vec![left_width, 1.0 - left_width],
        rows: vec![Row {
            kind: RowKind::Layout,
            cells: vec![Cell::new(left), Cell::new(right)],
            change: None,
        }],
    }
}
