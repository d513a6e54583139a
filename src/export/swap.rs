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

use super::error::{creating, Doing, ExportError};
use super::manifest;

type Result<T> = std::result::Result<T, ExportError>;

/// What cannot be removed.
fn removing(path: &Path) -> impl FnOnce() -> String + '_ {
    move || crate::msg!("export.cannot_remove", path = path.display())
}

/// The archive folder cannot be used as it is: say what to do.
fn refuse<T>(message: String) -> Result<T> {
    Err(ExportError::Archive(message))
}

pub(crate) struct Staging {
    target: PathBuf,
    dir: PathBuf,
    old: PathBuf,
    // Held for the life of the export: a second export of the same archive refuses.
    _lock: File,
}

impl Staging {
    /// Locks the archive, recovers from an interrupted swap, and starts an empty staging folder.
    pub(crate) fn begin(target: &Path) -> Result<Staging> {
        let target = &real_target(target)?;
        let name = target
            .file_name()
            .and_then(|n| n.to_str())
            .filter(|n| !n.is_empty() && *n != "." && *n != "..")
            .ok_or_else(|| {
                ExportError::Archive(crate::msg!(
                    "export.unnamed_target",
                    path = target.display()
                ))
            })?;
        let parent = target.parent().unwrap_or(Path::new("/")).to_path_buf();
        let lock = lock(&parent.join(format!(".{name}.lock")))?;
        let dir = parent.join(format!(".{name}.staging"));
        let old = parent.join(format!(".{name}.old"));
        if !target.exists() && is_archive(&old) {
            std::fs::rename(&old, target)
                .doing(|| crate::msg!("export.cannot_restore", path = old.display()))?;
        }
        if target.exists() && !is_archive_or_empty(target) {
            return refuse(crate::msg!(
                "export.not_an_archive",
                path = target.display(),
                manifest = manifest::JSON_NAME,
                format = manifest::FORMAT
            ));
        }
        for stale in [&dir, &old] {
            match std::fs::symlink_metadata(stale) {
                Err(_) => {}
                // Only kehoach's own leftovers are removed; anything else at these names is
                // not ours to delete.
                Ok(m) if m.is_dir() && (is_archive_or_empty(stale) || is_partial(stale)) => {
                    std::fs::remove_dir_all(stale).doing(removing(stale))?
                }
                Ok(_) => return refuse(crate::msg!("export.not_staging", path = stale.display())),
            }
        }
        std::fs::create_dir(&dir).doing(creating(&dir))?;
        Ok(Staging {
            target: target.to_path_buf(),
            dir,
            old,
            _lock: lock,
        })
    }

    /// The archive's real path (links resolved), which the lock is taken for.
    pub fn target(&self) -> &Path {
        &self.target
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
                std::fs::rename(&self.target, &self.old).doing(|| {
                    crate::msg!("export.cannot_move_aside", path = self.target.display())
                })?;
                std::fs::rename(&self.dir, &self.target)
                    .doing(|| crate::msg!("export.cannot_swap", path = self.target.display()))?;
                std::fs::remove_dir_all(&self.old).ok();
                return Ok(());
            }
            // After the exchange the staging name holds the previous archive.
            std::fs::remove_dir_all(&self.dir).doing(removing(&self.dir))?;
        } else {
            std::fs::rename(&self.dir, &self.target).doing(creating(&self.target))?;
        }
        Ok(())
    }

    /// Throws the staging folder away and keeps the archive as it was.
    pub(crate) fn discard(self) -> Result<()> {
        std::fs::remove_dir_all(&self.dir).doing(removing(&self.dir))
    }
}

/// The real path of the archive: a link to a folder is resolved (so `-o a` and `-o
/// link-to-a` take one lock and the swap renames the folder, not the link), and the
/// parent is made canonical (created first if needed).
fn real_target(target: &Path) -> Result<PathBuf> {
    if std::fs::symlink_metadata(target).is_ok_and(|m| m.file_type().is_symlink()) {
        return std::fs::canonicalize(target)
            .doing(|| crate::msg!("export.bad_link", path = target.display()));
    }
    let name = target.file_name().ok_or_else(|| {
        ExportError::Archive(crate::msg!(
            "export.unnamed_target",
            path = target.display()
        ))
    })?;
    let parent = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent).doing(creating(&parent))?;
    let parent = std::fs::canonicalize(&parent)
        .doing(|| crate::msg!("export.cannot_resolve", path = parent.display()))?;
    Ok(parent.join(name))
}

/// Whether `dir` is a kehoach archive: a folder (not a link) whose `manifest.json` is a
/// regular file carrying kehoach's format marker. A file name alone proves nothing: a
/// website has a `manifest.json` too.
pub(crate) fn is_archive(dir: &Path) -> bool {
    if !std::fs::symlink_metadata(dir).is_ok_and(|m| m.is_dir()) {
        return false;
    }
    #[derive(serde::Deserialize)]
    struct Marker {
        format: String,
        kehoach_version: String,
    }
    let path = dir.join(manifest::JSON_NAME);
    if !std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_file()) {
        return false;
    }
    let Ok(file) = std::fs::File::open(&path) else {
        return false;
    };
    let reader = std::io::BufReader::new(file);
    match serde_json::from_reader::<_, Marker>(reader) {
        Ok(m) => m.format.starts_with(manifest::FORMAT_FAMILY) && !m.kehoach_version.is_empty(),
        Err(_) => false,
    }
}

fn is_archive_or_empty(dir: &Path) -> bool {
    is_archive(dir)
        || std::fs::read_dir(dir)
            .map(|mut d| d.next().is_none())
            .unwrap_or(false)
}

