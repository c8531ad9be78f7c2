//! A small flow layout on top of printpdf's operation lists: lines of text that wrap, label/value
//! fields, bordered tables whose rows wrap and continue on the next page (header repeated), and
//! automatic page breaks. Positions are in points, measured from the top-left corner of the page
//! (converted to PDF's bottom-up coordinates when the operations are emitted).

use crate::layout::Metrics;
use crate::qr::{QrRuns, QUIET_ZONE};

/// NFC-normalises and trims (as [`hocba_core::text::clean`]), skipping the normalisation of text that
/// is already NFC (nearly all of it; the full normalisation was a large part of the layout time).
fn clean(s: &str) -> String {
    use unicode_normalization::{is_nfc_quick, IsNormalized};
    let s = s.trim();
    match is_nfc_quick(s.chars()) {
        IsNormalized::Yes => s.to_string(),
        _ => hocba_core::text::clean(s),
    }
}
use printpdf::{
    Codepoint, Color, FontId, Greyscale, Line, LinePoint, Mm, Op, PaintMode, PdfFontHandle, PdfPage, Point, Pt, Rect,
    TextItem, TextMatrix,
};

/// Resource name of the logo's image XObject.
pub(crate) const LOGO_NAME: &str = "HBLG";

/// Points per millimetre.
pub(crate) const MM: f32 = 72.0 / 25.4;

/// Thickness of table borders, in points.
const RULE: f32 = 0.6;
/// Grey of table header backgrounds (1 = white).
const HEADER_GREY: f32 = 0.9;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Weight {
    Regular,
    Bold,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Style {
    pub weight: Weight,
    pub size: f32,
}

impl Style {
    pub fn regular(size: f32) -> Style {
        Style { weight: Weight::Regular, size }
    }
    pub fn bold(size: f32) -> Style {
        Style { weight: Weight::Bold, size }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Align {
    Left,
    Center,
}

/// The two faces' metrics, and which characters the prebuilt font subsets cover (indexed by code
/// point; anything else makes the document fall back to subsetting the full fonts).
pub(crate) struct Fonts<'a> {
    pub regular: &'a Metrics,
    pub bold: &'a Metrics,
    pub covered: &'a [bool],
}

/// What [`Flow::into_pages`] prints in the bottom margin of every page: the verification stamp
/// (QR code, code line, how-to-check line) and the page number. Lengths in points.
pub(crate) struct Footer<'s> {
    /// Page number format ({page}, {pages}).
    pub number_format: &'s str,
    /// Whether the first page (the cover of the hand-over) is numbered too.
    pub number_first: bool,
    pub qr: &'s QrRuns,
    pub qr_size: f32,
    /// From the bottom edge of the page to the QR code.
    pub bottom: f32,
    /// Between the QR code and the text.
    pub gap: f32,
    pub size: f32,
    pub code_line: String,
    pub check_line: String,
}

/// The pages' content streams and the content of the QR code's form (see [`Flow::into_streams`]).
pub(crate) type Streams = (Vec<Vec<u8>>, Option<Vec<u8>>);

/// Text drawing operations; fonts are referenced by weight until the document's font ids are known.
enum TextOp {
    Font(Weight, f32),
    Op(Op),
    Show(String),
}

/// Page size and margins in points, and the line height factor.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Geometry {
    pub width: f32,
    pub height: f32,
    pub left: f32,
    pub right: f32,
    pub top: f32,
    pub bottom: f32,
    pub leading: f32,
    pub cell_padding: f32,
}

/// A table column: header text, width in points, how its cells are aligned.
pub(crate) struct Column {
    pub title: String,
    pub width: f32,
    pub align: Align,
}

/// A table row: ordinary cells (one per column), or one bold cell across the whole table.
pub(crate) enum Row {
    Cells(Vec<String>),
    Group(String),
}

#[derive(Default)]
struct PageOps {
    fills: Vec<Op>,
    strokes: Vec<Op>,
    /// Whether the page carries the verification stamp's QR code ([`Flow::stamp`]).
    stamp: bool,
    /// Placements of the logo image (x, y of the lower-left corner, width, height; PDF coordinates).
    images: Vec<[f32; 4]>,
    text: Vec<TextOp>,
    font: Option<(Weight, f32)>,
}

