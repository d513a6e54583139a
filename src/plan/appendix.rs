//! Appendices (phụ lục): task tables grouped by theme.
//!
//! Group numbers (I, II …) and task numbers (1, 2 … within each group) are never
//! stored: they come from the order of the data, so inserting or deleting a task can
//! never leave a gap or a duplicate.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::Text;

/// Một phụ lục.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Appendix {
    /// Tên phụ lục (in hoa khi trình bày), ví dụ `Nhiệm vụ triển khai thực hiện Đề án …`.
    pub ten: Text,
    /// Các cột của bảng, theo thứ tự. Bỏ trống: STT, Nội dung/Nhiệm vụ, Đơn vị chủ trì,
    /// Đơn vị phối hợp, Sản phẩm, Thời gian hoàn thành.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cot: Vec<Column>,
    /// Khổ giấy: `ngang` hoặc `doc`. Bỏ trống: ngang khi bảng có từ 5 cột trở lên.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub huong: Option<Orientation>,
    /// Các nhóm nhiệm vụ (I, II, …). Bảng không chia nhóm: một nhóm không có `ten`.
    #[serde(default)]
    pub nhom: Vec<Group>,
    /// Cách in dòng nhóm: `so-rieng` (số La Mã ở cột STT, tên nhóm ở ô bên cạnh; mặc định),
    /// `mot-o` (một ô gộp cả dòng: "I. TÊN NHÓM"), `cot-noi-dung` ("I. TÊN NHÓM" ở cột nội dung).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hang_nhom: Option<GroupRow>,
    /// Đánh số nhiệm vụ: `theo-nhom` (lại từ 1 trong mỗi nhóm; mặc định) hoặc `lien-tuc`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub danh_so: Option<TaskNumbering>,
    /// Dòng "(Kèm theo …)" khi văn bản viết khác mẫu mặc định. Các chỗ `{so}`, `{ky_hieu}`,
    /// `{ngay}` (ngày dạng 01/12/2025), `{ngay_dai}` (dạng 01 tháng 12 năm 2025) được thay
    /// bằng số, ký hiệu, ngày của văn bản (để trống khi là dự thảo), ví dụ
    /// `(Ban hành kèm theo Kế hoạch số {so}/{ky_hieu} ngày {ngay} của Ủy ban nhân dân tỉnh)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kem_theo: Option<Text>,
    /// Tiêu đề nhóm cột của bảng có hai dòng tiêu đề.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cot_nhom: Vec<ColumnGroup>,
    /// Dòng tổng cộng cuối bảng.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hang_tong: Option<Task>,
    /// Ghi chú in dưới bảng.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ghi_chu: Vec<super::Block>,
    /// In dấu "./." sau bảng (mặc định có, theo Mẫu 2.1 Nghị định 30).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dau_ket_thuc: Option<bool>,
}

/// How a group row is laid out.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum GroupRow {
    /// Số La Mã ở cột STT, tên nhóm ở ô gộp các cột còn lại.
    #[default]
    SoRieng,
    /// Một ô gộp cả dòng: "I. TÊN NHÓM".
    MotO,
    /// Cột STT để trống, "I. TÊN NHÓM" ở cột nội dung.
    CotNoiDung,
}

/// How task rows are numbered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum TaskNumbering {
    /// Lại từ 1 trong mỗi nhóm.
    #[default]
    TheoNhom,
    /// Nối tiếp qua các nhóm.
    LienTuc,
}

/// A heading over several columns (two-row table header).
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ColumnGroup {
    /// Tiêu đề chung.
    pub ten: Text,
    /// Cột đầu và cột cuối được gộp (đếm từ 1, cột STT là cột 1).
    pub tu: usize,
    pub den: usize,
}

/// Hướng trang.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Orientation {
    Ngang,
    Doc,
}

