//! The previous archive, for reusing the files of plans whose source and templates have
//! not changed. Its manifest is streamed into a scratch file, one record per line, and
//! only each record's source path, source hash and position stay in memory (~200 bytes
//! a plan): a 10 000-plan manifest held as values was 20 MB of the re-run's peak.

use std::collections::HashMap;
use std::fmt;
use std::fs::File;
use std::io::{self, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::manifest::{self, Record};
use super::records;

pub struct PreviousArchive {
    pub root: PathBuf,
    by_source: HashMap<Box<str>, Prior>,
    records: Mutex<File>,
    scratch: PathBuf,
}

struct Prior {
    source_sha256: Box<str>,
    offset: u64,
    len: u32,
}

impl PreviousArchive {
    /// The archive at `target`, if it was made by this version with the same formats
    /// (anything else is rendered again). `scratch` is a file name for the index.
    pub fn open(target: &Path, formats: &[&str], scratch: &Path) -> Option<PreviousArchive> {
        let file = File::open(target.join(manifest::JSON_NAME)).ok()?;
        let opened = Self::index(file, formats, scratch).and_then(|by_source| {
            Some(PreviousArchive {
                root: target.to_path_buf(),
                by_source,
                records: Mutex::new(File::open(scratch).ok()?),
                scratch: scratch.to_path_buf(),
            })
        });
        if opened.is_none() {
            std::fs::remove_file(scratch).ok();
        }
        opened
    }

    /// Streams the manifest into `scratch`; `None` if it is not one this run can reuse.
    fn index(manifest: File, formats: &[&str], scratch: &Path) -> Option<HashMap<Box<str>, Prior>> {
        let mut out = BufWriter::new(File::create(scratch).ok()?);
        let mut index = Index {
            out: &mut out,
            written: 0,
            by_source: HashMap::new(),
            error: None,
        };
        let mut de = serde_json::Deserializer::from_reader(BufReader::new(manifest));
        let header = ManifestSeed { index: &mut index }
            .deserialize(&mut de)
            .ok()?;
        let (by_source, error) = (index.by_source, index.error);
        out.flush().ok()?;
        let usable = error.is_none()
            && header.format == manifest::FORMAT
            && header.version == env!("CARGO_PKG_VERSION")
            && header.formats == formats;
        usable.then_some(by_source)
    }

    /// The previous record of this source, if its source and templates are unchanged and
    /// its files are still there at their recorded sizes.
    pub fn reusable(&self, key: &str, sha: &str, templates_sha256: &str) -> Option<Record> {
        let prior = self
            .by_source
            .get(key)
            .filter(|p| &*p.source_sha256 == sha)?;
        let record = self.read(prior).ok()?;
        let intact = record.files.iter().all(|f| {
            std::fs::metadata(self.root.join(&f.path))
                .is_ok_and(|m| m.is_file() && m.len() == f.bytes)
        });
        (record.templates_sha256 == templates_sha256 && intact).then_some(record)
    }

    fn read(&self, prior: &Prior) -> io::Result<Record> {
        let mut file = self.records.lock().unwrap_or_else(|e| e.into_inner());
        records::read_at(&mut file, prior.offset, prior.len)
    }
}

impl Drop for PreviousArchive {
    fn drop(&mut self) {
        std::fs::remove_file(&self.scratch).ok();
    }
}

struct Index<'a> {
    out: &'a mut BufWriter<File>,
    written: u64,
    by_source: HashMap<Box<str>, Prior>,
    error: Option<io::Error>,
}

impl Index<'_> {
    fn add(&mut self, record: &Record) {
        let len = match records::append(self.out, record) {
            Ok(len) => len,
            Err(e) => return self.error = Some(e),
        };
        self.by_source.insert(
            record.source.path.as_str().into(),
            Prior {
                source_sha256: record.source.sha256.as_str().into(),
                offset: self.written,
                len,
            },
        );
        self.written += u64::from(len);
    }
}

