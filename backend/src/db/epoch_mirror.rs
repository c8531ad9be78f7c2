//! The data epochs (see `read_cache`) kept in memory while the database reports no change, so a
//! request answered from the answer cache reads nothing from the database.
//!
//! A dedicated connection watches the database for commits:
//! - SQLite: `PRAGMA data_version`, which moves when any other connection (this server's pool, a
//!   `hocba` command beside it) commits. Read at a lookup when the last reading is older than
//!   [`SQLITE_RECHECK`] (SQLite prepares the pragma anew at every reading), so another process's
//!   write shows within that time.
//! - PostgreSQL: `LISTEN hocba_epochs`; a trigger on `data_epochs` notifies at every commit that
//!   raised an epoch. Pending notifications are read (without blocking) on every lookup. A
//!   notification reaches the listener a moment after the commit, so a write by *another* process
//!   (a second server, a command) shows here within that moment — well under a millisecond on a
//!   local network; this server's own writes forget the kept epochs before they answer.
//!   Notifications only reach a session of its own: through pgbouncer in transaction pooling
//!   they are lost. So a second connection sends a probe notification every second, and the
//!   watch counts only while each probe comes back (`database_watch_url` names a direct
//!   connection to the primary for it).
//!
//! Without a working watch (not started, connection lost, probe missing, being checked) nothing is
//! kept and every lookup reads the database, as before. A background thread connects, checks the
//! watch every second and reconnects; it ends when the pool is dropped.

use super::connection::{establish, AnyConnection};
use super::epochs::Scope;
use diesel::connection::SimpleConnection;
use diesel::pg::PgConnection;
use diesel::prelude::*;
use diesel::sqlite::SqliteConnection;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, Weak};
use std::time::{Duration, Instant};

/// The PostgreSQL channel the `data_epochs` trigger notifies.
pub const CHANNEL: &str = "hocba_epochs";

/// How long a reading of SQLite's `data_version` is trusted.
pub const SQLITE_RECHECK: Duration = Duration::from_millis(2);

/// How often the watch is checked (and reconnected when lost).
const CHECK_EVERY: Duration = Duration::from_secs(1);

/// Epochs read from the database, valid while the watch sees no commit.
#[derive(Default)]
pub struct Mirror {
    /// The listening side. Held only for checks that never wait on the network (SQLite reads
    /// shared memory; PostgreSQL reads what already arrived), so lookups simply take it.
    watch: Mutex<Option<Watch>>,
    kept: Mutex<Kept>,
}

#[derive(Default)]
struct Kept {
    /// Raised whenever the kept epochs are forgotten: an epoch read before a change is not kept.
    generation: u64,
    epochs: HashMap<Scope, i64>,
}

/// The connection that sees commits.
enum Watch {
    Sqlite { conn: SqliteConnection, version: i64, read_at: Instant },
    Postgres(Listener),
}

/// PostgreSQL's listening session; its probes are sent by the background thread.
struct Listener {
    listen: PgConnection,
    /// Begins this watch's probes, `probe:<token>:` (other servers' probes are not changes of data).
    mine: String,
    /// Probes sent and the latest one seen back.
    sent: u64,
    seen: u64,
}

/// A read of the epochs under way: [`Mirror::keep`] keeps its result only if nothing changed since.
#[derive(Debug, Clone, Copy)]
pub struct Since(Option<u64>);

impl Mirror {
    /// The epoch kept for `scope`, when the watch works and has seen no commit since it was read.
    pub fn get(&self, scope: &Scope) -> Option<i64> {
        if !self.check() {
            return None;
        }
        self.lock_kept().epochs.get(scope).copied()
    }

    /// Marks the start of a read of epochs from the database.
    pub fn since(&self) -> Since {
        let watching = self.lock_watch().as_ref().is_some_and(Watch::confirmed);
        Since(watching.then(|| self.lock_kept().generation))
    }

    /// Keeps `epoch` for `scope` if nothing was forgotten since `since`.
    pub fn keep(&self, scope: Scope, epoch: i64, since: Since) {
        let mut kept = self.lock_kept();
        if since.0 == Some(kept.generation) {
            kept.epochs.insert(scope, epoch);
        }
    }

    /// Forgets every kept epoch (after a write of this process, or a change seen by the watch).
    pub fn forget(&self) {
        let mut kept = self.lock_kept();
        kept.generation += 1;
        kept.epochs.clear();
    }

