//! The school profile and logo.

use super::managed;
use crate::auth::CurrentUser;
use crate::db::Db;
use crate::error::AppError;
use crate::routes::blocking;
use crate::services::admin::school;
use actix_web::{web, HttpResponse};
use hocba_core::api::admin::SchoolProfile;
use hocba_core::api::ErrorBody;

/// `GET /api/admin/school`
#[utoipa::path(get, path = "/api/admin/school", tag = "admin",
    responses((status = 200, body = SchoolProfile), (status = 403, body = ErrorBody)))]
pub async fn get(db: web::Data<Db>, user: CurrentUser) -> Result<web::Json<SchoolProfile>, AppError> {
    Ok(web::Json(managed(db, user, false, |c, u| school::profile(c, &u.school_id)).await?))
}

/// `PUT /api/admin/school`
#[utoipa::path(put, path = "/api/admin/school", tag = "admin", request_body = SchoolProfile,
    responses((status = 200, body = SchoolProfile), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn put(
    db: web::Data<Db>,
    user: CurrentUser,
    body: web::Json<SchoolProfile>,
) -> Result<web::Json<SchoolProfile>, AppError> {
    let input = body.into_inner();
    Ok(web::Json(managed(db, user, true, move |c, u| school::update(c, u, input)).await?))
}

/// `PUT /api/admin/school/logo`: the raw PNG or JPEG image (at most 512 KB).
#[utoipa::path(put, path = "/api/admin/school/logo", tag = "admin",
    request_body(content = crate::routes::api_doc::Binary, content_type = "image/png"),
    responses((status = 200, body = SchoolProfile), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn put_logo(
    db: web::Data<Db>,
    user: CurrentUser,
    body: web::Bytes,
) -> Result<web::Json<SchoolProfile>, AppError> {
    Ok(web::Json(managed(db, user, true, move |c, u| school::set_logo(c, u, &body)).await?))
}

/// `GET /api/school/logo`: the school's logo, for any signed-in user.
#[utoipa::path(get, path = "/api/school/logo", tag = "admin",
    responses((status = 200, content_type = "image/png", description = "PNG or JPEG"), (status = 404, body = ErrorBody)))]
pub async fn logo(db: web::Data<Db>, user: CurrentUser) -> Result<HttpResponse, AppError> {
    let found = blocking::read(&db, move |c| school::logo(c, &user.school_id)).await?;
    let (mime, bytes) = found.ok_or(AppError::NotFound)?;
    Ok(HttpResponse::Ok().content_type(mime).insert_header(("Cache-Control", "private, max-age=300")).body(bytes))
}
