//! The example plans under `plans/` load with the schema, and the ward plan says what the
//! reference (shared/reference/ninh-ha-114-2021.txt) says.

use std::path::{Path, PathBuf};

use kehoach::plan::{Plan, Relation};

fn plans_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("plans")
}

fn load_text(text: &str) -> Result<Plan, serde_saphyr::Error> {
    serde_saphyr::from_str_with_options::<Plan>(
        text,
        serde_saphyr::options! {
            strict_booleans: true,
            leading_zero_numbers_as_strings: true,
        },
    )
}

fn load(name: &str) -> (String, Plan) {
    let path = plans_dir().join(name);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let plan = load_text(&text).unwrap_or_else(|e| panic!("{} does not load: {e}", path.display()));
    (text, plan)
}

/// The recipient lines as printed: "- X;" for each entry, then "- Lưu: VT, HT.".
fn recipient_lines(plan: &Plan) -> Vec<String> {
    let mut lines: Vec<String> = plan
        .noi_nhan
        .iter()
        .map(|r| format!("- {};", r.value))
        .collect();
    let places: Vec<&str> = plan.luu.noi_luu.iter().map(|p| p.as_str()).collect();
    lines.push(format!("- Lưu: {}.", places.join(", ")));
    lines
}

fn tasks_per_group(plan: &Plan) -> Vec<usize> {
    plan.phu_luc
        .iter()
        .flat_map(|a| a.nhom.iter().map(|g| g.nhiem_vu.len()))
        .collect()
}

#[test]
fn every_example_plan_loads() {
    let mut names: Vec<String> = std::fs::read_dir(plans_dir())
        .expect("plans/ exists")
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".yaml"))
        .collect();
    names.sort();
    assert!(
        names.len() >= 2,
        "expected the example plans, found {names:?}"
    );
    for name in &names {
        let (_, plan) = load(name);
        assert!(!plan.trich_yeu.is_empty(), "{name}: empty trích yếu");
        for (_, _, task) in plan.tasks() {
            assert!(!task.noi_dung.is_empty(), "{name}: a task without content");
        }
    }
}

