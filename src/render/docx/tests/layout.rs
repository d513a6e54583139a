//! Page setup, headers, styles, tables, rules and tracked changes in the XML.

use super::sample::{self, change, GRID, MOTTO, SUMMARY};
use super::xml::{para_with_text, style, Node, Package};
use crate::document::*;
use crate::profile::{Align, Profile};
use crate::render::docx::grid::CELL_PADDING_TWIPS;

/// The body's section properties in order: paragraph-level ones, then the body's.
fn sections(doc: &Node) -> Vec<&Node> {
    let body = doc.child("w:body").expect("a body");
    let mut out: Vec<&Node> = body
        .all("w:p")
        .into_iter()
        .filter_map(|p| p.child("w:pPr").and_then(|pp| pp.child("w:sectPr")))
        .collect();
    out.extend(body.child("w:sectPr"));
    out
}

#[test]
fn main_part_is_portrait_a4_with_profile_margins() {
    let pkg = Package::of(&sample::plan());
    let doc = pkg.document();
    let secs = sections(&doc);
    assert_eq!(secs.len(), 2, "one section per part");
    let s = secs[0];
    let sz = s.child("w:pgSz").unwrap();
    assert_eq!((sz.attr_i64("w:w"), sz.attr_i64("w:h")), (11906, 16838));
    assert_ne!(sz.attr("w:orient"), Some("landscape"));
    let m = s.child("w:pgMar").unwrap();
    let want = [
        ("w:top", 1134),
        ("w:bottom", 1134),
        ("w:left", 1701),
        ("w:right", 850),
    ];
    for (k, v) in want {
        assert_eq!(m.attr_i64(k), v, "{k}");
    }
    assert_eq!(m.attr_i64("w:header"), 567);
    assert!(s.has("w:titlePg"), "no number on page 1");
    assert!(!s.has("w:pgNumType"), "the plan numbers from 1 by default");
}

#[test]
fn appendix_is_a_landscape_section_numbered_from_one() {
    let pkg = Package::of(&sample::plan());
    let doc = pkg.document();
    let s = *sections(&doc).last().unwrap();
    let sz = s.child("w:pgSz").unwrap();
    assert_eq!(sz.attr("w:orient"), Some("landscape"));
    assert_eq!((sz.attr_i64("w:w"), sz.attr_i64("w:h")), (16838, 11906));
    let m = s.child("w:pgMar").unwrap();
    assert_eq!(
        m.attr_i64("w:left"),
        1134,
        "landscape margins from the profile"
    );
    assert_eq!(s.child("w:pgNumType").unwrap().attr_i64("w:start"), 1);
    assert!(
        s.has("w:titlePg"),
        "the appendix's first page shows no number"
    );
    // The appendix starts on a new page: a next-page break (the default type).
    assert!(s
        .child("w:type")
        .is_none_or(|t| t.attr("w:val") == Some("nextPage")));
}

#[test]
fn page_number_is_a_centred_14_pt_page_field_except_on_first_pages() {
    let pkg = Package::of(&sample::plan());
    let doc = pkg.document();
    let styles = pkg.styles();
    for s in sections(&doc) {
        let refs = s.all("w:headerReference");
        let rid = |kind: &str| {
            refs.iter()
                .find(|r| r.attr("w:type") == Some(kind))
                .and_then(|r| r.attr("r:id"))
                .unwrap_or_else(|| panic!("no {kind} header"))
                .to_string()
        };
        let default = pkg.xml(&pkg.target(&rid("default")));
        let instr: Vec<String> = default
            .all("w:instrText")
            .iter()
            .map(|i| i.text.trim().to_string())
            .collect();
        assert_eq!(instr, ["PAGE"]);
        let p = default.all("w:p")[0];
        let st = style(&styles, p.style_id().expect("styled"));
        let ppr = st.child("w:pPr").unwrap();
        assert_eq!(ppr.val("w:jc"), Some("center"));
        assert_eq!(st.child("w:rPr").unwrap().val("w:sz"), Some("28"));
        assert!(!st.child("w:rPr").unwrap().has("w:b"));
        let first = pkg.xml(&pkg.target(&rid("first")));
        assert!(
            first.all("w:instrText").is_empty(),
            "first-page header is empty"
        );
        assert!(
            !first.all("w:p").is_empty(),
            "a header part holds a paragraph"
        );
    }
}

