//! The học bạ form (TT27 Phụ lục 1): cover, identity page with quá trình học tập, one section per
//! school year. Wording comes from the template, data from [`Transcript`].

use crate::canvas::{Align, Column, Flow, Fonts, Footer, Geometry, Row, Style, LOGO_NAME, MM};
use crate::document::{Rect, Rendered, Scope, SignatureBox, SignerRole, Stamp};
use crate::image::Image;
use crate::layout::Metrics;
use crate::qr::QrRuns;
use crate::template::{scale_widths, Template, LOGO_MAX_HEIGHT, SOURCE};
use crate::PdfError;
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use hocba_core::catalogue::QualityKind;
use hocba_core::messages::result_name;
use hocba_core::text::clean;
use hocba_core::transcript::{tenths, Transcript, YearRecord};
use printpdf::{ParsedFont, PdfDocument, PdfSaveOptions};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;
use std::sync::{Arc, Mutex, OnceLock};

/// Noto Serif Regular (SIL OFL 1.1, see `pdf-templates/fonts/OFL.txt`).
pub(crate) const REGULAR_TTF: &[u8] = include_bytes!("../../pdf-templates/fonts/NotoSerif-Regular.ttf");
/// Noto Serif Bold (SIL OFL 1.1).
pub(crate) const BOLD_TTF: &[u8] = include_bytes!("../../pdf-templates/fonts/NotoSerif-Bold.ttf");

/// File name of the template in a template directory ([`Renderer::from_dir`]).
pub const TEMPLATE_FILE: &str = "hoc-ba-tt27.toml";

/// Code points below this bound can be in the prebuilt font subsets (see [`prebuilt_charset`]).
const COVERED_END: usize = 0x2200;

/// Deflate level of content streams: level 1 is several times faster than lopdf's level 9 and only
/// slightly larger on these text-and-rule streams. The font programs are compressed once, at level 9.
const CONTENT_LEVEL: u32 = 1;

/// One face: metrics for layout, the full font (fallback) and a subset covering Vietnamese text,
/// built once and embedded as is in every document.
struct Face {
    metrics: Metrics,
    full: ParsedFont,
    subset: ParsedFont,
    /// The subset's font program, as printpdf embeds it.
    program: Vec<u8>,
    /// `program`, deflated once.
    deflated: Vec<u8>,
    /// PDF font name of the subset, with its subset tag ("HBVNRG+NotoSerif-Regular").
    tagged_name: Vec<u8>,
    /// Glyph id in the subset of every code point below [`COVERED_END`] (0: none).
    glyphs: Vec<u16>,
    /// The character of each glyph id of the subset (for /ToUnicode).
    chars: BTreeMap<u16, char>,
}

/// Renders học bạ PDFs. Fonts are parsed, subset and compressed and the template is loaded once, in
/// [`Renderer::new`] or [`Renderer::from_dir`]; one renderer can be shared by all threads.
pub struct Renderer {
    template: Template,
    regular: Face,
    bold: Face,
    /// Which code points (below [`COVERED_END`]) both prebuilt subsets can draw.
    covered: Vec<bool>,
    /// Both prebuilt subsets as PDF objects, serialised once (shared with signature appearances,
    /// see [`prebuilt_fonts`]).
    fonts: Arc<FontObjects>,
    /// The cover's logo (`[cover] logo`), decoded and compressed once.
    logo: Option<Image>,
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
    glyphs: Vec<u16>,
    advances: Vec<f32>,
}

impl GlyphTable {
    fn new(face: &Face) -> GlyphTable {
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

/// The first bytes of every document the fast path writes.
const HEADER: &[u8] = b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n";

/// Has signing start from the hash state after the header and the prebuilt fonts, the same bytes at
/// the start of every document of this renderer (most of an unsigned document): the first
/// signature then hashes only the rest.
fn pin_font_prefix(fonts: &FontObjects) {
    let mut prefix = Vec::with_capacity(HEADER.len() + fonts.bytes.len());
    prefix.extend_from_slice(HEADER);
    prefix.extend_from_slice(&fonts.bytes);
    crate::sign::pin_prefix(prefix);
}

/// Renderers' font objects kept at most (the oldest is forgotten first).
const PREBUILT_KEPT: usize = 8;

fn prebuilt_registry() -> &'static Mutex<Vec<Arc<FontObjects>>> {
    static REGISTRY: OnceLock<Mutex<Vec<Arc<FontObjects>>>> = OnceLock::new();
    REGISTRY.get_or_init(Default::default)
}

/// The prebuilt font objects of the renderers made in this process, newest first: a signature
/// appearance draws with them when the document carries them unchanged.
pub(crate) fn prebuilt_fonts() -> Vec<Arc<FontObjects>> {
    prebuilt_registry().lock().map(|fonts| fonts.clone()).unwrap_or_default()
}

/// Adds a renderer's font objects to [`prebuilt_fonts`] (once for identical ones).
fn register(fonts: &Arc<FontObjects>) {
    if let Ok(mut kept) = prebuilt_registry().lock() {
        kept.retain(|f| f.bytes != fonts.bytes);
        kept.insert(0, fonts.clone());
        kept.truncate(PREBUILT_KEPT);
    }
}

/// Resource names of the two faces in the fast path.
const REGULAR_NAME: &str = "F1";
const BOLD_NAME: &str = "F2";

impl std::fmt::Debug for Renderer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Renderer").finish_non_exhaustive()
    }
}

fn parse_font(ttf: &[u8], name: &str) -> Result<ParsedFont, PdfError> {
    let mut warnings = Vec::new();
    ParsedFont::from_bytes(ttf, 0, &mut warnings).ok_or_else(|| PdfError::Font(format!("cannot parse {name}")))
}

