//! `kehoach reformat`: a plan typed any way → the same text laid out to Decree 30, in one
//! step (import, check, render) — the "chuẩn hóa thể thức" clerks do by hand. It prints
//! what the layout had to change (the `check --docx` findings on the input) and what
//! `check` finds in the plan; the text is never changed.

use std::path::PathBuf;

use anyhow::{Context, Result};

use kehoach::compose::{ComposeOptions, Templates};
use kehoach::diag::FileReport;
use kehoach::import::import_file;
use kehoach::layout_check::check_docx;
use kehoach::output::write_new;
use kehoach::pipeline::{check_loaded, Engine};
use kehoach::render::Format;

use super::report::{print_findings, DiagnosticFormat};
use super::{Outcome, Reporter};

#[derive(clap::Args, Debug)]
pub struct ReformatArgs {
    /// Văn bản DOCX hoặc PDF cần chuẩn hóa thể thức (soạn bằng Word hoặc LibreOffice).
    #[arg(value_name = "FILE")]
    pub docx: PathBuf,
    /// Tệp DOCX ghi ra (mặc định: <tên>-nd30.docx bên cạnh tệp gốc).
    #[arg(short, long, value_name = "OUT.docx")]
    pub output: Option<PathBuf>,
    /// Ghi đè tệp `-o` nếu đã có.
    #[arg(long)]
    pub force: bool,
}

pub fn run(args: ReformatArgs, reporter: &mut Reporter) -> Result<Outcome> {
    let input = &args.docx;
    let bytes = kehoach::files::read_bounded(input, super::import::MAX_DOCX_BYTES)
        .with_context(|| format!("không đọc được {}", kehoach::output::shown(input)))?;
    // What Decree 30 asks that the input does not do: what reformatting changes. A PDF
    // has no styles or page settings to measure; its layout is rebuilt all the same.
    let pdf = kehoach::import::is_pdf(&bytes);
    if pdf {
        reporter.info(&format!(
            "{}: tệp PDF — trình bày lại toàn bộ theo Nghị định 30 (khổ giấy, lề, phông, cỡ chữ, khối tiêu đề, đánh số, chữ ký)",
            input.display()
        ));
    }
    match if pdf {
        Ok(None)
    } else {
        check_docx(input, bytes.clone()).map(Some)
    } {
        Ok(None) => {}
        Ok(Some(found)) => {
            if found.diagnostics.is_empty() {
                reporter.info(&format!(
                    "{}: thể thức đã đúng Nghị định 30, không cần sửa",
                    input.display()
                ));
            }
            for d in &found.diagnostics {
                reporter.info(&format!(
                    "{}: sửa [{}] {}",
                    input.display(),
                    d.code,
                    d.message
                ));
            }
        }
        Err(e) => {
            reporter.error(&format!("{}: không đọc được văn bản: {e}", input.display()));
            return Ok(Outcome::Failure);
        }
    }
    let imported = match import_file(bytes) {
        Ok(i) => i,
        Err(e) => {
            reporter.error(&format!("{}: không nhập được: {e}", input.display()));
            return Ok(Outcome::Failure);
        }
    };
    for line in imported.report.to_string().lines() {
        reporter.info(&format!("{}: {line}", input.display()));
    }
    let yaml_path = input.with_extension("yaml");
    let yaml = kehoach::import::to_yaml(&imported.plan, input)
        .map_err(|e| anyhow::anyhow!("không ghi được kế hoạch dạng YAML: {e}"))?;
    let loaded = match kehoach::load::load_str(&yaml_path, &yaml) {
        Ok(l) => l,
        Err(f) => {
            let report = FileReport::from(f);
            print_findings(reporter, &[report], DiagnosticFormat::Short, "văn bản");
            return Ok(Outcome::Failure);
        }
    };
    // The plan is rendered whatever `check` finds: the text is the clerk's, and the
    // findings are printed for them to act on.
    let plan = loaded.plan.clone();
    let checked = check_loaded(loaded);
    let (errors, _) = print_findings(
        reporter,
        &[checked.report],
        DiagnosticFormat::Short,
        "văn bản",
    );
    let engine = Engine::new(Templates::builtin());
    let doc = match engine.compose(&plan, ComposeOptions::default()) {
        Ok(d) => d,
        Err(f) => {
            reporter.error(&format!("{}: không trình bày được: {f:?}", input.display()));
            return Ok(Outcome::Failure);
        }
    };
    let out = engine
        .render(&doc, Format::Docx)
        .map_err(|e| anyhow::anyhow!("không tạo được DOCX: {e}"))?;
    // The default `<tên>-nd30.docx` is this command's own file, replaced on a re-run; a
    // file named with `-o` is the user's, replaced only with --force.
    let (target, ours) = match &args.output {
        Some(path) => (path.clone(), false),
        None => {
            let stem = input.file_stem().unwrap_or_default().to_string_lossy();
            (input.with_file_name(format!("{stem}-nd30.docx")), true)
        }
    };
    write_new(&target, &out, args.force || ours).map_err(anyhow::Error::msg)?;
    reporter.summary(&format!(
        "đã chuẩn hóa {} → {} ({} đoạn chưa xếp được, {} lỗi khi kiểm tra)",
        input.display(),
        target.display(),
        imported.report.unplaced.len(),
        errors
    ));
    Ok(if errors > 0 {
        Outcome::PlanErrors
    } else {
        Outcome::Success
    })
}
