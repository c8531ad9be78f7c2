//! The `issued_documents` and `document_deliveries` rows.

use crate::db::connection::AnyConnection;
use crate::db::models::new_id;
pub use crate::db::models::{IssuedRow, ISSUED, PENDING};
use crate::db::schema::{document_deliveries, issued_documents};
use crate::error::AppError;
use chrono::NaiveDateTime;
use diesel::prelude::*;
use hocba_core::api::documents::DocumentKind;

/// The name of a document's pupil as part of a download's file name (`giang-thi-my`).
pub fn pupil_file_stem(conn: &mut AnyConnection, doc: &IssuedRow) -> Result<String, AppError> {
    let name: String = crate::db::schema::pupils::table
        .find(&doc.pupil_id)
        .select(crate::db::schema::pupils::full_name)
        .first(conn)?;
    Ok(hocba_core::text::file_stem(&name))
}

/// The current (not superseded, not revoked) document of a pupil, kind and year.
pub fn current(
    conn: &mut AnyConnection,
    pupil_id: &str,
    kind: DocumentKind,
    school_year: Option<&str>,
) -> Result<Option<IssuedRow>, AppError> {
    let mut q = issued_documents::table
        .filter(issued_documents::pupil_id.eq(pupil_id))
        .filter(issued_documents::kind.eq(kind.code()))
        .filter(issued_documents::superseded_at.is_null())
        .filter(issued_documents::revoked_at.is_null())
        .into_boxed();
    q = match school_year {
        Some(y) => q.filter(issued_documents::school_year.eq(y.to_string())),
        None => q.filter(issued_documents::school_year.is_null()),
    };
    Ok(q.select(IssuedRow::as_select()).first(conn).optional()?)
}

pub fn by_code(conn: &mut AnyConnection, code: &str) -> Result<Option<IssuedRow>, AppError> {
    Ok(issued_documents::table
        .filter(issued_documents::code.eq(code))
        .select(IssuedRow::as_select())
        .first(conn)
        .optional()?)
}

/// Where a document stands in the register, without its bytes.
#[derive(Debug, Clone, Queryable)]
pub struct Standing {
    pub revoked_at: Option<NaiveDateTime>,
    pub revoked_reason: Option<String>,
    pub superseded_at: Option<NaiveDateTime>,
    pub pupil_id: String,
    pub kind: String,
    pub school_year: Option<String>,
}

/// The register's standing of the document with this code (revoked, superseded), if it has one.
pub fn standing(conn: &mut AnyConnection, code: &str) -> Result<Option<Standing>, AppError> {
    Ok(issued_documents::table
        .filter(issued_documents::code.eq(code))
        .select((
            issued_documents::revoked_at,
            issued_documents::revoked_reason,
            issued_documents::superseded_at,
            issued_documents::pupil_id,
            issued_documents::kind,
            issued_documents::school_year,
        ))
        .first(conn)
        .optional()?)
}

/// The code of the document that replaced a superseded one: the newest of the same pupil, kind
/// and year.
pub fn successor_code(conn: &mut AnyConnection, of: &Standing) -> Result<Option<String>, AppError> {
    let mut q = issued_documents::table
        .filter(issued_documents::pupil_id.eq(&of.pupil_id))
        .filter(issued_documents::kind.eq(&of.kind))
        .filter(issued_documents::superseded_at.is_null())
        .into_boxed();
    q = match &of.school_year {
        Some(y) => q.filter(issued_documents::school_year.eq(y.clone())),
        None => q.filter(issued_documents::school_year.is_null()),
    };
    Ok(q.order(issued_documents::created_at.desc()).select(issued_documents::code).first(conn).optional()?)
}

pub fn by_id(conn: &mut AnyConnection, id: &str) -> Result<Option<IssuedRow>, AppError> {
    Ok(issued_documents::table.find(id).select(IssuedRow::as_select()).first(conn).optional()?)
}

/// Every document of a pupil, newest first.
pub fn of_pupil(conn: &mut AnyConnection, pupil_id: &str) -> Result<Vec<IssuedRow>, AppError> {
    Ok(issued_documents::table
        .filter(issued_documents::pupil_id.eq(pupil_id))
        .order(issued_documents::created_at.desc())
        .select(IssuedRow::as_select())
        .load(conn)?)
}

/// Marks the current document superseded (a new one replaces it).
pub fn supersede(conn: &mut AnyConnection, id: &str, at: NaiveDateTime) -> Result<(), AppError> {
    diesel::update(issued_documents::table.find(id)).set(issued_documents::superseded_at.eq(Some(at))).execute(conn)?;
    Ok(())
}

pub fn insert(conn: &mut AnyConnection, row: &IssuedRow) -> Result<(), AppError> {
    diesel::insert_into(issued_documents::table).values(row).execute(conn)?;
    Ok(())
}

pub fn revoke(conn: &mut AnyConnection, id: &str, by: &str, reason: &str, at: NaiveDateTime) -> Result<(), AppError> {
    diesel::update(issued_documents::table.find(id))
        .set((
            issued_documents::revoked_at.eq(Some(at)),
            issued_documents::revoked_by.eq(Some(by)),
            issued_documents::revoked_reason.eq(Some(reason)),
        ))
        .execute(conn)?;
    Ok(())
}

/// Logs that a document went to someone.
pub fn deliver(
    conn: &mut AnyConnection,
    doc: &IssuedRow,
    user_id: Option<&str>,
    recipient: &str,
    at: NaiveDateTime,
) -> Result<(), AppError> {
    diesel::insert_into(document_deliveries::table)
        .values((
            document_deliveries::id.eq(new_id()),
            document_deliveries::school_id.eq(&doc.school_id),
            document_deliveries::document_id.eq(&doc.id),
            document_deliveries::user_id.eq(user_id),
            document_deliveries::recipient.eq(recipient),
            document_deliveries::delivered_at.eq(at),
        ))
        .execute(conn)?;
    Ok(())
}

/// The school's documents waiting for a signature on a USB token (current ones only), oldest first.
pub fn pending_of_school(conn: &mut AnyConnection, school_id: &str) -> Result<Vec<IssuedRow>, AppError> {
    Ok(issued_documents::table
        .filter(issued_documents::school_id.eq(school_id))
        .filter(issued_documents::status.eq(PENDING))
        .filter(issued_documents::superseded_at.is_null())
        .filter(issued_documents::revoked_at.is_null())
        .order(issued_documents::created_at.asc())
        .select(IssuedRow::as_select())
        .load(conn)?)
}

/// Stores the next signing state of a pending document (a token's signature embedded and the roles
/// after it signed). Only when the row is still pending at `contents_at`: answers whether it was.
pub fn advance(conn: &mut AnyConnection, row: &IssuedRow, previous_contents_at: i64) -> Result<bool, AppError> {
    let n = diesel::update(
        issued_documents::table
            .find(&row.id)
            .filter(issued_documents::status.eq(PENDING))
            .filter(issued_documents::contents_at.eq(previous_contents_at)),
    )
    .set((
        issued_documents::pdf.eq(&row.pdf),
        issued_documents::sha256.eq(&row.sha256),
        issued_documents::status.eq(&row.status),
        issued_documents::pending_role.eq(&row.pending_role),
        issued_documents::contents_at.eq(row.contents_at),
        issued_documents::signed_roles.eq(&row.signed_roles),
        issued_documents::xml_signature.eq(&row.xml_signature),
        issued_documents::issued_at.eq(row.issued_at),
    ))
    .execute(conn)?;
    Ok(n == 1)
}