/// The characters the prebuilt subsets hold (when the font has them): printable ASCII, Latin-1,
/// every Vietnamese letter with its tone marks, common punctuation (– — ‘ ’ “ ” • …), ₫ and №, and
/// every character of the template.
fn prebuilt_charset(template_source: &str) -> Vec<char> {
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
    fn new(ttf: Vec<u8>, name: &str, tag: &str, charset: &[char]) -> Result<Face, PdfError> {
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
    fn subset_has(&self, c: char) -> bool {
        self.subset.lookup_glyph_index(c as u32).is_some_and(|g| g != 0)
            && self.full.lookup_glyph_index(c as u32).is_some_and(|g| g != 0)
    }
}

fn deflate(bytes: &[u8], level: u32) -> std::io::Result<Vec<u8>> {
    let mut encoder =
        flate2::write::ZlibEncoder::new(Vec::with_capacity(bytes.len() / 2), flate2::Compression::new(level));
    encoder.write_all(bytes)?;
    encoder.finish()
}

/// Deflates `bytes` (zlib format) at [`CONTENT_LEVEL`] with this thread's compressor, reset between
/// streams: setting a compressor up (allocating and clearing its tables) cost more than compressing
/// a page's content stream.
pub(crate) fn deflate_fast(bytes: &[u8]) -> std::io::Result<Vec<u8>> {
    thread_local! {
        static COMPRESSOR: std::cell::RefCell<Option<flate2::Compress>> = const { std::cell::RefCell::new(None) };
    }
    COMPRESSOR.with(|cell| {
        let mut slot = cell.borrow_mut();
        let compressor =
            slot.get_or_insert_with(|| flate2::Compress::new(flate2::Compression::new(CONTENT_LEVEL), true));
        compressor.reset();
        let result = compress_all(compressor, bytes);
        if result.is_err() {
            // Start from a fresh compressor next time.
            *slot = None;
        }
        result
    })
}

/// Runs `compressor` over all of `bytes` to the end of the stream, growing the output as needed.
fn compress_all(compressor: &mut flate2::Compress, bytes: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut out = Vec::with_capacity(bytes.len() / 2 + 64);
    let mut consumed = 0;
    loop {
        let before = compressor.total_in();
        let status = compressor
            .compress_vec(&bytes[consumed..], &mut out, flate2::FlushCompress::Finish)
            .map_err(std::io::Error::other)?;
        consumed += usize::try_from(compressor.total_in() - before).map_err(std::io::Error::other)?;
        match status {
            flate2::Status::StreamEnd => return Ok(out),
            flate2::Status::Ok | flate2::Status::BufError => out.reserve(out.capacity().max(256)),
        }
    }
}

impl Renderer {
    /// Parses the bundled fonts and the bundled template (`pdf-templates/hoc-ba-tt27.toml`).
    pub fn new() -> Result<Renderer, PdfError> {
        Renderer::build(SOURCE, REGULAR_TTF.to_vec(), BOLD_TTF.to_vec(), None)
    }

    /// Loads a school's copy of the template: `dir/hoc-ba-tt27.toml` and the font files it names
    /// (`[fonts] regular`, `bold`, relative to `dir`), and the logo (`[cover] logo`, PNG or JPEG) if
    /// any. A syntax error is reported as [`PdfError::Template`] with its line and column; a missing or
    /// unreadable logo as [`PdfError::Template`] naming the file.
    pub fn from_dir(dir: &Path) -> Result<Renderer, PdfError> {
        let read =
            |path: &Path| std::fs::read(path).map_err(|source| PdfError::Io { path: path.to_path_buf(), source });
        let path = dir.join(TEMPLATE_FILE);
        let source = String::from_utf8(read(&path)?)
            .map_err(|e| PdfError::Template(format!("{}: not UTF-8: {e}", path.display())))?;
        let template =
            Template::parse(&source).map_err(|e| PdfError::Template(format!("{}: {}", path.display(), inner(e))))?;
        let regular = read(&dir.join(&template.fonts.regular))?;
        let bold = read(&dir.join(&template.fonts.bold))?;
        let logo = template.cover.logo.as_ref().map(|file| Image::load(&dir.join(file))).transpose()?;
        Renderer::build(&source, regular, bold, logo)
    }

    fn build(source: &str, regular: Vec<u8>, bold: Vec<u8>, logo: Option<Image>) -> Result<Renderer, PdfError> {
        let template = Template::parse(source)?;
        let charset = prebuilt_charset(source);
        let regular = Face::new(regular, "regular font", "HBVNRG", &charset)?;
        let bold = Face::new(bold, "bold font", "HBVNBD", &charset)?;
        let mut covered = vec![false; COVERED_END];
        for c in &charset {
            if let Some(slot) = covered.get_mut(*c as usize) {
                *slot = regular.subset_has(*c) && bold.subset_has(*c);
            }
        }
        if !"Học bạ Nguyễn Đức Ưng"
            .chars()
            .filter(|c| *c != ' ')
            .all(|c| covered.get(c as usize).copied().unwrap_or(false))
        {
            return Err(PdfError::Font("the fonts do not cover Vietnamese letters".into()));
        }
        let mut renderer = Renderer { template, regular, bold, covered, fonts: Arc::default(), logo };
        renderer.fonts = Arc::new(renderer.font_objects()?);
        register(&renderer.fonts);
        pin_font_prefix(&renderer.fonts);
        Ok(renderer)
    }

    /// Has printpdf write both subsets once, every glyph shown (so that /W and /ToUnicode cover the
    /// whole subset), and serialises the font objects with fresh numbers from 2.
    fn font_objects(&self) -> Result<FontObjects, PdfError> {
        use lopdf::Object;
        use printpdf::{Codepoint, Mm, Op, PdfFontHandle, Pt, TextItem};
        let mut doc = PdfDocument::new("fonts");
        let ids = [doc.add_font(&self.regular.subset), doc.add_font(&self.bold.subset)];
        let mut ops = vec![Op::StartTextSection];
        for (id, face) in ids.iter().zip([&self.regular, &self.bold]) {
            ops.push(Op::SetFont { font: PdfFontHandle::External(id.clone()), size: Pt(10.0) });
            let glyphs =
                face.chars.iter().map(|(gid, c)| Codepoint { gid: *gid, offset: 0.0, cid: Some(c.to_string()) });
            ops.push(Op::ShowText { items: vec![TextItem::GlyphIds(glyphs.collect())] });
        }
        ops.push(Op::EndTextSection);
        doc.with_pages(vec![printpdf::PdfPage::new(Mm(210.0), Mm(297.0), ops)]);
        let options = PdfSaveOptions { optimize: false, subset_fonts: false, secure: true, image_optimization: None };
        let mut lo = doc.to_lopdf_document(&options, &mut Vec::new());
        self.finish_streams(&mut lo)?;

        let err = |what: &str| PdfError::Font(format!("prebuilt fonts: {what}"));
        let page = lo.get_pages().into_values().next().ok_or_else(|| err("no page"))?;
        let deref = |o: &Object| -> Result<Object, PdfError> {
            match o {
                Object::Reference(id) => lo.get_object(*id).cloned().map_err(|e| err(&e.to_string())),
                other => Ok(other.clone()),
            }
        };
        let page = lo.get_dictionary(page).map_err(|e| err(&e.to_string()))?;
        let resources = deref(page.get(b"Resources").map_err(|_| err("no resources"))?)?;
        let resources = resources.as_dict().map_err(|_| err("resources"))?;
        let fonts = deref(resources.get(b"Font").map_err(|_| err("no fonts"))?)?;
        let fonts = fonts.as_dict().map_err(|_| err("fonts"))?;
        let roots = ids
            .iter()
            .map(|id| fonts.get(id.0.as_bytes()).and_then(Object::as_reference).map_err(|_| err("font reference")))
            .collect::<Result<Vec<_>, _>>()?;

        // Every object the fonts reach, numbered from 2 in the order found.
        let mut numbers: BTreeMap<lopdf::ObjectId, u32> = BTreeMap::new();
        let mut order = Vec::new();
        let mut stack: Vec<lopdf::ObjectId> = roots.iter().rev().copied().collect();
        while let Some(id) = stack.pop() {
            if numbers.contains_key(&id) {
                continue;
            }
            numbers.insert(id, 2 + order.len() as u32);
            order.push(id);
            let object = lo.get_object(id).map_err(|e| err(&e.to_string()))?;
            let mut found = Vec::new();
            references(object, &mut found);
            stack.extend(found.into_iter().rev());
        }
        let mut out = FontObjects::default();
        for id in &order {
            let object = lo.get_object(*id).map_err(|e| err(&e.to_string()))?;
            let number = numbers.get(id).copied().unwrap_or(0);
            out.offsets.push((number, out.bytes.len()));
            crate::update::write_indirect(&mut out.bytes, (number, 0), &renumber(object, &numbers))?;
        }
        out.regular = numbers.get(&roots[0]).copied().unwrap_or(0);
        out.bold = numbers.get(&roots[1]).copied().unwrap_or(0);
        out.faces = [GlyphTable::new(&self.regular), GlyphTable::new(&self.bold)];
        Ok(out)
    }

    /// Renders one document of a pupil's học bạ:
    /// - [`Scope::HandOver`]: the cover, the identity page (with the quá trình học tập table) and the
    ///   pages of every [`YearRecord`]; signature boxes for the principal and the seal on the identity page;
    /// - [`Scope::Year`]: the page(s) of one school year, under a header naming the school; boxes for the
    ///   homeroom teacher, the principal and the seal on its last page.
    ///
    /// Every page carries the verification stamp (QR code of `stamp.verify_url`, the code, how to
    /// check). A year continues on a next page when long comments need more room. `created` becomes
    /// the document's creation and modification date.
    pub fn render(
        &self,
        t: &Transcript,
        scope: Scope<'_>,
        stamp: &Stamp,
        created: DateTime<Utc>,
    ) -> Result<Rendered, PdfError> {
        let qr = QrRuns::encode(&stamp.verify_url)?;
        let fonts = Fonts { regular: &self.regular.metrics, bold: &self.bold.metrics, covered: &self.covered };
        let mut flow = Flow::new(fonts, self.geometry());
        let mut boxes = Vec::new();
        match scope {
            Scope::HandOver => {
                self.cover(&mut flow, t);
                let (page, gap_top) = self.identity(&mut flow, t);
                boxes.push(self.signer_box(&flow, SignerRole::Principal, page, 1, gap_top));
                boxes.push(self.signer_box(&flow, SignerRole::Seal, page, 1, gap_top));
                for year in &t.years {
                    self.year(&mut flow, t, year, false);
                }
            }
            Scope::Year(label) => {
                let year = t
                    .years
                    .iter()
                    .find(|y| y.school_year == label)
                    .ok_or_else(|| PdfError::Render(format!("the record has no school year {label:?}")))?;
                let (page, gap_top) = self.year(&mut flow, t, year, true);
                boxes.push(self.signer_box(&flow, SignerRole::Teacher, page, 1, gap_top));
                boxes.push(self.signer_box(&flow, SignerRole::Principal, page, 0, gap_top));
                boxes.push(self.signer_box(&flow, SignerRole::Seal, page, 0, gap_top));
            }
        }
        let s = &self.template.stamp;
        let page_url = match stamp.verify_url.rfind('/') {
            Some(at) if at > stamp.verify_url.find("//").map_or(0, |i| i + 1) => &stamp.verify_url[..at],
            _ => stamp.verify_url.as_str(),
        };
        let footer = Footer {
            number_format: &self.template.common.page_number,
            number_first: matches!(scope, Scope::Year(_)),
            qr: &qr,
            qr_size: s.qr_size * MM,
            bottom: s.bottom * MM,
            gap: s.gap * MM,
            size: s.size,
            code_line: s.code.replace("{code}", &stamp.code),
            check_line: s.line.replace("{url}", page_url).replace("{code}", &stamp.code),
        };
        flow.finish(&footer);
        let pdf = self.save(t, flow, created)?;
        Ok(Rendered { pdf, boxes })
    }

    /// The box of a signer whose 'signature space' starts at `gap_top` (points from the top of the
    /// page) in `column` (0 left, 1 right) of page `page`.
    fn signer_box(&self, flow: &Flow<'_>, role: SignerRole, page: usize, column: usize, gap_top: f32) -> SignatureBox {
        let sg = &self.template.signatures;
        let half = flow.content_width() / 2.0;
        let height = sg.box_height * MM;
        let width = sg.box_width * MM;
        let column_left = flow.left() + column as f32 * half;
        // The seal and the principal sit side by side, centred together in the principal's column.
        let pair = (sg.seal_width + sg.seal_gap + sg.box_width) * MM;
        let (x, width) = match role {
            SignerRole::Teacher => (column_left + (half - width) / 2.0, width),
            SignerRole::Seal => (column_left + (half - pair) / 2.0, sg.seal_width * MM),
            SignerRole::Principal => (column_left + (half - pair) / 2.0 + (sg.seal_width + sg.seal_gap) * MM, width),
        };
        // Centred in the space: clear of the title above and the printed name below.
        let bottom = flow.page_height() - gap_top - (sg.space * MM + height) / 2.0;
        let rect = Rect { x, y: bottom, width, height };
        SignatureBox { role, page, rect }
    }

    /// Lays out the pages' operations into a PDF: the prebuilt font subsets embedded as they are
    /// (already compressed), content streams deflated quickly. Falls back to printpdf's per-document
    /// subsetting of the full fonts when some text needs a character the prebuilt subsets lack.
    fn save(&self, t: &Transcript, flow: Flow<'_>, created: DateTime<Utc>) -> Result<Vec<u8>, PdfError> {
        let title = clean(&self.template.common.document_title.replace("{name}", &clean(&t.pupil.full_name)));
        let author = clean(&t.school.name);
        let subject = clean(&format!("{} {}", self.template.cover.title, self.template.cover.subtitle));
        if flow.uncovered() {
            return self.save_printpdf(flow, created, title, author, subject);
        }
        // Fast path: the prebuilt font objects copied as they are, the page content streams encoded
        // here directly, the document structure written by hand.
        let flow_has_logo = flow.has_images();
        let glyphs = [self.regular.glyphs.as_slice(), self.bold.glyphs.as_slice()];
        let (streams, form) = flow.into_streams(glyphs, [REGULAR_NAME, BOLD_NAME], STAMP_FORM, encode_op)?;
        let contents = streams
            .iter()
            .map(|content| deflate_fast(content).map_err(|e| PdfError::Render(format!("compressing a stream: {e}"))))
            .collect::<Result<Vec<_>, _>>()?;
        let form = match form {
            Some(form) => {
                Some(deflate_fast(&form).map_err(|e| PdfError::Render(format!("compressing a stream: {e}")))?)
            }
            None => None,
        };
        let info = Info { title, author, subject, created };
        let logo = self.logo.as_ref().filter(|_| flow_has_logo);
        self.write_pdf(&contents, form.as_deref(), logo, &info)
    }

    /// Writes the document: the prebuilt fonts from 2, 1 the page tree, then the resources, the QR
    /// code's form, the catalog, the info dictionary, the logo (and its soft mask) if drawn, the pages
    /// and their content streams.
    fn write_pdf(
        &self,
        contents: &[Vec<u8>],
        form: Option<&[u8]>,
        logo: Option<&Image>,
        info: &Info,
    ) -> Result<Vec<u8>, PdfError> {
        use crate::update::{pdf_date, text_string, write_object};
        let f = &self.fonts;
        let next = f.offsets.last().map_or(2, |(n, _)| n + 1);
        let (font_dict, xobjects, resources, form_id, catalog, info_id) =
            (next, next + 1, next + 2, next + 3, next + 4, next + 5);
        let logo_id = next + 6;
        let first_page = logo_id + logo.map_or(0, Image::object_count);
        let n = contents.len() as u32;
        let first_content = first_page + n;
        let size = first_content + n;
        let payload: usize = contents.iter().map(Vec::len).sum::<usize>() + form.map_or(0, <[u8]>::len);
        let mut out = Vec::with_capacity(f.bytes.len() + payload + 200 * contents.len() + 4096);
        let mut offsets = vec![0usize; size as usize];
        // The header and the fonts first: the same bytes at the start of every document (see
        // `pin_font_prefix`).
        out.extend_from_slice(HEADER);
        let base = out.len();
        out.extend_from_slice(&f.bytes);
        for (number, at) in &f.offsets {
            if let Some(slot) = offsets.get_mut(*number as usize) {
                *slot = base + at;
            }
        }

        offsets[1] = out.len();
        out.extend_from_slice(b"1 0 obj\n<</Type/Pages/Count ");
        push_int(&mut out, n as usize);
        out.extend_from_slice(b"/Kids[");
        for i in 0..n {
            if i > 0 {
                out.push(b' ');
            }
            push_ref(&mut out, first_page + i);
        }
        out.extend_from_slice(b"]>>\nendobj\n");

        offsets[font_dict as usize] = out.len();
        push_int(&mut out, font_dict as usize);
        out.extend_from_slice(b" 0 obj\n<</");
        out.extend_from_slice(REGULAR_NAME.as_bytes());
        out.push(b' ');
        push_ref(&mut out, f.regular);
        out.extend_from_slice(b"/");
        out.extend_from_slice(BOLD_NAME.as_bytes());
        out.push(b' ');
        push_ref(&mut out, f.bold);
        out.extend_from_slice(b">>\nendobj\n");

        offsets[xobjects as usize] = out.len();
        push_int(&mut out, xobjects as usize);
        out.extend_from_slice(b" 0 obj\n<<");
        if form.is_some() {
            out.push(b'/');
            out.extend_from_slice(STAMP_FORM.as_bytes());
            out.push(b' ');
            push_ref(&mut out, form_id);
        }
        if logo.is_some() {
            out.push(b'/');
            out.extend_from_slice(LOGO_NAME.as_bytes());
            out.push(b' ');
            push_ref(&mut out, logo_id);
        }
        out.extend_from_slice(b">>\nendobj\n");

        offsets[resources as usize] = out.len();
        push_int(&mut out, resources as usize);
        out.extend_from_slice(b" 0 obj\n<</Font ");
        push_ref(&mut out, font_dict);
        out.extend_from_slice(b"/XObject ");
        push_ref(&mut out, xobjects);
        out.extend_from_slice(b">>\nendobj\n");

        let geo = self.geometry();
        let mut media_box = b"[0 0 ".to_vec();
        nums(&mut media_box, &[geo.width, geo.height]);
        media_box.push(b']');

        offsets[form_id as usize] = out.len();
        push_int(&mut out, form_id as usize);
        out.extend_from_slice(b" 0 obj\n<</Type/XObject/Subtype/Form/BBox");
        out.extend_from_slice(&media_box);
        let form = form.unwrap_or_default();
        out.extend_from_slice(b"/Filter/FlateDecode/Length ");
        push_int(&mut out, form.len());
        out.extend_from_slice(b">>\nstream\n");
        out.extend_from_slice(form);
        out.extend_from_slice(b"\nendstream\nendobj\n");

        offsets[catalog as usize] = out.len();
        push_int(&mut out, catalog as usize);
        out.extend_from_slice(b" 0 obj\n<</Type/Catalog/Pages 1 0 R/PageLayout/OneColumn>>\nendobj\n");

        offsets[info_id as usize] = out.len();
        push_int(&mut out, info_id as usize);
        out.extend_from_slice(b" 0 obj\n<</Title");
        write_object(&mut out, &text_string(&info.title))?;
        out.extend_from_slice(b"/Author");
        write_object(&mut out, &text_string(&info.author))?;
        out.extend_from_slice(b"/Subject");
        write_object(&mut out, &text_string(&info.subject))?;
        out.extend_from_slice(b"/Creator(hocba)/Producer(hocba-pdf ");
        out.extend_from_slice(env!("CARGO_PKG_VERSION").as_bytes());
        out.extend_from_slice(b")/CreationDate(");
        let date = pdf_date(info.created);
        out.extend_from_slice(date.as_bytes());
        out.extend_from_slice(b")/ModDate(");
        out.extend_from_slice(date.as_bytes());
        out.extend_from_slice(b")/Trapped/False>>\nendobj\n");

        if let Some(logo) = logo {
            logo.write(&mut out, logo_id, &mut offsets);
        }

        for i in 0..n {
            offsets[(first_page + i) as usize] = out.len();
            push_int(&mut out, (first_page + i) as usize);
            out.extend_from_slice(b" 0 obj\n<</Type/Page/Parent 1 0 R/MediaBox");
            out.extend_from_slice(&media_box);
            out.extend_from_slice(b"/Resources ");
            push_ref(&mut out, resources);
            out.extend_from_slice(b"/Contents ");
            push_ref(&mut out, first_content + i);
            out.extend_from_slice(b">>\nendobj\n");
        }
        let mut id = ring::digest::Context::new(&ring::digest::SHA256);
        for (i, content) in contents.iter().enumerate() {
            let number = first_content + i as u32;
            offsets[number as usize] = out.len();
            push_int(&mut out, number as usize);
            out.extend_from_slice(b" 0 obj\n<</Filter/FlateDecode/Length ");
            push_int(&mut out, content.len());
            out.extend_from_slice(b">>\nstream\n");
            out.extend_from_slice(content);
            out.extend_from_slice(b"\nendstream\nendobj\n");
            id.update(content);
        }
        id.update(info.title.as_bytes());
        id.update(&info.created.timestamp().to_be_bytes());
        let id = id.finish();
        let id = id.as_ref();

        let xref = out.len();
        out.extend_from_slice(b"xref\n0 ");
        push_int(&mut out, size as usize);
        out.extend_from_slice(b"\n0000000000 65535 f\r\n");
        for offset in &offsets[1..] {
            let mut digits = [b'0'; 10];
            let mut v = *offset;
            for slot in digits.iter_mut().rev() {
                *slot = b'0' + (v % 10) as u8;
                v /= 10;
            }
            out.extend_from_slice(&digits);
            out.extend_from_slice(b" 00000 n\r\n");
        }
        out.extend_from_slice(b"trailer\n<</Size ");
        push_int(&mut out, size as usize);
        out.extend_from_slice(b"/Root ");
        push_ref(&mut out, catalog);
        out.extend_from_slice(b"/Info ");
        push_ref(&mut out, info_id);
        out.extend_from_slice(b"/ID[");
        for _ in 0..2 {
            write_object(&mut out, &lopdf::Object::String(id[..16].to_vec(), lopdf::StringFormat::Hexadecimal))?;
        }
        out.extend_from_slice(b"]>>\nstartxref\n");
        push_int(&mut out, xref);
        out.extend_from_slice(b"\n%%EOF\n");
        Ok(out)
    }

    /// The general path: printpdf subsets the full fonts for this document (some text needs a
    /// character the prebuilt subsets lack) and writes it.
    fn save_printpdf(
        &self,
        flow: Flow<'_>,
        created: DateTime<Utc>,
        title: String,
        author: String,
        subject: String,
    ) -> Result<Vec<u8>, PdfError> {
        let mut doc = PdfDocument::new(&title);
        let date = printpdf::OffsetDateTime::from_unix_timestamp(created.timestamp())
            .map_err(|e| PdfError::Render(format!("creation date: {e}")))?;
        let info = &mut doc.metadata.info;
        info.creation_date = date;
        info.modification_date = date;
        info.metadata_date = date;
        info.author = author;
        info.subject = subject;
        info.creator = "hocba".to_string();
        info.producer = format!("hocba-pdf {} (printpdf)", env!("CARGO_PKG_VERSION"));
        let (regular_id, bold_id) = (doc.add_font(&self.regular.full), doc.add_font(&self.bold.full));
        let logo = self.logo.as_ref().filter(|_| flow.has_images());
        doc.with_pages(flow.into_pages(&regular_id, &bold_id, None));
        let options = PdfSaveOptions { optimize: true, subset_fonts: true, secure: true, image_optimization: None };
        let mut bytes = match logo {
            None => doc.save(&options, &mut Vec::new()),
            Some(logo) => {
                // As `save` does, with the logo added to the first page's resources.
                let mut lo = doc.to_lopdf_document(&options, &mut Vec::new());
                lo.compress();
                logo.add_to_first_page(&mut lo)?;
                let mut bytes = Vec::new();
                lo.save_to(&mut bytes).map_err(|e| PdfError::Render(format!("writing the PDF: {e}")))?;
                bytes
            }
        };
        blank_out_pdfx_claim(&mut bytes);
        Ok(bytes)
    }

    /// Puts the precompressed font programs in place, deflates the other streams and tags the font
    /// names as subsets (they are: the prebuilt subsets).
    fn finish_streams(&self, doc: &mut lopdf::Document) -> Result<(), PdfError> {
        use lopdf::Object;
        let faces = [&self.regular, &self.bold];
        for object in doc.objects.values_mut() {
            match object {
                Object::Stream(stream) => {
                    if stream.dict.has(b"Filter") {
                        continue;
                    }
                    if let Some(face) = faces.iter().find(|f| stream.content == f.program) {
                        stream.set_content(face.deflated.clone());
                    } else {
                        let packed = deflate_fast(&stream.content)
                            .map_err(|e| PdfError::Render(format!("compressing a stream: {e}")))?;
                        stream.set_content(packed);
                    }
                    stream.dict.set("Filter", "FlateDecode");
                }
                Object::Dictionary(dict) => tag_font_names(dict, &faces),
                _ => {}
            }
        }
        Ok(())
    }

    fn geometry(&self) -> Geometry {
        let p = &self.template.page;
        Geometry {
            width: p.width * MM,
            height: p.height * MM,
            left: p.margin_left * MM,
            right: p.margin_right * MM,
            top: p.margin_top * MM,
            bottom: p.margin_bottom * MM,
            leading: self.template.fonts.leading,
            cell_padding: self.template.fonts.cell_padding * MM,
        }
    }

    /// "<place>, ngày dd tháng mm năm yyyy" (dotted blanks when the date is unknown).
    fn date_line(&self, place: &str, date: Option<NaiveDate>) -> String {
        let blank = &self.template.common.blank;
        let (day, month, year) = match date {
            Some(d) => (format!("{:02}", d.day()), format!("{:02}", d.month()), d.year().to_string()),
            None => (blank.clone(), blank.clone(), blank.clone()),
        };
        self.template
            .common
            .date_line
            .replace("{place}", if place.trim().is_empty() { blank } else { place.trim() })
            .replace("{day}", &day)
            .replace("{month}", &month)
            .replace("{year}", &year)
    }

    /// The drawn size of the logo in points: `logo_width` wide, or narrower when the image would be
    /// taller than [`LOGO_MAX_HEIGHT`]; the image's aspect ratio is kept.
    fn logo_size(&self) -> Option<(f32, f32)> {
        let logo = self.logo.as_ref()?;
        let ratio = logo.height as f32 / logo.width as f32;
        let width = self.template.cover.logo_width.min(LOGO_MAX_HEIGHT / ratio);
        Some((width * MM, width * ratio * MM))
    }

    fn cover(&self, flow: &mut Flow<'_>, t: &Transcript) {
        let c = &self.template.cover;
        let f = &self.template.fonts;
        flow.new_page();
        // Double frame around the page, as on the printed book.
        let (x, w) = (flow.left(), flow.content_width());
        let (top, h) =
            (self.template.page.margin_top * MM, flow.page_height() - self.geometry().bottom - self.geometry().top);
        flow.frame(x, top, w, h, 2.2);
        flow.frame(x + 1.6 * MM, top + 1.6 * MM, w - 3.2 * MM, h - 3.2 * MM, 0.6);

        match self.logo_size() {
            Some((logo_w, logo_h)) => {
                let logo_top = top + 8.0 * MM;
                flow.image(x + (w - logo_w) / 2.0, logo_top, logo_w, logo_h);
                flow.set_y(logo_top + logo_h + 4.0 * MM);
            }
            None => flow.set_y(top + 10.0 * MM),
        }
        flow.paragraph(&c.ministry, Style::bold(f.heading + 1.0), Align::Center);
        let rule_y = flow.y() + 1.0 * MM;
        flow.hrule(x + w / 2.0 - 22.0 * MM, x + w / 2.0 + 22.0 * MM, rule_y, 0.8);

        flow.set_y(flow.page_height() * 0.30);
        flow.paragraph(&c.title, Style::bold(f.cover_title), Align::Center);
        flow.gap(2.0 * MM);
        flow.paragraph(&c.subtitle, Style::bold(f.cover_subtitle), Align::Center);

        flow.set_y(flow.page_height() * 0.56);
        let inset = 16.0 * MM;
        let size = f.body + 2.0;
        let s = &t.school;
        let name = clean(&t.pupil.full_name).to_uppercase();
        let lines: [(&str, &str); 5] = [
            (&c.pupil_name, &name),
            (&c.school, &s.name),
            (&c.commune, &s.commune),
            (&c.district, &s.district),
            (&c.province, &s.province),
        ];
        for pair in lines {
            flow.fields_at(x + inset, w - 2.0 * inset, &[pair], &[1.0], Style::regular(size), Style::bold(size));
            flow.gap(2.5 * MM);
        }
    }

    /// The identity page; returns the page and the top of the principal's signature space.
    fn identity(&self, flow: &mut Flow<'_>, t: &Transcript) -> (usize, f32) {
        let l = &self.template.identity;
        let f = &self.template.fonts;
        let p = &t.pupil;
        let size = f.body;
        flow.new_page();
        flow.paragraph(&l.title, Style::bold(f.page_title), Align::Center);
        flow.gap(4.0 * MM);

        let birth = p.birth_date.as_deref().and_then(parse_iso_date).map(dmy).unwrap_or_default();
        flow.fields(&[(&l.full_name, &p.full_name), (&l.gender, &p.gender)], &[0.68, 0.32], size);
        flow.fields(
            &[(&l.birth_date, &birth), (&l.ethnicity, &p.ethnicity), (&l.nationality, &p.nationality)],
            &[0.44, 0.26, 0.30],
            size,
        );
        for (label, value) in [
            (&l.birth_place, &p.birth_place),
            (&l.home_town, &p.home_town),
            (&l.address, &p.address),
            (&l.father, &p.father_name),
            (&l.mother, &p.mother_name),
            (&l.guardian, &p.guardian_name),
            (&l.national_id, &p.national_id),
        ] {
            flow.fields(&[(label, value.as_deref().unwrap_or_default())], &[1.0], size);
        }

        // Signature of the principal, right half.
        flow.gap(4.0 * MM);
        let issued = parse_iso_date(&t.issued_on);
        let lines = [
            (self.date_line(&t.school.commune, issued), Style::regular(size), 0.0),
            (l.signer.clone(), Style::bold(size), 0.0),
            (l.signer_hint.clone(), Style::regular(f.table), 0.0),
            (clean(&t.school.principal_name), Style::bold(size), self.template.signatures.space * MM),
        ];
        let signature = self.signature_columns(flow, &[], &lines);

        flow.gap(6.0 * MM);
        let h = &self.template.history;
        flow.ensure(30.0 * MM);
        flow.paragraph(&h.title, Style::bold(f.heading + 1.0), Align::Center);
        flow.gap(2.0 * MM);
        let widths = scale_widths(&h.widths, flow.content_width());
        let aligns = [Align::Center, Align::Center, Align::Left, Align::Center, Align::Center];
        let columns = make_columns(&h.columns, &widths, &aligns);
        let rows: Vec<Row> = t
            .history
            .iter()
            .map(|line| {
                Row::Cells(vec![
                    line.school_year.clone(),
                    line.class_name.clone(),
                    line.school_name.clone(),
                    line.registration_no.clone().unwrap_or_default(),
                    line.entry_date.as_deref().and_then(parse_iso_date).map(dmy).unwrap_or_default(),
                ])
            })
            .collect();
        flow.table(&columns, &rows, f.table);
        signature
    }

    /// The pages of one school year (`extract`: as a yearly record, under a header naming the school);
    /// returns the page of the signatures and the top of the signature space.
    fn year(&self, flow: &mut Flow<'_>, t: &Transcript, y: &YearRecord, extract: bool) -> (usize, f32) {
        let l = &self.template.year;
        let f = &self.template.fonts;
        let size = f.body;
        flow.new_page();
        flow.running_head = None;
        if extract {
            let header = l.extract_header.replace("{school}", &clean(&t.school.name)).replace("{year}", &y.school_year);
            flow.paragraph(&header, Style::regular(f.table), Align::Center);
            flow.gap(1.5 * MM);
        }

        let name = clean(&t.pupil.full_name);
        flow.fields(
            &[(&l.pupil_name, &name), (&l.class_name, &y.class_name), (&l.school_year, &y.school_year)],
            &[0.56, 0.16, 0.28],
            size,
        );
        if let Some(source) = &y.source {
            let code = source.code.as_deref().map(hocba_core::codes::display_code).unwrap_or_default();
            let note = l.imported_note.replace("{school}", &clean(&source.school_name)).replace("{code}", &code);
            flow.paragraph(&note, Style::regular(f.table), Align::Left);
        }
        let height = y.height_mm.map(|v| tenths(v, "cm")).unwrap_or_default();
        let weight = y.weight_hg.map(|v| tenths(v, "kg")).unwrap_or_default();
        // "có phép: 2; không phép: 0" (a missing count reads "…"); nothing at all: a dotted line.
        let absences = match (y.days_absent_excused, y.days_absent_unexcused) {
            (None, None) => String::new(),
            (a, b) => {
                let n = |d: Option<u16>| d.map_or_else(|| "…".to_string(), |d| d.to_string());
                format!("{}: {}; {}: {}", l.absences_excused, n(a), l.absences_unexcused, n(b))
            }
        };
        flow.fields(&[(&l.height, &height), (&l.weight, &weight), (&l.absences, &absences)], &[0.25, 0.25, 0.5], size);
        flow.running_head = Some((
            format!(
                "{}: {} – {}: {} – {}: {} {}",
                l.pupil_name,
                name,
                l.class_name,
                y.class_name,
                l.school_year,
                y.school_year,
                self.template.common.continued
            ),
            Style::regular(f.table),
        ));
        flow.gap(2.0 * MM);

        let width = flow.content_width();
        let heading = Style::bold(f.heading);
        let section_gap = 2.5 * MM;

        // 1. Subjects and activities.
        flow.ensure(3.0 * flow.line_height(f.heading) + 12.0 * MM);
        flow.paragraph(&l.subjects_title, heading, Align::Left);
        flow.gap(1.0 * MM);
        let widths = scale_widths(&l.subjects_widths, width);
        let columns =
            make_columns(&l.subjects_columns, &widths, &[Align::Left, Align::Center, Align::Center, Align::Left]);
        let rows: Vec<Row> = y
            .subjects
            .iter()
            .map(|s| {
                Row::Cells(vec![
                    s.name.clone(),
                    s.level.map(|v| v.code().to_string()).unwrap_or_default(),
                    s.score.map(|v| v.to_string()).unwrap_or_default(),
                    s.comment.clone().unwrap_or_default(),
                ])
            })
            .collect();
        flow.table(&columns, &rows, f.table);
        flow.gap(section_gap);

        // 2. Qualities, 3. competencies (general, then specific).
        let quality_rows = |kind: QualityKind| -> Vec<Row> {
            y.qualities
                .iter()
                .filter(|q| q.kind == kind)
                .map(|q| {
                    Row::Cells(vec![
                        q.name.clone(),
                        q.level.map(|v| v.code().to_string()).unwrap_or_default(),
                        q.comment.clone().unwrap_or_default(),
                    ])
                })
                .collect()
        };
        let level_aligns = [Align::Left, Align::Center, Align::Left];
        flow.ensure(3.0 * flow.line_height(f.heading) + 12.0 * MM);
        flow.paragraph(&l.qualities_title, heading, Align::Left);
        flow.gap(1.0 * MM);
        let widths = scale_widths(&l.qualities_widths, width);
        flow.table(
            &make_columns(&l.qualities_columns, &widths, &level_aligns),
            &quality_rows(QualityKind::PhamChat),
            f.table,
        );
        flow.gap(section_gap);

        flow.ensure(3.0 * flow.line_height(f.heading) + 12.0 * MM);
        flow.paragraph(&l.competencies_title, heading, Align::Left);
        flow.gap(1.0 * MM);
        let widths = scale_widths(&l.competencies_widths, width);
        let mut rows = vec![Row::Group(l.general_competencies.clone())];
        rows.extend(quality_rows(QualityKind::NangLucChung));
        rows.push(Row::Group(l.specific_competencies.clone()));
        rows.extend(quality_rows(QualityKind::NangLucDacThu));
        flow.table(&make_columns(&l.competencies_columns, &widths, &level_aligns), &rows, f.table);
        flow.gap(section_gap);

        // 4.–6. Result, awards, completion.
        flow.titled(&l.result_title, y.result().map(result_name).unwrap_or_default(), f.heading);
        flow.gap(1.0 * MM);
        flow.titled(&l.awards_title, &y.awards.join("; "), f.heading);
        flow.gap(1.0 * MM);
        flow.titled(&l.completion_title, &y.completion_line(), f.heading);
        flow.gap(4.0 * MM);

        // Signatures.
        let approved = y.approved_at.as_deref().and_then(parse_vietnam_date);
        let principal = y.principal_name.as_deref().unwrap_or(&t.school.principal_name);
        let teacher = y.homeroom_teacher.as_deref().unwrap_or_default();
        let left = [
            (String::new(), Style::regular(size), 0.0),
            (l.principal.clone(), Style::bold(size), 0.0),
            (l.principal_hint.clone(), Style::regular(f.table), 0.0),
            (clean(principal), Style::bold(size), self.template.signatures.space * MM),
        ];
        let right = [
            (self.date_line(&t.school.commune, approved), Style::regular(size), 0.0),
            (l.teacher.clone(), Style::bold(size), 0.0),
            (l.teacher_hint.clone(), Style::regular(f.table), 0.0),
            (clean(teacher), Style::bold(size), self.template.signatures.space * MM),
        ];
        let signature = self.signature_columns(flow, &left, &right);
        flow.running_head = None;
        signature
    }

    /// Two centred columns of lines (left and right halves), each line with an extra gap above it;
    /// kept together on one page. Returns the page and the top of the (last) gap: the signature space.
    fn signature_columns(
        &self,
        flow: &mut Flow<'_>,
        left: &[(String, Style, f32)],
        right: &[(String, Style, f32)],
    ) -> (usize, f32) {
        let height = |lines: &[(String, Style, f32)]| -> f32 {
            lines.iter().map(|(_, style, gap)| gap + flow.line_height(style.size)).sum()
        };
        let block = height(left).max(height(right));
        flow.ensure(block);
        let top = flow.y();
        let half = flow.content_width() / 2.0;
        let mut space_top = top;
        for (column, lines) in [(0.0, left), (half, right)] {
            let mut y = top;
            for (text, style, gap) in lines {
                if *gap > 0.0 {
                    space_top = y;
                }
                y += gap;
                let x = flow.left() + column;
                flow.text_in(x, half, y, text, *style, Align::Center);
                y += flow.line_height(style.size);
            }
        }
        flow.set_y(top + block);
        (flow.page_index(), space_top)
    }
}

/// Name of the form XObject holding the QR code (the same on every page).
const STAMP_FORM: &str = "HBQR";

/// Appends one operation to a content stream.
fn encode_op(op: &printpdf::Op, out: &mut Vec<u8>) -> Result<(), PdfError> {
    use printpdf::{Color, Op, PaintMode, PdfFontHandle, TextItem, TextMatrix};
    let unexpected = |what: &str| PdfError::Render(format!("unexpected drawing operation {what}"));
    match op {
        Op::SetFillColor { col: Color::Greyscale(g) } => {
            num(out, g.percent);
            out.extend_from_slice(b" g\n");
        }
        Op::SetOutlineThickness { pt } => {
            num(out, pt.0);
            out.extend_from_slice(b" w\n");
        }
        Op::DrawRectangle { rectangle: r } => {
            let paint: &[u8] = match r.mode {
                Some(PaintMode::Fill) => b" re f\n",
                Some(PaintMode::Stroke) => b" re S\n",
                _ => return Err(unexpected("rectangle")),
            };
            nums(out, &[r.x.0, r.y.0, r.width.0, r.height.0]);
            out.extend_from_slice(paint);
        }
        Op::DrawLine { line } => {
            for (i, p) in line.points.iter().enumerate() {
                nums(out, &[p.p.x.0, p.p.y.0]);
                out.extend_from_slice(if i == 0 { b" m\n" } else { b" l\n" });
            }
            out.extend_from_slice(if line.is_closed { b"h S\n" } else { b"S\n" });
        }
        Op::StartTextSection => out.extend_from_slice(b"BT\n"),
        Op::EndTextSection => out.extend_from_slice(b"ET\n"),
        Op::SetFont { font: PdfFontHandle::External(id), size } => {
            out.push(b'/');
            out.extend_from_slice(id.0.as_bytes());
            out.push(b' ');
            num(out, size.0);
            out.extend_from_slice(b" Tf\n");
        }
        Op::SetTextMatrix { matrix: TextMatrix::Translate(x, y) } => {
            out.extend_from_slice(b"1 0 0 1 ");
            nums(out, &[x.0, y.0]);
            out.extend_from_slice(b" Tm\n");
        }
        Op::ShowText { items } => {
            out.push(b'<');
            for item in items {
                let TextItem::GlyphIds(glyphs) = item else {
                    return Err(unexpected("text"));
                };
                const HEX: &[u8; 16] = b"0123456789ABCDEF";
                for g in glyphs {
                    let gid = usize::from(g.gid);
                    out.extend_from_slice(&[
                        HEX[gid >> 12 & 0xF],
                        HEX[gid >> 8 & 0xF],
                        HEX[gid >> 4 & 0xF],
                        HEX[gid & 0xF],
                    ]);
                }
            }
            out.extend_from_slice(b"> Tj\n");
        }
        other => return Err(unexpected(&format!("{other:?}"))),
    }
    Ok(())
}

/// The document information of the fast path.
struct Info {
    title: String,
    author: String,
    subject: String,
    created: DateTime<Utc>,
}

fn push_int(out: &mut Vec<u8>, mut v: usize) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[at..]);
}

