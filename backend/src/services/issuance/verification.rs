//! Verifying a document for anyone (no login): an uploaded PDF, or the code printed on a page.
//! The signatures are checked against every CA the server's schools trust; the school's register
//! then adds what only it knows: whether the document was revoked.

use super::store;
use crate::db::connection::AnyConnection;
use crate::db::schema::{signer_certificates, signing_cas};
use crate::error::AppError;
use diesel::prelude::*;
use hocba_core::api::documents::{SignatureCheck, Verdict, VerifyReport};
use hocba_core::codes::{display_code, normalize_code};
use hocba_core::messages as msg;
use hocba_pdf::verify::{verify_document, Trust};

/// Every CA certificate the server's schools trust, and `timestamp_roots` for timestamps only
/// (the CA of the server's own test timestamp authority).
fn trust(conn: &mut AnyConnection, timestamp_roots: &[String]) -> Result<Trust, AppError> {
    let pems: Vec<String> = signing_cas::table.select(signing_cas::cert_pem).load(conn)?;
    Trust::from_pem(&pems)
        .and_then(|t| t.with_timestamp_roots(timestamp_roots))
        .map_err(|e| AppError::Internal(anyhow::anyhow!("trusted CAs: {e}")))
}

/// Marks the signatures made with a certificate the school has since revoked. One revoked before
/// it signed makes the signature untrusted; one revoked later is only reported (the timestamp
/// proves the signature came first).
fn revoked_signers(conn: &mut AnyConnection, signatures: &mut [SignatureCheck]) -> Result<Option<String>, AppError> {
    let mut problem = None;
    for s in signatures.iter_mut() {
        let Some(serial) = s.certificate_serial.as_deref() else { continue };
        let revoked: Option<Option<chrono::NaiveDateTime>> = signer_certificates::table
            .filter(signer_certificates::serial.eq(serial))
            .filter(signer_certificates::revoked_at.is_not_null())
            .select(signer_certificates::revoked_at)
            .first(conn)
            .optional()?;
        let Some(Some(at)) = revoked else { continue };
        let at = at.and_utc();
        s.certificate_revoked_at = Some(at.to_rfc3339());
        let signed = s.signed_at.as_deref().and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok());
        if signed.is_none_or(|t| t >= at) {
            s.trusted = false;
            s.problem = Some(msg::VERIFY_SIGNER_REVOKED.to_string());
            problem.get_or_insert_with(|| msg::VERIFY_SIGNER_REVOKED.to_string());
        }
    }
    Ok(problem)
}

/// Adds the register's knowledge to a report on the signatures: whether the document was revoked
/// or replaced (with the newer code), whether a yearly record it carries was revoked (then the
/// hand-over is no longer authentic either), and which signers' certificates were revoked since.
pub fn with_register(conn: &mut AnyConnection, mut report: VerifyReport) -> Result<VerifyReport, AppError> {
    if let Some(problem) = revoked_signers(conn, &mut report.signatures)? {
        if report.verdict == Verdict::Authentic {
            report.verdict = Verdict::UnknownSigner;
            report.problem = Some(problem);
        }
    }
    for attachment in &mut report.attachments {
        if let Some(problem) = revoked_signers(conn, &mut attachment.signatures)? {
            if attachment.verdict == Verdict::Authentic {
                attachment.verdict = Verdict::UnknownSigner;
                attachment.problem = Some(problem);
            }
            if report.verdict == Verdict::Authentic {
                report.verdict = Verdict::UnknownSigner;
                report.problem = Some(msg::VERIFY_ATTACHMENT_INVALID.to_string());
            }
        }
    }
    for attachment in &mut report.attachments {
        let Some(code) = attachment.code.as_deref().and_then(normalize_code) else { continue };
        let Some(row) = store::standing(conn, &code)? else { continue };
        if row.revoked_at.is_some() {
            attachment.verdict = Verdict::Revoked;
            attachment.problem = Some(msg::verdict_text(Verdict::Revoked).to_string());
            if report.verdict == Verdict::Authentic {
                report.verdict = Verdict::Revoked;
                report.problem = Some(msg::VERIFY_ATTACHMENT_REVOKED.to_string());
            }
        }
        attachment.code = Some(display_code(&code));
    }
    let Some(code) = report.code.as_deref().and_then(normalize_code) else { return Ok(report) };
    if let Some(row) = store::standing(conn, &code)? {
        if let Some(at) = row.superseded_at {
            report.superseded_at = Some(at.and_utc().to_rfc3339());
            report.superseded_by = store::successor_code(conn, &row)?.map(|c| display_code(&c));
        }
        if let Some(at) = row.revoked_at {
            report.verdict = Verdict::Revoked;
            report.revoked_at = Some(at.and_utc().to_rfc3339());
            report.revoked_reason = row.revoked_reason.clone();
            report.problem = Some(msg::verdict_text(Verdict::Revoked).to_string());
        }
    }
    report.code = Some(display_code(&code));
    Ok(report)
}

/// Verifies an uploaded PDF.
pub fn verify_bytes(
    conn: &mut AnyConnection,
    pdf: &[u8],
    timestamp_roots: &[String],
) -> Result<VerifyReport, AppError> {
    let trust = trust(conn, timestamp_roots)?;
    let report = verify_document(pdf, &trust);
    with_register(conn, report)
}

/// Verifies the document with this printed code (as stored by the school).
pub fn verify_code(
    conn: &mut AnyConnection,
    typed: &str,
    timestamp_roots: &[String],
) -> Result<VerifyReport, AppError> {
    let Some(code) = normalize_code(typed) else {
        return Err(AppError::validation("code", hocba_core::domain_text!(VERIFY_CODE_INVALID)));
    };
    let Some(row) = store::by_code(conn, &code)? else {
        return Ok(VerifyReport::only(Verdict::NotFound, Some(msg::verdict_text(Verdict::NotFound).to_string())));
    };
    if !row.is_issued() {
        return Ok(VerifyReport::only(Verdict::NotSigned, Some(msg::SIGNATURE_PENDING.to_string())));
    }
    verify_bytes(conn, &row.pdf, timestamp_roots)
}
