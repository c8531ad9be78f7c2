//! The visible appearance of a signature: a framed box with a few lines of Vietnamese text (signer,
//! role, date), drawn in a form XObject with its own subset of the bundled font (the document's
//! subset may lack the glyphs of the signer's name or the date).

use crate::document::Rect;
use crate::render::{BOLD_TTF, REGULAR_TTF};
use crate::update::Update;
use crate::PdfError;
use lopdf::{Dictionary, Object, ObjectId, Stream, StringFormat};
use std::collections::BTreeMap;
use std::io::Write;

/// One line of the appearance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppearanceLine {
    pub text: String,
    pub bold: bool,
}

impl AppearanceLine {
    pub fn regular(text: impl Into<String>) -> AppearanceLine {
        AppearanceLine { text: text.into(), bold: false }
    }

    pub fn bold(text: impl Into<String>) -> AppearanceLine {
        AppearanceLine { text: text.into(), bold: true }
    }
}

/// Largest and smallest font size of the appearance text, in points.
const MAX_SIZE: f32 = 8.0;
const MIN_SIZE: f32 = 4.0;
const PADDING: f32 = 3.0;

/// A face with the glyphs used so far (old glyph id → char), to subset and describe.
struct FaceUse {
    face: ttf_parser::Face<'static>,
    data: &'static [u8],
    used: BTreeMap<u16, char>,
}

impl FaceUse {
    fn new(data: &'static [u8]) -> Result<FaceUse, PdfError> {
        let face = ttf_parser::Face::parse(data, 0).map_err(|e| PdfError::Font(e.to_string()))?;
        Ok(FaceUse { face, data, used: BTreeMap::new() })
    }

    fn scale(&self) -> f32 {
        1000.0 / f32::from(self.face.units_per_em())
    }

    /// Width of `text` in thousandths of the font size.
    fn width(&self, text: &str) -> f32 {
        text.chars()
            .map(|c| {
                let gid = self.face.glyph_index(c).unwrap_or(ttf_parser::GlyphId(0));
                f32::from(self.face.glyph_hor_advance(gid).unwrap_or(0)) * self.scale()
            })
            .sum()
    }

    fn note(&mut self, text: &str) {
        for c in text.chars() {
            if let Some(gid) = self.face.glyph_index(c) {
                self.used.insert(gid.0, c);
            }
        }
    }
}

/// Adds the appearance of a signature box to the update and answers the form XObject's id.
pub(crate) fn add_appearance(
    update: &mut Update<'_>,
    rect: Rect,
    lines: &[AppearanceLine],
) -> Result<ObjectId, PdfError> {
    let lines: Vec<AppearanceLine> = lines
        .iter()
        .map(|l| AppearanceLine { text: hocba_core::text::clean(&l.text), bold: l.bold })
        .filter(|l| !l.text.is_empty())
        .collect();
    let mut regular = FaceUse::new(REGULAR_TTF)?;
    let mut bold = FaceUse::new(BOLD_TTF)?;

    // The largest size (up to MAX_SIZE) at which every line fits the width and all lines the height.
    let inner_width = (rect.width - 2.0 * PADDING).max(1.0);
    let inner_height = (rect.height - 2.0 * PADDING).max(1.0);
    let widest = lines
        .iter()
        .map(|l| if l.bold { bold.width(&l.text) } else { regular.width(&l.text) } / 1000.0)
        .fold(0.0_f32, f32::max);
    let by_width = if widest > 0.0 { inner_width / widest } else { MAX_SIZE };
    let by_height = inner_height / (lines.len().max(1) as f32 * 1.2);
    let size = by_width.min(by_height).clamp(MIN_SIZE, MAX_SIZE);
    let leading = size * 1.2;

    for line in &lines {
        if line.bold {
            bold.note(&line.text)
        } else {
            regular.note(&line.text)
        }
    }
    let orders = [subset_order(&regular), subset_order(&bold)];

    let mut content = Vec::new();
    let w = rect.width;
    let h = rect.height;
    // A thin dark-blue frame, then the lines centred in the box.
    writeln!(content, "q 0.12 0.25 0.55 RG 0.8 w 0.5 0.5 {:.2} {:.2} re S Q", w - 1.0, h - 1.0).map_err(io)?;
    let block = leading * lines.len() as f32;
    let mut baseline = h / 2.0 + block / 2.0 - size;
    content.extend_from_slice(b"BT 0.12 0.25 0.55 rg\n");
    for line in &lines {
        let (face, order, font) = if line.bold { (&bold, &orders[1], "F2") } else { (&regular, &orders[0], "F1") };
        let width = face.width(&line.text) / 1000.0 * size;
        let x = ((w - width) / 2.0).max(PADDING);
        write!(content, "/{font} {size:.2} Tf 1 0 0 1 {x:.2} {baseline:.2} Tm <").map_err(io)?;
        for c in line.text.chars() {
            let old = face.face.glyph_index(c).map_or(0, |g| g.0);
            write!(content, "{:04X}", order.get(&old).copied().unwrap_or(0)).map_err(io)?;
        }
        content.extend_from_slice(b"> Tj\n");
        baseline -= leading;
    }
    content.extend_from_slice(b"ET\n");

    let mut fonts = Dictionary::new();
    for (name, face, order) in [("F1", &regular, &orders[0]), ("F2", &bold, &orders[1])] {
        if !face.used.is_empty() {
            fonts.set(name, Object::Reference(add_font(update, face, order)?));
        }
    }

    let mut resources = Dictionary::new();
    resources.set("Font", Object::Dictionary(fonts));
    let mut dict = Dictionary::new();
    dict.set("Type", Object::Name(b"XObject".to_vec()));
    dict.set("Subtype", Object::Name(b"Form".to_vec()));
    dict.set("BBox", Object::Array(vec![0.into(), 0.into(), Object::Real(w), Object::Real(h)]));
    dict.set("Resources", Object::Dictionary(resources));
    let stream = compressed(dict, &content)?;
    Ok(update.add(Object::Stream(stream)))
}

