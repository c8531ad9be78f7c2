//! A pupil's approved results and signed học bạ.

use crate::auth::CurrentUser;
use crate::db::Db;
use crate::error::AppError;
use crate::routes::blocking;
use crate::routes::cached::{self, AnswerCache};
use crate::services::records;
use actix_web::{web, HttpResponse};
use hocba_core::api::PupilResults;

/// `GET /api/pupils/{pupil_id}/results`: approved years; 404 for a pupil the user may not see.
#[utoipa::path(get, path = "/api/pupils/{pupil_id}/results", tag = "pupils",
    params(("pupil_id" = String, Path)),
    responses((status = 200, body = PupilResults), (status = 404, body = hocba_core::api::ErrorBody)))]
pub async fn results(
    db: web::Data<Db>,
    answers: web::Data<AnswerCache>,
    user: CurrentUser,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let pupil_id = path.into_inner();
    // Results change only with the school's epoch (approvals, reopenings, locked cells); they are
    // read where reads may lag (a replica, when set), with that database's own epoch.
    let key = format!("results/{}/{pupil_id}", user.id);
    let stamp = [user.data_epoch, 0];
    let replica = db.has_replica();
    let compute = blocking::read_lagging(&db, move |c| {
        let epoch = match replica {
            true => crate::db::epochs::current(c, &user.school_id)?,
            false => stamp[0],
        };
        Ok::<_, AppError>(([epoch, 0], records::results(c, &user, &pupil_id)?))
    });
    cached::json::<PupilResults, _>(&answers, key, stamp, compute).await
}

/// The download's file name without diacritics or extension: `hoc-ba-giang-thi-my`.
fn file_name(full_name: &str) -> String {
    format!("hoc-ba-{}", hocba_core::text::file_stem(full_name))
}

/// The pupil's học bạ as of today (404 when the user may not read the pupil).
async fn todays_transcript(
    db: web::Data<Db>,
    user: CurrentUser,
    pupil_id: String,
) -> Result<hocba_core::transcript::Transcript, AppError> {
    let today = hocba_core::time::vietnam_today(chrono::Utc::now());
    blocking::read(&db, move |c| records::transcript(c, &user, &pupil_id, today)).await
}

/// A download that is never cached.
fn attachment(content_type: &str, name: &str, body: impl actix_web::body::MessageBody + 'static) -> HttpResponse {
    HttpResponse::Ok()
        .content_type(content_type)
        .insert_header(("Content-Disposition", format!("attachment; filename=\"{name}\"")))
        .insert_header(("Cache-Control", "no-store"))
        .body(body)
}

/// `GET /api/pupils/{pupil_id}/hoc-ba.xml`: the same record as the PDF, as XML
/// (schema: `pdf-templates/hoc-ba.xsd`, namespace `urn:hocba:hoc-ba:1`).
#[utoipa::path(get, path = "/api/pupils/{pupil_id}/hoc-ba.xml", tag = "pupils",
    params(("pupil_id" = String, Path)),
    responses((status = 200, content_type = "application/xml", description = "The học bạ as XML (hoc-ba.xsd)"),
        (status = 404, body = hocba_core::api::ErrorBody)))]
pub async fn hoc_ba_xml(
    db: web::Data<Db>,
    user: CurrentUser,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let transcript = todays_transcript(db, user, path.into_inner()).await?;
    let name = format!("{}.xml", file_name(&transcript.pupil.full_name));
    Ok(attachment("application/xml; charset=utf-8", &name, hocba_core::transcript_xml::transcript_xml(&transcript)))
}
