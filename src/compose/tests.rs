use std::path::Path;

use super::*;
use crate::document::{dump, Block, Role, RowKind, RuleLength};
use crate::load::load_str;

const PLAN: &str = "\
co_quan:
  chu_quan: [UBND THỊ XÃ NINH HÒA]
  ten: [ỦY BAN NHÂN DÂN, PHƯỜNG NINH HÀ]
  ten_goi: UBND phường Ninh Hà
  viet_tat: UBND
so: '07'
ngay: 2021-07-07
dia_danh: Ninh Hà
trich_yeu: Triển khai Đề án {{ x }} <b>
van_ban:
  - id: kh
    loai: ke-hoach
    so: 2325
    ky_hieu: KH-UBND
    ngay: 2021-06-25
    co_quan: UBND thị xã Ninh Hòa
    trich_yeu: về triển khai Đề án
noi_dung:
  - muc: MỤC ĐÍCH, YÊU CẦU
    noi_dung:
      - khoan: Mục đích
        noi_dung:
          - gach: 'Thực hiện [@kh:ngan] {% if %}'
      - khoan: Yêu cầu
        noi_dung:
          - diem: Một
          - diem: Hai
  - muc: NỘI DUNG
    noi_dung:
      - (Chi tiết tại Phụ lục kèm theo)
ky:
  thay_mat: ỦY BAN NHÂN DÂN
  chuc_vu: CHỦ TỊCH
  ho_ten: Trần Văn Chính
noi_nhan: [UBND thị xã (VBĐT)]
luu:
  noi_luu: [VT, HT]
phu_luc:
  - ten: Nhiệm vụ
    nhom:
      - ten: Nhóm một
        nhiem_vu:
          - noi_dung: Việc một
            chu_tri: VP
            thoi_han: Năm 2021
          - noi_dung: Việc hai
      - ten: Nhóm hai
        nhiem_vu:
          - noi_dung: Việc ba
";

fn composed(options: ComposeOptions) -> Document {
    let plan = load_str(Path::new("t.yaml"), PLAN).unwrap().plan;
    compose(&plan, &Templates::builtin(), &Profile::nd30(), options).unwrap()
}

fn texts(doc: &Document, role: Role) -> Vec<String> {
    doc.paragraphs()
        .into_iter()
        .filter(|p| p.role == role)
        .map(|p| p.plain_text())
        .collect()
}

#[test]
fn composes_header_body_signature_and_appendix() {
    let doc = composed(ComposeOptions::default());
    assert_eq!(doc.parts.len(), 2);
    assert_eq!(texts(&doc, Role::Number), ["Số: 07/KH-UBND"]);
    assert_eq!(
        texts(&doc, Role::PlaceDate),
        ["Ninh Hà, ngày 07 tháng 7 năm 2021"]
    );
    assert_eq!(
        texts(&doc, Role::Heading1),
        ["I. MỤC ĐÍCH, YÊU CẦU", "II. NỘI DUNG"]
    );
    assert_eq!(texts(&doc, Role::Heading2), ["1. Mục đích", "2. Yêu cầu"]);
    assert_eq!(texts(&doc, Role::Heading3), ["a) Một", "b) Hai"]);
    let body = texts(&doc, Role::Body);
    assert_eq!(
        body[0],
        "Thực hiện Kế hoạch số 2325/KH-UBND ngày 25/6/2021 của UBND thị xã Ninh Hòa về triển khai Đề án."
    );
    assert!(body.last().unwrap().ends_with("./."));
    assert_eq!(
        texts(&doc, Role::Recipient),
        ["- UBND thị xã (VBĐT);", "- Lưu: VT, HT."]
    );
    assert_eq!(
        texts(&doc, Role::Authority),
        ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]
    );
    assert_eq!(texts(&doc, Role::AppendixNumber), ["Phụ lục"]);
    assert_eq!(
        texts(&doc, Role::AppendixRef),
        ["(Kèm theo Kế hoạch số 07/KH-UBND ngày 07 tháng 7 năm 2021 của UBND phường Ninh Hà)"]
    );
    // The header is the first block: a two-column layout table with the short rules;
    // number and date share a second row, so they line up and read after the names.
    let Block::Table(header) = &doc.parts[0].blocks[0] else {
        panic!("header first")
    };
    let left = &header.rows[0].cells[0].paras;
    assert_eq!(left.last().unwrap().role, Role::Agency);
    assert_eq!(left[2].rule_below, Some(RuleLength::Fraction(0.4)));
    let right = &header.rows[0].cells[1].paras;
    assert_eq!(right[1].rule_below, Some(RuleLength::TextWidth));
    let second: Vec<Role> = header.rows[1]
        .cells
        .iter()
        .flat_map(|c| c.paras.iter().map(|p| p.role))
        .collect();
    assert_eq!(second, [Role::Number, Role::PlaceDate]);
}

