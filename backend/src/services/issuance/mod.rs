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

mod long_term;
pub mod renewal;
mod signatures;
pub mod store;
mod token;
mod verification;

pub use token::{pending_for, sign_pending};
pub use verification::{verify_bytes, verify_code, with_register};

use crate::auth::CurrentUser;
use crate::db::connection::AnyConnection;
use crate::db::models::new_id;
use crate::db::Db;
use crate::documents::Documents;
use crate::error::AppError;
use crate::services::admin::imported_years;
use crate::services::signers::keystore::staff_signers;
use crate::services::signers::revocation::school_crls;
use crate::services::signers::signer_for;
use crate::services::{audit, records};
use crate::signing::SigningSecret;
use chrono::{DateTime, Utc};
use hocba_core::api::documents::{DocumentKind, IssuedDocument, SignerRole};
use hocba_core::codes::{code_from_random, display_code};
use hocba_core::messages as msg;
use hocba_core::transcript::Transcript;
use hocba_core::transcript_xml::{document_xml, DocumentTag};
use hocba_pdf::{
    attach, yearly_record_name, AppearanceLine, Attachment, Relationship, Scope, Stamp, YearMarks, XML_NAME,
};
use sha2::{Digest, Sha256};
use store::IssuedRow;

/// What issuing needs besides the database.
pub struct Issuer<'a> {
    pub documents: &'a Documents,
    pub secret: &'a SigningSecret,
    /// The public verification page, e.g. `https://truong.example/verify` (codes are appended).
    pub verify_base: String,
}

