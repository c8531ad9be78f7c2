//! Text measurement and word wrapping with the real glyph advances of the embedded fonts.
//!
//! printpdf draws each character with its font's advance width and no kerning or shaping, so the
//! sum of `hmtx` advances is exactly the width on the page.

use crate::PdfError;

/// Characters below this code point have their advance precomputed (Latin, Vietnamese up to
/// U+1EF9, general punctuation such as "–" and "…").
const TABLE_END: u32 = 0x2200;

/// Horizontal metrics of one font face (owns the font file, so fonts read at run time work too).
pub(crate) struct Metrics {
    ttf: Vec<u8>,
    units_per_em: f32,
    /// Advance in font units of every character below [`TABLE_END`].
    advances: Vec<u16>,
}

impl Metrics {
    pub fn new(ttf: Vec<u8>) -> Result<Metrics, PdfError> {
        let face = ttf_parser::Face::parse(&ttf, 0).map_err(|e| PdfError::Font(e.to_string()))?;
        let units_per_em = f32::from(face.units_per_em());
        let advances = (0..TABLE_END).map(|cp| char::from_u32(cp).map_or(0, |c| lookup(&face, c))).collect();
        Ok(Metrics { ttf, units_per_em, advances })
    }

    fn face(&self) -> Option<ttf_parser::Face<'_>> {
        ttf_parser::Face::parse(&self.ttf, 0).ok()
    }

    #[cfg(test)]
    /// Whether the font has a glyph for every character of `text` (space and line breaks aside).
    pub fn covers(&self, text: &str) -> bool {
        let Some(face) = self.face() else {
            return false;
        };
        text.chars().filter(|c| !c.is_whitespace()).all(|c| face.glyph_index(c).is_some())
    }

    fn advance(&self, c: char) -> u32 {
        match self.advances.get(c as usize) {
            Some(units) => u32::from(*units),
            // Rare characters beyond the table: parse the face again (cheap: table directory only).
            None => self.face().map_or(0, |face| u32::from(lookup(&face, c))),
        }
    }

    fn units(&self, text: &str) -> u32 {
        text.chars().map(|c| self.advance(c)).sum()
    }

    /// Advance of `c` in thousandths of the font size.
    pub fn thousandths(&self, c: char) -> f32 {
        self.advance(c) as f32 * 1000.0 / self.units_per_em
    }

    /// Width of `text` in points at `size` points.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        self.units(text) as f32 * size / self.units_per_em
    }

    /// Breaks `text` into lines no wider than `max_width` points: at spaces where possible, inside a
    /// word only when the word alone is wider than the line. Explicit line breaks are kept. Always
    /// returns at least one line (possibly empty).
    pub fn wrap(&self, text: &str, size: f32, max_width: f32) -> Vec<String> {
        // Work in font units; widths add up because there is no kerning.
        let max = (max_width * self.units_per_em / size).max(0.0) as u32;
        let space = self.advance(' ');
        let mut lines = Vec::new();
        for paragraph in text.split('\n') {
            let (mut line, mut line_units) = (String::new(), 0u32);
            for word in paragraph.split_whitespace() {
                let word_units = self.units(word);
                if !line.is_empty() && line_units + space + word_units <= max {
                    line.push(' ');
                    line.push_str(word);
                    line_units += space + word_units;
                    continue;
                }
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                }
                line_units = 0;
                if word_units <= max {
                    line.push_str(word);
                    line_units = word_units;
                    continue;
                }
                // A word longer than the line (a URL, a run of dots): cut it where it overflows.
                for c in word.chars() {
                    let c_units = self.advance(c);
                    if !line.is_empty() && line_units + c_units > max {
                        lines.push(std::mem::take(&mut line));
                        line_units = 0;
                    }
                    line.push(c);
                    line_units += c_units;
                }
            }
            lines.push(line);
        }
        lines
    }
}

fn lookup(face: &ttf_parser::Face<'_>, c: char) -> u16 {
    let glyph = face.glyph_index(c).unwrap_or(ttf_parser::GlyphId(0));
    face.glyph_hor_advance(glyph).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fonts::REGULAR_TTF;

    fn metrics() -> Metrics {
        Metrics::new(REGULAR_TTF.to_vec()).expect("bundled font parses")
    }

    #[test]
    fn vietnamese_letters_are_covered_and_measured() {
        let m = metrics();
        assert!(m.covers("Giàng Thị Mỷ — Hoàn thành xuất sắc, Nguyễn Đức Ưng ơ ư ă â đ ê ô"));
        let w = m.width("Giàng Thị Mỷ", 10.0);
        assert!(w > 40.0 && w < 90.0, "{w}");
        assert!((m.width("ab", 10.0) - m.width("a", 10.0) - m.width("b", 10.0)).abs() < 1e-3);
    }

    #[test]
    fn long_comment_wraps_within_the_width() {
        let m = metrics();
        let text = "Em đọc lưu loát, viết đúng chính tả, trình bày sạch đẹp; biết vận dụng kiến thức \
                    đã học để giải quyết các tình huống trong cuộc sống hằng ngày.";
        let lines = m.wrap(text, 9.5, 150.0);
        assert!(lines.len() >= 3, "{lines:?}");
        assert!(lines.iter().all(|l| m.width(l, 9.5) <= 150.0));
        assert_eq!(lines.join(" "), text.split_whitespace().collect::<Vec<_>>().join(" "));
    }

    #[test]
    fn overlong_word_is_cut_and_breaks_are_kept() {
        let m = metrics();
        let lines = m.wrap(&"x".repeat(200), 10.0, 50.0);
        assert!(lines.len() > 3 && lines.iter().all(|l| m.width(l, 10.0) <= 50.0));
        assert_eq!(m.wrap("một\nhai", 10.0, 500.0), ["một", "hai"]);
        assert_eq!(m.wrap("", 10.0, 500.0), [""]);
    }
}