#[test]
fn plan_text_is_data_never_template_code() {
    let doc = composed(ComposeOptions::default());
    assert_eq!(texts(&doc, Role::Summary), ["Triển khai Đề án {{ x }} <b>"]);
    assert!(texts(&doc, Role::Item)[0].ends_with("Kế hoạch số 2325/KH-UBND {% if %}"));
}

#[test]
fn appendix_rows_are_numbered_from_the_data() {
    let doc = composed(ComposeOptions::default());
    // The table, then Mẫu 2.1's end mark "./.".
    let Some(Block::Para(end)) = doc.parts[1].blocks.last() else {
        panic!("end mark last")
    };
    assert_eq!(end.plain_text(), "./.");
    let n = doc.parts[1].blocks.len();
    let Some(Block::Table(t)) = doc.parts[1].blocks.get(n - 2) else {
        panic!("table before the end mark")
    };
    let summary: Vec<(RowKind, String)> = t
        .rows
        .iter()
        .map(|r| (r.kind, r.cells[0].paras[0].plain_text()))
        .collect();
    assert_eq!(
        summary,
        [
            (RowKind::Header, "STT".to_owned()),
            (RowKind::Group, "I".to_owned()),
            (RowKind::Task, "1".to_owned()),
            (RowKind::Task, "2".to_owned()),
            (RowKind::Group, "II".to_owned()),
            (RowKind::Task, "1".to_owned()),
        ]
    );
    assert_eq!(t.rows[1].cells[1].span, 5);
    assert!(doc.parts[1].landscape);
}

#[test]
fn electronic_appendix_only_leaves_number_and_date_blank() {
    let doc = composed(ComposeOptions {
        appendix_only: true,
        electronic: true,
    });
    assert_eq!(doc.parts.len(), 1);
    let Block::Para(first) = &doc.parts[0].blocks[0] else {
        panic!()
    };
    assert_eq!(first.role, Role::ESignature);
    let kem_theo = &texts(&doc, Role::AppendixRef)[0];
    assert!(!kem_theo.contains("07"), "{kem_theo}");
    assert!(kem_theo.contains("của UBND phường Ninh Hà"));
}

#[test]
fn user_templates_override_by_name_and_errors_point_into_them() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("chu-ky.tera"),
        "noi-nhan-nhan Nơi nhận:\ntham-quyen {{ ky.dong | join(sep=\" / \") }}\nten-nguoi-ky {{ ky.ho_ten }}\n",
    )
    .unwrap();
    let templates = Templates::load(Some(dir.path())).unwrap();
    let plan = load_str(Path::new("t.yaml"), PLAN).unwrap().plan;
    let doc = compose(
        &plan,
        &templates,
        &Profile::nd30(),
        ComposeOptions::default(),
    )
    .unwrap();
    assert_eq!(
        texts(&doc, Role::Authority),
        ["TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH"]
    );

    std::fs::write(
        dir.path().join("chu-ky.tera"),
        "tham-quyen {{ ky.khong_co }}\n",
    )
    .unwrap();
    let templates = Templates::load(Some(dir.path())).unwrap();
    let err = compose(
        &plan,
        &templates,
        &Profile::nd30(),
        ComposeOptions::default(),
    )
    .unwrap_err();
    assert!(
        err.source.path.ends_with("chu-ky.tera"),
        "{:?}",
        err.source.path
    );
    assert_eq!(err.diagnostics[0].at.line, 1);

    std::fs::write(dir.path().join("chu-ky.tera"), "khong-ro {{ ky.ho_ten }}\n").unwrap();
    let templates = Templates::load(Some(dir.path())).unwrap();
    let err = compose(
        &plan,
        &templates,
        &Profile::nd30(),
        ComposeOptions::default(),
    )
    .unwrap_err();
    assert_eq!(err.diagnostics[0].code, "KH-TEMPLATE-MARKUP");

    std::fs::write(dir.path().join("bad.tera"), "{% if %}").unwrap();
    let e = Templates::load(Some(dir.path()))
        .err()
        .expect("syntax error");
    assert!(e.file.ends_with("bad.tera") && e.line == 1);
}