fn pdf_err(e: hocba_pdf::PdfError) -> AppError {
    match e {
        hocba_pdf::PdfError::Timestamp(detail) => {
            tracing::warn!(%detail, "timestamp authority");
            AppError::conflict("timestamp_unavailable", hocba_core::domain_text!(TIMESTAMP_UNAVAILABLE))
        }
        e => AppError::Internal(anyhow::anyhow!("pdf: {e}")),
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

/// The visible lines of a signature.
fn appearance(role: SignerRole, holder: &str, at: DateTime<Utc>) -> Vec<AppearanceLine> {
    vec![
        AppearanceLine::bold(msg::SIGNED_DIGITALLY),
        AppearanceLine::regular(msg::signer_role_name(role)),
        AppearanceLine::bold(holder),
        AppearanceLine::regular(msg::signed_on(&hocba_core::time::format_vietnam_date_time(at))),
    ]
}

/// One document to issue: everything it is made from, read in one short read.
struct Plan {
    kind: DocumentKind,
    school_year: Option<String>,
    transcript: Transcript,
    signers: Vec<(SignerRole, Option<String>)>,
    attachments: Vec<Attachment>,
    /// A hand-over's year pages print the marks of each year's signed record.
    marks: Vec<YearMarks>,
    source_hash: String,
    previous: Option<IssuedRow>,
}

/// What the database says about a document to issue.
enum Step {
    /// The current document is made from the record as it is now: reuse it.
    Current(Box<IssuedRow>),
    /// A new document is needed.
    Issue(Box<Plan>),
    /// The hand-over needs this year's yearly record first.
    NeedsYear(String),
}

/// What one attempt at issuing ended with.
enum Ran {
    Done(Box<IssuedRow>),
    NeedsYear(String),
    /// The record changed between reading and writing: read again.
    Changed,
}

/// How many times issuing reads again when the record changed while it was signing.
const ATTEMPTS: usize = 6;

/// Steps of a hand-over at most: one per yearly record it needs issued first (a primary pupil has
/// five years, more with a repeated grade), plus [`ATTEMPTS`] re-reads; a bound, never a hang.
const HAND_OVER_STEPS: usize = ATTEMPTS + 12;

/// Issues (or reuses) the document `planner` describes without holding a write transaction while
/// rendering, signing and (with a TSA) calling the network:
///
/// 1. a read: the plan (transcript, source hash, current document) and the signers' keys;
/// 2. render and sign, with no connection held;
/// 3. a short write that plans again: the new document is inserted (superseding the previous one,
///    with its audit entry) only when the source hash and the previous document are unchanged.
///    When another request issued the same document meanwhile, that one is answered.
fn run_step(
    db: &Db,
    issuer: &Issuer<'_>,
    user: &CurrentUser,
    planner: &dyn Fn(&mut AnyConnection) -> Result<Step, AppError>,
) -> Result<Ran, AppError> {
    let now = Utc::now();
    let read = db.read(|c| {
        Ok::<_, AppError>(match planner(c)? {
            Step::Current(row) => Err(Ran::Done(row)),
            Step::NeedsYear(year) => Err(Ran::NeedsYear(year)),
            Step::Issue(plan) => {
                // Every signer is checked before anything is signed: a missing or expired
                // certificate stops here.
                let school_id = plan.transcript.school.id.clone();
                let mut resolved = Vec::with_capacity(plan.signers.len());
                for (role, user_id) in &plan.signers {
                    resolved.push((*role, signer_for(c, issuer.secret, &school_id, *role, user_id.as_deref(), now)?));
                }
                let crls = school_crls(c, issuer.secret, &school_id, now)?;
                Ok((plan, resolved, crls))
            }
        })
    })?;
    let (plan, resolved, crls) = match read {
        Ok(found) => found,
        Err(ran) => return Ok(ran),
    };
    let row = render_and_sign(issuer, user, &plan, &resolved, &crls, now)?;
    db.write(|c| match planner(c)? {
        Step::Issue(again)
            if again.source_hash == plan.source_hash
                && again.previous.as_ref().map(|p| &p.id) == plan.previous.as_ref().map(|p| &p.id) =>
        {
            commit(c, user, &row, plan.previous.as_ref())?;
            Ok(Ran::Done(Box::new(row)))
        }
        Step::Current(existing) => Ok(Ran::Done(existing)),
        Step::Issue(_) | Step::NeedsYear(_) => Ok(Ran::Changed),
    })
}

/// Renders, attaches and signs a planned document (no database).
fn render_and_sign(
    issuer: &Issuer<'_>,
    user: &CurrentUser,
    plan: &Plan,
    resolved: &[(SignerRole, crate::signing::Signer)],
    crls: &[Vec<u8>],
    now: DateTime<Utc>,
) -> Result<IssuedRow, AppError> {
    let code = new_code();
    let stamp = Stamp { code: display_code(&code), verify_url: format!("{}/{}", issuer.verify_base, code) };
    let scope = match plan.school_year.as_deref() {
        Some(year) => Scope::Year(year),
        None => Scope::HandOver,
    };
    let rendered = issuer
        .documents
        .renderer
        .render_with_marks(&plan.transcript, scope, &stamp, now, &plan.marks)
        .map_err(pdf_err)?;
    let xml = document_xml(&plan.transcript, Some(&DocumentTag { kind: plan.kind, code: code.clone() }));
    let mut files = vec![Attachment {
        name: XML_NAME.to_string(),
        mime: "application/xml".to_string(),
        description: "Học bạ (XML, lược đồ hoc-ba.xsd)".to_string(),
        relationship: Relationship::Data,
        data: xml.clone().into_bytes(),
        modified: now,
    }];
    files.extend(plan.attachments.iter().cloned());
    let pdf = attach(&rendered.pdf, &files).map_err(pdf_err)?;

    let ctx = signatures::Context {
        school_year: plan.school_year.as_deref(),
        commune: &plan.transcript.school.commune,
        boxes: &rendered.boxes,
        xml: &xml,
        at: now,
        tsa: issuer.documents.tsa.as_ref(),
        crls,
        cache: issuer.documents.renderer.cache(),
    };
    let signatures::Outcome { pdf, signed, pending, xml_signature } = signatures::sign_roles(pdf, resolved, &ctx)?;
    let now_naive = now.naive_utc();
    Ok(IssuedRow {
        id: new_id(),
        school_id: plan.transcript.school.id.clone(),
        pupil_id: plan.transcript.pupil.id.clone(),
        kind: plan.kind.code().to_string(),
        school_year: plan.school_year.clone(),
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
        source_hash: plan.source_hash.clone(),
        issued_by: Some(user.id.clone()),
        created_at: now_naive,
        issued_at: pending.is_none().then_some(now_naive),
        superseded_at: None,
        revoked_at: None,
        revoked_by: None,
        revoked_reason: None,
    })
}

/// The short write of issuing: supersede, insert, audit.
fn commit(
    conn: &mut AnyConnection,
    user: &CurrentUser,
    row: &IssuedRow,
    previous: Option<&IssuedRow>,
) -> Result<(), AppError> {
    if let Some(previous) = previous {
        store::supersede(conn, &previous.id, row.created_at)?;
    }
    store::insert(conn, row)?;
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
                "sha256": row.sha256, "status": row.status, "supersedes": previous.map(|p| &p.id),
            }),
        },
    )
}

