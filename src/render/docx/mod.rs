//! DOCX: `word/document.xml` written directly from the document tree (`body`), inside
//! a package skeleton (styles, numbering, settings, headers, properties) that docx-rs
//! and the finish pass build (`skeleton`). See docs/docx-writer.md.

mod body;
mod finish;
mod grid;
mod metrics;
mod metrics_data;
mod rewrite;
mod rule;
pub(super) mod schema;
mod skeleton;
pub(super) mod styles;
#[cfg(test)]
mod tests;
mod text;

use super::{RenderContext, RenderError, Rendered, Renderer};
use crate::document::Document;
use crate::profile::Profile;
use skeleton::Skeleton;

pub(crate) struct DocxRenderer;

/// Why the package around the body could not be built or zipped: a bug in docx-rs or
/// in this renderer, never the plan's doing.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PackageError {
    #[error("docx-rs panicked")]
    Panicked,
    #[error("docx-rs: {0}")]
    DocxRs(String),
    #[error("zip: {0}")]
    Zip(String),
    #[error("{part}: {why}")]
    Xml { part: String, why: String },
    #[error("the skeleton has no {0}")]
    Missing(String),
}

impl PackageError {
    fn zip(e: impl std::fmt::Display) -> PackageError {
        PackageError::Zip(e.to_string())
    }
}

/// What the DOCX renderer builds once per profile: the package around the body, for
/// the default language.
pub(crate) struct Prepared {
    skeleton: Result<Skeleton, PackageError>,
}

impl Prepared {
    pub(crate) fn new(profile: &Profile) -> Prepared {
        Prepared {
            skeleton: skeleton::build(profile, finish::DEFAULT_LANGUAGE),
        }
    }
}

impl Renderer for DocxRenderer {
    fn render(&self, doc: &Document, ctx: &RenderContext) -> Result<Rendered, RenderError> {
        let lang = finish::language(&doc.meta.language);
        let prepared = ctx.prepared.docx.skeleton.as_ref();
        let prepared = prepared.map_err(|e| RenderError::Package(e.clone()))?;
        // Another language needs its own styles.xml: built for this document only.
        let other;
        let skeleton = if prepared.lang() == lang {
            prepared
        } else {
            other = skeleton::build(ctx.profile, &lang).map_err(RenderError::Package)?;
            &other
        };
        let body = body::document_xml(&doc.parts, ctx.profile);
        let core = finish::core_properties(&doc.meta, &lang);
        let notes = body::footnotes_xml(&doc.footnotes, ctx.profile);
        skeleton.package(&body, &core, &notes)
    }
}
