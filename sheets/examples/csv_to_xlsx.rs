//! Converts a CSV file to XLSX with hocba's writer: `cargo run -p hocba-sheets --example
//! csv_to_xlsx -- IN.csv OUT.xlsx` (used for the example files in docs/examples).

use hocba_sheets::SheetOut;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let (Some(input), Some(output)) = (args.get(1), args.get(2)) else {
        return Err("usage: csv_to_xlsx IN.csv OUT.xlsx".into());
    };
    let sheets = hocba_sheets::read(&std::fs::read(input)?)?;
    let sheet = sheets.into_iter().next().ok_or("no sheet")?;
    let out = SheetOut::from_table("Danh sách học sinh", sheet.rows);
    std::fs::write(output, hocba_sheets::write_xlsx(&[out])?)?;
    Ok(())
}
