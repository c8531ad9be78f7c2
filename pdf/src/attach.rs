//! Embedded files as PDF/A-3 style associated files: each file is an `/EmbeddedFile` stream with a
//! file specification in the catalog's `/Names /EmbeddedFiles` tree and in the catalog's `/AF`
//! array, with its `/AFRelationship` (the XML of the record is `/Data`, an attached signed yearly
//! record is `/Source`). Added as an incremental update, before the document is signed.

use crate::appearance::compressed;
use crate::update::{parse_err, pdf_date, text_string, Update};
use crate::PdfError;
use chrono::{DateTime, Utc};
use lopdf::{Dictionary, Object, Stream, StringFormat};

/// How an attached file relates to the document (ISO 32000-2 / PDF/A-3 `AFRelationship`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relationship {
    /// The same information in another form (the XML of the record).
    Data,
    /// A source of the document (an attached signed yearly record).
    Source,
}

impl Relationship {
    fn name(self) -> &'static [u8] {
        match self {
            Relationship::Data => b"Data",
            Relationship::Source => b"Source",
        }
    }
}

/// A file to embed.
#[derive(Debug, Clone)]
pub struct Attachment {
    /// File name shown by readers, e.g. "hoc-ba.xml".
    pub name: String,
    /// MIME type, e.g. "application/xml".
    pub mime: String,
    pub description: String,
    pub relationship: Relationship,
    pub data: Vec<u8>,
    pub modified: DateTime<Utc>,
}

/// Embeds `files` (names must be unique) as an incremental update.
pub fn attach(pdf: &[u8], files: &[Attachment]) -> Result<Vec<u8>, PdfError> {
    let mut update = Update::new(pdf)?;
    let root_id = update.root_id()?;
    let mut catalog = update.get_dictionary(root_id)?;

    let mut entries: Vec<(String, lopdf::ObjectId)> = Vec::new();
    for file in files {
        let mut params = Dictionary::new();
        params.set("Size", Object::Integer(file.data.len() as i64));
        params.set("ModDate", Object::String(pdf_date(file.modified).into_bytes(), StringFormat::Literal));
        let mut dict = Dictionary::new();
        dict.set("Type", Object::Name(b"EmbeddedFile".to_vec()));
        dict.set("Subtype", Object::Name(file.mime.as_bytes().to_vec()));
        dict.set("Params", Object::Dictionary(params));
        // PDFs are already compressed inside; text compresses well.
        let stream = if file.mime == "application/pdf" {
            let mut s = Stream::new(dict, file.data.clone());
            s.allows_compression = false;
            s
        } else {
            compressed(dict, &file.data)?
        };
        let stream_id = update.add(Object::Stream(stream));
        let mut ef = Dictionary::new();
        ef.set("F", Object::Reference(stream_id));
        ef.set("UF", Object::Reference(stream_id));
        let mut spec = Dictionary::new();
        spec.set("Type", Object::Name(b"Filespec".to_vec()));
        spec.set("F", Object::String(ascii_name(&file.name).into_bytes(), StringFormat::Literal));
        spec.set("UF", text_string(&file.name));
        spec.set("Desc", text_string(&file.description));
        spec.set("AFRelationship", Object::Name(file.relationship.name().to_vec()));
        spec.set("EF", Object::Dictionary(ef));
        let spec_id = update.add(Object::Dictionary(spec));
        entries.push((file.name.clone(), spec_id));
    }

    // An archival document (PDF/A-3b) once the XML is associated with it.
    if catalog.get(b"Metadata").is_err() {
        crate::pdfa::declare(&mut update, &mut catalog)?;
    }

    // /AF: every associated file.
    for (_, spec_id) in &entries {
        update.push_to_array(&mut catalog, b"AF", Object::Reference(*spec_id))?;
    }

    // /Names /EmbeddedFiles /Names: a flat, sorted name tree (existing entries kept).
    let (names_id, mut names) = match catalog.get(b"Names").ok().cloned() {
        Some(value) => {
            let (id, names) = update.resolve(&value)?;
            (id, names.as_dict().map_err(parse_err)?.clone())
        }
        None => (None, Dictionary::new()),
    };
    let (tree_id, mut tree) = match names.get(b"EmbeddedFiles").ok().cloned() {
        Some(value) => {
            let (id, tree) = update.resolve(&value)?;
            (id, tree.as_dict().map_err(parse_err)?.clone())
        }
        None => (None, Dictionary::new()),
    };
    let mut pairs: Vec<(Vec<u8>, Object)> = Vec::new();
    if let Ok(existing) = tree.get(b"Names") {
        let (_, existing) = update.resolve(existing)?;
        for pair in existing.as_array().map_err(parse_err)?.chunks(2) {
            if let [Object::String(key, _), value] = pair {
                pairs.push((key.clone(), value.clone()));
            }
        }
    }
    for (name, spec_id) in &entries {
        pairs.push((ascii_name(name).into_bytes(), Object::Reference(*spec_id)));
    }
    pairs.sort_by(|a, b| a.0.cmp(&b.0));
    let flat: Vec<Object> =
        pairs.into_iter().flat_map(|(k, v)| [Object::String(k, StringFormat::Literal), v]).collect();
    tree.set("Names", Object::Array(flat));
    match tree_id {
        Some(id) => update.set(id, Object::Dictionary(tree)),
        None => names.set("EmbeddedFiles", Object::Dictionary(tree)),
    }
    match names_id {
        Some(id) => update.set(id, Object::Dictionary(names)),
        None => catalog.set("Names", Object::Dictionary(names)),
    }
    // Readers show the attachments panel when the document opens.
    catalog.set("PageMode", Object::Name(b"UseAttachments".to_vec()));
    update.set(root_id, Object::Dictionary(catalog));
    update.write(|_, _| Ok(()))
}

/// The file name in ASCII (for the `/F` entry and the name tree key).
fn ascii_name(name: &str) -> String {
    hocba_core::text::fold_diacritics(name).chars().filter(char::is_ascii).collect()
}
