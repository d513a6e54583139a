//! Loading: bytes of a plan file → a typed [`Plan`], or diagnostics that say where and why.
//!
//! Order matters: size limit, UTF-8, BOM, NFC (so every later comparison and hash sees
//! one spelling), then YAML with serde-saphyr in strict mode — YAML 1.1 booleans such as
//! `no` are refused, `07` stays text, duplicate keys are errors — and a budget that
//! refuses deep nesting and alias bombs quickly.

use std::path::Path;

use unicode_normalization::{is_nfc, UnicodeNormalization};

use crate::diag::{Diagnostic, Source};
use crate::plan::{Loc, Plan};

/// The largest plan file accepted (a plan with thousands of tasks is well under 1 MiB).
pub const MAX_PLAN_BYTES: usize = 8 * 1024 * 1024;
/// The deepest nesting accepted (a plan needs about 12 levels).
pub const MAX_DEPTH: usize = 48;

/// A loaded plan with its (NFC) source text and any warnings from loading.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub plan: Plan,
    pub source: Source,
    pub warnings: Vec<Diagnostic>,
}

/// Why a plan could not be loaded: the diagnostics, with the source to show them against.
#[derive(Debug, Clone)]
pub struct LoadFailure {
    pub source: Source,
    pub diagnostics: Vec<Diagnostic>,
}

/// A plan that failed to load is reported like any file's diagnostics.
impl From<LoadFailure> for crate::diag::FileReport {
    fn from(f: LoadFailure) -> crate::diag::FileReport {
        crate::diag::FileReport {
            source: f.source,
            diagnostics: f.diagnostics,
        }
    }
}

