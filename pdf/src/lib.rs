//! Học bạ PDF rendering and PAdES signing.
//!
//! - [`Renderer`] draws a pupil's [`hocba_core::transcript::Transcript`] as the TT27 học bạ form
//!   (cover, identity page with quá trình học tập, one page per school year) with printpdf and the
//!   bundled Noto Serif fonts (embedded as subsets). Layout and wording live in
//!   `pdf-templates/hoc-ba-tt27.toml`.
//! - [`sign_pdf`] appends an embedded PAdES B-B signature (CAdES detached, ECDSA P-256, SHA-256) as an
//!   incremental update, with a [`SigningIdentity`] (school signer key and certificate, test CA).
//!
//! What is reused between documents (prebuilt fonts, appearance subsets, hash states) is in the
//! renderer's [`PdfCache`] ([`Renderer::cache`]), passed to [`sign_with`] and [`prepare`].
//!
//! Both are CPU-bound and synchronous: call them off async workers (`spawn_blocking`).

mod appearance;
mod asn1_time;
mod attach;
mod cache;
mod canvas;
mod certs;
pub mod cms;
mod crl;
mod document;
mod fonts;
mod image;
mod layout;
pub mod ltv;
mod pdfa;
mod pkcs12;
mod qr;
mod render;
mod sign;
mod signer;
mod template;
#[cfg(test)]
mod test_pdf;
pub mod tsa;
mod update;
pub mod verify;
mod writer;

pub use appearance::AppearanceLine;
pub use attach::{attach, Attachment, Relationship};
pub use cache::PdfCache;
pub use certs::SigningIdentity;
pub use certs::{crl_urls, CertificateInfo, KeyKind, TestCa};
pub use cms::RawSigner;
pub use crl::{crl_issuer, read_crl, CrlInfo, RevokedSerial};
pub use document::{
    field_name, role_of_field, signing_roles, yearly_record_name, Rect, Rendered, Scope, SignatureBox, SignatureMark,
    SignerRole, Stamp, YearMarks, XML_NAME,
};
pub use pkcs12::{read_pkcs12, Pkcs12Bundle, Pkcs12Error};
pub use render::Renderer;
pub use sign::{prepare, sign_pdf, sign_with, Prepared, SignatureRequest, SIGNATURE_RESERVE};

use std::path::PathBuf;

/// Everything that can go wrong while rendering or signing.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    /// The bundled template is invalid (a build problem, caught by the tests).
    #[error("invalid PDF template: {0}")]
    Template(String),
    /// A bundled font cannot be parsed.
    #[error("font: {0}")]
    Font(String),
    /// The document could not be rendered.
    #[error("rendering failed: {0}")]
    Render(String),
    /// The PDF to sign cannot be read or has an unsupported structure.
    #[error("cannot sign this PDF: {0}")]
    Parse(String),
    /// The CMS signature is larger than the space reserved for it.
    #[error("signature needs {needed} bytes, only {reserved} are reserved")]
    SignatureTooLarge { needed: usize, reserved: usize },
    /// The timestamp authority could not be reached or gave an unusable answer.
    #[error("timestamp: {0}")]
    Timestamp(String),
    /// A certificate or key could not be created, read or used.
    #[error("signing identity: {0}")]
    Certificate(String),
    /// Reading or writing a key or certificate file failed.
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}
