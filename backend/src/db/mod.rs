//! Database access: connection and pool, embedded migrations, schema and row types.

pub mod backup;
pub mod connection;
pub mod epoch_mirror;
pub mod epochs;
pub mod models;
pub mod schema;

use connection::{AnyConnection, Backend, Manager};
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

pub const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("../migrations/sqlite");
pub const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("../migrations/postgres");

/// A connection taken from a pool; it goes back when dropped.
pub struct PooledConn(r2d2::PooledConnection<Manager>);

impl std::ops::Deref for PooledConn {
    type Target = AnyConnection;
    fn deref(&self) -> &AnyConnection {
        self.0.conn_ref()
    }
}

impl std::ops::DerefMut for PooledConn {
    fn deref_mut(&mut self) -> &mut AnyConnection {
        self.0.conn()
    }
}

/// A pool with its manager, which tells a dead connection from a failed statement.
#[derive(Clone)]
struct Pool {
    pool: r2d2::Pool<Manager>,
    manager: Manager,
}

impl Pool {
    fn build(url: &str, size: u32) -> Result<Pool, DbError> {
        let manager = Manager::new(url);
        let pool =
            r2d2::Pool::builder().max_size(size).connection_timeout(Duration::from_secs(10)).build(manager.clone())?;
        Ok(Pool { pool, manager })
    }

    /// A connection that has just answered `SELECT 1`: for writes, so that a write never fails on
    /// a connection the database has closed.
    fn checked(&self) -> Result<PooledConn, DbError> {
        let mut conn = self.pool.get()?;
        if self.manager.still_alive(&mut conn) {
            return Ok(PooledConn(conn));
        }
        drop(conn);
        // The dead one is dropped, and every idle connection is checked before it is handed out.
        Ok(PooledConn(self.pool.get()?))
    }

    /// Runs the read `f` without a round trip before it. When it fails and its connection turns
    /// out dead, it runs once more on a connection that answers.
    fn read<T, E>(&self, f: impl Fn(&mut AnyConnection) -> Result<T, E>) -> Result<T, E>
    where
        E: From<DbError>,
    {
        let mut conn = self.pool.get().map_err(DbError::from)?;
        match f(conn.conn()) {
            Err(_) if !self.manager.still_alive(&mut conn) => {
                drop(conn);
                let mut fresh = self.pool.get().map_err(DbError::from)?;
                f(fresh.conn())
            }
            done => done,
        }
    }
}

/// How long a write waits for the database's writer before giving up with [`DbError::Busy`]
/// (the API answers 503 with `Retry-After`): never a silent long hang. Long work (rendering,
/// signing, password hashing) runs outside write transactions, so writes are short and a wait
/// this long means something is wrong.
pub const WRITER_WAIT: Duration = Duration::from_secs(10);

/// The connection pool, with a writer gate that serialises write transactions on SQLite
/// (one writer at a time; readers are never blocked thanks to WAL).
#[derive(Clone)]
pub struct Db {
    pool: Pool,
    /// A streaming replica for reads that may lag (`database_read_url`), when set.
    replica: Option<Pool>,
    backend: Backend,
    sqlite_writer: Arc<WriterGate>,
    /// Data epochs kept while the database reports no commit (see [`epoch_mirror`]).
    epochs: Arc<epoch_mirror::Mirror>,
}

/// One writer at a time, waited for with a bound.
#[derive(Default)]
struct WriterGate {
    taken: Mutex<bool>,
    freed: Condvar,
}

struct GateGuard<'a>(&'a WriterGate);

impl WriterGate {
    fn enter(&self, wait: Duration) -> Option<GateGuard<'_>> {
        let deadline = Instant::now() + wait;
        let mut taken = self.taken.lock().unwrap_or_else(|p| p.into_inner());
        while *taken {
            let left = deadline.checked_duration_since(Instant::now())?;
            taken = self.freed.wait_timeout(taken, left).unwrap_or_else(|p| p.into_inner()).0;
        }
        *taken = true;
        Some(GateGuard(self))
    }
}

