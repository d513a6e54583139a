//! Diagnostics: every problem with a plan, from loading to composing, is one of these,
//! pointing at a line and column of its file (typst's `SourceDiagnostic`, in small).
//!
//! The library returns diagnostics as values; only the CLI prints them.

mod report;

pub use report::{render_human, render_json, render_short};

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::plan::Loc;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

/// One finding about a plan.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Diagnostic {
    /// Stable rule id, e.g. `ND30-SO-LEADING-ZERO`, `KH-LOAD-UNKNOWN-KEY`.
    pub code: &'static str,
    pub severity: Severity,
    pub message: String,
    /// Where in the plan file; `Loc::UNKNOWN` when the problem has no single place.
    #[serde(skip)]
    pub at: Loc,
    /// What to do about it.
    pub help: Option<String>,
    /// The Decree 30 clause (or other source) the rule comes from.
    pub clause: Option<&'static str>,
}

impl Diagnostic {
    pub fn error(code: &'static str, at: Loc, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            code,
            severity: Severity::Error,
            message: message.into(),
            at,
            help: None,
            clause: None,
        }
    }

    pub fn warning(code: &'static str, at: Loc, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, at, message)
        }
    }

    pub fn help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    pub fn clause(mut self, clause: &'static str) -> Diagnostic {
        self.clause = Some(clause);
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// A file's text, kept to show the offending line.
#[derive(Clone, Debug, Default)]
pub struct Source {
    pub path: PathBuf,
    pub text: String,
}

impl Source {
    pub fn new(path: impl AsRef<Path>, text: impl Into<String>) -> Source {
        Source {
            path: path.as_ref().to_path_buf(),
            text: text.into(),
        }
    }

    /// The byte offset of a location (from line/column when the offset is unknown).
    pub fn offset_of(&self, at: Loc) -> Option<usize> {
        if !at.is_known() {
            return None;
        }
        if at.offset > 0 || (at.line == 1 && at.col == 1) {
            return Some((at.offset as usize).min(self.text.len()));
        }
        let line_start = self
            .text
            .split_inclusive('\n')
            .take(at.line as usize - 1)
            .map(str::len)
            .sum::<usize>();
        let line = self.text[line_start.min(self.text.len())..]
            .lines()
            .next()
            .unwrap_or("");
        let col_bytes: usize = line
            .chars()
            .take(at.col.saturating_sub(1) as usize)
            .map(char::len_utf8)
            .sum();
        Some((line_start + col_bytes).min(self.text.len()))
    }

    /// The location of a byte offset (1-based line and column in characters).
    pub(crate) fn loc_of(&self, offset: usize) -> Loc {
        let offset = offset.min(self.text.len());
        let before = &self.text[..offset];
        let line = before.matches('\n').count() as u32 + 1;
        let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
        let col = self.text[line_start..offset].chars().count() as u32 + 1;
        Loc {
            line,
            col,
            offset: offset as u32,
            len: 0,
        }
    }
}

/// Diagnostics of one file.
#[derive(Clone, Debug, Default)]
pub struct FileReport {
    pub source: Source,
    pub diagnostics: Vec<Diagnostic>,
}

impl FileReport {
    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    pub fn warnings(&self) -> usize {
        self.diagnostics.len() - self.errors()
    }
}
