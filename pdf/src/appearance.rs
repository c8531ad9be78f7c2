//! The visible appearance of a signature: a framed box with a few lines of Vietnamese text (signer,
//! role, date), drawn in a form XObject with the document's prebuilt font subsets when it has them,
//! else with its own subset of the bundled fonts. Lines wrap at spaces so the text stays readable
//! (at least [`MIN_SIZE`] points) in a small box. The school seal's appearance is red, with the
//! school's seal image beside its lines when the template names one, else a drawn round seal (two
//! rings and a star).

use crate::cache::PdfCache;
use crate::document::Rect;
use crate::fonts::{FontObjects, FontParts, BOLD_TTF, REGULAR_TTF};
use crate::update::Update;
use crate::PdfError;
use lopdf::{Dictionary, Object, ObjectId, Stream, StringFormat};
use std::collections::BTreeMap;
use std::io::Write;
use std::sync::Arc;

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

/// Largest and smallest font size of the appearance text, in points (below the smallest, lines
/// are set smaller only when even wrapped they do not fit).
const MAX_SIZE: f32 = 8.0;
const MIN_SIZE: f32 = 5.5;
const PADDING: f32 = 3.0;
/// The seal image's name in its appearance's resources.
const SEAL_IMAGE_NAME: &str = "Seal";

/// Ink of a person's signature (dark blue) and of the school seal (seal red), as RGB.
const BLUE: &str = "0.12 0.25 0.55";
const RED: &str = "0.80 0.08 0.10";

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
///
/// A document written by a [`crate::Renderer`] of this process still carries its prebuilt font
/// subsets unchanged: the appearance then draws with them (when they have every character it needs)
/// and the update holds only its small content stream. Otherwise it embeds its own subsets.
pub(crate) fn add_appearance(
    update: &mut Update<'_>,
    place: crate::document::SignatureBox,
    lines: &[AppearanceLine],
    cache: &PdfCache,
) -> Result<ObjectId, PdfError> {
    let seal = (place.role == crate::document::SignerRole::Seal).then(|| match cache.seal_image() {
        Some(image) => SealMark::Image {
            id: image.add_objects(|stream| update.add(Object::Stream(stream))),
            aspect: image.width as f32 / image.height.max(1) as f32,
        },
        None => SealMark::Drawn,
    });
    let rect = place.rect;
    let lines: Vec<AppearanceLine> = lines
        .iter()
        .map(|l| AppearanceLine { text: hocba_core::text::clean(&l.text), bold: l.bold })
        .filter(|l| !l.text.is_empty())
        .collect();
    if let Some(fonts) = document_fonts(update, cache) {
        if let Some(form) = with_document_fonts(&fonts, rect, &lines, seal)? {
            return Ok(update.add(Object::Stream(form)));
        }
    }
    with_own_fonts(update, rect, &lines, cache, seal)
}

/// What the seal's appearance shows at the left of its box.
#[derive(Debug, Clone, Copy)]
enum SealMark {
    /// A drawn round seal (two rings and a star).
    Drawn,
    /// The school's seal image (an image XObject added to the update; width / height).
    Image { id: ObjectId, aspect: f32 },
}

/// The prebuilt fonts of the renderer that wrote the original, if its font objects are still there
/// as written: the same bytes under the same object numbers.
fn document_fonts(update: &Update<'_>, cache: &PdfCache) -> Option<Arc<FontObjects>> {
    cache.prebuilt_fonts().into_iter().find(|fonts| {
        let Some(&(first, at)) = fonts.offsets.first() else {
            return false;
        };
        let Some(base) = update.offset_of(first).and_then(|offset| offset.checked_sub(at)) else {
            return false;
        };
        fonts.offsets.iter().all(|(number, at)| update.offset_of(*number) == Some(base + at))
            && update.original.get(base..base + fonts.bytes.len()) == Some(fonts.bytes.as_slice())
    })
}

/// The appearance drawn with the document's prebuilt subsets, or `None` if they lack a character.
fn with_document_fonts(
    fonts: &FontObjects,
    rect: Rect,
    lines: &[AppearanceLine],
    seal: Option<SealMark>,
) -> Result<Option<Stream>, PdfError> {
    let table = |bold: bool| &fonts.faces[usize::from(bold)];
    let drawable = lines.iter().all(|l| l.text.chars().all(|c| table(l.bold).get(c).is_some()));
    if !drawable {
        return Ok(None);
    }
    let width = |line: &AppearanceLine| -> f32 {
        line.text.chars().filter_map(|c| table(line.bold).get(c)).map(|(_, advance)| advance).sum()
    };
    let glyph = |bold: bool, c: char| table(bold).get(c).map_or(0, |(gid, _)| gid);
    let mut resources = Dictionary::new();
    for (name, bold, number) in [("F1", false, fonts.regular), ("F2", true, fonts.bold)] {
        if lines.iter().any(|l| l.bold == bold) {
            resources.set(name, Object::Reference((number, 0)));
        }
    }
    form(rect, lines, seal, width, glyph, resources).map(Some)
}

