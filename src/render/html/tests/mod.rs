//! The renderer against hand-built documents: escaping, hygiene, the profile's numbers in
//! the CSS, table structure, changes, determinism and XML well-formedness.

mod sample;
mod xml;

use sample::{p, sample, HOSTILE};
use xml::xml_text;

use super::HtmlRenderer;
use crate::document::{
    Block, Cell, Document, Meta, Para, Part, PartKind, Role, Row, RowKind, RuleLength, Run, Table,
    TableKind,
};
use crate::profile::{Align, Mm, Profile};
use crate::render::{Prepared, RenderContext, RenderError, Renderer};

fn templates() -> tera::Tera {
    let mut tera = tera::Tera::default();
    tera.set_fallback_prefixes(["user/", "builtin/"]).unwrap();
    tera.add_raw_template(
        "builtin/page.html",
        include_str!("../../../../templates/page.html"),
    )
    .unwrap();
    tera
}

fn render_with(doc: &Document, profile: &Profile) -> String {
    let tera = templates();
    let bytes = HtmlRenderer
        .render(
            doc,
            &RenderContext::new(&Prepared::new(profile.clone()), &tera),
        )
        .expect("renders")
        .bytes;
    String::from_utf8(bytes).expect("UTF-8")
}

fn render(doc: &Document) -> String {
    render_with(doc, &Profile::nd30())
}

/// The declarations of the first rule whose selector is exactly `selector`.
fn css_rule<'a>(html: &'a str, selector: &str) -> &'a str {
    let start = html
        .find(&format!("\n{selector} {{"))
        .unwrap_or_else(|| panic!("no CSS rule for {selector}"));
    let rest = &html[start + selector.len() + 3..];
    &rest[..rest.find('}').expect("rule closes")]
}

fn declaration<'a>(rule: &'a str, property: &str) -> &'a str {
    rule.split(';')
        .map(str::trim)
        .find_map(|d| d.strip_prefix(&format!("{property}: ")))
        .unwrap_or_else(|| panic!("no {property} in {rule}"))
}

fn unit_value(value: &str, unit: &str) -> f32 {
    value
        .strip_suffix(unit)
        .unwrap_or_else(|| panic!("{value} is not in {unit}"))
        .parse()
        .expect("a number")
}

#[test]
fn hostile_text_is_escaped_once() {
    let html = render(&sample());
    assert!(!html.to_lowercase().contains("<script"), "{html}");
    let escaped = "&lt;script&gt;alert(1)&lt;/script&gt; &amp; {{ x }} ]]&gt;";
    // Once in the body, once in <title>: tera escapes the head, Rust the body.
    assert_eq!(html.matches(escaped).count(), 2, "{html}");
    assert!(!html.contains("&amp;lt;"), "escaped twice");
    let text = xml_text(&html).unwrap();
    assert!(text.contains(HOSTILE));
}

#[test]
fn output_is_well_formed_xml_with_text_in_order() {
    let html = render(&sample());
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"vi-VN\">"));
    let text = xml_text(&html).unwrap_or_else(|e| panic!("{e}\n{html}"));
    let mut from = 0;
    for line in [
        "UBND THỊ XÃ NINH HÒA",
        "ỦY BAN NHÂN DÂN\nPHƯỜNG NINH HÀ",
        "Số: 114/KH-UBND",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "KẾ HOẠCH",
        "Thực hiện Kế hoạch",
        " 😀 \u{200F}عربي\u{200E};",
        "Nơi nhận:",
        "Trần Văn Chính",
        "Phụ lục",
        "Hồ sơ TTHC được đánh mã",
    ] {
        let at = text[from..]
            .find(line)
            .unwrap_or_else(|| panic!("{line:?} missing or out of order in {text}"));
        from += at + line.len();
    }
}

