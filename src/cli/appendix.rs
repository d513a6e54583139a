//! `kehoach appendix export|import`: the task tables as CSV for a spreadsheet, and the
//! edited rows back into the plan's YAML (in place, with a `.bak` of the original).

use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use clap::Subcommand;

use kehoach::appendix_csv::{export, import, splice_appendices};
use kehoach::diag::FileReport;
use kehoach::load::{load_file, load_str};
use kehoach::output::{write_atomic, write_new};

use super::{Outcome, Reporter};

#[derive(clap::Args, Debug)]
pub struct AppendixArgs {
    #[command(subcommand)]
    pub command: AppendixCommand,
}

#[derive(Subcommand, Debug)]
pub enum AppendixCommand {
    /// Write the appendix tasks as CSV (UTF-8 with BOM, opens in Excel) or XLSX.
    Export {
        #[arg(value_name = "PLAN")]
        plan: PathBuf,
        /// The CSV file to write.
        #[arg(
            long,
            value_name = "FILE",
            required_unless_present = "xlsx",
            conflicts_with = "xlsx"
        )]
        csv: Option<PathBuf>,
        /// The Excel workbook (.xlsx) to write.
        #[arg(long, value_name = "FILE")]
        xlsx: Option<PathBuf>,
        /// Replace the file if it already exists.
        #[arg(long)]
        force: bool,
    },
    /// Write edited CSV rows back into the plan's YAML, keeping the rest of the file.
    Import {
        #[arg(value_name = "PLAN")]
        plan: PathBuf,
        /// The CSV file to read.
        #[arg(
            long,
            value_name = "FILE",
            required_unless_present = "xlsx",
            conflicts_with = "xlsx"
        )]
        csv: Option<PathBuf>,
        /// The Excel workbook (.xlsx) to read (its first sheet).
        #[arg(long, value_name = "FILE")]
        xlsx: Option<PathBuf>,
    },
}

pub fn run(args: AppendixArgs, reporter: &mut Reporter) -> Result<Outcome> {
    match args.command {
        AppendixCommand::Export {
            plan,
            csv: _,
            xlsx: Some(xlsx),
            force,
        } => {
            let Some(loaded) = load(&plan, reporter) else {
                return Ok(Outcome::PlanErrors);
            };
            if loaded.phu_luc.is_empty() {
                bail!(kehoach::msg!("appendix.none", plan = plan.display()));
            }
            let bytes = kehoach::appendix_xlsx::export(&loaded).map_err(anyhow::Error::msg)?;
            write_new(&xlsx, &bytes, force).map_err(anyhow::Error::msg)?;
            reporter.info(&kehoach::msg!("io.wrote", path = xlsx.display()));
            Ok(Outcome::Success)
        }
        AppendixCommand::Export {
            plan,
            csv: Some(csv),
            xlsx: None,
            force,
        } => {
            let Some(loaded) = load(&plan, reporter) else {
                return Ok(Outcome::PlanErrors);
            };
            if loaded.phu_luc.is_empty() {
                bail!(kehoach::msg!("appendix.none", plan = plan.display()));
            }
            // A CSV this command wrote before is kehoach's own: re-exporting replaces it.
            let ours = kehoach::appendix_csv::is_appendix_csv(&csv);
            write_new(&csv, export(&loaded).as_bytes(), force || ours)
                .map_err(anyhow::Error::msg)?;
            reporter.info(&kehoach::msg!("io.wrote", path = csv.display()));
            Ok(Outcome::Success)
        }
        AppendixCommand::Import {
            plan,
            csv: _,
            xlsx: Some(xlsx),
        } => import_csv(&plan, &xlsx, true, reporter),
        AppendixCommand::Import {
            plan,
            csv: Some(csv),
            xlsx: None,
        } => import_csv(&plan, &csv, false, reporter),
        // clap requires one of --csv and --xlsx.
        AppendixCommand::Export { .. } | AppendixCommand::Import { .. } => {
            bail!(kehoach::msg!("appendix.csv_or_xlsx"))
        }
    }
}

