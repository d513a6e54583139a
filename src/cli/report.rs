//! Printing to the terminal: diagnostics, per-file lines, the closing summary. Every
//! message without a source position starts with `kehoach: ` (ripgrep's habit).

use std::io::{IsTerminal, Write};

use kehoach::diag::{render_human, render_short, FileReport};

use super::ColorChoice;

/// How diagnostics are printed.
#[derive(clap::ValueEnum, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum DiagnosticFormat {
    /// A framed report with the line and a caret.
    #[default]
    Human,
    /// One line each: file:line:col: severity[RULE]: message.
    Short,
    /// A JSON array of findings on standard output.
    Json,
}

pub struct Reporter {
    color: bool,
    quiet: bool,
    pub errors: usize,
    pub warnings: usize,
}

impl Reporter {
    pub fn new(choice: ColorChoice, quiet: bool) -> Reporter {
        let color = match choice {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none()
            }
        };
        Reporter {
            color,
            quiet,
            errors: 0,
            warnings: 0,
        }
    }

    /// Prints a file's diagnostics (errors always, warnings unless quiet) and counts them.
    pub fn file(&mut self, report: &FileReport, format: DiagnosticFormat) {
        self.errors += report.errors();
        self.warnings += report.warnings();
        let mut err = std::io::stderr().lock();
        for d in &report.diagnostics {
            if self.quiet && !d.is_error() {
                continue;
            }
            let text = match format {
                DiagnosticFormat::Short => render_short(d, &report.source),
                _ => render_human(d, &report.source, self.color),
            };
            let _ = writeln!(err, "{}", text.trim_end());
        }
    }

    pub fn is_quiet(&self) -> bool {
        self.quiet
    }

    /// A line of progress ("wrote out/x.docx").
    pub fn info(&self, message: &str) {
        if !self.quiet {
            eprintln!("{message}");
        }
    }

    /// A warning that belongs to no file position (counted like a diagnostic's).
    pub fn warning(&mut self, message: &str) {
        self.warnings += 1;
        if !self.quiet {
            eprintln!("kehoach: {}: {message}", kehoach::msg!("report.warning"));
        }
    }

    pub fn error(&mut self, message: &str) {
        eprintln!("kehoach: {}: {message}", kehoach::msg!("report.error"));
    }

    pub fn summary(&self, message: &str) {
        eprintln!("{message}");
    }
}

/// Prints the findings of a `check` run (human, short or JSON) with the closing summary
/// ("checked 3 plans: …"), and returns the number of errors and warnings.
pub fn print_findings(
    reporter: &mut Reporter,
    reports: &[FileReport],
    format: DiagnosticFormat,
    what: &str,
) -> (usize, usize) {
    let (errors, warnings) = reports
        .iter()
        .fold((0, 0), |(e, w), r| (e + r.errors(), w + r.warnings()));
    if format == DiagnosticFormat::Json {
        let findings: Vec<(&kehoach::diag::Diagnostic, &kehoach::diag::Source)> = reports
            .iter()
            .flat_map(|r| r.diagnostics.iter().map(move |d| (d, &r.source)))
            .collect();
        println!("{}", kehoach::diag::render_json(&findings));
    } else {
        for r in reports {
            reporter.file(r, format);
        }
        let clean = reports.iter().filter(|r| r.diagnostics.is_empty()).count();
        let what = match what {
            "plans" => kehoach::msg!("report.plans"),
            _ => kehoach::msg!("report.docx_files"),
        };
        reporter.summary(&kehoach::msg!(
            "report.checked",
            n = reports.len(),
            what = what,
            errors = errors,
            warnings = warnings,
            clean = clean
        ));
    }
    (errors, warnings)
}
