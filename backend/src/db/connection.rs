//! The one connection type over both backends, and the pool that picks the backend by URL.

use diesel::connection::SimpleConnection;
use diesel::pg::PgConnection;
use diesel::sqlite::SqliteConnection;
use diesel::Connection;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

#[derive(diesel::MultiConnection)]
pub enum AnyConnection {
    Postgresql(PgConnection),
    Sqlite(SqliteConnection),
}

/// Which database a URL names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Postgres,
    Sqlite,
}

impl Backend {
    pub fn of_url(url: &str) -> Backend {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Backend::Postgres
        } else {
            Backend::Sqlite
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Backend::Postgres => "postgresql",
            Backend::Sqlite => "sqlite",
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ConnectError {
    #[error("cannot connect to the database: {0}")]
    Connection(#[from] diesel::ConnectionError),
    #[error("cannot prepare the database connection: {0}")]
    Setup(#[from] diesel::result::Error),
}

/// SQLite settings applied to every new connection: WAL, foreign keys, a busy timeout.
const SQLITE_PRAGMAS: &str =
    "PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000; PRAGMA synchronous = NORMAL;";

/// Opens a connection, choosing the backend by the URL scheme (`postgres://` or a SQLite path,
/// optionally prefixed `sqlite://`), and keeps the real error.
pub fn establish(url: &str) -> Result<AnyConnection, ConnectError> {
    match Backend::of_url(url) {
        Backend::Postgres => Ok(AnyConnection::Postgresql(PgConnection::establish(url)?)),
        Backend::Sqlite => {
            let path = url.strip_prefix("sqlite://").unwrap_or(url);
            let mut conn = SqliteConnection::establish(path)?;
            conn.batch_execute(SQLITE_PRAGMAS)?;
            Ok(AnyConnection::Sqlite(conn))
        }
    }
}

/// A pooled connection with what the pool knows about it.
pub struct Pooled {
    conn: AnyConnection,
    /// The pool's doubt count when this connection last answered (see [`Manager`]).
    trusted_at: u64,
    /// Found dead: the pool drops it instead of taking it back.
    dead: bool,
}

impl Pooled {
    pub fn conn(&mut self) -> &mut AnyConnection {
        &mut self.conn
    }

    pub fn conn_ref(&self) -> &AnyConnection {
        &self.conn
    }
}

/// r2d2 manager over [`AnyConnection`], without a round trip on every checkout.
///
/// A connection handed out is trusted while no connection of the pool has been found dead since
/// it last answered. When one is found dead (a database restart, a pooler or the server closing
/// idle sessions), the pool's doubt count goes up and every other connection is checked with
/// `SELECT 1` on its next checkout. Finding a dead connection is the caller's part: after a
/// failed statement, [`Manager::still_alive`] tells whether the connection or the statement failed.
#[derive(Debug, Clone)]
pub struct Manager {
    url: String,
    doubts: Arc<AtomicU64>,
}

impl Manager {
    pub fn new(url: impl Into<String>) -> Self {
        Manager { url: url.into(), doubts: Arc::default() }
    }

    /// Checks `pooled` with `SELECT 1`. When it does not answer it is marked dead (the pool drops
    /// it) and the other connections of the pool are checked on their next checkout.
    pub fn still_alive(&self, pooled: &mut Pooled) -> bool {
        match pooled.conn.batch_execute("SELECT 1") {
            Ok(()) => true,
            Err(_) => {
                pooled.dead = true;
                self.doubts.fetch_add(1, Ordering::SeqCst);
                false
            }
        }
    }
}

impl r2d2::ManageConnection for Manager {
    type Connection = Pooled;
    type Error = ConnectError;

    fn connect(&self) -> Result<Pooled, ConnectError> {
        let trusted_at = self.doubts.load(Ordering::SeqCst);
        Ok(Pooled { conn: establish(&self.url)?, trusted_at, dead: false })
    }

    fn is_valid(&self, pooled: &mut Pooled) -> Result<(), ConnectError> {
        let doubts = self.doubts.load(Ordering::SeqCst);
        if pooled.trusted_at == doubts {
            return Ok(());
        }
        pooled.conn.batch_execute("SELECT 1")?;
        pooled.trusted_at = doubts;
        Ok(())
    }

    fn has_broken(&self, pooled: &mut Pooled) -> bool {
        pooled.dead
    }
}
