//! PAdES signing as incremental updates: a signature field (visible or not) and a `/Sig` dictionary
//! whose `/Contents` holds a detached CMS SignedData (`/SubFilter /ETSI.CAdES.detached`).
//!
//! Signing is split in two so that the private key can live elsewhere (a USB token on the
//! principal's laptop): [`prepare`] writes the update with a zero-filled `/Contents` placeholder and
//! answers the digest to sign; [`Prepared::embed`] puts the CMS signature into the placeholder.
//! The original bytes are kept unchanged; lopdf only reads them.

use crate::appearance::{add_appearance, AppearanceLine};
use crate::cache::PdfCache;
use crate::certs::SigningIdentity;
use crate::cms::{sign_digest, RawSigner};
use crate::document::SignatureBox;
use crate::update::{parse_err, pdf_date, text_string, write_object, Update};
use crate::PdfError;
use chrono::{DateTime, Utc};
use lopdf::{Dictionary, Object, ObjectId, StringFormat};
use std::io::Write;

/// Bytes reserved for the DER-encoded CMS signature (written as 2 × this many hex digits).
pub const SIGNATURE_RESERVE: usize = 8192;

/// Width of each number in the `/ByteRange` placeholder.
const RANGE_DIGITS: usize = 10;

/// One signature to add.
#[derive(Debug, Clone)]
pub struct SignatureRequest {
    /// The field's name (`/T`), unique in the document, e.g. "GiaoVienChuNhiem".
    pub field_name: String,
    /// The signer's name as the signature dictionary's `/Name`.
    pub signer_name: String,
    /// `/Reason`.
    pub reason: String,
    /// `/Location` (the school's commune), if any.
    pub location: Option<String>,
    /// `/M`.
    pub signing_time: DateTime<Utc>,
    /// Where the visible appearance goes; `None` for an invisible signature.
    pub placement: Option<SignatureBox>,
    /// The lines of the visible appearance.
    pub appearance: Vec<AppearanceLine>,
    /// Bytes reserved for the CMS (more when a timestamp is added).
    pub reserve: usize,
    /// The fields of the signers after this one (name, where its appearance goes): when this is the
    /// document's first signature, which certifies it, they are made empty with it (after a
    /// certification, only existing fields may be signed).
    pub later_fields: Vec<(String, Option<SignatureBox>)>,
}

impl SignatureRequest {
    /// An invisible signature with the default reserve.
    pub fn invisible(field_name: &str, signer_name: &str, reason: &str, signing_time: DateTime<Utc>) -> Self {
        SignatureRequest {
            field_name: field_name.into(),
            signer_name: signer_name.into(),
            reason: reason.into(),
            location: None,
            signing_time,
            placement: None,
            appearance: Vec::new(),
            reserve: SIGNATURE_RESERVE,
            later_fields: Vec::new(),
        }
    }
}

/// A document with a signature placeholder, waiting for its CMS signature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prepared {
    pub pdf: Vec<u8>,
    /// Offset of the `<` that opens the `/Contents` hex string.
    pub contents_at: usize,
}

impl Prepared {
    /// The end of the `/Contents` hex string (one past its `>`).
    fn contents_end(&self) -> Result<usize, PdfError> {
        let rest = self.pdf.get(self.contents_at..).ok_or_else(|| PdfError::Parse("bad placeholder".into()))?;
        if rest.first() != Some(&b'<') {
            return Err(PdfError::Parse("bad placeholder".into()));
        }
        let close = rest.iter().position(|b| *b == b'>').ok_or_else(|| PdfError::Parse("bad placeholder".into()))?;
        Ok(self.contents_at + close + 1)
    }

    /// SHA-256 of the signed byte ranges (everything but the `/Contents` string).
    pub fn digest(&self) -> Result<[u8; 32], PdfError> {
        self.digest_with(&PdfCache::default())
    }

    /// [`Prepared::digest`], resuming from a hash state `cache` kept: the first range of a later
    /// signature of the same document starts with the first range of this one (the update only
    /// appends), so the state at its end is kept and signing the document again hashes only what
    /// was added since.
    pub fn digest_with(&self, cache: &PdfCache) -> Result<[u8; 32], PdfError> {
        let end = self.contents_end()?;
        let head = &self.pdf[..self.contents_at];
        let (done, mut hasher) = cache.resume(head);
        hasher.update(&head[done..]);
        cache.keep_state(head, &hasher);
        hasher.update(&self.pdf[end..]);
        let digest = hasher.finish();
        digest.as_ref().try_into().map_err(|_| PdfError::Parse("unexpected digest length".into()))
    }

