//! PAdES B-B signing: an incremental update that adds an invisible signature field on the first page
//! and a `/Sig` dictionary whose `/Contents` holds a detached CMS SignedData (CAdES: contentType,
//! messageDigest and signingCertificateV2 signed attributes; ECDSA P-256 with SHA-256).
//!
//! The original bytes are kept unchanged; lopdf only reads them.

use crate::certs::{der, SigningIdentity};
use crate::PdfError;
use chrono::{DateTime, Utc};
use cms::cert::IssuerAndSerialNumber;
use cms::content_info::{CmsVersion, ContentInfo};
use cms::signed_data::{
    CertificateSet, EncapsulatedContentInfo, SignedAttributes, SignedData, SignerIdentifier, SignerInfo, SignerInfos,
};
use der::asn1::{Any, OctetString, SetOfVec};
use der::oid::ObjectIdentifier;
use der::{Encode, Sequence};
use lopdf::{Dictionary, Object, ObjectId, StringFormat};
use p256::ecdsa::signature::Signer;
use p256::ecdsa::DerSignature;
use sha2::{Digest, Sha256};
use spki::AlgorithmIdentifierOwned;
use std::io::Write;
use x509_cert::attr::Attribute;
use x509_cert::ext::pkix::name::GeneralName;
use x509_cert::serial_number::SerialNumber;

/// Bytes reserved for the DER-encoded CMS signature (written as 2 × this many hex digits).
pub(crate) const SIGNATURE_RESERVE: usize = 8192;

const ID_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.1");
const ID_SIGNED_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.2");
const ID_CONTENT_TYPE: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.3");
const ID_MESSAGE_DIGEST: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.4");
const ID_SIGNING_CERTIFICATE_V2: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.16.2.47");
const ID_SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.1");
const ECDSA_WITH_SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.4.3.2");

/// ESS `SigningCertificateV2` (RFC 5035); `cms` has no type for it.
#[derive(Sequence)]
struct SigningCertificateV2 {
    certs: Vec<EssCertIdV2>,
}

/// ESS `ESSCertIDv2`; the hash algorithm is the default, SHA-256, so it is omitted (DER).
#[derive(Sequence)]
struct EssCertIdV2 {
    cert_hash: OctetString,
    issuer_serial: IssuerSerial,
}

#[derive(Sequence)]
struct IssuerSerial {
    issuer: Vec<GeneralName>,
    serial_number: SerialNumber,
}

fn parse_err(e: impl std::fmt::Display) -> PdfError {
    PdfError::Parse(e.to_string())
}

fn sign_err(e: impl std::fmt::Display) -> PdfError {
    PdfError::Certificate(format!("building the signature: {e}"))
}

