//! `kehoach import`: a plan written in Word or LibreOffice (not only by kehoach) → the
//! plan YAML; and the facts `check --docx` measures.
//!
//! Two stages, like pandoc's DOCX reader:
//! 1. [`package`] + [`ooxml`] read the zip and its XML into [`model::DocFacts`]:
//!    paragraphs with resolved size, bold, italic and alignment, tables with their
//!    spans and merges, sections with page set-up and header facts.
//! 2. [`locate`] finds Decree 30's elements in those facts by text and position (never
//!    by style name), and [`plan`] turns them into a [`Plan`]. What could not be placed
//!    is kept in `Plan::chua_xep` and listed by [`report`].
//!
//! Hostile input never panics the caller: every entry point runs behind
//! `catch_unwind`, parts are size-capped, DTDs refused and nesting bounded.

mod appendix;
mod body;
pub(crate) mod locate;
pub mod model;
mod numbering;
mod ooxml;
mod package;
mod plan;
pub mod report;
mod styles;
mod text;
mod xml;

use std::panic::{catch_unwind, AssertUnwindSafe};

pub use model::DocFacts;
pub use report::{ImportReport, Unplaced};

use crate::plan::Plan;

/// Why a file could not be read as a DOCX.
#[derive(Debug, Clone, thiserror::Error)]
pub enum ImportError {
    #[error("the file is empty")]
    Empty,
    #[error("this is a PDF: kehoach reads PDF files not yet; import the Word file the PDF was made from (a signed PDF from the document system usually comes with it), or save the PDF as .docx in Word first")]
    Pdf,
    #[error("this is not a DOCX file (not a zip package); a .doc, .odt, .pdf or text file must be saved as .docx first")]
    NotZip,
    #[error("the file is encrypted or password-protected (or an old .doc file); open it in Word or LibreOffice, remove the password, and save it as .docx")]
    Encrypted,
    #[error("this is not a usable DOCX: {0}")]
    NotDocx(String),
    #[error("{part} is larger than {limit} bytes once decompressed; refused (a zip bomb, or not a plan)")]
    TooLarge { part: String, limit: u64 },
    #[error("{part} cannot be read: {message}")]
    Xml { part: String, message: String },
    #[error("the DOCX reader failed on this file ({0}); please report it with the file")]
    Panicked(String),
}

/// Runs `f`, turning a panic into [`ImportError::Panicked`], so that one odd file can
/// never crash a batch or the CLI.
fn guarded<T>(f: impl FnOnce() -> Result<T, ImportError>) -> Result<T, ImportError> {
    // The panic hook is left alone (it is process-global); the panic message still
    // reaches stderr, and the caller gets a clean error instead of an abort.
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(r) => r,
        Err(payload) => {
            let message = payload
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "internal error".to_owned());
            Err(ImportError::Panicked(message))
        }
    }
}

/// [`guarded`] for the layout checker, which walks the same facts.
pub(crate) fn guarded_pub<T>(f: impl FnOnce() -> Result<T, ImportError>) -> Result<T, ImportError> {
    guarded(f)
}

pub(crate) use text::{excerpt, roman_value};

/// Reads a DOCX into its layout facts.
pub(crate) fn read_facts(bytes: Vec<u8>) -> Result<DocFacts, ImportError> {
    guarded(|| {
        let mut pkg = package::Package::open(bytes)?;
        ooxml::read(&mut pkg)
    })
}

/// The result of an import: the plan and what could not be placed in it.
#[derive(Debug, Clone)]
pub struct Imported {
    pub plan: Plan,
    pub report: ImportReport,
}

/// Imports a DOCX as a plan.
pub fn import_docx(bytes: Vec<u8>) -> Result<Imported, ImportError> {
    let facts = read_facts(bytes)?;
    guarded(|| Ok(plan::build(&facts)))
}

/// The plan as YAML, with a comment saying where it came from and what to review.
pub fn to_yaml(
    plan: &Plan,
    source: &std::path::Path,
) -> Result<String, serde_saphyr::SerializeError> {
    let body = serde_saphyr::to_string(plan)?;
    let name = source
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut head = format!("# Imported from {name} by `kehoach import`.\n");
    if !plan.chua_xep.is_empty() {
        head.push_str(
            "# `chua_xep` holds text the importer could not place: move each entry where it belongs.\n",
        );
    }
    Ok(format!("{head}\n{body}"))
}
