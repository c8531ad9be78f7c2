//! School years, classes, assignments and the rollover.

use super::managed;
use crate::auth::CurrentUser;
use crate::db::Db;
use crate::error::AppError;
use crate::services::admin::{classes, rollover, years};
use actix_web::web;
use hocba_core::api::admin::{
    AssignmentsInput, ClassAdmin, ClassInput, Confirmation, NewSchoolYear, RolloverPlan, RolloverRequest,
    SchoolYearView,
};
use hocba_core::api::ErrorBody;

/// `GET /api/admin/years`
#[utoipa::path(get, path = "/api/admin/years", tag = "admin",
    responses((status = 200, body = Vec<SchoolYearView>), (status = 403, body = ErrorBody)))]
pub async fn list(db: web::Data<Db>, user: CurrentUser) -> Result<web::Json<Vec<SchoolYearView>>, AppError> {
    Ok(web::Json(managed(db, user, false, |c, u| years::list(c, &u.school_id)).await?))
}

/// `POST /api/admin/years`
#[utoipa::path(post, path = "/api/admin/years", tag = "admin", request_body = NewSchoolYear,
    responses((status = 200, body = SchoolYearView), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn open(
    db: web::Data<Db>,
    user: CurrentUser,
    body: web::Json<NewSchoolYear>,
) -> Result<web::Json<SchoolYearView>, AppError> {
    let input = body.into_inner();
    Ok(web::Json(managed(db, user, true, move |c, u| years::open(c, u, &input)).await?))
}

/// `POST /api/admin/years/{year_id}/current`: a year before the current one answers 409
/// `confirm_required` unless the body is `{"confirm": true}`.
#[utoipa::path(post, path = "/api/admin/years/{year_id}/current", tag = "admin", params(("year_id" = String, Path)),
    request_body(content = Option<Confirmation>, description = "`{\"confirm\": true}` to go back to a past year"),
    responses((status = 200, body = SchoolYearView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody)))]
pub async fn make_current(
    db: web::Data<Db>,
    user: CurrentUser,
    path: web::Path<String>,
    body: Option<web::Json<Confirmation>>,
) -> Result<web::Json<SchoolYearView>, AppError> {
    let id = path.into_inner();
    let confirm = body.is_some_and(|b| b.confirm);
    Ok(web::Json(managed(db, user, true, move |c, u| years::make_current(c, u, &id, confirm)).await?))
}

/// `GET /api/admin/years/{year_id}/classes`
#[utoipa::path(get, path = "/api/admin/years/{year_id}/classes", tag = "admin", params(("year_id" = String, Path)),
    responses((status = 200, body = Vec<ClassAdmin>), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn classes_of_year(
    db: web::Data<Db>,
    user: CurrentUser,
    path: web::Path<String>,
) -> Result<web::Json<Vec<ClassAdmin>>, AppError> {
    let id = path.into_inner();
    Ok(web::Json(managed(db, user, false, move |c, u| classes::list(c, &u.school_id, &id)).await?))
}

/// `POST /api/admin/classes`
#[utoipa::path(post, path = "/api/admin/classes", tag = "admin", request_body = ClassInput,
    responses((status = 200, body = ClassAdmin), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn create_class(
    db: web::Data<Db>,
    user: CurrentUser,
    body: web::Json<ClassInput>,
) -> Result<web::Json<ClassAdmin>, AppError> {
    let input = body.into_inner();
    Ok(web::Json(managed(db, user, true, move |c, u| classes::create(c, u, &input)).await?))
}

/// `PUT /api/admin/classes/{class_id}`
#[utoipa::path(put, path = "/api/admin/classes/{class_id}", tag = "admin", params(("class_id" = String, Path)),
    request_body = ClassInput,
    responses((status = 200, body = ClassAdmin), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn update_class(
    db: web::Data<Db>,
    user: CurrentUser,
    path: web::Path<String>,
    body: web::Json<ClassInput>,
) -> Result<web::Json<ClassAdmin>, AppError> {
    let (id, input) = (path.into_inner(), body.into_inner());
    Ok(web::Json(managed(db, user, true, move |c, u| classes::update(c, u, &id, &input)).await?))
}

/// `PUT /api/admin/classes/{class_id}/assignments`: replaces the class's subject teachers.
#[utoipa::path(put, path = "/api/admin/classes/{class_id}/assignments", tag = "admin", params(("class_id" = String, Path)),
    request_body = AssignmentsInput,
    responses((status = 200, body = ClassAdmin), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn set_assignments(
    db: web::Data<Db>,
    user: CurrentUser,
    path: web::Path<String>,
    body: web::Json<AssignmentsInput>,
) -> Result<web::Json<ClassAdmin>, AppError> {
    let (id, input) = (path.into_inner(), body.into_inner());
    Ok(web::Json(
        managed(db, user, true, move |c, u| classes::set_assignments(c, u, &id, &input.assignments, input.confirm))
            .await?,
    ))
}

/// `POST /api/admin/years/{year_id}/rollover/preview`: what the rollover would do.
#[utoipa::path(post, path = "/api/admin/years/{year_id}/rollover/preview", tag = "admin", params(("year_id" = String, Path)),
    request_body = RolloverRequest,
    responses((status = 200, body = RolloverPlan), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn rollover_preview(
    db: web::Data<Db>,
    user: CurrentUser,
    path: web::Path<String>,
    body: web::Json<RolloverRequest>,
) -> Result<web::Json<RolloverPlan>, AppError> {
    let (id, input) = (path.into_inner(), body.into_inner());
    Ok(web::Json(managed(db, user, false, move |c, u| rollover::preview(c, u, &id, &input.repeaters)).await?))
}

/// `POST /api/admin/years/{year_id}/rollover`: applies it; next year becomes current.
#[utoipa::path(post, path = "/api/admin/years/{year_id}/rollover", tag = "admin", params(("year_id" = String, Path)),
    request_body = RolloverRequest,
    responses((status = 200, body = RolloverPlan), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn rollover_apply(
    db: web::Data<Db>,
    user: CurrentUser,
    path: web::Path<String>,
    body: web::Json<RolloverRequest>,
) -> Result<web::Json<RolloverPlan>, AppError> {
    let (id, input) = (path.into_inner(), body.into_inner());
    Ok(web::Json(managed(db, user, true, move |c, u| rollover::apply(c, u, &id, &input.repeaters)).await?))
}
