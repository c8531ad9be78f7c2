//! The bundled fonts and the prebuilt font subsets: each face parsed once, subset to the
//! characters of Vietnamese text and the template, compressed once, and serialised once as PDF
//! objects copied into every document (and reused by signature appearances).

use crate::layout::Metrics;
use crate::writer::deflate;
use crate::PdfError;
use lopdf::{Dictionary, Stream};
use printpdf::ParsedFont;
use std::collections::BTreeMap;

/// Noto Serif Regular (SIL OFL 1.1, see `pdf-templates/fonts/OFL.txt`).
pub(crate) const REGULAR_TTF: &[u8] = include_bytes!("../../pdf-templates/fonts/NotoSerif-Regular.ttf");
/// Noto Serif Bold (SIL OFL 1.1).
pub(crate) const BOLD_TTF: &[u8] = include_bytes!("../../pdf-templates/fonts/NotoSerif-Bold.ttf");

/// Code points below this bound can be in the prebuilt font subsets (see [`prebuilt_charset`]).
pub(crate) const COVERED_END: usize = 0x2200;

/// One face: metrics for layout, the full font (fallback) and a subset covering Vietnamese text,
/// built once and embedded as is in every document.
pub(crate) struct Face {
    pub(crate) metrics: Metrics,
    pub(crate) full: ParsedFont,
    pub(crate) subset: ParsedFont,
    /// The subset's font program, as printpdf embeds it.
    pub(crate) program: Vec<u8>,
    /// `program`, deflated once.
    pub(crate) deflated: Vec<u8>,
    /// PDF font name of the subset, with its subset tag ("HBVNRG+NotoSerif-Regular").
    pub(crate) tagged_name: Vec<u8>,
    /// Glyph id in the subset of every code point below [`COVERED_END`] (0: none).
    pub(crate) glyphs: Vec<u16>,
    /// The character of each glyph id of the subset (for /ToUnicode).
    pub(crate) chars: BTreeMap<u16, char>,
}

/// The font objects of both prebuilt subsets (Type0 font, CID font, descriptor, deflated program,
/// /W and /ToUnicode over every glyph of the subset), serialised once with the object numbers 2 up,
/// and copied as they are into every document.
#[derive(Default)]
pub(crate) struct FontObjects {
    pub bytes: Vec<u8>,
    /// (object number, offset in `bytes`), in increasing numbers from 2.
    pub offsets: Vec<(u32, usize)>,
    /// Object numbers of the regular and the bold Type0 font.
    pub regular: u32,
    pub bold: u32,
    /// What the regular and the bold subset draw.
    pub faces: [GlyphTable; 2],
}

/// The glyph id in one prebuilt subset (0: none) and the advance (thousandths of the font size) of
/// every code point below [`COVERED_END`].
#[derive(Default)]
pub(crate) struct GlyphTable {
    pub(crate) glyphs: Vec<u16>,
    pub(crate) advances: Vec<f32>,
}

impl GlyphTable {
    pub(crate) fn new(face: &Face) -> GlyphTable {
        let advances =
            (0..COVERED_END as u32).map(|cp| char::from_u32(cp).map_or(0.0, |c| face.metrics.thousandths(c))).collect();
        GlyphTable { glyphs: face.glyphs.clone(), advances }
    }

    /// The glyph id and the advance of `c`, if the subset draws it.
    pub fn get(&self, c: char) -> Option<(u16, f32)> {
        let gid = self.glyphs.get(c as usize).copied().filter(|g| *g != 0)?;
        Some((gid, self.advances.get(c as usize).copied().unwrap_or(0.0)))
    }
}

pub(crate) fn parse_font(ttf: &[u8], name: &str) -> Result<ParsedFont, PdfError> {
    let mut warnings = Vec::new();
    ParsedFont::from_bytes(ttf, 0, &mut warnings).ok_or_else(|| PdfError::Font(format!("cannot parse {name}")))
}

