//! JWT sessions (HS256). The secret comes from the settings or is generated once into the data
//! folder; it never lives in the repository.
//!
//! A session lives at most `session_hours` from the sign-in (`at`), whatever happens. A staff
//! session also ends after `idle_minutes` without a request: its token expires that soon, and each
//! request made after the first minute of a token's life gets a renewed one (same session, same
//! sign-in time, a later expiry) — the sliding refresh of `auth::renewal`.

use crate::error::AppError;
use hocba_core::api::Role;
use jsonwebtoken::{decode, encode, Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// Name of the HttpOnly, SameSite=Strict session cookie.
pub const SESSION_COOKIE: &str = "hocba_session";

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Claims {
    /// User id.
    pub sub: String,
    /// School id.
    pub sch: String,
    /// Primary role (informative: the server reloads the user's roles on every request).
    pub role: Role,
    /// The user's session epoch when issued; raising it in the database ends older sessions.
    #[serde(default)]
    pub ep: i32,
    /// This session's id: logging out lists it as revoked (`revoked_sessions`).
    #[serde(default)]
    pub sid: String,
    /// When the user signed in (renewed tokens keep it): the absolute lifetime counts from here.
    #[serde(default)]
    pub at: i64,
    /// A staff session, ended by `idle_minutes` without a request.
    #[serde(default)]
    pub idle: bool,
    pub iat: i64,
    pub exp: i64,
}

/// A token is renewed once it is this old (seconds), so a burst of requests does not mint one each.
const RENEW_AFTER_SECONDS: i64 = 60;

#[derive(Clone)]
pub struct Keys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    /// Absolute lifetime of a session from its sign-in.
    pub session_hours: i64,
    /// A staff session ends after this long without a request.
    pub idle_minutes: i64,
}

impl Keys {
    pub fn new(secret: &[u8], session_hours: i64, idle_minutes: i64) -> Keys {
        Keys {
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
            session_hours,
            idle_minutes,
        }
    }

    /// Reads `<data_dir>/jwt-secret`, creating it (64 random bytes, mode 0600) on first start.
    pub fn load_or_create_secret(data_dir: &Path) -> std::io::Result<Vec<u8>> {
        let path = data_dir.join("jwt-secret");
        match std::fs::read(&path) {
            Ok(bytes) if bytes.len() >= 32 => Ok(bytes),
            _ => {
                let mut secret = vec![0u8; 64];
                rand::fill(&mut secret[..]);
                crate::fsutil::write_private(&path, &secret)?;
                Ok(secret)
            }
        }
    }

    /// A new session's token; `idle` for staff (ended by inactivity).
    pub fn issue(
        &self,
        user_id: &str,
        school_id: &str,
        role: Role,
        epoch: i32,
        idle: bool,
    ) -> Result<String, AppError> {
        let now = chrono::Utc::now().timestamp();
        let claims = Claims {
            sub: user_id.to_string(),
            sch: school_id.to_string(),
            role,
            ep: epoch,
            sid: uuid::Uuid::now_v7().to_string(),
            at: now,
            idle,
            iat: now,
            exp: self.expiry(now, now, idle),
        };
        self.encode(&claims)
    }

    /// The same session with a later expiry, when `claims` is an idle-limited token older than a
    /// minute whose expiry can still move (never past the absolute lifetime).
    pub fn renew(&self, claims: &Claims, now: i64) -> Result<Option<String>, AppError> {
        let at = self.signed_in_at(claims);
        let exp = self.expiry(at, now, claims.idle);
        if !claims.idle || now - claims.iat < RENEW_AFTER_SECONDS || exp <= claims.exp {
            return Ok(None);
        }
        self.encode(&Claims { at, iat: now, exp, ..claims.clone() }).map(Some)
    }

    /// The sign-in time (tokens from before `at` existed count from their issue).
    fn signed_in_at(&self, claims: &Claims) -> i64 {
        if claims.at > 0 {
            claims.at
        } else {
            claims.iat
        }
    }

    fn expiry(&self, at: i64, now: i64, idle: bool) -> i64 {
        let absolute = at + self.session_hours * 3600;
        if idle {
            absolute.min(now + self.idle_minutes * 60)
        } else {
            absolute
        }
    }

