//! Long-term validation (PAdES B-LT and B-LTA), each step an incremental update after the last
//! signature, so every earlier signature stays intact:
//!
//! - [`add_dss`]: the Document Security Store (`/DSS` in the catalog) with the certificates of
//!   every signer and timestamp authority and the revocation lists (CRLs) that say none of them was
//!   revoked. A receiver needs nothing from the network to check the document years later.
//! - [`add_document_timestamp`]: an RFC 3161 document timestamp over the whole file
//!   (`/Type /DocTimeStamp`, `/SubFilter /ETSI.RFC3161`), which proves the DSS existed then.
//!   Renewing it before its authority's certificate expires (a fresh DSS, then a fresh document
//!   timestamp) keeps the proof alive.

use crate::cache::PdfCache;
use crate::sign::{prepare_kind, SigKind, SignatureRequest};
use crate::tsa::{timestamp, TimestampAuthority};
use crate::update::{parse_err, Update};
use crate::PdfError;
use der::{Decode, Encode};
use lopdf::{Dictionary, Object, Stream};
use x509_cert::Certificate;

/// Certificates and revocation lists to embed, DER.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ValidationData {
    pub certificates: Vec<Vec<u8>>,
    pub crls: Vec<Vec<u8>>,
}

/// The name of the field of the `n`-th document timestamp.
fn timestamp_field(n: usize) -> String {
    format!("DauThoiGian{n}")
}

/// What one parse of a document tells the long-term steps: the raw `/Contents` of each signature
/// and document timestamp (with whether it is a document timestamp), in the order of the form's
/// fields, and what its DSS already holds.
struct Parsed {
    contents: Vec<(bool, Vec<u8>)>,
    dss: ValidationData,
}

/// Reads what the long-term steps need through the cross-reference sections only (the catalog,
/// the form's signature fields, the DSS), not the whole file: a signed học bạ's hex signature
/// values and embedded yearly records make a full parse several times dearer.
fn parse(pdf: &[u8]) -> Result<Parsed, PdfError> {
    let doc = Update::new(pdf)?;
    let deref = |value: &Object| doc.resolve(value).map(|(_, object)| object);
    let catalog = doc.get_dictionary(doc.root_id()?)?;
    let mut contents = Vec::new();
    let form = match catalog.get(b"AcroForm") {
        Ok(value) => deref(value)?,
        Err(_) => Object::Null,
    };
    let fields = match form.as_dict().and_then(|f| f.get(b"Fields")) {
        Ok(value) => deref(value)?,
        Err(_) => Object::Array(Vec::new()),
    };
    for field in fields.as_array().map(Vec::as_slice).unwrap_or_default() {
        let Ok(Object::Dictionary(field)) = deref(field) else { continue };
        if field.get(b"FT").and_then(Object::as_name).ok() != Some(b"Sig".as_slice()) {
            continue;
        }
        let Some(value) = field.get(b"V").ok() else { continue };
        let Ok(Object::Dictionary(sig)) = deref(value) else { continue };
        let Ok(raw) = sig.get(b"Contents").and_then(Object::as_str) else { continue };
        let is_timestamp = sig.get(b"SubFilter").and_then(Object::as_name).ok() == Some(b"ETSI.RFC3161".as_slice());
        contents.push((is_timestamp, raw.to_vec()));
    }
    let mut dss = ValidationData::default();
    if let Ok(value) = catalog.get(b"DSS") {
        if let Object::Dictionary(store) = deref(value)? {
            for (key, list) in [(&b"Certs"[..], &mut dss.certificates), (b"CRLs", &mut dss.crls)] {
                let Ok(items) = store.get(key) else { continue };
                for item in deref(items)?.as_array().map(Vec::as_slice).unwrap_or_default() {
                    if let Object::Stream(stream) = deref(item)? {
                        let bytes = if stream.dict.get(b"Filter").is_ok() {
                            stream.decompressed_content().map_err(parse_err)?
                        } else {
                            stream.content
                        };
                        list.push(bytes);
                    }
                }
            }
        }
    }
    Ok(Parsed { contents, dss })
}

