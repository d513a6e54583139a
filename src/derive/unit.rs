//! The unit file: who issues the derived plan, described once and reused for every plan
//! the unit derives (its name lines, signer, recipients, officials, and how the parent's
//! assignees translate into its own).
//!
//! Keys follow the plan's (Vietnamese without diacritics); `ky` and `luu` have exactly
//! the plan's shape, so a clerk can copy them from a plan.

use std::collections::BTreeMap;
use std::path::Path;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

use crate::diag::{Diagnostic, FileReport, Source};
use crate::plan::{Archive, Column, Loc, Signature, Text};

use super::assignees::normalize;

/// Một đơn vị (xã, phường, huyện…) tự xây dựng kế hoạch thực hiện kế hoạch cấp trên.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Unit {
    /// Cấp của đơn vị: `xa`, `phuong`, `dac-khu`, `thi-tran`, `huyen`, `quan`, `thi-xa`, `thanh-pho`, `tinh`.
    pub cap: Level,
    /// Tỉnh, thành phố trực thuộc trung ương của đơn vị (cấp trên trực tiếp từ 01/7/2025),
    /// ví dụ `tỉnh Khánh Hòa`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tinh: Option<String>,
    /// Tên cơ quan chủ quản, mỗi dòng như in, ví dụ `UBND THỊ XÃ NINH HÒA`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub chu_quan: Vec<Text>,
    /// Tên cơ quan ban hành, mỗi dòng như in: `ỦY BAN NHÂN DÂN`, `PHƯỜNG NINH HÀ`.
    pub ten: Vec<Text>,
    /// Tên gọi trong câu văn, ví dụ `UBND phường Ninh Hà`.
    pub ten_goi: Text,
    /// Chữ viết tắt trong ký hiệu văn bản, ví dụ `UBND`.
    pub viet_tat: Text,
    /// Địa danh ghi trên văn bản, ví dụ `Ninh Hà`.
    pub dia_danh: Text,
    /// Địa bàn trong trích yếu ("… trên địa bàn phường Ninh Hà"). Mặc định: `ten_goi` bỏ chữ "UBND".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dia_ban: Option<String>,
    /// Người ký thường lệ (giống khóa `ky` của kế hoạch).
    pub ky: Signature,
    /// Nơi nhận thường lệ; cơ quan cấp trên "(để báo cáo)" được thêm tự động.
    #[serde(default)]
    pub noi_nhan: Vec<Text>,
    /// Dòng "Lưu" (giống khóa `luu` của kế hoạch).
    #[serde(default)]
    pub luu: Archive,
    /// Các đơn vị, công chức của đơn vị (tên ghi trong bảng phụ lục).
    #[serde(default)]
    pub don_vi: Vec<OwnUnit>,
    /// Đơn vị (công chức) tham mưu chung việc thực hiện kế hoạch; mặc định: đơn vị đầu tiên của `don_vi`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dau_moi: Option<String>,
    /// Cách văn bản cấp trên gọi đơn vị và các đơn vị cùng cấp, ví dụ `UBND các xã, phường`.
    /// Nhiệm vụ giao cho một trong các tên này là nhiệm vụ của đơn vị. Bỏ trống: theo `cap`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cap_tren_goi: Vec<String>,
    /// Đơn vị ở văn bản cấp trên → đơn vị (công chức) của mình, ví dụ
    /// `Phòng Nội vụ: Công chức VP-TK`. Danh sách rỗng `[]`: không có ai tương ứng (bỏ qua, không cảnh báo).
    #[serde(default)]
    pub anh_xa: BTreeMap<String, Targets>,
    /// Các cột bảng phụ lục (mặc định: như văn bản cấp trên), ví dụ để ghi "Công chức chủ trì".
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cot: Vec<Column>,
}

/// Cấp hành chính.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Level {
    #[default]
    Xa,
    Phuong,
    /// Đặc khu (cấp xã, từ 01/7/2025).
    DacKhu,
    ThiTran,
    Huyen,
    Quan,
    ThiXa,
    ThanhPho,
    Tinh,
}