/// The manifest's header fields; its documents go to the index as they are read.
#[derive(Default)]
struct Header {
    format: String,
    version: String,
    formats: Vec<String>,
}

struct ManifestSeed<'i, 'a> {
    index: &'i mut Index<'a>,
}

impl<'de> DeserializeSeed<'de> for ManifestSeed<'_, '_> {
    type Value = Header;

    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<Header, D::Error> {
        de.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for ManifestSeed<'_, '_> {
    type Value = Header;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a kehoach archive manifest")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Header, A::Error> {
        let mut header = Header::default();
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "format" => header.format = map.next_value()?,
                "kehoach_version" => header.version = map.next_value()?,
                "formats" => header.formats = map.next_value()?,
                "documents" => map.next_value_seed(Documents {
                    index: &mut *self.index,
                })?,
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(header)
    }
}

struct Documents<'i, 'a> {
    index: &'i mut Index<'a>,
}

impl<'de> DeserializeSeed<'de> for Documents<'_, '_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<(), D::Error> {
        de.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Documents<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of document records")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some(record) = seq.next_element::<Record>()? {
            self.index.add(&record);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn manifest(version: &str, documents: &str) -> String {
        format!(
            "{{\"format\": \"{}\", \"kehoach_version\": \"{version}\", \"formats\": [\"docx\"],\n\"documents\": [{documents}],\n\"registers\": []}}",
            manifest::FORMAT
        )
    }

    const RECORD: &str = r#"{"metadata":{"TypeName":"Kế hoạch","CodeNumber":"1","CodeNotation":"KH-UBND","IssuedDate":"2021-01-01","OrganName":"X","Subject":"S","Language":"vi-VN","PageAmount":null,"Description":"","SignerInfo":{"Position":"P","FullName":"N"},"To":[],"IssuedAmount":null},"issuer":"UBND x","year":2021,"archive_copies":"VT","source":{"path":"plans/a.yaml","bytes":3,"sha256":"aa"},"templates_sha256":"tt","files":[{"path":"2021/a.docx","format":"docx","bytes":4,"sha256":"bb"}]}"#;

    fn open(text: &str) -> (tempfile::TempDir, Option<PreviousArchive>) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("2021")).unwrap();
        std::fs::write(dir.path().join("2021/a.docx"), "docx").unwrap();
        std::fs::write(dir.path().join(manifest::JSON_NAME), text).unwrap();
        let index = dir.path().join(".previous.jsonl");
        let prev = PreviousArchive::open(dir.path(), &["docx"], &index);
        (dir, prev)
    }

    #[test]
    fn an_unchanged_source_gets_its_record_back_from_the_streamed_index() {
        let (_dir, prev) = open(&manifest(env!("CARGO_PKG_VERSION"), RECORD));
        let prev = prev.expect("same version and formats");
        let record = prev.reusable("plans/a.yaml", "aa", "tt").expect("reusable");
        assert_eq!(record.files[0].path, "2021/a.docx");
        assert!(prev.reusable("plans/a.yaml", "changed", "tt").is_none());
        assert!(prev
            .reusable("plans/a.yaml", "aa", "other templates")
            .is_none());
        assert!(prev.reusable("plans/b.yaml", "aa", "tt").is_none());
    }

    #[test]
    fn another_version_or_a_broken_manifest_is_not_reused_and_leaves_no_index() {
        for text in [
            manifest("0.0.0-other", RECORD),
            manifest(env!("CARGO_PKG_VERSION"), &RECORD[..RECORD.len() - 9]),
            "not json".to_owned(),
        ] {
            let (dir, prev) = open(&text);
            assert!(prev.is_none(), "{text}");
            drop(prev);
            assert!(!dir.path().join(".previous.jsonl").exists());
        }
    }

    #[test]
    fn the_index_file_goes_with_the_archive_value() {
        let (dir, prev) = open(&manifest(env!("CARGO_PKG_VERSION"), RECORD));
        assert!(dir.path().join(".previous.jsonl").exists());
        drop(prev);
        assert!(!dir.path().join(".previous.jsonl").exists());
    }
}
