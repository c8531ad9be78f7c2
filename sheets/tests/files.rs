//! Real files through the public API: write → read round trips, CSV dialects, bad input.

use std::io::{Cursor, Read, Write};

use chrono::NaiveDate;
use hocba_core::sheet::Cell;
use hocba_sheets::{read, sniff, write_csv, write_xlsx, Format, ReadError, Sheet, SheetOut};

/// "Nguyễn Thị Hương" in NFC, spelled out so an editor cannot change the normal form.
const NAME: &str = "Nguy\u{1ec5}n Th\u{1ecb} H\u{01b0}\u{01a1}ng";

fn text(s: &str) -> Cell {
    Cell::Text(s.to_owned())
}

fn date(y: i32, m: u32, d: u32) -> Cell {
    Cell::Date(NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default())
}

fn only_sheet(bytes: &[u8]) -> Sheet {
    let mut sheets = read(bytes).unwrap_or_else(|e| panic!("read failed: {e}"));
    assert_eq!(sheets.len(), 1);
    sheets.remove(0)
}

fn students() -> SheetOut {
    SheetOut {
        name: "Lớp 5A".into(),
        headers: vec!["Họ và tên".into(), "Dân tộc".into(), "Ngày sinh".into(), "Điểm".into(), "Ghi chú".into()],
        rows: vec![
            vec![text(NAME), text("H'Mông"), date(2015, 9, 5), Cell::Number(8.5), text("=1+1")],
            vec![text("Lò Văn A"), Cell::Empty, date(2015, 1, 31), Cell::Number(1.23456789012e11), text("@SUM(A1)")],
            vec![text("-5"), text("+84 912"), Cell::Empty, Cell::Bool(true), text("bình thường")],
        ],
        widths: Vec::new(),
    }
}

fn expected_rows(sheet: &SheetOut) -> Vec<Vec<Cell>> {
    let mut rows = vec![sheet.headers.iter().map(|h| text(h)).collect::<Vec<_>>()];
    rows.extend(sheet.rows.iter().cloned());
    rows
}

/// The XML parts of an xlsx file.
fn xlsx_parts(bytes: &[u8]) -> Vec<(String, String)> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap_or_else(|e| panic!("not a zip: {e}"));
    (0..zip.len())
        .map(|i| {
            let mut file = zip.by_index(i).unwrap_or_else(|e| panic!("zip entry: {e}"));
            let mut xml = String::new();
            file.read_to_string(&mut xml).unwrap_or_else(|e| panic!("zip read: {e}"));
            (file.name().map(|n| n.into_owned()).unwrap_or_else(|e| panic!("zip name: {e}")), xml)
        })
        .collect()
}

fn xlsx(sheets: &[SheetOut]) -> Vec<u8> {
    write_xlsx(sheets).unwrap_or_else(|e| panic!("write failed: {e}"))
}

#[test]
fn xlsx_round_trip_keeps_values_and_never_writes_formulas() {
    let out = students();
    let bytes = xlsx(std::slice::from_ref(&out));
    assert_eq!(sniff(&bytes), Format::Xlsx);

    let sheet = only_sheet(&bytes);
    assert_eq!(sheet.name, "Lớp 5A");
    assert_eq!(sheet.rows, expected_rows(&out));
    // Exact float round trip, and NFC text untouched.
    assert_eq!(sheet.rows[2][3], Cell::Number(123_456_789_012.0));
    assert_eq!(sheet.rows[1][0], text(NAME));

    let parts = xlsx_parts(&bytes);
    let worksheet = parts.iter().find(|(name, _)| name == "xl/worksheets/sheet1.xml").map(|(_, xml)| xml);
    let worksheet = worksheet.unwrap_or_else(|| panic!("no sheet1.xml"));
    for (name, xml) in &parts {
        assert!(!xml.contains("<f>") && !xml.contains("<f "), "formula element in {name}");
    }
    assert!(worksheet.contains("<pane") && worksheet.contains("state=\"frozen\""), "first row not frozen");
    assert!(worksheet.contains("<autoFilter ref=\"A1:E4\""), "no autofilter over the data");
    let styles = &parts.iter().find(|(name, _)| name == "xl/styles.xml").unwrap_or_else(|| panic!("no styles")).1;
    assert!(styles.contains("quotePrefix=\"1\""), "formula-like text without quote prefix");
    assert!(styles.contains("formatCode=\"dd/mm/yyyy\""), "no date format");
}