#[test]
fn dump_is_stable() {
    let a = dump(&composed(ComposeOptions::default()));
    let b = dump(&composed(ComposeOptions::default()));
    assert_eq!(a, b);
    assert!(a.contains("Heading1 \"I. MỤC ĐÍCH, YÊU CẦU\""));
}

#[test]
fn a_view_without_body_is_the_view_less_its_body() {
    let plan = load_str(Path::new("t.yaml"), PLAN).unwrap().plan;
    let mut full = serde_json::to_value(PlanView::new(&plan)).unwrap();
    let short = serde_json::to_value(PlanView::without_body(&plan)).unwrap();
    assert_ne!(full["noi_dung"], serde_json::json!([]));
    full["mo_dau"] = serde_json::json!([]);
    full["noi_dung"] = serde_json::json!([]);
    full["ket_thuc"] = serde_json::json!([]);
    assert_eq!(full, short);
}

#[test]
fn a_type_without_its_own_template_is_refused_not_worded_as_a_plan() {
    let mut plan = load_str(Path::new("t.yaml"), PLAN).unwrap().plan;
    plan.loai = crate::plan::DocKind::BaoCao;
    let failure = compose(
        &plan,
        &Templates::builtin(),
        &Profile::nd30(),
        ComposeOptions::default(),
    )
    .expect_err("no Báo cáo template is built in");
    assert_eq!(failure.diagnostics[0].code, "KH-TEMPLATE-KIND");
    assert!(failure.diagnostics[0].message.contains("Báo cáo"));
}

/// A line break typed into any field (a quoted YAML string keeps it) stays inside its
/// paragraph: the view's strings are one line, so no value starts a markup element.
#[test]
fn line_breaks_in_values_never_start_an_element() {
    let broken = PLAN
        .replace("dia_danh: Ninh Hà", "dia_danh: \"Ninh\\nmuc Hà\"")
        .replace(
            "ho_ten: Trần Văn Chính",
            "ho_ten: \"Trần Văn\\r\\nkhoan Chính\"",
        )
        .replace(
            "    co_quan: UBND thị xã Ninh Hòa",
            "    co_quan: \"UBND thị xã\\ndiem Ninh Hòa\"",
        )
        .replace("  noi_luu: [VT, HT]", "  noi_luu: [\"VT\\nmuc\", HT]");
    assert_ne!(broken, PLAN);
    let plan = load_str(Path::new("t.yaml"), &broken).unwrap().plan;
    let doc = compose(
        &plan,
        &Templates::builtin(),
        &Profile::nd30(),
        ComposeOptions::default(),
    )
    .unwrap();
    let plain = compose(
        &load_str(Path::new("t.yaml"), PLAN).unwrap().plan,
        &Templates::builtin(),
        &Profile::nd30(),
        ComposeOptions::default(),
    )
    .unwrap();
    // The same paragraphs in the same roles; the broken values are joined with spaces.
    let roles = |d: &Document| d.paragraphs().iter().map(|p| p.role).collect::<Vec<_>>();
    assert_eq!(roles(&doc), roles(&plain));
    assert_eq!(texts(&doc, Role::SignerName), ["Trần Văn khoan Chính"]);
    assert!(texts(&doc, Role::PlaceDate)[0].starts_with("Ninh muc Hà"));
}
