//! The connection pool on PostgreSQL: a read costs no round trip before its own statements, and a
//! connection the database closed (a restart, a pooler, an idle timeout) never turns into an error
//! for the user: the read runs once more on a connection that answers, a write gets a checked one.

use diesel::connection::SimpleConnection;
use hocba::db::connection::AnyConnection;
use hocba::db::{Db, DbError};
use hocba_tests::postgres::TempDatabase;
use std::cell::Cell;

fn statement(c: &mut AnyConnection, sql: &str) -> Result<(), DbError> {
    c.batch_execute(sql).map_err(DbError::from)
}

/// How many of this database's other sessions last ran `query`.
fn sessions_last_running(url: &str, query: &str) -> i64 {
    use diesel::prelude::*;
    #[derive(QueryableByName)]
    struct Count {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
    }
    let mut conn = hocba::db::connection::establish(url).expect("connection");
    let found: Count = diesel::sql_query(
        "SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() \
         AND pid <> pg_backend_pid() AND query = $1",
    )
    .bind::<diesel::sql_types::Text, _>(query)
    .get_result(&mut conn)
    .expect("pg_stat_activity");
    found.n
}

fn terminate_other_sessions(url: &str) {
    hocba::db::connection::establish(url)
        .expect("connection")
        .batch_execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
             WHERE datname = current_database() AND pid <> pg_backend_pid()",
        )
        .expect("terminate");
}

#[test]
fn postgres_reads_skip_the_checkout_round_trip_and_survive_closed_connections() {
    let Some(temp) = TempDatabase::create() else { return };
    let db = Db::open(&temp.url).expect("migrated");

    // Reads: only their own statements reach the server (no `SELECT 1` before each).
    for _ in 0..5 {
        db.read(|c| statement(c, "SELECT 'hot path'")).expect("read");
    }
    db.read(|_| Ok::<_, DbError>(())).expect("an empty read");
    assert_eq!(sessions_last_running(&temp.url, "SELECT 1"), 0, "no checkout round trip");
    assert!(sessions_last_running(&temp.url, "SELECT 'hot path'") >= 1);

    // A statement that fails on a live connection fails once: it is not run again.
    let runs = Cell::new(0);
    let failed = db.read(|c| {
        runs.set(runs.get() + 1);
        statement(c, "SELECT no_such_column FROM data_epochs")
    });
    assert!(failed.is_err());
    assert_eq!(runs.get(), 1, "a failed statement is not retried");

    // The database closes every session of the pool: the next read runs again on a new one.
    terminate_other_sessions(&temp.url);
    let runs = Cell::new(0);
    let answer = db.read(|c| {
        runs.set(runs.get() + 1);
        statement(c, "SELECT 'after the restart'")
    });
    assert!(answer.is_ok(), "the read survived: {answer:?}");
    assert_eq!(runs.get(), 2, "once on the closed connection, once on a new one");
    // The other closed connections are checked before they are handed out: no read fails.
    for _ in 0..10 {
        db.read(|c| statement(c, "SELECT 'still fine'")).expect("read after the restart");
    }

    // A write after the sessions were closed again: it gets a connection that answers.
    terminate_other_sessions(&temp.url);
    db.write(|c| statement(c, "INSERT INTO data_epochs (scope, epoch) VALUES ('pool-test', 1)")).expect("write");
    let epoch = db.read(|c| hocba::db::epochs::Scope::Own("pool-test".into()).read(c).map_err(DbError::from));
    assert_eq!(epoch.expect("epoch"), 1);
}
