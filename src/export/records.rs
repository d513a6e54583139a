//! Records kept on disk while the batch runs, so memory does not grow with the number of
//! plans: each finished record is appended to a scratch file as one JSON line, and only
//! its sort key and position stay in memory. At the end the keys are sorted (date and
//! number order, as the register wants) and the records read back one at a time.

use std::collections::HashSet;
use std::fs::File;
use std::io::{self, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::manifest::Record;

/// Where a record sorts: issuer and year group the registers; date, then number, order
/// them; the source path breaks ties, so the order never depends on thread timing.
/// About 100 bytes a plan: issuers, dates and symbols repeat, so they are shared.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct SortKey {
    pub year: i32,
    pub issuer: Arc<str>,
    pub date: Arc<str>,
    pub number: u64,
    pub number_text: Box<str>,
    pub symbol: Arc<str>,
    pub source: Box<str>,
    offset: u64,
    len: u32,
}

/// One shared copy of each text that many records repeat (issuer, date, symbol).
#[derive(Default)]
pub(crate) struct Interner {
    seen: HashSet<Arc<str>>,
}

impl Interner {
    pub fn get(&mut self, text: &str) -> Arc<str> {
        if let Some(t) = self.seen.get(text) {
            return Arc::clone(t);
        }
        let t: Arc<str> = Arc::from(text);
        self.seen.insert(Arc::clone(&t));
        t
    }
}

impl SortKey {
    /// Whether two records belong in the same register (same issuer, same year).
    pub(crate) fn same_register(&self, other: &SortKey) -> bool {
        self.year == other.year && self.issuer == other.issuer
    }
}

pub(crate) struct RecordSpill {
    path: PathBuf,
    out: BufWriter<File>,
    written: u64,
    keys: Vec<SortKey>,
    shared: Interner,
}

impl RecordSpill {
    pub fn create(path: &Path) -> io::Result<RecordSpill> {
        Ok(RecordSpill {
            path: path.to_path_buf(),
            out: BufWriter::new(File::create(path)?),
            written: 0,
            keys: Vec::new(),
            shared: Interner::default(),
        })
    }

    pub fn push(&mut self, record: &Record) -> io::Result<()> {
        let len = append(&mut self.out, record)?;
        let m = &record.metadata;
        self.keys.push(SortKey {
            year: record.year,
            // Folded: one register per issuer however its name is capitalised or accented.
            issuer: self.shared.get(&super::naming::fold(&record.issuer)),
            date: self.shared.get(&m.issued_date),
            number: m.code_number.trim().parse().unwrap_or(u64::MAX),
            number_text: m.code_number.as_str().into(),
            symbol: self.shared.get(&m.code_notation),
            source: record.source.path.as_str().into(),
            offset: self.written,
            len,
        });
        self.written += u64::from(len);
        Ok(())
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// Stops writing and sorts; the records can then be read back in order.
    pub(crate) fn into_sorted(mut self) -> io::Result<SortedRecords> {
        self.out.flush()?;
        drop(self.out);
        self.keys.sort();
        Ok(SortedRecords {
            file: File::open(&self.path)?,
            path: self.path,
            keys: self.keys,
        })
    }
}

/// Appends `record` as one JSON line; returns the line's length.
pub(crate) fn append(out: &mut impl Write, record: &Record) -> io::Result<u32> {
    let mut line = serde_json::to_vec(record).map_err(io::Error::other)?;
    line.push(b'\n');
    out.write_all(&line)?;
    Ok(line.len() as u32)
}

/// The record [`append`] wrote at `offset`.
pub(crate) fn read_at(file: &mut File, offset: u64, len: u32) -> io::Result<Record> {
    let mut buf = vec![0; len as usize];
    file.seek(SeekFrom::Start(offset))?;
    file.read_exact(&mut buf)?;
    serde_json::from_slice(&buf).map_err(io::Error::other)
}

pub(crate) struct SortedRecords {
    file: File,
    path: PathBuf,
    pub keys: Vec<SortKey>,
}

impl SortedRecords {
    pub fn read(&mut self, key: &SortKey) -> io::Result<Record> {
        read_at(&mut self.file, key.offset, key.len)
    }

    /// Removes the scratch file.
    pub fn remove(self) -> io::Result<()> {
        drop(self.file);
        std::fs::remove_file(&self.path)
    }
}
