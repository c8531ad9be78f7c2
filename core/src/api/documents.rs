//! Issued documents (yearly records and hand-over học bạ), their verification and the signing
//! readiness of the school's signers.

use serde::{Deserialize, Serialize};

/// Who signs a document, in signing order: the homeroom teacher, the principal, then the school's
/// organisational certificate (the seal).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SignerRole {
    Teacher,
    Principal,
    Seal,
}

impl SignerRole {
    pub const ALL: [SignerRole; 3] = [SignerRole::Teacher, SignerRole::Principal, SignerRole::Seal];

    pub fn code(self) -> &'static str {
        match self {
            SignerRole::Teacher => "teacher",
            SignerRole::Principal => "principal",
            SignerRole::Seal => "seal",
        }
    }

    pub fn parse(code: &str) -> Option<SignerRole> {
        SignerRole::ALL.into_iter().find(|r| r.code() == code)
    }
}

/// What kind of document was issued.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    /// One approved school year: signed by the teacher, the principal and the seal.
    YearlyRecord,
    /// The whole học bạ handed over at graduation or transfer, carrying the signed yearly records.
    HandOver,
}

impl DocumentKind {
    pub fn code(self) -> &'static str {
        match self {
            DocumentKind::YearlyRecord => "yearly_record",
            DocumentKind::HandOver => "hand_over",
        }
    }

    pub fn parse(code: &str) -> Option<DocumentKind> {
        [DocumentKind::YearlyRecord, DocumentKind::HandOver].into_iter().find(|k| k.code() == code)
    }
}

/// The answer of a verification, from most to least reassuring.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Every signature is intact and was made with a certificate of a known school CA.
    Authentic,
    /// The bytes changed after signing (or an attached yearly record does not belong to it).
    Modified,
    /// The school revoked this document (a re-issue has a new code).
    Revoked,
    /// The signatures are intact but the signer's certificate is not from a known CA, or is
    /// expired, not yet valid or revoked.
    UnknownSigner,
    /// The file carries no signature, or is not a học bạ document at all.
    NotSigned,
    /// No document has this verification code.
    NotFound,
}

impl Verdict {
    /// Every verdict, from most to least reassuring.
    pub const ALL: [Verdict; 6] = [
        Verdict::Authentic,
        Verdict::Modified,
        Verdict::Revoked,
        Verdict::UnknownSigner,
        Verdict::NotSigned,
        Verdict::NotFound,
    ];

    pub fn is_authentic(self) -> bool {
        self == Verdict::Authentic
    }
}

/// One signature of a verified document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SignatureCheck {
    /// The role the signature was made in, when the document says so.
    pub role: Option<SignerRole>,
    /// The certificate holder's name.
    pub signer: String,
    /// The certificate issuer's name.
    pub issuer: String,
    /// RFC 3339: the signing time the signature claims (or the timestamp's, when there is one).
    pub signed_at: Option<String>,
    /// The signed bytes are unchanged.
    pub intact: bool,
    /// The certificate chains to a trusted CA and was valid at the signing time.
    pub trusted: bool,
    /// An RFC 3161 timestamp proves the signing time.
    pub timestamped: bool,
    /// Why the signature is not intact or not trusted (Vietnamese), when it is not.
    pub problem: Option<String>,
    /// Made with a certificate of hocba's demo CA: a trial, with no legal value.
    #[serde(default)]
    pub test_certificate: bool,
    /// The certificate's serial number (upper-case hex).
    #[serde(default)]
    pub certificate_serial: Option<String>,
    /// RFC 3339: when the school revoked the signer's certificate, if it did (a signature made
    /// before stays valid; one made after does not).
    #[serde(default)]
    pub certificate_revoked_at: Option<String>,
    /// The first signature certifies the document (DocMDP): later changes are limited to more
    /// signatures (P = 2).
    #[serde(default)]
    pub certifies: bool,
}

/// What one revision of a signed PDF (the document as created, then each incremental update)
/// did to the one before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RevisionChange {
    /// The document as created (pages, the record's XML).
    Created,
    /// A signature in an empty field.
    Signature,
    /// A document timestamp (PAdES B-LTA).
    DocumentTimestamp,
    /// Certificates and revocation lists added to the DSS.
    ValidationData,
    /// Nothing a reader sees or a signature covers.
    Nothing,
    /// Content, pages, fields or metadata changed.
    Other,
}

/// How far a revision changed the document (the levels PDF validators such as pyHanko report).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ModificationLevel {
    /// No change to what was signed.
    None,
    /// Only long-term validation data and document timestamps.
    LtaUpdates,
    /// Only signatures in the document's signature fields (allowed by its certification, P = 2).
    FormFilling,
    /// Anything else: after a signature, the document is no longer the one signed.
    Other,
}

