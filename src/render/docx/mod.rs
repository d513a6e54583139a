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
mod styles;
#[cfg(test)]
mod tests;
mod text;

use std::collections::BTreeSet;

use super::{Format, RenderContext, RenderError, Renderer};
use crate::document::{Document, Role};

pub struct DocxRenderer;

impl Renderer for DocxRenderer {
    fn format(&self) -> Format {
        Format::Docx
    }

    fn render(&self, doc: &Document, ctx: &RenderContext) -> Result<Vec<u8>, RenderError> {
        let lang = finish::language(&doc.meta.language);
        let skeleton =
            skeleton::get(ctx.profile, &roles(doc), &lang).map_err(RenderError::Package)?;
        let body = body::document_xml(&doc.parts, ctx.profile, skeleton.ids_before_body());
        let core = finish::core_properties(&doc.meta, &lang);
        skeleton
            .package(body.as_bytes(), core.as_bytes())
            .map_err(RenderError::Package)
    }
}

/// The roles that get a style in styles.xml.
fn roles(doc: &Document) -> BTreeSet<Role> {
    let mut roles = BTreeSet::new();
    let mut last = None;
    for p in doc.each_paragraph() {
        // Neighbours mostly share a role (task cells, body text): skip the set then.
        if last != Some(p.role) {
            roles.insert(p.role);
            last = Some(p.role);
        }
    }
    roles
}
