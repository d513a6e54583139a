//! `kehoach import` over small Word files typed the ways clerks type them: each test
//! builds its own DOCX (raw WordprocessingML, written here, not cut from any real
//! document) with one habit and checks what the plan gets.

mod tools;

use std::io::Write;

use kehoach::import::{import_docx, import_pdf, Imported};
use kehoach::plan::{BlockKind, GroupRow, Relation, TaskNumbering};

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// A DOCX package of `body` (the inside of `w:body`), with `numbering` as numbering.xml.
fn docx(body: &str, numbering: Option<&str>) -> Vec<u8> {
    docx_with_notes(body, numbering, None)
}

/// [`docx`] with `notes` (the inside of `w:footnotes`) as footnotes.xml.
fn docx_with_notes(body: &str, numbering: Option<&str>, notes: Option<&str>) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default();
    let mut put = |name: &str, text: &str| {
        zip.start_file(name, opts).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    };
    put(
        "[Content_Types].xml",
        r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/></Types>"#,
    );
    put(
        "_rels/.rels",
        r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#,
    );
    let num_rel = if numbering.is_some() {
        r#"<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>"#
    } else {
        ""
    };
    let notes_rel = if notes.is_some() {
        r#"<Relationship Id="rId8" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>"#
    } else {
        ""
    };
    put(
        "word/_rels/document.xml.rels",
        &format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{num_rel}{notes_rel}</Relationships>"#
        ),
    );
    if let Some(n) = notes {
        put(
            "word/footnotes.xml",
            &format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><w:footnotes xmlns:w="{W}">{n}</w:footnotes>"#
            ),
        );
    }
    if let Some(n) = numbering {
        put(
            "word/numbering.xml",
            &format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><w:numbering xmlns:w="{W}">{n}</w:numbering>"#
            ),
        );
    }
    put(
        "word/document.xml",
        &format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><w:body>{body}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:bottom="1134" w:left="1701" w:right="1134"/></w:sectPr></w:body></w:document>"#
        ),
    );
    zip.finish().unwrap().into_inner()
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;")
}

/// A run: `**b**`-free text with its look.
fn r(text: &str, bold: bool, italic: bool) -> String {
    let mut rpr = String::new();
    if bold {
        rpr.push_str("<w:b/>");
    }
    if italic {
        rpr.push_str("<w:i/>");
    }
    let mut out = String::new();
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push_str(&format!("<w:r><w:rPr>{rpr}</w:rPr><w:br/></w:r>"));
        }
        for (j, seg) in line.split('\t').enumerate() {
            if j > 0 {
                out.push_str(&format!("<w:r><w:rPr>{rpr}</w:rPr><w:tab/></w:r>"));
            }
            if !seg.is_empty() {
                out.push_str(&format!(
                    r#"<w:r><w:rPr>{rpr}</w:rPr><w:t xml:space="preserve">{}</w:t></w:r>"#,
                    esc(seg)
                ));
            }
        }
    }
    out
}

