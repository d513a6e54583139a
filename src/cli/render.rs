//! `kehoach render`: plans → DOCX and HTML in the output folder; with `--since`, the
//! differences from an old version as tracked changes; with `--watch`, again on each save.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};

use kehoach::compare::{compare, Stamp};
use kehoach::compose::{ComposeOptions, Templates};
use kehoach::diag::FileReport;
use kehoach::document::{dump, Document};
use kehoach::export::pdf::{times_new_roman_substitute, PdfConverter};
use kehoach::output::{output_path, write_atomic};
use kehoach::pipeline::Engine;
use kehoach::plan::Plan;
use kehoach::render::Format;

use super::inputs::{plan_files, templates_dir};
use super::report::DiagnosticFormat;
use super::since::OldVersion;
use super::watch::{watch, Rerender};
use super::{Outcome, Reporter, TemplateArgs};

#[derive(clap::Args, Debug)]
pub struct RenderArgs {
    /// Plan files, or folders of plans.
    #[arg(required = true, value_name = "PLAN")]
    pub plans: Vec<PathBuf>,
    /// Output folder.
    #[arg(short, long, default_value = "out", value_name = "DIR")]
    pub output: PathBuf,
    /// Formats to write, comma-separated: docx, html, pdf (PDF/A-2b through LibreOffice).
    #[arg(long, value_delimiter = ',', default_value = "docx,html", value_parser = parse_format)]
    pub format: Vec<OutFormat>,
    /// Print the document tree instead of writing files (for template authors).
    #[arg(long)]
    pub tree: bool,
    /// Write only the appendices (Mẫu 2.1), numbered from page 1.
    #[arg(long)]
    pub appendix_only: bool,
    /// With --appendix-only: the electronic form (Mẫu 2.2), number and date left blank.
    #[arg(long, requires = "appendix_only")]
    pub electronic: bool,
    /// Compare with an old version of the plan (a file, or `git:REV` for this file in
    /// git) and write the DOCX and HTML with the differences as tracked changes.
    #[arg(long, value_name = "OLD", value_parser = OldVersion::parse)]
    pub since: Option<OldVersion>,
    /// With --since: the author of the changes (default: the issuing body's short name).
    #[arg(long, requires = "since", value_name = "NAME")]
    pub author: Option<String>,
    /// Render again each time a plan or a template is saved (Ctrl-C to stop).
    #[arg(long, conflicts_with = "tree")]
    pub watch: bool,
    /// With --watch: stop after this many re-renders (for tests).
    #[arg(long, hide = true, requires = "watch", value_name = "N")]
    pub watch_limit: Option<usize>,
    /// Render a draft even if `check` finds errors in it (an issued plan, with a number
    /// and a full date, is always rendered as signed).
    #[arg(long)]
    pub force: bool,
    /// How to print diagnostics.
    #[arg(long, value_enum, default_value_t)]
    pub diagnostic_format: DiagnosticFormat,
    #[command(flatten)]
    pub templates: TemplateArgs,
}

/// A format `render` writes: one of the renderers', or PDF made from the DOCX.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutFormat {
    File(Format),
    Pdf,
}

fn parse_format(s: &str) -> Result<OutFormat, String> {
    if s.trim().eq_ignore_ascii_case("pdf") {
        return Ok(OutFormat::Pdf);
    }
    if ["human", "short", "json"].contains(&s.trim().to_ascii_lowercase().as_str()) {
        return Err(kehoach::msg!("render.format_is_files", format = s.trim()));
    }
    Format::parse(s)
        .map(OutFormat::File)
        .ok_or_else(|| kehoach::msg!("render.unknown_format", format = s))
}

pub fn run(args: RenderArgs, reporter: &mut Reporter) -> Result<Outcome> {
    let files = plan_files(&args.plans)?;
    if args.since.is_some() && files.len() != 1 {
        bail!(kehoach::msg!("render.since_one_plan", n = files.len()));
    }
    let mut session = Session::new(&args);
    let (mut rendered, mut failed) = (0usize, 0usize);
    for file in &files {
        match session.render(file, reporter)? {
            Done::Rendered => rendered += 1,
            Done::Failed => failed += 1,
            Done::Stop => return Ok(Outcome::Failure),
        }
    }
    reporter.summary(&kehoach::msg!(
        "render.summary",
        rendered = rendered,
        total = files.len(),
        failed = failed,
        warnings = reporter.warnings
    ));
    if args.watch {
        let template_dirs: BTreeSet<PathBuf> = files
            .iter()
            .filter_map(|f| templates_dir(args.templates.templates.as_deref(), f))
            .collect();
        let template_dirs: Vec<PathBuf> = template_dirs.into_iter().collect();
        watch(&files, &template_dirs, args.watch_limit, |job| {
            let again = match job {
                Rerender::All => {
                    // Templates changed: load them afresh.
                    session.engines.clear();
                    files.clone()
                }
                Rerender::Plans(plans) => plans,
            };
            for file in &again {
                if session.render(file, reporter)? == Done::Stop {
                    reporter.error(&kehoach::msg!("render.watch_fix_template"));
                    session.engines.clear();
                }
            }
            Ok(())
        })?;
    }
    Ok(if failed > 0 {
        Outcome::PlanErrors
    } else {
        Outcome::Success
    })
}

