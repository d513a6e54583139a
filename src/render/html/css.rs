//! The stylesheet, generated from the [`Profile`] so the HTML and the DOCX read the same
//! numbers. Constants here are mechanics (colours of the preview, how a rule is drawn),
//! never a size, margin or indent of the document.

use std::fmt::Write;

use crate::document::{Part, Role};
use crate::profile::{Align, Mm, PageSetup, ParaStyle, Profile, Pt};

/// Word's "single" line for Times New Roman is about 1.15 em; CSS has no such unit, so
/// a profile's line multiple is scaled by it.
const SINGLE_LINE: f32 = 1.15;

/// The class of a role's paragraphs (the role table's [`Role::css_class`]).
pub(super) fn role_class(role: Role) -> &'static str {
    role.css_class()
}

/// Each part prints on its own named page, so each gets its own page counter: that is how
/// an appendix restarts at 1 in Chromium, which ignores `counter-reset: page` on elements.
pub(super) fn part_page_name(index: usize) -> String {
    format!("part-{}", index + 1)
}

/// A CSS number: at most three decimals, no `-0`, never `NaN`.
pub(super) fn number(x: f32) -> String {
    if !x.is_finite() {
        return "0".into();
    }
    // Huge values would overflow the scaling below; they have no decimals to lose anyway.
    let rounded = if x.abs() < 1e6 {
        (x * 1000.0).round() / 1000.0
    } else {
        x.round()
    };
    if rounded == 0.0 {
        "0".into()
    } else {
        format!("{rounded}")
    }
}

fn pt(x: Pt) -> String {
    format!("{}pt", number(x.0))
}

fn mm(x: Mm) -> String {
    format!("{}mm", number(x.0))
}

/// The stylesheet, built once per profile: the rules every page shares (base, one
/// class for every role, tables); the page rules, which name each part, are added for
/// each document.
pub(crate) struct Stylesheet {
    shared: String,
}

impl Stylesheet {
    pub(crate) fn new(profile: &Profile) -> Stylesheet {
        let mut shared = String::new();
        base(&mut shared, profile);
        for role in Role::ALL {
            role_rule(&mut shared, role, &profile.style(role));
        }
        tables(&mut shared, profile);
        Stylesheet { shared }
    }

    /// The whole stylesheet of a document with these parts.
    pub(crate) fn for_parts(&self, profile: &Profile, parts: &[Part]) -> String {
        let mut css = String::with_capacity(self.shared.len() + 1024);
        pages(&mut css, profile, parts);
        css.push_str(&self.shared);
        preview(&mut css, profile, parts);
        css
    }
}

/// `A4` when the setup is A4 (what the decree names), the measured size otherwise.
fn page_size(page: &PageSetup, landscape: bool) -> String {
    let (w, h) = (page.width.0, page.height.0);
    let is = |a: f32, b: f32| (a - b).abs() < 0.5;
    if !landscape && is(w, 210.0) && is(h, 297.0) {
        "A4".into()
    } else if landscape && is(w, 297.0) && is(h, 210.0) {
        "A4 landscape".into()
    } else {
        format!("{} {}", mm(page.width), mm(page.height))
    }
}

fn page_margin(page: &PageSetup) -> String {
    format!(
        "{} {} {} {}",
        mm(page.top),
        mm(page.right),
        mm(page.bottom),
        mm(page.left)
    )
}

/// Print pages. The page number sits in the top margin box, `header` below the edge;
/// `from-2` shows nothing for 1, so each part's first page is unnumbered (see
/// docs/nd30-layout.md §3.9).
fn pages(css: &mut String, profile: &Profile, parts: &[Part]) {
    let number_style = &profile.page_number;
    let _ = writeln!(
        css,
        "@page {{ size: {}; margin: {}; }}",
        page_size(&profile.portrait, false),
        page_margin(&profile.portrait)
    );
    css.push_str("@counter-style blank { system: cyclic; symbols: \"\"; }\n");
    css.push_str(
        "@counter-style from-2 { system: extends decimal; range: 2 infinite; fallback: blank; }\n",
    );
    for (index, part) in parts.iter().enumerate() {
        let name = part_page_name(index);
        let page = profile.page(part.landscape);
        let _ = writeln!(
            css,
            "@page {name} {{ size: {}; margin: {}; counter-increment: {name}; \
             @top-center {{ content: counter({name}, from-2); vertical-align: top; \
             padding-top: {}; font-family: {}; font-size: {}; font-weight: {}; \
             font-style: {}; }} }}",
            page_size(page, part.landscape),
            page_margin(page),
            mm(page.header),
            font_family(profile),
            pt(number_style.size),
            weight(number_style),
            slant(number_style),
        );
        let _ = writeln!(css, ".{name} {{ page: {name}; }}");
    }
}

fn weight(style: &ParaStyle) -> &'static str {
    if style.bold {
        "bold"
    } else {
        "normal"
    }
}

fn slant(style: &ParaStyle) -> &'static str {
    if style.italic {
        "italic"
    } else {
        "normal"
    }
}

fn font_family(profile: &Profile) -> String {
    let name: String = profile
        .font
        .chars()
        .filter(|c| !matches!(c, '"' | '\\' | '<' | '&' | ';' | '{' | '}'))
        .collect();
    // Metric-compatible fallback where Times New Roman is not installed (Linux).
    format!("\"{name}\", \"Liberation Serif\", serif")
}

