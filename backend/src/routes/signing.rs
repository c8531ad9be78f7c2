//! The school's signers and their certificates.

use crate::auth::CurrentUser;
use crate::db::Db;
use crate::error::AppError;
use crate::reader_lang::ReaderLang;
use crate::routes::blocking;
use crate::services::signers::{readiness, revocation, trusted};
use actix_web::web;
use hocba_core::api::documents::{SignerReadiness, SigningSetup, TrustCa, TrustedCa};
use hocba_core::api::ErrorBody;

/// `GET /api/signing/readiness`: every signer of the school (active teachers, the principal, the
/// seal) with their certificate and whether they can sign now. Principal and admin only.
#[utoipa::path(get, path = "/api/signing/readiness", tag = "signing",
    responses((status = 200, body = Vec<SignerReadiness>), (status = 403, body = ErrorBody)))]
pub async fn readiness(db: web::Data<Db>, user: CurrentUser) -> Result<web::Json<Vec<SignerReadiness>>, AppError> {
    if !user.is_school_manager() {
        return Err(AppError::Forbidden);
    }
    let at = crate::db::models::now();
    let list = blocking::read(&db, move |c| readiness::readiness(c, &user.school_id, at)).await?;
    Ok(web::Json(list))
}

/// `GET /api/signing/setup`: the public address and the timestamp authority documents are issued
/// with, and what is missing (principal and admin).
#[utoipa::path(get, path = "/api/signing/setup", tag = "signing",
    responses((status = 200, body = SigningSetup), (status = 403, body = ErrorBody)))]
pub async fn setup(
    docs: web::Data<crate::documents::Documents>,
    user: CurrentUser,
    ReaderLang(lang): ReaderLang,
) -> Result<web::Json<SigningSetup>, AppError> {
    if !user.is_school_manager() {
        return Err(AppError::Forbidden);
    }
    Ok(web::Json(docs.setup(lang)))
}

fn refused(e: crate::signing::SigningError) -> AppError {
    match e {
        crate::signing::SigningError::Refused(message) => AppError::validation("pem", message),
        e => AppError::Internal(anyhow::anyhow!("{e}")),
    }
}

/// `GET /api/signing/trusted-cas`: the CAs whose signatures the school accepts. Principal and admin.
#[utoipa::path(get, path = "/api/signing/trusted-cas", tag = "signing",
    responses((status = 200, body = Vec<TrustedCa>), (status = 403, body = ErrorBody)))]
pub async fn trusted_cas(db: web::Data<Db>, user: CurrentUser) -> Result<web::Json<Vec<TrustedCa>>, AppError> {
    if !user.is_school_manager() {
        return Err(AppError::Forbidden);
    }
    let list = blocking::read(&db, move |c| trusted::list(c, &user.school_id).map_err(refused)).await?;
    Ok(web::Json(list))
}

/// `POST /api/signing/trusted-cas`: trusts another CA (PEM), such as the CA of a school pupils
/// transfer from. Principal and admin; recorded in the audit log.
#[utoipa::path(post, path = "/api/signing/trusted-cas", tag = "signing", request_body = TrustCa,
    responses((status = 201, body = TrustedCa), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn trust_ca(
    db: web::Data<Db>,
    user: CurrentUser,
    body: web::Json<TrustCa>,
) -> Result<actix_web::HttpResponse, AppError> {
    if !user.is_school_manager() {
        return Err(AppError::Forbidden);
    }
    let pem = body.into_inner().pem;
    let ca = blocking::write(&db, move |c| trusted::trust(c, &user.school_id, Some(&user.id), &pem)).await?;
    Ok(actix_web::HttpResponse::Created().json(ca))
}

/// `GET /api/schools/{school_id}/ca.pem` (public): the root certificates of the school's signers,
/// for a receiving school to trust (after comparing fingerprints with this school).
#[utoipa::path(get, path = "/api/schools/{school_id}/ca.pem", tag = "signing", params(("school_id" = String, Path)),
    responses((status = 200, description = "PEM certificates", content_type = "application/x-pem-file"), (status = 404, body = ErrorBody)))]
pub async fn school_ca(db: web::Data<Db>, path: web::Path<String>) -> Result<actix_web::HttpResponse, AppError> {
    let school_id = path.into_inner();
    let roots = blocking::read(&db, move |c| trusted::own_roots(c, &school_id).map_err(refused)).await?;
    if roots.is_empty() {
        return Err(AppError::NotFound);
    }
    Ok(actix_web::HttpResponse::Ok().content_type("application/x-pem-file").body(roots.concat()))
}

/// `GET /api/schools/{school_id}/crl` (public): the current revocation list (DER) of the CA the
/// school runs itself, as embedded in its documents; 404 when its signers' CA is another's.
#[utoipa::path(get, path = "/api/schools/{school_id}/crl", tag = "signing", params(("school_id" = String, Path)),
    responses((status = 200, description = "DER CRL (RFC 5280)", content_type = "application/pkix-crl"), (status = 404, body = ErrorBody)))]
pub async fn school_crl(
    db: web::Data<Db>,
    secret: web::Data<crate::signing::SigningSecret>,
    path: web::Path<String>,
) -> Result<actix_web::HttpResponse, AppError> {
    let school_id = path.into_inner();
    let now = chrono::Utc::now();
    let crls = blocking::read(&db, move |c| {
        revocation::school_crls(c, &secret, &school_id, now).map_err(|e| AppError::Internal(anyhow::anyhow!("{e}")))
    })
    .await?;
    let crl = crls.into_iter().next().ok_or(AppError::NotFound)?;
    Ok(actix_web::HttpResponse::Ok()
        .content_type("application/pkix-crl")
        .insert_header((actix_web::http::header::CACHE_CONTROL, format!("public, max-age={}", 3600)))
        .body(crl))
}
