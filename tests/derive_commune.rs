//! Deriving in the two-tier government: a commune's plan from its province's plan.
//!
//! - the example pair (plans/khanh-hoa-318-2025.yaml → plans/dien-khanh-2025.yaml): the
//!   draft checks clean, renders, cites its parent exactly and takes every task the
//!   province gives to communes (counted here from the cells' wording, independently of
//!   derive's matcher);
//! - synthetic province plans, one per wording of the commune level, with the level in
//!   the lead or support column, in custom columns found by their header, in a body
//!   sentence "Giao …" and in a "Tổ chức thực hiện" clause;
//! - `kehoach unit new`: a match, no match (candidates), several matches, no overwrite.

use std::path::{Path, PathBuf};
use std::process::Command;

use kehoach::compose::{ComposeOptions, Templates};
use kehoach::derive::report::{compare, DropReason, Status};
use kehoach::derive::tasks::positioned;
use kehoach::derive::{derive, yaml_out, Derived, Unit};
use kehoach::document::dump;
use kehoach::load::load_str;
use kehoach::pipeline::{check_loaded, Engine};
use kehoach::plan::{Plan, Task};
use kehoach::render::Format;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn plan_file(name: &str) -> Plan {
    let path = root().join("plans").join(name);
    let text = std::fs::read_to_string(&path).unwrap();
    load_str(&path, &text)
        .unwrap_or_else(|f| panic!("{name}: {:?}", f.diagnostics))
        .plan
}

fn plan_text(text: &str) -> Plan {
    load_str(Path::new("parent.yaml"), text)
        .unwrap_or_else(|f| panic!("{:?}\n{text}", f.diagnostics))
        .plan
}

fn unit_file(name: &str) -> Unit {
    let u = Unit::load_file(&root().join("units").join(name))
        .unwrap_or_else(|r| panic!("{name}: {:?}", r.diagnostics));
    assert!(u.problems().is_empty(), "{name}: {:?}", u.problems());
    u
}

/// A commune's unit file as `kehoach unit new` writes it, with only the signer filled in.
fn fresh_unit(name: &str) -> Unit {
    let (code, out, err) = kehoach(&root(), &["unit", "new", name]);
    assert_eq!(code, 0, "{err}");
    let text = out.replace("ho_ten: \"\"", "ho_ten: Nguyễn Văn An");
    Unit::load_str(Path::new("unit.yaml"), &text).unwrap_or_else(|r| panic!("{:?}", r.diagnostics))
}

fn tasks(plan: &Plan) -> Vec<&Task> {
    plan.tasks().map(|(_, _, t)| t).collect()
}

fn sources(plan: &Plan) -> Vec<String> {
    tasks(plan)
        .iter()
        .map(|t| t.nguon.as_ref().unwrap().vi_tri.value.clone())
        .collect()
}

/// The draft as YAML, loaded back, checked, composed and rendered; the document tree.
fn check_and_render(derived: &Derived) -> String {
    let text = yaml_out::to_yaml(&derived.plan, &["test".to_owned()], &[]).unwrap();
    let loaded = load_str(Path::new("draft.yaml"), &text).unwrap();
    assert_eq!(
        loaded.plan, derived.plan,
        "the YAML loads back as the same plan"
    );
    let checked = check_loaded(loaded);
    assert!(
        checked.report.diagnostics.is_empty(),
        "{:?}\n{text}",
        checked.report.diagnostics
    );
    let plan = checked.plan.expect("no errors");
    let engine = Engine::new(Templates::load(None).unwrap());
    let doc = engine
        .compose(&plan, ComposeOptions::default())
        .unwrap_or_else(|f| panic!("{:?}", f.diagnostics));
    let tree = dump(&doc);
    assert!(!tree.contains("[@"), "every citation is expanded");
    for format in [Format::Docx, Format::Html] {
        let bytes = engine.render(&doc, format).expect("renders");
        assert!(!bytes.is_empty());
    }
    tree
}

