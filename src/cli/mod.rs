//! The command line: one module per command, each with its `Args` and a `run`.
//! `main` only parses and maps the outcome to an exit code.

mod appendix;
mod check;
mod check_docx;
mod derive;
mod export;
mod import;
mod inputs;
mod reformat;
mod render;
mod report;
mod schema;
mod since;
mod templates;
mod watch;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

pub use report::Reporter;

/// kehoach — soạn kế hoạch theo Nghị định 30/2020/NĐ-CP: YAML → DOCX và HTML.
#[derive(Parser, Debug)]
#[command(name = "kehoach", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// Colour in messages: auto, always, never.
    #[arg(long, global = true, default_value = "auto", value_name = "WHEN")]
    pub color: ColorChoice,
    /// Print only errors and the summary.
    #[arg(short, long, global = true)]
    pub quiet: bool,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Render plans (files or folders) to DOCX and HTML.
    Render(render::RenderArgs),
    /// Export every plan into a year-by-year archive with manifest and registers.
    Export(export::ExportArgs),
    /// Check plans and report problems (exit 1 if any error).
    Check(check::CheckArgs),
    /// Draft a unit's plan that carries out a parent plan, or (--report) compare a draft with its parent.
    Derive(derive::DeriveArgs),
    /// Read a plan from a DOCX (typed in Word or LibreOffice) and write its YAML.
    Import(import::ImportArgs),
    /// Chuẩn hóa thể thức: nhập một DOCX, kiểm tra và trình bày lại theo Nghị định 30 (giữ nguyên nội dung).
    Reformat(reformat::ReformatArgs),
    /// Print the JSON Schema of the plan YAML (for editor autocompletion).
    Schema(schema::SchemaArgs),
    /// List the built-in templates, or write them to a folder to start overriding.
    Templates(templates::TemplatesArgs),
    /// Export the appendix tasks to CSV, or import edited rows back into the plan.
    Appendix(appendix::AppendixArgs),
}

/// How a command ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Everything worked (warnings allowed).
    Success,
    /// At least one plan had errors (the others were still processed).
    PlanErrors,
    /// The command could not run (bad arguments, unreadable template folder, …).
    Failure,
}

impl Outcome {
    pub fn exit_code(self) -> ExitCode {
        match self {
            Outcome::Success => ExitCode::SUCCESS,
            Outcome::PlanErrors => ExitCode::from(1),
            Outcome::Failure => ExitCode::from(2),
        }
    }
}

pub fn run(cli: Cli) -> Outcome {
    let mut reporter = Reporter::new(cli.color, cli.quiet);
    let outcome = match cli.command {
        Command::Render(args) => render::run(args, &mut reporter),
        Command::Check(args) => check::run(args, &mut reporter),
        Command::Export(args) => export::run(args, &mut reporter),
        Command::Derive(args) => derive::run(args, &mut reporter),
        Command::Import(args) => import::run(args, &mut reporter),
        Command::Reformat(args) => reformat::run(args, &mut reporter),
        Command::Schema(args) => schema::run(args, &mut reporter),
        Command::Templates(args) => templates::run(args, &mut reporter),
        Command::Appendix(args) => appendix::run(args, &mut reporter),
    };
    match outcome {
        Ok(o) => o,
        Err(e) => {
            reporter.error(&format!("{e:#}"));
            Outcome::Failure
        }
    }
}

/// Shared by commands that compose: where the templates come from.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct TemplateArgs {
    /// A folder of templates overriding the built-in ones by name (default: a
    /// `templates/` folder beside the plans, if there is one).
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
}
