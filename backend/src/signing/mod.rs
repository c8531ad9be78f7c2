//! Signers' keys and certificates: the homeroom teachers, the principal and the school seal sign
//! học bạ documents with them.
//!
//! - [`secret`]: the at-rest encryption of private keys (setting `signing_key_secret`).
//! - [`Signer`]: who signs one signature, ready to use (the stored keys and certificates, and
//!   the choice of a role's signer, are in `crate::services::signers`).
//! - [`pkcs11`]: a key on a USB token, for `hocba sign` on the signer's computer.

pub mod crl_fetch;
pub mod http;
pub mod pkcs11;
pub mod secret;
pub mod tsa;

pub use secret::SigningSecret;

use crate::error::AppError;
use chrono::NaiveDateTime;
use hocba_core::api::documents::SignerRole;
use hocba_core::Bilingual;
use hocba_pdf::SigningIdentity;

/// Who signs one signature of a document, ready to use.
#[derive(Debug, Clone)]
// One per signature, short-lived: not worth a box.
#[allow(clippy::large_enum_variant)]
pub enum Signer {
    /// The key is on the server: sign at once.
    Software(SigningIdentity),
    /// The key is on a USB token: the document waits for `hocba sign` on the signer's machine.
    Token { cert_pem: String, chain_pem: String, holder: String },
}

/// The role in Vietnamese, as shown to people.
pub fn role_label(role: SignerRole) -> String {
    hocba_core::messages::signer_role_name(role).to_lowercase()
}

/// dd/mm/yyyy of a stored date (the shown format of `core::time`).
pub fn vn_date(at: NaiveDateTime) -> String {
    hocba_core::time::format_date(at.date())
}

/// Why a signer cannot sign, naming the signer ([`SigningError::message`] in both languages).
#[derive(Debug, thiserror::Error)]
pub enum SigningError {
    /// No certificate for this person and role.
    #[error("{}", self.message())]
    Missing { role: SignerRole, name: String },
    /// The certificate's validity has not started.
    #[error("{}", self.message())]
    NotYetValid { role: SignerRole, name: String, from: NaiveDateTime },
    /// The certificate expired.
    #[error("{}", self.message())]
    Expired { role: SignerRole, name: String, on: NaiveDateTime },
    /// The certificate was revoked (and no other is active).
    #[error("{}", self.message())]
    Revoked { role: SignerRole, name: String, on: NaiveDateTime, reason: String },
    /// The stored key cannot be decrypted with the configured secret.
    #[error("{}", self.message())]
    WrongSecret,
    /// The secret given in the settings is unusable (the detail is the command line's, in
    /// Vietnamese).
    #[error("{}", self.message())]
    BadSecret(String),
    /// A stored certificate or key cannot be used (damaged data).
    #[error("Khoá hoặc chứng thư đã lưu bị hỏng: {0}")]
    Damaged(String),
    /// A refused keystore action (trusting a CA, importing, revoking…).
    #[error("{0}")]
    Refused(Bilingual),
    #[error(transparent)]
    Db(#[from] diesel::result::Error),
    #[error(transparent)]
    Pool(#[from] crate::db::DbError),
}

impl SigningError {
    /// A refusal of the command line (`hocba keys …`), which speaks Vietnamese.
    pub fn console(text: impl Into<String>) -> Self {
        SigningError::Refused(Bilingual::untranslated(text.into()))
    }

    /// What the signer or the reader is told, in Vietnamese and English.
    pub fn message(&self) -> Bilingual {
        let roles =
            |role: SignerRole| (role_label(role), hocba_core::messages::en::signer_role_name(role).to_lowercase());
        match self {
            SigningError::Missing { role, name } => {
                let (vi, en) = roles(*role);
                hocba_core::bilingual!(
                    "{name} ({vi}) chưa có chứng thư số để kí.",
                    "{name} ({en}) has no digital certificate to sign with."
                )
            }
            SigningError::NotYetValid { role, name, from } => {
                let ((vi, en), from) = (roles(*role), vn_date(*from));
                hocba_core::bilingual!(
                    "Chứng thư số của {name} ({vi}) chưa có hiệu lực: chỉ dùng được từ ngày {from}.",
                    "The digital certificate of {name} ({en}) is not valid yet: it can be used from {from}."
                )
            }
            SigningError::Expired { role, name, on } => {
                let ((vi, en), on) = (roles(*role), vn_date(*on));
                hocba_core::bilingual!(
                    "Chứng thư số của {name} ({vi}) đã hết hạn ngày {on}.",
                    "The digital certificate of {name} ({en}) expired on {on}."
                )
            }
            SigningError::Revoked { role, name, on, reason } => {
                let ((vi, en), on) = (roles(*role), vn_date(*on));
                hocba_core::bilingual!(
                    "Chứng thư số của {name} ({vi}) đã bị thu hồi ngày {on} (lí do: {reason}).",
                    "The digital certificate of {name} ({en}) was revoked on {on} (reason: {reason})."
                )
            }
            SigningError::WrongSecret => Bilingual::fixed(
                "Không giải mã được khoá kí đã lưu: giá trị signing_key_secret (biến môi trường \
                 HOCBA_SIGNING_KEY_SECRET) không phải giá trị đã dùng khi tạo khoá.",
                "The stored signing key cannot be decrypted: signing_key_secret (the environment variable \
                 HOCBA_SIGNING_KEY_SECRET) is not the value used when the key was made.",
            ),
            SigningError::BadSecret(detail) => hocba_core::bilingual!(
                "signing_key_secret (HOCBA_SIGNING_KEY_SECRET) {detail}",
                "signing_key_secret (HOCBA_SIGNING_KEY_SECRET): {detail}"
            ),
            SigningError::Refused(message) => message.clone(),
            other => Bilingual::untranslated(other.to_string()),
        }
    }
}

impl From<SigningError> for AppError {
    fn from(e: SigningError) -> Self {
        match e {
            SigningError::Missing { role, .. } => AppError::validation(format!("signers.{}", role.code()), e.message()),
            SigningError::NotYetValid { .. } | SigningError::Expired { .. } | SigningError::Revoked { .. } => {
                AppError::conflict("signer_certificate_invalid", e.message())
            }
            SigningError::WrongSecret | SigningError::BadSecret(_) => {
                AppError::conflict("signing_key_unavailable", e.message())
            }
            SigningError::Refused(message) => AppError::conflict("signing_key_refused", message),
            SigningError::Db(d) => d.into(),
            SigningError::Pool(d) => d.into(),
            SigningError::Damaged(_) => AppError::Internal(anyhow::anyhow!("{e}")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signing_errors_are_refusals_naming_the_signer() {
        let missing =
            AppError::from(SigningError::Missing { role: SignerRole::Teacher, name: "Vàng Thị Dung".into() });
        assert!(
            matches!(&missing, AppError::Validation { field, message } if field == "signers.teacher" && message.vi().contains("Vàng Thị Dung")),
            "{missing:?}"
        );
        let on = chrono::NaiveDate::from_ymd_opt(2026, 3, 5).and_then(|d| d.and_hms_opt(0, 0, 0)).expect("date");
        let expired =
            AppError::from(SigningError::Expired { role: SignerRole::Principal, name: "Hoàng Thị Lan".into(), on });
        assert!(
            matches!(&expired, AppError::Conflict { code: "signer_certificate_invalid", message }
                if message.vi().contains("Hoàng Thị Lan (hiệu trưởng) đã hết hạn ngày 05/03/2026")),
            "{expired:?}"
        );
        assert!(matches!(AppError::from(SigningError::WrongSecret), AppError::Conflict { .. }));
    }
}
