//! Writing outputs: atomically (a temp file in the same folder, then a rename), so a crash
//! or a full disk never leaves a half-written DOCX where a good one was, and always
//! inside the output folder, whatever the names in the input say.

use std::io::Write;
use std::path::{Path, PathBuf};

/// Writes `bytes` to `path` atomically: readers see the old file or the new one, never
/// a part of it.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
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
pub fn safe_stem(raw: &str) -> String {
    let cleaned: String = raw
        .chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '-',
            c if c.is_control() => '-',
            c => c,
        })
        .collect();
    let trimmed = cleaned.trim().trim_start_matches('.').trim_end_matches('.');
    let mut stem: String = trimmed.chars().take(120).collect();
    if stem.is_empty() || stem == "-" {
        stem = "ke-hoach".to_owned();
    }
    stem
}

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
}
