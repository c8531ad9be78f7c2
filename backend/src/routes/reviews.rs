//! Submitting, returning and approving class records.

use crate::auth::CurrentUser;
use crate::db::Db;
use crate::error::ApiError;
use crate::services::review;
use actix_web::web;
use hocba_core::api::{RecordState, ReturnRequest, ReviewItem};
use hocba_core::Period;

/// `GET /api/reviews`: the principal's list.
#[utoipa::path(get, path = "/api/reviews", tag = "review",
    responses((status = 200, body = Vec<ReviewItem>), (status = 403, body = hocba_core::api::ErrorBody)))]
pub async fn list(db: web::Data<Db>, user: CurrentUser) -> Result<web::Json<Vec<ReviewItem>>, ApiError> {
    Ok(web::Json(web::block(move || db.read(|c| review::list(c, &user))).await??))
}

/// `POST /api/classes/{class_id}/periods/{period}/submit` (homeroom teacher)
#[utoipa::path(post, path = "/api/classes/{class_id}/periods/{period}/submit", tag = "review",
    params(("class_id" = String, Path), ("period" = Period, Path)),
    responses((status = 200, body = RecordState), (status = 403, body = hocba_core::api::ErrorBody), (status = 409, body = hocba_core::api::ErrorBody)))]
pub async fn submit(
    db: web::Data<Db>,
    user: CurrentUser,
    path: web::Path<(String, Period)>,
) -> Result<web::Json<RecordState>, ApiError> {
    let (class_id, period) = path.into_inner();
    Ok(web::Json(web::block(move || db.write(|c| review::submit(c, &user, &class_id, period))).await??))
}

/// `POST /api/classes/{class_id}/periods/{period}/approve` (principal): locks the record.
#[utoipa::path(post, path = "/api/classes/{class_id}/periods/{period}/approve", tag = "review",
    params(("class_id" = String, Path), ("period" = Period, Path)),
    responses((status = 200, body = RecordState), (status = 403, body = hocba_core::api::ErrorBody), (status = 409, body = hocba_core::api::ErrorBody)))]
pub async fn approve(
    db: web::Data<Db>,
    user: CurrentUser,
    path: web::Path<(String, Period)>,
) -> Result<web::Json<RecordState>, ApiError> {
    let (class_id, period) = path.into_inner();
    Ok(web::Json(web::block(move || db.write(|c| review::approve(c, &user, &class_id, period))).await??))
}

/// `POST /api/classes/{class_id}/periods/{period}/return` (principal), with a comment.
#[utoipa::path(post, path = "/api/classes/{class_id}/periods/{period}/return", tag = "review",
    params(("class_id" = String, Path), ("period" = Period, Path)), request_body = ReturnRequest,
    responses((status = 200, body = RecordState), (status = 403, body = hocba_core::api::ErrorBody),
        (status = 409, body = hocba_core::api::ErrorBody), (status = 422, body = hocba_core::api::ErrorBody)))]
pub async fn return_record(
    db: web::Data<Db>,
    user: CurrentUser,
    path: web::Path<(String, Period)>,
    body: web::Json<ReturnRequest>,
) -> Result<web::Json<RecordState>, ApiError> {
    let (class_id, period) = path.into_inner();
    let comment = body.into_inner().comment;
    Ok(web::Json(
        web::block(move || db.write(|c| review::return_record(c, &user, &class_id, period, &comment))).await??,
    ))
}
