//! The archive-wide files, written after every plan is placed: `manifest.json`,
//! `manifest.csv` and one register per issuer and year, all from the sorted records,
//! streamed so only one register's records are in memory at a time.

use std::fs::File;
use std::io::BufWriter;
use std::path::Path;

use crate::compose::Templates;
use crate::pipeline::Engine;

use super::error::{creating, Doing, ExportError};
use super::manifest::{self, OutputFile, Record};
use super::naming::{register_stem, NameBook};
use super::plan_job::FORMATS;
use super::records::SortedRecords;
use super::register::register;
use super::run::issuer_slug_of;
use super::stats::{Stage, Stats};

/// Rows per register volume (Phụ lục IV's "Quyển số"): a register is split into volumes
/// so that rendering one never holds more than this many rows, whatever the batch size.
pub(crate) const VOLUME_ROWS: usize = 100;

/// Writes the manifests and registers into `dir`; returns the registers' files.
pub fn write(
    dir: &Path,
    mut sorted: SortedRecords,
    formats: &[&str],
    stats: &Stats,
) -> Result<Vec<OutputFile>, ExportError> {
    let json_path = dir.join(manifest::JSON_NAME);
    let csv_path = dir.join(manifest::CSV_NAME);
    let file = |p: &Path| File::create(p).map(BufWriter::new).doing(creating(p));
    // What a failure to write the manifests or registers is reported as.
    let writing = || crate::msg!("export.archive_files", path = dir.display());
    let mut json = manifest::JsonWriter::start(file(&json_path)?, formats).doing(writing)?;
    let mut csv = manifest::csv_writer(file(&csv_path)?, formats).doing(writing)?;
    // Registers use the built-in templates: they are the same for every archive.
    let engine = Engine::new(Templates::builtin());
    let mut names = NameBook::default();
    let mut registers: Vec<OutputFile> = Vec::new();
    let mut group: Vec<Record> = Vec::new();
    let mut volume = 1;
    let keys = std::mem::take(&mut sorted.keys);
    for (i, key) in keys.iter().enumerate() {
        let record = sorted.read(key).doing(writing)?;
        stats
            .time(Stage::Manifest, || -> std::io::Result<()> {
                json.document(&record)?;
                csv.write_record(manifest::csv_row(&record, formats))?;
                Ok(())
            })
            .doing(writing)?;
        group.push(record);
        let last_of_register = keys.get(i + 1).is_none_or(|next| !next.same_register(key));
        if last_of_register || group.len() == VOLUME_ROWS {
            let files = stats.time(Stage::Registers, || {
                write_register(dir, &engine, &mut names, &group, volume)
            })?;
            registers.extend(files);
            group.clear();
            volume = if last_of_register { 1 } else { volume + 1 };
        }
    }
    stats
        .time(Stage::Manifest, || -> std::io::Result<()> {
            json.finish(&registers)?;
            csv.flush()?;
            Ok(())
        })
        .doing(writing)?;
    sorted.remove().doing(writing)?;
    Ok(registers)
}

fn write_register(
    dir: &Path,
    engine: &Engine,
    names: &mut NameBook,
    group: &[Record],
    volume: usize,
) -> Result<Vec<OutputFile>, ExportError> {
    let Some(first) = group.first() else {
        return Ok(Vec::new());
    };
    let doc = register(group, volume);
    let mut stem = register_stem(&issuer_slug_of(first));
    if volume > 1 {
        stem.push_str(&format!("-quyen-{volume}"));
    }
    let name = names.claim(first.year, &stem);
    let mut out = Vec::new();
    for format in FORMATS {
        let bytes = engine
            .render(&doc, format)
            .map_err(|source| ExportError::Register {
                name: name.clone(),
                source,
            })?;
        let path = format!("{name}.{}", format.extension());
        std::fs::write(dir.join(&path), &bytes)
            .doing(|| crate::msg!("io.cannot_write", path = &path))?;
        out.push(OutputFile::of_bytes(path, format.extension(), &bytes));
    }
    Ok(out)
}
