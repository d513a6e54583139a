//! `kehoach import`: a plan typed in Word or LibreOffice → plan YAML.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{Context, Result};

use kehoach::import::import_file;
use kehoach::output::write_new;

use super::{Outcome, Reporter};

/// The largest DOCX read (the importer's own package limit).
pub(super) const MAX_DOCX_BYTES: u64 = 100 * 1024 * 1024;

#[derive(clap::Args, Debug)]
pub struct ImportArgs {
    /// The DOCX or PDF file to read (written by Word, LibreOffice or kehoach).
    #[arg(value_name = "FILE")]
    pub docx: PathBuf,
    /// Where to write the plan YAML (default: standard output).
    #[arg(short, long, value_name = "YAML")]
    pub output: Option<PathBuf>,
    /// Replace the file given with -o if it already exists.
    #[arg(long)]
    pub force: bool,
}

pub fn run(args: ImportArgs, reporter: &mut Reporter) -> Result<Outcome> {
    let bytes = kehoach::files::read_bounded(&args.docx, MAX_DOCX_BYTES).with_context(|| {
        kehoach::msg!("io.cannot_read", path = kehoach::output::shown(&args.docx))
    })?;
    let imported = match import_file(bytes) {
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
        .map_err(|e| anyhow::anyhow!(kehoach::msg!("import.cannot_write_yaml", why = e)))?;
    match &args.output {
        Some(path) => {
            write_new(path, yaml.as_bytes(), args.force).map_err(anyhow::Error::msg)?;
            reporter.info(&kehoach::msg!(
                "io.wrote",
                path = kehoach::output::shown(path)
            ));
        }
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(yaml.as_bytes())
                .and_then(|()| out.flush())
                .map_err(|e| {
                    anyhow::anyhow!(
                        "không ghi được ra đầu ra chuẩn: {}",
                        kehoach::files::describe_io(&e)
                    )
                })?;
        }
    }
    let report = imported.report.to_string();
    if !report.is_empty() {
        for line in report.lines() {
            reporter.info(&format!("{}: {line}", args.docx.display()));
        }
    }
    reporter.summary(&kehoach::msg!(
        "import.summary",
        path = args.docx.display(),
        unplaced = imported.report.unplaced.len(),
        notes = imported.report.notes.len()
    ));
    Ok(Outcome::Success)
}
