//! A QR code drawn as SVG: one path of unit squares, a quiet zone of four modules around it,
//! scaled by CSS. Used on the parent's invitation slip, where a phone's camera opens the
//! activation page with the code filled in.

use qrcode::{Color, EcLevel, QrCode as Symbol};
use yew::prelude::*;

/// Light modules around the symbol that a reader needs (ISO/IEC 18004).
const QUIET_ZONE: usize = 4;

/// The symbol's modules, row by row (`true` = dark), and its width in modules; `None` when the
/// text is too long for any QR version.
pub fn modules(text: &str) -> Option<(usize, Vec<bool>)> {
    let symbol = Symbol::with_error_correction_level(text.as_bytes(), EcLevel::M).ok()?;
    let width = symbol.width();
    Some((width, symbol.into_colors().into_iter().map(|c| c == Color::Dark).collect()))
}

/// The SVG path of the dark modules (`M x y h1 v1 h-1 z` each, runs merged per row), offset by
/// the quiet zone.
fn path(width: usize, dark: &[bool]) -> String {
    let mut d = String::new();
    for (row, line) in dark.chunks(width).enumerate() {
        let mut column = 0;
        while column < width {
            if !line[column] {
                column += 1;
                continue;
            }
            let start = column;
            while column < width && line[column] {
                column += 1;
            }
            let (x, y, run) = (start + QUIET_ZONE, row + QUIET_ZONE, column - start);
            d.push_str(&format!("M{x} {y}h{run}v1h-{run}z"));
        }
    }
    d
}

#[derive(Properties, PartialEq)]
pub struct QrCodeProps {
    /// What the code holds (an address).
    pub text: AttrValue,
    /// What it is for, read by screen readers.
    pub label: AttrValue,
}

/// The QR code of `text`, or nothing when it cannot be encoded.
#[component]
pub fn QrCode(props: &QrCodeProps) -> Html {
    let Some((width, dark)) = modules(&props.text) else {
        return Html::default();
    };
    let side = width + 2 * QUIET_ZONE;
    html! {
        <svg class="qr-code" viewBox={format!("0 0 {side} {side}")} role="img" aria-label={props.label.clone()}
            data-qr={props.text.clone()} shape-rendering="crispEdges" xmlns="http://www.w3.org/2000/svg">
            <rect width={side.to_string()} height={side.to_string()} fill="#fff" />
            <path d={path(width, &dark)} fill="#000" />
        </svg>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Draws the path back as pixels (`scale` per module) and reads it with an independent decoder.
    fn decode(text: &str) -> String {
        let (width, dark) = modules(text).expect("encodable");
        let d = path(width, &dark);
        let side = width + 2 * QUIET_ZONE;
        let mut pixels = vec![255u8; side * side];
        // Each "M{x} {y}h{run}..." square run paints `run` modules of row y from column x.
        for square in d.split('M').filter(|s| !s.is_empty()) {
            let (xy, rest) = square.split_once('h').expect("h");
            let (x, y) = xy.split_once(' ').expect("x y");
            let run: usize = rest.split('v').next().expect("run").parse().expect("number");
            let (x, y): (usize, usize) = (x.parse().expect("x"), y.parse().expect("y"));
            for c in x..x + run {
                pixels[y * side + c] = 0;
            }
        }
        let scale = 4;
        let mut image = rqrr::PreparedImage::prepare_from_greyscale(side * scale, side * scale, |x, y| {
            pixels[(y / scale) * side + x / scale]
        });
        let grids = image.detect_grids();
        assert_eq!(grids.len(), 1, "one symbol");
        grids[0].decode().expect("decodes").1
    }

    #[test]
    fn the_drawn_code_reads_back_as_the_activation_address() {
        let address = "https://th-muong-khuong.example.vn/kich-hoat?ma=7KQ2-M9XD-4RTA";
        assert_eq!(decode(address), address);
        let long = format!("https://truong.example.vn/kich-hoat?ma={}", "A".repeat(200));
        assert_eq!(decode(&long), long);
    }

    #[test]
    fn runs_of_dark_modules_are_merged_and_offset_by_the_quiet_zone() {
        let d = path(3, &[true, true, false, false, false, false, true, false, true]);
        assert_eq!(d, "M4 4h2v1h-2zM4 6h1v1h-1zM6 6h1v1h-1z");
    }
}
