//! Signatures made with RSA keys (as issued by Vietnamese public CAs and held on most USB tokens)
//! verify: a CA and a signer certificate made by `openssl`, a detached CMS signature over a yearly
//! record's XML made by `openssl cms -sign`; a changed file or an untrusted CA does not.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use hocba_pdf::verify::{check_detached_file, Trust};
use std::path::Path;
use std::process::Command;

fn openssl(dir: &Path, args: &[&str]) {
    let out =
        Command::new("openssl").args(args).current_dir(dir).output().expect("openssl (cargo xtask test installs it)");
    assert!(out.status.success(), "openssl {args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

/// A CA, a signer issued by it, and a detached signature over `data` (files in `dir`).
fn rsa_signature(dir: &Path, ca_name: &str, data: &[u8]) -> (String, Vec<u8>) {
    std::fs::write(dir.join("data.xml"), data).unwrap();
    std::fs::write(dir.join("ca.ext"), "basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n")
        .unwrap();
    std::fs::write(
        dir.join("leaf.ext"),
        "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\n",
    )
    .unwrap();
    openssl(dir, &["genrsa", "-out", "ca.key", "2048"]);
    let subject = format!("/CN={ca_name}/O=Test");
    openssl(
        dir,
        &[
            "req", "-utf8", "-new", "-x509", "-key", "ca.key", "-subj", &subject, "-days", "30", "-sha256", "-out",
            "ca.pem",
        ],
    );
    openssl(dir, &["genrsa", "-out", "leaf.key", "2048"]);
    openssl(
        dir,
        &[
            "req",
            "-utf8",
            "-new",
            "-key",
            "leaf.key",
            "-subj",
            "/CN=Trường Tiểu học Bản Lầu/O=Test",
            "-out",
            "leaf.csr",
        ],
    );
    openssl(
        dir,
        &[
            "x509",
            "-req",
            "-in",
            "leaf.csr",
            "-CA",
            "ca.pem",
            "-CAkey",
            "ca.key",
            "-CAcreateserial",
            "-days",
            "30",
            "-sha256",
            "-extfile",
            "leaf.ext",
            "-out",
            "leaf.pem",
        ],
    );
    openssl(
        dir,
        &[
            "cms", "-sign", "-binary", "-md", "sha256", "-in", "data.xml", "-signer", "leaf.pem", "-inkey", "leaf.key",
            "-outform", "DER", "-out", "data.p7s",
        ],
    );
    (std::fs::read_to_string(dir.join("ca.pem")).unwrap(), std::fs::read(dir.join("data.p7s")).unwrap())
}

#[test]
fn rsa_signatures_verify_against_their_ca() {
    let dir = tempfile::tempdir().unwrap();
    let data = "<hocBa>Giàng Thị Mỷ</hocBa>".as_bytes();
    let (ca, p7s) = rsa_signature(dir.path(), "VNPT-CA thử", data);
    let trust = Trust::from_pem(&[ca]).unwrap();

    let checked = check_detached_file(data, &p7s, &trust);
    assert!(checked.intact && checked.trusted, "{checked:?}");
    assert_eq!(checked.signer, "Trường Tiểu học Bản Lầu");
    assert_eq!(checked.issuer, "VNPT-CA thử");

    let changed = "<hocBa>Giàng Thị Mý</hocBa>".as_bytes();
    assert!(!check_detached_file(changed, &p7s, &trust).intact, "a changed file fails");

    let other = tempfile::tempdir().unwrap();
    let (other_ca, _) = rsa_signature(other.path(), "Another CA", data);
    let untrusted = check_detached_file(data, &p7s, &Trust::from_pem(&[other_ca]).unwrap());
    assert!(untrusted.intact && !untrusted.trusted, "{untrusted:?}");
}