/// "n 0 R".
fn push_ref(out: &mut Vec<u8>, number: u32) {
    push_int(out, number as usize);
    out.extend_from_slice(b" 0 R");
}

/// The objects `object` refers to, in order.
fn references(object: &lopdf::Object, found: &mut Vec<lopdf::ObjectId>) {
    use lopdf::Object;
    match object {
        Object::Reference(id) => found.push(*id),
        Object::Array(items) => items.iter().for_each(|o| references(o, found)),
        Object::Dictionary(dict) => dict.iter().for_each(|(_, o)| references(o, found)),
        Object::Stream(stream) => stream.dict.iter().for_each(|(_, o)| references(o, found)),
        _ => {}
    }
}

/// `object` with its references renumbered.
fn renumber(object: &lopdf::Object, numbers: &BTreeMap<lopdf::ObjectId, u32>) -> lopdf::Object {
    use lopdf::{Dictionary, Object};
    let dict = |d: &Dictionary| {
        let mut out = Dictionary::new();
        for (k, v) in d.iter() {
            out.set(k.clone(), renumber(v, numbers));
        }
        out
    };
    match object {
        Object::Reference(id) => Object::Reference((numbers.get(id).copied().unwrap_or(id.0), 0)),
        Object::Array(items) => Object::Array(items.iter().map(|o| renumber(o, numbers)).collect()),
        Object::Dictionary(d) => Object::Dictionary(dict(d)),
        Object::Stream(stream) => {
            let mut copy = stream.clone();
            copy.dict = dict(&stream.dict);
            Object::Stream(copy)
        }
        other => other.clone(),
    }
}

