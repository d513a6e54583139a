//! Document types: the administrative types of Decree 30 Phụ lục III (with their
//! abbreviations, which make up the symbol) and the legal types a plan may cite.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Tên loại văn bản. Administrative types carry the abbreviation of Phụ lục III, Mục I.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum DocKind {
    NghiQuyet,
    QuyetDinh,
    ChiThi,
    QuyChe,
    QuyDinh,
    ThongCao,
    ThongBao,
    HuongDan,
    ChuongTrinh,
    #[default]
    KeHoach,
    PhuongAn,
    DeAn,
    DuAn,
    BaoCao,
    BienBan,
    ToTrinh,
    HopDong,
    CongDien,
    BanGhiNho,
    BanThoaThuan,
    GiayUyQuyen,
    GiayMoi,
    GiayGioiThieu,
    GiayNghiPhep,
    PhieuGui,
    PhieuChuyen,
    PhieuBao,
    CongVan,
    // Legal documents that plans cite (their symbols carry the year: 30/2020/NĐ-CP).
    Luat,
    NghiDinh,
    ThongTu,
    ThongTuLienTich,
}

impl DocKind {
    /// Every type, administrative first (Phụ lục III order), then the legal ones.
    pub const ALL: [DocKind; 32] = {
        use DocKind::*;
        [
            NghiQuyet,
            QuyetDinh,
            ChiThi,
            QuyChe,
            QuyDinh,
            ThongCao,
            ThongBao,
            HuongDan,
            ChuongTrinh,
            KeHoach,
            PhuongAn,
            DeAn,
            DuAn,
            BaoCao,
            BienBan,
            ToTrinh,
            HopDong,
            CongDien,
            BanGhiNho,
            BanThoaThuan,
            GiayUyQuyen,
            GiayMoi,
            GiayGioiThieu,
            GiayNghiPhep,
            PhieuGui,
            PhieuChuyen,
            PhieuBao,
            CongVan,
            Luat,
            NghiDinh,
            ThongTu,
            ThongTuLienTich,
        ]
    };

    /// The type name as written inside a sentence ("Kế hoạch số …").
    pub fn name(self) -> &'static str {
        use DocKind::*;
        match self {
            NghiQuyet => "Nghị quyết",
            QuyetDinh => "Quyết định",
            ChiThi => "Chỉ thị",
            QuyChe => "Quy chế",
            QuyDinh => "Quy định",
            ThongCao => "Thông cáo",
            ThongBao => "Thông báo",
            HuongDan => "Hướng dẫn",
            ChuongTrinh => "Chương trình",
            KeHoach => "Kế hoạch",
            PhuongAn => "Phương án",
            DeAn => "Đề án",
            DuAn => "Dự án",
            BaoCao => "Báo cáo",
            BienBan => "Biên bản",
            ToTrinh => "Tờ trình",
            HopDong => "Hợp đồng",
            CongDien => "Công điện",
            BanGhiNho => "Bản ghi nhớ",
            BanThoaThuan => "Bản thỏa thuận",
            GiayUyQuyen => "Giấy ủy quyền",
            GiayMoi => "Giấy mời",
            GiayGioiThieu => "Giấy giới thiệu",
            GiayNghiPhep => "Giấy nghỉ phép",
            PhieuGui => "Phiếu gửi",
            PhieuChuyen => "Phiếu chuyển",
            PhieuBao => "Phiếu báo",
            CongVan => "Công văn",
            Luat => "Luật",
            NghiDinh => "Nghị định",
            ThongTu => "Thông tư",
            ThongTuLienTich => "Thông tư liên tịch",
        }
    }

    /// The type name as the title line prints it ("KẾ HOẠCH").
    pub fn title(self) -> String {
        self.name().to_uppercase()
    }

    /// Abbreviation for the symbol (Phụ lục III, Mục I). `None` for công văn (whose
    /// symbol has no type part) and for legal documents (their symbols are given whole).
    pub fn abbreviation(self) -> Option<&'static str> {
        use DocKind::*;
        Some(match self {
            NghiQuyet => "NQ",
            QuyetDinh => "QĐ",
            ChiThi => "CT",
            QuyChe => "QC",
            QuyDinh => "QyĐ",
            ThongCao => "TC",
            ThongBao => "TB",
            HuongDan => "HD",
            ChuongTrinh => "CTr",
            KeHoach => "KH",
            PhuongAn => "PA",
            DeAn => "ĐA",
            DuAn => "DA",
            BaoCao => "BC",
            BienBan => "BB",
            ToTrinh => "TTr",
            HopDong => "HĐ",
            CongDien => "CĐ",
            BanGhiNho => "BGN",
            BanThoaThuan => "BTT",
            GiayUyQuyen => "GUQ",
            GiayMoi => "GM",
            GiayGioiThieu => "GGT",
            GiayNghiPhep => "GNP",
            PhieuGui => "PG",
            PhieuChuyen => "PC",
            PhieuBao => "PB",
            CongVan | Luat | NghiDinh | ThongTu | ThongTuLienTich => return None,
        })
    }

    /// The YAML spelling (`ke-hoach`), used in messages and file names.
    pub fn key(self) -> String {
        serde_json::to_value(self)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default()
    }

    /// Whether the type is a legal (normative) document, whose symbol carries a year.
    pub(crate) fn is_legal(self) -> bool {
        matches!(
            self,
            DocKind::Luat | DocKind::NghiDinh | DocKind::ThongTu | DocKind::ThongTuLienTich
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn abbreviations_follow_phu_luc_iii() {
        assert_eq!(DocKind::KeHoach.abbreviation(), Some("KH"));
        assert_eq!(DocKind::QuyDinh.abbreviation(), Some("QyĐ"));
        assert_eq!(DocKind::BanGhiNho.abbreviation(), Some("BGN"));
        assert_eq!(DocKind::CongVan.abbreviation(), None);
        assert_eq!(DocKind::KeHoach.key(), "ke-hoach");
        assert_eq!(DocKind::KeHoach.title(), "KẾ HOẠCH");
    }
}
