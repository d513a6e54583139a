//! The plan: the typed form of a plan's YAML file.
//!
//! Keys are Decree 30's Vietnamese terms without diacritics (`so`, `ngay`, `trich_yeu`,
//! `noi_nhan`, `phu_luc`, …); doc comments become the JSON Schema's descriptions, so they
//! speak to the clerk. Dates and numbers stay text (`"07"`, `"2021-07-07"`): `check`
//! and `compose` parse them, so a typo is a diagnostic, not a load failure.

mod appendix;
mod content;
mod kind;
mod text;

pub use appendix::{
    Appendix, Column, ColumnGroup, ColumnKey, Group, GroupRow, Orientation, Task, TaskNumbering,
    TaskSource,
};
pub use content::{Block, BlockFields, BlockKind};
pub use kind::DocKind;
pub use text::{Loc, Text};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Một văn bản (kế hoạch) của cơ quan: toàn bộ nội dung để dựng DOCX và HTML.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    /// Tên loại văn bản (Phụ lục III NĐ 30): `ke-hoach`, `quyet-dinh`, `bao-cao`, … Mặc định `ke-hoach`.
    #[serde(default)]
    pub loai: DocKind,
    /// Cơ quan ban hành và cơ quan chủ quản.
    pub co_quan: Issuer,
    /// Số văn bản (chỉ phần số, ví dụ `114`). Bỏ trống khi là dự thảo.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub so: Option<Text>,
    /// Ngày ban hành, dạng `YYYY-MM-DD`; dự thảo có thể ghi `YYYY-MM` hoặc `YYYY`, hoặc bỏ trống.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ngay: Option<Text>,
    /// Địa danh ghi trên văn bản, ví dụ `Ninh Hà`.
    pub dia_danh: Text,
    /// Trích yếu nội dung (in thường, không có "V/v").
    pub trich_yeu: Text,
    /// In trích yếu bằng chữ in hoa, như nhiều văn bản đã ký vẫn in (Nghị định 30 quy định
    /// chữ in thường; `check` nhắc điều này). Mặc định `false`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub trich_yeu_in_hoa: bool,
    /// Thời gian thực hiện kế hoạch (để kiểm tra thời hạn các nhiệm vụ).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thoi_gian: Option<Period>,
    /// Các văn bản được thực hiện hoặc làm căn cứ. Câu mở đầu được dựng từ đây;
    /// trong nội dung, viết `[@id]` để trích dẫn lại đúng số, ngày, cơ quan.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub van_ban: Vec<Citation>,
    /// Phần mở đầu, mỗi dòng một đoạn (viết sau `|` để có nhiều đoạn). Văn bản nào trong
    /// `van_ban` được trích dẫn ở đây bằng `[@id]` thì không được dựng thêm câu "Thực hiện …"
    /// hoặc "Căn cứ …" riêng. Bỏ trống: "<cơ quan> ban hành Kế hoạch … như sau:".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mo_dau: Option<Text>,
    /// Nội dung: mục (I.), khoản (1.), điểm (a)), gạch đầu dòng và đoạn văn.
    #[serde(default)]
    pub noi_dung: Vec<Block>,
    /// Câu kết thúc, mỗi dòng một đoạn (mặc định: "Trên đây là Kế hoạch …./."). Ghi `""` khi
    /// văn bản không có đoạn kết (dấu "./." đã ở cuối đoạn cuối của nội dung).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ket_thuc: Option<Text>,
    /// Danh sách đơn vị, cá nhân của kế hoạch (nếu có, `check` đối chiếu đơn vị chủ trì với danh sách này).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub don_vi: Vec<Text>,
    /// Quyền hạn, chức vụ và họ tên người ký.
    pub ky: Signature,
    /// Nơi nhận, mỗi mục một dòng (không ghi dấu "-" đầu dòng và ";" cuối dòng).
    #[serde(default)]
    pub noi_nhan: Vec<Text>,
    /// Dòng "Lưu: VT, …".
    #[serde(default)]
    pub luu: Archive,
    /// Chú thích (footnote): dấu chú thích như in trong câu (`[1]`) và nội dung. Dấu chú
    /// thích viết ngay trong câu văn; chỗ đầu tiên có dấu đó trở thành chú thích ở chân trang.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub chu_thich: Vec<Footnote>,
    /// Các phụ lục (bảng nhiệm vụ).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub phu_luc: Vec<Appendix>,
    /// Nguồn gốc của bản dự thảo khi được dựng bằng `kehoach derive`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nguon: Option<Provenance>,
    /// Chưa xếp: đoạn văn mà `kehoach import` không xếp được vào mục nào của kế hoạch
    /// (giữ nguyên văn để không mất nội dung). Không được in ra; hãy chuyển từng đoạn
    /// vào đúng chỗ rồi xóa khỏi danh sách này.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub chua_xep: Vec<Text>,
}

