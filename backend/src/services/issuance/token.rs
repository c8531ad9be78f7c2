//! Documents waiting for a signature on a USB token: what `hocba sign` fetches
//! (`GET /api/signing/pending`) and the signature it uploads (`POST /api/signing/pending/{id}`),
//! which is checked, embedded, and followed by the remaining signers (e.g. the seal).

use super::signatures::{self, Context, Outcome};
use super::store::{self, IssuedRow};
use super::{listed, pdf_err, sha256_hex};
use crate::auth::CurrentUser;
use crate::db::connection::AnyConnection;
use crate::db::schema::{pupils, schools};
use crate::db::Db;
use crate::error::AppError;
use crate::messages as m;
use crate::services::signers::signer_for;
use crate::services::{audit, records};
use crate::signing::tsa::Timestamper;
use crate::signing::{Signer, SigningSecret};
use base64::Engine;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use hocba_core::api::documents::{DocumentKind, IssuedDocument, PendingSignature, SignerRole};
use hocba_core::api::Role;
use hocba_pdf::{signing_roles, PdfError, Prepared};

/// The person who signs `role` on `row` (`None` for the seal): the homeroom teacher and the
/// principal who approved the year of a yearly record; a principal for the hand-over.
fn role_user(
    conn: &mut AnyConnection,
    row: &IssuedRow,
    role: SignerRole,
    user: &CurrentUser,
) -> Result<Option<String>, AppError> {
    Ok(match (role, row.kind()) {
        (SignerRole::Seal, _) => None,
        (_, DocumentKind::YearlyRecord) => {
            let year = records::year_signers(conn, &row.pupil_id)?
                .into_iter()
                .find(|s| row.school_year.as_deref() == Some(s.school_year.as_str()));
            year.and_then(|y| if role == SignerRole::Teacher { y.teacher_id } else { y.principal_id })
        }
        (_, DocumentKind::HandOver) => user.has(Role::Principal).then(|| user.id.clone()),
    })
}

/// The user's active certificate for `role` when its key is on a token: (certificate, chain) PEM.
fn token_certificate(
    conn: &mut AnyConnection,
    secret: &SigningSecret,
    user: &CurrentUser,
    role: SignerRole,
    at: DateTime<Utc>,
) -> Result<Option<(String, String)>, AppError> {
    Ok(match signer_for(conn, secret, &user.school_id, role, Some(&user.id), at)? {
        Signer::Token { cert_pem, chain_pem, .. } => Some((cert_pem, chain_pem)),
        Signer::Software(_) => None,
    })
}

/// The role `row` waits for, when it is current and pending.
fn pending_role(row: &IssuedRow) -> Option<SignerRole> {
    if row.superseded_at.is_some() || row.revoked_at.is_some() || row.status != store::PENDING {
        return None;
    }
    row.pending_role.as_deref().and_then(SignerRole::parse)
}

fn prepared(row: &IssuedRow) -> Result<Prepared, AppError> {
    let contents_at = row
        .contents_at
        .and_then(|at| usize::try_from(at).ok())
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("pending document {} has no placeholder", row.id)))?;
    Ok(Prepared { pdf: row.pdf.clone(), contents_at })
}

fn pupil_name(conn: &mut AnyConnection, pupil_id: &str) -> Result<String, AppError> {
    Ok(pupils::table.find(pupil_id).select(pupils::full_name).first(conn)?)
}

