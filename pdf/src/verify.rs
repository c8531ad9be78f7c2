//! Checking the signatures of a PDF without trusting it: every `/Sig` field's byte range and CMS
//! signature, the certificate chain up to a trusted CA, and that whatever was appended after a
//! signature only adds later signatures (no content changed). Embedded files are listed so a
//! caller can check attached yearly records the same way.

mod document;
pub mod keys;
mod revisions;

pub use document::{verify_document, verify_xml};
pub use revisions::{revisions, Change, Revision};

use crate::cms::check_detached;
use crate::update::parse_err;
use crate::PdfError;
use chrono::{DateTime, NaiveDateTime, Utc};
use der::{DecodePem, Encode};
use lopdf::{Dictionary, Document, Object};
use sha2::{Digest, Sha256};
pub use x509_cert::Certificate;

/// The certificates a verifier trusts as roots (the school's CA, the province's, a public CA),
/// and those it trusts for timestamps only (a timestamp authority's CA: it vouches for times, not
/// for signers).
#[derive(Debug, Clone, Default)]
pub struct Trust {
    roots: Vec<Certificate>,
    timestamp_roots: Vec<Certificate>,
}

impl Trust {
    /// Trusts every certificate in these PEM texts (each may hold several).
    pub fn from_pem(pems: &[String]) -> Result<Trust, PdfError> {
        Ok(Trust { roots: certificates_in(pems, "trusted certificate")?, timestamp_roots: Vec::new() })
    }

    pub fn add(&mut self, cert: Certificate) {
        self.roots.push(cert);
    }

    /// Also trusts the certificates in these PEM texts, for timestamps only.
    pub fn with_timestamp_roots(mut self, pems: &[String]) -> Result<Trust, PdfError> {
        self.timestamp_roots.extend(certificates_in(pems, "trusted timestamp certificate")?);
        Ok(self)
    }

    /// The roots a timestamp may chain to: every root, and the timestamp-only ones.
    fn for_timestamps(&self) -> Trust {
        let mut roots = self.roots.clone();
        roots.extend(self.timestamp_roots.iter().cloned());
        Trust { roots, timestamp_roots: Vec::new() }
    }

    pub fn is_empty(&self) -> bool {
        self.roots.is_empty()
    }

    fn is_root(&self, cert: &Certificate) -> bool {
        self.roots.iter().any(|r| r == cert)
    }
}

/// Every certificate of these PEM texts (each may hold several); `what` names them in an error.
fn certificates_in(pems: &[String], what: &str) -> Result<Vec<Certificate>, PdfError> {
    let mut out = Vec::new();
    for pem in pems {
        out.extend(
            Certificate::load_pem_chain(pem.as_bytes()).map_err(|e| PdfError::Certificate(format!("{what}: {e}")))?,
        );
    }
    Ok(out)
}

/// Parses one PEM certificate.
pub fn certificate_from_pem(pem: &str) -> Result<Certificate, PdfError> {
    Certificate::from_pem(pem).map_err(|e| PdfError::Certificate(format!("certificate: {e}")))
}

/// Why a signature is not intact or not trusted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    /// The signed bytes changed (digest mismatch, bad signature value, malformed byte range).
    DigestMismatch,
    /// Content was changed by a later update (not just later signatures).
    ModifiedAfterSigning,
    /// Bytes were appended after the last signature.
    UnsignedAppendix,
    /// The certificate does not chain to a trusted CA.
    UnknownIssuer,
    /// The certificate was not valid at the signing time.
    CertificateNotValidAtSigningTime,
    /// The signature cannot be read.
    Malformed,
}

/// One signature of a document, as checked.
#[derive(Debug, Clone)]
pub struct SignatureInfo {
    pub field_name: String,
    /// The signer certificate's common name.
    pub signer: String,
    /// The issuer's common name.
    pub issuer: String,
    /// The certificate (to compare with the school's records).
    pub certificate: Option<Certificate>,
    /// `/M`, or the timestamp's time when there is one.
    pub signing_time: Option<DateTime<Utc>>,
    pub reason: Option<String>,
    /// The bytes it covers are unchanged and the CMS signature verifies.
    pub intact: bool,
    /// Chains to a trusted root and was valid at the signing time.
    pub trusted: bool,
    pub timestamped: bool,
    /// The first problem found, if any.
    pub problem: Option<Problem>,
    /// The end of the revision it covers.
    pub covers_until: usize,
    /// A certifying signature's DocMDP permission level (1: no changes, 2: more signatures).
    pub certification: Option<i64>,
}