/// A row laid out: the wrapped lines of each cell, the style and alignment of each cell.
struct RowLines {
    cells: Vec<Vec<String>>,
    styles: Vec<Style>,
    aligns: Vec<Align>,
    widths: Vec<f32>,
    fill: bool,
}

pub(crate) struct Flow<'a> {
    fonts: Fonts<'a>,
    geo: Geometry,
    pages: Vec<PageOps>,
    /// Distance from the top of the page to the current position.
    y: f32,
    /// Printed at the top of pages started by an overflow (e.g. "Họ và tên … (tiếp theo)").
    pub running_head: Option<(String, Style)>,
    /// Whether some drawn character is missing from the prebuilt font subsets.
    uncovered: bool,
    /// The QR code of the verification stamp: filled black rectangles, the same on every page.
    stamp: Vec<Op>,
}

impl<'a> Flow<'a> {
    pub fn new(fonts: Fonts<'a>, geo: Geometry) -> Flow<'a> {
        Flow { fonts, geo, pages: Vec::new(), y: geo.top, running_head: None, uncovered: false, stamp: Vec::new() }
    }

    pub fn left(&self) -> f32 {
        self.geo.left
    }

    pub fn content_width(&self) -> f32 {
        self.geo.width - self.geo.left - self.geo.right
    }

    pub fn page_height(&self) -> f32 {
        self.geo.height
    }

    /// Zero-based index of the current page.
    pub fn page_index(&self) -> usize {
        self.pages.len().saturating_sub(1)
    }

    /// Whether some drawn character is missing from the prebuilt font subsets.
    pub fn uncovered(&self) -> bool {
        self.uncovered
    }

    /// Whether some page draws the logo.
    pub fn has_images(&self) -> bool {
        self.pages.iter().any(|p| !p.images.is_empty())
    }

    pub fn y(&self) -> f32 {
        self.y
    }

    pub fn set_y(&mut self, y: f32) {
        self.y = y;
    }

    pub fn line_height(&self, size: f32) -> f32 {
        size * self.geo.leading
    }

    pub fn metrics(&self, weight: Weight) -> &'a Metrics {
        match weight {
            Weight::Regular => self.fonts.regular,
            Weight::Bold => self.fonts.bold,
        }
    }

    pub fn text_width(&self, text: &str, style: Style) -> f32 {
        self.metrics(style.weight).width(text, style.size)
    }

    fn remaining(&self) -> f32 {
        self.geo.height - self.geo.bottom - self.y
    }

    /// Starts a new page (without running head).
    pub fn new_page(&mut self) {
        self.pages.push(PageOps::default());
        self.y = self.geo.top;
    }

    /// Starts a new page because the current one is full, with the running head if any.
    fn overflow(&mut self) {
        self.new_page();
        if let Some((head, style)) = self.running_head.clone() {
            self.paragraph(&head, style, Align::Left);
            self.gap(1.5 * MM);
        }
    }

    /// Makes sure `height` points are free below the current position, else breaks the page.
    pub fn ensure(&mut self, height: f32) {
        if self.pages.is_empty() {
            self.new_page();
        }
        if height > self.remaining() {
            self.overflow();
        }
    }

    pub fn gap(&mut self, height: f32) {
        self.y += height;
    }

