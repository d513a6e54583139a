//! `render --watch`: render again whenever a plan or a template is saved, for drafting
//! beside an open viewer. Ctrl-C ends it (the default signal action is what we want:
//! every write is atomic, so stopping mid-render leaves no half file).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use anyhow::{Context, Result};
use notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{new_debouncer, DebounceEventResult};

/// Saves closer together than this are one change (editors write, rename, touch).
const QUIET: Duration = Duration::from_millis(200);

/// What a batch of file events asks for.
pub enum Rerender {
    /// Some plans were saved.
    Plans(Vec<PathBuf>),
    /// A template changed: every plan, with the templates loaded again.
    All,
}

/// Watches `plans` and `template_dirs`, calling `render` for each batch of saves, until
/// Ctrl-C or, with `limit`, after that many re-renders (for tests).
pub fn watch(
    plans: &[PathBuf],
    template_dirs: &[PathBuf],
    limit: Option<usize>,
    mut render: impl FnMut(Rerender) -> Result<()>,
) -> Result<()> {
    let (tx, rx) = mpsc::channel::<DebounceEventResult>();
    let mut debouncer =
        new_debouncer(QUIET, None, tx).context(kehoach::msg!("render.cannot_watch_files"))?;
    // Folders, not files: editors save by writing a new file and renaming it over the
    // old one, which a watch on the file itself would lose.
    let plans: Vec<PathBuf> = plans.iter().map(|p| absolute(p)).collect();
    let folders: BTreeSet<PathBuf> = plans
        .iter()
        .filter_map(|p| p.parent().map(Path::to_path_buf))
        .collect();
    for folder in &folders {
        debouncer
            .watch(folder, RecursiveMode::NonRecursive)
            .with_context(|| kehoach::msg!("render.cannot_watch", path = folder.display()))?;
    }
    let template_dirs: Vec<PathBuf> = template_dirs.iter().map(|d| absolute(d)).collect();
    for dir in &template_dirs {
        debouncer
            .watch(dir, RecursiveMode::Recursive)
            .with_context(|| kehoach::msg!("render.cannot_watch", path = dir.display()))?;
    }
    eprintln!("{}", kehoach::msg!("watch.watching", n = plans.len()));
    let mut renders = 0;
    while limit.is_none_or(|n| renders < n) {
        let Ok(batch) = rx.recv() else { break };
        let Ok(events) = batch else { continue };
        let touched: BTreeSet<PathBuf> = events
            .iter()
            .filter(|e| !matches!(e.kind, EventKind::Access(_)))
            .flat_map(|e| e.paths.iter().map(|p| absolute(p)))
            .collect();
        let template_changed = touched.iter().any(|p| {
            template_dirs.iter().any(|d| p.starts_with(d))
                && matches!(
                    p.extension().and_then(|e| e.to_str()),
                    Some("tera") | Some("html")
                )
        });
        let job = if template_changed {
            Rerender::All
        } else {
            let saved: Vec<PathBuf> = plans
                .iter()
                .filter(|p| touched.contains(*p))
                .cloned()
                .collect();
            if saved.is_empty() {
                continue;
            }
            Rerender::Plans(saved)
        };
        render(job)?;
        renders += 1;
    }
    Ok(())
}

/// An absolute path without resolving links (the watcher reports what it was given).
fn absolute(p: &Path) -> PathBuf {
    std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf())
}
