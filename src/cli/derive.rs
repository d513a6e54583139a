//! `kehoach derive`: a unit's draft plan from its parent's plan, and (`--report`) the
//! comparison of an edited draft with its parent.
//!
//! Exit codes: 0 done (a draft with unmapped names is still a draft: they are warnings);
//! 1 an input file has errors, the draft does not pass `check`, or (`--report`) a
//! deadline is later than the parent's; 2 the command could not run (bad arguments,
//! output exists without `--force`, cannot write).

use std::path::{Component, Path, PathBuf};

use anyhow::{bail, Context, Result};

use kehoach::compose::{ComposeOptions, Templates};
use kehoach::derive::{self, report, yaml_out, Derived, Unit};
use kehoach::diag::{Diagnostic, FileReport, Source};
use kehoach::load;
use kehoach::output::write_atomic;
use kehoach::pipeline::{check_loaded, Engine};
use kehoach::plan::{Plan, Text};
use kehoach::registry;

use super::inputs::templates_dir;
use super::report::DiagnosticFormat;
use super::{Outcome, Reporter};

#[derive(clap::Args, Debug)]
pub struct DeriveArgs {
    /// The parent plan to carry out; with --report, the derived plan to compare.
    #[arg(value_name = "PLAN")]
    pub plan: PathBuf,
    /// The unit file of the issuing unit (units/*.yaml). With --report: optional, to
    /// tell reassigned tasks and tasks not for the unit.
    #[arg(long, value_name = "UNIT", required_unless_present = "report")]
    pub unit: Option<PathBuf>,
    /// Write the draft to this file (default: standard output).
    #[arg(short, long, value_name = "FILE", conflicts_with = "report")]
    pub output: Option<PathBuf>,
    /// Replace FILE if it exists (it may hold edits).
    #[arg(long, requires = "output")]
    pub force: bool,
    /// Compare a derived plan with its parent: inherited, changed, added and dropped
    /// tasks, and deadlines later than the parent's (exit 1 if any).
    #[arg(long)]
    pub report: bool,
    /// With --report: the parent plan (default: the file named in the plan's `nguon.tep`).
    #[arg(long, value_name = "PARENT", requires = "report")]
    pub parent: Option<PathBuf>,
}

