//! Incremental updates: new and changed objects appended after the original bytes, with their own
//! cross-reference section (table or stream, like the original's last one) whose `/Prev` points to
//! the original's. The original bytes are never changed, so earlier signatures stay intact.

use crate::PdfError;
use lopdf::{Dictionary, Object, ObjectId, StringFormat};
use std::collections::BTreeMap;

pub(crate) fn parse_err(e: impl std::fmt::Display) -> PdfError {
    PdfError::Parse(e.to_string())
}

/// An update being built on top of a parsed original.
pub(crate) struct Update<'a> {
    pub original: &'a [u8],
    pub doc: lopdf::Document,
    next_id: u32,
    prev_size: i64,
    /// Changed and new objects, by number (written in this order).
    objects: BTreeMap<ObjectId, Object>,
}

impl<'a> Update<'a> {
    pub fn new(original: &'a [u8]) -> Result<Update<'a>, PdfError> {
        let doc = lopdf::Document::load_mem(original).map_err(parse_err)?;
        if doc.trailer.get(b"Encrypt").is_ok() {
            return Err(PdfError::Parse("encrypted PDFs are not supported".into()));
        }
        let prev_size = doc.trailer.get(b"Size").and_then(Object::as_i64).unwrap_or(0);
        let next_id = u32::try_from(prev_size).unwrap_or(0).max(doc.max_id + 1);
        Ok(Update { original, doc, next_id, prev_size, objects: BTreeMap::new() })
    }

    /// A fresh object number (its object must be [`Update::set`] before writing).
    pub fn reserve(&mut self) -> ObjectId {
        let id = (self.next_id, 0);
        self.next_id += 1;
        id
    }

    /// Adds a new object and answers its number.
    pub fn add(&mut self, object: impl Into<Object>) -> ObjectId {
        let id = self.reserve();
        self.objects.insert(id, object.into());
        id
    }

    /// Sets (replaces) an object in the update.
    pub fn set(&mut self, id: ObjectId, object: impl Into<Object>) {
        self.objects.insert(id, object.into());
    }

    /// The object as the update will leave it.
    pub fn get(&self, id: ObjectId) -> Result<Object, PdfError> {
        match self.objects.get(&id) {
            Some(object) => Ok(object.clone()),
            None => self.doc.get_object(id).cloned().map_err(parse_err),
        }
    }

    pub fn get_dictionary(&self, id: ObjectId) -> Result<Dictionary, PdfError> {
        match self.get(id)? {
            Object::Dictionary(dict) => Ok(dict),
            _ => Err(PdfError::Parse(format!("object {} is not a dictionary", id.0))),
        }
    }

    pub fn root_id(&self) -> Result<ObjectId, PdfError> {
        self.doc.trailer.get(b"Root").and_then(Object::as_reference).map_err(parse_err)
    }

    /// The object id of the page with this zero-based index.
    pub fn page_id(&self, index: usize) -> Result<ObjectId, PdfError> {
        self.doc
            .get_pages()
            .values()
            .nth(index)
            .copied()
            .ok_or_else(|| PdfError::Parse(format!("the PDF has no page {}", index + 1)))
    }

    /// Resolves a dictionary entry that may be inline or a reference: answers the value and, when it
    /// is indirect, its object id.
    pub fn resolve(&self, value: &Object) -> Result<(Option<ObjectId>, Object), PdfError> {
        match value {
            Object::Reference(id) => Ok((Some(*id), self.get(*id)?)),
            other => Ok((None, other.clone())),
        }
    }

    /// Appends `item` to the array at `key` of `dict` (creating it). When the array is an indirect
    /// object, that object is updated; otherwise `dict` is changed and the caller must store it.
    pub fn push_to_array(&mut self, dict: &mut Dictionary, key: &[u8], item: Object) -> Result<usize, PdfError> {
        match dict.get(key).ok().cloned() {
            Some(Object::Reference(id)) => {
                let mut items = self.get(id)?.as_array().map_err(parse_err)?.clone();
                items.push(item);
                let count = items.len();
                self.set(id, Object::Array(items));
                Ok(count)
            }
            Some(Object::Array(mut items)) => {
                items.push(item);
                let count = items.len();
                dict.set(key, Object::Array(items));
                Ok(count)
            }
            _ => {
                dict.set(key, Object::Array(vec![item]));
                Ok(1)
            }
        }
    }

    /// Writes the original, the update's objects, then `extra` (objects written by the caller at
    /// the offsets it reports, e.g. a signature dictionary with placeholders), then the
    /// cross-reference section and trailer.
    pub fn write(
        self,
        extra: impl FnOnce(&mut Vec<u8>, &mut Vec<(ObjectId, usize)>) -> Result<(), PdfError>,
    ) -> Result<Vec<u8>, PdfError> {
        let extra_len: usize = self.objects.values().map(object_size_hint).sum();
        let mut out = Vec::with_capacity(self.original.len() + extra_len + 20_000);
        out.extend_from_slice(self.original);
        if !out.ends_with(b"\n") {
            out.push(b'\n');
        }
        let mut offsets: Vec<(ObjectId, usize)> = Vec::with_capacity(self.objects.len() + 2);
        for (id, object) in &self.objects {
            offsets.push((*id, out.len()));
            write_indirect(&mut out, *id, object)?;
        }
        extra(&mut out, &mut offsets)?;

        let mut trailer = Dictionary::new();
        for key in [&b"Root"[..], b"Info", b"ID"] {
            if let Ok(value) = self.doc.trailer.get(key) {
                trailer.set(key, value.clone());
            }
        }
        trailer.set("Prev", Object::Integer(i64::try_from(self.doc.xref_start).map_err(parse_err)?));
        let highest = offsets.iter().map(|(id, _)| id.0).max().unwrap_or(0);
        match self.doc.reference_table.cross_reference_type {
            lopdf::xref::XrefType::CrossReferenceTable => {
                let size = i64::from(highest + 1).max(self.prev_size);
                write_xref_table(&mut out, &offsets, trailer, size)?
            }
            lopdf::xref::XrefType::CrossReferenceStream => {
                let xref_id = (self.next_id.max(highest + 1), 0);
                let size = i64::from(xref_id.0 + 1).max(self.prev_size);
                write_xref_stream(&mut out, &mut offsets, trailer, xref_id, size)?
            }
        }
        Ok(out)
    }
}

fn object_size_hint(object: &Object) -> usize {
    match object {
        Object::Stream(s) => s.content.len() + 200,
        _ => 200,
    }
}

/// A PDF text string: UTF-16BE with a byte order mark, written in hex.
pub(crate) fn text_string(text: &str) -> Object {
    let text = hocba_core::text::clean(text);
    let mut bytes = vec![0xFE, 0xFF];
    bytes.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
    Object::String(bytes, StringFormat::Hexadecimal)
}

/// A PDF date string in UTC: `D:YYYYMMDDHHmmSS+00'00'`.
pub(crate) fn pdf_date(time: chrono::DateTime<chrono::Utc>) -> String {
    time.format("D:%Y%m%d%H%M%S+00'00'").to_string()
}

pub(crate) fn write_indirect(out: &mut Vec<u8>, id: ObjectId, object: &Object) -> Result<(), PdfError> {
    out.extend_from_slice(format!("{} {} obj\n", id.0, id.1).as_bytes());
    match object {
        Object::Stream(stream) => {
            let mut dict = stream.dict.clone();
            dict.set("Length", Object::Integer(stream.content.len() as i64));
            write_dictionary(out, &dict)?;
            out.extend_from_slice(b"\nstream\n");
            out.extend_from_slice(&stream.content);
            out.extend_from_slice(b"\nendstream");
        }
        other => write_object(out, other)?,
    }
    out.extend_from_slice(b"\nendobj\n");
    Ok(())
}

/// Serialises a direct object (streams only as indirect objects, see [`write_indirect`]).
pub(crate) fn write_object(out: &mut Vec<u8>, object: &Object) -> Result<(), PdfError> {
    match object {
        Object::Null => out.extend_from_slice(b"null"),
        Object::Boolean(b) => out.extend_from_slice(if *b { b"true" } else { b"false" }),
        Object::Integer(i) => out.extend_from_slice(i.to_string().as_bytes()),
        Object::Real(r) => {
            let text = format!("{r:.4}");
            let text = text.trim_end_matches('0').trim_end_matches('.');
            out.extend_from_slice(if text.is_empty() || text == "-" { b"0" } else { text.as_bytes() });
        }
        Object::Name(name) => {
            out.push(b'/');
            for &byte in name {
                if byte.is_ascii_graphic() && !b"()<>[]{}/%#".contains(&byte) {
                    out.push(byte);
                } else {
                    out.extend_from_slice(format!("#{byte:02X}").as_bytes());
                }
            }
        }
        Object::String(bytes, StringFormat::Literal) => {
            out.push(b'(');
            for &byte in bytes {
                match byte {
                    b'(' | b')' | b'\\' => out.extend_from_slice(&[b'\\', byte]),
                    b'\r' => out.extend_from_slice(b"\\r"),
                    b'\n' => out.extend_from_slice(b"\\n"),
                    _ => out.push(byte),
                }
            }
            out.push(b')');
        }
        Object::String(bytes, StringFormat::Hexadecimal) => {
            out.push(b'<');
            for byte in bytes {
                out.extend_from_slice(format!("{byte:02X}").as_bytes());
            }
            out.push(b'>');
        }
        Object::Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b' ');
                }
                write_object(out, item)?;
            }
            out.push(b']');
        }
        Object::Dictionary(dict) => write_dictionary(out, dict)?,
        Object::Reference(id) => out.extend_from_slice(format!("{} {} R", id.0, id.1).as_bytes()),
        Object::Stream(_) => return Err(PdfError::Parse("a stream can only be an indirect object".into())),
    }
    Ok(())
}