    /// Whether the watch currently works (for PostgreSQL: a probe came back).
    pub fn is_watching(&self) -> bool {
        self.check()
    }

    /// Takes in what the watch saw (forgetting the kept epochs after a commit; dropping a watch
    /// whose connection failed) and answers whether kept epochs may be used.
    fn check(&self) -> bool {
        let mut watch = self.lock_watch();
        let Some(w) = watch.as_mut() else { return false };
        match w.changed() {
            Ok(false) => {}
            Ok(true) => self.forget(),
            Err(e) => {
                tracing::warn!("epoch watch lost: {e}");
                *watch = None;
                self.forget();
                return false;
            }
        }
        w.confirmed()
    }

    fn lock_watch(&self) -> std::sync::MutexGuard<'_, Option<Watch>> {
        self.watch.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn lock_kept(&self) -> std::sync::MutexGuard<'_, Kept> {
        self.kept.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Starts watching the database in a background thread (connects at once, then checks and
    /// reconnects every second): `listen_url` for the listening session, `url` (the pool's own)
    /// for the probes, so a probe that comes back proves notifications of the pool's database
    /// reach the listener. The thread ends when the mirror is dropped.
    pub fn start_watch(self: &Arc<Self>, listen_url: &str, url: &str) {
        let mut prober = Prober { listen_url: listen_url.to_string(), url: url.to_string(), conn: None, warned: false };
        prober.connect(self);
        let weak: Weak<Mirror> = Arc::downgrade(self);
        let spawned = std::thread::Builder::new().name("epoch-watch".into()).spawn(move || loop {
            std::thread::sleep(CHECK_EVERY);
            let Some(mirror) = weak.upgrade() else { return };
            prober.round(&mirror);
        });
        if let Err(e) = spawned {
            tracing::warn!("epoch watch not started: {e}");
        }
    }
}

/// The background side of the watch: (re)connects it and, on PostgreSQL, sends the probes over
/// the pool's own URL and checks that the previous one came back.
struct Prober {
    listen_url: String,
    url: String,
    conn: Option<PgConnection>,
    warned: bool,
}

impl Prober {
    fn round(&mut self, mirror: &Mirror) {
        let next = match mirror.lock_watch().as_mut() {
            None => Err(anyhow::anyhow!("not connected")),
            Some(Watch::Sqlite { .. }) => Ok(None),
            Some(Watch::Postgres(l)) => l.next_probe(mirror).map(Some),
        };
        let sent = match (next, self.conn.as_mut()) {
            (Ok(None), _) => Ok(()),
            (Ok(Some(probe)), Some(conn)) => conn.batch_execute(&probe).map_err(anyhow::Error::from),
            (Ok(Some(_)), None) => Err(anyhow::anyhow!("no connection for the probes")),
            (Err(e), _) => Err(e),
        };
        match sent {
            Ok(()) => self.warned = false,
            Err(e) => {
                if !self.warned {
                    tracing::warn!("data epochs are read from the database on every request: {e}");
                    self.warned = true;
                }
                *mirror.lock_watch() = None;
                mirror.forget();
                self.connect(mirror);
            }
        }
    }

    /// Opens the watch (and the probes' connection) and installs it; the epochs kept before are
    /// forgotten (changes may have been missed while there was no watch).
    fn connect(&mut self, mirror: &Mirror) {
        self.conn = None;
        let opened = Watch::open(&self.listen_url).and_then(|w| {
            if let Watch::Postgres(_) = w {
                self.conn = Some(PgConnection::establish(&self.url)?);
            }
            Ok(w)
        });
        match opened {
            Ok(mut w) => {
                let first = match &mut w {
                    Watch::Postgres(l) => Some(l.probe()),
                    Watch::Sqlite { .. } => None,
                };
                *mirror.lock_watch() = Some(w);
                mirror.forget();
                if let (Some(probe), Some(conn)) = (first, self.conn.as_mut()) {
                    if let Err(e) = conn.batch_execute(&probe) {
                        tracing::debug!("epoch watch probe not sent: {e}");
                    }
                }
            }
            Err(e) => tracing::debug!("epoch watch not connected: {e}"),
        }
    }
}

impl Watch {
    fn open(listen_url: &str) -> anyhow::Result<Watch> {
        match establish(listen_url)? {
            AnyConnection::Sqlite(mut conn) => {
                let version = data_version(&mut conn)?;
                Ok(Watch::Sqlite { conn, version, read_at: Instant::now() })
            }
            AnyConnection::Postgresql(mut listen) => {
                listen.batch_execute(&format!("LISTEN {CHANNEL}"))?;
                let mine = format!("probe:{}:", uuid::Uuid::now_v7().simple());
                Ok(Watch::Postgres(Listener { listen, mine, sent: 0, seen: 0 }))
            }
        }
    }

