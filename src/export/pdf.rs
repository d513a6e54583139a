//! PDF/A-2b through LibreOffice headless (`--pdf`): many DOCX files per `soffice` call,
//! since starting LibreOffice costs more than converting a plan.
//!
//! Each concurrent call gets its own private profile (`-env:UserInstallation`), so two
//! conversions never fight over one profile lock and the user's own LibreOffice profile
//! is never touched; HOME and the XDG folders point there too, because soffice writes to
//! them regardless.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The longest one LibreOffice call may take: a start-up allowance plus a per-file
/// allowance (a plan converts in well under a second; a hung soffice never finishes).
pub const CALL_TIMEOUT: Duration = Duration::from_secs(120);
pub const PER_FILE_TIMEOUT: Duration = Duration::from_secs(30);

/// The export filter with `SelectPdfVersion` 2: PDF/A-2b.
pub const PDF_A2B_FILTER: &str =
    r#"pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"}}"#;

pub struct PdfConverter {
    soffice: PathBuf,
    profiles: tempfile::TempDir,
    /// The start-up allowance of one call ([`CALL_TIMEOUT`]; shorter in tests).
    timeout: Duration,
}

impl PdfConverter {
    /// Finds LibreOffice, or says how to get it.
    pub fn find() -> Result<PdfConverter, String> {
        let soffice = ["soffice", "libreoffice"]
            .iter()
            .find_map(|name| find_in_path(name))
            .ok_or_else(|| {
                "--pdf needs LibreOffice, and `soffice` is not on PATH. Install it (Debian/Ubuntu: \
                 apt-get install libreoffice-writer-nogui fonts-liberation2) or export without --pdf"
                    .to_owned()
            })?;
        let profiles = tempfile::Builder::new()
            .prefix("kehoach-lo-")
            .tempdir()
            .map_err(|e| format!("cannot create a LibreOffice profile folder: {e}"))?;
        Ok(PdfConverter {
            soffice,
            profiles,
            timeout: CALL_TIMEOUT,
        })
    }

    /// A converter running `soffice` with another start-up allowance (for tests).
    pub fn with_program(soffice: PathBuf, timeout: Duration) -> Result<PdfConverter, String> {
        let profiles = tempfile::tempdir().map_err(|e| e.to_string())?;
        Ok(PdfConverter {
            soffice,
            profiles,
            timeout,
        })
    }

    /// Converts `docx` files (all in one folder) to PDF/A-2b in `out_dir`, with profile
    /// number `slot` (one per concurrent call).
    pub fn convert(&self, slot: usize, docx: &[PathBuf], out_dir: &Path) -> Result<(), String> {
        let limit = self.timeout + PER_FILE_TIMEOUT * docx.len() as u32;
        self.convert_within(slot, docx, out_dir, limit)
    }

    /// [`convert`](Self::convert), stopped after `limit`.
    fn convert_within(
        &self,
        slot: usize,
        docx: &[PathBuf],
        out_dir: &Path,
        limit: Duration,
    ) -> Result<(), String> {
        if docx.is_empty() {
            return Ok(());
        }
        let home = self.profiles.path().join(format!("slot-{slot}"));
        std::fs::create_dir_all(&home).map_err(|e| e.to_string())?;
        let mut command = Command::new(&self.soffice);
        command
            .arg(format!(
                "-env:UserInstallation={}",
                file_url(&home.join("profile"))
            ))
            .args(["--headless", "--norestore", "--nolockcheck", "--convert-to"])
            .arg(PDF_A2B_FILTER)
            .arg("--outdir")
            .arg(out_dir)
            .args(docx)
            .env("HOME", &home)
            .env("XDG_CONFIG_HOME", home.join(".config"))
            .env("XDG_CACHE_HOME", home.join(".cache"))
            .env("XDG_DATA_HOME", home.join(".local/share"))
            .stdin(Stdio::null())
            .stdout(Stdio::null());
        // Its messages go to a file: a pipe nobody reads while waiting could fill and
        // block soffice.
        let log_path = home.join("soffice.log");
        let log = std::fs::File::create(&log_path).map_err(|e| e.to_string())?;
        command.stderr(log);
        // Its own process group, so a timeout stops soffice.bin too, not only the wrapper.
        #[cfg(unix)]
        std::os::unix::process::CommandExt::process_group(&mut command, 0);
        let mut child = command
            .spawn()
            .map_err(|e| format!("cannot run {}: {e}", self.soffice.display()))?;
        let started = Instant::now();
        let status = loop {
            match child.try_wait() {
                Ok(Some(status)) => break status,
                Ok(None) if started.elapsed() > limit => {
                    stop(&mut child);
                    return Err(format!(
                        "LibreOffice chạy quá thời gian cho phép ({} giây cho {} tệp) và đã bị dừng; các tệp này không có PDF",
                        limit.as_secs(),
                        docx.len()
                    ));
                }
                Ok(None) => std::thread::sleep(Duration::from_millis(50)),
                Err(e) => return Err(format!("cannot wait for LibreOffice: {e}")),
            }
        };
        if !status.success() {
            let log = std::fs::read_to_string(&log_path).unwrap_or_default();
            return Err(format!("LibreOffice failed ({status}): {}", log.trim()));
        }
        Ok(())
    }
}