pub(crate) fn write_dictionary(out: &mut Vec<u8>, dict: &Dictionary) -> Result<(), PdfError> {
    out.extend_from_slice(b"<<");
    for (key, value) in dict.iter() {
        write_object(out, &Object::Name(key.clone()))?;
        out.push(b' ');
        write_object(out, value)?;
    }
    out.extend_from_slice(b">>");
    Ok(())
}

/// Consecutive object numbers grouped into xref subsections: (first number, offsets).
fn subsections(offsets: &[(ObjectId, usize)]) -> Vec<(u32, Vec<(u16, usize)>)> {
    let mut sorted = offsets.to_vec();
    sorted.sort_by_key(|(id, _)| id.0);
    let mut sections: Vec<(u32, Vec<(u16, usize)>)> = Vec::new();
    for ((number, generation), offset) in sorted {
        match sections.last_mut() {
            Some((first, entries)) if *first + entries.len() as u32 == number => entries.push((generation, offset)),
            _ => sections.push((number, vec![(generation, offset)])),
        }
    }
    sections
}

fn write_xref_table(
    out: &mut Vec<u8>,
    offsets: &[(ObjectId, usize)],
    mut trailer: Dictionary,
    size: i64,
) -> Result<(), PdfError> {
    let xref_at = out.len();
    out.extend_from_slice(b"xref\n");
    for (first, entries) in subsections(offsets) {
        out.extend_from_slice(format!("{first} {}\n", entries.len()).as_bytes());
        for (generation, offset) in entries {
            out.extend_from_slice(format!("{offset:010} {generation:05} n\r\n").as_bytes());
        }
    }
    trailer.set("Size", Object::Integer(size));
    out.extend_from_slice(b"trailer\n");
    write_dictionary(out, &trailer)?;
    out.extend_from_slice(format!("\nstartxref\n{xref_at}\n%%EOF\n").as_bytes());
    Ok(())
}