impl Parsed {
    fn timestamps(&self) -> usize {
        self.contents.iter().filter(|(is_timestamp, _)| *is_timestamp).count()
    }

    /// Every certificate the signatures and timestamps carry, each once, in order of appearance
    /// (read, not checked: the verifier checks them).
    fn certificates(&self) -> Result<Vec<Certificate>, PdfError> {
        let mut out: Vec<Certificate> = Vec::new();
        for (_, contents) in &self.contents {
            for cert in crate::cms::embedded_certificates(contents)? {
                if !out.contains(&cert) {
                    out.push(cert);
                }
            }
        }
        Ok(out)
    }
}

/// Every certificate carried by the signatures and timestamps of `pdf` (signers, their issuers,
/// the timestamp authorities), each once, in order of appearance.
pub fn signature_certificates(pdf: &[u8]) -> Result<Vec<Certificate>, PdfError> {
    parse(pdf)?.certificates()
}

/// How many document timestamps `pdf` carries.
pub fn document_timestamp_count(pdf: &[u8]) -> Result<usize, PdfError> {
    Ok(parse(pdf)?.timestamps())
}

/// When the authority of the document's last document timestamp stops being valid — the proof
/// must be renewed before — or `None` when it has no document timestamp (or its time is unreadable).
pub fn archive_expiry(pdf: &[u8]) -> Result<Option<chrono::DateTime<chrono::Utc>>, PdfError> {
    let parsed = parse(pdf)?;
    let Some((_, token)) = parsed.contents.iter().rev().find(|(is_timestamp, _)| *is_timestamp) else {
        return Ok(None);
    };
    let signer = crate::tsa::check_token(token, &[])?.signer;
    Ok(crate::asn1_time::to_utc(signer.tbs_certificate().validity().not_after))
}

/// The certificates and CRLs of the document's DSS (empty when it has none).
pub fn dss_of(pdf: &[u8]) -> Result<ValidationData, PdfError> {
    Ok(parse(pdf)?.dss)
}

/// Adds `data` to the document's DSS (creating it), leaving out what it already holds; a document
/// whose DSS already holds everything is answered unchanged.
pub fn add_dss(pdf: &[u8], data: &ValidationData) -> Result<Vec<u8>, PdfError> {
    add_dss_beside(pdf, data, &parse(pdf)?.dss)
}

fn add_dss_beside(pdf: &[u8], data: &ValidationData, present: &ValidationData) -> Result<Vec<u8>, PdfError> {
    let certificates: Vec<&Vec<u8>> =
        unique(&data.certificates).into_iter().filter(|c| !present.certificates.contains(c)).collect();
    let crls: Vec<&Vec<u8>> = unique(&data.crls).into_iter().filter(|c| !present.crls.contains(c)).collect();
    if certificates.is_empty() && crls.is_empty() {
        return Ok(pdf.to_vec());
    }
    let mut update = Update::new(pdf)?;
    let root_id = update.root_id()?;
    let mut catalog = update.get_dictionary(root_id)?;
    let (dss_id, dss) = match catalog.get(b"DSS").ok().cloned() {
        Some(value) => update.resolve(&value)?,
        None => (None, Object::Dictionary(Dictionary::new())),
    };
    let mut dss = dss.as_dict().map_err(parse_err)?.clone();
    for (key, items) in [(&b"Certs"[..], certificates), (b"CRLs", crls)] {
        for der in items {
            let id = update.add(Object::Stream(Stream::new(Dictionary::new(), der.clone())));
            update.push_to_array(&mut dss, key, Object::Reference(id))?;
        }
    }
    match dss_id {
        Some(id) => update.set(id, Object::Dictionary(dss)),
        None => {
            let id = update.add(Object::Dictionary(dss));
            catalog.set("DSS", Object::Reference(id));
            update.set(root_id, Object::Dictionary(catalog));
        }
    }
    update.write(|_, _| Ok(()))
}

fn unique(items: &[Vec<u8>]) -> Vec<&Vec<u8>> {
    let mut out: Vec<&Vec<u8>> = Vec::new();
    for item in items {
        if !out.contains(&item) {
            out.push(item);
        }
    }
    out
}

