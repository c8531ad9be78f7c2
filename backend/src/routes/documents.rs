//! Issued documents: the hand-over học bạ, yearly records (PDF, XML, detached signature of the
//! XML), the list of a pupil's documents, revocation, and public verification.

use crate::auth::CurrentUser;
use crate::db::Db;
use crate::error::AppError;
use crate::reader_lang::ReaderLang;
use crate::routes::blocking;
use crate::routes::issuing::Issuing;
use crate::services::issuance::{self, store::IssuedRow, Issuer};
use actix_web::{web, HttpResponse};
use hocba_core::api::documents::{IssuedDocument, RevokeRequest, VerifyReport};
use hocba_core::messages::by_lang;

/// Largest PDF accepted for verification.
pub const MAX_VERIFY_BYTES: usize = 20 * 1024 * 1024;

/// A download that is never cached.
fn download(content_type: &str, name: &str, body: Vec<u8>) -> HttpResponse {
    HttpResponse::Ok()
        .content_type(content_type)
        .insert_header(("Content-Disposition", format!("attachment; filename=\"{name}\"")))
        .insert_header(("Cache-Control", "no-store"))
        .body(body)
}

/// `hoc-ba-<pupil's name>-<year or "ban-giao">-<code>.pdf`, ASCII only (`hoc-ba-giang-thi-my-ban-giao-…`).
fn file_name(doc: &Issued, extension: &str) -> String {
    let what = doc.row.school_year.clone().unwrap_or_else(|| "ban-giao".to_string());
    format!("hoc-ba-{}-{what}-{}.{extension}", doc.pupil_stem, doc.row.code)
}

/// An issued document and its pupil's name as a file name part.
struct Issued {
    row: IssuedRow,
    pupil_stem: String,
}

/// Issues (or reuses) a document off the async workers and logs its delivery to the user.
async fn issue_with(
    issuing: Issuing,
    user: CurrentUser,
    f: impl FnOnce(&Db, &Issuer<'_>, &CurrentUser) -> Result<IssuedRow, AppError> + Send + 'static,
) -> Result<Issued, AppError> {
    web::block(move || {
        let issuer =
            Issuer { documents: &issuing.documents, secret: &issuing.secret, verify_base: issuing.verify_base() };
        // Issuing holds no write transaction while it renders and signs; only its last step and
        // the delivery log write.
        let doc = f(&issuing.db, &issuer, &user)?;
        if doc.is_issued() {
            issuing.db.write(|c| issuance::delivered(c, &doc, &user))?;
        }
        let pupil_stem = issuing.db.read(|c| issuance::store::pupil_file_stem(c, &doc))?;
        Ok(Issued { pupil_stem, row: doc })
    })
    .await?
}

fn require_issued(doc: &Issued) -> Result<(), AppError> {
    if doc.row.is_issued() {
        Ok(())
    } else {
        Err(AppError::conflict("signature_pending", hocba_core::domain_text!(SIGNATURE_PENDING)))
    }
}

/// `GET /api/pupils/{pupil_id}/hoc-ba.pdf`: the hand-over học bạ as of today, signed by the
/// principal and sealed, with every approved year attached as a signed yearly record.
#[utoipa::path(get, path = "/api/pupils/{pupil_id}/hoc-ba.pdf", tag = "documents",
    params(("pupil_id" = String, Path)),
    responses((status = 200, content_type = "application/pdf", description = "Signed PDF (PAdES), XML and yearly records attached"),
        (status = 404, body = hocba_core::api::ErrorBody), (status = 409, body = hocba_core::api::ErrorBody),
        (status = 422, body = hocba_core::api::ErrorBody)))]
pub async fn hand_over_pdf(
    user: CurrentUser,
    issuing: Issuing,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let pupil_id = path.into_inner();
    let doc =
        issue_with(issuing, user, move |db, issuer, user| issuance::hand_over(db, issuer, user, &pupil_id)).await?;
    require_issued(&doc)?;
    Ok(download("application/pdf", &file_name(&doc, "pdf"), doc.row.pdf))
}

