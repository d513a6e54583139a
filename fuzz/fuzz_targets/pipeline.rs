//! libFuzzer target: any bytes through load → check → compose → render (DOCX and HTML
//! in memory). A refusal is a fine answer; a panic, a render error on a checked plan, or
//! a DOCX/HTML that fails `kehoach::verify` is a crash. The same function runs on stable
//! in `tests/fuzz_smoke.rs`.
#![no_main]

use std::sync::LazyLock;

use kehoach::compose::Templates;
use kehoach::pipeline::Engine;
use libfuzzer_sys::fuzz_target;

static ENGINE: LazyLock<Engine> =
    LazyLock::new(|| Engine::new(Templates::load(None).expect("built-in templates load")));

fuzz_target!(|data: &[u8]| {
    if let Err(malformed) = kehoach::verify::pipeline_on_bytes(&ENGINE, data) {
        panic!("malformed output: {malformed}");
    }
});