    /// Puts the DER CMS signature into the placeholder.
    pub fn embed(mut self, cms: &[u8]) -> Result<Vec<u8>, PdfError> {
        let end = self.contents_end()?;
        let reserved = (end - self.contents_at - 2) / 2;
        if cms.len() > reserved {
            return Err(PdfError::SignatureTooLarge { needed: cms.len(), reserved });
        }
        const HEX: &[u8; 16] = b"0123456789ABCDEF";
        let target = &mut self.pdf[self.contents_at + 1..self.contents_at + 1 + 2 * cms.len()];
        for (pair, byte) in target.chunks_exact_mut(2).zip(cms) {
            pair[0] = HEX[usize::from(byte >> 4)];
            pair[1] = HEX[usize::from(byte & 0xF)];
        }
        Ok(self.pdf)
    }
}

/// Adds a signature field and a signature dictionary with placeholders as an incremental update
/// (a visible appearance draws with the fonts `cache` knows of the document's renderer).
pub fn prepare(pdf: &[u8], request: &SignatureRequest, cache: &PdfCache) -> Result<Prepared, PdfError> {
    prepare_kind(pdf, request, cache, SigKind::Signature)
}

/// What a signature dictionary holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SigKind {
    /// A CMS signature by a person or the seal (`/Type /Sig`, `ETSI.CAdES.detached`).
    Signature,
    /// An RFC 3161 document timestamp (`/Type /DocTimeStamp`, `ETSI.RFC3161`), PAdES B-LTA.
    DocumentTimestamp,
}

pub(crate) fn prepare_kind(
    pdf: &[u8],
    request: &SignatureRequest,
    cache: &PdfCache,
    kind: SigKind,
) -> Result<Prepared, PdfError> {
    let mut update = Update::new(pdf)?;
    let sig_id = update.reserve();
    let root_id = update.root_id()?;
    let mut catalog = update.get_dictionary(root_id)?;
    let (form_id, mut form) = match catalog.get(b"AcroForm").ok().cloned() {
        Some(value) => {
            let (id, form) = update.resolve(&value)?;
            (id, form.as_dict().map_err(parse_err)?.clone())
        }
        None => (None, Dictionary::new()),
    };
    let fields_before = match form.get(b"Fields").ok() {
        Some(value) => update.resolve(value)?.1.as_array().map(Vec::len).unwrap_or(0),
        None => 0,
    };

    // A field made empty by the certifying signature for this signer is signed in place: after
    // a certification only existing fields may be signed.
    if let Some((field_id, mut field)) = empty_field(&update, &form, &request.field_name)? {
        field.set("V", Object::Reference(sig_id));
        if let Some(place) = request.placement {
            let ap = add_appearance(&mut update, place, &request.appearance, cache)?;
            let mut dict = Dictionary::new();
            dict.set("N", Object::Reference(ap));
            field.set("AP", Object::Dictionary(dict));
        }
        update.set(field_id, Object::Dictionary(field));
        return finish_prepare(update, sig_id, request, kind, false);
    }

    // The first signature certifies the document (DocMDP, P = 2): later revisions may only sign
    // its fields (and add validation data and document timestamps, which PAdES always allows).
    // It also makes the empty fields of the signers after it.
    let certify = kind == SigKind::Signature && fields_before == 0;
    let mut new_fields = vec![(request.field_name.clone(), request.placement, true)];
    if certify {
        new_fields.extend(request.later_fields.iter().map(|(name, place)| (name.clone(), *place, false)));
    }
    let mut per_page: std::collections::BTreeMap<usize, Vec<ObjectId>> = std::collections::BTreeMap::new();
    for (name, placement, this_one) in new_fields {
        let field_id = update.reserve();
        let page_index = placement.map_or(0, |p| p.page);
        let page_id = update.page_id(page_index)?;
        per_page.entry(page_index).or_default().push(field_id);
        update.push_to_array(&mut form, b"Fields", Object::Reference(field_id))?;
        let mut field = Dictionary::new();
        field.set("Type", Object::Name(b"Annot".to_vec()));
        field.set("Subtype", Object::Name(b"Widget".to_vec()));
        field.set("FT", Object::Name(b"Sig".to_vec()));
        field.set("T", text_string(&name));
        field.set("P", Object::Reference(page_id));
        // Print + Locked.
        field.set("F", Object::Integer(132));
        let rect = placement.map(|p| p.rect);
        field.set(
            "Rect",
            Object::Array(match rect {
                Some(r) => vec![
                    Object::Real(r.x),
                    Object::Real(r.y),
                    Object::Real(r.x + r.width),
                    Object::Real(r.y + r.height),
                ],
                None => vec![0.into(), 0.into(), 0.into(), 0.into()],
            }),
        );
        if this_one {
            field.set("V", Object::Reference(sig_id));
            if let Some(place) = placement {
                let ap = add_appearance(&mut update, place, &request.appearance, cache)?;
                let mut dict = Dictionary::new();
                dict.set("N", Object::Reference(ap));
                field.set("AP", Object::Dictionary(dict));
            }
        }
        update.set(field_id, Object::Dictionary(field));
    }
    // The widgets go into their pages' /Annots.
    for (page_index, widgets) in per_page {
        let page_id = update.page_id(page_index)?;
        let mut page = update.get_dictionary(page_id)?;
        for widget in widgets {
            update.push_to_array(&mut page, b"Annots", Object::Reference(widget))?;
        }
        update.set(page_id, Object::Dictionary(page));
    }

    // /SigFlags 3: signatures exist, append only.
    form.set("SigFlags", Object::Integer(3));
    let mut catalog_changed = false;
    match form_id {
        Some(id) => update.set(id, Object::Dictionary(form)),
        None => {
            catalog.set("AcroForm", Object::Dictionary(form));
            catalog_changed = true;
        }
    }
    if certify {
        let mut perms = Dictionary::new();
        perms.set("DocMDP", Object::Reference(sig_id));
        catalog.set("Perms", Object::Dictionary(perms));
        catalog_changed = true;
    }
    if catalog_changed {
        update.set(root_id, Object::Dictionary(catalog));
    }
    finish_prepare(update, sig_id, request, kind, certify)
}

