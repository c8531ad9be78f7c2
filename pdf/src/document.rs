//! What a rendered document is made of beyond its pages: which records it covers, the verification
//! stamp printed on every page and where each signer's visible signature goes.

pub use hocba_core::api::documents::SignerRole;

/// Which part of the học bạ a document holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope<'a> {
    /// The hand-over học bạ: cover, identity page with quá trình học tập, every year's pages.
    HandOver,
    /// A yearly record: the page(s) of the school year with this label (e.g. "2024-2025").
    Year(&'a str),
}

/// Printed on every page so that a printout and the digital record can be checked against each other.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamp {
    /// The short code a person can type on the verification page (e.g. "7KQ2-M9XD-4RTA").
    pub code: String,
    /// The verification link the QR code holds (e.g. "https://truong.example/verify/7KQ2M9XD4RTA").
    pub verify_url: String,
}

/// One digital signature of a yearly record, as the hand-over prints it on that year's page.
#[derive(Debug, Clone, PartialEq)]
pub struct SignatureMark {
    pub role: SignerRole,
    /// The certificate holder's name.
    pub signer: String,
    pub signed_at: chrono::DateTime<chrono::Utc>,
}

/// What the hand-over prints on a year's page about that year's own signed record: its signatures
/// (in the teacher's and principal's spaces, the seal's under the principal's) and its code.
#[derive(Debug, Clone, PartialEq)]
pub struct YearMarks {
    pub school_year: String,
    /// The yearly record's verification code, as printed ("XXXX-XXXX-XXXX").
    pub code: String,
    pub signatures: Vec<SignatureMark>,
}

impl YearMarks {
    /// The marks of a signed yearly record, read from its signatures (their roles, holders and
    /// times; the signatures are checked when the document is verified, not here).
    pub fn of_signed(school_year: &str, code: &str, pdf: &[u8]) -> Result<YearMarks, crate::PdfError> {
        let check = crate::verify::check_pdf(pdf, &crate::verify::Trust::default())?;
        let signatures = check
            .signatures
            .iter()
            .filter_map(|s| {
                Some(SignatureMark {
                    role: role_of_field(&s.field_name)?,
                    signer: s.signer.clone(),
                    signed_at: s.signing_time?,
                })
            })
            .collect();
        Ok(YearMarks { school_year: school_year.to_string(), code: code.to_string(), signatures })
    }

    pub(crate) fn of_role(&self, role: SignerRole) -> Option<&SignatureMark> {
        self.signatures.iter().find(|s| s.role == role)
    }
}

/// A rectangle on a page in PDF points, origin at the bottom-left corner of the page.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub x: f32,
    pub y: f32,
    pub width: f32,
    pub height: f32,
}

/// Where the visible appearance of one signer's signature goes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SignatureBox {
    pub role: SignerRole,
    /// Zero-based page index.
    pub page: usize,
    pub rect: Rect,
}

/// A rendered, not yet signed document.
#[derive(Debug, Clone)]
pub struct Rendered {
    pub pdf: Vec<u8>,
    /// One box per role that signs this kind of document (teacher, principal and seal for a yearly
    /// record; principal and seal for the hand-over).
    pub boxes: Vec<SignatureBox>,
}

impl Rendered {
    /// The box of a role, if this document has one.
    pub fn box_for(&self, role: SignerRole) -> Option<SignatureBox> {
        self.boxes.iter().copied().find(|b| b.role == role)
    }
}

/// The signature field name of a role (ASCII, stable: verification reads the role from it).
pub fn field_name(role: SignerRole) -> &'static str {
    match role {
        SignerRole::Teacher => "GiaoVienChuNhiem",
        SignerRole::Principal => "HieuTruong",
        SignerRole::Seal => "DauNhaTruong",
    }
}

/// The role whose field this is.
pub fn role_of_field(name: &str) -> Option<SignerRole> {
    SignerRole::ALL.into_iter().find(|r| field_name(*r) == name)
}

/// The roles that sign a kind of document, in signing order.
pub fn signing_roles(kind: hocba_core::api::documents::DocumentKind) -> &'static [SignerRole] {
    use hocba_core::api::documents::DocumentKind;
    match kind {
        DocumentKind::YearlyRecord => &[SignerRole::Teacher, SignerRole::Principal, SignerRole::Seal],
        DocumentKind::HandOver => &[SignerRole::Principal, SignerRole::Seal],
    }
}

/// File name of the record's XML inside every issued PDF.
pub const XML_NAME: &str = "hoc-ba.xml";

/// File name of an attached yearly record inside a hand-over PDF.
pub fn yearly_record_name(school_year: &str) -> String {
    format!("hoc-ba-nam-hoc-{school_year}.pdf")
}
