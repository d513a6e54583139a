//! The appendix task tables as an Excel workbook (`appendix export|import --xlsx`), for
//! clerks who work in Excel: the same rows and columns as the CSV ([`crate::appendix_csv`]),
//! so both go through one import.
//!
//! Export: one sheet, a bold header row frozen at the top, columns as wide as their
//! text (long text wraps), `Phụ lục` as a number, `Mã` as text, the workbook dated with
//! the plan's date (the same plan gives the same bytes). Import: the first sheet, every
//! row checked before anything changes — a task needs its content, lead and deadline,
//! and a deadline's dates must exist — and every message names the sheet's row. Cells
//! Excel turned into dates are read back as a clerk writes them (`15/3/2026`).

use std::io::Cursor;

use calamine::{Data, Reader};
use chrono::NaiveDate;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, FormatAlign, Workbook};

use crate::appendix_csv::{self, RowError};
use crate::numbering::PlanDate;
use crate::plan::{Appendix, Column, ColumnKey, Plan, Task};

/// The sheet's name.
const SHEET: &str = "Phụ lục";

/// The CSV export as rows of cells.
fn rows_of(plan: &Plan) -> Vec<Vec<String>> {
    let text = appendix_csv::export(plan);
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes())
        .records()
        .filter_map(Result::ok)
        .map(|r| r.iter().map(str::to_owned).collect())
        .collect()
}

/// The plan's date for the workbook's properties (2000-01-01 without one).
fn plan_date(plan: &Plan) -> (u16, u8, u8) {
    plan.ngay
        .as_ref()
        .and_then(|d| PlanDate::parse(d).ok())
        .map(|d| {
            (
                d.year.clamp(1900, 9999) as u16,
                d.month.unwrap_or(1) as u8,
                d.day.unwrap_or(1) as u8,
            )
        })
        .unwrap_or((2000, 1, 1))
}

/// The plan's appendices as an XLSX workbook.
pub fn export(plan: &Plan) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    let rows = rows_of(plan);
    let mut book = Workbook::new();
    let (y, m, d) = plan_date(plan);
    let date = ExcelDateTime::from_ymd(y, m, d)?;
    book.set_properties(&DocProperties::new().set_creation_datetime(&date));
    let sheet = book.add_worksheet();
    sheet.set_name(SHEET)?;
    let header = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Top);
    let body = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let mut widths: Vec<usize> = Vec::new();
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let (r32, c16) = (r as u32, c as u16);
            let result = if r == 0 {
                sheet.write_string_with_format(r32, c16, cell, &header)
            } else if c == 0 {
                match cell.parse::<f64>() {
                    Ok(n) => sheet.write_number_with_format(r32, c16, n, &body),
                    Err(_) => sheet.write_string_with_format(r32, c16, cell, &body),
                }
            } else {
                sheet.write_string_with_format(r32, c16, cell, &body)
            };
            result?;
            let longest = cell.lines().map(|l| l.chars().count()).max().unwrap_or(0);
            if widths.len() <= c {
                widths.resize(c + 1, 0);
            }
            widths[c] = widths[c].max(longest);
        }
    }
    for (c, w) in widths.iter().enumerate() {
        // Excel's width is in characters; long text wraps at 60.
        let width = (*w as f64 + 2.0).clamp(8.0, 60.0);
        sheet.set_column_width(c as u16, width)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    book.save_to_buffer()
}

/// A cell's text: dates as `15/3/2026`, whole numbers without `.0`.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) => excel_date(dt.as_f64())
            .map(|d| PlanDate::from(d).short())
            .unwrap_or_else(|| dt.to_string()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => {
            NaiveDate::parse_from_str(s.get(..10).unwrap_or(s), "%Y-%m-%d")
                .map(|d| PlanDate::from(d).short())
                .unwrap_or_else(|_| s.clone())
        }
    }
}

/// The day an Excel serial number names (1900 date system).
fn excel_date(serial: f64) -> Option<NaiveDate> {
    let epoch = NaiveDate::from_ymd_opt(1899, 12, 30)?;
    epoch.checked_add_signed(chrono::Duration::days(serial.floor() as i64))
}

fn error(row: u64, message: String) -> RowError {
    RowError { line: row, message }
}

