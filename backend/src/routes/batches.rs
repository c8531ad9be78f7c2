//! Hand-over of a whole class in one batch: start it, follow its progress, download the ZIP.

use crate::auth::CurrentUser;
use crate::db::Db;
use crate::error::AppError;
use crate::routes::blocking;
use crate::routes::issuing::Issuing;
use crate::services::batches;
use crate::settings::Settings;
use actix_web::{web, HttpResponse};
use hocba_core::api::documents::BatchProgress;

/// `POST /api/classes/{class_id}/hand-over-batch`: issues (in the background) the hand-over học bạ of
/// every pupil of the class and zips them; a batch already running for the class is answered instead.
#[utoipa::path(post, path = "/api/classes/{class_id}/hand-over-batch", tag = "documents",
    params(("class_id" = String, Path)),
    responses((status = 202, body = BatchProgress), (status = 403, body = hocba_core::api::ErrorBody),
        (status = 404, body = hocba_core::api::ErrorBody), (status = 409, body = hocba_core::api::ErrorBody)))]
pub async fn start(
    user: CurrentUser,
    issuing: Issuing,
    settings: web::Data<Settings>,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let class_id = path.into_inner();
    let base = issuing.verify_base();
    let Issuing { db, documents, secret, .. } = issuing;
    let db_for_job = db.clone();
    let progress = web::block(move || {
        let job = db_for_job.write(|c| batches::start(c, &user, &class_id, &base))?;
        db_for_job.read(|c| batches::progress(c, &user, &job.id))
    })
    .await??;
    batches::run_in_background(
        db.get_ref().clone(),
        documents,
        secret,
        progress.id.clone(),
        batches::zip_dir(&settings.data_dir),
    );
    Ok(HttpResponse::Accepted().json(progress))
}

/// `GET /api/classes/{class_id}/hand-over-batch`: the class's latest batch (running or finished),
/// `null` when there has been none; the year-end page shows it again when the principal comes back.
#[utoipa::path(get, path = "/api/classes/{class_id}/hand-over-batch", tag = "documents",
    params(("class_id" = String, Path)),
    responses((status = 200, body = Option<BatchProgress>), (status = 403, body = hocba_core::api::ErrorBody)))]
pub async fn latest(
    db: web::Data<Db>,
    user: CurrentUser,
    path: web::Path<String>,
) -> Result<web::Json<Option<BatchProgress>>, AppError> {
    let class_id = path.into_inner();
    Ok(web::Json(blocking::read(&db, move |c| batches::latest(c, &user, &class_id)).await?))
}

/// `GET /api/batches/{batch_id}`: how far the batch is, and the pupils that could not be issued.
#[utoipa::path(get, path = "/api/batches/{batch_id}", tag = "documents",
    params(("batch_id" = String, Path)),
    responses((status = 200, body = BatchProgress), (status = 404, body = hocba_core::api::ErrorBody)))]
pub async fn progress(
    db: web::Data<Db>,
    user: CurrentUser,
    path: web::Path<String>,
) -> Result<web::Json<BatchProgress>, AppError> {
    let id = path.into_inner();
    Ok(web::Json(blocking::read(&db, move |c| batches::progress(c, &user, &id)).await?))
}

/// `GET /api/batches/{batch_id}/download`: the ZIP of a finished batch.
#[utoipa::path(get, path = "/api/batches/{batch_id}/download", tag = "documents",
    params(("batch_id" = String, Path)),
    responses((status = 200, content_type = "application/zip", description = "One signed PDF per pupil"),
        (status = 404, body = hocba_core::api::ErrorBody), (status = 409, body = hocba_core::api::ErrorBody)))]
pub async fn download(db: web::Data<Db>, user: CurrentUser, path: web::Path<String>) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    let bytes = web::block(move || {
        let progress = db.read(|c| batches::progress(c, &user, &id))?;
        if !progress.finished {
            return Err(AppError::conflict("batch_running", hocba_core::domain_text!(BATCH_NOT_FINISHED)));
        }
        let job = db.read(|c| batches::find(c, &id))?.ok_or(AppError::NotFound)?;
        let path = job.zip_path.ok_or(AppError::NotFound)?;
        std::fs::read(&path).map_err(|e| AppError::Internal(anyhow::anyhow!("{path}: {e}")))
    })
    .await??;
    Ok(HttpResponse::Ok()
        .content_type("application/zip")
        .insert_header(("Content-Disposition", "attachment; filename=\"hoc-ba-ban-giao.zip\""))
        .insert_header(("Cache-Control", "no-store"))
        .body(bytes))
}
