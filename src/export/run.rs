//! The batch: chunks rendered in parallel, each judged and placed in plan order while the
//! next renders, then the manifests and registers, then the swap.

use std::collections::{HashMap, HashSet};
use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::diag::FileReport;

use super::error::{creating, Doing, ExportError, FailureReason};
use super::manifest::{self, OutputFile, Record};
use super::naming::{document_stem, fold, issuer_slug, NameBook};
use super::pdf::{page_count, PdfConverter};
use super::plan_job::{process, source_key, JobContext, Outcome, FORMATS};
use super::previous::PreviousArchive;
use super::records::{Interner, RecordSpill};
use super::stats::{Stage, Stats};
use super::swap::Staging;
use super::{archive_files, EngineEntry, ExportOptions, Failure, Job, Summary};

/// Plans per chunk: large enough that the serial step hides behind the next chunk's
/// rendering, small enough that a chunk's records are a few hundred KiB.
const CHUNK: usize = 256;

/// What the command line shows while the batch runs. Called on one thread, in plan order.
pub trait Observer: Send {
    fn started(&mut self, _total: usize) {}
    fn advanced(&mut self, _done: usize) {}
    /// Diagnostics of a plan (warnings of an exported plan, or the errors of a failed one).
    fn report(&mut self, _report: &FileReport) {}
    fn failed(&mut self, _failure: &Failure) {}
    fn warned(&mut self, _path: &Path, _message: &str) {}
    fn finished(&mut self) {}
}

/// Exports `jobs` into `options.target`. `Err` only when the export as a whole cannot run
/// (archive folder unusable, disk full); a bad plan is a [`Failure`] in the summary.
pub fn export(
    jobs: &[Job],
    engines: &[EngineEntry],
    options: &ExportOptions,
    observer: &mut dyn Observer,
) -> Result<Summary, ExportError> {
    let pdf = if options.pdf {
        Some(PdfConverter::find()?)
    } else {
        None
    };
    let formats: Vec<&str> = FORMATS
        .iter()
        .map(|f| f.extension())
        .chain(options.pdf.then_some("pdf"))
        .collect();
    let staging = Staging::begin(&options.target)?;
    let target = staging.target().to_path_buf();
    // Opened even with --force: a plan that fails keeps its previous files, and names
    // stay as they were.
    let previous = PreviousArchive::open(&target, &formats, &staging.dir().join(".previous.jsonl"));
    let scratch = staging.dir().join(".partial");
    std::fs::create_dir(&scratch).doing(creating(&scratch))?;
    let stats = Stats::default();
    crate::check::prepare();
    let cx = JobContext {
        engines,
        previous: previous.as_ref().filter(|_| !options.force),
        scratch: &scratch,
        stats: &stats,
    };
    let spill_path = staging.dir().join(".records.jsonl");
    let mut names = NameBook::default();
    if let Some(p) = &previous {
        for (source, name) in p.names() {
            names.reserve(source, name);
        }
    }
    let mut placer = Placer {
        dir: staging.dir().to_path_buf(),
        previous: previous.as_ref(),
        allow_duplicates: options.allow_duplicates,
        pdf: pdf.as_ref(),
        seen: HashMap::new(),
        shared: Interner::default(),
        names,
        years: HashSet::new(),
        spill: RecordSpill::create(&spill_path).doing(records(staging.dir()))?,
        summary: Summary::default(),
        observer,
        stats: &stats,
    };
    placer.observer.started(jobs.len());

    let mut pending: Option<Vec<(PathBuf, Outcome)>> = None;
    for (c, chunk) in jobs.chunks(CHUNK).enumerate() {
        let (placed, outcomes) = rayon::join(
            || match pending.take() {
                Some(p) => placer.place(p),
                None => Ok(()),
            },
            || {
                chunk
                    .par_iter()
                    .enumerate()
                    .map(|(k, job)| {
                        let outcome = process(&cx, c * CHUNK + k, &job.path, job.engine);
                        (job.path.clone(), outcome)
                    })
                    .collect::<Vec<_>>()
            },
        );
        placed?;
        pending = Some(outcomes);
    }
    if let Some(p) = pending {
        placer.place(p)?;
    }
    std::fs::remove_dir_all(&scratch).ok();
    let Placer {
        spill,
        mut summary,
        observer,
        ..
    } = placer;
    observer.finished();
    // Its index file is in the staging folder, which is about to become the archive.
    drop(previous);

    if spill.is_empty() {
        // Every plan failed: an empty archive must not replace a good one (or pose as one).
        staging.discard()?;
        summary.unchanged = true;
        summary.stats = stats;
        return Ok(summary);
    }
    let sorted = spill.into_sorted().doing(records(staging.dir()))?;
    let registers = archive_files::write(staging.dir(), sorted, &formats, &stats)?;
    summary.registers = registers.len() / FORMATS.len();

    // A plan rendered again because a kept file was damaged gives the same manifest: only
    // a run that rendered nothing may leave the old archive in place.
    // Registers are written every run: the old ones must also still be intact.
    let unchanged = !options.force
        && summary.rendered == 0
        && same_manifest(&target, staging.dir())
        && registers.iter().all(|r| {
            super::previous::confined(&target, &r.path)
                .and_then(|p| super::previous::file_sha256(&p).ok())
                .is_some_and(|(n, sha)| n == r.bytes && sha == r.sha256)
        });
    // Wall time: with --sync this is mostly waiting for the disk.
    let start = std::time::Instant::now();
    if unchanged {
        staging.discard()?;
    } else {
        staging.commit(options.sync)?;
    }
    stats.add(Stage::Swap, start.elapsed());
    summary.unchanged = unchanged;
    summary.stats = stats;
    Ok(summary)
}