/// A file embedded in the PDF.
#[derive(Debug, Clone)]
pub struct EmbeddedFile {
    pub name: String,
    pub mime: Option<String>,
    pub description: Option<String>,
    pub data: Vec<u8>,
}

/// A document timestamp (PAdES B-LTA), as checked.
#[derive(Debug, Clone)]
pub struct DocumentTimestamp {
    pub time: DateTime<Utc>,
    /// The token verifies and covers the bytes before it.
    pub intact: bool,
    /// The authority's certificate chains to a trusted root and was valid at `time`.
    pub trusted: bool,
    /// The authority's certificate expires then: renew before.
    pub authority_expires: Option<DateTime<Utc>>,
    /// The end of the revision it covers.
    pub covers_until: usize,
    /// A later revision changed more than validation data and timestamps, or bytes follow the last one.
    pub problem: Option<Problem>,
}

/// The signatures, document timestamps and embedded files of a PDF.
#[derive(Debug, Clone)]
pub struct PdfCheck {
    pub signatures: Vec<SignatureInfo>,
    /// Document timestamps, oldest first.
    pub timestamps: Vec<DocumentTimestamp>,
    pub files: Vec<EmbeddedFile>,
}

impl PdfCheck {
    /// Every signature intact and trusted, the last one covering the whole file.
    pub fn all_valid(&self) -> bool {
        !self.signatures.is_empty() && self.signatures.iter().all(|s| s.intact && s.trusted && s.problem.is_none())
    }

    pub fn file(&self, name: &str) -> Option<&EmbeddedFile> {
        self.files.iter().find(|f| f.name == name)
    }
}

/// Checks every signature and document timestamp of `pdf` against `trust` and lists its embedded
/// files.
pub fn check_pdf(pdf: &[u8], trust: &Trust) -> Result<PdfCheck, PdfError> {
    let doc = Document::load_mem(pdf).map_err(parse_err)?;
    let mut signatures = Vec::new();
    let mut timestamps = Vec::new();
    for (field_name, sig) in signature_fields(&doc) {
        if sig.get(b"SubFilter").and_then(Object::as_name).ok() == Some(b"ETSI.RFC3161".as_slice()) {
            timestamps.push(check_document_timestamp(pdf, &sig, trust));
        } else {
            signatures.push(check_signature(pdf, &doc, &field_name, &sig, trust));
        }
    }
    signatures.sort_by_key(|s| s.covers_until);
    timestamps.sort_by_key(|t| t.covers_until);
    // What was appended after each signature or timestamp may only add signatures, timestamps and
    // validation data; the last one must cover the whole file.
    let last = signatures.iter().map(|s| s.covers_until).chain(timestamps.iter().map(|t| t.covers_until)).max();
    let appended = |covers_until: usize| -> Result<(), Problem> {
        if Some(covers_until) == last {
            if covers_until != pdf.len() && !only_whitespace(&pdf[covers_until..]) {
                return Err(Problem::UnsignedAppendix);
            }
            return Ok(());
        }
        only_signatures_added(pdf, covers_until, &doc)
    };
    for s in signatures.iter_mut().filter(|s| s.intact && s.problem.is_none()) {
        s.problem = appended(s.covers_until).err();
    }
    // A document certified with no changes allowed (P = 1) may not gain later signatures.
    let last_signature = signatures.iter().map(|s| s.covers_until).max();
    for s in signatures.iter_mut().filter(|s| s.certification == Some(1) && Some(s.covers_until) != last_signature) {
        s.problem = Some(Problem::ModifiedAfterSigning);
    }
    for t in timestamps.iter_mut().filter(|t| t.intact) {
        t.problem = appended(t.covers_until).err();
    }
    Ok(PdfCheck { signatures, timestamps, files: embedded_files(&doc) })
}