fn load(path: &Path, reporter: &mut Reporter) -> Option<kehoach::plan::Plan> {
    match load_file(path) {
        Ok(l) => Some(l.plan),
        Err(f) => {
            reporter.file(&FileReport::from(f), Default::default());
            None
        }
    }
}

/// Reads the edited rows (CSV, or an XLSX workbook's first sheet) back into the plan.
fn import_csv(
    plan_path: &Path,
    csv: &Path,
    xlsx: bool,
    reporter: &mut Reporter,
) -> Result<Outcome> {
    let Some(old) = load(plan_path, reporter) else {
        return Ok(Outcome::PlanErrors);
    };
    let bytes = kehoach::files::read_bounded(csv, kehoach::appendix_csv::MAX_CSV_BYTES)
        .with_context(|| kehoach::msg!("io.cannot_read", path = kehoach::output::shown(csv)))?;
    let imported = if xlsx {
        kehoach::appendix_xlsx::import(&old, &bytes)
    } else {
        import(&old, &bytes)
    };
    let new = match imported {
        Ok(p) => p,
        Err(errors) => {
            // A bad row is named as the clerk finds it: a sheet row, or a CSV line.
            for e in &errors {
                let row = if xlsx {
                    kehoach::msg!(
                        "xlsx.row_error",
                        file = csv.display(),
                        row = e.line,
                        message = e.message
                    )
                } else {
                    kehoach::msg!(
                        "appendix.csv_row_error",
                        file = csv.display(),
                        line = e.line,
                        message = e.message
                    )
                };
                eprintln!("{row}");
            }
            reporter.summary(&kehoach::msg!(
                "xlsx.bad_rows",
                n = errors.len(),
                plan = plan_path.display()
            ));
            return Ok(Outcome::PlanErrors);
        }
    };
    if new == old {
        reporter.summary(&kehoach::msg!(
            "appendix.no_changes",
            plan = plan_path.display()
        ));
        return Ok(Outcome::Success);
    }
    let raw = kehoach::files::read_bounded_text(plan_path, kehoach::load::MAX_PLAN_BYTES as u64)
        .with_context(|| {
            kehoach::msg!("io.cannot_read", path = kehoach::output::shown(plan_path))
        })?;
    let (bom, source) = match raw.strip_prefix('\u{feff}') {
        Some(rest) => ("\u{feff}", rest),
        None => ("", raw.as_str()),
    };
    let text = splice_appendices(source, &old, &new).map_err(|why| {
        anyhow::anyhow!(kehoach::msg!(
            "appendix.cannot_edit_why",
            plan = plan_path.display(),
            why = why
        ))
    })?;
    // A plan that could not be loaded again must not be written.
    if text.len() + bom.len() > kehoach::load::MAX_PLAN_BYTES {
        bail!(
            "sau khi nhập, {} sẽ lớn hơn {} byte, giới hạn của một kế hoạch; không thay đổi gì — hãy rút gọn các ô hoặc tách kế hoạch",
            kehoach::output::shown(plan_path),
            kehoach::load::MAX_PLAN_BYTES
        );
    }
    // The proof: the edited file must load to exactly the intended plan.
    match load_str(plan_path, &text) {
        Ok(l) if l.plan == new => {}
        _ => bail!(kehoach::msg!(
            "appendix.cannot_edit",
            plan = plan_path.display()
        )),
    }
    let backup = plan_path.with_file_name(format!(
        "{}.bak",
        plan_path.file_name().unwrap_or_default().to_string_lossy()
    ));
    // Through the guarded writer: a link, FIFO or device left at the `.bak` name is
    // refused, never written through.
    write_atomic(&backup, raw.as_bytes()).with_context(|| {
        kehoach::msg!("io.cannot_write", path = kehoach::output::shown(&backup))
    })?;
    write_atomic(plan_path, format!("{bom}{text}").as_bytes())
        .with_context(|| kehoach::msg!("io.cannot_write", path = plan_path.display()))?;
    reporter.info(&kehoach::msg!(
        "appendix.updated",
        plan = plan_path.display(),
        backup = backup.display()
    ));
    Ok(Outcome::Success)
}