/// Reads and loads a plan file.
pub fn load_file(path: &Path) -> Result<Loaded, LoadFailure> {
    let fail = |code, message: String, help: &str| LoadFailure {
        source: Source::new(path, ""),
        diagnostics: vec![Diagnostic::error(code, Loc::UNKNOWN, message).help(help.to_owned())],
    };
    let meta = std::fs::metadata(path).map_err(|e| {
        fail(
            "KH-LOAD-READ",
            format!("cannot read this file: {e}"),
            "check the path and that the file is readable",
        )
    })?;
    if meta.len() > MAX_PLAN_BYTES as u64 {
        return Err(fail(
            "KH-LOAD-TOO-LARGE",
            format!(
                "the file is {} bytes; plans are limited to {} bytes",
                meta.len(),
                MAX_PLAN_BYTES
            ),
            "split the appendix into several plans, or check that this is a plan file",
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| {
        fail(
            "KH-LOAD-READ",
            format!("cannot read this file: {e}"),
            "check the path and that the file is readable",
        )
    })?;
    load_bytes(path, &bytes)
}

/// Loads a plan from bytes; `path` is only used in messages.
pub fn load_bytes(path: &Path, bytes: &[u8]) -> Result<Loaded, LoadFailure> {
    if bytes.len() > MAX_PLAN_BYTES {
        return Err(LoadFailure {
            source: Source::new(path, ""),
            diagnostics: vec![Diagnostic::error(
                "KH-LOAD-TOO-LARGE",
                Loc::UNKNOWN,
                format!(
                    "the plan is {} bytes; the limit is {MAX_PLAN_BYTES}",
                    bytes.len()
                ),
            )],
        });
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let valid = String::from_utf8_lossy(&bytes[..e.valid_up_to()]).into_owned();
            let source = Source::new(path, valid);
            let at = source.loc_of(e.valid_up_to());
            return Err(LoadFailure {
                diagnostics: vec![Diagnostic::error(
                    "KH-LOAD-NOT-UTF8",
                    at,
                    "the file is not UTF-8 text",
                )
                .help("save the file as UTF-8 (in Word or Notepad: Save As → Encoding: UTF-8)")],
                source,
            });
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    load_str(path, text)
}

/// Loads a plan from text.
pub fn load_str(path: &Path, text: &str) -> Result<Loaded, LoadFailure> {
    let mut warnings = Vec::new();
    let text = if is_nfc(text) {
        text.to_owned()
    } else {
        let first_line = text
            .lines()
            .position(|l| !is_nfc(l))
            .map(|i| i as u32 + 1)
            .unwrap_or(1);
        warnings.push(
            Diagnostic::warning(
                "KH-TEXT-NOT-NFC",
                Loc {
                    line: first_line,
                    col: 1,
                    offset: 0,
                    len: 0,
                },
                "text in decomposed Unicode (NFD), e.g. pasted from a PDF; it was normalised to NFC",
            )
            .help("re-save the file as NFC (kehoach fmt, or your editor's Unicode normalisation) so searches and hashes match")
            .clause("TCVN 6909:2001; nd30-layout §9"),
        );
        text.nfc().collect()
    };
    let source = Source::new(path, text);
    match parse(&source.text) {
        Ok(plan) => Ok(Loaded {
            plan,
            source,
            warnings,
        }),
        Err(e) => {
            let diagnostic = yaml_error(&e, &source);
            Err(LoadFailure {
                source,
                diagnostics: vec![diagnostic],
            })
        }
    }
}

fn parse(text: &str) -> Result<Plan, serde_saphyr::Error> {
    let mut budget = serde_saphyr::Budget::default();
    budget.max_depth = MAX_DEPTH;
    budget.max_aliases = 1_000;
    budget.max_anchors = 1_000;
    budget.max_nodes = 500_000;
    budget.max_documents = 1;
    let options = serde_saphyr::options! {
        strict_booleans: true,
        leading_zero_numbers_as_strings: true,
        with_snippet: false,
        budget: Some(budget),
    };
    serde_saphyr::from_str_with_options(text, options)
}

/// Turns a serde-saphyr error into a diagnostic with a rule id and a hint.
fn yaml_error(e: &serde_saphyr::Error, source: &Source) -> Diagnostic {
    let at = e.location().map(Loc::from_saphyr).unwrap_or(Loc::UNKNOWN);
    let message = e.without_snippet().to_string();
    let message = strip_location_suffix(&message);
    let lower = message.to_lowercase();
    let (code, help) = if let Some(field) = backticked_after(&message, "unknown field") {
        let expected = expected_fields(&message);
        let hint = match nearest(&field, &expected) {
            Some(best) => format!(
                "did you mean `{best}`? Valid keys here: {}",
                expected.join(", ")
            ),
            None if expected.is_empty() => "remove this key".to_owned(),
            None => format!("valid keys here: {}", expected.join(", ")),
        };
        ("KH-LOAD-UNKNOWN-KEY", hint)
    } else if lower.contains("missing field") {
        (
            "KH-LOAD-MISSING-KEY",
            "add this key (see README, “Plan file keys”, or `kehoach schema`)".to_owned(),
        )
    } else if lower.contains("duplicate") {
        (
            "KH-LOAD-DUPLICATE-KEY",
            "a key may appear only once in a map: keep one and delete the other".to_owned(),
        )
    } else if lower.contains("budget")
        || lower.contains("depth")
        || lower.contains("alias")
        || lower.contains("recursion limit")
    {
        (
            "KH-LOAD-LIMIT",
            format!("plans may nest at most {MAX_DEPTH} levels and use at most 1000 aliases"),
        )
    } else if lower.contains("invalid type")
        || lower.contains("boolean")
        || lower.contains("invalid value")
        || lower.contains("unknown variant")
        // serde-saphyr's words for text or a list given the wrong shape (`so: [114]`,
        // `noi_nhan: UBND`).
        || lower.starts_with("expected string scalar")
        || lower.starts_with("expected sequence start")
    {
        (
            "KH-LOAD-WRONG-TYPE",
            "check the value's type; quote text that YAML could read as a number, date or yes/no"
                .to_owned(),
        )
    } else {
        (
            "KH-LOAD-YAML",
            "fix the YAML syntax here (indentation with spaces, a colon and a space after each key)".to_owned(),
        )
    };
    let at = if at.is_known() {
        at
    } else {
        Loc {
            line: 1,
            col: 1,
            offset: 0,
            len: 0,
        }
    };
    let _ = source;
    Diagnostic::error(code, at, message).help(help)
}

fn strip_location_suffix(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_owned(),
        None => message.to_owned(),
    }
}

fn backticked_after(message: &str, marker: &str) -> Option<String> {
    let rest = &message[message.find(marker)? + marker.len()..];
    let start = rest.find('`')? + 1;
    let end = start + rest[start..].find('`')?;
    Some(rest[start..end].to_owned())
}

fn expected_fields(message: &str) -> Vec<String> {
    let Some(i) = message.find("expected") else {
        return Vec::new();
    };
    message[i + "expected".len()..]
        .trim_start_matches(" one of")
        .split(',')
        .map(|s| s.trim().trim_matches('`').trim().to_owned())
        .map(|s| s.trim_start_matches("or ").trim_matches('`').to_owned())
        .filter(|s| !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
        .collect()
}

/// The valid key closest to a mistyped one, if it is close enough to be a typo.
fn nearest(field: &str, expected: &[String]) -> Option<String> {
    expected
        .iter()
        .map(|e| (strsim::damerau_levenshtein(field, e), e))
        .filter(|(d, e)| *d <= 2.max(e.len() / 3))
        .min_by_key(|(d, _)| *d)
        .map(|(_, e)| e.clone())
}

#[cfg(test)]
mod tests;
