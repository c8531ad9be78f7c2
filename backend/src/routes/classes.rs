//! A class's pupils and its assessment grid.

use crate::auth::CurrentUser;
use crate::db::epochs::Scope;
use crate::db::Db;
use crate::error::AppError;
use crate::routes::blocking;
use crate::routes::cached::{self, AnswerCache};
use crate::services::client_ops::{self, Origin};
use crate::services::{access, classes, grid, grid_write, history, optional_subjects};
use actix_web::{web, HttpResponse};
use hocba_core::api::{
    BulkResult, BulkUpdate, CellChange, GridRow, GridView, OptionalSubjectChoice, OptionalSubjectsInput, PupilRef,
    RowUpdate,
};
use hocba_core::Period;

/// `GET /api/classes/{class_id}/pupils`
#[utoipa::path(get, path = "/api/classes/{class_id}/pupils", tag = "classes",
    params(("class_id" = String, Path)),
    responses((status = 200, body = Vec<PupilRef>), (status = 404, body = hocba_core::api::ErrorBody)))]
pub async fn pupils(
    db: web::Data<Db>,
    user: CurrentUser,
    path: web::Path<String>,
) -> Result<web::Json<Vec<PupilRef>>, AppError> {
    let class_id = path.into_inner();
    let list = blocking::read(&db, move |c| {
        let (class, _) = access::readable_class(c, &user, &class_id)?;
        classes::pupil_refs(c, &class.id)
    })
    .await?;
    Ok(web::Json(list))
}

/// `GET /api/classes/{class_id}/periods/{period}/grid`
#[utoipa::path(get, path = "/api/classes/{class_id}/periods/{period}/grid", tag = "assessments",
    params(("class_id" = String, Path), ("period" = Period, Path)),
    responses((status = 200, body = GridView), (status = 404, body = hocba_core::api::ErrorBody)))]
pub async fn grid(
    db: web::Data<Db>,
    answers: web::Data<AnswerCache>,
    user: CurrentUser,
    path: web::Path<(String, Period)>,
) -> Result<HttpResponse, AppError> {
    let (class_id, period) = path.into_inner();
    // A grid changes with its class's cells (class epoch) and the school's reviews and rosters.
    let class_epoch = blocking::epoch(&db, Scope::Own(class_id.clone())).await?;
    let key = format!("grid/{}/{class_id}/{}", user.id, period.code());
    let stamp = [user.data_epoch, class_epoch];
    let compute = blocking::read(&db, move |c| Ok::<_, AppError>((stamp, grid::load(c, &user, &class_id, period)?)));
    cached::json::<GridView, _>(&answers, key, stamp, compute).await
}

/// `PUT /api/classes/{class_id}/periods/{period}/pupils/{pupil_id}`: replaces the given cells.
/// With an `Idempotency-Key` header the write is applied once: a replay gets the first answer.
#[utoipa::path(put, path = "/api/classes/{class_id}/periods/{period}/pupils/{pupil_id}", tag = "assessments",
    params(("class_id" = String, Path), ("period" = Period, Path), ("pupil_id" = String, Path),
        ("Idempotency-Key" = Option<String>, Header, description = "Id of a queued write: replays answer once"),
        ("X-Hocba-Device" = Option<String>, Header, description = "The browser's id, for the audit trail"),
        ("X-Hocba-Queued-At" = Option<String>, Header, description = "When a queued edit was made (RFC 3339)")),
    request_body = RowUpdate,
    responses((status = 200, body = GridRow), (status = 403, body = hocba_core::api::ErrorBody),
        (status = 404, body = hocba_core::api::ErrorBody), (status = 409, body = hocba_core::api::ErrorBody),
        (status = 422, body = hocba_core::api::ErrorBody)))]
pub async fn write_row(
    db: web::Data<Db>,
    user: CurrentUser,
    origin: Origin,
    req: actix_web::HttpRequest,
    path: web::Path<(String, Period, String)>,
    body: web::Json<RowUpdate>,
) -> Result<web::Json<GridRow>, AppError> {
    let (class_id, period, pupil_id) = path.into_inner();
    let update = body.into_inner();
    let request = client_ops::request_hash(req.method().as_str(), req.path(), &update)?;
    let row = blocking::write(&db, move |c| {
        client_ops::once(c, &user, &origin, &request, |c| {
            grid_write::write_row(c, &user, &origin, &class_id, period, &pupil_id, &update)
        })
    })
    .await?;
    Ok(web::Json(row))
}

