//! A signing key on a USB token, through its PKCS#11 module (loaded at run time with `cryptoki`):
//! the token's PIN state, one login per run, and a [`RawSigner`] for CMS signatures.
//!
//! PIN safety: a token locks itself after a few wrong PINs, so the flags are read before the PIN
//! is asked (a locked token is refused, few tries left are announced) and a wrong PIN is never
//! retried. Keys: ECDSA P-256 (`CKM_ECDSA` over a SHA-256 computed here; the token answers r‖s,
//! turned into DER for CMS). RSA tokens are not supported yet (the keystore refuses their
//! certificates).

use cryptoki::context::{CInitializeArgs, CInitializeFlags, Pkcs11};
use cryptoki::error::{Error as CkError, RvError};
use cryptoki::mechanism::Mechanism;
use cryptoki::object::{Attribute, AttributeType, KeyType, ObjectClass, ObjectHandle};
use cryptoki::session::{Session, UserType};
use cryptoki::slot::{Slot, TokenInfo};
use cryptoki::types::AuthPin;
use der::{Decode, Encode};
use hocba_pdf::cms::{RawSigner, ECDSA_WITH_SHA256};
use hocba_pdf::PdfError;
use sha2::{Digest, Sha256};
use std::path::Path;
use x509_cert::Certificate;

/// Why the token cannot be used (messages in Vietnamese).
#[derive(Debug, thiserror::Error)]
pub enum TokenError {
    #[error("Không nạp được thư viện PKCS#11 {path}: {detail}")]
    Module { path: String, detail: String },
    #[error("Không có token ở khe {slot}. {available}")]
    NoSuchSlot { slot: u64, available: String },
    #[error("Không thấy USB token nào (đã khởi tạo): hãy cắm token rồi chạy lại.")]
    NoToken,
    #[error("Có nhiều token: chọn một bằng --slot SỐ_KHE. {0}")]
    ChooseSlot(String),
    #[error("Token đã bị khoá do nhập sai PIN quá nhiều lần: cần mở khoá bằng PIN quản trị (SO PIN) hoặc liên hệ nhà cung cấp chứng thư. hocba không thử PIN.")]
    Locked,
    #[error("Mã PIN không đúng: chưa kí tài liệu nào. hocba không thử lại để tránh khoá token.{0}")]
    WrongPin(String),
    #[error("Không tìm thấy trên token khoá kí của chứng thư \"{0}\" (thử --key-label NHÃN).")]
    NoKey(String),
    #[error("Token: {0}")]
    Other(String),
}

fn other(e: impl std::fmt::Display) -> TokenError {
    TokenError::Other(e.to_string())
}

/// What the token says about its PIN before anything is typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PinState {
    Fine,
    /// CKF_USER_PIN_COUNT_LOW: a wrong PIN was entered since the last good one.
    CountLow,
    /// CKF_USER_PIN_FINAL_TRY: one more wrong PIN locks the token.
    FinalTry,
    /// CKF_USER_PIN_LOCKED.
    Locked,
}

impl PinState {
    fn of(info: &TokenInfo) -> PinState {
        if info.user_pin_locked() {
            PinState::Locked
        } else if info.user_pin_final_try() {
            PinState::FinalTry
        } else if info.user_pin_count_low() {
            PinState::CountLow
        } else {
            PinState::Fine
        }
    }

    /// The warning to show before asking for the PIN (and after a wrong one), if any.
    pub fn warning(self) -> Option<&'static str> {
        match self {
            PinState::Fine => None,
            PinState::CountLow => Some(
                "Cảnh báo: token báo đã có lần nhập PIN sai, chỉ còn ít lần thử trước khi token bị khoá. Hãy nhập thật cẩn thận.",
            ),
            PinState::FinalTry => Some(
                "CẢNH BÁO: chỉ còn MỘT lần thử PIN. Nhập sai lần này token sẽ bị khoá. Nếu không chắc mã PIN, hãy dừng lại (Ctrl+C).",
            ),
            PinState::Locked => Some("Token đã bị khoá PIN."),
        }
    }
}

/// A loaded PKCS#11 module and the chosen slot.
pub struct Token {
    pkcs11: Pkcs11,
    slot: Slot,
    /// The token's label, as shown to people.
    pub label: String,
}