fn io(e: std::io::Error) -> PdfError {
    PdfError::Render(e.to_string())
}

/// Old glyph id → new glyph id in the subset (0 stays .notdef; the others in increasing order).
fn subset_order(face: &FaceUse) -> BTreeMap<u16, u16> {
    let mut map = BTreeMap::new();
    map.insert(0, 0);
    for (i, old) in face.used.keys().filter(|g| **g != 0).enumerate() {
        map.insert(*old, u16::try_from(i + 1).unwrap_or(u16::MAX));
    }
    map
}

/// The objects of one embedded appearance font, without their references to each other.
struct FontParts {
    file: Stream,
    descriptor: Dictionary,
    cid_font: Dictionary,
    to_unicode: Stream,
    font: Dictionary,
}

/// Fonts already subset, by face and used glyphs: a school signs every pupil's documents with the
/// same names (and nearly the same dates), so subsetting and compressing the font again for every
/// signature was most of the cost of a visible signature.
type FontCache = std::collections::HashMap<(usize, Vec<(u16, char)>), std::sync::Arc<FontParts>>;

fn font_cache() -> &'static std::sync::Mutex<FontCache> {
    static CACHE: std::sync::OnceLock<std::sync::Mutex<FontCache>> = std::sync::OnceLock::new();
    CACHE.get_or_init(Default::default)
}

/// Most entries kept (the cache is emptied when full).
const FONT_CACHE_SIZE: usize = 256;

/// Embeds a subset of `face` with the used glyphs as a Type0 / CIDFontType2 font (Identity-H,
/// identity CID-to-GID map over the subset's numbering) with widths and a ToUnicode map.
fn add_font(update: &mut Update<'_>, face: &FaceUse, order: &BTreeMap<u16, u16>) -> Result<ObjectId, PdfError> {
    let key = (face.data.as_ptr() as usize, face.used.iter().map(|(g, c)| (*g, *c)).collect::<Vec<_>>());
    let cached = font_cache().lock().ok().and_then(|cache| cache.get(&key).cloned());
    let parts = match cached {
        Some(parts) => parts,
        None => {
            let parts = std::sync::Arc::new(font_parts(face, order)?);
            if let Ok(mut cache) = font_cache().lock() {
                if cache.len() >= FONT_CACHE_SIZE {
                    cache.clear();
                }
                cache.insert(key, parts.clone());
            }
            parts
        }
    };
    let file_id = update.add(Object::Stream(parts.file.clone()));
    let mut descriptor = parts.descriptor.clone();
    descriptor.set("FontFile2", Object::Reference(file_id));
    let descriptor_id = update.add(Object::Dictionary(descriptor));
    let mut cid_font = parts.cid_font.clone();
    cid_font.set("FontDescriptor", Object::Reference(descriptor_id));
    let cid_font_id = update.add(Object::Dictionary(cid_font));
    let to_unicode_id = update.add(Object::Stream(parts.to_unicode.clone()));
    let mut font = parts.font.clone();
    font.set("DescendantFonts", Object::Array(vec![Object::Reference(cid_font_id)]));
    font.set("ToUnicode", Object::Reference(to_unicode_id));
    Ok(update.add(Object::Dictionary(font)))
}

