//! Public-key checks: a signature value against a certificate's key, a certificate against its
//! issuer, a certificate's validity period.

use chrono::{DateTime, Utc};
use der::asn1::Utf8StringRef;
use der::oid::ObjectIdentifier;
use der::Encode;
use p256::ecdsa::VerifyingKey;
use x509_cert::name::Name;
use x509_cert::Certificate;

use crate::cms::{ECDSA_WITH_SHA256, RSA_WITH_SHA256};

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

/// rsaEncryption: a CMS signer's algorithm that leaves the digest to the digest algorithm (SHA-256
/// here, the only one the CMS check accepts).
const RSA_ENCRYPTION: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
const RSA_WITH_SHA384: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.12");
const RSA_WITH_SHA512: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.13");

/// Whether `signature` (with `algorithm`) over `message` verifies with `cert`'s public key: ECDSA
/// P-256 with SHA-256, or RSA PKCS#1 v1.5 with SHA-256/384/512 (the certificates of Vietnamese
/// public CAs and most USB tokens are RSA).
pub(crate) fn verify_signature(
    cert: &Certificate,
    algorithm: ObjectIdentifier,
    message: &[u8],
    signature: &[u8],
) -> bool {
    match algorithm {
        ECDSA_WITH_SHA256 => verify_p256(cert, message, signature),
        RSA_ENCRYPTION | RSA_WITH_SHA256 => verify_rsa::<rsa::sha2::Sha256>(cert, message, signature),
        RSA_WITH_SHA384 => verify_rsa::<rsa::sha2::Sha384>(cert, message, signature),
        RSA_WITH_SHA512 => verify_rsa::<rsa::sha2::Sha512>(cert, message, signature),
        _ => false,
    }
}

fn verify_rsa<D>(cert: &Certificate, message: &[u8], signature: &[u8]) -> bool
where
    D: rsa::sha2::Digest + rsa::pkcs8::AssociatedOid,
{
    use rsa::pkcs1::DecodeRsaPublicKey;
    use rsa::signature::Verifier as _;
    let spki = cert.tbs_certificate().subject_public_key_info();
    let Some(key_der) = spki.subject_public_key.as_bytes() else { return false };
    let Ok(key) = rsa::RsaPublicKey::from_pkcs1_der(key_der) else { return false };
    let Ok(signature) = rsa::pkcs1v15::Signature::try_from(signature) else { return false };
    rsa::pkcs1v15::VerifyingKey::<D>::new(key).verify(message, &signature).is_ok()
}

/// ECDSA P-256 with SHA-256, the signature DER-encoded. ring's assembly verifies several times
/// faster than the pure-Rust p256 crate, which counts when every timestamp token is checked as it
/// arrives and every signature when a document is verified.
fn verify_p256(cert: &Certificate, message: &[u8], signature: &[u8]) -> bool {
    let spki = cert.tbs_certificate().subject_public_key_info();
    let Some(point) = spki.subject_public_key.as_bytes() else { return false };
    let key = ring::signature::UnparsedPublicKey::new(&ring::signature::ECDSA_P256_SHA256_ASN1, point);
    key.verify(message, signature).is_ok()
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
