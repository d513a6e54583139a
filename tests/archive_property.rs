//! The archive under random histories (issue 16): sequences of adding, editing,
//! deleting and breaking plans, corrupting archived files, and exports killed halfway
//! (a staging folder left behind), each followed by an export. After every export:
//!
//! - the manifest agrees with the files (every listed file exists inside the archive
//!   with its SHA-256, and no path leaves it);
//! - every readable plan is archived from its current source;
//! - a plan that is broken now keeps its last good files (unless those very files were
//!   corrupted in the archive, when nothing good is left to keep);
//! - a deleted plan is gone.
//!
//! In-process through `kehoach::export::export`, bounded (few plans, short histories)
//! so it runs in seconds in a plain `cargo test`.

use std::collections::BTreeMap;
use std::path::PathBuf;

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

use kehoach::compose::Templates;
use kehoach::export::manifest::{sha256_hex, Manifest};
use kehoach::export::{export, templates_fingerprint, EngineEntry, ExportOptions, Job, Observer};
use kehoach::pipeline::Engine;

const PLANS: usize = 3;

#[derive(Debug, Clone)]
enum Step {
    /// Write plan `i` (valid) with text variant `v`.
    Write(usize, u8),
    Delete(usize),
    /// Make plan `i` unloadable (broken YAML).
    Break(usize),
    /// Zero, truncate or remove the `k`-th archived file (documents, then registers).
    Corrupt(usize, u8),
    /// An export killed after building part of its staging folder.
    Kill,
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        3 => (0..PLANS, 0u8..3).prop_map(|(i, v)| Step::Write(i, v)),
        1 => (0..PLANS).prop_map(Step::Delete),
        2 => (0..PLANS).prop_map(Step::Break),
        2 => (0usize..8, 0u8..3).prop_map(|(k, how)| Step::Corrupt(k, how)),
        1 => Just(Step::Kill),
    ]
}

fn plan_text(i: usize, variant: u8) -> String {
    format!(
        "co_quan:\n  ten: [ỦY BAN NHÂN DÂN, PHƯỜNG NINH HÀ]\n  ten_goi: UBND phường Ninh Hà\n  viet_tat: UBND\n\
         so: {}\nngay: 2021-01-05\ndia_danh: Ninh Hà\n\
         trich_yeu: Kiểm tra công tác văn thư, lần {variant}\n\
         ky:\n  chuc_vu: CHỦ TỊCH\n  ho_ten: Trần Văn Chính\nnoi_nhan: [UBND thị xã]\n",
        10 + i
    )
}

struct Quiet;
impl Observer for Quiet {}

/// What the test knows about plan `i`.
#[derive(Debug, Clone, Default)]
struct Model {
    /// The source on disk: `Some(valid?)`.
    on_disk: Option<bool>,
    /// SHA-256 of the source the archive holds for it.
    archived: Option<String>,
    /// Its archived files were damaged since the last export.
    corrupted: bool,
}

struct World {
    dir: tempfile::TempDir,
    engines: Vec<EngineEntry>,
    models: Vec<Model>,
    /// Some archived file (a document's or a register's) was damaged since the last export.
    damaged: bool,
}

