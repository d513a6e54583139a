//! `kehoach check`: the pipeline up to compose, writing nothing.

use std::path::PathBuf;

use anyhow::Result;

use kehoach::compose::{ComposeOptions, Templates};
use kehoach::diag::FileReport;
use kehoach::pipeline::Engine;

use super::inputs::{plan_files, templates_dir};
use super::render::template_report;
use super::report::{print_findings, DiagnosticFormat};
use super::{Outcome, Reporter, TemplateArgs};

#[derive(clap::Args, Debug)]
pub struct CheckArgs {
    /// Plan files, or folders of plans.
    #[arg(value_name = "PLAN", required_unless_present = "list_rules")]
    pub plans: Vec<PathBuf>,
    /// Output format of the findings.
    #[arg(long, value_enum, default_value_t)]
    pub format: DiagnosticFormat,
    /// Treat warnings as errors (exit 1).
    #[arg(long)]
    pub deny_warnings: bool,
    /// List the rules with their ids, severities and Decree 30 clauses.
    #[arg(long)]
    pub list_rules: bool,
    /// The inputs are DOCX files (from any word processor): check their layout against
    /// Decree 30 (paper, margins, fonts, header block, number and date, page numbers,
    /// Nơi nhận, appendices).
    #[arg(long)]
    pub docx: bool,
    #[command(flatten)]
    pub templates: TemplateArgs,
}

pub fn run(args: CheckArgs, reporter: &mut Reporter) -> Result<Outcome> {
    if args.list_rules {
        if args.docx {
            print!("{}", kehoach::layout_check::rules_table());
        } else {
            print!("{}", kehoach::check::rules_table());
        }
        return Ok(Outcome::Success);
    }
    if args.docx {
        return super::check_docx::run(&args, reporter);
    }
    let files = plan_files(&args.plans)?;
    let mut reports: Vec<FileReport> = Vec::new();
    for file in &files {
        let dir = templates_dir(args.templates.templates.as_deref(), file);
        let templates = match Templates::load(dir.as_deref()) {
            Ok(t) => t,
            Err(e) => {
                reporter.file(&template_report(e), args.format);
                return Ok(Outcome::Failure);
            }
        };
        let engine = Engine::new(templates);
        let checked = engine.check_file(file);
        // A plan whose template fails is not ready either: compose it too.
        if let Some(plan) = &checked.plan {
            if let Err(f) = engine.compose(plan, ComposeOptions::default()) {
                reports.push(FileReport::from(f));
            }
        }
        // Already in line order: `check_file` sorts what it found.
        reports.push(checked.report);
    }
    let (errors, warnings) = print_findings(reporter, &reports, args.format, "plans");
    Ok(if errors > 0 || (args.deny_warnings && warnings > 0) {
        Outcome::PlanErrors
    } else {
        Outcome::Success
    })
}
