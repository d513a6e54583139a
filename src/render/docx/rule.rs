//! The short centred rule under a line (crates.md §1.5, option A): an empty paragraph
//! whose bottom border is cut to length by equal left and right indents.

use docx_rs::{
    BorderType, LineSpacing, LineSpacingType, Paragraph, ParagraphBorder, ParagraphBorderPosition,
    ParagraphBorders,
};

use super::metrics::{width_twips, Face};
use super::paragraph::clean_text;
use super::styles::twips_u32;
use crate::document::{ChangeKind, Para, RuleLength};
use crate::profile::{Mm, ParaStyle, Profile};

/// Height of the paragraph carrying the border: as small as Word allows a line, so the
/// rule hugs the text above it.
const CARRIER_LINE_TWIPS: i32 = 20;

/// The rule paragraph under `para`, or `None` when the rule would have no length.
pub(super) fn paragraph(
    para: &Para,
    rule: RuleLength,
    style: &ParaStyle,
    container: i32,
    profile: &Profile,
) -> Option<Paragraph> {
    let length = length_twips(para, rule, style)?.min(f64::from(container.max(0)));
    let length = length.round() as i32;
    if length <= 0 {
        return None;
    }
    let side = (container - length) / 2;
    // Border widths are in eighths of a point.
    let size = (profile.rule_line.0 * 8.0).round().max(1.0) as usize;
    let border = ParagraphBorder::new(ParagraphBorderPosition::Bottom)
        .val(BorderType::Single)
        .size(size)
        .space(0)
        .color("000000");
    Some(
        Paragraph::new()
            .indent(Some(side), None, Some(side), None)
            .line_spacing(
                LineSpacing::new()
                    .before(0)
                    .after(twips_u32(style.after.twips()))
                    .line(CARRIER_LINE_TWIPS)
                    .line_rule(LineSpacingType::Exact),
            )
            .keep_next(style.keep_next)
            .set_borders(ParagraphBorders::with_empty().set(border)),
    )
}

/// The rule's length before it is fitted to its container.
fn length_twips(para: &Para, rule: RuleLength, style: &ParaStyle) -> Option<f64> {
    let length = match rule {
        RuleLength::TextWidth => longest_line(para, style),
        RuleLength::Fraction(f) => f64::from(f.clamp(0.0, 1.0)) * longest_line(para, style),
        RuleLength::Millimetres(mm) => f64::from(Mm(mm).twips()),
    };
    // NaN (a NaN fraction) and negative lengths draw nothing.
    (length > 0.0).then_some(length)
}

/// The width of the paragraph's longest line, each run in its own face. Lines are
/// the explicit breaks; a line too long for its container is cut to it by the caller.
fn longest_line(para: &Para, style: &ParaStyle) -> f64 {
    let mut longest: f64 = 0.0;
    let mut current = 0.0;
    for run in &para.runs {
        if matches!(&run.change, Some(c) if c.kind == ChangeKind::Deleted) {
            continue;
        }
        let face = Face {
            bold: style.bold || run.bold,
            italic: style.italic || run.italic,
        };
        for (i, piece) in clean_text(&run.text).split('\n').enumerate() {
            if i > 0 {
                longest = longest.max(current);
                current = 0.0;
            }
            current += width_twips(piece, style.size, face);
        }
    }
    longest.max(current)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Role, Run};

    fn para(runs: Vec<Run>) -> Para {
        Para::new(Role::Motto, runs)
    }

    #[test]
    fn longest_line_takes_breaks_and_emphasis_into_account() {
        let p = Profile::nd30();
        let style = p.style(Role::ParentAgency); // regular, 13 pt
        let one = longest_line(&para(vec![Run::plain("ỦY BAN NHÂN DÂN")]), &style);
        let two = longest_line(&para(vec![Run::plain("ỦY BAN NHÂN DÂN\nXÃ A")]), &style);
        assert!((one - two).abs() < 0.01);
        let bold = longest_line(
            &para(vec![Run {
                bold: true,
                ..Run::plain("ỦY BAN NHÂN DÂN")
            }]),
            &style,
        );
        assert!(bold > one);
    }

    #[test]
    fn lengths_are_fitted_and_centred() {
        let p = Profile::nd30();
        let style = p.style(Role::Motto);
        let motto = para(vec![Run::plain("Độc lập - Tự do - Hạnh phúc")]);
        let full = length_twips(&motto, RuleLength::TextWidth, &style).unwrap();
        let third = length_twips(&motto, RuleLength::Fraction(1.0 / 3.0), &style).unwrap();
        assert!((full / 3.0 - third).abs() < 0.5);
        assert_eq!(
            length_twips(&motto, RuleLength::Millimetres(30.0), &style),
            Some(1701.0)
        );
        assert_eq!(
            length_twips(&motto, RuleLength::Fraction(f32::NAN), &style),
            None
        );
        assert_eq!(
            length_twips(&para(vec![]), RuleLength::TextWidth, &style),
            None
        );
        assert!(paragraph(&motto, RuleLength::TextWidth, &style, 0, &p).is_none());
    }
}