pub fn run(args: DeriveArgs, reporter: &mut Reporter) -> Result<Outcome> {
    if args.report {
        return run_report(&args, reporter);
    }
    let unit_path = args.unit.as_deref().expect("clap requires --unit");
    if let Some(out) = &args.output {
        if out.exists() && !args.force {
            bail!(kehoach::msg!("new.exists", path = out.display()));
        }
    }
    let Some(parent) = load_plan(&args.plan, reporter) else {
        return Ok(Outcome::PlanErrors);
    };
    let Some(unit) = load_unit(unit_path, reporter) else {
        return Ok(Outcome::PlanErrors);
    };

    if parent.so.as_ref().is_none_or(|s| s.trim().is_empty()) {
        warn(reporter, &kehoach::msg!("derive.parent_no_number"));
    }
    if let Some(tinh) = &unit.tinh {
        // A commune's parent is its province since 1 July 2025; another province's plan
        // is most likely the wrong file.
        let issuer = derive::unit::area_of(&parent.co_quan.ten_goi);
        let (level, _) = registry::split_level(&issuer);
        if level.is_some_and(|l| l.is_province()) && registry::fold(&issuer) != registry::fold(tinh)
        {
            warn(
                reporter,
                &kehoach::msg!(
                    "derive.other_province",
                    issuer = issuer,
                    unit = unit_path.display(),
                    tinh = tinh
                ),
            );
        }
    }
    let mut derived = derive::derive(&parent, &unit);
    let draft_dir = args
        .output
        .as_deref()
        .and_then(Path::parent)
        .unwrap_or(Path::new(""));
    if let Some(nguon) = &mut derived.plan.nguon {
        nguon.tep = Some(Text::new(relative_to(&args.plan, draft_dir)));
    }
    let today = chrono::Local::now().format("%d/%m/%Y").to_string();
    let header = header(&derived, &parent, &args.plan, unit_path, &today);
    let yaml = yaml_out::to_yaml(&derived.plan, &header, NOTES)
        .map_err(|e| anyhow::anyhow!(kehoach::msg!("derive.cannot_write_yaml", why = e)))?;

    for name in &derived.unmapped {
        warn(
            reporter,
            &kehoach::msg!(
                "derive.unmapped",
                name = name.ten,
                places = name.vi_tri.join(", "),
                units = unit_path.display()
            ),
        );
    }
    for task in &derived.unassigned {
        warn(
            reporter,
            &kehoach::msg!(
                "derive.no_lead",
                task = task.vi_tri,
                content = task.noi_dung
            ),
        );
    }
    if derived.plan.phu_luc.is_empty() {
        warn(reporter, &kehoach::msg!("derive.no_task"));
    }

    // The draft must be a plan `check` and `render` accept: load it back and run both.
    let out_name = args
        .output
        .clone()
        .unwrap_or_else(|| PathBuf::from("<stdout>"));
    let clean = self_check(&yaml, &derived.plan, &out_name, reporter)?;

    match &args.output {
        Some(path) => {
            write_atomic(path, yaml.as_bytes())
                .with_context(|| kehoach::msg!("io.cannot_write", path = path.display()))?;
            reporter.info(&kehoach::msg!("io.wrote", path = path.display()));
        }
        None => print!("{yaml}"),
    }
    let kept: usize = derived
        .plan
        .phu_luc
        .iter()
        .flat_map(|a| &a.nhom)
        .map(|g| g.nhiem_vu.len())
        .sum();
    reporter.summary(&kehoach::msg!(
        "derive.summary",
        kept = kept,
        total = parent.tasks().count(),
        unit = unit.ten_goi,
        not_concerned = derived.not_concerned.len(),
        unassigned = derived.unassigned.len(),
        unmapped = derived.unmapped.len()
    ));
    Ok(if clean {
        Outcome::Success
    } else {
        Outcome::PlanErrors
    })
}

fn run_report(args: &DeriveArgs, reporter: &mut Reporter) -> Result<Outcome> {
    let Some(child) = load_plan(&args.plan, reporter) else {
        return Ok(Outcome::PlanErrors);
    };
    // `nguon.tep` is relative to the draft's folder; a draft written to standard output
    // recorded it relative to the working folder instead.
    let parent_path = args.parent.clone().or_else(|| {
        let tep = Path::new(child.nguon.as_ref()?.tep.as_ref()?.as_str());
        let dir = args.plan.parent().unwrap_or(Path::new(""));
        [dir.join(tep), tep.to_path_buf()]
            .into_iter()
            .find(|p| p.is_file())
            .or_else(|| Some(dir.join(tep)))
    });
    if let (None, Some(path)) = (&args.parent, &parent_path) {
        if !path.is_file() {
            // The draft (or its parent) was moved since `derive` wrote `nguon.tep`.
            anyhow::bail!(kehoach::msg!("derive.parent_moved", path = path.display()));
        }
    }
    let parent = match &parent_path {
        Some(path) => match load_plan(path, reporter) {
            Some(p) => Some(p),
            None => return Ok(Outcome::PlanErrors),
        },
        None => {
            warn(reporter, &kehoach::msg!("derive.no_parent"));
            None
        }
    };
    let unit = match &args.unit {
        Some(path) => match load_unit(path, reporter) {
            Some(u) => Some(u),
            None => return Ok(Outcome::PlanErrors),
        },
        None => None,
    };
    let report = report::compare(&child, parent.as_ref(), unit.as_ref());
    match (&report.van_ban, &parent, &parent_path) {
        (Some(v), Some(parent), Some(p)) => println!(
            "{} ← {} số {v} ({})\n",
            args.plan.display(),
            parent.loai.name(),
            p.display()
        ),
        _ => println!("{}\n", args.plan.display()),
    }
    print!("{}", report.to_text());
    for late in &report.late {
        warn(
            reporter,
            &kehoach::msg!(
                "derive.late",
                task = late.vi_tri,
                deadline = late.thoi_han,
                parent = late.thoi_han_cap_tren,
                source = late.nguon
            ),
        );
    }
    Ok(if report.late.is_empty() {
        Outcome::Success
    } else {
        Outcome::PlanErrors
    })
}