/// The appearance with its own subsets of the bundled fonts, embedded in the update.
fn with_own_fonts(
    update: &mut Update<'_>,
    rect: Rect,
    lines: &[AppearanceLine],
    cache: &PdfCache,
    seal: Option<SealMark>,
) -> Result<ObjectId, PdfError> {
    let mut regular = FaceUse::new(REGULAR_TTF)?;
    let mut bold = FaceUse::new(BOLD_TTF)?;
    for line in lines {
        if line.bold {
            bold.note(&line.text)
        } else {
            regular.note(&line.text)
        }
    }
    let orders = [subset_order(&regular), subset_order(&bold)];
    let faces = [&regular, &bold];
    let width = |line: &AppearanceLine| faces[usize::from(line.bold)].width(&line.text);
    let glyph = |bold: bool, c: char| {
        let index = usize::from(bold);
        let old = faces[index].face.glyph_index(c).map_or(0, |g| g.0);
        orders[index].get(&old).copied().unwrap_or(0)
    };
    let mut resources = Dictionary::new();
    for (name, face, order) in [("F1", &regular, &orders[0]), ("F2", &bold, &orders[1])] {
        if !face.used.is_empty() {
            resources.set(name, Object::Reference(add_font(update, face, order, cache)?));
        }
    }
    let stream = form(rect, lines, seal, width, glyph, resources)?;
    Ok(update.add(Object::Stream(stream)))
}

/// Wraps `lines` at spaces to `room` points at font size `size` (a word wider than `room` stays
/// on its own line); `width` answers a line's width in thousandths of the font size.
fn wrap(
    lines: &[AppearanceLine],
    room: f32,
    size: f32,
    width: &impl Fn(&AppearanceLine) -> f32,
) -> Vec<AppearanceLine> {
    let mut out = Vec::new();
    for line in lines {
        let mut current = String::new();
        for word in line.text.split(' ').filter(|w| !w.is_empty()) {
            let candidate = if current.is_empty() { word.to_string() } else { format!("{current} {word}") };
            let fits = width(&AppearanceLine { text: candidate.clone(), bold: line.bold }) / 1000.0 * size <= room;
            if fits || current.is_empty() {
                current = candidate;
            } else {
                out.push(AppearanceLine { text: std::mem::take(&mut current), bold: line.bold });
                current = word.to_string();
            }
        }
        if !current.is_empty() {
            out.push(AppearanceLine { text: current, bold: line.bold });
        }
    }
    out
}

/// The largest size from [`MAX_SIZE`] down to [`MIN_SIZE`] at which the wrapped lines fit `width` ×
/// `height`, with those lines; when none does, the unwrapped lines shrunk to fit.
fn layout(
    lines: &[AppearanceLine],
    room_width: f32,
    room_height: f32,
    width: &impl Fn(&AppearanceLine) -> f32,
) -> (f32, Vec<AppearanceLine>) {
    let mut size = MAX_SIZE;
    while size >= MIN_SIZE {
        let wrapped = wrap(lines, room_width, size, width);
        let widest = wrapped.iter().map(|l| width(l) / 1000.0 * size).fold(0.0_f32, f32::max);
        if widest <= room_width && wrapped.len() as f32 * size * 1.2 <= room_height {
            return (size, wrapped);
        }
        size -= 0.25;
    }
    let widest = lines.iter().map(|l| width(l) / 1000.0).fold(0.0_f32, f32::max);
    let by_width = if widest > 0.0 { room_width / widest } else { MAX_SIZE };
    let by_height = room_height / (lines.len().max(1) as f32 * 1.2);
    (by_width.min(by_height).clamp(1.0, MAX_SIZE), lines.to_vec())
}

