//! Poppler's command-line tools, run on real files.

use std::path::Path;
use std::process::Command;

fn run(tool: &str, args: &[&str]) -> String {
    let out = Command::new(tool)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{tool} is missing ({e}): install poppler-utils (cargo xtask test does)"));
    format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
}

pub fn pdftotext(pdf: &Path) -> String {
    run("pdftotext", &["-enc", "UTF-8", &pdf.to_string_lossy(), "-"])
}

/// The text with the page layout kept: a table row stays on one line.
pub fn pdftotext_layout(pdf: &Path) -> String {
    run("pdftotext", &["-layout", "-enc", "UTF-8", &pdf.to_string_lossy(), "-"])
}

pub fn pdfsig(pdf: &Path) -> String {
    run("pdfsig", &[&pdf.to_string_lossy()])
}

pub fn pdffonts(pdf: &Path) -> String {
    run("pdffonts", &[&pdf.to_string_lossy()])
}

/// The signed byte ranges `[a b c d]` of the first signature.
pub fn byte_range(pdf: &[u8]) -> [usize; 4] {
    let text = String::from_utf8_lossy(pdf);
    let start = text.find("/ByteRange").expect("a signature with /ByteRange");
    let open = start + text[start..].find('[').expect("[");
    let close = open + text[open..].find(']').expect("]");
    let nums: Vec<usize> = text[open + 1..close].split_whitespace().map(|n| n.parse().expect("number")).collect();
    [nums[0], nums[1], nums[2], nums[3]]
}

/// `xmllint --schema XSD FILE`: (valid, output).
pub fn xmllint_schema(xsd: &Path, xml: &Path) -> (bool, String) {
    let out = Command::new("xmllint")
        .args(["--noout", "--schema", &xsd.to_string_lossy(), &xml.to_string_lossy()])
        .output()
        .unwrap_or_else(|e| panic!("xmllint is missing ({e}): install libxml2-utils (cargo xtask test does)"));
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    (out.status.success(), text)
}