impl Drop for GateGuard<'_> {
    fn drop(&mut self) {
        *self.0.taken.lock().unwrap_or_else(|p| p.into_inner()) = false;
        self.0.freed.notify_one();
    }
}

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error(transparent)]
    Pool(#[from] r2d2::Error),
    #[error(transparent)]
    Connect(#[from] connection::ConnectError),
    #[error("migration failed: {0}")]
    Migration(String),
    #[error(transparent)]
    Query(#[from] diesel::result::Error),
    /// The replica setting cannot be used.
    #[error("{0}")]
    Replica(String),
    /// The writer stayed busy for longer than [`WRITER_WAIT`].
    #[error("the database writer stayed busy for {} s", WRITER_WAIT.as_secs())]
    Busy,
    /// A stored value outside what it stands for (a grade of 300, a negative version): damaged
    /// data, reported rather than read as 0.
    #[error("damaged stored value: {0}")]
    Damaged(String),
}

impl Db {
    /// Connects, runs pending migrations, then builds the pool.
    pub fn open(url: &str) -> Result<Db, DbError> {
        let backend = Backend::of_url(url);
        let mut conn = connection::establish(url)?;
        run_migrations(&mut conn)?;
        let size = match backend {
            Backend::Sqlite => 4,
            Backend::Postgres => 8,
        };
        let pool = Pool::build(url, size)?;
        Ok(Db { pool, replica: None, backend, sqlite_writer: Arc::new(WriterGate::default()), epochs: Arc::default() })
    }

    /// Sends the reads that may lag ([`Db::read_lagging`]) to a PostgreSQL streaming replica of
    /// this (PostgreSQL) database. The replica is never migrated: it follows the primary.
    pub fn with_replica(mut self, url: &str) -> Result<Db, DbError> {
        if self.backend != Backend::Postgres || Backend::of_url(url) != Backend::Postgres {
            return Err(DbError::Replica("database_read_url needs PostgreSQL for both databases".into()));
        }
        self.replica = Some(Pool::build(url, 8)?);
        Ok(self)
    }

    /// Whether reads that may lag go to a replica.
    pub fn has_replica(&self) -> bool {
        self.replica.is_some()
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// The data epochs kept in memory; empty until [`Db::watch_epochs`].
    pub fn epoch_mirror(&self) -> &epoch_mirror::Mirror {
        &self.epochs
    }

    /// Keeps data epochs in memory while a watch of this pool's database (at `url`; PostgreSQL
    /// listens at `listen_url`, a direct connection when `url` goes through a pooler) sees no
    /// commit: for a server, not for one-off commands.
    pub fn watch_epochs(&self, listen_url: &str, url: &str) {
        self.epochs.start_watch(listen_url, url);
    }

    /// A connection that has just answered `SELECT 1`.
    pub fn conn(&self) -> Result<PooledConn, DbError> {
        self.pool.checked()
    }

    /// Answers when the database answers a trivial query (health check).
    pub fn ping(&self) -> Result<(), DbError> {
        // A connection is handed out only once it has answered `SELECT 1`.
        self.conn().map(drop)
    }

    /// Runs `f` with a connection, for reads. `f` may run twice: again on another connection
    /// when its first one turns out closed by the database (see [`connection::Manager`]).
    pub fn read<T, E>(&self, f: impl Fn(&mut AnyConnection) -> Result<T, E>) -> Result<T, E>
    where
        E: From<DbError>,
    {
        self.pool.read(f)
    }

    /// Runs `f` once, on a connection that has just answered `SELECT 1`: for reads whose closure
    /// consumes what it captured (an administration screen), where [`Db::read`] cannot run it again.
    pub fn read_once<T, E>(&self, f: impl FnOnce(&mut AnyConnection) -> Result<T, E>) -> Result<T, E>
    where
        E: From<DbError>,
    {
        let mut conn = self.conn()?;
        f(&mut conn)
    }

    /// Runs `f` with a connection to the replica when one is set (else as [`Db::read`]): for
    /// reads that may be a moment behind the last write (the dashboard, a parent's results,
    /// verification by code), never for what decides a write or a permission to write.
    pub fn read_lagging<T, E>(&self, f: impl Fn(&mut AnyConnection) -> Result<T, E>) -> Result<T, E>
    where
        E: From<DbError>,
    {
        self.replica.as_ref().unwrap_or(&self.pool).read(f)
    }

    /// Runs `f` inside one transaction; on SQLite only one writer runs at a time. Waiting for the
    /// writer (SQLite) or for a lock (PostgreSQL: `lock_timeout`) ends after [`WRITER_WAIT`] with
    /// [`DbError::Busy`]. Keep `f` short: no rendering, signing, hashing or network in it.
    pub fn write<T, E>(&self, f: impl FnOnce(&mut AnyConnection) -> Result<T, E>) -> Result<T, E>
    where
        E: From<DbError> + From<diesel::result::Error>,
    {
        let _guard = match self.backend {
            Backend::Sqlite => Some(self.sqlite_writer.enter(WRITER_WAIT).ok_or(DbError::Busy)?),
            Backend::Postgres => None,
        };
        let mut conn = self.conn()?;
        let done = diesel::Connection::transaction(&mut *conn, |c| {
            if let AnyConnection::Postgresql(pg) = c {
                use diesel::connection::SimpleConnection;
                pg.batch_execute(&format!("SET LOCAL lock_timeout = '{}s'", WRITER_WAIT.as_secs()))?;
            }
            f(c)
        });
        // Before the writer answers: its own next read never sees an epoch from before the write.
        self.epochs.forget();
        done
    }
}

/// Runs the same Diesel statement on whichever backend `conn` is (upserts and multi-row inserts
/// are not available on the multi-backend connection).
macro_rules! on_each_backend {
    ($conn:expr, |$c:ident| $body:expr) => {
        match $conn {
            $crate::db::connection::AnyConnection::Sqlite($c) => $body,
            $crate::db::connection::AnyConnection::Postgresql($c) => $body,
        }
    };
}
pub(crate) use on_each_backend;

/// Applies every pending migration of the connection's backend.
pub fn run_migrations(conn: &mut AnyConnection) -> Result<(), DbError> {
    let source = match conn {
        AnyConnection::Postgresql(_) => POSTGRES_MIGRATIONS,
        AnyConnection::Sqlite(_) => SQLITE_MIGRATIONS,
    };
    conn.run_pending_migrations(source).map_err(|e| DbError::Migration(e.to_string()))?;
    Ok(())
}

/// A database error that means "busy, try again": SQLite's `database is locked` (another process
/// held the writer past `busy_timeout`) or PostgreSQL's lock timeout.
pub fn is_busy(err: &diesel::result::Error) -> bool {
    matches!(err, diesel::result::Error::DatabaseError(_, info)
        if info.message().contains("database is locked") || info.message().contains("lock timeout"))
}

/// A database error raised by a lock trigger ("record is locked").
pub fn is_lock_violation(err: &diesel::result::Error) -> bool {
    matches!(err, diesel::result::Error::DatabaseError(_, info) if info.message().contains("record is locked"))
}
