//! The sample plan: every role, both table kinds, rules, changes and hostile text.

use crate::document::{
    Block, Cell, Change, ChangeKind, Document, Meta, Para, Part, PartKind, Role, Row, RowKind,
    RuleLength, Run, Table, TableKind,
};

pub(super) const HOSTILE: &str = "<script>alert(1)</script> & {{ x }} ]]>";

pub(super) fn p(role: Role, text: &str) -> Para {
    Para::text(role, text)
}

fn change(kind: ChangeKind) -> Change {
    Change {
        kind,
        author: "Văn phòng \"UBND\"".into(),
        date: "2021-07-07T00:00:00Z".into(),
    }
}

fn layout_row(left: Vec<Para>, right: Vec<Para>) -> Block {
    Block::Table(Table {
        kind: TableKind::Layout,
        columns: vec![0.42, 0.58],
        rows: vec![Row {
            kind: RowKind::Layout,
            cells: vec![Cell::new(left), Cell::new(right)],
            change: None,
        }],
    })
}

fn task(n: &str, text: &str, row_change: Option<Change>) -> Row {
    Row {
        kind: RowKind::Task,
        cells: vec![
            Cell::new(vec![p(Role::TableNumber, n)]),
            Cell::new(vec![p(Role::TableText, text)]),
            Cell::new(vec![p(Role::TableText, "Bộ phận một cửa")]),
            Cell::new(vec![p(Role::TableCenter, "Quý III/2021")]),
        ],
        change: row_change,
    }
}

/// A small plan with every role, both table kinds, rules, changes and hostile text.
pub(super) fn sample() -> Document {
    let header = layout_row(
        vec![
            p(Role::ParentAgency, "UBND THỊ XÃ NINH HÒA"),
            p(Role::Agency, "ỦY BAN NHÂN DÂN\nPHƯỜNG NINH HÀ").with_rule(RuleLength::Fraction(0.4)),
            p(Role::Number, "Số: 114/KH-UBND"),
        ],
        vec![
            p(Role::NationalTitle, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
            p(Role::Motto, "Độc lập - Tự do - Hạnh phúc").with_rule(RuleLength::TextWidth),
            p(Role::PlaceDate, "Ninh Hà, ngày 07 tháng 7 năm 2021"),
        ],
    );
    let mixed = Para::new(
        Role::Item,
        vec![
            Run::plain("- Chữ thường, "),
            Run {
                text: "đậm".into(),
                bold: true,
                ..Run::default()
            },
            Run {
                text: "nghiêng".into(),
                italic: true,
                ..Run::default()
            },
            Run::plain(HOSTILE),
            Run {
                text: "thêm mới".into(),
                change: Some(change(ChangeKind::Inserted)),
                ..Run::default()
            },
            Run {
                text: "bỏ đi".into(),
                change: Some(change(ChangeKind::Deleted)),
                ..Run::default()
            },
            Run::plain(" 😀 \u{200F}عربي\u{200E};"),
        ],
    );
    let mut inserted_para = p(Role::Body, "Đoạn văn được thêm vào.");
    inserted_para.change = Some(change(ChangeKind::Inserted));
    let signature = layout_row(
        vec![
            p(Role::RecipientsLabel, "Nơi nhận:"),
            p(Role::Recipient, "- UBND thị xã Ninh Hòa;"),
            p(Role::Recipient, "- Lưu: VT."),
        ],
        vec![
            p(Role::Authority, "TM. ỦY BAN NHÂN DÂN"),
            p(Role::Authority, "CHỦ TỊCH"),
            p(Role::SignerName, "Trần Văn Chính"),
        ],
    );
    let main = Part {
        kind: PartKind::Main,
        landscape: false,
        blocks: vec![
            Block::Para(p(Role::ESignature, "Số: 114/KH-UBND; 07/7/2021; 09:00:00")),
            header,
            Block::Para(p(Role::KindTitle, "KẾ HOẠCH")),
            Block::Para(
                p(Role::Summary, "Triển khai Đề án đổi mới cơ chế một cửa")
                    .with_rule(RuleLength::Fraction(1.0 / 3.0)),
            ),
            Block::Para(p(Role::Basis, "Căn cứ Kế hoạch số 2325/KH-UBND;")),
            Block::Para(p(Role::Body, "Thực hiện Kế hoạch số 2325/KH-UBND.")),
            Block::Para(p(Role::Heading1, "I. MỤC ĐÍCH, YÊU CẦU")),
            Block::Para(p(Role::Heading2, "1. Mục đích")),
            Block::Para(p(Role::Heading3, "a) Điểm a")),
            Block::Para(mixed),
            Block::Para(inserted_para),
            signature,
        ],
    };
    let grid = Table {
        kind: TableKind::Grid,
        columns: vec![0.6, 4.0, 2.5, 1.5],
        rows: vec![
            Row {
                kind: RowKind::Header,
                cells: ["TT", "Nội dung", "Chủ trì", "Thời gian"]
                    .iter()
                    .map(|t| Cell::new(vec![p(Role::TableHead, t)]))
                    .collect(),
                change: None,
            },
            Row {
                kind: RowKind::Group,
                cells: vec![
                    Cell::new(vec![p(Role::TableGroup, "I")]),
                    Cell::new(vec![p(Role::TableGroup, "Mã hồ sơ")]).spanning(3),
                ],
                change: None,
            },
            task("1", "Hồ sơ TTHC được đánh mã", None),
            task("2", "Nhiệm vụ đã bỏ", Some(change(ChangeKind::Deleted))),
        ],
    };
    let appendix = Part {
        kind: PartKind::Appendix,
        landscape: true,
        blocks: vec![
            Block::Para(p(Role::AppendixNumber, "Phụ lục")),
            Block::Para(p(Role::AppendixTitle, "BẢNG PHÂN CÔNG NHIỆM VỤ")),
            Block::Para(
                p(Role::AppendixRef, "(Kèm theo Kế hoạch số 114/KH-UBND)")
                    .with_rule(RuleLength::Millimetres(30.0)),
            ),
            Block::Table(grid),
        ],
    };
    Document {
        meta: Meta {
            title: format!("Triển khai Đề án {HOSTILE}"),
            subject: "Kế hoạch số 114/KH-UBND".into(),
            author: "UBND phường Ninh Hà".into(),
            keywords: vec!["kế hoạch".into(), "một cửa".into()],
            language: "vi-VN".into(),
            date: Some("2021-07-07".into()),
        },
        parts: vec![main, appendix],
        ..Default::default()
    }
}
