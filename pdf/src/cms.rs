//! CMS SignedData (RFC 5652) for PAdES / CAdES detached signatures: built over a document digest by
//! any [`RawSigner`] (a key in memory or on a PKCS#11 token), and checked again when verifying.
//!
//! Signed attributes (PAdES B-B): contentType, messageDigest and ESS signingCertificateV2. No
//! signing-time attribute in a PDF signature (PAdES puts the time in the dictionary's `/M`); a
//! detached signature of a file (CAdES, the XML's `.p7s`) carries one.

use crate::PdfError;
use cms::cert::IssuerAndSerialNumber;
use cms::content_info::{CmsVersion, ContentInfo};
use cms::signed_data::{
    CertificateSet, EncapsulatedContentInfo, SignedAttributes, SignedData, SignerIdentifier, SignerInfo, SignerInfos,
};
use der::asn1::{Any, OctetString, SetOfVec};
use der::oid::ObjectIdentifier;
use der::{Decode, Encode, Sequence};
use sha2::{Digest, Sha256};
use spki::AlgorithmIdentifierOwned;
use x509_cert::attr::Attribute;
use x509_cert::ext::pkix::name::GeneralName;
use x509_cert::serial_number::SerialNumber;
use x509_cert::Certificate;

pub(crate) const ID_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.1");
pub(crate) const ID_SIGNED_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.2");
const ID_CONTENT_TYPE: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.3");
const ID_MESSAGE_DIGEST: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.4");
const ID_SIGNING_CERTIFICATE_V2: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.16.2.47");
/// id-signingTime (RFC 5652 §11.3).
const ID_SIGNING_TIME: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.5");
/// id-aa-signatureTimeStampToken (RFC 3161 appendix A), an unsigned attribute.
pub(crate) const ID_SIGNATURE_TIME_STAMP: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.16.2.14");
pub(crate) const ID_SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.1");
/// ecdsa-with-SHA256.
pub const ECDSA_WITH_SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.4.3.2");
/// sha256WithRSAEncryption (PKCS #1 v1.5).
pub const RSA_WITH_SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.11");

/// Something that holds a private key: signs a message (hashing it with SHA-256 itself), and knows
/// its certificate and the issuing chain to embed.
pub trait RawSigner {
    /// The signer's certificate.
    fn certificate(&self) -> &Certificate;
    /// Issuer certificates to embed (intermediates and root), nearest first.
    fn chain(&self) -> Vec<Certificate>;
    /// [`ECDSA_WITH_SHA256`] or [`RSA_WITH_SHA256`].
    fn signature_algorithm(&self) -> ObjectIdentifier;
    /// The signature of SHA-256(`message`): a DER ECDSA signature or a PKCS #1 v1.5 RSA signature.
    fn sign(&self, message: &[u8]) -> Result<Vec<u8>, PdfError>;
}

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

pub(crate) fn sign_err(e: impl std::fmt::Display) -> PdfError {
    PdfError::Certificate(format!("building the signature: {e}"))
}

fn attribute(oid: ObjectIdentifier, value: Any) -> Result<Attribute, PdfError> {
    let mut values = SetOfVec::new();
    values.insert(value).map_err(sign_err)?;
    Ok(Attribute { oid, values })
}

fn algorithm(oid: ObjectIdentifier) -> AlgorithmIdentifierOwned {
    // RSA signature algorithm identifiers carry an explicit NULL parameter.
    let parameters = (oid == RSA_WITH_SHA256).then(|| Any::from(der::asn1::Null));
    AlgorithmIdentifierOwned { oid, parameters }
}

/// The signed attributes over `digest` (of content of type `content_type`) for `cert`.
fn signed_attributes(
    content_type: ObjectIdentifier,
    digest: &[u8],
    cert: &Certificate,
    signing_time: Option<chrono::DateTime<chrono::Utc>>,
) -> Result<SignedAttributes, PdfError> {
    let cert_der = cert.to_der().map_err(sign_err)?;
    let tbs = cert.tbs_certificate();
    let ess = SigningCertificateV2 {
        certs: vec![EssCertIdV2 {
            cert_hash: OctetString::new(Sha256::digest(&cert_der).to_vec()).map_err(sign_err)?,
            issuer_serial: IssuerSerial {
                issuer: vec![GeneralName::DirectoryName(tbs.issuer().clone())],
                serial_number: tbs.serial_number().clone(),
            },
        }],
    };
    let mut attrs: SignedAttributes = SetOfVec::new();
    for attr in [
        attribute(ID_CONTENT_TYPE, Any::encode_from(&content_type).map_err(sign_err)?)?,
        attribute(
            ID_MESSAGE_DIGEST,
            Any::encode_from(&OctetString::new(digest.to_vec()).map_err(sign_err)?).map_err(sign_err)?,
        )?,
        attribute(ID_SIGNING_CERTIFICATE_V2, Any::encode_from(&ess).map_err(sign_err)?)?,
    ] {
        attrs.insert(attr).map_err(sign_err)?;
    }
    if let Some(at) = signing_time {
        let time = crate::asn1_time::to_asn1(at).ok_or_else(|| sign_err(format!("signing time {at}")))?;
        attrs.insert(attribute(ID_SIGNING_TIME, Any::encode_from(&time).map_err(sign_err)?)?).map_err(sign_err)?;
    }
    Ok(attrs)
}