#[test]
fn defaults_set_times_new_roman_in_all_slots_black_and_vietnamese() {
    let pkg = Package::of(&sample::plan());
    let styles = pkg.styles();
    let rpr = styles.all("w:rPrDefault")[0].child("w:rPr").unwrap();
    let fonts = rpr.child("w:rFonts").unwrap();
    for slot in ["w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"] {
        assert_eq!(fonts.attr(slot), Some("Times New Roman"), "{slot}");
    }
    assert_eq!(rpr.val("w:lang"), Some("vi-VN"));
    assert_eq!(rpr.val("w:color"), Some("000000"));
    assert_eq!(rpr.val("w:sz"), Some("28"));
    let ids: Vec<&str> = styles
        .all("w:style")
        .iter()
        .filter_map(|s| s.attr("w:styleId"))
        .collect();
    assert_eq!(
        ids.iter().filter(|i| **i == "Normal").count(),
        1,
        "one Normal"
    );
    let mut sorted = ids.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted.len(), ids.len(), "style ids are unique");
    // Every role has its style, whether the document uses it or not.
    for role in Role::ALL {
        assert!(
            ids.contains(&crate::render::docx::styles::style_id(role)),
            "{role:?}"
        );
    }
    // A document in another language gets its own defaults.
    let mut english = sample::plan();
    english.meta.language = "en-US".into();
    let styles = Package::of(&english).styles();
    let rpr = styles.all("w:rPrDefault")[0].child("w:rPr").unwrap();
    assert_eq!(rpr.val("w:lang"), Some("en-US"));
}

/// Every role's style, resolved, is what the profile says.
#[test]
fn role_styles_carry_the_profile() {
    let doc = sample::plan();
    let pkg = Package::of(&doc);
    let body = pkg.document();
    let styles = pkg.styles();
    let profile = Profile::nd30();
    let mut roles: Vec<Role> = doc.paragraphs().iter().map(|p| p.role).collect();
    roles.sort();
    roles.dedup();
    assert!(roles.len() >= 20, "the sample uses most roles");
    for role in roles {
        let want = profile.style(role);
        let id = format!("Kh{role:?}");
        let st = style(&styles, &id);
        let rpr = st.child("w:rPr").unwrap();
        let ppr = st.child("w:pPr").unwrap();
        assert_eq!(
            rpr.val("w:sz"),
            Some(want.size.half_points().to_string().as_str()),
            "{id} size"
        );
        assert_eq!(rpr.has("w:b"), want.bold, "{id} bold");
        assert_eq!(rpr.has("w:i"), want.italic, "{id} italic");
        let jc = match want.align {
            Align::Left => "left",
            Align::Center => "center",
            Align::Right => "right",
            Align::Justify => "both",
        };
        assert_eq!(ppr.val("w:jc"), Some(jc), "{id} alignment");
        let sp = ppr.child("w:spacing").unwrap();
        assert_eq!(
            sp.attr_i64("w:before"),
            i64::from(want.before.twips()),
            "{id} before"
        );
        assert_eq!(
            sp.attr_i64("w:after"),
            i64::from(want.after.twips()),
            "{id} after"
        );
        assert_eq!(
            sp.attr_i64("w:line"),
            (want.line * 240.0).round() as i64,
            "{id} line"
        );
        assert_eq!(sp.attr("w:lineRule"), Some("auto"));
        let first = ppr
            .child("w:ind")
            .and_then(|i| i.attr("w:firstLine"))
            .map_or(0, |v| v.parse().unwrap());
        assert_eq!(first, i64::from(want.first_line.twips()), "{id} first line");
        assert_eq!(ppr.has("w:keepNext"), want.keep_next, "{id} keep next");
        // …and the document's paragraphs of that role point at it.
        assert!(
            body.all("w:p")
                .iter()
                .any(|p| p.style_id() == Some(id.as_str())),
            "{id} used"
        );
    }
    // Spot checks against the decree's numbers (docs/nd30-layout.md), not the profile.
    let body_style = style(&styles, "KhBody");
    assert_eq!(body_style.child("w:pPr").unwrap().val("w:jc"), Some("both"));
    assert_eq!(
        body_style
            .child("w:pPr")
            .unwrap()
            .child("w:ind")
            .unwrap()
            .attr("w:firstLine"),
        Some("567")
    );
    assert_eq!(
        style(&styles, "KhRecipient")
            .child("w:rPr")
            .unwrap()
            .val("w:sz"),
        Some("22")
    );
}