#[test]
fn xlsx_with_two_sheets_returns_both_with_names() {
    let first = students();
    let second = SheetOut {
        name: "Giáo viên: tổ 1/2".into(),
        headers: vec!["Mã".into(), "Tên".into()],
        rows: vec![vec![text("GV01"), text("Đặng Thu Hà")]],
        widths: vec![8.0, 30.0],
    };
    let sheets = read(&xlsx(&[first.clone(), second.clone()])).unwrap_or_else(|e| panic!("{e}"));
    let names: Vec<&str> = sheets.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Lớp 5A", "Giáo viên- tổ 1-2"]);
    assert_eq!(sheets[0].rows, expected_rows(&first));
    assert_eq!(sheets[1].rows, expected_rows(&second));
}

#[test]
fn xlsx_header_only_and_blank_rows() {
    let out = SheetOut {
        name: String::new(),
        headers: vec!["A".into(), "B".into()],
        rows: vec![vec![], vec![Cell::Empty, text("x")], vec![], vec![Cell::Empty]],
        widths: Vec::new(),
    };
    let sheet = only_sheet(&xlsx(&[out]));
    assert_eq!(sheet.name, "Trang 1");
    // Row 2 is blank, row 3 has B3; the trailing blank rows are gone.
    assert_eq!(
        sheet.rows,
        vec![vec![text("A"), text("B")], vec![Cell::Empty, Cell::Empty], vec![Cell::Empty, text("x")]]
    );

    let empty = only_sheet(&xlsx(&[SheetOut::default()]));
    assert!(empty.rows.is_empty());
}

#[test]
fn large_xlsx_reads_back() {
    const ROWS: usize = 5_000;
    const COLS: usize = 18;
    let out = SheetOut {
        name: "Toàn trường".into(),
        headers: (0..COLS).map(|c| format!("Cột {}", hocba_core::sheet::column_letter(c))).collect(),
        rows: (0..ROWS)
            .map(|r| {
                (0..COLS)
                    .map(|c| match c % 3 {
                        0 => Cell::Text(format!("Học sinh {r} – {c}")),
                        1 => Cell::Number((r * COLS + c) as f64 / 4.0),
                        _ => date(2015 + (r % 5) as i32, 1 + (c % 12) as u32, 1 + (r % 28) as u32),
                    })
                    .collect()
            })
            .collect(),
        widths: Vec::new(),
    };
    let sheet = only_sheet(&xlsx(std::slice::from_ref(&out)));
    assert_eq!(sheet.rows.len(), ROWS + 1);
    assert!(sheet.rows.iter().all(|row| row.len() == COLS));
    assert_eq!(sheet.rows, expected_rows(&out));
}

#[test]
fn csv_export_round_trips_formula_like_text() {
    let out = SheetOut {
        name: "ignored".into(),
        headers: vec!["=Họ tên".into(), "Ghi chú".into()],
        rows: vec![
            vec![text("=1+1"), text("@SUM(A1)")],
            vec![text("+84"), text("-x")],
            vec![text("\tTab"), text("'=already quoted")],
            vec![text("'plain apostrophe"), text("H'Mông")],
            vec![text("dòng 1\ndòng 2, có dấu phẩy"), text("\"ngoặc kép\"")],
        ],
        widths: Vec::new(),
    };
    let bytes = write_csv(&out);
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    let body = std::str::from_utf8(&bytes[3..]).unwrap_or_default();
    assert!(body.starts_with("'=Họ tên,Ghi chú\r\n'=1+1,'@SUM(A1)\r\n'+84,'-x\r\n"), "{body}");
    assert!(body.contains("''=already quoted"));
    assert!(body.contains("'plain apostrophe,H'Mông\r\n"));

    let sheet = only_sheet(&bytes);
    assert_eq!(sheet.name, "CSV");
    assert_eq!(sheet.rows, expected_rows(&out));
}

#[test]
fn csv_export_formats_dates_numbers_and_booleans() {
    let out = SheetOut {
        name: String::new(),
        headers: vec!["Ngày".into(), "Số".into(), "Có".into(), "Trống".into()],
        rows: vec![vec![date(2026, 9, 5), Cell::Number(1.23456789012e11), Cell::Bool(false), Cell::Empty]],
        widths: Vec::new(),
    };
    let bytes = write_csv(&out);
    assert_eq!(&bytes[3..], "Ngày,Số,Có,Trống\r\n05/09/2026,123456789012,FALSE,\r\n".as_bytes());
    let sheet = only_sheet(&bytes);
    assert_eq!(sheet.rows[1], vec![text("05/09/2026"), text("123456789012"), text("FALSE"), Cell::Empty]);
}

