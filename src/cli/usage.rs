//! Parsing the command line with clap's own words in the catalogue's language: clap
//! writes its errors ("unexpected argument", "required arguments were not provided")
//! and its help annotations ("[default: …]", "[possible values: …]") in English, so
//! the errors are rebuilt here from their kind and context, and the annotations are
//! written by [`annotate`]. Usage errors exit with 2, as clap's do.

use std::ffi::OsString;
use std::io::Write;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::FromArgMatches;

use super::{localised_command, Cli};

/// The parsed command line; on a usage error, prints it in the chosen language and
/// exits with 2 (help and version print as clap prints them, exit 0).
pub fn parse(args: Vec<OsString>) -> Cli {
    let parsed = localised_command()
        .try_get_matches_from(args)
        .and_then(|m| Cli::from_arg_matches(&m));
    match parsed {
        Ok(cli) => cli,
        Err(e) => fail(e),
    }
}

fn fail(e: clap::Error) -> ! {
    match e.kind() {
        ErrorKind::DisplayVersion => e.exit(),
        // Written without print!, which panics on a closed pipe (`kehoach --help | head`).
        ErrorKind::DisplayHelp => {
            let mut out = std::io::stdout().lock();
            let _ = out.write_all(placeholders(&e.render().to_string()).as_bytes());
            let _ = out.flush();
            std::process::exit(0)
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = std::io::stderr().write_all(placeholders(&e.render().to_string()).as_bytes());
            std::process::exit(2)
        }
        _ => {
            let _ = std::io::stderr().write_all(explain(&e).as_bytes());
            std::process::exit(2)
        }
    }
}

/// Clap's fixed usage words, `[OPTIONS]` and `<COMMAND>`, in the catalogue's language.
fn placeholders(text: &str) -> String {
    text.replace("[OPTIONS]", &kehoach::msg!("cli.usage_options"))
        .replace("<COMMAND>", &kehoach::msg!("cli.usage_command"))
}

/// An argument's value names (`<PLAN>`, `<DIR>`) in the catalogue's language
/// (`cli.value.<NAME>`), where it has them.
pub fn value_names(a: clap::Arg) -> clap::Arg {
    if !a.get_action().takes_values() {
        return a;
    }
    let names: Vec<String> = match a.get_value_names() {
        Some(names) => names.iter().map(ToString::to_string).collect(),
        None => vec![a.get_id().as_str().to_uppercase()],
    };
    let local: Vec<String> = names
        .iter()
        .map(|n| {
            kehoach::i18n::lookup(&format!("cli.value.{n}"))
                .map(|v| v.into_owned())
                .unwrap_or_else(|| n.clone())
        })
        .collect();
    if local == names {
        a
    } else {
        a.value_names(local)
    }
}

fn text(v: &ContextValue) -> String {
    match v {
        ContextValue::String(s) => s.clone(),
        ContextValue::Strings(s) => s.join(", "),
        ContextValue::StyledStr(s) => s.to_string(),
        ContextValue::StyledStrs(s) => s
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", "),
        ContextValue::Number(n) => n.to_string(),
        ContextValue::Bool(b) => b.to_string(),
        _ => String::new(),
    }
}

/// A clap error as the catalogue says it: what is wrong, a suggestion if clap has
/// one, the usage line and where to read more.
pub fn explain(e: &clap::Error) -> String {
    let get = |k: ContextKind| e.get(k).map(text).unwrap_or_default();
    let arg = get(ContextKind::InvalidArg);
    let value = get(ContextKind::InvalidValue);
    let what = match e.kind() {
        ErrorKind::UnknownArgument => kehoach::msg!("cli.error.unknown_argument", arg = arg),
        ErrorKind::InvalidSubcommand => kehoach::msg!(
            "cli.error.unknown_command",
            command = get(ContextKind::InvalidSubcommand)
        ),
        ErrorKind::InvalidValue if value.is_empty() => {
            kehoach::msg!("cli.error.value_missing", arg = arg)
        }
        ErrorKind::InvalidValue => {
            kehoach::msg!("cli.error.invalid_value", arg = arg, value = value)
        }
        ErrorKind::ValueValidation => {
            // The value parsers of kehoach explain in the catalogue's language; the
            // standard ones (numbers) in English, so only the value is named then.
            let why = std::error::Error::source(e)
                .map(ToString::to_string)
                .filter(|w| !w.is_ascii());
            match why {
                Some(why) => kehoach::msg!(
                    "cli.error.invalid_value_why",
                    arg = arg,
                    value = value,
                    why = why
                ),
                None => kehoach::msg!("cli.error.invalid_value", arg = arg, value = value),
            }
        }
        ErrorKind::MissingRequiredArgument => {
            kehoach::msg!("cli.error.missing", args = arg)
        }
        ErrorKind::MissingSubcommand => kehoach::msg!("cli.error.missing_command"),
        ErrorKind::ArgumentConflict => {
            let other = get(ContextKind::PriorArg);
            kehoach::msg!("cli.error.conflict", arg = arg, other = other)
        }
        ErrorKind::NoEquals => kehoach::msg!("cli.error.no_equals", arg = arg),
        ErrorKind::TooManyValues => {
            kehoach::msg!("cli.error.too_many", arg = arg, value = value)
        }
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            kehoach::msg!("cli.error.wrong_number", arg = arg)
        }
        ErrorKind::InvalidUtf8 => kehoach::msg!("cli.error.not_utf8"),
        _ => kehoach::msg!("cli.error.other"),
    };
    let mut out = format!("kehoach: {}: {what}\n", kehoach::msg!("report.error"));
    let valid = get(ContextKind::ValidValue);
    if !valid.is_empty() {
        out += &format!("  {}\n", kehoach::msg!("cli.error.valid", values = valid));
    }
    for k in [
        ContextKind::SuggestedArg,
        ContextKind::SuggestedSubcommand,
        ContextKind::SuggestedValue,
    ] {
        let s = get(k);
        if !s.is_empty() {
            out += &format!("  {}\n", kehoach::msg!("cli.error.did_you_mean", it = s));
        }
    }
    let usage = get(ContextKind::Usage);
    let usage = usage.trim();
    if !usage.is_empty() {
        let line = usage.strip_prefix("Usage:").unwrap_or(usage).trim();
        out += &format!("\n{} {line}\n", kehoach::msg!("cli.heading.usage"));
    }
    out += &format!("\n{}\n", kehoach::msg!("cli.error.more"));
    placeholders(&out)
}

/// An argument's help with its default and its accepted values in the catalogue's
/// language, in place of clap's "[default: …]" and "[possible values: …]".
pub fn annotate(a: clap::Arg, help: Option<String>) -> clap::Arg {
    if !a.get_action().takes_values() {
        return match help {
            Some(h) => a.help(h),
            None => a,
        };
    }
    let mut help = help
        .or_else(|| a.get_help().map(ToString::to_string))
        .unwrap_or_default();
    let defaults: Vec<String> = a
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    let values: Vec<String> = a
        .get_possible_values()
        .iter()
        .filter(|p| !p.is_hide_set())
        .map(|p| p.get_name().to_owned())
        .collect();
    if !defaults.is_empty() && !a.is_hide_default_value_set() {
        help += &format!(
            " [{}]",
            kehoach::msg!("cli.default", value = defaults.join(","))
        );
    }
    if !values.is_empty() && !a.is_hide_possible_values_set() {
        help += &format!(
            " [{}]",
            kehoach::msg!("cli.values", values = values.join(", "))
        );
    }
    a.help(help)
        .hide_default_value(true)
        .hide_possible_values(true)
}
