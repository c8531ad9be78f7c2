//! The data epochs (see `read_cache`) kept in memory while the database reports no change, so a
//! request answered from the answer cache reads nothing from the database.
//!
//! A dedicated connection watches the database for commits:
//! - SQLite: `PRAGMA data_version`, which moves when any other connection (this server's pool, a
//!   `hocba` command beside it) commits. Checked on every lookup, so no change is ever missed.
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
use diesel::connection::SimpleConnection;
use diesel::pg::PgConnection;
use diesel::prelude::*;
use diesel::sqlite::SqliteConnection;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, Weak};
use std::time::Duration;

/// The PostgreSQL channel the `data_epochs` trigger notifies.
pub const CHANNEL: &str = "hocba_epochs";

/// How often the watch's connection is checked (and reconnected when lost).
const CHECK_EVERY: Duration = Duration::from_secs(1);

/// Epochs read from the database, valid while the watch sees no commit.
#[derive(Default)]
pub struct Mirror {
    watch: Mutex<Option<Watch>>,
    kept: Mutex<Kept>,
}

#[derive(Default)]
struct Kept {
    /// Raised whenever the kept epochs are forgotten: an epoch read before a change is not kept.
    generation: u64,
    epochs: HashMap<String, i64>,
}

/// The connection that sees commits.
enum Watch {
    Sqlite { conn: SqliteConnection, version: i64 },
    Postgres(Listener),
}

/// PostgreSQL's watch: the listening session and the one that sends it probes.
struct Listener {
    listen: PgConnection,
    probe: PgConnection,
    /// Names this watch's probes (other servers' probes are not changes of data).
    token: String,
    /// Probes sent and the latest one seen back.
    sent: u64,
    seen: u64,
}

/// A read of the epochs under way: [`Mirror::keep`] keeps its result only if nothing changed since.
#[derive(Debug, Clone, Copy)]
pub struct Since(Option<u64>);

impl Mirror {
    /// The epoch kept for `key`, when the watch works and has seen no commit since it was read.
    /// Never waits: while the watch is busy (its connection being checked) the answer is `None`.
    pub fn get(&self, key: &str) -> Option<i64> {
        let Ok(mut watch) = self.watch.try_lock() else { return None };
        match watch.as_mut()?.changed() {
            Ok(false) => {}
            Ok(true) => self.forget(),
            Err(e) => {
                tracing::warn!("epoch watch lost: {e}");
                *watch = None;
                self.forget();
                return None;
            }
        }
        if !watch.as_ref().is_some_and(Watch::confirmed) {
            return None;
        }
        drop(watch);
        self.lock_kept().epochs.get(key).copied()
    }

    /// Marks the start of a read of epochs from the database.
    pub fn since(&self) -> Since {
        let watching = self.watch.try_lock().map(|w| w.as_ref().is_some_and(Watch::confirmed)).unwrap_or(false);
        Since(watching.then(|| self.lock_kept().generation))
    }

