//! No teacher waits behind a PDF or an import, on SQLite and PostgreSQL: while 3,000 staff accounts
//! are imported (each with a hashed one-time password) and the hand-over batch of 5A issues 30
//! pupils' documents (four signed yearly records and the signed hand-over each), the homeroom
//! teacher of 4A saves a cell at least 50 times; every save succeeds within 1 s. Its own test
//! binary, so no other test competes for the two cores; p50 / p99 are printed
//! (`cargo test -p hocba-tests --test concurrency -- --nocapture`).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use hocba_tests::concurrency::{self, ms, quantile};
use hocba_tests::{Db, TestApp};
use std::time::Duration;

const STAFF_ROWS: usize = 3000;
const MIN_SAVES: usize = 50;
const LIMIT: Duration = Duration::from_secs(1);

async fn scenario(app: &TestApp, label: &str) {
    let f = concurrency::run(app, STAFF_ROWS, 10, MIN_SAVES, Duration::from_millis(150)).await;
    concurrency::print(label, &f);
    assert_eq!(f.import_status, 200, "the import is applied");
    assert_eq!(f.accounts_created, STAFF_ROWS, "every account is created");
    assert_eq!(f.batch_documents, 30, "the whole class is issued");
    assert!(f.loaded.len() >= MIN_SAVES, "{} saves", f.loaded.len());
    assert!(f.statuses.iter().all(|s| *s == 200), "every save succeeds: {:?}", f.statuses);
    let worst = quantile(&f.loaded, 1.0);
    assert!(worst < LIMIT, "{label}: the slowest save took {:.0} ms", ms(worst));
}

#[tokio::test]
async fn saves_answer_while_importing_and_issuing() {
    let app = TestApp::spawn(Db::Sqlite).await.expect("sqlite app");
    scenario(&app, "sqlite").await;
    drop(app);
    if let Some(app) = TestApp::spawn(Db::Postgres).await {
        scenario(&app, "postgres").await;
    }
}
