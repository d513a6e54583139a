//! `kehoach check --docx`: DOCX files measured against Decree 30's layout.

use anyhow::Result;

use kehoach::diag::{render_json, Diagnostic, FileReport, Source};
use kehoach::layout_check::check_docx;

use super::check::CheckArgs;
use super::report::DiagnosticFormat;
use super::{Outcome, Reporter};

pub fn run(args: &CheckArgs, reporter: &mut Reporter) -> Result<Outcome> {
    let mut reports: Vec<FileReport> = Vec::new();
    let mut unreadable = false;
    for path in &args.plans {
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) => {
                reporter.error(&format!("{}: cannot read: {e}", path.display()));
                unreadable = true;
                continue;
            }
        };
        match check_docx(path, bytes) {
            Ok(found) => reports.push(FileReport {
                source: found.source,
                diagnostics: found.diagnostics,
            }),
            Err(e) => {
                reporter.error(&format!("{}: cannot check: {e}", path.display()));
                unreadable = true;
            }
        }
    }
    let (errors, warnings) = reports
        .iter()
        .fold((0, 0), |(e, w), r| (e + r.errors(), w + r.warnings()));
    if args.format == DiagnosticFormat::Json {
        let findings: Vec<(&Diagnostic, &Source)> = reports
            .iter()
            .flat_map(|r| r.diagnostics.iter().map(move |d| (d, &r.source)))
            .collect();
        println!("{}", render_json(&findings));
    } else {
        for r in &reports {
            reporter.file(r, args.format);
        }
        let clean = reports.iter().filter(|r| r.diagnostics.is_empty()).count();
        reporter.summary(&format!(
            "checked {} DOCX files: {errors} errors, {warnings} warnings ({clean} clean)",
            reports.len()
        ));
    }
    Ok(if unreadable {
        Outcome::Failure
    } else if errors > 0 || (args.deny_warnings && warnings > 0) {
        Outcome::PlanErrors
    } else {
        Outcome::Success
    })
}
