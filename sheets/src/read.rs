//! Reading: workbooks through calamine, CSV through the csv crate.

use std::borrow::Cow;
use std::io::Cursor;

use calamine::{
    open_workbook_auto_from_rs, open_workbook_from_rs, Data, ExcelDateTime, Ods, OdsError, Range, Reader, SheetType,
    Sheets, Xls, XlsError,
};
use chrono::NaiveDate;
use hocba_core::sheet::Cell;

use crate::{csv_needs_guard, ReadError, Sheet};

/// Compound File Binary magic: legacy XLS, and also password-protected XLSX.
const CFB_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
const ZIP_MAGIC: &[u8] = b"PK\x03\x04";

/// Reads a spreadsheet file.
///
/// A workbook (XLSX, and also XLS/XLSB/ODS) gives one [`Sheet`] per worksheet, in workbook
/// order (chart and macro sheets are skipped). Cells map as: text → [`Cell::Text`] (an empty
/// string → [`Cell::Empty`]), numbers → [`Cell::Number`], booleans → [`Cell::Bool`],
/// date-formatted cells → [`Cell::Date`] (the time of day is dropped; time-only values and
/// durations stay [`Cell::Number`] serials), error cells → [`Cell::Text`] such as `"#N/A"`.
///
/// Anything else is read as CSV into a single sheet named `"CSV"`: UTF-8 with or without BOM
/// (UTF-16 with BOM is decoded too), delimiter `,` `;` or tab — taken from an Excel `sep=`
/// first line, else the most frequent of them on the first line outside quotes (`,` on a
/// tie). Quoted fields may hold delimiters and newlines; rows may be ragged; blank lines
/// are kept as empty rows. Every cell is [`Cell::Text`] or [`Cell::Empty`]; the leading
/// apostrophe that [`crate::write_csv`] puts before formula-like text is removed.
///
/// # Errors
///
/// [`ReadError::NotSpreadsheet`] for binary data, a zip that is not a workbook or an empty
/// file; [`ReadError::NotUtf8`] (with the line) for text in a legacy encoding;
/// [`ReadError::Encrypted`] for a password-protected workbook; [`ReadError::Sheet`] when a
/// worksheet of an otherwise valid workbook cannot be parsed.
pub fn read(bytes: &[u8]) -> Result<Vec<Sheet>, ReadError> {
    if bytes.starts_with(ZIP_MAGIC) || bytes.starts_with(&CFB_MAGIC) {
        read_workbook(bytes)
    } else {
        Ok(vec![read_csv(bytes)?])
    }
}

fn read_workbook(bytes: &[u8]) -> Result<Vec<Sheet>, ReadError> {
    let mut book = open_workbook(bytes)?;
    let names: Vec<String> =
        book.sheets_metadata().iter().filter(|s| s.typ == SheetType::WorkSheet).map(|s| s.name.clone()).collect();
    names
        .into_iter()
        .map(|name| match book.worksheet_range(&name) {
            Ok(range) => Ok(Sheet { rows: range_rows(&range), name }),
            Err(e) => Err(ReadError::Sheet { sheet: name, detail: e.to_string() }),
        })
        .collect()
}

fn open_workbook(bytes: &[u8]) -> Result<Sheets<Cursor<&[u8]>>, ReadError> {
    if bytes.starts_with(&CFB_MAGIC) {
        return match open_workbook_from_rs::<Xls<_>, _>(Cursor::new(bytes)) {
            Ok(xls) => Ok(Sheets::Xls(xls)),
            Err(XlsError::Password) => Err(ReadError::Encrypted),
            Err(_) if is_encrypted_ooxml(bytes) => Err(ReadError::Encrypted),
            Err(_) => Err(ReadError::NotSpreadsheet),
        };
    }
    open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|_| {
        // The auto-detection hides the cause; the only one worth telling apart is an
        // encrypted ODS (an encrypted XLSX is a CFB file, handled above).
        match open_workbook_from_rs::<Ods<_>, _>(Cursor::new(bytes)) {
            Err(OdsError::Password) => ReadError::Encrypted,
            _ => ReadError::NotSpreadsheet,
        }
    })
}

