//! Opening a DOCX package: the zip, its relationships, and size limits.
//!
//! The main part is found the way a word processor finds it (from `_rels/.rels`), not by
//! assuming `word/document.xml`, and part names are matched case-insensitively, so
//! packages written by other tools open too. Every part is read through a cap, whatever
//! its zip header claims, so a zip bomb stops at the cap instead of filling memory.

use std::io::{Cursor, Read};

use super::xml::{self, Element};
use super::ImportError;

/// The largest input file accepted.
pub(crate) const MAX_FILE_BYTES: u64 = 100 * 1024 * 1024;
/// The largest decompressed part (a 300-page plan's document.xml is a few MB).
pub(crate) const MAX_PART_BYTES: u64 = 48 * 1024 * 1024;
/// The most decompressed bytes read from one package in total.
pub(crate) const MAX_TOTAL_BYTES: u64 = 160 * 1024 * 1024;
/// More entries than any document needs; beyond this the central directory is suspect.
pub(crate) const MAX_ENTRIES: usize = 20_000;

/// A relationship of a part: its id, type (last path segment) and resolved target.
#[derive(Debug, Clone)]
pub struct Relationship {
    pub id: String,
    pub kind: String,
    pub target: String,
    pub external: bool,
}

pub struct Package {
    zip: zip::ZipArchive<Cursor<Vec<u8>>>,
    read_so_far: u64,
    /// What is left of [`xml::MAX_PACKAGE_ITEMS`] for the parts not parsed yet.
    items_left: usize,
}

