//! The principal's dashboard.

use crate::auth::CurrentUser;
use crate::db::{epochs, Db};
use crate::error::AppError;
use crate::routes::admin::files::download;
use crate::routes::blocking;
use crate::routes::cached::{self, AnswerCache};
use crate::services::dashboard;
use actix_web::{web, HttpResponse};
use hocba_core::api::dashboard::Dashboard;
use hocba_core::api::ErrorBody;

/// `GET /api/dashboard` (admin, principal): progress of every class of the current year through
/// the four periodic points, results and levels per grade, pupils at risk.
#[utoipa::path(get, path = "/api/dashboard", tag = "review",
    responses((status = 200, body = Dashboard), (status = 403, body = ErrorBody)))]
pub async fn json(
    db: web::Data<Db>,
    answers: web::Data<AnswerCache>,
    user: CurrentUser,
) -> Result<HttpResponse, AppError> {
    if !user.is_school_manager() {
        return Err(AppError::Forbidden);
    }
    // Built from every class of the school: it holds while the school's epoch and the sum of its
    // classes' epochs stay the same. Read where reads may lag (a replica, when set), with that
    // database's own epochs.
    let classes = blocking::epoch(&db, epochs::Scope::ClassesOf(user.school_id.clone())).await?;
    let key = format!("dashboard/{}", user.id);
    let stamp = [user.data_epoch, classes];
    let replica = db.has_replica();
    let compute = blocking::read_lagging(&db, move |c| {
        let stamp = match replica {
            true => [epochs::current(c, &user.school_id)?, epochs::of_school_classes(c, &user.school_id)?],
            false => stamp,
        };
        Ok::<_, AppError>((stamp, dashboard::dashboard(c, &user)?))
    });
    cached::json::<Dashboard, _>(&answers, key, stamp, compute).await
}

/// `GET /api/dashboard.xlsx`: the same figures as a workbook.
#[utoipa::path(get, path = "/api/dashboard.xlsx", tag = "spreadsheets",
    responses((status = 200, content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", description = "XLSX"),
        (status = 403, body = ErrorBody)))]
pub async fn xlsx(db: web::Data<Db>, user: CurrentUser) -> Result<HttpResponse, AppError> {
    let file = blocking::read(&db, move |c| dashboard::dashboard_xlsx(c, &user)).await?;
    Ok(download(file))
}