fn font_parts(face: &FaceUse, order: &BTreeMap<u16, u16>) -> Result<FontParts, PdfError> {
    let mut remapper = subsetter::GlyphRemapper::new();
    for old in order.keys() {
        remapper.remap(*old);
    }
    let subset = subsetter::subset(face.data, 0, &remapper).map_err(|e| PdfError::Font(format!("subset: {e:?}")))?;
    let base_name = format!(
        "{}+{}",
        subset_tag(order),
        face.face
            .names()
            .into_iter()
            .find(|n| n.name_id == ttf_parser::name_id::POST_SCRIPT_NAME)
            .and_then(|n| n.to_string())
            .unwrap_or_else(|| "NotoSerif".into())
    );

    let mut file_dict = Dictionary::new();
    file_dict.set("Length1", Object::Integer(subset.len() as i64));
    let file = compressed(file_dict, &subset)?;

    let scale = face.scale();
    let bbox = face.face.global_bounding_box();
    let mut descriptor = Dictionary::new();
    descriptor.set("Type", Object::Name(b"FontDescriptor".to_vec()));
    descriptor.set("FontName", Object::Name(base_name.clone().into_bytes()));
    descriptor.set("Flags", Object::Integer(6));
    descriptor.set(
        "FontBBox",
        Object::Array(
            [bbox.x_min, bbox.y_min, bbox.x_max, bbox.y_max]
                .iter()
                .map(|v| Object::Integer((f32::from(*v) * scale) as i64))
                .collect(),
        ),
    );
    descriptor.set("ItalicAngle", Object::Integer(0));
    descriptor.set("Ascent", Object::Integer((f32::from(face.face.ascender()) * scale) as i64));
    descriptor.set("Descent", Object::Integer((f32::from(face.face.descender()) * scale) as i64));
    descriptor.set("CapHeight", Object::Integer((f32::from(face.face.capital_height().unwrap_or(700)) * scale) as i64));
    descriptor.set("StemV", Object::Integer(80));

    let widths: Vec<Object> = order
        .keys()
        .map(|old| {
            let advance = face.face.glyph_hor_advance(ttf_parser::GlyphId(*old)).unwrap_or(0);
            Object::Integer((f32::from(advance) * scale).round() as i64)
        })
        .collect();
    let mut system_info = Dictionary::new();
    system_info.set("Registry", Object::String(b"Adobe".to_vec(), StringFormat::Literal));
    system_info.set("Ordering", Object::String(b"Identity".to_vec(), StringFormat::Literal));
    system_info.set("Supplement", Object::Integer(0));
    let mut cid_font = Dictionary::new();
    cid_font.set("Type", Object::Name(b"Font".to_vec()));
    cid_font.set("Subtype", Object::Name(b"CIDFontType2".to_vec()));
    cid_font.set("BaseFont", Object::Name(base_name.clone().into_bytes()));
    cid_font.set("CIDSystemInfo", Object::Dictionary(system_info));
    cid_font.set("CIDToGIDMap", Object::Name(b"Identity".to_vec()));
    cid_font.set("W", Object::Array(vec![Object::Integer(0), Object::Array(widths)]));

    let to_unicode = compressed(Dictionary::new(), &to_unicode(face, order))?;
    let mut font = Dictionary::new();
    font.set("Type", Object::Name(b"Font".to_vec()));
    font.set("Subtype", Object::Name(b"Type0".to_vec()));
    font.set("BaseFont", Object::Name(base_name.into_bytes()));
    font.set("Encoding", Object::Name(b"Identity-H".to_vec()));
    Ok(FontParts { file, descriptor, cid_font, to_unicode, font })
}

/// Six upper-case letters derived from the glyph set (PDF subset tag).
fn subset_tag(order: &BTreeMap<u16, u16>) -> String {
    let mut hash: u32 = 2_166_136_261;
    for old in order.keys() {
        for b in old.to_be_bytes() {
            hash = (hash ^ u32::from(b)).wrapping_mul(16_777_619);
        }
    }
    (0..6).map(|i| char::from(b'A' + u8::try_from((hash >> (i * 5)) % 26).unwrap_or(0))).collect()
}

fn to_unicode(face: &FaceUse, order: &BTreeMap<u16, u16>) -> Vec<u8> {
    let mut cmap = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
         /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
         /CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
         1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    );
    let pairs: Vec<(u16, char)> =
        face.used.iter().filter_map(|(old, c)| order.get(old).map(|new| (*new, *c))).collect();
    for chunk in pairs.chunks(100) {
        cmap.push_str(&format!("{} beginbfchar\n", chunk.len()));
        for (new, c) in chunk {
            let utf16: String = c.encode_utf16(&mut [0; 2]).iter().map(|u| format!("{u:04X}")).collect();
            cmap.push_str(&format!("<{new:04X}> <{utf16}>\n"));
        }
        cmap.push_str("endbfchar\n");
    }
    cmap.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    cmap.into_bytes()
}

/// A Flate-compressed stream.
pub(crate) fn compressed(mut dict: Dictionary, data: &[u8]) -> Result<Stream, PdfError> {
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::with_capacity(data.len() / 2), flate2::Compression::fast());
    encoder.write_all(data).map_err(io)?;
    let bytes = encoder.finish().map_err(io)?;
    dict.set("Filter", Object::Name(b"FlateDecode".to_vec()));
    let mut stream = Stream::new(dict, bytes);
    stream.allows_compression = false;
    Ok(stream)
}