/// A hash of what a document is made from (its content without the issue date).
fn source_hash(parts: &[serde_json::Value]) -> String {
    sha256_hex(serde_json::Value::Array(parts.to_vec()).to_string().as_bytes())
}

fn to_json(value: &impl serde::Serialize) -> Result<serde_json::Value, AppError> {
    serde_json::to_value(value).map_err(|e| AppError::Internal(anyhow::anyhow!("json: {e}")))
}

/// The year's yearly record: the current one when its record is unchanged, else the plan of a new one.
fn plan_yearly(conn: &mut AnyConnection, transcript: &Transcript, school_year: &str) -> Result<Step, AppError> {
    let year = transcript.years.iter().find(|y| y.school_year == school_year).ok_or_else(|| {
        if transcript.history.iter().any(|h| h.school_year == school_year) {
            AppError::conflict("year_not_approved", hocba_core::domain_text!(YEAR_NOT_APPROVED))
        } else {
            AppError::NotFound
        }
    })?;
    if year.source.is_some() {
        return Err(AppError::conflict("imported_year", hocba_core::domain_text!(IMPORTED_YEAR_READ_ONLY)));
    }
    let hash = source_hash(&[to_json(&transcript.school)?, to_json(&transcript.pupil)?, to_json(year)?]);
    let previous = store::current(conn, &transcript.pupil.id, DocumentKind::YearlyRecord, Some(school_year))?;
    if let Some(current) = previous.as_ref().filter(|c| c.source_hash == hash) {
        return Ok(Step::Current(Box::new(current.clone())));
    }
    let signers = records::year_signers(conn, &transcript.pupil.id)?
        .into_iter()
        .find(|s| s.school_year == school_year)
        .ok_or(AppError::NotFound)?;
    let teacher = signers
        .teacher_id
        .ok_or_else(|| AppError::conflict("no_homeroom_teacher", hocba_core::domain_text!(NO_HOMEROOM_TEACHER)))?;
    Ok(Step::Issue(Box::new(Plan {
        kind: DocumentKind::YearlyRecord,
        school_year: Some(school_year.to_string()),
        transcript: Transcript { years: vec![year.clone()], ..transcript.clone() },
        signers: vec![
            (SignerRole::Teacher, Some(teacher)),
            (SignerRole::Principal, signers.principal_id),
            (SignerRole::Seal, None),
        ],
        attachments: Vec::new(),
        marks: Vec::new(),
        source_hash: hash,
        previous,
    })))
}

/// The hand-over học bạ as of today: the current one, the plan of a new one, or the yearly record
/// it needs first.
fn plan_hand_over(conn: &mut AnyConnection, user: &CurrentUser, pupil_id: &str) -> Result<Step, AppError> {
    let transcript = records::transcript(conn, user, pupil_id, today())?;
    if transcript.years.is_empty() {
        return Err(AppError::conflict("no_approved_year", hocba_core::domain_text!(NO_APPROVED_YEAR)));
    }
    let mut yearly = Vec::with_capacity(transcript.years.len());
    for y in transcript.years.iter().filter(|y| y.source.is_none()) {
        let row = match plan_yearly(conn, &transcript, &y.school_year)? {
            Step::Current(row) => *row,
            Step::Issue(_) | Step::NeedsYear(_) => return Ok(Step::NeedsYear(y.school_year.clone())),
        };
        if !row.is_issued() {
            return Err(AppError::conflict("signature_pending", hocba_core::domain_text!(SIGNATURE_PENDING)));
        }
        yearly.push(row);
    }
    let mut parts = vec![to_json(&transcript.school)?, to_json(&transcript.pupil)?, to_json(&transcript.history)?];
    parts.extend(yearly.iter().map(|r| serde_json::Value::String(r.id.clone())));
    let (imported, imported_ids) = imported_years::attachments(conn, &transcript.pupil.id)?;
    parts.extend(imported_ids.into_iter().map(serde_json::Value::String));
    let hash = source_hash(&parts);
    let previous = store::current(conn, &transcript.pupil.id, DocumentKind::HandOver, None)?;
    if let Some(current) = previous.as_ref().filter(|c| c.source_hash == hash) {
        return Ok(Step::Current(Box::new(current.clone())));
    }
    let principal = if user.has(hocba_core::api::Role::Principal) {
        Some(user.id.clone())
    } else {
        staff_signers(conn, &transcript.school.id)?
            .into_iter()
            .find(|s| s.role == SignerRole::Principal)
            .map(|s| s.user_id)
    };
    let marks = yearly
        .iter()
        .map(|r| {
            let year = r.school_year.clone().unwrap_or_default();
            YearMarks::of_signed(&year, &display_code(&r.code), &r.pdf).map_err(pdf_err)
        })
        .collect::<Result<Vec<_>, _>>()?;
    let mut attachments: Vec<Attachment> = yearly
        .into_iter()
        .map(|r| {
            let year = r.school_year.clone().unwrap_or_default();
            Attachment {
                name: yearly_record_name(&year),
                mime: "application/pdf".to_string(),
                description: format!("Học bạ năm học {year} (đã kí số)"),
                relationship: Relationship::Source,
                modified: r.issued_at.map(|t| t.and_utc()).unwrap_or_else(Utc::now),
                data: r.pdf,
            }
        })
        .collect();
    attachments.extend(imported);
    Ok(Step::Issue(Box::new(Plan {
        kind: DocumentKind::HandOver,
        school_year: None,
        transcript,
        signers: vec![(SignerRole::Principal, principal), (SignerRole::Seal, None)],
        attachments,
        marks,
        source_hash: hash,
        previous,
    })))
}

