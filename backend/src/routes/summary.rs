//! The Bảng tổng hợp kết quả đánh giá giáo dục of a class at a periodic point.

use crate::auth::CurrentUser;
use crate::db::Db;
use crate::error::AppError;
use crate::routes::admin::files::download;
use crate::routes::blocking;
use crate::services::summary;
use actix_web::{web, HttpResponse};
use hocba_core::api::{ClassSummary, ErrorBody};
use hocba_core::Period;

/// `GET /api/classes/{class_id}/periods/{period}/summary` (the class's teachers and the principal).
#[utoipa::path(get, path = "/api/classes/{class_id}/periods/{period}/summary", tag = "assessments",
    params(("class_id" = String, Path), ("period" = Period, Path)),
    responses((status = 200, body = ClassSummary), (status = 404, body = ErrorBody)))]
pub async fn json(
    db: web::Data<Db>,
    user: CurrentUser,
    path: web::Path<(String, Period)>,
) -> Result<web::Json<ClassSummary>, AppError> {
    let (class_id, period) = path.into_inner();
    let (_, s) = blocking::read(&db, move |c| summary::class_summary(c, &user, &class_id, period)).await?;
    Ok(web::Json(s))
}

/// `GET /api/classes/{class_id}/periods/{period}/summary.xlsx`: the same as a workbook.
#[utoipa::path(get, path = "/api/classes/{class_id}/periods/{period}/summary.xlsx", tag = "spreadsheets",
    params(("class_id" = String, Path), ("period" = Period, Path)),
    responses((status = 200, content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", description = "XLSX"),
        (status = 404, body = ErrorBody)))]
pub async fn xlsx(
    db: web::Data<Db>,
    user: CurrentUser,
    path: web::Path<(String, Period)>,
) -> Result<HttpResponse, AppError> {
    let (class_id, period) = path.into_inner();
    let file = blocking::read(&db, move |c| summary::summary_xlsx(c, &user, &class_id, period)).await?;
    Ok(download(file))
}