#[test]
fn run_emphasis_breaks_and_escaping() {
    let mut doc = sample::plan();
    doc.parts[0].blocks.push(Block::Para(Para::new(
        Role::Body,
        vec![
            Run {
                bold: true,
                italic: true,
                ..Run::plain("A & B <c>")
            },
            Run::plain("\u{1}line one\nline two\tafter tab\u{FFFF}"),
        ],
    )));
    let pkg = Package::of(&doc);
    let raw = String::from_utf8(pkg.parts["word/document.xml"].clone()).unwrap();
    assert!(raw.contains("A &amp; B &lt;c&gt;"), "escaped once");
    assert!(!raw.contains("&amp;amp;"));
    let body = pkg.document();
    let p = para_with_text(&body, "A & B <c>line one\nline two\tafter tab");
    let runs = p.all("w:r");
    let rpr = runs[0].child("w:rPr").unwrap();
    assert!(rpr.has("w:b") && rpr.has("w:i"));
    assert!(!runs[1].child("w:rPr").is_some_and(|r| r.has("w:b")));
    assert_eq!(runs[1].all("w:br").len(), 1);
    assert_eq!(runs[1].all("w:tab").len(), 1);
}

/// A text keeps its spaces at the ends and its runs of spaces through
/// `xml:space="preserve"`; other texts go without it.
#[test]
fn texts_keep_their_spaces_where_they_have_them() {
    let mut doc = sample::plan();
    let texts = ["plain words", " leading", "trailing ", "two  spaces"];
    doc.parts[0].blocks.push(Block::Para(Para::new(
        Role::Body,
        texts.iter().map(|t| Run::plain(*t)).collect(),
    )));
    let body = Package::of(&doc).document();
    let p = para_with_text(&body, &texts.concat());
    let t: Vec<&Node> = p.all("w:t");
    assert_eq!(t.len(), 4);
    for (node, text) in t.iter().zip(texts) {
        assert_eq!(node.text, text);
        let preserved = node.attr("xml:space") == Some("preserve");
        assert_eq!(preserved, text != "plain words", "{text:?}");
    }
    // A run without emphasis has no empty properties.
    assert!(p.all("w:r").iter().all(|r| r.child("w:rPr").is_none()));
}

