//! PDF/A-3b: what a học bạ needs to be an archival document besides embedded fonts and no
//! encryption (which every document hocba writes has): XMP metadata that says so (`pdfaid:part` 3,
//! `pdfaid:conformance` B) and repeats the document information, and an output intent with the
//! sRGB ICC profile the colours are meant in. Added to the catalog in the update that attaches
//! the XML (the associated files PDF/A-3 is about).

use crate::update::Update;
use crate::PdfError;
use lopdf::{Dictionary, Object, Stream};

/// The sRGB IEC 61966-2.1 profile (icc-profiles-free, zlib licence; `pdf-templates/icc/`).
const SRGB_ICC: &[u8] = include_bytes!("../../pdf-templates/icc/sRGB.icc");

fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// A PDF text string as Rust text (UTF-16BE with a byte-order mark, else PDFDocEncoding as Latin-1).
fn info_text(info: &Dictionary, key: &[u8]) -> String {
    info.get(key).map(crate::verify::pdf_text).unwrap_or_default()
}

/// `D:YYYYMMDDHHmmSS…` as XMP's `YYYY-MM-DDTHH:mm:SSZ` (the dates hocba writes are in UTC).
fn xmp_date(pdf_date: &str) -> Option<String> {
    let d = pdf_date.strip_prefix("D:").unwrap_or(pdf_date);
    let part = |a: usize, b: usize| d.get(a..b).filter(|s| s.bytes().all(|c| c.is_ascii_digit()));
    Some(format!(
        "{}-{}-{}T{}:{}:{}Z",
        part(0, 4)?,
        part(4, 6)?,
        part(6, 8)?,
        part(8, 10)?,
        part(10, 12)?,
        part(12, 14)?
    ))
}

/// The XMP packet for a document with this information dictionary.
fn xmp(info: &Dictionary) -> String {
    let title = xml_escape(&info_text(info, b"Title"));
    let author = xml_escape(&info_text(info, b"Author"));
    let subject = xml_escape(&info_text(info, b"Subject"));
    let creator = xml_escape(&info_text(info, b"Creator"));
    let producer = xml_escape(&info_text(info, b"Producer"));
    let created = xmp_date(&info_text(info, b"CreationDate")).unwrap_or_default();
    let modified = xmp_date(&info_text(info, b"ModDate")).unwrap_or_else(|| created.clone());
    format!(
        r#"<?xpacket begin="﻿" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
   <pdfaid:part>3</pdfaid:part>
   <pdfaid:conformance>B</pdfaid:conformance>
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">{subject}</rdf:li></rdf:Alt></dc:description>
   <xmp:CreatorTool>{creator}</xmp:CreatorTool>
   <xmp:CreateDate>{created}</xmp:CreateDate>
   <xmp:ModifyDate>{modified}</xmp:ModifyDate>
   <pdf:Producer>{producer}</pdf:Producer>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"#
    )
}

/// Adds the XMP metadata and the sRGB output intent to `catalog` (stored by the caller).
pub(crate) fn declare(update: &mut Update<'_>, catalog: &mut Dictionary) -> Result<(), PdfError> {
    let info = match update.info_id() {
        Some(id) => update.get_dictionary(id)?,
        None => Dictionary::new(),
    };
    let mut meta = Dictionary::new();
    meta.set("Type", Object::Name(b"Metadata".to_vec()));
    meta.set("Subtype", Object::Name(b"XML".to_vec()));
    // Metadata stays uncompressed so that archives and search tools read it as is.
    let mut stream = Stream::new(meta, xmp(&info).into_bytes());
    stream.allows_compression = false;
    let meta_id = update.add(Object::Stream(stream));
    catalog.set("Metadata", Object::Reference(meta_id));

    let mut icc = Dictionary::new();
    icc.set("N", Object::Integer(3));
    let icc = crate::appearance::compressed(icc, SRGB_ICC)?;
    let icc_id = update.add(Object::Stream(icc));
    let mut intent = Dictionary::new();
    intent.set("Type", Object::Name(b"OutputIntent".to_vec()));
    intent.set("S", Object::Name(b"GTS_PDFA1".to_vec()));
    intent
        .set("OutputConditionIdentifier", Object::String(b"sRGB IEC61966-2.1".to_vec(), lopdf::StringFormat::Literal));
    intent.set("Info", Object::String(b"sRGB IEC61966-2.1".to_vec(), lopdf::StringFormat::Literal));
    intent.set("DestOutputProfile", Object::Reference(icc_id));
    catalog.set("OutputIntents", Object::Array(vec![Object::Dictionary(intent)]));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_xmp_repeats_the_document_information() {
        let mut info = Dictionary::new();
        info.set("Title", crate::update::text_string("Học bạ — Giàng Thị Mỷ <5A>"));
        info.set("CreationDate", Object::String(b"D:20260530021500Z".to_vec(), lopdf::StringFormat::Literal));
        let x = xmp(&info);
        assert!(x.contains("<pdfaid:part>3</pdfaid:part>") && x.contains("<pdfaid:conformance>B</pdfaid:conformance>"));
        assert!(x.contains("Học bạ — Giàng Thị Mỷ &lt;5A&gt;"), "{x}");
        assert!(x.contains("<xmp:CreateDate>2026-05-30T02:15:00Z</xmp:CreateDate>"));
        assert!(x.contains("<xmp:ModifyDate>2026-05-30T02:15:00Z</xmp:ModifyDate>"));
        assert_eq!(SRGB_ICC.get(36..40), Some(b"acsp".as_slice()), "an ICC profile");
    }
}