fn p_with(jc: &str, extra_ppr: &str, runs: &str) -> String {
    format!(r#"<w:p><w:pPr>{extra_ppr}<w:jc w:val="{jc}"/></w:pPr>{runs}</w:p>"#)
}

fn p(jc: &str, runs: &str) -> String {
    p_with(jc, "", runs)
}

/// Plain justified body line.
fn body(text: &str) -> String {
    p("both", &r(text, false, false))
}

fn cell(text: &str) -> String {
    format!(
        "<w:tc>{}</w:tc>",
        text.split('\n')
            .map(|l| p("center", &r(l, false, false)))
            .collect::<String>()
    )
}

/// The header as a borderless two-column table (the usual way).
fn header_table(number: &str) -> String {
    format!(
        "<w:tbl><w:tblGrid><w:gridCol w:w=\"3500\"/><w:gridCol w:w=\"5500\"/></w:tblGrid><w:tr>{}{}</w:tr><w:tr>{}{}</w:tr></w:tbl>",
        cell("ỦY BAN NHÂN DÂN\nPHƯỜNG AN BÌNH"),
        cell("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"),
        cell(&format!("Số: {number}/KH-UBND")),
        cell("An Bình, ngày 05 tháng 3 năm 2025"),
    )
}

fn title_and_summary(summary: &str) -> String {
    p("center", &r("KẾ HOẠCH", true, false)) + &p("center", &r(summary, true, false))
}

fn signature() -> String {
    format!(
        "<w:tbl><w:tblGrid><w:gridCol w:w=\"4500\"/><w:gridCol w:w=\"4500\"/></w:tblGrid><w:tr><w:tc>{}{}{}</w:tc><w:tc>{}{}{}</w:tc></w:tr></w:tbl>",
        p("left", &r("Nơi nhận:", true, true)),
        p("left", &r("- UBND thị xã;", false, false)),
        p("left", &r("- Lưu: VT, VP (TP, Dũng).", false, false)),
        p("center", &r("TM. ỦY BAN NHÂN DÂN", true, false)),
        p("center", &r("CHỦ TỊCH", true, false)),
        p("center", &r("Nguyễn Văn An", true, false)),
    )
}

/// A whole plan around `content` (the body after the opening).
fn plan_doc(header: &str, summary: &str, content: &str) -> Vec<u8> {
    let body_xml = format!(
        "{header}{}{}{content}{}{}",
        title_and_summary(summary),
        body("UBND phường An Bình ban hành Kế hoạch như sau:"),
        body("Trên đây là Kế hoạch của UBND phường An Bình./."),
        signature()
    );
    docx(&body_xml, None)
}

/// A whole plan, numbered 5, with one heading and an appendix: "Phụ lục", `title`, then
/// `appendix` (caption, table, notes as typed).
fn plan_with_appendix(summary: &str, title: &str, appendix: &str) -> Vec<u8> {
    let body_xml = format!(
        "{}{}{}{}{}{}{}{}{appendix}",
        header_table("5"),
        title_and_summary(summary),
        body("UBND phường An Bình ban hành Kế hoạch như sau:"),
        heading_content(),
        body("Trên đây là Kế hoạch của UBND phường An Bình./."),
        signature(),
        p("center", &r("Phụ lục", true, false)),
        p("center", &r(title, true, false)),
    );
    docx(&body_xml, None)
}

fn import(bytes: Vec<u8>) -> Imported {
    import_docx(bytes).expect("the typed file imports")
}

fn heading_content() -> String {
    p("both", &r("I. MỤC ĐÍCH", true, false))
}

#[test]
fn numbers_are_kept_as_printed_and_the_luu_note_is_not_a_count() {
    let i = import(plan_doc(
        &header_table("0124"),
        "Tuyên truyền pháp luật năm 2025",
        &(heading_content() + &body("Nội dung.")),
    ));
    assert_eq!(i.plan.so.as_deref(), Some("0124"));
    assert_eq!(i.plan.luu.so_ban, None, "{:?}", i.plan.luu);
    let luu: Vec<&str> = i.plan.luu.noi_luu.iter().map(|t| t.as_str()).collect();
    assert_eq!(luu, ["VT", "VP (TP, Dũng)"]);
}

#[test]
fn a_header_typed_with_a_leading_tab_keeps_its_issuer() {
    let header = p(
        "left",
        &r(
            "\tỦY BAN NHÂN DÂN\t\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            true,
            false,
        ),
    ) + &p(
        "left",
        &r(
            "\tPHƯỜNG AN BÌNH\t\tĐộc lập - Tự do - Hạnh phúc",
            true,
            false,
        ),
    ) + &p(
        "left",
        &r(
            "Số: 12/KH-UBND\t\tAn Bình, ngày 05 tháng 3 năm 2025",
            false,
            false,
        ),
    );
    let i = import(plan_doc(
        &header,
        "Tuyên truyền pháp luật năm 2025",
        &heading_content(),
    ));
    let ten: Vec<&str> = i.plan.co_quan.ten.iter().map(|t| t.as_str()).collect();
    assert_eq!(ten, ["ỦY BAN NHÂN DÂN", "PHƯỜNG AN BÌNH"], "{:?}", i.report);
    assert_eq!(i.plan.so.as_deref(), Some("12"));
}

#[test]
fn a_header_in_two_text_boxes_is_read() {
    let text_box = |paras: &str| {
        format!(
            r#"<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData><wps:wsp><wps:txbx><w:txbxContent>{paras}</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice></mc:AlternateContent></w:r>"#
        )
    };
    let left = text_box(
        &(p("center", &r("ỦY BAN NHÂN DÂN", false, false))
            + &p("center", &r("PHƯỜNG AN BÌNH", true, false))
            + &p("center", &r("Số: 07/KH-UBND", false, false))),
    );
    let right = text_box(
        &(p(
            "center",
            &r("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", true, false),
        ) + &p("center", &r("Độc lập - Tự do - Hạnh phúc", true, false))
            + &p(
                "center",
                &r("An Bình, ngày 05 tháng 3 năm 2025", false, true),
            )),
    );
    let header = format!("<w:p>{left}{right}</w:p>");
    let i = import(plan_doc(
        &header,
        "Tuyên truyền pháp luật năm 2025",
        &heading_content(),
    ));
    assert_eq!(i.plan.so.as_deref(), Some("07"));
    assert_eq!(i.plan.ngay.as_deref(), Some("2025-03-05"));
    assert_eq!(i.plan.dia_danh, "An Bình");
    assert!(i
        .plan
        .co_quan
        .ten
        .iter()
        .any(|t| t.as_str() == "PHƯỜNG AN BÌNH"));
}

#[test]
fn a_summary_in_capitals_starting_thuc_hien_is_the_summary() {
    let i = import(plan_doc(
        &header_table("5"),
        "THỰC HIỆN ĐỀ ÁN “PHƯỜNG XANH” NĂM 2025",
        &(body("Đề án “Phường Xanh” được triển khai.") + &heading_content()),
    ));
    assert_eq!(i.plan.trich_yeu, "Thực hiện Đề án “Phường Xanh” năm 2025");
    assert!(!i.plan.trich_yeu_in_hoa);
}

/// numbering.xml with list 1 numbered "1.", "2." … and list 2 a "-" bullet.
const NUMBERING: &str = r#"<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum><w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="-"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>"#;

/// A paragraph of Word list `id`.
fn numbered(id: u32, text: &str, bold: bool) -> String {
    p_with(
        "both",
        &format!(r#"<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{id}"/></w:numPr>"#),
        &r(text, bold, false),
    )
}

/// A bold number, a bold run-in heading, an italic label after a dash, "- 100% …".
fn emphasis_content() -> String {
    heading_content()
        + &p(
            "both",
            &(r("1.", true, false) + &r(" 100% cán bộ được tập huấn.", false, false)),
        )
        + &p(
            "both",
            &(r("2. Thời gian thực hiện:", true, false) + &r(" Từ tháng 10.", false, false)),
        )
        + &p(
            "both",
            &(r("- ", false, false)
                + &r("Đơn vị chủ trì:", false, true)
                + &r(" Văn phòng, hệ số 2*3.", false, false)),
        )
        + &body("- 100% xã có tủ sách pháp luật.")
}

#[test]
fn emphasis_comes_from_the_runs() {
    let content = emphasis_content();
    let i = import(plan_doc(
        &header_table("5"),
        "Tuyên truyền pháp luật năm 2025",
        &content,
    ));
    let muc = &i.plan.noi_dung[0];
    let kids = muc.children();
    let Some(f) = kids[0].fields() else {
        panic!("{kids:?}")
    };
    assert_eq!(
        (f.dam, f.so_dam),
        (Some(false), Some(true)),
        "only the number is bold"
    );
    assert_eq!(f.khoan.as_deref(), Some("100% cán bộ được tập huấn."));
    let f = kids[1].fields().unwrap();
    assert_eq!(f.khoan.as_deref(), Some("Thời gian thực hiện:"));
    assert_eq!(f.tiep.as_deref(), Some("Từ tháng 10."), "a run-in heading");
    let item = &kids[1].children()[0];
    assert_eq!(item.kind_and_text().0, BlockKind::Dash);
    assert_eq!(
        item.kind_and_text().1.as_str(),
        r"*Đơn vị chủ trì:* Văn phòng, hệ số 2\*3."
    );
    let item = &kids[1].children()[1];
    assert_eq!(
        item.kind_and_text().0,
        BlockKind::Dash,
        "- 100% … is an item"
    );
}

#[test]
fn shift_enter_inside_a_paragraph_separates_points() {
    let content = heading_content()
        + &p(
            "both",
            &r(
                "a) Tuyên truyền trên loa;\nb) Tuyên truyền trên mạng.",
                false,
                false,
            ),
        );
    let i = import(plan_doc(
        &header_table("5"),
        "Tuyên truyền pháp luật năm 2025",
        &content,
    ));
    let points = i.plan.noi_dung[0].children();
    assert_eq!(points.len(), 2, "{points:?}");
    assert!(points
        .iter()
        .all(|b| b.kind_and_text().0 == BlockKind::Point));
}

#[test]
fn word_numbering_and_bullets_are_markers() {
    let numbering = NUMBERING;
    let content = heading_content()
        + &numbered(1, "Mục đích", true)
        + &numbered(2, "Nâng cao nhận thức.", false)
        + &numbered(1, "Yêu cầu", true);
    let body_xml = format!(
        "{}{}{}{content}{}{}",
        header_table("5"),
        title_and_summary("Tuyên truyền pháp luật năm 2025"),
        body("UBND phường An Bình ban hành Kế hoạch như sau:"),
        body("Trên đây là Kế hoạch của UBND phường An Bình./."),
        signature()
    );
    let i = import(docx(&body_xml, Some(numbering)));
    let kids = i.plan.noi_dung[0].children();
    assert_eq!(kids.len(), 2, "{kids:?}");
    assert_eq!(kids[0].kind_and_text().0, BlockKind::Clause);
    assert_eq!(kids[0].kind_and_text().1.as_str(), "Mục đích");
    assert_eq!(kids[0].children()[0].kind_and_text().0, BlockKind::Dash);
}

#[test]
fn tracked_changes_are_accepted_and_reported() {
    let content = heading_content()
        + &format!(
            r#"<w:p><w:pPr><w:jc w:val="both"/></w:pPr>{}<w:ins w:id="1" w:author="A">{}</w:ins><w:del w:id="2" w:author="A"><w:r><w:delText>bỏ đi </w:delText></w:r></w:del>{}</w:p>"#,
            r("Nội dung ", false, false),
            r("thêm vào ", false, false),
            r("cuối.", false, false)
        );
    let i = import(plan_doc(
        &header_table("5"),
        "Tuyên truyền pháp luật năm 2025",
        &content,
    ));
    let para = &i.plan.noi_dung[0].children()[0];
    assert_eq!(para.kind_and_text().1.as_str(), "Nội dung thêm vào cuối.");
    assert!(
        i.report
            .notes
            .iter()
            .any(|n| n.contains("còn 2 thay đổi chưa chấp nhận")),
        "{:?}",
        i.report.notes
    );
}

#[test]
fn an_opening_written_otherwise_is_kept_as_typed() {
    let content = format!(
        "{}{}{}{}",
        header_table("5"),
        title_and_summary("Tuyên truyền pháp luật năm 2025"),
        body("Thực hiện Kế hoạch số 17-KH/TU ngày 03/6/2025 của Ban Thường vụ Tỉnh ủy và Kế hoạch số 31/KH-UBND ngày 20/6/2025 của UBND tỉnh, UBND phường ban hành Kế hoạch như sau:"),
        heading_content()
    ) + &body("Nội dung.")
        + &body("Trên đây là Kế hoạch của UBND phường An Bình./.")
        + &signature();
    let i = import(docx(&content, None));
    let mo_dau = i.plan.mo_dau.as_deref().unwrap_or_default();
    assert!(mo_dau.starts_with("Thực hiện "), "{mo_dau}");
    assert!(mo_dau.ends_with("như sau:"), "{mo_dau}");
    assert!(
        i.plan
            .van_ban
            .iter()
            .all(|c| mo_dau.contains(&format!("[@{}]", c.id)) || c.quan_he == Relation::TrichDan),
        "no cited document is printed a second time: {:?}",
        i.plan.van_ban
    );
}

/// A group's "I. TITLE" typed in the number cell, merged across the whole row, with the
/// tasks numbered on through the groups: groups (`hang_nhom: mot-o`, `danh_so: lien-tuc`),
/// not tasks, so `derive` and `check` see the tasks alone; a row of dots merged across
/// stays a row as printed.
#[test]
fn group_titles_merged_across_the_number_cell_are_groups() {
    let across = |text: &str| {
        format!(
            r#"<w:tc><w:tcPr><w:gridSpan w:val="4"/></w:tcPr>{}</w:tc>"#,
            p("left", &r(text, true, false))
        )
    };
    let task = |n: &str, what: &str, lead: &str, when: &str| {
        format!(
            "<w:tr>{}{}{}{}</w:tr>",
            cell(n),
            cell(what),
            cell(lead),
            cell(when)
        )
    };
    let table = format!(
        "<w:tbl><w:tblPr><w:tblBorders><w:top w:val=\"single\"/></w:tblBorders></w:tblPr><w:tblGrid>{}</w:tblGrid>\
         <w:tr>{}{}{}{}</w:tr><w:tr>{}</w:tr>{}{}<w:tr>{}</w:tr>{}<w:tr>{}</w:tr></w:tbl>",
        "<w:gridCol w:w=\"800\"/><w:gridCol w:w=\"5000\"/><w:gridCol w:w=\"2000\"/><w:gridCol w:w=\"2000\"/>",
        cell("STT"),
        cell("Nhiệm vụ"),
        cell("Cơ quan chủ trì"),
        cell("Thời gian hoàn thành"),
        across("I. NÂNG CAO NHẬN THỨC"),
        task("1", "Tuyên truyền trên loa phát thanh", "Văn phòng", "Thường xuyên"),
        task("2", "Tập huấn kỹ năng số", "Phòng Văn hóa - Xã hội", "Quý III"),
        across("II. HOÀN THIỆN THỂ CHẾ"),
        task("3", "Rà soát quy chế", "Văn phòng", "Quý IV"),
        across("…………"),
    );
    let i = import(plan_with_appendix(
        "Chuyển đổi số năm 2025",
        "DANH MỤC NHIỆM VỤ",
        &table,
    ));
    let a = &i.plan.phu_luc[0];
    let groups: Vec<&str> = a.nhom.iter().map(|g| g.ten.as_str()).collect();
    assert_eq!(groups, ["NÂNG CAO NHẬN THỨC", "HOÀN THIỆN THỂ CHẾ"]);
    assert_eq!(a.hang_nhom, Some(GroupRow::MotO));
    assert_eq!(a.danh_so, Some(TaskNumbering::LienTuc));
    let tasks: Vec<&str> = a
        .nhom
        .iter()
        .flat_map(|g| &g.nhiem_vu)
        .map(|t| t.noi_dung.as_str())
        .collect();
    assert_eq!(
        tasks,
        [
            "Tuyên truyền trên loa phát thanh",
            "Tập huấn kỹ năng số",
            "Rà soát quy chế",
            ""
        ]
    );
    let dots = &a.nhom[1].nhiem_vu[1];
    assert_eq!(dots.tt.as_deref(), Some("**…………**"));
    assert_eq!(dots.gop_ngang, [["stt".to_owned(), "thoi_han".to_owned()]]);
}

#[test]
fn an_appendix_as_typed_two_row_header_merged_cells_total_and_notes() {
    let vmerge = |v: &str, text: &str| {
        format!(
            r#"<w:tc><w:tcPr><w:vMerge w:val="{v}"/></w:tcPr>{}</w:tc>"#,
            p("center", &r(text, false, false))
        )
    };
    let vcont = r#"<w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>"#;
    let span = |n: u32, text: &str, bold: bool| {
        format!(
            r#"<w:tc><w:tcPr><w:gridSpan w:val="{n}"/></w:tcPr>{}</w:tc>"#,
            p("left", &r(text, bold, false))
        )
    };
    let c = |text: &str| cell(text);
    let bc = |text: &str| format!("<w:tc>{}</w:tc>", p("center", &r(text, true, false)));
    let table = format!(
        "<w:tbl><w:tblPr><w:tblBorders><w:top w:val=\"single\"/></w:tblBorders></w:tblPr><w:tblGrid>{}</w:tblGrid>\
         <w:tr>{}{}{}{}</w:tr>\
         <w:tr>{vcont}{vcont}{}{}</w:tr>\
         <w:tr>{}{}</w:tr>\
         <w:tr>{}{}{}{}</w:tr>\
         <w:tr>{}{}{vcont}{}</w:tr>\
         <w:tr>{}{}</w:tr></w:tbl>",
        "<w:gridCol w:w=\"800\"/><w:gridCol w:w=\"5000\"/><w:gridCol w:w=\"2000\"/><w:gridCol w:w=\"2000\"/>",
        vmerge("restart", "STT"),
        vmerge("restart", "Nội dung"),
        span(2, "Thời gian", true),
        "",
        c("Bắt đầu"),
        c("Kết thúc"),
        bc("I"),
        span(3, "TUYÊN TRUYỀN", true),
        bc("1"),
        c("Treo băng rôn"),
        vmerge("restart", "Tháng 3"),
        c("Tháng 4"),
        bc("2"),
        c("Phát tờ rơi"),
        c("Tháng 5"),
        c(""),
        span(2, "Tổng cộng", true),
    );
    let caption = p(
        "center",
        &r(
            "(Kèm theo Kế hoạch số 5/KH-UBND ngày 05/3/2025 của UBND phường An Bình)",
            false,
            true,
        ),
    );
    let note = p(
        "left",
        &r("Ghi chú: Tháng tính theo năm 2025.", false, true),
    );
    let i = import(plan_with_appendix(
        "Tuyên truyền pháp luật năm 2025",
        "NHIỆM VỤ TUYÊN TRUYỀN",
        &format!("{caption}{table}{note}"),
    ));
    let a = &i.plan.phu_luc[0];
    assert_eq!(a.cot_nhom.len(), 1, "{:?}", a.cot_nhom);
    assert_eq!((a.cot_nhom[0].tu, a.cot_nhom[0].den), (3, 4));
    let titles: Vec<&str> = a.cot.iter().filter_map(|c| c.ten.as_deref()).collect();
    assert_eq!(titles, ["STT", "Nội dung", "Bắt đầu", "Kết thúc"]);
    assert_eq!(a.nhom.len(), 1);
    let tasks = &a.nhom[0].nhiem_vu;
    assert_eq!(
        tasks.len(),
        2,
        "no phantom task from the second header row: {tasks:?}"
    );
    assert_eq!(
        tasks[0].tt.as_deref(),
        Some("**1**"),
        "a bold number keeps its emphasis"
    );
    assert_eq!(tasks[1].gop_tren.len(), 1, "{:?}", tasks[1]);
    assert!(a.hang_tong.is_some(), "the total row");
    assert_eq!(a.ghi_chu.len(), 1);
    assert_eq!(a.dau_ket_thuc, Some(false), "no ./. after the table");
    assert_eq!(
        a.kem_theo.as_deref(),
        Some("(Kèm theo Kế hoạch số {so}/{ky_hieu} ngày {ngay} của UBND phường An Bình)")
    );
}

#[test]
fn reformat_lays_a_typed_plan_out_with_the_same_text() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("typed.docx");
    let content = heading_content() + &body("Tuyên truyền trên loa phát thanh của phường.");
    std::fs::write(
        &input,
        plan_doc(
            &header_table("5"),
            "Tuyên truyền pháp luật năm 2025",
            &content,
        ),
    )
    .unwrap();
    let output = dir.path().join("out.docx");
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_kehoach"))
        .arg("reformat")
        .arg(&input)
        .arg("-o")
        .arg(&output)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(matches!(run.status.code(), Some(0 | 1)), "{stderr}");
    assert!(stderr.contains("đã chuẩn hóa"), "{stderr}");
    assert!(
        stderr.contains("sửa ["),
        "what the layout changed is listed: {stderr}"
    );
    let bytes = std::fs::read(&output).expect("the reformatted DOCX is written");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml)
        .unwrap();
    assert!(xml.contains("Tuyên truyền trên loa phát thanh của phường."));

    // A file named with -o is the user's: a second run replaces it only with --force.
    let again = |force: bool| {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_kehoach"));
        cmd.arg("reformat").arg(&input).arg("-o").arg(&output);
        if force {
            cmd.arg("--force");
        }
        cmd.output().unwrap()
    };
    let refused = again(false);
    assert!(
        !matches!(refused.status.code(), Some(0 | 1)),
        "{}",
        String::from_utf8_lossy(&refused.stderr)
    );
    assert!(matches!(again(true).status.code(), Some(0 | 1)));
}

