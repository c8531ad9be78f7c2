//! Submitting, returning and approving class records.

use crate::auth::CurrentUser;
use crate::db::Db;
use crate::error::AppError;
use crate::reader_lang::ReaderLang;
use crate::routes::blocking;
use crate::services::{approval_checklist, review};
use actix_web::web;
use hocba_core::api::{
    ApprovalChecklist, ApproveAllPreview, ApproveAllResult, ApproveRequest, Notification, RecordState, ReopenRequest,
    Reopening, ReturnRequest, ReviewItem,
};
use hocba_core::Period;

/// `GET /api/reviews`: the principal's list.
#[utoipa::path(get, path = "/api/reviews", tag = "review",
    responses((status = 200, body = Vec<ReviewItem>), (status = 403, body = hocba_core::api::ErrorBody)))]
pub async fn list(db: web::Data<Db>, user: CurrentUser) -> Result<web::Json<Vec<ReviewItem>>, AppError> {
    Ok(web::Json(blocking::read(&db, move |c| review::list(c, &user)).await?))
}

/// `POST /api/classes/{class_id}/periods/{period}/submit` (homeroom teacher)
#[utoipa::path(post, path = "/api/classes/{class_id}/periods/{period}/submit", tag = "review",
    params(("class_id" = String, Path), ("period" = Period, Path)),
    responses((status = 200, body = RecordState), (status = 403, body = hocba_core::api::ErrorBody), (status = 409, body = hocba_core::api::ErrorBody)))]
pub async fn submit(
    db: web::Data<Db>,
    user: CurrentUser,
    path: web::Path<(String, Period)>,
) -> Result<web::Json<RecordState>, AppError> {
    let (class_id, period) = path.into_inner();
    Ok(web::Json(blocking::write(&db, move |c| review::submit(c, &user, &class_id, period)).await?))
}

/// `POST /api/classes/{class_id}/periods/{period}/approve` (principal): locks the record. The body
/// is optional; at cuối năm, while the checklist has findings, the approval is refused (409
/// `checklist` listing them) unless it carries `override_reason` (blank: 422 naming the field).
#[utoipa::path(post, path = "/api/classes/{class_id}/periods/{period}/approve", tag = "review",
    params(("class_id" = String, Path), ("period" = Period, Path)), request_body(content = Option<ApproveRequest>),
    responses((status = 200, body = RecordState), (status = 400, body = hocba_core::api::ErrorBody),
        (status = 403, body = hocba_core::api::ErrorBody), (status = 409, body = hocba_core::api::ErrorBody)))]
pub async fn approve(
    db: web::Data<Db>,
    user: CurrentUser,
    path: web::Path<(String, Period)>,
    body: Option<web::Json<ApproveRequest>>,
) -> Result<web::Json<RecordState>, AppError> {
    let (class_id, period) = path.into_inner();
    let request = body.map(web::Json::into_inner).unwrap_or_default();
    Ok(web::Json(blocking::write(&db, move |c| review::approve(c, &user, &class_id, period, &request)).await?))
}

/// `GET /api/classes/{class_id}/periods/{period}/checklist` (the school's managers): what the
/// record still lacks before approval — at cuối năm, pupils with HTXS/HTT and no confirmed giấy
/// khen, missing height, weight or days absent, CHT without đánh giá bổ sung; none at other points.
#[utoipa::path(get, path = "/api/classes/{class_id}/periods/{period}/checklist", tag = "review",
    params(("class_id" = String, Path), ("period" = Period, Path)),
    responses((status = 200, body = ApprovalChecklist), (status = 403, body = hocba_core::api::ErrorBody),
        (status = 404, body = hocba_core::api::ErrorBody)))]
pub async fn checklist(
    db: web::Data<Db>,
    user: CurrentUser,
    path: web::Path<(String, Period)>,
) -> Result<web::Json<ApprovalChecklist>, AppError> {
    let (class_id, period) = path.into_inner();
    Ok(web::Json(blocking::read(&db, move |c| approval_checklist::get(c, &user, &class_id, period)).await?))
}

/// `POST /api/classes/{class_id}/periods/{period}/return` (principal), with a comment for the
/// class and/or comments on single pupils.
#[utoipa::path(post, path = "/api/classes/{class_id}/periods/{period}/return", tag = "review",
    params(("class_id" = String, Path), ("period" = Period, Path)), request_body = ReturnRequest,
    responses((status = 200, body = RecordState), (status = 403, body = hocba_core::api::ErrorBody),
        (status = 409, body = hocba_core::api::ErrorBody), (status = 422, body = hocba_core::api::ErrorBody)))]
pub async fn return_record(
    db: web::Data<Db>,
    user: CurrentUser,
    path: web::Path<(String, Period)>,
    body: web::Json<ReturnRequest>,
) -> Result<web::Json<RecordState>, AppError> {
    let (class_id, period) = path.into_inner();
    let request = body.into_inner();
    Ok(web::Json(blocking::write(&db, move |c| review::return_record(c, &user, &class_id, period, &request)).await?))
}

