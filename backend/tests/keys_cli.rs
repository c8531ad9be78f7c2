//! `hocba keys …` as the real binary on a demo school's SQLite database: `init` creates the test CA
//! and certificates once; `import` reads a PKCS#12 made by the openssl CLI (a wrong password and an
//! RSA key are refused in plain words); `register-token`, `list`, `revoke`, `trust-ca`; a wrong
//! `HOCBA_SIGNING_KEY_SECRET` is named, never a garbage key.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use hocba::services::signers::keystore;
use hocba::signing::Signer;
use hocba::signing::SigningSecret;
use hocba_core::api::documents::SignerRole;
use std::path::Path;
use std::process::{Command, Output};

fn hocba(data: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_hocba"));
    cmd.args(args)
        .arg("--data")
        .arg(data)
        .env_remove("HOCBA_DATABASE_URL")
        .env_remove("HOCBA_CONFIG")
        .env_remove("HOCBA_SIGNING_KEY_SECRET")
        .env_remove("HOCBA_P12_PASSWORD")
        // The demo's data folder keeps its key secret (a school sets HOCBA_SIGNING_KEY_SECRET).
        .env("HOCBA_SIGNING_KEY_SECRET_IN_DATA_DIR", "true")
        .stdin(std::process::Stdio::null());
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("the hocba binary runs")
}

fn ok(out: &Output) -> String {
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(out.status.success(), "{stdout}{}", String::from_utf8_lossy(&out.stderr));
    stdout
}

