//! Renderers: the document tree to bytes. A renderer never opens a file (the caller
//! writes the bytes atomically, hashes them for the manifest, or compares them in tests).

pub mod docx;
pub mod html;

use crate::document::Document;
use crate::profile::Profile;
use crate::verify::KnownParts;

/// Whether `c` may not appear in an output document: both renderers drop these, so the
/// DOCX and the HTML of a plan always carry the same text.
///
/// XML 1.0 forbids C0 controls other than tab, LF, CR, and U+FFFE/U+FFFF; HTML also treats
/// DEL, the C1 controls and the noncharacters as parse errors, and Word shows them as
/// boxes, so those go too. Everything else — emoji, bidi marks, combining accents — stays.
pub(crate) fn is_forbidden_char(c: char) -> bool {
    let u = c as u32;
    matches!(u, 0x00..=0x08 | 0x0B | 0x0C | 0x0E..=0x1F | 0x7F..=0x9F | 0xFDD0..=0xFDEF)
        || (u & 0xFFFE) == 0xFFFE
}

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

/// A profile and what the renderers build from it once rather than for every
/// document: the DOCX package skeleton and the HTML stylesheet, both with every role.
pub(crate) struct Prepared {
    profile: Profile,
    docx: docx::Prepared,
    css: html::Stylesheet,
}

impl Prepared {
    pub fn new(profile: Profile) -> Prepared {
        Prepared {
            docx: docx::Prepared::new(&profile),
            css: html::Stylesheet::new(&profile),
            profile,
        }
    }

    pub fn profile(&self) -> &Profile {
        &self.profile
    }
}

/// What every renderer may read besides the document.
#[non_exhaustive]
pub(crate) struct RenderContext<'a> {
    pub profile: &'a Profile,
    /// The template set (embedded defaults, user overrides): the HTML page shell lives here.
    pub templates: &'a tera::Tera,
    prepared: &'a Prepared,
}

impl<'a> RenderContext<'a> {
    pub fn new(prepared: &'a Prepared, templates: &'a tera::Tera) -> RenderContext<'a> {
        RenderContext {
            profile: &prepared.profile,
            templates,
            prepared,
        }
    }
}

/// Why rendering failed. Plans that reach a renderer have passed `check`, so these are
/// template or environment problems, never a panic. Their text is in the user's
/// language (`render.*` in the message catalogue).
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error("{}", crate::msg!("render.template_error", why = .0))]
    Template(String),
    #[error("{}", crate::msg!("render.package_error", why = .0))]
    Package(#[from] docx::PackageError),
    /// The renderer wrote a package that fails [`crate::verify::docx_package`]: a bug.
    #[error("{}", crate::msg!("render.damaged_package", why = .0))]
    Damaged(#[from] crate::verify::Malformed),
}

/// What a renderer returns: the file, and the parts of it the renderer checked as it
/// wrote them (a DOCX's own XML parts, checked as text before they are deflated), which
/// the pipeline's package check need not read again.
pub(crate) struct Rendered {
    pub bytes: Vec<u8>,
    pub checked: KnownParts,
}

impl From<Vec<u8>> for Rendered {
    fn from(bytes: Vec<u8>) -> Rendered {
        Rendered {
            bytes,
            checked: KnownParts::default(),
        }
    }
}

/// One output format.
pub(crate) trait Renderer {
    fn render(&self, doc: &Document, ctx: &RenderContext) -> Result<Rendered, RenderError>;
}

/// The renderer of a format.
pub(crate) fn renderer_for(format: Format) -> Box<dyn Renderer + Send + Sync> {
    match format {
        Format::Docx => Box::new(docx::DocxRenderer),
        Format::Html => Box::new(html::HtmlRenderer),
    }
}