/// A drawn round seal of diameter `d` at (`x`, `y`) (bottom-left of its square): two rings and a
/// five-pointed star, in the current stroke and fill colour.
fn seal_mark(content: &mut Vec<u8>, x: f32, y: f32, d: f32) -> Result<(), PdfError> {
    let (cx, cy) = (x + d / 2.0, y + d / 2.0);
    let circle = |content: &mut Vec<u8>, r: f32| -> std::io::Result<()> {
        // Four Bézier quarter arcs.
        let k = 0.552_284_8 * r;
        writeln!(content, "{:.2} {:.2} m", cx + r, cy)?;
        writeln!(content, "{:.2} {:.2} {:.2} {:.2} {:.2} {:.2} c", cx + r, cy + k, cx + k, cy + r, cx, cy + r)?;
        writeln!(content, "{:.2} {:.2} {:.2} {:.2} {:.2} {:.2} c", cx - k, cy + r, cx - r, cy + k, cx - r, cy)?;
        writeln!(content, "{:.2} {:.2} {:.2} {:.2} {:.2} {:.2} c", cx - r, cy - k, cx - k, cy - r, cx, cy - r)?;
        writeln!(content, "{:.2} {:.2} {:.2} {:.2} {:.2} {:.2} c S", cx + k, cy - r, cx + r, cy - k, cx + r, cy)
    };
    writeln!(content, "1.2 w").map_err(io)?;
    circle(content, d / 2.0 - 0.8).map_err(io)?;
    writeln!(content, "0.5 w").map_err(io)?;
    circle(content, d / 2.0 - 3.0).map_err(io)?;
    // The star: ten points, alternately on the outer and inner radius, the first straight up.
    let (outer, inner) = (d * 0.22, d * 0.09);
    for i in 0..10 {
        let r = if i % 2 == 0 { outer } else { inner };
        let angle = std::f32::consts::FRAC_PI_2 + i as f32 * std::f32::consts::PI / 5.0;
        let op = if i == 0 { "m" } else { "l" };
        writeln!(content, "{:.2} {:.2} {op}", cx + r * angle.cos(), cy + r * angle.sin()).map_err(io)?;
    }
    writeln!(content, "f").map_err(io)?;
    Ok(())
}

