//! DOCX files built in the tests with docx-rs, laid out in different ways: like
//! kehoach's own output, like a plan typed by hand (tabs, "TT", merged lead cells), and
//! one with deliberate layout errors. Shared by `tests/import.rs` and
//! `tests/check_docx.rs`.
#![allow(dead_code)]

use std::io::Cursor;

use docx_rs::*;

pub const TNR: &str = "Times New Roman";

pub fn run(text: &str, size: usize, bold: bool, italic: bool) -> Run {
    let mut r = Run::new().add_text(text).size(size);
    if bold {
        r = r.bold();
    }
    if italic {
        r = r.italic();
    }
    r
}

pub fn line(text: &str, size: usize, bold: bool, italic: bool) -> Paragraph {
    Paragraph::new()
        .align(AlignmentType::Center)
        .add_run(run(text, size, bold, italic))
}

pub fn body(text: &str, size: usize) -> Paragraph {
    Paragraph::new()
        .align(AlignmentType::Both)
        .indent(None, Some(SpecialIndentType::FirstLine(567)), None, None)
        .line_spacing(LineSpacing::new().before(120).after(0).line(240))
        .add_run(run(text, size, false, false))
}

pub fn heading(text: &str) -> Paragraph {
    Paragraph::new()
        .align(AlignmentType::Both)
        .indent(None, Some(SpecialIndentType::FirstLine(567)), None, None)
        .line_spacing(LineSpacing::new().before(120).after(0).line(240))
        .add_run(run(text, 28, true, false))
}

pub fn left(text: &str, size: usize, bold: bool, italic: bool) -> Paragraph {
    Paragraph::new()
        .align(AlignmentType::Left)
        .add_run(run(text, size, bold, italic))
}

fn cell(paras: Vec<Paragraph>) -> TableCell {
    paras
        .into_iter()
        .fold(TableCell::new(), |c, p| c.add_paragraph(p))
}

fn text_cell(text: &str) -> TableCell {
    TableCell::new().add_paragraph(Paragraph::new().add_run(run(text, 26, false, false)))
}

pub fn pack(docx: Docx) -> Vec<u8> {
    let mut buf = Cursor::new(Vec::new());
    docx.build().pack(&mut buf).expect("docx-rs packs");
    buf.into_inner()
}

fn a4_margins() -> PageMargin {
    PageMargin::new()
        .top(1134)
        .bottom(1134)
        .left(1701)
        .right(1134)
        .header(567)
}

fn page_number_header() -> Header {
    Header::new().add_paragraph(
        Paragraph::new()
            .align(AlignmentType::Center)
            .add_run(Run::new().size(28))
            .add_page_num(PageNum::new()),
    )
}