fn failed(out: &Output) -> String {
    assert!(!out.status.success(), "must fail: {}", String::from_utf8_lossy(&out.stdout));
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn openssl(dir: &Path, args: &[&str]) {
    let out = Command::new("openssl").current_dir(dir).args(args).output().expect("openssl runs");
    assert!(out.status.success(), "openssl {args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

fn has_openssl() -> bool {
    Command::new("openssl").arg("version").output().is_ok_and(|o| o.status.success())
}

/// A CA and a certificate for `cn` issued by it, with a key of `algorithm` (`ec` or `rsa`), as
/// `<name>.p12` (password `mat-khau-1`), `<name>.pem` and `ca-<name>.pem`.
fn make_p12(dir: &Path, name: &str, cn: &str, algorithm: &str) {
    let keyopt: &[&str] = match algorithm {
        "rsa" => &["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"],
        _ => &["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"],
    };
    let ca_key = format!("ca-{name}.key");
    let ca_pem = format!("ca-{name}.pem");
    let key = format!("{name}.key");
    let csr = format!("{name}.csr");
    let pem = format!("{name}.pem");
    let p12 = format!("{name}.p12");
    openssl(dir, &[&["genpkey"], keyopt, &["-out", &ca_key]].concat());
    let ca_subject = format!("/CN=CA thử nghiệm {name}/O=Nhà cung cấp/C=VN");
    openssl(
        dir,
        &["req", "-x509", "-new", "-utf8", "-key", &ca_key, "-subj", &ca_subject, "-days", "60", "-out", &ca_pem],
    );
    openssl(dir, &[&["genpkey"], keyopt, &["-out", &key]].concat());
    let subject = format!("/CN={cn}/O=Trường Tiểu học số 1 thị trấn Mường Khương/C=VN");
    openssl(dir, &["req", "-new", "-utf8", "-key", &key, "-subj", &subject, "-out", &csr]);
    openssl(
        dir,
        &[
            "x509",
            "-req",
            "-in",
            &csr,
            "-CA",
            &ca_pem,
            "-CAkey",
            &ca_key,
            "-CAcreateserial",
            "-days",
            "40",
            "-out",
            &pem,
        ],
    );
    openssl(
        dir,
        &[
            "pkcs12",
            "-export",
            "-inkey",
            &key,
            "-in",
            &pem,
            "-certfile",
            &ca_pem,
            "-out",
            &p12,
            "-passout",
            "pass:mat-khau-1",
        ],
    );
}

#[test]
fn keys_init_import_register_list_revoke() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    let url = data.join("hocba.sqlite3").to_string_lossy().into_owned();
    let db = hocba::db::Db::open(&url).unwrap();
    hocba::bootstrap::first_start(&db, true, data).unwrap();

    let first = ok(&hocba(data, &["keys", "init"], &[]));
    assert!(first.contains("Đã tạo CA thử nghiệm"), "{first}");
    // The seal, the principal and the five teachers.
    assert!(first.contains("Đã cấp 7 chứng thư thử nghiệm"), "{first}");
    assert!(first.contains("Vàng Thị Dung") && first.contains("THỬ NGHIỆM"), "{first}");
    assert!(data.join("signing-key-secret").exists());
    let again = ok(&hocba(data, &["keys", "init"], &[]));
    assert!(again.contains("Không tạo gì mới"), "{again}");

    // Another secret cannot open the stored keys, and says which setting is wrong.
    let wrong = failed(&hocba(data, &["keys", "init"], &[("HOCBA_SIGNING_KEY_SECRET", &"x".repeat(40))]));
    assert!(wrong.contains("HOCBA_SIGNING_KEY_SECRET"), "{wrong}");
    let short = failed(&hocba(data, &["keys", "init"], &[("HOCBA_SIGNING_KEY_SECRET", "short")]));
    assert!(short.contains("ít nhất 32"), "{short}");

    if !has_openssl() {
        assert!(std::env::var_os("CI").is_none(), "the openssl CLI is needed");
        eprintln!("openssl not found: skipping import and register-token");
        return;
    }
    make_p12(data, "lan", "Hoàng Thị Lan", "ec");
    let p12 = data.join("lan.p12").to_string_lossy().into_owned();
    let import = ["keys", "import", p12.as_str(), "--role", "principal", "--user", "hieutruong"];
    let bad = failed(&hocba(data, &import, &[("HOCBA_P12_PASSWORD", "sai")]));
    assert!(bad.contains("Sai mật khẩu"), "{bad}");
    let no_user = failed(&hocba(data, &import[..5], &[("HOCBA_P12_PASSWORD", "mat-khau-1")]));
    assert!(no_user.contains("--user"), "{no_user}");
    let imported = ok(&hocba(data, &import, &[("HOCBA_P12_PASSWORD", "mat-khau-1")]));
    assert!(imported.contains("Đã nhập chứng thư của Hoàng Thị Lan"), "{imported}");
    assert!(imported.contains("CA thử nghiệm lan"), "{imported}");

    make_p12(data, "rsa", "Vàng Thị Dung", "rsa");
    let rsa_p12 = data.join("rsa.p12").to_string_lossy().into_owned();
    let rsa = failed(&hocba(
        data,
        &["keys", "import", &rsa_p12, "--role", "teacher", "--user", "gvcn5a"],
        &[("HOCBA_P12_PASSWORD", "mat-khau-1")],
    ));
    assert!(rsa.contains("chưa hỗ trợ khoá RSA"), "{rsa}");

    // A teacher's certificate whose key stays on a USB token (the CA given apart).
    make_p12(data, "dung", "Vàng Thị Dung", "ec");
    let cert = data.join("dung.pem").to_string_lossy().into_owned();
    let ca = data.join("ca-dung.pem").to_string_lossy().into_owned();
    let token = ["keys", "register-token", "--role", "teacher", "--user", "gvcn5a", "--cert", cert.as_str()];
    let no_ca = failed(&hocba(data, &token, &[]));
    assert!(no_ca.contains("--ca"), "{no_ca}");
    let registered = ok(&hocba(data, &[&token[..], &["--ca", &ca]].concat(), &[]));
    assert!(registered.contains("USB token của Vàng Thị Dung"), "{registered}");

    let list = ok(&hocba(data, &["keys", "list"], &[]));
    assert!(list.contains("USB token") && list.contains("thu hồi"), "the test certificates were replaced: {list}");

    // Both are usable: the principal signs on the server, the teacher on the token.
    let secret =
        SigningSecret::from_secret(std::fs::read_to_string(data.join("signing-key-secret")).unwrap().trim().as_bytes())
            .unwrap();
    let (school_id, principal_row, teacher_id) = db
        .read(|c| -> Result<_, hocba::signing::SigningError> {
            let (school_id, _) = keystore::school(c, None)?;
            let now = chrono::Utc::now();
            let principal = keystore::staff_signers(c, &school_id)?
                .into_iter()
                .find(|s| s.username == "hieutruong" && s.role == SignerRole::Principal)
                .unwrap();
            match keystore::signer_for(c, &secret, &school_id, SignerRole::Principal, Some(&principal.user_id), now)? {
                Signer::Software(id) => {
                    assert_eq!(id.signer_name(), "Hoàng Thị Lan");
                    assert!(id.chain_pem().contains("BEGIN CERTIFICATE"));
                }
                other => panic!("{other:?}"),
            }
            let teacher = keystore::staff_signers(c, &school_id)?.into_iter().find(|s| s.username == "gvcn5a").unwrap();
            match keystore::signer_for(c, &secret, &school_id, SignerRole::Teacher, Some(&teacher.user_id), now)? {
                Signer::Token { holder, chain_pem, .. } => {
                    assert_eq!(holder, "Vàng Thị Dung");
                    assert!(chain_pem.contains("BEGIN CERTIFICATE"));
                }
                other => panic!("{other:?}"),
            }
            // The test CA and the two CAs of the imported certificates.
            assert_eq!(keystore::trusted_cas(c, &school_id)?.len(), 3);
            let (active, _) =
                keystore::certificates_of(c, &school_id, SignerRole::Principal, Some(&principal.user_id))?;
            Ok((school_id, active.unwrap(), teacher.user_id))
        })
        .unwrap();
    assert!(!principal_row.is_test && !principal_row.on_token);

    let revoked = ok(&hocba(data, &["keys", "revoke", &principal_row.id, "--reason", "Nghỉ hưu"], &[]));
    assert!(revoked.contains("Đã thu hồi chứng thư của Hoàng Thị Lan"), "{revoked}");
    let twice = failed(&hocba(data, &["keys", "revoke", &principal_row.id, "--reason", "lần nữa"], &[]));
    assert!(twice.contains("đã bị thu hồi"), "{twice}");
    let err = db
        .read(|c| {
            keystore::signer_for(
                c,
                &secret,
                &school_id,
                SignerRole::Principal,
                Some(&principal_row.user_id.clone().unwrap()),
                chrono::Utc::now(),
            )
        })
        .expect_err("revoked");
    assert!(err.to_string().contains("thu hồi") && err.to_string().contains("Nghỉ hưu"), "{err}");
    // `init` gives the principal a test certificate again, and only that.
    let refill = ok(&hocba(data, &["keys", "init"], &[]));
    assert!(refill.contains("Đã cấp 1 chứng thư thử nghiệm"), "{refill}");
    // Another school's CA (an RSA one here) is trusted, once; a signer's certificate is no CA.
    let ca = data.join("ca-rsa.pem").to_string_lossy().into_owned();
    let trusted = ok(&hocba(data, &["keys", "trust-ca", &ca], &[]));
    assert!(trusted.contains("Đã tin cậy CA «CA thử nghiệm rsa»"), "{trusted}");
    assert_eq!(ok(&hocba(data, &["keys", "trust-ca", &ca], &[])), trusted, "trusting twice changes nothing");
    let leaf = data.join("rsa.pem").to_string_lossy().into_owned();
    let refused = failed(&hocba(data, &["keys", "trust-ca", &leaf], &[]));
    assert!(refused.contains("không phải của tổ chức cấp chứng thư"), "{refused}");
    let _ = teacher_id;
}
