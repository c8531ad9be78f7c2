//! Pupils, parents, invitations and transfers.

use super::managed;
use crate::auth::CurrentUser;
use crate::db::Db;
use crate::error::AppError;
use crate::services::admin::pupils::PupilFilter;
use crate::services::admin::{guardians, imported_years, pupils, transfers};
use actix_web::web;
use hocba_core::api::admin::{
    GuardianView, InviteRequest, InviteSlip, LinkGuardian, PupilInput, PupilProfile, PupilSummary, TransferIn,
    TransferOut,
};
use hocba_core::api::documents::{ImportXml, ImportedYear};
use hocba_core::api::ErrorBody;

/// `GET /api/admin/pupils?q=&class_id=&status=`: `q` ignores diacritics and case.
#[utoipa::path(get, path = "/api/admin/pupils", tag = "admin", params(PupilFilter),
    responses((status = 200, body = Vec<PupilSummary>), (status = 403, body = ErrorBody)))]
pub async fn list(
    db: web::Data<Db>,
    user: CurrentUser,
    query: web::Query<PupilFilter>,
) -> Result<web::Json<Vec<PupilSummary>>, AppError> {
    let filter = query.into_inner();
    Ok(web::Json(managed(db, user, false, move |c, u| pupils::list(c, &u.school_id, &filter)).await?))
}

/// `POST /api/admin/pupils`: a new pupil in a class of the current year.
#[utoipa::path(post, path = "/api/admin/pupils", tag = "admin", request_body = PupilInput,
    responses((status = 200, body = PupilProfile), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn create(
    db: web::Data<Db>,
    user: CurrentUser,
    body: web::Json<PupilInput>,
) -> Result<web::Json<PupilProfile>, AppError> {
    let input = body.into_inner();
    Ok(web::Json(managed(db, user, true, move |c, u| pupils::create(c, u, input)).await?))
}

/// `GET /api/admin/pupils/{pupil_id}`
#[utoipa::path(get, path = "/api/admin/pupils/{pupil_id}", tag = "admin", params(("pupil_id" = String, Path)),
    responses((status = 200, body = PupilProfile), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn get(
    db: web::Data<Db>,
    user: CurrentUser,
    path: web::Path<String>,
) -> Result<web::Json<PupilProfile>, AppError> {
    let id = path.into_inner();
    Ok(web::Json(managed(db, user, false, move |c, u| pupils::profile(c, &u.school_id, &id)).await?))
}

/// `PUT /api/admin/pupils/{pupil_id}`
#[utoipa::path(put, path = "/api/admin/pupils/{pupil_id}", tag = "admin", params(("pupil_id" = String, Path)),
    request_body = PupilInput,
    responses((status = 200, body = PupilProfile), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn update(
    db: web::Data<Db>,
    user: CurrentUser,
    path: web::Path<String>,
    body: web::Json<PupilInput>,
) -> Result<web::Json<PupilProfile>, AppError> {
    let (id, input) = (path.into_inner(), body.into_inner());
    Ok(web::Json(managed(db, user, true, move |c, u| pupils::update(c, u, &id, input)).await?))
}

#[derive(Debug, Default, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ParentQuery {
    pub q: Option<String>,
}

/// `GET /api/admin/parents?q=`: parent accounts of the school.
#[utoipa::path(get, path = "/api/admin/parents", tag = "admin", params(ParentQuery),
    responses((status = 200, body = Vec<GuardianView>), (status = 403, body = ErrorBody)))]
pub async fn parents(
    db: web::Data<Db>,
    user: CurrentUser,
    query: web::Query<ParentQuery>,
) -> Result<web::Json<Vec<GuardianView>>, AppError> {
    let q = query.into_inner().q;
    Ok(web::Json(managed(db, user, false, move |c, u| guardians::parents(c, &u.school_id, q.as_deref())).await?))
}