/// How one plan's render ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Done {
    Rendered,
    /// The plan (or its old version) has errors; the others go on.
    Failed,
    /// The templates don't load: nothing can be rendered.
    Stop,
}

/// The settings of one `render` call and the engines built so far (one per templates
/// folder), reused by `--watch` for every re-render.
struct Session<'a> {
    args: &'a RenderArgs,
    options: ComposeOptions,
    engines: Vec<(Option<PathBuf>, Engine)>,
    /// Output paths given out in this session: two plans never share one.
    claims: kehoach::output::Claims,
    /// LibreOffice, found on the first plan that asks for a PDF.
    pdf: Option<PdfConverter>,
}

impl<'a> Session<'a> {
    fn new(args: &'a RenderArgs) -> Session<'a> {
        Session {
            args,
            options: ComposeOptions {
                appendix_only: args.appendix_only,
                electronic: args.electronic,
            },
            engines: Vec::new(),
            claims: Default::default(),
            pdf: None,
        }
    }

    fn engine(&mut self, file: &Path, reporter: &mut Reporter) -> Option<usize> {
        let dir = templates_dir(self.args.templates.templates.as_deref(), file);
        if let Some(i) = self.engines.iter().position(|(d, _)| *d == dir) {
            return Some(i);
        }
        match Templates::load(dir.as_deref()) {
            Ok(t) => {
                self.engines.push((dir, Engine::new(t)));
                Some(self.engines.len() - 1)
            }
            Err(e) => {
                reporter.file(&template_report(e), self.args.diagnostic_format);
                None
            }
        }
    }

    /// Loads, checks, composes (and with `--since`, compares) and writes one plan.
    fn render(&mut self, file: &Path, reporter: &mut Reporter) -> Result<Done> {
        let args = self.args;
        let Some(index) = self.engine(file, reporter) else {
            return Ok(Done::Stop);
        };
        let engine = &self.engines[index].1;
        let checked = engine.check_file_with(file, args.force);
        reporter.file(&checked.report, args.diagnostic_format);
        if checked.plan.is_some() && checked.report.diagnostics.iter().any(|d| d.is_error()) {
            reporter.info(&format!(
                "{}: vẫn kết xuất dù có lỗi (văn bản đã có số và ngày, hoặc dùng --force)",
                file.display()
            ));
        }
        let Some(plan) = checked.plan else {
            if args.watch {
                mark_preview_failed(args, file, &checked.report);
            }
            return Ok(Done::Failed);
        };
        let Some(mut doc) = compose(engine, &plan, self.options, reporter, args) else {
            return Ok(Done::Failed);
        };
        let mut suffix = match (args.appendix_only, args.electronic) {
            (true, true) => "-phu-luc-dien-tu",
            (true, false) => "-phu-luc",
            _ => "",
        }
        .to_owned();
        if let Some(since) = &args.since {
            let old = since.check(file)?;
            reporter.file(&old.report, args.diagnostic_format);
            let Some(old_plan) = old.plan else {
                return Ok(Done::Failed);
            };
            let Some(old_doc) = compose(engine, &old_plan, self.options, reporter, args) else {
                return Ok(Done::Failed);
            };
            let author = args
                .author
                .clone()
                .unwrap_or_else(|| doc.meta.author.clone());
            let stamp = Stamp::new(author, doc.meta.date.as_deref());
            let comparison = compare(&old_doc, &doc, &stamp);
            // The result of the command, so on standard output even with --quiet.
            println!("{}: {}", file.display(), comparison.summary);
            doc = comparison.document;
            suffix.push_str("-thay-doi");
        }
        if args.tree {
            print!("{}", dump(&doc));
            return Ok(Done::Rendered);
        }
        let stem = format!(
            "{}{suffix}",
            file.file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or("ke-hoach")
        );
        let mut ok = true;
        let files = args.format.iter().filter_map(|f| match f {
            OutFormat::File(f) => Some(f),
            OutFormat::Pdf => None,
        });
        for format in files {
            let bytes = match engine.render(&doc, *format) {
                Ok(b) => b,
                Err(e) => {
                    reporter.error(&format!("{}: {e}", file.display()));
                    ok = false;
                    continue;
                }
            };
            let path = output_path(&args.output, &stem, format.extension());
            if let Err(why) = self.claims.claim(&path, file) {
                reporter.error(&format!("{}: {why}", kehoach::output::shown(file)));
                ok = false;
                continue;
            }
            write_atomic(&path, &bytes).with_context(|| {
                kehoach::msg!("io.cannot_write", path = kehoach::output::shown(&path))
            })?;
            reporter.info(&kehoach::msg!(
                "io.wrote",
                path = kehoach::output::shown(&path)
            ));
        }
        if ok && args.format.contains(&OutFormat::Pdf) {
            let path = output_path(&args.output, &stem, "pdf");
            if let Err(why) = self.claims.claim(&path, file) {
                reporter.error(&format!("{}: {why}", kehoach::output::shown(file)));
                return Ok(Done::Failed);
            }
            let docx = engine.render(&doc, Format::Docx)?;
            let pdf = self.pdf_converter(reporter)?;
            write_pdf(pdf, &stem, &docx, &path)?;
            reporter.info(&kehoach::msg!(
                "pdf.wrote",
                path = kehoach::output::shown(&path)
            ));
        }
        Ok(if ok { Done::Rendered } else { Done::Failed })
    }

    /// LibreOffice, found once; on first use, a warning when Times New Roman is missing.
    fn pdf_converter(&mut self, reporter: &mut Reporter) -> Result<&PdfConverter> {
        if self.pdf.is_none() {
            let converter = PdfConverter::find().map_err(anyhow::Error::msg)?;
            if let Some(font) = times_new_roman_substitute() {
                reporter.warning(&kehoach::msg!("pdf.font_substitute", font = font));
            }
            self.pdf = Some(converter);
        }
        Ok(self.pdf.as_ref().expect("just set"))
    }
}

/// Composes a plan, reporting a template failure against the template.
fn compose(
    engine: &Engine,
    plan: &Plan,
    options: ComposeOptions,
    reporter: &mut Reporter,
    args: &RenderArgs,
) -> Option<Document> {
    match engine.compose(plan, options) {
        Ok(doc) => Some(doc),
        Err(f) => {
            reporter.file(&FileReport::from(f), args.diagnostic_format);
            None
        }
    }
}

/// A template that failed to load, as a report against its own file.
pub fn template_report(e: kehoach::compose::TemplateError) -> FileReport {
    kehoach::compose::ComposeFailure::from(e).into()
}

/// Converts one DOCX to PDF/A-2b in a scratch folder and writes it to `path` atomically
/// (a failed conversion leaves the previous PDF as it was).
fn write_pdf(pdf: &PdfConverter, stem: &str, docx: &[u8], path: &Path) -> Result<()> {
    let scratch = tempfile::Builder::new().prefix("kehoach-pdf-").tempdir()?;
    let source = scratch.path().join(format!("{stem}.docx"));
    std::fs::write(&source, docx)?;
    pdf.convert(0, std::slice::from_ref(&source), scratch.path())
        .map_err(anyhow::Error::msg)?;
    let bytes = std::fs::read(scratch.path().join(format!("{stem}.pdf")))?;
    write_atomic(path, &bytes)
        .with_context(|| kehoach::msg!("io.cannot_write", path = path.display()))?;
    Ok(())
}

/// The marker around the banner `--watch` puts in a preview whose plan no longer loads.
const BANNER_START: &str = "<!-- kehoach: lỗi -->";
const BANNER_END: &str = "<!-- /kehoach: lỗi -->";

/// With `--watch`, a save that fails must show in the browser too: the preview (the
/// last good HTML, or an empty page) gets a banner at the top with the errors; the next
/// good save rewrites the page without it.
fn mark_preview_failed(args: &RenderArgs, file: &Path, report: &FileReport) {
    if !args.format.contains(&OutFormat::File(Format::Html)) {
        return;
    }
    let stem = file
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("ke-hoach");
    let stem = match (args.appendix_only, args.electronic) {
        (true, true) => format!("{stem}-phu-luc-dien-tu"),
        (true, false) => format!("{stem}-phu-luc"),
        _ => stem.to_owned(),
    };
    let path = output_path(&args.output, &stem, "html");
    let escape = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    let lines: Vec<String> = report
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| escape(&kehoach::diag::render_short(d, &report.source)))
        .collect();
    let banner = format!(
        "{BANNER_START}<div role=\"alert\" style=\"position:sticky;top:0;z-index:9;background:#fde8e8;\
         border:2px solid #c00;color:#600;padding:8px 12px;font:14px sans-serif;white-space:pre-wrap\">\
         <strong>{}</strong>\n{}</div>{BANNER_END}",
        escape(&kehoach::msg!("render.watch_failed_banner")),
        lines.join("\n")
    );
    let page = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        "<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"></head><body></body></html>".to_owned()
    });
    // Drop an earlier banner, then put this one right after <body …>.
    let page = match (page.find(BANNER_START), page.find(BANNER_END)) {
        (Some(s), Some(e)) if s < e => format!("{}{}", &page[..s], &page[e + BANNER_END.len()..]),
        _ => page,
    };
    let at = page
        .find("<body")
        .and_then(|b| page[b..].find('>').map(|e| b + e + 1))
        .unwrap_or(0);
    let page = format!("{}{banner}{}", &page[..at], &page[at..]);
    let _ = write_atomic(&path, page.as_bytes());
}
