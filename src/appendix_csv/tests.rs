use std::path::Path;

use super::*;
use crate::load::load_str;

const PLAN: &str = "\
co_quan: { ten: [UBND], ten_goi: UBND phường, viet_tat: UBND }
dia_danh: Ninh Hà
trich_yeu: Thử
ky: { ho_ten: A }
# A comment the import must keep.
phu_luc:
  - ten: Nhiệm vụ
    nhom:
      - ten: Nhóm một
        nhiem_vu:
          - noi_dung: Việc một
            chu_tri: VP
            nguon: { van_ban: 2325/KH-UBND, vi_tri: II.3 }
          - noi_dung: \"Việc hai: có dấu hai chấm\"

      - ten: Nhóm trống
    huong: ngang
ket_thuc: Hết.
";

fn plan() -> Plan {
    load_str(Path::new("t.yaml"), PLAN).unwrap().plan
}

#[test]
fn export_then_import_is_the_same_plan() {
    let p = plan();
    let csv = export(&p);
    assert!(csv.starts_with('\u{feff}'));
    assert!(csv.contains("1,Nhóm trống,,,,,,\r\n"), "{csv}");
    assert_eq!(import(&p, csv.as_bytes()).unwrap(), p);
}

#[test]
fn moved_rows_keep_their_hidden_fields_and_new_rows_are_added() {
    let p = plan();
    let csv = "Phụ lục;Nhóm;Mã;Nội dung/Nhiệm vụ;Đơn vị chủ trì;Đơn vị phối hợp;Sản phẩm, kết quả công việc;Thời gian hoàn thành\n\
               1;Nhóm một;1.1.2;Việc hai: có dấu hai chấm;;;;\n\
               1;Nhóm một;;Việc mới;TP;;;Quý III\n\
               1;Nhóm một;1.1.1;Việc một;VP;;;\n";
    let new = import(&p, csv.as_bytes()).unwrap();
    let tasks = &new.phu_luc[0].nhom[0].nhiem_vu;
    assert_eq!(tasks[1].thoi_han.as_ref().unwrap(), &"Quý III");
    assert_eq!(tasks[2].nguon.as_ref().unwrap().vi_tri, "II.3");
    assert_eq!(new.phu_luc[0].nhom.len(), 1, "the empty group was dropped");

    let text = splice_appendices(PLAN, &p, &new).unwrap();
    assert_eq!(load_str(Path::new("t.yaml"), &text).unwrap().plan, new);
    assert!(text.contains("# A comment the import must keep.\n"));
    assert!(
        text.ends_with("    huong: ngang\nket_thuc: Hết.\n"),
        "{text}"
    );
}

#[test]
fn bad_rows_are_reported_by_line_and_nothing_is_taken() {
    let p = plan();
    let csv = "Phụ lục,Nhóm,Mã,Nội dung/Nhiệm vụ\n\
               1,Nhóm một,1.1.1,Việc một\n\
               3,Nhóm một,,Việc\n\
               1,,,Việc\n\
               1,Nhóm một,9.9.9,Việc\n\
               1,Nhóm một,1.1.1,Lần hai\n\
               1,Nhóm một,,\"\"\n";
    let errors = import(&p, csv.as_bytes()).unwrap_err();
    let lines: Vec<u64> = errors.iter().map(|e| e.line).collect();
    assert_eq!(lines, [3, 4, 5, 6], "{errors:?}");
    assert!(errors[3].message.contains("twice"));

    let bad_header = import(&p, "STT,Nội dung\n".as_bytes()).unwrap_err();
    assert_eq!(bad_header[0].line, 1);
    let latin1 = import(&p, b"Ph\xe1 l\xfbc").unwrap_err();
    assert!(latin1[0].message.contains("UTF-8"));
}

