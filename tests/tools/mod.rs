//! The outside programs some tests drive (LibreOffice, Chromium, poppler, python3).
//!
//! Every test that calls these is `#[ignore = "needs …"]`, so a bare clone's `cargo test`
//! passes; `cargo test -- --include-ignored` (what `.ci/run` does) runs them, and there a
//! missing program is a failure with a message saying what to install, never a skip.
#![allow(dead_code)] // each test binary uses its own part of this

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// What to install for each program (Debian package names).
fn package_of(tool: &str) -> &'static str {
    match tool {
        "soffice" => "libreoffice-writer-nogui",
        "chromium" => "chromium",
        "pdftotext" | "pdfinfo" | "pdftohtml" | "pdftocairo" => "poppler-utils",
        "python3" => "python3",
        _ => "the package that provides it",
    }
}

/// Panics unless `tool` is on PATH.
pub fn require(tool: &str) {
    let found = Command::new("sh")
        .args(["-c", &format!("command -v {tool}")])
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    assert!(
        found,
        "{tool} is not installed, and this test needs it (install {}; .ci/run does)",
        package_of(tool)
    );
}

/// The Python that has LibreOffice's bridge: Debian's `python3-uno` installs it for the
/// system interpreter, which a `python3` earlier on PATH (pyenv, a venv) may not be.
pub const UNO_PYTHON: &str = "/usr/bin/python3";

/// Panics unless [`UNO_PYTHON`] can import LibreOffice's Python bridge.
pub fn require_python_uno() {
    let ok = Command::new(UNO_PYTHON)
        .args(["-c", "import uno"])
        .status()
        .is_ok_and(|s| s.success());
    assert!(
        ok,
        "{UNO_PYTHON} cannot import uno: install python3-uno (LibreOffice's Python bridge)"
    );
}

/// How long one LibreOffice conversion may take before the test fails.
const SOFFICE_TIMEOUT: Duration = Duration::from_secs(300);

/// `soffice --headless --convert-to FORMAT` of `inputs` into `outdir`, with a private
/// LibreOffice profile (so parallel tests and a desktop session do not share one) and a
/// timeout. Returns the converted files, in the order of `inputs`; panics with
/// LibreOffice's own output when a conversion fails.
pub fn soffice_convert(format: &str, outdir: &Path, inputs: &[PathBuf]) -> Vec<PathBuf> {
    require("soffice");
    std::fs::create_dir_all(outdir).unwrap();
    let profile = tempfile::tempdir().expect("a temporary folder for the LibreOffice profile");
    let log = outdir.join(".soffice.log");
    let mut child = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.path().display()
        ))
        .args(["--headless", "--convert-to", format, "--outdir"])
        .arg(outdir)
        .args(inputs)
        .stdout(std::fs::File::create(&log).unwrap())
        .stderr(Stdio::null())
        .spawn()
        .expect("soffice starts");
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > SOFFICE_TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("soffice did not convert {inputs:?} in {SOFFICE_TIMEOUT:?}");
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let output = std::fs::read_to_string(&log).unwrap_or_default();
    assert!(status.success(), "soffice failed ({status}): {output}");
    // The extension LibreOffice gives: "pdf", "docx", or the part before a filter name.
    let extension = format.split(':').next().unwrap_or(format);
    inputs
        .iter()
        .map(|input| {
            let name = input.file_stem().unwrap().to_string_lossy();
            let out = outdir.join(format!("{name}.{extension}"));
            assert!(
                out.is_file(),
                "soffice did not write {}: {output}",
                out.display()
            );
            out
        })
        .collect()
}

/// The text of a PDF, pages separated by form feeds (`pdftotext -layout`).
pub fn pdf_text(pdf: &Path) -> String {
    require("pdftotext");
    let out = Command::new("pdftotext")
        .arg("-layout")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    assert!(
        out.status.success(),
        "pdftotext {}: {}",
        pdf.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}