#[test]
fn rules_are_centred_and_sized_to_their_text() {
    let pkg = Package::of(&sample::plan());
    let body = pkg.document();
    let paras = body.all("w:p");
    let rule_after = |text: &str| -> &Node {
        let i = paras.iter().position(|p| p.text() == text).unwrap();
        let rule = paras[i + 1];
        assert!(rule.text().is_empty(), "the rule paragraph is empty");
        let bottom = rule
            .child("w:pPr")
            .and_then(|p| p.child("w:pBdr"))
            .and_then(|b| b.child("w:bottom"));
        assert_eq!(
            bottom.and_then(|b| b.attr("w:val")),
            Some("single"),
            "{text}: a rule"
        );
        assert_eq!(bottom.unwrap().attr("w:sz"), Some("6"), "0.75 pt");
        rule
    };
    let ind = |rule: &Node| {
        let i = rule.child("w:pPr").unwrap().child("w:ind").unwrap();
        (i.attr_i64("w:left"), i.attr_i64("w:right"))
    };
    // Motto: the right header cell, rule as long as the text (≈ 60.4 mm in LibreOffice).
    let cell = (9354.0 * 0.58_f64).round() as i64 - 2 * i64::from(CELL_PADDING_TWIPS);
    let (l, r) = ind(rule_after(MOTTO));
    assert_eq!(l, r, "centred");
    let mm = (cell - l - r) as f64 / 1440.0 * 25.4;
    assert!((mm - 60.4).abs() < 1.0, "motto rule {mm} mm");
    // Summary: 0.4 of its one line, centred on the page width.
    let (l, r) = ind(rule_after(SUMMARY));
    assert_eq!(l, r);
    let summary_mm = (9354 - l - r) as f64 / 1440.0 * 25.4;
    assert!(
        (summary_mm - 0.4 * 116.4).abs() < 1.5,
        "summary rule {summary_mm} mm"
    );
    // The text paragraph hands its space after to the rule and keeps with it.
    let s = para_with_text(&body, SUMMARY).child("w:pPr").unwrap();
    assert!(s.has("w:keepNext"));
    assert_eq!(s.child("w:spacing").unwrap().attr_i64("w:after"), 0);
    // A fixed length: 30 mm under "(Kèm theo …)" in the landscape part.
    let kem = paras
        .iter()
        .find(|p| p.text().starts_with("(Kèm theo"))
        .unwrap()
        .text();
    let (l, r) = ind(rule_after(&kem));
    // Halving the spare width may lose a twip.
    assert!((16838 - 1134 - 850 - l - r - 1701).abs() <= 1);
}

fn tables(doc: &Node) -> Vec<&Node> {
    doc.child("w:body")
        .unwrap()
        .children
        .iter()
        .filter(|c| c.name == "w:tbl")
        .collect()
}

#[test]
fn grid_table_repeats_its_header_keeps_rows_whole_and_spans_groups() {
    let pkg = Package::of(&sample::plan());
    let doc = pkg.document();
    let tbls = tables(&doc);
    assert_eq!(tbls.len(), 3);
    let grid = tbls[2];
    let rows = grid.all("w:tr");
    assert_eq!(rows.len(), 6);
    let trpr = |r: &Node| r.child("w:trPr").cloned().unwrap_or_default();
    assert!(trpr(rows[0]).has("w:tblHeader"));
    for r in &rows[1..] {
        assert!(!trpr(r).has("w:tblHeader"));
        assert!(trpr(r).has("w:cantSplit"));
    }
    // Group rows: numeral, then the title over the other columns.
    for r in [rows[1], rows[4]] {
        let cells = r.all("w:tc");
        assert_eq!(cells.len(), 2);
        let span = cells[1].child("w:tcPr").unwrap().val("w:gridSpan");
        assert_eq!(span, Some((GRID.len() - 1).to_string().as_str()));
    }
    // Widths: the grid fills the landscape text width, fixed layout.
    let cols: Vec<i64> = grid
        .all("w:gridCol")
        .iter()
        .map(|c| c.attr_i64("w:w"))
        .collect();
    assert_eq!(cols.iter().sum::<i64>(), 16838 - 1134 - 850);
    assert!((cols[1] as f64 / cols[0] as f64 - 6.0).abs() < 0.01);
    let tblpr = grid.child("w:tblPr").unwrap();
    assert_eq!(
        tblpr.child("w:tblLayout").unwrap().attr("w:type"),
        Some("fixed")
    );
    let borders = tblpr.child("w:tblBorders").unwrap();
    for side in [
        "w:top",
        "w:left",
        "w:bottom",
        "w:right",
        "w:insideH",
        "w:insideV",
    ] {
        let b = borders.child(side).unwrap();
        assert_eq!(
            (b.attr("w:val"), b.attr("w:sz")),
            (Some("single"), Some("4")),
            "{side}"
        );
    }
    // Number cells are centred vertically; text cells are not.
    let task = rows[2].all("w:tc");
    assert_eq!(
        task[0].child("w:tcPr").unwrap().val("w:vAlign"),
        Some("center")
    );
    assert!(task[1].child("w:tcPr").unwrap().val("w:vAlign").is_none());
}

