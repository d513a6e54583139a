//! `kehoach templates`: list the built-in templates or write them out to start from.

use std::path::PathBuf;

use anyhow::{bail, Context, Result};

use kehoach::compose::{builtin_names, builtin_text};
use kehoach::output::write_atomic;

use super::{Outcome, Reporter};

#[derive(clap::Args, Debug)]
pub struct TemplatesArgs {
    #[command(subcommand)]
    pub action: TemplatesAction,
}

#[derive(clap::Subcommand, Debug)]
pub enum TemplatesAction {
    /// List the built-in templates.
    List,
    /// Write the built-in templates into DIR (existing files are kept unless --force).
    Dump {
        dir: PathBuf,
        #[arg(long)]
        force: bool,
    },
}

pub fn run(args: TemplatesArgs, reporter: &mut Reporter) -> Result<Outcome> {
    match args.action {
        TemplatesAction::List => {
            for name in builtin_names() {
                println!("{name}");
            }
        }
        TemplatesAction::Dump { dir, force } => {
            for name in builtin_names() {
                let path = dir.join(name);
                if path.exists() && !force {
                    bail!(kehoach::msg!("io.exists_force", path = path.display()));
                }
                let text = builtin_text(name).unwrap_or_default();
                write_atomic(&path, text.as_bytes())
                    .with_context(|| kehoach::msg!("io.cannot_write", path = path.display()))?;
                reporter.info(&kehoach::msg!("io.wrote", path = path.display()));
            }
        }
    }
    Ok(Outcome::Success)
}