impl Package {
    pub fn open(bytes: Vec<u8>) -> Result<Package, ImportError> {
        if bytes.is_empty() {
            return Err(ImportError::Empty);
        }
        if bytes.len() as u64 > MAX_FILE_BYTES {
            return Err(ImportError::TooLarge {
                part: "the file".into(),
                limit: MAX_FILE_BYTES,
            });
        }
        // Office encrypts a DOCX by wrapping it in an OLE compound file (as is a .doc).
        if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            return Err(ImportError::Encrypted);
        }
        if bytes.starts_with(b"%PDF") {
            return Err(ImportError::Pdf);
        }
        if !bytes.starts_with(b"PK") {
            return Err(ImportError::NotZip);
        }
        let zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| match e {
            zip::result::ZipError::UnsupportedArchive(m) => ImportError::NotDocx(m.to_string()),
            _ => ImportError::NotZip,
        })?;
        if zip.len() > MAX_ENTRIES {
            return Err(ImportError::NotDocx(format!(
                "the package has {} entries (more than {MAX_ENTRIES})",
                zip.len()
            )));
        }
        Ok(Package {
            zip,
            read_so_far: 0,
            items_left: xml::MAX_PACKAGE_ITEMS,
        })
    }

    fn index_of(&self, name: &str) -> Option<usize> {
        let name = name.trim_start_matches('/');
        self.zip.index_for_name(name).or_else(|| {
            let actual = self
                .zip
                .file_names()
                .find(|n| n.eq_ignore_ascii_case(name))?
                .to_owned();
            self.zip.index_for_name(&actual)
        })
    }

    pub fn has(&self, name: &str) -> bool {
        self.index_of(name).is_some()
    }

    /// The bytes of a part, or `None` if the package has no such part.
    pub fn read(&mut self, name: &str) -> Result<Option<Vec<u8>>, ImportError> {
        let Some(index) = self.index_of(name) else {
            return Ok(None);
        };
        let mut file = self.zip.by_index(index).map_err(|e| match e {
            zip::result::ZipError::UnsupportedArchive(m)
                if m == zip::result::ZipError::PASSWORD_REQUIRED =>
            {
                ImportError::Encrypted
            }
            other => ImportError::NotDocx(format!("cannot read {name}: {other}")),
        })?;
        let cap = MAX_PART_BYTES.min(MAX_TOTAL_BYTES.saturating_sub(self.read_so_far));
        if file.size() > cap {
            return Err(ImportError::TooLarge {
                part: name.to_owned(),
                limit: cap,
            });
        }
        let mut out = Vec::with_capacity(file.size().min(cap) as usize);
        // The header's size may lie: read at most one byte past the cap to find out.
        (&mut file)
            .take(cap + 1)
            .read_to_end(&mut out)
            .map_err(|e| ImportError::NotDocx(format!("cannot decompress {name}: {e}")))?;
        if out.len() as u64 > cap {
            return Err(ImportError::TooLarge {
                part: name.to_owned(),
                limit: cap,
            });
        }
        self.read_so_far += out.len() as u64;
        Ok(Some(out))
    }

    /// A part parsed as XML, or `None` if absent.
    pub fn xml(&mut self, name: &str) -> Result<Option<Element>, ImportError> {
        match self.read(name)? {
            None => Ok(None),
            Some(bytes) => xml::parse_within(&bytes, &mut self.items_left)
                .map(Some)
                .map_err(|e| ImportError::Xml {
                    part: name.to_owned(),
                    message: e.to_string(),
                }),
        }
    }

    /// The relationships of a part (`word/document.xml` → `word/_rels/document.xml.rels`).
    pub fn relationships(&mut self, part: &str) -> Result<Vec<Relationship>, ImportError> {
        let (dir, file) = match part.rfind('/') {
            Some(i) => (&part[..i], &part[i + 1..]),
            None => ("", part),
        };
        let rels_name = if dir.is_empty() {
            format!("_rels/{file}.rels")
        } else {
            format!("{dir}/_rels/{file}.rels")
        };
        let Some(root) = self.xml(&rels_name)? else {
            return Ok(Vec::new());
        };
        Ok(root
            .children_named("Relationship")
            .map(|r| {
                let external = r.attr("TargetMode") == Some("External");
                let target = r.attr("Target").unwrap_or_default();
                Relationship {
                    id: r.attr("Id").unwrap_or_default().to_owned(),
                    kind: r
                        .attr("Type")
                        .unwrap_or_default()
                        .rsplit('/')
                        .next()
                        .unwrap_or_default()
                        .to_owned(),
                    target: if external {
                        target.to_owned()
                    } else {
                        resolve(dir, target)
                    },
                    external,
                }
            })
            .collect())
    }

    /// The main document part named by the package relationships.
    pub(crate) fn main_part(&mut self) -> Result<String, ImportError> {
        let rels = self.relationships("")?;
        let main = rels
            .iter()
            .find(|r| r.kind == "officeDocument" && !r.external)
            .map(|r| r.target.clone())
            .unwrap_or_else(|| "word/document.xml".to_owned());
        if self.has(&main) {
            Ok(main)
        } else {
            Err(ImportError::NotDocx(
                "the package has no Word document part (word/document.xml)".into(),
            ))
        }
    }
}

/// Resolves a relationship target against the folder of its source part.
fn resolve(dir: &str, target: &str) -> String {
    if let Some(abs) = target.strip_prefix('/') {
        return abs.to_owned();
    }
    let mut parts: Vec<&str> = if dir.is_empty() {
        Vec::new()
    } else {
        dir.split('/').collect()
    };
    for seg in target.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_resolve_against_their_folder() {
        assert_eq!(resolve("word", "styles.xml"), "word/styles.xml");
        assert_eq!(resolve("word", "../customXml/a.xml"), "customXml/a.xml");
        assert_eq!(resolve("", "word/document.xml"), "word/document.xml");
        assert_eq!(resolve("word", "/word/x.xml"), "word/x.xml");
    }

    #[test]
    fn refuses_what_is_not_a_package() {
        assert!(matches!(Package::open(Vec::new()), Err(ImportError::Empty)));
        assert!(matches!(
            Package::open(b"hello".to_vec()),
            Err(ImportError::NotZip)
        ));
        let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        ole.extend([0; 100]);
        assert!(matches!(Package::open(ole), Err(ImportError::Encrypted)));
        assert!(matches!(
            Package::open(b"PK\x03\x04garbage".to_vec()),
            Err(ImportError::NotZip)
        ));
    }
}
