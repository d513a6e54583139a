//! The command line: one module per command, each with its `Args` and a `run`.
//! `main` only parses and maps the outcome to an exit code.

mod appendix;
mod check;
mod check_docx;
mod derive;
mod export;
mod import;
mod inputs;
mod new;
mod reformat;
mod render;
mod report;
mod schema;
mod since;
mod templates;
mod unit;
mod usage;
mod watch;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

pub use report::Reporter;
pub use usage::parse;

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
    /// Language of messages and help: vi (default) or en; also KEHOACH_LANG.
    #[arg(long, global = true, value_name = "vi|en")]
    pub lang: Option<String>,
}

/// The language asked for on the command line (`--lang en`, `--lang=en`), read before
/// clap parses so that `--help` and clap's own messages come out in that language.
pub fn lang_flag(args: &[std::ffi::OsString]) -> Option<String> {
    let mut it = args.iter().map(|a| a.to_string_lossy());
    while let Some(a) = it.next() {
        if a == "--" {
            break;
        }
        if a == "--lang" {
            return it.next().map(|v| v.into_owned());
        }
        if let Some(v) = a.strip_prefix("--lang=") {
            return Some(v.to_owned());
        }
    }
    None
}

/// The command line with every help text, heading and description taken from the
/// message catalogue in the chosen language (`cli.<command path>.<argument id>`;
/// `._about` for a command's description).
pub fn localised_command() -> clap::Command {
    use clap::CommandFactory;
    localise(Cli::command(), "cli", true)
}

fn localise(mut c: clap::Command, path: &str, top: bool) -> clap::Command {
    use kehoach::i18n::lookup;
    if let Some(about) = lookup(&format!("{path}._about")) {
        c = c.about(about.into_owned());
    }
    let options = kehoach::msg!("cli.heading.options");
    let arguments = kehoach::msg!("cli.heading.arguments");
    let ids: Vec<(String, bool)> = c
        .get_arguments()
        .filter(|a| !a.is_global_set() || top)
        .map(|a| (a.get_id().to_string(), a.is_positional()))
        .collect();
    for (id, positional) in ids {
        let help = lookup(&format!("{path}.{id}")).map(|h| h.into_owned());
        let heading = if positional { &arguments } else { &options };
        c = c.mut_arg(id, |a| {
            usage::value_names(usage::annotate(a.help_heading(heading.clone()), help))
        });
    }
    c = c
        .disable_help_flag(true)
        .arg(
            clap::Arg::new("help")
                .short('h')
                .long("help")
                .action(clap::ArgAction::Help)
                .help(kehoach::msg!("cli.help"))
                .help_heading(options.clone()),
        )
        .subcommand_help_heading(kehoach::msg!("cli.heading.commands"))
        .help_template(format!(
            "{{about-with-newline}}\n{} {{usage}}\n\n{{all-args}}{{after-help}}",
            kehoach::msg!("cli.heading.usage")
        ));
    if top {
        c = c.disable_version_flag(true).arg(
            clap::Arg::new("version")
                .short('V')
                .long("version")
                .action(clap::ArgAction::Version)
                .help(kehoach::msg!("cli.version"))
                .help_heading(options),
        );
    }
    let subs: Vec<String> = c
        .get_subcommands()
        .map(|s| s.get_name().to_owned())
        .collect();
    for name in subs {
        let sub_path = format!("{path}.{name}");
        c = c.mut_subcommand(name, |sc| localise(sc, &sub_path, false));
    }
    c.disable_help_subcommand(true)
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Start a new plan from a commented skeleton.
    New(new::NewArgs),
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
    /// Tệp đơn vị (units/*.yaml): `unit new "xã …, tỉnh …"` tạo từ danh mục đơn vị hành chính.
    Unit(unit::UnitArgs),
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
        Command::New(args) => new::run(args, &mut reporter),
        Command::Render(args) => render::run(args, &mut reporter),
        Command::Check(args) => check::run(args, &mut reporter),
        Command::Export(args) => export::run(args, &mut reporter),
        Command::Derive(args) => derive::run(args, &mut reporter),
        Command::Import(args) => import::run(args, &mut reporter),
        Command::Reformat(args) => reformat::run(args, &mut reporter),
        Command::Schema(args) => schema::run(args, &mut reporter),
        Command::Templates(args) => templates::run(args, &mut reporter),
        Command::Appendix(args) => appendix::run(args, &mut reporter),
        Command::Unit(args) => unit::run(args, &mut reporter),
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

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    fn keys(c: &clap::Command, path: &str, out: &mut Vec<String>) {
        out.push(format!("{path}._about"));
        for a in c.get_arguments() {
            out.push(format!("{path}.{}", a.get_id()));
        }
        for s in c.get_subcommands() {
            keys(s, &format!("{path}.{}", s.get_name()), out);
        }
    }

    /// Every command and argument has its help in both catalogues.
    #[test]
    fn every_help_text_has_its_vietnamese_and_english() {
        let mut all = Vec::new();
        keys(&super::Cli::command(), "cli", &mut all);
        assert!(all.len() > 40);
        let missing: Vec<String> = all
            .iter()
            .flat_map(|key| {
                kehoach::i18n::LANGUAGES
                    .iter()
                    .filter(|lang| !kehoach::i18n::has(lang, key))
                    .map(move |lang| format!("{lang}: {key}"))
            })
            .collect();
        assert!(missing.is_empty(), "no text for:\n{}", missing.join("\n"));
    }

    #[test]
    fn the_language_flag_is_read_before_parsing() {
        let args = |a: &[&str]| -> Vec<std::ffi::OsString> { a.iter().map(|s| s.into()).collect() };
        assert_eq!(
            super::lang_flag(&args(&["kehoach", "--lang", "en", "check"])).as_deref(),
            Some("en")
        );
        assert_eq!(
            super::lang_flag(&args(&["kehoach", "check", "--lang=en"])).as_deref(),
            Some("en")
        );
        assert_eq!(
            super::lang_flag(&args(&["kehoach", "check", "--", "--lang=en"])),
            None
        );
        assert_eq!(super::lang_flag(&args(&["kehoach", "check"])), None);
    }
}
