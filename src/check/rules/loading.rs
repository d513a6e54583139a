//! Loading rules: emitted by `load.rs` (which owns them), listed here so the rule table
//! is complete. The ids must match the strings `load.rs` uses; a test checks that every
//! code a fixture produces is in the table.

use super::clause;
use crate::check::RuleInfo;
use crate::diag::Severity::{Error, Warning};

pub const READ: RuleInfo = RuleInfo {
    id: "KH-LOAD-READ",
    severity: Error,
    clause: None,
    summary: "không đọc được tệp kế hoạch",
};
pub const TOO_LARGE: RuleInfo = RuleInfo {
    id: "KH-LOAD-TOO-LARGE",
    severity: Error,
    clause: None,
    summary: "tệp kế hoạch lớn hơn giới hạn (8 MiB)",
};
pub const NOT_UTF8: RuleInfo = RuleInfo {
    id: "KH-LOAD-NOT-UTF8",
    severity: Error,
    clause: None,
    summary: "tệp không phải văn bản UTF-8",
};
pub const YAML: RuleInfo = RuleInfo {
    id: "KH-LOAD-YAML",
    severity: Error,
    clause: None,
    summary: "lỗi cú pháp YAML",
};
pub const UNKNOWN_KEY: RuleInfo = RuleInfo {
    id: "KH-LOAD-UNKNOWN-KEY",
    severity: Error,
    clause: None,
    summary: "khóa không có trong mẫu kế hoạch (kèm gợi ý khóa gần nhất)",
};
pub const WRONG_TYPE: RuleInfo = RuleInfo {
    id: "KH-LOAD-WRONG-TYPE",
    severity: Error,
    clause: None,
    summary: "giá trị sai kiểu (danh sách ở chỗ cần văn bản, giá trị không có trong danh mục …)",
};
pub const MISSING_KEY: RuleInfo = RuleInfo {
    id: "KH-LOAD-MISSING-KEY",
    severity: Error,
    clause: None,
    summary: "thiếu một khóa bắt buộc",
};
pub const DUPLICATE_KEY: RuleInfo = RuleInfo {
    id: "KH-LOAD-DUPLICATE-KEY",
    severity: Error,
    clause: None,
    summary: "một khóa được ghi hai lần trong cùng một nhóm",
};
pub const LIMIT: RuleInfo = RuleInfo {
    id: "KH-LOAD-LIMIT",
    severity: Error,
    clause: None,
    summary: "lồng nhau hoặc bí danh (alias) vượt giới hạn khi đọc tệp",
};
pub const NOT_NFC: RuleInfo = RuleInfo {
    id: "KH-TEXT-NOT-NFC",
    severity: Warning,
    clause: Some(clause::NFC),
    summary: "văn bản ở dạng Unicode tổ hợp (NFD); được chuẩn hóa sang NFC khi đọc",
};