#[test]
fn recipients_typed_as_a_word_bullet_list_are_entries_and_the_luu_line_is_found() {
    let numbering = r#"<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="-"/></w:lvl></w:abstractNum><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>"#;
    let bullet = |text: &str| {
        p_with(
            "left",
            r#"<w:numPr><w:ilvl w:val="0"/><w:numId w:val="2"/></w:numPr>"#,
            &r(text, false, false),
        )
    };
    let sign = format!(
        "<w:tbl><w:tblGrid><w:gridCol w:w=\"4500\"/><w:gridCol w:w=\"4500\"/></w:tblGrid><w:tr><w:tc>{}{}{}{}</w:tc><w:tc>{}{}{}</w:tc></w:tr></w:tbl>",
        p("left", &r("Nơi nhận:", true, true)),
        bullet("UBND thị xã;"),
        bullet("Các đoàn thể phường;"),
        bullet("Lưu: VT, VP."),
        p("center", &r("TM. ỦY BAN NHÂN DÂN", true, false)),
        p("center", &r("CHỦ TỊCH", true, false)),
        p("center", &r("Nguyễn Văn An", true, false)),
    );
    let body_xml = format!(
        "{}{}{}{}{}{sign}",
        header_table("5"),
        title_and_summary("Tuyên truyền pháp luật năm 2025"),
        body("UBND phường An Bình ban hành Kế hoạch như sau:"),
        heading_content(),
        body("Trên đây là Kế hoạch của UBND phường An Bình./."),
    );
    let i = import(docx(&body_xml, Some(numbering)));
    assert_eq!(i.plan.noi_nhan.len(), 2, "{:?}", i.plan.noi_nhan);
    let luu: Vec<&str> = i.plan.luu.noi_luu.iter().map(|t| t.as_str()).collect();
    assert_eq!(luu, ["VT", "VP"]);
}

