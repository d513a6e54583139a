//! `cargo bench --bench export [N…]`: plans per second and peak memory of
//! `kehoach export` for N synthetic plans (default 100, 1 000 and 10 000).
//!
//! For each N the plans are generated first (not timed), then the release binary exports
//! them into a new archive folder `RUNS` times (default 3, after one warm-up run); the table
//! shows the median wall time, plans per second (DOCX + HTML, manifests and registers
//! included) and the largest peak RSS (`VmHWM`, reported by the binary's `--stats`).
//! A last run over the unchanged archive shows the incremental path.
//!
//! `cargo bench --bench export -- generate DIR N` only writes N plans into DIR.
//!
//! Nothing is deleted until the end. On an ext4 file system without a journal (our
//! build machines), creating a file skips every inode freed in the last few minutes,
//! so measure at least five minutes after deleting many files — a previous run's
//! folders included — or the write stage shows the kernel's search, not kehoach.

#[path = "peer_plan.rs"]
#[allow(dead_code)]
mod peer_plan;
#[path = "synthetic.rs"]
mod synthetic;

use std::path::Path;
use std::process::Command;
use std::time::Instant;

struct Run {
    wall: f64,
    rss_mb: f64,
    stages: String,
}

fn export(bin: &str, dir: &Path, archive: &str, extra: &[&str]) -> Run {
    let start = Instant::now();
    let out = Command::new(bin)
        .args(["export", "plans", "-o", archive, "--quiet", "--stats"])
        .args(extra)
        .current_dir(dir)
        .output()
        .expect("kehoach runs");
    let wall = start.elapsed().as_secs_f64();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "export failed:\n{stderr}");
    let rss_mb = stderr
        .split_whitespace()
        .find_map(|w| w.strip_prefix("peak_rss_mb="))
        .and_then(|v| v.parse().ok())
        .unwrap_or(f64::NAN);
    let stages = stderr
        .lines()
        .filter(|l| l.starts_with("stats:   "))
        .map(|l| format!("    {}\n", l.trim_start_matches("stats:   ")))
        .collect();
    Run {
        wall,
        rss_mb,
        stages,
    }
}

fn main() {
    let bin = env!("CARGO_BIN_EXE_kehoach");
    // `generate DIR N`: only write the plans (for profiling or trying the command by hand).
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    if let [cmd, dir, n] = &args[..] {
        if cmd == "generate" {
            let n = n.parse().expect("N is a number");
            synthetic::write_plans(Path::new(dir), n, 20210707).expect("plans written");
            return;
        }
    }
    let mut sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    if sizes.is_empty() {
        sizes = vec![100, 1_000, 10_000];
    }
    let runs: usize = std::env::var("RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3);
    let cores = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1);
    println!(
        "kehoach export benchmark: {cores} cores, {runs} timed runs after 1 warm-up, median wall"
    );
    println!(
        "{:>7}  {:>9}  {:>10}  {:>13}  {:>16}",
        "plans", "wall s", "plans/s", "peak RSS MB", "re-run (same) s"
    );
    // Kept until the end, for the same reason as the archives below: deleting one size's
    // folder would slow the next size's file creation.
    let mut folders = Vec::new();
    for n in sizes {
        let dir = tempfile::tempdir().expect("scratch folder");
        synthetic::write_plans(&dir.path().join("plans"), n, 20210707).expect("plans written");
        let mut timed = Vec::new();
        // Every run gets a new archive folder and none is deleted until the end: on an
        // ext4 without a journal (as on our 2-core build machines), creating a file first skips
        // every inode freed in the last few minutes, one lookup each, so deleting the
        // previous archive just before a run adds 0.3–1.5 ms per plan of kernel time
        // that belongs to the deletion, not to the export.
        for i in 0..=runs {
            let run = export(bin, dir.path(), &format!("archive-{i}"), &[]);
            if i > 0 {
                timed.push(run);
            }
        }
        let rerun = export(bin, dir.path(), &format!("archive-{runs}"), &[]);
        timed.sort_by(|a, b| a.wall.total_cmp(&b.wall));
        let median = &timed[timed.len() / 2];
        let peak = timed.iter().map(|r| r.rss_mb).fold(0.0, f64::max);
        println!(
            "{n:>7}  {:>9.3}  {:>10.0}  {:>13.1}  {:>16.3}",
            median.wall,
            n as f64 / median.wall,
            peak,
            rerun.wall
        );
        print!("  CPU by stage (median run):\n{}", median.stages);
        folders.push(dir);
    }
}
