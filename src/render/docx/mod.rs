//! DOCX through docx-rs, then a finish pass over the package (see crates.md §1.12).

use super::{Format, RenderContext, RenderError, Renderer};
use crate::document::Document;

pub struct DocxRenderer;

impl Renderer for DocxRenderer {
    fn format(&self) -> Format {
        Format::Docx
    }

    fn render(&self, _doc: &Document, _ctx: &RenderContext) -> Result<Vec<u8>, RenderError> {
        Err(RenderError::Package("not written yet".into()))
    }
}