#[test]
fn no_script_and_no_external_urls() {
    let html = render(&sample());
    for bad in [
        "http:",
        "https:",
        "//",
        "url(",
        "@import",
        "javascript:",
        "<script",
    ] {
        assert!(!html.contains(bad), "{bad}");
    }
    // No event-handler attribute: ` on…="`.
    for (i, _) in html.match_indices(" on") {
        let name: String = html[i + 3..]
            .chars()
            .take_while(char::is_ascii_alphabetic)
            .collect();
        assert!(
            !html[i + 3 + name.len()..].starts_with('='),
            "handler at {i}"
        );
    }
}

#[test]
fn head_carries_the_metadata() {
    let html = render(&sample());
    assert!(html.contains("<meta charset=\"utf-8\"/>"));
    assert!(html.contains("<meta name=\"author\" content=\"UBND phường Ninh Hà\"/>"));
    assert!(html.contains("<meta name=\"keywords\" content=\"kế hoạch, một cửa\"/>"));
    assert!(html.contains("<meta name=\"description\" content=\"Kế hoạch số 114/KH-UBND\"/>"));
    assert!(html.contains("<title>Triển khai Đề án &lt;script"));
}

#[test]
fn page_rules_come_from_the_profile() {
    let mut profile = Profile::nd30();
    // Numbers that are not the defaults, so a hand-written CSS value cannot pass.
    profile.portrait.top = Mm(25.0);
    profile.portrait.left = Mm(35.0);
    profile.landscape.left = Mm(30.0);
    profile.landscape.bottom = Mm(15.5);
    let html = render_with(&sample(), &profile);
    let margin = |page: &crate::profile::PageSetup| {
        format!(
            "{}mm {}mm {}mm {}mm",
            page.top.0, page.right.0, page.bottom.0, page.left.0
        )
    };
    let default_page = css_rule(&html, "@page");
    assert_eq!(declaration(default_page, "size"), "A4");
    assert_eq!(
        declaration(default_page, "margin"),
        margin(&profile.portrait)
    );
    let main = css_rule(&html, "@page part-1");
    assert_eq!(declaration(main, "size"), "A4");
    assert_eq!(declaration(main, "margin"), margin(&profile.portrait));
    let appendix = css_rule(&html, "@page part-2");
    assert_eq!(declaration(appendix, "size"), "A4 landscape");
    assert_eq!(declaration(appendix, "margin"), margin(&profile.landscape));
    assert_eq!(declaration(css_rule(&html, ".part-2"), "page"), "part-2");
    assert!(html.contains(r#"<section class="part part-appendix landscape part-2">"#));
    // The screen preview is a sheet of the same page.
    let sheet = css_rule(&html, ".part.landscape");
    assert_eq!(declaration(sheet, "width"), "297mm");
    assert_eq!(declaration(sheet, "padding"), margin(&profile.landscape));
}

#[test]
fn page_numbers_restart_per_part_and_skip_first_pages() {
    let html = render(&sample());
    let profile = Profile::nd30();
    for part in ["part-1", "part-2"] {
        let rule = css_rule(&html, &format!("@page {part}"));
        assert!(
            rule.contains(&format!("counter-increment: {part}")),
            "{rule}"
        );
    }
    assert!(html.contains("content: counter(part-2, from-2)"));
    assert!(html.contains("range: 2 infinite; fallback: blank"));
    let header = format!("padding-top: {}mm", profile.portrait.header.0);
    assert!(html.contains(&header), "{header}");
}

#[test]
fn role_classes_carry_the_profile_styles() {
    let doc = sample();
    let html = render(&doc);
    let profile = Profile::nd30();
    let roles: std::collections::BTreeSet<Role> = doc.paragraphs().iter().map(|p| p.role).collect();
    assert_eq!(roles.len(), 27, "the sample should use every role");
    for role in roles {
        let s = profile.style(role);
        let class = super::css::role_class(role);
        let rule = css_rule(&html, &format!(".{class}"));
        let size = unit_value(declaration(rule, "font-size"), "pt");
        assert_eq!(size, s.size.0, "{class}");
        let weight = if s.bold { "bold" } else { "normal" };
        assert_eq!(declaration(rule, "font-weight"), weight, "{class}");
        let slant = if s.italic { "italic" } else { "normal" };
        assert_eq!(declaration(rule, "font-style"), slant, "{class}");
        let align = match s.align {
            Align::Left => "left",
            Align::Center => "center",
            Align::Right => "right",
            Align::Justify => "justify",
        };
        assert_eq!(declaration(rule, "text-align"), align, "{class}");
        let indent = unit_value(declaration(rule, "text-indent"), "mm");
        assert!((indent - s.first_line.0).abs() < 0.001, "{class}");
        let before = unit_value(declaration(rule, "margin-top"), "pt");
        assert!((before - s.before.0).abs() < 0.001, "{class}");
        let after = unit_value(declaration(rule, "padding-bottom"), "pt");
        assert!((after - s.after.0).abs() < 0.001, "{class}");
        let line: f32 = declaration(rule, "line-height").parse().unwrap();
        assert!((line - s.line * 1.15).abs() < 0.001, "{class}");
        assert_eq!(rule.contains("break-after: avoid"), s.keep_next, "{class}");
    }
    let motto = css_rule(&html, ".r-motto");
    assert_eq!(declaration(motto, "font-size"), "14pt");
    assert!(html.contains("font-family: \"Times New Roman\", \"Liberation Serif\", serif"));
}

#[test]
fn rules_under_lines_take_their_length_from_the_tree() {
    let html = render(&sample());
    assert!(html.contains(r#"<p class="r-motto"><span class="rule">Độc lập"#));
    assert!(html.contains(r#"<span class="rule" style="--rule: 40%">ỦY BAN NHÂN DÂN<br/>"#));
    assert!(html.contains(r#"<span class="rule" style="--rule: 33.333%">"#));
    assert!(html.contains(r#"<span class="rule" style="--rule: 30mm">(Kèm theo"#));
    let line = declaration(css_rule(&html, ".rule::after"), "border-top");
    assert_eq!(
        line,
        format!("{}pt solid #000", Profile::nd30().rule_line.0)
    );
}

#[test]
fn grid_has_a_repeating_head_group_spans_and_whole_rows() {
    let html = render(&sample());
    let thead = &html[html.find("<thead>").expect("thead")..html.find("</thead>").unwrap()];
    assert!(thead.contains(r#"<tr class="row-header"><th scope="col">"#));
    assert!(html.contains(r#"<td colspan="3"><p class="r-table-group">Mã hồ sơ</p>"#));
    assert_eq!(declaration(css_rule(&html, "tr"), "break-inside"), "avoid");
    assert!(html.contains(r#"<table class="grid">"#));
    assert!(html.contains(r#"<col style="width: 6.977%"/><col style="width: 46.512%"/>"#));
    let grid = css_rule(&html, "table.grid th, table.grid td");
    assert!(grid.contains("border: 0.5pt solid #000"), "{grid}");
    assert!(html.contains(r#"<table class="layout">"#));
    assert!(html.contains(r#"<col style="width: 42%"/><col style="width: 58%"/>"#));
}

#[test]
fn changes_become_ins_and_del() {
    let html = render(&sample());
    let attrs = r#"class="change" datetime="2021-07-07T00:00:00Z" data-author="Văn phòng &quot;UBND&quot;" title=""#;
    assert!(html.contains(&format!(
        r#"<ins {attrs}Thêm: Văn phòng &quot;UBND&quot;, 2021-07-07T00:00:00Z">thêm mới</ins>"#
    )));
    assert!(html.contains(&format!("<del {attrs}Xóa")));
    assert!(html.contains(r#"<p class="r-body"><ins class="change""#));
    assert!(html.contains(r#"<tr class="row-task row-del">"#));
    assert!(html.contains(r#"<p class="r-table-text"><del class="change""#));
}

#[test]
fn output_is_deterministic() {
    let doc = sample();
    let first = render(&doc);
    for _ in 0..3 {
        assert_eq!(render(&doc), first);
    }
}

#[test]
fn a_missing_page_template_is_an_error_not_a_panic() {
    let tera = tera::Tera::default();
    let prepared = Prepared::new(Profile::nd30());
    let result = HtmlRenderer.render(&sample(), &RenderContext::new(&prepared, &tera));
    assert!(matches!(result, Err(RenderError::Template(_))));
}

#[test]
fn a_user_page_template_overrides_the_builtin() {
    let mut tera = templates();
    tera.add_raw_template("user/page.html", "<p>{{ title }}</p>{{ body | safe }}")
        .unwrap();
    let prepared = Prepared::new(Profile::nd30());
    let out = HtmlRenderer
        .render(&sample(), &RenderContext::new(&prepared, &tera))
        .unwrap();
    assert!(String::from_utf8(out.bytes)
        .unwrap()
        .starts_with("<p>Triển khai"));
}

#[test]
fn odd_documents_render_without_panicking() {
    let odd_para = Para {
        role: Role::Body,
        runs: vec![
            Run::plain("\u{0}\u{1}x\r\ny\rz\u{FFFF}\u{7F}"),
            Run::default(),
        ],
        rule_below: Some(RuleLength::Fraction(f32::NAN)),
        keep_next: None,
        change: None,
    };
    let cells = |n: usize| (0..n).map(|_| Cell::new(vec![])).collect::<Vec<_>>();
    let tables = [
        (vec![], cells(2)),
        (vec![f32::NAN, f32::INFINITY], cells(1)),
        (vec![-1.0, 0.0], vec![Cell::new(vec![]).spanning(0)]),
        (vec![1.0], vec![Cell::new(vec![]).spanning(usize::MAX)]),
    ];
    let mut blocks: Vec<Block> = vec![
        Block::Para(odd_para),
        Block::Para(Para::new(Role::Summary, vec![])),
        Block::Para(p(Role::Body, "").with_rule(RuleLength::Millimetres(f32::INFINITY))),
        Block::Para(p(Role::Body, "x").with_rule(RuleLength::Millimetres(-3.0))),
        Block::Para(p(Role::Body, "x").with_rule(RuleLength::Millimetres(f32::MAX))),
    ];
    for (columns, cells) in tables {
        for kind in [TableKind::Grid, TableKind::Layout] {
            blocks.push(Block::Table(Table {
                kind,
                columns: columns.clone(),
                rows: vec![
                    Row {
                        kind: RowKind::Header,
                        cells: vec![],
                        change: None,
                    },
                    Row {
                        kind: RowKind::Task,
                        cells: cells.clone(),
                        change: None,
                    },
                    Row {
                        kind: RowKind::Header,
                        cells: cells.clone(),
                        change: None,
                    },
                ],
            }));
        }
        blocks.push(Block::Table(Table {
            kind: TableKind::Grid,
            columns: columns.clone(),
            rows: vec![],
        }));
    }
    let docs = [
        Document::default(),
        Document {
            meta: Meta {
                title: "\u{0}\u{8}".into(),
                language: "\"><x".into(),
                ..Meta::default()
            },
            parts: vec![Part {
                kind: PartKind::Appendix,
                landscape: true,
                blocks,
            }],
            ..Default::default()
        },
    ];
    for doc in &docs {
        let html = render(doc);
        for bad in ["NaN", "inf%", "infmm", "inf;"] {
            assert!(!html.contains(bad), "{bad} in {html}");
        }
        xml_text(&html).unwrap_or_else(|e| panic!("{e}\n{html}"));
        assert!(html.contains("<html lang=\"vi\">"));
    }
}