/// Một cột của bảng phụ lục.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Column {
    /// Khóa của cột: `stt`, `noi_dung`, `chu_tri`, `phoi_hop`, `san_pham`, `thoi_han`,
    /// hoặc một khóa riêng lấy giá trị từ `them` của nhiệm vụ.
    pub khoa: Text,
    /// Tiêu đề cột (mặc định theo khóa).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ten: Option<Text>,
    /// Độ rộng tương đối (mặc định theo khóa).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rong: Option<f32>,
}

/// The standard columns of a task table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColumnKey {
    Number,
    Content,
    Lead,
    Support,
    Product,
    Deadline,
}

impl ColumnKey {
    pub const ALL: [ColumnKey; 6] = [
        ColumnKey::Number,
        ColumnKey::Content,
        ColumnKey::Lead,
        ColumnKey::Support,
        ColumnKey::Product,
        ColumnKey::Deadline,
    ];

    pub fn key(self) -> &'static str {
        match self {
            ColumnKey::Number => "stt",
            ColumnKey::Content => "noi_dung",
            ColumnKey::Lead => "chu_tri",
            ColumnKey::Support => "phoi_hop",
            ColumnKey::Product => "san_pham",
            ColumnKey::Deadline => "thoi_han",
        }
    }

    pub fn from_key(key: &str) -> Option<ColumnKey> {
        ColumnKey::ALL.into_iter().find(|c| c.key() == key)
    }

    pub(crate) fn default_title(self) -> &'static str {
        match self {
            ColumnKey::Number => "STT",
            ColumnKey::Content => "Nội dung/Nhiệm vụ",
            ColumnKey::Lead => "Đơn vị chủ trì",
            ColumnKey::Support => "Đơn vị phối hợp",
            ColumnKey::Product => "Sản phẩm, kết quả công việc",
            ColumnKey::Deadline => "Thời gian hoàn thành",
        }
    }

    /// Relative widths that fit landscape A4 with the content column widest.
    pub(crate) fn default_width(self) -> f32 {
        match self {
            ColumnKey::Number => 0.6,
            ColumnKey::Content => 4.0,
            ColumnKey::Lead => 1.8,
            ColumnKey::Support => 1.8,
            ColumnKey::Product => 2.4,
            ColumnKey::Deadline => 1.6,
        }
    }
}

/// Một nhóm nhiệm vụ (dòng I, II, … của bảng).
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Group {
    /// Tên nhóm. Bỏ trống: không in dòng nhóm (bảng không chia nhóm).
    #[serde(default)]
    pub ten: Text,
    /// Số nhóm như in (`I`, `I.`, `1`), khi không để kehoach tự đánh số La Mã.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub so: Option<Text>,
    /// Nội dung các ô còn lại của dòng nhóm (theo thứ tự cột, sau cột nội dung), ví dụ điểm chuẩn.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub o: Vec<Text>,
    /// Các nhiệm vụ trong nhóm (đánh số 1, 2, … trong từng nhóm).
    #[serde(default)]
    pub nhiem_vu: Vec<Task>,
}

/// Một nhiệm vụ (một dòng của bảng).
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Task {
    /// Số thứ tự như in, khi không để kehoach tự đánh số (ví dụ `1a`, `*`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tt: Option<Text>,
    /// Nội dung/nhiệm vụ.
    #[serde(default)]
    pub noi_dung: Text,
    /// Đơn vị (công chức) chủ trì.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chu_tri: Option<Text>,
    /// Đơn vị (công chức) phối hợp.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phoi_hop: Option<Text>,
    /// Sản phẩm, kết quả công việc.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub san_pham: Option<Text>,
    /// Thời gian hoàn thành, ví dụ `Trước ngày 10/7/2021`, `Thường xuyên`, `Năm 2023-2025`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thoi_han: Option<Text>,
    /// Giá trị của các cột riêng (khóa → nội dung).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub them: BTreeMap<String, Text>,
    /// Các cột (khóa) có ô gộp với ô của dòng trên (ô gộp theo chiều dọc).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub gop_tren: Vec<String>,
    /// Các dải cột gộp ngang trong dòng này: `[khóa đầu, khóa cuối]`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub gop_ngang: Vec<[String; 2]>,
    /// Nhiệm vụ này lấy từ văn bản cấp trên nào (do `kehoach derive` ghi).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nguon: Option<TaskSource>,
}

