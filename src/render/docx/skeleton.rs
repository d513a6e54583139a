//! The package around the body: every part but `word/document.xml` and
//! `docProps/core.xml`, built once per profile and language with docx-rs and the
//! finish pass, with a style for every role.
//!
//! Those parts depend only on the profile and the language (`w:lang` in styles.xml),
//! so they are the same bytes in every package and are kept deflated.

use std::io::{Cursor, Write};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;

use docx_rs::{Docx, FieldCharType, Header, InstrPAGE, InstrText, Paragraph, Run};
use zip::{ZipArchive, ZipWriter};

use super::finish::{finish_parts, fresh_part_options, zip_options, CONTENT_TYPES, CORE, DOCUMENT};
use super::styles::{self, PAGE_NUMBER_STYLE};
use super::PackageError;
use crate::document::Meta;
use crate::profile::Profile;
use crate::render::{RenderError, Rendered};
use crate::verify::KnownParts;

/// The relationship ids docx-rs gives the two header parts `register_headers` adds
/// (`create_header_rid(1)` and `(2)`), for the body writer's `sectPr`s.
pub(super) const HEADER_RIDS: (&str, &str) = ("rIdHeader1", "rIdHeader2");

/// Registers the two header parts every section points at: the page number
/// (`rIdHeader1`) and an empty first-page header (`rIdHeader2`), which hides the number
/// on each part's first page (docs/nd30-layout.md §3.9).
pub(super) fn register_headers(docx: Docx) -> Docx {
    let number = Run::new()
        .add_field_char(FieldCharType::Begin, false)
        .add_instr_text(InstrText::PAGE(InstrPAGE::new()))
        .add_field_char(FieldCharType::Separate, false)
        .add_text("1")
        .add_field_char(FieldCharType::End, false);
    let page =
        Header::new().add_paragraph(Paragraph::new().style(PAGE_NUMBER_STYLE).add_run(number));
    // A header part must hold a paragraph, even an empty one.
    let first = Header::new().add_paragraph(Paragraph::new());
    docx.header(page).first_header(first)
}

/// A run of parts of the package, in zip order.
enum Segment {
    /// Parts that are the same bytes in every package, already deflated, merged into
    /// the package as a whole rather than deflated again for every document.
    Fixed(ZipArchive<Cursor<Arc<[u8]>>>),
    Document,
    Core,
    Footnotes,
}

pub(super) struct Skeleton {
    /// The language of styles.xml's defaults.
    lang: String,
    segments: Vec<Segment>,
}

/// The package docx-rs and the finish pass make for a one-paragraph body with every
/// role's style; its body and core properties are thrown away. docx-rs numbers ids
/// with process-wide counters; the finish pass renumbers them, so the bytes do not
/// depend on what else the process built.
pub(super) fn build(profile: &Profile, lang: &str) -> Result<Skeleton, PackageError> {
    // docx-rs has `expect`s deep inside; a bug there must not take the caller down.
    let raw = catch_unwind(AssertUnwindSafe(|| {
        let docx =
            styles::install(register_headers(Docx::new()), profile).add_paragraph(Paragraph::new());
        let mut raw = Cursor::new(Vec::new());
        docx.pack(&mut raw).map(|()| raw.into_inner())
    }))
    .map_err(|_| PackageError::Panicked)?
    .map_err(|e| PackageError::DocxRs(e.to_string()))?;
    let meta = Meta {
        language: lang.to_string(),
        ..Meta::default()
    };
    let mut parts = finish_parts(&raw, &meta)?;
    declare_footnotes(&mut parts)?;
    let mut segments = Vec::new();
    let mut fixed: Option<ZipWriter<Cursor<Vec<u8>>>> = None;
    let first = parts.get_key_value(CONTENT_TYPES);
    let rest = parts.iter().filter(|(n, _)| n.as_str() != CONTENT_TYPES);
    for (name, data) in first.into_iter().chain(rest) {
        let own = match name.as_str() {
            DOCUMENT => Segment::Document,
            CORE => Segment::Core,
            FOOTNOTES => Segment::Footnotes,
            _ => {
                let zip = fixed.get_or_insert_with(|| ZipWriter::new(Cursor::new(Vec::new())));
                zip.start_file(name.as_str(), zip_options())
                    .map_err(PackageError::zip)?;
                zip.write_all(data).map_err(PackageError::zip)?;
                continue;
            }
        };
        if let Some(zip) = fixed.take() {
            segments.push(fixed_segment(zip)?);
        }
        segments.push(own);
    }
    if let Some(zip) = fixed.take() {
        segments.push(fixed_segment(zip)?);
    }
    Ok(Skeleton {
        lang: lang.to_string(),
        segments,
    })
}

