//! Compose on the habits of real plans: each test states what the signed document
//! prints and checks the tree says exactly that.

use std::path::Path;

use super::*;
use crate::document::{Block, Cell, Para, Role, Row, RowKind, VMerge};
use crate::load::load_str;

const HEAD: &str = "\
co_quan:
  ten: [ỦY BAN NHÂN DÂN, TỈNH AN BÌNH]
  ten_goi: Ủy ban nhân dân tỉnh
  viet_tat: UBND
so: '0125'
ngay: 2025-11-18
dia_danh: An Bình
trich_yeu: Chuyển đổi số
ky:
  hinh_thuc: kt
  thu_truong: CHỦ TỊCH
  chuc_vu: PHÓ CHỦ TỊCH
  ho_ten: Lê Văn A
";

fn compose_str(body: &str) -> Document {
    let yaml = format!("{HEAD}{body}");
    let plan = load_str(Path::new("t.yaml"), &yaml).unwrap().plan;
    compose(
        &plan,
        &Templates::builtin(),
        &Profile::nd30(),
        ComposeOptions::default(),
    )
    .unwrap_or_else(|f| panic!("{:?}", f.diagnostics))
}

/// Each paragraph of the main part outside tables: (role, text with `**`/`*` for emphasis).
fn lines(doc: &Document) -> Vec<(Role, String)> {
    doc.parts[0]
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Para(p) => Some((p.role, marked(p))),
            Block::Table(_) => None,
        })
        .collect()
}

fn marked(p: &Para) -> String {
    p.runs
        .iter()
        .map(|r| match (r.bold, r.italic) {
            (true, true) => format!("***{}***", r.text),
            (true, false) => format!("**{}**", r.text),
            (false, true) => format!("*{}*", r.text),
            _ => r.text.clone(),
        })
        .collect()
}

#[test]
fn the_number_is_printed_as_issued_and_kt_alone_signs() {
    let doc = compose_str("");
    let all: Vec<String> = doc.paragraphs().iter().map(|p| p.plain_text()).collect();
    assert!(all.contains(&"Số: 0125/KH-UBND".to_owned()), "{all:?}");
    let authority: Vec<&String> = doc
        .paragraphs()
        .into_iter()
        .filter(|p| p.role == Role::Authority)
        .map(|p| &p.runs[0].text)
        .collect();
    assert_eq!(authority, ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]);
}

#[test]
fn markers_weight_and_run_in_headings_as_printed() {
    let doc = compose_str(
        "noi_dung:
  - muc: MỤC ĐÍCH
    noi_dung:
      - khoan: Mục đích
        noi_dung:
          - khoan: Nhóm một
          - khoan: Nhóm hai
            dam: false
            so_dam: true
      - khoan: 'Thời gian:'
        tiep: Từ tháng 10/2025.
      - khoan: Tổ chức rà soát.
        dam: false
      - diem: Đối với *DN*
        dam: true
      - diem: Một điểm in nghiêng
        nghieng: true
  - muc: MỤC ĐÍCH LẶP
    so: II.
  - muc: NỘI DUNG
  - gach: Gạch
    so: +
ket_thuc: ''
",
    );
    let body: Vec<(Role, String)> = lines(&doc)
        .into_iter()
        .skip_while(|(r, _)| *r != Role::Heading1)
        .collect();
    let want = [
        (Role::Heading1, "I. MỤC ĐÍCH"),
        (Role::Heading2, "1. Mục đích"),
        (Role::Heading2, "1.1. Nhóm một"),
        (Role::Body, "**1.2.** Nhóm hai"),
        (Role::Body, "**2. Thời gian:** Từ tháng 10/2025."),
        (Role::Body, "3. Tổ chức rà soát."),
        (Role::Heading3, "**a) Đối với *****DN***"),
        (Role::Heading3, "*b) Một điểm in nghiêng*"),
        (Role::Heading1, "II. MỤC ĐÍCH LẶP"),
        (Role::Heading1, "III. NỘI DUNG"),
        (Role::Item, "+ Gạch"),
    ];
    let got: Vec<(Role, &str)> = body.iter().map(|(r, t)| (*r, t.as_str())).collect();
    assert_eq!(got, want);
}

#[test]
fn a_bold_numbered_sentence_is_not_kept_with_the_next_paragraph() {
    let doc = compose_str(
        "noi_dung:
  - khoan: Mục đích
  - khoan: Tăng cường công tác tuyên truyền.
",
    );
    let heads: Vec<Option<bool>> = doc
        .paragraphs()
        .into_iter()
        .filter(|p| p.role == Role::Heading2)
        .map(|p| p.keep_next)
        .collect();
    assert_eq!(heads, [None, Some(false)]);
}

