//! The school's signing identity: an ECDSA P-256 key, its certificate and the issuing CA certificate.
//! Without files on disk, a demo CA and signer certificate are created (for tests and trials only).

use crate::PdfError;
use der::asn1::Utf8StringRef;
use der::oid::ObjectIdentifier;
use der::pem::LineEnding;
use der::{DecodePem, Encode, EncodePem};
use p256::ecdsa::{DerSignature, SigningKey};
use p256::elliptic_curve::Generate;
use p256::pkcs8::{DecodePrivateKey, EncodePrivateKey};
use sha2::{Digest, Sha256};
use spki::{EncodePublicKey, SubjectPublicKeyInfoOwned, SubjectPublicKeyInfoRef};
use std::path::Path;
use std::str::FromStr;
use std::time::Duration;
use x509_cert::builder::profile::BuilderProfile;
use x509_cert::builder::{Builder, CertificateBuilder};
use x509_cert::certificate::TbsCertificate;
use x509_cert::ext::pkix::{
    AuthorityKeyIdentifier, BasicConstraints, ExtendedKeyUsage, KeyUsage, KeyUsages, SubjectKeyIdentifier,
};
use x509_cert::ext::{Extension, ToExtension};
use x509_cert::name::Name;
use x509_cert::serial_number::SerialNumber;
use x509_cert::time::{Time, Validity};
use x509_cert::Certificate;

pub(crate) const CA_FILE: &str = "school-ca.crt.pem";
pub(crate) const SIGNER_FILE: &str = "school-signer.crt.pem";
pub(crate) const KEY_FILE: &str = "school-signer.key.pem";

/// id-kp-emailProtection: NSS (poppler's pdfsig) checks a PDF signer like an e-mail signer.
const EKU_EMAIL_PROTECTION: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.3.4");
/// id-kp-documentSigning (RFC 9336).
const EKU_DOCUMENT_SIGNING: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.3.36");
/// id-at-commonName.
const COMMON_NAME: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.4.3");

const DAY: Duration = Duration::from_secs(24 * 3600);

/// The key, certificate and CA certificate a school signs học bạ with.
#[derive(Clone)]
pub struct SigningIdentity {
    pub(crate) key: SigningKey,
    pub(crate) signer: Certificate,
    pub(crate) ca: Certificate,
    /// The signer's common name (the /Name of the PDF signature).
    pub(crate) signer_name: String,
}

impl std::fmt::Debug for SigningIdentity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SigningIdentity").field("signer", &self.signer_name).finish_non_exhaustive()
    }
}

fn cert_err(what: &str, e: impl std::fmt::Display) -> PdfError {
    PdfError::Certificate(format!("{what}: {e}"))
}

fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> PdfError + '_ {
    move |source| PdfError::Io { path: path.to_path_buf(), source }
}

impl SigningIdentity {
    /// Loads `dir/school-ca.crt.pem`, `dir/school-signer.crt.pem` and `dir/school-signer.key.pem`
    /// (PKCS#8). When none of them exists, creates a demo CA ("hocba TEST CA (not for real use)",
    /// O = the school) and a signer certificate for the school (CN "<school_name> (TEST)") and writes
    /// the three files, the key with mode 0600. A partial set of files is an error (nothing is
    /// overwritten).
    pub fn load_or_create(dir: &Path, school_name: &str) -> Result<SigningIdentity, PdfError> {
        let paths = [dir.join(CA_FILE), dir.join(SIGNER_FILE), dir.join(KEY_FILE)];
        let present: Vec<bool> = paths.iter().map(|p| p.exists()).collect();
        if present.iter().all(|p| *p) {
            let read = |p: &Path| std::fs::read_to_string(p).map_err(io_err(p));
            return SigningIdentity::from_pem(&read(&paths[0])?, &read(&paths[1])?, &read(&paths[2])?);
        }
        if present.iter().any(|p| *p) {
            let missing: Vec<String> =
                paths.iter().zip(&present).filter(|(_, p)| !**p).map(|(path, _)| path.display().to_string()).collect();
            return Err(PdfError::Certificate(format!("incomplete signing identity, missing {}", missing.join(", "))));
        }
        let id = SigningIdentity::create_demo(school_name)?;
        std::fs::create_dir_all(dir).map_err(io_err(dir))?;
        let key_pem = id.key.to_pkcs8_pem(LineEnding::LF).map_err(|e| cert_err("encoding key", e))?;
        write_private(&paths[2], key_pem.as_bytes())?;
        std::fs::write(&paths[1], pem(&id.signer)?).map_err(io_err(&paths[1]))?;
        std::fs::write(&paths[0], pem(&id.ca)?).map_err(io_err(&paths[0]))?;
        Ok(id)
    }

    /// The CA certificate, PEM-encoded (to publish, or to add to a validator's trust store).
    pub fn ca_certificate_pem(&self) -> String {
        // Encoding a certificate that was decoded or built successfully cannot fail.
        pem(&self.ca).unwrap_or_default()
    }

