//! Writes replayed from a client's offline queue are applied once. The client names each write
//! with an `Idempotency-Key`; the first time the key is seen the write runs and its answer is
//! kept with a hash of the request (method, path, body), and a replay of the same request with
//! the key (the answer was lost on a weak connection) gets the kept answer without writing again.
//! The key used again for any other request is refused (422 naming `Idempotency-Key`): it never
//! gets another request's answer, and nothing is written. Also where a write came from, for the
//! audit trail.

use crate::auth::CurrentUser;
use crate::db::connection::AnyConnection;
use crate::db::models::{new_id, now, ClientOp};
use crate::db::schema::client_ops;
use crate::error::AppError;
use crate::messages;
use diesel::prelude::*;
use serde::de::DeserializeOwned;
use serde::Serialize;

/// Where a write came from, as the client's headers tell.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Origin {
    /// `Idempotency-Key`: the queued write's own id.
    pub op_key: Option<String>,
    /// `X-Hocba-Device`: the browser's id, kept in its local storage.
    pub device: Option<String>,
    /// `X-Hocba-Queued-At`: when the teacher made the edit (client clock, RFC 3339), set when the
    /// write waited in the offline queue.
    pub queued_at: Option<String>,
}

/// Up to 64 letters, digits, `-` and `_`.
fn token_ok(value: &str) -> bool {
    !value.is_empty() && value.len() <= 64 && value.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

impl Origin {
    /// Checks the header values (`None` when a header is absent); names the bad header.
    pub fn new(op_key: Option<&str>, device: Option<&str>, queued_at: Option<&str>) -> Result<Self, AppError> {
        if op_key.is_some_and(|k| !token_ok(k)) {
            return Err(AppError::validation("Idempotency-Key", messages::OP_KEY_INVALID));
        }
        if device.is_some_and(|d| !token_ok(d)) {
            return Err(AppError::validation("X-Hocba-Device", messages::DEVICE_INVALID));
        }
        if queued_at.is_some_and(|q| chrono::DateTime::parse_from_rfc3339(q).is_err()) {
            return Err(AppError::validation("X-Hocba-Queued-At", messages::QUEUED_AT_INVALID));
        }
        Ok(Self {
            op_key: op_key.map(str::to_string),
            device: device.map(str::to_string),
            queued_at: queued_at.map(str::to_string),
        })
    }

    /// The part of an audit entry's detail that says where the change came from (`null` for a
    /// plain write without any of the headers).
    pub fn audit(&self) -> serde_json::Value {
        if *self == Self::default() {
            return serde_json::Value::Null;
        }
        serde_json::json!({"op": self.op_key, "device": self.device, "queued_at": self.queued_at})
    }
}

/// The hash a key is bound to: SHA-256 (hex) of the method, the path and the JSON body.
pub fn request_hash(method: &str, path: &str, body: &impl Serialize) -> Result<String, AppError> {
    use sha2::Digest;
    let body = serde_json::to_string(body).map_err(|e| AppError::Internal(e.into()))?;
    Ok(hex::encode(sha2::Sha256::digest(format!("{method} {path}\n{body}").as_bytes())))
}

/// Runs `write` once per (user, key): a replay of the same request (`request`, see
/// [`request_hash`]) answers what the first run answered; the key with another request is
/// refused. Without a key it just runs. Call inside the write's transaction.
pub fn once<T, F>(
    conn: &mut AnyConnection,
    user: &CurrentUser,
    origin: &Origin,
    request: &str,
    write: F,
) -> Result<T, AppError>
where
    T: Serialize + DeserializeOwned,
    F: FnOnce(&mut AnyConnection) -> Result<T, AppError>,
{
    let Some(key) = origin.op_key.as_deref() else {
        return write(conn);
    };
    let kept: Option<(String, Option<String>)> = client_ops::table
        .filter(client_ops::user_id.eq(&user.id))
        .filter(client_ops::op_key.eq(key))
        .select((client_ops::response, client_ops::request_hash))
        .first(conn)
        .optional()?;
    if let Some((kept, hash)) = kept {
        if hash.as_deref().is_some_and(|h| h != request) {
            return Err(AppError::validation("Idempotency-Key", messages::OP_KEY_REUSED));
        }
        // A key kept before requests were hashed, or used for another kind of answer: refused too.
        return serde_json::from_str(&kept)
            .map_err(|_| AppError::validation("Idempotency-Key", messages::OP_KEY_REUSED));
    }
    let answer = write(conn)?;
    let response = serde_json::to_string(&answer).map_err(|e| AppError::Internal(e.into()))?;
    // A concurrent replay of the same key loses on the unique (user, key) and gets 409.
    diesel::insert_into(client_ops::table)
        .values(&ClientOp {
            id: new_id(),
            school_id: user.school_id.clone(),
            user_id: user.id.clone(),
            op_key: key.to_string(),
            response,
            created_at: now(),
            request_hash: Some(request.to_string()),
        })
        .execute(conn)?;
    Ok(answer)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_values_are_checked() {
        assert!(Origin::new(Some("0192f1c2-aa"), Some("dev_1"), Some("2026-11-28T08:00:00+07:00")).is_ok());
        assert!(Origin::new(None, None, None).is_ok_and(|o| o.audit().is_null()));
        let field = |r: Result<Origin, AppError>| match r {
            Err(AppError::Validation { field, .. }) => field,
            other => panic!("expected a validation error, got {other:?}"),
        };
        assert_eq!(field(Origin::new(Some(""), None, None)), "Idempotency-Key");
        assert_eq!(field(Origin::new(Some(&"k".repeat(65)), None, None)), "Idempotency-Key");
        assert_eq!(field(Origin::new(None, Some("a b"), None)), "X-Hocba-Device");
        assert_eq!(field(Origin::new(None, None, Some("hôm qua"))), "X-Hocba-Queued-At");
    }
}
