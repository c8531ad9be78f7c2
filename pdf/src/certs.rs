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
use spki::DecodePublicKey;
use spki::{EncodePublicKey, SubjectPublicKeyInfoOwned, SubjectPublicKeyInfoRef};
use std::path::Path;
use std::str::FromStr;
use std::time::Duration;
use x509_cert::builder::profile::BuilderProfile;
use x509_cert::builder::{Builder, CertificateBuilder};
use x509_cert::certificate::TbsCertificate;
use x509_cert::ext::pkix::crl::dp::DistributionPoint;
use x509_cert::ext::pkix::name::{DistributionPointName, GeneralName};
use x509_cert::ext::pkix::{
    AuthorityKeyIdentifier, BasicConstraints, CrlDistributionPoints, ExtendedKeyUsage, KeyUsage, KeyUsages,
    SubjectKeyIdentifier,
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
/// id-kp-timeStamping (RFC 3161 §2.3).
const EKU_TIME_STAMPING: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.3.8");
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
    /// Further issuer certificates above `ca`, towards the root (empty when `ca` is the root or
    /// when the chain given stopped at `ca`). Embed `signer`, `ca`, then these.
    pub(crate) chain: Vec<Certificate>,
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
        Ok(SigningIdentity { key, signer, ca, signer_name, chain: Vec::new() })
    }

    /// A fresh demo CA (10 years) and signer certificate (5 years) for `school_name`.
    pub(crate) fn create_demo(school_name: &str) -> Result<SigningIdentity, PdfError> {
        let ca = TestCa::create(school_name)?;
        let school = upper_bound(&hocba_core::text::clean(school_name), UB_NAME - 7);
        ca.issue(&format!("{school} (TEST)"), &school, 5 * 365)
    }

    /// Builds an identity from a PKCS#8 (DER) P-256 key, the signer certificate (PEM) and its issuer
    /// chain (PEM certificates, the direct issuer first, at least one). Checks that the key belongs
    /// to the certificate and that each certificate names the next one as its issuer.
    pub fn from_parts(key_pkcs8_der: &[u8], signer_pem: &str, chain_pem: &str) -> Result<SigningIdentity, PdfError> {
        let signer = Certificate::from_pem(signer_pem).map_err(|e| cert_err("signer certificate", e))?;
        let mut issuers = Certificate::load_pem_chain(chain_pem.as_bytes()).map_err(|e| cert_err("issuer chain", e))?;
        if issuers.is_empty() {
            return Err(PdfError::Certificate("the issuer chain is empty".into()));
        }
        let key = SigningKey::from_pkcs8_der(key_pkcs8_der).map_err(|e| cert_err("signer key", e))?;
        check_key_matches(&key, &signer)?;
        let mut below = &signer;
        for issuer in &issuers {
            if below.tbs_certificate().issuer() != issuer.tbs_certificate().subject() {
                return Err(PdfError::Certificate(format!(
                    "\"{}\" was not issued by \"{}\"",
                    common_name(below.tbs_certificate().subject()),
                    common_name(issuer.tbs_certificate().subject())
                )));
            }
            below = issuer;
        }
        let ca = issuers.remove(0);
        let signer_name = common_name(signer.tbs_certificate().subject());
        Ok(SigningIdentity { key, signer, ca, signer_name, chain: issuers })
    }

    /// The signer's private key as PKCS#8 DER (to store it encrypted).
    pub fn key_pkcs8_der(&self) -> Result<Vec<u8>, PdfError> {
        Ok(self.key.to_pkcs8_der().map_err(|e| cert_err("encoding key", e))?.as_bytes().to_vec())
    }

    /// The signer's common name (the /Name of the PDF signature).
    pub fn signer_name(&self) -> &str {
        &self.signer_name
    }

    /// The signer certificate, PEM-encoded.
    pub fn signer_certificate_pem(&self) -> String {
        pem(&self.signer).unwrap_or_default()
    }

    /// The issuer chain, PEM-encoded: `ca` first, then the further issuers.
    pub fn chain_pem(&self) -> String {
        self.issuer_chain().filter_map(|c| pem(c).ok()).collect()
    }

    /// The issuer certificates: `ca` first, then the further issuers towards the root.
    pub fn issuer_chain(&self) -> impl Iterator<Item = &Certificate> {
        std::iter::once(&self.ca).chain(self.chain.iter())
    }
}

/// The demo certificate authority of `hocba keys init`: it issues test certificates, which are not for
/// real use (its name says so).
#[derive(Clone)]
pub struct TestCa {
    pub(crate) key: SigningKey,
    pub(crate) cert: Certificate,
}

