//! `kehoach derive`: the town plan 2325 derived for the ward Ninh Hà is a clean plan,
//! close to the ward's real plan 114; unmapped names are reported; the report sees
//! edits and late deadlines; the command writes safely and exits as documented.

use std::path::{Path, PathBuf};
use std::process::Command;

use kehoach::compose::{ComposeOptions, Templates};
use kehoach::derive::report::{compare, DropReason, Status};
use kehoach::derive::{derive, yaml_out, Derived, Targets, Unit};
use kehoach::document::dump;
use kehoach::load::load_str;
use kehoach::pipeline::{check_loaded, Engine};
use kehoach::plan::{Plan, Task, Text};
use kehoach::render::Format;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn plan(name: &str) -> Plan {
    let path = root().join("plans").join(name);
    let text = std::fs::read_to_string(&path).unwrap();
    load_str(&path, &text).unwrap().plan
}

fn unit(name: &str) -> Unit {
    let u = Unit::load_file(&root().join("units").join(name))
        .unwrap_or_else(|r| panic!("{name}: {:?}", r.diagnostics));
    assert!(u.problems().is_empty(), "{name}: {:?}", u.problems());
    u
}

fn ninh_ha() -> (Plan, Derived) {
    let parent = plan("ninh-hoa-2325-2021.yaml");
    let derived = derive(&parent, &unit("ninh-ha.yaml"));
    (parent, derived)
}

fn yaml(plan: &Plan) -> String {
    yaml_out::to_yaml(plan, &["test".to_owned()], &[]).unwrap()
}

fn tasks(plan: &Plan) -> Vec<&Task> {
    plan.tasks().map(|(_, _, t)| t).collect()
}

fn source(task: &Task) -> &str {
    &task
        .nguon
        .as_ref()
        .expect("derived tasks record their source")
        .vi_tri
}

#[test]
fn every_unit_file_loads_and_is_consistent() {
    for entry in std::fs::read_dir(root().join("units")).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        let u = unit(&name);
        assert!(u.focal().is_some(), "{name}: no focal unit");
    }
}

#[test]
fn the_draft_checks_clean_composes_and_renders() {
    let (_, derived) = ninh_ha();
    let text = yaml(&derived.plan);
    let loaded = load_str(Path::new("ninh-ha-draft.yaml"), &text).unwrap();
    assert_eq!(
        loaded.plan, derived.plan,
        "the YAML loads back as the same plan"
    );
    let checked = check_loaded(loaded);
    assert!(
        checked.report.diagnostics.is_empty(),
        "{:?}",
        checked.report.diagnostics
    );
    let plan = checked.plan.expect("no errors");
    let engine = Engine::new(Templates::load(None).unwrap());
    let doc = engine
        .compose(&plan, ComposeOptions::default())
        .unwrap_or_else(|f| panic!("{:?}", f.diagnostics));
    let tree = dump(&doc);
    assert!(tree.contains(
        "Thực hiện Kế hoạch số 2325/KH-UBND ngày 25/6/2021 của UBND thị xã Ninh Hòa về triển khai Đề án"
    ));
    assert!(tree.contains(
        "UBND phường Ninh Hà xây dựng Kế hoạch triển khai Đề án đổi mới việc thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết thủ tục hành chính trên địa bàn phường Ninh Hà như sau:"
    ));
    assert!(!tree.contains("[@"), "every citation is expanded");
    // The renderers may still be placeholders on this branch: render what they can.
    for format in [Format::Docx, Format::Html] {
        if let Ok(bytes) = engine.render(&doc, format) {
            assert!(!bytes.is_empty());
        }
    }
}

#[test]
fn the_draft_is_what_a_clean_plan_needs() {
    let (parent, derived) = ninh_ha();
    let p = &derived.plan;
    assert_eq!(p.so, None);
    assert_eq!(p.ngay, None);
    assert_eq!(p.noi_nhan[0], "UBND thị xã Ninh Hòa (để báo cáo)");
    for r in &p.noi_nhan {
        assert!(!r.starts_with('-') && !r.ends_with(';'), "{r:?}");
    }
    assert_eq!(p.luu.noi_luu[0], "VT");
    assert!(yaml(p).contains("Phụ lục"));
    for task in tasks(p) {
        assert!(!task.noi_dung.is_empty());
        assert!(task.chu_tri.is_some(), "{:?}", task.noi_dung);
        assert!(task.thoi_han.is_some(), "{:?}", task.noi_dung);
    }
    // The parent is cited in full and recorded as the source.
    assert_eq!(p.van_ban.len(), 1);
    let cited = &p.van_ban[0];
    assert_eq!(
        (cited.so.as_str(), cited.ky_hieu.as_str()),
        ("2325", "KH-UBND")
    );
    assert_eq!(cited.ngay, parent.ngay);
    assert_eq!(p.nguon.as_ref().unwrap().van_ban, cited.id);
}