/// An encrypted OOXML file is a CFB container with an `EncryptedPackage` stream (directory
/// entry names are UTF-16LE).
fn is_encrypted_ooxml(bytes: &[u8]) -> bool {
    let needle: Vec<u8> = "EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes).collect();
    bytes.windows(needle.len()).any(|w| w == needle.as_slice())
}

/// Rows at their spreadsheet positions: a used range starting at C3 gets two empty rows
/// and two empty cells in front of each row.
fn range_rows(range: &Range<Data>) -> Vec<Vec<Cell>> {
    let Some((row0, col0)) = range.start() else {
        return Vec::new();
    };
    let (row0, col0) = (row0 as usize, col0 as usize);
    let mut rows: Vec<Vec<Cell>> = Vec::with_capacity(row0 + range.height());
    rows.resize_with(row0, Vec::new);
    for row in range.rows() {
        let mut out = Vec::with_capacity(col0 + row.len());
        out.resize(col0, Cell::Empty);
        out.extend(row.iter().map(workbook_cell));
        rows.push(out);
    }
    drop_trailing_empty(&mut rows);
    rows
}

fn workbook_cell(data: &Data) -> Cell {
    match data {
        Data::Empty => Cell::Empty,
        Data::String(s) if s.is_empty() => Cell::Empty,
        Data::String(s) | Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Float(f) => Cell::Number(*f),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(dt) => excel_date(dt),
        Data::DateTimeIso(s) => iso_date(s).map_or_else(|| Cell::Text(s.clone()), Cell::Date),
        Data::Error(e) => Cell::Text(e.to_string()),
    }
}

/// An Excel date serial (1900 or 1904 epoch, handled by calamine) as a date; durations and
/// time-only values (serial below 1) have no date and stay numbers.
fn excel_date(dt: &ExcelDateTime) -> Cell {
    let serial = dt.as_f64();
    if dt.is_duration() || serial.trunc() == 0.0 {
        return Cell::Number(serial);
    }
    dt.as_datetime().map_or(Cell::Number(serial), |t| Cell::Date(t.date()))
}

/// ODS dates: `2026-09-05` or `2026-09-05T08:00:00`.
fn iso_date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d").ok()
}

fn drop_trailing_empty(rows: &mut Vec<Vec<Cell>>) {
    while rows.last().is_some_and(|r| r.iter().all(Cell::is_empty)) {
        rows.pop();
    }
}

fn read_csv(bytes: &[u8]) -> Result<Sheet, ReadError> {
    let text = decode_text(bytes)?;
    if text.trim().is_empty() {
        return Err(ReadError::NotSpreadsheet);
    }
    let (delimiter, body) = match sep_line(&text) {
        Some(found) => found,
        None => (sniff_delimiter(&text), &*text),
    };
    let body = mark_blank_lines(body, delimiter);
    let mut reader =
        csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(delimiter).from_reader(body.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        // The text is valid UTF-8 and the reader is flexible, so this cannot really fail.
        let record = record.map_err(|_| ReadError::NotSpreadsheet)?;
        rows.push(record.iter().map(csv_cell).collect());
    }
    drop_trailing_empty(&mut rows);
    Ok(Sheet { name: "CSV".to_owned(), rows })
}

fn csv_cell(field: &str) -> Cell {
    if field.is_empty() {
        return Cell::Empty;
    }
    match field.strip_prefix('\'') {
        Some(rest) if csv_needs_guard(rest) => Cell::Text(rest.to_owned()),
        _ => Cell::Text(field.to_owned()),
    }
}

