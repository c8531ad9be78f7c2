//! RFC 3161 timestamps: the client side (a request over the signature value, the token checked and
//! added to the CMS as the unsigned attribute signatureTimeStampToken, which makes a PAdES B-B
//! signature B-T), the checking of a token when verifying, and a small timestamp authority of the
//! project's own (`hocba tsa serve`, used by the tests and for trials).
//!
//! The ASN.1 types are a few `der` derives (the `x509-tsp` crate is pinned to the older der/cms).

use crate::cms::{check_encapsulated, sign_err, RawSigner, ID_SHA256, ID_SIGNATURE_TIME_STAMP, ID_SIGNED_DATA};
use crate::PdfError;
use cms::content_info::ContentInfo;
use der::asn1::{GeneralizedTime, OctetString};
use der::oid::ObjectIdentifier;
use der::{Any, Decode, Encode, Sequence};
use sha2::{Digest, Sha256};
use spki::AlgorithmIdentifierOwned;

/// id-ct-TSTInfo.
pub(crate) const ID_CT_TST_INFO: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.16.1.4");
/// The policy of hocba's own timestamp authority (a private arc; a real TSA has its own).
const HOCBA_TSA_POLICY: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.6.1.4.1.55555.1.1");

#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
struct MessageImprint {
    hash_algorithm: AlgorithmIdentifierOwned,
    hashed_message: OctetString,
}

/// `TimeStampReq` (RFC 3161 §2.4.1), without extensions.
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
struct TimeStampReq {
    version: u8,
    message_imprint: MessageImprint,
    #[asn1(optional = "true")]
    req_policy: Option<ObjectIdentifier>,
    #[asn1(optional = "true")]
    nonce: Option<u64>,
    #[asn1(default = "Default::default")]
    cert_req: bool,
}

/// `PKIStatusInfo` (RFC 4210): granted (0), grantedWithMods (1) or a refusal.
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
struct PkiStatusInfo {
    status: u8,
    #[asn1(optional = "true")]
    status_string: Option<Any>,
}

/// `TimeStampResp` (RFC 3161 §2.4.2); the token is a CMS ContentInfo (SignedData over a TSTInfo).
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
struct TimeStampResp {
    status: PkiStatusInfo,
    #[asn1(optional = "true")]
    time_stamp_token: Option<Any>,
}

/// `TSTInfo` (RFC 3161 §2.4.2), the fields hocba uses.
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
struct TstInfo {
    version: u8,
    policy: ObjectIdentifier,
    message_imprint: MessageImprint,
    serial_number: u64,
    gen_time: GeneralizedTime,
    #[asn1(optional = "true")]
    nonce: Option<u64>,
}

fn sha256_algorithm() -> AlgorithmIdentifierOwned {
    AlgorithmIdentifierOwned { oid: ID_SHA256, parameters: None }
}

fn tsa_err(what: &str, e: impl std::fmt::Display) -> PdfError {
    PdfError::Timestamp(format!("{what}: {e}"))
}

/// Something that answers timestamp requests (an HTTP client of a TSA, or the local one).
pub trait TimestampAuthority {
    /// Sends a DER `TimeStampReq` and answers the DER `TimeStampResp`.
    fn respond(&self, request: &[u8]) -> Result<Vec<u8>, PdfError>;
}

/// A DER timestamp request over a SHA-256 digest, asking for the TSA's certificate.
pub fn request(digest: &[u8], nonce: u64) -> Result<Vec<u8>, PdfError> {
    TimeStampReq {
        version: 1,
        message_imprint: MessageImprint {
            hash_algorithm: sha256_algorithm(),
            hashed_message: OctetString::new(digest.to_vec()).map_err(|e| tsa_err("request", e))?,
        },
        req_policy: None,
        nonce: Some(nonce),
        cert_req: true,
    }
    .to_der()
    .map_err(|e| tsa_err("request", e))
}

/// What a timestamp token says, once checked.
#[derive(Debug, Clone)]
pub struct CheckedToken {
    pub time: chrono::DateTime<chrono::Utc>,
    /// The token's own signature verifies and covers the TSTInfo.
    pub valid: bool,
    /// The TSA's certificate.
    pub signer: x509_cert::Certificate,
    pub certificates: Vec<x509_cert::Certificate>,
}

/// Checks a token (DER ContentInfo) against the digest it must timestamp.
pub fn check_token(token: &[u8], digest: &[u8]) -> Result<CheckedToken, PdfError> {
    Ok(check_token_info(token, digest)?.0)
}