/// For originals whose last cross-reference section is a stream: the update uses one too
/// (uncompressed, `/W [1 4 2]`).
fn write_xref_stream(
    out: &mut Vec<u8>,
    offsets: &mut Vec<(ObjectId, usize)>,
    mut trailer: Dictionary,
    xref_id: ObjectId,
    size: i64,
) -> Result<(), PdfError> {
    let xref_at = out.len();
    offsets.push((xref_id, xref_at));
    let mut data = Vec::new();
    let mut index = Vec::new();
    for (first, entries) in subsections(offsets) {
        index.push(Object::Integer(i64::from(first)));
        index.push(Object::Integer(entries.len() as i64));
        for (generation, offset) in entries {
            let offset = u32::try_from(offset).map_err(|_| PdfError::Parse("PDF larger than 4 GB".into()))?;
            data.push(1u8);
            data.extend_from_slice(&offset.to_be_bytes());
            data.extend_from_slice(&generation.to_be_bytes());
        }
    }
    trailer.set("Type", Object::Name(b"XRef".to_vec()));
    trailer.set("Size", Object::Integer(size));
    trailer.set("W", Object::Array(vec![1.into(), 4.into(), 2.into()]));
    trailer.set("Index", Object::Array(index));
    trailer.set("Length", Object::Integer(data.len() as i64));
    out.extend_from_slice(format!("{} {} obj\n", xref_id.0, xref_id.1).as_bytes());
    write_dictionary(out, &trailer)?;
    out.extend_from_slice(b"\nstream\n");
    out.extend_from_slice(&data);
    out.extend_from_slice(b"\nendstream\nendobj\n");
    out.extend_from_slice(format!("startxref\n{xref_at}\n%%EOF\n").as_bytes());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xref_subsections_group_consecutive_numbers() {
        let offsets = [((7, 0), 70), ((3, 0), 30), ((8, 0), 80), ((4, 1), 40)];
        assert_eq!(subsections(&offsets), vec![(3, vec![(0, 30), (1, 40)]), (7, vec![(0, 70), (0, 80)])]);
    }

    #[test]
    fn objects_are_serialised_as_pdf_syntax() {
        let mut dict = Dictionary::new();
        dict.set("A b", Object::String(b"x(y)\\".to_vec(), StringFormat::Literal));
        dict.set("R", Object::Reference((12, 0)));
        dict.set("F", Object::Real(0.5));
        let mut out = Vec::new();
        write_object(&mut out, &Object::Dictionary(dict)).expect("serialises");
        assert_eq!(String::from_utf8_lossy(&out), "<</A#20b (x\\(y\\)\\\\)/R 12 0 R/F 0.5>>");
        let mut out = Vec::new();
        write_object(&mut out, &text_string("Kí")).expect("serialises");
        assert_eq!(String::from_utf8_lossy(&out), "<FEFF004B00ED>");
    }
}
