//! `kehoach import`: a plan typed in Word or LibreOffice → plan YAML.

use std::path::PathBuf;

use anyhow::{Context, Result};

use kehoach::import::import_docx;
use kehoach::output::write_atomic;

use super::{Outcome, Reporter};

#[derive(clap::Args, Debug)]
pub struct ImportArgs {
    /// The DOCX file to read (written by Word, LibreOffice or kehoach).
    #[arg(value_name = "DOCX")]
    pub docx: PathBuf,
    /// Where to write the plan YAML (default: standard output).
    #[arg(short, long, value_name = "YAML")]
    pub output: Option<PathBuf>,
}

pub fn run(args: ImportArgs, reporter: &mut Reporter) -> Result<Outcome> {
    let bytes = std::fs::read(&args.docx)
        .with_context(|| kehoach::msg!("io.cannot_read", path = args.docx.display()))?;
    let imported = match import_docx(bytes) {
        Ok(i) => i,
        Err(e) => {
            reporter.error(&kehoach::msg!(
                "import.failed",
                path = args.docx.display(),
                why = e
            ));
            return Ok(Outcome::Failure);
        }
    };
    let yaml = kehoach::import::to_yaml(&imported.plan, &args.docx)
        .map_err(|e| anyhow::anyhow!("cannot write the plan as YAML: {e}"))?;
    match &args.output {
        Some(path) => {
            write_atomic(path, yaml.as_bytes())
                .with_context(|| kehoach::msg!("io.cannot_write", path = path.display()))?;
            reporter.info(&kehoach::msg!("io.wrote", path = path.display()));
        }
        None => print!("{yaml}"),
    }
    let report = imported.report.to_string();
    if !report.is_empty() {
        for line in report.lines() {
            reporter.info(&format!("{}: {line}", args.docx.display()));
        }
    }
    reporter.summary(&format!(
        "imported {}: {} paragraphs not placed (kept under chua_xep), {} notes",
        args.docx.display(),
        imported.report.unplaced.len(),
        imported.report.notes.len()
    ));
    Ok(Outcome::Success)
}