/// Một đơn vị, công chức của đơn vị.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OwnUnit {
    /// Tên ghi trong bảng phụ lục, ví dụ `Công chức VP-TK`.
    pub ten: String,
    /// Tên đầy đủ cho mục "Tổ chức thực hiện", ví dụ `Công chức Văn phòng - thống kê phường`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ten_day_du: Option<String>,
}

/// One own assignee or several (`Phòng Nội vụ: Công chức VP-TK` or a list).
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum Targets {
    One(String),
    Many(Vec<String>),
}

impl Targets {
    pub fn names(&self) -> &[String] {
        match self {
            Targets::One(s) => std::slice::from_ref(s),
            Targets::Many(v) => v,
        }
    }
}

impl Level {
    /// How a parent usually addresses all units of this level in an assignee cell.
    fn default_names(self) -> &'static [&'static str] {
        match self {
            Level::Xa | Level::Phuong | Level::DacKhu | Level::ThiTran => &[
                "UBND các xã, phường",
                "UBND các xã, phường, thị trấn",
                "UBND các xã, thị trấn",
                "UBND các phường, xã",
                "UBND cấp xã",
                "UBND các xã",
                "UBND các phường",
            ],
            Level::Huyen | Level::Quan | Level::ThiXa | Level::ThanhPho => &[
                "UBND các huyện, thị xã, thành phố",
                "UBND các huyện, thị xã",
                "UBND các quận, huyện",
                "UBND cấp huyện",
            ],
            Level::Tinh => &[
                "UBND các tỉnh, thành phố trực thuộc Trung ương",
                "UBND cấp tỉnh",
            ],
        }
    }
}

impl Level {
    /// Commune level: xã, phường, đặc khu, thị trấn.
    pub(crate) fn is_commune(self) -> bool {
        matches!(
            self,
            Level::Xa | Level::Phuong | Level::DacKhu | Level::ThiTran
        )
    }

    /// The type word before the unit's name: "xã", "phường", "đặc khu" …
    pub fn word(self) -> &'static str {
        match self {
            Level::Xa => "xã",
            Level::Phuong => "phường",
            Level::DacKhu => "đặc khu",
            Level::ThiTran => "thị trấn",
            Level::Huyen => "huyện",
            Level::Quan => "quận",
            Level::ThiXa => "thị xã",
            Level::ThanhPho => "thành phố",
            Level::Tinh => "tỉnh",
        }
    }
}

impl Unit {
    /// The unit as derive uses it: a commune-level unit without `don_vi` gets the
    /// specialised units every commune has since 1 July 2025 (Nghị định 150/2025/NĐ-CP),
    /// see [`super::commune::default_units`].
    pub fn effective(&self) -> Unit {
        let mut unit = self.clone();
        if unit.don_vi.is_empty() && unit.cap.is_commune() {
            unit.don_vi = super::commune::default_units(unit.cap);
        }
        unit
    }

    /// Whether a parent's assignee name means this unit: one of `level_names`, or, for
    /// a commune-level unit, any of the ways plans name all communes ("UBND các xã,
    /// phường, đặc khu", "Ủy ban nhân dân cấp xã", "các địa phương" …).
    pub(crate) fn is_level_name(&self, name: &str) -> bool {
        let n = normalize(name);
        self.level_names().iter().any(|l| normalize(l) == n)
            || (self.cap.is_commune() && super::commune::is_commune_level(&n))
    }

    /// The names by which a parent assigns a task to this unit: `cap_tren_goi` (or the
    /// level's usual names) and the unit's own `ten_goi`.
    pub(crate) fn level_names(&self) -> Vec<String> {
        let mut names: Vec<String> = if self.cap_tren_goi.is_empty() {
            self.cap
                .default_names()
                .iter()
                .map(|s| s.to_string())
                .collect()
        } else {
            self.cap_tren_goi.clone()
        };
        names.push(self.ten_goi.value.clone());
        names
    }