/// What a failure to keep the records' scratch file in `dir` is reported as.
fn records(dir: &Path) -> impl FnOnce() -> String + '_ {
    move || crate::msg!("export.records", path = dir.display())
}

/// Compared a block at a time: a manifest is ~1.2 KB per plan, so reading both whole
/// was most of the batch's peak memory at N = 10 000.
fn same_manifest(target: &Path, staging: &Path) -> bool {
    let open = |dir: &Path| std::fs::File::open(dir.join(manifest::JSON_NAME));
    let (Ok(old), Ok(new)) = (open(target), open(staging)) else {
        return false;
    };
    let len = |f: &std::fs::File| f.metadata().map(|m| m.len()).ok();
    if len(&old).is_none() || len(&old) != len(&new) {
        return false;
    }
    let (mut old, mut new) = (std::io::BufReader::new(old), std::io::BufReader::new(new));
    loop {
        let (Ok(a), Ok(b)) = (old.fill_buf(), new.fill_buf()) else {
            return false;
        };
        let n = a.len().min(b.len());
        if n == 0 {
            return a.is_empty() && b.is_empty();
        }
        if a[..n] != b[..n] {
            return false;
        }
        old.consume(n);
        new.consume(n);
    }
}

/// How a placed record got its files.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Rendered in this run.
    Fresh,
    /// Unchanged since the previous archive.
    Kept,
    /// The plan failed in this run; its previous files are kept.
    Carried,
}

/// A document number as Decree 30 keeps it unique: issuer (folded), number, symbol, year.
type NumberKey = (Arc<str>, Box<str>, Arc<str>, i32);

/// The serial step: judges records in plan order, names them, moves their files into the
/// staging archive and appends the records to the spill.
struct Placer<'a> {
    dir: PathBuf,
    previous: Option<&'a PreviousArchive>,
    allow_duplicates: bool,
    pdf: Option<&'a PdfConverter>,
    /// The first plan that used each number.
    seen: HashMap<NumberKey, Box<str>>,
    shared: Interner,
    names: NameBook,
    years: HashSet<i32>,
    spill: RecordSpill,
    summary: Summary,
    observer: &'a mut dyn Observer,
    stats: &'a Stats,
}

