//! `render --since OLD`: the old version of a plan, from a file or from git
//! (`git:REV` = the same file at that revision), loaded and checked like any plan.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context, Result};

use kehoach::diag::FileReport;
use kehoach::load::load_bytes;
use kehoach::pipeline::{check_loaded, Checked};

/// Where the old version comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OldVersion {
    File(PathBuf),
    /// A git revision: the plan file as it was there.
    Git(String),
}

impl OldVersion {
    pub fn parse(s: &str) -> Result<OldVersion, String> {
        match s.strip_prefix("git:") {
            Some("") => Err("`git:` needs a revision, e.g. git:HEAD or git:HEAD~1".into()),
            Some(rev) => Ok(OldVersion::Git(rev.to_owned())),
            None => Ok(OldVersion::File(PathBuf::from(s))),
        }
    }

    /// Loads and checks the old version of `plan`.
    pub fn check(&self, plan: &Path) -> Result<Checked> {
        let (label, bytes) = match self {
            OldVersion::File(path) => (
                path.clone(),
                std::fs::read(path)
                    .with_context(|| kehoach::msg!("io.cannot_read", path = path.display()))?,
            ),
            OldVersion::Git(rev) => (
                PathBuf::from(format!("{rev}:{}", plan.display())),
                git_show(rev, plan)?,
            ),
        };
        Ok(match load_bytes(&label, &bytes) {
            Ok(loaded) => check_loaded(loaded),
            Err(f) => Checked {
                report: FileReport::from(f),
                plan: None,
            },
        })
    }
}

/// `git show REV:./FILE`, run in the plan's folder so the path is relative to it
/// wherever the repository's root is.
fn git_show(rev: &str, plan: &Path) -> Result<Vec<u8>> {
    let dir = match plan.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = plan
        .file_name()
        .with_context(|| kehoach::msg!("render.since_not_file", path = plan.display()))?;
    let inside = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["rev-parse", "--is-inside-work-tree"])
        .output()
        .context(kehoach::msg!("render.no_git"))?;
    if !inside.status.success() {
        bail!(kehoach::msg!(
            "render.since_not_git",
            rev = rev,
            path = plan.display()
        ));
    }
    // `--` can't separate a REV:path object from options, so refuse a revision that
    // looks like one.
    if rev.starts_with('-') {
        bail!(kehoach::msg!("render.since_dash", rev = rev));
    }
    let object = format!("{rev}:./{}", name.to_string_lossy());
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["show", &object])
        .output()
        .context(kehoach::msg!("render.no_git"))?;
    if !out.status.success() {
        bail!(kehoach::msg!(
            "render.since_git_failed",
            rev = rev,
            path = plan.display(),
            why = String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    Ok(out.stdout)
}
