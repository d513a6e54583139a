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

/// The part of a source a report shows: the lines around the span, with their place in
/// the file. miette finds a span's line by scanning its source from the top, and the
/// source was copied per report: with the whole file, printing N findings cost N scans
/// and N copies of it (4 000 `van_ban` entries, each with a finding, took minutes).
struct Window {
    name: String,
    text: String,
    /// Byte offset and 0-based line of `text` in the file.
    offset: usize,
    line: usize,
}

impl Window {
    /// Two lines before the span's line to two lines after its end.
    fn around(name: String, source: &Source, offset: usize, len: usize, line: u32) -> Window {
        let bytes = source.text.as_bytes();
        let offset = offset.min(bytes.len());
        let line_start = |mut i: usize| {
            while i > 0 && bytes[i - 1] != b'\n' {
                i -= 1;
            }
            i
        };
        let mut start = line_start(offset);
        let mut back = 0;
        while back < 2 && start > 0 {
            start = line_start(start - 1);
            back += 1;
        }
        let mut end = offset.saturating_add(len).min(bytes.len());
        for _ in 0..3 {
            while end < bytes.len() && bytes[end] != b'\n' {
                end += 1;
            }
            if end < bytes.len() {
                end += 1;
            }
        }
        Window {
            name,
            text: source.text.get(start..end).unwrap_or_default().to_owned(),
            offset: start,
            line: (line as usize).saturating_sub(1).saturating_sub(back),
        }
    }
}

impl miette::SourceCode for Window {
    fn read_span<'a>(
        &'a self,
        span: &miette::SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'a> + 'a>, miette::MietteError> {
        let local = span
            .offset()
            .checked_sub(self.offset)
            .ok_or(miette::MietteError::OutOfBounds)?;
        let inner = self.text.read_span(
            &miette::SourceSpan::new(local.into(), span.len()),
            before,
            after,
        )?;
        Ok(Box::new(miette::MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            miette::SourceSpan::new(
                (inner.span().offset() + self.offset).into(),
                inner.span().len(),
            ),
            inner.line() + self.line,
            inner.column(),
            inner.line_count(),
        )))
    }
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
    let name = crate::output::shown(&source.path);
    let report = match source.offset_of(d.at) {
        Some(offset) => miette::Report::new(md).with_source_code(Window::around(
            name,
            source,
            offset,
            d.at.len as usize,
            d.at.line,
        )),
        None => miette::Report::new(md).with_source_code(NamedSource::new(name, String::new())),
    };
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let mut out = String::new();
    let handler = GraphicalReportHandler::new_themed(theme).with_context_lines(1);
    if handler.render_report(&mut out, report.as_ref()).is_err() {
        out = render_short(d, source);
    } else if d.help.is_some() {
        // miette labels the hint "help:" in every language; the hint block is the last
        // thing it prints.
        if let Some(at) = out.rfind("help:") {
            out.replace_range(at..at + "help".len(), &crate::msg!("report.hint"));
        }
    }
    if !d.at.is_known() {
        // miette prints no file name without a label; say which file it is about.
        out = format!("{}: {out}", crate::output::shown(&source.path));
    }
    out
}

/// `plans/x.yaml:12:7: error[ND30-SO-LEADING-ZERO]: message (help)`.
pub fn render_short(d: &Diagnostic, source: &Source) -> String {
    // The severity and the hint's label in the reader's language ("lỗi[…]",
    // "(gợi ý: …)"); `--lang en` gives the compiler-style "error[…]" tools expect.
    let sev = match d.severity {
        Severity::Error => crate::msg!("report.error"),
        Severity::Warning => crate::msg!("report.warning"),
    };
    let mut out = format!(
        "{}:{}:{}: {sev}[{}]: {}",
        crate::output::shown(&source.path),
        d.at.line,
        d.at.col,
        d.code,
        printable(&d.message)
    );
    if let Some(h) = d.help.as_deref().map(printable) {
        out.push_str(&format!(" ({}: {h})", crate::msg!("report.hint")));
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
