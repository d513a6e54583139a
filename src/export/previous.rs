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

pub(crate) struct PreviousArchive {
    pub root: PathBuf,
    /// Made by this version with the same formats: unchanged plans may reuse their files.
    /// Otherwise the archive still serves to keep a failing plan's files and its names.
    same_version: bool,
    by_source: HashMap<Box<str>, Prior>,
    records: Mutex<File>,
    scratch: PathBuf,
}

struct Prior {
    source_sha256: Box<str>,
    /// The archive name of its files, without extension (`2021/114-KH-UBND-x`).
    name: Box<str>,
    offset: u64,
    len: u32,
}

impl PreviousArchive {
    /// The archive at `target`, if it was made by this version with the same formats
    /// (anything else is rendered again). `scratch` is a file name for the index.
    pub fn open(target: &Path, formats: &[&str], scratch: &Path) -> Option<PreviousArchive> {
        let file = File::open(target.join(manifest::JSON_NAME)).ok()?;
        let opened = Self::index(file, formats, scratch).and_then(|(by_source, same_version)| {
            Some(PreviousArchive {
                root: target.to_path_buf(),
                same_version,
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

    /// Streams the manifest into `scratch`; `None` if it is not a manifest of this format.
    /// The flag says whether it was made by this version with these formats.
    fn index(
        manifest: File,
        formats: &[&str],
        scratch: &Path,
    ) -> Option<(HashMap<Box<str>, Prior>, bool)> {
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
        let usable = error.is_none() && header.format == manifest::FORMAT;
        let same_version = header.version == env!("CARGO_PKG_VERSION") && header.formats == formats;
        usable.then_some((by_source, same_version))
    }

    /// The previous record of this source, if its source and templates are unchanged and
    /// its files are still there with their recorded SHA-256 (a size proves nothing: a
    /// file zeroed or edited in place keeps its size).
    pub(crate) fn reusable(&self, key: &str, sha: &str, templates_sha256: &str) -> Option<Record> {
        if !self.same_version {
            return None;
        }
        let prior = self
            .by_source
            .get(key)
            .filter(|p| &*p.source_sha256 == sha)?;
        let record = self.read(prior).ok()?;
        (record.templates_sha256 == templates_sha256 && self.intact(&record)).then_some(record)
    }

    /// The previous record of a plan that failed this time, whatever its source now
    /// holds, if its files are intact: a plan that fails keeps its last good files.
    pub fn carry(&self, key: &str) -> Option<Record> {
        let record = self.read(self.by_source.get(key)?).ok()?;
        self.intact(&record).then_some(record)
    }

    /// Every source's previous archive name (`2021/114-KH-UBND-x`), so names stay put.
    pub fn names(&self) -> impl Iterator<Item = (&str, &str)> {
        self.by_source.iter().map(|(k, p)| (&**k, &*p.name))
    }

    /// Every file of `record` is inside the archive (see [`confined`]) with its SHA-256.
    fn intact(&self, record: &Record) -> bool {
        !record.files.is_empty()
            && record.files.iter().all(|f| {
                confined(&self.root, &f.path).is_some_and(|p| {
                    file_sha256(&p).is_ok_and(|(n, sha)| n == f.bytes && sha == f.sha256)
                })
            })
    }

    fn read(&self, prior: &Prior) -> io::Result<Record> {
        let mut file = self.records.lock().unwrap_or_else(|e| e.into_inner());
        records::read_at(&mut file, prior.offset, prior.len)
    }
}

/// The path of a manifest entry inside `root`, if it is one: relative, `/`-separated,
/// only plain names (no `..`, no root, no drive), no link anywhere along it, ending at a
/// regular file. A manifest edited to say `/etc/passwd` or `../../secret.txt` would
/// otherwise have that file linked into the next archive.
pub(crate) fn confined(root: &Path, rel: &str) -> Option<PathBuf> {
    use std::path::Component;
    if rel.is_empty() || rel.contains('\\') || rel.contains('\0') {
        return None;
    }
    let mut at = root.to_path_buf();
    for part in Path::new(rel).components() {
        let Component::Normal(name) = part else {
            return None;
        };
        at.push(name);
        if std::fs::symlink_metadata(&at)
            .ok()?
            .file_type()
            .is_symlink()
        {
            return None;
        }
    }
    std::fs::symlink_metadata(&at)
        .ok()
        .filter(|m| m.is_file())
        .map(|_| at)
}

/// Size and SHA-256 of a file, streamed (never through a link).
pub(crate) fn file_sha256(path: &Path) -> io::Result<(u64, String)> {
    use sha2::{Digest, Sha256};
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(rustix::fs::OFlags::NOFOLLOW.bits() as i32);
    }
    let mut file = options.open(path)?;
    let mut h = Sha256::new();
    let n = io::copy(&mut file, &mut h)?;
    Ok((n, h.finalize().iter().map(|b| format!("{b:02x}")).collect()))
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
        let name = record.files.first().map_or("", |f| {
            f.path
                .strip_suffix(f.format.as_str())
                .and_then(|p| p.strip_suffix('.'))
                .unwrap_or("")
        });
        self.by_source.insert(
            record.source.path.as_str().into(),
            Prior {
                source_sha256: record.source.sha256.as_str().into(),
                name: name.into(),
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
        let text = text.replace(
            "\"sha256\":\"bb\"",
            &format!("\"sha256\":\"{}\"", manifest::sha256_hex(b"docx")),
        );
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

    /// Defect 3: same size, other bytes → not reused; a path leaving the archive → refused.
    #[test]
    fn kept_files_are_verified_by_sha256_and_confined_to_the_archive() {
        let (dir, prev) = open(&manifest(env!("CARGO_PKG_VERSION"), RECORD));
        let prev = prev.unwrap();
        assert!(prev.reusable("plans/a.yaml", "aa", "tt").is_some());
        std::fs::write(dir.path().join("2021/a.docx"), "\0\0\0\0").unwrap();
        assert!(
            prev.reusable("plans/a.yaml", "aa", "tt").is_none(),
            "zeroed"
        );
        assert!(prev.carry("plans/a.yaml").is_none());

        let root = dir.path();
        std::fs::write(root.join("2021/a.docx"), "docx").unwrap();
        for bad in [
            "/etc/passwd",
            "../secret.txt",
            "2021/../../x",
            "",
            "2021\\a.docx",
        ] {
            assert!(confined(root, bad).is_none(), "{bad}");
        }
        assert!(confined(root, "2021/a.docx").is_some());
        #[cfg(unix)]
        {
            let outside = tempfile::tempdir().unwrap();
            std::fs::write(outside.path().join("secret.txt"), "s").unwrap();
            std::os::unix::fs::symlink(outside.path().join("secret.txt"), root.join("2021/l.docx"))
                .unwrap();
            assert!(confined(root, "2021/l.docx").is_none());
            std::os::unix::fs::symlink(outside.path(), root.join("2022")).unwrap();
            assert!(confined(root, "2022/secret.txt").is_none());
        }
    }

    #[test]
    fn another_version_keeps_names_and_failed_plans_but_is_not_reused() {
        let (_dir, prev) = open(&manifest("0.0.0-other", RECORD));
        let prev = prev.expect("same format");
        assert!(prev.reusable("plans/a.yaml", "aa", "tt").is_none());
        assert!(prev.carry("plans/a.yaml").is_some());
        assert_eq!(
            prev.names().collect::<Vec<_>>(),
            [("plans/a.yaml", "2021/a")]
        );
    }

    #[test]
    fn a_broken_manifest_is_not_reused_and_leaves_no_index() {
        for text in [
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
