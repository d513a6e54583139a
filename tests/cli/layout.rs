//! The reference plan's DOCX, opened and measured against docs/nd30-layout.md §1–§4.

use super::docx::{layout, Layout, Package, Para};
use super::util::render_reference;

fn reference() -> (Package, Layout) {
    let (_dir, docx, _) = render_reference();
    let pkg = Package::open(&docx);
    let l = layout(&pkg);
    (pkg, l)
}

fn find<'a>(l: &'a Layout, text: &str) -> &'a Para {
    l.paragraphs
        .iter()
        .find(|p| p.text.trim() == text)
        .unwrap_or_else(|| panic!("no paragraph «{text}»"))
}

fn starting<'a>(l: &'a Layout, prefix: &str) -> &'a Para {
    l.paragraphs
        .iter()
        .find(|p| p.text.starts_with(prefix))
        .unwrap_or_else(|| panic!("no paragraph starting «{prefix}»"))
}

/// (size in half-points, bold, italic, alignment)
fn look(p: &Para) -> (u32, bool, bool, String) {
    (
        p.props.size.unwrap_or(0),
        p.props.bold.unwrap_or(false),
        p.props.italic.unwrap_or(false),
        p.props.jc.clone().unwrap_or_else(|| "left".into()),
    )
}

fn c(size: u32, bold: bool, italic: bool, jc: &str) -> (u32, bool, bool, String) {
    (size, bold, italic, jc.to_owned())
}

#[test]
fn page_setup_and_sections() {
    let (_, l) = reference();
    assert_eq!(l.sections.len(), 2, "the plan, then the appendix section");
    let main = &l.sections[0];
    assert_eq!(
        (main.width, main.height, main.landscape),
        (11906, 16838, false)
    );
    assert_eq!(main.margins["top"], 1134);
    assert_eq!(main.margins["bottom"], 1134);
    assert_eq!(main.margins["left"], 1701);
    assert_eq!(main.margins["right"], 850);
    assert!(main.title_pg, "no page number on page 1");
    let header = main.default_header.as_deref().expect("a default header");
    assert!(
        header.contains("<w:instrText>PAGE</w:instrText>"),
        "PAGE field in the header"
    );
    let number = &main.header_paras[0];
    assert_eq!(
        look(number),
        c(28, false, false, "center"),
        "page number 14 pt, centred"
    );

    let app = &l.sections[1];
    assert_eq!((app.width, app.height, app.landscape), (16838, 11906, true));
    assert_eq!(app.page_start, Some(1), "appendix pages restart at 1");
    for (side, v) in &app.margins {
        if ["top", "bottom", "left", "right"].contains(&side.as_str()) {
            assert!((850..=1984).contains(v), "landscape margin {side} {v}");
        }
    }
}