const FOOTNOTES: &str = "word/footnotes.xml";
const DOCUMENT_RELS: &str = "word/_rels/document.xml.rels";

/// Every package has a footnotes part (written per document, with only the separators
/// when the plan has none): its content type and relationship are then part of the
/// fixed skeleton.
fn declare_footnotes(
    parts: &mut std::collections::BTreeMap<String, Vec<u8>>,
) -> Result<(), PackageError> {
    let insert = |parts: &mut std::collections::BTreeMap<String, Vec<u8>>,
                  name: &str,
                  before: &str,
                  text: &str|
     -> Result<(), PackageError> {
        let xml = parts
            .get_mut(name)
            .ok_or_else(|| PackageError::Missing(name.to_owned()))?;
        let at = xml
            .windows(before.len())
            .rposition(|w| w == before.as_bytes())
            .ok_or_else(|| PackageError::Missing(format!("{before} in {name}")))?;
        xml.splice(at..at, text.bytes());
        Ok(())
    };
    insert(
        parts,
        CONTENT_TYPES,
        "</Types>",
        r#"<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>"#,
    )?;
    insert(
        parts,
        DOCUMENT_RELS,
        "</Relationships>",
        r#"<Relationship Id="rIdFootnotes" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>"#,
    )?;
    parts.insert(FOOTNOTES.to_owned(), Vec::new());
    Ok(())
}

fn fixed_segment(zip: ZipWriter<Cursor<Vec<u8>>>) -> Result<Segment, PackageError> {
    let bytes: Arc<[u8]> = zip.finish().map_err(PackageError::zip)?.into_inner().into();
    let archive = ZipArchive::new(Cursor::new(bytes)).map_err(PackageError::zip)?;
    Ok(Segment::Fixed(archive))
}

impl Skeleton {
    /// The language this skeleton's styles declare.
    pub(super) fn lang(&self) -> &str {
        &self.lang
    }

    /// The zipped package around this body: content types first, then by name. Each
    /// part written here is checked as text before it is deflated
    /// ([`KnownParts::check_text`]), so the pipeline's package check need not inflate
    /// it again.
    pub(super) fn package(
        &self,
        document: &str,
        core: &str,
        footnotes: &str,
    ) -> Result<Rendered, RenderError> {
        let size = document.len() / 3 + 16 * 1024;
        let mut zip = ZipWriter::new(Cursor::new(Vec::with_capacity(size)));
        let mut checked = KnownParts::default();
        for segment in &self.segments {
            let (name, data) = match segment {
                Segment::Fixed(parts) => {
                    // A clone shares the parsed directory and the bytes; only the
                    // cursor is new.
                    zip.merge_archive(parts.clone())
                        .map_err(PackageError::zip)?;
                    continue;
                }
                Segment::Document => (DOCUMENT, document),
                Segment::Core => (CORE, core),
                Segment::Footnotes => (FOOTNOTES, footnotes),
            };
            checked.check_text(name, data)?;
            zip.start_file(name, fresh_part_options(data.len()))
                .map_err(PackageError::zip)?;
            zip.write_all(data.as_bytes()).map_err(PackageError::zip)?;
        }
        let bytes = zip.finish().map_err(PackageError::zip)?.into_inner();
        Ok(Rendered { bytes, checked })
    }
}
