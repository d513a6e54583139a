//! PDF/A-2b through LibreOffice headless (`--pdf`): many DOCX files per `soffice` call,
//! since starting LibreOffice costs more than converting a plan.
//!
//! Each concurrent call gets its own private profile (`-env:UserInstallation`), so two
//! conversions never fight over one profile lock and the user's own LibreOffice profile
//! is never touched; HOME and the XDG folders point there too, because soffice writes to
//! them regardless.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The longest one LibreOffice call may take: a start-up allowance plus a per-file
/// allowance (a plan converts in well under a second; a hung soffice never finishes).
pub(crate) const CALL_TIMEOUT: Duration = Duration::from_secs(120);
pub(crate) const PER_FILE_TIMEOUT: Duration = Duration::from_secs(30);

use regex::bytes::Regex;
use sha2::{Digest, Sha256};

/// The export filter with `SelectPdfVersion` 2: PDF/A-2b.
pub(crate) const PDF_A2B_FILTER: &str =
    r#"pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"}}"#;

/// Why LibreOffice made no PDF (or one that differs from run to run). The texts are in
/// the user's language (`pdf.*` in the message catalogue).
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("{}", crate::msg!("pdf.no_soffice"))]
    NoSoffice,
    /// Its profile folder, or a file in it, could not be made.
    #[error("{}", crate::msg!("pdf.no_profile", why = .0))]
    Profile(std::io::Error),
    #[error("{}", crate::msg!("pdf.cannot_run", program = .program.display(), why = .why))]
    CannotRun {
        program: PathBuf,
        why: std::io::Error,
    },
    #[error("{}", crate::msg!("pdf.timed_out", seconds = .seconds, files = .files))]
    TimedOut { seconds: u64, files: usize },
    #[error("{}", crate::msg!("pdf.cannot_wait", why = .0))]
    Wait(std::io::Error),
    #[error("{}", crate::msg!("pdf.failed", status = .status, why = .log))]
    Failed {
        status: std::process::ExitStatus,
        log: String,
    },
    #[error("{}", crate::msg!("pdf.missing", path = .path.display(), why = .why))]
    Missing { path: PathBuf, why: std::io::Error },
    #[error("{}", crate::msg!("io.cannot_read", path = .path.display()))]
    Read {
        path: PathBuf,
        #[source]
        why: std::io::Error,
    },
    #[error("{}", crate::msg!("io.cannot_write", path = .path.display()))]
    Write {
        path: PathBuf,
        #[source]
        why: std::io::Error,
    },
    #[error("{}", crate::msg!("pdf.not_reproducible", path = .path.display(), why = .why))]
    NotReproducible { path: PathBuf, why: Unfixable },
}

/// Why a PDF's timestamps could not be set from the DOCX: the file is not laid out as
/// LibreOffice writes it (one classic cross-reference table, stream lengths it can find).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Unfixable {
    #[error("{}", crate::msg!("pdf.unfixable_length", object = .0))]
    NoLengthObject(String),
    #[error("{}", crate::msg!("pdf.unfixable_overlap"))]
    OverlappingEdits,
    #[error("{}", crate::msg!("pdf.unfixable_startxref"))]
    NoStartxref,
    #[error("{}", crate::msg!("pdf.unfixable_xref"))]
    NotOneClassicXref,
    #[error("{}", crate::msg!("pdf.unfixable_trailer"))]
    NoTrailer,
    #[error("{}", crate::msg!("pdf.unfixable_offset"))]
    BadOffset,
    #[error("{}", crate::msg!("pdf.unfixable_edit_in_xref"))]
    EditInXref,
    #[error("{}", crate::msg!("pdf.unfixable_icc", why = .0))]
    Icc(String),
    #[error("{}", crate::msg!("pdf.unfixable_xmp", date = .0))]
    XmpDate(String),
}

pub struct PdfConverter {
    soffice: PathBuf,
    profiles: tempfile::TempDir,
    /// The start-up allowance of one call ([`CALL_TIMEOUT`]; shorter in tests).
    timeout: Duration,
}

impl PdfConverter {
    /// Finds LibreOffice, or says how to get it.
    pub fn find() -> Result<PdfConverter, PdfError> {
        let soffice = ["soffice", "libreoffice"]
            .iter()
            .find_map(|name| find_in_path(name))
            .ok_or(PdfError::NoSoffice)?;
        let profiles = tempfile::Builder::new()
            .prefix("kehoach-lo-")
            .tempdir()
            .map_err(PdfError::Profile)?;
        Ok(PdfConverter {
            soffice,
            profiles,
            timeout: CALL_TIMEOUT,
        })
    }