/// `GET /api/signing/pending`: the documents waiting for the user's signature on their token.
pub fn pending_for(
    conn: &mut AnyConnection,
    secret: &SigningSecret,
    user: &CurrentUser,
) -> Result<Vec<PendingSignature>, AppError> {
    let now = Utc::now();
    let mut out = Vec::new();
    let mut certificates: Vec<(SignerRole, Option<(String, String)>)> = Vec::new();
    for row in store::pending_of_school(conn, &user.school_id)? {
        let Some(role) = pending_role(&row) else { continue };
        if role == SignerRole::Seal || role_user(conn, &row, role, user)?.as_deref() != Some(user.id.as_str()) {
            continue;
        }
        let known = certificates.iter().find(|(r, _)| *r == role).map(|(_, c)| c.clone());
        let certificate = match known {
            Some(c) => c,
            None => {
                let c = token_certificate(conn, secret, user, role, now)?;
                certificates.push((role, c.clone()));
                c
            }
        };
        let Some((certificate_pem, chain_pem)) = certificate else { continue };
        out.push(PendingSignature {
            id: row.id.clone(),
            kind: row.kind(),
            pupil_id: row.pupil_id.clone(),
            pupil_name: pupil_name(conn, &row.pupil_id)?,
            school_year: row.school_year.clone(),
            role,
            digest: hex::encode(prepared(&row)?.digest().map_err(pdf_err)?),
            certificate_pem,
            chain_pem,
        });
    }
    Ok(out)
}

/// The DER of the first certificate of a PEM text.
fn pem_der(pem: &str) -> Result<Vec<u8>, AppError> {
    let (_, der) = der::pem::decode_vec(pem.trim().as_bytes())
        .map_err(|e| AppError::Internal(anyhow::anyhow!("stored certificate: {e}")))?;
    Ok(der)
}

/// Checks the uploaded CMS against the prepared digest and the registered certificate.
fn check_upload(cms: &[u8], digest: &[u8], registered_pem: &str) -> Result<(), AppError> {
    use der::Encode;
    let invalid = |message: hocba_core::Bilingual| AppError::validation("cms", message);
    // One DER element, nothing after it: exactly what gets embedded.
    der::asn1::AnyRef::try_from(cms).map_err(|_| invalid(m::CMS_UNREADABLE))?;
    let checked = hocba_pdf::cms::check_detached(cms, digest).map_err(|_| invalid(m::CMS_UNREADABLE))?;
    if !checked.digest_matches {
        return Err(invalid(m::CMS_WRONG_DIGEST));
    }
    let signer = checked.signer.to_der().map_err(|_| invalid(m::CMS_UNREADABLE))?;
    if signer != pem_der(registered_pem)? {
        return Err(invalid(m::CMS_WRONG_CERTIFICATE));
    }
    if !checked.signature_valid {
        return Err(invalid(m::CMS_BAD_SIGNATURE));
    }
    Ok(())
}

/// What embedding a token signature needs from the database, read before any signing.
struct PendingWork {
    row: IssuedRow,
    role: SignerRole,
    cert_pem: String,
    remaining: Vec<(SignerRole, crate::signing::Signer)>,
    commune: String,
    crls: Vec<Vec<u8>>,
}

fn pending_work(
    conn: &mut AnyConnection,
    secret: &SigningSecret,
    user: &CurrentUser,
    document_id: &str,
    now: chrono::DateTime<Utc>,
) -> Result<PendingWork, AppError> {
    let row = store::by_id(conn, document_id)?.filter(|d| d.school_id == user.school_id).ok_or(AppError::NotFound)?;
    // Someone who signs none of this document's signatures learns nothing of it, not even that
    // it exists: 404 as for an unknown id.
    let mut signs_it = false;
    for r in signing_roles(row.kind()).iter().copied().filter(|r| *r != SignerRole::Seal) {
        signs_it |= role_user(conn, &row, r, user)?.as_deref() == Some(user.id.as_str());
    }
    if !signs_it {
        return Err(AppError::NotFound);
    }
    let role = pending_role(&row).ok_or_else(|| AppError::conflict("not_pending", m::NOT_PENDING))?;
    if role == SignerRole::Seal || role_user(conn, &row, role, user)?.as_deref() != Some(user.id.as_str()) {
        return Err(AppError::conflict("not_your_signature", m::NOT_YOUR_SIGNATURE));
    }
    let (cert_pem, _) = token_certificate(conn, secret, user, role, now)?
        .ok_or_else(|| AppError::conflict("not_on_token", m::NO_TOKEN_CERTIFICATE))?;
    // The roles after this one, checked before anything is signed.
    let roles = signing_roles(row.kind());
    let mut remaining = Vec::new();
    for next in roles.iter().copied().skip_while(|r| *r != role).skip(1) {
        let person = role_user(conn, &row, next, user)?;
        remaining.push((next, signer_for(conn, secret, &row.school_id, next, person.as_deref(), now)?));
    }
    let commune: String = schools::table.find(&row.school_id).select(schools::commune).first(conn)?;
    let crls = crate::services::signers::revocation::school_crls(conn, secret, &row.school_id, now)?;
    Ok(PendingWork { row, role, cert_pem, remaining, commune, crls })
}