/// The file as text: UTF-8 (BOM optional) or UTF-16 with a BOM. Binary data is refused
/// before the UTF-8 check so that it is not reported as a wrongly encoded CSV.
fn decode_text(bytes: &[u8]) -> Result<Cow<'_, str>, ReadError> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return utf8(rest);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return utf16(rest, u16::from_le_bytes).map(Cow::Owned);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return utf16(rest, u16::from_be_bytes).map(Cow::Owned);
    }
    if looks_binary(bytes) {
        return Err(ReadError::NotSpreadsheet);
    }
    utf8(bytes)
}

fn utf8(bytes: &[u8]) -> Result<Cow<'_, str>, ReadError> {
    std::str::from_utf8(bytes).map(Cow::Borrowed).map_err(|e| {
        let line = bytes[..e.valid_up_to()].iter().filter(|&&b| b == b'\n').count() + 1;
        ReadError::NotUtf8 { line }
    })
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Result<String, ReadError> {
    let mut out = String::with_capacity(bytes.len() / 2);
    let pairs = bytes.chunks_exact(2);
    let odd_byte = !pairs.remainder().is_empty();
    let units = pairs.map(|pair| unit([pair[0], pair[1]]));
    for c in char::decode_utf16(units) {
        let c = c.map_err(|_| ReadError::NotUtf8 { line: out.matches('\n').count() + 1 })?;
        out.push(c);
    }
    if odd_byte {
        return Err(ReadError::NotUtf8 { line: out.matches('\n').count() + 1 });
    }
    Ok(out)
}

/// NUL bytes, or more than 1% control characters other than tab and line ends: not text.
fn looks_binary(bytes: &[u8]) -> bool {
    let controls = bytes.iter().filter(|&&b| matches!(b, 0..=8 | 0x0B | 0x0C | 0x0E..=0x1F | 0x7F)).count();
    bytes.contains(&0) || controls * 100 > bytes.len()
}

/// Excel's `sep=;` first line: the delimiter, and the text after that line.
fn sep_line(text: &str) -> Option<(u8, &str)> {
    let rest = text.strip_prefix("sep=")?;
    let delimiter = *rest.as_bytes().first()?;
    if !delimiter.is_ascii() || delimiter == b'\r' || delimiter == b'\n' || delimiter == b'"' {
        return None;
    }
    let rest = &rest[1..];
    let body = rest.strip_prefix("\r\n").or_else(|| rest.strip_prefix('\n')).or_else(|| rest.strip_prefix('\r'))?;
    Some((delimiter, body))
}

/// The most frequent of `,` `;` tab on the first line outside quotes; `,` when none or tied.
fn sniff_delimiter(text: &str) -> u8 {
    let mut counts = [(b',', 0usize), (b';', 0), (b'\t', 0)];
    let mut in_quotes = false;
    for &b in text.as_bytes() {
        match b {
            b'"' => in_quotes = !in_quotes,
            b'\r' | b'\n' if !in_quotes => break,
            _ if !in_quotes => {
                if let Some(slot) = counts.iter_mut().find(|(d, _)| *d == b) {
                    slot.1 += 1;
                }
            }
            _ => {}
        }
    }
    let mut best = counts[0];
    for candidate in &counts[1..] {
        if candidate.1 > best.1 {
            best = *candidate;
        }
    }
    best.0
}