    /// Keeps `epoch` for `key` if nothing was forgotten since `since`.
    pub fn keep(&self, key: String, epoch: i64, since: Since) {
        let mut kept = self.lock_kept();
        if since.0 == Some(kept.generation) {
            kept.epochs.insert(key, epoch);
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
        let mut watch = self.watch.lock().unwrap_or_else(|p| p.into_inner());
        match watch.as_mut() {
            Some(w) => {
                if w.changed().unwrap_or(true) {
                    self.forget();
                }
                w.confirmed()
            }
            None => false,
        }
    }

    fn lock_kept(&self) -> std::sync::MutexGuard<'_, Kept> {
        self.kept.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Starts watching the database in a background thread (connects at once, then checks and
    /// reconnects every second): `listen_url` for the listening session, `url` (the pool's own)
    /// for the probes, so a probe that comes back proves notifications of the pool's database
    /// reach the listener. The thread ends when the mirror is dropped.
    pub fn start_watch(self: &Arc<Self>, listen_url: &str, url: &str) {
        let urls = (listen_url.to_string(), url.to_string());
        connect_into(self, &urls);
        let weak: Weak<Mirror> = Arc::downgrade(self);
        let spawned = std::thread::Builder::new().name("epoch-watch".into()).spawn(move || {
            let mut warned = false;
            loop {
                std::thread::sleep(CHECK_EVERY);
                let Some(mirror) = weak.upgrade() else { return };
                let mut watch = mirror.watch.lock().unwrap_or_else(|p| p.into_inner());
                let checked = match watch.as_mut() {
                    Some(w) => w.check(&mirror),
                    None => Err(anyhow::anyhow!("not connected")),
                };
                if let Err(e) = checked {
                    if !warned {
                        tracing::warn!("data epochs are read from the database on every request: {e}");
                        warned = true;
                    }
                    *watch = None;
                    drop(watch);
                    mirror.forget();
                    connect_into(&mirror, &urls);
                } else {
                    warned = false;
                }
            }
        });
        if let Err(e) = spawned {
            tracing::warn!("epoch watch not started: {e}");
        }
    }
}

/// Opens the watch and installs it; the epochs kept before are forgotten (changes may have been
/// missed while there was no watch).
fn connect_into(mirror: &Mirror, (listen_url, url): &(String, String)) {
    match Watch::open(listen_url, url) {
        Ok(w) => {
            *mirror.watch.lock().unwrap_or_else(|p| p.into_inner()) = Some(w);
            mirror.forget();
        }
        Err(e) => tracing::debug!("epoch watch not connected: {e}"),
    }
}

impl Watch {
    fn open(listen_url: &str, url: &str) -> anyhow::Result<Watch> {
        match establish(listen_url)? {
            AnyConnection::Sqlite(mut conn) => {
                let version = data_version(&mut conn)?;
                Ok(Watch::Sqlite { conn, version })
            }
            AnyConnection::Postgresql(mut listen) => {
                listen.batch_execute(&format!("LISTEN {CHANNEL}"))?;
                let probe = PgConnection::establish(url)?;
                let token = uuid::Uuid::now_v7().simple().to_string();
                let mut l = Listener { listen, probe, token, sent: 0, seen: 0 };
                l.send_probe()?;
                Ok(Watch::Postgres(l))
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

    /// Whether a commit happened since the last call.
    fn changed(&mut self) -> anyhow::Result<bool> {
        match self {
            Watch::Sqlite { conn, version } => {
                let now = data_version(conn)?;
                Ok(std::mem::replace(version, now) != now)
            }
            Watch::Postgres(l) => {
                let mine = format!("probe:{}:", l.token);
                let mut any = false;
                for n in l.listen.notifications_iter() {
                    let n = n?;
                    if let Some(seq) = n.payload.strip_prefix(&mine) {
                        l.seen = l.seen.max(seq.parse().unwrap_or(0));
                    } else if !n.payload.starts_with("probe:") {
                        any = true;
                    }
                }
                Ok(any)
            }
        }
    }

    /// Answers when the watch still works: SQLite's connection answers; PostgreSQL's last probe
    /// came back (then the next one is sent).
    fn check(&mut self, mirror: &Mirror) -> anyhow::Result<()> {
        if self.changed()? {
            mirror.forget();
        }
        match self {
            Watch::Sqlite { conn, .. } => conn.batch_execute("SELECT 1")?,
            Watch::Postgres(l) => {
                if l.seen < l.sent {
                    anyhow::bail!(
                        "the PostgreSQL notifications do not come back (a pooler in transaction mode?); \
                         set database_watch_url to a direct connection to the primary"
                    );
                }
                l.send_probe()?;
            }
        }
        Ok(())
    }
}

impl Listener {
    fn send_probe(&mut self) -> QueryResult<()> {
        self.sent += 1;
        self.probe.batch_execute(&format!("NOTIFY {CHANNEL}, 'probe:{}:{}'", self.token, self.sent))
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

    fn sqlite_url(dir: &tempfile::TempDir) -> String {
        dir.path().join("epochs.db").to_string_lossy().into_owned()
    }

    #[test]
    fn nothing_is_kept_without_a_watch() {
        let mirror = Mirror::default();
        let since = mirror.since();
        mirror.keep("school".into(), 3, since);
        assert_eq!(mirror.get("school"), None);
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
        mirror.keep("school".into(), 3, since);
        assert_eq!(mirror.get("school"), Some(3));
        assert_eq!(mirror.get("school"), Some(3), "still nothing written");
        other.batch_execute("INSERT INTO t VALUES (1)").expect("insert");
        assert_eq!(mirror.get("school"), None, "a commit elsewhere is seen at the next lookup");
    }

    #[test]
    fn an_epoch_read_before_a_change_is_not_kept() {
        let dir = tempfile::tempdir().expect("temp dir");
        let url = sqlite_url(&dir);
        let mirror = Arc::new(Mirror::default());
        mirror.start_watch(&url, &url);
        let since = mirror.since();
        mirror.forget(); // a write of this process while the epoch was being read
        mirror.keep("school".into(), 3, since);
        assert_eq!(mirror.get("school"), None);
        let since = mirror.since();
        mirror.keep("school".into(), 4, since);
        assert_eq!(mirror.get("school"), Some(4));
    }
}
