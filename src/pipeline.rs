//! The pipeline as four calls — load → check → compose → render (with the package
//! check) — shared by every command, so `render`, `export` and `derive` can never
//! disagree about a plan.

use std::path::Path;

use crate::compose::{self, ComposeFailure, ComposeOptions, Templates};
use crate::diag::{Diagnostic, FileReport};
use crate::document::Document;
use crate::load::{self, Loaded};
use crate::plan::Plan;
use crate::profile::Profile;
use crate::render::{renderer_for, Format, Prepared, RenderContext, RenderError};
use crate::verify::{self, KnownParts, Malformed};

/// What the pipeline needs besides the plan: the templates, and the layout profile
/// with what the renderers build from it once.
pub struct Engine {
    pub templates: Templates,
    prepared: Prepared,
    /// The parts every DOCX shares (styles, numbering, settings, headers …), checked
    /// once here rather than in every package; the error if they are damaged.
    shared_parts: Result<KnownParts, Malformed>,
}

/// A plan after load and check: its diagnostics, and the plan if it may go on — no
/// errors, or an issued plan (see `check_loaded_with`).
pub struct Checked {
    pub report: FileReport,
    pub plan: Option<Plan>,
}

impl Engine {
    pub fn new(templates: Templates) -> Engine {
        let prepared = Prepared::new(Profile::nd30());
        let shared_parts = check_shared_parts(&prepared, &templates);
        Engine {
            templates,
            prepared,
            shared_parts,
        }
    }

    pub fn profile(&self) -> &Profile {
        self.prepared.profile()
    }

    /// Loads and checks a plan file. Errors keep a draft from going further; warnings don't.
    pub fn check_file(&self, path: &Path) -> Checked {
        self.check_file_with(path, false)
    }

    /// [`Engine::check_file`]; with `force`, a draft with errors goes on too
    /// (`render --force`). Loading errors always stop.
    pub fn check_file_with(&self, path: &Path, force: bool) -> Checked {
        match load::load_file(path) {
            Ok(loaded) => check_loaded_with(loaded, force),
            Err(f) => Checked {
                report: FileReport::from(f),
                plan: None,
            },
        }
    }

    pub fn compose(
        &self,
        plan: &Plan,
        options: ComposeOptions,
    ) -> Result<Document, ComposeFailure> {
        compose::compose(plan, &self.templates, self.profile(), options)
    }

    /// Renders `doc`. A DOCX is checked as a package (`Engine::verify_docx`) before it
    /// is returned, so `render` and `export` refuse the same damaged files and a
    /// renderer bug becomes an error, never a file Word cannot open. (HTML is not
    /// checked here: its page shell is a template users may rewrite as loose HTML.)
    pub fn render(&self, doc: &Document, format: Format) -> Result<Vec<u8>, RenderError> {
        let ctx = RenderContext::new(&self.prepared, self.templates.tera());
        let rendered = renderer_for(format).render(doc, &ctx)?;
        if format == Format::Docx {
            self.verify_docx(&rendered.bytes, &rendered.checked)?;
        }
        Ok(rendered.bytes)
    }

    /// The package check [`Engine::render`] runs on a DOCX: [`verify::docx_package`],
    /// trusting the parts every package shares (checked once when the engine was
    /// built) and those the renderer checked as it wrote them
    /// ([`verify::docx_package_known`]).
    pub(crate) fn verify_docx(&self, bytes: &[u8], written: &KnownParts) -> Result<(), Malformed> {
        let shared = self.shared_parts.as_ref().map_err(Clone::clone)?;
        verify::docx_package_known(bytes, &[shared, written])
    }
}

/// Checks the package around an empty document in full: its parts other than the body,
/// the core properties and the footnotes are those of every DOCX the engine renders.
fn check_shared_parts(prepared: &Prepared, templates: &Templates) -> Result<KnownParts, Malformed> {
    let ctx = RenderContext::new(prepared, templates.tera());
    match renderer_for(Format::Docx).render(&Document::default(), &ctx) {
        Ok(rendered) => KnownParts::of_package(&rendered.bytes),
        // A skeleton that cannot be built fails every render with its own message;
        // nothing is trusted then.
        Err(_) => Ok(KnownParts::default()),
    }
}

/// Runs the checks on a loaded plan.
pub fn check_loaded(loaded: Loaded) -> Checked {
    check_loaded_with(loaded, false)
}

