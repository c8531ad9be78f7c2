//! At-rest encryption of signers' private keys.
//!
//! The secret lives outside the data folder, so a copy of the data folder (a backup, a stolen
//! disk) does not carry the secret that opens the keys: the setting `signing_key_secret`
//! (`HOCBA_SIGNING_KEY_SECRET`) or a file named by `signing_key_secret_file` (a systemd or
//! container credential; refused inside the data folder). Without either, the server refuses to
//! start — except with `--demo` or the explicit `signing_key_secret_in_data_dir = true`, where a
//! random secret is generated once into `<data_dir>/signing-key-secret` (mode 0600).
//!
//! The secret must be long and random (at least 32 bytes; the generated one is 48 random bytes in
//! base64), so a 256-bit key is derived from it with HKDF-SHA256 (no password stretching needed).
//! Each PKCS#8 private key is encrypted with AES-256-GCM under a random 96-bit nonce, the school id
//! as associated data; the column holds `v1:` + base64(nonce ‖ ciphertext ‖ tag). A wrong secret
//! fails the GCM tag check: [`SigningError::WrongSecret`], never a garbage key.

use super::SigningError;
use crate::settings::Settings;
use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use secrecy::ExposeSecret;
use std::path::{Path, PathBuf};

/// The file the generated secret is kept in, under the data folder.
pub const SECRET_FILE: &str = "signing-key-secret";
/// Shortest secret accepted, in bytes.
pub const MIN_SECRET_BYTES: usize = 32;
const FORMAT: &str = "v1:";
const NONCE_BYTES: usize = 12;

/// The key that encrypts the stored private keys.
#[derive(Clone)]
pub struct SigningSecret {
    cipher: Aes256Gcm,
}

impl std::fmt::Debug for SigningSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SigningSecret(…)")
    }
}

impl SigningSecret {
    /// Derives the key from a secret of at least [`MIN_SECRET_BYTES`] bytes.
    pub fn from_secret(secret: &[u8]) -> Result<SigningSecret, SigningError> {
        if secret.len() < MIN_SECRET_BYTES {
            return Err(SigningError::BadSecret(format!(
                "quá ngắn: cần ít nhất {MIN_SECRET_BYTES} kí tự ngẫu nhiên (ví dụ: openssl rand -base64 48)."
            )));
        }
        let hk = hkdf::Hkdf::<sha2::Sha256>::new(Some(b"hocba signing-key-secret v1"), secret);
        let mut key = [0u8; 32];
        hk.expand(b"AES-256-GCM: signers' private keys", &mut key)
            .map_err(|e| SigningError::BadSecret(format!("HKDF: {e}")))?;
        let cipher = Aes256Gcm::new(&key.into());
        key.fill(0);
        Ok(SigningSecret { cipher })
    }

    /// The secret of the settings or of `signing_key_secret_file`; else, only for the demo or when
    /// explicitly allowed, the one generated into the data folder (created when missing, with a
    /// warning). An existing secret file is never replaced: the stored keys depend on it.
    pub fn from_settings(settings: &Settings) -> Result<SigningSecret, SigningError> {
        if let Some(secret) = &settings.signing_key_secret {
            return SigningSecret::from_secret(secret.expose_secret().trim().as_bytes());
        }
        if let Some(file) = &settings.signing_key_secret_file {
            if is_inside(file, &settings.data_dir) {
                return Err(SigningError::BadSecret(format!(
                    "(tệp {}) nằm trong thư mục dữ liệu: hãy để tệp bí mật ở nơi khác, bản sao thư mục dữ liệu \
                     không được mang theo nó.",
                    file.display()
                )));
            }
            let text = std::fs::read_to_string(file)
                .map_err(|e| SigningError::BadSecret(format!("(tệp {}): không đọc được: {e}", file.display())))?;
            return SigningSecret::from_secret(text.trim().as_bytes());
        }
        if !(settings.demo || settings.signing_key_secret_in_data_dir) {
            return Err(SigningError::BadSecret(
                "chưa được đặt. Hãy đặt một chuỗi ngẫu nhiên dài (openssl rand -base64 48) ngoài thư mục dữ liệu: \
                 biến môi trường HOCBA_SIGNING_KEY_SECRET hoặc tệp signing_key_secret_file \
                 (HOCBA_SIGNING_KEY_SECRET_FILE). Chỉ để dùng thử: --demo, hoặc \
                 signing_key_secret_in_data_dir = true để giữ nó trong thư mục dữ liệu."
                    .into(),
            ));
        }
        let path = settings.data_dir.join(SECRET_FILE);
        let text = load_or_create_file(&path)?;
        tracing::warn!(
            path = %path.display(),
            "signing_key_secret is not set: the signing keys are encrypted with a secret kept in the data folder; \
             in production set HOCBA_SIGNING_KEY_SECRET (or signing_key_secret in hocba.toml) outside the data folder"
        );
        SigningSecret::from_secret(text.trim().as_bytes())
    }