/// (a) Laid out like kehoach's output: header as a borderless 2-column table, body,
/// signature table, then a landscape appendix section with a task table.
pub fn ours() -> Vec<u8> {
    let header = Table::without_borders(vec![TableRow::new(vec![
        cell(vec![
            line("UBND THỊ XÃ NINH HÒA", 26, false, false),
            line("ỦY BAN NHÂN DÂN", 26, true, false),
            line("PHƯỜNG NINH HÀ", 26, true, false),
            line("Số: 114/KH-UBND", 26, false, false),
        ]),
        cell(vec![
            line("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 26, true, false),
            line("Độc lập - Tự do - Hạnh phúc", 28, true, false),
            line("Ninh Hà, ngày 07 tháng 7 năm 2021", 28, false, true),
        ]),
    ])]);
    let sign = Table::without_borders(vec![TableRow::new(vec![
        cell(vec![
            left("Nơi nhận:", 24, true, true),
            left("- UBND thị xã (VBĐT);", 22, false, false),
            left("- Công chức các ngành (VBĐT);", 22, false, false),
            left("- Lưu: VT, HT.", 22, false, false),
        ]),
        cell(vec![
            line("TM. ỦY BAN NHÂN DÂN", 28, true, false),
            line("CHỦ TỊCH", 28, true, false),
            line("", 28, false, false),
            line("Trần Văn Chính", 28, true, false),
        ]),
    ])]);
    let columns = [
        "STT",
        "Nội dung/Nhiệm vụ",
        "Đơn vị chủ trì",
        "Đơn vị phối hợp",
        "Sản phẩm, kết quả công việc",
        "Thời gian hoàn thành",
    ];
    let mut rows = vec![TableRow::new(
        columns.iter().map(|c| text_cell(c)).collect(),
    )];
    let group = |n: &str, title: &str| {
        TableRow::new(vec![text_cell(n), text_cell(title).grid_span(5)]).cant_split()
    };
    let task =
        |cells: [&str; 6]| TableRow::new(cells.iter().map(|c| text_cell(c)).collect()).cant_split();
    rows.push(group("I", "Xây dựng văn bản chỉ đạo"));
    rows.push(task([
        "1",
        "Ban hành Kế hoạch",
        "Công chức VP-TK",
        "Công chức các ngành",
        "Kế hoạch",
        "Trước ngày 10/7/2021",
    ]));
    rows.push(task([
        "2",
        "Tuyên truyền Đề án",
        "Công chức VH-XH",
        "",
        "",
        "Thường xuyên",
    ]));
    rows.push(group("II", "Bảo đảm nguồn lực"));
    rows.push(task([
        "1",
        "Bố trí kinh phí",
        "Công chức TC-KT",
        "Công chức VP-TK",
        "Kinh phí được bảo đảm",
        "Năm 2021",
    ]));
    let appendix = Table::new(rows).set_grid(vec![700, 5000, 2000, 2000, 2500, 1800]);
    let portrait_end = Paragraph::new().section_property(
        SectionProperty::new()
            .page_size(PageSize::new().size(11906, 16838))
            .page_margin(a4_margins())
            .title_pg()
            .header(Header::new(), "rIdHeader1"),
    );
    Docx::new()
        .default_fonts(RunFonts::new().ascii(TNR).hi_ansi(TNR).east_asia(TNR).cs(TNR))
        .default_size(28)
        .header(page_number_header())
        .add_table(header)
        .add_paragraph(line("KẾ HOẠCH", 28, true, false))
        .add_paragraph(line("Triển khai Đề án một cửa trên địa bàn phường Ninh Hà", 28, true, false))
        .add_paragraph(body("Thực hiện Kế hoạch số 2325/KH-UBND ngày 25/6/2021 của UBND thị xã Ninh Hòa về triển khai Đề án một cửa trên địa bàn thị xã Ninh Hòa.", 28))
        .add_paragraph(body("UBND phường Ninh Hà ban hành Kế hoạch triển khai Đề án một cửa trên địa bàn phường Ninh Hà như sau:", 28))
        .add_paragraph(heading("I. MỤC ĐÍCH, YÊU CẦU"))
        .add_paragraph(heading("1. Mục đích"))
        .add_paragraph(body("- Cụ thể hóa các nhiệm vụ được giao tại Kế hoạch số 2325/KH-UBND ngày 25/6/2021 của UBND thị xã Ninh Hòa.", 28))
        .add_paragraph(body("- Xác định rõ trách nhiệm của từng công chức.", 28))
        .add_paragraph(heading("II. KINH PHÍ THỰC HIỆN"))
        .add_paragraph(body("Kinh phí do ngân sách nhà nước bảo đảm.", 28))
        .add_paragraph(body("Trên đây là Kế hoạch triển khai Đề án một cửa trên địa bàn phường Ninh Hà./.", 28))
        .add_table(sign)
        .add_paragraph(portrait_end)
        .page_size(16838, 11906)
        .page_orient(PageOrientationType::Landscape)
        .page_margin(a4_margins())
        .page_num_type(PageNumType::new().start(1))
        .add_paragraph(line("Phụ lục", 28, true, false))
        .add_paragraph(line("NHIỆM VỤ TRIỂN KHAI ĐỀ ÁN MỘT CỬA", 28, true, false))
        .add_paragraph(line("(Kèm theo Kế hoạch số 114/KH-UBND ngày 07 tháng 7 năm 2021 của UBND phường Ninh Hà)", 28, false, true))
        .add_table(appendix)
        .pipe(pack)
}

/// (b) Typed by hand: the header made of tab-separated paragraphs, a legal basis in
/// italics, the signature block as tabbed paragraphs, and an appendix whose first column
/// is "TT", with a "Ghi chú" column and the lead cells merged down (vMerge).
pub fn hand_typed() -> Vec<u8> {
    hand_typed_citing(
        "Căn cứ Quyết định số 468/QĐ-TTg ngày 27/3/2021 của Thủ tướng Chính phủ phê duyệt Đề án đổi mới cơ chế một cửa;",
    )
}

/// [`hand_typed`] with another legal basis: the italic paragraph before the intro.
pub fn hand_typed_citing(basis: &str) -> Vec<u8> {
    let tabbed = |l: Run, r: Run| {
        Paragraph::new()
            .add_run(l)
            .add_run(Run::new().add_tab())
            .add_run(r)
    };
    let mut rows = vec![TableRow::new(
        [
            "TT",
            "Nhiệm vụ",
            "Cơ quan chủ trì",
            "Cơ quan phối hợp",
            "Thời hạn",
            "Ghi chú",
        ]
        .iter()
        .map(|c| text_cell(c))
        .collect(),
    )];
    rows.push(TableRow::new(vec![
        text_cell("I"),
        text_cell("Cải cách thể chế").grid_span(5),
    ]));
    rows.push(TableRow::new(vec![
        text_cell("1"),
        text_cell("Rà soát văn bản"),
        text_cell("Phòng Tổ chức").vertical_merge(VMergeType::Restart),
        text_cell("Các phòng"),
        text_cell("Quý II/2024"),
        text_cell(""),
    ]));
    rows.push(TableRow::new(vec![
        text_cell("2"),
        text_cell("Sửa đổi quy chế làm việc"),
        TableCell::new()
            .add_paragraph(Paragraph::new())
            .vertical_merge(VMergeType::Continue),
        text_cell("Văn phòng"),
        text_cell("Quý III/2024"),
        text_cell("Theo hướng dẫn"),
    ]));
    rows.push(TableRow::new(vec![
        text_cell("II"),
        text_cell("Hiện đại hóa hành chính").grid_span(5),
    ]));
    rows.push(TableRow::new(vec![
        text_cell("1"),
        text_cell("Số hóa hồ sơ"),
        text_cell("Văn phòng"),
        text_cell(""),
        text_cell("Năm 2024"),
        text_cell(""),
    ]));
    let appendix = Table::new(rows).set_grid(vec![600, 4000, 2000, 2000, 1500, 1200]);
    let plain = |t: &str| Paragraph::new().add_run(run(t, 28, false, false));
    Docx::new()
        .default_fonts(
            RunFonts::new()
                .ascii(TNR)
                .hi_ansi(TNR)
                .east_asia(TNR)
                .cs(TNR),
        )
        .default_size(28)
        .page_size(11906, 16838)
        .page_margin(a4_margins())
        .add_paragraph(tabbed(
            run("UBND TỈNH KHÁNH HÒA", 26, false, false),
            run("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 26, true, false),
        ))
        .add_paragraph(tabbed(
            run("SỞ NỘI VỤ", 26, true, false),
            run("Độc lập - Tự do - Hạnh phúc", 28, true, false),
        ))
        .add_paragraph(tabbed(
            run("Số: 25/KH-SNV", 26, false, false),
            run("Khánh Hòa, ngày 05 tháng 3 năm 2024", 28, false, true),
        ))
        .add_paragraph(line("DỰ THẢO", 24, true, false))
        .add_paragraph(line("KẾ HOẠCH", 28, true, false))
        .add_paragraph(line("Cải cách hành chính năm 2024", 28, true, false))
        .add_paragraph(line("_______________", 28, false, false))
        .add_paragraph(
            Paragraph::new()
                .align(AlignmentType::Both)
                .add_run(run(basis, 28, false, true)),
        )
        .add_paragraph(plain(
            "Sở Nội vụ xây dựng Kế hoạch cải cách hành chính năm 2024 như sau:",
        ))
        .add_paragraph(plain("I. MỤC ĐÍCH"))
        .add_paragraph(plain("a) Nâng cao chất lượng phục vụ;"))
        .add_paragraph(plain("+ đo lường sự hài lòng."))
        .add_paragraph(plain("II. TỔ CHỨC THỰC HIỆN"))
        .add_paragraph(plain("Các phòng triển khai theo Phụ lục kèm theo."))
        .add_paragraph(plain(
            "Trên đây là Kế hoạch cải cách hành chính năm 2024 của Sở Nội vụ./.",
        ))
        .add_paragraph(tabbed(
            run("Nơi nhận:", 24, true, true),
            run("KT. GIÁM ĐỐC", 28, true, false),
        ))
        .add_paragraph(tabbed(
            run("- UBND tỉnh;", 22, false, false),
            run("PHÓ GIÁM ĐỐC", 28, true, false),
        ))
        .add_paragraph(left("- Lưu: VT, TCCB (2).", 22, false, false))
        .add_paragraph(
            Paragraph::new()
                .add_run(Run::new().add_tab())
                .add_run(Run::new().add_tab())
                .add_run(run("Nguyễn Văn An", 28, true, false)),
        )
        .add_paragraph(Paragraph::new().add_run(Run::new().add_break(BreakType::Page)))
        .add_paragraph(line("Phụ lục", 28, true, false))
        .add_paragraph(line(
            "DANH MỤC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH",
            28,
            true,
            false,
        ))
        .add_paragraph(line(
            "(Kèm theo Kế hoạch số 25/KH-SNV ngày 05 tháng 3 năm 2024 của Sở Nội vụ)",
            28,
            false,
            true,
        ))
        .add_table(appendix)
        .pipe(pack)
}

/// (c) Deliberately wrong: Letter paper, Arial, 12 pt body, "Số: 7/KH-UBND", "tháng 09",
/// the page number in the footer and on page 1, and "PHỤ LỤC" in capitals.
pub fn wrong() -> Vec<u8> {
    let header = Table::without_borders(vec![TableRow::new(vec![
        cell(vec![
            line("ỦY BAN NHÂN DÂN", 26, true, false),
            line("PHƯỜNG NINH HÀ", 26, true, false),
            line("Số: 7/KH-UBND", 26, false, false),
        ]),
        cell(vec![
            line("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 26, true, false),
            line("Độc lập - Tự do - Hạnh phúc", 28, true, false),
            line("Ninh Hà, ngày 27 tháng 09 năm 2022", 28, false, true),
        ]),
    ])]);
    let footer = Footer::new().add_paragraph(
        Paragraph::new()
            .align(AlignmentType::Center)
            .add_page_num(PageNum::new()),
    );
    let arial = "Arial";
    let mut rows = vec![TableRow::new(
        ["STT", "Nội dung", "Chủ trì"]
            .iter()
            .map(|c| text_cell(c))
            .collect(),
    )];
    rows.push(TableRow::new(vec![
        text_cell("I"),
        text_cell("Nhóm").grid_span(2),
    ]));
    rows.push(TableRow::new(vec![
        text_cell("1"),
        text_cell("Việc"),
        text_cell("Văn phòng"),
    ]));
    Docx::new()
        .default_fonts(
            RunFonts::new()
                .ascii(arial)
                .hi_ansi(arial)
                .east_asia(arial)
                .cs(arial),
        )
        .default_size(24)
        .page_size(12240, 15840)
        .page_margin(
            PageMargin::new()
                .top(1440)
                .bottom(1440)
                .left(1440)
                .right(1440),
        )
        .footer(footer)
        .add_table(header)
        .add_paragraph(line("KẾ HOẠCH", 28, true, false))
        .add_paragraph(line("Phòng chống thiên tai năm 2022", 28, true, false))
        .add_paragraph(body(
            "Thực hiện nhiệm vụ năm 2022, UBND phường ban hành Kế hoạch như sau:",
            24,
        ))
        .add_paragraph(body("I. MỤC ĐÍCH", 24))
        .add_paragraph(body("Bảo đảm an toàn cho Nhân dân.", 24))
        .add_paragraph(body(
            "Trên đây là Kế hoạch phòng chống thiên tai năm 2022./.",
            24,
        ))
        .add_paragraph(left("Nơi nhận:", 24, true, true))
        .add_paragraph(left("- Lưu: VT.", 22, false, false))
        .add_paragraph(line("TM. ỦY BAN NHÂN DÂN", 28, true, false))
        .add_paragraph(line("CHỦ TỊCH", 28, true, false))
        .add_paragraph(line("Lê Văn Bình", 28, true, false))
        .add_paragraph(Paragraph::new().add_run(Run::new().add_break(BreakType::Page)))
        .add_paragraph(line("PHỤ LỤC I", 28, true, false))
        .add_paragraph(line("DANH MỤC NHIỆM VỤ", 28, true, false))
        .add_paragraph(line(
            "(Kèm theo Kế hoạch số 07/KH-UBND ngày 27 tháng 9 năm 2022 của UBND phường Ninh Hà)",
            28,
            false,
            true,
        ))
        .add_table(Table::new(rows))
        .pipe(pack)
}

/// `x.pipe(f)` = `f(x)`, so a builder chain can end in `pack`.
trait Pipe: Sized {
    fn pipe<T>(self, f: impl FnOnce(Self) -> T) -> T {
        f(self)
    }
}
impl Pipe for Docx {}