#[test]
fn layout_tables_have_no_visible_border() {
    let pkg = Package::of(&sample::plan());
    let doc = pkg.document();
    for t in &tables(&doc)[..2] {
        let borders = t.child("w:tblPr").unwrap().child("w:tblBorders").unwrap();
        assert_eq!(borders.children.len(), 6);
        assert!(borders
            .children
            .iter()
            .all(|b| b.attr("w:val") == Some("nil")));
        assert!(t.all("w:tcBorders").is_empty(), "no cell overrides them");
        assert!(t.all("w:tblHeader").is_empty());
        let w: i64 = t.all("w:gridCol").iter().map(|c| c.attr_i64("w:w")).sum();
        assert_eq!(w, 11906 - 1701 - 850, "full text width");
    }
}

#[test]
fn tracked_changes_become_revisions_with_fresh_ids() {
    let mut doc = sample::plan();
    let ins = change(ChangeKind::Inserted);
    let del = change(ChangeKind::Deleted);
    doc.parts[0].blocks.push(Block::Para(Para::new(
        Role::Body,
        vec![
            Run::plain("Giữ "),
            Run {
                change: Some(ins.clone()),
                ..Run::plain("thêm")
            },
            Run {
                change: Some(del.clone()),
                ..Run::plain("bỏ")
            },
        ],
    )));
    doc.parts[0].blocks.push(Block::Para(Para {
        change: Some(del.clone()),
        ..Para::text(Role::Body, "Đoạn bị xóa")
    }));
    if let Block::Table(t) = doc.parts[1].blocks.last_mut().unwrap() {
        t.rows[2].change = Some(ins.clone());
    }
    let pkg = Package::of(&doc);
    let body = pkg.document();
    let ids: Vec<i64> = body
        .all("w:ins")
        .into_iter()
        .chain(body.all("w:del"))
        .map(|n| n.attr_i64("w:id"))
        .collect();
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(
        sorted,
        (1..=ids.len() as i64).collect::<Vec<_>>(),
        "unique, from 1"
    );
    let i = body
        .all("w:ins")
        .into_iter()
        .find(|n| n.text() == "thêm")
        .expect("inserted run");
    assert_eq!(i.attr("w:author"), Some("Tổ soạn thảo & <Văn phòng>"));
    assert_eq!(i.attr("w:date"), Some("2021-07-07T00:00:00Z"));
    let d = body
        .all("w:del")
        .into_iter()
        .find(|n| n.text() == "bỏ")
        .expect("deleted run");
    assert_eq!(d.all("w:delText").len(), 1);
    assert!(d.all("w:t").is_empty());
    // The deleted paragraph: its mark and its text.
    let p = body
        .all("w:p")
        .into_iter()
        .find(|p| p.text() == "Đoạn bị xóa")
        .unwrap();
    assert!(p
        .child("w:pPr")
        .unwrap()
        .child("w:rPr")
        .unwrap()
        .has("w:del"));
    assert!(p.all("w:del").iter().any(|d| d.text() == "Đoạn bị xóa"));
    // The inserted row: a row revision after its other properties, runs marked too.
    let rows = tables(&body)[2].all("w:tr");
    let trpr = rows[2].child("w:trPr").unwrap();
    let names: Vec<&str> = trpr.children.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["w:cantSplit", "w:ins"]);
    // Row mark, each run and each paragraph mark: what Word writes for a new row.
    let (runs, paras) = (rows[2].all("w:r").len(), rows[2].all("w:p").len());
    assert_eq!(rows[2].all("w:ins").len(), 1 + runs + paras);
}
