//! Answers served from memory while the data behind them is unchanged (see `read_cache`): a
//! pupil's approved results, a class grid. The caller gives the key (always naming the user, so
//! an answer is only ever served to whom it was computed for) and the stamp of data epochs read
//! before computing.

use crate::error::AppError;
use crate::read_cache::{EpochCache, Stamp};
use actix_web::{web, HttpResponse};
use serde::Serialize;
use std::future::Future;

/// Serialised JSON answers by key.
pub type AnswerCache = EpochCache<String, web::Bytes>;

/// The JSON answer kept for `key` at `stamp` (the current epochs), else `compute`d, kept and
/// sent. `compute` answers the value and the stamp it was computed at: `stamp` itself, or the
/// epochs a replica showed when the value was read there (a replica behind the primary gives an
/// older stamp, so its answer is not served as current).
pub async fn json<T, F>(cache: &AnswerCache, key: String, stamp: Stamp, compute: F) -> Result<HttpResponse, AppError>
where
    T: Serialize,
    F: Future<Output = Result<(Stamp, T), AppError>>,
{
    let body = match cache.get(&key, stamp) {
        Some(body) => body,
        None => {
            let (stamp, value) = compute.await?;
            let body = web::Bytes::from(serde_json::to_vec(&value).map_err(anyhow::Error::from)?);
            cache.put(key, stamp, body.clone());
            body
        }
    };
    Ok(HttpResponse::Ok().content_type("application/json").body(body))
}
