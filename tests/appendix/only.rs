//! `render --appendix-only` (Mẫu 2.1) and `--electronic` (Mẫu 2.2).

use std::path::Path;

use super::docx_text::{document_xml, paragraphs, View};
use super::util::{kehoach, plan, stderr};

fn render(dir: &Path, plan_file: &Path, extra: &[&str]) {
    let mut args = vec![
        "render",
        plan_file.to_str().unwrap(),
        "-o",
        "out",
        "--appendix-only",
    ];
    args.extend(extra);
    let out = kehoach(dir, &args);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn paper_appendix_has_mau_2_1_and_restarts_page_numbers() {
    let dir = tempfile::tempdir().unwrap();
    render(dir.path(), &plan("ninh-ha-114-2021.yaml"), &[]);
    let docx = dir.path().join("out/ninh-ha-114-2021-phu-luc.docx");
    let paras = paragraphs(&docx, View::Plain);
    // Mẫu 2.1: heading, title, "(Kèm theo …)", the table, the end mark; no header block.
    assert_eq!(paras[0], "Phụ lục");
    assert!(paras[1].starts_with("NHIỆM VỤ TRIỂN KHAI"));
    assert_eq!(
        paras[2],
        "(Kèm theo Kế hoạch số 114/KH-UBND ngày 07 tháng 7 năm 2021 của UBND phường Ninh Hà)"
    );
    assert_eq!(paras.last().unwrap(), "./.");
    assert!(!paras
        .iter()
        .any(|p| p.contains("CỘNG HÒA") || p.contains("Nơi nhận")));

    let xml = document_xml(&docx);
    let sections = xml.matches("<w:sectPr").count();
    assert_eq!(sections, 1, "one appendix, one section");
    assert_eq!(
        xml.matches(r#"w:pgNumType w:start="1""#).count(),
        sections,
        "numbered from 1"
    );

    let html =
        std::fs::read_to_string(dir.path().join("out/ninh-ha-114-2021-phu-luc.html")).unwrap();
    assert_eq!(
        html.matches("<section class=\"part part-appendix").count(),
        1
    );
    assert!(!html.contains("part-main"));
    assert!(html.contains("./."));
}

#[test]
fn electronic_appendix_has_mau_2_2_signature_text_and_blanks() {
    let dir = tempfile::tempdir().unwrap();
    render(
        dir.path(),
        &plan("ninh-ha-114-2021.yaml"),
        &["--electronic"],
    );
    let docx = dir.path().join("out/ninh-ha-114-2021-phu-luc-dien-tu.docx");
    let paras = paragraphs(&docx, View::Plain);
    assert!(
        paras[0].starts_with("Số:") && paras[0].ends_with("; ngày/tháng/năm; giờ: phút: giây"),
        "{}",
        paras[0]
    );
    assert_eq!(paras[1], "Phụ lục");
    let kem_theo = &paras[3];
    assert!(kem_theo.starts_with("(Kèm theo Kế hoạch số"), "{kem_theo}");
    assert!(kem_theo.ends_with("của UBND phường Ninh Hà)"));
    assert!(
        !kem_theo.contains("114") && !kem_theo.contains("2021"),
        "number and date blank: {kem_theo}"
    );

    // 10 pt, right-aligned: the signature text's style.
    let xml = document_xml(&docx);
    assert!(xml.contains(r#"<w:pStyle w:val="KhESignature" />"#));
    let styles = {
        use std::io::Read;
        let mut zip = zip::ZipArchive::new(std::fs::File::open(&docx).unwrap()).unwrap();
        let mut s = String::new();
        zip.by_name("word/styles.xml")
            .unwrap()
            .read_to_string(&mut s)
            .unwrap();
        s
    };
    let style = styles
        .split("<w:style ")
        .find(|s| s.contains(r#"w:styleId="KhESignature""#))
        .expect("the signature style");
    assert!(style.contains(r#"<w:sz w:val="20" />"#), "{style}");
    assert!(style.contains(r#"<w:jc w:val="right" />"#), "{style}");

    let html =
        std::fs::read_to_string(dir.path().join("out/ninh-ha-114-2021-phu-luc-dien-tu.html"))
            .unwrap();
    let section = &html[html.find("<section").unwrap()..];
    let first_p = &section[section.find("<p").unwrap()..];
    assert!(
        first_p.starts_with(r#"<p class="r-e-signature">"#),
        "{}",
        &first_p[..80]
    );
}

/// Group (I, II …) and task numbers in the first column of the task table, in order.
fn first_column(docx: &Path) -> Vec<String> {
    let xml = document_xml(docx);
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    let grid = doc
        .descendants()
        .rfind(|n| n.has_tag_name((w, "tbl")))
        .unwrap();
    grid.children()
        .filter(|r| r.has_tag_name((w, "tr")))
        .skip(1)
        .map(|r| {
            let cell = r.children().find(|c| c.has_tag_name((w, "tc"))).unwrap();
            cell.descendants()
                .filter(|t| t.has_tag_name((w, "t")))
                .filter_map(|t| t.text())
                .collect()
        })
        .collect()
}

#[test]
fn a_task_inserted_in_the_middle_leaves_no_gap_or_duplicate() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(plan("ninh-ha-114-2021.yaml")).unwrap();
    let anchor = "          - noi_dung: Thực hiện số hóa kết quả giải quyết thủ tục hành chính";
    assert!(text.contains(anchor));
    let edited = text.replacen(
        anchor,
        &format!("          - noi_dung: Nhiệm vụ chèn giữa nhóm\n            chu_tri: Công chức VP-TK\n            thoi_han: Năm 2022\n{anchor}"),
        1,
    );
    let file = dir.path().join("ke-hoach.yaml");
    std::fs::write(&file, edited).unwrap();
    render(dir.path(), &file, &[]);
    let numbers = first_column(&dir.path().join("out/ke-hoach-phu-luc.docx"));
    let mut per_group: Vec<usize> = Vec::new();
    let mut groups = Vec::new();
    for n in &numbers {
        if n.chars().all(|c| "IVX".contains(c)) {
            groups.push(n.clone());
            per_group.push(0);
        } else {
            *per_group.last_mut().unwrap() += 1;
            assert_eq!(
                n.parse::<usize>().unwrap(),
                *per_group.last().unwrap(),
                "{numbers:?}"
            );
        }
    }
    assert_eq!(
        groups,
        ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"]
    );
    assert_eq!(
        per_group,
        [1, 2, 10, 1, 1, 2, 4, 6, 2],
        "group III has one more task"
    );
}
