//! School administration routes (`/api/admin/...`): thin handlers over
//! `services::admin`, each behind [`managed`] (admin or principal, else 403).

pub mod files;
pub mod people;
pub mod school;
pub mod staff;
pub mod years;

use crate::auth::CurrentUser;
use crate::db::connection::AnyConnection;
use crate::db::Db;
use crate::error::AppError;
use crate::services::admin::require_manager;
use actix_web::web;

/// Runs `f` for a school manager: in one transaction when `write`, else on a read connection.
pub async fn managed<T, F>(db: web::Data<Db>, user: CurrentUser, write: bool, f: F) -> Result<T, AppError>
where
    T: Send + 'static,
    F: FnOnce(&mut AnyConnection, &CurrentUser) -> Result<T, AppError> + Send + 'static,
{
    require_manager(&user)?;
    if write {
        crate::routes::blocking::write(&db, move |c| f(c, &user)).await
    } else {
        crate::routes::blocking::read_once(&db, move |c| f(c, &user)).await
    }
}

/// `?dry_run=true` on imports: check and show what would happen, write nothing.
#[derive(Debug, Default, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ImportQuery {
    #[serde(default)]
    pub dry_run: bool,
}

/// `?format=xlsx|csv` on exports (default xlsx).
#[derive(Debug, Default, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ExportQuery {
    #[serde(default)]
    #[param(inline)]
    pub format: crate::services::admin::spreadsheets::FileFormat,
}
