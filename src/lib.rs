//! kehoach: Vietnamese official plans (Kế hoạch) from YAML to Decree 30 DOCX and HTML.
//!
//! The data flows one way:
//!
//! ```text
//! YAML ─load→ Plan ─check→ diagnostics
//!                  └compose (tera templates)→ Document ─render→ DOCX | HTML
//! ```
//!
//! `derive`, `import` and `export` are commands around this pipeline, not forks of it.
//!
//! # Public surface
//!
//! Public is what the `kehoach` binary, the tests, the benchmarks, the examples and the
//! fuzz targets use; everything else is `pub(crate)`, so the compiler reports dead code.
//!
//! - The pipeline: [`pipeline::Engine`] (compose, render with the package check),
//!   [`pipeline::check_loaded`]; [`load`] (YAML → [`plan::Plan`], with its limits);
//!   [`check`] (the rules and their table); [`compose`] ([`compose::Templates`], the
//!   document tree in [`document`]); [`render::Format`]; [`verify`] (the package and page
//!   checks, and the fuzz target `pipeline_on_bytes`).
//! - Diagnostics: [`diag`] (reports and their human, short and JSON forms); [`i18n`] and
//!   the [`msg!`] macro (the message catalogues).
//! - Commands around the pipeline: [`export`] (the archive, its manifest, PDFs),
//!   [`derive`](mod@derive) (a unit's plan from its parent's), [`import`] (DOCX → plan),
//!   [`compare`] (`render --since`), [`appendix_csv`] / [`appendix_xlsx`] (appendix
//!   tables in and out), [`layout_check`] (`check --docx`), [`registry`] (the
//!   administrative units).
//! - Helpers the binary shares: [`files`] (bounded reads), [`output`] (atomic writes,
//!   output names), [`numbering`] (dates and list numbers as Decree 30 writes them).
//!
//! The types most callers need are re-exported here.

pub mod appendix_csv;
pub mod appendix_xlsx;
pub mod check;
pub mod compare;
pub mod compose;
pub(crate) mod deadline;
pub mod derive;
pub mod diag;
pub mod document;
pub mod export;
pub mod files;
pub mod i18n;
pub mod import;
pub mod layout_check;
pub mod load;
pub mod numbering;
pub mod output;
pub mod pipeline;
pub mod plan;
pub(crate) mod profile;
pub mod registry;
pub mod render;
pub(crate) mod timespan;
pub mod verify;

pub use compose::Templates;
pub use diag::{Diagnostic, FileReport};
pub use document::Document;
pub use pipeline::Engine;
pub use plan::Plan;
pub use render::Format;

// The message catalogues (`locales/vi.yml`, `locales/en.yml`), embedded at compile time.
rust_i18n::i18n!("locales", fallback = "vi");
