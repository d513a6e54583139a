//! HTML: the body from the document tree, the page shell from the `page.html` template.
//!
//! The body and the stylesheet are built in Rust (`body.rs`, `css.rs`) and handed to the
//! template as already-safe strings; the `<head>` values go in as plain text for tera to
//! escape. The result is one self-contained file: no script, no fetch, XML-well-formed.

mod body;
mod css;
mod escape;
#[cfg(test)]
mod tests;

pub(crate) use css::Stylesheet;

use super::{RenderContext, RenderError, Rendered, Renderer};
use crate::document::Document;

/// The page shell's template name (resolved through the `user/`, `builtin/` prefixes).
pub(crate) const PAGE_TEMPLATE: &str = "page.html";

pub(crate) struct HtmlRenderer;

impl Renderer for HtmlRenderer {
    fn render(&self, doc: &Document, ctx: &RenderContext) -> Result<Rendered, RenderError> {
        let body = body::body(doc);
        let css = ctx.prepared.css.for_parts(ctx.profile, &doc.parts);
        let meta = &doc.meta;
        let mut page = tera::Context::new();
        page.insert("lang", &language(&meta.language));
        page.insert("title", &escape::clean(&meta.title));
        page.insert("description", &escape::clean(&meta.subject));
        page.insert("author", &escape::clean(&meta.author));
        page.insert("keywords", &escape::clean(&meta.keywords.join(", ")));
        page.insert("css", &css);
        page.insert("body", &body.html);
        // Straight into bytes: `render` would check the whole page is UTF-8 again, and
        // every value put in is a `str` already.
        let mut out = Vec::with_capacity(css.len() + body.html.len() + 2048);
        ctx.templates
            .render_to(PAGE_TEMPLATE, &page, &mut out)
            .map_err(|e| RenderError::Template(e.to_string()))?;
        Ok(out.into())
    }
}

/// The document's BCP 47 tag if it looks like one, else Vietnamese.
fn language(tag: &str) -> String {
    let tag = tag.trim();
    let plausible = !tag.is_empty()
        && tag.len() <= 35
        && tag
            .split('-')
            .all(|s| !s.is_empty() && s.len() <= 8 && s.bytes().all(|b| b.is_ascii_alphanumeric()));
    if plausible {
        tag.to_owned()
    } else {
        "vi".to_owned()
    }
}