    /// Signs `claims` as they are (tests make tokens of a given age with it).
    pub fn encode(&self, claims: &Claims) -> Result<String, AppError> {
        encode(&Header::new(Algorithm::HS256), claims, &self.encoding)
            .map_err(|e| AppError::Internal(anyhow::anyhow!("jwt encode: {e}")))
    }

    pub fn verify(&self, token: &str) -> Result<Claims, AppError> {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.leeway = 30;
        let claims = decode::<Claims>(token, &self.decoding, &validation)
            .map(|d| d.claims)
            .map_err(|_| AppError::Unauthenticated)?;
        // Past the absolute lifetime, whatever the token's own expiry says.
        if chrono::Utc::now().timestamp()
            > self.signed_in_at(&claims) + self.session_hours * 3600 + validation.leeway as i64
        {
            return Err(AppError::Unauthenticated);
        }
        Ok(claims)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issued_tokens_verify_and_tampered_ones_do_not() {
        let keys = Keys::new(b"0123456789abcdef0123456789abcdef", 1, 30);
        let token = keys.issue("u1", "s1", Role::Teacher, 0, true).expect("issue");
        let claims = keys.verify(&token).expect("verify");
        assert_eq!(claims.sub, "u1");
        assert_eq!(claims.role, Role::Teacher);
        let mut tampered = token.clone().into_bytes();
        let mid = tampered.len() / 2;
        tampered[mid] = if tampered[mid] == b'A' { b'B' } else { b'A' };
        assert!(keys.verify(&String::from_utf8(tampered).expect("ascii")).is_err());
        let other = Keys::new(b"another secret another secret 00", 1, 30);
        assert!(other.verify(&token).is_err());
    }

    #[test]
    fn staff_sessions_slide_within_the_absolute_lifetime() {
        let keys = Keys::new(b"0123456789abcdef0123456789abcdef", 12, 30);
        let now = chrono::Utc::now().timestamp();
        let staff = keys.verify(&keys.issue("u1", "s1", Role::Teacher, 0, true).expect("issue")).expect("verify");
        assert!((staff.exp - now - 30 * 60).abs() <= 1, "a staff token lives 30 minutes");
        assert_eq!(keys.renew(&staff, now + 10).expect("renew"), None, "not renewed in its first minute");
        let later = now + 20 * 60;
        let renewed = keys.verify(&keys.renew(&staff, later).expect("renew").expect("renewed")).expect("verify");
        assert_eq!((renewed.sid.as_str(), renewed.at), (staff.sid.as_str(), staff.at), "the same session");
        assert_eq!(renewed.exp, later + 30 * 60);
        // Near the end of the 12 hours, the expiry stops at the absolute lifetime.
        let near_end = staff.at + 12 * 3600 - 5 * 60;
        let last = Claims { iat: near_end - 20 * 60, exp: near_end + 60, ..staff.clone() };
        let capped = keys.renew(&last, near_end).expect("renew").expect("renewed");
        let capped = keys.verify(&capped).expect("verify");
        assert_eq!(capped.exp, staff.at + 12 * 3600);
        let parent = keys.verify(&keys.issue("u2", "s1", Role::Parent, 0, false).expect("issue")).expect("verify");
        assert!((parent.exp - now - 12 * 3600).abs() <= 1, "a parent's session is not idle-limited");
        assert_eq!(keys.renew(&parent, now + 3600).expect("renew"), None);
    }

    #[test]
    fn a_token_past_the_absolute_lifetime_is_refused() {
        let keys = Keys::new(b"0123456789abcdef0123456789abcdef", 1, 30);
        let now = chrono::Utc::now().timestamp();
        let old = Claims {
            sub: "u1".into(),
            sch: "s1".into(),
            role: Role::Teacher,
            ep: 0,
            sid: "x".into(),
            at: now - 2 * 3600,
            idle: true,
            iat: now - 60,
            exp: now + 600,
        };
        assert!(keys.verify(&keys.encode(&old).expect("encode")).is_err());
    }
}
