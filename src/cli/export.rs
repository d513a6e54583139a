//! `kehoach export`: every plan under the given folders into an archive for the records
//! office (see `kehoach::export`). This module only wires the command line to it: the
//! engines per template folder, the progress bar, and the closing list of failures.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use kehoach::compose::Templates;
use kehoach::diag::FileReport;
use kehoach::export::{
    export, peak_rss_kib, templates_fingerprint, EngineEntry, ExportOptions, Failure, Job,
    Observer, Stage, Summary,
};
use kehoach::pipeline::Engine;

use super::inputs::{plan_files, templates_dir};
use super::render::template_report;
use super::report::DiagnosticFormat;
use super::{Outcome, Reporter, TemplateArgs};

#[derive(clap::Args, Debug)]
pub struct ExportArgs {
    /// Plan files, or folders searched (recursively) for *.yaml plans.
    #[arg(required = true, value_name = "PLAN")]
    pub plans: Vec<PathBuf>,
    /// The archive folder: built beside it, then swapped in whole.
    #[arg(short, long, default_value = "archive", value_name = "DIR")]
    pub output: PathBuf,
    /// Also write PDF/A-2b through LibreOffice (soffice must be installed). An archive
    /// that has PDFs keeps making them unless `--pdf=false` or `--no-pdf` is given.
    #[arg(
        long,
        num_args = 0..=1,
        require_equals = true,
        default_missing_value = "true",
        value_name = "true|false"
    )]
    pub pdf: Option<bool>,
    /// No PDFs, even in an archive that has them (they are removed).
    #[arg(long, conflicts_with = "pdf")]
    pub no_pdf: bool,
    /// Render every plan again, even those whose source and templates are unchanged.
    #[arg(long)]
    pub force: bool,
    /// Warn instead of failing when an issuer uses a number twice in a year (old records).
    #[arg(long)]
    pub allow_duplicates: bool,
    /// Flush everything to disk before swapping the archive in (slower; protects against
    /// a power cut, not only a crash).
    #[arg(long)]
    pub sync: bool,
    /// Print throughput, CPU time per stage and peak memory at the end.
    #[arg(long)]
    pub stats: bool,
    /// Worker threads (default: one per core).
    #[arg(short, long, value_name = "N")]
    pub jobs: Option<usize>,
    /// How to print diagnostics.
    #[arg(long, value_enum, default_value_t)]
    pub diagnostic_format: DiagnosticFormat,
    #[command(flatten)]
    pub templates: TemplateArgs,
}

/// Whether to make PDFs: as asked; when not asked, as the archive already does, so a
/// later export without `--pdf` never drops the PDFs an earlier one made.
fn wants_pdf(args: &ExportArgs, reporter: &Reporter) -> bool {
    if args.no_pdf {
        return false;
    }
    if let Some(asked) = args.pdf {
        return asked;
    }
    let manifest = args.output.join(kehoach::export::manifest::JSON_NAME);
    let has_pdfs = std::fs::read_to_string(manifest).is_ok_and(|text| {
        regex::Regex::new(r#""format"\s*:\s*"pdf""#)
            .expect("valid regex")
            .is_match(&text)
    });
    if has_pdfs {
        reporter.info(&kehoach::msg!("export.keeps_pdf"));
    }
    has_pdfs
}

pub fn run(args: ExportArgs, reporter: &mut Reporter) -> Result<Outcome> {
    let started = Instant::now();
    if let Some(n) = args.jobs {
        // More threads than cores only adds switching (`-j 100000` took 30 s for a plan).
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        rayon::ThreadPoolBuilder::new()
            .num_threads(n.clamp(1, cores))
            .build_global()
            .context("cannot start the worker threads")?;
    }
    let files = plan_files(&args.plans)?;
    let mut engines: Vec<(Option<PathBuf>, EngineEntry)> = Vec::new();
    let mut jobs = Vec::with_capacity(files.len());
    for path in files {
        let dir = templates_dir(args.templates.templates.as_deref(), &path);
        let engine = match engines.iter().position(|(d, _)| *d == dir) {
            Some(i) => i,
            None => {
                let templates = match Templates::load(dir.as_deref()) {
                    Ok(t) => t,
                    Err(e) => {
                        reporter.file(&template_report(e), args.diagnostic_format);
                        return Ok(Outcome::Failure);
                    }
                };
                let templates_sha256 = templates_fingerprint(dir.as_deref())
                    .context("cannot read the templates folder")?;
                engines.push((
                    dir,
                    EngineEntry {
                        engine: Engine::new(templates),
                        templates_sha256,
                    },
                ));
                engines.len() - 1
            }
        };
        jobs.push(Job { path, engine });
    }
    let engines: Vec<EngineEntry> = engines.into_iter().map(|(_, e)| e).collect();
    let options = ExportOptions {
        target: args.output.clone(),
        pdf: wants_pdf(&args, reporter),
        force: args.force,
        allow_duplicates: args.allow_duplicates,
        sync: args.sync,
    };
    let quiet = reporter.is_quiet();
    let mut observer = CliObserver {
        reporter,
        format: args.diagnostic_format,
        bar: progress_bar(quiet),
    };
    let summary = export(&jobs, &engines, &options, &mut observer)?;
    let reporter = observer.reporter;
    print_summary(reporter, &summary, jobs.len(), &args.output);
    if args.stats {
        print_stats(&summary, jobs.len(), started.elapsed());
    }
    // A draft has no place in the archive, but it is not an error either: a folder of
    // plans usually holds one being written.
    Ok(if summary.failed.iter().all(is_draft) {
        Outcome::Success
    } else {
        Outcome::PlanErrors
    })
}

/// A plan not exported only because it is a draft (no number or no full date).
fn is_draft(failure: &Failure) -> bool {
    failure.reason.is_draft()
}

/// A bar on a terminal; nothing when output is piped or `--quiet`.
fn progress_bar(quiet: bool) -> ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template(&kehoach::msg!("export.progress"))
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    bar.enable_steady_tick(Duration::from_millis(200));
    bar
}