fn today() -> chrono::NaiveDate {
    hocba_core::time::vietnam_today(Utc::now())
}

/// The yearly record of an approved school year of a pupil the user may read.
pub fn yearly_record(
    db: &Db,
    issuer: &Issuer<'_>,
    user: &CurrentUser,
    pupil_id: &str,
    school_year: &str,
) -> Result<IssuedRow, AppError> {
    let planner = |c: &mut AnyConnection| {
        let transcript = records::transcript(c, user, pupil_id, today())?;
        plan_yearly(c, &transcript, school_year)
    };
    for _ in 0..ATTEMPTS {
        match run_step(db, issuer, user, &planner)? {
            Ran::Done(row) => return Ok(*row),
            Ran::NeedsYear(_) | Ran::Changed => continue,
        }
    }
    Err(AppError::conflict("concurrent_write", crate::messages::CONCURRENT_WRITE))
}

/// The hand-over học bạ as of today: every approved year, each as an attached signed yearly record
/// (issued first when missing or out of date).
pub fn hand_over(db: &Db, issuer: &Issuer<'_>, user: &CurrentUser, pupil_id: &str) -> Result<IssuedRow, AppError> {
    let planner = |c: &mut AnyConnection| plan_hand_over(c, user, pupil_id);
    for _ in 0..HAND_OVER_STEPS {
        match run_step(db, issuer, user, &planner)? {
            Ran::Done(row) => return Ok(*row),
            Ran::NeedsYear(year) => {
                yearly_record(db, issuer, user, pupil_id, &year)?;
            }
            Ran::Changed => continue,
        }
    }
    Err(AppError::conflict("concurrent_write", crate::messages::CONCURRENT_WRITE))
}

/// Logs the delivery of a document to the requesting user.
pub fn delivered(conn: &mut AnyConnection, doc: &IssuedRow, user: &CurrentUser) -> Result<(), AppError> {
    let recipient = format!("{} ({})", user.id, user.role.code());
    store::deliver(conn, doc, Some(&user.id), &recipient, Utc::now().naive_utc())
}

fn rfc3339(t: chrono::NaiveDateTime) -> String {
    t.and_utc().to_rfc3339()
}

/// The documents issued for a pupil whose whole record the user may read, newest first.
pub fn list(conn: &mut AnyConnection, user: &CurrentUser, pupil_id: &str) -> Result<Vec<IssuedDocument>, AppError> {
    let pupil = crate::services::access::readable_whole_record(conn, user, pupil_id)?;
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
pub fn revoke(conn: &mut AnyConnection, user: &CurrentUser, document_id: &str, reason: &str) -> Result<(), AppError> {
    if !user.has(hocba_core::api::Role::Principal) {
        return Err(AppError::Forbidden);
    }
    let reason = hocba_core::text::clean(reason);
    if reason.is_empty() {
        return Err(AppError::validation("reason", hocba_core::domain_text!(REVOKE_REASON_REQUIRED)));
    }
    if reason.chars().count() > 500 {
        return Err(AppError::validation("reason", hocba_core::domain_text!(NOTE_TOO_LONG)));
    }
    let doc = store::by_id(conn, document_id)?.filter(|d| d.school_id == user.school_id).ok_or(AppError::NotFound)?;
    if doc.revoked_at.is_some() {
        return Err(AppError::conflict("already_revoked", hocba_core::domain_text!(ALREADY_REVOKED)));
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
