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

pub mod appendix_csv;
pub mod appendix_xlsx;
pub mod check;
pub mod compare;
pub mod compose;
pub mod deadline;
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
pub mod profile;
pub mod registry;
pub mod render;
pub mod timespan;
pub mod verify;

// The message catalogues (`locales/vi.yml`, `locales/en.yml`), embedded at compile time.
rust_i18n::i18n!("locales", fallback = "vi");