    /// The area phrase of titles: `dia_ban`, or `ten_goi` without its "UBND".
    pub fn area(&self) -> String {
        self.dia_ban
            .clone()
            .unwrap_or_else(|| area_of(&self.ten_goi))
    }

    /// The own unit that advises on the whole plan.
    pub fn focal(&self) -> Option<&OwnUnit> {
        match &self.dau_moi {
            Some(name) => self
                .don_vi
                .iter()
                .find(|u| normalize(&u.ten) == normalize(name)),
            None => self.don_vi.first(),
        }
    }

    /// The mapping of a parent assignee, matched without regard to case and spacing:
    /// `anh_xa`, or for a commune-level unit the own unit covering a province
    /// department's field ("Sở Y tế" → "Phòng Văn hóa - Xã hội") when `don_vi` has it.
    pub fn mapping(&self, parent_name: &str) -> Option<Targets> {
        // The exact key first (a map lookup); the folded comparison only when it misses.
        if let Some(v) = self.anh_xa.get(parent_name) {
            return Some(v.clone());
        }
        let key = normalize(parent_name);
        if let Some((_, v)) = self.anh_xa.iter().find(|(k, _)| normalize(k) == key) {
            return Some(v.clone());
        }
        if !self.cap.is_commune() {
            return None;
        }
        let target = super::commune::field_unit(self.cap, parent_name)?;
        self.don_vi
            .iter()
            .find(|u| normalize(&u.ten) == normalize(&target))
            .map(|u| Targets::One(u.ten.clone()))
    }

    /// What makes this unit file unusable, as messages (empty when it is fine).
    pub fn problems(&self) -> Vec<String> {
        // Sets, not list scans: 100 000 mappings were 10^10 comparisons (defect 6).
        let mut out = Vec::new();
        let mut own = std::collections::HashSet::new();
        for u in &self.don_vi {
            if !own.insert(normalize(&u.ten)) {
                out.push(crate::msg!("derive.unit_twice", name = u.ten));
            }
        }
        let mut keys = std::collections::HashSet::new();
        for (key, targets) in self.anh_xa.iter() {
            if !keys.insert(normalize(key)) {
                out.push(crate::msg!("derive.mapping_twice", key = key));
            }
            for target in targets.names() {
                if !own.contains(&normalize(target)) {
                    out.push(crate::msg!(
                        "derive.mapping_unknown",
                        key = key,
                        target = target
                    ));
                }
            }
        }
        if let Some(name) = &self.dau_moi {
            if !own.contains(&normalize(name)) {
                out.push(crate::msg!("derive.contact_unknown", name = name));
            }
        }
        if self.ten.is_empty() {
            out.push(crate::msg!("derive.unit_no_name"));
        }
        out
    }

    /// Reads a unit file: UTF-8, NFC, strict YAML like plan files.
    pub fn load_file(path: &Path) -> Result<Unit, FileReport> {
        let text = crate::files::read_bounded(path, crate::load::MAX_PLAN_BYTES as u64)
            .map_err(|e| e.to_string())
            .and_then(|b| String::from_utf8(b).map_err(|_| crate::msg!("derive.unit_not_utf8")))
            .map_err(|message| FileReport {
                source: Source::new(path, ""),
                diagnostics: vec![Diagnostic::error("KH-UNIT-READ", Loc::UNKNOWN, message)],
            })?;
        Unit::load_str(path, &text)
    }