/// Adds a document timestamp from `tsa` over the whole document (`reserve`: bytes for the token).
pub fn add_document_timestamp(
    pdf: &[u8],
    tsa: &dyn TimestampAuthority,
    reserve: usize,
    cache: &PdfCache,
) -> Result<Vec<u8>, PdfError> {
    let n = document_timestamp_count(pdf)? + 1;
    timestamp_as(pdf, tsa, reserve, cache, n)
}

fn timestamp_as(
    pdf: &[u8],
    tsa: &dyn TimestampAuthority,
    reserve: usize,
    cache: &PdfCache,
    n: usize,
) -> Result<Vec<u8>, PdfError> {
    let mut request = SignatureRequest::invisible(&timestamp_field(n), "", "", chrono::Utc::now());
    request.reserve = reserve;
    let prepared = prepare_kind(pdf, &request, cache, SigKind::DocumentTimestamp)?;
    let token = timestamp(tsa, &prepared.digest_with(cache)?)?;
    prepared.embed(&token)
}

/// Fetches the revocation list a certificate's CRL distribution point names (the server's HTTP
/// client, which keeps each list until its next update).
pub trait CrlSource {
    fn fetch(&self, url: &str) -> Result<Vec<u8>, PdfError>;
}

/// The CRLs to add for `certs` beside `held`: for every certificate that is not self-signed and
/// whose issuer has no CRL among them, the one its CRL distribution points name (the first that
/// answers a CRL of that issuer). A certificate that names none is left as it is; one whose
/// points all fail is an error naming the last address tried.
pub fn fetch_missing_crls(
    certs: &[Certificate],
    held: &[Vec<u8>],
    source: &dyn CrlSource,
) -> Result<Vec<Vec<u8>>, PdfError> {
    let mut covered: Vec<x509_cert::name::Name> =
        held.iter().filter_map(|der| crate::crl::crl_issuer(der)).map(|(issuer, _)| issuer).collect();
    let mut fetched = Vec::new();
    for cert in certs {
        let tbs = cert.tbs_certificate();
        if tbs.issuer() == tbs.subject() || covered.contains(tbs.issuer()) {
            continue;
        }
        let mut failure = None;
        for url in crate::certs::crl_urls(cert) {
            match source.fetch(&url) {
                Ok(der) if crate::crl::crl_issuer(&der).is_some_and(|(issuer, _)| issuer == *tbs.issuer()) => {
                    covered.push(tbs.issuer().clone());
                    fetched.push(der);
                    failure = None;
                    break;
                }
                Ok(_) => failure = Some(PdfError::Certificate(format!("{url}: not a CRL of the certificate's issuer"))),
                Err(e) => failure = Some(e),
            }
        }
        if let Some(e) = failure {
            return Err(e);
        }
    }
    Ok(fetched)
}

/// The long-term steps of a signed document in one go, reading it once: the DSS with every
/// certificate its signatures carry, `crls` and, through `source`, the CRLs of the other issuers
/// (an outside timestamp authority's, a public CA's), then, with an authority, a document
/// timestamp (`reserve`: bytes for its token).
pub fn make_long_term(
    pdf: &[u8],
    crls: &[Vec<u8>],
    source: Option<&dyn CrlSource>,
    tsa: Option<(&dyn TimestampAuthority, usize)>,
    cache: &PdfCache,
) -> Result<Vec<u8>, PdfError> {
    let parsed = parse(pdf)?;
    let certificates = parsed.certificates()?;
    let mut crls = crls.to_vec();
    if let Some(source) = source {
        let more = fetch_missing_crls(&certificates, &crls, source)?;
        crls.extend(more);
    }
    let data = ValidationData { certificates: certificates_der(&certificates)?, crls };
    let pdf = add_dss_beside(pdf, &data, &parsed.dss)?;
    match tsa {
        Some((tsa, reserve)) => timestamp_as(&pdf, tsa, reserve, cache, parsed.timestamps() + 1),
        None => Ok(pdf),
    }
}

/// DER encoding of certificates, for [`ValidationData::certificates`].
pub fn certificates_der(certs: &[Certificate]) -> Result<Vec<Vec<u8>>, PdfError> {
    certs.iter().map(|c| c.to_der().map_err(|e| PdfError::Certificate(format!("certificate: {e}")))).collect()
}