impl std::fmt::Debug for TestCa {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TestCa")
            .field("name", &common_name(self.cert.tbs_certificate().subject()))
            .finish_non_exhaustive()
    }
}

impl TestCa {
    /// The common name of every demo CA.
    pub const NAME: &'static str = "hocba TEST CA (not for real use)";

    /// A fresh demo CA (10 years), O = the school.
    pub fn create(school_name: &str) -> Result<TestCa, PdfError> {
        TestCa::create_named(TestCa::NAME, school_name)
    }

    /// A fresh CA (10 years) under another name than the demo's, O = `organisation`: what tests and
    /// trials use to stand for a province's or a public CA, whose documents are not trials.
    pub fn create_named(common_name: &str, organisation: &str) -> Result<TestCa, PdfError> {
        let school = upper_bound(&hocba_core::text::clean(organisation), UB_NAME - 7);
        let cn = upper_bound(&hocba_core::text::clean(common_name), UB_NAME);
        let ca_name = name(&cn, &school)?;
        let key = generate_key()?;
        let profile = Profile { subject: ca_name.clone(), issuer: ca_name, kind: CertKind::Ca, crl_url: None };
        let cert = issue(&key, &key, profile, 3650)?;
        Ok(TestCa { key, cert })
    }

    /// A stored demo CA: its certificate (PEM) and PKCS#8 DER key, which must belong together.
    pub fn from_parts(cert_pem: &str, key_pkcs8_der: &[u8]) -> Result<TestCa, PdfError> {
        let cert = Certificate::from_pem(cert_pem).map_err(|e| cert_err("CA certificate", e))?;
        let key = SigningKey::from_pkcs8_der(key_pkcs8_der).map_err(|e| cert_err("CA key", e))?;
        check_key_matches(&key, &cert)?;
        Ok(TestCa { key, cert })
    }

    pub fn certificate_pem(&self) -> String {
        pem(&self.cert).unwrap_or_default()
    }

    /// The CA key as PKCS#8 DER (to store it encrypted).
    pub fn key_pkcs8_der(&self) -> Result<Vec<u8>, PdfError> {
        Ok(self.key.to_pkcs8_der().map_err(|e| cert_err("encoding key", e))?.as_bytes().to_vec())
    }

    /// Issues a signer certificate (CN = `common_name`, O = `organisation`, C = VN) with a new P-256
    /// key, valid from yesterday for `days` days.
    pub fn issue(&self, common_name: &str, organisation: &str, days: u32) -> Result<SigningIdentity, PdfError> {
        self.issue_with_crl(common_name, organisation, days, None)
    }

    /// [`TestCa::issue`], naming where the CA publishes its CRL (`crl_url`: the certificate's CRL
    /// distribution point, so a verifier can fetch the revocation list).
    pub fn issue_with_crl(
        &self,
        common_name: &str,
        organisation: &str,
        days: u32,
        crl_url: Option<&str>,
    ) -> Result<SigningIdentity, PdfError> {
        let cn = upper_bound(&hocba_core::text::clean(common_name), UB_NAME);
        let org = upper_bound(&hocba_core::text::clean(organisation), UB_NAME);
        let subject = name(&cn, &org)?;
        self.issue_kind(subject, cn, CertKind::Signer, days, crl_url)
    }

    /// Issues a timestamp authority certificate (critical EKU timeStamping) with a new P-256 key.
    pub fn issue_time_stamping(&self, common_name: &str, days: u32) -> Result<SigningIdentity, PdfError> {
        self.issue_time_stamping_with_crl(common_name, days, None)
    }

    /// [`TestCa::issue_time_stamping`] with the CA's CRL distribution point.
    pub fn issue_time_stamping_with_crl(
        &self,
        common_name: &str,
        days: u32,
        crl_url: Option<&str>,
    ) -> Result<SigningIdentity, PdfError> {
        let cn = upper_bound(&hocba_core::text::clean(common_name), UB_NAME);
        let subject = name(&cn, "hocba")?;
        self.issue_kind(subject, cn, CertKind::TimeStamping, days, crl_url)
    }

    fn issue_kind(
        &self,
        subject: Name,
        cn: String,
        kind: CertKind,
        days: u32,
        crl_url: Option<&str>,
    ) -> Result<SigningIdentity, PdfError> {
        let key = generate_key()?;
        let issuer = self.cert.tbs_certificate().subject().clone();
        let profile = Profile { subject, issuer, kind, crl_url: crl_url.map(str::to_string) };
        let signer = issue(&key, &self.key, profile, days)?;
        Ok(SigningIdentity { key, signer, ca: self.cert.clone(), signer_name: cn, chain: Vec::new() })
    }
}

