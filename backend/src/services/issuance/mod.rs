//! Issuing signed documents from approved records.
//!
//! - A **yearly record** is one approved school year: the year's pages with the year's XML attached,
//!   signed by the homeroom teacher, then the principal who approved the year, then sealed with the
//!   school's organisational certificate (three PAdES signatures, each an incremental update).
//! - The **hand-over học bạ** is the whole book (cover, identity, quá trình học tập, every approved
//!   year) with the full XML and every signed yearly record attached, signed by the principal and
//!   sealed.
//!
//! Documents are issued on first request and reused while the record they were made from is
//! unchanged (`source_hash`); a changed record (reopened and approved again) gets a new document
//! with a new verification code, and the old one is marked superseded. A signer whose key is on a
//! USB token leaves the document `pending` at their signature.

mod signatures;
pub mod store;
mod token;
mod verification;

pub use token::{pending_for, sign_pending};
pub use verification::{verify_bytes, verify_code};

use crate::auth::CurrentUser;
use crate::db::connection::AnyConnection;
use crate::db::models::new_id;
use crate::documents::Documents;
use crate::error::ApiError;
use crate::services::admin::imported_years;
use crate::services::{audit, records};
use crate::signing::keystore::staff_signers;
use crate::signing::{signer_for, SigningSecret};
use chrono::{DateTime, Utc};
use hocba_core::api::documents::{DocumentKind, IssuedDocument, SignerRole};
use hocba_core::codes::{code_from_random, display_code};
use hocba_core::messages as msg;
use hocba_core::transcript::Transcript;
use hocba_core::transcript_xml::{document_xml, DocumentTag};
use hocba_pdf::{attach, yearly_record_name, AppearanceLine, Attachment, Relationship, Scope, Stamp, XML_NAME};
use sha2::{Digest, Sha256};
use store::IssuedRow;

/// What issuing needs besides the database.
pub struct Issuer<'a> {
    pub documents: &'a Documents,
    pub secret: &'a SigningSecret,
    /// The public verification page, e.g. `https://truong.example/verify` (codes are appended).
    pub verify_base: String,
}

fn pdf_err(e: hocba_pdf::PdfError) -> ApiError {
    match e {
        hocba_pdf::PdfError::Timestamp(detail) => {
            tracing::warn!(%detail, "timestamp authority");
            ApiError::conflict("timestamp_unavailable", msg::TIMESTAMP_UNAVAILABLE)
        }
        e => ApiError::Internal(anyhow::anyhow!("pdf: {e}")),
    }
}

fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

fn new_code() -> String {
    let random = uuid::Uuid::new_v4();
    let mut bytes = [0u8; 8];
    bytes.copy_from_slice(&random.as_bytes()[8..16]);
    code_from_random(bytes)
}

/// "dd/mm/yyyy HH:MM" in Vietnam time.
fn vietnam_time(at: DateTime<Utc>) -> String {
    (at.naive_utc() + chrono::TimeDelta::hours(7)).format("%d/%m/%Y %H:%M").to_string()
}

/// The visible lines of a signature.
fn appearance(role: SignerRole, holder: &str, at: DateTime<Utc>) -> Vec<AppearanceLine> {
    vec![
        AppearanceLine::bold(msg::SIGNED_DIGITALLY),
        AppearanceLine::regular(msg::signer_role_name(role)),
        AppearanceLine::bold(holder),
        AppearanceLine::regular(msg::signed_on(&vietnam_time(at))),
    ]
}

/// One document to issue.
struct Request<'t> {
    kind: DocumentKind,
    school_year: Option<&'t str>,
    transcript: &'t Transcript,
    signers: Vec<(SignerRole, Option<String>)>,
    attachments: Vec<Attachment>,
    source_hash: String,
    previous: Option<IssuedRow>,
}

