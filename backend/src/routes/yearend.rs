//! A class's year end (cuối năm): the pupils' extras, the principal's decisions and the awards.

use crate::auth::CurrentUser;
use crate::db::Db;
use crate::error::AppError;
use crate::routes::blocking;
use crate::services::{admin, awards, yearend, yearend_class};
use actix_web::web;
use hocba_core::api::{
    AwardInput, ClassYearEndInput, ErrorBody, PromotionInput, YearEndInput, YearEndRow, YearEndView,
};

/// `GET /api/classes/{class_id}/year-end`: every pupil's extras, result, completion, awards and
/// suggested award (the class's teachers and the principal).
#[utoipa::path(get, path = "/api/classes/{class_id}/year-end", tag = "year_end",
    params(("class_id" = String, Path)),
    responses((status = 200, body = YearEndView), (status = 404, body = ErrorBody)))]
pub async fn view(
    db: web::Data<Db>,
    user: CurrentUser,
    path: web::Path<String>,
) -> Result<web::Json<YearEndView>, AppError> {
    let class_id = path.into_inner();
    Ok(web::Json(blocking::read(&db, move |c| yearend::view(c, &user, &class_id)).await?))
}

/// `PUT /api/classes/{class_id}/year-end`: the homeroom teacher replaces the extras of several
/// pupils at once, all or nothing: 422 `validation` with `errors` naming every refused pupil and
/// field (nothing written), 409 `stale` when a line's `base_version` is not current, 409 while the
/// cuối năm record is submitted or approved; answers the class's year end.
#[utoipa::path(put, path = "/api/classes/{class_id}/year-end", tag = "year_end",
    params(("class_id" = String, Path)), request_body = ClassYearEndInput,
    responses((status = 200, body = YearEndView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn write_class(
    db: web::Data<Db>,
    user: CurrentUser,
    path: web::Path<String>,
    body: web::Json<ClassYearEndInput>,
) -> Result<web::Json<YearEndView>, AppError> {
    let class_id = path.into_inner();
    let input = body.into_inner();
    Ok(web::Json(blocking::write(&db, move |c| yearend_class::write(c, &user, &class_id, &input)).await?))
}

/// `PUT /api/classes/{class_id}/year-end/{pupil_id}`: the homeroom teacher replaces the pupil's
/// extras; 409 `stale` (with the current value) when `base_version` is not the current version,
/// 409 while the cuối năm record is submitted or approved.
#[utoipa::path(put, path = "/api/classes/{class_id}/year-end/{pupil_id}", tag = "year_end",
    params(("class_id" = String, Path), ("pupil_id" = String, Path)), request_body = YearEndInput,
    responses((status = 200, body = YearEndRow), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn write(
    db: web::Data<Db>,
    user: CurrentUser,
    path: web::Path<(String, String)>,
    body: web::Json<YearEndInput>,
) -> Result<web::Json<YearEndRow>, AppError> {
    let (class_id, pupil_id) = path.into_inner();
    let input = body.into_inner();
    Ok(web::Json(blocking::write(&db, move |c| yearend::write(c, &user, &class_id, &pupil_id, &input)).await?))
}

/// `PUT /api/classes/{class_id}/year-end/{pupil_id}/decision`: the principal decides được lên
/// lớp / ở lại lớp for a pupil still CHT (`null` withdraws); 409 once the record is approved.
#[utoipa::path(put, path = "/api/classes/{class_id}/year-end/{pupil_id}/decision", tag = "year_end",
    params(("class_id" = String, Path), ("pupil_id" = String, Path)), request_body = PromotionInput,
    responses((status = 200, body = YearEndRow), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn decide(
    db: web::Data<Db>,
    user: CurrentUser,
    path: web::Path<(String, String)>,
    body: web::Json<PromotionInput>,
) -> Result<web::Json<YearEndRow>, AppError> {
    let (class_id, pupil_id) = path.into_inner();
    let input = body.into_inner();
    Ok(web::Json(blocking::write(&db, move |c| yearend::decide(c, &user, &class_id, &pupil_id, &input)).await?))
}

/// `POST /api/classes/{class_id}/year-end/{pupil_id}/awards`: the homeroom teacher confirms an
/// award; answers the pupil's line.
#[utoipa::path(post, path = "/api/classes/{class_id}/year-end/{pupil_id}/awards", tag = "year_end",
    params(("class_id" = String, Path), ("pupil_id" = String, Path)), request_body = AwardInput,
    responses((status = 200, body = YearEndRow), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn add_award(
    db: web::Data<Db>,
    user: CurrentUser,
    path: web::Path<(String, String)>,
    body: web::Json<AwardInput>,
) -> Result<web::Json<YearEndRow>, AppError> {
    let (class_id, pupil_id) = path.into_inner();
    let input = body.into_inner();
    let today = admin::today();
    Ok(web::Json(blocking::write(&db, move |c| awards::add(c, &user, &class_id, &pupil_id, &input, today)).await?))
}

/// `DELETE /api/classes/{class_id}/year-end/{pupil_id}/awards/{award_id}`: answers the pupil's line.
#[utoipa::path(delete, path = "/api/classes/{class_id}/year-end/{pupil_id}/awards/{award_id}", tag = "year_end",
    params(("class_id" = String, Path), ("pupil_id" = String, Path), ("award_id" = String, Path)),
    responses((status = 200, body = YearEndRow), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody)))]
pub async fn remove_award(
    db: web::Data<Db>,
    user: CurrentUser,
    path: web::Path<(String, String, String)>,
) -> Result<web::Json<YearEndRow>, AppError> {
    let (class_id, pupil_id, award_id) = path.into_inner();
    Ok(web::Json(blocking::write(&db, move |c| awards::remove(c, &user, &class_id, &pupil_id, &award_id)).await?))
}
