//! Spreadsheet export and import. Imports take the raw file (XLSX, or CSV in UTF-8) as the
//! body; `?dry_run=true` previews. The answer is an `ImportReport`: 200 when the file is clean,
//! 422 (and nothing written) when it lists problems.

use super::{managed, ExportQuery, ImportQuery};
use crate::auth::CurrentUser;
use crate::db::Db;
use crate::error::AppError;
use crate::reader_lang::ReaderLang;
use crate::services::admin::spreadsheets::{self, FileOut};
use crate::services::admin::{pupils, require_manager};
use actix_web::{web, HttpResponse};
use hocba_core::api::admin::ImportReport;
use hocba_core::api::ErrorBody;

/// The example pupil list shipped with hocba (README: "Import file format").
pub const EXAMPLE_ROSTER: &[u8] = include_bytes!("../../../../docs/examples/danh-sach-hoc-sinh.xlsx");

/// A file answer: attachment, not cached.
pub fn download(file: FileOut) -> HttpResponse {
    HttpResponse::Ok()
        .content_type(file.content_type)
        .insert_header(("Content-Disposition", format!("attachment; filename=\"{}\"", file.filename)))
        .insert_header(("Cache-Control", "no-store"))
        .body(file.bytes)
}

fn answer(report: ImportReport) -> HttpResponse {
    if report.problems.is_empty() {
        HttpResponse::Ok().json(report)
    } else {
        HttpResponse::UnprocessableEntity().json(report)
    }
}

/// Runs an import for a school manager.
async fn import<F>(db: web::Data<Db>, user: CurrentUser, dry_run: bool, f: F) -> Result<HttpResponse, AppError>
where
    F: FnOnce(&mut crate::db::connection::AnyConnection, &CurrentUser) -> Result<ImportReport, AppError>
        + Send
        + 'static,
{
    require_manager(&user)?;
    let report = web::block(move || spreadsheets::run(&db, dry_run, |c| f(c, &user))).await??;
    Ok(answer(report))
}

/// `GET /api/admin/classes/{class_id}/roster/export?format=xlsx|csv`
#[utoipa::path(get, path = "/api/admin/classes/{class_id}/roster/export", tag = "spreadsheets",
    params(("class_id" = String, Path), ExportQuery),
    responses((status = 200, description = "XLSX or CSV (`?format=csv`)",
        content(("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"), ("text/csv"))),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn export_class_roster(
    db: web::Data<Db>,
    user: CurrentUser,
    path: web::Path<String>,
    query: web::Query<ExportQuery>,
) -> Result<HttpResponse, AppError> {
    let (id, format) = (path.into_inner(), query.format);
    let file =
        managed(db, user, false, move |c, u| spreadsheets::export_roster(c, &u.school_id, Some(&id), format)).await?;
    Ok(download(file))
}

/// `POST /api/admin/classes/{class_id}/roster/import?dry_run=`: create or update the class's
/// pupils, matched by mã định danh.
#[utoipa::path(post, path = "/api/admin/classes/{class_id}/roster/import", tag = "spreadsheets",
    params(("class_id" = String, Path), ImportQuery), request_body(content = crate::routes::api_doc::Binary, content_type = "application/octet-stream"),
    responses((status = 200, body = ImportReport), (status = 422, body = ImportReport), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn import_class_roster(
    db: web::Data<Db>,
    user: CurrentUser,
    ReaderLang(lang): ReaderLang,
    path: web::Path<String>,
    query: web::Query<ImportQuery>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    import(db, user, query.dry_run, move |c, u| {
        pupils::current_class(c, &u.school_id, &id).map_err(|_| AppError::NotFound)?;
        spreadsheets::import_roster(c, u, Some(&id), &body, lang, &mut |_, _| {})
    })
    .await
}

/// `GET /api/admin/pupils/export?format=`: every class of the current year (with the "Lớp" column).
#[utoipa::path(get, path = "/api/admin/pupils/export", tag = "spreadsheets", params(ExportQuery),
    responses((status = 200, description = "XLSX or CSV (`?format=csv`)",
        content(("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"), ("text/csv"))),
        (status = 403, body = ErrorBody)))]
pub async fn export_school_roster(
    db: web::Data<Db>,
    user: CurrentUser,
    query: web::Query<ExportQuery>,
) -> Result<HttpResponse, AppError> {
    let format = query.format;
    let file = managed(db, user, false, move |c, u| spreadsheets::export_roster(c, &u.school_id, None, format)).await?;
    Ok(download(file))
}

