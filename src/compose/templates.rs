//! The template set: built-in templates compiled into the binary, and a user's folder
//! that overrides any of them by name (zola/mdBook). tera 2 resolves `render("x")` as
//! `user/x`, then `builtin/x` (`set_fallback_prefixes`), so a user's `ke-hoach.tera` can
//! still `{% include %}` the built-in pieces it does not replace.

use std::path::{Path, PathBuf};

use tera::{Kwargs, State, Tera};

use crate::numbering::{self, PlanDate};

/// Built-in templates: (name, text).
const BUILTIN: &[(&str, &str)] = &[
    (
        "ke-hoach.tera",
        include_str!("../../templates/ke-hoach.tera"),
    ),
    (
        "dau-van-ban.tera",
        include_str!("../../templates/dau-van-ban.tera"),
    ),
    ("chu-ky.tera", include_str!("../../templates/chu-ky.tera")),
    ("phu-luc.tera", include_str!("../../templates/phu-luc.tera")),
    ("page.html", include_str!("../../templates/page.html")),
];

/// The names of the built-in templates (for `kehoach templates list`).
pub fn builtin_names() -> impl Iterator<Item = &'static str> {
    BUILTIN.iter().map(|(n, _)| *n)
}

/// The built-in text of a template.
pub fn builtin_text(name: &str) -> Option<&'static str> {
    BUILTIN.iter().find(|(n, _)| *n == name).map(|(_, t)| *t)
}

/// The template files of a user's folder (`*.tera`, `*.html`), sorted: what
/// overrides the built-ins, and what `export` hashes to know when to re-render.
pub(crate) fn user_template_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.is_file()
                && matches!(
                    p.extension().and_then(|e| e.to_str()),
                    Some("tera") | Some("html")
                )
        })
        .collect();
    files.sort();
    Ok(files)
}

/// A template set ready to render.
#[derive(Clone)]
pub struct Templates {
    tera: Tera,
    /// The user's folder, if any: its files are reported by path in errors.
    user_dir: Option<PathBuf>,
}

/// A template that failed to load, with where.
#[derive(Debug, Clone)]
pub struct TemplateError {
    pub file: PathBuf,
    pub text: String,
    pub line: u32,
    pub col: u32,
    pub message: String,
}

impl Templates {
    /// The built-in templates only.
    pub fn builtin() -> Templates {
        Templates::load(None).expect("built-in templates are tested to load")
    }

    /// The built-in templates, with every `*.tera` / `*.html` file of `dir` overriding
    /// the built-in of the same name.
    pub fn load(dir: Option<&Path>) -> Result<Templates, TemplateError> {
        let mut tera = Tera::default();
        register_filters(&mut tera);
        tera.set_fallback_prefixes(["user/", "builtin/"])
            .map_err(|e| plain_error(Path::new("templates"), e))?;
        // HTML page shells escape; composition templates do not (each renderer escapes
        // once, when it writes).
        tera.autoescape_on(vec![".html"]);
        let mut all: Vec<(String, String, PathBuf)> = BUILTIN
            .iter()
            .map(|(name, text)| {
                (
                    format!("builtin/{name}"),
                    (*text).to_owned(),
                    PathBuf::from(format!("(built-in) templates/{name}")),
                )
            })
            .collect();
        if let Some(dir) = dir {
            let entries = user_template_files(dir).map_err(|e| TemplateError {
                file: dir.to_path_buf(),
                text: String::new(),
                line: 0,
                col: 0,
                message: format!("cannot read the templates folder: {e}"),
            })?;
            for path in entries {
                let text = std::fs::read_to_string(&path).map_err(|e| TemplateError {
                    file: path.clone(),
                    text: String::new(),
                    line: 0,
                    col: 0,
                    message: format!("cannot read this template: {e}"),
                })?;
                let name = path
                    .file_name()
                    .and_then(|n| n.to_str())
                    .unwrap_or_default();
                all.push((format!("user/{name}"), text, path.clone()));
            }
        }
        // All at once: tera 2 resolves includes when templates are added.
        if let Err(e) = tera.add_raw_templates(all.iter().map(|(n, t, _)| (n.as_str(), t.as_str())))
        {
            let failing = match e.kind() {
                tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => {
                    r.filename().to_owned()
                }
                _ => String::new(),
            };
            let (_, text, file) = all
                .iter()
                .find(|(n, _, _)| *n == failing)
                .cloned()
                .unwrap_or_else(|| (String::new(), String::new(), PathBuf::from("templates")));
            return Err(template_error(&file, &text, e));
        }
        Ok(Templates {
            tera,
            user_dir: dir.map(Path::to_path_buf),
        })
    }

    pub fn tera(&self) -> &Tera {
        &self.tera
    }

    /// The file a template name came from, for error messages.
    pub(crate) fn file_of(&self, name: &str) -> (PathBuf, String) {
        if let Some(user) = name.strip_prefix("user/") {
            if let Some(dir) = &self.user_dir {
                let path = dir.join(user);
                let text = std::fs::read_to_string(&path).unwrap_or_default();
                return (path, text);
            }
        }
        let base = name.strip_prefix("builtin/").unwrap_or(name);
        (
            PathBuf::from(format!("(built-in) templates/{base}")),
            builtin_text(base).unwrap_or_default().to_owned(),
        )
    }
}

fn plain_error(file: &Path, e: tera::Error) -> TemplateError {
    TemplateError {
        file: file.to_path_buf(),
        text: String::new(),
        line: 0,
        col: 0,
        message: e.to_string(),
    }
}

/// A tera error with its template position (tera 2 reports file, line and column).
pub(super) fn template_error(file: &Path, text: &str, e: tera::Error) -> TemplateError {
    let (line, col, message) = match e.kind() {
        tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => {
            let span = r.span();
            (
                span.start_line as u32,
                span.start_col as u32 + 1,
                r.message().to_owned(),
            )
        }
        _ => (0, 0, e.to_string()),
    };
    TemplateError {
        file: file.to_path_buf(),
        text: text.to_owned(),
        line,
        col,
        message,
    }
}

/// Filters for template authors, in the clerk's words. Registered before any template is
/// added: tera 2 checks filter names when it parses.
fn register_filters(tera: &mut Tera) {
    // "2021-07-07" → "ngày 07 tháng 7 năm 2021"
    tera.register_filter("ngay_vn", |s: &str, _: Kwargs, _: &State| {
        PlanDate::parse(s)
            .map(PlanDate::long)
            .unwrap_or_else(|_| s.to_owned())
    });
    // "2021-07-07" → "07/7/2021"
    tera.register_filter("ngay_ngan", |s: &str, _: Kwargs, _: &State| {
        PlanDate::parse(s)
            .map(PlanDate::short)
            .unwrap_or_else(|_| s.to_owned())
    });
    // "7" → "07"
    tera.register_filter("so_vn", |s: &str, _: Kwargs, _: &State| {
        numbering::document_number(s)
    });
    // 4 → "IV"
    tera.register_filter("la_ma", |n: i64, _: Kwargs, _: &State| {
        numbering::roman(n.max(0) as usize)
    });
    // Unicode-aware capitals ("Phường Ninh Hà" → "PHƯỜNG NINH HÀ").
    tera.register_filter("in_hoa", |s: &str, _: Kwargs, _: &State| s.to_uppercase());
}
