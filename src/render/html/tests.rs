//! The renderer against hand-built documents: escaping, hygiene, the profile's numbers in
//! the CSS, table structure, changes, determinism and XML well-formedness.

use quick_xml::events::Event;
use quick_xml::Reader;

use super::HtmlRenderer;
use crate::document::{
    Block, Cell, Change, ChangeKind, Document, Meta, Para, Part, PartKind, Role, Row, RowKind,
    RuleLength, Run, Table, TableKind,
};
use crate::profile::{Align, Mm, Profile};
use crate::render::{RenderContext, RenderError, Renderer};

const HOSTILE: &str = "<script>alert(1)</script> & {{ x }} ]]>";

fn templates() -> tera::Tera {
    let mut tera = tera::Tera::default();
    tera.set_fallback_prefixes(["user/", "builtin/"]).unwrap();
    tera.add_raw_template(
        "builtin/page.html",
        include_str!("../../../templates/page.html"),
    )
    .unwrap();
    tera
}

fn render_with(doc: &Document, profile: &Profile) -> String {
    let tera = templates();
    let bytes = HtmlRenderer
        .render(doc, &RenderContext::new(profile, &tera))
        .expect("renders");
    String::from_utf8(bytes).expect("UTF-8")
}

fn render(doc: &Document) -> String {
    render_with(doc, &Profile::nd30())
}

fn p(role: Role, text: &str) -> Para {
    Para::text(role, text)
}

fn change(kind: ChangeKind) -> Change {
    Change {
        kind,
        author: "Văn phòng \"UBND\"".into(),
        date: "2021-07-07T00:00:00Z".into(),
    }
}

fn layout_row(left: Vec<Para>, right: Vec<Para>) -> Block {
    Block::Table(Table {
        kind: TableKind::Layout,
        columns: vec![0.42, 0.58],
        rows: vec![Row {
            kind: RowKind::Layout,
            cells: vec![Cell::new(left), Cell::new(right)],
            change: None,
        }],
    })
}

fn task(n: &str, text: &str, row_change: Option<Change>) -> Row {
    Row {
        kind: RowKind::Task,
        cells: vec![
            Cell::new(vec![p(Role::TableNumber, n)]),
            Cell::new(vec![p(Role::TableText, text)]),
            Cell::new(vec![p(Role::TableText, "Bộ phận một cửa")]),
            Cell::new(vec![p(Role::TableCenter, "Quý III/2021")]),
        ],
        change: row_change,
    }
}

