//! `kehoach render`: plans → DOCX and HTML in the output folder.

use std::path::PathBuf;

use anyhow::{Context, Result};

use kehoach::compose::{ComposeOptions, Templates};
use kehoach::diag::FileReport;
use kehoach::document::dump;
use kehoach::output::{output_path, write_atomic};
use kehoach::pipeline::Engine;
use kehoach::render::Format;

use super::inputs::{plan_files, templates_dir};
use super::report::DiagnosticFormat;
use super::{Outcome, Reporter, TemplateArgs};

#[derive(clap::Args, Debug)]
pub struct RenderArgs {
    /// Plan files, or folders of plans.
    #[arg(required = true, value_name = "PLAN")]
    pub plans: Vec<PathBuf>,
    /// Output folder.
    #[arg(short, long, default_value = "out", value_name = "DIR")]
    pub output: PathBuf,
    /// Formats to write, comma-separated: docx, html.
    #[arg(long, value_delimiter = ',', default_value = "docx,html", value_parser = parse_format)]
    pub format: Vec<Format>,
    /// Print the document tree instead of writing files (for template authors).
    #[arg(long)]
    pub tree: bool,
    /// Write only the appendices (Mẫu 2.1), numbered from page 1.
    #[arg(long)]
    pub appendix_only: bool,
    /// With --appendix-only: the electronic form (Mẫu 2.2), number and date left blank.
    #[arg(long, requires = "appendix_only")]
    pub electronic: bool,
    /// How to print diagnostics.
    #[arg(long, value_enum, default_value_t)]
    pub diagnostic_format: DiagnosticFormat,
    #[command(flatten)]
    pub templates: TemplateArgs,
}

fn parse_format(s: &str) -> Result<Format, String> {
    Format::parse(s).ok_or_else(|| format!("unknown format `{s}`: use docx or html"))
}

pub fn run(args: RenderArgs, reporter: &mut Reporter) -> Result<Outcome> {
    let files = plan_files(&args.plans)?;
    let options = ComposeOptions {
        appendix_only: args.appendix_only,
        electronic: args.electronic,
    };
    let suffix = match (args.appendix_only, args.electronic) {
        (true, true) => "-phu-luc-dien-tu",
        (true, false) => "-phu-luc",
        _ => "",
    };
    let (mut rendered, mut failed) = (0usize, 0usize);
    let mut engines: Vec<(Option<PathBuf>, Engine)> = Vec::new();
    for file in &files {
        let dir = templates_dir(args.templates.templates.as_deref(), file);
        let engine = match engines.iter().position(|(d, _)| *d == dir) {
            Some(i) => &engines[i].1,
            None => {
                let templates = match Templates::load(dir.as_deref()) {
                    Ok(t) => t,
                    Err(e) => {
                        reporter.file(&template_report(e), args.diagnostic_format);
                        return Ok(Outcome::Failure);
                    }
                };
                engines.push((dir.clone(), Engine::new(templates)));
                &engines.last().expect("just pushed").1
            }
        };
        let checked = engine.check_file(file);
        reporter.file(&checked.report, args.diagnostic_format);
        let Some(plan) = checked.plan else {
            failed += 1;
            continue;
        };
        let doc = match engine.compose(&plan, options) {
            Ok(doc) => doc,
            Err(f) => {
                reporter.file(
                    &FileReport {
                        source: f.source,
                        diagnostics: f.diagnostics,
                    },
                    args.diagnostic_format,
                );
                failed += 1;
                continue;
            }
        };
        if args.tree {
            print!("{}", dump(&doc));
            rendered += 1;
            continue;
        }
        let stem = format!(
            "{}{suffix}",
            file.file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or("ke-hoach")
        );
        let mut ok = true;
        for format in &args.format {
            let bytes = match engine.render(&doc, *format) {
                Ok(b) => b,
                Err(e) => {
                    reporter.error(&format!("{}: {e}", file.display()));
                    ok = false;
                    continue;
                }
            };
            // Never write a broken DOCX over a good one: a renderer bug becomes a message.
            // (HTML is not checked here: its page shell is a template users may rewrite
            // as loose HTML; the tests check the built-in one.)
            if let Err(e) = verify_output(*format, &bytes) {
                reporter.error(&format!(
                    "{}: the {} would be damaged ({e}); nothing written. Please report this with the plan file.",
                    file.display(),
                    format.extension().to_uppercase()
                ));
                ok = false;
                continue;
            }
            let path = output_path(&args.output, &stem, format.extension());
            write_atomic(&path, &bytes)
                .with_context(|| format!("cannot write {}", path.display()))?;
            reporter.info(&format!("wrote {}", path.display()));
        }
        if ok {
            rendered += 1;
        } else {
            failed += 1;
        }
    }
    reporter.summary(&format!(
        "{rendered}/{} plans rendered, {failed} failed, {} warnings",
        files.len(),
        reporter.warnings
    ));
    Ok(if failed > 0 {
        Outcome::PlanErrors
    } else {
        Outcome::Success
    })
}

/// The structural checks of [`kehoach::verify`] that apply to an output format.
fn verify_output(format: Format, bytes: &[u8]) -> Result<(), kehoach::verify::Malformed> {
    match format {
        Format::Docx => kehoach::verify::docx_package(bytes),
        Format::Html => Ok(()),
    }
}

/// A template that failed to load, as a report against its own file.
pub fn template_report(e: kehoach::compose::TemplateError) -> FileReport {
    use kehoach::diag::{Diagnostic, Source};
    use kehoach::plan::Loc;
    let at = if e.line > 0 {
        Loc {
            line: e.line,
            col: e.col.max(1),
            offset: 0,
            len: 0,
        }
    } else {
        Loc::UNKNOWN
    };
    FileReport {
        source: Source::new(&e.file, e.text),
        diagnostics: vec![Diagnostic::error("KH-TEMPLATE", at, e.message).help(
            "fix the template; `kehoach templates dump DIR` writes the built-in ones to compare",
        )],
    }
}