fn base(css: &mut String, profile: &Profile) {
    let _ = writeln!(
        css,
        "body {{ margin: 0; font-family: {}; color: #000; }}",
        font_family(profile)
    );
    css.push_str(concat!(
        ".part + .part { break-before: page; }\n",
        "p { margin: 0; overflow-wrap: break-word; }\n",
        // An empty paragraph still takes a line, as in Word.
        "p:empty::before { content: \"\\200B\"; }\n",
        // Emphasis adds to the role's own look; `bolder` would give 900 on a bold role.
        "strong { font-weight: bold; }\n",
        "em { font-style: italic; }\n",
        ".rule { display: inline-block; text-indent: 0; }\n",
        "ins.change { text-decoration: underline; color: #1f4e9e; }\n",
        "del.change { text-decoration: line-through; color: #b3261e; }\n",
    ));
    // Centred by margin rather than `auto`, so a fixed-length rule longer than its text
    // still centres on it.
    let _ = writeln!(
        css,
        ".rule::after {{ content: \"\"; display: block; width: var(--rule, 100%); \
         margin: 0.2em 0 0 calc((100% - var(--rule, 100%)) / 2); \
         border-top: {} solid #000; }}",
        pt(profile.rule_line)
    );
}

/// One class per role. Space before is a margin (dropped at the top of a page, as Word
/// does); space after is padding, so the two add up between paragraphs like Word's.
fn role_rule(css: &mut String, role: Role, s: &ParaStyle) {
    let align = match s.align {
        Align::Left => "left",
        Align::Center => "center",
        Align::Right => "right",
        Align::Justify => "justify",
    };
    let _ = write!(
        css,
        ".{} {{ font-size: {}; font-weight: {}; font-style: {}; text-align: {align}; \
         text-indent: {}; margin-top: {}; padding-bottom: {}; line-height: {};",
        role_class(role),
        pt(s.size),
        weight(s),
        slant(s),
        mm(s.first_line),
        pt(s.before),
        pt(s.after),
        number(s.line * SINGLE_LINE),
    );
    if s.keep_next {
        css.push_str(" break-after: avoid;");
    }
    css.push_str(" }\n");
}

fn tables(css: &mut String, profile: &Profile) {
    css.push_str(concat!(
        "table { border-collapse: collapse; width: 100%; table-layout: fixed; }\n",
        "td, th { vertical-align: top; font-weight: inherit; text-align: inherit; }\n",
        "table.layout td { padding: 0; }\n",
        // The header and signature blocks stay whole, like the DOCX rows that cannot split.
        "tr { break-inside: avoid; }\n",
        "thead { display: table-header-group; }\n",
        "tr.row-ins { background: #e8f0fb; }\n",
        "tr.row-del { background: #fbe9e7; }\n",
        // A group row is kept with its first task, as in the DOCX.
        "tr.row-group { break-after: avoid; }\n",
        // Footnotes at the end of the plan's own part, under a short rule.
        "aside.footnotes { margin-top: 12pt; border-top: 0.5pt solid #000; width: 40%; }\n",
        "aside.footnotes p { width: 250%; font-size: 10pt; text-align: justify; margin: 3pt 0 0; }\n",
        "sup a { color: inherit; text-decoration: none; }\n",
    ));
    // Word's default cell margins (0.19 cm left and right) until the profile names them.
    let _ = writeln!(
        css,
        "table.grid th, table.grid td {{ border: {} solid #000; padding: 0 1.9mm; \
         vertical-align: middle; }}",
        pt(profile.grid_line)
    );
}

/// On screen each part is a sheet of its page size with its margins, on grey.
fn preview(css: &mut String, profile: &Profile, parts: &[Part]) {
    css.push_str(concat!(
        "@media screen {\n",
        "html { background: #8a8d91; }\n",
        ".part { box-sizing: border-box; margin: 8mm auto; background: #fff; ",
        "box-shadow: 0 1mm 4mm rgba(0, 0, 0, 0.35); }\n",
    ));
    let mut seen = [false; 2];
    for part in parts {
        let landscape = part.landscape;
        if std::mem::replace(&mut seen[usize::from(landscape)], true) {
            continue;
        }
        let page = profile.page(landscape);
        let _ = writeln!(
            css,
            ".part.{} {{ width: {}; min-height: {}; padding: {}; }}",
            if landscape { "landscape" } else { "portrait" },
            mm(page.width),
            mm(page.height),
            page_margin(page),
        );
    }
    css.push_str("}\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::PartKind;

    fn part(landscape: bool) -> Part {
        Part {
            kind: PartKind::Main,
            landscape,
            blocks: Vec::new(),
        }
    }

    #[test]
    fn every_role_has_a_rule_and_every_part_a_page() {
        let profile = Profile::nd30();
        let sheet = Stylesheet::new(&profile);
        let css = sheet.for_parts(&profile, &[part(false), part(true)]);
        for role in Role::ALL {
            assert!(
                css.contains(&format!(".{} {{", role_class(role))),
                "{role:?}"
            );
        }
        assert!(css.contains("@page part-1 { size: A4;"), "{css}");
        assert!(css.contains("@page part-2 { size: A4 landscape;"), "{css}");
        assert!(!css.contains("part-3"));
        // The shared rules are the same whatever the parts.
        assert!(sheet
            .for_parts(&profile, &[part(false)])
            .contains(&sheet.shared));
    }
}