/// A detached CMS SignedData (DER) over a SHA-256 document digest.
pub fn sign_digest(digest: &[u8], signer: &dyn RawSigner) -> Result<Vec<u8>, PdfError> {
    build(ID_DATA, None, digest, signer, None, None)
}

/// Like [`sign_digest`], with an RFC 3161 timestamp over the signature value from `tsa` (PAdES B-T).
pub fn sign_digest_timestamped(
    digest: &[u8],
    signer: &dyn RawSigner,
    tsa: &dyn crate::tsa::TimestampAuthority,
) -> Result<Vec<u8>, PdfError> {
    build(ID_DATA, None, digest, signer, Some(tsa), None)
}

/// A CMS SignedData that carries `content` (of type `content_type`) inside, e.g. a TSTInfo.
pub(crate) fn sign_encapsulated(
    content_type: ObjectIdentifier,
    content: &[u8],
    signer: &dyn RawSigner,
) -> Result<Vec<u8>, PdfError> {
    build(content_type, Some(content), &Sha256::digest(content), signer, None, None)
}

fn build(
    content_type: ObjectIdentifier,
    content: Option<&[u8]>,
    digest: &[u8],
    signer: &dyn RawSigner,
    tsa: Option<&dyn crate::tsa::TimestampAuthority>,
    signing_time: Option<chrono::DateTime<chrono::Utc>>,
) -> Result<Vec<u8>, PdfError> {
    let cert = signer.certificate();
    let signed_attrs = signed_attributes(content_type, digest, cert, signing_time)?;
    // The signature covers the DER of the attributes as a SET OF (RFC 5652 §5.4).
    let to_sign = signed_attrs.to_der().map_err(sign_err)?;
    let signature = signer.sign(&to_sign)?;
    let unsigned_attrs = match tsa {
        Some(tsa) => {
            let token = crate::tsa::timestamp(tsa, &Sha256::digest(&signature))?;
            let mut attrs = SetOfVec::new();
            attrs
                .insert(attribute(ID_SIGNATURE_TIME_STAMP, Any::from_der(&token).map_err(sign_err)?)?)
                .map_err(sign_err)?;
            Some(attrs)
        }
        None => None,
    };
    let tbs = cert.tbs_certificate();
    let signer_info = SignerInfo {
        version: CmsVersion::V1,
        sid: SignerIdentifier::IssuerAndSerialNumber(IssuerAndSerialNumber {
            issuer: tbs.issuer().clone(),
            serial_number: tbs.serial_number().clone(),
        }),
        digest_alg: algorithm(ID_SHA256),
        signed_attrs: Some(signed_attrs),
        signature_algorithm: algorithm(signer.signature_algorithm()),
        signature: OctetString::new(signature).map_err(sign_err)?,
        unsigned_attrs,
    };
    let mut digest_algorithms = SetOfVec::new();
    digest_algorithms.insert(algorithm(ID_SHA256)).map_err(sign_err)?;
    let mut certificates = SetOfVec::new();
    for c in std::iter::once(cert.clone()).chain(signer.chain()) {
        certificates.insert(cms::cert::CertificateChoices::Certificate(c)).map_err(sign_err)?;
    }
    let mut signer_infos = SetOfVec::new();
    signer_infos.insert(signer_info).map_err(sign_err)?;
    let econtent = match content {
        Some(bytes) => Some(Any::encode_from(&OctetString::new(bytes.to_vec()).map_err(sign_err)?).map_err(sign_err)?),
        None => None,
    };
    let signed_data = SignedData {
        version: if content_type == ID_DATA { CmsVersion::V1 } else { CmsVersion::V3 },
        digest_algorithms,
        encap_content_info: EncapsulatedContentInfo { econtent_type: content_type, econtent },
        certificates: Some(CertificateSet(certificates)),
        crls: None,
        signer_infos: SignerInfos(signer_infos),
    };
    let content_info =
        ContentInfo { content_type: ID_SIGNED_DATA, content: Any::encode_from(&signed_data).map_err(sign_err)? };
    content_info.to_der().map_err(sign_err)
}

