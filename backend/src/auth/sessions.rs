//! Sessions ended by logout. A token names its session (`sid`); logging out lists it in
//! `revoked_sessions` until the token would have expired anyway, and every request checks the
//! list, so a copied cookie or token stops working at once. Other devices' sessions go on.

use crate::db::connection::AnyConnection;
use crate::db::schema::revoked_sessions;
use crate::error::AppError;
use chrono::{DateTime, Utc};
use diesel::prelude::*;

/// Whether the session `sid` was ended (a token without a session id never is).
pub fn is_revoked(conn: &mut AnyConnection, sid: &str) -> Result<bool, AppError> {
    if sid.is_empty() {
        return Ok(false);
    }
    let n: i64 = revoked_sessions::table.filter(revoked_sessions::sid.eq(sid)).count().get_result(conn)?;
    Ok(n > 0)
}

/// Ends the session `sid` of `user_id`, whose token expires at `expires_at`; forgets sessions
/// whose tokens have expired since.
pub fn revoke(conn: &mut AnyConnection, sid: &str, user_id: &str, expires_at: DateTime<Utc>) -> Result<(), AppError> {
    let now = Utc::now().naive_utc();
    diesel::delete(revoked_sessions::table.filter(revoked_sessions::expires_at.lt(now))).execute(conn)?;
    if sid.is_empty() || is_revoked(conn, sid)? {
        return Ok(());
    }
    diesel::insert_into(revoked_sessions::table)
        .values((
            revoked_sessions::sid.eq(sid),
            revoked_sessions::user_id.eq(user_id),
            revoked_sessions::expires_at.eq(expires_at.naive_utc()),
        ))
        .execute(conn)?;
    Ok(())
}