/// The parent is cited as the parent writes itself.
fn cites_parent_exactly(parent: &Plan, draft: &Plan) {
    assert_eq!(draft.van_ban.len(), 1);
    let c = &draft.van_ban[0];
    assert_eq!(Some(&c.so), parent.so.as_ref());
    assert_eq!(c.ky_hieu.value, parent.symbol());
    assert_eq!(c.ngay, parent.ngay);
    assert_eq!(c.co_quan.as_ref(), Some(&parent.co_quan.ten_goi));
    assert_eq!(
        c.trich_yeu.as_ref().unwrap().value,
        format!("về {}", kehoach::compose::lower_first(&parent.trich_yeu))
    );
    assert!(
        draft.so.is_none() && draft.ngay.is_none(),
        "number and date stay blank"
    );
}

// ---- The example pair ----

#[test]
fn the_example_province_plan_derives_a_clean_commune_draft() {
    let parent = plan_file("khanh-hoa-318-2025.yaml");
    let derived = derive(&parent, &unit_file("dien-khanh.yaml"));
    let tree = check_and_render(&derived);
    cites_parent_exactly(&parent, &derived.plan);
    assert!(tree.contains(
        "Thực hiện Kế hoạch số 318/KH-UBND ngày 20/10/2025 của UBND tỉnh Khánh Hòa về triển khai Đề án"
    ));
    assert!(tree.contains("UBND xã Diên Khánh xây dựng Kế hoạch triển khai Đề án"));
    assert!(derived
        .plan
        .trich_yeu
        .ends_with("trên địa bàn xã Diên Khánh"));

    // Every task whose cells name the commune level, by the wordings this plan uses.
    let wordings = [
        "UBND các xã, phường, đặc khu",
        "UBND cấp xã",
        "Ủy ban nhân dân các xã, phường",
        "Các địa phương",
    ];
    let expected: Vec<String> = positioned(&parent)
        .into_iter()
        .filter(|(_, t)| {
            let cells = format!(
                "{}; {}",
                t.chu_tri.as_deref().unwrap_or(""),
                t.phoi_hop.as_deref().unwrap_or("")
            );
            cells.split("; ").any(|n| wordings.contains(&n))
        })
        .map(|(pos, _)| pos)
        .collect();
    assert_eq!(expected.len(), 9);
    assert_eq!(sources(&derived.plan), expected);
    assert_eq!(derived.not_concerned.len(), 2);
    assert!(derived.unmapped.is_empty(), "{:?}", derived.unmapped);
    assert!(derived.unassigned.is_empty());

    // Deadlines and groups as the province wrote them.
    for t in tasks(&derived.plan) {
        let pos = t.nguon.as_ref().unwrap().vi_tri.value.clone();
        let (_, original) = positioned(&parent)
            .into_iter()
            .find(|(p, _)| *p == pos)
            .unwrap();
        assert_eq!(t.thoi_han, original.thoi_han);
        let g = parent.phu_luc[0]
            .nhom
            .iter()
            .position(|grp| grp.nhiem_vu.iter().any(|x| std::ptr::eq(x, original)))
            .unwrap();
        let group = &parent.phu_luc[0].nhom[g].ten;
        assert!(derived.plan.phu_luc[0]
            .nhom
            .iter()
            .any(|grp| &grp.ten == group && grp.nhiem_vu.iter().any(|x| x == t)));
    }
    // Department → the commune unit of its field; the commune's share led by its office.
    let lead = |p: &str| {
        tasks(&derived.plan)
            .into_iter()
            .find(|t| t.nguon.as_ref().unwrap().vi_tri == p)
            .unwrap()
            .chu_tri
            .clone()
            .unwrap()
            .value
    };
    assert_eq!(lead("II.1"), "Văn phòng HĐND và UBND");
    assert_eq!(lead("II.3"), "Phòng Kinh tế");
    assert_eq!(lead("III.2"), "Phòng Văn hóa - Xã hội");
    assert_eq!(lead("I.1"), "Công an xã");
    // The area in sentences.
    assert!(tasks(&derived.plan)
        .iter()
        .all(|t| !t.noi_dung.contains("trên địa bàn tỉnh")));
    // The body sentence "Giao UBND các xã, phường, đặc khu …" and the commune clause of
    // "Tổ chức thực hiện" are in the draft's body.
    assert!(tree.contains("Bố trí công chức tại Trung tâm Phục vụ hành chính công"));
    assert!(tree.contains("sử dụng dịch vụ công trực tuyến trên địa bàn xã."));
    assert!(tree.contains("Định kỳ hằng quý báo cáo kết quả thực hiện gửi Công an tỉnh"));
}