#[test]
fn footnotes_become_chu_thich_with_the_mark_they_print() {
    // A custom mark typed in the text and the note, and one numbered by Word.
    let content = format!(
        "{}{}",
        p("both", r#"<w:r><w:t>I. MỤC ĐÍCH</w:t></w:r>"#),
        p(
            "both",
            r#"<w:r><w:t xml:space="preserve">Các xã bị ảnh hưởng</w:t></w:r><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:customMarkFollows="1" w:id="1"/><w:t>[1]</w:t></w:r><w:r><w:t xml:space="preserve"> được hỗ trợ trước</w:t></w:r><w:r><w:footnoteReference w:id="2"/></w:r><w:r><w:t>.</w:t></w:r>"#
        ),
    );
    let notes = r#"<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:id="1"><w:p><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:t>[1]</w:t></w:r><w:r><w:t xml:space="preserve"> Xã An Bình, </w:t></w:r><w:r><w:rPr><w:i/></w:rPr><w:t>xã An Phú</w:t></w:r><w:r><w:t>.</w:t></w:r></w:p></w:footnote><w:footnote w:id="2"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> Theo danh sách của Sở.</w:t></w:r></w:p></w:footnote>"#;
    let mut body_xml = header_table("12");
    body_xml.push_str(&title_and_summary("Hỗ trợ khắc phục hậu quả mưa lũ"));
    body_xml.push_str(&content);
    body_xml.push_str(&signature());
    let i = import(docx_with_notes(&body_xml, None, Some(notes)));
    let notes: Vec<(&str, &str)> = i
        .plan
        .chu_thich
        .iter()
        .map(|n| (n.so.as_str(), n.noi_dung.as_str()))
        .collect();
    assert_eq!(
        notes,
        [
            ("[1]", "Xã An Bình, *xã An Phú*."),
            ("1", "Theo danh sách của Sở.")
        ]
    );
    // Each mark is in the text where the document prints it.
    let yaml = kehoach::import::to_yaml(&i.plan, std::path::Path::new("t.docx")).unwrap();
    assert!(
        yaml.contains("Các xã bị ảnh hưởng[1] được hỗ trợ trước1."),
        "{yaml}"
    );
}

/// The same habits printed to PDF (by LibreOffice, as a document system publishes them)
/// give the same plan as their Word files: the PDF reader rebuilds what the DOCX reader
/// reads (header in text boxes or typed with tabs, Word numbering and bullets, Shift+Enter,
/// bold numbers, run-in headings, an italic label after a dash, footnotes).
#[test]
#[ignore = "needs soffice, poppler-utils"]
fn each_habit_reads_the_same_from_its_pdf() {
    tools::require("pdftohtml");
    // Text boxes with a place and a size, as Word writes them (text flows below them).
    let text_box = |id: u32, x: u64, width: u64, paras: &str| {
        format!(
            r#"<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="{id}" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column"><wp:posOffset>{x}</wp:posOffset></wp:positionH><wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV><wp:extent cx="{width}" cy="900000"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapTopAndBottom/><wp:docPr id="{id}" name="Hộp {id}"/><a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{width}" cy="900000"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/></wps:spPr><wps:txbx><w:txbxContent>{paras}</w:txbxContent></wps:txbx><wps:bodyPr rot="0" vert="horz" wrap="square" lIns="0" tIns="0" rIns="0" bIns="0" anchor="t"/></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice></mc:AlternateContent></w:r>"#
        )
    };
    let boxes = format!(
        "<w:p>{}{}</w:p>",
        text_box(
            1,
            0,
            2_200_000,
            &(p("center", &r("ỦY BAN NHÂN DÂN", false, false))
                + &p("center", &r("PHƯỜNG AN BÌNH", true, false))
                + &p("center", &r("Số: 07/KH-UBND", false, false)))
        ),
        text_box(
            2,
            2_500_000,
            3_500_000,
            &(p(
                "center",
                &r("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", true, false)
            ) + &p("center", &r("Độc lập - Tự do - Hạnh phúc", true, false))
                + &p(
                    "center",
                    &r("An Bình, ngày 05 tháng 3 năm 2025", false, true)
                ))
        )
    );
    let emphasis = emphasis_content();
    let tabs = p(
        "left",
        &r(
            "ỦY BAN NHÂN DÂN\t\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            true,
            false,
        ),
    ) + &p(
        "left",
        &r(
            "PHƯỜNG AN BÌNH\t\t\tĐộc lập - Tự do - Hạnh phúc",
            true,
            false,
        ),
    ) + &p(
        "left",
        &r(
            "Số: 12/KH-UBND\t\t\tAn Bình, ngày 05 tháng 3 năm 2025",
            false,
            false,
        ),
    );
    let breaks = heading_content()
        + &p(
            "both",
            &r(
                "a) Tuyên truyền trên loa phát thanh của phường;\nb) Tuyên truyền trên mạng xã hội.",
                false,
                false,
            ),
        );
    let numbering = NUMBERING;
    let lists = heading_content()
        + &numbered(1, "Mục đích", true)
        + &numbered(2, "Nâng cao nhận thức của cán bộ và Nhân dân.", false)
        + &numbered(1, "Yêu cầu", true)
        + &p(
            "both",
            r#"<w:r><w:t xml:space="preserve">Các tổ dân phố bị ảnh hưởng</w:t></w:r><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:customMarkFollows="1" w:id="1"/><w:t>[1]</w:t></w:r><w:r><w:t xml:space="preserve"> được ưu tiên.</w:t></w:r>"#,
        );
    let notes = r#"<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:id="1"><w:p><w:r><w:rPr><w:vertAlign w:val="superscript"/><w:sz w:val="20"/></w:rPr><w:t>[1]</w:t></w:r><w:r><w:rPr><w:sz w:val="20"/></w:rPr><w:t xml:space="preserve"> Tổ dân phố 1, tổ dân phố 2.</w:t></w:r></w:p></w:footnote>"#;
    let lists_doc = docx_with_notes(
        &format!(
            "{}{}{}{lists}{}{}",
            header_table("5"),
            title_and_summary("Tuyên truyền pháp luật năm 2025"),
            body("UBND phường An Bình ban hành Kế hoạch như sau:"),
            body("Trên đây là Kế hoạch của UBND phường An Bình./."),
            signature()
        ),
        Some(numbering),
        Some(notes),
    );
    let documents = [
        (
            "text-boxes",
            plan_doc(&boxes, "Tuyên truyền pháp luật năm 2025", &emphasis),
        ),
        (
            "tabs",
            plan_doc(&tabs, "Tuyên truyền pháp luật năm 2025", &breaks),
        ),
        ("lists-and-notes", lists_doc),
    ];
    let dir = tempfile::tempdir().unwrap();
    let inputs: Vec<std::path::PathBuf> = documents
        .iter()
        .map(|(name, bytes)| {
            let path = dir.path().join(format!("{name}.docx"));
            std::fs::write(&path, bytes).unwrap();
            path
        })
        .collect();
    let pdfs = tools::soffice_convert("pdf", &dir.path().join("pdf"), &inputs);
    for ((name, bytes), pdf) in documents.iter().zip(pdfs) {
        let from_word = import(bytes.clone()).plan;
        let from_pdf = import_pdf(&std::fs::read(&pdf).unwrap())
            .expect("the PDF imports")
            .plan;
        let yaml = |plan| kehoach::import::to_yaml(plan, std::path::Path::new(name)).unwrap();
        assert_eq!(
            yaml(&from_word),
            yaml(&from_pdf),
            "{name}: the PDF reads otherwise than the Word file"
        );
    }
}