/// Numbers separated by spaces (see [`num`]).
pub(crate) fn nums(out: &mut Vec<u8>, values: &[f32]) {
    for (i, v) in values.iter().enumerate() {
        if i > 0 {
            out.push(b' ');
        }
        num(out, *v);
    }
}

/// Appends a number for a content stream: at most three decimals, no exponent, no trailing zeros.
fn num(out: &mut Vec<u8>, v: f32) {
    // Exact in f64 (24 significant bits times 1000), so adding one half and truncating rounds half
    // away from zero like `f64::round`, without its library call.
    let scaled = f64::from(v) * 1000.0;
    let n = (scaled.abs() + 0.5) as u64;
    if scaled < 0.0 && n > 0 {
        out.push(b'-');
    }
    let (whole, mut frac) = (n / 1000, n % 1000);
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut w = whole;
    loop {
        at -= 1;
        digits[at] = b'0' + (w % 10) as u8;
        w /= 10;
        if w == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[at..]);
    if frac == 0 {
        return;
    }
    let mut width = 3;
    while frac % 10 == 0 {
        frac /= 10;
        width -= 1;
    }
    out.push(b'.');
    let mut buf = [b'0'; 3];
    let mut f = frac;
    for slot in buf[..width].iter_mut().rev() {
        *slot = b'0' + (f % 10) as u8;
        f /= 10;
    }
    out.extend_from_slice(&buf[..width]);
}

