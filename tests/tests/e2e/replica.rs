//! A province's read replica: with `database_read_url` set, the reads that may lag (a parent's
//! results, the dashboard, verification by code) go to a PostgreSQL streaming replica and answer
//! the same as the primary; a replica held behind serves its own (older) state, never an answer
//! cached as current, and catches up when replay resumes. Everything else reads the primary.

use hocba_tests::replica::Cluster;
use hocba_tests::{Db, TestApp};
use std::time::{Duration, Instant};

/// Waits until the replica has replayed everything the primary wrote so far.
fn caught_up(primary: &Cluster, replica: &Cluster) {
    let target = primary.query("postgres", "SELECT pg_current_wal_lsn()");
    let deadline = Instant::now() + Duration::from_secs(30);
    while replica.query("postgres", &format!("SELECT pg_last_wal_replay_lsn() >= '{target}'::pg_lsn")) != "t" {
        assert!(Instant::now() < deadline, "the replica did not catch up");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[tokio::test]
async fn lagging_reads_go_to_the_replica() {
    let Some(primary) = Cluster::primary() else {
        assert!(std::env::var_os("CI").is_none(), "CI has PostgreSQL's server binaries");
        return;
    };
    primary.query("postgres", "CREATE DATABASE hocba");
    let replica = Cluster::replica_of(&primary);
    assert_eq!(replica.query("postgres", "SELECT pg_is_in_recovery()"), "t");
    let (write_url, read_url) = (primary.url("hocba"), replica.url("hocba"));
    let app = TestApp::spawn_with(Db::Postgres, move |s| {
        s.database_url = Some(write_url.into());
        s.database_read_url = Some(read_url.into());
    })
    .await
    .expect("app on the primary with its replica");
    caught_up(&primary, &replica);

    let parent = app.login("phuhuynh").await;
    let me = app.get_json(&parent, "/api/me").await;
    let child = me["children"][0]["id"].as_str().unwrap().to_string();
    let results = format!("/api/pupils/{child}/results");
    let before = app.get_json(&parent, &results).await;
    assert_eq!(before["years"].as_array().unwrap().len(), 4);
    let principal = app.login("hieutruong").await;
    let dashboard = app.get_json(&principal, "/api/dashboard").await;
    let unknown = app.get_json(&parent, "/api/verify/ZZZZ-ZZZZ-ZZZZ").await;

    // Hold the replica back, rename the pupil on the primary: the lagging reads still show the
    // replica's state, the primary's reads the new one.
    replica.query("postgres", "SELECT pg_wal_replay_pause()");
    primary.query("hocba", &format!("UPDATE pupils SET full_name = 'Giàng Thị Mỷ Lan' WHERE id = '{child}'"));
    let admin = app.login("admin").await;
    let on_primary = app.get_json(&admin, &format!("/api/admin/pupils/{child}")).await;
    assert_eq!(on_primary["data"]["full_name"], "Giàng Thị Mỷ Lan", "the administration reads the primary");
    let held = app.get_json(&parent, &results).await;
    assert_eq!(held["pupil"]["full_name"], "Giàng Thị Mỷ", "the results come from the replica");
    assert_eq!(held, before);
    assert_eq!(app.get_json(&principal, "/api/dashboard").await, dashboard);
    assert_eq!(app.get_json(&parent, "/api/verify/ZZZZ-ZZZZ-ZZZZ").await, unknown);

    // Replay resumes: a read shows the change (the held answer was not kept as current). The
    // standby can show a replayed commit a moment after its replay position passed it, so reads
    // repeat for up to 10 s; an answer wrongly kept as current would never change.
    replica.query("postgres", "SELECT pg_wal_replay_resume()");
    caught_up(&primary, &replica);
    let mut after = app.get_json(&parent, &results).await;
    let mut reads = 1;
    while after["pupil"]["full_name"] != "Giàng Thị Mỷ Lan" && reads < 100 {
        tokio::time::sleep(Duration::from_millis(100)).await;
        after = app.get_json(&parent, &results).await;
        reads += 1;
    }
    assert_eq!(after["pupil"]["full_name"], "Giàng Thị Mỷ Lan");
    assert_eq!(after["years"], before["years"], "the same record, read from the replica");
}