/// The signed byte ranges' digest and the raw `/Contents` of a signature dictionary, and the end of
/// the revision it covers; `None` when the byte range is not exactly around the `/Contents`.
fn signed_range(pdf: &[u8], sig: &Dictionary) -> Option<(Vec<u8>, Vec<u8>, usize)> {
    let range: Vec<usize> = sig
        .get(b"ByteRange")
        .and_then(Object::as_array)
        .map(|a| a.iter().filter_map(|o| o.as_i64().ok()).filter_map(|v| usize::try_from(v).ok()).collect())
        .unwrap_or_default();
    let [a, b, c, d] = range[..] else { return None };
    let end = c.checked_add(d)?;
    // The gap must be exactly the /Contents hex string.
    let well_formed = a == 0
        && b < c
        && end <= pdf.len()
        && pdf.get(b) == Some(&b'<')
        && pdf.get(c - 1) == Some(&b'>')
        && pdf[b + 1..c - 1].iter().all(u8::is_ascii_hexdigit);
    if !well_formed {
        return None;
    }
    let contents: Vec<u8> = pdf[b + 1..c - 1]
        .chunks(2)
        .filter_map(|pair| std::str::from_utf8(pair).ok().and_then(|h| u8::from_str_radix(h, 16).ok()))
        .collect();
    let mut hasher = Sha256::new();
    hasher.update(&pdf[..b]);
    hasher.update(&pdf[c..end]);
    Some((hasher.finalize().to_vec(), contents, end))
}

/// The `/P` of a signature dictionary's DocMDP reference (2 when absent, as PDF 32000 says).
fn docmdp_level(sig: &Dictionary) -> Option<i64> {
    let references = sig.get(b"Reference").and_then(Object::as_array).ok()?;
    references.iter().filter_map(|r| r.as_dict().ok()).find_map(|r| {
        (r.get(b"TransformMethod").and_then(Object::as_name).ok() == Some(b"DocMDP".as_slice())).then(|| {
            r.get(b"TransformParams")
                .and_then(Object::as_dict)
                .and_then(|p| p.get(b"P"))
                .and_then(Object::as_i64)
                .unwrap_or(2)
        })
    })
}

fn check_document_timestamp(pdf: &[u8], sig: &Dictionary, trust: &Trust) -> DocumentTimestamp {
    let mut out = DocumentTimestamp {
        time: DateTime::<Utc>::default(),
        intact: false,
        trusted: false,
        authority_expires: None,
        covers_until: 0,
        problem: Some(Problem::DigestMismatch),
    };
    let Some((digest, contents, end)) = signed_range(pdf, sig) else { return out };
    out.covers_until = end;
    let Ok(token) = crate::tsa::check_token(&contents, &digest) else {
        out.problem = Some(Problem::Malformed);
        return out;
    };
    out.time = token.time;
    out.intact = token.valid;
    if out.intact {
        out.problem = None;
        out.trusted = chain_to_root(&token.signer, &token.certificates, &trust.for_timestamps(), token.time).is_ok();
        out.authority_expires = crate::asn1_time::to_utc(token.signer.tbs_certificate().validity().not_after);
    }
    out
}

fn only_whitespace(bytes: &[u8]) -> bool {
    bytes.iter().all(u8::is_ascii_whitespace)
}

/// Signature fields with their `/V` dictionaries, in the order of `/AcroForm /Fields`.
pub(crate) fn signature_fields(doc: &Document) -> Vec<(String, Dictionary)> {
    let mut out = Vec::new();
    let Ok(catalog) = doc.catalog() else { return out };
    let Ok(form) = catalog.get_deref(b"AcroForm", doc).and_then(Object::as_dict) else { return out };
    let Ok(fields) = form.get_deref(b"Fields", doc).and_then(Object::as_array) else { return out };
    for field in fields {
        let Ok((_, Object::Dictionary(field))) = doc.dereference(field) else { continue };
        if field.get(b"FT").and_then(Object::as_name).ok() != Some(b"Sig".as_slice()) {
            continue;
        }
        let Ok(sig) = field.get_deref(b"V", doc).and_then(Object::as_dict) else { continue };
        let name = field.get(b"T").ok().map(pdf_text).unwrap_or_default();
        out.push((name, sig.clone()));
    }
    out
}

