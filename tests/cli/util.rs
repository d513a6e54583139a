//! Running the binary in a scratch folder.

pub use super::rendered::{kehoach, stderr};

use std::path::PathBuf;

/// The repository's root (plans/, templates/ …).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn plan(name: &str) -> PathBuf {
    repo().join("plans").join(name)
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
