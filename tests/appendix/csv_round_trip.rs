//! `kehoach appendix export|import`.

use super::util::{kehoach, plan, stderr};

#[test]
fn unchanged_csv_leaves_the_plan_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    for name in ["ninh-ha-114-2021.yaml", "ninh-hoa-2325-2021.yaml"] {
        let original = std::fs::read(plan(name)).unwrap();
        std::fs::write(d.join(name), &original).unwrap();
        let out = kehoach(d, &["appendix", "export", name, "--csv", "bang.csv"]);
        assert!(out.status.success(), "{}", stderr(&out));
        let csv = std::fs::read(d.join("bang.csv")).unwrap();
        assert!(csv.starts_with("\u{feff}Phụ lục,Nhóm,Mã,".as_bytes()));
        let out = kehoach(d, &["appendix", "import", name, "--csv", "bang.csv"]);
        assert!(out.status.success(), "{}", stderr(&out));
        assert_eq!(std::fs::read(d.join(name)).unwrap(), original);
    }
}

#[test]
fn edited_rows_go_back_in_place_and_a_reverse_edit_restores_the_plan() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let original = std::fs::read_to_string(plan("ninh-ha-114-2021.yaml")).unwrap();
    std::fs::write(d.join("kh.yaml"), &original).unwrap();
    assert!(
        kehoach(d, &["appendix", "export", "kh.yaml", "--csv", "a.csv"])
            .status
            .success()
    );
    let csv = std::fs::read_to_string(d.join("a.csv")).unwrap();
    let mut lines: Vec<&str> = csv.split("\r\n").collect();
    let new_row = "1,Xây dựng và ban hành các văn bản chỉ đạo triển khai,,Nhiệm vụ thêm từ Excel,Công chức VP-TK,,,Quý III năm 2021";
    lines.insert(2, new_row);
    std::fs::write(d.join("b.csv"), lines.join("\r\n")).unwrap();
    let out = kehoach(d, &["appendix", "import", "kh.yaml", "--csv", "b.csv"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        std::fs::read_to_string(d.join("kh.yaml.bak")).unwrap(),
        original
    );

    let edited = std::fs::read_to_string(d.join("kh.yaml")).unwrap();
    assert!(edited.contains("          - noi_dung: Nhiệm vụ thêm từ Excel\n"));
    // Everything before the task list is untouched, comments included.
    let head = &original[..original.find("    nhom:").unwrap()];
    assert!(edited.starts_with(head));
    let plan_of = |text: &str| {
        kehoach::load::load_str(std::path::Path::new("x.yaml"), text)
            .unwrap()
            .plan
    };
    let (before, after) = (plan_of(&original), plan_of(&edited));
    assert_eq!(after.phu_luc[0].nhom[0].nhiem_vu.len(), 2);
    assert_eq!(after.noi_dung, before.noi_dung);

    // Back again: export, drop the new row, import — the same plan as at first.
    assert!(
        kehoach(d, &["appendix", "export", "kh.yaml", "--csv", "c.csv"])
            .status
            .success()
    );
    let csv = std::fs::read_to_string(d.join("c.csv")).unwrap();
    let kept: Vec<&str> = csv
        .split("\r\n")
        .filter(|l| !l.contains("Nhiệm vụ thêm từ Excel"))
        .collect();
    std::fs::write(d.join("d.csv"), kept.join("\r\n")).unwrap();
    assert!(
        kehoach(d, &["appendix", "import", "kh.yaml", "--csv", "d.csv"])
            .status
            .success()
    );
    assert_eq!(
        plan_of(&std::fs::read_to_string(d.join("kh.yaml")).unwrap()),
        before
    );
}

#[test]
fn bad_rows_are_reported_by_line_and_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let original = std::fs::read(plan("ninh-ha-114-2021.yaml")).unwrap();
    std::fs::write(d.join("kh.yaml"), &original).unwrap();
    std::fs::write(
        d.join("bad.csv"),
        "Phụ lục,Nhóm,Mã,Nội dung/Nhiệm vụ\n1,Nhóm mới,,Việc tốt\n2,Nhóm mới,,Việc\n1,Nhóm mới,7.7.7,Việc\n",
    )
    .unwrap();
    let out = kehoach(d, &["appendix", "import", "kh.yaml", "--csv", "bad.csv"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("bad.csv:3: lỗi:") && err.contains("bad.csv:4: lỗi:"),
        "{err}"
    );
    assert!(!err.contains("bad.csv:2:"));
    assert_eq!(std::fs::read(d.join("kh.yaml")).unwrap(), original);
    assert!(!d.join("kh.yaml.bak").exists());
}