/// Marks the font names of the prebuilt subsets with their subset tag (`/BaseFont`, `/FontName`).
fn tag_font_names(dict: &mut lopdf::Dictionary, faces: &[&Face]) {
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

/// The message of a template error (without the "invalid PDF template" prefix).
fn inner(e: PdfError) -> String {
    match e {
        PdfError::Template(message) => message,
        other => other.to_string(),
    }
}

/// printpdf writes an empty `/GTS_PDFXVersion()` into the Info dictionary, which readers take as a
/// PDF/X conformance claim. It is overwritten with spaces of the same length (offsets stay valid).
fn blank_out_pdfx_claim(pdf: &mut [u8]) {
    const CLAIM: &[u8] = b"/GTS_PDFXVersion()";
    if let Some(at) = pdf.windows(CLAIM.len()).position(|w| w == CLAIM) {
        pdf[at..at + CLAIM.len()].fill(b' ');
    }
}

fn make_columns(titles: &[String], widths: &[f32], aligns: &[Align]) -> Vec<Column> {
    titles
        .iter()
        .zip(widths)
        .zip(aligns)
        .map(|((title, width), align)| Column { title: title.clone(), width: *width, align: *align })
        .collect()
}

/// An ISO 8601 date (YYYY-MM-DD).
fn parse_iso_date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok()
}

