//! `kehoach check`: the pipeline up to compose, writing nothing.

use std::path::PathBuf;

use anyhow::Result;

use kehoach::compose::{ComposeOptions, Templates};
use kehoach::diag::{Diagnostic, FileReport};
use kehoach::numbering::PlanDate;
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
    /// Output format of the findings (`--diagnostic-format`, as `render` and `export`
    /// call it, works too).
    #[arg(long, alias = "diagnostic-format", value_enum, default_value_t)]
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
    let mut numbers = Numbers::default();
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
        let mut report = checked.report;
        if let Some(plan) = &checked.plan {
            if let Some(d) = numbers.check(file, plan) {
                report.diagnostics.push(d);
                report.diagnostics.sort_by_key(|d| (d.at.line, d.at.col));
            }
        }
        // Already in line order: `check_file` sorts what it found.
        reports.push(report);
    }
    let (errors, warnings) = print_findings(reporter, &reports, args.format, "plans");
    Ok(if errors > 0 || (args.deny_warnings && warnings > 0) {
        Outcome::PlanErrors
    } else {
        Outcome::Success
    })
}

/// The numbers the plans given use, so that `check` refuses what `export` refuses: a
/// second plan of one issuer with the same number and symbol in the same year.
#[derive(Default)]
struct Numbers {
    seen: Vec<((String, String, i32, String), PathBuf)>,
}

impl Numbers {
    fn check(&mut self, file: &std::path::Path, plan: &kehoach::plan::Plan) -> Option<Diagnostic> {
        let so = plan.so.as_ref()?;
        let number = so.trim().trim_start_matches('0').to_owned();
        let year = PlanDate::parse(plan.ngay.as_deref()?).ok()?.year;
        if number.is_empty() {
            return None;
        }
        let key = (
            plan.co_quan.ten_goi.value.clone(),
            plan.symbol(),
            year,
            number,
        );
        if let Some((_, first)) = self.seen.iter().find(|(k, _)| *k == key) {
            return Some(
                Diagnostic::error(
                    "KH-NUMBER-DUPLICATE",
                    so.at,
                    kehoach::msg!(
                        "check.duplicate_number",
                        number = so.trim(),
                        symbol = key.1,
                        year = year,
                        first = first.display()
                    ),
                )
                .help(kehoach::msg!("check.duplicate_number_help")),
            );
        }
        self.seen.push((key, file.to_path_buf()));
        None
    }
}
