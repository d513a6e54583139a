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
    summary: "the plan file cannot be read",
};
pub const TOO_LARGE: RuleInfo = RuleInfo {
    id: "KH-LOAD-TOO-LARGE",
    severity: Error,
    clause: None,
    summary: "the plan file is over the size limit (8 MiB)",
};
pub const NOT_UTF8: RuleInfo = RuleInfo {
    id: "KH-LOAD-NOT-UTF8",
    severity: Error,
    clause: None,
    summary: "the file is not UTF-8 text",
};
pub const YAML: RuleInfo = RuleInfo {
    id: "KH-LOAD-YAML",
    severity: Error,
    clause: None,
    summary: "YAML syntax error",
};
pub const UNKNOWN_KEY: RuleInfo = RuleInfo {
    id: "KH-LOAD-UNKNOWN-KEY",
    severity: Error,
    clause: None,
    summary: "a key the plan format does not have (the nearest valid key is suggested)",
};
pub const WRONG_TYPE: RuleInfo = RuleInfo {
    id: "KH-LOAD-WRONG-TYPE",
    severity: Error,
    clause: None,
    summary: "a value of the wrong type (a list where text is expected, an unknown enum value …)",
};
pub const MISSING_KEY: RuleInfo = RuleInfo {
    id: "KH-LOAD-MISSING-KEY",
    severity: Error,
    clause: None,
    summary: "a required key is missing",
};
pub const DUPLICATE_KEY: RuleInfo = RuleInfo {
    id: "KH-LOAD-DUPLICATE-KEY",
    severity: Error,
    clause: None,
    summary: "the same key twice in one map",
};
pub const LIMIT: RuleInfo = RuleInfo {
    id: "KH-LOAD-LIMIT",
    severity: Error,
    clause: None,
    summary: "nesting or aliases beyond the loader's limits",
};
pub const NOT_NFC: RuleInfo = RuleInfo {
    id: "KH-TEXT-NOT-NFC",
    severity: Warning,
    clause: Some(clause::NFC),
    summary: "text in decomposed Unicode (NFD); normalised to NFC on load",
};
