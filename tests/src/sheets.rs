//! Pupil-list files for import tests, written with hocba's own spreadsheet writer.

use hocba_core::sheet::Cell;
use hocba_sheets::SheetOut;

/// Headers of the pupil list, as exported.
pub fn roster_headers() -> Vec<String> {
    hocba_core::roster::header_row(hocba_core::roster::ROSTER_COLUMNS).into_iter().map(String::from).collect()
}

/// A valid pupil row: (class, national id, name, gender, birth date cell, ethnicity).
pub fn row(class: &str, national_id: &str, name: &str, gender: &str, birth: Cell, ethnicity: &str) -> Vec<Cell> {
    let t = |s: &str| if s.is_empty() { Cell::Empty } else { Cell::Text(s.to_string()) };
    let mut cells = vec![Cell::Empty; hocba_core::roster::ROSTER_COLUMNS.len()];
    for (i, c) in hocba_core::roster::ROSTER_COLUMNS.iter().enumerate() {
        cells[i] = match c.key {
            "class" => t(class),
            "national_id" => t(national_id),
            "full_name" => t(name),
            "gender" => t(gender),
            "birth_date" => birth.clone(),
            "ethnicity" => t(ethnicity),
            "nationality" => t("Việt Nam"),
            "address" => t("Thôn Lao Chải, xã Mường Khương, Lào Cai"),
            "mother_name" => t("Vàng Thị Dua"),
            "entry_date" => t("05/09/2026"),
            _ => Cell::Empty,
        };
    }
    cells
}

/// A 12-digit mã định danh (province 010, Lào Cai) from a serial number.
pub fn national_id(n: usize) -> String {
    format!("0103{:08}", n)
}

const FAMILY: &[&str] = &["Giàng", "Vàng", "Sùng", "Lù", "Thào", "Hoàng", "Lò", "Nguyễn", "Trần", "Lý"];
const GIVEN: &[&str] = &["Mỷ", "Pả", "Chứ", "Dính", "Sử", "Hoa", "Lan", "Đức", "Hương", "Minh", "Páo", "Mai"];

/// A plausible Vietnamese name for the n-th test pupil.
pub fn name(n: usize) -> String {
    format!(
        "{} {} {}",
        FAMILY[n % FAMILY.len()],
        if n.is_multiple_of(2) { "Thị" } else { "Văn" },
        GIVEN[(n / 3) % GIVEN.len()]
    )
}

pub fn xlsx(rows: Vec<Vec<Cell>>) -> Vec<u8> {
    let sheet = SheetOut { name: "Danh sách học sinh".into(), headers: roster_headers(), rows, widths: Vec::new() };
    hocba_sheets::write_xlsx(&[sheet]).expect("xlsx")
}

pub fn csv(rows: Vec<Vec<Cell>>) -> Vec<u8> {
    let sheet = SheetOut { name: "CSV".into(), headers: roster_headers(), rows, widths: Vec::new() };
    hocba_sheets::write_csv(&sheet)
}

/// Reads the first sheet's rows (header first).
pub fn read_rows(bytes: &[u8]) -> Vec<Vec<Cell>> {
    hocba_sheets::read(bytes).expect("readable").into_iter().next().expect("a sheet").rows
}
