//! `render --watch`: a save triggers a new render.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::util::plan;

#[test]
fn a_saved_plan_is_rendered_again() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let text = std::fs::read_to_string(plan("ninh-ha-114-2021.yaml")).unwrap();
    std::fs::write(d.join("kh.yaml"), &text).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_kehoach"))
        .args([
            "render",
            "kh.yaml",
            "-o",
            "out",
            "--format",
            "html",
            "--watch",
            "--watch-limit",
            "1",
        ])
        .current_dir(d)
        .env("NO_COLOR", "1")
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Wait until the watcher is set up before saving.
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    for line in lines.by_ref() {
        if line.unwrap().starts_with("đang theo dõi") {
            break;
        }
    }
    let html = d.join("out/kh.html");
    assert!(!std::fs::read_to_string(&html)
        .unwrap()
        .contains("Nhiệm vụ viết khi đang xem"));
    std::fs::write(
        d.join("kh.yaml"),
        text.replacen(
            "Ban hành Kế hoạch triển khai",
            "Nhiệm vụ viết khi đang xem",
            1,
        ),
    )
    .unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("no re-render within 60 s");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success());
    assert!(std::fs::read_to_string(&html)
        .unwrap()
        .contains("Nhiệm vụ viết khi đang xem"));
}
