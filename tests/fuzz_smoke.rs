//! The fuzz target on the stable toolchain: a seeded mutation loop over the corpus
//! (example plans, the hostile corpus, past crashes), each input run through
//! [`kehoach::verify::pipeline_on_bytes`] — the same function the cargo-fuzz target calls.
//!
//! Not coverage-guided like libFuzzer, but structure-aware: besides byte edits it swaps
//! whole YAML values for hostile text, duplicates lines (many tasks) and splices plans,
//! so most inputs get past loading into compose and render.
//!
//! Plain `cargo test` replays the corpus and a fixed number of mutants from fixed seeds,
//! so it runs the same inputs every time. The ignored `a_longer_randomised_run` runs for
//! `KEHOACH_FUZZ_SECONDS` (default 60) from `KEHOACH_FUZZ_SEED` or, without it, a seed
//! from the clock, printed so the run can be replayed. Findings are written to
//! `target/fuzz-findings/` and fail the test: copy each into `tests/regressions/` with
//! its fix.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use kehoach::compose::Templates;
use kehoach::pipeline::Engine;
use kehoach::verify::{pipeline_on_bytes, PipelineOutcome};

/// splitmix64: tiny, seedable, good enough to pick mutations.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
}

/// Text that has broken document tools before, and YAML that changes structure.
const TOKENS: &[&str] = &[
    "<script>alert(1)</script>",
    "&",
    "&amp;",
    "]]>",
    "<![CDATA[",
    "{{ x }}",
    "{% if %}",
    "{#",
    "\u{0}",
    "\u{1}",
    "\u{b}",
    "\u{1f}",
    "\u{7f}",
    "\u{85}",
    "\u{fffe}",
    "\u{ffff}",
    "\u{feff}",
    "\u{200f}",
    "\u{202e}",
    "\u{2028}",
    "😀",
    "👩‍👩‍👧",
    "e\u{301}\u{302}\u{303}",
    "\r",
    "\n",
    "\t",
    "**",
    "*",
    "[@",
    "[@x]",
    "\"",
    "'",
    ": ",
    "- ",
    "&a ",
    "*a",
    "<<: *a",
    "!!binary ",
    "? ",
    "|",
    ">-",
    "---\n",
    "...\n",
    "[",
    "]",
    "{",
    "}",
    "\n  - muc: X\n    noi_dung:\n      - y\n",
    "\n      - noi_dung: T\n        chu_tri: U\n",
    "0",
    "-1",
    "99999999999999999999",
    "1e400",
    ".nan",
    "2021-02-30",
    "0000-00-00",
    "~",
    "null",
    "ngang",
    "doc",
    "kt",
    "can-cu",
    "quyet-dinh",
    "stt",
    "rong: -1",
    "rong: 1e30",
];

/// A hostile string as a YAML double-quoted scalar (escapes keep the file valid).
fn quoted(rng: &mut Rng) -> String {
    let mut s = String::new();
    for _ in 0..1 + rng.below(4) {
        s.push_str(rng.pick(TOKENS));
        s.push_str(rng.pick(&["", " ", "Đ", "ệ", "x"]));
    }
    if rng.below(8) == 0 {
        s = s.repeat(1 + rng.below(2000));
    }
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c if matches!(c as u32, 0x80..=0x9f | 0xfffe | 0xffff) => {
                out.push_str(&format!("\\u{:04x}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn mutate(input: &[u8], corpus: &[Vec<u8>], rng: &mut Rng) -> Vec<u8> {
    let mut data = input.to_vec();
    for _ in 0..1 + rng.below(4) {
        let len = data.len();
        match rng.below(9) {
            // Replace the value after a `key: ` with hostile text: valid YAML, new content.
            0..=2 => {
                let text = String::from_utf8_lossy(&data).into_owned();
                let spots: Vec<usize> = text.match_indices(": ").map(|(i, _)| i + 2).collect();
                if spots.is_empty() {
                    continue;
                }
                let at = rng.pick(&spots);
                let end = text[at..].find('\n').map_or(text.len(), |e| at + e);
                data = format!("{}{}{}", &text[..at], quoted(rng), &text[end..]).into_bytes();
            }
            // Duplicate a run of lines: many tasks, many groups, duplicate keys.
            3 => {
                let text = String::from_utf8_lossy(&data).into_owned();
                let lines: Vec<&str> = text.split_inclusive('\n').collect();
                if lines.is_empty() {
                    continue;
                }
                let from = rng.below(lines.len());
                let to = (from + 1 + rng.below(6)).min(lines.len());
                let block = lines[from..to].concat().repeat(1 + rng.below(50));
                let mut out = lines[..to].concat();
                out.push_str(&block);
                out.push_str(&lines[to..].concat());
                data = out.into_bytes();
            }
            4 => {
                let at = rng.below(len + 1);
                let token = rng.pick(TOKENS).as_bytes();
                data.splice(at..at, token.iter().copied());
            }
            5 if len > 0 => {
                let at = rng.below(len);
                let n = 1 + rng.below(32.min(len - at));
                data.drain(at..at + n);
            }
            6 if len > 0 => {
                let at = rng.below(len);
                data[at] = rng.next() as u8;
            }
            // Splice: the head of this input with the tail of another.
            7 => {
                let other = &corpus[rng.below(corpus.len())];
                let cut = rng.below(len + 1);
                let from = rng.below(other.len() + 1);
                data.truncate(cut);
                data.extend_from_slice(&other[from..]);
            }
            _ => {
                let text = String::from_utf8_lossy(&data).into_owned();
                let spaces: Vec<usize> = text.match_indices("\n ").map(|(i, _)| i + 1).collect();
                if !spaces.is_empty() {
                    let at = rng.pick(&spaces);
                    let indent = rng.pick(&["", " ", "  ", "\t", "      "]);
                    data = format!("{}{indent}{}", &text[..at], &text[at..]).into_bytes();
                }
            }
        }
    }
    data.truncate(kehoach::load::MAX_PLAN_BYTES + 16);
    data
}

fn corpus_files(root: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for dir in ["plans", "tests/hostile", "tests/regressions"] {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
            continue;
        };
        files.extend(
            entries
                .filter_map(|e| e.ok())
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "yaml")),
        );
    }
    files.sort();
    files
}