/// The public key algorithm of a certificate or private key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyKind {
    /// ECDSA on NIST P-256: what hocba signs with.
    P256,
    Rsa,
    Other,
}

/// rsaEncryption.
const RSA_ENCRYPTION: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");

impl KeyKind {
    /// The kind of a PKCS#8 (DER) private key.
    pub fn of_pkcs8(der: &[u8]) -> KeyKind {
        if SigningKey::from_pkcs8_der(der).is_ok() {
            return KeyKind::P256;
        }
        match p256::pkcs8::PrivateKeyInfoRef::try_from(der) {
            Ok(info) if info.algorithm.oid == RSA_ENCRYPTION => KeyKind::Rsa,
            _ => KeyKind::Other,
        }
    }
}

/// What the keystore stores and shows of a certificate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertificateInfo {
    /// The subject's common name (the whole subject when it has none).
    pub holder: String,
    /// The issuer's common name (the whole issuer name when it has none).
    pub issuer: String,
    /// The serial number, upper-case hex.
    pub serial: String,
    pub not_before: chrono::DateTime<chrono::Utc>,
    pub not_after: chrono::DateTime<chrono::Utc>,
    /// A CA certificate (basicConstraints cA).
    pub is_ca: bool,
    /// The subject names itself as issuer (a root).
    pub self_signed: bool,
    pub key_kind: KeyKind,
    /// The certificate, PEM-encoded.
    pub pem: String,
    subject_der: Vec<u8>,
    issuer_der: Vec<u8>,
}

impl CertificateInfo {
    /// Reads one PEM certificate.
    pub fn from_pem(text: &str) -> Result<CertificateInfo, PdfError> {
        let cert = Certificate::from_pem(text).map_err(|e| cert_err("certificate", e))?;
        CertificateInfo::of(&cert)
    }

    /// Reads one DER certificate.
    pub fn from_der(bytes: &[u8]) -> Result<CertificateInfo, PdfError> {
        let cert = <Certificate as der::Decode>::from_der(bytes).map_err(|e| cert_err("certificate", e))?;
        CertificateInfo::of(&cert)
    }

    /// Every certificate of a PEM bundle, in order.
    pub fn all_from_pem(bundle: &str) -> Result<Vec<CertificateInfo>, PdfError> {
        let certs = Certificate::load_pem_chain(bundle.as_bytes()).map_err(|e| cert_err("certificates", e))?;
        certs.iter().map(CertificateInfo::of).collect()
    }

    /// `self` names `other` as its issuer.
    pub fn issued_by(&self, other: &CertificateInfo) -> bool {
        self.issuer_der == other.subject_der
    }

    /// Orders `pool` into the issuer chain of `self` (direct issuer first), following names; the
    /// certificates that are not on the path are left out.
    pub fn issuer_path(&self, pool: &[CertificateInfo]) -> Vec<CertificateInfo> {
        let mut path: Vec<CertificateInfo> = Vec::new();
        let mut below = self;
        while !below.self_signed {
            let Some(next) = pool.iter().find(|c| below.issued_by(c) && !path.contains(c) && *c != self) else {
                break;
            };
            path.push(next.clone());
            below = next;
        }
        path
    }

    fn of(cert: &Certificate) -> Result<CertificateInfo, PdfError> {
        let tbs = cert.tbs_certificate();
        let display = |n: &Name| {
            let cn = common_name(n);
            if cn.is_empty() {
                n.to_string()
            } else {
                cn
            }
        };
        let time = |t: Time| crate::asn1_time::to_utc(t).ok_or_else(|| cert_err("certificate validity", t));
        let is_ca = tbs.get_extension::<BasicConstraints>().ok().flatten().is_some_and(|(_, bc)| bc.ca);
        let spki_der = tbs.subject_public_key_info().to_der().map_err(|e| cert_err("certificate key", e))?;
        let key_kind = if p256::ecdsa::VerifyingKey::from_public_key_der(&spki_der).is_ok() {
            KeyKind::P256
        } else if tbs.subject_public_key_info().algorithm.oid == RSA_ENCRYPTION {
            KeyKind::Rsa
        } else {
            KeyKind::Other
        };
        let serial: String = tbs.serial_number().as_bytes().iter().map(|b| format!("{b:02X}")).collect();
        Ok(CertificateInfo {
            holder: display(tbs.subject()),
            issuer: display(tbs.issuer()),
            serial,
            not_before: time(tbs.validity().not_before)?,
            not_after: time(tbs.validity().not_after)?,
            is_ca,
            self_signed: tbs.subject() == tbs.issuer(),
            key_kind,
            pem: pem(cert)?,
            subject_der: tbs.subject().to_der().map_err(|e| cert_err("certificate name", e))?,
            issuer_der: tbs.issuer().to_der().map_err(|e| cert_err("certificate name", e))?,
        })
    }
}

