//! JWT sessions (HS256). The secret comes from the settings or is generated once into the data
//! folder; it never lives in the repository.

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
    pub iat: i64,
    pub exp: i64,
}

#[derive(Clone)]
pub struct Keys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    pub session_hours: i64,
}

impl Keys {
    pub fn new(secret: &[u8], session_hours: i64) -> Keys {
        Keys { encoding: EncodingKey::from_secret(secret), decoding: DecodingKey::from_secret(secret), session_hours }
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

    pub fn issue(&self, user_id: &str, school_id: &str, role: Role, epoch: i32) -> Result<String, AppError> {
        let now = chrono::Utc::now().timestamp();
        let claims = Claims {
            sub: user_id.to_string(),
            sch: school_id.to_string(),
            role,
            ep: epoch,
            sid: uuid::Uuid::now_v7().to_string(),
            iat: now,
            exp: now + self.session_hours * 3600,
        };
        encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)
            .map_err(|e| AppError::Internal(anyhow::anyhow!("jwt encode: {e}")))
    }

    pub fn verify(&self, token: &str) -> Result<Claims, AppError> {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.leeway = 30;
        decode::<Claims>(token, &self.decoding, &validation).map(|d| d.claims).map_err(|_| AppError::Unauthenticated)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issued_tokens_verify_and_tampered_ones_do_not() {
        let keys = Keys::new(b"0123456789abcdef0123456789abcdef", 1);
        let token = keys.issue("u1", "s1", Role::Teacher, 0).expect("issue");
        let claims = keys.verify(&token).expect("verify");
        assert_eq!(claims.sub, "u1");
        assert_eq!(claims.role, Role::Teacher);
        let mut tampered = token.clone().into_bytes();
        let mid = tampered.len() / 2;
        tampered[mid] = if tampered[mid] == b'A' { b'B' } else { b'A' };
        assert!(keys.verify(&String::from_utf8(tampered).expect("ascii")).is_err());
        let other = Keys::new(b"another secret another secret 00", 1);
        assert!(other.verify(&token).is_err());
    }
}
