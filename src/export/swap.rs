//! Building the archive beside the old one and swapping it in only when complete, so an
//! export killed at any point leaves the last complete archive readable.
//!
//! Layout beside `TARGET` (all hidden, so plan discovery never walks into them):
//! `.TARGET.lock` (held while an export runs), `.TARGET.staging` (the new archive being
//! built), `.TARGET.old` (the previous archive during the swap, a few microseconds).
//! On Linux the swap is one `renameat2(RENAME_EXCHANGE)`, atomic for readers; elsewhere
//! it is two renames, and a run that finds `.TARGET.old` without `TARGET` (killed between
//! them) puts the old archive back first.

use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};

use super::manifest;

pub struct Staging {
    target: PathBuf,
    dir: PathBuf,
    old: PathBuf,
    // Held for the life of the export: a second export of the same archive refuses.
    _lock: File,
}

impl Staging {
    /// Locks the archive, recovers from an interrupted swap, and starts an empty staging folder.
    pub fn begin(target: &Path) -> Result<Staging> {
        let name = target
            .file_name()
            .and_then(|n| n.to_str())
            .filter(|n| !n.is_empty() && *n != "." && *n != "..")
            .with_context(|| {
                format!(
                    "{}: the archive must be a named folder (e.g. out/archive)",
                    target.display()
                )
            })?;
        let parent = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        std::fs::create_dir_all(&parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
        let lock = lock(&parent.join(format!(".{name}.lock")))?;
        let dir = parent.join(format!(".{name}.staging"));
        let old = parent.join(format!(".{name}.old"));
        if !target.exists() && old.exists() {
            std::fs::rename(&old, target).with_context(|| {
                format!("cannot restore the previous archive from {}", old.display())
            })?;
        }
        if target.exists() && !is_archive_or_empty(target) {
            bail!(
                "{} exists and is not a kehoach archive (no {}); give a new or empty folder",
                target.display(),
                manifest::JSON_NAME
            );
        }
        for stale in [&dir, &old] {
            if stale.exists() {
                std::fs::remove_dir_all(stale)
                    .with_context(|| format!("cannot remove {}", stale.display()))?;
            }
        }
        std::fs::create_dir(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
        Ok(Staging {
            target: target.to_path_buf(),
            dir,
            old,
            _lock: lock,
        })
    }

    /// The folder to build the new archive in.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Makes the staging folder the archive. With `sync`, data is flushed to disk first,
    /// so even a power cut right after the swap finds complete files (without it, a kill
    /// is still safe: the kernel has the data; only a power cut could lose it).
    pub fn commit(self, sync: bool) -> Result<()> {
        if sync {
            sync_filesystem(&self.dir);
        }
        if self.target.exists() {
            if !exchange(&self.dir, &self.target)? {
                std::fs::rename(&self.target, &self.old)
                    .with_context(|| format!("cannot move {} aside", self.target.display()))?;
                std::fs::rename(&self.dir, &self.target)
                    .context("cannot move the new archive into place")?;
                std::fs::remove_dir_all(&self.old).ok();
                return Ok(());
            }
            // After the exchange the staging name holds the previous archive.
            std::fs::remove_dir_all(&self.dir).with_context(|| {
                format!("cannot remove the previous archive {}", self.dir.display())
            })?;
        } else {
            std::fs::rename(&self.dir, &self.target)
                .with_context(|| format!("cannot create {}", self.target.display()))?;
        }
        Ok(())
    }

    /// Throws the staging folder away and keeps the archive as it was.
    pub fn discard(self) -> Result<()> {
        std::fs::remove_dir_all(&self.dir)
            .with_context(|| format!("cannot remove {}", self.dir.display()))
    }
}

fn is_archive_or_empty(dir: &Path) -> bool {
    if dir.join(manifest::JSON_NAME).is_file() {
        return true;
    }
    std::fs::read_dir(dir)
        .map(|mut d| d.next().is_none())
        .unwrap_or(false)
}

#[cfg(unix)]
fn lock(path: &Path) -> Result<File> {
    use rustix::fs::{flock, FlockOperation};
    let file = File::create(path).with_context(|| format!("cannot create {}", path.display()))?;
    if flock(&file, FlockOperation::NonBlockingLockExclusive).is_err() {
        bail!(
            "another export is writing this archive (lock {} is held)",
            path.display()
        );
    }
    Ok(file)
}

#[cfg(not(unix))]
fn lock(path: &Path) -> Result<File> {
    File::create(path).with_context(|| format!("cannot create {}", path.display()))
}

/// Atomically swaps two folders; `Ok(false)` where the system cannot.
#[cfg(any(target_os = "linux", target_os = "android"))]
fn exchange(a: &Path, b: &Path) -> Result<bool> {
    use rustix::fs::{renameat_with, RenameFlags, CWD};
    match renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE) {
        Ok(()) => Ok(true),
        // Old kernels and some file systems (e.g. some network mounts) lack it.
        Err(e) if e == rustix::io::Errno::INVAL || e == rustix::io::Errno::NOSYS => Ok(false),
        Err(e) => Err(io::Error::from(e))
            .with_context(|| format!("cannot swap {} into place", a.display())),
    }
}

#[cfg(not(any(target_os = "linux", target_os = "android")))]
fn exchange(_a: &Path, _b: &Path) -> Result<bool> {
    Ok(false)
}

/// Flushes the file system holding `dir` (one call instead of an fsync per file).
#[cfg(any(target_os = "linux", target_os = "android"))]
fn sync_filesystem(dir: &Path) {
    if let Ok(f) = File::open(dir) {
        let _ = rustix::fs::syncfs(&f);
    }
}

#[cfg(not(any(target_os = "linux", target_os = "android")))]
fn sync_filesystem(_dir: &Path) {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swap_replaces_the_archive_whole() {
        let root = tempfile::tempdir().unwrap();
        let target = root.path().join("archive");
        let s = Staging::begin(&target).unwrap();
        std::fs::write(s.dir().join(manifest::JSON_NAME), "1").unwrap();
        s.commit(false).unwrap();
        assert_eq!(
            std::fs::read_to_string(target.join("manifest.json")).unwrap(),
            "1"
        );

        let s = Staging::begin(&target).unwrap();
        std::fs::write(s.dir().join(manifest::JSON_NAME), "2").unwrap();
        s.commit(false).unwrap();
        assert_eq!(
            std::fs::read_to_string(target.join("manifest.json")).unwrap(),
            "2"
        );
        let names: Vec<_> = std::fs::read_dir(root.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        assert!(
            !names
                .iter()
                .any(|n| n.ends_with(".staging") || n.ends_with(".old")),
            "{names:?}"
        );
    }

    #[test]
    fn an_interrupted_swap_is_undone() {
        let root = tempfile::tempdir().unwrap();
        let target = root.path().join("archive");
        let old = root.path().join(".archive.old");
        std::fs::create_dir(&old).unwrap();
        std::fs::write(old.join(manifest::JSON_NAME), "old").unwrap();
        let s = Staging::begin(&target).unwrap();
        assert_eq!(
            std::fs::read_to_string(target.join("manifest.json")).unwrap(),
            "old"
        );
        s.discard().unwrap();
    }

    #[test]
    fn a_foreign_folder_is_never_replaced() {
        let root = tempfile::tempdir().unwrap();
        let docs = root.path().join("docs");
        std::fs::create_dir(&docs).unwrap();
        std::fs::write(docs.join("thesis.docx"), "x").unwrap();
        assert!(Staging::begin(&docs).is_err());
        assert!(docs.join("thesis.docx").exists());
    }

    #[test]
    fn a_second_export_of_the_same_archive_waits_its_turn() {
        let root = tempfile::tempdir().unwrap();
        let target = root.path().join("archive");
        let _first = Staging::begin(&target).unwrap();
        #[cfg(unix)]
        assert!(Staging::begin(&target).is_err());
    }
}
