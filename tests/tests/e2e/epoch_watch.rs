//! The data epochs kept in memory on PostgreSQL (`db::epoch_mirror`): kept while no commit is
//! notified, forgotten when another connection raises an epoch, never used while the listening
//! session does not get the probes sent through the pool's database, or after it was lost.

use diesel::connection::SimpleConnection;
use hocba::db::epochs::Scope;
use hocba::db::Db;
use hocba_tests::postgres::TempDatabase;
use std::time::{Duration, Instant};

/// Waits up to `secs` for `done`.
fn within(secs: u64, mut done: impl FnMut() -> bool) -> bool {
    let deadline = Instant::now() + Duration::from_secs(secs);
    while Instant::now() < deadline {
        if done() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    done()
}

fn school_a() -> Scope {
    Scope::Own("school-a".into())
}

fn keep(db: &Db, epoch: i64) {
    let mirror = db.epoch_mirror();
    let since = mirror.since();
    mirror.keep(school_a(), epoch, since);
}

fn run(url: &str, sql: &str) {
    hocba::db::connection::establish(url).expect("connection").batch_execute(sql).expect("statement");
}

#[test]
fn postgres_epochs_are_kept_until_another_connection_raises_one() {
    let Some(temp) = TempDatabase::create() else { return };
    let db = Db::open(&temp.url).expect("migrated");
    db.watch_epochs(&temp.url, &temp.url);
    assert!(within(5, || db.epoch_mirror().is_watching()), "the first probe came back");

    keep(&db, 7);
    assert_eq!(db.epoch_mirror().get(&school_a()), Some(7));
    std::thread::sleep(Duration::from_millis(1500));
    assert_eq!(db.epoch_mirror().get(&school_a()), Some(7), "probes (other servers' too) are not changes");

    // A commit of another process that raises an epoch: forgotten as soon as it is notified.
    run(&temp.url, "INSERT INTO data_epochs (scope, epoch) VALUES ('school-a', 8)");
    assert!(within(2, || db.epoch_mirror().get(&school_a()).is_none()), "the notification arrived");

    // A rolled-back transaction notifies nothing.
    keep(&db, 8);
    run(&temp.url, "BEGIN; UPDATE data_epochs SET epoch = 9 WHERE scope = 'school-a'; ROLLBACK;");
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(db.epoch_mirror().get(&school_a()), Some(8));

    // This process's own write forgets at once, before it answers.
    db.write(|c| {
        c.batch_execute("UPDATE data_epochs SET epoch = 9 WHERE scope = 'school-a'").map_err(hocba::db::DbError::from)
    })
    .unwrap();
    assert_eq!(db.epoch_mirror().get(&school_a()), None);

    // The listening session killed (a restart, a failover): nothing kept is used, and the watch
    // comes back by itself.
    keep(&db, 9);
    run(
        &temp.url,
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
         WHERE datname = current_database() AND query = 'LISTEN hocba_epochs'",
    );
    assert!(within(2, || db.epoch_mirror().get(&school_a()).is_none()), "a lost listener keeps nothing");
    assert!(within(5, || db.epoch_mirror().is_watching()), "the watch reconnected");
    keep(&db, 9);
    assert_eq!(db.epoch_mirror().get(&school_a()), Some(9));
}

#[test]
fn a_listener_that_misses_the_pools_notifications_is_never_trusted() {
    // As through a pooler in transaction mode: the listening session does not get what the
    // pool's database notifies. Here it listens on another database.
    let (Some(data), Some(elsewhere)) = (TempDatabase::create(), TempDatabase::create()) else { return };
    let db = Db::open(&data.url).expect("migrated");
    Db::open(&elsewhere.url).expect("migrated");
    db.watch_epochs(&elsewhere.url, &data.url);
    std::thread::sleep(Duration::from_millis(2500));
    assert!(!db.epoch_mirror().is_watching());
    keep(&db, 7);
    assert_eq!(db.epoch_mirror().get(&school_a()), None, "every lookup reads the database");
}
