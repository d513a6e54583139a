//! HTML: the body from the document tree, the page shell from the `page.html` template.

use super::{Format, RenderContext, RenderError, Renderer};
use crate::document::Document;

pub struct HtmlRenderer;

impl Renderer for HtmlRenderer {
    fn format(&self) -> Format {
        Format::Html
    }

    fn render(&self, _doc: &Document, _ctx: &RenderContext) -> Result<Vec<u8>, RenderError> {
        Err(RenderError::Template("not written yet".into()))
    }
}
