//! Writing outputs: atomically (a temp file in the same folder, then a rename), so a crash
//! or a full disk never leaves a half-written DOCX where a good one was, and always
//! inside the output folder, whatever the names in the input say.

//!
//! Every output goes through [`write_atomic`] (kehoach's own outputs, replaced on a re-run)
//! or [`write_new`] (a file the user names with `-o`, `--csv`: never replaces a file
//! without `--force`). Both refuse to write over anything but a regular file — a device
//! (`/dev/null`), a FIFO, a folder or a symbolic link — and never follow a link: the new
//! file is created under a temporary name and renamed onto the path, which replaces a
//! name, never writes through it.
//!
//! "Made by kehoach" is a convention of place, not of content: `render` writes into its
//! output folder (`-o DIR`, default `out/`) files named after the plan with kehoach's
//! extensions, and a re-run replaces them; two plans of one run that would get the same
//! output name are refused by [`Claims`]. Any other path is the user's and needs `--force`.

use std::collections::HashMap;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::files::{describe_io, kind_name};

/// Refuses a path that holds anything but a regular file (or nothing).
pub(crate) fn check_target(path: &Path) -> io::Result<()> {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!(
                "{} là một liên kết tượng trưng (symlink); kehoach không ghi qua liên kết, hãy chỉ tệp thật",
                shown(path)
            ),
        )),
        Ok(m) if !m.is_file() => Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!(
                "{} là {}, không phải tệp thường; hãy chọn một tệp khác để ghi",
                shown(path),
                kind_name(&m.file_type())
            ),
        )),
        Ok(_) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(io::Error::new(
            e.kind(),
            format!("không kiểm tra được {}: {}", shown(path), describe_io(&e)),
        )),
    }
}

/// Writes a file the user named: refuses to replace an existing file unless `force`.
pub fn write_new(path: &Path, bytes: &[u8], force: bool) -> io::Result<()> {
    check_target(path)?;
    if !force && std::fs::symlink_metadata(path).is_ok() {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            format!(
                "{} đã có; kehoach không ghi đè tệp nó không tạo ra — thêm --force để ghi đè, hoặc chọn tên khác",
                shown(path)
            ),
        ));
    }
    write_atomic(path, bytes)
}

/// A path as printed on a terminal: control characters (escape sequences, bells, line
/// breaks) shown as `\u{..}` so a file name cannot drive the terminal.
pub fn shown(path: &Path) -> String {
    let text = path.to_string_lossy();
    if !text.chars().any(char::is_control) {
        return text.into_owned();
    }
    text.chars()
        .map(|c| {
            if c.is_control() {
                c.escape_unicode().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// Two plans of one run would write the same output file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", crate::msg!("io.output_clash", output = shown(.output), first = shown(.first)))]
pub struct OutputClash {
    pub output: PathBuf,
    /// The plan that claimed the output first.
    pub first: PathBuf,
}

/// The output paths given out in one run, and to which source: a second source that
/// would get the same output file is refused instead of silently replacing the first's.
#[derive(Default)]
pub struct Claims {
    given: HashMap<PathBuf, PathBuf>,
}

impl Claims {
    /// Claims `output` for `source`; the same source may claim it again (watch mode).
    pub fn claim(&mut self, output: &Path, source: &Path) -> Result<(), OutputClash> {
        // One source may be named two ways (`kh.yaml`, `/abs/kh.yaml` from a watcher).
        let source = &std::fs::canonicalize(source).unwrap_or_else(|_| source.to_path_buf());
        // Case-insensitive file systems would merge names that differ only in case.
        let key = PathBuf::from(output.to_string_lossy().to_lowercase());
        match self.given.get(&key) {
            Some(first) if first != source => Err(OutputClash {
                output: output.to_path_buf(),
                first: first.clone(),
            }),
            Some(_) => Ok(()),
            None => {
                self.given.insert(key, source.to_path_buf());
                Ok(())
            }
        }
    }
}

/// Writes `bytes` to `path` atomically: readers see the old file or the new one, never
/// a part of it. Replaces a regular file; refuses devices, FIFOs, folders and links.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    check_target(path)?;
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir)?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".kehoach-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    // Temp files are created private (0600); an output is an ordinary document.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o644))?;
    }
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    // The rename lives in the folder: sync it too, so after a power cut the name points
    // at the new file rather than at nothing. Best effort (some file systems refuse).
    #[cfg(unix)]
    if let Ok(folder) = std::fs::File::open(dir) {
        let _ = folder.sync_all();
    }
    Ok(())
}

/// A file-name stem that is safe on every system: no path separators, no `..`, no
/// control characters, no leading dot, not empty.
pub(crate) fn safe_stem(raw: &str) -> String {
    let cleaned: String = raw
        .chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '-',
            c if c.is_control() => '-',
            c => c,
        })
        .collect();
    let trimmed = cleaned.trim().trim_start_matches('.').trim_end_matches('.');
    let mut stem: String = if trimmed.chars().count() > MAX_STEM_CHARS {
        // Cut, with a fingerprint of the whole: two long stems that differ only past the
        // cut (`…-phu-luc`) must not get one name.
        let head: String = trimmed.chars().take(MAX_STEM_CHARS - 9).collect();
        let sha = crate::export::manifest::sha256_hex(trimmed.as_bytes());
        format!("{head}-{}", &sha[..8])
    } else {
        trimmed.to_owned()
    };
    if stem.is_empty() || stem == "-" {
        stem = "ke-hoach".to_owned();
    }
    stem
}

