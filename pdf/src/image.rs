//! Images named by the template (the cover's school logo, the seal's image): a PNG or JPEG file
//! prepared once (decoded and deflated, or kept as is for JPEG) and written as an image XObject into
//! every document (the seal's into each seal signature's appearance).

use crate::canvas::LOGO_NAME;
use crate::PdfError;
use std::io::Write;
use std::path::Path;

/// An image ready to be embedded: the stream of its image XObject and, for PNGs with an alpha
/// channel, the stream of its soft mask.
#[derive(Debug, Clone)]
pub(crate) struct Image {
    pub width: u32,
    pub height: u32,
    /// `/DeviceGray`, `/DeviceRGB` or `/DeviceCMYK`.
    color_space: &'static str,
    /// `/FlateDecode` (decoded PNG samples) or `/DCTDecode` (JPEG bytes as they are).
    filter: &'static str,
    /// Adobe JPEGs in CMYK store inverted samples.
    invert: bool,
    data: Vec<u8>,
    /// The alpha channel, deflated (8-bit grey).
    smask: Option<Vec<u8>>,
}

impl Image {
    /// Reads a PNG (any bit depth and colour type: expanded to 8-bit grey or RGB, alpha becomes a soft
    /// mask) or a baseline/progressive JPEG (embedded as is). The error names the template key
    /// (`what`) and the file.
    pub fn load(path: &Path, what: &str) -> Result<Image, PdfError> {
        let bytes = std::fs::read(path)
            .map_err(|e| PdfError::Template(format!("{what} {}: cannot read: {e}", path.display())))?;
        Image::from_bytes(&bytes).map_err(|e| PdfError::Template(format!("{what} {}: {e}", path.display())))
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<Image, String> {
        if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            Image::png(bytes)
        } else if bytes.starts_with(&[0xFF, 0xD8]) {
            Image::jpeg(bytes)
        } else {
            Err("not a PNG or JPEG file".into())
        }
    }

    fn png(bytes: &[u8]) -> Result<Image, String> {
        let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
        decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
        let mut reader = decoder.read_info().map_err(|e| format!("invalid PNG: {e}"))?;
        let size = reader.output_buffer_size().ok_or("PNG too large")?;
        let mut buf = vec![0; size];
        let info = reader.next_frame(&mut buf).map_err(|e| format!("invalid PNG: {e}"))?;
        if info.bit_depth != png::BitDepth::Eight {
            return Err(format!("unsupported PNG bit depth {:?}", info.bit_depth));
        }
        let (colors, alpha, color_space) = match info.color_type {
            png::ColorType::Grayscale => (1, false, "DeviceGray"),
            png::ColorType::GrayscaleAlpha => (1, true, "DeviceGray"),
            png::ColorType::Rgb => (3, false, "DeviceRGB"),
            png::ColorType::Rgba => (3, true, "DeviceRGB"),
            other => return Err(format!("unsupported PNG colour type {other:?}")),
        };
        let pixels = info.width as usize * info.height as usize;
        let mut samples = Vec::with_capacity(pixels * colors);
        let mut mask = Vec::with_capacity(if alpha { pixels } else { 0 });
        let stride = colors + usize::from(alpha);
        for row in buf.chunks(info.line_size).take(info.height as usize) {
            for pixel in row.chunks_exact(stride).take(info.width as usize) {
                samples.extend_from_slice(&pixel[..colors]);
                if alpha {
                    mask.push(pixel[colors]);
                }
            }
        }
        let deflate = |data: &[u8]| deflate(data).map_err(|e| format!("compressing: {e}"));
        // An alpha channel that is opaque everywhere needs no mask.
        let smask = if alpha && mask.iter().any(|a| *a != 255) { Some(deflate(&mask)?) } else { None };
        Ok(Image {
            width: info.width,
            height: info.height,
            color_space,
            filter: "FlateDecode",
            invert: false,
            data: deflate(&samples)?,
            smask,
        })
    }

    /// Reads the size and components from the first SOF marker; the bytes are embedded as they are.
    fn jpeg(bytes: &[u8]) -> Result<Image, String> {
        let invalid = || "invalid JPEG: no frame header".to_string();
        let adobe = bytes.windows(5).any(|w| w == b"Adobe");
        let mut at = 2;
        loop {
            // Markers may be padded with 0xFF bytes.
            while bytes.get(at) == Some(&0xFF) && bytes.get(at + 1) == Some(&0xFF) {
                at += 1;
            }
            let (Some(0xFF), Some(&marker)) = (bytes.get(at), bytes.get(at + 1)) else {
                return Err(invalid());
            };
            let length = match (bytes.get(at + 2), bytes.get(at + 3)) {
                (Some(hi), Some(lo)) => usize::from(*hi) << 8 | usize::from(*lo),
                _ => return Err(invalid()),
            };
            // SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC).
            if (0xC0..=0xCF).contains(&marker) && ![0xC4, 0xC8, 0xCC].contains(&marker) {
                let header = bytes.get(at + 4..at + 10).ok_or_else(invalid)?;
                if header[0] != 8 {
                    return Err(format!("unsupported JPEG precision {}", header[0]));
                }
                let height = u32::from(header[1]) << 8 | u32::from(header[2]);
                let width = u32::from(header[3]) << 8 | u32::from(header[4]);
                let color_space = match header[5] {
                    1 => "DeviceGray",
                    3 => "DeviceRGB",
                    4 => "DeviceCMYK",
                    n => return Err(format!("unsupported JPEG with {n} components")),
                };
                if width == 0 || height == 0 {
                    return Err("JPEG without a size".into());
                }
                return Ok(Image {
                    width,
                    height,
                    color_space,
                    filter: "DCTDecode",
                    invert: adobe && color_space == "DeviceCMYK",
                    data: bytes.to_vec(),
                    smask: None,
                });
            }
            if marker == 0xD9 || marker == 0xDA {
                return Err(invalid());
            }
            at += 2 + length;
        }
    }

