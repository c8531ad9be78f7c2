//! `hocba audit verify --data DIR`, run as the real binary on a demo school's SQLite database:
//! an intact chain exits 0 with the count; an audit row edited in the database makes it exit
//! non-zero and name that row.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use diesel::connection::SimpleConnection;
use std::process::Command;

fn verify(data: &std::path::Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_hocba"))
        .args(["audit", "verify", "--data"])
        .arg(data)
        .env_remove("HOCBA_DATABASE_URL")
        .env_remove("HOCBA_CONFIG")
        .output()
        .expect("the hocba binary runs")
}

#[test]
fn audit_verify_names_the_first_broken_entry() {
    let dir = tempfile::tempdir().unwrap();
    let url = dir.path().join("hocba.sqlite3").to_string_lossy().into_owned();
    let db = hocba::db::Db::open(&url).unwrap();
    hocba::bootstrap::first_start(&db, true, dir.path()).unwrap();

    let ok = verify(dir.path());
    let stdout = String::from_utf8_lossy(&ok.stdout);
    assert!(ok.status.success(), "{stdout}{}", String::from_utf8_lossy(&ok.stderr));
    assert!(stdout.contains("chuỗi băm hợp lệ"), "{stdout}");

    // Someone edits entry 7 directly in the database (dropping the append-only trigger first).
    let mut conn = db.conn().unwrap();
    conn.batch_execute("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET detail = '{}' WHERE seq = 7;").unwrap();
    drop(conn);
    let broken = verify(dir.path());
    let stderr = String::from_utf8_lossy(&broken.stderr);
    assert!(!broken.status.success(), "a tampered log must fail");
    assert!(stderr.contains("mục số 7"), "names the entry: {stderr}");
}
