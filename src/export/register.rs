//! The outgoing-document register (sổ đăng ký văn bản đi) in the layout of Decree 30
//! Phụ lục IV: ten columns, one row per document in date and number order.
//!
//! A register belongs to one issuing body and one year (numbers restart every year at
//! every body), so the archive holds one per issuer and year, in volumes (quyển) of at
//! most a hundred documents. It is built as an ordinary
//! [`Document`] with a grid table and rendered by the same DOCX and HTML renderers as
//! the plans, so it gets their page set-up, fonts and repeating header row.

use crate::compose::lower_first;
use crate::document::{
    Block, Cell, Document, Meta, Para, Part, PartKind, Role, Row, RowKind, Table, TableKind,
};
use crate::numbering::PlanDate;

use super::manifest::Record;

/// Phụ lục IV's columns with their relative widths (landscape A4): wide enough that
/// "114/KH-UBND", "07/7/2021" and the column titles do not break inside a word.
const COLUMNS: [(&str, f32); 10] = [
    ("Số, ký hiệu văn bản", 1.7),
    ("Ngày tháng văn bản", 1.4),
    ("Tên loại và trích yếu nội dung văn bản", 3.2),
    ("Người ký", 1.4),
    ("Nơi nhận văn bản", 2.4),
    ("Đơn vị, người nhận bản lưu", 1.2),
    ("Số lượng bản", 1.0),
    ("Ngày chuyển", 1.0),
    ("Ký nhận", 0.9),
    ("Ghi chú", 0.9),
];

/// Volume `volume` of the register of one issuer for one year; `records` are already in
/// register order.
pub fn register(records: &[Record], volume: usize) -> Document {
    let first = records.first();
    let year = first.map(|r| r.year).unwrap_or_default();
    let issuer = first.map(|r| r.issuer.clone()).unwrap_or_default();
    let organ = first
        .map(|r| r.metadata.organ_name.clone())
        .unwrap_or_default();
    let mut rows = vec![Row {
        kind: RowKind::Header,
        cells: COLUMNS
            .iter()
            .map(|(title, _)| Cell::new(vec![Para::text(Role::TableHead, *title)]))
            .collect(),
        change: None,
    }];
    rows.extend(records.iter().map(row));
    let span = match (records.first(), records.last()) {
        (Some(a), Some(b)) => format!(
            "(Từ ngày {} đến ngày {}; gồm {} văn bản)",
            short_date(&a.metadata.issued_date),
            short_date(&b.metadata.issued_date),
            records.len()
        ),
        _ => "(Không có văn bản)".to_owned(),
    };
    let blocks = vec![
        Block::Para(Para::text(Role::Agency, organ.to_uppercase())),
        Block::Para(Para::text(Role::KindTitle, "SỔ ĐĂNG KÝ VĂN BẢN ĐI")),
        Block::Para(Para::text(
            Role::Summary,
            format!("Năm {year} – Quyển số {volume}"),
        )),
        Block::Para(Para::text(Role::AppendixRef, span)),
        Block::Table(Table {
            kind: TableKind::Grid,
            columns: COLUMNS.iter().map(|(_, w)| *w).collect(),
            rows,
        }),
    ];
    let title = format!("Sổ đăng ký văn bản đi năm {year}, quyển số {volume}");
    Document {
        meta: Meta {
            subject: format!("{title} của {issuer}"),
            title,
            author: issuer.clone(),
            keywords: vec!["Sổ đăng ký văn bản đi".to_owned(), issuer, year.to_string()],
            language: "vi-VN".to_owned(),
            // The last document's date: fixed timestamps, so the bytes are reproducible.
            date: records.last().map(|r| r.metadata.issued_date.clone()),
        },
        parts: vec![Part {
            kind: PartKind::Main,
            landscape: true,
            blocks,
        }],
        ..Default::default()
    }
}

fn row(r: &Record) -> Row {
    let m = &r.metadata;
    let text = |role: Role, s: String| Cell::new(vec![Para::text(role, s)]);
    let recipients = if m.to.is_empty() {
        vec![Para::text(Role::TableText, "")]
    } else {
        m.to.iter()
            .map(|t| Para::text(Role::TableText, t.clone()))
            .collect()
    };
    let opt = |n: Option<u32>| n.map(|n| n.to_string()).unwrap_or_default();
    Row {
        kind: RowKind::Task,
        cells: vec![
            text(
                Role::TableCenter,
                format!("{}/{}", m.code_number, m.code_notation),
            ),
            text(Role::TableCenter, short_date(&m.issued_date)),
            text(
                Role::TableText,
                format!("{} {}", m.type_name, lower_first(&m.subject)),
            ),
            text(Role::TableText, m.signer_info.full_name.clone()),
            Cell::new(recipients),
            text(Role::TableCenter, r.archive_copies.clone()),
            text(Role::TableCenter, opt(m.issued_amount)),
            text(Role::TableCenter, String::new()),
            text(Role::TableCenter, String::new()),
            text(Role::TableText, m.description.clone()),
        ],
        change: None,
    }
}

fn short_date(iso: &str) -> String {
    PlanDate::parse(iso)
        .map(PlanDate::short)
        .unwrap_or_else(|_| iso.to_owned())
}