    /// Builds an identity from PEM texts, checking that the key belongs to the signer certificate
    /// and that the CA issued it.
    pub(crate) fn from_pem(ca_pem: &str, signer_pem: &str, key_pem: &str) -> Result<SigningIdentity, PdfError> {
        let ca = Certificate::from_pem(ca_pem).map_err(|e| cert_err("CA certificate", e))?;
        let signer = Certificate::from_pem(signer_pem).map_err(|e| cert_err("signer certificate", e))?;
        let key = SigningKey::from_pkcs8_pem(key_pem).map_err(|e| cert_err("signer key", e))?;
        let key_spki = key.verifying_key().to_public_key_der().map_err(|e| cert_err("signer key", e))?;
        let cert_spki = signer
            .tbs_certificate()
            .subject_public_key_info()
            .to_der()
            .map_err(|e| cert_err("signer certificate", e))?;
        if key_spki.as_bytes() != cert_spki.as_slice() {
            return Err(PdfError::Certificate("the key does not belong to the signer certificate".into()));
        }
        if signer.tbs_certificate().issuer() != ca.tbs_certificate().subject() {
            return Err(PdfError::Certificate("the signer certificate was not issued by the CA".into()));
        }
        let signer_name = common_name(signer.tbs_certificate().subject());
        Ok(SigningIdentity { key, signer, ca, signer_name })
    }

    /// A fresh demo CA (10 years) and signer certificate (5 years) for `school_name`.
    pub(crate) fn create_demo(school_name: &str) -> Result<SigningIdentity, PdfError> {
        let school = upper_bound(&hocba_core::text::clean(school_name), UB_NAME - 7);
        let ca_name = name("hocba TEST CA (not for real use)", &school)?;
        let signer_cn = format!("{school} (TEST)");
        let signer_name = name(&signer_cn, &school)?;

        let ca_key = generate_key()?;
        let ca = issue(&ca_key, &ca_key, ca_name.clone(), ca_name.clone(), true, 3650)?;
        let key = generate_key()?;
        let signer = issue(&key, &ca_key, signer_name, ca_name, false, 5 * 365)?;
        Ok(SigningIdentity { key, signer, ca, signer_name: signer_cn })
    }
}

fn generate_key() -> Result<SigningKey, PdfError> {
    SigningKey::try_generate().map_err(|e| PdfError::Certificate(format!("no system randomness: {e}")))
}

fn pem(cert: &Certificate) -> Result<String, PdfError> {
    cert.to_pem(LineEnding::LF).map_err(|e| cert_err("encoding certificate", e))
}

/// Writes a private file (mode 0600 on Unix), refusing to replace an existing one.
fn write_private(path: &Path, bytes: &[u8]) -> Result<(), PdfError> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path).map_err(io_err(path))?;
    file.write_all(bytes).map_err(io_err(path))
}

/// "CN=<cn>, O=<organisation>, C=VN" with RFC 4514 escaping; values are UTF8String.
fn name(common_name: &str, organisation: &str) -> Result<Name, PdfError> {
    let escape = |s: &str| -> String {
        s.chars()
            .flat_map(|c| {
                let special = matches!(c, '"' | '#' | '=' | '\\' | '+' | ',' | ';' | '<' | '>');
                special.then_some('\\').into_iter().chain(std::iter::once(c))
            })
            .collect()
    };
    let dn = format!("CN={},O={},C=VN", escape(common_name.trim()), escape(organisation.trim()));
    Name::from_str(&dn).map_err(|e| cert_err("certificate name", e))
}

/// The first common name of `name` as text (empty when there is none).
fn common_name(name: &Name) -> String {
    name.iter()
        .filter(|atv| atv.oid == COMMON_NAME)
        .find_map(|atv| Utf8StringRef::try_from(&atv.value).ok().map(|s| s.as_str().to_string()))
        .unwrap_or_default()
}

/// The extensions of the two kinds of certificate.
struct Profile {
    subject: Name,
    issuer: Name,
    ca: bool,
}

impl BuilderProfile for Profile {
    fn get_issuer(&self, _subject: &Name) -> Name {
        self.issuer.clone()
    }

    fn get_subject(&self) -> Name {
        self.subject.clone()
    }

    fn build_extensions(
        &self,
        spk: SubjectPublicKeyInfoRef<'_>,
        issuer_spk: SubjectPublicKeyInfoRef<'_>,
        tbs: &TbsCertificate,
    ) -> x509_cert::builder::Result<Vec<Extension>> {
        let subject = tbs.subject();
        let mut ext: Vec<Extension> = Vec::new();
        let ski = SubjectKeyIdentifier::try_from(spk)?;
        let issuer_ski = SubjectKeyIdentifier::try_from(issuer_spk)?;
        ext.push(
            BasicConstraints { ca: self.ca, path_len_constraint: self.ca.then_some(0) }.to_extension(subject, &ext)?,
        );
        let usage = if self.ca {
            KeyUsages::KeyCertSign | KeyUsages::CRLSign
        } else {
            KeyUsages::DigitalSignature | KeyUsages::NonRepudiation
        };
        ext.push(KeyUsage(usage).to_extension(subject, &ext)?);
        if !self.ca {
            let eku = ExtendedKeyUsage(vec![EKU_EMAIL_PROTECTION, EKU_DOCUMENT_SIGNING]);
            ext.push(eku.to_extension(subject, &ext)?);
        }
        let aki = AuthorityKeyIdentifier { key_identifier: Some(issuer_ski.0), ..Default::default() };
        ext.push(aki.to_extension(subject, &ext)?);
        ext.push(ski.to_extension(subject, &ext)?);
        Ok(ext)
    }
}