fn issue(
    conn: &mut AnyConnection,
    issuer: &Issuer<'_>,
    user: &CurrentUser,
    req: Request<'_>,
) -> Result<IssuedRow, ApiError> {
    let now = Utc::now();
    let school_id = req.transcript.school.id.clone();
    // Every signer is checked before anything is written: a missing or expired certificate stops here.
    let mut resolved = Vec::with_capacity(req.signers.len());
    for (role, user_id) in &req.signers {
        resolved.push((*role, signer_for(conn, issuer.secret, &school_id, *role, user_id.as_deref(), now)?));
    }
    let code = new_code();
    let stamp = Stamp { code: display_code(&code), verify_url: format!("{}/{}", issuer.verify_base, code) };
    let scope = match req.school_year {
        Some(year) => Scope::Year(year),
        None => Scope::HandOver,
    };
    let rendered = issuer.documents.renderer.render(req.transcript, scope, &stamp, now).map_err(pdf_err)?;
    let xml = document_xml(req.transcript, Some(&DocumentTag { kind: req.kind, code: code.clone() }));
    let mut files = vec![Attachment {
        name: XML_NAME.to_string(),
        mime: "application/xml".to_string(),
        description: "Học bạ (XML, lược đồ hoc-ba.xsd)".to_string(),
        relationship: Relationship::Data,
        data: xml.clone().into_bytes(),
        modified: now,
    }];
    files.extend(req.attachments);
    let pdf = attach(&rendered.pdf, &files).map_err(pdf_err)?;

    let ctx = signatures::Context {
        school_year: req.school_year,
        commune: &req.transcript.school.commune,
        boxes: &rendered.boxes,
        xml: &xml,
        at: now,
        tsa: issuer.documents.tsa.as_ref(),
    };
    let signatures::Outcome { pdf, signed, pending, xml_signature } = signatures::sign_roles(pdf, &resolved, &ctx)?;
    let now_naive = now.naive_utc();
    let row = IssuedRow {
        id: new_id(),
        school_id,
        pupil_id: req.transcript.pupil.id.clone(),
        kind: req.kind.code().to_string(),
        school_year: req.school_year.map(str::to_string),
        code,
        status: if pending.is_some() { store::PENDING } else { store::ISSUED }.to_string(),
        pending_role: pending.map(|(r, _)| r.code().to_string()),
        contents_at: pending.map(|(_, at)| at),
        signed_roles: signed.iter().map(|r| r.code()).collect::<Vec<_>>().join(","),
        signature_boxes: signatures::boxes_json(&rendered.boxes),
        sha256: sha256_hex(&pdf),
        pdf,
        xml,
        xml_signature,
        source_hash: req.source_hash,
        issued_by: Some(user.id.clone()),
        created_at: now_naive,
        issued_at: pending.is_none().then_some(now_naive),
        superseded_at: None,
        revoked_at: None,
        revoked_by: None,
        revoked_reason: None,
    };
    if let Some(previous) = &req.previous {
        store::supersede(conn, &previous.id, now_naive)?;
    }
    store::insert(conn, &row)?;
    audit::append(
        conn,
        audit::Event {
            school_id: &row.school_id,
            actor_id: Some(&user.id),
            action: "document.issue",
            entity: "issued_document",
            entity_id: &row.id,
            detail: serde_json::json!({
                "kind": row.kind, "pupil_id": row.pupil_id, "school_year": row.school_year, "code": row.code,
                "sha256": row.sha256, "status": row.status, "supersedes": req.previous.as_ref().map(|p| &p.id),
            }),
        },
    )?;
    Ok(row)
}

/// A hash of what a document is made from (its content without the issue date).
fn source_hash(parts: &[serde_json::Value]) -> String {
    sha256_hex(serde_json::Value::Array(parts.to_vec()).to_string().as_bytes())
}

fn to_json(value: &impl serde::Serialize) -> Result<serde_json::Value, ApiError> {
    serde_json::to_value(value).map_err(|e| ApiError::Internal(anyhow::anyhow!("json: {e}")))
}