    /// A converter running `soffice` with another start-up allowance (for tests).
    #[cfg(test)]
    fn with_program(soffice: PathBuf, timeout: Duration) -> Result<PdfConverter, PdfError> {
        let profiles = tempfile::tempdir().map_err(PdfError::Profile)?;
        Ok(PdfConverter {
            soffice,
            profiles,
            timeout,
        })
    }

    /// Converts `docx` files (all in one folder) to PDF/A-2b in `out_dir`, with profile
    /// number `slot` (one per concurrent call).
    pub fn convert(&self, slot: usize, docx: &[PathBuf], out_dir: &Path) -> Result<(), PdfError> {
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
    ) -> Result<(), PdfError> {
        if docx.is_empty() {
            return Ok(());
        }
        let home = self.profiles.path().join(format!("slot-{slot}"));
        std::fs::create_dir_all(&home).map_err(PdfError::Profile)?;
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
        let log = std::fs::File::create(&log_path).map_err(PdfError::Profile)?;
        command.stderr(log);
        // Its own process group, so a timeout stops soffice.bin too, not only the wrapper.
        #[cfg(unix)]
        std::os::unix::process::CommandExt::process_group(&mut command, 0);
        let mut child = command.spawn().map_err(|why| PdfError::CannotRun {
            program: self.soffice.clone(),
            why,
        })?;
        let started = Instant::now();
        let status = loop {
            match child.try_wait() {
                Ok(Some(status)) => break status,
                Ok(None) if started.elapsed() > limit => {
                    stop(&mut child);
                    return Err(PdfError::TimedOut {
                        seconds: limit.as_secs(),
                        files: docx.len(),
                    });
                }
                Ok(None) => std::thread::sleep(Duration::from_millis(50)),
                Err(e) => return Err(PdfError::Wait(e)),
            }
        };
        if !status.success() {
            let log = std::fs::read_to_string(&log_path).unwrap_or_default();
            let log = log.trim().to_owned();
            return Err(PdfError::Failed { status, log });
        }
        // The same DOCX gives the same PDF: LibreOffice stamps the time of the run in
        // several places, which are set from the document instead.
        for d in docx {
            let Some(stem) = d.file_stem() else { continue };
            let pdf_path = out_dir.join(stem).with_extension("pdf");
            let pdf = std::fs::read(&pdf_path).map_err(|why| PdfError::Missing {
                path: pdf_path.clone(),
                why,
            })?;
            let source = std::fs::read(d).map_err(|why| PdfError::Read {
                path: d.clone(),
                why,
            })?;
            let fixed =
                make_reproducible(&pdf, &source).map_err(|why| PdfError::NotReproducible {
                    path: pdf_path.clone(),
                    why,
                })?;
            crate::output::write_atomic(&pdf_path, &fixed).map_err(|why| PdfError::Write {
                path: pdf_path.clone(),
                why,
            })?;
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

/// What `fc-match` substitutes for Times New Roman, when it is not installed (the
/// PDF is then set in that font: Liberation Serif has the same metrics, others do not).
/// `None` when Times New Roman itself is there, or when fontconfig cannot be asked.
pub fn times_new_roman_substitute() -> Option<String> {
    let out = Command::new("fc-match")
        .args(["--format=%{family[0]}", "Times New Roman"])
        .stdin(Stdio::null())
        .output()
        .ok()?;
    let family = String::from_utf8_lossy(&out.stdout).trim().to_owned();
    (out.status.success() && !family.is_empty() && !family.eq_ignore_ascii_case("Times New Roman"))
        .then_some(family)
}

/// The date a DOCX carries in its core properties (`dcterms:created`, which kehoach
/// sets from the plan's own date), as (year, month, day).
fn docx_date(docx: &[u8]) -> Option<(u16, u8, u8)> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).ok()?;
    let mut core = String::new();
    zip.by_name("docProps/core.xml")
        .ok()?
        .read_to_string(&mut core)
        .ok()?;
    let re = regex::Regex::new(r"<dcterms:created[^>]*>(\d{4})-(\d{2})-(\d{2})").ok()?;
    let c = re.captures(&core)?;
    Some((c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?))
}

/// Rewrites what LibreOffice stamps with the time of the run — the document information
/// dates, the XMP dates, the ICC output profile's creation date, the file `/ID` and
/// LibreOffice's `/DocChecksum` — from the DOCX: its date (the plan's) and its SHA-256.
/// Byte offsets in the cross-reference table are moved to match, so the file stays a
/// valid PDF/A. The same DOCX thus gives the same PDF bytes on every run.
pub(crate) fn make_reproducible(pdf: &[u8], docx: &[u8]) -> Result<Vec<u8>, Unfixable> {
    let (y, m, d) = docx_date(docx).unwrap_or((2000, 1, 1));
    let hash: String = Sha256::digest(docx)
        .iter()
        .map(|b| format!("{b:02X}"))
        .collect();
    let mut edits: Vec<(usize, usize, Vec<u8>)> = Vec::new();
    let re = |p: &str| Regex::new(p).expect("valid regex");

    for c in re(r"/(?:CreationDate|ModDate)\s*\(([^)]*)\)").captures_iter(pdf) {
        let g = c.get(1).expect("group");
        edits.push((
            g.start(),
            g.end(),
            format!("D:{y:04}{m:02}{d:02}000000Z").into_bytes(),
        ));
    }
    for c in re(r"<xmp:(?:CreateDate|ModifyDate|MetadataDate)>([^<]*)<").captures_iter(pdf) {
        let g = c.get(1).expect("group");
        let new = format!("{y:04}-{m:02}-{d:02}T00:00:00Z").into_bytes();
        // The XMP packet's stream length is not rewritten: the date must keep its length.
        if new.len() != g.len() {
            let date = String::from_utf8_lossy(g.as_bytes()).into_owned();
            return Err(Unfixable::XmpDate(date));
        }
        edits.push((g.start(), g.end(), new));
    }
    for c in re(r"/ID\s*\[\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*\]").captures_iter(pdf) {
        for g in [c.get(1), c.get(2)].into_iter().flatten() {
            edits.push((
                g.start(),
                g.end(),
                hash.as_bytes()[..g.len().min(64)].to_vec(),
            ));
        }
    }
    for c in re(r"/DocChecksum\s*/([0-9A-Fa-f]+)").captures_iter(pdf) {
        let g = c.get(1).expect("group");
        let tail = &hash.as_bytes()[64 - g.len().min(64)..];
        edits.push((g.start(), g.end(), tail.to_vec()));
    }
    icc_dates(pdf, (y, m, d), &mut edits)?;
    apply_edits(pdf, edits)
}

/// ICC profiles (the PDF/A output intent) carry their creation time in bytes 24–35 of
/// their header: set it to the document's date, and the stream's length to match.
fn icc_dates(
    pdf: &[u8],
    (y, m, d): (u16, u8, u8),
    edits: &mut Vec<(usize, usize, Vec<u8>)>,
) -> Result<(), Unfixable> {
    let stream = Regex::new(r"(?s)<<([^<>]*?/Filter\s*/FlateDecode[^<>]*?)>>\s*stream\r?\n")
        .expect("valid regex");
    let length_ref = Regex::new(r"/Length\s+(\d+)\s+0\s+R").expect("valid regex");
    let length_direct = Regex::new(r"/Length\s+(\d+)").expect("valid regex");
    for c in stream.captures_iter(pdf) {
        let dict = c.get(1).expect("group");
        let data_start = c.get(0).expect("match").end();
        let Some(len) = pdf[data_start..].windows(9).position(|w| w == b"endstream") else {
            continue;
        };
        let raw = &pdf[data_start..data_start + len];
        let mut data = Vec::new();
        if flate2::read::ZlibDecoder::new(raw)
            .read_to_end(&mut data)
            .is_err()
            || data.len() < 128
            || &data[36..40] != b"acsp"
        {
            continue;
        }
        let mut date = Vec::with_capacity(12);
        for v in [y, u16::from(m), u16::from(d), 0, 0, 0] {
            date.extend_from_slice(&v.to_be_bytes());
        }
        data[24..36].copy_from_slice(&date);
        let mut enc = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        enc.write_all(&data)
            .map_err(|e| Unfixable::Icc(e.to_string()))?;
        let mut packed = enc.finish().map_err(|e| Unfixable::Icc(e.to_string()))?;
        // Keep the line end LibreOffice put before `endstream`, if it counted it out.
        let trailing = raw.len() - raw.trim_ascii_end().len();
        packed.extend_from_slice(&raw[raw.len() - trailing..]);
        let new_len = packed.len() - trailing;
        edits.push((data_start, data_start + raw.len(), packed));
        let dict_text = dict.as_bytes();
        if let Some(r) = length_ref.captures(dict_text) {
            let obj = std::str::from_utf8(&r[1]).map_err(|e| Unfixable::Icc(e.to_string()))?;
            let def = Regex::new(&format!(r"(?:^|[\r\n]){obj}\s+0\s+obj\s*(\d+)\s*endobj"))
                .expect("valid regex");
            let g = def
                .captures(pdf)
                .and_then(|c| c.get(1))
                .ok_or_else(|| Unfixable::NoLengthObject(obj.to_owned()))?;
            edits.push((g.start(), g.end(), new_len.to_string().into_bytes()));
        } else if let Some(r) = length_direct.captures(dict_text) {
            let g = r.get(1).expect("group");
            let at = dict.start() + g.start();
            edits.push((at, at + g.len(), new_len.to_string().into_bytes()));
        }
    }
    Ok(())
}

/// Applies byte edits and moves every offset of the (single, classic) cross-reference
/// table and `startxref` by what the edits before it added or removed.
fn apply_edits(pdf: &[u8], mut edits: Vec<(usize, usize, Vec<u8>)>) -> Result<Vec<u8>, Unfixable> {
    edits.sort_by_key(|e| e.0);
    if edits.windows(2).any(|w| w[0].1 > w[1].0) {
        return Err(Unfixable::OverlappingEdits);
    }
    let startxref = Regex::new(r"startxref\s+(\d+)\s+%%EOF\s*$").expect("valid regex");
    let sx = startxref.captures(pdf).ok_or(Unfixable::NoStartxref)?;
    let xref_at: usize = std::str::from_utf8(&sx[1])
        .ok()
        .and_then(|s| s.parse().ok())
        .ok_or(Unfixable::NoStartxref)?;
    if !pdf.get(xref_at..).is_some_and(|r| r.starts_with(b"xref"))
        || Regex::new(r"/Prev\s")
            .expect("valid regex")
            .is_match(&pdf[xref_at..])
    {
        return Err(Unfixable::NotOneClassicXref);
    }
    let shifts: Vec<(usize, i64)> = edits
        .iter()
        .map(|(s, e, new)| (*e, new.len() as i64 - (*e - *s) as i64))
        .collect();
    let moved = |o: usize| -> usize {
        let mut n = o as i64;
        for (e, delta) in &shifts {
            if *e <= o {
                n += delta;
            }
        }
        n as usize
    };
    // Entries: "oooooooooo ggggg n" lines after "xref" and each "first count" header.
    let entry = Regex::new(r"(?m)^(\d{10}) (\d{5}) ([nf])").expect("valid regex");
    let table_end = pdf[xref_at..]
        .windows(7)
        .position(|w| w == b"trailer")
        .map(|p| xref_at + p)
        .ok_or(Unfixable::NoTrailer)?;
    let mut offsets: Vec<(usize, usize)> = Vec::new();
    for c in entry.captures_iter(&pdf[xref_at..table_end]) {
        if &c[3] == b"n" {
            let g = c.get(1).expect("group");
            let old: usize = std::str::from_utf8(g.as_bytes())
                .ok()
                .and_then(|s| s.parse().ok())
                .ok_or(Unfixable::BadOffset)?;
            offsets.push((xref_at + g.start(), old));
        }
    }
    if edits.iter().any(|(s, e, _)| *e > xref_at && *s < table_end) {
        return Err(Unfixable::EditInXref);
    }
    for (at, old) in offsets {
        edits.push((at, at + 10, format!("{:010}", moved(old)).into_bytes()));
    }
    let g = sx.get(1).expect("group");
    edits.push((g.start(), g.end(), moved(xref_at).to_string().into_bytes()));
    edits.sort_by_key(|e| e.0);
    let mut out = Vec::with_capacity(pdf.len() + 64);
    let mut at = 0;
    for (s, e, new) in &edits {
        out.extend_from_slice(&pdf[at..*s]);
        out.extend_from_slice(new);
        at = *e;
    }
    out.extend_from_slice(&pdf[at..]);
    Ok(out)
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
pub(crate) fn page_count(pdf: &[u8]) -> Option<u32> {
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
        let _lang = crate::i18n::tests_support::Lang::set("vi");
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
        let err = err.unwrap_err().to_string();
        assert!(
            began.elapsed() < Duration::from_secs(10),
            "{:?}",
            began.elapsed()
        );
        assert!(err.contains("quá thời gian"), "{err}");
    }

    /// A small PDF as LibreOffice lays one out: Info dates, XMP, an ICC profile with a
    /// /Length object, `/ID` and `/DocChecksum`, one classic xref table.
    fn pdf_like_libreoffice(icc_seconds: u8) -> Vec<u8> {
        let mut icc = vec![0u8; 128];
        icc[24..36].copy_from_slice(&[7, 234, 0, 12, 0, 6, 0, 12, 0, 28, 0, icc_seconds]);
        icc[36..40].copy_from_slice(b"acsp");
        let mut enc = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
        enc.write_all(&icc).unwrap();
        let icc = enc.finish().unwrap();
        let mut out = b"%PDF-1.6\n".to_vec();
        let mut offsets = Vec::new();
        let mut obj = |out: &mut Vec<u8>, body: &[u8]| {
            offsets.push(out.len());
            out.extend_from_slice(format!("{} 0 obj\n", offsets.len()).as_bytes());
            out.extend_from_slice(body);
            out.extend_from_slice(b"\nendobj\n\n");
        };
        obj(&mut out, b"<</Type/Catalog/Pages 2 0 R>>");
        obj(&mut out, b"<</Type/Pages/Kids[]/Count 0>>");
        let mut stream = b"<</N 3/Length 4 0 R/Filter/FlateDecode>>\nstream\n".to_vec();
        stream.extend_from_slice(&icc);
        stream.extend_from_slice(b"\nendstream");
        obj(&mut out, &stream);
        obj(&mut out, icc.len().to_string().as_bytes());
        obj(&mut out, b"<</Type/Metadata/Subtype/XML/Length 60>>\nstream\n<xmp:CreateDate>2026-12-06T12:28:45Z</xmp:CreateDate>\nendstream");
        obj(
            &mut out,
            b"<</Producer(LibreOffice)/CreationDate(D:20261206122845Z')>>",
        );
        let xref = out.len();
        out.extend_from_slice(
            format!("xref\n0 {}\n0000000000 65535 f \n", offsets.len() + 1).as_bytes(),
        );
        for o in &offsets {
            out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
        }
        out.extend_from_slice(b"trailer\n<</Size 7/Root 1 0 R\n/Info 6 0 R\n/ID [ <EEFF51B134B8EAEDBA8ADE4488DB3787>\n<EEFF51B134B8EAEDBA8ADE4488DB3787> ]\n/DocChecksum /272291FEC7E97D85E1FBABC03191FCC8\n>>\n");
        out.extend_from_slice(format!("startxref\n{xref}\n%%EOF\n").as_bytes());
        out
    }

    #[test]
    fn two_runs_of_libreoffice_give_the_same_bytes_once_fixed() {
        let docx = b"not a zip: the date falls back to 2000-01-01";
        let a = make_reproducible(&pdf_like_libreoffice(45), docx).unwrap();
        let b = make_reproducible(&pdf_like_libreoffice(52), docx).unwrap();
        assert_eq!(a, b);
        let text = String::from_utf8_lossy(&a);
        assert!(text.contains("/CreationDate(D:20000101000000Z)"), "{text}");
        assert!(
            text.contains("<xmp:CreateDate>2000-01-01T00:00:00Z<"),
            "{text}"
        );
        assert!(
            !text.contains("EEFF51B1") && !text.contains("272291FE"),
            "{text}"
        );
        // Every xref entry still points at its object, and startxref at the table.
        let sx = Regex::new(r"startxref\s+(\d+)").unwrap();
        let at: usize = std::str::from_utf8(&sx.captures(&a).unwrap()[1])
            .unwrap()
            .parse()
            .unwrap();
        assert!(a[at..].starts_with(b"xref"));
        let entry = Regex::new(r"(\d{10}) 00000 n").unwrap();
        for (i, c) in entry.captures_iter(&a[at..]).enumerate() {
            let o: usize = std::str::from_utf8(&c[1]).unwrap().parse().unwrap();
            assert!(
                a[o..].starts_with(format!("{} 0 obj", i + 1).as_bytes()),
                "entry {i}"
            );
        }
        // The ICC profile's date is the document's, and its length object agrees.
        let start = find(&a, b"stream\n").unwrap() + 7;
        let end = start + find(&a[start..], b"\nendstream").unwrap();
        let mut icc = Vec::new();
        flate2::read::ZlibDecoder::new(&a[start..end])
            .read_to_end(&mut icc)
            .unwrap();
        assert_eq!(&icc[24..36], &[7, 208, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0]);
        assert!(String::from_utf8_lossy(&a).contains(&format!("4 0 obj\n{}\nendobj", end - start)));
    }

    #[test]
    fn profile_urls_are_escaped() {
        assert_eq!(file_url(Path::new("/tmp/a b/p")), "file:///tmp/a%20b/p");
    }
}