#[test]
fn the_committed_commune_plan_keeps_derives_appendix_and_checks_clean() {
    let parent = plan_file("khanh-hoa-318-2025.yaml");
    let derived = derive(&parent, &unit_file("dien-khanh.yaml"));
    let committed = plan_file("dien-khanh-2025.yaml");
    assert_eq!(committed.phu_luc, derived.plan.phu_luc);
    assert_eq!(committed.van_ban, derived.plan.van_ban);
    assert_eq!(committed.co_quan, derived.plan.co_quan);
    assert!(committed.so.is_some() && committed.ngay.is_some());
    for name in ["khanh-hoa-318-2025.yaml", "dien-khanh-2025.yaml"] {
        let path = root().join("plans").join(name);
        let text = std::fs::read_to_string(&path).unwrap();
        let checked = check_loaded(load_str(&path, &text).unwrap());
        assert!(
            checked.report.diagnostics.is_empty(),
            "{name}: {:?}",
            checked.report.diagnostics
        );
    }
}

#[test]
fn the_report_sees_the_commune_plan_as_inherited_from_its_province() {
    let parent = plan_file("khanh-hoa-318-2025.yaml");
    let unit = unit_file("dien-khanh.yaml");
    let report = compare(
        &plan_file("dien-khanh-2025.yaml"),
        Some(&parent),
        Some(&unit),
    );
    assert_eq!(report.rows.len(), 9);
    assert!(
        report.rows.iter().all(|r| r.status == Status::Inherited),
        "{:?}",
        report.rows
    );
    let dropped: Vec<(&str, DropReason)> = report
        .dropped
        .iter()
        .map(|d| (d.task.vi_tri.as_str(), d.reason))
        .collect();
    assert_eq!(
        dropped,
        [
            ("II.2", DropReason::NotForUnit),
            ("III.4", DropReason::NotForUnit)
        ]
    );
    assert!(report.late.is_empty());
}

// ---- Synthetic province plans: every wording, every place ----

const WORDINGS: &[&str] = &[
    "UBND các xã, phường",
    "UBND cấp xã",
    "UBND các xã, phường, đặc khu",
    "Các địa phương",
    "Ủy ban nhân dân các xã, phường",
    "Ủy ban nhân dân cấp xã",
    "UBND các phường, xã",
    "Chủ tịch UBND các xã, phường",
    "Ủy ban nhân dân xã, phường",
    "UBND phường, xã, đặc khu",
];

