//! The signers' keys and certificates as stored (SQL): the key store (`signing_cas`,
//! `signer_certificates`, `hocba keys …`, the signer of a role at a time), the CAs trusted for
//! transfers in, who can sign now, and the revocation lists of the CAs the school runs. The cryptographic glue (key encryption, the [`Signer`]
//! handed to the PDF signer, PKCS#11, timestamps) is in `crate::signing`.
//!
//! [`Signer`]: crate::signing::Signer

pub mod keystore;
pub mod readiness;
pub mod revocation;
pub mod trusted;

pub use keystore::{signer_for, trusted_cas};