    /// How many PDF objects [`Image::write`] writes (the image, and its soft mask if any).
    pub fn object_count(&self) -> u32 {
        1 + u32::from(self.smask.is_some())
    }

    /// Writes the image XObject as object `number` (and its soft mask as `number + 1`) into `out`,
    /// recording their offsets in `offsets`.
    pub fn write(&self, out: &mut Vec<u8>, number: u32, offsets: &mut [usize]) {
        let mut stream = |out: &mut Vec<u8>, number: u32, dict: String, data: &[u8]| {
            if let Some(slot) = offsets.get_mut(number as usize) {
                *slot = out.len();
            }
            out.extend_from_slice(format!("{number} 0 obj\n<<{dict}/Length {}>>\nstream\n", data.len()).as_bytes());
            out.extend_from_slice(data);
            out.extend_from_slice(b"\nendstream\nendobj\n");
        };
        let (w, h) = (self.width, self.height);
        let mut dict = format!(
            "/Type/XObject/Subtype/Image/Width {w}/Height {h}/ColorSpace/{}/BitsPerComponent 8/Filter/{}",
            self.color_space, self.filter
        );
        if self.invert {
            dict.push_str("/Decode[1 0 1 0 1 0 1 0]");
        }
        if self.smask.is_some() {
            dict.push_str(&format!("/SMask {} 0 R", number + 1));
        }
        stream(out, number, dict, &self.data);
        if let Some(mask) = &self.smask {
            let dict = format!(
                "/Type/XObject/Subtype/Image/Width {w}/Height {h}/ColorSpace/DeviceGray/BitsPerComponent 8/Filter/FlateDecode"
            );
            stream(out, number + 1, dict, mask);
        }
    }

    /// Adds the image XObject (and first its soft mask) through `add`, and answers the image's id.
    pub fn add_objects(&self, mut add: impl FnMut(lopdf::Stream) -> lopdf::ObjectId) -> lopdf::ObjectId {
        use lopdf::{Dictionary, Object, Stream};
        let image_dict = |color_space: &str, filter: &str| {
            let mut d = Dictionary::new();
            d.set("Type", Object::Name(b"XObject".to_vec()));
            d.set("Subtype", Object::Name(b"Image".to_vec()));
            d.set("Width", i64::from(self.width));
            d.set("Height", i64::from(self.height));
            d.set("ColorSpace", Object::Name(color_space.as_bytes().to_vec()));
            d.set("BitsPerComponent", 8);
            d.set("Filter", Object::Name(filter.as_bytes().to_vec()));
            d
        };
        // The data is compressed already.
        let stream = |dict: Dictionary, data: &[u8]| {
            let mut s = Stream::new(dict, data.to_vec());
            s.allows_compression = false;
            s
        };
        let mut dict = image_dict(self.color_space, self.filter);
        if self.invert {
            dict.set("Decode", Object::Array([1, 0, 1, 0, 1, 0, 1, 0].map(Object::Integer).to_vec()));
        }
        if let Some(mask) = &self.smask {
            let id = add(stream(image_dict("DeviceGray", "FlateDecode"), mask));
            dict.set("SMask", Object::Reference(id));
        }
        add(stream(dict, &self.data))
    }

    /// Adds the image (and its soft mask) to a document written by printpdf and to the resources
    /// of its first page, as [`LOGO_NAME`] (the general rendering path).
    pub fn add_to_first_page(&self, doc: &mut lopdf::Document) -> Result<(), PdfError> {
        use lopdf::{Dictionary, Object};
        let err = |e: lopdf::Error| PdfError::Render(format!("adding the logo: {e}"));
        let id = self.add_objects(|s| doc.add_object(s));
        let page = doc.get_pages().into_values().next().ok_or_else(|| PdfError::Render("no page".into()))?;
        let resources = doc.get_dictionary(page).map_err(err)?.get(b"Resources").cloned().unwrap_or(Object::Null);
        let mut resources = match resources {
            Object::Reference(r) => doc.get_dictionary(r).map_err(err)?.clone(),
            Object::Dictionary(d) => d,
            _ => Dictionary::new(),
        };
        let mut xobjects = match resources.get(b"XObject") {
            Ok(Object::Reference(r)) => doc.get_dictionary(*r).map_err(err)?.clone(),
            Ok(Object::Dictionary(d)) => d.clone(),
            _ => Dictionary::new(),
        };
        xobjects.set(LOGO_NAME, Object::Reference(id));
        resources.set("XObject", xobjects);
        doc.get_dictionary_mut(page).map_err(err)?.set("Resources", resources);
        Ok(())
    }
}

fn deflate(bytes: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::new(9));
    encoder.write_all(bytes)?;
    encoder.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jpeg_size_comes_from_the_frame_header() {
        // SOI, an APP0 segment, SOF0 (8 bits, 20 × 10, 3 components), EOI.
        let mut jpeg = vec![0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0x00, 0x00];
        jpeg.extend_from_slice(&[0xFF, 0xC0, 0x00, 0x11, 8, 0, 10, 0, 20, 3]);
        jpeg.extend_from_slice(&[0; 9]);
        jpeg.extend_from_slice(&[0xFF, 0xD9]);
        let image = Image::from_bytes(&jpeg).expect("valid header");
        assert_eq!((image.width, image.height, image.color_space), (20, 10, "DeviceRGB"));
        assert_eq!(image.object_count(), 1);
        assert!(Image::from_bytes(b"GIF89a").is_err());
    }
}
