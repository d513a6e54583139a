//! `export`: every plan of a folder rendered into an archive a records office can take in
//! — one folder per year, files named from the document, `manifest.json`/`.csv` with the
//! Decree 30 Phụ lục VI fields and SHA-256 of every file, and the outgoing-document
//! registers (Phụ lục IV).
//!
//! The batch runs in chunks. Within a chunk, plans go through load → check → compose →
//! render on all cores (rayon), and each worker writes its outputs under a scratch name
//! and returns only a small record, so memory holds a chunk of records, never documents.
//! Then, in plan order and on one thread, each record is judged (duplicate number? name
//! taken?), its files renamed into place, and the record appended to a scratch file on
//! disk. That serial step runs while the next chunk renders (`rayon::join`), so both
//! cores stay busy; doing it in plan order makes the result independent of scheduling.
//! At the end the records are sorted and streamed into the manifests and registers, the
//! archive is swapped in whole (see `swap`), and a run that would produce the same
//! manifest leaves the old archive untouched.

mod archive_files;
mod error;
pub mod manifest;
pub(crate) mod naming;
pub mod pdf;
mod plan_job;
mod previous;
mod records;
pub mod register;
mod run;
mod stats;
pub(crate) mod swap;

pub use error::{ExportError, FailureReason};
pub use run::{export, Observer};
pub use stats::{peak_rss_kib, Stage, Stats};

use std::path::{Path, PathBuf};

use crate::pipeline::Engine;

/// What to export and how.
#[derive(Debug, Clone)]
pub struct ExportOptions {
    /// The archive folder (created, or replaced whole when the new one is complete).
    pub target: PathBuf,
    /// Also write PDF/A-2b through LibreOffice.
    pub pdf: bool,
    /// Render everything again even when sources and templates are unchanged.
    pub force: bool,
    /// Report a number used twice by one issuer in one year as a warning, not an error
    /// (for old records that already carry such a mistake).
    pub allow_duplicates: bool,
    /// Flush the file system before the swap (`syncfs`), for machines that may lose power.
    pub sync: bool,
}

/// One plan to export, with the engine (template set) that composes it.
#[derive(Debug, Clone)]
pub struct Job {
    pub path: PathBuf,
    pub engine: usize,
}

/// A template set ready to compose, with the fingerprint recorded in the manifest.
pub struct EngineEntry {
    pub engine: Engine,
    pub templates_sha256: String,
}

/// A plan that was not exported, and why.
#[derive(Debug, Clone)]
pub struct Failure {
    pub path: PathBuf,
    pub reason: FailureReason,
}

/// What a run did.
#[derive(Debug, Default)]
pub struct Summary {
    /// Plans rendered in this run.
    pub rendered: usize,
    /// Plans whose files were taken over unchanged from the previous archive.
    pub kept: usize,
    /// Plans that failed in this run (they are in `failed`) whose previous files were
    /// kept in the archive.
    pub carried: usize,
    pub failed: Vec<Failure>,
    pub registers: usize,
    /// Nothing differed from the previous archive, so it was left as it was.
    pub unchanged: bool,
    pub stats: Stats,
}

/// SHA-256 over the template set a plan is composed with: the built-in templates and the
/// override folder's `*.tera` / `*.html` files (names and contents, in name order).
/// A change in either re-renders the plans that use it.
pub fn templates_fingerprint(dir: Option<&Path>) -> std::io::Result<String> {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    let mut names: Vec<&str> = crate::compose::builtin_names().collect();
    names.sort_unstable();
    for name in names {
        let text = crate::compose::builtin_text(name).unwrap_or_default();
        h.update(format!("builtin/{name}\0{}\0", text.len()));
        h.update(text);
    }
    if let Some(dir) = dir {
        let files = crate::compose::user_template_files(dir)?;
        for path in files {
            let text = std::fs::read(&path)?;
            let name = path.file_name().unwrap_or_default().to_string_lossy();
            h.update(format!("user/{name}\0{}\0", text.len()));
            h.update(&text);
        }
    }
    Ok(h.finalize().iter().map(|b| format!("{b:02x}")).collect())
}
