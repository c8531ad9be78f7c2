//! The revocation lists of the CAs a school runs itself (the test CA of `hocba keys init`, whose key
//! is stored encrypted): every certificate it issued that was revoked, with the revocation time.
//! Published at `GET /api/schools/{id}/crl` and embedded in each issued document's DSS, so a
//! receiver can tell years later that no signer's certificate had been revoked when it signed.
//! A CA the school does not run (a public CA) publishes its own.

use crate::db::connection::AnyConnection;
use crate::db::schema::{signer_certificates, signing_cas};
use crate::signing::{SigningError, SigningSecret};
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use hocba_pdf::{CertificateInfo, RevokedSerial, TestCa};

/// How long a CRL is current (its nextUpdate); a new one is made on every request.
pub const CRL_DAYS: i64 = 7;

/// The current CRL (DER) of each CA the school runs, oldest CA first; empty when it runs none.
pub fn school_crls(
    conn: &mut AnyConnection,
    secret: &SigningSecret,
    school_id: &str,
    now: DateTime<Utc>,
) -> Result<Vec<Vec<u8>>, SigningError> {
    let cas: Vec<(String, String, Option<String>)> = signing_cas::table
        .filter(signing_cas::school_id.eq(school_id))
        .filter(signing_cas::key_enc.is_not_null())
        .order(signing_cas::created_at.asc())
        .select((signing_cas::name, signing_cas::cert_pem, signing_cas::key_enc))
        .load(conn)?;
    if cas.is_empty() {
        return Ok(Vec::new());
    }
    let revoked: Vec<(String, String, Option<chrono::NaiveDateTime>)> = signer_certificates::table
        .filter(signer_certificates::school_id.eq(school_id))
        .filter(signer_certificates::revoked_at.is_not_null())
        .select((signer_certificates::serial, signer_certificates::chain_pem, signer_certificates::revoked_at))
        .load(conn)?;
    // Increases with every CRL made (one per second at most is all a CRL number needs here).
    let number = u64::try_from(now.timestamp()).unwrap_or(1);
    let mut out = Vec::with_capacity(cas.len());
    for (name, cert_pem, key_enc) in cas {
        let damaged = |e: hocba_pdf::PdfError| SigningError::Damaged(format!("{name}: {e}"));
        let key = secret.decrypt(school_id, key_enc.as_deref().unwrap_or_default())?;
        let ca = TestCa::from_parts(&cert_pem, &key).map_err(damaged)?;
        let ca_info = CertificateInfo::from_pem(&cert_pem).map_err(damaged)?;
        let listed: Vec<RevokedSerial> = revoked
            .iter()
            .filter(|(_, chain, _)| {
                CertificateInfo::all_from_pem(chain).is_ok_and(|c| c.first().is_some_and(|i| i.pem == ca_info.pem))
            })
            .filter_map(|(serial, _, at)| {
                at.map(|at| RevokedSerial { serial_hex: serial.clone(), revoked_at: at.and_utc() })
            })
            .collect();
        out.push(ca.crl(&listed, number, now, now + chrono::Duration::days(CRL_DAYS)).map_err(damaged)?);
    }
    Ok(out)
}
