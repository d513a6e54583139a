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

/// A plan after load and check: its diagnostics, and the plan if it may go on — no
/// errors, or an issued plan (see [`check_loaded_with`]).
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
    check_loaded_with(loaded, false)
}

/// Runs the checks on a loaded plan and decides whether it goes on. Signed plans are
/// reproduced, drafts are guarded: a plan with a number and a full date is an issued
/// document, written as it is whatever `check` finds in its text (the findings keep
/// their severity and are reported); a draft with errors stops, unless `force`. The
/// [`crate::check::BLOCKING`] errors stop both.
pub fn check_loaded_with(loaded: Loaded, force: bool) -> Checked {
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
