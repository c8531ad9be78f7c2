//! Helpers shared by the binary-level tests of `hocba`: a query on a school's database and the
//! independent PAdES validator (pyHanko).
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use diesel::QueryResult;
use std::path::{Path, PathBuf};
use std::process::Command;

/// A query on the school's database.
pub fn query<T>(db: &hocba::db::Db, f: impl FnOnce(&mut hocba::db::connection::AnyConnection) -> QueryResult<T>) -> T {
    db.read_once(|c| f(c).map_err(hocba::error::AppError::from)).unwrap()
}

/// `tests/tools/validate_pyhanko.py FILE CA…` with the Python that `cargo xtask test` prepares
/// (`.venv-tools/`, or `HOCBA_PYHANKO_PYTHON`): (every signature intact and trusted, its output).
pub fn pyhanko(file: &Path, cas: &[PathBuf]) -> (bool, String) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let python = std::env::var_os("HOCBA_PYHANKO_PYTHON")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join(".venv-tools/bin/python"));
    let out = Command::new(&python)
        .arg(root.join("tests/tools/validate_pyhanko.py"))
        .arg(file)
        .args(cas)
        .output()
        .unwrap_or_else(|e| {
            panic!("{} with pyHanko ({e}): run `cargo xtask test`, which installs it", python.display())
        });
    (out.status.success(), format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr)))
}

/// The Python that `cargo xtask test` prepares with pyHanko (`.venv-tools/`, or `HOCBA_PYHANKO_PYTHON`).
pub fn python() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    std::env::var_os("HOCBA_PYHANKO_PYTHON").map(PathBuf::from).unwrap_or_else(|| root.join(".venv-tools/bin/python"))
}

/// Runs `cmd`: (it succeeded, its output).
pub fn output(mut cmd: Command) -> (bool, String) {
    let out = cmd.output().unwrap_or_else(|e| panic!("{cmd:?} ({e}): run `cargo xtask test`, which installs pyHanko"));
    (out.status.success(), format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr)))
}

/// `pyhanko sign adesverify --trust … --trust-replace FILE` now, offline (no revocation data but
/// what the file holds): (every signature valid, output).
pub fn adesverify(file: &Path, cas: &[PathBuf]) -> (bool, String) {
    let mut cmd = Command::new(python());
    cmd.args(["-W", "ignore", "-m", "pyhanko", "sign", "adesverify"]);
    for ca in cas {
        cmd.arg("--trust").arg(ca);
    }
    cmd.arg("--trust-replace").arg(file);
    output(cmd)
}

/// Starts hocba's TSA on a free port in its own thread, as `hocba tsa serve` does (its certificate
/// names the `/crl` it publishes); answers its URL and CA certificate.
pub fn start_tsa() -> (String, String) {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/", listener.local_addr().unwrap());
    let tsa = hocba::signing::tsa::LocalTsa::create_with_crl(Some(&format!("{url}crl"))).unwrap();
    let ca = tsa.ca_pem().to_string();
    std::thread::spawn(move || {
        actix_web::rt::System::new().block_on(async move { hocba::signing::tsa::server(tsa, listener).unwrap().await })
    });
    (url, ca)
}

/// The settings of a demo school on a SQLite file in `dir`.
pub fn demo_settings(dir: &Path) -> hocba::settings::Settings {
    hocba::settings::Settings {
        data_dir: dir.to_path_buf(),
        database_url: Some(dir.join("hocba.sqlite3").to_string_lossy().into_owned().into()),
        demo: true,
        ..hocba::settings::Settings::default()
    }
}

/// The demo school's principal, signed in.
pub fn demo_principal(db: &hocba::db::Db) -> hocba::auth::CurrentUser {
    use diesel::prelude::*;
    use hocba::db::schema::users;
    use hocba_core::api::Role;
    let (id, school_id): (String, String) = query(db, |c| {
        users::table.filter(users::username.eq("hieutruong")).select((users::id, users::school_id)).first(c)
    });
    hocba::auth::CurrentUser {
        id,
        school_id,
        role: Role::Principal,
        roles: vec![Role::Principal],
        epoch: 0,
        must_change_password: false,
        data_epoch: 0,
    }
}

/// The demo pupil every document test issues for.
pub const DEMO_PUPIL: &str = "Giàng Thị Mỷ";

/// The id of the demo pupil [`DEMO_PUPIL`].
pub fn demo_pupil(db: &hocba::db::Db) -> String {
    use diesel::prelude::*;
    use hocba::db::schema::pupils;
    query(db, |c| pupils::table.filter(pupils::full_name.eq(DEMO_PUPIL)).select(pupils::id).first(c))
}

/// What issuing needs, with a fixed public address.
pub fn issuer(prepared: &hocba::startup::Prepared) -> hocba::services::issuance::Issuer<'_> {
    hocba::services::issuance::Issuer {
        documents: &prepared.documents,
        secret: &prepared.signing_secret,
        verify_base: "http://truong.example/verify".into(),
    }
}