/// Kills a LibreOffice call and everything it started.
fn stop(child: &mut std::process::Child) {
    // The child leads its own process group (set when it was spawned).
    #[cfg(unix)]
    if let Some(pid) = rustix::process::Pid::from_raw(child.id() as i32) {
        let _ = rustix::process::kill_process_group(pid, rustix::process::Signal::KILL);
    }
    let _ = child.kill();
    let _ = child.wait();
}

fn find_in_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
}

/// A `file://` URL for a local path, percent-encoding what a URL cannot hold.
fn file_url(path: &Path) -> String {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut url = String::from("file://");
    for b in abs.to_string_lossy().bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            url.push(char::from(b));
        } else {
            url.push_str(&format!("%{b:02X}"));
        }
    }
    url
}

/// Pages of a PDF: the number of page objects (`/Type /Page`, not `/Pages`).
/// LibreOffice writes page dictionaries uncompressed, so a byte scan finds them all.
pub fn page_count(pdf: &[u8]) -> Option<u32> {
    let mut count = 0u32;
    let mut i = 0;
    while let Some(pos) = find(&pdf[i..], b"/Type") {
        let mut j = i + pos + 5;
        while j < pdf.len() && pdf[j].is_ascii_whitespace() {
            j += 1;
        }
        if pdf[j..].starts_with(b"/Page")
            && !pdf.get(j + 5).is_some_and(|b| b.is_ascii_alphanumeric())
        {
            count += 1;
        }
        i = j;
    }
    (count > 0).then_some(count)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_pages_not_page_trees() {
        let pdf = b"%PDF-1.7\n1 0 obj <</Type /Pages /Kids [2 0 R 3 0 R] /Count 2>>\n\
            2 0 obj <</Type/Page/Parent 1 0 R>>\n3 0 obj <</Type /Page /Parent 1 0 R>>\n";
        assert_eq!(page_count(pdf), Some(2));
        assert_eq!(page_count(b"%PDF-1.7 nothing"), None);
    }

    /// Defect 6: a LibreOffice that never finishes is stopped, with a message.
    #[cfg(unix)]
    #[test]
    fn a_hung_libreoffice_is_stopped_at_its_timeout() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let fake = dir.path().join("soffice");
        std::fs::write(&fake, "#!/bin/sh\nsleep 60 &\nsleep 60\n").unwrap();
        std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).unwrap();
        let mut pdf = PdfConverter::with_program(fake, Duration::ZERO).unwrap();
        pdf.timeout = Duration::from_millis(300);
        let docx = dir.path().join("a.docx");
        std::fs::write(&docx, "x").unwrap();
        let began = Instant::now();
        // The per-file allowance is 30 s; the test shortens the whole limit instead.
        let err = pdf.convert_within(0, &[docx], dir.path(), Duration::from_millis(300));
        let err = err.unwrap_err();
        assert!(
            began.elapsed() < Duration::from_secs(10),
            "{:?}",
            began.elapsed()
        );
        assert!(err.contains("quá thời gian"), "{err}");
    }

    #[test]
    fn profile_urls_are_escaped() {
        assert_eq!(file_url(Path::new("/tmp/a b/p")), "file:///tmp/a%20b/p");
    }
}
