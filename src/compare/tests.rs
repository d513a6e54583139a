use std::path::Path;

use super::*;
use crate::compose::{compose, ComposeOptions, Templates};
use crate::document::{dump, RowKind, TableKind};
use crate::load::load_str;
use crate::profile::Profile;

const OLD: &str = "\
co_quan:
  ten: [ỦY BAN NHÂN DÂN, PHƯỜNG NINH HÀ]
  ten_goi: UBND phường Ninh Hà
  viet_tat: UBND
so: 7
ngay: 2021-07-07
dia_danh: Ninh Hà
trich_yeu: Triển khai Đề án
noi_dung:
  - muc: Mục đích, yêu cầu
    noi_dung:
      - Bảo đảm thực hiện đúng tiến độ.
      - Phân công rõ trách nhiệm.
ky:
  chuc_vu: CHỦ TỊCH
  ho_ten: Trần Văn Chính
noi_nhan: [UBND thị xã]
phu_luc:
  - ten: Nhiệm vụ
    nhom:
      - ten: Nhóm một
        nhiem_vu:
          - noi_dung: Ban hành kế hoạch triển khai
            chu_tri: Công chức VP-TK
            thoi_han: Trước ngày 10/7/2021
          - noi_dung: Rà soát thủ tục hành chính
            chu_tri: Công chức TP-HT
            thoi_han: Năm 2021
          - noi_dung: Tập huấn cán bộ một cửa
            chu_tri: Công chức VH-XH
      - ten: Nhóm hai
        nhiem_vu:
          - noi_dung: Báo cáo kết quả
            chu_tri: Công chức VP-TK
";

/// The old plan with: a task inserted in the middle of group I, a deadline moved, a task
/// removed, and a body paragraph reworded.
fn new_plan() -> String {
    OLD.replace(
        "          - noi_dung: Rà soát thủ tục hành chính\n",
        "          - noi_dung: Số hóa hồ sơ một cửa\n            chu_tri: Công chức VH-XH\n          - noi_dung: Rà soát thủ tục hành chính\n",
    )
    .replace("thoi_han: Năm 2021", "thoi_han: Quý IV năm 2021")
    .replace(
        "          - noi_dung: Tập huấn cán bộ một cửa\n            chu_tri: Công chức VH-XH\n",
        "",
    )
    .replace("Phân công rõ trách nhiệm.", "Phân công rõ người, rõ việc.")
}

fn composed(yaml: &str) -> Document {
    let plan = load_str(Path::new("t.yaml"), yaml).unwrap().plan;
    compose(
        &plan,
        &Templates::builtin(),
        &Profile::nd30(),
        ComposeOptions::default(),
    )
    .unwrap()
}

/// Equal documents, or a failure that shows the two dumps rather than two huge trees.
fn assert_same(a: &Document, b: &Document) {
    assert!(a == b, "{}\n---- expected ----\n{}", dump(a), dump(b));
}

fn stamp() -> Stamp {
    Stamp::new("UBND phường Ninh Hà", Some("2021-07-07"))
}

#[test]
fn accept_all_gives_the_new_document_and_reject_all_the_old() {
    let (old, new) = (composed(OLD), composed(&new_plan()));
    let c = compare(&old, &new, &stamp());
    assert_same(&accept_all(&c.document), &accept_all(&new));
    assert_same(&reject_all(&c.document), &accept_all(&old));
    assert_eq!(
        c.summary.to_string(),
        "thêm 1 nhiệm vụ, sửa 1, xóa 1; văn bản: thêm 0 đoạn, sửa 1, xóa 0"
    );
}

#[test]
fn changes_mark_exactly_the_edits() {
    let (old, new) = (composed(OLD), composed(&new_plan()));
    let doc = compare(&old, &new, &stamp()).document;
    let grid = doc.parts[1]
        .blocks
        .iter()
        .find_map(|b| match b {
            Block::Table(t) if t.kind == TableKind::Grid => Some(t),
            _ => None,
        })
        .unwrap();
    let marked = |kind: ChangeKind| -> Vec<String> {
        let mut out = Vec::new();
        for row in &grid.rows {
            if row.change.as_ref().is_some_and(|c| c.kind == kind) {
                out.push(format!("row {}", row.cells[1].paras[0].plain_text()));
                continue;
            }
            for cell in &row.cells {
                for p in &cell.paras {
                    for r in &p.runs {
                        if r.change.as_ref().is_some_and(|c| c.kind == kind) {
                            out.push(r.text.clone());
                        }
                    }
                }
            }
        }
        out
    };
    // The inserted task; the renumbered task below it (2 → 3); the new deadline words.
    assert_eq!(
        marked(ChangeKind::Inserted),
        ["row Số hóa hồ sơ một cửa", "3", "Quý IV năm"]
    );
    assert_eq!(
        marked(ChangeKind::Deleted),
        ["2", "Năm", "row Tập huấn cán bộ một cửa"]
    );
    let change = grid.rows[3].change.as_ref().unwrap();
    assert_eq!(change.author, "UBND phường Ninh Hà");
    assert_eq!(change.date, "2021-07-07T00:00:00Z");
    assert_eq!(grid.rows[3].kind, RowKind::Task);

    let body: Vec<String> = doc.parts[0]
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Para(p) => Some(p),
            _ => None,
        })
        .flat_map(|p| &p.runs)
        .filter(|r| r.change.is_some())
        .map(|r| format!("{:?} {}", r.change.as_ref().unwrap().kind, r.text))
        .collect();
    assert_eq!(body, ["Deleted trách nhiệm.", "Inserted người, rõ việc."]);
}

#[test]
fn identical_documents_have_no_changes() {
    let doc = composed(OLD);
    let c = compare(&doc, &doc, &stamp());
    assert!(c.summary.is_empty());
    assert_same(&c.document, &doc);
    assert_eq!(c.summary.to_string(), "không có thay đổi");
}

#[test]
fn the_reference_plan_survives_a_reordered_and_edited_appendix() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("plans/ninh-ha-114-2021.yaml");
    let text = std::fs::read_to_string(path).unwrap();
    let edited = text
        .replace("Trong năm 2021", "Trong quý III năm 2021")
        .replace("Công chức VP-TK", "Công chức Văn phòng - Thống kê");
    let (old, new) = (composed(&text), composed(&edited));
    let c = compare(&old, &new, &stamp());
    assert_same(&accept_all(&c.document), &accept_all(&new));
    assert_same(&reject_all(&c.document), &accept_all(&old));
    assert_eq!(c.summary.tasks_added + c.summary.tasks_removed, 0);
    assert!(c.summary.tasks_changed > 5, "{}", c.summary);
}