/// The csv crate skips empty lines; to keep row indexes equal to spreadsheet rows, each
/// empty line (outside quotes) gets an empty quoted field `""`, which reads as one empty
/// cell. The scanner follows the csv crate's quoting rules (a quote opens a quoted field
/// only at the start of a field; `""` inside quotes is an escaped quote).
fn mark_blank_lines(text: &str, delimiter: u8) -> Cow<'_, str> {
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        LineStart,
        FieldStart,
        Unquoted,
        Quoted,
        QuoteInQuoted,
    }
    let bytes = text.as_bytes();
    let mut blank_at = Vec::new();
    let mut state = State::LineStart;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let is_end = b == b'\r' || b == b'\n';
        state = match state {
            State::Quoted if b == b'"' => State::QuoteInQuoted,
            State::Quoted => State::Quoted,
            State::QuoteInQuoted if b == b'"' => State::Quoted,
            State::LineStart if is_end => {
                blank_at.push(i);
                State::LineStart
            }
            State::LineStart | State::FieldStart if b == b'"' => State::Quoted,
            _ if b == delimiter => State::FieldStart,
            _ if is_end => State::LineStart,
            _ => State::Unquoted,
        };
        // CRLF is one line end.
        if state == State::LineStart && b == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
            i += 1;
        }
        i += 1;
    }
    if blank_at.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 2 * blank_at.len());
    let mut copied = 0;
    for at in blank_at {
        out.push_str(&text[copied..at]);
        out.push_str("\"\"");
        copied = at;
    }
    out.push_str(&text[copied..]);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delimiter_sniffing() {
        assert_eq!(sniff_delimiter("a;b;c\n1,5;2;3"), b';');
        assert_eq!(sniff_delimiter("a,b;c"), b',');
        assert_eq!(sniff_delimiter("\"x;y;z\",b\n"), b',');
        assert_eq!(sniff_delimiter("a\tb\tc"), b'\t');
        assert_eq!(sniff_delimiter("onecolumn"), b',');
    }

    #[test]
    fn sep_line_hint() {
        assert_eq!(sep_line("sep=;\r\na;b"), Some((b';', "a;b")));
        assert_eq!(sep_line("a;b"), None);
    }

    #[test]
    fn blank_lines_marked_outside_quotes_only() {
        assert_eq!(mark_blank_lines("a\r\n\r\nb\r\n", b','), "a\r\n\"\"\r\nb\r\n");
        assert_eq!(mark_blank_lines("\"x\n\ny\"\n", b','), "\"x\n\ny\"\n");
        assert_eq!(mark_blank_lines("a,\n\nb", b','), "a,\n\"\"\nb");
        assert_eq!(mark_blank_lines("a\nb\n", b','), "a\nb\n");
    }

    #[test]
    fn workbook_cells_keep_their_positions_and_types() -> Result<(), rust_xlsxwriter::XlsxError> {
        use rust_xlsxwriter::{Format, Workbook};
        let mut book = Workbook::new();
        let ws = book.add_worksheet();
        let datetime = Format::new().set_num_format("dd/mm/yyyy hh:mm");
        let time = Format::new().set_num_format("hh:mm");
        // Used range starts at C3.
        ws.write_string(2, 2, "Họ tên")?;
        ws.write_number_with_format(3, 2, 46270.75, &datetime)?; // 2026-09-05 18:00
        ws.write_number_with_format(3, 3, 0.5, &time)?;
        ws.write_formula(3, 4, "=1/0")?;
        ws.write_number(3, 5, 42)?;
        let bytes = book.save_to_buffer()?;

        let sheets = read(&bytes).unwrap_or_default();
        assert_eq!(sheets.len(), 1);
        let rows = &sheets[0].rows;
        assert_eq!(rows.len(), 4);
        assert!(rows[0].is_empty() && rows[1].is_empty());
        assert_eq!(rows[2][..3], [Cell::Empty, Cell::Empty, Cell::Text("Họ tên".into())]);
        let date = NaiveDate::from_ymd_opt(2026, 9, 5).unwrap_or_default();
        assert_eq!(rows[3][2], Cell::Date(date));
        assert_eq!(rows[3][3], Cell::Number(0.5));
        // A formula reads as its cached result (0 as written by rust_xlsxwriter).
        assert_eq!(rows[3][4], Cell::Number(0.0));
        assert_eq!(rows[3][5], Cell::Number(42.0));
        Ok(())
    }

    #[test]
    fn binary_detection() {
        assert!(looks_binary(b"a,b\0c"));
        assert!(!looks_binary("Nguyễn,Văn\tA\r\n".as_bytes()));
        assert!(!looks_binary(b"Nguy\xea\xf1n")); // Windows-1258 text is not binary
    }
}