impl World {
    fn new() -> World {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("plans")).unwrap();
        let engines = vec![EngineEntry {
            engine: Engine::new(Templates::builtin()),
            templates_sha256: templates_fingerprint(None).unwrap(),
        }];
        World {
            dir,
            engines,
            models: vec![Model::default(); PLANS],
            damaged: false,
        }
    }

    fn plan(&self, i: usize) -> PathBuf {
        self.dir.path().join(format!("plans/p{i}.yaml"))
    }

    fn archive(&self) -> PathBuf {
        self.dir.path().join("archive")
    }

    fn manifest(&self) -> Option<Manifest> {
        let bytes = std::fs::read(self.archive().join("manifest.json")).ok()?;
        Some(serde_json::from_slice(&bytes).unwrap())
    }

    fn apply(&mut self, step: &Step) {
        match *step {
            Step::Write(i, v) => {
                std::fs::write(self.plan(i), plan_text(i, v)).unwrap();
                self.models[i].on_disk = Some(true);
            }
            Step::Delete(i) => {
                std::fs::remove_file(self.plan(i)).ok();
                self.models[i].on_disk = None;
            }
            Step::Break(i) => {
                std::fs::write(self.plan(i), "co_quan: [\n").unwrap();
                self.models[i].on_disk = Some(false);
            }
            Step::Corrupt(k, how) => {
                let Some(m) = self.manifest() else { return };
                let files: Vec<_> = m
                    .documents
                    .iter()
                    .flat_map(|d| d.files.iter().map(move |f| (d.source.path.clone(), f)))
                    .chain(m.registers.iter().map(|r| (String::new(), r)))
                    .collect();
                if files.is_empty() {
                    return;
                }
                let (source, f) = &files[k % files.len()];
                let path = self.archive().join(&f.path);
                match how {
                    0 => std::fs::write(&path, vec![0u8; f.bytes as usize]).unwrap(),
                    1 => std::fs::write(&path, b"x").unwrap(),
                    _ => std::fs::remove_file(&path).unwrap(),
                }
                self.damaged = true;
                if let Some(i) = (0..PLANS).find(|&i| self.plan(i).to_string_lossy() == *source) {
                    self.models[i].corrupted = true;
                }
            }
            Step::Kill => {
                let staging = self.dir.path().join(".archive.staging");
                std::fs::create_dir_all(staging.join(".partial")).unwrap();
                std::fs::write(staging.join(".records.jsonl"), "{\"half").unwrap();
                std::fs::write(staging.join("manifest.json"), "{").unwrap();
            }
        }
    }

    fn export(&mut self) -> Result<(), String> {
        let jobs: Vec<Job> = (0..PLANS)
            .filter(|&i| self.models[i].on_disk.is_some())
            .map(|i| Job {
                path: self.plan(i),
                engine: 0,
            })
            .collect();
        let options = ExportOptions {
            target: self.archive(),
            pdf: false,
            force: false,
            allow_duplicates: false,
            sync: false,
        };
        if jobs.is_empty() {
            return Ok(());
        }
        let summary =
            export(&jobs, &self.engines, &options, &mut Quiet).map_err(|e| format!("{e:#}"))?;
        if summary.rendered + summary.kept + summary.carried == 0 {
            // Nothing could be exported: the previous archive is left exactly as it was
            // (an empty archive never replaces one), deleted plans included.
            return self.check_files();
        }
        self.check()
    }

    /// Only that the manifest agrees with the files.
    fn check_files(&self) -> Result<(), String> {
        let Some(m) = self.manifest() else {
            return Ok(());
        };
        for f in m
            .documents
            .iter()
            .flat_map(|d| &d.files)
            .chain(&m.registers)
        {
            let bytes = std::fs::read(self.archive().join(&f.path)).unwrap_or_default();
            // Damaged by the test and no export could replace it: allowed only then.
            if sha256_hex(&bytes) != f.sha256 && !self.damaged {
                return Err(format!("{} disagrees with the manifest", f.path));
            }
        }
        Ok(())
    }

    fn check(&mut self) -> Result<(), String> {
        let Some(m) = self.manifest() else {
            // No archive yet: only allowed while no plan was ever good.
            return match self.models.iter().any(|m| m.on_disk == Some(true)) {
                true => Err("no archive although a plan is valid".into()),
                false => Ok(()),
            };
        };
        // The manifest agrees with the files.
        for f in m
            .documents
            .iter()
            .flat_map(|d| &d.files)
            .chain(&m.registers)
        {
            if f.path.contains("..") || f.path.starts_with('/') {
                return Err(format!("path leaves the archive: {}", f.path));
            }
            let bytes = std::fs::read(self.archive().join(&f.path))
                .map_err(|e| format!("{} listed but unreadable: {e}", f.path))?;
            if sha256_hex(&bytes) != f.sha256 || bytes.len() as u64 != f.bytes {
                return Err(format!("{} disagrees with the manifest", f.path));
            }
        }
        let by_source: BTreeMap<String, String> = m
            .documents
            .iter()
            .map(|d| (d.source.path.clone(), d.source.sha256.clone()))
            .collect();
        for i in 0..PLANS {
            let key = self.plan(i).to_string_lossy().into_owned();
            let now = by_source.get(&key).cloned();
            let plan = self.plan(i);
            let model = &mut self.models[i];
            match model.on_disk {
                None => {
                    if now.is_some() {
                        return Err(format!("deleted plan {i} still archived"));
                    }
                }
                Some(true) => {
                    let sha = sha256_hex(&std::fs::read(&plan).unwrap());
                    if now.as_deref() != Some(sha.as_str()) {
                        return Err(format!("valid plan {i} not archived from its source"));
                    }
                }
                Some(false) => {
                    if !model.corrupted && model.archived.is_some() && now != model.archived {
                        return Err(format!(
                            "broken plan {i} lost its last good files ({:?} → {now:?})",
                            model.archived
                        ));
                    }
                }
            }
            model.archived = now;
            model.corrupted = false;
        }
        self.damaged = false;
        Ok(())
    }
}

#[test]
fn random_histories_never_lose_good_files_or_mislabel_them() {
    let mut runner = TestRunner::new(Config {
        cases: std::env::var("ARCHIVE_CASES")
            .ok()
            .and_then(|n| n.parse().ok())
            .unwrap_or(24),
        failure_persistence: None,
        ..Config::default()
    });
    let history = proptest::collection::vec((step(), any::<bool>()), 1..9);
    runner
        .run(&history, |steps| {
            let mut world = World::new();
            for (step, export_after) in &steps {
                world.apply(step);
                if *export_after {
                    world.export().map_err(TestCaseError::fail)?;
                }
            }
            world.export().map_err(TestCaseError::fail)?;
            Ok(())
        })
        .unwrap();
}
