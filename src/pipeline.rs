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

/// What the pipeline needs besides the plan: the templates, and the layout profile
/// with what the renderers build from it once.
pub struct Engine {
    pub templates: Templates,
    prepared: Prepared,
}

/// A plan after load and check: its diagnostics, and the plan if it has no errors.
pub struct Checked {
    pub report: FileReport,
    pub plan: Option<Plan>,
}

impl Engine {
    pub fn new(templates: Templates) -> Engine {
        Engine {
            templates,
            prepared: Prepared::new(Profile::nd30()),
        }
    }

    pub fn profile(&self) -> &Profile {
        self.prepared.profile()
    }

    /// Loads and checks a plan file. Errors keep the plan from going further; warnings don't.
    pub fn check_file(&self, path: &Path) -> Checked {
        match load::load_file(path) {
            Ok(loaded) => check_loaded(loaded),
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

    /// Renders `doc`. A DOCX is checked as a package ([`crate::verify::docx_package`])
    /// before it is returned, so `render` and `export` refuse the same damaged files and
    /// a renderer bug becomes an error, never a file Word cannot open. (HTML is not
    /// checked here: its page shell is a template users may rewrite as loose HTML.)
    pub fn render(&self, doc: &Document, format: Format) -> Result<Vec<u8>, RenderError> {
        let ctx = RenderContext::new(&self.prepared, self.templates.tera());
        let bytes = renderer_for(format).render(doc, &ctx)?;
        if format == Format::Docx {
            crate::verify::docx_package(&bytes)?;
        }
        Ok(bytes)
    }
}

/// Runs the checks on a loaded plan.
pub fn check_loaded(loaded: Loaded) -> Checked {
    let mut diagnostics: Vec<Diagnostic> = loaded.warnings;
    diagnostics.extend(crate::check::check(&loaded.plan, &loaded.source));
    diagnostics.sort_by_key(|d| (d.at.line, d.at.col));
    let ok = !diagnostics.iter().any(Diagnostic::is_error);
    Checked {
        report: FileReport {
            source: loaded.source,
            diagnostics,
        },
        plan: ok.then_some(loaded.plan),
    }
}