/// The year's yearly record: the current one when its record is unchanged, else a new one.
fn yearly_for(
    conn: &mut AnyConnection,
    issuer: &Issuer<'_>,
    user: &CurrentUser,
    transcript: &Transcript,
    school_year: &str,
) -> Result<IssuedRow, ApiError> {
    let year = transcript.years.iter().find(|y| y.school_year == school_year).ok_or_else(|| {
        if transcript.history.iter().any(|h| h.school_year == school_year) {
            ApiError::conflict("year_not_approved", msg::YEAR_NOT_APPROVED)
        } else {
            ApiError::NotFound
        }
    })?;
    if year.source.is_some() {
        return Err(ApiError::conflict("imported_year", msg::IMPORTED_YEAR_READ_ONLY));
    }
    let year_transcript = Transcript { years: vec![year.clone()], ..transcript.clone() };
    let hash = source_hash(&[to_json(&transcript.school)?, to_json(&transcript.pupil)?, to_json(year)?]);
    let previous = store::current(conn, &transcript.pupil.id, DocumentKind::YearlyRecord, Some(school_year))?;
    if let Some(current) = &previous {
        if current.source_hash == hash {
            return Ok(current.clone());
        }
    }
    let signers = records::year_signers(conn, &transcript.pupil.id)?
        .into_iter()
        .find(|s| s.school_year == school_year)
        .ok_or(ApiError::NotFound)?;
    let teacher =
        signers.teacher_id.ok_or_else(|| ApiError::conflict("no_homeroom_teacher", msg::NO_HOMEROOM_TEACHER))?;
    issue(
        conn,
        issuer,
        user,
        Request {
            kind: DocumentKind::YearlyRecord,
            school_year: Some(school_year),
            transcript: &year_transcript,
            signers: vec![
                (SignerRole::Teacher, Some(teacher)),
                (SignerRole::Principal, signers.principal_id),
                (SignerRole::Seal, None),
            ],
            attachments: Vec::new(),
            source_hash: hash,
            previous,
        },
    )
}

fn today() -> chrono::NaiveDate {
    Utc::now().date_naive()
}

/// The yearly record of an approved school year of a pupil the user may read.
pub fn yearly_record(
    conn: &mut AnyConnection,
    issuer: &Issuer<'_>,
    user: &CurrentUser,
    pupil_id: &str,
    school_year: &str,
) -> Result<IssuedRow, ApiError> {
    let transcript = records::transcript(conn, user, pupil_id, today())?;
    yearly_for(conn, issuer, user, &transcript, school_year)
}

/// The hand-over học bạ as of today: every approved year, each as an attached signed yearly record.
pub fn hand_over(
    conn: &mut AnyConnection,
    issuer: &Issuer<'_>,
    user: &CurrentUser,
    pupil_id: &str,
) -> Result<IssuedRow, ApiError> {
    let transcript = records::transcript(conn, user, pupil_id, today())?;
    if transcript.years.is_empty() {
        return Err(ApiError::conflict("no_approved_year", msg::NO_APPROVED_YEAR));
    }
    let mut yearly = Vec::with_capacity(transcript.years.len());
    for y in transcript.years.iter().filter(|y| y.source.is_none()) {
        let row = yearly_for(conn, issuer, user, &transcript, &y.school_year)?;
        if !row.is_issued() {
            return Err(ApiError::conflict("signature_pending", msg::SIGNATURE_PENDING));
        }
        yearly.push(row);
    }
    let mut parts = vec![to_json(&transcript.school)?, to_json(&transcript.pupil)?, to_json(&transcript.history)?];
    parts.extend(yearly.iter().map(|r| serde_json::Value::String(r.id.clone())));
    let (imported, imported_ids) = imported_years::attachments(conn, &transcript.pupil.id)?;
    parts.extend(imported_ids.into_iter().map(serde_json::Value::String));
    let hash = source_hash(&parts);
    let previous = store::current(conn, &transcript.pupil.id, DocumentKind::HandOver, None)?;
    if let Some(current) = &previous {
        if current.source_hash == hash {
            return Ok(current.clone());
        }
    }
    let principal = if user.has(hocba_core::api::Role::Principal) {
        Some(user.id.clone())
    } else {
        staff_signers(conn, &transcript.school.id)?
            .into_iter()
            .find(|s| s.role == SignerRole::Principal)
            .map(|s| s.user_id)
    };
    let mut attachments: Vec<Attachment> = yearly
        .iter()
        .map(|r| Attachment {
            name: yearly_record_name(r.school_year.as_deref().unwrap_or_default()),
            mime: "application/pdf".to_string(),
            description: format!("Học bạ năm học {} (đã ký số)", r.school_year.as_deref().unwrap_or_default()),
            relationship: Relationship::Source,
            data: r.pdf.clone(),
            modified: r.issued_at.map(|t| t.and_utc()).unwrap_or_else(Utc::now),
        })
        .collect();
    attachments.extend(imported);
    issue(
        conn,
        issuer,
        user,
        Request {
            kind: DocumentKind::HandOver,
            school_year: None,
            transcript: &transcript,
            signers: vec![(SignerRole::Principal, principal), (SignerRole::Seal, None)],
            attachments,
            source_hash: hash,
            previous,
        },
    )
}