/// Comments above top-level keys of the draft.
const NOTES: yaml_out::KeyNotes = &[
    (
        "dia_danh",
        "Số và ngày để trống cho đến khi ban hành: thêm `so: \"…\"` và `ngay: 15/3/2026` (ngày ký) trên dòng này.",
    ),
    (
        "van_ban",
        "Văn bản cấp trên; trong nội dung, [@id] là trích dẫn đầy đủ của văn bản này.",
    ),
    (
        "noi_dung",
        "Mục đích, yêu cầu chép từ văn bản cấp trên: sửa cho phù hợp với đơn vị.",
    ),
    (
        "phu_luc",
        "Mỗi nhiệm vụ lấy từ cấp trên có `nguon` (số văn bản, vị trí, chủ trì và thời hạn ở cấp trên):\ngiữ nguyên `nguon` để `kehoach derive --report` đối chiếu; nhiệm vụ tự thêm thì không ghi `nguon`.",
    ),
    (
        "nguon",
        "Văn bản cấp trên mà bản dự thảo này được dựng từ đó (id trong van_ban, và tệp YAML của nó).",
    ),
];

/// The comment block on top of the draft: where it came from and what to look at.
fn header(
    derived: &Derived,
    parent: &Plan,
    parent_path: &Path,
    unit_path: &Path,
    today: &str,
) -> Vec<String> {
    let mut h = vec![
        format!(
            "DỰ THẢO dựng bằng `kehoach derive` ngày {today} từ {} số {} ({}),",
            parent.loai.name(),
            derive::parent_reference(parent),
            parent_path.display()
        ),
        format!("cho {} (tệp đơn vị: {}).", derived.plan.co_quan.ten_goi, unit_path.display()),
        "Sửa trực tiếp tệp này; `kehoach check` rồi `kehoach render` như mọi kế hoạch.".to_owned(),
        "Trước khi trình ký: `kehoach derive --report <tệp này>` liệt kê nhiệm vụ kế thừa, sửa, thêm, bỏ.".to_owned(),
    ];
    if !derived.unmapped.is_empty() {
        h.push(String::new());
        h.push("Đơn vị cấp trên chưa có đơn vị tương ứng (thêm vào `anh_xa` của tệp đơn vị, hoặc sửa tay):".to_owned());
        for u in &derived.unmapped {
            h.push(format!("  - {} ({})", u.ten, u.vi_tri.join(", ")));
        }
    }
    if !derived.unassigned.is_empty() {
        h.push(String::new());
        h.push(
            "Nhiệm vụ của đơn vị nhưng không xác định được người chủ trì (chưa đưa vào phụ lục):"
                .to_owned(),
        );
        for t in &derived.unassigned {
            h.push(format!(
                "  - {}: {} (chủ trì cấp trên: {}; thời hạn: {})",
                t.vi_tri,
                t.noi_dung,
                t.chu_tri.as_deref().unwrap_or("—"),
                t.thoi_han.as_deref().unwrap_or("—")
            ));
        }
    }
    if !derived.not_concerned.is_empty() {
        let list: Vec<&str> = derived
            .not_concerned
            .iter()
            .map(|t| t.vi_tri.as_str())
            .collect();
        h.push(String::new());
        h.push(format!(
            "Nhiệm vụ cấp trên không giao cho cấp này (không lấy): {}.",
            list.join(", ")
        ));
    }
    if !derived.directives.is_empty() {
        h.push(String::new());
        h.push("Văn bản cấp trên yêu cầu cấp này (mục Tổ chức thực hiện):".to_owned());
        for d in &derived.directives {
            h.push(format!("  - {d}"));
        }
    }
    h
}