/// The unsigned signature field named `name` in the form, if there is one.
fn empty_field(update: &Update<'_>, form: &Dictionary, name: &str) -> Result<Option<(ObjectId, Dictionary)>, PdfError> {
    let Some(fields) = form.get(b"Fields").ok() else { return Ok(None) };
    let fields = update.resolve(fields)?.1;
    let wanted = text_string(name);
    for item in fields.as_array().map_err(parse_err)? {
        let Object::Reference(id) = item else { continue };
        let Ok(field) = update.get_dictionary(*id) else { continue };
        let same_name = field.get(b"T").ok().and_then(|t| t.as_str().ok()) == wanted.as_str().ok();
        let is_sig = field.get(b"FT").and_then(Object::as_name).ok() == Some(b"Sig".as_slice());
        if same_name && is_sig && field.get(b"V").is_err() {
            return Ok(Some((*id, field)));
        }
    }
    Ok(None)
}

/// Writes the update with the signature dictionary and fills in its byte range.
fn finish_prepare(
    update: Update<'_>,
    sig_id: ObjectId,
    request: &SignatureRequest,
    kind: SigKind,
    certify: bool,
) -> Result<Prepared, PdfError> {
    let mut placeholder = None;
    let mut out = update.write(|out, offsets| {
        offsets.push((sig_id, out.len()));
        placeholder = Some(write_sig_dict(out, sig_id, request, kind, certify)?);
        Ok(())
    })?;
    let (byte_range_at, byte_range_len, contents_at) =
        placeholder.ok_or_else(|| PdfError::Parse("signature dictionary not written".into()))?;

    let contents_end = contents_at + 2 * request.reserve + 2;
    let range = format!("[0 {} {} {}]", contents_at, contents_end, out.len() - contents_end);
    if range.len() > byte_range_len {
        return Err(PdfError::Parse("the PDF is too large for the byte range placeholder".into()));
    }
    let padded = format!("{range:<width$}", width = byte_range_len);
    out[byte_range_at..byte_range_at + byte_range_len].copy_from_slice(padded.as_bytes());
    Ok(Prepared { pdf: out, contents_at })
}