#[test]
fn the_opening_cites_its_documents_itself_and_others_are_not_repeated() {
    let doc = compose_str(
        "van_ban:
  - id: nq57
    loai: nghi-quyet
    so: '57'
    ky_hieu: NQ/TW
    so_ky_hieu: 57-NQ/TW
    ngay: 2024-12-22
    co_quan: Bộ Chính trị
  - id: kh283
    loai: ke-hoach
    so: '283'
    ky_hieu: KH-UBND
    ngay: 2025-09-24
    ngay_nhu_in: 24 tháng 9 năm 2025
    co_quan: UBND tỉnh
  - id: ctr10
    loai: chuong-trinh
    ten_loai: Chương trình hành động
    so: '10'
    ky_hieu: CTr/TU
    so_ky_hieu: 10-CTr/TU
    quan_he: trich-dan
mo_dau: |
  *Căn cứ [@nq57] về chuyển đổi số;*
  Thực hiện [@kh283];
  Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:
noi_dung:
  - Theo [@ctr10:ngan].
",
    );
    let opening: Vec<String> = lines(&doc)
        .into_iter()
        .skip_while(|(r, _)| *r != Role::Summary)
        .skip(1)
        .map(|(_, t)| t)
        .collect();
    assert_eq!(
        opening,
        [
            "*Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về chuyển đổi số;*",
            "Thực hiện Kế hoạch số 283/KH-UBND ngày 24 tháng 9 năm 2025 của UBND tỉnh;",
            "Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:",
            "Theo Chương trình hành động số 10-CTr/TU.",
            "Trên đây là Kế hoạch chuyển đổi số./.",
        ]
    );
}

fn table(doc: &Document) -> &crate::document::Table {
    doc.parts[1]
        .blocks
        .iter()
        .find_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
        .expect("an appendix table")
}

fn row_texts(row: &Row) -> Vec<(String, usize)> {
    row.cells
        .iter()
        .map(|c: &Cell| {
            let text: Vec<String> = c.paras.iter().map(Para::plain_text).collect();
            (text.join("|"), c.span)
        })
        .collect()
}

#[test]
fn appendix_in_the_documents_layout() {
    let doc = compose_str(
        "phu_luc:
  - ten: DANH MỤC NHIỆM VỤ
    hang_nhom: mot-o
    danh_so: lien-tuc
    dau_ket_thuc: false
    kem_theo: '(Ban hành kèm theo Kế hoạch số {so}/{ky_hieu} ngày {ngay} của UBND tỉnh)'
    cot:
      - {khoa: stt, ten: STT}
      - {khoa: noi_dung, ten: Tên nhiệm vụ}
      - {khoa: chu_tri, ten: Chủ trì}
    nhom:
      - ten: NÂNG CAO NHẬN THỨC
        nhiem_vu:
          - noi_dung: |
              Việc một
              - dòng hai
            chu_tri: Sở A
      - ten: HOÀN THIỆN
        nhiem_vu:
          - noi_dung: Việc hai
            chu_tri: Sở A
          - noi_dung: Việc hai (tiếp)
            tt: '2'
            gop_tren: [stt, chu_tri]
",
    );
    let t = table(&doc);
    let rows: Vec<Vec<(String, usize)>> = t.rows.iter().map(row_texts).collect();
    let s = |x: &str, n: usize| (x.to_owned(), n);
    assert_eq!(
        rows[0],
        [s("STT", 1), s("Tên nhiệm vụ", 1), s("Chủ trì", 1)]
    );
    assert_eq!(rows[1], [s("I. NÂNG CAO NHẬN THỨC", 3)]);
    assert_eq!(
        rows[2],
        [s("1", 1), s("Việc một|- dòng hai", 1), s("Sở A", 1)]
    );
    assert_eq!(rows[3], [s("II. HOÀN THIỆN", 3)]);
    assert_eq!(rows[4][0], s("2", 1));
    assert_eq!(t.rows[1].kind, RowKind::Group);
    assert_eq!(t.rows[1].cells[0].paras[0].keep_next, Some(true));
    let merges: Vec<VMerge> = t.rows[4].cells.iter().map(|c| c.merge).collect();
    assert_eq!(merges, [VMerge::Start, VMerge::None, VMerge::Start]);
    let merges: Vec<VMerge> = t.rows[5].cells.iter().map(|c| c.merge).collect();
    assert_eq!(merges, [VMerge::Continue, VMerge::None, VMerge::Continue]);
    let after: Vec<String> = doc.parts[1]
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Para(p) => Some(p.plain_text()),
            _ => None,
        })
        .collect();
    assert_eq!(
        after,
        [
            "Phụ lục",
            "DANH MỤC NHIỆM VỤ",
            "(Ban hành kèm theo Kế hoạch số 0125/KH-UBND ngày 18/11/2025 của UBND tỉnh)"
        ],
        "no ./. after the table"
    );
}