/// A detached CAdES signature over arbitrary bytes (e.g. the XML of a yearly record:
/// `record.xml.p7s`) with its signing time; with `tsa`, timestamped (CAdES-B-T).
pub fn sign_detached(
    data: &[u8],
    signer: &dyn RawSigner,
    signing_time: chrono::DateTime<chrono::Utc>,
    tsa: Option<&dyn crate::tsa::TimestampAuthority>,
) -> Result<Vec<u8>, PdfError> {
    build(ID_DATA, None, &Sha256::digest(data), signer, tsa, Some(signing_time))
}

/// What a CMS signature says about itself, once checked against the digest of what it signs.
#[derive(Debug, Clone)]
pub struct CheckedCms {
    /// The signer's certificate (found in the CMS by issuer and serial number).
    pub signer: Certificate,
    /// Every certificate the CMS carries.
    pub certificates: Vec<Certificate>,
    /// The messageDigest attribute equals the digest of the signed bytes.
    pub digest_matches: bool,
    /// The signature over the signed attributes verifies with the signer certificate's key.
    pub signature_valid: bool,
    /// The RFC 3161 timestamp over the signature value (unsigned attribute), checked, if any.
    pub timestamp: Option<crate::tsa::CheckedToken>,
}

/// The DER bytes of the first element in `bytes` (a `/Contents` string is padded with zeros).
pub(crate) fn trim_der(bytes: &[u8]) -> Result<&[u8], PdfError> {
    let mut reader = der::SliceReader::new(bytes).map_err(parse)?;
    let header = der::Header::decode(&mut reader).map_err(parse)?;
    let header_len: usize = header.encoded_len().map_err(parse)?.try_into().map_err(parse)?;
    let body: usize = header.length().try_into().map_err(parse)?;
    bytes.get(..header_len + body).ok_or_else(|| PdfError::Parse("truncated signature".into()))
}

fn parse(e: impl std::fmt::Display) -> PdfError {
    PdfError::Parse(format!("signature: {e}"))
}

/// Every certificate a CMS SignedData carries, with those of the timestamp tokens in its signers'
/// unsigned attributes (read, not checked).
pub(crate) fn embedded_certificates(cms_der: &[u8]) -> Result<Vec<Certificate>, PdfError> {
    let signed = parse_signed_data(cms_der)?;
    let mut out = carried_certificates(&signed);
    for info in signed.signer_infos.0.iter() {
        let tokens =
            info.unsigned_attrs.iter().flat_map(|attrs| attrs.iter()).filter(|a| a.oid == ID_SIGNATURE_TIME_STAMP);
        for value in tokens.flat_map(|a| a.values.iter()) {
            out.extend(embedded_certificates(&value.to_der().map_err(parse)?)?);
        }
    }
    Ok(out)
}

/// Parses a detached CMS SignedData and checks it against `digest` (SHA-256 of the signed bytes).
pub fn check_detached(cms_der: &[u8], digest: &[u8]) -> Result<CheckedCms, PdfError> {
    let signed_data = parse_signed_data(cms_der)?;
    check_signed_data(&signed_data, digest)
}

/// Parses a CMS SignedData that carries its content of type `content_type`; answers the content and
/// the check of the signature over it.
pub(crate) fn check_encapsulated(
    cms_der: &[u8],
    content_type: ObjectIdentifier,
) -> Result<(Vec<u8>, CheckedCms), PdfError> {
    let signed_data = parse_signed_data(cms_der)?;
    let info = &signed_data.encap_content_info;
    if info.econtent_type != content_type {
        return Err(PdfError::Parse("unexpected content type in the signature".into()));
    }
    let content = info
        .econtent
        .as_ref()
        .and_then(|e| e.decode_as::<OctetString>().ok())
        .map(|o| o.as_bytes().to_vec())
        .ok_or_else(|| PdfError::Parse("the signature carries no content".into()))?;
    let checked = check_signed_data(&signed_data, &Sha256::digest(&content))?;
    Ok((content, checked))
}

fn parse_signed_data(cms_der: &[u8]) -> Result<SignedData, PdfError> {
    let content_info = ContentInfo::from_der(trim_der(cms_der)?).map_err(parse)?;
    if content_info.content_type != ID_SIGNED_DATA {
        return Err(PdfError::Parse("not a CMS SignedData".into()));
    }
    content_info.content.decode_as().map_err(parse)
}