/// Loads the YAML just written and runs check and compose on it, as `check` would.
fn self_check(yaml: &str, plan: &Plan, name: &Path, reporter: &mut Reporter) -> Result<bool> {
    let loaded = match load::load_str(name, yaml) {
        Ok(l) => l,
        Err(f) => {
            reporter.file(&FileReport::from(f), DiagnosticFormat::Human);
            bail!(kehoach::msg!("derive.bug_no_load"));
        }
    };
    if loaded.plan != *plan {
        bail!(kehoach::msg!("derive.bug_differs"));
    }
    let checked = check_loaded(loaded);
    reporter.file(&checked.report, DiagnosticFormat::Human);
    let Some(plan) = checked.plan else {
        return Ok(false);
    };
    let templates = Templates::load(templates_dir(None, name).as_deref())
        .map_err(|e| anyhow::anyhow!(kehoach::msg!("derive.no_templates", why = e.message)))?;
    if let Err(f) = Engine::new(templates).compose(&plan, ComposeOptions::default()) {
        reporter.file(&FileReport::from(f), DiagnosticFormat::Human);
        return Ok(false);
    }
    Ok(true)
}

fn load_plan(path: &Path, reporter: &mut Reporter) -> Option<Plan> {
    match load::load_file(path) {
        Ok(l) => {
            reporter.file(
                &FileReport {
                    source: l.source,
                    diagnostics: l.warnings,
                },
                DiagnosticFormat::Human,
            );
            Some(l.plan)
        }
        Err(f) => {
            reporter.file(&FileReport::from(f), DiagnosticFormat::Human);
            None
        }
    }
}

fn load_unit(path: &Path, reporter: &mut Reporter) -> Option<Unit> {
    let unit = match Unit::load_file(path) {
        Ok(u) => u,
        Err(report) => {
            reporter.file(&report, DiagnosticFormat::Human);
            return None;
        }
    };
    let problems = unit.problems();
    if problems.is_empty() {
        return Some(unit);
    }
    let text = std::fs::read_to_string(path).unwrap_or_default();
    reporter.file(
        &FileReport {
            source: Source::new(path, text),
            diagnostics: problems
                .into_iter()
                .map(|p| Diagnostic::error("KH-UNIT", kehoach::plan::Loc::UNKNOWN, p))
                .collect(),
        },
        DiagnosticFormat::Human,
    );
    None
}

fn warn(reporter: &mut Reporter, message: &str) {
    reporter.warning(message);
}

/// `target` as a path from `dir` (both as given, relative to the working folder), so the
/// draft can find its parent after the project folder moves.
fn relative_to(target: &Path, dir: &Path) -> String {
    let (Ok(target_abs), Ok(dir_abs)) = (absolute(target), absolute(dir)) else {
        return target.display().to_string();
    };
    let t: Vec<Component> = target_abs.components().collect();
    let d: Vec<Component> = dir_abs.components().collect();
    let common = t.iter().zip(&d).take_while(|(a, b)| a == b).count();
    let mut out = PathBuf::new();
    for _ in common..d.len() {
        out.push("..");
    }
    for c in &t[common..] {
        out.push(c);
    }
    out.to_string_lossy().replace('\\', "/")
}

fn absolute(p: &Path) -> std::io::Result<PathBuf> {
    let p = if p.as_os_str().is_empty() {
        Path::new(".")
    } else {
        p
    };
    std::path::absolute(p).map(|p| {
        // Drop "." components so that "./plans" and "plans" compare equal.
        p.components()
            .filter(|c| !matches!(c, Component::CurDir))
            .collect()
    })
}
