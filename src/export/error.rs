//! Why an export fails: as a whole ([`ExportError`]: the archive folder cannot be used,
//! the disk is full …), or for one plan ([`FailureReason`], which the batch reports and
//! goes on). Every text is in the user's language (`export.*` in the message catalogue).

use std::io;
use std::path::Path;

use crate::render::RenderError;

/// Why the export as a whole could not run.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// A file step failed: what kehoach was doing, and the system's reason (the source).
    #[error("{doing}")]
    File {
        doing: String,
        #[source]
        source: io::Error,
    },
    /// The archive folder, its lock or a leftover beside it cannot be used as it is; the
    /// message says what to do.
    #[error("{0}")]
    Archive(String),
    /// PDFs were asked for and LibreOffice cannot make them.
    #[error(transparent)]
    Pdf(#[from] super::pdf::PdfError),
    /// A register could not be rendered (registers use the built-in templates, so this
    /// is a bug).
    #[error("{}", crate::msg!("export.register_failed", name = .name))]
    Register {
        name: String,
        #[source]
        source: RenderError,
    },
}

/// Gives an I/O result the step it belongs to: `.doing(|| msg!(…))`.
pub(crate) trait Doing<T> {
    fn doing(self, what: impl FnOnce() -> String) -> Result<T, ExportError>;
}

impl<T, E: Into<io::Error>> Doing<T> for Result<T, E> {
    fn doing(self, what: impl FnOnce() -> String) -> Result<T, ExportError> {
        self.map_err(|e| ExportError::File {
            doing: what(),
            source: e.into(),
        })
    }
}

/// "cannot create PATH", the most common step.
pub(crate) fn creating(path: &Path) -> impl FnOnce() -> String + '_ {
    move || crate::msg!("export.cannot_create", path = path.display())
}

/// Why one plan was not exported. The batch goes on; the command line sorts drafts
/// (a note) from the rest (errors).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FailureReason {
    /// A draft (no number or no full date): it has no place in an archive of issued
    /// documents, but a folder of plans often holds one being written.
    #[error("{0}")]
    Draft(String),
    /// Another plan of the same issuer and year already has this number.
    #[error("{0}")]
    DuplicateNumber(String),
    /// Anything else: the plan's first error, a render or write failure, no PDF.
    #[error("{0}")]
    Other(String),
}

impl FailureReason {
    pub fn is_draft(&self) -> bool {
        matches!(self, FailureReason::Draft(_))
    }

    pub fn is_duplicate(&self) -> bool {
        matches!(self, FailureReason::DuplicateNumber(_))
    }
}
