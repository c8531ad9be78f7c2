//! `hocba sign` with a USB token, SoftHSM2 standing in for it, against the real server (demo school,
//! SQLite and PostgreSQL) on port 0: the principal's certificate is registered as on a token, so
//! yearly records stop at the principal (`signature_pending`); uploads that are not base64, not a
//! CMS, over another digest or by another certificate answer 422 naming `cms`; a wrong `--slot`
//! lists the tokens; a wrong PIN stops `hocba sign` at once with nothing uploaded (one failed login,
//! which the token then reports); the right PIN signs two pupils' records in one run; the seal
//! follows, `pdfsig` finds three valid signatures and the offline verification says authentic.
//! Skipped when softhsm2-util, its module or openssl is missing, and on PostgreSQL when
//! `HOCBA_TEST_PG_URL` (default postgres://postgres@127.0.0.1:5432/postgres) does not answer
//! (outside CI).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use diesel::prelude::*;
use hocba::settings::Settings;
use hocba::signing::SigningSecret;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const MODULE: &str = "/usr/lib/softhsm/libsofthsm2.so";
const PIN: &str = "123456";

fn tools_present() -> bool {
    let runs = |tool: &str, arg: &str| Command::new(tool).arg(arg).output().is_ok();
    Path::new(MODULE).exists() && runs("softhsm2-util", "--version") && runs("openssl", "version")
}

