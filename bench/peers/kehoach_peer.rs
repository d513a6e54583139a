//! kehoach as a peer in shared/bench/peers (`EXTRA_PEERS`): `kehoach-peer IN OUT`
//! converts every plan JSON of IN into kehoach YAML (timed, as pandoc's Markdown
//! conversion is), runs `kehoach export` on them, and links each plan's DOCX and HTML
//! to `OUT/<id>.docx` / `OUT/<id>.html` as the harness expects. The YAML and the archive
//! stay in `OUT/.kehoach/` (the harness allows any file under OUT and deletes OUT before
//! each run, untimed): deleting them here would time ~1 ms of kernel work per plan
//! that no peer pays. The kehoach binary is `$KEHOACH`, else the one beside this
//! program's folder (`target/release/kehoach`).

#[path = "../peer_plan.rs"]
mod peer_plan;

use std::path::{Path, PathBuf};
use std::process::Command;

use rayon::prelude::*;

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let in_process = args.first().is_some_and(|a| a == "--render");
    if in_process {
        args.remove(0);
    }
    if args.len() != 2 {
        eprintln!("usage: kehoach-peer [--render] IN_DIR OUT_DIR");
        std::process::exit(2);
    }
    let (input, output) = (Path::new(&args[0]), Path::new(&args[1]));
    let work = output.join(".kehoach");
    let plans = work.join("plans");
    let templates = work.join("templates");
    std::fs::create_dir_all(&plans).expect("plans folder");
    std::fs::create_dir_all(&templates).expect("templates folder");
    std::fs::write(templates.join("phu-luc.tera"), peer_plan::PHU_LUC_OVERRIDE).expect("template");

    let mut jsons: Vec<PathBuf> = std::fs::read_dir(input)
        .expect("input folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    jsons.sort();
    if in_process {
        render_in_process(&jsons, &templates, output);
        return;
    }
    jsons.par_iter().for_each(|path| {
        let text = std::fs::read(path).expect("plan JSON readable");
        let plan: peer_plan::PeerPlan =
            serde_json::from_slice(&text).expect("plan JSON in the peers' shape");
        std::fs::write(
            plans.join(format!("{}.yaml", plan.id)),
            peer_plan::to_yaml(&plan),
        )
        .expect("YAML written");
    });

    let kehoach = std::env::var_os("KEHOACH")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            let exe = std::env::current_exe().expect("own path");
            exe.parent()
                .and_then(Path::parent)
                .expect("target/release")
                .join("kehoach")
        });
    let archive = work.join("archive");
    let status = Command::new(&kehoach)
        .args(["export", "--quiet", "--allow-duplicates", "--templates"])
        .arg(&templates)
        .arg(&plans)
        .arg("-o")
        .arg(&archive)
        .status()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", kehoach.display()));
    if !status.success() {
        eprintln!("kehoach export failed ({status})");
        std::process::exit(1);
    }

    let manifest: kehoach::export::manifest::Manifest =
        serde_json::from_slice(&std::fs::read(archive.join("manifest.json")).expect("manifest"))
            .expect("manifest parses");
    for record in &manifest.documents {
        let id = Path::new(&record.source.path)
            .file_stem()
            .and_then(|s| s.to_str())
            .expect("plan id");
        for file in &record.files {
            let to = output.join(format!("{id}.{}", file.format));
            let from = archive.join(&file.path);
            if std::fs::hard_link(&from, &to).is_err() {
                std::fs::copy(&from, &to).expect("output copied");
            }
        }
    }
}

/// `--render`: what `kehoach render` does for each plan — load, check, compose, render
/// DOCX and HTML through the library's one pipeline — on every core, in this process,
/// writing `OUT/<id>.docx` and `OUT/<id>.html` and nothing else per plan, as the peers
/// do (no archive, manifest or registers). Each plan is still converted to kehoach YAML
/// text and loaded from it; only that text is not written to a file.
fn render_in_process(jsons: &[PathBuf], templates: &Path, output: &Path) {
    use kehoach::pipeline::{check_loaded, Engine};
    use kehoach::render::Format;

    let templates = kehoach::compose::Templates::load(Some(templates))
        .unwrap_or_else(|e| panic!("templates: {e:?}"));
    let engine = Engine::new(templates);
    kehoach::check::prepare();
    let failed = jsons
        .par_iter()
        .filter(|path| {
            let text = std::fs::read(path).expect("plan JSON readable");
            let plan: peer_plan::PeerPlan =
                serde_json::from_slice(&text).expect("plan JSON in the peers' shape");
            let yaml = peer_plan::to_yaml(&plan);
            let name = PathBuf::from(format!("{}.yaml", plan.id));
            let Ok(loaded) = kehoach::load::load_bytes(&name, yaml.as_bytes()) else {
                return true;
            };
            let Some(checked) = check_loaded(loaded).plan else {
                return true;
            };
            let Ok(doc) = engine.compose(&checked, Default::default()) else {
                return true;
            };
            for format in [Format::Docx, Format::Html] {
                let Ok(bytes) = engine.render(&doc, format) else {
                    return true;
                };
                let to = output.join(format!("{}.{}", plan.id, format.extension()));
                std::fs::write(to, bytes).expect("output written");
            }
            false
        })
        .count();
    if failed > 0 {
        eprintln!("{failed} plans failed to render");
        std::process::exit(1);
    }
}
