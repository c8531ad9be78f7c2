//! School administration: profile, years and classes, staff, pupils, parents, transfers,
//! rollover and spreadsheets. Every function here expects a school manager (admin or
//! principal); [`require_manager`] is the one gate the routes call.

pub mod classes;
pub mod guardians;
pub mod imported_years;
pub mod pupils;
pub mod rollover;
pub mod school;
pub mod spreadsheets;
pub mod staff;
pub mod transfers;
pub mod years;

use crate::auth::CurrentUser;
use crate::db::connection::AnyConnection;
use crate::error::AppError;
use crate::services::audit;
use chrono::NaiveDate;

/// Only the admin and the principal manage the school.
pub fn require_manager(user: &CurrentUser) -> Result<(), AppError> {
    if user.is_school_manager() {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// Today in Việt Nam (UTC+7).
pub fn today() -> NaiveDate {
    hocba_core::time::vietnam_today(chrono::Utc::now())
}

/// Appends an administration event to the audit log.
pub fn log(
    conn: &mut AnyConnection,
    user: &CurrentUser,
    action: &str,
    entity: &str,
    entity_id: &str,
    detail: serde_json::Value,
) -> Result<(), AppError> {
    audit::append(
        conn,
        audit::Event { school_id: &user.school_id, actor_id: Some(&user.id), action, entity, entity_id, detail },
    )
}

/// A one-line text field that must not be empty, cleaned (NFC, trimmed, no control characters,
/// one space between words) and at most `max` characters.
pub fn required_text(field: &str, value: &str, max: usize, message: hocba_core::Bilingual) -> Result<String, AppError> {
    let v = hocba_core::text::clean_line(value);
    if v.is_empty() {
        return Err(AppError::validation(field, message));
    }
    if v.chars().count() > max {
        return Err(AppError::validation(field, crate::messages::too_long(max)));
    }
    Ok(v)
}

/// An optional one-line text field, cleaned like [`required_text`], at most `max` characters.
pub fn optional_text(field: &str, value: Option<&str>, max: usize) -> Result<Option<String>, AppError> {
    let v = hocba_core::text::clean_line_opt(value);
    if v.as_ref().is_some_and(|s| s.chars().count() > max) {
        return Err(AppError::validation(field, crate::messages::too_long(max)));
    }
    Ok(v)
}