impl Token {
    /// Loads `module` and finds the token in slot `slot_id` (without one: the only token plugged in).
    pub fn open(module: &Path, slot_id: Option<u64>) -> Result<Token, TokenError> {
        let module_err = |e: CkError| TokenError::Module { path: module.display().to_string(), detail: e.to_string() };
        let pkcs11 = Pkcs11::new(module).map_err(module_err)?;
        pkcs11.initialize(CInitializeArgs::new(CInitializeFlags::OS_LOCKING_OK)).map_err(module_err)?;
        let slots = pkcs11.get_slots_with_initialized_token().map_err(other)?;
        let chosen = match (slot_id, slots.as_slice()) {
            (Some(id), _) => slots.iter().copied().find(|s| s.id() == id),
            (None, [only]) => Some(*only),
            (None, _) => None,
        };
        let Some(slot) = chosen else {
            let list: Vec<String> = slots
                .iter()
                .map(|s| match pkcs11.get_token_info(*s) {
                    Ok(info) => format!("{} (\"{}\")", s.id(), info.label().trim()),
                    Err(_) => s.id().to_string(),
                })
                .collect();
            if list.is_empty() {
                return Err(TokenError::NoToken);
            }
            let available = format!("Các khe có token: {}.", list.join(", "));
            return Err(match slot_id {
                Some(slot) => TokenError::NoSuchSlot { slot, available },
                None => TokenError::ChooseSlot(available),
            });
        };
        let label = pkcs11.get_token_info(slot).map_err(other)?.label().trim().to_string();
        Ok(Token { pkcs11, slot, label })
    }

    /// The PKCS#11 slot ID of the token.
    pub fn slot_id(&self) -> u64 {
        self.slot.id()
    }

    /// The PIN state the token reports now.
    pub fn pin_state(&self) -> Result<PinState, TokenError> {
        Ok(PinState::of(&self.pkcs11.get_token_info(self.slot).map_err(other)?))
    }

    /// Logs in with `pin`, once: a wrong PIN is an error (with the tries warning), never retried.
    pub fn login(&self, pin: String) -> Result<Session, TokenError> {
        if self.pin_state()? == PinState::Locked {
            return Err(TokenError::Locked);
        }
        let session = self.pkcs11.open_ro_session(self.slot).map_err(other)?;
        match session.login(UserType::User, Some(&AuthPin::from(pin))) {
            Ok(()) | Err(CkError::Pkcs11(RvError::UserAlreadyLoggedIn, _)) => Ok(session),
            Err(CkError::Pkcs11(RvError::PinIncorrect, _)) => {
                let warning = match self.pin_state() {
                    Ok(PinState::Locked) => " Token đã bị khoá.".to_string(),
                    Ok(state) => state.warning().map(|w| format!(" {w}")).unwrap_or_default(),
                    Err(_) => String::new(),
                };
                Err(TokenError::WrongPin(warning))
            }
            Err(CkError::Pkcs11(RvError::PinLocked, _)) => Err(TokenError::Locked),
            Err(CkError::Pkcs11(RvError::PinLenRange, _)) => {
                Err(TokenError::WrongPin(" (độ dài mã PIN không hợp lệ với token này)".to_string()))
            }
            Err(e) => Err(other(e)),
        }
    }
}

/// The uncompressed EC point of a certificate's public key.
fn certificate_point(cert: &Certificate) -> Vec<u8> {
    cert.tbs_certificate().subject_public_key_info().subject_public_key.raw_bytes().to_vec()
}

/// CKA_EC_POINT is a DER OCTET STRING of the point (some modules give the bare point).
fn same_point(ck_point: &[u8], point: &[u8]) -> bool {
    ck_point == point || der::asn1::OctetString::from_der(ck_point).is_ok_and(|o| o.as_bytes() == point)
}

/// The private key of `cert` on the token: the one whose public key (or certificate object) matches
/// the certificate, else, when the token holds exactly one EC private key (with `label` if given),
/// that one (a wrong key is caught when the signature is checked).
pub fn find_key(session: &Session, cert: &Certificate, label: Option<&str>) -> Result<ObjectHandle, TokenError> {
    let holder = hocba_pdf::verify::holder_name(cert);
    let mut private = vec![Attribute::Class(ObjectClass::PRIVATE_KEY), Attribute::KeyType(KeyType::EC)];
    if let Some(l) = label {
        private.push(Attribute::Label(l.as_bytes().to_vec()));
    }
    let keys = session.find_objects(&private).map_err(other)?;
    let point = certificate_point(cert);
    let cert_der = cert.to_der().map_err(other)?;
    let mut ids: Vec<Vec<u8>> = Vec::new();
    let public = session
        .find_objects(&[Attribute::Class(ObjectClass::PUBLIC_KEY), Attribute::KeyType(KeyType::EC)])
        .map_err(other)?;
    for handle in public {
        let attrs = session.get_attributes(handle, &[AttributeType::EcPoint, AttributeType::Id]).map_err(other)?;
        let matches = attrs.iter().any(|a| matches!(a, Attribute::EcPoint(p) if same_point(p, &point)));
        if matches {
            ids.extend(attrs.into_iter().filter_map(|a| if let Attribute::Id(id) = a { Some(id) } else { None }));
        }
    }
    let certs = session.find_objects(&[Attribute::Class(ObjectClass::CERTIFICATE)]).map_err(other)?;
    for handle in certs {
        let attrs = session.get_attributes(handle, &[AttributeType::Value, AttributeType::Id]).map_err(other)?;
        if attrs.iter().any(|a| matches!(a, Attribute::Value(v) if *v == cert_der)) {
            ids.extend(attrs.into_iter().filter_map(|a| if let Attribute::Id(id) = a { Some(id) } else { None }));
        }
    }
    for key in &keys {
        let attrs = session.get_attributes(*key, &[AttributeType::Id]).map_err(other)?;
        if attrs.iter().any(|a| matches!(a, Attribute::Id(id) if ids.contains(id))) {
            return Ok(*key);
        }
    }
    match keys.as_slice() {
        [only] => Ok(*only),
        _ => Err(TokenError::NoKey(holder)),
    }
}

