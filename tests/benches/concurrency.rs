//! Concurrency benchmark: the graduation-week scenario of `hocba_tests::concurrency` (a 3,000-row
//! staff import and the 30-pupil hand-over batch of 5A running while the homeroom teacher of 4A
//! saves a cell), on SQLite and PostgreSQL, release build, real HTTP on port 0. The baseline is
//! the same saves with nothing else running, measured in the same process just before.
//!
//! `cargo bench -p hocba-tests --bench concurrency -- [--staff N]`; prints `key value` lines that
//! `cargo xtask bench concurrency` collects into docs/benchmarks.md.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use hocba_tests::concurrency;
use hocba_tests::{Db, TestApp};
use std::time::Duration;

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let staff: usize = args
        .iter()
        .position(|a| a == "--staff")
        .and_then(|i| args.get(i + 1))
        .and_then(|r| r.parse().ok())
        .unwrap_or(3000);
    println!("staff_rows {staff}");
    for (kind, db) in [("sqlite", Db::Sqlite), ("postgres", Db::Postgres)] {
        let Some(app) = TestApp::spawn(db).await else {
            eprintln!("{kind}: skipped (database unreachable)");
            continue;
        };
        let f = concurrency::run(&app, staff, 50, 50, Duration::from_millis(150)).await;
        assert!(f.statuses.iter().all(|s| *s == 200), "every save succeeds");
        concurrency::print(kind, &f);
    }
}