/// `POST /api/admin/pupils/{pupil_id}/guardians`: links a parent account.
#[utoipa::path(post, path = "/api/admin/pupils/{pupil_id}/guardians", tag = "admin", params(("pupil_id" = String, Path)),
    request_body = LinkGuardian,
    responses((status = 200, body = PupilProfile), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn link(
    db: web::Data<Db>,
    user: CurrentUser,
    path: web::Path<String>,
    body: web::Json<LinkGuardian>,
) -> Result<web::Json<PupilProfile>, AppError> {
    let (id, input) = (path.into_inner(), body.into_inner());
    Ok(web::Json(
        managed(db, user, true, move |c, u| {
            guardians::link(c, u, &id, &input.parent_id)?;
            pupils::profile(c, &u.school_id, &id)
        })
        .await?,
    ))
}

/// `DELETE /api/admin/pupils/{pupil_id}/guardians/{parent_id}`: access ends at once.
#[utoipa::path(delete, path = "/api/admin/pupils/{pupil_id}/guardians/{parent_id}", tag = "admin",
    params(("pupil_id" = String, Path), ("parent_id" = String, Path)),
    responses((status = 200, body = PupilProfile), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn unlink(
    db: web::Data<Db>,
    user: CurrentUser,
    path: web::Path<(String, String)>,
) -> Result<web::Json<PupilProfile>, AppError> {
    let (id, parent) = path.into_inner();
    Ok(web::Json(
        managed(db, user, true, move |c, u| {
            guardians::unlink(c, u, &id, &parent)?;
            pupils::profile(c, &u.school_id, &id)
        })
        .await?,
    ))
}

/// `POST /api/admin/invites`: a one-time code for a parent, to print.
#[utoipa::path(post, path = "/api/admin/invites", tag = "admin", request_body = InviteRequest,
    responses((status = 200, body = InviteSlip), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn invite(
    db: web::Data<Db>,
    user: CurrentUser,
    body: web::Json<InviteRequest>,
) -> Result<web::Json<InviteSlip>, AppError> {
    let input = body.into_inner();
    Ok(web::Json(managed(db, user, true, move |c, u| guardians::invite(c, u, &input)).await?))
}

/// `POST /api/admin/pupils/{pupil_id}/transfer-out`: freezes the record for hand-over.
#[utoipa::path(post, path = "/api/admin/pupils/{pupil_id}/transfer-out", tag = "admin", params(("pupil_id" = String, Path)),
    request_body = TransferOut,
    responses((status = 200, body = PupilProfile), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn transfer_out(
    db: web::Data<Db>,
    user: CurrentUser,
    path: web::Path<String>,
    body: web::Json<TransferOut>,
) -> Result<web::Json<PupilProfile>, AppError> {
    let (id, input) = (path.into_inner(), body.into_inner());
    Ok(web::Json(managed(db, user, true, move |c, u| transfers::transfer_out(c, u, &id, &input)).await?))
}

/// `POST /api/admin/pupils/transfer-in`: a pupil arriving from another school.
#[utoipa::path(post, path = "/api/admin/pupils/transfer-in", tag = "admin", request_body = TransferIn,
    responses((status = 200, body = PupilProfile), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn transfer_in(
    db: web::Data<Db>,
    user: CurrentUser,
    body: web::Json<TransferIn>,
) -> Result<web::Json<PupilProfile>, AppError> {
    let input = body.into_inner();
    Ok(web::Json(managed(db, user, true, move |c, u| transfers::transfer_in(c, u, input)).await?))
}

/// `POST /api/admin/pupils/{pupil_id}/imported-years`: the years a transferred-in pupil studied at
/// another school, from that school's signed record: a PDF (`application/pdf`: a yearly record or
/// a hand-over học bạ) or, as JSON, an XML with its detached signature. All years or none.
#[utoipa::path(post, path = "/api/admin/pupils/{pupil_id}/imported-years", tag = "admin", params(("pupil_id" = String, Path)),
    request_body(content = ImportXml, description = "or the signed PDF itself as application/pdf"),
    responses((status = 201, body = Vec<ImportedYear>), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn import_years(
    db: web::Data<Db>,
    user: CurrentUser,
    path: web::Path<String>,
    req: actix_web::HttpRequest,
    body: web::Bytes,
) -> Result<actix_web::HttpResponse, AppError> {
    crate::services::admin::require_manager(&user)?;
    let id = path.into_inner();
    let upload = upload_of(&req, &body)?;
    let years = managed(db, user, true, move |c, u| imported_years::import(c, u, &id, upload)).await?;
    Ok(actix_web::HttpResponse::Created().json(years))
}

/// A PDF body, or the JSON of an XML and its Base64 `.p7s`.
fn upload_of(req: &actix_web::HttpRequest, body: &[u8]) -> Result<imported_years::Upload, AppError> {
    use base64::Engine as _;
    let json = req
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if !json {
        if !body.starts_with(b"%PDF") {
            return Err(AppError::validation("file", hocba_core::domain_text!(IMPORT_NOT_RECORD)));
        }
        return Ok(imported_years::Upload::Pdf(body.to_vec()));
    }
    let input: ImportXml = serde_json::from_slice(body)
        .map_err(|_| AppError::validation("xml", hocba_core::domain_text!(IMPORT_NOT_RECORD)))?;
    let signature = base64::engine::general_purpose::STANDARD
        .decode(input.signature_base64.trim())
        .map_err(|_| AppError::validation("signature_base64", hocba_core::domain_text!(IMPORT_BAD_SIGNATURE_FILE)))?;
    Ok(imported_years::Upload::Xml { xml: input.xml.into_bytes(), signature })
}