/// Defect 10: formula-like cells are neutralised in the file and come back unchanged.
#[test]
fn formula_like_cells_are_neutralised_and_read_back_exactly() {
    let hostile = [
        "=HYPERLINK(\"http://x\",\"y\")",
        "=cmd|' /C calc'!A0",
        "@SUM(1+1)",
        "+1",
        "- Việc có gạch đầu dòng",
        "'=đã có dấu nháy",
        "'bình thường",
        "\tthụt",
    ];
    let mut text = PLAN.to_owned();
    for (i, h) in hostile.iter().enumerate() {
        let yaml = serde_json::to_string(h).unwrap();
        text = text.replace(
            "          - noi_dung: \"Việc hai: có dấu hai chấm\"\n",
            &format!("          - noi_dung: \"Việc hai: có dấu hai chấm\"\n          - {{ noi_dung: {yaml}, chu_tri: {yaml} }}\n"),
        );
        let _ = i;
    }
    let p = load_str(Path::new("t.yaml"), &text).unwrap().plan;
    let csv = export(&p);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    for record in reader.records() {
        for cell in record.unwrap().iter() {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "a live formula in the CSV: {cell:?}"
            );
        }
    }
    assert_eq!(import(&p, csv.as_bytes()).unwrap(), p);
    for h in hostile {
        assert_eq!(restore_cell(&neutralise_cell(h)), h);
    }
}

/// Defect 9: a header typed twice is refused instead of overwriting every task.
#[test]
fn a_column_typed_twice_is_refused() {
    let _vi = crate::i18n::tests_support::Lang::set("vi");
    let p = plan();
    let csv = "Phụ lục,Nhóm,Mã,Nội dung/Nhiệm vụ,Nội dung/Nhiệm vụ,Đơn vị phối hợp,Sản phẩm, kết quả công việc,Thời gian hoàn thành\n\
               1,Nhóm một,1.1.1,Việc một,X,,,\n";
    let errors = import(&p, csv.as_bytes()).unwrap_err();
    assert_eq!(errors[0].line, 1);
    assert!(errors[0].message.contains("hai lần"), "{errors:?}");
}

/// Defect 9: the line number of a bad row is the line the clerk sees in an editor.
#[test]
fn bad_rows_are_reported_on_their_own_line() {
    let p = plan();
    let csv = "\u{feff}Phụ lục,Nhóm,Mã,Nội dung/Nhiệm vụ\n\
               1,Nhóm một,1.1.1,Việc một\n\
               9,Nhóm một,,Việc hai\n";
    let errors = import(&p, csv.as_bytes()).unwrap_err();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].line, 3, "{errors:?}");
    // As export writes it (CRLF), and after a cell of two lines.
    let csv = "\u{feff}Phụ lục,Nhóm,Mã,Nội dung/Nhiệm vụ\r\n\
               1,Nhóm một,1.1.1,\"Việc\r\nmột\"\r\n\
               9,Nhóm một,,Việc hai\r\n";
    let errors = import(&p, csv.as_bytes()).unwrap_err();
    assert_eq!(errors[0].line, 4, "{errors:?}");
}

/// Defect 9: more rows than a plan may have tasks get that reason, not another.
#[test]
fn too_many_rows_say_so() {
    let _vi = crate::i18n::tests_support::Lang::set("vi");
    let p = plan();
    let mut csv = String::from("Phụ lục,Nhóm,Mã,Nội dung/Nhiệm vụ\n");
    for i in 0..=MAX_CSV_ROWS {
        csv.push_str(&format!("1,Nhóm một,,Việc {i}\n"));
    }
    let errors = import(&p, csv.as_bytes()).unwrap_err();
    assert!(errors[0].message.contains("tối đa"), "{errors:?}");
}

/// A plan with a row printed across its task table ("I. …", "…") and a table of
/// measuring points (no content column): the check fixture that holds both.
pub(crate) fn rows_without_task_cells() -> Plan {
    let text = include_str!("../../tests/check/clean-table-rows-merged-across.yaml");
    load_str(Path::new("t.yaml"), text).unwrap().plan
}

/// The import asks of a row only what its table prints for it: rows printed across the
/// table and a table without a content column come back unchanged; a task row that
/// loses its content is still refused, naming the column.
#[test]
fn rows_without_task_cells_come_back_unchanged() {
    let p = rows_without_task_cells();
    let csv = export(&p);
    let back = import(&p, csv.as_bytes()).unwrap();
    assert_eq!(back.phu_luc, p.phu_luc);

    let _vi = crate::i18n::tests_support::Lang::set("vi");
    let emptied = csv.replace("Ban hành quy chế tiếp nhận hồ sơ", "");
    let errors = import(&p, emptied.as_bytes()).unwrap_err();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].message.contains("“Nhiệm vụ” đang trống"),
        "{errors:?}"
    );
}
