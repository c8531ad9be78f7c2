//! Keeping the long-term proof of issued documents alive (`hocba documents refresh-ltv`): a
//! document whose last document timestamp was made under an authority certificate that expires
//! soon (or that has none, issued before long-term validation) gets fresh validation data and a
//! new document timestamp, appended as incremental updates. The database allows an issued
//! document's bytes only to grow this way (a trigger), so earlier signatures and earlier copies
//! stay valid.

use super::{long_term, pdf_err, sha256_hex, store};
use crate::db::schema::issued_documents;
use crate::db::Db;
use crate::documents::Documents;
use crate::error::AppError;
use crate::services::audit;
use crate::signing::SigningSecret;
use chrono::{DateTime, Duration, Utc};
use diesel::prelude::*;

/// What a renewal run did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Renewed {
    /// Current documents looked at.
    pub checked: usize,
    /// Documents that got a fresh document timestamp.
    pub renewed: usize,
}

/// Whether a document's proof must be renewed before `deadline`: it has no document timestamp, or
/// the authority of its last one stops being valid before then.
fn needs_renewal(pdf: &[u8], deadline: DateTime<Utc>) -> Result<bool, AppError> {
    let expiry = hocba_pdf::ltv::archive_expiry(pdf).map_err(pdf_err)?;
    Ok(expiry.is_none_or(|expires| expires <= deadline))
}

/// Renews every current issued document whose proof expires within `within` (needs a timestamp
/// authority). Each document is read, extended with no connection held, and written only if
/// unchanged meanwhile; the trigger checks that the new bytes extend the old ones.
pub fn refresh(
    db: &Db,
    documents: &Documents,
    secret: &SigningSecret,
    within: Duration,
    mut progress: impl FnMut(&Renewed),
) -> Result<Renewed, AppError> {
    let tsa = documents
        .tsa
        .as_ref()
        .ok_or_else(|| AppError::conflict("no_timestamp_authority", crate::messages::TSA_REQUIRED))?;
    let ids: Vec<String> = db.read(|c| {
        Ok::<_, AppError>(
            issued_documents::table
                .filter(issued_documents::status.eq(store::ISSUED))
                .filter(issued_documents::superseded_at.is_null())
                .filter(issued_documents::revoked_at.is_null())
                .order(issued_documents::created_at.asc())
                .select(issued_documents::id)
                .load(c)?,
        )
    })?;
    let mut done = Renewed::default();
    let deadline = Utc::now() + within;
    for id in ids {
        done.checked += 1;
        let now = Utc::now();
        let found = db.read(|c| {
            let Some(row) = store::by_id(c, &id)? else { return Ok(None) };
            let crls = crate::services::signers::revocation::school_crls(c, secret, &row.school_id, now)?;
            Ok::<_, AppError>(Some((row, crls)))
        })?;
        let Some((row, crls)) = found else { continue };
        if !needs_renewal(&row.pdf, deadline)? {
            progress(&done);
            continue;
        }
        let pdf = long_term::finish(row.pdf.clone(), &crls, Some(tsa), documents.renderer.cache())?;
        let sha256 = sha256_hex(&pdf);
        db.write(|c| {
            let n = diesel::update(
                issued_documents::table.find(&row.id).filter(issued_documents::sha256.eq(&row.sha256)),
            )
            .set((issued_documents::pdf.eq(&pdf), issued_documents::sha256.eq(&sha256)))
            .execute(c)?;
            if n == 1 {
                audit::append(
                    c,
                    audit::Event {
                        school_id: &row.school_id,
                        actor_id: None,
                        action: "document.refresh_ltv",
                        entity: "issued_document",
                        entity_id: &row.id,
                        detail: serde_json::json!({ "code": row.code, "previous_sha256": row.sha256, "sha256": sha256 }),
                    },
                )?;
            }
            Ok::<_, AppError>(())
        })?;
        done.renewed += 1;
        progress(&done);
    }
    Ok(done)
}
