//! Login-flood benchmark: a teacher's saves while 32 clients flood the sign-in with wrong
//! passwords from ever-new addresses (`hocba_tests::login_flood`), on SQLite and PostgreSQL,
//! release build, real HTTP on port 0. The baseline is the same saves with nothing else running,
//! measured in the same process just before.
//!
//! `cargo bench -p hocba-tests --bench login_flood`; prints `key value` lines that
//! `cargo xtask bench login-flood` collects into docs/benchmarks.md.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use hocba_tests::{login_flood, Db};
use std::time::Duration;

#[tokio::main]
async fn main() {
    println!("clients 32");
    for (kind, db) in [("sqlite", Db::Sqlite), ("postgres", Db::Postgres)] {
        let Some(app) = login_flood::spawn(db).await else {
            eprintln!("{kind}: skipped (database unreachable)");
            continue;
        };
        let f = login_flood::run(&app, 32, 100, Duration::from_millis(50)).await;
        assert!(f.statuses.iter().all(|s| *s == 200), "every save succeeds");
        assert_eq!(f.flood_other, 0, "the flood gets only 401, 429 or 503");
        login_flood::print(kind, &f);
    }
}