#[test]
fn ninh_ha_114_matches_the_reference() {
    let (text, plan) = load("ninh-ha-114-2021.yaml");

    assert_eq!(plan.so.as_deref(), Some("114"));
    assert_eq!(plan.ngay.as_deref(), Some("2021-07-07"));
    assert_eq!(plan.dia_danh, "Ninh Hà");
    assert_eq!(plan.symbol(), "KH-UBND");
    assert_eq!(plan.co_quan.chu_quan, ["UBND THỊ XÃ NINH HÒA"]);
    assert_eq!(plan.co_quan.ten, ["ỦY BAN NHÂN DÂN", "PHƯỜNG NINH HÀ"]);
    assert_eq!(plan.ky.thay_mat.as_deref(), Some("ỦY BAN NHÂN DÂN"));
    assert_eq!(plan.ky.chuc_vu.as_deref(), Some("CHỦ TỊCH"));
    assert_eq!(plan.ky.hinh_thuc, None);
    assert_eq!(plan.ky.ho_ten, "Trần Văn Chính");

    // The basis is cited once, with the right number; the source's typo 2235 is gone.
    assert_eq!(plan.van_ban.len(), 1);
    let basis = &plan.van_ban[0];
    assert_eq!(basis.so, "2325");
    assert_eq!(basis.ky_hieu, "KH-UBND");
    assert_eq!(basis.ngay.as_deref(), Some("2021-06-25"));
    assert_eq!(basis.quan_he, Relation::ThucHien);
    assert_eq!(
        text.matches("2325").count(),
        1,
        "2325 is written once, in van_ban"
    );
    assert!(!text.contains("2235"), "the typo 2235 is not encoded");
    assert!(
        !text.contains("Kế Kế"),
        "the typo 'Kế Kế hoạch' is not encoded"
    );
    assert!(!text.contains("phụng"), "the typo 'phụng' is not encoded");
    assert!(text.contains(&format!("[@{}]", basis.id.value)));

    // Six recipients plus the "Lưu" line: seven lines, as printed in the reference.
    assert_eq!(
        recipient_lines(&plan),
        [
            "- UBND thị xã (VBĐT);",
            "- TT. Đảng ủy – TT. HĐND phường(VBĐT);",
            "- Chủ tịch, các PCT. UBND phường(VBĐT);",
            "- Công chức các ngành (VBĐT);",
            "- Bộ phận TN và TKQ(VBĐT);",
            "- Các cơ quan, tổ chức, đơn vị (VBĐT);",
            "- Lưu: VT, HT.",
        ]
    );

    // The body: four sections, numbered from position.
    assert_eq!(plan.noi_dung.len(), 4);

    assert_eq!(plan.phu_luc.len(), 1);
    let appendix = &plan.phu_luc[0];
    assert_eq!(appendix.nhom.len(), 9);
    assert_eq!(tasks_per_group(&plan), [1, 2, 9, 1, 1, 2, 4, 6, 2]);
    assert_eq!(plan.tasks().count(), 28);
    // Rows split across pages in the PDF are whole again; typos in cells are fixed.
    let product = |g: usize, t: usize| {
        appendix.nhom[g].nhiem_vu[t]
            .san_pham
            .as_ref()
            .map(|p| p.value.clone())
            .unwrap_or_default()
    };
    assert!(product(2, 0).ends_with(
        "đảm bảo việc kết nối chia sẻ dữ liệu trong giải quyết TTHC trên môi trường điện tử."
    ));
    assert!(product(2, 2).starts_with("Bộ phận một cửa phường triển khai quy trình số hóa"));
    assert!(product(5, 1).ends_with("đạt tối thiểu 95%"));
    assert!(appendix.nhom[2].nhiem_vu[8]
        .noi_dung
        .contains("luân chuyển trong nội bộ giữa các cơ quan"));
    assert_eq!(appendix.nhom[2].nhiem_vu[5].phoi_hop, None);
    let titles: Vec<String> = appendix.columns().iter().map(|c| c.title()).collect();
    assert_eq!(
        titles,
        [
            "STT",
            "Nội dung/Nhiệm vụ",
            "Công chức chủ trì",
            "Công chức phối hợp",
            "Sản phẩm, kết quả công việc",
            "Thời gian hoàn thành",
        ]
    );
}

#[test]
fn ninh_hoa_2325_is_a_parent_of_the_ward_plan() {
    let (_, town) = load("ninh-hoa-2325-2021.yaml");
    let (_, ward) = load("ninh-ha-114-2021.yaml");

    assert_eq!(town.so.as_deref(), Some("2325"));
    assert_eq!(town.ngay.as_deref(), Some("2021-06-25"));
    assert!(town.co_quan.chu_quan.is_empty());
    assert_eq!(town.co_quan.ten_goi, "UBND thị xã Ninh Hòa");
    assert_eq!(town.luu.noi_luu, ["VT", "NV"]);

    // What the ward cites is what the town plan is.
    let basis = &ward.van_ban[0];
    assert_eq!(basis.so.as_str(), town.so.as_deref().unwrap());
    assert_eq!(basis.ngay, town.ngay);
    assert_eq!(basis.co_quan.as_ref(), Some(&town.co_quan.ten_goi));

    // Same nine groups; the tasks handed down to the wards are the ward's 28.
    let town_groups: Vec<&str> = town.phu_luc[0]
        .nhom
        .iter()
        .map(|g| g.ten.as_str())
        .collect();
    let ward_groups: Vec<&str> = ward.phu_luc[0]
        .nhom
        .iter()
        .map(|g| g.ten.as_str())
        .collect();
    assert_eq!(town_groups, ward_groups);
    let for_wards: Vec<usize> = town.phu_luc[0]
        .nhom
        .iter()
        .map(|g| {
            g.nhiem_vu
                .iter()
                .filter(|t| {
                    [&t.chu_tri, &t.phoi_hop]
                        .into_iter()
                        .flatten()
                        .any(|u| u.contains("UBND các xã, phường"))
                })
                .count()
        })
        .collect();
    assert_eq!(for_wards, tasks_per_group(&ward));
    assert!(town.tasks().count() > ward.tasks().count());
}
