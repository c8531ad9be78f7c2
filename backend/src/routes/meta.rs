//! Health, the OpenAPI description, and the JSON 404 for unknown API paths.

use super::api_doc::CommonResponses;
use crate::db::Db;
use crate::error::AppError;
use crate::routes::admin::{files, people, school, staff, years};
use crate::routes::{
    auth, batches, classes, comment_bank, dashboard, documents, feedback, pupils, reviews, signing, summary,
    token_signing, yearend,
};
use actix_web::{web, HttpResponse};
use hocba_core::api::Health;
use utoipa::OpenApi;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "hocba API",
        description = "Học bạ số for Vietnamese primary schools (Thông tư 27/2020/TT-BGDĐT).\n\n\
Server: `hocba serve [--bind ADDR:PORT] [--data DIR] [--demo]` (also `HOCBA_BIND`, `HOCBA_DATA_DIR`; \
defaults `127.0.0.1:8080` and `./data`); `--demo` seeds the demo school into an empty database.\n\n\
Authentication: `POST /api/auth/login` answers `{\"token\": …}` and sets the HttpOnly, SameSite=Strict \
cookie `hocba_session`; API clients send `Authorization: Bearer <token>`. Errors answer \
`{\"error\": {\"code\", \"message\", \"field\"?}}` with 400/401/403/404/405/409/422/429/503; the `message` is in \
Vietnamese, or in English when the `hocba_lang` cookie or else `Accept-Language` asks for it (codes and fields do not \
change; an import report's `problems` and a verification report's `problem` lines follow the same choice); a submit with \
empty cells answers 409 `incomplete` with `missing` (each pupil and its empty cells); a write of several pupils' \
year end with refused values answers 422 `validation` with `errors` (each pupil and field) and writes nothing; a cuối năm approval \
while the pre-approval checklist has findings answers 409 `checklist` with `findings` unless it carries \
`override_reason`; an action that asks first \
answers 409 `confirm_required` until sent again with `\"confirm\": true`. A pupil the caller may not \
see answers 404, never 403. Failed sign-ins are throttled per account and per address (429 with \
`Retry-After`). A staff session ends after 30 idle minutes (each request renews it: a new cookie, or the \
`Hocba-Session-Token` header for bearer clients) and every session 12 hours after sign-in; \
`POST /api/auth/logout-all` ends every session of the account. An issued password must be changed \
(`POST /api/auth/password`) before anything but `/api/me`, `/api/auth/session` and logout answers (403 naming \
`password`). Any write that cannot get the database within 10 s answers 503 `busy` with \
`Retry-After` and writes nothing. Issuing documents or credentials needs the `public_url` setting (409 \
`public_url_missing` without it); the address is never taken from the request. A write authenticated by the \
session cookie must come from the app's own pages (`Sec-Fetch-Site: same-origin` or this server's `Origin`) \
and be JSON or carry `X-Hocba-Client`, else 403 naming `Origin`; bearer clients are not concerned. `POST /api/auth/logout` ends that session for \
good. An `Idempotency-Key` belongs to the request it was first sent with: sent again with another request \
it answers 422 naming the key.",
    ),
    paths(
        health, openapi,
        auth::login, auth::session, auth::logout, auth::logout_all, auth::change_password, auth::me,
        classes::pupils, classes::grid, classes::write_row, classes::write_bulk, classes::history,
        classes::optional_subjects, classes::set_optional_subjects,
        reviews::list, reviews::submit, reviews::approve, reviews::checklist, reviews::return_record,
        reviews::reopen_pupil, reviews::reapprove_pupil, reviews::reopenings, reviews::approve_all_preview,
        reviews::approve_all, reviews::notifications, dashboard::json, dashboard::xlsx,
        pupils::results, pupils::hoc_ba_xml,
        feedback::periods, feedback::seen, feedback::reply, feedback::class_feedback,
        documents::hand_over_pdf, documents::record_pdf, documents::record_xml, documents::record_xml_signature,
        documents::list, documents::revoke, documents::verify_upload, documents::verify_code,
        batches::start, batches::latest, batches::progress, batches::download, documents::credentials, documents::jwks,
        auth::redeem,
        school::get, school::put, school::put_logo, school::logo,
        years::list, years::open, years::make_current, years::classes_of_year, years::create_class,
        years::update_class, years::set_assignments, years::rollover_preview, years::rollover_apply,
        staff::list, staff::create, staff::update, staff::deactivate, staff::activate, staff::reset_password,
        people::list, people::create, people::get, people::update, people::parents, people::link, people::unlink,
        people::invite, people::transfer_out, people::transfer_in, people::import_years,
        files::export_class_roster, files::import_class_roster, files::export_school_roster,
        files::import_school_roster, files::export_staff, files::import_staff, files::export_assignments,
        files::import_assignments,
        yearend::view, yearend::write_class, yearend::write, yearend::decide, yearend::add_award, yearend::remove_award,
        summary::json, summary::xlsx,
        comment_bank::list, comment_bank::add, comment_bank::remove,
        signing::readiness, signing::setup, signing::trusted_cas, signing::trust_ca, signing::school_ca, signing::school_crl, token_signing::pending, token_signing::upload,
    ),
    modifiers(&CommonResponses),
    tags((name = "auth"), (name = "classes"), (name = "assessments"), (name = "review"), (name = "year_end"), (name = "pupils"), (name = "admin"), (name = "spreadsheets"), (name = "signing"), (name = "documents"), (name = "meta"))
)]
pub struct ApiDoc;

/// `GET /api/health`: answers 200 when the database answers.
#[utoipa::path(get, path = "/api/health", tag = "meta", responses((status = 200, body = Health)))]
pub async fn health(db: web::Data<Db>) -> Result<web::Json<Health>, AppError> {
    let backend = db.backend().name().to_string();
    web::block(move || db.ping().map_err(AppError::from)).await??;
    Ok(web::Json(Health { status: "ok".into(), version: env!("CARGO_PKG_VERSION").into(), database: backend }))
}

/// `GET /api/openapi.json`
#[utoipa::path(get, path = "/api/openapi.json", tag = "meta", responses((status = 200, description = "This description")))]
pub async fn openapi() -> HttpResponse {
    HttpResponse::Ok().json(ApiDoc::openapi())
}

/// Unknown API paths: 404 JSON; a described path asked with another method: 405 with `Allow`.
pub async fn not_found(req: actix_web::HttpRequest) -> Result<HttpResponse, AppError> {
    let methods = super::api_doc::methods_of(req.path());
    if methods.is_empty() {
        return Err(AppError::NotFound);
    }
    let body = hocba_core::api::ErrorBody {
        error: hocba_core::api::ErrorDetail {
            code: "method_not_allowed".into(),
            message: crate::messages::METHOD_NOT_ALLOWED.get(crate::reader_lang::lang_of(&req)).to_string(),
            field: None,
            current: None,
            missing: None,
            findings: None,
            errors: None,
        },
    };
    Ok(HttpResponse::MethodNotAllowed().insert_header(("Allow", methods.join(", "))).json(body))
}