async fn yearly(issuing: Issuing, user: CurrentUser, path: web::Path<(String, String)>) -> Result<Issued, AppError> {
    let (pupil_id, school_year) = path.into_inner();
    issue_with(issuing, user, move |db, issuer, user| {
        issuance::yearly_record(db, issuer, user, &pupil_id, &school_year)
    })
    .await
}

/// `GET /api/pupils/{pupil_id}/years/{school_year}/record.pdf`: one approved year, signed by the
/// homeroom teacher, the principal and the school seal.
#[utoipa::path(get, path = "/api/pupils/{pupil_id}/years/{school_year}/record.pdf", tag = "documents",
    params(("pupil_id" = String, Path), ("school_year" = String, Path, example = "2024-2025")),
    responses((status = 200, content_type = "application/pdf", description = "Signed yearly record (3 PAdES signatures)"),
        (status = 404, body = hocba_core::api::ErrorBody), (status = 409, body = hocba_core::api::ErrorBody)))]
pub async fn record_pdf(
    user: CurrentUser,
    issuing: Issuing,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let doc = yearly(issuing, user, path).await?;
    require_issued(&doc)?;
    Ok(download("application/pdf", &file_name(&doc, "pdf"), doc.row.pdf))
}

/// `GET /api/pupils/{pupil_id}/years/{school_year}/record.xml`: the XML inside the yearly record.
#[utoipa::path(get, path = "/api/pupils/{pupil_id}/years/{school_year}/record.xml", tag = "documents",
    params(("pupil_id" = String, Path), ("school_year" = String, Path)),
    responses((status = 200, content_type = "application/xml", description = "The yearly record as XML (hoc-ba.xsd)"),
        (status = 404, body = hocba_core::api::ErrorBody), (status = 409, body = hocba_core::api::ErrorBody)))]
pub async fn record_xml(
    user: CurrentUser,
    issuing: Issuing,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let doc = yearly(issuing, user, path).await?;
    require_issued(&doc)?;
    Ok(download("application/xml; charset=utf-8", &file_name(&doc, "xml"), doc.row.xml.into_bytes()))
}

/// `GET /api/pupils/{pupil_id}/years/{school_year}/record.xml.p7s`: detached CMS signature of the
/// XML by the school seal (`openssl cms -verify -binary -content record.xml -inform DER -in …`).
#[utoipa::path(get, path = "/api/pupils/{pupil_id}/years/{school_year}/record.xml.p7s", tag = "documents",
    params(("pupil_id" = String, Path), ("school_year" = String, Path)),
    responses((status = 200, content_type = "application/pkcs7-signature", description = "Detached CMS (DER)"),
        (status = 404, body = hocba_core::api::ErrorBody), (status = 409, body = hocba_core::api::ErrorBody)))]
pub async fn record_xml_signature(
    user: CurrentUser,
    issuing: Issuing,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let doc = yearly(issuing, user, path).await?;
    require_issued(&doc)?;
    let name = file_name(&doc, "xml.p7s");
    let signature = doc
        .row
        .xml_signature
        .ok_or_else(|| AppError::conflict("signature_pending", hocba_core::domain_text!(SIGNATURE_PENDING)))?;
    Ok(download("application/pkcs7-signature", &name, signature))
}

/// `GET /api/pupils/{pupil_id}/documents`: the documents issued for the pupil, newest first.
#[utoipa::path(get, path = "/api/pupils/{pupil_id}/documents", tag = "documents",
    params(("pupil_id" = String, Path)),
    responses((status = 200, body = Vec<IssuedDocument>), (status = 404, body = hocba_core::api::ErrorBody)))]
pub async fn list(
    db: web::Data<Db>,
    user: CurrentUser,
    path: web::Path<String>,
) -> Result<web::Json<Vec<IssuedDocument>>, AppError> {
    let pupil_id = path.into_inner();
    Ok(web::Json(blocking::read(&db, move |c| issuance::list(c, &user, &pupil_id)).await?))
}

/// `POST /api/documents/{document_id}/revoke`: the principal revokes an issued document.
#[utoipa::path(post, path = "/api/documents/{document_id}/revoke", tag = "documents",
    params(("document_id" = String, Path)), request_body = RevokeRequest,
    responses((status = 204), (status = 403, body = hocba_core::api::ErrorBody),
        (status = 404, body = hocba_core::api::ErrorBody), (status = 409, body = hocba_core::api::ErrorBody),
        (status = 422, body = hocba_core::api::ErrorBody)))]
