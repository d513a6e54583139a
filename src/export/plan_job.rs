//! One plan's work on a rayon worker: read and hash, reuse the previous archive's files if
//! nothing changed, else load → check → compose → render DOCX and HTML, write both under
//! scratch names and hash them. Only a small record goes back to the batch.

use std::path::Path;

use crate::compose::{single_line, ComposeOptions, OneLine, PlanView};
use crate::diag::FileReport;
use crate::document::Document;
use crate::load;
use crate::pipeline::check_loaded;
use crate::plan::Plan;
use crate::render::Format;

use super::error::FailureReason;
use super::manifest::{sha256_hex, Metadata, OutputFile, Record, SignerInfo, SourceFile};
use super::previous::PreviousArchive;
use super::stats::{Stage, Stats};
use super::EngineEntry;

pub enum Outcome {
    /// Rendered now; outputs are at scratch paths (`files[i].path` is the scratch path).
    Fresh {
        record: Record,
        warnings: Option<FileReport>,
    },
    /// Unchanged since the previous archive; `record.files` are paths in that archive.
    Kept { record: Record },
    Failed {
        report: Option<FileReport>,
        reason: FailureReason,
    },
}

pub(crate) struct JobContext<'a> {
    pub engines: &'a [EngineEntry],
    pub previous: Option<&'a PreviousArchive>,
    /// Where workers write outputs before they get their names.
    pub scratch: &'a Path,
    pub stats: &'a Stats,
}

/// The rendered formats, in manifest order (PDF, when asked, is added after).
pub(crate) const FORMATS: [Format; 2] = [Format::Docx, Format::Html];

/// `path` as recorded in the manifest: as found, with `/` separators.
pub(crate) fn source_key(path: &Path) -> String {
    let s = path.to_string_lossy();
    if std::path::MAIN_SEPARATOR == '/' {
        s.into_owned()
    } else {
        s.replace(std::path::MAIN_SEPARATOR, "/")
    }
}

pub fn process(cx: &JobContext, index: usize, path: &Path, engine: usize) -> Outcome {
    let stats = cx.stats;
    let read = || crate::files::read_bounded(path, load::MAX_PLAN_BYTES as u64);
    let bytes = match stats.time(Stage::Read, read) {
        Ok(b) => b,
        Err(e) => return failed(None, crate::msg!("load.read", why = e)),
    };
    let sha = stats.time(Stage::Read, || sha256_hex(&bytes));
    let entry = &cx.engines[engine];
    let key = source_key(path);
    if let Some(record) = cx
        .previous
        .and_then(|p| p.reusable(&key, &sha, &entry.templates_sha256))
    {
        return Outcome::Kept { record };
    }
    let loaded = match stats.time(Stage::Load, || load::load_bytes(path, &bytes)) {
        Ok(l) => l,
        Err(f) => {
            return refused(FileReport::from(f));
        }
    };
    let checked = stats.time(Stage::Check, || check_loaded(loaded));
    let report = checked.report;
    let Some(plan) = checked.plan else {
        return refused(report);
    };
    let warnings = (!report.diagnostics.is_empty()).then_some(report);
    let engine = &entry.engine;
    let doc = match stats.time(Stage::Compose, || {
        engine.compose(&plan, ComposeOptions::default())
    }) {
        Ok(d) => d,
        Err(f) => {
            return refused(FileReport::from(f));
        }
    };
    let source = SourceFile {
        path: key,
        bytes: bytes.len() as u64,
        sha256: sha,
    };
    drop(bytes);
    let mut record = match record_of(&plan, &doc, source, &entry.templates_sha256) {
        Ok(r) => r,
        Err(reason) => {
            return Outcome::Failed {
                report: warnings,
                reason,
            }
        }
    };
    drop(plan);
    for format in FORMATS {
        let stage = match format {
            Format::Docx => Stage::Docx,
            Format::Html => Stage::Html,
        };
        let out = match stats.time(stage, || engine.render(&doc, format)) {
            Ok(b) => b,
            Err(e) => {
                return failed(
                    warnings,
                    crate::msg!(
                        "export.render_failed",
                        format = format.extension().to_uppercase(),
                        why = e
                    ),
                )
            }
        };
        let scratch = cx.scratch.join(format!("{index}.{}", format.extension()));
        let written = stats.time(Stage::Write, || {
            std::fs::write(&scratch, &out).map(|()| {
                OutputFile::of_bytes(
                    scratch.to_string_lossy().into_owned(),
                    format.extension(),
                    &out,
                )
            })
        });
        match written {
            Ok(file) => record.files.push(file),
            Err(e) => {
                let why = crate::msg!("export.scratch_write", path = scratch.display(), why = e);
                return failed(warnings, why);
            }
        }
    }
    Outcome::Fresh { record, warnings }
}

fn failed(report: Option<FileReport>, reason: String) -> Outcome {
    Outcome::Failed {
        report,
        reason: FailureReason::Other(reason),
    }
}

