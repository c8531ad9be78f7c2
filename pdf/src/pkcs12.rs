//! Reading a signer's PKCS#12 file (.p12/.pfx, as issued by a CA or exported from a browser): the
//! private key, its certificate and the issuer chain the file carries. Pure Rust (`p12-keystore`);
//! both the current PBES2/AES encryption and the legacy 3DES/RC2 one are read.

use crate::certs::{CertificateInfo, KeyKind};

/// What went wrong reading a PKCS#12 file.
#[derive(Debug, thiserror::Error)]
pub enum Pkcs12Error {
    /// The password does not open the file (or the file is damaged).
    #[error("wrong password, or a damaged PKCS#12 file")]
    WrongPassword,
    /// The file holds no private key with its certificate.
    #[error("the PKCS#12 file holds no private key with its certificate")]
    NoKey,
    /// The file cannot be read at all.
    #[error("not a valid PKCS#12 file: {0}")]
    Invalid(String),
}

/// The contents of a PKCS#12 file.
#[derive(Clone)]
pub struct Pkcs12Bundle {
    /// The private key, PKCS#8 DER.
    pub key_pkcs8_der: Vec<u8>,
    pub key_kind: KeyKind,
    /// The certificate of the key.
    pub certificate: CertificateInfo,
    /// The other certificates of the file on the key certificate's issuer path, direct issuer first
    /// (the root last when the file carries it).
    pub chain: Vec<CertificateInfo>,
}

impl std::fmt::Debug for Pkcs12Bundle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pkcs12Bundle")
            .field("key_kind", &self.key_kind)
            .field("certificate", &self.certificate.holder)
            .field("chain", &self.chain.iter().map(|c| c.holder.as_str()).collect::<Vec<_>>())
            .finish_non_exhaustive()
    }
}

/// Opens a PKCS#12 file with its password and answers its first key with certificate and chain.
pub fn read_pkcs12(bytes: &[u8], password: &str) -> Result<Pkcs12Bundle, Pkcs12Error> {
    use p12_keystore::error::Error as E;
    use p12_keystore::{KeyStore, KeyStoreEntry};
    let store = KeyStore::from_pkcs12(bytes, password).map_err(|e| match e {
        E::MacError(_) | E::UnpadError | E::Pkcs5Error(_) => Pkcs12Error::WrongPassword,
        other => Pkcs12Error::Invalid(other.to_string()),
    })?;
    let (_, key_chain) = store.private_key_chain().ok_or(Pkcs12Error::NoKey)?;
    let info = |der: &[u8]| CertificateInfo::from_der(der).map_err(|e| Pkcs12Error::Invalid(e.to_string()));
    let mut certs = key_chain.chain().iter().map(|c| info(c.as_der()));
    let leaf = certs.next().ok_or(Pkcs12Error::NoKey)??;
    let mut pool: Vec<CertificateInfo> = certs.collect::<Result<_, _>>()?;
    for (_, entry) in store.entries() {
        if let KeyStoreEntry::Certificate(c) = entry {
            pool.push(info(c.as_der())?);
        }
    }
    let chain = leaf.issuer_path(&pool);
    let key_der = key_chain.key().to_vec();
    Ok(Pkcs12Bundle { key_kind: KeyKind::of_pkcs8(&key_der), key_pkcs8_der: key_der, certificate: leaf, chain })
}