#[test]
fn the_draft_is_close_to_the_wards_real_plan() {
    let (_, derived) = ninh_ha();
    let reference = plan("ninh-ha-114-2021.yaml");
    let p = &derived.plan;
    assert_eq!(p.trich_yeu, reference.trich_yeu);
    assert_eq!(p.co_quan, reference.co_quan);
    assert_eq!(p.dia_danh, reference.dia_danh);
    assert_eq!(p.ky, reference.ky);
    assert_eq!(p.luu, reference.luu);
    let (mine, theirs) = (&p.van_ban[0], &reference.van_ban[0]);
    assert_eq!(
        (
            &mine.so,
            &mine.ky_hieu,
            &mine.ngay,
            &mine.co_quan,
            &mine.trich_yeu
        ),
        (
            &theirs.so,
            &theirs.ky_hieu,
            &theirs.ngay,
            &theirs.co_quan,
            &theirs.trich_yeu
        )
    );
    assert_eq!(p.phu_luc[0].cot, reference.phu_luc[0].cot);
    assert_eq!(
        p.phu_luc[0].ten.to_lowercase(),
        reference.phu_luc[0].ten.to_lowercase()
    );
    // Same groups, same number of tasks in each, same deadlines.
    let shape = |plan: &Plan| -> Vec<(String, usize)> {
        plan.phu_luc[0]
            .nhom
            .iter()
            .map(|g| (g.ten.value.clone(), g.nhiem_vu.len()))
            .collect()
    };
    assert_eq!(shape(p), shape(&reference));
    let deadlines = |plan: &Plan| -> Vec<Option<Text>> {
        tasks(plan).iter().map(|t| t.thoi_han.clone()).collect()
    };
    assert_eq!(deadlines(p), deadlines(&reference));
    // Leads the real plan gave the same way.
    let lead = |plan: &Plan, g: usize, t: usize| {
        plan.phu_luc[0].nhom[g].nhiem_vu[t]
            .chu_tri
            .clone()
            .unwrap()
            .value
    };
    for (g, t) in [(1, 0), (1, 1), (2, 0), (2, 1), (6, 0), (6, 3), (8, 1)] {
        assert_eq!(
            lead(p, g, t),
            lead(&reference, g, t),
            "task {}.{}",
            g + 1,
            t + 1
        );
    }
}

