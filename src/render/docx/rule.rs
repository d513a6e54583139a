//! The short centred rule under a line: an empty paragraph whose bottom border is cut
//! to length by equal left and right indents (docs/docx-writer.md says why).

use super::metrics::{width_twips, Face};
use super::styles::twips_u32;
use super::text::clean_text_cow;
use crate::document::{ChangeKind, Para, RuleLength};
use crate::profile::{Mm, ParaStyle, Profile};

/// Height of the paragraph carrying the border, which is drawn at its bottom: so the
/// gap between the text line and its rule (4 pt; at 1 pt LibreOffice drew the rule
/// through the descenders). ND30 sets no gap; this belongs in the profile.
pub(super) const CARRIER_LINE_TWIPS: i32 = 80;

/// Where the rule goes and how it looks.
pub(super) struct Geometry {
    /// Equal left and right indent, in twips.
    pub side: i32,
    /// Border width in eighths of a point.
    pub size: usize,
    /// The text paragraph's space after, which the rule takes over (twips).
    pub after: u32,
    pub keep_next: bool,
}

/// The rule's geometry, or `None` when the rule would have no length.
pub(super) fn geometry(
    para: &Para,
    rule: RuleLength,
    style: &ParaStyle,
    container: i32,
    profile: &Profile,
) -> Option<Geometry> {
    let length = length_twips(para, rule, style, container)?.min(f64::from(container.max(0)));
    let length = length.round() as i32;
    if length <= 0 {
        return None;
    }
    Some(Geometry {
        side: (container - length) / 2,
        // Border widths are in eighths of a point.
        size: (profile.rule_line.0 * 8.0).round().max(1.0) as usize,
        after: twips_u32(style.after.twips()),
        keep_next: style.keep_next,
    })
}

/// The rule's length before it is fitted to its container.
fn length_twips(para: &Para, rule: RuleLength, style: &ParaStyle, container: i32) -> Option<f64> {
    let length = match rule {
        RuleLength::TextWidth => longest_line(para, style, container),
        RuleLength::Fraction(f) => {
            f64::from(f.clamp(0.0, 1.0)) * longest_line(para, style, container)
        }
        RuleLength::Millimetres(mm) => f64::from(Mm(mm).twips()),
    };
    // NaN (a NaN fraction) and negative lengths draw nothing.
    (length > 0.0).then_some(length)
}

/// The width of the paragraph's longest line as it will be set in `container` twips:
/// explicit breaks end lines, and words wrap greedily as Word wraps them (a wrapped
/// agency name or summary is measured by its longest line: docs/nd30-layout.md §3.1, §3.2).
fn longest_line(para: &Para, style: &ParaStyle, container: i32) -> f64 {
    let limit = f64::from(container.max(0));
    let mut longest: f64 = 0.0;
    // The current line's width, and the width of the word being read.
    let mut line = 0.0;
    let mut word = 0.0;
    let mut space = 0.0;
    let end_word = |line: &mut f64, word: &mut f64, space: f64, longest: &mut f64| {
        if *line > 0.0 && *line + space + *word > limit {
            *longest = longest.max(*line);
            *line = *word;
        } else if *line > 0.0 {
            *line += space + *word;
        } else {
            *line = *word;
        }
        *word = 0.0;
    };
    for run in &para.runs {
        if matches!(&run.change, Some(c) if c.kind == ChangeKind::Deleted) {
            continue;
        }
        let face = Face {
            bold: style.bold || run.bold,
            italic: style.italic || run.italic,
        };
        let mut buf = [0u8; 4];
        for c in clean_text_cow(&run.text).chars() {
            match c {
                '\n' => {
                    end_word(&mut line, &mut word, space, &mut longest);
                    longest = longest.max(line);
                    line = 0.0;
                    space = 0.0;
                }
                ' ' => {
                    end_word(&mut line, &mut word, space, &mut longest);
                    space = width_twips(" ", style.size, face);
                }
                _ => word += width_twips(c.encode_utf8(&mut buf), style.size, face),
            }
        }
    }
    end_word(&mut line, &mut word, space, &mut longest);
    longest.max(line)
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
        let wide = 100_000;
        let one = longest_line(&para(vec![Run::plain("ỦY BAN NHÂN DÂN")]), &style, wide);
        let two = longest_line(
            &para(vec![Run::plain("ỦY BAN NHÂN DÂN\nXÃ A")]),
            &style,
            wide,
        );
        assert!((one - two).abs() < 0.01);
        let bold = longest_line(
            &para(vec![Run {
                bold: true,
                ..Run::plain("ỦY BAN NHÂN DÂN")
            }]),
            &style,
            wide,
        );
        assert!(bold > one);
    }

    #[test]
    fn long_lines_wrap_at_words() {
        let p = Profile::nd30();
        let style = p.style(Role::Agency);
        let text = para(vec![Run::plain("ỦY BAN NHÂN DÂN PHƯỜNG NINH HÀ")]);
        let full = longest_line(&text, &style, 100_000);
        let first = longest_line(
            &para(vec![Run::plain("ỦY BAN NHÂN DÂN PHƯỜNG")]),
            &style,
            100_000,
        );
        // Too narrow for the whole name, wide enough for its first five words.
        let wrapped = longest_line(&text, &style, (first + 10.0) as i32);
        assert!(
            (wrapped - first).abs() < 0.01,
            "{wrapped} vs {first} (full {full})"
        );
        // A single word longer than the line still counts whole.
        let word = para(vec![Run::plain("ABCDEFGHIJ")]);
        assert!(longest_line(&word, &style, 10) > 10.0);
    }

    #[test]
    fn lengths_are_fitted_and_centred() {
        let p = Profile::nd30();
        let style = p.style(Role::Motto);
        let motto = para(vec![Run::plain("Độc lập - Tự do - Hạnh phúc")]);
        let w = 9000;
        let full = length_twips(&motto, RuleLength::TextWidth, &style, w).unwrap();
        let third = length_twips(&motto, RuleLength::Fraction(1.0 / 3.0), &style, w).unwrap();
        assert!((full / 3.0 - third).abs() < 0.5);
        // LibreOffice set this motto 60.4 mm wide (pdftotext -bbox).
        assert!((full / 1440.0 * 25.4 - 60.4).abs() < 0.5, "{full}");
        let fixed = length_twips(&motto, RuleLength::Millimetres(30.0), &style, w);
        assert_eq!(fixed, Some(1701.0));
        let nan = RuleLength::Fraction(f32::NAN);
        assert_eq!(length_twips(&motto, nan, &style, w), None);
        let empty = para(vec![]);
        assert_eq!(length_twips(&empty, RuleLength::TextWidth, &style, w), None);
        assert!(geometry(&motto, RuleLength::TextWidth, &style, 0, &p).is_none());
        // Centred: the indents plus the rule fill the container.
        let g = geometry(&motto, RuleLength::TextWidth, &style, w, &p).unwrap();
        assert_eq!(w as i64 - 2 * i64::from(g.side), full.round() as i64);
    }
}