/// The X.509 certificates a SignedData carries.
fn carried_certificates(signed_data: &SignedData) -> Vec<Certificate> {
    signed_data
        .certificates
        .iter()
        .flat_map(|set| set.0.iter())
        .filter_map(|c| match c {
            cms::cert::CertificateChoices::Certificate(cert) => Some(cert.clone()),
            _ => None,
        })
        .collect()
}

fn check_signed_data(signed_data: &SignedData, digest: &[u8]) -> Result<CheckedCms, PdfError> {
    let certificates = carried_certificates(signed_data);
    let info = signed_data.signer_infos.0.iter().next().ok_or_else(|| PdfError::Parse("no signer".into()))?;
    let signer = match &info.sid {
        SignerIdentifier::IssuerAndSerialNumber(isn) => certificates
            .iter()
            .find(|c| {
                c.tbs_certificate().issuer() == &isn.issuer && c.tbs_certificate().serial_number() == &isn.serial_number
            })
            .cloned(),
        SignerIdentifier::SubjectKeyIdentifier(_) => certificates.first().cloned(),
    }
    .ok_or_else(|| PdfError::Parse("the signer's certificate is not in the signature".into()))?;
    if info.digest_alg.oid != ID_SHA256 {
        return Err(PdfError::Parse("only SHA-256 signatures are supported".into()));
    }
    let attrs = info.signed_attrs.as_ref().ok_or_else(|| PdfError::Parse("no signed attributes".into()))?;
    let message_digest = attrs
        .iter()
        .find(|a| a.oid == ID_MESSAGE_DIGEST)
        .and_then(|a| a.values.iter().next())
        .and_then(|v| v.decode_as::<OctetString>().ok());
    let digest_matches = message_digest.is_some_and(|d| d.as_bytes() == digest);
    let signed = attrs.to_der().map_err(parse)?;
    let signature_valid = crate::verify::keys::verify_signature(
        &signer,
        info.signature_algorithm.oid,
        &signed,
        info.signature.as_bytes(),
    );
    let timestamp = info
        .unsigned_attrs
        .as_ref()
        .and_then(|attrs| attrs.iter().find(|a| a.oid == ID_SIGNATURE_TIME_STAMP))
        .and_then(|a| a.values.iter().next())
        .and_then(|v| v.to_der().ok())
        .map(|token| crate::tsa::check_token(&token, &Sha256::digest(info.signature.as_bytes())));
    let timestamp = match timestamp {
        Some(Ok(token)) => Some(token),
        Some(Err(_)) => return Err(PdfError::Parse("unreadable timestamp".into())),
        None => None,
    };
    Ok(CheckedCms { signer, certificates, digest_matches, signature_valid, timestamp })
}

/// A raw (r ‖ s) ES256 signature of `message` (hashed with SHA-256 by the signer), for a JWS.
pub fn es256(signer: &dyn RawSigner, message: &[u8]) -> Result<[u8; 64], PdfError> {
    if signer.signature_algorithm() != ECDSA_WITH_SHA256 {
        return Err(PdfError::Certificate("ES256 needs an ECDSA P-256 key".into()));
    }
    let der = signer.sign(message)?;
    let signature = p256::ecdsa::Signature::from_der(&der).map_err(sign_err)?;
    let bytes = signature.to_bytes();
    let mut raw = [0u8; 64];
    raw.copy_from_slice(&bytes);
    Ok(raw)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_detached_file_signature_carries_its_signing_time() {
        let ca = crate::TestCa::create("Trường thử").unwrap();
        let signer = ca.issue("Trường thử (TEST)", "Trường thử", 30).unwrap();
        let at = chrono::DateTime::from_timestamp(1_780_000_000, 0).unwrap();
        let p7s = sign_detached(b"<hocBa/>", &signer, at, None).unwrap();
        let signed = parse_signed_data(&p7s).unwrap();
        let attrs = signed.signer_infos.0.iter().next().unwrap().signed_attrs.clone().unwrap();
        let time = attrs.iter().find(|a| a.oid == ID_SIGNING_TIME).expect("signing-time");
        let time: x509_cert::time::Time = time.values.iter().next().unwrap().decode_as().unwrap();
        assert_eq!(time.to_unix_duration().as_secs(), 1_780_000_000);
        assert!(attrs.iter().any(|a| a.oid == ID_SIGNING_CERTIFICATE_V2));
        let checked = check_detached(&p7s, &Sha256::digest(b"<hocBa/>")).unwrap();
        assert!(checked.digest_matches && checked.signature_valid);
    }
}