impl RevisionChange {
    pub fn level(self) -> ModificationLevel {
        match self {
            RevisionChange::Created | RevisionChange::Nothing => ModificationLevel::None,
            RevisionChange::DocumentTimestamp | RevisionChange::ValidationData => ModificationLevel::LtaUpdates,
            RevisionChange::Signature => ModificationLevel::FormFilling,
            RevisionChange::Other => ModificationLevel::Other,
        }
    }
}

/// One revision of a verified PDF, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RevisionCheck {
    /// 1 for the document as created.
    pub number: u32,
    pub change: RevisionChange,
    pub level: ModificationLevel,
    /// The signature or timestamp field it filled.
    pub field: Option<String>,
    /// The role of the signature it added.
    pub role: Option<SignerRole>,
    /// The byte offset where the revision ends.
    pub end: u64,
}

/// A yearly record attached to a hand-over document, verified on its own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AttachmentCheck {
    pub file_name: String,
    pub school_year: Option<String>,
    /// The attached record's own verification code, when it carries one.
    #[serde(default)]
    pub code: Option<String>,
    pub verdict: Verdict,
    pub signatures: Vec<SignatureCheck>,
    pub problem: Option<String>,
}

/// `POST /api/verify` (upload) and `GET /api/verify/{code}` (QR link or typed code).
/// Tells no more than the document itself shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VerifyReport {
    pub verdict: Verdict,
    /// The short verification code printed on the document.
    pub code: Option<String>,
    pub kind: Option<DocumentKind>,
    pub pupil_name: Option<String>,
    pub school_name: Option<String>,
    /// The school years the document covers.
    pub school_years: Vec<String>,
    /// RFC 3339.
    pub issued_at: Option<String>,
    pub signatures: Vec<SignatureCheck>,
    pub attachments: Vec<AttachmentCheck>,
    /// Set when the verdict is [`Verdict::Revoked`].
    pub revoked_at: Option<String>,
    pub revoked_reason: Option<String>,
    /// Why the verdict is not authentic (Vietnamese), in one sentence.
    pub problem: Option<String>,
    /// The record the document vouches for, year by year, as its signed XML says: what a
    /// receiver compares with a printout.
    #[serde(default)]
    pub years: Vec<crate::transcript::YearRecord>,
    /// Signed with test certificates (hocba's demo CA): a trial, with no legal value.
    #[serde(default)]
    pub test_certificate: bool,
    /// RFC 3339: when a newer document replaced this one (the school's register says so).
    #[serde(default)]
    pub superseded_at: Option<String>,
    /// The newer document's verification code.
    #[serde(default)]
    pub superseded_by: Option<String>,
    /// RFC 3339: the last document timestamp (PAdES B-LTA), which proves the document and its
    /// validation data existed then.
    #[serde(default)]
    pub archived_at: Option<String>,
    /// The PDF's revisions with what each changed (empty for an XML or a check by code).
    #[serde(default)]
    pub revisions: Vec<RevisionCheck>,
}

impl VerifyReport {
    /// A report with only a verdict and its reason.
    pub fn only(verdict: Verdict, problem: Option<String>) -> VerifyReport {
        VerifyReport {
            verdict,
            code: None,
            kind: None,
            pupil_name: None,
            school_name: None,
            school_years: Vec::new(),
            issued_at: None,
            signatures: Vec::new(),
            attachments: Vec::new(),
            revoked_at: None,
            revoked_reason: None,
            problem,
            years: Vec::new(),
            test_certificate: false,
            superseded_at: None,
            superseded_by: None,
            archived_at: None,
            revisions: Vec::new(),
        }
    }
}

/// `POST /api/documents/{document_id}/revoke`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RevokeRequest {
    /// Why the document is revoked (required, at most 500 characters).
    pub reason: String,
}

/// One issued document, as listed for the school.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IssuedDocument {
    pub id: String,
    pub code: String,
    pub kind: DocumentKind,
    pub pupil_id: String,
    pub pupil_name: String,
    pub school_year: Option<String>,
    /// RFC 3339.
    pub issued_at: String,
    pub issued_by: Option<String>,
    /// The roles whose signatures the document carries so far.
    pub signed_by: Vec<SignerRole>,
    /// The roles that still have to sign (on a USB token, with `hocba sign`).
    pub pending: Vec<SignerRole>,
    pub revoked_at: Option<String>,
    pub revoked_reason: Option<String>,
}

/// How the server issues documents, whatever the signers: `GET /api/signing/setup` (principal
/// and admin), shown above the signers on the signing page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SigningSetup {
    /// The configured public address printed in verification links; `None`: issuing is refused.
    pub public_url: Option<String>,
    /// Where timestamps come from: `configured` (tsa_url), `test` (hocba's own test authority, in
    /// the demo), or `None` (signatures carry no timestamp: not long-term).
    pub timestamp_authority: Option<String>,
    /// What needs the administrator's attention (Vietnamese), worst first.
    pub problems: Vec<String>,
}

