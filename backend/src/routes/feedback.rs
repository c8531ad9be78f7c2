//! Parents and the periodic points of the year: the approved points of their child, "Đã xem" and
//! replies to the homeroom teacher; what the teacher sees of them.

use crate::auth::CurrentUser;
use crate::db::Db;
use crate::error::AppError;
use crate::routes::blocking;
use crate::services::parent_feedback;
use actix_web::{web, HttpResponse};
use hocba_core::api::{ClassFeedback, ErrorBody, NewReply, ParentReply, PeriodicResult};
use hocba_core::Period;

/// `GET /api/pupils/{pupil_id}/periods` (a parent linked to the pupil): every approved periodic
/// point of the pupil's current class, with this parent's "Đã xem" and replies; 404 for anyone else.
#[utoipa::path(get, path = "/api/pupils/{pupil_id}/periods", tag = "pupils",
    params(("pupil_id" = String, Path)),
    responses((status = 200, body = Vec<PeriodicResult>), (status = 404, body = ErrorBody)))]
pub async fn periods(
    db: web::Data<Db>,
    user: CurrentUser,
    path: web::Path<String>,
) -> Result<web::Json<Vec<PeriodicResult>>, AppError> {
    let pupil_id = path.into_inner();
    Ok(web::Json(blocking::read(&db, move |c| parent_feedback::periodic_results(c, &user, &pupil_id)).await?))
}

/// `POST /api/pupils/{pupil_id}/periods/{period}/seen` (a linked parent): marks the approved point
/// as seen; again changes nothing. 409 `not_approved` for a point not approved for the pupil.
#[utoipa::path(post, path = "/api/pupils/{pupil_id}/periods/{period}/seen", tag = "pupils",
    params(("pupil_id" = String, Path), ("period" = Period, Path)),
    responses((status = 204, description = "Seen (the first time is kept)"), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody)))]
pub async fn seen(
    db: web::Data<Db>,
    user: CurrentUser,
    path: web::Path<(String, Period)>,
) -> Result<HttpResponse, AppError> {
    let (pupil_id, period) = path.into_inner();
    blocking::write(&db, move |c| parent_feedback::acknowledge(c, &user, &pupil_id, period)).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// `POST /api/pupils/{pupil_id}/periods/{period}/replies` (a linked parent): a reply to the homeroom
/// teacher about the approved point; 422 naming `text` when empty or longer than 500 characters.
#[utoipa::path(post, path = "/api/pupils/{pupil_id}/periods/{period}/replies", tag = "pupils",
    params(("pupil_id" = String, Path), ("period" = Period, Path)), request_body = NewReply,
    responses((status = 201, body = ParentReply), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn reply(
    db: web::Data<Db>,
    user: CurrentUser,
    path: web::Path<(String, Period)>,
    body: web::Json<NewReply>,
) -> Result<HttpResponse, AppError> {
    let (pupil_id, period) = path.into_inner();
    let text = body.into_inner().text;
    let reply = blocking::write(&db, move |c| parent_feedback::reply(c, &user, &pupil_id, period, &text)).await?;
    Ok(HttpResponse::Created().json(reply))
}

/// `GET /api/classes/{class_id}/periods/{period}/feedback` (the homeroom teacher, the principal):
/// per pupil, the parents who have seen the point and their replies.
#[utoipa::path(get, path = "/api/classes/{class_id}/periods/{period}/feedback", tag = "classes",
    params(("class_id" = String, Path), ("period" = Period, Path)),
    responses((status = 200, body = ClassFeedback), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn class_feedback(
    db: web::Data<Db>,
    user: CurrentUser,
    path: web::Path<(String, Period)>,
) -> Result<web::Json<ClassFeedback>, AppError> {
    let (class_id, period) = path.into_inner();
    Ok(web::Json(blocking::read(&db, move |c| parent_feedback::class_feedback(c, &user, &class_id, period)).await?))
}
