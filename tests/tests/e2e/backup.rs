//! `hocba backup` while the server runs, then `hocba restore` elsewhere: the same school, the
//! audit chain intact; a changed backup file or a database that already holds a school is refused.

use diesel::prelude::*;
use hocba::cli::backup;
use hocba::db::schema::{audit_log, subject_assessments, users};
use hocba::settings::Settings;
use hocba_tests::{Db, TestApp};
use serde_json::json;

fn counts(url: &str) -> (i64, i64, i64) {
    let db = hocba::db::Db::open(url).unwrap();
    db.read(|c| {
        Ok::<_, hocba::error::AppError>((
            users::table.count().get_result(c)?,
            subject_assessments::table.count().get_result(c)?,
            audit_log::table.count().get_result(c)?,
        ))
    })
    .unwrap()
}

async fn round_trip(kind: Db) {
    let Some(app) = TestApp::spawn(kind).await else { return };
    // Some work of the day, so the audit log has entries of its own.
    let teacher = app.login("gvcn4a").await;
    let class = hocba_tests::concurrency::class_named(&app, &teacher, "4A").await;
    let mut cell = hocba_tests::concurrency::Cell::find(&app, &teacher, &class).await;
    assert_eq!(cell.save(&app, &teacher).await.1, 200);
    let admin = app.login("admin").await;
    let r = app
        .post(
            &admin,
            "/api/admin/staff",
            json!({"username": "gv.sao", "full_name": "Lò Văn Sao", "roles": ["teacher"]}),
        )
        .await;
    assert_eq!(r.status(), 200);

    let source = Settings {
        data_dir: app.data_dir.clone(),
        database_url: Some(app.database_url.clone().into()),
        ..Settings::default()
    };
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("sao-luu");
    // Taken while the server runs (it keeps its connections open).
    let manifest = backup::backup(&source, None, &out).unwrap();
    assert!(manifest.files.iter().any(|f| f.path == "data/jwt-secret"), "{manifest:?}");
    assert!(manifest.files.iter().any(|f| f.path == "data/signing-key-secret"), "the demo's key secret");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&out).unwrap().permissions().mode() & 0o777, 0o700);
        for f in &manifest.files {
            let mode = std::fs::metadata(out.join(&f.path)).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600, "{}", f.path);
        }
    }
    assert!(backup::backup(&source, None, &out).is_err(), "never over an earlier backup");

    // Restored elsewhere: the same school, the audit chain intact.
    let target_pg = match kind {
        Db::Postgres => Some(hocba_tests::postgres::TempDatabase::create().unwrap()),
        Db::Sqlite => None,
    };
    let target_dir = tempfile::tempdir().unwrap();
    let target_url = match &target_pg {
        Some(pg) => pg.url.clone(),
        None => target_dir.path().join("hocba.sqlite3").to_string_lossy().into_owned(),
    };
    let target = Settings {
        data_dir: target_dir.path().to_path_buf(),
        database_url: Some(target_url.clone().into()),
        ..Settings::default()
    };
    let restored = backup::restore(&target, &out, false).unwrap();
    let (users_n, assessments_n, audit_n) = counts(&target_url);
    assert_eq!((users_n, assessments_n, audit_n), counts(&app.database_url));
    assert_eq!(restored.audit_entries as i64, audit_n);
    assert!(audit_n > 0);
    assert_eq!(
        std::fs::read(target_dir.path().join("jwt-secret")).unwrap(),
        std::fs::read(app.data_dir.join("jwt-secret")).unwrap()
    );
    // The restored school works: its sign-in accepts the new account's one-time password check path.
    let db = hocba::db::Db::open(&target_url).unwrap();
    assert!(db.read(|c| hocba::services::users::credentials(c, "gv.sao")).unwrap().is_some());

    // A database that already holds a school is replaced only with --force.
    let again = backup::restore(&target, &out, false).map(|_| ()).unwrap_err();
    assert!(format!("{again:#}").contains("--force"), "{again:#}");
    backup::restore(&target, &out, true).unwrap();

    // A changed byte anywhere in the backup: nothing is restored.
    let db_file = manifest.files.iter().find(|f| f.path.starts_with("hocba.")).unwrap().path.clone();
    let mut bytes = std::fs::read(out.join(&db_file)).unwrap();
    let mid = bytes.len() / 2;
    bytes[mid] ^= 0x01;
    std::fs::write(out.join(&db_file), bytes).unwrap();
    let err = backup::restore(&target, &out, true).map(|_| ()).unwrap_err();
    assert!(format!("{err:#}").contains("SHA-256") && format!("{err:#}").contains(&db_file), "{err:#}");
}

#[tokio::test]
async fn backup_and_restore_sqlite() {
    round_trip(Db::Sqlite).await;
}

#[tokio::test]
async fn backup_and_restore_postgres() {
    round_trip(Db::Postgres).await;
}
