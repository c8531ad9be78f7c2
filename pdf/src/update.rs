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
    source: Source<'a>,
    next_id: u32,
    prev_size: i64,
    /// Changed and new objects, by number (written in this order).
    objects: BTreeMap<ObjectId, Object>,
}

impl<'a> Update<'a> {
    pub fn new(original: &'a [u8]) -> Result<Update<'a>, PdfError> {
        // Reading only the cross-reference tables and the few objects an update changes is much
        // cheaper than parsing the whole file (earlier signatures' 16 KB hex strings included).
        let source = match Lazy::load(original) {
            Some(lazy) => Source::Lazy(lazy),
            None => Source::Full(Box::new(lopdf::Document::load_mem(original).map_err(parse_err)?)),
        };
        if source.trailer().get(b"Encrypt").is_ok() {
            return Err(PdfError::Parse("encrypted PDFs are not supported".into()));
        }
        let prev_size = source.trailer().get(b"Size").and_then(Object::as_i64).unwrap_or(0);
        let max_id = match &source {
            Source::Lazy(lazy) => lazy.max_id(),
            Source::Full(doc) => doc.max_id,
        };
        let next_id = u32::try_from(prev_size).unwrap_or(0).max(max_id + 1);
        Ok(Update { original, source, next_id, prev_size, objects: BTreeMap::new() })
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
            None => match &self.source {
                Source::Lazy(lazy) => lazy.object(id),
                Source::Full(doc) => doc.get_object(id).cloned().map_err(parse_err),
            },
        }
    }

    pub fn get_dictionary(&self, id: ObjectId) -> Result<Dictionary, PdfError> {
        match self.get(id)? {
            Object::Dictionary(dict) => Ok(dict),
            _ => Err(PdfError::Parse(format!("object {} is not a dictionary", id.0))),
        }
    }

    /// Where object `number` (generation 0) of the original starts, when the original was read
    /// lazily (`None` otherwise, or when the object is not in use).
    pub fn offset_of(&self, number: u32) -> Option<usize> {
        match &self.source {
            Source::Lazy(lazy) => {
                lazy.offsets.get(&number).copied().flatten().filter(|(g, _)| *g == 0).map(|(_, at)| at)
            }
            Source::Full(_) => None,
        }
    }

    /// The document information dictionary's object, if the trailer names one.
    pub fn info_id(&self) -> Option<ObjectId> {
        self.source.trailer().get(b"Info").and_then(Object::as_reference).ok()
    }

    pub fn root_id(&self) -> Result<ObjectId, PdfError> {
        self.source.trailer().get(b"Root").and_then(Object::as_reference).map_err(parse_err)
    }

    /// The object id of the page with this zero-based index.
    pub fn page_id(&self, index: usize) -> Result<ObjectId, PdfError> {
        let page = match &self.source {
            Source::Lazy(lazy) => lazy.pages(index)?.get(index).copied(),
            Source::Full(doc) => doc.get_pages().values().nth(index).copied(),
        };
        page.ok_or_else(|| PdfError::Parse(format!("the PDF has no page {}", index + 1)))
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
            if let Ok(value) = self.source.trailer().get(key) {
                trailer.set(key, value.clone());
            }
        }
        let (xref_start, table) = match &self.source {
            Source::Lazy(lazy) => (lazy.xref_start(), true),
            Source::Full(doc) => (
                doc.xref_start,
                matches!(doc.reference_table.cross_reference_type, lopdf::xref::XrefType::CrossReferenceTable),
            ),
        };
        trailer.set("Prev", Object::Integer(i64::try_from(xref_start).map_err(parse_err)?));
        let highest = offsets.iter().map(|(id, _)| id.0).max().unwrap_or(0);
        match table {
            true => {
                let size = i64::from(highest + 1).max(self.prev_size);
                write_xref_table(&mut out, &offsets, trailer, size)?
            }
            false => {
                let xref_id = (self.next_id.max(highest + 1), 0);
                let size = i64::from(xref_id.0 + 1).max(self.prev_size);
                write_xref_stream(&mut out, &mut offsets, trailer, xref_id, size)?
            }
        }
        Ok(out)
    }
}

/// Where the original's objects are read from.
enum Source<'a> {
    Lazy(Lazy<'a>),
    Full(Box<lopdf::Document>),
}

