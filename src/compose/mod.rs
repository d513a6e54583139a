//! Compose: plan → document tree. The tera templates give the wording and the order of
//! the elements (as line markup); this module fills them from the `view` and reads the
//! result into the tree. No layout number appears here: that is the profile's job.

mod footnotes;
mod inline;
mod markup;
mod one_line;
mod table;
mod templates;
mod view;

pub use inline::lower_first;
pub(crate) use inline::{escape_inline, expand_citations, single_line};
pub(crate) use templates::user_template_files;
pub use templates::{builtin_names, builtin_text, TemplateError, Templates};
pub use view::CitationView;
pub(crate) use view::PlanView;

use crate::diag::{Diagnostic, Source};
use crate::document::{Document, Meta, PartKind};
use crate::plan::{Loc, Plan};
use crate::profile::Profile;
pub(crate) use one_line::OneLine;

/// Variants of the composed document.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ComposeOptions {
    /// Only the appendices (`render --appendix-only`), numbered from 1.
    pub appendix_only: bool,
    /// Mẫu 2.2: the appendix as a separate electronic file (signature text at the top,
    /// number and date left blank in "(Kèm theo …)").
    pub electronic: bool,
}

/// A template failed: the diagnostics point into the template, so they carry its source.
#[derive(Debug, Clone)]
pub struct ComposeFailure {
    pub source: Source,
    pub diagnostics: Vec<Diagnostic>,
}

impl From<TemplateError> for ComposeFailure {
    fn from(e: TemplateError) -> ComposeFailure {
        let at = if e.line > 0 {
            Loc {
                line: e.line,
                col: e.col.max(1),
                offset: 0,
                len: 0,
            }
        } else {
            Loc::UNKNOWN
        };
        ComposeFailure {
            source: Source::new(&e.file, e.text),
            diagnostics: vec![Diagnostic::error("KH-TEMPLATE", at, e.message).help(
                "fix the template (see README, “Templates”); `kehoach templates dump DIR` writes the built-in ones to start from",
            )],
        }
    }
}

pub fn compose(
    plan: &Plan,
    templates: &Templates,
    profile: &Profile,
    options: ComposeOptions,
) -> Result<Document, ComposeFailure> {
    // Each type of document has its own wording: a Báo cáo never says "ban hành Kế
    // hoạch … như sau:". kehoach ships the Kế hoạch's; another type needs its own file.
    let main = format!("{}.tera", plan.loai.key());
    if !templates.tera().contains_template(&main) {
        return Err(ComposeFailure {
            source: Source::new("templates", String::new()),
            diagnostics: vec![Diagnostic::error(
                "KH-TEMPLATE-KIND",
                Loc::UNKNOWN,
                format!(
                    "kehoach chưa có mẫu cho loại văn bản “{}” (`loai: {}`): mẫu có sẵn chỉ dùng cho Kế hoạch",
                    plan.loai.name(),
                    plan.loai.key()
                ),
            )
            .help(format!(
                "đặt tệp `{main}` vào thư mục templates (chép từ `kehoach templates dump DIR` rồi sửa lời văn), hoặc đổi `loai` thành `ke-hoach`"
            ))],
        });
    }
    let main = main.as_str();
    let view = PlanView::new(plan);
    // Every string of the view is a `OneLine`, so no value can start a markup line.
    let mut context = tera::Context::from_serialize(&view).map_err(|e| {
        ComposeFailure::from(TemplateError {
            file: main.into(),
            text: String::new(),
            line: 0,
            col: 0,
            message: e.to_string(),
        })
    })?;
    context.insert("electronic", &options.electronic);
    context.insert("o_trong", &"\u{a0}".repeat(6));
    context.insert(
        "chu_ky_so",
        &format!(
            "Số: {}/{}; ngày/tháng/năm; giờ: phút: giây",
            "\u{a0}".repeat(6),
            view.ky_hieu
        ),
    );
    let markup = templates.tera().render(main, &context).map_err(|e| {
        let name = match e.kind() {
            tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => {
                r.filename().to_owned()
            }
            _ => format!("builtin/{main}"),
        };
        let (file, text) = templates.file_of(&name);
        ComposeFailure::from(templates::template_error(&file, &text, e))
    })?;
    let mut parts = markup::read(&markup, plan, profile).map_err(|e| {
        let (file, _) = templates.file_of(&format!("user/{main}"));
        ComposeFailure {
            source: Source::new(format!("{} (output)", file.display()), markup.clone()),
            diagnostics: vec![Diagnostic::error(
                "KH-TEMPLATE-MARKUP",
                Loc {
                    line: e.line as u32,
                    col: 1,
                    offset: 0,
                    len: 0,
                },
                e.message,
            )
            .help("each line a template writes must start with an element name and a space")],
        }
    })?;
    if options.appendix_only {
        parts.retain(|p| p.kind == PartKind::Appendix);
    }
    let footnotes = footnotes::attach(plan, &mut parts);
    Ok(Document {
        meta: meta(plan, &view),
        parts,
        footnotes,
    })
}

fn meta(plan: &Plan, view: &PlanView) -> Meta {
    let subject = match &view.so {
        Some(so) => format!("{} số {so}/{}", plan.loai.name(), view.ky_hieu),
        None => format!("{} (dự thảo) /{}", plan.loai.name(), view.ky_hieu),
    };
    Meta {
        title: view.trich_yeu.to_string(),
        subject,
        author: view.co_quan.ten_goi.to_string(),
        keywords: vec![
            plan.loai.name().to_owned(),
            view.ky_hieu.to_string(),
            view.co_quan.ten_goi.to_string(),
        ],
        language: "vi-VN".to_owned(),
        date: view.ngay.iso.as_ref().map(OneLine::to_string),
    }
}

/// A failed composition is reported like any file's diagnostics, against the template.
impl From<ComposeFailure> for crate::diag::FileReport {
    fn from(f: ComposeFailure) -> crate::diag::FileReport {
        crate::diag::FileReport {
            source: f.source,
            diagnostics: f.diagnostics,
        }
    }
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_real;
