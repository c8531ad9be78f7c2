//! The QR code of the verification stamp, as filled rectangles: each horizontal run of dark modules
//! becomes one rectangle, so the content stream stays small.

use crate::PdfError;
use qrcode::{Color, EcLevel};

/// Light modules a reader needs around the symbol (ISO/IEC 18004 quiet zone).
pub(crate) const QUIET_ZONE: usize = 4;

/// A QR symbol reduced to its dark runs.
#[derive(Debug, Clone)]
pub(crate) struct QrRuns {
    /// Modules per side (without the quiet zone).
    pub modules: usize,
    /// `(row, first column, length)` of every horizontal run of dark modules; row 0 is the top.
    pub runs: Vec<(usize, usize, usize)>,
}

impl QrRuns {
    /// Encodes `data` with error correction level M and a fixed mask (pattern 0, checkerboard): any
    /// mask is valid (readers take it from the format information), and scoring all eight, as
    /// `QrCode::new` does, was a tenth of the rendering time.
    pub fn encode(data: &str) -> Result<QrRuns, PdfError> {
        let err = |e: qrcode::types::QrError| PdfError::Render(format!("QR code for {data:?}: {e}"));
        let bits = qrcode::bits::encode_auto(data.as_bytes(), EcLevel::M).map_err(err)?;
        let version = bits.version();
        let (encoded, ec) = qrcode::ec::construct_codewords(&bits.into_bytes(), version, EcLevel::M).map_err(err)?;
        let mut canvas = qrcode::canvas::Canvas::new(version, EcLevel::M);
        canvas.draw_all_functional_patterns();
        canvas.draw_data(&encoded, &ec);
        canvas.apply_mask(qrcode::canvas::MaskPattern::Checkerboard);
        let modules = version.width().max(0) as usize;
        let colors = canvas.into_colors();
        let mut runs = Vec::new();
        for (row, line) in colors.chunks(modules).enumerate() {
            let mut start = None;
            for (column, color) in line.iter().chain(std::iter::once(&Color::Light)).enumerate() {
                match (color, start) {
                    (Color::Dark, None) => start = Some(column),
                    (Color::Light, Some(first)) => {
                        runs.push((row, first, column - first));
                        start = None;
                    }
                    _ => {}
                }
            }
        }
        Ok(QrRuns { modules, runs })
    }

    /// The rectangles `(x, y, width, height)` in points, PDF coordinates (origin bottom-left), of a
    /// symbol `size` points wide whose bottom-left corner is at `(x, y)`.
    pub fn rects(&self, x: f32, y: f32, size: f32) -> impl Iterator<Item = (f32, f32, f32, f32)> + '_ {
        let module = size / self.modules as f32;
        let top = y + size;
        self.runs.iter().map(move |&(row, first, len)| {
            (x + first as f32 * module, top - (row + 1) as f32 * module, len as f32 * module, module)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The symbol as the qrcode crate draws it with the same mask.
    fn reference(data: &str) -> Vec<Color> {
        let bits = qrcode::bits::encode_auto(data.as_bytes(), EcLevel::M).expect("encodes");
        let version = bits.version();
        let (encoded, ec) = qrcode::ec::construct_codewords(&bits.into_bytes(), version, EcLevel::M).expect("encodes");
        let mut canvas = qrcode::canvas::Canvas::new(version, EcLevel::M);
        canvas.draw_all_functional_patterns();
        canvas.draw_data(&encoded, &ec);
        canvas.apply_mask(qrcode::canvas::MaskPattern::Checkerboard);
        canvas.into_colors()
    }

    #[test]
    fn runs_cover_exactly_the_dark_modules() {
        let data = "https://truong.example/verify/7KQ2M9XD4RTA";
        let qr = QrRuns::encode(data).expect("encodes");
        let mut dark = vec![false; qr.modules * qr.modules];
        for &(row, first, len) in &qr.runs {
            for c in first..first + len {
                assert!(!dark[row * qr.modules + c], "runs overlap");
                dark[row * qr.modules + c] = true;
            }
        }
        let expected: Vec<bool> = reference(data).iter().map(|c| *c == Color::Dark).collect();
        assert_eq!(dark, expected);
        // Runs are merged: far fewer rectangles than dark modules.
        assert!(qr.runs.len() < expected.iter().filter(|d| **d).count());
    }
}