/// Runs the checks on a loaded plan and decides whether it goes on. Signed plans are
/// reproduced, drafts are guarded: a plan with a number and a full date is an issued
/// document, written as it is whatever `check` finds in its text (the findings keep
/// their severity and are reported); a draft with errors stops, unless `force`. The
/// [`crate::check::BLOCKING`] errors stop both.
pub(crate) fn check_loaded_with(loaded: Loaded, force: bool) -> Checked {
    let mut diagnostics: Vec<Diagnostic> = loaded.warnings;
    diagnostics.extend(crate::check::check(&loaded.plan, &loaded.source));
    diagnostics.sort_by_key(|d| (d.at.line, d.at.col));
    let blocked = diagnostics
        .iter()
        .any(|d| d.is_error() && crate::check::BLOCKING.contains(&d.code));
    let ok = !blocked
        && (force
            || crate::check::is_issued(&loaded.plan)
            || !diagnostics.iter().any(Diagnostic::is_error));
    Checked {
        report: FileReport {
            source: loaded.source,
            diagnostics,
        },
        plan: ok.then_some(loaded.plan),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Cursor, Write};

    fn engine() -> Engine {
        Engine::new(Templates::builtin())
    }

    /// `package` with the part `name` replaced by `text`; every other part copied as
    /// it is (same compressed bytes, same CRC).
    fn replace_part(package: &[u8], name: &str, text: &str) -> Vec<u8> {
        let mut from = zip::ZipArchive::new(Cursor::new(package)).unwrap();
        let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for i in 0..from.len() {
            let entry = from.by_index_raw(i).unwrap();
            if entry.name() == name {
                drop(entry);
                out.start_file(name, zip::write::SimpleFileOptions::default())
                    .unwrap();
                out.write_all(text.as_bytes()).unwrap();
            } else {
                out.raw_copy_file(entry).unwrap();
            }
        }
        out.finish().unwrap().into_inner()
    }

    #[test]
    fn the_shared_parts_are_checked_when_the_engine_is_built() {
        let engine = engine();
        let shared = engine.shared_parts.as_ref().expect("the skeleton is sound");
        for part in [
            "[Content_Types].xml",
            "word/styles.xml",
            "word/numbering.xml",
            "word/settings.xml",
            "word/header1.xml",
        ] {
            assert!(shared.contains(part), "{part} not checked at build");
        }
        // What that check refuses: a damaged shared part, named.
        let sample = engine.render(&Document::default(), Format::Docx).unwrap();
        let broken = replace_part(&sample, "word/styles.xml", "<w:styles>");
        assert_eq!(
            KnownParts::of_package(&broken).unwrap_err().part,
            "word/styles.xml"
        );
        // An engine whose shared parts failed renders no DOCX at all.
        let damaged = Engine {
            shared_parts: Err(KnownParts::of_package(&broken).unwrap_err()),
            ..engine
        };
        assert!(matches!(
            damaged.render(&Document::default(), Format::Docx),
            Err(RenderError::Damaged(m)) if m.part == "word/styles.xml"
        ));
    }

    #[test]
    fn each_document_s_own_parts_are_checked_every_time() {
        let engine = engine();
        let ctx = RenderContext::new(&engine.prepared, engine.templates.tera());
        let written = renderer_for(Format::Docx)
            .render(&Document::default(), &ctx)
            .unwrap();
        let (sample, checked) = (&written.bytes, &written.checked);
        assert_eq!(engine.verify_docx(sample, checked), Ok(()));
        assert_eq!(engine.verify_docx(sample, &KnownParts::default()), Ok(()));
        for part in [
            "word/document.xml",
            "docProps/core.xml",
            "word/footnotes.xml",
            // A shared part whose bytes changed is no longer the one checked at build.
            "word/styles.xml",
        ] {
            // The renderer checked the parts it wrote; a part with other bytes than
            // those is read and checked again.
            let broken = replace_part(sample, part, "<a>\u{1}</a>");
            assert_eq!(engine.verify_docx(&broken, checked).unwrap_err().part, part);
        }
        // The relationships are checked in every package too.
        let dangling = replace_part(
            sample,
            "_rels/.rels",
            r#"<Relationships xmlns="r"><Relationship Id="rId1" Type="t" Target="word/nope.xml"/></Relationships>"#,
        );
        assert!(engine
            .verify_docx(&dangling, checked)
            .unwrap_err()
            .reason
            .contains("nope.xml"));
    }
}