#[test]
fn the_appendix_holds_exactly_the_units_tasks_with_mapped_assignees() {
    let (parent, derived) = ninh_ha();
    // The tasks that name the ward's level, found independently of derive's matching.
    let expected: Vec<String> = parent.phu_luc[0]
        .nhom
        .iter()
        .enumerate()
        .flat_map(|(g, group)| {
            group
                .nhiem_vu
                .iter()
                .enumerate()
                .filter_map(move |(t, task)| {
                    let cells = format!(
                        "{} {}",
                        task.chu_tri.as_deref().unwrap_or(""),
                        task.phoi_hop.as_deref().unwrap_or("")
                    );
                    cells
                        .contains("UBND các xã, phường")
                        .then(|| format!("{}.{}", kehoach::numbering::roman(g + 1), t + 1))
                })
        })
        .collect();
    let got: Vec<&str> = tasks(&derived.plan).into_iter().map(source).collect();
    assert_eq!(got, expected);
    assert_eq!(got.len(), 28);
    let dropped: Vec<&str> = derived
        .not_concerned
        .iter()
        .map(|t| t.vi_tri.as_str())
        .collect();
    assert_eq!(dropped, ["I.1", "IV.2", "VII.5"]);

    // Every name in an assignee cell is one of the ward's own units.
    let own: Vec<&str> = derived.plan.don_vi.iter().map(|t| t.as_str()).collect();
    for task in tasks(&derived.plan) {
        for cell in [&task.chu_tri, &task.phoi_hop].into_iter().flatten() {
            for name in cell.split("; ") {
                assert!(own.contains(&name), "{name:?} in {:?}", task.noi_dung);
            }
        }
        // Deadlines are inherited as written.
        assert_eq!(task.thoi_han, task.nguon.as_ref().unwrap().thoi_han);
    }
    let by_source = |pos: &str| {
        tasks(&derived.plan)
            .into_iter()
            .find(|t| source(t) == pos)
            .unwrap()
            .clone()
    };
    // Town office leads, ward supports: the office's counterpart leads at the ward.
    let t = by_source("II.1");
    assert_eq!(t.chu_tri.as_deref(), Some("Công chức VH-XH"));
    assert_eq!(
        t.phoi_hop.as_deref(),
        Some("Công chức VP-TK; Công chức các ngành")
    );
    // The ward co-leads: its own share is led by what the level maps to.
    let t = by_source("III.3");
    assert_eq!(t.chu_tri.as_deref(), Some("Công chức các ngành"));
    assert_eq!(
        t.phoi_hop.as_deref(),
        Some("Công chức VP-TK; Công chức VH-XH")
    );
    // Several leads; "Bảo hiểm xã hội thị xã: []" maps to nobody on purpose, unreported.
    let t = by_source("V.1");
    assert_eq!(
        t.chu_tri.as_deref(),
        Some("Công chức TP-HT; Công an phường; Đội thuế")
    );
    assert!(derived.unmapped.is_empty(), "{:?}", derived.unmapped);
    assert!(derived.unassigned.is_empty());
    assert_eq!(derived.directives.len(), 3);
}

#[test]
fn unmapped_names_and_tasks_are_reported_not_dropped_silently() {
    let parent = plan("ninh-hoa-2325-2021.yaml");
    // A ward of another city: the town's own offices have no counterpart there.
    let derived = derive(&parent, &unit("cam-nghia.yaml"));
    let names: Vec<&str> = derived.unmapped.iter().map(|u| u.ten.as_str()).collect();
    assert!(
        names.contains(&"Văn phòng HĐND và UBND thị xã"),
        "{names:?}"
    );
    assert!(names.contains(&"Bảo hiểm xã hội thị xã"), "{names:?}");
    let office = &derived.unmapped[names
        .iter()
        .position(|n| *n == "Văn phòng HĐND và UBND thị xã")
        .unwrap()];
    assert!(
        office.vi_tri.contains(&"II.2 chủ trì".to_owned()),
        "{:?}",
        office.vi_tri
    );
    assert!(office.vi_tri.contains(&"II.1 phối hợp".to_owned()));
    // The header of the written draft lists them for the clerk.
    let header: Vec<String> = names.iter().map(|n| format!("unmapped: {n}")).collect();
    let text = yaml_out::to_yaml(&derived.plan, &header, &[]).unwrap();
    assert!(text.contains("# unmapped: Văn phòng HĐND và UBND thị xã"));

    // A task whose lead maps to nobody and whose ward share maps to nobody is listed.
    let mut u = unit("ninh-ha.yaml");
    u.anh_xa
        .insert("UBND các xã, phường".into(), Targets::Many(vec![]));
    u.anh_xa.remove("Phòng Tư pháp");
    u.anh_xa.remove("Công an thị xã");
    u.anh_xa.remove("Chi cục Thuế");
    let derived = derive(&parent, &u);
    let unassigned: Vec<&str> = derived
        .unassigned
        .iter()
        .map(|t| t.vi_tri.as_str())
        .collect();
    assert_eq!(unassigned, ["V.1"]);
    assert!(!tasks(&derived.plan).iter().any(|t| source(t) == "V.1"));
    let names: Vec<&str> = derived.unmapped.iter().map(|u| u.ten.as_str()).collect();
    assert_eq!(names, ["Phòng Tư pháp", "Công an thị xã", "Chi cục Thuế"]);
}

