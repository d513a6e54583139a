//! One named paragraph style per role (as pandoc does): the look lives in styles.xml
//! and every paragraph names its style, so a user restyles a whole element in Word at once.

use docx_rs::{
    AlignmentType, Docx, LineSpacing, LineSpacingType, RunFonts, SpecialIndentType, Style,
    StyleType,
};

use crate::document::Role;
use crate::profile::{Align, ParaStyle, Profile};

/// Word's own unit of `auto` line spacing: 240 is single.
const SINGLE_LINE: f32 = 240.0;

/// The style id of a role (the role table's [`Role::style_id`]).
pub(super) fn style_id(role: Role) -> &'static str {
    role.style_id()
}

/// The header paragraph holding the page number.
pub(super) const PAGE_NUMBER_STYLE: &str = "KhPageNumber";

/// Document defaults (font in all four slots, body size) and a style for every role.
pub(super) fn install(mut docx: Docx, profile: &Profile) -> Docx {
    let font = profile.font;
    docx = docx
        .default_fonts(
            RunFonts::new()
                .ascii(font)
                .hi_ansi(font)
                .east_asia(font)
                .cs(font),
        )
        .default_size(profile.style(Role::Body).size.half_points());
    for role in Role::ALL {
        let mut style =
            paragraph_style(style_id(role), &format!("KH {role:?}"), profile.style(role));
        // Outline levels give Word's navigation pane the plan's structure.
        let level = match role {
            Role::Heading1 => Some(0),
            Role::Heading2 => Some(1),
            _ => None,
        };
        if let Some(level) = level {
            style = style.outline_lvl(level);
        }
        docx = docx.add_style(style);
    }
    docx.add_style(paragraph_style(
        PAGE_NUMBER_STYLE,
        "KH Page Number",
        profile.page_number,
    ))
}

fn paragraph_style(id: &str, name: &str, s: ParaStyle) -> Style {
    let mut style = Style::new(id, StyleType::Paragraph)
        .name(name)
        .based_on("Normal")
        .size(s.size.half_points())
        .color("000000")
        .align(alignment(s.align))
        .line_spacing(spacing(&s));
    if s.bold {
        style = style.bold();
    }
    if s.italic {
        style = style.italic();
    }
    let first_line = s.first_line.twips();
    if first_line > 0 {
        style = style.indent(
            None,
            Some(SpecialIndentType::FirstLine(first_line)),
            None,
            None,
        );
    }
    if s.keep_next {
        style.paragraph_property = style.paragraph_property.keep_next(true);
    }
    style
}

/// Spacing before/after and the `auto` line rule of a style.
fn spacing(s: &ParaStyle) -> LineSpacing {
    LineSpacing::new()
        .before(twips_u32(s.before.twips()))
        .after(twips_u32(s.after.twips()))
        .line(line_value(s.line))
        .line_rule(LineSpacingType::Auto)
}

fn alignment(a: Align) -> AlignmentType {
    match a {
        Align::Left => AlignmentType::Left,
        Align::Center => AlignmentType::Center,
        Align::Right => AlignmentType::Right,
        // `Both` is the Transitional value; `Justified` writes a Strict-only one.
        Align::Justify => AlignmentType::Both,
    }
}

fn line_value(line: f32) -> i32 {
    let v = (line * SINGLE_LINE).round();
    if v.is_finite() && v >= 1.0 {
        v as i32
    } else {
        SINGLE_LINE as i32
    }
}

pub(super) fn twips_u32(t: i32) -> u32 {
    u32::try_from(t).unwrap_or(0)
}