    pub fn load_str(path: &Path, text: &str) -> Result<Unit, FileReport> {
        let text: String = text.trim_start_matches('\u{feff}').nfc().collect();
        let options = serde_saphyr::options! {
            strict_booleans: true,
            leading_zero_numbers_as_strings: true,
            with_snippet: false,
        };
        serde_saphyr::from_str_with_options::<Unit>(&text, options).map_err(|e| {
            // The plan loader's reading of the parser's message, in the catalogue's
            // language; the help points at the unit file's keys.
            let source = Source::new(path, text.clone());
            let d = crate::load::yaml_error(&e, &source);
            let help = match d.help {
                Some(h) => format!("{h}; {}", crate::msg!("derive.unit_keys")),
                None => crate::msg!("derive.unit_keys"),
            };
            FileReport {
                source,
                diagnostics: vec![Diagnostic::error("KH-UNIT-YAML", d.at, d.message).help(help)],
            }
        })
    }
}

/// "UBND thị xã Ninh Hòa" → "thị xã Ninh Hòa": the area an issuer's name covers.
pub fn area_of(ten_goi: &str) -> String {
    let t = ten_goi.trim();
    for prefix in [
        "UBND ",
        "Ủy ban nhân dân ",
        "Uỷ ban nhân dân ",
        "ỦY BAN NHÂN DÂN ",
    ] {
        if let Some(rest) = t.strip_prefix(prefix) {
            return rest.trim().to_owned();
        }
    }
    t.to_owned()
}

/// The JSON Schema of unit files (for editors).
pub fn json_schema() -> String {
    let generator = schemars::generate::SchemaSettings::draft07().into_generator();
    let schema = generator.into_root_schema_for::<Unit>();
    serde_json::to_string_pretty(&schema).unwrap_or_default()
}

#[cfg(test)]
mod scale_tests {
    use super::*;

    /// Defect 6: checking a unit file is linear in its mappings (it was quadratic: 100 000
    /// mappings stalled `derive`). 20 000 keeps the debug-build test short.
    #[test]
    fn twenty_thousand_mappings_are_checked_at_once() {
        let _vi = crate::i18n::tests_support::Lang::set("vi");
        let mut unit = Unit::default();
        for i in 0..20_000 {
            let name = format!("Công chức {i}");
            unit.don_vi.push(OwnUnit {
                ten: name.clone(),
                ten_day_du: None,
            });
            unit.anh_xa.insert(format!("Phòng {i}"), Targets::One(name));
        }
        unit.don_vi.push(OwnUnit {
            ten: "công  chức 7".into(),
            ten_day_du: None,
        });
        let began = std::time::Instant::now();
        let problems = unit.problems();
        assert!(
            began.elapsed() < std::time::Duration::from_secs(5),
            "{:?}",
            began.elapsed()
        );
        assert!(
            problems.iter().any(|p| p.contains("được ghi hai lần")),
            "{problems:?}"
        );
        assert!(unit.mapping("Phòng 19999").is_some());
        assert!(unit.mapping("phòng  5").is_some());
    }

    /// What is wrong with a unit file is said in Vietnamese (issue 17), parser
    /// messages included, and in English on request.
    #[test]
    fn unit_file_problems_are_said_in_the_catalogues_language() {
        let _vi = crate::i18n::tests_support::Lang::set("vi");
        let unit = Unit {
            dau_moi: Some("Văn phòng".into()),
            ..Unit::default()
        };
        let problems = unit.problems().join("\n");
        assert!(
            problems.contains("dau_moi: “Văn phòng” không có trong don_vi"),
            "{problems}"
        );
        assert!(
            problems.contains("ghi các dòng tên cơ quan ban hành"),
            "{problems}"
        );
        let bad = Unit::load_str(Path::new("u.yaml"), "ten: [UBND]\nkhoa_la: 1\n").unwrap_err();
        let d = &bad.diagnostics[0];
        assert_eq!(d.code, "KH-UNIT-YAML");
        assert!(d.message.contains("khoa_la"), "{}", d.message);
        assert!(!d.message.contains("unknown field"), "{}", d.message);
        let help = d.help.as_deref().unwrap_or_default();
        assert!(help.contains("tệp đơn vị"), "{help}");
        let _en = crate::i18n::tests_support::Lang::set("en");
        assert!(unit.problems().join("\n").contains("is not in don_vi"));
    }
}
