//! Writing: XLSX through rust_xlsxwriter, CSV through the csv crate.

use std::borrow::Cow;
use std::collections::HashSet;

use hocba_core::sheet::Cell;
use rust_xlsxwriter::{ColNum, Color, Format as CellFormat, FormatPattern, RowNum, Workbook, Worksheet, XlsxError};

use crate::{csv_needs_guard, looks_like_formula, SheetOut, WriteError};

const MAX_SHEET_NAME: usize = 31;
const AUTO_WIDTH_MIN: f64 = 6.0;
const AUTO_WIDTH_MAX: f64 = 50.0;

struct Styles {
    header: CellFormat,
    header_quoted: CellFormat,
    text_quoted: CellFormat,
    date: CellFormat,
}

/// Writes an XLSX workbook with one worksheet per [`SheetOut`], in order.
///
/// Each worksheet has the headers on row 1 (bold, light fill), frozen, with an autofilter
/// over the header and data; column widths from [`SheetOut::widths`] or the content.
/// [`Cell::Date`] becomes a real Excel date shown as `dd/mm/yyyy`, [`Cell::Number`] a number
/// (a non-finite one is written as its text), [`Cell::Bool`] a boolean, [`Cell::Empty`] and
/// empty text nothing. Text is always a string cell, never a formula; text starting with
/// `=` `+` `-` `@` tab or CR also gets Excel's quote prefix, so it stays text after the user
/// edits the cell. Sheet names are made valid for Excel: `[]:*?/\` become `-`, at most 31
/// characters, no leading/trailing apostrophe, unique ignoring case (a ` (2)` suffix), and a
/// blank name becomes `Trang N`. An empty slice gives a workbook with one empty sheet.
///
/// # Errors
///
/// [`WriteError::Xlsx`] when the data exceeds Excel's limits (1,048,576 rows, 16,384
/// columns, 32,767 characters in a cell).
pub fn write_xlsx(sheets: &[SheetOut]) -> Result<Vec<u8>, WriteError> {
    let header =
        CellFormat::new().set_bold().set_pattern(FormatPattern::Solid).set_background_color(Color::RGB(0xDDEBF7));
    let styles = Styles {
        header_quoted: header.clone().set_quote_prefix(),
        header,
        text_quoted: CellFormat::new().set_quote_prefix(),
        date: CellFormat::new().set_num_format("dd/mm/yyyy"),
    };
    let xlsx_error = |e: XlsxError| WriteError::Xlsx(e.to_string());
    let mut book = Workbook::new();
    // Excel reserves "History" for its change tracking.
    let mut used_names = HashSet::from(["history".to_owned()]);
    for (index, sheet) in sheets.iter().enumerate() {
        let worksheet = book.add_worksheet();
        worksheet.set_name(sheet_name(&sheet.name, index, &mut used_names)).map_err(xlsx_error)?;
        fill_worksheet(worksheet, sheet, &styles).map_err(xlsx_error)?;
    }
    book.save_to_buffer().map_err(xlsx_error)
}

fn fill_worksheet(ws: &mut Worksheet, sheet: &SheetOut, styles: &Styles) -> Result<(), XlsxError> {
    for (c, header) in sheet.headers.iter().enumerate() {
        let format = if looks_like_formula(header) { &styles.header_quoted } else { &styles.header };
        ws.write_string_with_format(0, col_num(c)?, header, format)?;
    }
    for (r, row) in sheet.rows.iter().enumerate() {
        let r = row_num(r + 1)?;
        for (c, cell) in row.iter().enumerate() {
            let c = col_num(c)?;
            match cell {
                Cell::Empty => {}
                Cell::Text(text) if text.is_empty() => {}
                Cell::Text(text) if looks_like_formula(text) => {
                    ws.write_string_with_format(r, c, text, &styles.text_quoted)?;
                }
                Cell::Text(text) => {
                    ws.write_string(r, c, text)?;
                }
                Cell::Number(n) if n.is_finite() => {
                    ws.write_number(r, c, *n)?;
                }
                Cell::Number(n) => {
                    ws.write_string(r, c, n.to_string())?;
                }
                Cell::Date(date) => {
                    ws.write_date_with_format(r, c, date, &styles.date)?;
                }
                Cell::Bool(b) => {
                    ws.write_boolean(r, c, *b)?;
                }
            }
        }
    }
    ws.set_freeze_panes(1, 0)?;
    let columns = sheet.rows.iter().map(Vec::len).fold(sheet.headers.len(), usize::max);
    if columns > 0 {
        ws.autofilter(0, 0, row_num(sheet.rows.len())?, col_num(columns - 1)?)?;
        for c in 0..columns {
            ws.set_column_width(col_num(c)?, column_width(sheet, c))?;
        }
    }
    Ok(())
}