/// `POST /api/admin/pupils/import?dry_run=`: a whole-school list; each row names its class.
#[utoipa::path(post, path = "/api/admin/pupils/import", tag = "spreadsheets", params(ImportQuery),
    request_body(content = crate::routes::api_doc::Binary, content_type = "application/octet-stream"),
    responses((status = 200, body = ImportReport), (status = 422, body = ImportReport), (status = 403, body = ErrorBody)))]
pub async fn import_school_roster(
    db: web::Data<Db>,
    user: CurrentUser,
    ReaderLang(lang): ReaderLang,
    query: web::Query<ImportQuery>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    import(db, user, query.dry_run, move |c, u| spreadsheets::import_roster(c, u, None, &body, lang, &mut |_, _| {}))
        .await
}

/// `GET /api/admin/staff/export?format=`
#[utoipa::path(get, path = "/api/admin/staff/export", tag = "spreadsheets", params(ExportQuery),
    responses((status = 200, description = "XLSX or CSV (`?format=csv`)",
        content(("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"), ("text/csv"))),
        (status = 403, body = ErrorBody)))]
pub async fn export_staff(
    db: web::Data<Db>,
    user: CurrentUser,
    query: web::Query<ExportQuery>,
) -> Result<HttpResponse, AppError> {
    let format = query.format;
    let file = managed(db, user, false, move |c, u| spreadsheets::export_staff(c, &u.school_id, format)).await?;
    Ok(download(file))
}

/// `POST /api/admin/staff/import?dry_run=`: create or update accounts, matched by username;
/// new accounts' one-time passwords are in the report.
#[utoipa::path(post, path = "/api/admin/staff/import", tag = "spreadsheets", params(ImportQuery),
    request_body(content = crate::routes::api_doc::Binary, content_type = "application/octet-stream"),
    responses((status = 200, body = ImportReport), (status = 422, body = ImportReport), (status = 403, body = ErrorBody)))]
pub async fn import_staff(
    db: web::Data<Db>,
    user: CurrentUser,
    ReaderLang(lang): ReaderLang,
    query: web::Query<ImportQuery>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    require_manager(&user)?;
    let dry_run = query.dry_run;
    let report =
        web::block(move || spreadsheets::import_staff_file(&db, &user, &body, dry_run, lang, &mut |_, _| {})).await??;
    Ok(answer(report))
}

/// `GET /api/admin/years/{year_id}/assignments/export?format=`
#[utoipa::path(get, path = "/api/admin/years/{year_id}/assignments/export", tag = "spreadsheets",
    params(("year_id" = String, Path), ExportQuery),
    responses((status = 200, description = "XLSX or CSV (`?format=csv`)",
        content(("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"), ("text/csv"))),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn export_assignments(
    db: web::Data<Db>,
    user: CurrentUser,
    path: web::Path<String>,
    query: web::Query<ExportQuery>,
) -> Result<HttpResponse, AppError> {
    let (id, format) = (path.into_inner(), query.format);
    let file =
        managed(db, user, false, move |c, u| spreadsheets::export_assignments(c, &u.school_id, &id, format)).await?;
    Ok(download(file))
}

/// `POST /api/admin/years/{year_id}/assignments/import?dry_run=`
#[utoipa::path(post, path = "/api/admin/years/{year_id}/assignments/import", tag = "spreadsheets",
    params(("year_id" = String, Path), ImportQuery), request_body(content = crate::routes::api_doc::Binary, content_type = "application/octet-stream"),
    responses((status = 200, body = ImportReport), (status = 422, body = ImportReport), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn import_assignments(
    db: web::Data<Db>,
    user: CurrentUser,
    ReaderLang(lang): ReaderLang,
    path: web::Path<String>,
    query: web::Query<ImportQuery>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    import(db, user, query.dry_run, move |c, u| {
        spreadsheets::import_assignments(c, u, &id, &body, lang, &mut |_, _| {})
    })
    .await
}

/// `GET /mau/danh-sach-hoc-sinh.xlsx`: the example pupil list (public).
pub async fn example_roster() -> HttpResponse {
    download(FileOut {
        bytes: EXAMPLE_ROSTER.to_vec(),
        filename: "danh-sach-hoc-sinh.xlsx".into(),
        content_type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    })
}