/// Parses DER certificates (from a DSS).
pub fn certificates_from_der(items: &[Vec<u8>]) -> Vec<Certificate> {
    items.iter().filter_map(|der| Certificate::from_der(der).ok()).collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::certs::TestCa;
    use crate::test_pdf::blank_pdf;
    use crate::tsa::InProcess;
    use crate::verify::{check_pdf, Problem, Trust};

    /// Answers the CRLs it holds by address, counting the requests.
    struct Published(Vec<(String, Vec<u8>)>, std::cell::Cell<usize>);

    impl CrlSource for Published {
        fn fetch(&self, url: &str) -> Result<Vec<u8>, PdfError> {
            self.1.set(self.1.get() + 1);
            self.0
                .iter()
                .find(|(u, _)| u == url)
                .map(|(_, der)| der.clone())
                .ok_or_else(|| PdfError::Certificate(format!("{url}: 404")))
        }
    }

    #[test]
    fn the_crls_of_other_issuers_are_fetched_from_their_distribution_points() {
        let now = chrono::Utc::now();
        let week = now + chrono::Duration::days(7);
        let school = TestCa::create("Trường Tiểu học Bản Lầu").unwrap();
        let signer = school.issue_with_crl("Lò Thị Mai", "Trường", 30, Some("https://truong.vn/crl")).unwrap();
        let outside = TestCa::create_named("Outside TSA CA", "Nhà cung cấp").unwrap();
        let tsa = outside.issue_time_stamping_with_crl("Outside TSA", 365, Some("http://tsa.vn/crl")).unwrap();
        let certs = [signer.signer.clone(), signer.ca.clone(), tsa.signer.clone(), tsa.ca.clone()];
        let school_crl = school.crl(&[], 1, now, week).unwrap();
        let outside_crl = outside.crl(&[], 1, now, week).unwrap();
        let source = Published(vec![("http://tsa.vn/crl".into(), outside_crl.clone())], Default::default());

        // The school's CRL is held: only the outside authority's is fetched, once.
        let fetched = fetch_missing_crls(&certs, std::slice::from_ref(&school_crl), &source).unwrap();
        assert_eq!((fetched, source.1.get()), (vec![outside_crl.clone()], 1));
        // Nothing held: the school's address does not answer, which is an error naming it.
        let err = fetch_missing_crls(&certs, &[], &source).unwrap_err();
        assert!(err.to_string().contains("https://truong.vn/crl"), "{err}");
        // An answer that is another issuer's CRL is refused.
        let wrong = Published(vec![("http://tsa.vn/crl".into(), school_crl.clone())], Default::default());
        assert!(fetch_missing_crls(&certs, std::slice::from_ref(&school_crl), &wrong).is_err());
        // A certificate naming no distribution point is left as it is.
        let plain = outside.issue_time_stamping("Plain TSA", 365).unwrap();
        assert!(fetch_missing_crls(&[plain.signer], &[], &source).unwrap().is_empty());
    }

    #[test]
    fn validation_data_and_a_document_timestamp_keep_the_signature_and_are_checked() {
        let cache = PdfCache::default();
        let ca = TestCa::create("Trường Tiểu học Tung Chung Phố").unwrap();
        let signer = ca.issue("Thào Thị Chúa", "Trường Tiểu học Tung Chung Phố", 30).unwrap();
        let tsa_ca = TestCa::create("hocba TSA").unwrap();
        let tsa = InProcess(tsa_ca.issue_time_stamping("hocba TSA", 365).unwrap());
        let mut request = SignatureRequest::invisible("Seal", "Trường", "Cấp học bạ", chrono::Utc::now());
        request.reserve = crate::tsa::TIMESTAMPED_RESERVE;
        let signed = crate::tsa::sign_with_timestamp(&blank_pdf(), &signer, &request, &tsa, &cache).unwrap();

        let certs = signature_certificates(&signed).unwrap();
        assert_eq!(certs.len(), 4, "signer, school CA, TSA, TSA CA");
        let now = chrono::Utc::now();
        let crls = vec![
            ca.crl(&[], 1, now, now + chrono::Duration::days(7)).unwrap(),
            tsa_ca.crl(&[], 1, now, now + chrono::Duration::days(7)).unwrap(),
        ];
        let data = ValidationData { certificates: certificates_der(&certs).unwrap(), crls };
        let with_dss = add_dss(&signed, &data).unwrap();
        assert!(with_dss.starts_with(&signed), "an incremental update");
        assert_eq!(dss_of(&with_dss).unwrap(), data);
        assert_eq!(add_dss(&with_dss, &data).unwrap(), with_dss, "nothing new to add");

        let stamped = add_document_timestamp(&with_dss, &tsa, 8192, &cache).unwrap();
        assert_eq!(document_timestamp_count(&stamped).unwrap(), 1);
        let trust = Trust::from_pem(&[ca.certificate_pem(), tsa_ca.certificate_pem()]).unwrap();
        let check = check_pdf(&stamped, &trust).unwrap();
        assert!(check.all_valid(), "{check:?}");
        let [t] = &check.timestamps[..] else { panic!("one document timestamp: {check:?}") };
        assert!(t.intact && t.trusted && t.problem.is_none() && t.covers_until == stamped.len(), "{t:?}");
        assert!(t.authority_expires.is_some_and(|e| e > now + chrono::Duration::days(300)));
        assert_eq!(archive_expiry(&stamped).unwrap(), t.authority_expires);
        assert_eq!(archive_expiry(&with_dss).unwrap(), None, "no document timestamp yet");
        let report = crate::verify::verify_document(&stamped, &trust);
        assert_ne!(report.verdict, hocba_core::api::documents::Verdict::Modified, "{report:?}");

        // A second round (a renewal): more validation data, a second document timestamp.
        let renewed = add_dss(
            &stamped,
            &ValidationData {
                certificates: Vec::new(),
                crls: vec![ca.crl(&[], 2, now, now + chrono::Duration::days(7)).unwrap()],
            },
        )
        .unwrap();
        let renewed = add_document_timestamp(&renewed, &tsa, 8192, &cache).unwrap();
        let check = check_pdf(&renewed, &trust).unwrap();
        assert_eq!(check.timestamps.len(), 2);
        assert!(check.all_valid() && check.timestamps.iter().all(|t| t.intact && t.problem.is_none()), "{check:?}");

        // The authority's CA trusted for timestamps only: the timestamps are trusted, but a signer
        // it issued a certificate to is not.
        let stamps_only = Trust::from_pem(&[ca.certificate_pem()])
            .unwrap()
            .with_timestamp_roots(&[tsa_ca.certificate_pem()])
            .unwrap();
        let check = check_pdf(&stamped, &stamps_only).unwrap();
        assert!(check.all_valid() && check.timestamps[0].trusted && check.signatures[0].timestamped, "{check:?}");
        let impostor = tsa_ca.issue("Kẻ mạo danh", "hocba", 30).unwrap();
        let forged = crate::sign::sign_with(&blank_pdf(), &impostor, &request, &cache).unwrap();
        let check = check_pdf(&forged, &stamps_only).unwrap();
        assert!(!check.signatures[0].trusted, "a timestamp root does not vouch for signers");

        // Untrusted authority: intact but not trusted; bytes appended after it: not covered.
        let school_only = Trust::from_pem(&[ca.certificate_pem()]).unwrap();
        let check = check_pdf(&stamped, &school_only).unwrap();
        assert!(check.timestamps[0].intact && !check.timestamps[0].trusted);
        let mut appended = stamped.clone();
        appended.extend_from_slice(b"\n1 0 obj\n(x)\nendobj\n");
        let check = check_pdf(&appended, &trust).unwrap();
        assert_eq!(check.timestamps[0].problem, Some(Problem::UnsignedAppendix));
        // A changed byte in the validation data breaks the document timestamp.
        let mut changed = stamped.clone();
        let at = with_dss.len() - 200;
        changed[at] = if changed[at] == b'0' { b'1' } else { b'0' };
        let check = check_pdf(&changed, &trust).unwrap();
        assert!(!check.timestamps[0].intact, "{check:?}");
    }
}
