//! Database work from async handlers: the closure runs on actix's blocking thread pool, never on
//! the async workers, and its error comes back as an [`AppError`].

use crate::db::connection::AnyConnection;
use crate::db::epochs::Scope;
use crate::db::{Db, DbError};
use crate::error::AppError;
use actix_web::web;

/// Runs `f` with a read connection, off the async workers.
pub async fn read<T, E, F>(db: &web::Data<Db>, f: F) -> Result<T, AppError>
where
    T: Send + 'static,
    E: From<DbError> + Into<AppError> + Send + 'static,
    F: Fn(&mut AnyConnection) -> Result<T, E> + Send + 'static,
{
    let db = db.clone();
    web::block(move || db.read(f)).await?.map_err(Into::into)
}

/// Runs `f` once with a read connection that has just answered `SELECT 1`, off the async workers:
/// for reads that cannot run twice (see [`Db::read_once`]).
pub async fn read_once<T, E, F>(db: &web::Data<Db>, f: F) -> Result<T, AppError>
where
    T: Send + 'static,
    E: From<DbError> + Into<AppError> + Send + 'static,
    F: FnOnce(&mut AnyConnection) -> Result<T, E> + Send + 'static,
{
    let db = db.clone();
    web::block(move || db.read_once(f)).await?.map_err(Into::into)
}

/// Runs `f` on the replica when one is set (reads that may lag: see [`Db::read_lagging`]).
pub async fn read_lagging<T, E, F>(db: &web::Data<Db>, f: F) -> Result<T, AppError>
where
    T: Send + 'static,
    E: From<DbError> + Into<AppError> + Send + 'static,
    F: Fn(&mut AnyConnection) -> Result<T, E> + Send + 'static,
{
    let db = db.clone();
    web::block(move || db.read_lagging(f)).await?.map_err(Into::into)
}

/// Runs `f` in one short write transaction, off the async workers.
pub async fn write<T, E, F>(db: &web::Data<Db>, f: F) -> Result<T, AppError>
where
    T: Send + 'static,
    E: From<DbError> + From<diesel::result::Error> + Into<AppError> + Send + 'static,
    F: FnOnce(&mut AnyConnection) -> Result<T, E> + Send + 'static,
{
    let db = db.clone();
    web::block(move || db.write(f)).await?.map_err(Into::into)
}

/// The current data epoch of `scope`: from memory while the database reports no commit since it
/// was read (see `db::epoch_mirror`), else read from the database (and kept).
pub async fn epoch(db: &web::Data<Db>, scope: Scope) -> Result<i64, AppError> {
    let mirror = db.epoch_mirror();
    if let Some(epoch) = mirror.get(&scope) {
        return Ok(epoch);
    }
    let since = mirror.since();
    let read_scope = scope.clone();
    let epoch = read(db, move |c| Ok::<_, AppError>(read_scope.read(c)?)).await?;
    mirror.keep(scope, epoch, since);
    Ok(epoch)
}