/// The form XObject: a thin frame, then the lines (wrapped as needed) centred in the box at the
/// largest size (up to [`MAX_SIZE`]) at which they fit, in the ink of a person or of the seal; the
/// seal's lines sit beside its mark (drawn, or the school's seal image). `width` answers a line's width in thousandths of
/// the font size, `glyph` the glyph id of a character in the regular (`false`) or bold (`true`)
/// font, `fonts` the /Font resources (/F1 regular, /F2 bold).
fn form(
    rect: Rect,
    lines: &[AppearanceLine],
    seal: Option<SealMark>,
    width: impl Fn(&AppearanceLine) -> f32,
    glyph: impl Fn(bool, char) -> u16,
    fonts: Dictionary,
) -> Result<Stream, PdfError> {
    let w = rect.width;
    let h = rect.height;
    let ink = if seal.is_some() { RED } else { BLUE };
    // The seal's mark takes the left of the box, as tall as the box allows.
    let mark = if seal.is_some() { (h - 2.0).min(w * 0.4) } else { 0.0 };
    let text_left = if seal.is_some() { mark + 2.0 } else { PADDING };
    let room_width = (w - text_left - PADDING).max(1.0);
    let room_height = (h - 2.0 * PADDING).max(1.0);
    let (size, lines) = layout(lines, room_width, room_height, &width);
    let leading = size * 1.2;

    let mut content = Vec::new();
    writeln!(content, "q {ink} RG 0.8 w 0.5 0.5 {:.2} {:.2} re S Q", w - 1.0, h - 1.0).map_err(io)?;
    let mut resources = Dictionary::new();
    match seal {
        Some(SealMark::Drawn) => {
            writeln!(content, "q {ink} RG {ink} rg").map_err(io)?;
            seal_mark(&mut content, 1.0, (h - mark) / 2.0, mark)?;
            writeln!(content, "Q").map_err(io)?;
        }
        Some(SealMark::Image { id, aspect }) => {
            // Fitted in the mark's square, its aspect ratio kept.
            let (iw, ih) = if aspect >= 1.0 { (mark, mark / aspect) } else { (mark * aspect, mark) };
            let (x, y) = (1.0 + (mark - iw) / 2.0, (h - ih) / 2.0);
            writeln!(content, "q {iw:.2} 0 0 {ih:.2} {x:.2} {y:.2} cm /{SEAL_IMAGE_NAME} Do Q").map_err(io)?;
            let mut xobjects = Dictionary::new();
            xobjects.set(SEAL_IMAGE_NAME, Object::Reference(id));
            resources.set("XObject", Object::Dictionary(xobjects));
        }
        None => {}
    }
    let block = leading * lines.len() as f32;
    let mut baseline = h / 2.0 + block / 2.0 - size;
    writeln!(content, "BT {ink} rg").map_err(io)?;
    for line in &lines {
        let font = if line.bold { "F2" } else { "F1" };
        let line_width = width(line) / 1000.0 * size;
        let x = text_left + ((room_width - line_width) / 2.0).max(0.0);
        write!(content, "/{font} {size:.2} Tf 1 0 0 1 {x:.2} {baseline:.2} Tm <").map_err(io)?;
        for c in line.text.chars() {
            write!(content, "{:04X}", glyph(line.bold, c)).map_err(io)?;
        }
        content.extend_from_slice(b"> Tj\n");
        baseline -= leading;
    }
    content.extend_from_slice(b"ET\n");

    resources.set("Font", Object::Dictionary(fonts));
    let mut dict = Dictionary::new();
    dict.set("Type", Object::Name(b"XObject".to_vec()));
    dict.set("Subtype", Object::Name(b"Form".to_vec()));
    dict.set("BBox", Object::Array(vec![0.into(), 0.into(), Object::Real(w), Object::Real(h)]));
    dict.set("Resources", Object::Dictionary(resources));
    compressed(dict, &content)
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

/// Embeds a subset of `face` with the used glyphs as a Type0 / CIDFontType2 font (Identity-H,
/// identity CID-to-GID map over the subset's numbering) with widths and a ToUnicode map.
fn add_font(
    update: &mut Update<'_>,
    face: &FaceUse,
    order: &BTreeMap<u16, u16>,
    cache: &PdfCache,
) -> Result<ObjectId, PdfError> {
    let key = (face.data.as_ptr() as usize, face.used.iter().map(|(g, c)| (*g, *c)).collect::<Vec<_>>());
    let parts = match cache.font_parts(&key) {
        Some(parts) => parts,
        None => {
            let parts = Arc::new(font_parts(face, order)?);
            cache.keep_font_parts(key, parts.clone());
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
    let bytes = crate::writer::deflate_fast(data).map_err(io)?;
    dict.set("Filter", Object::Name(b"FlateDecode".to_vec()));
    let mut stream = Stream::new(dict, bytes);
    stream.allows_compression = false;
    Ok(stream)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{sign_with, Renderer, Scope, SignatureBox, SignatureRequest, SignerRole, SigningIdentity, Stamp};
    use hocba_core::transcript::{PupilIdentity, SchoolInfo, Transcript};

    fn transcript() -> Transcript {
        Transcript {
            school: SchoolInfo {
                id: "s".into(),
                name: "Trường Tiểu học Kim Đồng".into(),
                code: String::new(),
                commune: "Phường Đông Hà".into(),
                district: String::new(),
                province: "Quảng Trị".into(),
                principal_name: "Nguyễn Thị Ưng".into(),
            },
            pupil: PupilIdentity {
                id: "p".into(),
                national_id: None,
                full_name: "Giàng Thị Mỷ".into(),
                gender: "Nữ".into(),
                birth_date: None,
                ethnicity: "Hmông".into(),
                nationality: "Việt Nam".into(),
                birth_place: None,
                home_town: None,
                address: None,
                father_name: None,
                mother_name: None,
                guardian_name: None,
            },
            history: Vec::new(),
            years: Vec::new(),
            issued_on: String::new(),
        }
    }

    /// The bytes a visible signature with `lines` appends to a freshly rendered hand-over.
    fn signature_update(lines: Vec<AppearanceLine>) -> Vec<u8> {
        let renderer = Renderer::new().expect("renderer");
        let stamp = Stamp { code: "ABCD".into(), verify_url: "https://example.edu.vn/xac-minh/ABCD".into() };
        let now = chrono::Utc::now();
        let rendered = renderer.render(&transcript(), Scope::HandOver, &stamp, now).expect("rendered");
        let dir = tempfile::tempdir().expect("temp dir");
        let id = SigningIdentity::load_or_create(dir.path(), "Trường Tiểu học Kim Đồng").expect("identity");
        let placement = rendered.box_for(SignerRole::Principal).or(Some(SignatureBox {
            role: SignerRole::Principal,
            page: 0,
            rect: Rect { x: 50.0, y: 50.0, width: 150.0, height: 50.0 },
        }));
        let request = SignatureRequest {
            placement,
            appearance: lines,
            ..SignatureRequest::invisible("HieuTruong", "Nguyễn Thị Ưng", "Xác nhận", now)
        };
        let signed = sign_with(&rendered.pdf, &id, &request, renderer.cache()).expect("signed");
        signed[rendered.pdf.len()..].to_vec()
    }

    fn contains(haystack: &[u8], needle: &[u8]) -> bool {
        haystack.windows(needle.len()).any(|w| w == needle)
    }

    #[test]
    fn vietnamese_appearance_reuses_the_documents_fonts() {
        let update = signature_update(vec![
            AppearanceLine::bold("Đã kí số"),
            AppearanceLine::regular("Hiệu trưởng"),
            AppearanceLine::bold("Nguyễn Thị Ưng"),
            AppearanceLine::regular("Ngày kí: 25/05/2026 08:00"),
        ]);
        assert!(!contains(&update, b"FontFile2"), "no font embedded by the signature");
        assert!(contains(&update, b"/Subtype /Form"), "the appearance is there");
    }

    #[test]
    fn characters_beyond_the_documents_fonts_get_their_own_subset() {
        let update = signature_update(vec![AppearanceLine::regular("Kí bởi Ω")]);
        assert!(contains(&update, b"FontFile2"), "the appearance embeds its own subset");
    }
}
