//! Printing diagnostics: a framed report with the offending line and a caret (miette),
//! a one-line `file:line:col` form for editors and CI, and JSON for other tools.

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteDiagnostic, NamedSource};
use serde::Serialize;

use super::{Diagnostic, Severity, Source};

/// A message as the terminal should show it: messages quote plan text, and plan text
/// can hold line breaks (which would split a one-line diagnostic, or forge another),
/// escape sequences (which a terminal obeys) and bidi overrides (which reorder what is
/// shown). Those are written as `\n`, `\u{1b}` … instead.
fn printable(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\n' => "\\n".to_owned(),
            '\r' => "\\r".to_owned(),
            '\t' => c.to_string(),
            c if c.is_control()
                || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}') =>
            {
                format!("\\u{{{:x}}}", c as u32)
            }
            c => c.to_string(),
        })
        .collect()
}

/// The human form: rule id, severity, `file:line:col`, the line with a caret, what to do.
pub fn render_human(d: &Diagnostic, source: &Source, color: bool) -> String {
    let mut md = MietteDiagnostic::new(printable(&d.message))
        .with_code(d.code)
        .with_severity(match d.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        });
    let help = d.help.as_deref().map(printable);
    let help = match (&help, d.clause) {
        (Some(h), Some(c)) => Some(format!("{h} ({c})")),
        (Some(h), None) => Some(h.clone()),
        (None, Some(c)) => Some(crate::msg!("diag.see", clause = c)),
        (None, None) => None,
    };
    if let Some(help) = help {
        md = md.with_help(help);
    }
    if let Some(offset) = source.offset_of(d.at) {
        let len = (d.at.len as usize).min(source.text.len() - offset);
        md = md.with_label(LabeledSpan::at(
            offset..offset + len,
            crate::msg!("diag.here"),
        ));
    }
    let name = source.path.display().to_string();
    let report =
        miette::Report::new(md).with_source_code(NamedSource::new(name, source.text.clone()));
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let mut out = String::new();
    let handler = GraphicalReportHandler::new_themed(theme).with_context_lines(1);
    if handler.render_report(&mut out, report.as_ref()).is_err() {
        out = render_short(d, source);
    }
    if !d.at.is_known() {
        // miette prints no file name without a label; say which file it is about.
        out = format!("{}: {out}", source.path.display());
    }
    out
}

/// `plans/x.yaml:12:7: error[ND30-SO-LEADING-ZERO]: message (help)`.
pub fn render_short(d: &Diagnostic, source: &Source) -> String {
    let sev = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let mut out = format!(
        "{}:{}:{}: {sev}[{}]: {}",
        source.path.display(),
        d.at.line,
        d.at.col,
        d.code,
        printable(&d.message)
    );
    if let Some(h) = d.help.as_deref().map(printable) {
        out.push_str(&format!(" (hint: {h})"));
    }
    out
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    file: String,
    line: u32,
    column: u32,
    #[serde(flatten)]
    diagnostic: &'a Diagnostic,
}

/// One JSON object per finding, in an array.
pub fn render_json(findings: &[(&Diagnostic, &Source)]) -> String {
    let items: Vec<JsonFinding> = findings
        .iter()
        .map(|(d, s)| JsonFinding {
            file: s.path.display().to_string(),
            line: d.at.line,
            column: d.at.col,
            diagnostic: d,
        })
        .collect();
    serde_json::to_string_pretty(&items).unwrap_or_else(|_| "[]".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_plan_text_cannot_drive_the_terminal() {
        assert_eq!(
            printable("114\u{1b}[2J\nx.yaml:1:1: error\u{202e}"),
            "114\\u{1b}[2J\\nx.yaml:1:1: error\\u{202e}"
        );
        assert_eq!(printable("Đã sửa\tđúng"), "Đã sửa\tđúng");
    }
}