/// `POST /api/classes/{class_id}/periods/{period}/pupils/{pupil_id}/reopen` (principal): unlocks
/// one pupil of an approved record for correction, with a reason.
#[utoipa::path(post, path = "/api/classes/{class_id}/periods/{period}/pupils/{pupil_id}/reopen", tag = "review",
    params(("class_id" = String, Path), ("period" = Period, Path), ("pupil_id" = String, Path)), request_body = ReopenRequest,
    responses((status = 200, body = Reopening), (status = 403, body = hocba_core::api::ErrorBody), (status = 404, body = hocba_core::api::ErrorBody),
        (status = 409, body = hocba_core::api::ErrorBody), (status = 422, body = hocba_core::api::ErrorBody)))]
pub async fn reopen_pupil(
    db: web::Data<Db>,
    user: CurrentUser,
    path: web::Path<(String, Period, String)>,
    body: web::Json<ReopenRequest>,
) -> Result<web::Json<Reopening>, AppError> {
    let (class_id, period, pupil_id) = path.into_inner();
    let reason = body.into_inner().reason;
    Ok(web::Json(
        blocking::write(&db, move |c| review::reopen_pupil(c, &user, &class_id, period, &pupil_id, &reason)).await?,
    ))
}

/// `POST /api/classes/{class_id}/periods/{period}/pupils/{pupil_id}/approve` (principal): approves
/// a reopened pupil again; the pupil's cells lock again.
#[utoipa::path(post, path = "/api/classes/{class_id}/periods/{period}/pupils/{pupil_id}/approve", tag = "review",
    params(("class_id" = String, Path), ("period" = Period, Path), ("pupil_id" = String, Path)),
    responses((status = 200, body = Reopening), (status = 403, body = hocba_core::api::ErrorBody), (status = 404, body = hocba_core::api::ErrorBody),
        (status = 409, body = hocba_core::api::ErrorBody)))]
pub async fn reapprove_pupil(
    db: web::Data<Db>,
    user: CurrentUser,
    path: web::Path<(String, Period, String)>,
) -> Result<web::Json<Reopening>, AppError> {
    let (class_id, period, pupil_id) = path.into_inner();
    Ok(web::Json(blocking::write(&db, move |c| review::reapprove_pupil(c, &user, &class_id, period, &pupil_id)).await?))
}

/// `GET /api/classes/{class_id}/periods/{period}/reopenings`: who reopened which pupil, when and
/// why, and the re-approvals.
#[utoipa::path(get, path = "/api/classes/{class_id}/periods/{period}/reopenings", tag = "review",
    params(("class_id" = String, Path), ("period" = Period, Path)),
    responses((status = 200, body = Vec<Reopening>), (status = 404, body = hocba_core::api::ErrorBody)))]
pub async fn reopenings(
    db: web::Data<Db>,
    user: CurrentUser,
    path: web::Path<(String, Period)>,
) -> Result<web::Json<Vec<Reopening>>, AppError> {
    let (class_id, period) = path.into_inner();
    Ok(web::Json(blocking::read(&db, move |c| review::reopenings(c, &user, &class_id, period)).await?))
}

/// `GET /api/reviews/approve-all/{period}`: the summary before approving every submitted class of
/// the periodic point ("12 lớp, 384 học sinh, 3 lớp còn thiếu dữ liệu").
#[utoipa::path(get, path = "/api/reviews/approve-all/{period}", tag = "review",
    params(("period" = Period, Path)),
    responses((status = 200, body = ApproveAllPreview), (status = 403, body = hocba_core::api::ErrorBody)))]
pub async fn approve_all_preview(
    db: web::Data<Db>,
    user: CurrentUser,
    path: web::Path<Period>,
    ReaderLang(lang): ReaderLang,
) -> Result<web::Json<ApproveAllPreview>, AppError> {
    let period = path.into_inner();
    Ok(web::Json(blocking::read(&db, move |c| review::approve_all_preview(c, &user, period, lang)).await?))
}

/// `POST /api/reviews/approve-all/{period}` (principal): approves every submitted class of the
/// periodic point in one transaction.
#[utoipa::path(post, path = "/api/reviews/approve-all/{period}", tag = "review",
    params(("period" = Period, Path)),
    responses((status = 200, body = ApproveAllResult), (status = 403, body = hocba_core::api::ErrorBody)))]
pub async fn approve_all(
    db: web::Data<Db>,
    user: CurrentUser,
    path: web::Path<Period>,
) -> Result<web::Json<ApproveAllResult>, AppError> {
    let period = path.into_inner();
    Ok(web::Json(blocking::write(&db, move |c| review::approve_all(c, &user, period)).await?))
}

/// `GET /api/notifications`: for a homeroom teacher the records returned with comments, for the
/// principal and the admin the records submitted and waiting; newest first.
#[utoipa::path(get, path = "/api/notifications", tag = "review",
    responses((status = 200, body = Vec<Notification>)))]
pub async fn notifications(
    db: web::Data<Db>,
    user: CurrentUser,
    ReaderLang(lang): ReaderLang,
) -> Result<web::Json<Vec<Notification>>, AppError> {
    Ok(web::Json(blocking::read(&db, move |c| review::notifications(c, &user, lang)).await?))
}
