//! The form template: page geometry, font sizes and every fixed label of the TT27 học bạ,
//! read from `pdf-templates/hoc-ba-tt27.toml` (compiled in) or from a school's copy of it.

use crate::PdfError;
use serde::Deserialize;

/// The template source, compiled into the binary.
pub(crate) const SOURCE: &str = include_str!("../../pdf-templates/hoc-ba-tt27.toml");

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Template {
    pub page: Page,
    pub fonts: Fonts,
    pub common: Common,
    pub cover: Cover,
    pub identity: Identity,
    pub history: History,
    pub year: Year,
    pub signatures: Signatures,
    pub stamp: StampLayout,
}

/// Page size and margins, in millimetres.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Page {
    pub width: f32,
    pub height: f32,
    pub margin_left: f32,
    pub margin_right: f32,
    pub margin_top: f32,
    pub margin_bottom: f32,
}

/// Font sizes in points; `leading` is a factor of the size; `cell_padding` is in millimetres.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Fonts {
    /// Path of the regular face, relative to the template's directory.
    pub regular: String,
    /// Path of the bold face, relative to the template's directory.
    pub bold: String,
    pub body: f32,
    pub table: f32,
    pub heading: f32,
    pub page_title: f32,
    pub cover_title: f32,
    pub cover_subtitle: f32,
    pub leading: f32,
    pub cell_padding: f32,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Common {
    pub document_title: String,
    pub date_line: String,
    pub blank: String,
    pub page_number: String,
    pub continued: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Cover {
    pub ministry: String,
    pub title: String,
    pub subtitle: String,
    pub pupil_name: String,
    pub school: String,
    pub commune: String,
    pub district: String,
    /// The commune's label on a record without a district (the 2025 two-level form).
    #[serde(default = "default_commune_2025")]
    pub commune_2025: String,
    pub province: String,
    /// Optional school logo (PNG or JPEG), relative to the template's directory: drawn centred above
    /// the ministry line.
    #[serde(default)]
    pub logo: Option<String>,
    /// Width of the logo in millimetres (its height follows the image's aspect ratio).
    #[serde(default = "default_logo_width")]
    pub logo_width: f32,
}

fn default_logo_width() -> f32 {
    25.0
}

/// The tallest a logo is drawn, in millimetres (a tall image is narrowed to keep its aspect ratio).
pub(crate) const LOGO_MAX_HEIGHT: f32 = 40.0;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Identity {
    pub title: String,
    pub full_name: String,
    pub gender: String,
    pub birth_date: String,
    pub ethnicity: String,
    pub nationality: String,
    pub birth_place: String,
    pub home_town: String,
    pub address: String,
    pub father: String,
    pub mother: String,
    pub guardian: String,
    pub national_id: String,
    pub signer: String,
    pub signer_hint: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct History {
    pub title: String,
    pub columns: Vec<String>,
    pub widths: Vec<f32>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Year {
    pub pupil_name: String,
    pub class_name: String,
    pub school_year: String,
    pub height: String,
    pub weight: String,
    pub absences: String,
    pub absences_excused: String,
    pub absences_unexcused: String,
    pub subjects_title: String,
    pub subjects_columns: Vec<String>,
    pub subjects_widths: Vec<f32>,
    pub qualities_title: String,
    pub qualities_columns: Vec<String>,
    pub qualities_widths: Vec<f32>,
    pub competencies_title: String,
    pub competencies_columns: Vec<String>,
    pub competencies_widths: Vec<f32>,
    pub general_competencies: String,
    pub specific_competencies: String,
    pub result_title: String,
    pub awards_title: String,
    pub completion_title: String,
    pub principal: String,
    pub principal_hint: String,
    pub teacher: String,
    pub teacher_hint: String,
    /// Header of a yearly record ({school}, {year}).
    pub extract_header: String,
    /// Under the fields of a year imported from another school ({school}, {code}).
    #[serde(default = "default_imported_note")]
    pub imported_note: String,
    /// In the hand-over, the mark of a year's digital signature in its signer's space
    /// ({date}: when it was signed).
    #[serde(default = "default_signed_mark")]
    pub signed_mark: String,
    #[serde(default = "default_signed_on")]
    pub signed_on: String,
    /// The seal's mark, under the principal's.
    #[serde(default = "default_sealed_mark")]
    pub sealed_mark: String,
    /// Under the signatures: the year's own signed record ({year}, {code}).
    #[serde(default = "default_record_code")]
    pub record_code: String,
}

fn default_signed_mark() -> String {
    "Đã kí số".into()
}

fn default_signed_on() -> String {
    "ngày {date}".into()
}

fn default_sealed_mark() -> String {
    "Đã đóng dấu số của nhà trường".into()
}

fn default_record_code() -> String {
    "Học bạ năm học {year} đã kí số, đính kèm tệp này; mã kiểm tra: {code}".into()
}

fn default_commune_2025() -> String {
    "Xã/Phường/Đặc khu".into()
}

fn default_imported_note() -> String {
    "Năm học ở {school}; kết quả theo học bạ đã kí số của trường này (mã kiểm tra {code}), đính kèm bản gốc.".into()
}

/// The empty space left for handwritten or visible digital signatures, in millimetres.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Signatures {
    /// Height of the space between the signer's title and printed name.
    pub space: f32,
    /// Width of a signer's box, centred in its column.
    pub box_width: f32,
    /// Height of every box, centred in the space (at most `space`).
    pub box_height: f32,
    /// Width of the seal's box.
    pub seal_width: f32,
    /// The gap between the seal's box and the principal's box, which sit side by side (the seal on
    /// the left) centred in the principal's column.
    pub seal_gap: f32,
    /// Optional image of the school's seal (PNG, best with a transparent background, or JPEG),
    /// relative to the template's directory: the seal signature's appearance shows it instead of
    /// the drawn round seal.
    #[serde(default)]
    pub seal_image: Option<String>,
}

/// The verification stamp in the bottom margin of every page.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct StampLayout {
    /// Side of the QR code in millimetres (the quiet zone around it is extra).
    pub qr_size: f32,
    /// Distance from the bottom edge of the page to the QR code, in millimetres.
    pub bottom: f32,
    /// Space between the QR code and the text, in millimetres.
    pub gap: f32,
    /// Font size of the stamp's text and the page number, in points.
    pub size: f32,
    /// The code line ({code}).
    pub code: String,
    /// How to check the printout ({url}: verification page, {code}).
    pub line: String,
}

impl Template {
    /// Parses and checks a template (column counts, positive sizes).
    pub fn parse(source: &str) -> Result<Template, PdfError> {
        let t: Template = toml::from_str(source).map_err(|e| {
            let message = e.message().trim().to_string();
            match e.span() {
                Some(span) => {
                    let before = source.get(..span.start).unwrap_or_default();
                    let line = before.matches('\n').count() + 1;
                    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
                    PdfError::Template(format!("line {line}, column {column}: {message}"))
                }
                None => PdfError::Template(message),
            }
        })?;
        t.check()?;
        Ok(t)
    }

    fn check(&self) -> Result<(), PdfError> {
        let tables = [
            ("history", &self.history.columns, &self.history.widths, 5),
            ("year.subjects", &self.year.subjects_columns, &self.year.subjects_widths, 4),
            ("year.qualities", &self.year.qualities_columns, &self.year.qualities_widths, 3),
            ("year.competencies", &self.year.competencies_columns, &self.year.competencies_widths, 3),
        ];
        for (name, columns, widths, expected) in tables {
            if columns.len() != expected || widths.len() != expected {
                return Err(PdfError::Template(format!(
                    "{name}: expected {expected} columns and widths, found {} and {}",
                    columns.len(),
                    widths.len()
                )));
            }
            if widths.iter().any(|w| !(0.001..=1000.0).contains(w)) {
                return Err(PdfError::Template(format!("{name}: column widths must be positive")));
            }
        }
        let p = &self.page;
        let f = &self.fonts;
        let sizes = [f.body, f.table, f.heading, f.page_title, f.cover_title, f.cover_subtitle];
        let margins = [p.margin_left, p.margin_right, p.margin_top, p.margin_bottom, f.cell_padding];
        // Bounds that keep every line and table row smaller than a page (the layout relies on it).
        if sizes.iter().any(|v| !(4.0..=96.0).contains(v))
            || margins.iter().any(|v| !(0.0..=40.0).contains(v))
            || !(1.0..=2.0).contains(&f.leading)
            || !(100.0..=2000.0).contains(&(p.width - p.margin_left - p.margin_right))
            || !(100.0..=2000.0).contains(&(p.height - p.margin_top - p.margin_bottom))
        {
            return Err(PdfError::Template("page size, margins or font sizes out of range".into()));
        }
        let st = &self.stamp;
        if !(8.0..=40.0).contains(&st.qr_size)
            || !(2.0..=20.0).contains(&st.size)
            || st.bottom < 0.0
            || st.gap < 0.0
            || st.bottom + st.qr_size > p.margin_bottom - 1.0
        {
            return Err(PdfError::Template(
                "stamp: the QR code (qr_size 8–40 mm, bottom + qr_size) must fit in the bottom margin".into(),
            ));
        }
        let sg = &self.signatures;
        let column = (p.width - p.margin_left - p.margin_right) / 2.0;
        if !(8.0..=60.0).contains(&sg.space)
            || !(10.0..=column).contains(&sg.box_width)
            || !(8.0..=sg.space).contains(&sg.box_height)
            || !(10.0..=column).contains(&sg.seal_width)
            || !(0.0..=20.0).contains(&sg.seal_gap)
            || sg.seal_width + sg.seal_gap + sg.box_width > column
        {
            return Err(PdfError::Template("signatures: space, box or seal size out of range".into()));
        }
        if !(5.0..=100.0).contains(&self.cover.logo_width) {
            return Err(PdfError::Template("cover: logo_width must be 5–100 mm".into()));
        }
        if self.cover.logo.as_deref().is_some_and(|l| l.trim().is_empty()) {
            return Err(PdfError::Template("cover: logo is empty (leave the key out for no logo)".into()));
        }
        if self.signatures.seal_image.as_deref().is_some_and(|l| l.trim().is_empty()) {
            return Err(PdfError::Template(
                "signatures: seal_image is empty (leave the key out for the drawn seal)".into(),
            ));
        }
        Ok(())
    }
}

/// Column widths as absolute lengths that add up to `total`.
pub(crate) fn scale_widths(fractions: &[f32], total: f32) -> Vec<f32> {
    let sum: f32 = fractions.iter().sum();
    fractions.iter().map(|f| f / sum * total).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_template_parses() {
        let t = Template::parse(SOURCE).expect("bundled template is valid");
        assert_eq!(t.cover.title, "HỌC BẠ");
        assert_eq!(t.year.subjects_columns[1], "Mức đạt được");
    }

    #[test]
    fn wrong_column_count_is_refused() {
        let broken = SOURCE.replace("widths = [0.15, 0.09, 0.42, 0.14, 0.20]", "widths = [0.5, 0.5]");
        assert!(matches!(Template::parse(&broken), Err(PdfError::Template(_))));
    }

    #[test]
    fn syntax_errors_name_line_and_column() {
        let broken = SOURCE.replace("title = \"HỌC BẠ\"", "title = \"HỌC BẠ");
        let line = SOURCE.lines().position(|l| l.starts_with("title = \"HỌC BẠ\"")).expect("title line") + 1;
        match Template::parse(&broken) {
            Err(PdfError::Template(message)) => assert!(message.starts_with(&format!("line {line}, ")), "{message}"),
            other => panic!("expected a template error, got {other:?}"),
        }
    }
}
