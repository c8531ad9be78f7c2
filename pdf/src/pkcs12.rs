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

#[cfg(test)]
mod tests {
    use super::*;
    use std::process::Command;

    fn openssl(dir: &std::path::Path, args: &[&str]) -> bool {
        Command::new("openssl").current_dir(dir).args(args).output().is_ok_and(|o| o.status.success())
    }

    /// A root, an intermediate and a P-256 leaf made by the openssl CLI, exported as PKCS#12 with the
    /// chain in the wrong order: the chain comes back ordered, the key usable, a wrong password named.
    #[test]
    fn reads_an_openssl_pkcs12_with_its_chain() {
        let dir = std::env::temp_dir().join(format!("hocba-pdf-p12-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("dir");
        let ec = ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"];
        let ext = "basicConstraints=critical,CA:TRUE\nkeyUsage=keyCertSign\n";
        std::fs::write(dir.join("ca.ext"), ext).expect("ext");
        let steps: Vec<Vec<&str>> = vec![
            [&["genpkey"][..], &ec, &["-out", "root.key"]].concat(),
            vec!["req", "-x509", "-new", "-utf8", "-key", "root.key", "-subj", "/CN=Gốc thử/C=VN", "-out", "root.pem"],
            [&["genpkey"][..], &ec, &["-out", "mid.key"]].concat(),
            vec!["req", "-new", "-utf8", "-key", "mid.key", "-subj", "/CN=Trung gian/C=VN", "-out", "mid.csr"],
            vec![
                "x509",
                "-req",
                "-in",
                "mid.csr",
                "-CA",
                "root.pem",
                "-CAkey",
                "root.key",
                "-CAcreateserial",
                "-extfile",
                "ca.ext",
                "-out",
                "mid.pem",
            ],
            [&["genpkey"][..], &ec, &["-out", "leaf.key"]].concat(),
            vec!["req", "-new", "-utf8", "-key", "leaf.key", "-subj", "/CN=Hoàng Thị Lan/C=VN", "-out", "leaf.csr"],
            vec![
                "x509",
                "-req",
                "-in",
                "leaf.csr",
                "-CA",
                "mid.pem",
                "-CAkey",
                "mid.key",
                "-CAcreateserial",
                "-out",
                "leaf.pem",
            ],
        ];
        for step in &steps {
            if !openssl(&dir, step) {
                assert!(std::env::var_os("CI").is_none(), "openssl {step:?} failed");
                eprintln!("openssl CLI unavailable: skipped");
                return;
            }
        }
        let bundle_pem = [
            std::fs::read_to_string(dir.join("root.pem")).expect("root"),
            std::fs::read_to_string(dir.join("mid.pem")).expect("mid"),
        ]
        .concat();
        std::fs::write(dir.join("cas.pem"), bundle_pem).expect("cas");
        let export = [
            "pkcs12",
            "-export",
            "-inkey",
            "leaf.key",
            "-in",
            "leaf.pem",
            "-certfile",
            "cas.pem",
            "-out",
            "leaf.p12",
            "-passout",
            "pass:s3cret",
        ];
        assert!(openssl(&dir, &export));
        let bytes = std::fs::read(dir.join("leaf.p12")).expect("p12");

        let bundle = read_pkcs12(&bytes, "s3cret").expect("read");
        assert_eq!(bundle.key_kind, KeyKind::P256);
        assert_eq!(bundle.certificate.holder, "Hoàng Thị Lan");
        let chain: Vec<&str> = bundle.chain.iter().map(|c| c.holder.as_str()).collect();
        assert_eq!(chain, ["Trung gian", "Gốc thử"]);
        let chain_pem: String = bundle.chain.iter().map(|c| c.pem.as_str()).collect();
        let id = crate::SigningIdentity::from_parts(&bundle.key_pkcs8_der, &bundle.certificate.pem, &chain_pem)
            .expect("usable identity");
        assert_eq!(id.signer_name(), "Hoàng Thị Lan");
        assert_eq!(id.issuer_chain().count(), 2);

        assert!(matches!(read_pkcs12(&bytes, "wrong"), Err(Pkcs12Error::WrongPassword)));
        assert!(matches!(read_pkcs12(b"not a p12", "x"), Err(Pkcs12Error::Invalid(_))));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
