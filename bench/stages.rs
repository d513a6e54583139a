//! `kehoach-stages DIR N [load|check|compose|all]`: runs the first N plans under DIR
//! through the pipeline in one thread, up to the given stage, and nothing else — no
//! files written — so an instruction count isolates the stages:
//!
//! ```sh
//! cargo build --profile profiling --example kehoach-stages
//! valgrind --tool=callgrind target/profiling/examples/kehoach-stages plans/ 100 check
//! ```
//!
//! The difference between two stages' totals, over N, is one stage's cost per plan.

use std::path::PathBuf;

use kehoach::compose::Templates;
use kehoach::pipeline::{check_loaded, Engine};
use kehoach::render::Format;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [dir, n, rest @ ..] = &args[..] else {
        eprintln!("usage: kehoach-stages DIR N [load|check|compose|all]");
        std::process::exit(2);
    };
    let n: usize = n.parse().expect("N is a number");
    let stage = rest.first().map(String::as_str).unwrap_or("all");
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "yaml"))
        .map(|e| e.into_path())
        .collect();
    files.sort();
    files.truncate(n);
    let sources: Vec<Vec<u8>> = files
        .iter()
        .map(|f| std::fs::read(f).expect("plan readable"))
        .collect();
    let engine = Engine::new(Templates::builtin());
    let mut bytes = 0;
    for (path, source) in files.iter().zip(&sources) {
        let Ok(loaded) = kehoach::load::load_bytes(path, source) else {
            continue;
        };
        if stage == "load" {
            continue;
        }
        let Some(plan) = check_loaded(loaded).plan else {
            continue;
        };
        if stage == "check" {
            continue;
        }
        let doc = engine.compose(&plan, Default::default()).expect("composes");
        if stage == "compose" {
            continue;
        }
        for format in [Format::Docx, Format::Html] {
            bytes += engine.render(&doc, format).expect("renders").len();
        }
    }
    eprintln!("{} plans, {bytes} bytes rendered", files.len());
}