impl Task {
    /// The cell text of a column key (standard or extra).
    pub fn cell(&self, key: &str) -> Option<&Text> {
        match ColumnKey::from_key(key) {
            Some(ColumnKey::Number) => None,
            Some(ColumnKey::Content) => Some(&self.noi_dung),
            Some(ColumnKey::Lead) => self.chu_tri.as_ref(),
            Some(ColumnKey::Support) => self.phoi_hop.as_ref(),
            Some(ColumnKey::Product) => self.san_pham.as_ref(),
            Some(ColumnKey::Deadline) => self.thoi_han.as_ref(),
            None => self.them.get(key),
        }
    }

    /// The cells this row must fill in a table of `columns`: content, lead and deadline,
    /// where the table has the column and no merge across the row covers it. Rows printed
    /// across the table ("I. …", "……") and tables of something other than tasks (no
    /// content column) ask for none. `check`, and the CSV and Excel appendix imports, ask
    /// the same of a row.
    pub fn required_cells<'c>(&self, columns: &'c [Column]) -> Vec<(ColumnKey, &'c Column)> {
        columns
            .iter()
            .filter_map(|c| Some((ColumnKey::from_key(&c.khoa)?, c)))
            .filter(|(k, c)| {
                matches!(
                    k,
                    ColumnKey::Content | ColumnKey::Lead | ColumnKey::Deadline
                ) && !self.spanned_over(&c.khoa, columns)
            })
            .collect()
    }

    /// Whether column `key` has no cell of its own in this row: a horizontal merge
    /// (`gop_ngang`) spans it from a column before it, whose cell holds the text.
    fn spanned_over(&self, key: &str, columns: &[Column]) -> bool {
        let index = |k: &str| columns.iter().position(|c| c.khoa.value == k);
        let Some(i) = index(key) else {
            return false;
        };
        self.gop_ngang
            .iter()
            .any(|[a, b]| index(a).is_some_and(|a| a < i) && index(b).is_some_and(|b| i <= b))
    }
}

/// Nguồn của một nhiệm vụ được kế thừa từ văn bản cấp trên.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TaskSource {
    /// Số, ký hiệu văn bản cấp trên, ví dụ `2325/KH-UBND`.
    pub van_ban: Text,
    /// Vị trí trong phụ lục của văn bản cấp trên, ví dụ `II.3` (nhóm II, nhiệm vụ 3).
    pub vi_tri: Text,
    /// Thời hạn ở văn bản cấp trên.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thoi_han: Option<Text>,
    /// Đơn vị chủ trì ở văn bản cấp trên.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chu_tri: Option<Text>,
    /// Nội dung ở văn bản cấp trên (để biết đã sửa gì).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub noi_dung: Option<Text>,
}

impl Appendix {
    /// The table's columns: the plan's own list, or the six standard ones.
    pub fn columns(&self) -> Vec<Column> {
        if !self.cot.is_empty() {
            return self.cot.clone();
        }
        ColumnKey::ALL
            .into_iter()
            .map(|k| Column {
                khoa: Text::new(k.key()),
                ten: None,
                rong: None,
            })
            .collect()
    }

    pub fn is_landscape(&self) -> bool {
        match self.huong {
            Some(Orientation::Ngang) => true,
            Some(Orientation::Doc) => false,
            None => self.columns().len() >= 5,
        }
    }
}

impl Column {
    pub fn title(&self) -> String {
        match (&self.ten, ColumnKey::from_key(&self.khoa)) {
            (Some(t), _) => t.value.clone(),
            (None, Some(k)) => k.default_title().to_owned(),
            (None, None) => self.khoa.value.clone(),
        }
    }

    pub fn width(&self) -> f32 {
        self.rong.unwrap_or_else(|| {
            ColumnKey::from_key(&self.khoa)
                .map(ColumnKey::default_width)
                .unwrap_or(1.8)
        })
    }
}