#[test]
fn csv_with_and_without_bom_and_both_delimiters() {
    let expected = vec![
        vec![text("Họ và tên"), text("Lớp"), text("Ghi chú")],
        vec![text(NAME), text("5A"), text("dòng 1\r\ndòng 2, vẫn ô này")],
        vec![text("H'Mông"), Cell::Empty],
        vec![text("Lò Văn A"), text("5B"), text("x"), text("cột thừa")],
    ];
    let comma = format!(
        "Họ và tên,Lớp,Ghi chú\r\n{NAME},5A,\"dòng 1\r\ndòng 2, vẫn ô này\"\r\nH'Mông,\r\nLò Văn A,5B,x,cột thừa\r\n"
    );
    let semicolon =
        format!("Họ và tên;Lớp;Ghi chú\n{NAME};5A;\"dòng 1\r\ndòng 2, vẫn ô này\"\nH'Mông;\nLò Văn A;5B;x;cột thừa");
    for body in [comma, semicolon] {
        let with_bom = [b"\xEF\xBB\xBF".as_slice(), body.as_bytes()].concat();
        for bytes in [body.as_bytes(), &with_bom] {
            assert_eq!(sniff(bytes), Format::Csv);
            assert_eq!(only_sheet(bytes).rows, expected, "{body:?}");
        }
    }
}

#[test]
fn csv_tab_delimited_excel_sep_line_and_utf16() {
    let tab = only_sheet("a\tb,c\td\n1\t2,5\n".as_bytes());
    assert_eq!(tab.rows, vec![vec![text("a"), text("b,c"), text("d")], vec![text("1"), text("2,5")]]);

    let sep = only_sheet(b"sep=;\r\na;b,c;d\r\n");
    assert_eq!(sep.rows, vec![vec![text("a"), text("b,c"), text("d")]]);

    // Excel's "Unicode Text": UTF-16LE with BOM, tab-delimited.
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain("Họ tên\tLớp\r\nLò Văn A\t5A\r\n".encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let sheet = only_sheet(&utf16);
    assert_eq!(sheet.rows, vec![vec![text("Họ tên"), text("Lớp")], vec![text("Lò Văn A"), text("5A")]]);
}

#[test]
fn csv_blank_lines_keep_row_positions() {
    let sheet = only_sheet(b"a,b\r\n\r\n1,2\r\n\r\n\r\n");
    assert_eq!(sheet.rows, vec![vec![text("a"), text("b")], vec![Cell::Empty], vec![text("1"), text("2")]]);
}

#[test]
fn csv_not_utf8_names_the_line() {
    // Windows-1258 "Nguyễn" on line 3 (after a quoted field spanning lines).
    let mut bytes = b"Ho ten,Lop\r\n\"a\r\nb\",5A\r\nNguy".to_vec();
    bytes.extend_from_slice(b"\xea\xde\xf1n,5B\r\n");
    let err = read(&bytes).err();
    assert_eq!(err, Some(ReadError::NotUtf8 { line: 4 }));
    assert_eq!(
        err.map(|e| e.to_string()).unwrap_or_default(),
        "Tệp CSV không phải UTF-8 (dòng 4). Hãy lưu lại với mã hoá UTF-8."
    );

    let mut seven = "x\n".repeat(6).into_bytes();
    seven.extend_from_slice(b"\xff\n");
    assert_eq!(read(&seven).err(), Some(ReadError::NotUtf8 { line: 7 }));
}

#[test]
fn garbage_and_empty_input_are_refused() {
    // Deterministic pseudo-random bytes (xorshift).
    let mut state = 0x2545_f491_4f6c_dd1d_u64;
    let garbage: Vec<u8> = (0..4096)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state.to_le_bytes()[0]
        })
        .collect();

    let mut not_a_workbook = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    not_a_workbook.start_file("readme.txt", options).unwrap_or_else(|e| panic!("{e}"));
    not_a_workbook.write_all(b"hello").unwrap_or_else(|e| panic!("{e}"));
    let not_a_workbook = not_a_workbook.finish().unwrap_or_else(|e| panic!("{e}")).into_inner();
    assert_eq!(sniff(&not_a_workbook), Format::Xlsx);

    let truncated = xlsx(&[students()])[..200].to_vec();

    for (what, bytes) in [
        ("garbage", garbage),
        ("empty", Vec::new()),
        ("bom only", b"\xEF\xBB\xBF".to_vec()),
        ("whitespace", b" \r\n\r\n".to_vec()),
        ("zip", not_a_workbook),
        ("truncated xlsx", truncated),
        ("png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec()),
    ] {
        let err = read(&bytes).err();
        assert_eq!(err, Some(ReadError::NotSpreadsheet), "{what}");
    }
    assert_eq!(ReadError::NotSpreadsheet.to_string(), "Không đọc được tệp: không phải XLSX hoặc CSV");
}