/// [`check_token`], with the token's TSTInfo (its signature verified once).
fn check_token_info(token: &[u8], digest: &[u8]) -> Result<(CheckedToken, TstInfo), PdfError> {
    let (content, cms) = check_encapsulated(token, ID_CT_TST_INFO)?;
    let info = TstInfo::from_der(&content).map_err(|e| tsa_err("TSTInfo", e))?;
    let imprint_ok = info.message_imprint.hash_algorithm.oid == ID_SHA256
        && info.message_imprint.hashed_message.as_bytes() == digest;
    let time = chrono::DateTime::<chrono::Utc>::from_timestamp(
        i64::try_from(info.gen_time.to_unix_duration().as_secs()).unwrap_or(0),
        0,
    )
    .unwrap_or_default();
    let checked = CheckedToken {
        time,
        valid: imprint_ok && cms.digest_matches && cms.signature_valid,
        signer: cms.signer,
        certificates: cms.certificates,
    };
    Ok((checked, info))
}

/// Asks `tsa` for a token over `digest` and checks the answer (status, imprint, nonce, signature).
pub fn timestamp(tsa: &dyn TimestampAuthority, digest: &[u8]) -> Result<Vec<u8>, PdfError> {
    let nonce = u64::from_be_bytes(Sha256::digest(digest)[..8].try_into().unwrap_or([0; 8])) >> 1
        ^ chrono::Utc::now().timestamp_nanos_opt().unwrap_or(0).unsigned_abs() >> 1;
    let response = tsa.respond(&request(digest, nonce)?)?;
    let response = TimeStampResp::from_der(&response).map_err(|e| tsa_err("response", e))?;
    if response.status.status > 1 {
        return Err(PdfError::Timestamp(format!("the TSA refused (status {})", response.status.status)));
    }
    let token = response.time_stamp_token.ok_or_else(|| PdfError::Timestamp("no token in the answer".into()))?;
    let token = token.to_der().map_err(|e| tsa_err("token", e))?;
    let (checked, info) = check_token_info(&token, digest)?;
    if info.nonce != Some(nonce) {
        return Err(PdfError::Timestamp("the answer's nonce does not match".into()));
    }
    if !checked.valid {
        return Err(PdfError::Timestamp("the token does not verify".into()));
    }
    Ok(token)
}

/// The answer of hocba's own TSA to a DER request, signed by `signer` (a certificate with the
/// timeStamping extended key usage). Malformed requests get a `rejection` status.
pub fn respond(request: &[u8], signer: &dyn RawSigner, serial: u64, now: chrono::DateTime<chrono::Utc>) -> Vec<u8> {
    let reject = || {
        TimeStampResp { status: PkiStatusInfo { status: 2, status_string: None }, time_stamp_token: None }
            .to_der()
            .unwrap_or_default()
    };
    let Ok(req) = TimeStampReq::from_der(request) else { return reject() };
    if req.message_imprint.hash_algorithm.oid != ID_SHA256 || req.message_imprint.hashed_message.as_bytes().len() != 32
    {
        return reject();
    }
    let gen_time = std::time::Duration::from_secs(u64::try_from(now.timestamp()).unwrap_or(0));
    let Ok(gen_time) = GeneralizedTime::from_unix_duration(gen_time) else { return reject() };
    let info = TstInfo {
        version: 1,
        policy: HOCBA_TSA_POLICY,
        message_imprint: req.message_imprint,
        serial_number: serial,
        gen_time,
        nonce: req.nonce,
    };
    let token = info
        .to_der()
        .map_err(sign_err)
        .and_then(|content| crate::cms::sign_encapsulated(ID_CT_TST_INFO, &content, signer));
    match token.and_then(|t| Any::from_der(&t).map_err(sign_err)) {
        Ok(token) => {
            TimeStampResp { status: PkiStatusInfo { status: 0, status_string: None }, time_stamp_token: Some(token) }
                .to_der()
                .unwrap_or_else(|_| reject())
        }
        Err(_) => reject(),
    }
}

/// Whether a DER blob is a CMS SignedData ContentInfo (used to recognise tokens).
pub fn is_signed_data(der: &[u8]) -> bool {
    ContentInfo::from_der(der).is_ok_and(|c| c.content_type == ID_SIGNED_DATA)
}

