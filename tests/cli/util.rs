//! Running the binary in a scratch folder.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository's root (plans/, templates/ …).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn plan(name: &str) -> PathBuf {
    repo().join("plans").join(name)
}

/// Runs `kehoach ARGS` in `dir` without colours.
pub fn kehoach(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kehoach"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("the binary runs")
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Whether an external tool must be present: under CI a missing tool is a failure, not a skip.
pub fn require_tool(tool: &str) -> bool {
    let found = Command::new("sh")
        .args(["-c", &format!("command -v {tool}")])
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    if !found {
        let ci = std::env::var("CI")
            .map(|v| v == "true" || v == "1")
            .unwrap_or(false);
        assert!(
            !ci,
            "{tool} is required when CI is set (apt-get install it; see .ci/run)"
        );
        eprintln!("skipped: {tool} is not installed (CI would fail here)");
    }
    found
}

/// Renders the reference plan once into a scratch folder and returns (folder, docx, html).
pub fn render_reference() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let plan = plan("ninh-ha-114-2021.yaml");
    let out = kehoach(dir.path(), &["render", plan.to_str().unwrap(), "-o", "out"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let docx = dir.path().join("out/ninh-ha-114-2021.docx");
    let html = dir.path().join("out/ninh-ha-114-2021.html");
    (dir, docx, html)
}
