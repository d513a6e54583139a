//! Turning the paths a user gives into plan files: files as given, folders searched
//! (recursively) for `*.yaml` / `*.yml`, in a stable order.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};

///
/// A folder that cannot be listed (or a subfolder) is an error, never "no plans": a
/// batch that silently missed a folder would drop its plans from an archive. A
/// symbolic link, FIFO or device named `*.yaml` is listed like a file, so reading it
/// reports what it is (a device, a loop …) instead of skipping it in silence; links to
/// folders are not followed.
pub fn plan_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut found: Vec<PathBuf> = Vec::new();
            let walk = walkdir::WalkDir::new(path)
                .follow_links(false)
                .into_iter()
                .filter_entry(|e| !is_hidden(e.path()) && e.file_name() != "templates");
            for entry in walk {
                let entry = entry.map_err(|e| {
                    let at = e.path().unwrap_or(path).to_path_buf();
                    let why = e
                        .io_error()
                        .map(kehoach::files::describe_io)
                        .unwrap_or_else(|| e.to_string());
                    anyhow::anyhow!(
                        "không liệt kê được thư mục {}: {why}; không bỏ qua nó — hãy sửa quyền đọc rồi chạy lại",
                        kehoach::output::shown(&at)
                    )
                })?;
                // Anything but a folder: a FIFO or device named *.yaml is reported when read.
                if !entry.file_type().is_dir() && is_plan_file(entry.path()) {
                    found.push(entry.into_path());
                }
            }
            found.sort();
            if found.is_empty() {
                bail!(kehoach::msg!("inputs.no_plans", path = path.display()));
            }
            out.extend(found);
        } else if path.exists() {
            out.push(path.clone());
        } else {
            return Err(std::io::Error::from(std::io::ErrorKind::NotFound))
                .with_context(|| kehoach::msg!("inputs.not_found", path = path.display()));
        }
    }
    Ok(out)
}

fn is_plan_file(p: &Path) -> bool {
    matches!(
        p.extension().and_then(|e| e.to_str()),
        Some("yaml") | Some("yml")
    )
}

fn is_hidden(p: &Path) -> bool {
    p.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with('.') && n != "." && n != "..")
}

/// The templates folder for a plan: the one given, or `templates/` beside the plan, or
/// beside the plan's folder (a project laid out as `plans/` + `templates/`).
pub fn templates_dir(given: Option<&Path>, plan: &Path) -> Option<PathBuf> {
    if let Some(dir) = given {
        return Some(dir.to_path_buf());
    }
    let parent = plan.parent()?;
    let parent = if parent.as_os_str().is_empty() {
        Path::new(".")
    } else {
        parent
    };
    [
        parent.join("templates"),
        parent.join("..").join("templates"),
    ]
    .into_iter()
    .find(|d| d.is_dir())
}
