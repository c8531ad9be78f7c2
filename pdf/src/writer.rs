//! The low-level PDF writer of the fast path: content-stream operations and numbers, object
//! references and renumbering, and deflate.

use crate::PdfError;
use std::collections::BTreeMap;
use std::io::Write;

/// Deflate level of content streams: level 1 is several times faster than lopdf's level 9 and only
/// slightly larger on these text-and-rule streams. The font programs are compressed once, at level 9.
pub(crate) const CONTENT_LEVEL: u32 = 1;

/// The first bytes of every document the fast path writes.
pub(crate) const HEADER: &[u8] = b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n";

pub(crate) fn deflate(bytes: &[u8], level: u32) -> std::io::Result<Vec<u8>> {
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
pub(crate) fn compress_all(compressor: &mut flate2::Compress, bytes: &[u8]) -> std::io::Result<Vec<u8>> {
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

/// Appends one operation to a content stream.
pub(crate) fn encode_op(op: &printpdf::Op, out: &mut Vec<u8>) -> Result<(), PdfError> {
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

pub(crate) fn push_int(out: &mut Vec<u8>, mut v: usize) {
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
pub(crate) fn push_ref(out: &mut Vec<u8>, number: u32) {
    push_int(out, number as usize);
    out.extend_from_slice(b" 0 R");
}

/// The objects `object` refers to, in order.
pub(crate) fn references(object: &lopdf::Object, found: &mut Vec<lopdf::ObjectId>) {
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
pub(crate) fn renumber(object: &lopdf::Object, numbers: &BTreeMap<lopdf::ObjectId, u32>) -> lopdf::Object {
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
pub(crate) fn num(out: &mut Vec<u8>, v: f32) {
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

/// printpdf writes an empty `/GTS_PDFXVersion()` into the Info dictionary, which readers take as a
/// PDF/X conformance claim. It is overwritten with spaces of the same length (offsets stay valid).
pub(crate) fn blank_out_pdfx_claim(pdf: &mut [u8]) {
    const CLAIM: &[u8] = b"/GTS_PDFXVersion()";
    if let Some(at) = pdf.windows(CLAIM.len()).position(|w| w == CLAIM) {
        pdf[at..at + CLAIM.len()].fill(b' ');
    }
}