/// Issues a certificate for `key` signed by `issuer_key`, valid from yesterday for `days` days.
fn issue(
    key: &SigningKey,
    issuer_key: &SigningKey,
    subject: Name,
    issuer: Name,
    ca: bool,
    days: u32,
) -> Result<Certificate, PdfError> {
    let err = |e: String| cert_err("issuing certificate", e);
    let spki = SubjectPublicKeyInfoOwned::from_key(key.verifying_key()).map_err(|e| err(e.to_string()))?;
    // A positive serial from the key's hash: unique per key, no extra randomness needed.
    let spki_der = spki.to_der().map_err(|e| err(e.to_string()))?;
    let mut serial = Sha256::digest(&spki_der)[..16].to_vec();
    serial[0] &= 0x7f;
    serial[0] |= 0x40;
    let serial = SerialNumber::new(&serial).map_err(|e| err(e.to_string()))?;
    let mut validity = Validity::from_now(DAY * days).map_err(|e| err(e.to_string()))?;
    let yesterday = std::time::SystemTime::now() - DAY;
    validity.not_before = Time::try_from(yesterday).map_err(|e| err(e.to_string()))?;
    let builder = CertificateBuilder::new(Profile { subject, issuer, ca }, serial, validity, spki)
        .map_err(|e| err(e.to_string()))?;
    builder.build::<_, DerSignature>(issuer_key).map_err(|e| err(e.to_string()))
}

/// The certificate's DER encoding.
pub(crate) fn der(cert: &Certificate) -> Result<Vec<u8>, PdfError> {
    cert.to_der().map_err(|e| cert_err("encoding certificate", e))
}

/// RFC 5280 upper bound of commonName and organizationName (characters).
const UB_NAME: usize = 64;

/// Cuts a name to at most `max` characters.
fn upper_bound(s: &str, max: usize) -> String {
    s.chars().take(max).collect::<String>().trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_identity_has_the_right_names_and_extensions() {
        let id = SigningIdentity::create_demo("Trường Tiểu học Sà Phìn, xã Sà Phìn").expect("demo identity");
        assert_eq!(id.signer_name, "Trường Tiểu học Sà Phìn, xã Sà Phìn (TEST)");
        assert_eq!(common_name(id.ca.tbs_certificate().subject()), "hocba TEST CA (not for real use)");
        let long = "Trường Tiểu học và Trung học cơ sở số 2 xã Bản Lầu, huyện Mường Khương, tỉnh Lào Cai";
        let id = SigningIdentity::create_demo(long).expect("long school name");
        assert!(id.signer_name.chars().count() <= UB_NAME, "{}", id.signer_name);
        let round = <Certificate as der::Decode>::from_der(&der(&id.signer).expect("der")).expect("decodes");
        let (_, eku) = round
            .tbs_certificate()
            .get_extension::<ExtendedKeyUsage>()
            .expect("valid extensions")
            .expect("EKU present");
        assert!(eku.0.contains(&EKU_EMAIL_PROTECTION) && eku.0.contains(&EKU_DOCUMENT_SIGNING));
        let (_, usage) = round.tbs_certificate().get_extension::<KeyUsage>().expect("ok").expect("KU present");
        assert!(usage.digital_signature() && usage.non_repudiation() && !usage.key_cert_sign());
        let (_, bc) = id.ca.tbs_certificate().get_extension::<BasicConstraints>().expect("ok").expect("BC present");
        assert!(bc.ca);
        let (_, usage) = id.ca.tbs_certificate().get_extension::<KeyUsage>().expect("ok").expect("KU present");
        assert!(usage.key_cert_sign());
    }

    #[test]
    fn identity_is_shareable() {
        fn assert_send_sync_clone<T: Send + Sync + Clone>() {}
        assert_send_sync_clone::<SigningIdentity>();
    }

    #[test]
    fn identity_round_trips_through_files() {
        let dir = std::env::temp_dir().join(format!("hocba-pdf-certs-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let created = SigningIdentity::load_or_create(&dir, "Trường Tiểu học Kim Đồng").expect("created");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir.join(KEY_FILE)).expect("key file").permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let loaded = SigningIdentity::load_or_create(&dir, "ignored when files exist").expect("loaded");
        assert_eq!(loaded.signer, created.signer);
        assert_eq!(loaded.ca_certificate_pem(), created.ca_certificate_pem());
        assert!(loaded.ca_certificate_pem().starts_with("-----BEGIN CERTIFICATE-----"));

        std::fs::remove_file(dir.join(CA_FILE)).expect("remove");
        let err = SigningIdentity::load_or_create(&dir, "x").expect_err("partial set refused");
        assert!(err.to_string().contains(CA_FILE), "{err}");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