fn run(cmd: &mut Command) -> Output {
    let out = cmd.output().expect("runs");
    assert!(
        out.status.success(),
        "{cmd:?}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// A SoftHSM2 token "hocba" holding a P-256 key (label "principal"), and the key's PEM (to make
/// its certificate request). Answers the slot ID.
fn make_token(dir: &Path) -> u64 {
    let conf = dir.join("softhsm2.conf");
    std::fs::create_dir_all(dir.join("tokens")).unwrap();
    std::fs::write(
        &conf,
        format!(
            "directories.tokendir = {}\nobjectstore.backend = file\nlog.level = ERROR\n",
            dir.join("tokens").display()
        ),
    )
    .unwrap();
    let softhsm = |args: &[&str]| {
        let out = run(Command::new("softhsm2-util").env("SOFTHSM2_CONF", &conf).args(args));
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let init = softhsm(&["--init-token", "--free", "--label", "hocba", "--pin", PIN, "--so-pin", "12345678"]);
    let slot: u64 = init.split_whitespace().last().and_then(|n| n.parse().ok()).unwrap_or_else(|| panic!("{init}"));
    run(Command::new("openssl").current_dir(dir).args([
        "genpkey",
        "-algorithm",
        "EC",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-out",
        "token-key.pem",
    ]));
    let key = dir.join("token-key.pem").to_string_lossy().into_owned();
    softhsm(&["--import", &key, "--token", "hocba", "--label", "principal", "--id", "01", "--pin", PIN]);
    slot
}

/// The certificate of the token's key for the principal, issued by the demo school's test CA (read
/// from the database with the data folder's secret); writes `principal.pem` and `ca.pem`.
fn issue_certificate(dir: &Path, data: &Path, database_url: &str) {
    use hocba::db::schema::signing_cas;
    let secret = SigningSecret::from_settings(&Settings {
        data_dir: data.to_path_buf(),
        signing_key_secret_in_data_dir: true,
        ..Settings::default()
    })
    .unwrap();
    let mut conn = hocba::db::connection::establish(database_url).unwrap();
    let (school_id, cert_pem, key_enc): (String, String, Option<String>) = signing_cas::table
        .filter(signing_cas::is_test.eq(true))
        .select((signing_cas::school_id, signing_cas::cert_pem, signing_cas::key_enc))
        .first(&mut conn)
        .unwrap();
    let ca_key = secret.decrypt(&school_id, &key_enc.unwrap()).unwrap();
    std::fs::write(dir.join("ca.key.der"), ca_key).unwrap();
    std::fs::write(dir.join("ca.pem"), cert_pem).unwrap();
    std::fs::write(
        dir.join("ext.cnf"),
        "[v3]\nbasicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\n\
         extendedKeyUsage=emailProtection,1.3.6.1.5.5.7.3.36\n\
         subjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n",
    )
    .unwrap();
    let openssl = |args: &[&str]| run(Command::new("openssl").current_dir(dir).args(args));
    openssl(&["pkey", "-inform", "DER", "-in", "ca.key.der", "-out", "ca.key.pem"]);
    openssl(&[
        "req",
        "-new",
        "-utf8",
        "-key",
        "token-key.pem",
        "-subj",
        "/CN=Hoàng Thị Lan/O=Trường Tiểu học (token)/C=VN",
        "-out",
        "principal.csr",
    ]);
    openssl(&[
        "x509",
        "-req",
        "-in",
        "principal.csr",
        "-CA",
        "ca.pem",
        "-CAkey",
        "ca.key.pem",
        "-CAcreateserial",
        "-days",
        "30",
        "-extfile",
        "ext.cnf",
        "-extensions",
        "v3",
        "-out",
        "principal.pem",
    ]);
}

fn hocba(data: &Path, database_url: &str, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_hocba"));
    cmd.args(args)
        .arg("--data")
        .arg(data)
        .arg("--database-url")
        .arg(database_url)
        .env_remove("HOCBA_DATABASE_URL")
        .env_remove("HOCBA_CONFIG")
        .env_remove("HOCBA_SIGNING_KEY_SECRET")
        .env_remove("HOCBA_PASSWORD")
        .env("HOCBA_SIGNING_KEY_SECRET_IN_DATA_DIR", "true")
        .env_remove("HOCBA_TOKEN_PIN")
        .stdin(std::process::Stdio::null());
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("the hocba binary runs")
}

fn text(out: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
}

/// A fresh PostgreSQL database, dropped afterwards; `None` when the server does not answer.
struct TempPostgres {
    admin_url: String,
    name: String,
    url: String,
}

impl TempPostgres {
    fn create() -> Option<TempPostgres> {
        use diesel::connection::SimpleConnection;
        let admin_url = std::env::var("HOCBA_TEST_PG_URL")
            .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_string());
        let mut conn = match hocba::db::connection::establish(&admin_url) {
            Ok(c) => c,
            Err(e) if std::env::var_os("CI").is_none() => {
                eprintln!("SKIPPED: PostgreSQL unreachable ({e}); set HOCBA_TEST_PG_URL");
                return None;
            }
            Err(e) => panic!("PostgreSQL at HOCBA_TEST_PG_URL is unreachable and CI is set: {e}"),
        };
        let name = format!("hocba_test_{}", uuid::Uuid::now_v7().simple());
        conn.batch_execute(&format!("CREATE DATABASE {name}")).expect("create test database");
        let (base, query) =
            admin_url.split_once('?').map_or((admin_url.as_str(), String::new()), |(b, q)| (b, format!("?{q}")));
        let prefix = base.rfind('/').filter(|i| *i > "postgres://".len()).map_or(base, |i| &base[..i]);
        let url = format!("{prefix}/{name}{query}");
        Some(TempPostgres { admin_url, name, url })
    }
}

impl Drop for TempPostgres {
    fn drop(&mut self) {
        use diesel::connection::SimpleConnection;
        if let Ok(mut conn) = hocba::db::connection::establish(&self.admin_url) {
            let _ = conn.batch_execute(&format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name));
        }
    }
}

/// The real server on port 0 (demo school, its database at `database_url`), in its own thread.
fn start_server(data: &Path, database_url: &str, tsa_url: Option<String>) -> String {
    let settings = Settings {
        bind: "127.0.0.1:0".into(),
        data_dir: data.to_path_buf(),
        database_url: Some(database_url.to_string().into()),
        demo: true,
        tsa_url,
        ..Settings::default()
    };
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        actix_web::rt::System::new().block_on(async move {
            let app = hocba::startup::Application::build(settings).expect("application builds");
            tx.send(app.port()).unwrap();
            app.run_until_stopped().await.unwrap();
        })
    });
    format!("http://127.0.0.1:{}", rx.recv().unwrap())
}

