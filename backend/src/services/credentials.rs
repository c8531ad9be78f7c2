//! The học bạ as Open Badges 3.0 credentials: one VC-JWT per approved year (ES256, signed with the
//! school seal's key), and the school's published keys (a JWK set) to verify them.

use crate::auth::CurrentUser;
use crate::db::connection::AnyConnection;
use crate::error::AppError;
use crate::services::records;
use crate::services::signers::keystore::certificates_of;
use crate::services::signers::signer_for;
use crate::signing::{Signer, SigningSecret};
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine;
use chrono::Utc;
use hocba_core::api::documents::{SignedCredential, SignerRole};
use hocba_core::credentials::{year_credential, Issuer};
use serde_json::{json, Value};

/// The school's identifier in credentials: `<base>/api/schools/<id>`.
pub fn school_url(base: &str, school_id: &str) -> String {
    format!("{}/api/schools/{school_id}", base.trim_end_matches('/'))
}

fn pdf_err(e: hocba_pdf::PdfError) -> AppError {
    AppError::Internal(anyhow::anyhow!("credential: {e}"))
}

/// A key id: the first 16 hex digits of the certificate's SHA-256.
fn key_id(cert: &hocba_pdf::verify::Certificate) -> String {
    hocba_pdf::verify::certificate_fingerprint(cert).chars().take(16).collect()
}

/// One signed credential per approved year of a pupil the user may read.
pub fn for_pupil(
    conn: &mut AnyConnection,
    secret: &SigningSecret,
    user: &CurrentUser,
    pupil_id: &str,
    base: &str,
) -> Result<Vec<SignedCredential>, AppError> {
    let now = Utc::now();
    let t = records::transcript(conn, user, pupil_id, hocba_core::time::vietnam_today(now))?;
    let Signer::Software(seal) = signer_for(conn, secret, &t.school.id, SignerRole::Seal, None, now)? else {
        return Err(AppError::conflict("seal_on_token", hocba_core::domain_text!(CREDENTIAL_SEAL_ON_TOKEN)));
    };
    let cert = hocba_pdf::RawSigner::certificate(&seal);
    let issuer = Issuer { id: school_url(base, &t.school.id), name: t.school.name.clone() };
    let header = json!({ "alg": "ES256", "typ": "vc+jwt", "kid": format!("{}/jwks.json#{}", issuer.id, key_id(cert)) });
    let header = URL_SAFE_NO_PAD.encode(header.to_string());
    let issued = now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let mut out = Vec::with_capacity(t.years.len());
    for y in &t.years {
        let id = format!("urn:uuid:{}", uuid::Uuid::now_v7());
        let vc = year_credential(&t, y, &issuer, &id, &issued);
        let input = format!("{header}.{}", URL_SAFE_NO_PAD.encode(vc.to_string()));
        let signature = hocba_pdf::cms::es256(&seal, input.as_bytes()).map_err(pdf_err)?;
        out.push(SignedCredential {
            school_year: y.school_year.clone(),
            jwt: format!("{input}.{}", URL_SAFE_NO_PAD.encode(signature)),
        });
    }
    Ok(out)
}

/// The school seal's public key(s) as a JWK set (public: anyone verifies a credential with it).
pub fn jwks(conn: &mut AnyConnection, school_id: &str) -> Result<Value, AppError> {
    let (active, _) = certificates_of(conn, school_id, SignerRole::Seal, None)?;
    let mut keys = Vec::new();
    if let Some(row) = active {
        let cert = hocba_pdf::verify::certificate_from_pem(&row.cert_pem).map_err(pdf_err)?;
        if let Some((x, y)) = hocba_pdf::verify::keys::p256_coordinates(&cert) {
            let der = der_of(&row.cert_pem)?;
            keys.push(json!({
                "kty": "EC", "crv": "P-256", "alg": "ES256", "use": "sig",
                "kid": key_id(&cert),
                "x": URL_SAFE_NO_PAD.encode(x), "y": URL_SAFE_NO_PAD.encode(y),
                "x5c": [STANDARD.encode(der)],
            }));
        }
    }
    if keys.is_empty() {
        return Err(AppError::NotFound);
    }
    Ok(json!({ "keys": keys }))
}

/// The DER bytes of a PEM certificate.
fn der_of(pem: &str) -> Result<Vec<u8>, AppError> {
    let body: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
    STANDARD.decode(body.trim()).map_err(|e| AppError::Internal(anyhow::anyhow!("certificate PEM: {e}")))
}