/// A province plan with the commune level written as `level` in: the lead of I.1, the
/// support of I.2 (lead a department), and the body (a "Giao …" item, a list of subjects
/// ending with the communes, and a clause of "Tổ chức thực hiện"); I.3 is the
/// province's own and a body item only mentions the communes as an object. With `custom`, the appendix keeps assignees and deadlines in
/// columns of its own, found by their headers.
fn synthetic(level: &str, custom: bool) -> String {
    let (lead, support, deadline, cot) = if custom {
        (
            "co_quan_th",
            "don_vi_ph",
            "tien_do",
            r#"
    cot:
      - { khoa: stt }
      - { khoa: noi_dung, ten: "Nhiệm vụ" }
      - { khoa: co_quan_th, ten: "Cơ quan thực hiện" }
      - { khoa: don_vi_ph, ten: "Đơn vị phối hợp" }
      - { khoa: tien_do, ten: "Thời gian thực hiện" }"#,
        )
    } else {
        ("chu_tri", "phoi_hop", "thoi_han", "")
    };
    let cell = |key: &str, value: &str| {
        if custom {
            format!("them: {{ {key}: \"{value}\" }}")
        } else {
            format!("{key}: \"{value}\"")
        }
    };
    let task = |content: &str, l: &str, s: &str, d: &str| {
        if custom {
            format!(
                "          - noi_dung: {content}\n            them: {{ {lead}: \"{l}\", {support}: \"{s}\", {deadline}: \"{d}\" }}\n"
            )
        } else {
            format!(
                "          - noi_dung: {content}\n            {}\n            {}\n            {}\n",
                cell(lead, l),
                cell(support, s),
                cell(deadline, d)
            )
        }
    };
    let mut tasks = String::new();
    tasks += &task(
        "Rà soát hồ sơ đất đai trên địa bàn tỉnh",
        level,
        "Sở Nông nghiệp và Môi trường",
        "Trước ngày 31/3/2026",
    );
    tasks += &task(
        "Tập huấn nghiệp vụ y tế cơ sở",
        "Sở Y tế",
        level,
        "Năm 2026",
    );
    tasks += &task(
        "Tổng hợp báo cáo của tỉnh",
        "Văn phòng UBND tỉnh",
        "Sở Nội vụ",
        "Tháng 12/2026",
    );
    format!(
        r#"loai: ke-hoach
co_quan:
  ten: ["ỦY BAN NHÂN DÂN", "TỈNH TUYÊN QUANG"]
  ten_goi: UBND tỉnh Tuyên Quang
  viet_tat: UBND
so: "77"
ngay: "2025-09-10"
dia_danh: Tuyên Quang
trich_yeu: Thực hiện công tác chuyển đổi số năm 2026 trên địa bàn tỉnh Tuyên Quang
noi_dung:
  - muc: MỤC ĐÍCH, YÊU CẦU
    noi_dung:
      - Bảo đảm các nhiệm vụ được triển khai đồng bộ.
  - muc: NHIỆM VỤ
    noi_dung:
      - (Các nhiệm vụ cụ thể tại Phụ lục kèm theo)
      - Giao {level} kiểm tra việc niêm yết thủ tục hành chính trên địa bàn tỉnh.
      - Sở Khoa học và Công nghệ hướng dẫn {level} triển khai nền tảng số.
      - Các sở, ban, ngành, {level} định kỳ rà soát dữ liệu số.
  - muc: TỔ CHỨC THỰC HIỆN
    noi_dung:
      - khoan: Sở Tài chính
        noi_dung:
          - gach: Bố trí kinh phí.
      - khoan: "{level}"
        noi_dung:
          - gach: Báo cáo kết quả trước ngày 15/12/2026.
ky:
  thay_mat: ỦY BAN NHÂN DÂN
  hinh_thuc: kt
  thu_truong: CHỦ TỊCH
  chuc_vu: PHÓ CHỦ TỊCH
  ho_ten: Lê Văn Bình
noi_nhan: [Các sở, ban, ngành]
luu:
  noi_luu: [VT]
phu_luc:
  - ten: Nhiệm vụ chuyển đổi số năm 2026{cot}
    nhom:
      - ten: Nhiệm vụ chung
        nhiem_vu:
{tasks}"#
    )
}

