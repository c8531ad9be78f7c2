//! A [`SigningIdentity`] (key in memory) as a [`RawSigner`].

use crate::certs::SigningIdentity;
use crate::cms::{sign_err, RawSigner, ECDSA_WITH_SHA256};
use crate::PdfError;
use der::oid::ObjectIdentifier;
use p256::ecdsa::signature::Signer;
use p256::ecdsa::DerSignature;
use x509_cert::Certificate;

impl RawSigner for SigningIdentity {
    fn certificate(&self) -> &Certificate {
        &self.signer
    }

    fn chain(&self) -> Vec<Certificate> {
        self.issuer_chain().cloned().collect()
    }

    fn signature_algorithm(&self) -> ObjectIdentifier {
        ECDSA_WITH_SHA256
    }

    fn sign(&self, message: &[u8]) -> Result<Vec<u8>, PdfError> {
        let signature: DerSignature = self.key.try_sign(message).map_err(sign_err)?;
        Ok(signature.as_bytes().to_vec())
    }
}
