//! The CAs a school trusts besides its own: the CA of a school its pupils transfer from, or a
//! public CA. Documents signed under them verify as authentic here, and their yearly records can
//! be imported for transferred-in pupils. Only the certificate is kept; the principal compares its
//! fingerprint with what the other school reads out before adding it.

use super::keystore::SigningCa;
use crate::db::connection::AnyConnection;
use crate::db::models::{new_id, now};
use crate::db::schema::signing_cas;
use crate::error::AppError;
use crate::services::audit;
use crate::signing::SigningError;
use diesel::prelude::*;
use hocba_core::api::documents::TrustedCa;
use hocba_pdf::verify::{certificate_fingerprint, certificate_from_pem};
use hocba_pdf::CertificateInfo;

fn fingerprint(pem: &str) -> String {
    certificate_from_pem(pem).map(|c| certificate_fingerprint(&c)).unwrap_or_default()
}

fn view(ca: SigningCa, own: &[String]) -> TrustedCa {
    TrustedCa {
        fingerprint: fingerprint(&ca.cert_pem),
        own: own.contains(&ca.cert_pem),
        id: ca.id,
        name: ca.name,
        is_test: ca.is_test,
        added_at: ca.created_at.and_utc().to_rfc3339(),
    }
}

/// Every CA the school trusts, oldest first.
pub fn list(conn: &mut AnyConnection, school_id: &str) -> Result<Vec<TrustedCa>, SigningError> {
    let rows: Vec<SigningCa> = signing_cas::table
        .filter(signing_cas::school_id.eq(school_id))
        .order(signing_cas::created_at.asc())
        .select(SigningCa::as_select())
        .load(conn)?;
    let own = own_roots(conn, school_id)?;
    Ok(rows.into_iter().map(|ca| view(ca, &own)).collect())
}

/// Trusts a CA certificate (PEM) and records it in the audit log (`actor_id`: the user, or
/// `None` from the console); a certificate that is not a CA is refused naming `pem`.
pub fn trust(
    conn: &mut AnyConnection,
    school_id: &str,
    actor_id: Option<&str>,
    pem_text: &str,
) -> Result<TrustedCa, AppError> {
    let ca = add(conn, school_id, pem_text).map_err(|e| match e {
        SigningError::Refused(message) => AppError::validation("pem", message),
        other => other.into(),
    })?;
    audit::append(
        conn,
        audit::Event {
            school_id,
            actor_id,
            action: "signing.trust_ca",
            entity: "signing_ca",
            entity_id: &ca.id,
            detail: serde_json::json!({ "name": ca.name, "fingerprint": ca.fingerprint }),
        },
    )?;
    Ok(ca)
}

/// Trusts a CA certificate (PEM); adding one already trusted answers the stored one.
fn add(conn: &mut AnyConnection, school_id: &str, pem_text: &str) -> Result<TrustedCa, SigningError> {
    let info = CertificateInfo::from_pem(pem_text.trim())
        .map_err(|_| SigningError::Refused(hocba_core::domain_text!(TRUST_CA_INVALID)))?;
    if !info.is_ca {
        return Err(SigningError::Refused(hocba_core::domain_text!(TRUST_CA_NOT_CA)));
    }
    let existing: Option<SigningCa> = signing_cas::table
        .filter(signing_cas::school_id.eq(school_id))
        .filter(signing_cas::cert_pem.eq(&info.pem))
        .select(SigningCa::as_select())
        .first(conn)
        .optional()?;
    let own = own_roots(conn, school_id)?;
    if let Some(ca) = existing {
        return Ok(view(ca, &own));
    }
    let ca = SigningCa {
        id: new_id(),
        school_id: school_id.to_string(),
        name: info.holder.clone(),
        cert_pem: info.pem.clone(),
        key_enc: None,
        is_test: info.holder.contains("TEST"),
        created_at: now(),
    };
    diesel::insert_into(signing_cas::table).values(&ca).execute(conn)?;
    Ok(view(ca, &own))
}

/// The root certificates (PEM) of the school's own active signers: what a receiving school adds
/// to its trusted CAs to accept this school's documents.
pub fn own_roots(conn: &mut AnyConnection, school_id: &str) -> Result<Vec<String>, SigningError> {
    use crate::db::schema::signer_certificates;
    let chains: Vec<String> = signer_certificates::table
        .filter(signer_certificates::school_id.eq(school_id))
        .filter(signer_certificates::revoked_at.is_null())
        .select(signer_certificates::chain_pem)
        .load(conn)?;
    let mut roots: Vec<String> = Vec::new();
    for chain in chains {
        let Ok(certs) = CertificateInfo::all_from_pem(&chain) else { continue };
        if let Some(root) = certs.last() {
            if !roots.contains(&root.pem) {
                roots.push(root.pem.clone());
            }
        }
    }
    Ok(roots)
}

/// Every CA certificate stored in the database (each school's own and the trusted ones), PEM:
/// what `hocba verify --data DIR` checks a document against.
pub fn all_pems(conn: &mut AnyConnection) -> Result<Vec<String>, SigningError> {
    Ok(signing_cas::table.select(signing_cas::cert_pem).load(conn)?)
}
