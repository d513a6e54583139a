//! `kehoach schema`: the JSON Schema of plan files, for editors' autocompletion.

use std::path::PathBuf;

use anyhow::{Context, Result};

use kehoach::output::write_atomic;

use super::{Outcome, Reporter};

#[derive(clap::Args, Debug)]
pub struct SchemaArgs {
    /// Write to this file instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

pub fn run(args: SchemaArgs, reporter: &mut Reporter) -> Result<Outcome> {
    let text = kehoach::plan::json_schema();
    match args.output {
        Some(path) => {
            write_atomic(&path, text.as_bytes())
                .with_context(|| format!("cannot write {}", path.display()))?;
            reporter.info(&format!("wrote {}", path.display()));
        }
        None => println!("{text}"),
    }
    Ok(Outcome::Success)
}
