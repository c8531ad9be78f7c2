//! The school's signers and their certificates.

use crate::auth::CurrentUser;
use crate::db::Db;
use crate::error::ApiError;
use crate::signing::readiness;
use actix_web::web;
use hocba_core::api::documents::SignerReadiness;
use hocba_core::api::ErrorBody;

/// `GET /api/signing/readiness`: every signer of the school (active teachers, the principal, the
/// seal) with their certificate and whether they can sign now. Principal and admin only.
#[utoipa::path(get, path = "/api/signing/readiness", tag = "signing",
    responses((status = 200, body = Vec<SignerReadiness>), (status = 403, body = ErrorBody)))]
pub async fn readiness(db: web::Data<Db>, user: CurrentUser) -> Result<web::Json<Vec<SignerReadiness>>, ApiError> {
    if !user.is_school_manager() {
        return Err(ApiError::Forbidden);
    }
    let at = crate::db::models::now();
    let list = web::block(move || db.read(|c| readiness::readiness(c, &user.school_id, at))).await??;
    Ok(web::Json(list))
}
