//! Argon2id password hashing (PHC strings).

use argon2::password_hash::{phc::PasswordHash, PasswordHasher, PasswordVerifier};
use argon2::Argon2;
use std::sync::OnceLock;

/// Hashes a password with argon2id and a random salt. CPU-heavy: call off the async workers.
pub fn hash(password: &str) -> anyhow::Result<String> {
    let hash = Argon2::default().hash_password(password.as_bytes()).map_err(|e| anyhow::anyhow!("argon2: {e}"))?;
    Ok(hash.to_string())
}

/// Checks a password against a PHC hash; `None` (unknown user) is checked against a dummy hash
/// so that the time taken does not reveal whether a username exists.
pub fn verify(stored: Option<&str>, password: &str) -> bool {
    static DUMMY: OnceLock<String> = OnceLock::new();
    let dummy = DUMMY.get_or_init(|| hash("not a real password").unwrap_or_default());
    let phc = stored.unwrap_or(dummy);
    let ok = match PasswordHash::new(phc) {
        Ok(parsed) => Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok(),
        Err(_) => false,
    };
    ok && stored.is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_and_verify() {
        let h = hash("demo").expect("hash");
        assert!(h.starts_with("$argon2id$"));
        assert!(verify(Some(&h), "demo"));
        assert!(!verify(Some(&h), "Demo"));
        assert!(!verify(None, "demo"));
    }
}