/// Adds an embedded PAdES B-B signature as an incremental update: `/SubFilter /ETSI.CAdES.detached`,
/// ECDSA P-256 with SHA-256, signingCertificateV2 attribute, an 8 KB `/Contents` reserve,
/// `/M` = `signing_time`, `/Reason` = `reason`, `/Name` = the signer's common name.
pub fn sign_pdf(
    pdf: &[u8],
    id: &SigningIdentity,
    signing_time: DateTime<Utc>,
    reason: &str,
) -> Result<Vec<u8>, PdfError> {
    let doc = lopdf::Document::load_mem(pdf).map_err(parse_err)?;
    if doc.trailer.get(b"Encrypt").is_ok() {
        return Err(PdfError::Parse("encrypted PDFs are not supported".into()));
    }
    let prev_size = doc.trailer.get(b"Size").and_then(Object::as_i64).unwrap_or(0);
    let first_free = u32::try_from(prev_size).unwrap_or(0).max(doc.max_id + 1);
    let sig_id: ObjectId = (first_free, 0);
    let field_id: ObjectId = (first_free + 1, 0);

    let root_id = doc.trailer.get(b"Root").and_then(Object::as_reference).map_err(parse_err)?;
    let mut catalog = doc.get_dictionary(root_id).map_err(parse_err)?.clone();
    let page_id = *doc.get_pages().values().next().ok_or_else(|| PdfError::Parse("the PDF has no page".into()))?;
    let mut page = doc.get_dictionary(page_id).map_err(parse_err)?.clone();

    // Objects rewritten by the update (same number), then the two new ones.
    let mut changed: Vec<(ObjectId, Object)> = Vec::new();

    // The widget goes into the first page's /Annots (inline array or indirect array).
    match page.get(b"Annots") {
        Ok(Object::Reference(annots_id)) => {
            let mut annots = doc.get_object(*annots_id).and_then(Object::as_array).map_err(parse_err)?.clone();
            annots.push(Object::Reference(field_id));
            changed.push((*annots_id, Object::Array(annots)));
        }
        Ok(Object::Array(annots)) => {
            let mut annots = annots.clone();
            annots.push(Object::Reference(field_id));
            page.set("Annots", Object::Array(annots));
            changed.push((page_id, Object::Dictionary(page.clone())));
        }
        _ => {
            page.set("Annots", Object::Array(vec![Object::Reference(field_id)]));
            changed.push((page_id, Object::Dictionary(page.clone())));
        }
    }

    // The field goes into /AcroForm /Fields (AcroForm and Fields each inline or indirect).
    let field_count;
    match catalog.get(b"AcroForm") {
        Ok(Object::Reference(form_id)) => {
            let mut form = doc.get_dictionary(*form_id).map_err(parse_err)?.clone();
            field_count = add_field(&doc, &mut form, field_id, &mut changed)?;
            changed.push((*form_id, Object::Dictionary(form)));
        }
        existing => {
            let mut form = match existing {
                Ok(Object::Dictionary(form)) => form.clone(),
                _ => Dictionary::new(),
            };
            field_count = add_field(&doc, &mut form, field_id, &mut changed)?;
            catalog.set("AcroForm", Object::Dictionary(form));
            changed.push((root_id, Object::Dictionary(catalog)));
        }
    }

    let mut field = Dictionary::new();
    field.set("Type", Object::Name(b"Annot".to_vec()));
    field.set("Subtype", Object::Name(b"Widget".to_vec()));
    field.set("FT", Object::Name(b"Sig".to_vec()));
    field.set("T", Object::String(format!("Signature{field_count}").into_bytes(), StringFormat::Literal));
    field.set("V", Object::Reference(sig_id));
    field.set("P", Object::Reference(page_id));
    field.set("Rect", Object::Array(vec![0.into(), 0.into(), 0.into(), 0.into()]));
    // Print + Locked.
    field.set("F", Object::Integer(132));

    // Write the update.
    let mut out = Vec::with_capacity(pdf.len() + 2 * SIGNATURE_RESERVE + 4096);
    out.extend_from_slice(pdf);
    if !out.ends_with(b"\n") {
        out.push(b'\n');
    }
    let mut offsets: Vec<(ObjectId, usize)> = Vec::new();
    for (object_id, object) in &changed {
        offsets.push((*object_id, out.len()));
        write_indirect(&mut out, *object_id, object)?;
    }
    offsets.push((field_id, out.len()));
    write_indirect(&mut out, field_id, &Object::Dictionary(field))?;

    offsets.push((sig_id, out.len()));
    let placeholder = SigPlaceholder::write(&mut out, sig_id, id, signing_time, reason)?;

    let size = i64::from(first_free + 2).max(prev_size);
    let mut trailer = Dictionary::new();
    for key in [&b"Root"[..], b"Info", b"ID"] {
        if let Ok(value) = doc.trailer.get(key) {
            trailer.set(key, value.clone());
        }
    }
    trailer.set("Prev", Object::Integer(i64::try_from(doc.xref_start).map_err(parse_err)?));
    match doc.reference_table.cross_reference_type {
        lopdf::xref::XrefType::CrossReferenceTable => write_xref_table(&mut out, &offsets, trailer, size)?,
        lopdf::xref::XrefType::CrossReferenceStream => {
            write_xref_stream(&mut out, &mut offsets, trailer, (first_free + 2, 0), size)?
        }
    }

    placeholder.fill(&mut out, id)?;
    Ok(out)
}

/// Appends the signature field to the form's /Fields and sets /SigFlags 3 (signatures exist,
/// append only). Returns the number of fields, used to name the new one.
fn add_field(
    doc: &lopdf::Document,
    form: &mut Dictionary,
    field_id: ObjectId,
    changed: &mut Vec<(ObjectId, Object)>,
) -> Result<usize, PdfError> {
    form.set("SigFlags", Object::Integer(3));
    match form.get(b"Fields") {
        Ok(Object::Reference(fields_id)) => {
            let mut fields = doc.get_object(*fields_id).and_then(Object::as_array).map_err(parse_err)?.clone();
            fields.push(Object::Reference(field_id));
            let count = fields.len();
            changed.push((*fields_id, Object::Array(fields)));
            Ok(count)
        }
        Ok(Object::Array(fields)) => {
            let mut fields = fields.clone();
            fields.push(Object::Reference(field_id));
            let count = fields.len();
            form.set("Fields", Object::Array(fields));
            Ok(count)
        }
        _ => {
            form.set("Fields", Object::Array(vec![Object::Reference(field_id)]));
            Ok(1)
        }
    }
}