impl Source<'_> {
    fn trailer(&self) -> &Dictionary {
        match self {
            Source::Lazy(lazy) => lazy.trailer(),
            Source::Full(doc) => &doc.trailer,
        }
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
            const HEX: &[u8; 16] = b"0123456789ABCDEF";
            for byte in bytes {
                out.extend_from_slice(&[HEX[usize::from(byte >> 4)], HEX[usize::from(byte & 0xF)]]);
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

/// A lazy reader of a PDF whose cross-reference sections are all tables (as the renderer and the
/// updates of this module write them): reads the trailer and the tables only, and parses an object
/// when it is asked for. Anything else (cross-reference streams, object streams, a damaged table)
/// makes [`Lazy::load`] answer `None` and the caller parses the whole file with lopdf.
pub(crate) struct Lazy<'a> {
    bytes: &'a [u8],
    trailer: Dictionary,
    xref_start: usize,
    /// In-use objects: number → (generation, offset); free entries shadow older sections as `None`.
    offsets: std::collections::HashMap<u32, Option<(u16, usize)>>,
    max_id: u32,
}

impl<'a> Lazy<'a> {
    pub fn load(bytes: &'a [u8]) -> Option<Lazy<'a>> {
        let tail_from = bytes.len().saturating_sub(1024);
        let tail = &bytes[tail_from..];
        let at = tail.windows(9).rposition(|w| w == b"startxref")? + tail_from + 9;
        let mut p = Parser { b: bytes, i: at };
        let xref_start = usize::try_from(p.integer()?).ok()?;
        let mut offsets = std::collections::HashMap::new();
        let mut trailer: Option<Dictionary> = None;
        let mut next = Some(xref_start);
        let mut seen = Vec::new();
        while let Some(start) = next.take() {
            if seen.contains(&start) || seen.len() > 64 {
                return None;
            }
            seen.push(start);
            let mut p = Parser { b: bytes, i: start };
            p.skip_ws();
            if !p.keyword(b"xref") {
                return None;
            }
            loop {
                p.skip_ws();
                if p.keyword(b"trailer") {
                    break;
                }
                let first = u32::try_from(p.integer()?).ok()?;
                let count = u32::try_from(p.integer()?).ok()?;
                for n in first..first.checked_add(count)? {
                    let offset = usize::try_from(p.integer()?).ok()?;
                    let generation = u16::try_from(p.integer()?).ok()?;
                    p.skip_ws();
                    let kind = *p.b.get(p.i)?;
                    p.i += 1;
                    let entry = match kind {
                        b'n' => Some((generation, offset)),
                        b'f' => None,
                        _ => return None,
                    };
                    offsets.entry(n).or_insert(entry);
                }
            }
            let Some(Object::Dictionary(dict)) = p.object() else {
                return None;
            };
            if dict.has(b"XRefStm") {
                return None;
            }
            next = match dict.get(b"Prev") {
                Ok(Object::Integer(prev)) => Some(usize::try_from(*prev).ok()?),
                Ok(_) => return None,
                Err(_) => None,
            };
            if trailer.is_none() {
                trailer = Some(dict);
            }
        }
        let max_id = offsets.iter().filter(|(_, v)| v.is_some()).map(|(k, _)| *k).max().unwrap_or(0);
        let lazy = Lazy { bytes, trailer: trailer?, xref_start, offsets, max_id };
        // The catalog must be readable, else let lopdf try (it can reconstruct some damage).
        let root = lazy.trailer.get(b"Root").and_then(Object::as_reference).ok()?;
        lazy.object(root).ok()?;
        Some(lazy)
    }

    pub fn trailer(&self) -> &Dictionary {
        &self.trailer
    }

    pub fn xref_start(&self) -> usize {
        self.xref_start
    }

    pub fn max_id(&self) -> u32 {
        self.max_id
    }

    /// Parses object `id` (a stream with its raw, still encoded content).
    pub fn object(&self, id: ObjectId) -> Result<Object, PdfError> {
        let missing = || PdfError::Parse(format!("object {} {} not found", id.0, id.1));
        let (generation, offset) = self.offsets.get(&id.0).copied().flatten().ok_or_else(missing)?;
        if generation != id.1 {
            return Err(missing());
        }
        let bad = || PdfError::Parse(format!("object {} {} cannot be read", id.0, id.1));
        let mut p = Parser { b: self.bytes, i: offset };
        if p.integer() != Some(i64::from(id.0)) || p.integer() != Some(i64::from(id.1)) {
            return Err(bad());
        }
        p.skip_ws();
        if !p.keyword(b"obj") {
            return Err(bad());
        }
        let object = p.object().ok_or_else(bad)?;
        p.skip_ws();
        if !p.keyword(b"stream") {
            return Ok(object);
        }
        let Object::Dictionary(dict) = object else {
            return Err(bad());
        };
        // The data starts after CRLF or LF.
        if p.b.get(p.i) == Some(&b'\r') {
            p.i += 1;
        }
        if p.b.get(p.i) == Some(&b'\n') {
            p.i += 1;
        }
        let length = match dict.get(b"Length").map_err(parse_err)? {
            Object::Integer(n) => *n,
            Object::Reference(r) => match self.object(*r)? {
                Object::Integer(n) => n,
                _ => return Err(bad()),
            },
            _ => return Err(bad()),
        };
        let length = usize::try_from(length).map_err(|_| bad())?;
        let content = self.bytes.get(p.i..p.i.checked_add(length).ok_or_else(bad)?).ok_or_else(bad)?;
        let mut stream = lopdf::Stream::new(dict, content.to_vec());
        stream.allows_compression = false;
        Ok(Object::Stream(stream))
    }

    /// The object ids of the pages, in order, up to and including the one with index `upto`.
    pub fn pages(&self, upto: usize) -> Result<Vec<ObjectId>, PdfError> {
        let root = self.trailer.get(b"Root").and_then(Object::as_reference).map_err(parse_err)?;
        let catalog = self.object(root)?;
        let top = catalog.as_dict().and_then(|d| d.get(b"Pages")).and_then(Object::as_reference).map_err(parse_err)?;
        let mut pages = Vec::new();
        let mut stack = vec![(top, 0usize)];
        while let Some((id, depth)) = stack.pop() {
            if pages.len() > upto {
                break;
            }
            if depth > 64 {
                return Err(PdfError::Parse("page tree too deep".into()));
            }
            let node = self.object(id)?;
            let dict = node.as_dict().map_err(parse_err)?;
            match dict.get(b"Kids") {
                Ok(kids) => {
                    let kids = match kids {
                        Object::Reference(r) => self.object(*r)?.as_array().map_err(parse_err)?.clone(),
                        other => other.as_array().map_err(parse_err)?.clone(),
                    };
                    for kid in kids.iter().rev() {
                        stack.push((kid.as_reference().map_err(parse_err)?, depth + 1));
                    }
                }
                Err(_) => pages.push(id),
            }
        }
        Ok(pages)
    }
}

/// A small PDF object parser over a byte slice.
struct Parser<'a> {
    b: &'a [u8],
    i: usize,
}

fn is_white(c: u8) -> bool {
    matches!(c, b' ' | b'\n' | b'\r' | b'\t' | b'\x0c' | b'\0')
}

fn is_delimiter(c: u8) -> bool {
    matches!(c, b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%')
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn skip_ws(&mut self) {
        while let Some(c) = self.peek() {
            if is_white(c) {
                self.i += 1;
            } else if c == b'%' {
                while let Some(c) = self.peek() {
                    if c == b'\n' || c == b'\r' {
                        break;
                    }
                    self.i += 1;
                }
            } else {
                break;
            }
        }
    }

    /// Consumes `word` if it is next (and not the start of a longer word).
    fn keyword(&mut self, word: &[u8]) -> bool {
        let end = self.i + word.len();
        if self.b.get(self.i..end) == Some(word) && self.b.get(end).is_none_or(|c| is_white(*c) || is_delimiter(*c)) {
            self.i = end;
            true
        } else {
            false
        }
    }

    fn integer(&mut self) -> Option<i64> {
        self.skip_ws();
        let start = self.i;
        if matches!(self.peek(), Some(b'+' | b'-')) {
            self.i += 1;
        }
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.i += 1;
        }
        std::str::from_utf8(&self.b[start..self.i]).ok()?.parse().ok()
    }

    fn object(&mut self) -> Option<Object> {
        self.skip_ws();
        match self.peek()? {
            b'/' => self.name().map(Object::Name),
            b'(' => self.literal().map(|s| Object::String(s, StringFormat::Literal)),
            b'[' => {
                self.i += 1;
                let mut items = Vec::new();
                loop {
                    self.skip_ws();
                    if self.peek()? == b']' {
                        self.i += 1;
                        return Some(Object::Array(items));
                    }
                    items.push(self.object()?);
                }
            }
            b'<' if self.b.get(self.i + 1) == Some(&b'<') => {
                self.i += 2;
                let mut dict = Dictionary::new();
                loop {
                    self.skip_ws();
                    if self.b.get(self.i..self.i + 2) == Some(b">>") {
                        self.i += 2;
                        return Some(Object::Dictionary(dict));
                    }
                    let key = self.name()?;
                    let value = self.object()?;
                    dict.set(key, value);
                }
            }
            b'<' => {
                self.i += 1;
                let mut digits = Vec::new();
                loop {
                    let c = self.peek()?;
                    self.i += 1;
                    match c {
                        b'>' => break,
                        c if c.is_ascii_hexdigit() => digits.push(hex_value(c)),
                        c if is_white(c) => {}
                        _ => return None,
                    }
                }
                if digits.len() % 2 == 1 {
                    digits.push(0);
                }
                let bytes = digits.chunks(2).map(|p| p[0] << 4 | p[1]).collect();
                Some(Object::String(bytes, StringFormat::Hexadecimal))
            }
            b't' if self.keyword(b"true") => Some(Object::Boolean(true)),
            b'f' if self.keyword(b"false") => Some(Object::Boolean(false)),
            b'n' if self.keyword(b"null") => Some(Object::Null),
            c if c.is_ascii_digit() || matches!(c, b'+' | b'-' | b'.') => self.number(),
            _ => None,
        }
    }

    fn number(&mut self) -> Option<Object> {
        let start = self.i;
        if matches!(self.peek(), Some(b'+' | b'-')) {
            self.i += 1;
        }
        let mut real = false;
        while let Some(c) = self.peek() {
            if c.is_ascii_digit() {
                self.i += 1;
            } else if c == b'.' && !real {
                real = true;
                self.i += 1;
            } else {
                break;
            }
        }
        let text = std::str::from_utf8(&self.b[start..self.i]).ok()?;
        if real {
            let text = text.strip_suffix('.').unwrap_or(text);
            return text.parse::<f32>().ok().map(Object::Real);
        }
        let n: i64 = text.parse().ok()?;
        // "n g R": a reference.
        if n >= 0 && self.b[start].is_ascii_digit() {
            let save = self.i;
            if let Some(generation) = self.integer().filter(|g| (0..=i64::from(u16::MAX)).contains(g)) {
                self.skip_ws();
                if self.keyword(b"R") {
                    return Some(Object::Reference((u32::try_from(n).ok()?, u16::try_from(generation).ok()?)));
                }
            }
            self.i = save;
        }
        Some(Object::Integer(n))
    }

    fn name(&mut self) -> Option<Vec<u8>> {
        self.skip_ws();
        if self.peek()? != b'/' {
            return None;
        }
        self.i += 1;
        let mut name = Vec::new();
        while let Some(c) = self.peek() {
            if is_white(c) || is_delimiter(c) {
                break;
            }
            self.i += 1;
            if c == b'#' {
                let (h, l) = (self.peek()?, self.b.get(self.i + 1).copied()?);
                if !(h.is_ascii_hexdigit() && l.is_ascii_hexdigit()) {
                    return None;
                }
                name.push(hex_value(h) << 4 | hex_value(l));
                self.i += 2;
            } else {
                name.push(c);
            }
        }
        Some(name)
    }

    fn literal(&mut self) -> Option<Vec<u8>> {
        self.i += 1;
        let mut out = Vec::new();
        let mut depth = 0usize;
        loop {
            let c = self.peek()?;
            self.i += 1;
            match c {
                b'(' => {
                    depth += 1;
                    out.push(c);
                }
                b')' if depth == 0 => return Some(out),
                b')' => {
                    depth -= 1;
                    out.push(c);
                }
                b'\\' => {
                    let e = self.peek()?;
                    self.i += 1;
                    match e {
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'b' => out.push(8),
                        b'f' => out.push(12),
                        b'\r' => {
                            if self.peek() == Some(b'\n') {
                                self.i += 1;
                            }
                        }
                        b'\n' => {}
                        b'0'..=b'7' => {
                            let mut v = u32::from(e - b'0');
                            for _ in 0..2 {
                                match self.peek() {
                                    Some(d @ b'0'..=b'7') => {
                                        v = v * 8 + u32::from(d - b'0');
                                        self.i += 1;
                                    }
                                    _ => break,
                                }
                            }
                            out.push((v & 0xFF) as u8);
                        }
                        other => out.push(other),
                    }
                }
                other => out.push(other),
            }
        }
    }
}

fn hex_value(c: u8) -> u8 {
    match c {
        b'0'..=b'9' => c - b'0',
        b'a'..=b'f' => c - b'a' + 10,
        _ => c.wrapping_sub(b'A').wrapping_add(10),
    }
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