fn row_num(index: usize) -> Result<RowNum, XlsxError> {
    RowNum::try_from(index).map_err(|_| XlsxError::RowColumnLimitError)
}

fn col_num(index: usize) -> Result<ColNum, XlsxError> {
    ColNum::try_from(index).map_err(|_| XlsxError::RowColumnLimitError)
}

/// The requested width, or one from the longest header/cell text (the header gets room for
/// the autofilter button), clamped to 6..=50.
fn column_width(sheet: &SheetOut, c: usize) -> f64 {
    if let Some(&w) = sheet.widths.get(c) {
        if w.is_finite() && w > 0.0 {
            return w;
        }
    }
    let header = sheet.headers.get(c).map_or(0, |h| text_width(h) + 3);
    let content = sheet.rows.iter().filter_map(|row| row.get(c)).map(cell_width).max().unwrap_or(0);
    (header.max(content + 2) as f64).clamp(AUTO_WIDTH_MIN, AUTO_WIDTH_MAX)
}

fn text_width(text: &str) -> usize {
    text.lines().map(|line| line.chars().count()).max().unwrap_or(0)
}

fn cell_width(cell: &Cell) -> usize {
    match cell {
        Cell::Empty => 0,
        Cell::Text(text) => text_width(text),
        // Excel's General format shows at most 11 characters.
        Cell::Number(n) => n.to_string().len().min(11),
        Cell::Date(_) => "dd/mm/yyyy".len(),
        Cell::Bool(_) => "FALSE".len(),
    }
}

/// A valid, unique (ignoring case) Excel worksheet name close to `wanted`.
fn sheet_name(wanted: &str, index: usize, used: &mut HashSet<String>) -> String {
    let cleaned: String = wanted
        .chars()
        .filter(|c| !c.is_control())
        .map(|c| if matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\') { '-' } else { c })
        .collect();
    let mut base = tidy(truncate_utf16(tidy(&cleaned), MAX_SHEET_NAME)).to_owned();
    if base.is_empty() {
        base = format!("Trang {}", index + 1);
    }
    let mut name = base.clone();
    let mut n = 1;
    while !used.insert(name.to_lowercase()) {
        n += 1;
        let suffix = format!(" ({n})");
        let stem = tidy(truncate_utf16(&base, MAX_SHEET_NAME - suffix.len()));
        name = format!("{stem}{suffix}");
    }
    name
}

/// Without surrounding whitespace and apostrophes (Excel forbids them at either end).
fn tidy(name: &str) -> &str {
    name.trim_matches(|c: char| c == '\'' || c.is_whitespace())
}

/// The longest prefix of `s` of at most `max` UTF-16 units (Excel's length measure).
fn truncate_utf16(s: &str, max: usize) -> &str {
    let mut units = 0;
    for (at, c) in s.char_indices() {
        units += c.len_utf16();
        if units > max {
            return &s[..at];
        }
    }
    s
}

/// Writes one sheet as CSV for Excel: UTF-8 with BOM (so Excel shows Vietnamese correctly),
/// comma-delimited, CRLF line ends, quoting where needed, header line first.
///
/// Dates are `dd/mm/yyyy`, booleans `TRUE`/`FALSE`, numbers in Rust's shortest exact
/// decimal form. Text that starts like a formula (`=` `+` `-` `@` tab CR, possibly after
/// apostrophes) gets a leading apostrophe, per OWASP's CSV-injection advice; [`crate::read`]
/// strips it again. [`SheetOut::name`] and [`SheetOut::widths`] are not used.
#[allow(clippy::expect_used)] // writing into a Vec cannot fail, and the writer is flexible
pub fn write_csv(sheet: &SheetOut) -> Vec<u8> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    let mut writer = csv::WriterBuilder::new().flexible(true).terminator(csv::Terminator::CRLF).from_writer(&mut out);
    if !sheet.headers.is_empty() {
        writer.write_record(sheet.headers.iter().map(|h| into_bytes(csv_text(h)))).expect("CSV into memory");
    }
    for row in &sheet.rows {
        writer.write_record(row.iter().map(|cell| into_bytes(csv_field(cell)))).expect("CSV into memory");
    }
    writer.flush().expect("CSV into memory");
    drop(writer);
    out
}

