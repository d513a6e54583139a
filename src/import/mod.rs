//! `kehoach import`: a plan written in Word or LibreOffice (not only by kehoach) → the
//! plan YAML; and the facts `check --docx` measures.
//!
//! Two stages, like pandoc's DOCX reader:
//! 1. `package` + `ooxml` read the zip and its XML into [`model::DocFacts`]:
//!    paragraphs with resolved size, bold, italic and alignment, tables with their
//!    spans and merges, sections with page set-up and header facts.
//! 2. `locate` finds Decree 30's elements in those facts by text and position (never
//!    by style name), and `plan` turns them into a [`Plan`]. What could not be placed
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
mod pdf;
mod plan;
pub mod report;
mod styles;
mod text;
mod xml;

use std::panic::{catch_unwind, AssertUnwindSafe};

pub use model::DocFacts;
pub use report::{ImportReport, Unplaced};

use crate::plan::Plan;

/// Why a file could not be read as a plan. The texts are what the clerk reads.
#[derive(Debug, Clone, thiserror::Error)]
pub enum ImportError {
    #[error("tệp rỗng")]
    Empty,
    /// PDF bytes handed to the DOCX reader ([`import_file`] sends them to the PDF reader).
    #[error("đây là tệp PDF, không phải DOCX")]
    Pdf,
    #[error("đây không phải tệp DOCX (không phải gói zip); tệp .doc, .odt hay văn bản thường cần được lưu thành .docx trước")]
    NotZip,
    #[error("tệp được mã hóa hoặc đặt mật khẩu (hoặc là tệp .doc cũ); hãy mở bằng Word hoặc LibreOffice, bỏ mật khẩu rồi lưu thành .docx (hoặc xuất lại PDF không mật khẩu)")]
    Encrypted,
    #[error("tệp DOCX không dùng được: {0}")]
    NotDocx(String),
    #[error("{part} lớn hơn {limit} byte khi giải nén; bị từ chối (một \"zip bomb\", hoặc không phải văn bản)")]
    TooLarge { part: String, limit: u64 },
    #[error("không đọc được {part}: {message}")]
    Xml { part: String, message: String },
    #[error("bộ đọc DOCX gặp lỗi với tệp này ({0}); xin gửi báo lỗi kèm tệp")]
    Panicked(String),
    #[error("tệp PDF này chỉ có hình ảnh (bản quét), không có chữ: kehoach không nhận dạng chữ (OCR). Hãy nhập tệp Word của văn bản, hoặc tệp PDF xuất từ Word/LibreOffice")]
    ScannedPdf,
    #[error("cần chương trình {0} của poppler để đọc PDF; hãy cài gói poppler-utils (Debian/Ubuntu: apt-get install poppler-utils)")]
    PopplerMissing(String),
    #[error("không đọc được tệp PDF: {0}")]
    PdfTool(String),
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

/// Whether the bytes are a PDF (what [`import_file`] reads with the PDF reader).
pub fn is_pdf(bytes: &[u8]) -> bool {
    bytes.starts_with(b"%PDF")
}

/// Imports a published PDF as a plan (text with positions from poppler's tools).
pub fn import_pdf(bytes: &[u8]) -> Result<Imported, ImportError> {
    let facts = guarded(|| pdf::read(bytes))?;
    guarded(|| Ok(plan::build(&facts)))
}

/// Imports a DOCX or a PDF, whichever the bytes are.
pub fn import_file(bytes: Vec<u8>) -> Result<Imported, ImportError> {
    if is_pdf(&bytes) {
        import_pdf(&bytes)
    } else {
        import_docx(bytes)
    }
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
    let mut head = format!("# Nhập từ {name} bằng `kehoach import`.\n");
    if !plan.chua_xep.is_empty() {
        head.push_str(
            "# `chua_xep` giữ những đoạn chưa xếp được vào đâu: hãy chuyển từng mục đến đúng chỗ.\n",
        );
    }
    Ok(format!("{head}\n{body}"))
}
