//! Database access: connection and pool, embedded migrations, schema and row types.

pub mod connection;
pub mod models;
pub mod schema;

use connection::{AnyConnection, Backend, Manager};
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};
use std::sync::{Arc, Mutex};
use std::time::Duration;

pub const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("../migrations/sqlite");
pub const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("../migrations/postgres");

pub type PooledConn = r2d2::PooledConnection<Manager>;

/// The connection pool, with a writer lock that serialises write transactions on SQLite
/// (one writer at a time; readers are never blocked thanks to WAL).
#[derive(Clone)]
pub struct Db {
    pool: r2d2::Pool<Manager>,
    backend: Backend,
    sqlite_writer: Arc<Mutex<()>>,
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
        let pool = r2d2::Pool::builder()
            .max_size(size)
            .connection_timeout(Duration::from_secs(10))
            .build(Manager::new(url))?;
        Ok(Db { pool, backend, sqlite_writer: Arc::new(Mutex::new(())) })
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    pub fn conn(&self) -> Result<PooledConn, DbError> {
        Ok(self.pool.get()?)
    }

    /// Runs `f` with a connection, for reads.
    pub fn read<T, E>(&self, f: impl FnOnce(&mut AnyConnection) -> Result<T, E>) -> Result<T, E>
    where
        E: From<DbError>,
    {
        let mut conn = self.conn()?;
        f(&mut conn)
    }

    /// Runs `f` inside one transaction; on SQLite only one writer runs at a time.
    pub fn write<T, E>(&self, f: impl FnOnce(&mut AnyConnection) -> Result<T, E>) -> Result<T, E>
    where
        E: From<DbError> + From<diesel::result::Error>,
    {
        let _guard = match self.backend {
            Backend::Sqlite => Some(self.sqlite_writer.lock().unwrap_or_else(|p| p.into_inner())),
            Backend::Postgres => None,
        };
        let mut conn = self.conn()?;
        diesel::Connection::transaction(&mut *conn, f)
    }
}

/// Applies every pending migration of the connection's backend.
pub fn run_migrations(conn: &mut AnyConnection) -> Result<(), DbError> {
    let source = match conn {
        AnyConnection::Postgresql(_) => POSTGRES_MIGRATIONS,
        AnyConnection::Sqlite(_) => SQLITE_MIGRATIONS,
    };
    conn.run_pending_migrations(source).map_err(|e| DbError::Migration(e.to_string()))?;
    Ok(())
}

/// A database error raised by a lock trigger ("record is locked").
pub fn is_lock_violation(err: &diesel::result::Error) -> bool {
    matches!(err, diesel::result::Error::DatabaseError(_, info) if info.message().contains("record is locked"))
}
