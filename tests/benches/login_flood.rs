//! Login-flood benchmark: a teacher's saves while 32 clients flood the sign-in with wrong
//! passwords from ever-new addresses (`hocba_tests::login_flood`), on SQLite and PostgreSQL,
//! release build, real HTTP on port 0. The flood runs in a second process (this program started
//! again with `--flood URL MILLISECONDS`), as an attacker's would: its CPU and memory are not the
//! server's. The baseline is the same saves with nothing else running, measured just before; a
//! second run floods `GET /api/health` at the same pace, for the cost of any request flood.
//!
//! `cargo bench -p hocba-tests --bench login_flood`; prints `key value` lines that
//! `cargo xtask bench login-flood` collects into docs/benchmarks.md.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use hocba_tests::login_flood::{self, FloodIn};
use hocba_tests::Db;
use std::process::{Command, Stdio};
use std::time::Duration;

const CLIENTS: usize = 32;

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--flood") {
        let url = args[i + 1].clone();
        let millis: u64 = args[i + 2].parse().expect("milliseconds");
        let counts = login_flood::flood(url, CLIENTS, Duration::from_millis(millis)).await;
        print!("{}", counts.to_lines());
        return;
    }
    println!("clients {CLIENTS}");
    for (kind, db) in [("sqlite", Db::Sqlite), ("postgres", Db::Postgres)] {
        let Some(app) = login_flood::spawn(db).await else {
            eprintln!("{kind}: skipped (database unreachable)");
            continue;
        };
        let child = || {
            FloodIn::Child(Box::new(|url: String, duration: Duration| {
                Command::new(std::env::current_exe().expect("this program"))
                    .args(["--flood", &url, &duration.as_millis().to_string()])
                    .stdout(Stdio::piped())
                    .spawn()
                    .expect("the flood process starts")
            }))
        };
        let f = login_flood::run(&app, CLIENTS, 100, Duration::from_millis(50), child(), "/api/auth/login").await;
        assert!(f.statuses.iter().all(|s| *s == 200), "every save succeeds");
        assert_eq!(f.flood_other, 0, "the flood gets only 401, 429 or 503");
        login_flood::print(kind, &f);
        // The same flood against the health check: what any request flood of that rate costs.
        let h = login_flood::run(&app, CLIENTS, 100, Duration::from_millis(50), child(), "/api/health").await;
        assert!(h.statuses.iter().all(|s| *s == 200), "every save succeeds");
        login_flood::print(&format!("{kind}_health"), &h);
    }
}
