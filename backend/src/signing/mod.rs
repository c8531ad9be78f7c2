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

/// Why a signer cannot sign (messages in Vietnamese, naming the signer).
#[derive(Debug, thiserror::Error)]
pub enum SigningError {
    /// No certificate for this person and role.
    #[error("{name} ({}) chưa có chứng thư số để kí.", role_label(*.role))]
    Missing { role: SignerRole, name: String },
    /// The certificate's validity has not started.
    #[error("Chứng thư số của {name} ({}) chưa có hiệu lực: chỉ dùng được từ ngày {}.", role_label(*.role), vn_date(*.from))]
    NotYetValid { role: SignerRole, name: String, from: NaiveDateTime },
    /// The certificate expired.
    #[error("Chứng thư số của {name} ({}) đã hết hạn ngày {}.", role_label(*.role), vn_date(*.on))]
    Expired { role: SignerRole, name: String, on: NaiveDateTime },
    /// The certificate was revoked (and no other is active).
    #[error("Chứng thư số của {name} ({}) đã bị thu hồi ngày {} (lí do: {reason}).", role_label(*.role), vn_date(*.on))]
    Revoked { role: SignerRole, name: String, on: NaiveDateTime, reason: String },
    /// The stored key cannot be decrypted with the configured secret.
    #[error(
        "Không giải mã được khoá kí đã lưu: giá trị signing_key_secret (biến môi trường HOCBA_SIGNING_KEY_SECRET) \
         không phải giá trị đã dùng khi tạo khoá."
    )]
    WrongSecret,
    /// The secret given in the settings is unusable.
    #[error("signing_key_secret (HOCBA_SIGNING_KEY_SECRET) {0}")]
    BadSecret(String),
    /// A stored certificate or key cannot be used (damaged data).
    #[error("Khoá hoặc chứng thư đã lưu bị hỏng: {0}")]
    Damaged(String),
    /// A refused keystore action (import, revoke…), with its reason in Vietnamese.
    #[error("{0}")]
    Refused(String),
    #[error(transparent)]
    Db(#[from] diesel::result::Error),
    #[error(transparent)]
    Pool(#[from] crate::db::DbError),
}

impl From<SigningError> for AppError {
    fn from(e: SigningError) -> Self {
        match e {
            SigningError::Missing { role, .. } => AppError::validation(
                format!("signers.{}", role.code()),
                hocba_core::Bilingual::untranslated(e.to_string()),
            ),
            SigningError::NotYetValid { .. } | SigningError::Expired { .. } | SigningError::Revoked { .. } => {
                AppError::conflict("signer_certificate_invalid", hocba_core::Bilingual::untranslated(e.to_string()))
            }
            SigningError::WrongSecret | SigningError::BadSecret(_) => {
                AppError::conflict("signing_key_unavailable", hocba_core::Bilingual::untranslated(e.to_string()))
            }
            SigningError::Refused(message) => {
                AppError::conflict("signing_key_refused", hocba_core::Bilingual::untranslated(message))
            }
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