/// Adds one PAdES B-T signature: like [`crate::sign_with`], with a timestamp from `tsa` (reserve
/// room for the token: [`TIMESTAMPED_RESERVE`]).
pub fn sign_with_timestamp(
    pdf: &[u8],
    signer: &dyn RawSigner,
    request: &crate::SignatureRequest,
    tsa: &dyn TimestampAuthority,
    cache: &crate::PdfCache,
) -> Result<Vec<u8>, PdfError> {
    let prepared = crate::prepare(pdf, request, cache)?;
    let cms = crate::cms::sign_digest_timestamped(&prepared.digest_with(cache)?, signer, tsa)?;
    prepared.embed(&cms)
}

/// Adds a timestamp over the signature value of a CMS signature made elsewhere (on a USB token,
/// which knows no TSA), making it PAdES B-T like the server's own; a CMS that already carries a
/// timestamp is answered unchanged. The signed attributes are not touched, so the signature stays
/// valid.
pub fn add_timestamp(cms_der: &[u8], tsa: &dyn TimestampAuthority) -> Result<Vec<u8>, PdfError> {
    use cms::signed_data::{SignedData, SignerInfo, SignerInfos};
    use der::asn1::SetOfVec;
    let info = ContentInfo::from_der(cms_der).map_err(|e| tsa_err("signature", e))?;
    if info.content_type != ID_SIGNED_DATA {
        return Err(PdfError::Timestamp("not a CMS SignedData".into()));
    }
    let mut signed: SignedData = info.content.decode_as().map_err(|e| tsa_err("signature", e))?;
    let mut signers: Vec<SignerInfo> = signed.signer_infos.0.into_vec();
    let Some(signer) = signers.first_mut() else {
        return Err(PdfError::Timestamp("the signature has no signer".into()));
    };
    if signer.unsigned_attrs.as_ref().is_some_and(|attrs| attrs.iter().any(|a| a.oid == ID_SIGNATURE_TIME_STAMP)) {
        return Ok(cms_der.to_vec());
    }
    let token = timestamp(tsa, &Sha256::digest(signer.signature.as_bytes()))?;
    let mut values = SetOfVec::new();
    values.insert(Any::from_der(&token).map_err(sign_err)?).map_err(sign_err)?;
    let mut attrs = signer.unsigned_attrs.take().unwrap_or_default();
    attrs.insert(x509_cert::attr::Attribute { oid: ID_SIGNATURE_TIME_STAMP, values }).map_err(sign_err)?;
    signer.unsigned_attrs = Some(attrs);
    signed.signer_infos = SignerInfos(SetOfVec::try_from(signers).map_err(sign_err)?);
    let content = Any::encode_from(&signed).map_err(sign_err)?;
    ContentInfo { content_type: ID_SIGNED_DATA, content }.to_der().map_err(sign_err)
}

/// Bytes reserved for a CMS signature that carries a timestamp token (with the TSA's certificates).
pub const TIMESTAMPED_RESERVE: usize = 16_384;

/// hocba's own authority answering in process, for the crate's tests.
#[cfg(test)]
pub(crate) struct InProcess(pub crate::SigningIdentity);

#[cfg(test)]
impl TimestampAuthority for InProcess {
    fn respond(&self, request: &[u8]) -> Result<Vec<u8>, PdfError> {
        Ok(respond(request, &self.0, 7, chrono::Utc::now()))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::certs::TestCa;
    use crate::cms::{check_detached, sign_digest};

    #[test]
    fn a_token_signature_gets_a_timestamp_and_stays_valid() {
        let ca = TestCa::create("Trường thử").unwrap();
        let signer = ca.issue("Hoàng Thị Lan", "Trường thử", 30).unwrap();
        let tsa = InProcess(ca.issue_time_stamping("hocba TSA", 30).unwrap());
        let digest = Sha256::digest(b"the signed byte ranges");
        let plain = sign_digest(&digest, &signer).unwrap();
        assert!(check_detached(&plain, &digest).unwrap().timestamp.is_none());

        let stamped = add_timestamp(&plain, &tsa).unwrap();
        let checked = check_detached(&stamped, &digest).unwrap();
        assert!(checked.digest_matches && checked.signature_valid);
        assert!(checked.timestamp.is_some_and(|t| t.valid));
        assert_eq!(add_timestamp(&stamped, &tsa).unwrap(), stamped, "one timestamp is enough");
    }
}