struct Client {
    base: String,
    http: reqwest::blocking::Client,
}

impl Client {
    fn login(&self, user: &str) -> String {
        let r = self
            .http
            .post(format!("{}/api/auth/login", self.base))
            .json(&serde_json::json!({"username": user, "password": "demo"}))
            .send()
            .unwrap();
        assert_eq!(r.status(), 200, "login {user}");
        r.json::<Value>().unwrap()["token"].as_str().unwrap().to_string()
    }

    fn get(&self, token: &str, path: &str) -> reqwest::blocking::Response {
        self.http.get(format!("{}{path}", self.base)).bearer_auth(token).send().unwrap()
    }

    fn json(&self, token: &str, path: &str) -> Value {
        let r = self.get(token, path);
        assert_eq!(r.status(), 200, "GET {path}");
        r.json().unwrap()
    }

    fn post(&self, token: &str, path: &str, body: Value) -> reqwest::blocking::Response {
        self.http.post(format!("{}{path}", self.base)).bearer_auth(token).json(&body).send().unwrap()
    }
}

fn error_code(r: reqwest::blocking::Response, status: u16) -> Value {
    assert_eq!(r.status(), status);
    let body: Value = r.json().unwrap();
    body["error"].clone()
}

#[test]
fn token_sign_sqlite() {
    if !tools_present() {
        // `cargo xtask test` (and so CI) installs them: there a missing tool is a failure.
        assert!(std::env::var_os("CI").is_none(), "softhsm2-util, {MODULE} or openssl missing");
        eprintln!("SKIPPED: softhsm2-util, {MODULE} or openssl missing");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let database_url = dir.path().join("data").join("hocba.sqlite3").to_string_lossy().into_owned();
    // With a timestamp authority: the token's signature gets its timestamp from the server.
    principal_signs_a_class_on_a_usb_token(dir.path(), &database_url, Some(common::start_tsa()));
}

#[test]
fn token_sign_postgres() {
    if !tools_present() {
        // `cargo xtask test` (and so CI) installs them: there a missing tool is a failure.
        assert!(std::env::var_os("CI").is_none(), "softhsm2-util, {MODULE} or openssl missing");
        eprintln!("SKIPPED: softhsm2-util, {MODULE} or openssl missing");
        return;
    }
    let Some(pg) = TempPostgres::create() else { return };
    let dir = tempfile::tempdir().unwrap();
    principal_signs_a_class_on_a_usb_token(dir.path(), &pg.url, None);
}

/// `tsa`: the URL and CA certificate of a timestamp authority the server uses.
fn principal_signs_a_class_on_a_usb_token(dir: &Path, database_url: &str, tsa: Option<(String, String)>) {
    let (hsm, data) = (dir.join("hsm"), dir.join("data"));
    std::fs::create_dir_all(&hsm).unwrap();
    std::fs::create_dir_all(&data).unwrap();
    let slot = make_token(&hsm);
    let conf = hsm.join("softhsm2.conf").to_string_lossy().into_owned();
    let base = start_server(&data, database_url, tsa.as_ref().map(|(url, _)| url.clone()));
    let api = Client { base: base.clone(), http: reqwest::blocking::Client::new() };

    // The principal's certificate now names a key on the token.
    issue_certificate(&hsm, &data, database_url);
    let cert = hsm.join("principal.pem").to_string_lossy().into_owned();
    let ca = hsm.join("ca.pem").to_string_lossy().into_owned();
    let out = hocba(
        &data,
        database_url,
        &["keys", "register-token", "--role", "principal", "--user", "hieutruong", "--cert", &cert, "--ca", &ca],
        &[],
    );
    assert!(out.status.success(), "{}", text(&out));

    // Two pupils of 5A: their yearly records wait for the principal's token.
    let parent = api.login("phuhuynh");
    let principal = api.login("hieutruong");
    let child = api.json(&parent, "/api/me")["children"][0]["id"].as_str().unwrap().to_string();
    let year = api.json(&parent, &format!("/api/pupils/{child}/results"))["years"][0]["school_year"]
        .as_str()
        .unwrap()
        .to_string();
    let pupils = api.json(&principal, "/api/admin/pupils");
    let class = pupils.as_array().unwrap().iter().find(|p| p["id"] == child.as_str()).unwrap()["class_id"].clone();
    let other =
        pupils.as_array().unwrap().iter().find(|p| p["class_id"] == class && p["id"] != child.as_str()).unwrap();
    let other = other["id"].as_str().unwrap().to_string();
    let record = |pupil: &str| format!("/api/pupils/{pupil}/years/{year}/record.pdf");
    let err = error_code(api.get(&parent, &record(&child)), 409);
    assert_eq!(err["code"], "signature_pending", "{err}");
    assert_eq!(error_code(api.get(&principal, &record(&other)), 409)["code"], "signature_pending");

    let pending = api.json(&principal, "/api/signing/pending");
    let pending = pending.as_array().unwrap().clone();
    assert_eq!(pending.len(), 2, "{pending:?}");
    assert!(pending.iter().all(|p| p["role"] == "principal" && p["school_year"] == year.as_str()));
    assert!(pending.iter().all(|p| p["digest"].as_str().unwrap().len() == 64));
    assert_eq!(pending[0]["certificate_pem"].as_str().unwrap().trim(), std::fs::read_to_string(&cert).unwrap().trim());
    let teacher = api.login("gvcn5a");
    assert_eq!(api.json(&teacher, "/api/signing/pending"), serde_json::json!([]), "not the teacher's to sign");

    // A forged upload is refused, naming `cms`; a document that is not pending answers 409.
    let id = pending[0]["id"].as_str().unwrap();
    let r = api.post(&principal, &format!("/api/signing/pending/{id}"), serde_json::json!({"cms": "AAAA"}));
    assert_eq!(error_code(r, 422)["field"], "cms");
    let r =
        api.post(&principal, &format!("/api/signing/pending/{id}"), serde_json::json!({"cms": "không phải base64"}));
    assert_eq!(error_code(r, 422)["field"], "cms");
    let upload = |cms: Vec<u8>| {
        use base64::Engine;
        let cms = base64::engine::general_purpose::STANDARD.encode(cms);
        api.post(&principal, &format!("/api/signing/pending/{id}"), serde_json::json!({ "cms": cms }))
    };
    let digest = hex::decode(pending[0]["digest"].as_str().unwrap()).unwrap();
    // The right digest signed by another certificate.
    let stranger = hocba_pdf::TestCa::create("Trường khác").unwrap().issue("Người lạ", "Trường khác", 30).unwrap();
    let err = error_code(upload(hocba_pdf::cms::sign_digest(&digest, &stranger).unwrap()), 422);
    assert!(err["field"] == "cms" && err["message"].as_str().unwrap().contains("chứng thư"), "{err}");
    // Another digest (checked first).
    let err = error_code(upload(hocba_pdf::cms::sign_digest(&[7u8; 32], &stranger).unwrap()), 422);
    assert!(err["field"] == "cms" && err["message"].as_str().unwrap().contains("mã băm"), "{err}");

    let sign_in = |slot: Option<u64>, pin: &str| {
        let slot = slot.map(|s| s.to_string());
        let mut args = vec!["sign", "--server", &base, "--user", "hieutruong", "--pkcs11-module", MODULE];
        if let Some(s) = &slot {
            args.extend(["--slot", s.as_str()]);
        }
        hocba(
            &data,
            database_url,
            &args,
            &[("SOFTHSM2_CONF", &conf), ("HOCBA_PASSWORD", "demo"), ("HOCBA_TOKEN_PIN", pin)],
        )
    };
    let sign = |pin: &str| sign_in(Some(slot), pin);

    // A slot without a token is named, with the slots that have one.
    let out = sign_in(Some(slot + 1), PIN);
    assert!(!out.status.success());
    assert!(text(&out).contains(&format!("{slot} (\"hocba\")")), "{}", text(&out));

    // A wrong PIN: one login attempt, a clear message, nothing uploaded.
    let out = sign("000000");
    let said = text(&out);
    eprintln!("--- hocba sign, wrong PIN:\n{said}");
    assert!(!out.status.success(), "{said}");
    assert!(said.contains("Mã PIN không đúng"), "{said}");
    assert_eq!(said.matches("Mã PIN không đúng").count(), 1, "never retried: {said}");
    assert!(said.contains("còn ít lần thử"), "the token reports the failed try: {said}");
    assert_eq!(api.json(&principal, "/api/signing/pending").as_array().unwrap().len(), 2, "nothing uploaded");

    // The right PIN, once, for both documents; the warning comes before the PIN is asked.
    let out = sign(PIN);
    let said = text(&out);
    eprintln!("--- hocba sign:\n{said}");
    assert!(out.status.success(), "{said}");
    assert!(said.contains("Cảnh báo"), "few tries left is announced: {said}");
    assert!(said.contains("Đã kí 2/2 tài liệu"), "{said}");
    assert_eq!(api.json(&principal, "/api/signing/pending"), serde_json::json!([]));
    let r = api.post(&principal, &format!("/api/signing/pending/{id}"), serde_json::json!({"cms": "AAAA"}));
    assert_eq!(error_code(r, 409)["code"], "not_pending");

    // The records are complete: teacher, principal (token) and seal.
    let mut roots = vec![std::fs::read_to_string(&ca).unwrap()];
    roots.extend(tsa.iter().map(|(_, tsa_ca)| tsa_ca.clone()));
    let trust = hocba_pdf::verify::Trust::from_pem(&roots).unwrap();
    for (who, pupil) in [(&parent, &child), (&principal, &other)] {
        let r = api.get(who, &record(pupil));
        assert_eq!(r.status(), 200);
        let pdf = r.bytes().unwrap().to_vec();
        let report = hocba_pdf::verify::verify_document(&pdf, &trust);
        assert!(report.verdict.is_authentic(), "{report:?}");
        let roles: Vec<_> = report.signatures.iter().map(|s| s.role.map(|r| r.code())).collect();
        assert_eq!(roles, [Some("teacher"), Some("principal"), Some("seal")], "{report:?}");
        let principal_sig = &report.signatures[1];
        assert_eq!(principal_sig.signer, "Hoàng Thị Lan");
        if tsa.is_some() {
            assert!(report.signatures.iter().all(|s| s.timestamped), "every signature, the token's too: {report:?}");
        }
        let file: PathBuf = dir.join(format!("{pupil}.pdf"));
        std::fs::write(&file, &pdf).unwrap();
        if let Ok(out) = Command::new("pdfsig").arg(&file).output() {
            let sig = String::from_utf8_lossy(&out.stdout).into_owned();
            assert_eq!(sig.matches("Signature is Valid.").count(), 3, "{sig}");
        }
    }
    let docs = api.json(&parent, &format!("/api/pupils/{child}/documents"));
    let yearly = docs.as_array().unwrap().iter().find(|d| d["school_year"] == year.as_str()).unwrap().clone();
    assert_eq!(yearly["signed_by"], serde_json::json!(["teacher", "principal", "seal"]), "{yearly}");
    assert_eq!(yearly["pending"], serde_json::json!([]));
    let xml_sig = api.get(&parent, &format!("/api/pupils/{child}/years/{year}/record.xml.p7s"));
    assert_eq!(xml_sig.status(), 200, "the seal signed the XML too");

    // Nothing left: a new run (the only token, no --slot) says so without asking the PIN.
    let out = sign_in(None, "không dùng");
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("Không có tài liệu nào chờ bạn kí"), "{}", text(&out));
}
