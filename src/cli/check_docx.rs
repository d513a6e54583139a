//! `kehoach check --docx`: DOCX files measured against Decree 30's layout.

use anyhow::Result;

use kehoach::diag::FileReport;
use kehoach::layout_check::check_docx;

use super::check::CheckArgs;
use super::report::print_findings;
use super::{Outcome, Reporter};

pub fn run(args: &CheckArgs, reporter: &mut Reporter) -> Result<Outcome> {
    let mut reports: Vec<FileReport> = Vec::new();
    let mut unreadable = false;
    for path in &args.plans {
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) => {
                reporter.error(&kehoach::msg!(
                    "check_docx.cannot_read",
                    path = path.display(),
                    why = e
                ));
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
                reporter.error(&kehoach::msg!(
                    "check_docx.cannot_check",
                    path = path.display(),
                    why = e
                ));
                unreadable = true;
            }
        }
    }
    let (errors, warnings) = print_findings(reporter, &reports, args.format, "DOCX files");
    Ok(if unreadable {
        Outcome::Failure
    } else if errors > 0 || (args.deny_warnings && warnings > 0) {
        Outcome::PlanErrors
    } else {
        Outcome::Success
    })
}
