//! Staff accounts.

use super::managed;
use crate::auth::CurrentUser;
use crate::db::Db;
use crate::error::AppError;
use crate::services::admin::staff;
use actix_web::web;
use hocba_core::api::admin::{IssuedPassword, StaffInput, StaffView};
use hocba_core::api::ErrorBody;

/// `GET /api/admin/staff`
#[utoipa::path(get, path = "/api/admin/staff", tag = "admin",
    responses((status = 200, body = Vec<StaffView>), (status = 403, body = ErrorBody)))]
pub async fn list(db: web::Data<Db>, user: CurrentUser) -> Result<web::Json<Vec<StaffView>>, AppError> {
    Ok(web::Json(managed(db, user, false, |c, u| staff::list(c, &u.school_id)).await?))
}

/// `POST /api/admin/staff`: answers the one-time password to hand over.
#[utoipa::path(post, path = "/api/admin/staff", tag = "admin", request_body = StaffInput,
    responses((status = 200, body = IssuedPassword), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn create(
    db: web::Data<Db>,
    user: CurrentUser,
    body: web::Json<StaffInput>,
) -> Result<web::Json<IssuedPassword>, AppError> {
    let input = body.into_inner();
    super::require_manager(&user)?;
    // The password is hashed before the write transaction, which then stays short.
    let pass = web::block(staff::NewPassword::generate).await??;
    Ok(web::Json(managed(db, user, true, move |c, u| staff::create(c, u, &input, pass)).await?))
}

/// `PUT /api/admin/staff/{user_id}`
#[utoipa::path(put, path = "/api/admin/staff/{user_id}", tag = "admin", params(("user_id" = String, Path)),
    request_body = StaffInput,
    responses((status = 200, body = StaffView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody, description = "`own_account`, `last_manager`"), (status = 422, body = ErrorBody)))]
pub async fn update(
    db: web::Data<Db>,
    user: CurrentUser,
    path: web::Path<String>,
    body: web::Json<StaffInput>,
) -> Result<web::Json<StaffView>, AppError> {
    let (id, input) = (path.into_inner(), body.into_inner());
    Ok(web::Json(managed(db, user, true, move |c, u| staff::update(c, u, &id, &input)).await?))
}

/// `POST /api/admin/staff/{user_id}/deactivate`: the account stays (signatures, audit) but can
/// no longer sign in; open sessions end.
#[utoipa::path(post, path = "/api/admin/staff/{user_id}/deactivate", tag = "admin", params(("user_id" = String, Path)),
    responses((status = 200, body = StaffView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody, description = "`own_account`, `last_manager`"), (status = 422, body = ErrorBody)))]
pub async fn deactivate(
    db: web::Data<Db>,
    user: CurrentUser,
    path: web::Path<String>,
) -> Result<web::Json<StaffView>, AppError> {
    let id = path.into_inner();
    Ok(web::Json(managed(db, user, true, move |c, u| staff::set_active(c, u, &id, false)).await?))
}

/// `POST /api/admin/staff/{user_id}/activate`
#[utoipa::path(post, path = "/api/admin/staff/{user_id}/activate", tag = "admin", params(("user_id" = String, Path)),
    responses((status = 200, body = StaffView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn activate(
    db: web::Data<Db>,
    user: CurrentUser,
    path: web::Path<String>,
) -> Result<web::Json<StaffView>, AppError> {
    let id = path.into_inner();
    Ok(web::Json(managed(db, user, true, move |c, u| staff::set_active(c, u, &id, true)).await?))
}

/// `POST /api/admin/staff/{user_id}/reset-password`: a new one-time password; open sessions end.
#[utoipa::path(post, path = "/api/admin/staff/{user_id}/reset-password", tag = "admin", params(("user_id" = String, Path)),
    responses((status = 200, body = IssuedPassword), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody, description = "`own_account`: one's own password is changed on the account page")))]
pub async fn reset_password(
    db: web::Data<Db>,
    user: CurrentUser,
    path: web::Path<String>,
) -> Result<web::Json<IssuedPassword>, AppError> {
    let id = path.into_inner();
    super::require_manager(&user)?;
    let pass = web::block(staff::NewPassword::generate).await??;
    Ok(web::Json(managed(db, user, true, move |c, u| staff::reset_password(c, u, &id, pass)).await?))
}