#[test]
fn a_table_without_groups_has_no_group_row_and_two_row_headers_merge_down() {
    let doc = compose_str(
        "phu_luc:
  - ten: ĐỊA ĐIỂM
    cot:
      - {khoa: stt, ten: TT}
      - {khoa: noi_dung, ten: Địa điểm}
      - {khoa: x, ten: X}
      - {khoa: y, ten: Y}
    cot_nhom:
      - {ten: Tọa độ, tu: 3, den: 4}
    nhom:
      - nhiem_vu:
          - noi_dung: Cửa sông
            them: {x: '1', y: '2'}
    hang_tong:
      noi_dung: Tổng
      gop_ngang: [[noi_dung, x]]
      them: {y: '2'}
",
    );
    let t = table(&doc);
    let rows: Vec<Vec<(String, usize)>> = t.rows.iter().map(row_texts).collect();
    let s = |x: &str, n: usize| (x.to_owned(), n);
    assert_eq!(rows[0], [s("TT", 1), s("Địa điểm", 1), s("Tọa độ", 2)]);
    assert_eq!(rows[1], [s("", 1), s("", 1), s("X", 1), s("Y", 1)]);
    assert_eq!(t.rows[0].cells[0].merge, VMerge::Start);
    assert_eq!(t.rows[1].cells[0].merge, VMerge::Continue);
    assert_eq!(rows[2], [s("1", 1), s("Cửa sông", 1), s("1", 1), s("2", 1)]);
    assert_eq!(rows[3], [s("", 1), s("Tổng", 2), s("2", 1)]);
    assert!(t.rows.iter().all(|r| r.kind != RowKind::Group));
}

#[test]
fn a_footnote_mark_in_the_text_becomes_a_word_footnote_and_an_html_note() {
    let doc = compose_str(
        "noi_dung:
  - Các địa phương[1] triển khai.
chu_thich:
  - so: '[1]'
    noi_dung: Gồm các xã *vùng cao*.
",
    );
    assert_eq!(doc.footnotes.len(), 1);
    assert_eq!(doc.footnotes[0].mark, "[1]");
    let para = doc
        .paragraphs()
        .into_iter()
        .find(|p| p.plain_text().contains("[1]"))
        .expect("the paragraph keeps its mark");
    assert_eq!(para.plain_text(), "Các địa phương[1] triển khai.");
    let marked: Vec<(&str, Option<usize>)> = para
        .runs
        .iter()
        .map(|r| (r.text.as_str(), r.note))
        .collect();
    assert_eq!(
        marked,
        [
            ("Các địa phương", None),
            ("[1]", Some(0)),
            (" triển khai.", None)
        ]
    );

    let engine = crate::pipeline::Engine::new(Templates::builtin());
    let docx = engine.render(&doc, crate::render::Format::Docx).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut part = |name: &str| {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut zip.by_name(name).unwrap(), &mut s).unwrap();
        s
    };
    let notes = part("word/footnotes.xml");
    assert!(
        notes.contains(r#"w:id="1""#) && notes.contains("Gồm các xã "),
        "{notes}"
    );
    assert!(
        notes.contains("<w:i />"),
        "the note keeps its emphasis: {notes}"
    );
    let body = part("word/document.xml");
    assert!(body.contains(r#"<w:footnoteReference w:customMarkFollows="1" w:id="1" />"#));
    assert!(part("[Content_Types].xml").contains("/word/footnotes.xml"));
    assert!(part("word/_rels/document.xml.rels").contains("footnotes.xml"));

    let html =
        String::from_utf8(engine.render(&doc, crate::render::Format::Html).unwrap()).unwrap();
    assert!(
        html.contains(r##"<sup><a href="#chu-thich-1">[1]</a></sup>"##),
        "{html}"
    );
    assert!(
        html.contains(r#"<p class="footnote" id="chu-thich-1">[1] Gồm các xã <em>vùng cao</em>."#)
    );
}
