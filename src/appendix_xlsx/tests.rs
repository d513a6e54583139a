use std::io::Read;
use std::path::Path;

use super::*;

fn reference() -> Plan {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("plans/ninh-ha-114-2021.yaml");
    crate::load::load_file(&path).unwrap().plan
}

/// A workbook with these rows (strings; `None` leaves the cell empty) and, optionally,
/// one real Excel date at (row, column).
fn workbook(rows: &[Vec<String>], date_at: Option<(u32, u16, (u16, u8, u8))>) -> Vec<u8> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            if !cell.is_empty() {
                sheet.write_string(r as u32, c as u16, cell).unwrap();
            }
        }
    }
    if let Some((r, c, (y, m, d))) = date_at {
        let date = ExcelDateTime::from_ymd(y, m, d).unwrap();
        let format = Format::new().set_num_format("dd/mm/yyyy");
        sheet
            .write_datetime_with_format(r, c, &date, &format)
            .unwrap();
    }
    book.save_to_buffer().unwrap()
}

fn sheet_xml(xlsx: &[u8]) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(xlsx)).unwrap();
    let mut text = String::new();
    zip.by_name("xl/worksheets/sheet1.xml")
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

#[test]
fn export_then_import_gives_the_same_plan() {
    let plan = reference();
    let xlsx = export(&plan).unwrap();
    let back = import(&plan, &xlsx).unwrap();
    assert_eq!(back, plan);
    assert_eq!(
        export(&plan).unwrap(),
        xlsx,
        "the same plan gives the same bytes"
    );
}

#[test]
fn the_header_row_is_frozen_and_columns_fit_their_text() {
    let xml = sheet_xml(&export(&reference()).unwrap());
    assert!(
        xml.contains(r#"ySplit="1""#) && xml.contains(r#"state="frozen""#),
        "{xml}"
    );
    let widths: Vec<f64> = regex::Regex::new(r#"<col [^>]*width="([0-9.]+)""#)
        .unwrap()
        .captures_iter(&xml)
        .map(|c| c[1].parse().unwrap())
        .collect();
    assert!(widths.len() >= 5, "{xml}");
    // "Phụ lục" is narrow, the task's content wide (and wrapped at 60).
    assert!(
        widths[0] < 15.0 && widths.iter().any(|w| *w >= 50.0),
        "{widths:?}"
    );
    // Phụ lục is a number, Mã text.
    assert!(
        xml.contains(r#"<c r="A2" s="2"><v>1</v></c>"#)
            || xml.contains(r#"<c r="A2" s="2" t="n"><v>1</v>"#)
            || xml.contains("<v>1</v>"),
        "{xml}"
    );
}

#[test]
fn every_bad_row_is_named_by_its_sheet_row_and_nothing_changes() {
    let plan = reference();
    let mut rows = rows_of(&plan);
    let header = rows[0].clone();
    let col = |title_part: &str| header.iter().position(|h| h.contains(title_part)).unwrap();
    let (lead, deadline) = (col("chủ trì"), col("Thời gian"));
    rows[2][deadline] = "Trước ngày 31/4/2026".into(); // sheet row 3
    rows[4][lead] = String::new(); // sheet row 5
    rows[6][deadline] = String::new(); // sheet row 7
    let errors = import(&plan, &workbook(&rows, None)).unwrap_err();
    let rows_named: Vec<u64> = errors.iter().map(|e| e.line).collect();
    assert_eq!(rows_named, [3, 5, 7], "{errors:?}");
    assert!(errors[0].message.contains("31/4/2026"), "{errors:?}");
}

#[test]
fn dates_excel_made_of_a_cell_come_back_as_a_clerk_writes_them() {
    let plan = reference();
    let mut rows = rows_of(&plan);
    let deadline = rows[0]
        .iter()
        .position(|h| h.contains("Thời gian"))
        .unwrap();
    rows[1][deadline] = String::new();
    let xlsx = workbook(&rows, Some((1, deadline as u16, (2021, 7, 15))));
    let back = import(&plan, &xlsx).unwrap();
    let first = &back.phu_luc[0].nhom[0].nhiem_vu[0];
    assert_eq!(first.cell("thoi_han").unwrap().value, "15/7/2021");
}

#[test]
fn rows_moved_in_excel_are_renumbered() {
    let plan = reference();
    let mut rows = rows_of(&plan);
    // Two tasks of one group, swapped.
    let i = (1..rows.len() - 1)
        .find(|&i| rows[i][1] == rows[i + 1][1])
        .expect("a group with two tasks");
    let (first, second) = (rows[i][3].clone(), rows[i + 1][3].clone());
    rows.swap(i, i + 1);
    let back = import(&plan, &workbook(&rows, None)).unwrap();
    let contents: Vec<&str> = back.phu_luc[0]
        .nhom
        .iter()
        .flat_map(|g| g.nhiem_vu.iter().map(|t| t.noi_dung.value.as_str()))
        .collect();
    let at = |text: &str| contents.iter().position(|c| *c == text).unwrap();
    assert_eq!(at(&second) + 1, at(&first));
}

/// Each row is held to its own appendix's columns and its own merges: rows printed
/// across the table and a table without a content, lead or deadline column come back
/// unchanged, though the sheet's header has those columns for the other appendix.
#[test]
fn rows_without_task_cells_come_back_unchanged() {
    let plan = crate::appendix_csv::tests::rows_without_task_cells();
    let back = import(&plan, &export(&plan).unwrap()).unwrap();
    assert_eq!(back.phu_luc, plan.phu_luc);
}