/// How many mutants a run tries after the corpus.
#[derive(Clone, Copy, Debug)]
enum Budget {
    Mutants(usize),
    Seconds(u64),
}

/// The corpus (example plans, hostile inputs, every past finding in
/// `tests/regressions/`) and a fixed number of mutants from fixed seeds.
#[test]
fn the_pipeline_survives_the_corpus_and_seeded_mutants() {
    for seed in [1, 2, 3] {
        run(seed, Budget::Mutants(60));
    }
}

#[test]
#[ignore = "a long randomised run: KEHOACH_FUZZ_SECONDS (default 60), KEHOACH_FUZZ_SEED"]
fn a_longer_randomised_run() {
    let seconds: u64 = std::env::var("KEHOACH_FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(60);
    let seed: u64 = std::env::var("KEHOACH_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos() as u64
        });
    run(seed, Budget::Seconds(seconds));
}

fn run(seed: u64, budget: Budget) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    assert!(root.join("tests/regressions").is_dir());
    let files = corpus_files(root);
    assert!(files.len() > 20, "corpus missing: {files:?}");
    let corpus: Vec<Vec<u8>> = files.iter().map(|p| std::fs::read(p).unwrap()).collect();
    eprintln!("fuzz: seed {seed} (KEHOACH_FUZZ_SEED={seed} replays), {budget:?}");
    let findings_dir = root.join("target/fuzz-findings");

    // Panics are findings, not noise: record the message instead of printing it.
    let last_panic = Arc::new(Mutex::new(String::new()));
    let hook_slot = Arc::clone(&last_panic);
    let previous_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        *hook_slot.lock().unwrap() = info.to_string();
    }));

    let engine = Engine::new(Templates::load(None).expect("built-in templates load"));
    let mut rng = Rng(seed);
    let begun = Instant::now();
    let more = |mutants: usize| match budget {
        Budget::Mutants(n) => mutants < n,
        Budget::Seconds(s) => begun.elapsed() < Duration::from_secs(s),
    };
    let mut mutants = 0;
    let (mut runs, mut rendered) = (0usize, 0usize);
    let mut findings: Vec<String> = Vec::new();
    let mut slowest = (Duration::ZERO, Vec::new());
    // The corpus itself first, unmutated; then mutants until the deadline.
    let mut queue: Vec<Vec<u8>> = corpus.clone();
    loop {
        let input = match queue.pop() {
            Some(i) => i,
            None if more(mutants) => {
                mutants += 1;
                mutate(&corpus[rng.below(corpus.len())], &corpus, &mut rng)
            }
            None => break,
        };
        let started = Instant::now();
        let result = catch_unwind(AssertUnwindSafe(|| pipeline_on_bytes(&engine, &input)));
        let took = started.elapsed();
        runs += 1;
        if took > slowest.0 {
            slowest = (took, input.clone());
        }
        let problem = match result {
            Ok(Ok(PipelineOutcome::Rendered { .. })) => {
                rendered += 1;
                None
            }
            Ok(Ok(PipelineOutcome::Refused(_))) => None,
            Ok(Err(malformed)) => Some(format!("malformed output: {malformed}")),
            Err(_) => Some(format!("panic: {}", last_panic.lock().unwrap())),
        };
        if let Some(problem) = problem {
            std::fs::create_dir_all(&findings_dir).unwrap();
            let name = format!("finding-{seed}-{runs}.yaml");
            std::fs::write(findings_dir.join(&name), &input).unwrap();
            findings.push(format!("{name}: {problem}"));
            if findings.len() >= 10 {
                break;
            }
        }
    }
    std::panic::set_hook(previous_hook);
    std::fs::create_dir_all(&findings_dir).unwrap();
    std::fs::write(findings_dir.join("slowest.yaml"), &slowest.1).unwrap();
    eprintln!(
        "fuzz: {runs} inputs, {rendered} rendered, slowest {:?} (target/fuzz-findings/slowest.yaml)",
        slowest.0
    );
    assert!(
        findings.is_empty(),
        "seed {seed}: {} findings in target/fuzz-findings/:\n{}",
        findings.len(),
        findings.join("\n")
    );
}