pub async fn revoke(
    db: web::Data<Db>,
    user: CurrentUser,
    path: web::Path<String>,
    body: web::Json<RevokeRequest>,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let reason = body.into_inner().reason;
    blocking::write(&db, move |c| issuance::revoke(c, &user, &id, &reason)).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// `POST /api/verify` (public): checks an uploaded PDF (the request body).
#[utoipa::path(post, path = "/api/verify", tag = "documents",
    request_body(content = crate::routes::api_doc::Binary, content_type = "application/octet-stream", description = "The PDF (any file is read as one)"),
    responses((status = 200, body = VerifyReport), (status = 422, body = hocba_core::api::ErrorBody, description = "An empty file")))]
pub async fn verify_upload(
    db: web::Data<Db>,
    docs: web::Data<crate::documents::Documents>,
    ReaderLang(lang): ReaderLang,
    body: web::Bytes,
) -> Result<web::Json<VerifyReport>, AppError> {
    if body.is_empty() {
        return Err(AppError::validation("file", hocba_core::domain_text!(VERIFY_NOT_PDF)));
    }
    let pdf = body.to_vec();
    let stamps = docs.timestamp_roots();
    let report = blocking::read(&db, move |c| issuance::verify_bytes(c, &pdf, &stamps)).await?;
    Ok(web::Json(by_lang::verify_report(lang, report)))
}

/// `GET /api/verify/{code}` (public): checks the document with this printed code.
#[utoipa::path(get, path = "/api/verify/{code}", tag = "documents",
    params(("code" = String, Path, example = "7KQ2-M9XD-4RTA")),
    responses((status = 200, body = VerifyReport), (status = 422, body = hocba_core::api::ErrorBody)))]
pub async fn verify_code(
    db: web::Data<Db>,
    docs: web::Data<crate::documents::Documents>,
    ReaderLang(lang): ReaderLang,
    path: web::Path<String>,
) -> Result<web::Json<VerifyReport>, AppError> {
    let code = path.into_inner();
    let stamps = docs.timestamp_roots();
    let report = blocking::read_lagging(&db, move |c| issuance::verify_code(c, &code, &stamps)).await?;
    Ok(web::Json(by_lang::verify_report(lang, report)))
}

/// `GET /api/pupils/{pupil_id}/credentials.json`: the approved years as Open Badges 3.0 credentials
/// (VC-JWT, ES256, signed by the school seal).
#[utoipa::path(get, path = "/api/pupils/{pupil_id}/credentials.json", tag = "documents",
    params(("pupil_id" = String, Path)),
    responses((status = 200, body = Vec<hocba_core::api::documents::SignedCredential>),
        (status = 404, body = hocba_core::api::ErrorBody), (status = 409, body = hocba_core::api::ErrorBody)))]
pub async fn credentials(
    user: CurrentUser,
    issuing: Issuing,
    path: web::Path<String>,
) -> Result<web::Json<Vec<hocba_core::api::documents::SignedCredential>>, AppError> {
    let pupil_id = path.into_inner();
    let Issuing { db, secret, public_base: base, .. } = issuing;
    Ok(web::Json(
        blocking::read(&db, move |c| crate::services::credentials::for_pupil(c, &secret, &user, &pupil_id, &base))
            .await?,
    ))
}

/// `GET /api/schools/{school_id}/jwks.json` (public): the school seal's public key, to verify the
/// school's credentials.
#[utoipa::path(get, path = "/api/schools/{school_id}/jwks.json", tag = "documents",
    params(("school_id" = String, Path)),
    responses((status = 200, description = "JWK set (EC P-256)"), (status = 404, body = hocba_core::api::ErrorBody)))]
pub async fn jwks(db: web::Data<Db>, path: web::Path<String>) -> Result<HttpResponse, AppError> {
    let school_id = path.into_inner();
    let keys = blocking::read(&db, move |c| crate::services::credentials::jwks(c, &school_id)).await?;
    Ok(HttpResponse::Ok().content_type("application/jwk-set+json").json(keys))
}