/// The characters the prebuilt subsets hold (when the font has them): printable ASCII, Latin-1,
/// every Vietnamese letter with its tone marks, common punctuation (– — ‘ ’ “ ” • …), ₫ and №, and
/// every character of the template.
pub(crate) fn prebuilt_charset(template_source: &str) -> Vec<char> {
    let vietnamese_extra = [0x102, 0x103, 0x110, 0x111, 0x128, 0x129, 0x168, 0x169, 0x1A0, 0x1A1, 0x1AF, 0x1B0];
    let punctuation = [0x2013, 0x2014, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2026, 0x2030, 0x20AB, 0x2116];
    let mut chars: Vec<char> = (0x20..=0x7E)
        .chain(0xA0..=0xFF)
        .chain(vietnamese_extra)
        .chain(0x1EA0..=0x1EF9)
        .chain(punctuation)
        .filter_map(char::from_u32)
        .chain(template_source.chars().filter(|c| (*c as usize) < COVERED_END && !c.is_control()))
        .collect();
    chars.sort_unstable();
    chars.dedup();
    chars
}

impl Face {
    pub(crate) fn new(ttf: Vec<u8>, name: &str, tag: &str, charset: &[char]) -> Result<Face, PdfError> {
        let full = parse_font(&ttf, name)?;
        let metrics = Metrics::new(ttf)?;
        let glyphs: BTreeMap<u16, String> = charset
            .iter()
            .filter_map(|c| full.lookup_glyph_index(*c as u32).filter(|g| *g != 0).map(|g| (g, c.to_string())))
            .collect();
        let subset = printpdf::font::subset_font(&full, &glyphs).map_err(|e| PdfError::Font(format!("{name}: {e}")))?;
        let program = subset.bytes;
        let subset = parse_font(&program, name)?;
        let deflated = deflate(&program, 9).map_err(|e| PdfError::Font(format!("{name}: {e}")))?;
        // printpdf names the embedded font after the face's name table (the subset keeps it).
        let font_name = subset.font_name.clone().ok_or_else(|| PdfError::Font(format!("{name}: no font name")))?;
        let tagged_name = format!("{tag}+{font_name}").into_bytes();
        let glyphs: Vec<u16> = (0..COVERED_END as u32).map(|cp| subset.lookup_glyph_index(cp).unwrap_or(0)).collect();
        let mut chars = BTreeMap::new();
        for c in charset.iter().rev() {
            // Reversed: where characters share a glyph (space and no-break space), the first one wins.
            if let Some(gid) = glyphs.get(*c as usize).filter(|g| **g != 0) {
                chars.insert(*gid, *c);
            }
        }
        Ok(Face { metrics, full, subset, program, deflated, tagged_name, glyphs, chars })
    }

    /// Whether the prebuilt subset draws `c` (the glyph the full font would draw).
    pub(crate) fn subset_has(&self, c: char) -> bool {
        self.subset.lookup_glyph_index(c as u32).is_some_and(|g| g != 0)
            && self.full.lookup_glyph_index(c as u32).is_some_and(|g| g != 0)
    }
}

/// Marks the font names of the prebuilt subsets with their subset tag (`/BaseFont`, `/FontName`).
pub(crate) fn tag_font_names(dict: &mut lopdf::Dictionary, faces: &[&Face]) {
    for key in [b"BaseFont".as_slice(), b"FontName".as_slice()] {
        if let Ok(lopdf::Object::Name(name)) = dict.get_mut(key) {
            if let Some(face) =
                faces.iter().find(|f| f.tagged_name.ends_with(name) && f.tagged_name.len() == name.len() + 7)
            {
                name.clone_from(&face.tagged_name);
            }
        }
    }
    if let Ok(lopdf::Object::Array(fonts)) = dict.get_mut(b"DescendantFonts") {
        for font in fonts {
            if let lopdf::Object::Dictionary(inner) = font {
                tag_font_names(inner, faces);
            }
        }
    }
}

/// The objects of one embedded appearance font, without their references to each other.
pub(crate) struct FontParts {
    pub(crate) file: Stream,
    pub(crate) descriptor: Dictionary,
    pub(crate) cid_font: Dictionary,
    pub(crate) to_unicode: Stream,
    pub(crate) font: Dictionary,
}
