//! Where the time goes: CPU time per stage, summed over threads (`export --stats`). Cheap
//! enough to be always on (two clock reads per stage per plan).
//!
//! The clock is the thread's own CPU time where the system has one, not the wall clock:
//! on a shared machine a thread descheduled mid-stage would otherwise charge the other
//! processes' time to that stage.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    Read,
    Load,
    Check,
    Compose,
    Docx,
    Html,
    Write,
    Place,
    Pdf,
    Manifest,
    Registers,
    Swap,
}

impl Stage {
    pub const ALL: [Stage; 12] = [
        Stage::Read,
        Stage::Load,
        Stage::Check,
        Stage::Compose,
        Stage::Docx,
        Stage::Html,
        Stage::Write,
        Stage::Place,
        Stage::Pdf,
        Stage::Manifest,
        Stage::Registers,
        Stage::Swap,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Stage::Read => "read+hash",
            Stage::Load => "load",
            Stage::Check => "check",
            Stage::Compose => "compose",
            Stage::Docx => "docx",
            Stage::Html => "html",
            Stage::Write => "write+hash",
            Stage::Place => "place",
            Stage::Pdf => "pdf",
            Stage::Manifest => "manifest",
            Stage::Registers => "registers",
            Stage::Swap => "swap",
        }
    }
}

/// Nanoseconds per stage.
#[derive(Debug, Default)]
pub struct Stats {
    nanos: [AtomicU64; 12],
}

impl Stats {
    /// Runs `f`, adding its time to `stage`.
    pub fn time<T>(&self, stage: Stage, f: impl FnOnce() -> T) -> T {
        let start = thread_cpu();
        let out = f();
        self.add(stage, thread_cpu().saturating_sub(start));
        out
    }

    pub fn add(&self, stage: Stage, d: Duration) {
        self.nanos[stage as usize].fetch_add(d.as_nanos() as u64, Ordering::Relaxed);
    }

    pub fn get(&self, stage: Stage) -> Duration {
        Duration::from_nanos(self.nanos[stage as usize].load(Ordering::Relaxed))
    }

    pub fn total(&self) -> Duration {
        Stage::ALL.iter().map(|s| self.get(*s)).sum()
    }
}

/// CPU time of the calling thread so far.
#[cfg(any(target_os = "linux", target_os = "android"))]
pub(crate) fn thread_cpu() -> Duration {
    let t = rustix::time::clock_gettime(rustix::time::ClockId::ThreadCPUTime);
    Duration::new(t.tv_sec as u64, t.tv_nsec as u32)
}

/// Elsewhere, the wall clock since the first call (an approximation).
#[cfg(not(any(target_os = "linux", target_os = "android")))]
pub(crate) fn thread_cpu() -> Duration {
    use std::sync::OnceLock;
    use std::time::Instant;
    static START: OnceLock<Instant> = OnceLock::new();
    START.get_or_init(Instant::now).elapsed()
}

/// The peak resident memory of this process (Linux `VmHWM`), in KiB.
pub fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}
