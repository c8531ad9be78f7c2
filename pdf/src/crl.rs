//! Certificate revocation lists (RFC 5280 §5) issued by a [`TestCa`]: the school's own CA publishes
//! one (`GET /api/schools/{id}/crl`) and embeds it in each document's DSS, so a receiver can check
//! years later that no signer's certificate had been revoked when it signed.

use crate::asn1_time::{to_asn1, to_utc};
use crate::certs::TestCa;
use crate::cms::{sign_err, ECDSA_WITH_SHA256};
use crate::PdfError;
use chrono::{DateTime, Utc};
use der::asn1::BitString;
use der::referenced::OwnedToRef;
use der::{Decode, Encode};
use p256::ecdsa::signature::Signer;
use p256::ecdsa::DerSignature;
use spki::AlgorithmIdentifierOwned;
use x509_cert::certificate::Version;
use x509_cert::crl::{CertificateList, RevokedCert, TbsCertList};
use x509_cert::ext::pkix::{AuthorityKeyIdentifier, CrlNumber, SubjectKeyIdentifier};
use x509_cert::ext::{Extension, ToExtension};
use x509_cert::serial_number::SerialNumber;
use x509_cert::time::Time;
use x509_cert::Certificate;

/// One revoked certificate: its serial (upper-case hex, as [`crate::CertificateInfo::serial`]) and
/// when it was revoked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RevokedSerial {
    pub serial_hex: String,
    pub revoked_at: DateTime<Utc>,
}

fn crl_err(e: impl std::fmt::Display) -> PdfError {
    PdfError::Certificate(format!("building the CRL: {e}"))
}

fn time(at: DateTime<Utc>) -> Result<Time, PdfError> {
    to_asn1(at).ok_or_else(|| crl_err(format!("time {at}")))
}

fn serial(hex: &str) -> Result<SerialNumber, PdfError> {
    let bytes: Vec<u8> = (0..hex.len())
        .step_by(2)
        .map(|i| hex.get(i..i + 2).and_then(|pair| u8::from_str_radix(pair, 16).ok()))
        .collect::<Option<_>>()
        .ok_or_else(|| crl_err(format!("serial {hex}")))?;
    SerialNumber::new(&bytes).map_err(crl_err)
}

impl TestCa {
    /// A DER CRL of this CA listing `revoked`, valid from `this_update` until `next_update`, with
    /// CRL number `number` (increasing with each CRL issued) and the CA's key identifier.
    pub fn crl(
        &self,
        revoked: &[RevokedSerial],
        number: u64,
        this_update: DateTime<Utc>,
        next_update: DateTime<Utc>,
    ) -> Result<Vec<u8>, PdfError> {
        let algorithm = AlgorithmIdentifierOwned { oid: ECDSA_WITH_SHA256, parameters: None };
        let entries = revoked
            .iter()
            .map(|r| {
                Ok(RevokedCert {
                    serial_number: serial(&r.serial_hex)?,
                    revocation_date: time(r.revoked_at)?,
                    crl_entry_extensions: None,
                })
            })
            .collect::<Result<Vec<_>, PdfError>>()?;
        let issuer = self.cert.tbs_certificate().subject().clone();
        let ski = SubjectKeyIdentifier::try_from(self.cert.tbs_certificate().subject_public_key_info().owned_to_ref())
            .map_err(crl_err)?;
        let mut extensions: Vec<Extension> = Vec::new();
        let aki = AuthorityKeyIdentifier { key_identifier: Some(ski.0), ..Default::default() };
        extensions.push(aki.to_extension(&issuer, &extensions).map_err(crl_err)?);
        extensions
            .push(CrlNumber::try_from(number).map_err(crl_err)?.to_extension(&issuer, &extensions).map_err(crl_err)?);
        let tbs = TbsCertList {
            version: Version::V2,
            signature: algorithm.clone(),
            issuer,
            this_update: time(this_update)?,
            next_update: Some(time(next_update)?),
            revoked_certificates: (!entries.is_empty()).then_some(entries),
            crl_extensions: Some(extensions),
        };
        let signature: DerSignature = self.key.try_sign(&tbs.to_der().map_err(crl_err)?).map_err(sign_err)?;
        let crl = CertificateList {
            tbs_cert_list: tbs,
            signature_algorithm: algorithm,
            signature: BitString::from_bytes(signature.as_bytes()).map_err(crl_err)?,
        };
        crl.to_der().map_err(crl_err)
    }
}