/// A plan stopped by its diagnostics: the report, and its first error as the reason.
fn refused(report: FileReport) -> Outcome {
    let reason = first_error(&report);
    failed(Some(report), reason)
}

fn first_error(report: &FileReport) -> String {
    report
        .diagnostics
        .iter()
        .find(|d| d.is_error())
        .map(|d| format!("{}: {}", d.code, d.message))
        .unwrap_or_else(|| crate::msg!("export.plan_has_errors"))
}

/// The manifest record of a checked plan; `Err` for a draft (no number or no full date),
/// which has no place in an archive of issued documents, or a date of issue no archive
/// files under.
fn record_of(
    plan: &Plan,
    doc: &Document,
    source: SourceFile,
    templates_sha256: &str,
) -> Result<Record, FailureReason> {
    // Only the particulars: the body's text is the larger part of a view.
    let view = PlanView::without_body(plan);
    let Some(number) = view.so.as_ref().map(OneLine::to_string) else {
        return Err(FailureReason::Draft(crate::msg!("export.draft_no_number")));
    };
    let Some(date) = view
        .ngay
        .iso
        .as_ref()
        .map(OneLine::to_string)
        .filter(|_| view.ngay.day_du)
    else {
        return Err(FailureReason::Draft(crate::msg!("export.draft_no_date")));
    };
    let year: i32 = date[..4]
        .parse()
        .map_err(|_| FailureReason::Other(crate::msg!("export.bad_date", date = date)))?;
    // Year 0 (`ngay: "0000-01-01"`) or any date before the modern state's first documents
    // is a typing mistake, not a year to file a document under.
    if !(1945..=9999).contains(&year) {
        return Err(FailureReason::Other(crate::msg!(
            "export.bad_year",
            date = date
        )));
    }
    let position = view
        .ky
        .dong
        .iter()
        .rev()
        .find(|l| !l.starts_with("TM."))
        .map(OneLine::to_string)
        .unwrap_or_default();
    let luu = &plan.luu;
    let mut archive_copies = luu
        .noi_luu
        .iter()
        .map(|t| single_line(t))
        .collect::<Vec<_>>()
        .join(", ");
    if let Some(n) = &luu.so_ban {
        archive_copies.push_str(&format!(" ({})", n.value.trim()));
    }
    Ok(Record {
        metadata: Metadata {
            type_name: plan.loai.name().to_owned(),
            code_number: number,
            code_notation: view.ky_hieu.to_string(),
            issued_date: date,
            organ_name: view.co_quan.ten.join(" "),
            subject: view.trich_yeu.to_string(),
            language: doc.meta.language.clone(),
            page_amount: None,
            description: String::new(),
            signer_info: SignerInfo {
                position,
                full_name: view.ky.ho_ten.to_string(),
            },
            to: view.noi_nhan.iter().map(|t| single_line(t)).collect(),
            issued_amount: luu
                .so_ban_phat_hanh
                .as_ref()
                .and_then(|n| n.value.trim().parse().ok()),
        },
        issuer: view.co_quan.ten_goi.to_string(),
        year,
        archive_copies,
        source,
        templates_sha256: templates_sha256.to_owned(),
        files: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compose::Templates;
    use crate::pipeline::Engine;

    /// The record of `plans/ninh-ha-114-2021.yaml` with its lines changed by `edit`.
    fn record_with(edit: impl Fn(&str) -> Option<String>) -> Result<Record, FailureReason> {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("plans/ninh-ha-114-2021.yaml");
        let text = std::fs::read_to_string(&path).unwrap();
        let text: String = text.lines().filter_map(&edit).map(|l| l + "\n").collect();
        let plan = load::load_bytes(&path, text.as_bytes()).unwrap().plan;
        let engine = Engine::new(Templates::builtin());
        let doc = engine.compose(&plan, ComposeOptions::default()).unwrap();
        let source = SourceFile {
            path: "ninh-ha.yaml".into(),
            bytes: 0,
            sha256: String::new(),
        };
        record_of(&plan, &doc, source, "")
    }

    #[test]
    fn a_plan_that_cannot_be_archived_is_told_why_in_vietnamese() {
        let _lang = crate::i18n::tests_support::Lang::set("vi");
        assert!(record_with(|l| Some(l.to_owned())).is_ok());

        let draft = record_with(|l| (!l.starts_with("so:")).then(|| l.to_owned()));
        let draft = draft.unwrap_err();
        assert!(draft.is_draft());
        assert_eq!(
            draft.to_string(),
            "dự thảo chưa có số (`so`): kho lưu chỉ nhận văn bản đã ban hành"
        );

        let old = record_with(|l| {
            Some(match l.starts_with("ngay:") {
                true => "ngay: \"1900-07-07\"".to_owned(),
                false => l.to_owned(),
            })
        });
        let old = old.unwrap_err();
        assert!(!old.is_draft());
        assert_eq!(
            old.to_string(),
            "ngày ban hành 1900-07-07 không hợp lệ: năm phải từ 1945 trở đi; hãy sửa `ngay`"
        );
    }
}