impl Placer<'_> {
    fn place(&mut self, outcomes: Vec<(PathBuf, Outcome)>) -> Result<(), ExportError> {
        let mut placed: Vec<(PathBuf, Record, Kind)> = Vec::with_capacity(outcomes.len());
        for (path, outcome) in outcomes {
            let (record, kind) = match outcome {
                Outcome::Failed { report, reason } => {
                    if let Some(r) = &report {
                        self.observer.report(r);
                    }
                    self.fail(path.clone(), reason);
                    match self.carried(&path) {
                        Some(record) => (record, Kind::Carried),
                        None => continue,
                    }
                }
                Outcome::Fresh { record, warnings } => {
                    if let Some(r) = &warnings {
                        self.observer.report(r);
                    }
                    (record, Kind::Fresh)
                }
                Outcome::Kept { record } => (record, Kind::Kept),
            };
            if let Some(reason) = self.duplicate(&record) {
                if self.allow_duplicates {
                    self.observer.warned(&path, &reason.to_string());
                } else {
                    if kind == Kind::Fresh {
                        for f in &record.files {
                            std::fs::remove_file(&f.path).ok();
                        }
                    }
                    if kind != Kind::Carried {
                        self.fail(path, reason);
                    }
                    continue;
                }
            }
            let record = self
                .stats
                .time(Stage::Place, || self.move_into_place(record, kind))?;
            placed.push((path, record, kind));
        }
        if let Some(pdf) = self.pdf {
            // soffice's own CPU is not counted: this is the batch's waiting time.
            let start = std::time::Instant::now();
            self.add_pdfs(pdf, &mut placed);
            self.stats.add(Stage::Pdf, start.elapsed());
        }
        for (path, mut record, mut kind) in placed {
            if kind == Kind::Fresh && self.pdf.is_some() && record.file("pdf").is_none() {
                for f in &record.files {
                    std::fs::remove_file(self.dir.join(&f.path)).ok();
                }
                self.fail(
                    path.clone(),
                    FailureReason::Other(crate::msg!("export.no_pdf")),
                );
                // Its previous files take the name the fresh ones just left.
                let name = record.files[0]
                    .path
                    .rsplit_once('.')
                    .map(|(n, _)| n.to_owned());
                match (self.carried(&path), name) {
                    (Some(old), Some(name)) => {
                        record = self.link_files(old, &name)?;
                        kind = Kind::Carried;
                    }
                    _ => continue,
                }
            }
            self.spill.push(&record).doing(records(&self.dir))?;
            match kind {
                Kind::Fresh => self.summary.rendered += 1,
                Kind::Kept => self.summary.kept += 1,
                // Counted (and advanced) as a failure already.
                Kind::Carried => {
                    self.summary.carried += 1;
                    continue;
                }
            }
            self.observer.advanced(1);
        }
        Ok(())
    }

    /// The previous archive's record of a plan that failed now, if its files are intact.
    fn carried(&self, path: &Path) -> Option<Record> {
        self.previous?.carry(&source_key(path))
    }

    fn fail(&mut self, path: PathBuf, reason: FailureReason) {
        let failure = Failure { path, reason };
        self.observer.failed(&failure);
        self.observer.advanced(1);
        self.summary.failed.push(failure);
    }

    /// Decree 30 numbers documents per issuer and year: a second use is an error.
    fn duplicate(&mut self, r: &Record) -> Option<FailureReason> {
        let m = &r.metadata;
        let key = (
            self.shared.get(&fold(&r.issuer)),
            m.code_number.as_str().into(),
            self.shared.get(&m.code_notation),
            r.year,
        );
        match self.seen.get(&key) {
            Some(first) => Some(FailureReason::DuplicateNumber(crate::msg!(
                "export.duplicate_number",
                number = m.code_number,
                symbol = m.code_notation,
                issuer = r.issuer,
                year = r.year,
                first = first
            ))),
            None => {
                self.seen.insert(key, r.source.path.as_str().into());
                None
            }
        }
    }

    /// Gives the record its archive name and puts its files there: renamed from the
    /// scratch folder if fresh, hard-linked from the previous archive if kept or carried
    /// (so their bytes and times stay exactly as they were).
    fn move_into_place(&mut self, record: Record, kind: Kind) -> Result<Record, ExportError> {
        let name = self
            .names
            .claim_for(record.year, &stem_of(&record), &record.source.path);
        if kind == Kind::Fresh {
            self.make_year(record.year)?;
            let mut record = record;
            for f in &mut record.files {
                let path = format!("{name}.{}", f.format);
                std::fs::rename(&f.path, self.dir.join(&path))
                    .doing(|| crate::msg!("export.cannot_move", path = f.path))?;
                f.path = path;
            }
            Ok(record)
        } else {
            self.link_files(record, &name)
        }
    }

    fn make_year(&mut self, year: i32) -> Result<(), ExportError> {
        if self.years.insert(year) {
            let dir = self.dir.join(format!("{year:04}"));
            std::fs::create_dir_all(&dir).doing(creating(&dir))?;
        }
        Ok(())
    }

    /// Links (or copies) a previous record's files into the new archive under `name`.
    /// Their paths were checked to lie inside the previous archive when it was read.
    fn link_files(&mut self, mut record: Record, name: &str) -> Result<Record, ExportError> {
        self.make_year(record.year)?;
        let root = self.previous.map_or(Path::new("."), |p| p.root.as_path());
        for f in &mut record.files {
            let path = format!("{name}.{}", f.format);
            let to = self.dir.join(&path);
            let from = super::previous::confined(root, &f.path).ok_or_else(|| {
                ExportError::Archive(crate::msg!("export.outside_previous", path = f.path))
            })?;
            if std::fs::hard_link(&from, &to).is_err() {
                std::fs::copy(&from, &to)
                    .doing(|| crate::msg!("export.cannot_copy", path = from.display()))?;
            }
            f.path = path;
        }
        Ok(record)
    }

    /// Converts the fresh DOCX files of this chunk to PDF/A, one LibreOffice per core,
    /// and records each PDF with its page count.
    fn add_pdfs(&mut self, pdf: &PdfConverter, placed: &mut [(PathBuf, Record, Kind)]) {
        let mut by_year: Vec<(i32, Vec<PathBuf>)> = Vec::new();
        for (_, r, kind) in placed.iter() {
            let Some(docx) = r.file("docx").filter(|_| *kind == Kind::Fresh) else {
                continue;
            };
            let path = self.dir.join(&docx.path);
            match by_year.iter_mut().find(|(y, _)| *y == r.year) {
                Some((_, v)) => v.push(path),
                None => by_year.push((r.year, vec![path])),
            }
        }
        let slots = rayon::current_num_threads().max(1);
        let mut batches: Vec<(PathBuf, Vec<PathBuf>)> = Vec::new();
        for (year, files) in by_year {
            let per = files.len().div_ceil(slots).max(1);
            for part in files.chunks(per) {
                batches.push((self.dir.join(format!("{year:04}")), part.to_vec()));
            }
        }
        let errors: Vec<String> = batches
            .par_iter()
            .enumerate()
            .filter_map(|(i, (dir, files))| pdf.convert(i % slots, files, dir).err())
            .map(|e| e.to_string())
            .collect();
        for e in errors {
            self.observer.warned(Path::new("LibreOffice"), &e);
        }
        for (_, r, kind) in placed.iter_mut() {
            let Some(docx) = r.file("docx").filter(|_| *kind == Kind::Fresh) else {
                continue;
            };
            let pdf_path = docx.path.trim_end_matches(".docx").to_owned() + ".pdf";
            if let Ok(bytes) = std::fs::read(self.dir.join(&pdf_path)) {
                r.metadata.page_amount = page_count(&bytes);
                r.files.push(OutputFile::of_bytes(pdf_path, "pdf", &bytes));
            }
        }
    }
}

/// The file stem of a record, from the record alone (so kept and fresh records agree).
pub(crate) fn stem_of(r: &Record) -> String {
    document_stem(
        &r.metadata.code_number,
        &r.metadata.code_notation,
        &issuer_slug_of(r),
    )
}

/// The issuer's slug, with the body abbreviation taken from the symbol (`KH-UBND` → `UBND`).
pub(crate) fn issuer_slug_of(r: &Record) -> String {
    let notation = &r.metadata.code_notation;
    let abbreviation = notation.split_once('-').map(|(_, b)| b).unwrap_or(notation);
    issuer_slug(&r.issuer, abbreviation)
}