/// What a DER CRL says, once its issuer's signature is checked.
#[derive(Debug, Clone)]
pub struct CrlInfo {
    /// The issuer's certificate verified the CRL's signature.
    pub signed_by_issuer: bool,
    pub this_update: DateTime<Utc>,
    pub next_update: Option<DateTime<Utc>>,
    /// The revoked serials (upper-case hex).
    pub revoked: Vec<RevokedSerial>,
}

fn utc(t: Time) -> DateTime<Utc> {
    to_utc(t).unwrap_or_default()
}

/// The issuer named by a DER CRL, and when the next one is due (unchecked: what to match it with).
pub fn crl_issuer(der: &[u8]) -> Option<(x509_cert::name::Name, Option<DateTime<Utc>>)> {
    let crl: CertificateList = CertificateList::from_der(der).ok()?;
    Some((crl.tbs_cert_list.issuer, crl.tbs_cert_list.next_update.map(utc)))
}

/// Reads a DER CRL and checks it against its issuer's certificate.
pub fn read_crl(der: &[u8], issuer: &Certificate) -> Result<CrlInfo, PdfError> {
    let crl: CertificateList = CertificateList::from_der(der).map_err(|e| PdfError::Parse(format!("CRL: {e}")))?;
    let tbs = &crl.tbs_cert_list;
    let signed = tbs.to_der().map_err(crl_err)?;
    let signed_by_issuer = tbs.issuer == *issuer.tbs_certificate().subject()
        && crate::verify::keys::verify_signature(
            issuer,
            crl.signature_algorithm.oid,
            &signed,
            crl.signature.raw_bytes(),
        );
    let revoked = tbs
        .revoked_certificates
        .iter()
        .flatten()
        .map(|r| RevokedSerial {
            serial_hex: r.serial_number.as_bytes().iter().map(|b| format!("{b:02X}")).collect(),
            revoked_at: utc(r.revocation_date),
        })
        .collect();
    Ok(CrlInfo { signed_by_issuer, this_update: utc(tbs.this_update), next_update: tbs.next_update.map(utc), revoked })
}

#[cfg(test)]
mod tests {
    use super::*;
    use der::DecodePem;

    #[test]
    fn a_crl_lists_the_revoked_serials_and_verifies_with_its_issuer() {
        let ca = TestCa::create("Trường Tiểu học Pha Long").expect("ca");
        let issued = ca.issue("Lù Văn Páo", "Trường Tiểu học Pha Long", 30).expect("signer");
        let serial_hex = crate::CertificateInfo::from_pem(&issued.signer_certificate_pem()).expect("info").serial;
        let now = Utc::now();
        let revoked = [RevokedSerial { serial_hex: serial_hex.clone(), revoked_at: now - chrono::Duration::hours(2) }];
        let der = ca.crl(&revoked, 7, now, now + chrono::Duration::days(7)).expect("crl");
        let ca_cert = Certificate::from_pem(ca.certificate_pem()).expect("ca cert");
        let info = read_crl(&der, &ca_cert).expect("read");
        assert!(info.signed_by_issuer);
        assert_eq!(info.revoked.len(), 1);
        assert_eq!(info.revoked[0].serial_hex, serial_hex);
        assert_eq!(info.revoked[0].revoked_at.timestamp(), revoked[0].revoked_at.timestamp());
        assert_eq!(info.next_update.map(|t| t.timestamp()), Some((now + chrono::Duration::days(7)).timestamp()));

        let empty = ca.crl(&[], 8, now, now + chrono::Duration::days(7)).expect("empty crl");
        assert!(read_crl(&empty, &ca_cert).expect("read").revoked.is_empty());
        let other = TestCa::create("Trường khác").expect("other");
        let other_cert = Certificate::from_pem(other.certificate_pem()).expect("other cert");
        assert!(!read_crl(&der, &other_cert).expect("read").signed_by_issuer, "another CA's key");
        let mut tampered = der.clone();
        let at = tampered.len() / 2;
        tampered[at] ^= 1;
        assert!(read_crl(&tampered, &ca_cert).map(|i| !i.signed_by_issuer).unwrap_or(true));
    }
}