/// DER `ECDSA-Sig-Value` from the token's r‖s.
pub fn ecdsa_der(raw: &[u8]) -> Result<Vec<u8>, PdfError> {
    if raw.is_empty() || raw.len() & 1 == 1 || raw.len() > 132 {
        return Err(PdfError::Certificate(format!("the token answered a {}-byte ECDSA signature", raw.len())));
    }
    let integer = |bytes: &[u8]| {
        let start = bytes.iter().position(|b| *b != 0).unwrap_or(bytes.len().saturating_sub(1));
        let mut value = bytes[start..].to_vec();
        if value.first().is_none_or(|b| b & 0x80 != 0) {
            value.insert(0, 0);
        }
        value
    };
    let (r, s) = raw.split_at(raw.len() / 2);
    let (r, s) = (integer(r), integer(s));
    let mut body = Vec::with_capacity(r.len() + s.len() + 4);
    for v in [r, s] {
        body.push(0x02);
        body.push(u8::try_from(v.len()).map_err(|e| PdfError::Certificate(e.to_string()))?);
        body.extend_from_slice(&v);
    }
    let mut out = vec![0x30];
    let len = body.len();
    if len >= 0x80 {
        out.push(0x81);
    }
    out.push(u8::try_from(len).map_err(|e| PdfError::Certificate(e.to_string()))?);
    out.extend_from_slice(&body);
    Ok(out)
}

/// A key on the token, with the certificate and chain to embed: signs with `CKM_ECDSA`.
pub struct TokenSigner<'s> {
    pub session: &'s Session,
    pub key: ObjectHandle,
    pub certificate: Certificate,
    pub chain: Vec<Certificate>,
}

impl RawSigner for TokenSigner<'_> {
    fn certificate(&self) -> &Certificate {
        &self.certificate
    }

    fn chain(&self) -> Vec<Certificate> {
        self.chain.clone()
    }

    fn signature_algorithm(&self) -> der::oid::ObjectIdentifier {
        ECDSA_WITH_SHA256
    }

    fn sign(&self, message: &[u8]) -> Result<Vec<u8>, PdfError> {
        let hash = Sha256::digest(message);
        let raw = self
            .session
            .sign(&Mechanism::Ecdsa, self.key, &hash)
            .map_err(|e| PdfError::Certificate(format!("token signature: {e}")))?;
        ecdsa_der(&raw)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_ecdsa_signatures_become_der() {
        let mut raw = vec![0u8; 64];
        raw[0] = 0x80; // r needs a leading zero
        raw[33] = 0x01; // s has leading zeros to strip
        let der = ecdsa_der(&raw).expect("der");
        assert_eq!(der[0], 0x30);
        assert_eq!(usize::from(der[1]), der.len() - 2);
        assert_eq!(&der[2..5], &[0x02, 33, 0x00]);
        let s_at = 2 + 2 + 33;
        assert_eq!(&der[s_at..s_at + 2], &[0x02, 31]);
        assert_eq!(der[s_at + 2], 0x01);
        assert!(ecdsa_der(&[1, 2, 3]).is_err());
        let zero = ecdsa_der(&[0u8; 64]).expect("zeros");
        assert_eq!(zero, vec![0x30, 6, 0x02, 1, 0, 0x02, 1, 0]);
    }

    #[test]
    fn pin_warnings_only_when_the_token_reports_trouble() {
        assert!(PinState::Fine.warning().is_none());
        assert!(PinState::FinalTry.warning().is_some_and(|w| w.contains("MỘT lần")));
        assert!(PinState::CountLow.warning().is_some());
    }
}
