//! Reading and writing spreadsheets for hocba: XLSX (plus XLS/XLSB/ODS on read) and CSV.
//!
//! Everything is in memory and format-neutral: a file becomes [`Sheet`]s of
//! [`hocba_core::sheet::Cell`] rows, and [`SheetOut`]s become XLSX or CSV bytes. Which column
//! holds what is the caller's business (row 0 is the header row as the file has it).
//!
//! Exports are hardened against formula injection: text that starts like a formula is
//! stored as text with Excel's quote prefix in XLSX and guarded with a leading apostrophe in
//! CSV; [`read`] removes that apostrophe again so an export → import round-trips.

mod read;
mod write;

use hocba_core::sheet::Cell;
use hocba_core::Bilingual;

pub use read::read;
pub use write::{write_csv, write_xlsx};

/// One worksheet as read from a file.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    /// The worksheet's name ("CSV" for a CSV file).
    pub name: String,
    /// The rows as the file has them: `rows[i]` is spreadsheet row `i + 1`, so row 0 is the
    /// header row when the header is on the first line. Leading empty rows and columns are
    /// kept (as empty rows / [`Cell::Empty`]) so indexes match what the user sees; trailing
    /// fully-empty rows are dropped. Rows may differ in length.
    pub rows: Vec<Vec<Cell>>,
}

/// A spreadsheet to write: header on row 1, data from row 2.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SheetOut {
    /// Worksheet name; sanitised to Excel's rules when writing XLSX (ignored by CSV).
    pub name: String,
    /// Column headers (row 1).
    pub headers: Vec<String>,
    /// Data rows (row 2 on); rows may be shorter or longer than `headers`.
    pub rows: Vec<Vec<Cell>>,
    /// Optional XLSX column widths in Excel character units, by column. A missing,
    /// non-finite or non-positive entry means automatic: from the content length, clamped
    /// to 6..=50. Ignored by CSV.
    pub widths: Vec<f64>,
}

impl SheetOut {
    /// A sheet from a table whose first row is the header (its text cells; others read as empty).
    pub fn from_table(name: impl Into<String>, table: Vec<Vec<Cell>>) -> SheetOut {
        let mut rows = table.into_iter();
        let headers = rows
            .next()
            .unwrap_or_default()
            .into_iter()
            .map(|c| match c {
                Cell::Text(t) => t,
                _ => String::new(),
            })
            .collect();
        SheetOut { name: name.into(), headers, rows: rows.collect(), widths: Vec::new() }
    }
}

/// A spreadsheet file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Office Open XML workbook (a zip file).
    Xlsx,
    /// Comma/semicolon/tab separated text.
    Csv,
}

/// Guesses a file's format from its first bytes: the zip magic `PK\x03\x04` means
/// [`Format::Xlsx`], anything else [`Format::Csv`]. ([`read`] also recognises XLS and ODS.)
pub fn sniff(bytes: &[u8]) -> Format {
    if bytes.starts_with(b"PK\x03\x04") {
        Format::Xlsx
    } else {
        Format::Csv
    }
}

/// Why a file could not be read. `Display` gives the Vietnamese of [`ReadError::message`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
#[error("{}", self.message())]
pub enum ReadError {
    /// Neither a workbook nor text: random binary, a zip that is not a workbook, an empty file.
    NotSpreadsheet,
    /// A text file that is not valid UTF-8 (typically saved in a legacy Windows code page).
    NotUtf8 {
        /// 1-based line of the first invalid byte.
        line: usize,
    },
    /// A password-protected workbook.
    Encrypted,
    /// The workbook opened but one of its worksheets could not be read.
    Sheet {
        /// The worksheet's name.
        sheet: String,
        /// Technical detail from the reader.
        detail: String,
    },
}

impl ReadError {
    /// What the reader is told, in Vietnamese and English.
    pub fn message(&self) -> Bilingual {
        match self {
            ReadError::NotSpreadsheet => Bilingual::fixed(
                "Không đọc được tệp: không phải XLSX hoặc CSV",
                "The file cannot be read: it is neither XLSX nor CSV",
            ),
            ReadError::NotUtf8 { line } => hocba_core::bilingual!(
                "Tệp CSV không phải UTF-8 (dòng {line}). Hãy lưu lại với mã hoá UTF-8.",
                "The CSV file is not UTF-8 (line {line}). Save it again with the UTF-8 encoding."
            ),
            ReadError::Encrypted => Bilingual::fixed(
                "Không đọc được tệp: tệp Excel đang được đặt mật khẩu. Hãy gỡ mật khẩu rồi thử lại.",
                "The file cannot be read: the Excel file has a password. Remove the password and try again.",
            ),
            ReadError::Sheet { sheet, detail } => hocba_core::bilingual!(
                "Không đọc được trang tính “{sheet}”: {detail}",
                "The worksheet “{sheet}” cannot be read: {detail}"
            ),
        }
    }
}

/// Why a spreadsheet could not be written. `Display` gives a Vietnamese message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum WriteError {
    /// The XLSX writer refused the data (e.g. more rows/columns than Excel allows, or a
    /// text longer than 32,767 characters).
    #[error("Không tạo được tệp XLSX: {0}")]
    Xlsx(String),
}

/// Characters that make a spreadsheet treat a typed value as a formula (OWASP CSV injection).
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Whether a text cell would be taken for a formula by a spreadsheet.
fn looks_like_formula(text: &str) -> bool {
    text.starts_with(FORMULA_START)
}

/// Whether CSV export prefixes `text` with an apostrophe: it starts like a formula, possibly
/// after apostrophes (so that import, which strips one guarding apostrophe, is exact).
fn csv_needs_guard(text: &str) -> bool {
    looks_like_formula(text.trim_start_matches('\''))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_zip_magic() {
        assert_eq!(sniff(b"PK\x03\x04rest"), Format::Xlsx);
        assert_eq!(sniff(b"a,b\r\n"), Format::Csv);
        assert_eq!(sniff(b""), Format::Csv);
    }

    #[test]
    fn guard_rules() {
        assert!(csv_needs_guard("=1+1"));
        assert!(csv_needs_guard("'=1+1"));
        assert!(csv_needs_guard("-5"));
        assert!(!csv_needs_guard("'abc"));
        assert!(!csv_needs_guard("H'Mông"));
        assert!(!csv_needs_guard(""));
    }

    #[test]
    fn messages_are_vietnamese() {
        assert_eq!(
            ReadError::NotUtf8 { line: 7 }.to_string(),
            "Tệp CSV không phải UTF-8 (dòng 7). Hãy lưu lại với mã hoá UTF-8."
        );
        assert_eq!(ReadError::NotSpreadsheet.to_string(), "Không đọc được tệp: không phải XLSX hoặc CSV");
    }
}