    /// Whether kept epochs may be used: PostgreSQL's watch once a probe came back.
    fn confirmed(&self) -> bool {
        match self {
            Watch::Sqlite { .. } => true,
            Watch::Postgres(l) => l.seen > 0,
        }
    }

    /// Whether a commit happened since the last call. Never waits on the network.
    fn changed(&mut self) -> anyhow::Result<bool> {
        match self {
            Watch::Sqlite { conn, version, read_at } => {
                if read_at.elapsed() < SQLITE_RECHECK {
                    return Ok(false);
                }
                let now = data_version(conn)?;
                *read_at = Instant::now();
                Ok(std::mem::replace(version, now) != now)
            }
            Watch::Postgres(l) => l.take_notifications(),
        }
    }
}

impl Listener {
    /// Reads the notifications already arrived: whether any announced a commit (probes do not).
    fn take_notifications(&mut self) -> anyhow::Result<bool> {
        let mut any = false;
        for n in self.listen.notifications_iter() {
            let n = n?;
            if let Some(seq) = n.payload.strip_prefix(&self.mine) {
                self.seen = self.seen.max(seq.parse().unwrap_or(0));
            } else if !n.payload.starts_with("probe:") {
                any = true;
            }
        }
        Ok(any)
    }

    /// The next probe, if the previous one came back.
    fn next_probe(&mut self, mirror: &Mirror) -> anyhow::Result<String> {
        if self.take_notifications()? {
            mirror.forget();
        }
        if self.seen < self.sent {
            anyhow::bail!(
                "the PostgreSQL notifications do not come back (a pooler in transaction mode?); \
                 set database_watch_url to a direct connection to the primary"
            );
        }
        Ok(self.probe())
    }

    /// Counts and words a new probe.
    fn probe(&mut self) -> String {
        self.sent += 1;
        format!("NOTIFY {CHANNEL}, '{}{}'", self.mine, self.sent)
    }
}

/// SQLite's `data_version` of this connection: it moves when another connection commits.
fn data_version(conn: &mut SqliteConnection) -> QueryResult<i64> {
    diesel::select(diesel::dsl::sql::<diesel::sql_types::BigInt>("(SELECT data_version FROM pragma_data_version())"))
        .get_result(conn)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn school() -> Scope {
        Scope::Own("school".into())
    }

    fn sqlite_url(dir: &tempfile::TempDir) -> String {
        dir.path().join("epochs.db").to_string_lossy().into_owned()
    }

    #[test]
    fn nothing_is_kept_without_a_watch() {
        let mirror = Mirror::default();
        let since = mirror.since();
        mirror.keep(school(), 3, since);
        assert_eq!(mirror.get(&school()), None);
    }

    #[test]
    fn a_commit_of_another_connection_forgets_the_kept_epochs() {
        let dir = tempfile::tempdir().expect("temp dir");
        let url = sqlite_url(&dir);
        let mut other = establish(&url).expect("second connection");
        other.batch_execute("CREATE TABLE t (x INTEGER)").expect("table");
        let mirror = Arc::new(Mirror::default());
        mirror.start_watch(&url, &url);
        assert!(mirror.is_watching());
        let since = mirror.since();
        mirror.keep(school(), 3, since);
        assert_eq!(mirror.get(&school()), Some(3));
        assert_eq!(mirror.get(&school()), Some(3), "still nothing written");
        other.batch_execute("INSERT INTO t VALUES (1)").expect("insert");
        std::thread::sleep(SQLITE_RECHECK);
        assert_eq!(mirror.get(&school()), None, "a commit elsewhere is seen once the last reading is older");
    }

    #[test]
    fn an_epoch_read_before_a_change_is_not_kept() {
        let dir = tempfile::tempdir().expect("temp dir");
        let url = sqlite_url(&dir);
        let mirror = Arc::new(Mirror::default());
        mirror.start_watch(&url, &url);
        let since = mirror.since();
        mirror.forget(); // a write of this process while the epoch was being read
        mirror.keep(school(), 3, since);
        assert_eq!(mirror.get(&school()), None);
        let since = mirror.since();
        mirror.keep(school(), 4, since);
        assert_eq!(mirror.get(&school()), Some(4));
    }
}