struct CliObserver<'a> {
    reporter: &'a mut Reporter,
    format: DiagnosticFormat,
    bar: ProgressBar,
}

impl Observer for CliObserver<'_> {
    fn started(&mut self, total: usize) {
        self.bar.set_length(total as u64);
    }

    fn advanced(&mut self, done: usize) {
        self.bar.inc(done as u64);
    }

    fn report(&mut self, report: &FileReport) {
        let (reporter, format) = (&mut *self.reporter, self.format);
        self.bar.suspend(|| reporter.file(report, format));
    }

    fn failed(&mut self, failure: &Failure) {
        if is_draft(failure) {
            let reporter = &mut *self.reporter;
            self.bar.suspend(|| {
                reporter.info(&kehoach::msg!(
                    "export.draft_skipped",
                    path = failure.path.display(),
                    reason = failure.reason
                ))
            });
            return;
        }
        // Diagnostics were already printed by `report`; a duplicate has none, so say it now.
        if failure.reason.is_duplicate() {
            let reporter = &mut *self.reporter;
            self.bar.suspend(|| {
                reporter.error(&format!(
                    "{}: {}",
                    kehoach::output::shown(&failure.path),
                    failure.reason
                ))
            });
        }
    }

    fn warned(&mut self, path: &Path, message: &str) {
        let reporter = &mut *self.reporter;
        self.bar.suspend(|| {
            reporter.warnings += 1;
            reporter.info(&format!(
                "{}: {}: {message}",
                kehoach::output::shown(path),
                kehoach::msg!("report.warning")
            ));
        });
    }

    fn finished(&mut self) {
        self.bar.finish_and_clear();
    }
}

fn print_summary(reporter: &mut Reporter, s: &Summary, total: usize, target: &Path) {
    if !s.failed.is_empty() {
        reporter.summary(&kehoach::msg!(
            "export.not_exported",
            n = s.failed.len(),
            total = total
        ));
        for f in &s.failed {
            reporter.summary(&format!(
                "  {}: {}",
                kehoach::output::shown(&f.path),
                f.reason
            ));
        }
    }
    let exported = s.rendered + s.kept + s.carried;
    let mut what = if s.unchanged {
        kehoach::msg!("export.unchanged")
    } else {
        kehoach::msg!("export.rendered_kept", rendered = s.rendered, kept = s.kept)
    };
    if s.carried > 0 {
        what.push_str(&format!(
            "; {} kế hoạch lỗi giữ nguyên tệp đã lưu lần trước",
            s.carried
        ));
    }
    reporter.summary(&kehoach::msg!(
        "export.summary",
        exported = exported,
        total = total,
        target = target.display(),
        what = what,
        registers = s.registers,
        failed = s.failed.len(),
        warnings = reporter.warnings
    ));
}

/// `--stats`: one machine-readable line (the benchmark parses it), then CPU per stage.
fn print_stats(s: &Summary, total: usize, wall: Duration) {
    let secs = wall.as_secs_f64().max(1e-9);
    let rss = peak_rss_kib()
        .map(|k| k as f64 / 1024.0)
        .unwrap_or(f64::NAN);
    eprintln!(
        "stats: plans={total} wall_s={secs:.3} plans_per_s={:.1} peak_rss_mb={rss:.1} threads={}",
        total as f64 / secs,
        rayon::current_num_threads()
    );
    let cpu = s.stats.total().as_secs_f64().max(1e-9);
    for stage in Stage::ALL {
        let t = s.stats.get(stage).as_secs_f64();
        if t > 0.0 {
            eprintln!(
                "stats:   {:<10} {:>8.3} s CPU  {:>5.1} %  {:>7.3} ms/plan",
                stage.name(),
                t,
                100.0 * t / cpu,
                1000.0 * t / total.max(1) as f64
            );
        }
    }
}