/// A PDF text string (UTF-16BE with BOM, or PDFDocEncoding treated as Latin-1).
pub(crate) fn pdf_text(object: &Object) -> String {
    let Ok(bytes) = object.as_str() else { return String::new() };
    if bytes.starts_with(&[0xFE, 0xFF]) {
        let units: Vec<u16> =
            bytes[2..].chunks(2).map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)])).collect();
        String::from_utf16_lossy(&units)
    } else {
        bytes.iter().map(|b| char::from(*b)).collect()
    }
}

/// `D:YYYYMMDDHHmmSS` with an optional `Z` / `+HH'mm'` offset.
fn parse_pdf_date(text: &str) -> Option<DateTime<Utc>> {
    let t = text.strip_prefix("D:").unwrap_or(text);
    let base = NaiveDateTime::parse_from_str(t.get(..14)?, "%Y%m%d%H%M%S").ok()?;
    let rest = t.get(14..).unwrap_or("");
    let offset_seconds = match rest.chars().next() {
        Some(sign @ ('+' | '-')) => {
            let digits: String = rest.chars().filter(char::is_ascii_digit).collect();
            let h: i64 = digits.get(..2)?.parse().ok()?;
            let m: i64 = digits.get(2..4).and_then(|m| m.parse().ok()).unwrap_or(0);
            let s = h * 3600 + m * 60;
            if sign == '-' {
                -s
            } else {
                s
            }
        }
        _ => 0,
    };
    Some(DateTime::<Utc>::from_naive_utc_and_offset(base, Utc) - chrono::Duration::seconds(offset_seconds))
}

fn check_signature(pdf: &[u8], doc: &Document, field_name: &str, sig: &Dictionary, trust: &Trust) -> SignatureInfo {
    let mut info = SignatureInfo {
        field_name: field_name.to_string(),
        signer: String::new(),
        issuer: String::new(),
        certificate: None,
        signing_time: sig.get(b"M").ok().map(pdf_text).and_then(|m| parse_pdf_date(&m)),
        reason: sig.get(b"Reason").ok().map(pdf_text),
        intact: false,
        trusted: false,
        timestamped: false,
        problem: Some(Problem::Malformed),
        covers_until: 0,
        certification: docmdp_level(sig),
    };
    let _ = doc;
    let Some((digest, contents, end)) = signed_range(pdf, sig) else {
        info.problem = Some(Problem::DigestMismatch);
        return info;
    };
    info.covers_until = end;
    check_cms(&contents, &digest, trust, info)
}

/// Checks a CMS signature over `digest` (signature value, timestamp, chain to a trusted root) and
/// fills in `info`.
fn check_cms(cms_der: &[u8], digest: &[u8], trust: &Trust, mut info: SignatureInfo) -> SignatureInfo {
    let Ok(cms) = check_detached(cms_der, digest) else { return info };
    info.signer = keys::common_name(cms.signer.tbs_certificate().subject());
    info.issuer = keys::common_name(cms.signer.tbs_certificate().issuer());
    // A timestamp proves the signing time; its authority must be trusted too.
    if let Some(token) = &cms.timestamp {
        if !token.valid {
            info.problem = Some(Problem::DigestMismatch);
            info.certificate = Some(cms.signer);
            return info;
        }
        if chain_to_root(&token.signer, &token.certificates, &trust.for_timestamps(), token.time).is_ok() {
            info.timestamped = true;
            info.signing_time = Some(token.time);
        }
    }
    info.intact = cms.digest_matches && cms.signature_valid;
    if !info.intact {
        info.problem = Some(Problem::DigestMismatch);
        info.certificate = Some(cms.signer);
        return info;
    }
    let at = info.signing_time.unwrap_or_else(Utc::now);
    info.problem = chain_to_root(&cms.signer, &cms.certificates, trust, at).err();
    info.trusted = info.problem.is_none();
    info.certificate = Some(cms.signer);
    info
}

