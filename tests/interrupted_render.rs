//! A render killed part-way never leaves a half-written file where a good one was:
//! outputs go to a temp file in the same folder and are renamed over the old one.
//!
//! Two ways to die mid-write: SIGKILL at random moments, and (deterministically) the
//! kernel's file-size limit (`ulimit -f`), which stops the process with SIGXFSZ in the
//! middle of writing the DOCX — what a full disk does to a careless writer.

mod rendered;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use kehoach::verify;
use rendered::{files_under, kehoach, stderr};

/// A plan with `tasks` tasks, signed by `signer` (changing the signer changes the bytes).
fn big_plan(tasks: usize, signer: &str) -> String {
    let mut y = String::from(
        "co_quan:\n  ten: [ỦY BAN NHÂN DÂN, PHƯỜNG NINH HÀ]\n  ten_goi: UBND phường Ninh Hà\n  viet_tat: UBND\n\
         so: \"114\"\nngay: \"2021-07-07\"\ndia_danh: Ninh Hà\ntrich_yeu: Triển khai Đề án\n\
         noi_dung:\n  - (Các nhiệm vụ cụ thể tại Phụ lục kèm theo)\n",
    );
    y.push_str(&format!(
        "ky:\n  chuc_vu: CHỦ TỊCH\n  ho_ten: {signer}\nnoi_nhan: [UBND thị xã]\nphu_luc:\n  - ten: Nhiệm vụ\n    nhom:\n"
    ));
    for g in 0..tasks / 50 {
        y.push_str(&format!(
            "      - ten: Nhóm nhiệm vụ số {g}\n        nhiem_vu:\n"
        ));
        for t in 0..50 {
            y.push_str(&format!(
                "          - noi_dung: Rà soát, số hóa hồ sơ thủ tục hành chính đợt {g}.{t}\n            chu_tri: Văn phòng\n            phoi_hop: Công chức Tư pháp - Hộ tịch\n            thoi_han: Tháng {}/2022\n",
                t % 12 + 1
            ));
        }
    }
    y
}

struct Scene {
    dir: tempfile::TempDir,
    old: Vec<u8>,
    new: Vec<u8>,
    full_render: Duration,
}

/// Renders the old plan into `out/` and the new one elsewhere (its bytes are what a
/// complete second render writes: renders are reproducible), then puts the new plan in
/// place of the old.
fn scene() -> Scene {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("plan.yaml"),
        big_plan(1000, "Trần Văn Chính"),
    )
    .unwrap();
    let started = Instant::now();
    let out = kehoach(dir.path(), &["render", "plan.yaml", "-o", "out"]);
    let full_render = started.elapsed();
    assert!(out.status.success(), "{}", stderr(&out));
    let old = std::fs::read(dir.path().join("out/plan.docx")).unwrap();

    std::fs::write(dir.path().join("plan.yaml"), big_plan(1000, "Lê Thị Mới")).unwrap();
    let out = kehoach(dir.path(), &["render", "plan.yaml", "-o", "reference"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let new = std::fs::read(dir.path().join("reference/plan.docx")).unwrap();
    assert_ne!(old, new);
    Scene {
        dir,
        old,
        new,
        full_render,
    }
}

/// The output is the old file or the new one, whole; no other `.docx`/`.html` appeared.
fn assert_intact(scene: &Scene, what: &str) {
    let bytes = std::fs::read(scene.dir.path().join("out/plan.docx")).unwrap();
    assert!(
        bytes == scene.old || bytes == scene.new,
        "{what}: out/plan.docx is neither the old nor the new file ({} bytes)",
        bytes.len()
    );
    verify::docx_package(&bytes).unwrap_or_else(|e| panic!("{what}: {e}"));
    let visible: Vec<_> = files_under(&scene.dir.path().join("out"))
        .into_iter()
        .filter(|f| !f.to_string_lossy().starts_with('.'))
        .collect();
    assert_eq!(
        visible,
        [Path::new("plan.docx"), Path::new("plan.html")],
        "{what}"
    );
}

#[test]
fn a_render_killed_at_any_moment_leaves_the_old_file_or_the_new_one() {
    let scene = scene();
    let full = scene.full_render.as_micros() as u64;
    // Spread the kills over the whole run, with a little jitter from the clock so
    // repeated runs probe different moments (the write is the last few percent).
    let jitter = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_micros() as u64;
    for step in 1..=8u64 {
        let delay = Duration::from_micros((full * step / 8 + jitter % (full / 8 + 1)).min(full));
        let mut child = Command::new(env!("CARGO_BIN_EXE_kehoach"))
            .args(["render", "plan.yaml", "-o", "out"])
            .current_dir(scene.dir.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(delay);
        let _ = child.kill(); // SIGKILL; it may have finished already
        child.wait().unwrap();
        assert_intact(&scene, &format!("killed after {delay:?}"));
    }
}

#[test]
fn a_render_stopped_by_the_file_size_limit_mid_write_leaves_the_old_file() {
    let scene = scene();
    assert!(
        scene.new.len() > 16 * 1024,
        "the DOCX must outgrow the limit"
    );
    // `ulimit -f 16`: no file may grow past 16 blocks (8–16 KiB), so the kernel stops
    // the process in the middle of writing the DOCX.
    let out = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "ulimit -f 16 && exec '{}' render plan.yaml -o out",
            env!("CARGO_BIN_EXE_kehoach")
        ))
        .current_dir(scene.dir.path())
        .output()
        .unwrap();
    assert!(!out.status.success(), "the render cannot have succeeded");
    assert_eq!(
        std::fs::read(scene.dir.path().join("out/plan.docx")).unwrap(),
        scene.old,
        "the old file must be untouched"
    );
    assert_intact(&scene, "stopped by the file-size limit");
}
