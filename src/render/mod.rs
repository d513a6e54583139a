//! Renderers: the document tree to bytes. A renderer never opens a file (the caller
//! writes the bytes atomically, hashes them for the manifest, or compares them in tests).

pub mod docx;
pub mod html;

use crate::document::Document;
use crate::profile::Profile;

/// An output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Format {
    Docx,
    Html,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Docx => "docx",
            Format::Html => "html",
        }
    }

    pub fn parse(s: &str) -> Option<Format> {
        match s.trim().to_ascii_lowercase().as_str() {
            "docx" => Some(Format::Docx),
            "html" | "htm" => Some(Format::Html),
            _ => None,
        }
    }
}

/// What every renderer may read besides the document.
#[non_exhaustive]
pub struct RenderContext<'a> {
    pub profile: &'a Profile,
    /// The template set (embedded defaults, user overrides): the HTML page shell lives here.
    pub templates: &'a tera::Tera,
}

impl<'a> RenderContext<'a> {
    pub fn new(profile: &'a Profile, templates: &'a tera::Tera) -> RenderContext<'a> {
        RenderContext { profile, templates }
    }
}

/// Why rendering failed. Plans that reach a renderer have passed `check`, so these are
/// template or environment problems, never a panic.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error("template error: {0}")]
    Template(String),
    #[error("could not build the DOCX package: {0}")]
    Package(String),
}

/// One output format.
pub trait Renderer {
    fn format(&self) -> Format;
    fn render(&self, doc: &Document, ctx: &RenderContext) -> Result<Vec<u8>, RenderError>;
}

/// The renderer of a format.
pub fn renderer_for(format: Format) -> Box<dyn Renderer + Send + Sync> {
    match format {
        Format::Docx => Box::new(docx::DocxRenderer),
        Format::Html => Box::new(html::HtmlRenderer),
    }
}