/// The plan with its appendices' tasks as the workbook's first sheet says, or every bad
/// row, named by its row number in the sheet.
pub fn import(plan: &Plan, bytes: &[u8]) -> Result<Plan, Vec<RowError>> {
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(Cursor::new(bytes)).map_err(|e: calamine::XlsxError| {
            vec![error(1, crate::msg!("xlsx.unreadable", why = e))]
        })?;
    let range = match book.worksheet_range_at(0) {
        Some(Ok(r)) => r,
        Some(Err(e)) => return Err(vec![error(1, crate::msg!("xlsx.unreadable", why = e))]),
        None => return Err(vec![error(1, crate::msg!("xlsx.no_sheet"))]),
    };
    let first_row = range.start().map(|(r, _)| r as u64).unwrap_or(0);
    let first_col = range.start().map(|(_, c)| c as usize).unwrap_or(0);
    // Rows with their 1-based number in the sheet; cells from column A.
    let rows: Vec<(u64, Vec<String>)> = range
        .rows()
        .enumerate()
        .map(|(i, cells)| {
            let mut row = vec![String::new(); first_col];
            row.extend(cells.iter().map(|c| cell_text(c).trim().to_owned()));
            while row.last().is_some_and(String::is_empty) {
                row.pop();
            }
            (first_row + i as u64 + 1, row)
        })
        .filter(|(_, row)| !row.is_empty())
        .collect();
    let Some((_, header)) = rows.first() else {
        return Err(vec![error(1, crate::msg!("xlsx.empty"))]);
    };
    let errors = check_rows(plan, header, &rows[1..]);
    if !errors.is_empty() {
        return Err(errors);
    }
    // Through the CSV import, remembering which CSV line each sheet row becomes.
    let mut w = csv::WriterBuilder::new()
        .flexible(true)
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    let mut line_to_row: Vec<(u64, u64)> = Vec::new();
    let mut line = 1u64;
    for (row_number, row) in &rows {
        let mut cells = row.clone();
        cells.resize(header.len().max(row.len()), String::new());
        line_to_row.push((line, *row_number));
        line += 1 + cells
            .iter()
            .map(|c| c.matches('\n').count() as u64)
            .sum::<u64>();
        let _ = w.write_record(&cells);
    }
    let text = w.into_inner().unwrap_or_default();
    appendix_csv::import(plan, &text).map_err(|errors| {
        errors
            .into_iter()
            .map(|e| {
                let row = line_to_row
                    .iter()
                    .rev()
                    .find(|(l, _)| *l <= e.line)
                    .map(|(_, r)| *r)
                    .unwrap_or(e.line);
                error(row, e.message)
            })
            .collect()
    })
}

/// Every row's required cells and deadline dates: a task row fills the cells its table
/// prints for it (`Task::required_cells`: content, lead and deadline, where the row's
/// appendix has those columns and no merge across the row covers them); a deadline's
/// dates must exist. A row with only a group title (an empty group), or naming no
/// appendix, is left to the CSV import.
fn check_rows(plan: &Plan, header: &[String], rows: &[(u64, Vec<String>)]) -> Vec<RowError> {
    let columns_of: Vec<Vec<Column>> = plan.phu_luc.iter().map(Appendix::columns).collect();
    let no_task = Task::default();
    let mut errors = Vec::new();
    for (row_number, row) in rows {
        let cell = |i: usize| row.get(i).map(String::as_str).unwrap_or("");
        // Columns 0–2: appendix, group, code; a group-only row has nothing after them.
        if (3..header.len().max(row.len())).all(|i| cell(i).is_empty()) && cell(2).is_empty() {
            continue;
        }
        let appendix = cell(0).parse::<usize>().ok().and_then(|a| a.checked_sub(1));
        let Some(columns) = appendix.and_then(|a| columns_of.get(a)) else {
            continue;
        };
        // A row moved in from the plan keeps its merges; a new row has none.
        let task = appendix_csv::find_task(plan, cell(2)).unwrap_or(&no_task);
        let required = task.required_cells(columns);
        for (i, title) in header.iter().enumerate() {
            let Some(column) = columns
                .iter()
                .find(|c| c.title() == *title || c.khoa.value == *title)
            else {
                continue;
            };
            let value = cell(i);
            if value.is_empty() && required.iter().any(|(_, c)| c.khoa == column.khoa) {
                errors.push(error(
                    *row_number,
                    crate::msg!("xlsx.empty_cell", column = title),
                ));
                continue;
            }
            if ColumnKey::from_key(&column.khoa) == Some(ColumnKey::Deadline) {
                let reading = crate::timespan::read(value);
                for (s, e, why) in reading.impossible {
                    errors.push(error(
                        *row_number,
                        crate::msg!(
                            "xlsx.bad_date",
                            column = title,
                            date = &value[s..e],
                            why = why
                        ),
                    ));
                }
            }
        }
    }
    errors
}

#[cfg(test)]
mod tests;