/// Cơ quan ban hành (ô số 2).
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Issuer {
    /// Tên cơ quan chủ quản trực tiếp, mỗi phần tử một dòng như in (chữ in hoa, không đậm). Có thể bỏ trống.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub chu_quan: Vec<Text>,
    /// Tên cơ quan ban hành, mỗi phần tử một dòng như in (chữ in hoa, đậm), ví dụ `ỦY BAN NHÂN DÂN`, `PHƯỜNG NINH HÀ`.
    pub ten: Vec<Text>,
    /// Tên gọi dùng trong câu văn, ví dụ `UBND phường Ninh Hà`.
    pub ten_goi: Text,
    /// Chữ viết tắt tên cơ quan trong ký hiệu văn bản, ví dụ `UBND` (→ `KH-UBND`).
    pub viet_tat: Text,
}

/// Một văn bản được trích dẫn (thực hiện hoặc căn cứ).
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Citation {
    /// Mã dùng để trích dẫn trong nội dung: `[@id]` (đầy đủ) hoặc `[@id:ngan]` (loại và số, ký hiệu).
    pub id: Text,
    /// Tên loại: `ke-hoach`, `quyet-dinh`, `nghi-dinh`, …
    pub loai: DocKind,
    /// Tên loại như in trong câu, khi khác tên chuẩn của `loai`
    /// (ví dụ `Chương trình hành động`, `Quy chế phối hợp`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ten_loai: Option<Text>,
    /// Số, ví dụ `2325`. Bỏ trống khi văn bản được nêu không kèm số.
    #[serde(default)]
    pub so: Text,
    /// Ký hiệu, ví dụ `KH-UBND`, `QĐ-TTg`, `2020/NĐ-CP`.
    #[serde(default)]
    pub ky_hieu: Text,
    /// Số và ký hiệu đúng như in, khi không ghép được từ `so` và `ky_hieu` theo dạng `số/ký hiệu`:
    /// văn bản của Đảng (`57-NQ/TW`, `14-KH/TU`), luật (`163/2024/QH15`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub so_ky_hieu: Option<Text>,
    /// Ngày ban hành `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ngay: Option<Text>,
    /// Ngày như in trong câu, khi khác dạng ngắn `25/6/2021`, ví dụ `04 tháng 11 năm 2025`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ngay_nhu_in: Option<Text>,
    /// Cơ quan ban hành như viết trong câu, ví dụ `UBND thị xã Ninh Hòa`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub co_quan: Option<Text>,
    /// Trích yếu như viết trong câu, bắt đầu bằng "về …" hoặc "phê duyệt …".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trich_yeu: Option<Text>,
    /// `thuc-hien` (câu "Thực hiện …", mặc định), `can-cu` (dòng "Căn cứ …;" in nghiêng) hoặc
    /// `trich-dan` (chỉ được nêu trong nội dung bằng `[@id]`, không dựng câu ở phần mở đầu).
    #[serde(default)]
    pub quan_he: Relation,
}

/// Quan hệ giữa kế hoạch và văn bản được trích dẫn.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Relation {
    #[default]
    ThucHien,
    CanCu,
    /// Cited in the text only: no sentence of its own in the opening.
    TrichDan,
}

/// Thời gian thực hiện kế hoạch, theo năm.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Period {
    /// Năm bắt đầu.
    pub tu: Text,
    /// Năm kết thúc.
    pub den: Text,
}