fn csv_field(cell: &Cell) -> Cow<'_, str> {
    match cell {
        Cell::Empty => Cow::Borrowed(""),
        Cell::Text(text) => csv_text(text),
        Cell::Number(n) => Cow::Owned(n.to_string()),
        Cell::Date(date) => Cow::Owned(date.format("%d/%m/%Y").to_string()),
        Cell::Bool(true) => Cow::Borrowed("TRUE"),
        Cell::Bool(false) => Cow::Borrowed("FALSE"),
    }
}

fn into_bytes(field: Cow<'_, str>) -> Cow<'_, [u8]> {
    match field {
        Cow::Borrowed(s) => Cow::Borrowed(s.as_bytes()),
        Cow::Owned(s) => Cow::Owned(s.into_bytes()),
    }
}

fn csv_text(text: &str) -> Cow<'_, str> {
    if csv_needs_guard(text) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(wanted: &[&str]) -> Vec<String> {
        let mut used = HashSet::from(["history".to_owned()]);
        wanted.iter().enumerate().map(|(i, w)| sheet_name(w, i, &mut used)).collect()
    }

    #[test]
    fn sheet_names_follow_excel_rules() {
        assert_eq!(names(&["Lớp 5A/2026", "lớp 5a-2026"]), ["Lớp 5A-2026", "lớp 5a-2026 (2)"]);
        assert_eq!(names(&["", "  ", "'quoted'"]), ["Trang 1", "Trang 2", "quoted"]);
        assert_eq!(names(&["History"]), ["History (2)"]);
        let long = "Danh sách học sinh lớp 5A năm học 2026-2027";
        let got = names(&[long, long]);
        assert_eq!(got[0], "Danh sách học sinh lớp 5A năm h");
        assert_eq!(got[1], "Danh sách học sinh lớp 5A n (2)");
        for name in got {
            assert!(name.encode_utf16().count() <= 31);
            assert!(rust_xlsxwriter::utility::check_sheet_name(&name).is_ok());
        }
    }

    #[test]
    fn auto_width_is_clamped() {
        let sheet = SheetOut {
            headers: vec!["A".into(), "Họ và tên".into(), "Ghi chú".into()],
            rows: vec![vec![Cell::Empty, Cell::Text("Nguyễn Văn A".into()), Cell::Text("x".repeat(200))]],
            widths: vec![0.0, f64::NAN],
            ..SheetOut::default()
        };
        assert_eq!(column_width(&sheet, 0), 6.0);
        assert_eq!(column_width(&sheet, 1), 14.0);
        assert_eq!(column_width(&sheet, 2), 50.0);
        let fixed = SheetOut { widths: vec![12.5], ..sheet };
        assert_eq!(column_width(&fixed, 0), 12.5);
    }
}