/// Checks a detached CMS signature (`.p7s`) over a file, such as a yearly record's XML.
pub fn check_detached_file(data: &[u8], p7s: &[u8], trust: &Trust) -> SignatureInfo {
    let info = SignatureInfo {
        field_name: String::new(),
        signer: String::new(),
        issuer: String::new(),
        certificate: None,
        signing_time: None,
        reason: None,
        intact: false,
        trusted: false,
        timestamped: false,
        problem: Some(Problem::Malformed),
        covers_until: data.len(),
        certification: None,
    };
    check_cms(p7s, &Sha256::digest(data), trust, info)
}

/// Builds a chain from `cert` through `pool` to a trusted root; every certificate must be valid at `at`.
fn chain_to_root(cert: &Certificate, pool: &[Certificate], trust: &Trust, at: DateTime<Utc>) -> Result<(), Problem> {
    let mut current = cert.clone();
    for _ in 0..6 {
        if !keys::valid_at(&current, at) {
            return Err(Problem::CertificateNotValidAtSigningTime);
        }
        if trust.is_root(&current) {
            return Ok(());
        }
        let issuer = trust
            .roots
            .iter()
            .chain(pool)
            .find(|candidate| {
                candidate.tbs_certificate().subject() == current.tbs_certificate().issuer()
                    && keys::issued_by(&current, candidate)
            })
            .cloned();
        match issuer {
            Some(issuer) if trust.is_root(&issuer) => {
                return if keys::valid_at(&issuer, at) {
                    Ok(())
                } else {
                    Err(Problem::CertificateNotValidAtSigningTime)
                };
            }
            Some(issuer) if issuer != current => current = issuer,
            _ => return Err(Problem::UnknownIssuer),
        }
    }
    Err(Problem::UnknownIssuer)
}

/// Checks that the revisions after `until` only add signatures, document timestamps and validation
/// data: objects of the signed revision may change only by adding a signature widget (page
/// `/Annots`), a form field (`/AcroForm`), the form itself or the DSS (catalog `/AcroForm`, `/DSS`).
fn only_signatures_added(pdf: &[u8], until: usize, full: &Document) -> Result<(), Problem> {
    let signed = Document::load_mem(&pdf[..until]).map_err(|_| Problem::Malformed)?;
    only_signatures_added_between(&signed, full, false)
}

/// [`only_signatures_added`] between two parsed revisions; `first_signature`: `signed` carries no
/// signature yet, so the catalog may also gain the certification's `/Perms`.
fn only_signatures_added_between(signed: &Document, full: &Document, first_signature: bool) -> Result<(), Problem> {
    // The DSS the signed revision already had holds only validation data; a renewal adds to it.
    let dss = signed.catalog().ok().and_then(|c| c.get(b"DSS").and_then(Object::as_reference).ok());
    for (id, before) in &signed.objects {
        let Ok(after) = full.get_object(*id) else { return Err(Problem::ModifiedAfterSigning) };
        if before == after || Some(*id) == dss {
            continue;
        }
        let allowed = match (before, after) {
            // An empty signature field, signed since.
            (Object::Dictionary(b), Object::Dictionary(a)) if is_empty_signature_field(b) => {
                only_keys_differ(b, a, &[b"V", b"AP"])
            }
            (Object::Dictionary(b), Object::Dictionary(a)) if first_signature => {
                only_keys_differ(b, a, &[b"Annots", b"AcroForm", b"Fields", b"SigFlags", b"DSS", b"Perms"])
            }
            (Object::Dictionary(b), Object::Dictionary(a)) => {
                only_keys_differ(b, a, &[b"Annots", b"AcroForm", b"Fields", b"SigFlags", b"DSS"])
            }
            (Object::Array(b), Object::Array(a)) => {
                a.len() >= b.len() && a[..b.len()] == b[..] && added_are_signature_fields(&a[b.len()..], full)
            }
            _ => false,
        };
        if !allowed {
            return Err(Problem::ModifiedAfterSigning);
        }
        // A changed /Annots or /Fields may only gain signature fields.
        if let (Object::Dictionary(b), Object::Dictionary(a)) = (before, after) {
            for key in [&b"Annots"[..], b"Fields"] {
                if let (Ok(Object::Array(old)), Ok(Object::Array(new))) = (b.get(key), a.get(key)) {
                    if new.len() < old.len()
                        || new[..old.len()] != old[..]
                        || !added_are_signature_fields(&new[old.len()..], full)
                    {
                        return Err(Problem::ModifiedAfterSigning);
                    }
                }
            }
        }
    }
    Ok(())
}

