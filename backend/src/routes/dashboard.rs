//! The principal's dashboard.

use crate::auth::CurrentUser;
use crate::db::Db;
use crate::error::AppError;
use crate::routes::admin::files::download;
use crate::routes::blocking;
use crate::services::dashboard;
use actix_web::{web, HttpResponse};
use hocba_core::api::dashboard::Dashboard;
use hocba_core::api::ErrorBody;

/// `GET /api/dashboard` (admin, principal): progress of every class of the current year through
/// the four periodic points, results and levels per grade, pupils at risk.
#[utoipa::path(get, path = "/api/dashboard", tag = "review",
    responses((status = 200, body = Dashboard), (status = 403, body = ErrorBody)))]
pub async fn json(db: web::Data<Db>, user: CurrentUser) -> Result<web::Json<Dashboard>, AppError> {
    Ok(web::Json(blocking::read_lagging(&db, move |c| dashboard::dashboard(c, &user)).await?))
}

/// `GET /api/dashboard.xlsx`: the same figures as a workbook.
#[utoipa::path(get, path = "/api/dashboard.xlsx", tag = "spreadsheets",
    responses((status = 200, content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", description = "XLSX"),
        (status = 403, body = ErrorBody)))]
pub async fn xlsx(db: web::Data<Db>, user: CurrentUser) -> Result<HttpResponse, AppError> {
    let file = blocking::read(&db, move |c| dashboard::dashboard_xlsx(c, &user)).await?;
    Ok(download(file))
}