/// The key must belong to the certificate.
fn check_key_matches(key: &SigningKey, cert: &Certificate) -> Result<(), PdfError> {
    let key_spki = key.verifying_key().to_public_key_der().map_err(|e| cert_err("key", e))?;
    let cert_spki =
        cert.tbs_certificate().subject_public_key_info().to_der().map_err(|e| cert_err("certificate", e))?;
    if key_spki.as_bytes() != cert_spki.as_slice() {
        return Err(PdfError::Certificate("the key does not belong to the certificate".into()));
    }
    Ok(())
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
    name.iter().filter(|atv| atv.oid == COMMON_NAME).find_map(|atv| any_text(&atv.value)).unwrap_or_default()
}

/// A directory string as text: UTF8String (ours), PrintableString, IA5String or BMPString (other CAs).
fn any_text(value: &der::asn1::Any) -> Option<String> {
    use der::asn1::{BmpString, Ia5StringRef, PrintableStringRef};
    use der::{Tag, Tagged};
    match value.tag() {
        Tag::Utf8String => Utf8StringRef::try_from(value).ok().map(|s| s.as_str().to_string()),
        Tag::PrintableString => value.decode_as::<PrintableStringRef<'_>>().ok().map(|s| s.as_str().to_string()),
        Tag::Ia5String => value.decode_as::<Ia5StringRef<'_>>().ok().map(|s| s.as_str().to_string()),
        Tag::BmpString => value.decode_as::<BmpString>().ok().map(|s| s.to_string()),
        _ => None,
    }
}

/// The extensions of the two kinds of certificate.
struct Profile {
    subject: Name,
    issuer: Name,
    kind: CertKind,
    /// The issuer's CRL, for the CRL distribution points extension.
    crl_url: Option<String>,
}

/// What a test certificate is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CertKind {
    Ca,
    /// Signs documents (as an e-mail signer too, for NSS).
    Signer,
    /// A timestamp authority: the only, critical, extended key usage is timeStamping (RFC 3161 §2.3).
    TimeStamping,
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
        let ca = self.kind == CertKind::Ca;
        ext.push(BasicConstraints { ca, path_len_constraint: ca.then_some(0) }.to_extension(subject, &ext)?);
        let usage = if ca {
            KeyUsages::KeyCertSign | KeyUsages::CRLSign
        } else {
            KeyUsages::DigitalSignature | KeyUsages::NonRepudiation
        };
        ext.push(KeyUsage(usage).to_extension(subject, &ext)?);
        match self.kind {
            CertKind::Ca => {}
            CertKind::Signer => {
                let eku = ExtendedKeyUsage(vec![EKU_EMAIL_PROTECTION, EKU_DOCUMENT_SIGNING]);
                ext.push(eku.to_extension(subject, &ext)?);
            }
            CertKind::TimeStamping => {
                let mut eku = ExtendedKeyUsage(vec![EKU_TIME_STAMPING]).to_extension(subject, &ext)?;
                eku.critical = true;
                ext.push(eku);
            }
        }
        if let Some(url) = &self.crl_url {
            ext.push(crl_distribution_point(url)?.to_extension(subject, &ext)?);
        }
        let aki = AuthorityKeyIdentifier { key_identifier: Some(issuer_ski.0), ..Default::default() };
        ext.push(aki.to_extension(subject, &ext)?);
        ext.push(ski.to_extension(subject, &ext)?);
        Ok(ext)
    }
}

/// Issues a certificate for `key` signed by `issuer_key`, valid from yesterday for `days` days.
/// A CRL distribution points extension with one full-name URI.
fn crl_distribution_point(url: &str) -> der::Result<CrlDistributionPoints> {
    let uri = GeneralName::UniformResourceIdentifier(der::asn1::Ia5String::new(url)?);
    Ok(CrlDistributionPoints(vec![DistributionPoint {
        distribution_point: Some(DistributionPointName::FullName(vec![uri])),
        reasons: None,
        crl_issuer: None,
    }]))
}