/// The calendar date in Vietnam of an RFC 3339 timestamp.
fn parse_vietnam_date(s: &str) -> Option<NaiveDate> {
    hocba_core::time::vietnam_date_of_rfc3339(s)
}

/// dd/mm/yyyy, the Vietnamese way.
fn dmy(d: NaiveDate) -> String {
    format!("{:02}/{:02}/{}", d.day(), d.month(), d.year())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_written_the_vietnamese_way() {
        assert_eq!(parse_iso_date("2015-03-14").map(dmy).as_deref(), Some("14/03/2015"));
        assert_eq!(parse_iso_date("14/03/2015"), None);
        // 20:00 UTC on 31 May is already 1 June in Vietnam.
        assert_eq!(parse_vietnam_date("2024-05-31T20:00:00Z"), NaiveDate::from_ymd_opt(2024, 6, 1));
    }

    #[test]
    fn numbers_are_written_briefly() {
        let mut out = Vec::new();
        for v in [0.0, 1.5, -2.25, 10.0, 0.001, 595.276, -0.0004, 12.0504] {
            num(&mut out, v);
            out.push(b' ');
        }
        assert_eq!(String::from_utf8(out).expect("ASCII"), "0 1.5 -2.25 10 0.001 595.276 0 12.05 ");
    }

    #[test]
    fn renderer_is_shareable() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Renderer>();
    }
}