fn is_empty_signature_field(dict: &Dictionary) -> bool {
    dict.get(b"FT").and_then(Object::as_name).ok() == Some(b"Sig".as_slice()) && dict.get(b"V").is_err()
}

fn only_keys_differ(before: &Dictionary, after: &Dictionary, keys: &[&[u8]]) -> bool {
    let all: std::collections::BTreeSet<&[u8]> =
        before.iter().map(|(k, _)| k.as_slice()).chain(after.iter().map(|(k, _)| k.as_slice())).collect();
    all.into_iter().all(|k| keys.contains(&k) || before.get(k).ok() == after.get(k).ok())
}

fn added_are_signature_fields(items: &[Object], doc: &Document) -> bool {
    items.iter().all(|item| {
        doc.dereference(item)
            .ok()
            .and_then(|(_, o)| o.as_dict().ok())
            .is_some_and(|d| d.get(b"FT").and_then(Object::as_name).ok() == Some(b"Sig".as_slice()))
    })
}

/// Files in the document's `/Names /EmbeddedFiles` tree.
fn embedded_files(doc: &Document) -> Vec<EmbeddedFile> {
    let mut out = Vec::new();
    let Ok(catalog) = doc.catalog() else { return out };
    let Ok(names) = catalog.get_deref(b"Names", doc).and_then(Object::as_dict) else { return out };
    let Ok(tree) = names.get_deref(b"EmbeddedFiles", doc).and_then(Object::as_dict) else { return out };
    collect_name_tree(doc, tree, &mut out, 0);
    out
}

fn collect_name_tree(doc: &Document, node: &Dictionary, out: &mut Vec<EmbeddedFile>, depth: usize) {
    if depth > 8 {
        return;
    }
    if let Ok(names) = node.get_deref(b"Names", doc).and_then(Object::as_array) {
        for pair in names.chunks(2) {
            let [key, value] = pair else { continue };
            let Ok((_, Object::Dictionary(spec))) = doc.dereference(value) else { continue };
            let name = spec.get(b"UF").or_else(|_| spec.get(b"F")).map(pdf_text).unwrap_or_else(|_| pdf_text(key));
            let Ok(ef) = spec.get_deref(b"EF", doc).and_then(Object::as_dict) else { continue };
            let Ok(stream) = ef.get_deref(b"F", doc).and_then(Object::as_stream) else { continue };
            let data = if stream.dict.get(b"Filter").is_ok() {
                match stream.decompressed_content() {
                    Ok(data) => data,
                    Err(_) => continue,
                }
            } else {
                stream.content.clone()
            };
            let mime = stream
                .dict
                .get(b"Subtype")
                .and_then(Object::as_name)
                .ok()
                .map(|n| String::from_utf8_lossy(n).into_owned());
            let description = spec.get(b"Desc").ok().map(pdf_text);
            out.push(EmbeddedFile { name, mime, description, data });
        }
    }
    if let Ok(kids) = node.get_deref(b"Kids", doc).and_then(Object::as_array) {
        for kid in kids {
            if let Ok((_, Object::Dictionary(kid))) = doc.dereference(kid) {
                collect_name_tree(doc, kid, out, depth + 1);
            }
        }
    }
}

/// SHA-256 of a certificate's DER, in hex (to match a signer against the school's records).
pub fn certificate_fingerprint(cert: &Certificate) -> String {
    cert.to_der().map(|der| Sha256::digest(der).iter().map(|b| format!("{b:02x}")).collect()).unwrap_or_default()
}

/// The holder's name on a certificate (its common name).
pub fn holder_name(cert: &Certificate) -> String {
    keys::common_name(cert.tbs_certificate().subject())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pdf_dates_are_read_in_utc() {
        let t = parse_pdf_date("D:20250601083000+07'00'").expect("date");
        assert_eq!(t.to_rfc3339(), "2025-06-01T01:30:00+00:00");
        assert!(parse_pdf_date("D:2025").is_none());
    }
}