    /// Encrypts a private key (PKCS#8 DER) of `school_id`.
    pub fn encrypt(&self, school_id: &str, plaintext: &[u8]) -> Result<String, SigningError> {
        let mut nonce = [0u8; NONCE_BYTES];
        rand::fill(&mut nonce);
        let aad = aad(school_id);
        let ct = self
            .cipher
            .encrypt(&Nonce::from(nonce), Payload { msg: plaintext, aad: &aad })
            .map_err(|_| SigningError::Damaged("AES-GCM encryption failed".into()))?;
        let mut out = nonce.to_vec();
        out.extend_from_slice(&ct);
        Ok(format!("{FORMAT}{}", BASE64.encode(out)))
    }

    /// Decrypts what [`SigningSecret::encrypt`] made for the same school.
    pub fn decrypt(&self, school_id: &str, stored: &str) -> Result<Vec<u8>, SigningError> {
        let body =
            stored.strip_prefix(FORMAT).ok_or_else(|| SigningError::Damaged("unknown encrypted key format".into()))?;
        let bytes = BASE64.decode(body.trim()).map_err(|e| SigningError::Damaged(format!("encrypted key: {e}")))?;
        if bytes.len() <= NONCE_BYTES {
            return Err(SigningError::Damaged("encrypted key too short".into()));
        }
        let (nonce, ct) = bytes.split_at(NONCE_BYTES);
        let nonce: [u8; NONCE_BYTES] =
            nonce.try_into().map_err(|_| SigningError::Damaged("encrypted key: bad nonce".into()))?;
        let aad = aad(school_id);
        self.cipher.decrypt(&Nonce::from(nonce), Payload { msg: ct, aad: &aad }).map_err(|_| SigningError::WrongSecret)
    }
}

fn aad(school_id: &str) -> Vec<u8> {
    let mut aad = b"hocba signing key v1\0".to_vec();
    aad.extend_from_slice(school_id.as_bytes());
    aad
}

/// Reads the generated secret, or creates it (48 random bytes, base64, mode 0600).
fn load_or_create_file(path: &Path) -> Result<String, SigningError> {
    let io = |e: std::io::Error, path: &PathBuf| {
        SigningError::BadSecret(format!("không đọc/ghi được tệp {}: {e}", path.display()))
    };
    match std::fs::read_to_string(path) {
        Ok(text) => Ok(text),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let mut bytes = [0u8; 48];
            rand::fill(&mut bytes);
            let text = format!("{}\n", BASE64.encode(bytes));
            crate::fsutil::write_private(path, text.as_bytes()).map_err(|e| io(e, &path.to_path_buf()))?;
            Ok(text)
        }
        Err(e) => Err(io(e, &path.to_path_buf())),
    }
}

/// Whether `file` is in `dir` (or below), comparing the real paths where they exist.
fn is_inside(file: &Path, dir: &Path) -> bool {
    let real = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    let dir = real(dir);
    let file = match (file.parent(), file.file_name()) {
        (Some(parent), Some(name)) => {
            real(if parent.as_os_str().is_empty() { Path::new(".") } else { parent }).join(name)
        }
        _ => real(file),
    };
    file.starts_with(&dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip_and_a_wrong_secret_is_a_clear_error() {
        let a = SigningSecret::from_secret(&[7u8; 40]).expect("secret");
        let stored = a.encrypt("school-1", b"private key").expect("encrypt");
        assert!(stored.starts_with("v1:"));
        assert_eq!(a.decrypt("school-1", &stored).expect("decrypt"), b"private key");
        assert_ne!(a.encrypt("school-1", b"private key").expect("encrypt"), stored, "random nonce");
        let b = SigningSecret::from_secret(&[8u8; 40]).expect("secret");
        let err = b.decrypt("school-1", &stored).expect_err("wrong secret");
        assert!(matches!(err, SigningError::WrongSecret));
        assert!(err.to_string().contains("HOCBA_SIGNING_KEY_SECRET"), "{err}");
        assert!(matches!(a.decrypt("school-2", &stored), Err(SigningError::WrongSecret)), "bound to the school");
        assert!(matches!(SigningSecret::from_secret(b"short"), Err(SigningError::BadSecret(_))));
    }

    #[test]
    fn generated_secret_is_private_and_kept() {
        let dir = tempfile::tempdir().expect("dir");
        let settings = Settings {
            data_dir: dir.path().to_path_buf(),
            signing_key_secret_in_data_dir: true,
            ..Settings::default()
        };
        let a = SigningSecret::from_settings(&settings).expect("created");
        let stored = a.encrypt("s", b"k").expect("encrypt");
        let b = SigningSecret::from_settings(&settings).expect("loaded");
        assert_eq!(b.decrypt("s", &stored).expect("same secret"), b"k");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir.path().join(SECRET_FILE)).expect("file").permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }
}
