//! `kehoach schema`: the JSON Schema of plan files, for editors' autocompletion.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{Context, Result};

use kehoach::output::write_new;

use super::{Outcome, Reporter};

#[derive(clap::Args, Debug)]
pub struct SchemaArgs {
    /// Write to this file instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace the file given with -o if it already exists.
    #[arg(long)]
    pub force: bool,
}

pub fn run(args: SchemaArgs, reporter: &mut Reporter) -> Result<Outcome> {
    let text = kehoach::plan::json_schema();
    match args.output {
        Some(path) => {
            write_new(&path, text.as_bytes(), args.force).map_err(anyhow::Error::msg)?;
            reporter.info(&kehoach::msg!(
                "io.wrote",
                path = kehoach::output::shown(&path)
            ));
        }
        None => {
            // A full disk or a closed pipe is a failure, not a silent success.
            let mut out = std::io::stdout().lock();
            writeln!(out, "{text}")
                .and_then(|()| out.flush())
                .map_err(|e| {
                    anyhow::anyhow!(
                        "không ghi được ra đầu ra chuẩn: {}",
                        kehoach::files::describe_io(&e)
                    )
                })
                .context("schema")?;
        }
    }
    Ok(Outcome::Success)
}