/// Chữ ký (ô số 7): quyền hạn, chức vụ, họ tên.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Signature {
    /// Tập thể mà người ký thay mặt (dòng "TM. …"), ví dụ `ỦY BAN NHÂN DÂN`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thay_mat: Option<Text>,
    /// Hình thức ký thay người đứng đầu: `kt` (ký thay), `q` (quyền), `tl` (thừa lệnh), `tuq` (thừa ủy quyền).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hinh_thuc: Option<SignMode>,
    /// Chức vụ người đứng đầu đứng sau KT./Q./TL./TUQ., ví dụ `CHỦ TỊCH`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thu_truong: Option<Text>,
    /// Chức vụ của người ký, ví dụ `CHỦ TỊCH`, `PHÓ CHỦ TỊCH` (bỏ trống khi ký "Q.").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chuc_vu: Option<Text>,
    /// Họ và tên người ký.
    pub ho_ten: Text,
}

/// KT. / Q. / TL. / TUQ.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum SignMode {
    Kt,
    Q,
    Tl,
    Tuq,
}

impl SignMode {
    pub fn prefix(self) -> &'static str {
        match self {
            SignMode::Kt => "KT.",
            SignMode::Q => "Q.",
            SignMode::Tl => "TL.",
            SignMode::Tuq => "TUQ.",
        }
    }
}

/// Dòng "Lưu" cuối nơi nhận, và ký hiệu người soạn thảo (ô số 12).
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Archive {
    /// Nơi lưu, mặc định `[VT]` (văn thư) và đơn vị soạn thảo, ví dụ `[VT, HT]`.
    #[serde(default = "Archive::default_places")]
    pub noi_luu: Vec<Text>,
    /// Số bản lưu, nếu cần.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub so_ban: Option<Text>,
    /// Ký hiệu người soạn thảo (ô 12), ví dụ `PL`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nguoi_soan: Option<Text>,
    /// Số lượng bản phát hành (ô 12), ví dụ `300`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub so_ban_phat_hanh: Option<Text>,
}

impl Archive {
    fn default_places() -> Vec<Text> {
        vec![Text::new("VT")]
    }
}

impl Default for Archive {
    fn default() -> Archive {
        Archive {
            noi_luu: Archive::default_places(),
            so_ban: None,
            nguoi_soan: None,
            so_ban_phat_hanh: None,
        }
    }
}

/// Một chú thích ở chân trang.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Footnote {
    /// Dấu chú thích như in trong câu, ví dụ `[1]`.
    pub so: Text,
    /// Nội dung chú thích.
    pub noi_dung: Text,
}

/// Where a derived plan came from (`kehoach derive`).
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Provenance {
    /// Id (`van_ban[].id`) của văn bản cấp trên mà bản dự thảo này được dựng từ đó.
    pub van_ban: Text,
    /// Đường dẫn tệp YAML của văn bản cấp trên, nếu có.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tep: Option<Text>,
}

impl Plan {
    /// The symbol of this document: `KH-UBND`.
    pub fn symbol(&self) -> String {
        match self.loai.abbreviation() {
            Some(kind) => format!("{kind}-{}", self.co_quan.viet_tat.value),
            None => self.co_quan.viet_tat.value.clone(),
        }
    }

    pub fn citation(&self, id: &str) -> Option<&Citation> {
        self.van_ban.iter().find(|c| c.id.value == id)
    }

    /// All tasks of all appendices, with their appendix and group index.
    pub fn tasks(&self) -> impl Iterator<Item = (usize, usize, &Task)> {
        self.phu_luc.iter().enumerate().flat_map(|(a, app)| {
            app.nhom
                .iter()
                .enumerate()
                .flat_map(move |(g, group)| group.nhiem_vu.iter().map(move |t| (a, g, t)))
        })
    }
}

/// The JSON Schema of plan files (draft-07, the widest editor support).
pub fn json_schema() -> String {
    let generator = schemars::generate::SchemaSettings::draft07().into_generator();
    let schema = generator.into_root_schema_for::<Plan>();
    serde_json::to_string_pretty(&schema).unwrap_or_default()
}