/// The longest stem kept whole, in characters (names stay under 255 bytes).
const MAX_STEM_CHARS: usize = 120;

/// The output path for a plan's stem and an extension, always directly inside `dir`.
pub fn output_path(dir: &Path, stem: &str, extension: &str) -> PathBuf {
    dir.join(format!("{}.{extension}", safe_stem(stem)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_never_leave_the_output_folder() {
        let dir = Path::new("/tmp/out");
        for hostile in [
            "../../etc/passwd",
            "/abs/path",
            "..",
            "",
            "a\u{0}b",
            "C:\\x",
            "..\u{202e}gpj",
        ] {
            let p = output_path(dir, hostile, "docx");
            assert_eq!(p.parent(), Some(dir), "{hostile:?} → {p:?}");
            assert!(!p.file_name().unwrap().to_string_lossy().starts_with('.'));
        }
        assert_eq!(safe_stem("ninh-ha-114-2021"), "ninh-ha-114-2021");
    }

    #[test]
    fn atomic_write_replaces_whole_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/x.docx");
        write_atomic(&path, b"old").unwrap();
        write_atomic(&path, b"new contents").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"new contents");
        let leftovers: Vec<_> = std::fs::read_dir(path.parent().unwrap())
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(leftovers.is_empty());
    }

    #[test]
    fn long_stems_that_differ_past_the_cut_keep_different_names() {
        let base = "k".repeat(130);
        let main = safe_stem(&base);
        let appendix = safe_stem(&format!("{base}-phu-luc"));
        assert_ne!(main, appendix);
        assert_eq!(main.chars().count(), MAX_STEM_CHARS);
        assert_eq!(safe_stem(&base), main, "stable");
    }

    #[cfg(unix)]
    #[test]
    fn writers_refuse_links_devices_and_other_peoples_files() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim.txt");
        std::fs::write(&victim, b"mine").unwrap();
        let link = dir.path().join("link.yaml");
        std::os::unix::fs::symlink(&victim, &link).unwrap();
        assert!(write_atomic(&link, b"x").is_err());
        assert!(write_new(&link, b"x", true).is_err());
        assert_eq!(std::fs::read(&victim).unwrap(), b"mine");
        assert!(write_atomic(Path::new("/dev/null"), b"x").is_err());
        assert!(
            std::fs::symlink_metadata("/dev/null")
                .unwrap()
                .file_type()
                .is_symlink()
                || !std::fs::symlink_metadata("/dev/null").unwrap().is_file()
        );
        let err = write_new(&victim, b"x", false).unwrap_err();
        assert!(err.to_string().contains("--force"), "{err}");
        assert_eq!(std::fs::read(&victim).unwrap(), b"mine");
        write_new(&victim, b"new", true).unwrap();
        assert_eq!(std::fs::read(&victim).unwrap(), b"new");
    }

    #[test]
    fn two_sources_cannot_claim_one_output() {
        let mut c = Claims::default();
        c.claim(Path::new("out/x.docx"), Path::new("a/x.yaml"))
            .unwrap();
        c.claim(Path::new("out/x.docx"), Path::new("a/x.yaml"))
            .unwrap();
        let _lang = crate::i18n::tests_support::Lang::set("vi");
        let clash = c
            .claim(Path::new("out/X.docx"), Path::new("b/x.yaml"))
            .unwrap_err();
        assert!(
            clash
                .to_string()
                .starts_with("out/X.docx cũng được ghi từ a/x.yaml"),
            "{clash}"
        );
    }

    #[test]
    fn control_characters_in_names_are_escaped() {
        let s = shown(Path::new("a\u{1b}[31mb\n.yaml"));
        assert!(!s.contains('\u{1b}') && !s.contains('\n'), "{s:?}");
        assert!(s.contains("\\u{1b}"), "{s}");
    }
}