/// Where the `/ByteRange` and `/Contents` placeholders of the signature dictionary are.
struct SigPlaceholder {
    byte_range_at: usize,
    byte_range_len: usize,
    /// Offset of the `<` that opens the `/Contents` hex string.
    contents_at: usize,
}

/// Width of each number in the `/ByteRange` placeholder.
const RANGE_DIGITS: usize = 10;

impl SigPlaceholder {
    fn write(
        out: &mut Vec<u8>,
        sig_id: ObjectId,
        id: &SigningIdentity,
        signing_time: DateTime<Utc>,
        reason: &str,
    ) -> Result<SigPlaceholder, PdfError> {
        let io = |e: std::io::Error| PdfError::Parse(e.to_string());
        write!(
            out,
            "{} {} obj\n<</Type/Sig/Filter/Adobe.PPKLite/SubFilter/ETSI.CAdES.detached/ByteRange ",
            sig_id.0, sig_id.1
        )
        .map_err(io)?;
        let byte_range_at = out.len();
        let zero = "0".repeat(RANGE_DIGITS);
        write!(out, "[0 {zero} {zero} {zero}]").map_err(io)?;
        let byte_range_len = out.len() - byte_range_at;
        out.extend_from_slice(b"/Contents ");
        let contents_at = out.len();
        out.push(b'<');
        out.resize(out.len() + 2 * SIGNATURE_RESERVE, b'0');
        out.push(b'>');
        write!(out, "/M({})", signing_time.format("D:%Y%m%d%H%M%S+00'00'")).map_err(io)?;
        out.extend_from_slice(b"/Reason");
        write_object(out, &text_string(reason))?;
        out.extend_from_slice(b"/Name");
        write_object(out, &text_string(&id.signer_name))?;
        out.extend_from_slice(b">>\nendobj\n");
        Ok(SigPlaceholder { byte_range_at, byte_range_len, contents_at })
    }

    /// Writes the byte range, hashes the signed ranges and puts the CMS signature into /Contents.
    fn fill(&self, out: &mut [u8], id: &SigningIdentity) -> Result<(), PdfError> {
        let contents_end = self.contents_at + 2 * SIGNATURE_RESERVE + 2;
        let range = format!("[0 {} {} {}]", self.contents_at, contents_end, out.len() - contents_end);
        if range.len() > self.byte_range_len {
            return Err(PdfError::Parse("the PDF is too large for the byte range placeholder".into()));
        }
        let padded = format!("{range:<width$}", width = self.byte_range_len);
        out[self.byte_range_at..self.byte_range_at + self.byte_range_len].copy_from_slice(padded.as_bytes());

        let mut hasher = Sha256::new();
        hasher.update(&out[..self.contents_at]);
        hasher.update(&out[contents_end..]);
        let digest = hasher.finalize();

        let cms = cms_signature(&digest, id)?;
        if cms.len() > SIGNATURE_RESERVE {
            return Err(PdfError::SignatureTooLarge { needed: cms.len(), reserved: SIGNATURE_RESERVE });
        }
        let hex: String = cms.iter().map(|b| format!("{b:02X}")).collect();
        out[self.contents_at + 1..self.contents_at + 1 + hex.len()].copy_from_slice(hex.as_bytes());
        Ok(())
    }
}

fn attribute(oid: ObjectIdentifier, value: Any) -> Result<Attribute, PdfError> {
    let mut values = SetOfVec::new();
    values.insert(value).map_err(sign_err)?;
    Ok(Attribute { oid, values })
}

fn algorithm(oid: ObjectIdentifier) -> AlgorithmIdentifierOwned {
    AlgorithmIdentifierOwned { oid, parameters: None }
}

