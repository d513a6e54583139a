//! The rule families, one file each. A family declares its rules as `RuleInfo`
//! constants (so id, severity and clause are written once) and has a `check` that
//! pushes findings.

mod appendix;
mod citations;
mod dates;
mod loading;
mod markers;
mod numbering;
mod points;
mod reader;
mod recipients;
mod registry;
mod signature;
mod spelling;
mod structure;
mod text;

use super::{Cx, RuleInfo};
use crate::diag::Diagnostic;

/// The clauses rules cite, written once.
mod clause {
    pub const SO: &str = "NĐ 30/2020, Phụ lục I, Phần I, điểm a khoản 3 Mục II";
    pub const SO_ZERO: &str = "NĐ 30/2020, Phụ lục I, Phần I, điểm c khoản 3 Mục II";
    pub const KY_HIEU: &str = "NĐ 30/2020, Phụ lục I, Phần I, điểm b, c khoản 3 Mục II";
    pub const ABBREVIATIONS: &str = "NĐ 30/2020, Phụ lục III, Mục I";
    pub const FIRST_MENTION: &str = "NĐ 30/2020, Phụ lục I, Phần I, điểm b khoản 6 Mục II";
    pub const POINTS: &str = "NĐ 30/2020, Phụ lục I, Phần I, điểm đ khoản 6 Mục II";
    pub const AUTHORITY: &str = "NĐ 30/2020, Điều 13; Phụ lục I, Phần I, điểm b khoản 7 Mục II";
    pub const SIGNER: &str = "NĐ 30/2020, Phụ lục I, Phần I, điểm c khoản 7 Mục II";
    pub const SIGNER_CASE: &str = "NĐ 30/2020, Phụ lục I, Phần I, điểm đ khoản 7 Mục II";
    pub const RECIPIENTS: &str = "NĐ 30/2020, Phụ lục I, Phần I, điểm d khoản 9 Mục II";
    pub const APPENDIX: &str = "NĐ 30/2020, Phụ lục I, Phần I, điểm a khoản 1 Mục III";
    pub const NFC: &str = "TCVN 6909:2001; nd30-layout §9";
}

/// Every rule, loading first, then by family in the order of the issue.
pub const ALL: &[RuleInfo] = &[
    loading::READ,
    loading::TOO_LARGE,
    loading::NOT_UTF8,
    loading::YAML,
    loading::UNKNOWN_KEY,
    loading::WRONG_TYPE,
    loading::MISSING_KEY,
    loading::DUPLICATE_KEY,
    loading::LIMIT,
    loading::NOT_NFC,
    numbering::SO_NOT_NUMBER,
    numbering::SO_LEADING_ZERO,
    numbering::KY_HIEU_FORMAT,
    numbering::KY_HIEU_CASE,
    numbering::KY_HIEU_TYPE,
    dates::DATE_INVALID,
    dates::BEFORE_SOURCE,
    dates::DEADLINE_BEFORE_PLAN,
    dates::DEADLINE_NO_YEAR,
    dates::PERIOD_INVALID,
    citations::UNKNOWN_ID,
    citations::DUPLICATE_ID,
    citations::CONFLICT,
    citations::FIRST_MENTION,
    citations::SYMBOL,
    citations::SYMBOL_SPACE,
    text::REPEATED_WORD,
    text::DOUBLE_SPACE,
    text::CONTROL_CHAR,
    text::UNBALANCED,
    reader::SO_TYPO,
    reader::SPACE_BEFORE_PUNCT,
    reader::NO_DIACRITICS,
    reader::TRICH_YEU_CAPS,
    reader::DISTRICT,
    spelling::SYLLABLE,
    points::SEQUENCE,
    points::COUNT,
    points::PRINTED_SEQUENCE,
    markers::TYPED,
    structure::APPENDIX_UNREFERENCED,
    structure::GROUP_EMPTY,
    structure::SECTION_EMPTY,
    structure::TASK_NO_CONTENT,
    structure::TASK_NO_LEAD,
    structure::TASK_NO_DEADLINE,
    structure::UNPLACED,
    recipients::EMPTY,
    recipients::LUU_VT,
    recipients::LUU_DUPLICATE,
    signature::TM_COLLECTIVE,
    signature::KT_DEPUTY,
    signature::HEAD_MISSING,
    signature::TITLE_MISSING,
    signature::CASE,
    signature::NAME_PREFIX,
    signature::NAME_CASE,
    appendix::OUTSIDE_PERIOD,
    appendix::UNKNOWN_UNIT,
    registry::NOT_IN_REGISTRY,
];

/// Runs every family.
pub fn run(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    numbering::check(cx, out);
    dates::check(cx, out);
    citations::check(cx, out);
    text::check(cx, out);
    reader::check(cx, out);
    spelling::check(cx, out);
    points::check(cx, out);
    markers::check(cx, out);
    structure::check(cx, out);
    recipients::check(cx, out);
    signature::check(cx, out);
    appendix::check(cx, out);
    registry::check(cx, out);
}