/// `PUT /api/classes/{class_id}/periods/{period}/cells`: many pupils' cells, all or nothing.
#[utoipa::path(put, path = "/api/classes/{class_id}/periods/{period}/cells", tag = "assessments",
    params(("class_id" = String, Path), ("period" = Period, Path),
        ("Idempotency-Key" = Option<String>, Header, description = "Id of a queued write: replays answer once")),
    request_body = BulkUpdate,
    responses((status = 200, body = BulkResult), (status = 403, body = hocba_core::api::ErrorBody),
        (status = 404, body = hocba_core::api::ErrorBody), (status = 409, body = hocba_core::api::ErrorBody),
        (status = 422, body = hocba_core::api::ErrorBody)))]
pub async fn write_bulk(
    db: web::Data<Db>,
    user: CurrentUser,
    origin: Origin,
    req: actix_web::HttpRequest,
    path: web::Path<(String, Period)>,
    body: web::Json<BulkUpdate>,
) -> Result<web::Json<BulkResult>, AppError> {
    let (class_id, period) = path.into_inner();
    let bulk = body.into_inner();
    let request = client_ops::request_hash(req.method().as_str(), req.path(), &bulk)?;
    let result = blocking::write(&db, move |c| {
        client_ops::once(c, &user, &origin, &request, |c| {
            grid_write::write_bulk(c, &user, &origin, &class_id, period, &bulk)
        })
    })
    .await?;
    Ok(web::Json(result))
}

/// `GET /api/classes/{class_id}/periods/{period}/pupils/{pupil_id}/history`: the pupil's cell
/// changes at the period, newest first, from the audit trail.
#[utoipa::path(get, path = "/api/classes/{class_id}/periods/{period}/pupils/{pupil_id}/history", tag = "assessments",
    params(("class_id" = String, Path), ("period" = Period, Path), ("pupil_id" = String, Path)),
    responses((status = 200, body = Vec<CellChange>), (status = 404, body = hocba_core::api::ErrorBody)))]
pub async fn history(
    db: web::Data<Db>,
    user: CurrentUser,
    path: web::Path<(String, Period, String)>,
) -> Result<web::Json<Vec<CellChange>>, AppError> {
    let (class_id, period, pupil_id) = path.into_inner();
    let list = blocking::read(&db, move |c| history::pupil_history(c, &user, &class_id, period, &pupil_id)).await?;
    Ok(web::Json(list))
}

/// `GET /api/classes/{class_id}/pupils/{pupil_id}/optional-subjects`: the class's optional
/// subjects and whether the pupil takes each.
#[utoipa::path(get, path = "/api/classes/{class_id}/pupils/{pupil_id}/optional-subjects", tag = "classes",
    params(("class_id" = String, Path), ("pupil_id" = String, Path)),
    responses((status = 200, body = Vec<OptionalSubjectChoice>), (status = 404, body = hocba_core::api::ErrorBody)))]
pub async fn optional_subjects(
    db: web::Data<Db>,
    user: CurrentUser,
    path: web::Path<(String, String)>,
) -> Result<web::Json<Vec<OptionalSubjectChoice>>, AppError> {
    let (class_id, pupil_id) = path.into_inner();
    let list = blocking::read(&db, move |c| optional_subjects::choices(c, &user, &class_id, &pupil_id)).await?;
    Ok(web::Json(list))
}

/// `PUT /api/classes/{class_id}/pupils/{pupil_id}/optional-subjects`: the homeroom teacher or a
/// manager sets which optional subjects the pupil takes.
#[utoipa::path(put, path = "/api/classes/{class_id}/pupils/{pupil_id}/optional-subjects", tag = "classes",
    params(("class_id" = String, Path), ("pupil_id" = String, Path)),
    request_body = OptionalSubjectsInput,
    responses((status = 200, body = Vec<OptionalSubjectChoice>), (status = 403, body = hocba_core::api::ErrorBody),
        (status = 404, body = hocba_core::api::ErrorBody), (status = 422, body = hocba_core::api::ErrorBody)))]
pub async fn set_optional_subjects(
    db: web::Data<Db>,
    user: CurrentUser,
    path: web::Path<(String, String)>,
    body: web::Json<OptionalSubjectsInput>,
) -> Result<web::Json<Vec<OptionalSubjectChoice>>, AppError> {
    let (class_id, pupil_id) = path.into_inner();
    let input = body.into_inner();
    let list = blocking::write(&db, move |c| optional_subjects::set(c, &user, &class_id, &pupil_id, &input)).await?;
    Ok(web::Json(list))
}