/// The draft after a clerk's edits: one deadline pushed later, one task deleted, one added.
fn edited(derived: &Derived) -> Plan {
    let mut p = derived.plan.clone();
    let groups = &mut p.phu_luc[0].nhom;
    // VI.2 "Năm 2025" → "Năm 2026" (later than the town's).
    groups[5].nhiem_vu[1].thoi_han = Some(Text::new("Năm 2026"));
    // II.2 deleted.
    groups[1].nhiem_vu.remove(1);
    // A ward task of its own.
    groups[8].nhiem_vu.push(Task {
        noi_dung: Text::new("Tuyên truyền trên loa truyền thanh các khu phố"),
        chu_tri: Some(Text::new("Công chức VH-XH")),
        thoi_han: Some(Text::new("Quý III/2021")),
        ..Task::default()
    });
    p
}

#[test]
fn the_report_lists_inherited_changed_added_and_dropped_tasks() {
    let (parent, derived) = ninh_ha();
    let u = unit("ninh-ha.yaml");

    let untouched = compare(&derived.plan, Some(&parent), Some(&u));
    assert!(untouched.rows.iter().all(|r| r.status == Status::Inherited));
    assert!(untouched.late.is_empty());
    assert!(untouched
        .dropped
        .iter()
        .all(|d| d.reason == DropReason::NotForUnit));

    let child = edited(&derived);
    // Through YAML, as a clerk's file would be.
    let child = load_str(Path::new("edited.yaml"), &yaml(&child))
        .unwrap()
        .plan;
    let report = compare(&child, Some(&parent), Some(&u));
    let row = |pos: &str| report.rows.iter().find(|r| r.nguon.as_deref() == Some(pos));
    assert_eq!(
        row("VI.2").unwrap().status,
        Status::Changed(vec!["thời hạn"])
    );
    assert_eq!(row("II.1").unwrap().status, Status::Inherited);
    assert!(row("II.2").is_none());
    let added: Vec<&str> = report
        .rows
        .iter()
        .filter(|r| r.status == Status::Added)
        .map(|r| r.noi_dung.as_str())
        .collect();
    assert_eq!(added, ["Tuyên truyền trên loa truyền thanh các khu phố"]);
    let removed: Vec<&str> = report
        .dropped
        .iter()
        .filter(|d| d.reason == DropReason::Removed)
        .map(|d| d.task.vi_tri.as_str())
        .collect();
    assert_eq!(removed, ["II.2"]);
    let text = report.to_text();
    assert!(
        text.contains("26 kế thừa, 1 sửa, 1 thêm, 1 bỏ, 3 không giao cho đơn vị."),
        "{text}"
    );

    // A reassigned task is a change when the unit file says what the mapping gave.
    let mut reassigned = child.clone();
    reassigned.phu_luc[0].nhom[0].nhiem_vu[0].chu_tri = Some(Text::new("Công chức VP-TK"));
    let report = compare(&reassigned, Some(&parent), Some(&u));
    assert_eq!(report.rows[0].status, Status::Changed(vec!["chủ trì"]));
}

#[test]
fn a_deadline_later_than_the_parents_is_flagged() {
    let (parent, derived) = ninh_ha();
    let child = edited(&derived);
    let report = compare(&child, Some(&parent), None);
    assert_eq!(report.late.len(), 1);
    let late = &report.late[0];
    assert_eq!(late.vi_tri, "VI.2");
    assert_eq!(
        (late.thoi_han.as_str(), late.thoi_han_cap_tren.as_str()),
        ("Năm 2026", "Năm 2025")
    );
    assert!(report
        .to_text()
        .contains("Thời hạn muộn hơn văn bản cấp trên"));
    // Without the parent file, the deadline recorded in `nguon` still tells.
    let alone = compare(&child, None, None);
    assert_eq!(alone.late.len(), 1);
    // An earlier deadline is fine.
    let mut earlier = derived.plan.clone();
    earlier.phu_luc[0].nhom[5].nhiem_vu[1].thoi_han = Some(Text::new("Năm 2024"));
    assert!(compare(&earlier, Some(&parent), None).late.is_empty());
}

// ---- The command line ----

fn kehoach(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_kehoach"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("plans")).unwrap();
    std::fs::create_dir_all(dir.path().join("units")).unwrap();
    std::fs::copy(
        root().join("plans/ninh-hoa-2325-2021.yaml"),
        dir.path().join("plans/ninh-hoa-2325-2021.yaml"),
    )
    .unwrap();
    for u in ["ninh-ha.yaml", "cam-nghia.yaml"] {
        std::fs::copy(
            root().join("units").join(u),
            dir.path().join("units").join(u),
        )
        .unwrap();
    }
    dir
}