/// A staging folder left by a killed run: it holds kehoach's scratch files.
fn is_partial(dir: &Path) -> bool {
    [".partial", ".records.jsonl", ".previous.jsonl"]
        .iter()
        .any(|n| std::fs::symlink_metadata(dir.join(n)).is_ok())
}

#[cfg(unix)]
fn lock(path: &Path) -> Result<File> {
    use rustix::fs::{flock, FlockOperation};
    use std::os::unix::fs::OpenOptionsExt;
    // Never through a link, never truncating: the lock file may be anything an attacker
    // left at that name, and opening it must not write anywhere else.
    let file = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .custom_flags((rustix::fs::OFlags::NOFOLLOW | rustix::fs::OFlags::NONBLOCK).bits() as i32)
        .open(path)
        .doing(|| crate::msg!("export.lock_open", path = path.display()))?;
    if !file.metadata().is_ok_and(|m| m.is_file()) {
        return refuse(crate::msg!("export.lock_not_file", path = path.display()));
    }
    if flock(&file, FlockOperation::NonBlockingLockExclusive).is_err() {
        return refuse(crate::msg!("export.lock_held", path = path.display()));
    }
    Ok(file)
}

#[cfg(not(unix))]
fn lock(path: &Path) -> Result<File> {
    File::create(path).doing(creating(path))
}

/// Atomically swaps two folders; `Ok(false)` where the system cannot.
#[cfg(any(target_os = "linux", target_os = "android"))]
fn exchange(a: &Path, b: &Path) -> Result<bool> {
    use rustix::fs::{renameat_with, RenameFlags, CWD};
    match renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE) {
        Ok(()) => Ok(true),
        // Old kernels and some file systems (e.g. some network mounts) lack it.
        Err(e) if e == rustix::io::Errno::INVAL || e == rustix::io::Errno::NOSYS => Ok(false),
        Err(e) => {
            Err(io::Error::from(e)).doing(|| crate::msg!("export.cannot_swap", path = b.display()))
        }
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

    fn marker(n: &str) -> String {
        format!(
            "{{\"format\": \"{}\", \"kehoach_version\": \"{n}\", \"documents\": []}}",
            manifest::FORMAT
        )
    }

    #[test]
    fn swap_replaces_the_archive_whole() {
        let root = tempfile::tempdir().unwrap();
        let target = root.path().join("archive");
        let s = Staging::begin(&target).unwrap();
        std::fs::write(s.dir().join(manifest::JSON_NAME), marker("1")).unwrap();
        s.commit(false).unwrap();
        assert_eq!(
            std::fs::read_to_string(target.join("manifest.json")).unwrap(),
            marker("1")
        );

        let s = Staging::begin(&target).unwrap();
        std::fs::write(s.dir().join(manifest::JSON_NAME), marker("2")).unwrap();
        s.commit(false).unwrap();
        assert_eq!(
            std::fs::read_to_string(target.join("manifest.json")).unwrap(),
            marker("2")
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
        std::fs::write(old.join(manifest::JSON_NAME), marker("old")).unwrap();
        let s = Staging::begin(&target).unwrap();
        assert_eq!(
            std::fs::read_to_string(target.join("manifest.json")).unwrap(),
            marker("old")
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

    /// Defect 1: a website's `manifest.json` does not make its folder an archive.
    #[test]
    fn a_manifest_json_without_kehoachs_marker_is_not_an_archive() {
        let _lang = crate::i18n::tests_support::Lang::set("vi");
        let root = tempfile::tempdir().unwrap();
        let site = root.path().join("site");
        std::fs::create_dir_all(site.join("src")).unwrap();
        std::fs::write(
            site.join("manifest.json"),
            r#"{"name": "app", "icons": []}"#,
        )
        .unwrap();
        std::fs::write(site.join("index.html"), "<h1>x</h1>").unwrap();
        let err = Staging::begin(&site).err().expect("refused").to_string();
        assert!(err.contains("không phải kho lưu"), "{err}");
        assert!(site.join("index.html").exists() && site.join("src").is_dir());
        // Nor does a leftover `.old` that is not an archive come back as one.
        let other = root.path().join("other");
        let old = root.path().join(".other.old");
        std::fs::create_dir(&old).unwrap();
        std::fs::write(old.join("manifest.json"), "{}").unwrap();
        assert!(
            Staging::begin(&other).is_err(),
            "a foreign .old is not removed"
        );
        assert!(old.join("manifest.json").exists());
    }

    /// Defect 4: the lock never follows a link, and a link to the archive shares its lock.
    #[cfg(unix)]
    #[test]
    fn the_lock_is_per_real_path_and_never_follows_a_link() {
        let root = tempfile::tempdir().unwrap();
        let victim = root.path().join("victim.txt");
        std::fs::write(&victim, "keep").unwrap();
        let target = root.path().join("archive");
        std::os::unix::fs::symlink(&victim, root.path().join(".archive.lock")).unwrap();
        assert!(Staging::begin(&target).is_err());
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep");
        std::fs::remove_file(root.path().join(".archive.lock")).unwrap();

        std::fs::create_dir(&target).unwrap();
        let link = root.path().join("link");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        let first = Staging::begin(&target).unwrap();
        assert!(Staging::begin(&link).is_err(), "one lock per real path");
        drop(first);
        let s = Staging::begin(&link).unwrap();
        assert_eq!(s.target(), std::fs::canonicalize(&target).unwrap());
        std::fs::write(s.dir().join(manifest::JSON_NAME), marker("1")).unwrap();
        s.commit(false).unwrap();
        assert!(std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        assert!(target.join("manifest.json").is_file());
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