/// The HTTP(S) addresses of a certificate's CRL distribution points, where its issuer publishes the
/// revocation list that covers it (empty when it names none).
pub fn crl_urls(cert: &Certificate) -> Vec<String> {
    let Ok(Some((_, points))) = cert.tbs_certificate().get_extension::<CrlDistributionPoints>() else {
        return Vec::new();
    };
    points
        .0
        .into_iter()
        .filter_map(|p| match p.distribution_point {
            Some(DistributionPointName::FullName(names)) => Some(names),
            _ => None,
        })
        .flatten()
        .filter_map(|n| match n {
            GeneralName::UniformResourceIdentifier(uri) => Some(uri.to_string()),
            _ => None,
        })
        .filter(|uri| uri.starts_with("http://") || uri.starts_with("https://"))
        .collect()
}

fn issue(key: &SigningKey, issuer_key: &SigningKey, profile: Profile, days: u32) -> Result<Certificate, PdfError> {
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
    let builder = CertificateBuilder::new(profile, serial, validity, spki).map_err(|e| err(e.to_string()))?;
    builder.build::<_, DerSignature>(issuer_key).map_err(|e| err(e.to_string()))
}

#[cfg(test)]
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
    fn a_crl_distribution_point_is_written_and_read_back() {
        let ca = TestCa::create("Trường Tiểu học Pha Long").expect("CA");
        let url = "https://hocba.example.vn/api/schools/01J/crl";
        let id = ca.issue_with_crl("Vàng Thị Dính", "Trường Tiểu học Pha Long", 30, Some(url)).expect("signer");
        assert_eq!(crl_urls(&id.signer), [url]);
        let tsa = ca.issue_time_stamping_with_crl("TSA", 30, Some("http://127.0.0.1:1/crl")).expect("TSA");
        assert_eq!(crl_urls(&tsa.signer), ["http://127.0.0.1:1/crl"]);
        assert!(crl_urls(&ca.issue("A", "B", 30).expect("plain").signer).is_empty());
        assert!(crl_urls(&ca.cert).is_empty(), "the CA names none");
    }

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
    fn test_ca_issues_identities_that_round_trip_through_parts() {
        let ca = TestCa::create("Trường Tiểu học Kim Đồng").expect("ca");
        let stored = TestCa::from_parts(&ca.certificate_pem(), &ca.key_pkcs8_der().expect("key")).expect("stored ca");
        let id = stored.issue("Vàng Thị Dung", "Trường Tiểu học Kim Đồng", 30).expect("issued");
        assert_eq!(id.signer_name(), "Vàng Thị Dung");
        let key = id.key_pkcs8_der().expect("key");
        assert_eq!(KeyKind::of_pkcs8(&key), KeyKind::P256);
        let back = SigningIdentity::from_parts(&key, &id.signer_certificate_pem(), &id.chain_pem()).expect("parts");
        assert_eq!(back.signer, id.signer);
        assert_eq!(back.ca, id.ca);
        assert!(back.chain.is_empty());

        let info = CertificateInfo::from_pem(&id.signer_certificate_pem()).expect("info");
        assert_eq!(info.holder, "Vàng Thị Dung");
        assert_eq!(info.issuer, TestCa::NAME);
        assert!(!info.is_ca && !info.self_signed && info.key_kind == KeyKind::P256);
        assert!((30..=31).contains(&(info.not_after - info.not_before).num_days()), "{info:?}");
        let ca_info = CertificateInfo::from_pem(&ca.certificate_pem()).expect("ca info");
        assert!(ca_info.is_ca && ca_info.self_signed && info.issued_by(&ca_info));
        assert_eq!(info.issuer_path(std::slice::from_ref(&ca_info)), vec![ca_info]);

        let other = TestCa::create("Trường khác").expect("other ca");
        let err = SigningIdentity::from_parts(&key, &id.signer_certificate_pem(), &other.certificate_pem())
            .expect_err("wrong issuer");
        assert!(err.to_string().contains("was not issued by"), "{err}");
        let stranger = other.issue("Người lạ", "Trường khác", 30).expect("issued");
        let err = SigningIdentity::from_parts(
            &stranger.key_pkcs8_der().expect("key"),
            &id.signer_certificate_pem(),
            &id.chain_pem(),
        )
        .expect_err("key of another certificate");
        assert!(err.to_string().contains("does not belong"), "{err}");
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
