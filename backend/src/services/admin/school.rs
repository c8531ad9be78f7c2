//! The school profile and its logo.

use super::{log, optional_text, required_text};
use crate::auth::CurrentUser;
use crate::db::connection::AnyConnection;
use crate::db::schema::schools;
use crate::error::AppError;
use crate::messages;
use diesel::prelude::*;
use hocba_core::api::admin::SchoolProfile;

/// Largest accepted logo.
pub const MAX_LOGO_BYTES: usize = 512 * 1024;

pub fn profile(conn: &mut AnyConnection, school_id: &str) -> Result<SchoolProfile, AppError> {
    let (name, code, commune, district, province, principal_name, mime): (
        String,
        String,
        String,
        String,
        String,
        String,
        Option<String>,
    ) = schools::table
        .find(school_id)
        .select((
            schools::name,
            schools::code,
            schools::commune,
            schools::district,
            schools::province,
            schools::principal_name,
            schools::logo_mime,
        ))
        .first(conn)?;
    Ok(SchoolProfile { name, code, commune, district, province, principal_name, has_logo: mime.is_some() })
}

pub fn update(conn: &mut AnyConnection, user: &CurrentUser, input: SchoolProfile) -> Result<SchoolProfile, AppError> {
    crate::validation::limits(&input)?;
    let name = required_text("name", &input.name, 200, messages::SCHOOL_NAME_REQUIRED)?;
    let code = required_text("code", &input.code, 20, messages::SCHOOL_CODE_REQUIRED)?;
    let commune = required_text("commune", &input.commune, 200, messages::COMMUNE_REQUIRED)?;
    let district = optional_text("district", Some(&input.district), 200)?.unwrap_or_default();
    let province = required_text("province", &input.province, 200, messages::PROVINCE_REQUIRED)?;
    let principal_name = required_text("principal_name", &input.principal_name, 100, messages::PRINCIPAL_REQUIRED)?;
    let before = profile(conn, &user.school_id)?;
    diesel::update(schools::table.find(&user.school_id))
        .set((
            schools::name.eq(&name),
            schools::code.eq(&code),
            schools::commune.eq(&commune),
            schools::district.eq(&district),
            schools::province.eq(&province),
            schools::principal_name.eq(&principal_name),
        ))
        .execute(conn)?;
    let after = profile(conn, &user.school_id)?;
    log(
        conn,
        user,
        "school.update",
        "school",
        &user.school_id,
        serde_json::json!({ "before": before, "after": after }),
    )?;
    Ok(after)
}

/// The image type of a logo, from its first bytes: PNG or JPEG only.
pub fn logo_mime(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else {
        None
    }
}

pub fn set_logo(conn: &mut AnyConnection, user: &CurrentUser, bytes: &[u8]) -> Result<SchoolProfile, AppError> {
    let mime = logo_mime(bytes)
        .filter(|_| bytes.len() <= MAX_LOGO_BYTES)
        .ok_or_else(|| AppError::validation("logo", messages::LOGO_FORMAT))?;
    diesel::update(schools::table.find(&user.school_id))
        .set((schools::logo.eq(bytes), schools::logo_mime.eq(mime)))
        .execute(conn)?;
    log(
        conn,
        user,
        "school.logo",
        "school",
        &user.school_id,
        serde_json::json!({ "bytes": bytes.len(), "type": mime }),
    )?;
    profile(conn, &user.school_id)
}

pub fn logo(conn: &mut AnyConnection, school_id: &str) -> Result<Option<(String, Vec<u8>)>, AppError> {
    let row: (Option<String>, Option<Vec<u8>>) =
        schools::table.find(school_id).select((schools::logo_mime, schools::logo)).first(conn)?;
    Ok(match row {
        (Some(mime), Some(bytes)) => Some((mime, bytes)),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_png_and_jpeg() {
        assert_eq!(logo_mime(b"\x89PNG\r\n\x1a\nrest"), Some("image/png"));
        assert_eq!(logo_mime(&[0xFF, 0xD8, 0xFF, 0xE0]), Some("image/jpeg"));
        assert_eq!(logo_mime(b"<svg"), None);
        assert_eq!(logo_mime(b""), None);
    }
}