/// Logs the delivery of a document to the requesting user.
pub fn delivered(conn: &mut AnyConnection, doc: &IssuedRow, user: &CurrentUser) -> Result<(), ApiError> {
    let recipient = format!("{} ({})", user.id, user.role.code());
    store::deliver(conn, doc, Some(&user.id), &recipient, Utc::now().naive_utc())
}

fn rfc3339(t: chrono::NaiveDateTime) -> String {
    t.and_utc().to_rfc3339()
}

/// The documents issued for a pupil the user may read, newest first.
pub fn list(conn: &mut AnyConnection, user: &CurrentUser, pupil_id: &str) -> Result<Vec<IssuedDocument>, ApiError> {
    let pupil = crate::services::access::readable_pupil(conn, user, pupil_id)?;
    Ok(store::of_pupil(conn, &pupil.id)?.iter().map(|r| listed(r, &pupil.full_name)).collect())
}

/// A document as listed (and as `POST /api/signing/pending/{id}` answers it).
pub fn listed(r: &IssuedRow, pupil_name: &str) -> IssuedDocument {
    let kind = r.kind();
    let signed_by = r.signed_roles();
    let pending = hocba_pdf::signing_roles(kind).iter().copied().filter(|role| !signed_by.contains(role)).collect();
    IssuedDocument {
        id: r.id.clone(),
        code: display_code(&r.code),
        kind,
        pupil_id: r.pupil_id.clone(),
        pupil_name: pupil_name.to_string(),
        school_year: r.school_year.clone(),
        issued_at: rfc3339(r.issued_at.unwrap_or(r.created_at)),
        issued_by: r.issued_by.clone(),
        signed_by,
        pending,
        revoked_at: r.revoked_at.map(rfc3339),
        revoked_reason: r.revoked_reason.clone(),
    }
}

/// Revokes an issued document (principal of its school; a reason is required).
pub fn revoke(conn: &mut AnyConnection, user: &CurrentUser, document_id: &str, reason: &str) -> Result<(), ApiError> {
    if !user.has(hocba_core::api::Role::Principal) {
        return Err(ApiError::Forbidden);
    }
    let reason = hocba_core::text::clean(reason);
    if reason.is_empty() {
        return Err(ApiError::validation("reason", msg::REVOKE_REASON_REQUIRED));
    }
    if reason.chars().count() > 500 {
        return Err(ApiError::validation("reason", msg::NOTE_TOO_LONG));
    }
    let doc = store::by_id(conn, document_id)?.filter(|d| d.school_id == user.school_id).ok_or(ApiError::NotFound)?;
    if doc.revoked_at.is_some() {
        return Err(ApiError::conflict("already_revoked", msg::ALREADY_REVOKED));
    }
    store::revoke(conn, &doc.id, &user.id, &reason, Utc::now().naive_utc())?;
    audit::append(
        conn,
        audit::Event {
            school_id: &doc.school_id,
            actor_id: Some(&user.id),
            action: "document.revoke",
            entity: "issued_document",
            entity_id: &doc.id,
            detail: serde_json::json!({ "code": doc.code, "reason": reason }),
        },
    )
}