#[test]
fn every_wording_of_the_commune_level_is_taken_from_appendix_and_body() {
    let unit = fresh_unit("xã Thượng Lâm, tỉnh Tuyên Quang");
    for custom in [false, true] {
        for level in WORDINGS {
            let parent = plan_text(&synthetic(level, custom));
            let derived = derive(&parent, &unit);
            let what = format!("{level:?} (custom columns: {custom})");
            assert_eq!(sources(&derived.plan), ["I.1", "I.2"], "{what}");
            assert_eq!(derived.not_concerned.len(), 1, "{what}");
            assert!(
                derived.unmapped.is_empty(),
                "{what}: {:?}",
                derived.unmapped
            );
            let t = tasks(&derived.plan);
            // The commune leads its share; the department's field unit supports it.
            assert_eq!(
                t[0].chu_tri.as_deref(),
                Some("Văn phòng HĐND và UBND"),
                "{what}"
            );
            assert_eq!(t[0].phoi_hop.as_deref(), Some("Phòng Kinh tế"), "{what}");
            assert_eq!(t[0].noi_dung.value, "Rà soát hồ sơ đất đai trên địa bàn xã");
            assert_eq!(
                t[0].thoi_han.as_deref(),
                Some("Trước ngày 31/3/2026"),
                "{what}"
            );
            // A department leads, the communes support: its field unit leads here.
            assert_eq!(
                t[1].chu_tri.as_deref(),
                Some("Phòng Văn hóa - Xã hội"),
                "{what}"
            );
            assert_eq!(t[1].thoi_han.as_deref(), Some("Năm 2026"), "{what}");
            // Custom columns become the standard ones under the parent's headers.
            if custom {
                let cot = &derived.plan.phu_luc[0].cot;
                let keys: Vec<&str> = cot.iter().map(|c| c.khoa.as_str()).collect();
                assert_eq!(keys, ["stt", "noi_dung", "chu_tri", "phoi_hop", "thoi_han"]);
                assert_eq!(cot[2].title(), "Cơ quan thực hiện");
                assert!(t.iter().all(|t| t.them.is_empty()));
            }
            let tree = check_and_render(&derived);
            cites_parent_exactly(&parent, &derived.plan);
            // The report reads the parent's columns as derive did.
            let report = compare(&derived.plan, Some(&parent), Some(&unit));
            assert!(
                report.rows.iter().all(|r| r.status == Status::Inherited),
                "{what}: {:?}",
                report.rows
            );
            assert_eq!(report.dropped.len(), 1, "{what}");
            assert_eq!(report.dropped[0].reason, DropReason::NotForUnit, "{what}");
            // The body: "Giao … kiểm tra …" and the commune clause, adapted; not the
            // sentence where the communes are the object.
            assert!(
                tree.contains("Kiểm tra việc niêm yết thủ tục hành chính trên địa bàn xã."),
                "{what}\n{tree}"
            );
            assert!(
                tree.contains("Báo cáo kết quả trước ngày 15/12/2026."),
                "{what}"
            );
            assert!(!tree.contains("triển khai nền tảng số"), "{what}");
            // A list of subjects that ends with the communes.
            assert!(tree.contains("Định kỳ rà soát dữ liệu số."), "{what}");
        }
    }
}

#[test]
fn a_ward_and_a_special_zone_get_their_economy_unit() {
    for (name, economy) in [
        (
            "phường Ninh Hòa, tỉnh Khánh Hòa",
            "Phòng Kinh tế, Hạ tầng và Đô thị",
        ),
        ("đặc khu Côn Đảo", "Phòng Kinh tế, Hạ tầng và Đô thị"),
    ] {
        let unit = fresh_unit(name);
        let parent = plan_text(&synthetic("UBND các xã, phường, đặc khu", false));
        let derived = derive(&parent, &unit);
        let t = tasks(&derived.plan);
        assert_eq!(t[0].phoi_hop.as_deref(), Some(economy), "{name}");
        assert!(derived.plan.don_vi.iter().any(|u| u.value == economy));
    }
}

// ---- kehoach unit new ----

