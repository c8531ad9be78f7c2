//! The data folder holds children's records, keys and exports: it and the SQLite database (with
//! its WAL) are readable by their owner only.
#![allow(clippy::unwrap_used, clippy::expect_used)]
#![cfg(unix)]

mod common;

use std::os::unix::fs::PermissionsExt;

fn mode(path: &std::path::Path) -> u32 {
    std::fs::metadata(path).unwrap_or_else(|e| panic!("{}: {e}", path.display())).permissions().mode() & 0o777
}

#[test]
fn the_data_folder_and_database_are_the_owners_only() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let settings = hocba::settings::Settings {
        data_dir: data.clone(),
        database_url: None,
        demo: true,
        ..hocba::settings::Settings::default()
    };
    let prepared = hocba::startup::prepare(&settings).unwrap();
    prepared.db.ping().unwrap();
    assert_eq!(mode(&data), 0o700, "the data folder");
    let db = data.join("hocba.sqlite3");
    assert_eq!(mode(&db), 0o600, "the database");
    let wal = data.join("hocba.sqlite3-wal");
    if wal.exists() {
        assert_eq!(mode(&wal), 0o600, "the WAL");
    }
    for key in ["test-tsa/ca.key.der", "test-tsa/tsa.key.der"] {
        assert_eq!(mode(&data.join(key)), 0o600, "{key}");
    }
}

/// The secret that opens the signing keys is not kept with them: without it set elsewhere (or the
/// demo, or an explicit setting) the server does not start; a secret file inside the data folder
/// is refused; one outside is used.
#[test]
fn the_key_secret_lives_outside_the_data_folder() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let base = hocba::settings::Settings { data_dir: data.clone(), ..hocba::settings::Settings::default() };
    let err = hocba::startup::prepare(&base).map(|_| ()).expect_err("no secret, no start");
    let text = format!("{err:#}");
    assert!(text.contains("HOCBA_SIGNING_KEY_SECRET") && text.contains("signing_key_secret_file"), "{text}");
    assert!(!data.join("signing-key-secret").exists(), "nothing generated into the data folder");

    let inside = data.join("secret.txt");
    std::fs::create_dir_all(&data).unwrap();
    std::fs::write(&inside, "x".repeat(64)).unwrap();
    let settings = hocba::settings::Settings { signing_key_secret_file: Some(inside), ..base.clone() };
    let err = hocba::signing::SigningSecret::from_settings(&settings).expect_err("inside the data folder");
    assert!(err.to_string().contains("thư mục dữ liệu"), "{err}");

    let outside = dir.path().join("credentials").join("signing-key-secret");
    std::fs::create_dir_all(outside.parent().unwrap()).unwrap();
    std::fs::write(&outside, format!("{}\n", "k".repeat(48))).unwrap();
    let settings = hocba::settings::Settings { signing_key_secret_file: Some(outside), ..base.clone() };
    hocba::startup::prepare(&settings).expect("starts with the secret outside");
    assert!(!data.join("signing-key-secret").exists());

    let allowed = hocba::settings::Settings { signing_key_secret_in_data_dir: true, ..base };
    hocba::startup::prepare(&allowed).expect("starts when explicitly allowed");
    assert_eq!(mode(&data.join("signing-key-secret")), 0o600);
}
