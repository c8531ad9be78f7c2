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