/// A small plan with every role, both table kinds, rules, changes and hostile text.
fn sample() -> Document {
    let header = layout_row(
        vec![
            p(Role::ParentAgency, "UBND THỊ XÃ NINH HÒA"),
            p(Role::Agency, "ỦY BAN NHÂN DÂN\nPHƯỜNG NINH HÀ").with_rule(RuleLength::Fraction(0.4)),
            p(Role::Number, "Số: 114/KH-UBND"),
        ],
        vec![
            p(Role::NationalTitle, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
            p(Role::Motto, "Độc lập - Tự do - Hạnh phúc").with_rule(RuleLength::TextWidth),
            p(Role::PlaceDate, "Ninh Hà, ngày 07 tháng 7 năm 2021"),
        ],
    );
    let mixed = Para::new(
        Role::Item,
        vec![
            Run::plain("- Chữ thường, "),
            Run {
                text: "đậm".into(),
                bold: true,
                ..Run::default()
            },
            Run {
                text: "nghiêng".into(),
                italic: true,
                ..Run::default()
            },
            Run::plain(HOSTILE),
            Run {
                text: "thêm mới".into(),
                change: Some(change(ChangeKind::Inserted)),
                ..Run::default()
            },
            Run {
                text: "bỏ đi".into(),
                change: Some(change(ChangeKind::Deleted)),
                ..Run::default()
            },
            Run::plain(" 😀 \u{200F}عربي\u{200E};"),
        ],
    );
    let mut inserted_para = p(Role::Body, "Đoạn văn được thêm vào.");
    inserted_para.change = Some(change(ChangeKind::Inserted));
    let signature = layout_row(
        vec![
            p(Role::RecipientsLabel, "Nơi nhận:"),
            p(Role::Recipient, "- UBND thị xã Ninh Hòa;"),
            p(Role::Recipient, "- Lưu: VT."),
        ],
        vec![
            p(Role::Authority, "TM. ỦY BAN NHÂN DÂN"),
            p(Role::Authority, "CHỦ TỊCH"),
            p(Role::SignerName, "Trần Văn Chính"),
        ],
    );
    let main = Part {
        kind: PartKind::Main,
        landscape: false,
        blocks: vec![
            Block::Para(p(Role::ESignature, "Số: 114/KH-UBND; 07/7/2021; 09:00:00")),
            header,
            Block::Para(p(Role::KindTitle, "KẾ HOẠCH")),
            Block::Para(
                p(Role::Summary, "Triển khai Đề án đổi mới cơ chế một cửa")
                    .with_rule(RuleLength::Fraction(1.0 / 3.0)),
            ),
            Block::Para(p(Role::Basis, "Căn cứ Kế hoạch số 2325/KH-UBND;")),
            Block::Para(p(Role::Body, "Thực hiện Kế hoạch số 2325/KH-UBND.")),
            Block::Para(p(Role::Heading1, "I. MỤC ĐÍCH, YÊU CẦU")),
            Block::Para(p(Role::Heading2, "1. Mục đích")),
            Block::Para(p(Role::Heading3, "a) Điểm a")),
            Block::Para(mixed),
            Block::Para(inserted_para),
            signature,
        ],
    };
    let grid = Table {
        kind: TableKind::Grid,
        columns: vec![0.6, 4.0, 2.5, 1.5],
        rows: vec![
            Row {
                kind: RowKind::Header,
                cells: ["TT", "Nội dung", "Chủ trì", "Thời gian"]
                    .iter()
                    .map(|t| Cell::new(vec![p(Role::TableHead, t)]))
                    .collect(),
                change: None,
            },
            Row {
                kind: RowKind::Group,
                cells: vec![
                    Cell::new(vec![p(Role::TableGroup, "I")]),
                    Cell::new(vec![p(Role::TableGroup, "Mã hồ sơ")]).spanning(3),
                ],
                change: None,
            },
            task("1", "Hồ sơ TTHC được đánh mã", None),
            task("2", "Nhiệm vụ đã bỏ", Some(change(ChangeKind::Deleted))),
        ],
    };
    let appendix = Part {
        kind: PartKind::Appendix,
        landscape: true,
        blocks: vec![
            Block::Para(p(Role::AppendixNumber, "Phụ lục")),
            Block::Para(p(Role::AppendixTitle, "BẢNG PHÂN CÔNG NHIỆM VỤ")),
            Block::Para(
                p(Role::AppendixRef, "(Kèm theo Kế hoạch số 114/KH-UBND)")
                    .with_rule(RuleLength::Millimetres(30.0)),
            ),
            Block::Table(grid),
        ],
    };
    Document {
        meta: Meta {
            title: format!("Triển khai Đề án {HOSTILE}"),
            subject: "Kế hoạch số 114/KH-UBND".into(),
            author: "UBND phường Ninh Hà".into(),
            keywords: vec!["kế hoạch".into(), "một cửa".into()],
            language: "vi-VN".into(),
            date: Some("2021-07-07".into()),
        },
        parts: vec![main, appendix],
    }
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

const VOID: [&str; 3] = ["meta", "br", "col"];

/// Parses the page as XML and returns its text content in order; `Err` says why not.
fn xml_text(html: &str) -> Result<String, String> {
    // quick-xml passes entity references through as events; check them by hand.
    for (i, _) in html.match_indices('&') {
        let tail = &html[i..];
        if !["&amp;", "&lt;", "&gt;", "&quot;", "&#39;"]
            .iter()
            .any(|e| tail.starts_with(e))
        {
            return Err(format!("bare & at {i}: {}", &tail[..tail.len().min(12)]));
        }
    }
    let mut reader = Reader::from_str(html);
    reader.config_mut().check_end_names = true;
    let mut stack: Vec<String> = Vec::new();
    let mut text = String::new();
    let mut roots = 0;
    loop {
        match reader.read_event().map_err(|e| e.to_string())? {
            Event::Start(e) => {
                let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
                if VOID.contains(&name.as_str()) {
                    return Err(format!("void <{name}> is not self-closed"));
                }
                for a in e.attributes().with_checks(true) {
                    a.map_err(|e| e.to_string())?
                        .unescape_value()
                        .map_err(|e| e.to_string())?;
                }
                if stack.is_empty() {
                    roots += 1;
                }
                stack.push(name);
            }
            Event::End(e) => {
                let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
                if stack.pop().as_deref() != Some(name.as_str()) {
                    return Err(format!("unbalanced </{name}>"));
                }
            }
            Event::Empty(e) => {
                let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
                if !VOID.contains(&name.as_str()) {
                    return Err(format!("<{name}/> is not a void element"));
                }
                if name == "br" {
                    text.push('\n');
                }
            }
            Event::Text(t) => {
                if stack.last().map(String::as_str) != Some("style") {
                    text.push_str(&t.decode().map_err(|e| e.to_string())?);
                }
            }
            Event::GeneralRef(r) => {
                let c = match r.resolve_char_ref().map_err(|e| e.to_string())? {
                    Some(c) => c,
                    None => match &*r {
                        b"amp" => '&',
                        b"lt" => '<',
                        b"gt" => '>',
                        b"quot" => '"',
                        other => return Err(format!("entity {other:?}")),
                    },
                };
                text.push(c);
            }
            Event::CData(_) | Event::PI(_) => return Err("CDATA or PI".into()),
            Event::Eof => break,
            Event::Decl(_) | Event::Comment(_) | Event::DocType(_) => {}
        }
    }
    if !stack.is_empty() {
        return Err(format!("unclosed {stack:?}"));
    }
    if roots != 1 {
        return Err(format!("{roots} root elements"));
    }
    Ok(text)
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
    let profile = Profile::nd30();
    let result = HtmlRenderer.render(&sample(), &RenderContext::new(&profile, &tera));
    assert!(matches!(result, Err(RenderError::Template(_))));
}

#[test]
fn a_user_page_template_overrides_the_builtin() {
    let mut tera = templates();
    tera.add_raw_template("user/page.html", "<p>{{ title }}</p>{{ body | safe }}")
        .unwrap();
    let profile = Profile::nd30();
    let out = HtmlRenderer
        .render(&sample(), &RenderContext::new(&profile, &tera))
        .unwrap();
    assert!(String::from_utf8(out).unwrap().starts_with("<p>Triển khai"));
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

#[test]
fn the_xml_check_can_fail() {
    assert!(xml_text("<html><p>a & b</p></html>").is_err());
    assert!(xml_text("<html><p>a</html>").is_err());
    assert!(xml_text("<html><meta charset=\"utf-8\"></html>").is_err());
    assert!(xml_text("<html><p/></html>").is_err());
    assert!(xml_text("<html>&nbsp;</html>").is_err());
    assert_eq!(xml_text("<html><br/>&lt;&#39;</html>").unwrap(), "\n<'");
}

/// `cargo test -- --ignored write_sample_page` leaves the sample in the temp dir, to print
/// with Chromium or look at in a browser.
#[test]
#[ignore]
fn write_sample_page() {
    let path = std::env::temp_dir().join("kehoach-html-sample.html");
    std::fs::write(&path, render(&sample())).unwrap();
    println!("{}", path.display());
}
