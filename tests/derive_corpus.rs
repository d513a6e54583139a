//! Deriving from real province plans: every corpus plan (`../shared/corpus`, read at run
//! time, through `corpus_plan`) whose appendix gives tasks to the commune level derives,
//! for a commune of its own province taken from the registry, a draft that checks without
//! errors, renders, cites its parent exactly and takes every such task. The tasks are
//! counted here from the truth file's cells, independently of derive's matcher.

#[allow(dead_code)]
#[path = "../examples/corpus_plan.rs"]
mod corpus_plan;

use std::path::{Path, PathBuf};
use std::process::Command;

use kehoach::compose::{ComposeOptions, Templates};
use kehoach::derive::{derive, yaml_out, Unit};
use kehoach::load::load_str;
use kehoach::pipeline::{check_loaded, Engine};
use kehoach::registry::{fold, registry};
use kehoach::render::Format;

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus")
}

/// Whether a cell gives the task to the commune level, as the province plans word it.
fn names_communes(cell: &str) -> bool {
    let c = fold(cell);
    [
        "xa, phuong",
        "cap xa",
        "cac xa",
        "cac dia phuong",
        "dac khu",
    ]
    .iter()
    .any(|w| c.contains(w))
}

/// Tasks of the truth's appendices whose lead ("chủ trì") or support ("phối hợp") cell
/// names the commune level.
fn commune_tasks(truth: &serde_json::Value) -> usize {
    let mut n = 0;
    for pl in truth["phu_luc"].as_array().into_iter().flatten() {
        let cot: Vec<String> = pl["cot"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|c| fold(c.as_str().unwrap_or("")))
            .collect();
        let columns: Vec<usize> = cot
            .iter()
            .enumerate()
            .filter(|(_, c)| c.contains("chu tri") || c.contains("phoi hop"))
            .map(|(i, _)| i)
            .collect();
        for g in pl["nhom"].as_array().into_iter().flatten() {
            for t in g["nhiem_vu"].as_array().into_iter().flatten() {
                let named = columns
                    .iter()
                    .any(|&i| i > 0 && names_communes(t["cells"][i - 1].as_str().unwrap_or("")));
                n += usize::from(named);
            }
        }
    }
    n
}

/// A commune of the province that issued the plan, as `kehoach unit new` writes it.
fn a_commune_of(truth: &serde_json::Value) -> Result<Unit, String> {
    let province_line = truth["co_quan_ban_hanh"][1].as_str().unwrap_or("");
    let province = registry()
        .provinces()
        .find(|p| fold(&p.full_name()) == fold(province_line))
        .ok_or_else(|| format!("no province “{province_line}” in the registry"))?;
    let commune = registry()
        .communes()
        .find(|c| {
            registry()
                .province_of(c)
                .is_some_and(|p| p.ma == province.ma)
        })
        .ok_or("the province has no commune")?;
    let name = format!("{}, {}", commune.full_name(), province.full_name());
    let out = Command::new(env!("CARGO_BIN_EXE_kehoach"))
        .args(["unit", "new", &name])
        .output()
        .map_err(|e| e.to_string())?;
    if !out.status.success() {
        return Err(format!(
            "unit new “{name}”: {}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    let text =
        String::from_utf8_lossy(&out.stdout).replace("ho_ten: \"\"", "ho_ten: Nguyễn Văn An");
    Unit::load_str(Path::new("unit.yaml"), &text).map_err(|r| format!("{:?}", r.diagnostics))
}

fn one_document(path: &Path) -> Result<Option<String>, String> {
    let truth: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).map_err(|e| e.to_string())?)
            .map_err(|e| e.to_string())?;
    let expected = commune_tasks(&truth);
    if expected == 0 {
        return Ok(None);
    }
    let parent = corpus_plan::convert(&truth)?.plan;
    let unit = a_commune_of(&truth)?;
    let derived = derive(&parent, &unit);
    let draft = &derived.plan;

    // The parent cited as it writes itself; number and date left for the văn thư.
    let c = draft.van_ban.first().ok_or("the draft cites nothing")?;
    if Some(&c.so) != parent.so.as_ref()
        || c.ky_hieu.value != parent.symbol()
        || c.ngay != parent.ngay
    {
        return Err(format!(
            "cites {}/{} {:?}, not the parent",
            c.so.value, c.ky_hieu.value, c.ngay
        ));
    }
    if draft.so.is_some() || draft.ngay.is_some() {
        return Err("number or date filled in".into());
    }
    let taken = draft.tasks().count();
    if taken < expected {
        return Err(format!(
            "took {taken} tasks; the parent gives {expected} to communes"
        ));
    }

    // It loads back, checks without errors and renders.
    let text = yaml_out::to_yaml(draft, &["corpus".to_owned()], &[]).map_err(|e| e.to_string())?;
    let loaded =
        load_str(Path::new("draft.yaml"), &text).map_err(|f| format!("{:?}", f.diagnostics))?;
    let checked = check_loaded(loaded);
    let errors: Vec<_> = checked
        .report
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .collect();
    if !errors.is_empty() {
        return Err(format!("check errors: {errors:?}"));
    }
    let plan = checked.plan.ok_or("not checked")?;
    let engine = Engine::new(Templates::load(None).map_err(|e| e.message)?);
    let doc = engine
        .compose(&plan, ComposeOptions::default())
        .map_err(|f| format!("{:?}", f.diagnostics))?;
    for format in [Format::Docx, Format::Html] {
        engine.render(&doc, format).map_err(|e| e.to_string())?;
    }
    Ok(Some(format!(
        "{expected} tasks for communes → {taken} in the draft of {}",
        unit.ten_goi.value
    )))
}

#[test]
#[ignore = "needs ../shared corpus"]
fn every_corpus_plan_giving_work_to_communes_derives_a_commune_draft() {
    let mut truths: Vec<PathBuf> = std::fs::read_dir(corpus_dir().join("truth"))
        .expect("../shared/corpus/truth (the corpus beside the repository)")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    truths.sort();
    assert!(!truths.is_empty());
    let mut report = String::new();
    let (mut derived, mut failed) = (0, 0);
    for t in &truths {
        let name = t.file_stem().unwrap().to_string_lossy();
        match one_document(t) {
            Ok(Some(line)) => {
                derived += 1;
                report.push_str(&format!("ok    {name}: {line}\n"));
            }
            Ok(None) => report.push_str(&format!("--    {name}: no appendix task for communes\n")),
            Err(why) => {
                failed += 1;
                report.push_str(&format!("FAIL  {name}: {why}\n"));
            }
        }
    }
    println!("{report}");
    assert!(
        derived > 0,
        "no corpus plan gives appendix tasks to communes:\n{report}"
    );
    assert_eq!(failed, 0, "\n{report}");
}