fn kehoach(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_kehoach"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn unit_new_writes_a_unit_file_from_the_registry_once() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let (code, _, err) = kehoach(
        d,
        &["unit", "new", "xa thuong lam, tuyen quang", "-o", "x.yaml"],
    );
    assert_eq!(code, 0, "{err}");
    let text = std::fs::read_to_string(d.join("x.yaml")).unwrap();
    let unit = Unit::load_str(Path::new("x.yaml"), &text).unwrap();
    assert_eq!(unit.ten_goi.value, "UBND xã Thượng Lâm");
    assert_eq!(
        unit.ten.iter().map(|t| t.as_str()).collect::<Vec<_>>(),
        ["ỦY BAN NHÂN DÂN", "XÃ THƯỢNG LÂM"]
    );
    assert_eq!(unit.dia_danh.value, "Thượng Lâm");
    assert_eq!(unit.tinh.as_deref(), Some("tỉnh Tuyên Quang"));
    assert_eq!(unit.cap, kehoach::derive::Level::Xa);
    // Signer, recipients and own units are left for the clerk, with comments.
    assert!(unit.ky.ho_ten.is_empty() && unit.noi_nhan.is_empty() && unit.don_vi.is_empty());
    assert!(text.contains("# don_vi:") && text.contains("Nghị định 150/2025/NĐ-CP"));

    // No overwrite without --force; the file is untouched.
    std::fs::write(d.join("x.yaml"), "edited").unwrap();
    let (code, _, err) = kehoach(d, &["unit", "new", "xã Thượng Lâm", "-o", "x.yaml"]);
    assert_eq!(code, 2);
    assert!(err.contains("--force"), "{err}");
    assert_eq!(std::fs::read_to_string(d.join("x.yaml")).unwrap(), "edited");
    let (code, _, _) = kehoach(
        d,
        &["unit", "new", "xã Thượng Lâm", "-o", "x.yaml", "--force"],
    );
    assert_eq!(code, 0);
    assert_ne!(std::fs::read_to_string(d.join("x.yaml")).unwrap(), "edited");
}

#[test]
fn unit_new_lists_candidates_for_no_match_and_several() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let (code, out, err) = kehoach(d, &["unit", "new", "xã Thượng Lân", "-o", "y.yaml"]);
    assert_eq!(code, 1);
    assert!(out.is_empty());
    assert!(err.contains("không có đơn vị"), "{err}");
    assert!(err.contains("xã Thượng Lâm, tỉnh Tuyên Quang"), "{err}");
    assert!(!d.join("y.yaml").exists());

    // A ward merged away: where it went.
    let (code, _, err) = kehoach(d, &["unit", "new", "phường Ninh Hiệp, tỉnh Khánh Hòa"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("nay thuộc: phường Ninh Hòa, tỉnh Khánh Hòa"),
        "{err}"
    );

    let (code, _, err) = kehoach(d, &["unit", "new", "xã Bình Minh"]);
    assert_eq!(code, 1);
    assert!(err.contains("xã Bình Minh, tỉnh Ninh Bình"), "{err}");
    assert!(err.contains("xã Bình Minh, tỉnh Đồng Nai"), "{err}");
    assert!(err.contains("ghi thêm tỉnh"), "{err}");
}

#[test]
fn derive_warns_when_the_parent_is_another_provinces_plan() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let (code, _, err) = kehoach(d, &["unit", "new", "xã Thượng Lâm", "-o", "u.yaml"]);
    assert_eq!(code, 0, "{err}");
    let parent = root().join("plans/khanh-hoa-318-2025.yaml");
    let (_, _, err) = kehoach(
        d,
        &[
            "derive",
            parent.to_str().unwrap(),
            "--unit",
            "u.yaml",
            "-o",
            "d.yaml",
        ],
    );
    assert!(
        err.contains(
            "kế hoạch cấp trên là của tỉnh Khánh Hòa, nhưng u.yaml thuộc tỉnh Tuyên Quang"
        ),
        "{err}"
    );
    // A name of the parent the unit file does not map is named, in the clerk's words.
    assert!(
        err.contains("`Công an tỉnh` (I.1 chủ trì, III.1 phối hợp, IV.1 phối hợp) không có tên tương ứng trong u.yaml (anh_xa)"),
        "{err}"
    );
    // Its own province's plan: no such warning.
    let (_, _, err) = kehoach(d, &["unit", "new", "xã Diên Khánh", "-o", "v.yaml"]);
    let (_, _, err2) = kehoach(
        d,
        &[
            "derive",
            parent.to_str().unwrap(),
            "--unit",
            "v.yaml",
            "-o",
            "e.yaml",
        ],
    );
    assert!(!err2.contains("kế hoạch cấp trên là của"), "{err}{err2}");
}