    fn page(&mut self) -> &mut PageOps {
        if self.pages.is_empty() {
            self.pages.push(PageOps::default());
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    /// Draws one line of text with its baseline placed so that the text sits in the middle of a
    /// line box starting at `top`. `text` is NFC-normalised here.
    pub fn text_at(&mut self, x: f32, top: f32, text: &str, style: Style) {
        if self.pages.is_empty() {
            self.new_page();
        }
        self.draw_text(self.pages.len() - 1, x, top, clean(text), style);
    }

    /// Draws `text` in the box `[x, x + width]` at `top`, aligned. `text` is NFC-normalised here.
    pub fn text_in(&mut self, x: f32, width: f32, top: f32, text: &str, style: Style, align: Align) {
        self.place_text(x, width, top, clean(text), style, align);
    }

    /// Draws already normalised and trimmed `text` (a line answered by [`Flow::wrap`]) in the box
    /// `[x, x + width]` at `top`, aligned; a line wider than the box is set smaller to fit it (a
    /// long place name in a date line), so nothing is printed outside the margins.
    fn place_text(&mut self, x: f32, width: f32, top: f32, text: String, mut style: Style, align: Align) {
        let natural = self.text_width(&text, style);
        if natural > width && natural > 0.0 {
            style.size *= width / natural;
        }
        let dx = match align {
            Align::Left => 0.0,
            Align::Center => ((width - self.text_width(&text, style)) / 2.0).max(0.0),
        };
        if self.pages.is_empty() {
            self.new_page();
        }
        self.draw_text(self.pages.len() - 1, x + dx, top, text, style);
    }

    /// Draws already normalised text on page number `page`.
    fn draw_text(&mut self, page: usize, x: f32, top: f32, text: String, style: Style) {
        if text.is_empty() {
            return;
        }
        let baseline = top + self.line_height(style.size) / 2.0 + 0.35 * style.size;
        let y = self.geo.height - baseline;
        if !self.uncovered {
            let covered = self.fonts.covered;
            self.uncovered = text.chars().any(|c| !covered.get(c as usize).copied().unwrap_or(false));
        }
        let Some(page) = self.pages.get_mut(page) else {
            return;
        };
        if page.font != Some((style.weight, style.size)) {
            page.text.push(TextOp::Font(style.weight, style.size));
            page.font = Some((style.weight, style.size));
        }
        page.text.push(TextOp::Op(Op::SetTextMatrix { matrix: TextMatrix::Translate(Pt(x), Pt(y)) }));
        page.text.push(TextOp::Show(text));
    }

    /// Wraps `text` to `width` points (NFC first, so measuring and drawing agree).
    pub fn wrap(&self, text: &str, style: Style, width: f32) -> Vec<String> {
        self.metrics(style.weight).wrap(&clean(text), style.size, width)
    }

    /// A wrapped paragraph across the text width.
    pub fn paragraph(&mut self, text: &str, style: Style, align: Align) {
        let (x, width) = (self.left(), self.content_width());
        self.paragraph_in(x, width, text, style, align);
    }

    /// A wrapped paragraph in the box `[x, x + width]`, breaking the page between lines if needed.
    pub fn paragraph_in(&mut self, x: f32, width: f32, text: &str, style: Style, align: Align) {
        let lh = self.line_height(style.size);
        for line in self.wrap(text, style, width) {
            self.ensure(lh);
            let y = self.y;
            self.place_text(x, width, y, line, style, align);
            self.y += lh;
        }
    }

    /// Label/value pairs side by side, each in its share (`fractions`) of the text width:
    /// "Label: " in the regular face, the value in bold, wrapping under the value.
    pub fn fields(&mut self, pairs: &[(&str, &str)], fractions: &[f32], size: f32) {
        let (x, width) = (self.left(), self.content_width());
        self.fields_at(x, width, pairs, fractions, Style::regular(size), Style::bold(size));
    }

    /// A bold title followed by its value in the regular face ("4. Đánh giá kết quả giáo dục: …").
    pub fn titled(&mut self, title: &str, value: &str, size: f32) {
        let (x, width) = (self.left(), self.content_width());
        self.fields_at(x, width, &[(title, value)], &[1.0], Style::bold(size), Style::regular(size));
    }

    /// Label/value pairs in the box `[x, x + width]`, in columns sized by `fractions`. An empty value
    /// is drawn as a dotted leader.
    pub fn fields_at(
        &mut self,
        x: f32,
        width: f32,
        pairs: &[(&str, &str)],
        fractions: &[f32],
        label_style: Style,
        value_style: Style,
    ) {
        let total: f32 = fractions.iter().sum();
        let lh = self.line_height(label_style.size.max(value_style.size));
        let mut column_x = x;
        let mut blocks = Vec::new();
        for ((label, value), fraction) in pairs.iter().zip(fractions) {
            let column_w = fraction / total * width;
            let label = format!("{}: ", clean(label));
            let label_w = self.text_width(&label, label_style);
            // When the label leaves too little room, the value starts on the next line.
            let (value_x, value_w, first_line) = if column_w - label_w >= column_w * 0.3 {
                (column_x + label_w, column_w - label_w, 0)
            } else {
                (column_x, column_w, 1)
            };
            let lines = if value.trim().is_empty() {
                // Nothing recorded: a dotted leader to the end of the column, as on the paper form.
                let dot = self.text_width(".", Style::regular(value_style.size)).max(0.1);
                let count = ((value_w - 4.0) / dot).floor().max(3.0) as usize;
                vec![(".".repeat(count), Style::regular(value_style.size))]
            } else {
                self.wrap(value, value_style, value_w - 2.0).into_iter().map(|l| (l, value_style)).collect()
            };
            blocks.push((column_x, label, value_x, lines, first_line));
            column_x += column_w;
        }
        let rows = blocks.iter().map(|(.., lines, first)| lines.len() + first).max().unwrap_or(1);
        self.ensure(lh * rows as f32);
        let top = self.y;
        for (label_x, label, value_x, lines, first) in blocks {
            self.text_at(label_x, top, &label, label_style);
            for (i, (line, style)) in lines.iter().enumerate() {
                self.text_at(value_x, top + lh * (i + first) as f32, line, *style);
            }
        }
        self.y = top + lh * rows as f32;
    }

    fn rect(&mut self, x: f32, top: f32, width: f32, height: f32, mode: PaintMode) {
        let page_height = self.geo.height;
        let rect = Rect {
            x: Pt(x),
            y: Pt(page_height - top - height),
            width: Pt(width),
            height: Pt(height),
            mode: Some(mode),
            winding_order: None,
        };
        let page = self.page();
        match mode {
            PaintMode::Fill => page.fills.push(Op::DrawRectangle { rectangle: rect }),
            _ => page.strokes.push(Op::DrawRectangle { rectangle: rect }),
        }
    }

    /// A stroked rectangle of the given line thickness.
    pub fn frame(&mut self, x: f32, top: f32, width: f32, height: f32, thickness: f32) {
        self.page().strokes.push(Op::SetOutlineThickness { pt: Pt(thickness) });
        self.rect(x, top, width, height, PaintMode::Stroke);
        self.page().strokes.push(Op::SetOutlineThickness { pt: Pt(RULE) });
    }

    /// Draws the logo's image XObject ([`LOGO_NAME`]) in the box at `x`, `top` of the current page.
    pub fn image(&mut self, x: f32, top: f32, width: f32, height: f32) {
        let y = self.geo.height - top - height;
        self.page().images.push([x, y, width, height]);
    }

    /// A horizontal rule from `x1` to `x2` at `top`.
    pub fn hrule(&mut self, x1: f32, x2: f32, top: f32, thickness: f32) {
        let y = self.geo.height - top;
        let point = |x: f32| LinePoint { p: Point { x: Pt(x), y: Pt(y) }, bezier: false };
        let line = Line { points: vec![point(x1), point(x2)], is_closed: false };
        let page = self.page();
        page.strokes.push(Op::SetOutlineThickness { pt: Pt(thickness) });
        page.strokes.push(Op::DrawLine { line });
        page.strokes.push(Op::SetOutlineThickness { pt: Pt(RULE) });
    }

    fn layout_row(&self, widths: &[f32], cells: &[String], styles: &[Style], aligns: &[Align], fill: bool) -> RowLines {
        let pad = self.geo.cell_padding;
        let lines = cells
            .iter()
            .zip(widths)
            .zip(styles)
            .map(|((text, w), style)| self.wrap(text, *style, w - 2.0 * pad))
            .collect();
        RowLines { cells: lines, styles: styles.to_vec(), aligns: aligns.to_vec(), widths: widths.to_vec(), fill }
    }

    fn row_height(&self, row: &RowLines) -> f32 {
        let pad = self.geo.cell_padding;
        row.cells
            .iter()
            .zip(&row.styles)
            .map(|(lines, style)| lines.len() as f32 * self.line_height(style.size) + 2.0 * pad)
            .fold(0.0, f32::max)
    }

    /// Draws a laid-out row at the current position (cells vertically centred) and moves below it.
    fn draw_row(&mut self, row: &RowLines) {
        let pad = self.geo.cell_padding;
        let height = self.row_height(row);
        let top = self.y;
        let mut x = self.left();
        for (((lines, style), align), width) in row.cells.iter().zip(&row.styles).zip(&row.aligns).zip(&row.widths) {
            if row.fill {
                self.rect(x, top, *width, height, PaintMode::Fill);
            }
            self.rect(x, top, *width, height, PaintMode::Stroke);
            let lh = self.line_height(style.size);
            let mut line_top = top + (height - lines.len() as f32 * lh) / 2.0;
            for line in lines {
                self.place_text(x + pad, width - 2.0 * pad, line_top, line.clone(), *style, *align);
                line_top += lh;
            }
            x += width;
        }
        self.y = top + height;
    }

    /// Splits `row` so that its first part fits in `space` points; `None` if not even one line fits.
    fn split_row(&self, row: &RowLines, space: f32) -> Option<(RowLines, RowLines)> {
        let pad = self.geo.cell_padding;
        let mut head = row.clone_shape();
        let mut tail = row.clone_shape();
        let mut any = false;
        for (lines, style) in row.cells.iter().zip(&row.styles) {
            let fit = ((space - 2.0 * pad) / self.line_height(style.size)).floor().max(0.0) as usize;
            let fit = fit.min(lines.len());
            any |= fit > 0;
            head.cells.push(lines[..fit].to_vec());
            tail.cells.push(lines[fit..].to_vec());
        }
        any.then_some((head, tail))
    }

    /// A bordered table with a grey, bold, centred header row. Rows wrap inside their cells; when a
    /// row does not fit, the table continues on the next page under a repeated header (a row taller
    /// than a page is split between lines).
    pub fn table(&mut self, columns: &[Column], rows: &[Row], size: f32) {
        let widths: Vec<f32> = columns.iter().map(|c| c.width).collect();
        let total: f32 = widths.iter().sum();
        let titles: Vec<String> = columns.iter().map(|c| c.title.clone()).collect();
        let n = columns.len();
        let header = self.layout_row(&widths, &titles, &vec![Style::bold(size); n], &vec![Align::Center; n], true);
        let header_h = self.row_height(&header);
        let body_style = vec![Style::regular(size); n];
        let body_align: Vec<Align> = columns.iter().map(|c| c.align).collect();

        let laid: Vec<RowLines> = rows
            .iter()
            .map(|row| match row {
                Row::Cells(cells) => self.layout_row(&widths, cells, &body_style, &body_align, false),
                Row::Group(title) => {
                    self.layout_row(&[total], std::slice::from_ref(title), &[Style::bold(size)], &[Align::Left], false)
                }
            })
            .collect();

        let first_h = laid.first().map(|r| self.row_height(r)).unwrap_or(0.0);
        self.ensure(header_h + first_h.min(4.0 * self.line_height(size)));
        self.draw_row(&header);
        let page_body = self.geo.height - self.geo.top - self.geo.bottom - header_h - 3.0 * self.line_height(size);
        for mut row in laid {
            let mut fresh = false;
            loop {
                let h = self.row_height(&row);
                if h <= self.remaining() {
                    self.draw_row(&row);
                    break;
                }
                // Too tall for what is left: move the whole row to the next page, unless it would not
                // fit on an empty page either; then fill this page with as many of its lines as fit.
                if h > page_body {
                    if let Some((head, tail)) = self.split_row(&row, self.remaining()) {
                        self.draw_row(&head);
                        row = tail;
                    } else if fresh {
                        // Not even one line fits on an empty page (an absurd template): draw it anyway.
                        self.draw_row(&row);
                        break;
                    }
                }
                self.overflow();
                self.draw_row(&header);
                fresh = true;
            }
        }
    }

    /// Draws the verification stamp and the page number in the bottom margin of page `index`.
    fn footer(&mut self, index: usize, count: usize, footer: &Footer<'_>) {
        let (left, width) = (self.left(), self.content_width());
        let qr_top = self.geo.height - footer.bottom - footer.qr_size;
        if let Some(page) = self.pages.get_mut(index) {
            page.stamp = true;
        }

        // The text: the code (bold) with the page number at the right, then how to check.
        let module = footer.qr_size / footer.qr.modules as f32;
        let gap = footer.gap.max(QUIET_ZONE as f32 * module);
        let x = left + footer.qr_size + gap;
        let text_width = width - footer.qr_size - gap;
        let (regular, bold) = (Style::regular(footer.size), Style::bold(footer.size));
        let lh = self.line_height(footer.size);
        let check = self.wrap(&footer.check_line, regular, text_width);
        let block = lh * (1 + check.len()) as f32;
        let mut top = qr_top + ((footer.qr_size - block) / 2.0).max(0.0);
        self.draw_text(index, x, top, clean(&footer.code_line), bold);
        if index > 0 || footer.number_first {
            let label =
                footer.number_format.replace("{page}", &(index + 1).to_string()).replace("{pages}", &count.to_string());
            let label = clean(&label);
            let number_x = left + width - self.text_width(&label, regular);
            self.draw_text(index, number_x, top, label, regular);
        }
        for line in check {
            top += lh;
            self.draw_text(index, x, top, line, regular);
        }
    }

    /// Prints the verification stamp on every page and the number on every page (but an unnumbered
    /// first page).
    pub fn finish(&mut self, footer: &Footer<'_>) {
        self.stamp = footer
            .qr
            .rects(self.left(), footer.bottom, footer.qr_size)
            .map(|(x, y, w, h)| {
                let rectangle = Rect {
                    x: Pt(x),
                    y: Pt(y),
                    width: Pt(w),
                    height: Pt(h),
                    mode: Some(PaintMode::Fill),
                    winding_order: None,
                };
                Op::DrawRectangle { rectangle }
            })
            .collect();
        let count = self.pages.len();
        for i in 0..count {
            self.footer(i, count, footer);
        }
    }

    /// The pages' content streams, written directly (the fast path: no printpdf operations for the
    /// text). `glyphs` holds the glyph id of every covered code point in the regular and the bold
    /// font, `names` their resource names; `encode` writes one drawing operation. The QR code (the
    /// q … Q bracket of the marks, the same on every page) is written once, as the answered form's
    /// content, and drawn on each page as the form XObject `form_name`.
    pub fn into_streams(
        self,
        glyphs: [&[u16]; 2],
        names: [&str; 2],
        form_name: &str,
        encode: impl Fn(&Op, &mut Vec<u8>) -> Result<(), crate::PdfError>,
    ) -> Result<Streams, crate::PdfError> {
        let grey = Op::SetFillColor { col: Color::Greyscale(Greyscale { percent: HEADER_GREY, icc_profile: None }) };
        let rule = Op::SetOutlineThickness { pt: Pt(RULE) };
        let black = Op::SetFillColor { col: Color::Greyscale(Greyscale { percent: 0.0, icc_profile: None }) };
        let mut form: Option<Vec<u8>> = None;
        let mut streams = Vec::with_capacity(self.pages.len());
        for p in self.pages {
            let mut out = Vec::with_capacity(64 + 40 * (p.fills.len() + p.strokes.len()) + 48 * p.text.len());
            encode(&grey, &mut out)?;
            for op in &p.fills {
                encode(op, &mut out)?;
            }
            encode(&rule, &mut out)?;
            for op in &p.strokes {
                encode(op, &mut out)?;
            }
            encode(&black, &mut out)?;
            if p.stamp {
                if form.is_none() {
                    let mut content = Vec::with_capacity(16 + 32 * self.stamp.len());
                    content.extend_from_slice(b"0 g\n");
                    for op in &self.stamp {
                        encode(op, &mut content)?;
                    }
                    form = Some(content);
                }
                out.extend_from_slice(b"q /");
                out.extend_from_slice(form_name.as_bytes());
                out.extend_from_slice(b" Do Q\n");
            }
            for [x, y, w, h] in &p.images {
                out.extend_from_slice(b"q ");
                crate::writer::nums(&mut out, &[*w, 0.0, 0.0, *h, *x, *y]);
                out.extend_from_slice(b" cm /");
                out.extend_from_slice(LOGO_NAME.as_bytes());
                out.extend_from_slice(b" Do Q\n");
            }
            if !p.text.is_empty() {
                out.extend_from_slice(b"BT\n");
                let mut table = glyphs[0];
                for op in &p.text {
                    match op {
                        TextOp::Font(w, size) => {
                            let index = usize::from(*w == Weight::Bold);
                            table = glyphs[index];
                            encode(
                                &Op::SetFont {
                                    font: PdfFontHandle::External(FontId(names[index].to_string())),
                                    size: Pt(*size),
                                },
                                &mut out,
                            )?;
                        }
                        TextOp::Op(op) => encode(op, &mut out)?,
                        TextOp::Show(text) => {
                            out.push(b'(');
                            for c in text.chars() {
                                let gid = table.get(c as usize).copied().unwrap_or(0);
                                for byte in gid.to_be_bytes() {
                                    push_literal_byte(&mut out, byte);
                                }
                            }
                            out.extend_from_slice(b") Tj\n");
                        }
                    }
                }
                out.extend_from_slice(b"ET\n");
            }
            streams.push(out);
        }
        Ok((streams, form))
    }

    /// The pages as printpdf pages; `regular` and `bold` are the document's font ids. With `glyphs`
    /// (the glyph id of every covered code point in the regular and the bold font), text is passed
    /// as glyph ids: printpdf's own per-character cmap lookup is a large part of its serialisation time.
    pub fn into_pages(self, regular: &FontId, bold: &FontId, glyphs: Option<[&[u16]; 2]>) -> Vec<PdfPage> {
        let (width, height) = (Mm(self.geo.width / MM), Mm(self.geo.height / MM));
        self.pages
            .into_iter()
            .map(|p| {
                let marks = if p.stamp { self.stamp.len() + 2 } else { 0 };
                let mut ops = Vec::with_capacity(p.fills.len() + p.strokes.len() + marks + p.text.len() + 8);
                ops.push(Op::SetFillColor {
                    col: Color::Greyscale(Greyscale { percent: HEADER_GREY, icc_profile: None }),
                });
                ops.extend(p.fills);
                ops.push(Op::SetOutlineThickness { pt: Pt(RULE) });
                ops.extend(p.strokes);
                ops.push(Op::SetFillColor { col: Color::Greyscale(Greyscale { percent: 0.0, icc_profile: None }) });
                if p.stamp {
                    ops.push(Op::SaveGraphicsState);
                    ops.extend(self.stamp.iter().cloned());
                    ops.push(Op::RestoreGraphicsState);
                }
                ops.extend(p.images.iter().map(|[x, y, w, h]| Op::UseXobject {
                    id: printpdf::XObjectId(LOGO_NAME.to_string()),
                    transform: printpdf::XObjectTransform {
                        translate_x: Some(Pt(*x)),
                        translate_y: Some(Pt(*y)),
                        scale_x: Some(*w),
                        scale_y: Some(*h),
                        no_auto_scale: true,
                        ..Default::default()
                    },
                }));
                if !p.text.is_empty() {
                    ops.push(Op::StartTextSection);
                    let mut weight = Weight::Regular;
                    ops.extend(p.text.into_iter().map(|op| match op {
                        TextOp::Font(w, size) => {
                            weight = w;
                            Op::SetFont {
                                font: PdfFontHandle::External(match w {
                                    Weight::Regular => regular.clone(),
                                    Weight::Bold => bold.clone(),
                                }),
                                size: Pt(size),
                            }
                        }
                        TextOp::Op(op) => op,
                        TextOp::Show(text) => {
                            let item = match glyphs {
                                Some(tables) => {
                                    let table = tables[usize::from(weight == Weight::Bold)];
                                    TextItem::GlyphIds(
                                        text.chars()
                                            .map(|c| Codepoint {
                                                gid: table.get(c as usize).copied().unwrap_or(0),
                                                offset: 0.0,
                                                cid: None,
                                            })
                                            .collect(),
                                    )
                                }
                                None => TextItem::Text(text),
                            };
                            Op::ShowText { items: vec![item] }
                        }
                    }));
                    ops.push(Op::EndTextSection);
                }
                PdfPage::new(width, height, ops)
            })
            .collect()
    }
}

/// Appends one byte of a literal string: as it is, but the delimiters and the backslash escaped, and
/// a carriage return written as `\r` (readers would take it for a line end).
fn push_literal_byte(out: &mut Vec<u8>, byte: u8) {
    match byte {
        b'(' | b')' | b'\\' => out.extend_from_slice(&[b'\\', byte]),
        b'\r' => out.extend_from_slice(b"\\r"),
        _ => out.push(byte),
    }
}

impl RowLines {
    fn clone_shape(&self) -> RowLines {
        RowLines {
            cells: Vec::new(),
            styles: self.styles.clone(),
            aligns: self.aligns.clone(),
            widths: self.widths.clone(),
            fill: self.fill,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literal_string_bytes_are_escaped_where_needed() {
        let mut out = Vec::new();
        for byte in [0x00, b'(', b')', b'\\', b'\r', b'\n', 0x41, 0xFF] {
            push_literal_byte(&mut out, byte);
        }
        assert_eq!(out, b"\x00\\(\\)\\\\\\r\nA\xFF");
    }
}