/// `POST /api/signing/pending/{document_id}`: embeds the user's token signature (a detached CMS,
/// base64) in their pending document, then signs the remaining roles in order (timestamped by
/// `tsa` when one is configured); answers the document's new state. Like issuing, it reads, signs
/// with no connection held (the TSA is called then), and ends with a short write that keeps the
/// result only if the document is still where it was (else 409 `not_pending`).
pub fn sign_pending(
    db: &Db,
    secret: &SigningSecret,
    tsa: Option<&Timestamper>,
    cache: &hocba_pdf::PdfCache,
    user: &CurrentUser,
    document_id: &str,
    cms_base64: &str,
) -> Result<IssuedDocument, AppError> {
    let now = Utc::now();
    let PendingWork { row, role, cert_pem, remaining, commune, crls } =
        db.read(|c| pending_work(c, secret, user, document_id, now))?;
    let cms = base64::engine::general_purpose::STANDARD
        .decode(cms_base64.trim())
        .map_err(|_| AppError::validation("cms", m::CMS_NOT_BASE64))?;
    let prepared = prepared(&row)?;
    check_upload(&cms, &prepared.digest().map_err(pdf_err)?, &cert_pem)?;
    // The token knows no timestamp authority: the server adds the timestamp over its signature value.
    let cms = match tsa {
        Some(tsa) => hocba_pdf::tsa::add_timestamp(&cms, tsa).map_err(pdf_err)?,
        None => cms,
    };
    let pdf = prepared.embed(&cms).map_err(|e| match e {
        PdfError::SignatureTooLarge { .. } => AppError::validation("cms", m::CMS_TOO_LARGE),
        other => pdf_err(other),
    })?;

    let boxes = signatures::parse_boxes(&row.signature_boxes)?;
    let ctx = Context {
        school_year: row.school_year.as_deref(),
        commune: &commune,
        boxes: &boxes,
        xml: &row.xml,
        at: now,
        tsa,
        crls: &crls,
        cache,
    };
    let Outcome { pdf, signed, pending, xml_signature } = signatures::sign_roles(pdf, &remaining, &ctx)?;

    let mut done = row.signed_roles();
    done.push(role);
    done.extend(signed);
    let now_naive = now.naive_utc();
    let previous_contents_at = row.contents_at.unwrap_or_default();
    let next = IssuedRow {
        status: if pending.is_some() { store::PENDING } else { store::ISSUED }.to_string(),
        pending_role: pending.map(|(r, _)| r.code().to_string()),
        contents_at: pending.map(|(_, at)| at),
        signed_roles: done.iter().map(|r| r.code()).collect::<Vec<_>>().join(","),
        sha256: sha256_hex(&pdf),
        pdf,
        xml_signature: xml_signature.or(row.xml_signature.clone()),
        issued_at: pending.is_none().then_some(now_naive),
        ..row
    };
    db.write(|conn| {
        if !store::advance(conn, &next, previous_contents_at)? {
            return Err(AppError::conflict("not_pending", m::NOT_PENDING));
        }
        audit::append(
            conn,
            audit::Event {
                school_id: &next.school_id,
                actor_id: Some(&user.id),
                action: "document.sign_token",
                entity: "issued_document",
                entity_id: &next.id,
                detail: serde_json::json!({
                    "role": role.code(), "code": next.code, "sha256": next.sha256, "status": next.status,
                    "pending_role": next.pending_role,
                }),
            },
        )?;
        let name = pupil_name(conn, &next.pupil_id)?;
        Ok(listed(&next, &name))
    })
}