/// A signer's certificate as shown on the signing readiness page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SignerReadiness {
    pub role: SignerRole,
    /// The staff member (teachers and principal); `None` for the school seal.
    pub user_id: Option<String>,
    /// The person's (or school's) name as the school knows it.
    pub name: String,
    /// The certificate holder, issuer and validity; all `None` when there is no certificate.
    pub holder: Option<String>,
    pub issuer: Option<String>,
    pub not_before: Option<String>,
    pub not_after: Option<String>,
    /// The key is on a USB token (signs with `hocba sign`), not on the server.
    pub on_token: bool,
    /// Issued by the demo CA of `hocba keys init`: not for real use.
    pub test_certificate: bool,
    /// Can sign right now.
    pub ready: bool,
    /// Expires within 30 days.
    pub expires_soon: bool,
    /// Why not ready, or the warning (Vietnamese).
    pub problem: Option<String>,
}

/// `GET /api/signing/pending`: a document waiting for the signed-in user's signature on a USB token
/// (`hocba sign` signs [`PendingSignature::digest`] and uploads the CMS).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PendingSignature {
    /// The document's id (`POST /api/signing/pending/{document_id}`).
    pub id: String,
    pub kind: DocumentKind,
    pub pupil_id: String,
    pub pupil_name: String,
    /// The school year of a yearly record; `None` for the hand-over học bạ.
    pub school_year: Option<String>,
    /// The role the user signs this document in.
    pub role: SignerRole,
    /// The SHA-256 of the signed byte ranges (lower-case hex): the CMS messageDigest.
    pub digest: String,
    /// The certificate the signature must be made with (PEM): the user's active token certificate.
    pub certificate_pem: String,
    /// Its issuer chain (PEM, the direct issuer first), to embed in the CMS.
    pub chain_pem: String,
}

/// `POST /api/signing/pending/{document_id}`: the token's signature over the document's digest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SignatureUpload {
    /// A detached CMS SignedData (DER, standard base64) whose messageDigest is the pending digest.
    pub cms: String,
}

/// A pupil of a batch who could not be issued, with the reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BatchFailure {
    pub pupil_name: String,
    pub error: String,
}

/// `POST /api/classes/{class_id}/hand-over-batch` and `GET /api/batches/{batch_id}`: the hand-over of
/// a whole class, issued pupil by pupil in the background and zipped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BatchProgress {
    pub id: String,
    pub class_id: String,
    pub done: u32,
    pub total: u32,
    /// Every pupil is done and the ZIP can be downloaded (`GET /api/batches/{batch_id}/download`).
    pub finished: bool,
    pub failures: Vec<BatchFailure>,
}

/// `GET /api/pupils/{pupil_id}/credentials.json`: one Open Badges 3.0 credential per approved year,
/// as a VC-JWT (ES256) signed with the school seal's key; the key is published at
/// `GET /api/schools/{school_id}/jwks.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SignedCredential {
    pub school_year: String,
    /// Compact JWS: header `{"alg":"ES256","typ":"vc+jwt","kid":…}`, payload the credential (JSON-LD).
    pub jwt: String,
}

/// A school year a transferred-in pupil studied at another school, imported from that school's
/// signed record after its signatures were verified. It is read-only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportedYear {
    pub id: String,
    pub school_year: String,
    pub grade: u8,
    pub class_name: String,
    pub from_school: String,
    /// The source document's verification code, as printed (`7KQ2-M9XD-4RTA`).
    pub source_code: Option<String>,
    /// `pdf` (a signed yearly record) or `xml` (the XML with its detached signature).
    pub source_format: String,
    pub result: Option<crate::YearResult>,
    /// The source's signatures, as verified at import.
    pub signatures: Vec<SignatureCheck>,
    pub imported_at: String,
    pub imported_by: Option<String>,
}

/// `POST /api/admin/pupils/{pupil_id}/imported-years` as JSON: a học bạ XML and its detached CMS
/// signature (the `.p7s` file, Base64). A signed PDF is posted as `application/pdf` instead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportXml {
    pub xml: String,
    pub signature_base64: String,
}

/// `POST /api/signing/trusted-cas`: a CA certificate (PEM) whose signatures the school accepts,
/// such as the CA of a school its pupils transfer from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TrustCa {
    pub pem: String,
}

/// A CA the school trusts (`GET /api/signing/trusted-cas`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TrustedCa {
    pub id: String,
    pub name: String,
    pub is_test: bool,
    /// The CA of the school's own signers (what other schools add to accept its documents).
    #[serde(default)]
    pub own: bool,
    /// SHA-256 of the certificate (hex), to compare with what the other school reads out.
    pub fingerprint: String,
    pub added_at: String,
}