#[test]
fn fonts_language_and_properties() {
    let (pkg, l) = reference();
    for slot in ["ascii", "hAnsi", "eastAsia", "cs"] {
        assert!(
            l.defaults
                .fonts
                .iter()
                .any(|(k, v)| k == slot && v == "Times New Roman"),
            "{slot} font in docDefaults: {:?}",
            l.defaults.fonts
        );
    }
    assert!(pkg
        .part("word/styles.xml")
        .contains(r#"w:lang w:val="vi-VN""#));
    let core = pkg.part("docProps/core.xml");
    assert!(
        core.contains("<dc:title>Triển khai Đề án đổi mới"),
        "{core}"
    );
    assert!(core.contains("UBND phường Ninh Hà"), "author: {core}");
    for p in &l.paragraphs {
        for (k, v) in &p.props.fonts {
            if ["ascii", "hAnsi", "eastAsia", "cs"].contains(&k.as_str()) {
                assert_eq!(v, "Times New Roman", "«{}»", p.text);
            }
        }
    }
}

#[test]
fn header_block_elements() {
    let (_, l) = reference();
    let cases = [
        (
            "UBND THỊ XÃ NINH HÒA",
            c(26, false, false, "center"),
            (0, 0),
        ),
        ("ỦY BAN NHÂN DÂN", c(26, true, false, "center"), (0, 0)),
        ("PHƯỜNG NINH HÀ", c(26, true, false, "center"), (0, 0)),
        // Number and date share the header table's second row.
        ("Số: 114/KH-UBND", c(26, false, false, "center"), (1, 0)),
        (
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            c(26, true, false, "center"),
            (0, 1),
        ),
        (
            "Độc lập - Tự do - Hạnh phúc",
            c(28, true, false, "center"),
            (0, 1),
        ),
        (
            "Ninh Hà, ngày 07 tháng 7 năm 2021",
            c(28, false, true, "center"),
            (1, 1),
        ),
    ];
    for (text, want, (row, cell)) in cases {
        let p = find(&l, text);
        assert_eq!(look(p), want, "«{text}»");
        let (table, r, cl) = p
            .cell
            .unwrap_or_else(|| panic!("«{text}» is in the header table"));
        assert_eq!((table, r, cl), (0, row, cell), "«{text}»");
    }
}

#[test]
fn title_body_headings_and_signature() {
    let (_, l) = reference();
    assert_eq!(look(find(&l, "KẾ HOẠCH")), c(28, true, false, "center"));
    assert_eq!(
        look(starting(
            &l,
            "Triển khai Đề án đổi mới việc thực hiện cơ chế"
        )),
        c(28, true, false, "center")
    );
    let body = starting(&l, "Thực hiện Kế hoạch số 2325/KH-UBND ngày 25/6/2021");
    assert_eq!(look(body), c(28, false, false, "both"));
    assert_eq!(body.props.first_line, Some(567), "1 cm first-line indent");
    assert!(
        body.props.before.unwrap_or(0) + body.props.after.unwrap_or(0) >= 120,
        "≥ 6 pt"
    );
    let line = body.props.line.unwrap_or(240);
    assert!((240..=360).contains(&line), "line spacing {line}");
    assert!(look(find(&l, "I. MỤC ĐÍCH, YÊU CẦU")).1, "I. headings bold");
    assert!(look(find(&l, "1. Mục đích")).1, "1. headings bold");
    assert!(starting(&l, "Trên đây là Kế hoạch triển khai")
        .text
        .ends_with("./."));
    assert!(!l.paragraphs.iter().any(|p| p.text.contains("Kế Kế")));
    assert!(!l.paragraphs.iter().any(|p| p.text.contains("2235")));

    assert_eq!(look(find(&l, "Nơi nhận:")), c(24, true, true, "left"));
    assert_eq!(look(find(&l, "- UBND thị xã (VBĐT);")).0, 22);
    assert_eq!(look(find(&l, "- Lưu: VT, HT.")).0, 22);
    assert_eq!(
        look(find(&l, "TM. ỦY BAN NHÂN DÂN")),
        c(28, true, false, "center")
    );
    assert_eq!(look(find(&l, "CHỦ TỊCH")), c(28, true, false, "center"));
    assert_eq!(
        look(find(&l, "Trần Văn Chính")),
        c(28, true, false, "center")
    );
    let sign = find(&l, "Nơi nhận:").cell.expect("signature table").0;
    assert_eq!(
        find(&l, "TM. ỦY BAN NHÂN DÂN").cell.map(|c| (c.0, c.2)),
        Some((sign, 1))
    );
}

#[test]
fn appendix_heading_and_task_table() {
    let (pkg, l) = reference();
    let heading = find(&l, "Phụ lục");
    assert_eq!(look(heading), c(28, true, false, "center"));
    assert_eq!(heading.section, 1, "the appendix starts its own section");
    let kem_theo = starting(
        &l,
        "(Kèm theo Kế hoạch số 114/KH-UBND ngày 07 tháng 7 năm 2021",
    );
    assert!(kem_theo.props.italic == Some(true));

    let xml = pkg.part("word/document.xml");
    let doc = roxmltree::Document::parse(xml).unwrap();
    let grid = doc
        .descendants()
        .rfind(|n| n.tag_name().name() == "tbl")
        .expect("the task table");
    let rows: Vec<_> = grid
        .children()
        .filter(|n| n.tag_name().name() == "tr")
        .collect();
    let has =
        |row: &roxmltree::Node, tag: &str| row.descendants().any(|n| n.tag_name().name() == tag);
    assert!(
        has(&rows[0], "tblHeader"),
        "header row repeats on each page"
    );
    assert!(
        rows[1..].iter().all(|r| has(r, "cantSplit")),
        "rows don't split"
    );
    assert!(
        rows[1..].iter().all(|r| !has(r, "tblHeader")),
        "only the header repeats"
    );
    let spans = grid
        .descendants()
        .filter(|n| n.tag_name().name() == "gridSpan")
        .filter(|n| n.attributes().any(|a| a.value() == "5"))
        .count();
    assert_eq!(spans, 9, "each group title spans the row");

    // Group rows I … IX and tasks numbered from 1 within each group.
    let app: Vec<&Para> = l
        .paragraphs
        .iter()
        .filter(|p| p.section == 1 && p.cell.is_some())
        .collect();
    let first_cells: Vec<&str> = app
        .iter()
        .filter(|p| p.cell.unwrap().2 == 0 && p.cell.unwrap().1 > 0)
        .map(|p| p.text.as_str())
        .collect();
    let groups: Vec<&str> = first_cells
        .iter()
        .copied()
        .filter(|t| t.chars().all(|c| "IVX".contains(c)))
        .collect();
    assert_eq!(
        groups,
        ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"]
    );
    let mut per_group = Vec::new();
    for t in &first_cells {
        if t.chars().all(|c| "IVX".contains(c)) {
            per_group.push(0);
        } else {
            let n: usize = t.parse().expect("task number");
            *per_group.last_mut().unwrap() += 1;
            assert_eq!(n, *per_group.last().unwrap(), "continuous numbering");
        }
    }
    assert_eq!(per_group, [1, 2, 9, 1, 1, 2, 4, 6, 2]);
}
