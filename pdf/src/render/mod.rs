//! The học bạ form (TT27 Phụ lục 1): cover, identity page with quá trình học tập, one section per
//! school year. Wording comes from the template, data from [`Transcript`].

mod pages;

use crate::cache::PdfCache;
use crate::canvas::{Flow, Fonts, Footer, Geometry, LOGO_NAME, MM};
use crate::document::{Rect, Rendered, Scope, SignatureBox, SignerRole, Stamp};
use crate::fonts::{
    prebuilt_charset, tag_font_names, Face, FontObjects, GlyphTable, BOLD_TTF, COVERED_END, REGULAR_TTF,
};
use crate::image::Image;
use crate::qr::QrRuns;
use crate::template::{Template, SOURCE};
use crate::writer::{
    blank_out_pdfx_claim, deflate_fast, encode_op, nums, push_int, push_ref, references, renumber, HEADER,
};
use crate::PdfError;
use chrono::{DateTime, Utc};
use hocba_core::text::clean;
use hocba_core::transcript::Transcript;
use printpdf::{PdfDocument, PdfSaveOptions};
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

/// File name of the template in a template directory ([`Renderer::from_dir`]).
pub const TEMPLATE_FILE: &str = "hoc-ba-tt27.toml";

/// Renders học bạ PDFs. Fonts are parsed, subset and compressed and the template is loaded once, in
/// [`Renderer::new`] or [`Renderer::from_dir`]; one renderer can be shared by all threads.
pub struct Renderer {
    template: Template,
    regular: Face,
    bold: Face,
    /// Which code points (below [`COVERED_END`]) both prebuilt subsets can draw.
    covered: Vec<bool>,
    /// Both prebuilt subsets as PDF objects, serialised once (shared with signature appearances
    /// through the cache).
    fonts: Arc<FontObjects>,
    /// What signing this renderer's documents reuses: its fonts, appearance subsets, hash states.
    cache: Arc<PdfCache>,
    /// The cover's logo (`[cover] logo`), decoded and compressed once.
    logo: Option<Image>,
}

/// Resource names of the two faces in the fast path.
const REGULAR_NAME: &str = "F1";
const BOLD_NAME: &str = "F2";

impl std::fmt::Debug for Renderer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Renderer").finish_non_exhaustive()
    }
}

impl Renderer {
    /// Parses the bundled fonts and the bundled template (`pdf-templates/hoc-ba-tt27.toml`).
    pub fn new() -> Result<Renderer, PdfError> {
        Renderer::build(SOURCE, REGULAR_TTF.to_vec(), BOLD_TTF.to_vec(), None)
    }

    /// Loads a school's copy of the template: `dir/hoc-ba-tt27.toml` and the font files it names
    /// (`[fonts] regular`, `bold`, relative to `dir`), the logo (`[cover] logo`, PNG or JPEG) and
    /// the seal's image (`[signatures] seal_image`) if any. A syntax error is reported as [`PdfError::Template`] with its line and column; a missing or
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
        let logo = template.cover.logo.as_ref().map(|file| Image::load(&dir.join(file), "logo")).transpose()?;
        let renderer = Renderer::build(&source, regular, bold, logo)?;
        if let Some(file) = &template.signatures.seal_image {
            renderer.cache.set_seal_image(Image::load(&dir.join(file), "seal_image")?);
        }
        Ok(renderer)
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
        let cache = Arc::new(PdfCache::default());
        let mut renderer = Renderer { template, regular, bold, covered, fonts: Arc::default(), logo, cache };
        renderer.fonts = Arc::new(renderer.font_objects()?);
        renderer.cache.register_fonts(&renderer.fonts);
        // Signing starts from the hash state after the header and the prebuilt fonts, the same
        // bytes at the start of every document of this renderer (most of an unsigned document).
        let mut prefix = Vec::with_capacity(HEADER.len() + renderer.fonts.bytes.len());
        prefix.extend_from_slice(HEADER);
        prefix.extend_from_slice(&renderer.fonts.bytes);
        renderer.cache.pin_prefix(prefix);
        Ok(renderer)
    }

    /// The cache to sign this renderer's documents with ([`crate::sign_with`], [`crate::prepare`]).
    pub fn cache(&self) -> &PdfCache {
        &self.cache
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
        self.render_with_marks(t, scope, stamp, created, &[])
    }

    /// [`Renderer::render`]; a hand-over also prints, on each year's page, the marks of that year's
    /// signed record in `marks` (who signed in which role and when, and its code).
    pub fn render_with_marks(
        &self,
        t: &Transcript,
        scope: Scope<'_>,
        stamp: &Stamp,
        created: DateTime<Utc>,
        marks: &[crate::YearMarks],
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
                    let mark = marks.iter().find(|m| m.school_year == year.school_year);
                    self.year(&mut flow, t, year, false, mark);
                }
            }
            Scope::Year(label) => {
                let year = t
                    .years
                    .iter()
                    .find(|y| y.school_year == label)
                    .ok_or_else(|| PdfError::Render(format!("the record has no school year {label:?}")))?;
                let (page, gap_top) = self.year(&mut flow, t, year, true, None);
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
}

/// Name of the form XObject holding the QR code (the same on every page).
const STAMP_FORM: &str = "HBQR";

/// The document information of the fast path.
struct Info {
    title: String,
    author: String,
    subject: String,
    created: DateTime<Utc>,
}

/// The message of a template error (without the "invalid PDF template" prefix).
fn inner(e: PdfError) -> String {
    match e {
        PdfError::Template(message) => message,
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::pages::{dmy, parse_iso_date, parse_vietnam_date};
    use super::*;
    use crate::writer::num;
    use chrono::NaiveDate;

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