/// Writes the signature dictionary; answers (byte range offset, its length, contents offset).
fn write_sig_dict(
    out: &mut Vec<u8>,
    sig_id: lopdf::ObjectId,
    request: &SignatureRequest,
    kind: SigKind,
    certify: bool,
) -> Result<(usize, usize, usize), PdfError> {
    let io = |e: std::io::Error| PdfError::Parse(e.to_string());
    let head = match kind {
        SigKind::Signature => "/Type/Sig/Filter/Adobe.PPKLite/SubFilter/ETSI.CAdES.detached",
        SigKind::DocumentTimestamp => "/Type/DocTimeStamp/Filter/Adobe.PPKLite/SubFilter/ETSI.RFC3161",
    };
    write!(out, "{} {} obj\n<<{head}/ByteRange ", sig_id.0, sig_id.1).map_err(io)?;
    let byte_range_at = out.len();
    let zero = "0".repeat(RANGE_DIGITS);
    write!(out, "[0 {zero} {zero} {zero}]").map_err(io)?;
    let byte_range_len = out.len() - byte_range_at;
    out.extend_from_slice(b"/Contents ");
    let contents_at = out.len();
    out.push(b'<');
    out.resize(out.len() + 2 * request.reserve, b'0');
    out.push(b'>');
    if kind == SigKind::DocumentTimestamp {
        // The time and the authority are the token's own.
        out.extend_from_slice(b">>\nendobj\n");
        return Ok((byte_range_at, byte_range_len, contents_at));
    }
    if certify {
        out.extend_from_slice(
            b"/Reference[<</Type/SigRef/TransformMethod/DocMDP/TransformParams<</Type/TransformParams/P 2/V/1.2>>>>]",
        );
    }
    out.extend_from_slice(b"/M");
    write_object(out, &Object::String(pdf_date(request.signing_time).into_bytes(), StringFormat::Literal))?;
    out.extend_from_slice(b"/Reason");
    write_object(out, &text_string(&request.reason))?;
    out.extend_from_slice(b"/Name");
    write_object(out, &text_string(&request.signer_name))?;
    if let Some(location) = &request.location {
        out.extend_from_slice(b"/Location");
        write_object(out, &text_string(location))?;
    }
    out.extend_from_slice(b">>\nendobj\n");
    Ok((byte_range_at, byte_range_len, contents_at))
}

/// Adds one PAdES B-B signature made by `signer` in memory (`cache`: the renderer's, see
/// [`crate::Renderer::cache`], or a fresh one).
pub fn sign_with(
    pdf: &[u8],
    signer: &dyn RawSigner,
    request: &SignatureRequest,
    cache: &PdfCache,
) -> Result<Vec<u8>, PdfError> {
    let prepared = prepare(pdf, request, cache)?;
    let cms = sign_digest(&prepared.digest_with(cache)?, signer)?;
    prepared.embed(&cms)
}

/// Adds an invisible PAdES B-B signature by the school's identity (`/Name` = its common name), with
/// no cache.
pub fn sign_pdf(
    pdf: &[u8],
    id: &SigningIdentity,
    signing_time: DateTime<Utc>,
    reason: &str,
) -> Result<Vec<u8>, PdfError> {
    let request = SignatureRequest::invisible("Signature", &id.signer_name, reason, signing_time);
    sign_with(pdf, id, &request, &PdfCache::default())
}

#[cfg(test)]
mod tests {
    use super::*;
    use sha2::{Digest, Sha256};

    /// The digest computed from scratch.
    fn plain(prepared: &Prepared) -> [u8; 32] {
        let end = prepared.contents_end().expect("placeholder");
        let mut hasher = Sha256::new();
        hasher.update(&prepared.pdf[..prepared.contents_at]);
        hasher.update(&prepared.pdf[end..]);
        hasher.finalize().into()
    }

    fn prepared(head: &[u8], tail: &[u8]) -> Prepared {
        let mut pdf = head.to_vec();
        pdf.extend_from_slice(b"<0000>");
        pdf.extend_from_slice(tail);
        Prepared { pdf, contents_at: head.len() }
    }

    #[test]
    fn resumed_digests_equal_digests_from_scratch() {
        let cache = PdfCache::default();
        let mut head: Vec<u8> = (0..70_001u32).map(|i| (i * 7 % 251) as u8).collect();
        cache.pin_prefix(head[..40_003].to_vec());
        let first = prepared(&head, b"end of the first update");
        assert_eq!(first.digest_with(&cache).expect("digest"), plain(&first));
        // A later signature: everything before, the first signature, more objects.
        head.extend_from_slice(b"<ABCD>end of the first update");
        head.extend(std::iter::repeat_n(b'y', 777));
        let second = prepared(&head, b"end of the second update");
        assert_eq!(second.digest_with(&cache).expect("digest"), plain(&second));
        assert_eq!(first.digest_with(&cache).expect("digest"), plain(&first), "the same bytes again");
        let other = prepared(&head[1..], b"x");
        assert_eq!(other.digest_with(&cache).expect("digest"), plain(&other), "a different document");
        assert_eq!(other.digest().expect("digest"), plain(&other), "without a cache");
    }
}
