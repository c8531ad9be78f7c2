//! Public-key checks: a signature value against a certificate's key, a certificate against its
//! issuer, a certificate's validity period.

use chrono::{DateTime, Utc};
use der::asn1::Utf8StringRef;
use der::oid::ObjectIdentifier;
use der::Encode;
use p256::ecdsa::signature::Verifier;
use p256::ecdsa::{DerSignature, VerifyingKey};
use x509_cert::name::Name;
use x509_cert::Certificate;

use crate::cms::ECDSA_WITH_SHA256;

/// id-at-commonName.
const COMMON_NAME: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.4.3");

/// The first common name of `name` as text (UTF8String or PrintableString); empty when none.
pub(crate) fn common_name(name: &Name) -> String {
    name.iter()
        .filter(|atv| atv.oid == COMMON_NAME)
        .find_map(|atv| {
            Utf8StringRef::try_from(&atv.value)
                .map(|s| s.as_str().to_string())
                .ok()
                .or_else(|| der::asn1::PrintableStringRef::try_from(&atv.value).map(|s| s.as_str().to_string()).ok())
        })
        .unwrap_or_default()
}

/// Whether `signature` (with `algorithm`) over `message` verifies with `cert`'s public key.
pub(crate) fn verify_signature(
    cert: &Certificate,
    algorithm: ObjectIdentifier,
    message: &[u8],
    signature: &[u8],
) -> bool {
    if algorithm != ECDSA_WITH_SHA256 {
        return false;
    }
    let spki = cert.tbs_certificate().subject_public_key_info();
    let Some(point) = spki.subject_public_key.as_bytes() else { return false };
    let Ok(key) = VerifyingKey::from_sec1_bytes(point) else { return false };
    let Ok(signature) = DerSignature::try_from(signature) else { return false };
    key.verify(message, &signature).is_ok()
}

/// Whether `issuer`'s key signed `cert`.
pub(crate) fn issued_by(cert: &Certificate, issuer: &Certificate) -> bool {
    let Ok(tbs) = cert.tbs_certificate().to_der() else { return false };
    let Some(signature) = cert.signature().as_bytes() else { return false };
    verify_signature(issuer, cert.signature_algorithm().oid, &tbs, signature)
}

/// Whether `at` lies within the certificate's validity period.
pub(crate) fn valid_at(cert: &Certificate, at: DateTime<Utc>) -> bool {
    let validity = cert.tbs_certificate().validity();
    let not_before = validity.not_before.to_unix_duration().as_secs();
    let not_after = validity.not_after.to_unix_duration().as_secs();
    u64::try_from(at.timestamp()).is_ok_and(|t| t >= not_before && t <= not_after)
}

/// The P-256 public key of a certificate as (x, y) coordinates (for a JWK), if it has one.
pub fn p256_coordinates(cert: &Certificate) -> Option<(Vec<u8>, Vec<u8>)> {
    let point = cert.tbs_certificate().subject_public_key_info().subject_public_key.as_bytes()?;
    VerifyingKey::from_sec1_bytes(point).ok()?;
    match point {
        [0x04, rest @ ..] if rest.len() == 64 => Some((rest[..32].to_vec(), rest[32..].to_vec())),
        _ => None,
    }
}