#[test]
fn cli_derives_writes_once_and_reports() {
    let dir = project();
    let d = dir.path();
    let derive_args = [
        "derive",
        "plans/ninh-hoa-2325-2021.yaml",
        "--unit",
        "units/ninh-ha.yaml",
        "-o",
        "plans/ninh-ha-draft.yaml",
    ];
    let (code, _, err) = kehoach(d, &derive_args);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("đã lấy 28/31 nhiệm vụ"), "{err}");
    let draft = d.join("plans/ninh-ha-draft.yaml");
    let written = std::fs::read_to_string(&draft).unwrap();
    assert!(
        written.contains("tep: ninh-hoa-2325-2021.yaml"),
        "the parent path is relative to the draft"
    );
    let leftovers = std::fs::read_dir(d.join("plans"))
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .ends_with(".tmp")
        })
        .count();
    assert_eq!(leftovers, 0, "written atomically, no temp file left");

    // `check` accepts it as it is.
    let (code, _, err) = kehoach(d, &["check", "plans/ninh-ha-draft.yaml"]);
    assert_eq!(code, 0, "{err}");

    // A second derive never overwrites edits unless told to.
    std::fs::write(&draft, written.replace("Năm 2025\n", "Năm 2026\n")).unwrap();
    let (code, _, err) = kehoach(d, &derive_args);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("--force"));
    assert!(std::fs::read_to_string(&draft)
        .unwrap()
        .contains("Năm 2026"));

    // The report finds the parent through `nguon.tep`, and exits 1 on a late deadline.
    let (code, out, err) = kehoach(d, &["derive", "--report", "plans/ninh-ha-draft.yaml"]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(out.contains("sửa: thời hạn"), "{out}");
    assert!(err.contains("muộn hơn thời hạn của cấp trên"), "{err}");

    let mut forced = derive_args.to_vec();
    forced.push("--force");
    let (code, _, err) = kehoach(d, &forced);
    assert_eq!(code, 0, "{err}");
    let (code, out, _) = kehoach(
        d,
        &[
            "derive",
            "--report",
            "plans/ninh-ha-draft.yaml",
            "--unit",
            "units/ninh-ha.yaml",
        ],
    );
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("28 kế thừa, 0 sửa, 0 thêm, 0 bỏ, 3 không giao cho đơn vị."),
        "{out}"
    );
}

#[test]
fn cli_warns_about_unmapped_names_and_refuses_broken_unit_files() {
    let dir = project();
    let d = dir.path();
    // Without -o the draft goes to standard output.
    let (code, out, err) = kehoach(
        d,
        &[
            "derive",
            "plans/ninh-hoa-2325-2021.yaml",
            "--unit",
            "units/cam-nghia.yaml",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("cảnh báo: `Văn phòng HĐND và UBND thị xã`"),
        "{err}"
    );
    assert!(out.contains("co_quan:") && out.contains("# Đơn vị cấp trên chưa có đơn vị tương ứng"));

    std::fs::write(
        d.join("units/broken.yaml"),
        "cap: phuong\nten: [X]\nten_goi: UBND phường X\nviet_tat: UBND\ndia_danh: X\nky: { ho_ten: A }\nanh_xaa: {}\n",
    )
    .unwrap();
    let (code, _, err) = kehoach(
        d,
        &[
            "derive",
            "plans/ninh-hoa-2325-2021.yaml",
            "--unit",
            "units/broken.yaml",
        ],
    );
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("anh_xaa"), "{err}");

    std::fs::write(
        d.join("units/typo.yaml"),
        "cap: phuong\nten: [X]\nten_goi: UBND phường X\nviet_tat: UBND\ndia_danh: X\nky: { ho_ten: A }\ndon_vi: [{ ten: Công chức VP-TK }]\nanh_xa: { Phòng Nội vụ: Công chức VP-TT }\n",
    )
    .unwrap();
    let (code, _, err) = kehoach(
        d,
        &[
            "derive",
            "plans/ninh-hoa-2325-2021.yaml",
            "--unit",
            "units/typo.yaml",
        ],
    );
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("“Công chức VP-TT” không có trong don_vi"),
        "{err}"
    );
}