/// A detached CMS SignedData (DER) over a document digest.
fn cms_signature(digest: &[u8], id: &SigningIdentity) -> Result<Vec<u8>, PdfError> {
    let signer_der = der(&id.signer)?;
    let tbs = id.signer.tbs_certificate();

    let ess = SigningCertificateV2 {
        certs: vec![EssCertIdV2 {
            cert_hash: OctetString::new(Sha256::digest(&signer_der).to_vec()).map_err(sign_err)?,
            issuer_serial: IssuerSerial {
                issuer: vec![GeneralName::DirectoryName(tbs.issuer().clone())],
                serial_number: tbs.serial_number().clone(),
            },
        }],
    };
    let mut signed_attrs: SignedAttributes = SetOfVec::new();
    for attr in [
        attribute(ID_CONTENT_TYPE, Any::encode_from(&ID_DATA).map_err(sign_err)?)?,
        attribute(
            ID_MESSAGE_DIGEST,
            Any::encode_from(&OctetString::new(digest.to_vec()).map_err(sign_err)?).map_err(sign_err)?,
        )?,
        attribute(ID_SIGNING_CERTIFICATE_V2, Any::encode_from(&ess).map_err(sign_err)?)?,
    ] {
        signed_attrs.insert(attr).map_err(sign_err)?;
    }
    // The signature covers the DER of the attributes as a SET OF (RFC 5652 §5.4).
    let to_sign = signed_attrs.to_der().map_err(sign_err)?;
    let signature: DerSignature = id.key.try_sign(&to_sign).map_err(sign_err)?;

    let signer_info = SignerInfo {
        version: CmsVersion::V1,
        sid: SignerIdentifier::IssuerAndSerialNumber(IssuerAndSerialNumber {
            issuer: tbs.issuer().clone(),
            serial_number: tbs.serial_number().clone(),
        }),
        digest_alg: algorithm(ID_SHA256),
        signed_attrs: Some(signed_attrs),
        signature_algorithm: algorithm(ECDSA_WITH_SHA256),
        signature: OctetString::new(signature.as_bytes().to_vec()).map_err(sign_err)?,
        unsigned_attrs: None,
    };

    let mut digest_algorithms = SetOfVec::new();
    digest_algorithms.insert(algorithm(ID_SHA256)).map_err(sign_err)?;
    let mut certificates = SetOfVec::new();
    for cert in [&id.signer, &id.ca] {
        certificates.insert(cms::cert::CertificateChoices::Certificate(cert.clone())).map_err(sign_err)?;
    }
    let mut signer_infos = SetOfVec::new();
    signer_infos.insert(signer_info).map_err(sign_err)?;

    let signed_data = SignedData {
        version: CmsVersion::V1,
        digest_algorithms,
        encap_content_info: EncapsulatedContentInfo { econtent_type: ID_DATA, econtent: None },
        certificates: Some(CertificateSet(certificates)),
        crls: None,
        signer_infos: SignerInfos(signer_infos),
    };
    let content_info =
        ContentInfo { content_type: ID_SIGNED_DATA, content: Any::encode_from(&signed_data).map_err(sign_err)? };
    content_info.to_der().map_err(sign_err)
}

/// A PDF text string: UTF-16BE with a byte order mark, written in hex.
fn text_string(text: &str) -> Object {
    let text = hocba_core::text::clean(text);
    let mut bytes = vec![0xFE, 0xFF];
    bytes.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
    Object::String(bytes, StringFormat::Hexadecimal)
}

fn write_indirect(out: &mut Vec<u8>, id: ObjectId, object: &Object) -> Result<(), PdfError> {
    out.extend_from_slice(format!("{} {} obj\n", id.0, id.1).as_bytes());
    write_object(out, object)?;
    out.extend_from_slice(b"\nendobj\n");
    Ok(())
}

/// Serialises a direct object (streams are never rewritten by the update).
fn write_object(out: &mut Vec<u8>, object: &Object) -> Result<(), PdfError> {
    match object {
        Object::Null => out.extend_from_slice(b"null"),
        Object::Boolean(b) => out.extend_from_slice(if *b { b"true" } else { b"false" }),
        Object::Integer(i) => out.extend_from_slice(i.to_string().as_bytes()),
        Object::Real(r) => out.extend_from_slice(format!("{r}").as_bytes()),
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
        Object::Stream(_) => return Err(PdfError::Parse("unexpected stream in an updated object".into())),
    }
    Ok(())
}

fn write_dictionary(out: &mut Vec<u8>, dict: &Dictionary) -> Result<(), PdfError> {
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
    trailer.set("Size", Object::Integer(size.max(i64::from(xref_id.0) + 1)));
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
        let mut out = Vec::new();
        write_object(&mut out, &Object::Dictionary(dict)).expect("serialises");
        assert_eq!(String::from_utf8_lossy(&out), "<</A#20b (x\\(y\\)\\\\)/R 12 0 R>>");
        let mut out = Vec::new();
        write_object(&mut out, &text_string("Kí")).expect("serialises");
        assert_eq!(String::from_utf8_lossy(&out), "<FEFF004B00ED>");
    }
}
