//! Hand-over in batches: the học bạ of every pupil of a class, issued one by one and zipped.
//!
//! A batch is a job with one item per pupil in a fixed order. Each item is issued in its own
//! transaction that also marks it done, so a run stopped at any point (crash, restart, `kill -9`)
//! resumes at the first item not done; issuing reuses a pupil's current document when the record is
//! unchanged, so resuming never duplicates a document. A pupil who cannot be issued (no approved year,
//! a signer without a certificate) is recorded with the reason, never skipped silently.

use crate::auth::extractor::parse_roles;
use crate::auth::CurrentUser;
use crate::db::connection::AnyConnection;
use crate::db::models::{new_id, BatchJob};
use crate::db::schema::{batch_items, batch_jobs, classes, enrolments, issued_documents, pupils, users};
use crate::db::Db;
use crate::documents::Documents;
use crate::error::AppError;
use crate::services::issuance::{self, store, Issuer};
use crate::signing::SigningSecret;
use chrono::Utc;
use diesel::prelude::*;
use hocba_core::api::documents::{BatchFailure, BatchProgress};
use hocba_core::api::Role;
use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

pub const RUNNING: &str = "running";
pub const DONE: &str = "done";

fn may_run(user: &CurrentUser) -> bool {
    user.has(Role::Principal) || user.has(Role::Admin)
}

/// The class's running batch, or a new one over its pupils (sorted by name).
pub fn start(
    conn: &mut AnyConnection,
    user: &CurrentUser,
    class_id: &str,
    verify_base: &str,
) -> Result<BatchJob, AppError> {
    if !may_run(user) {
        return Err(AppError::Forbidden);
    }
    let school_id: String = classes::table
        .find(class_id)
        .filter(classes::school_id.eq(&user.school_id))
        .select(classes::school_id)
        .first(conn)
        .optional()?
        .ok_or(AppError::NotFound)?;
    if let Some(job) = batch_jobs::table
        .filter(batch_jobs::class_id.eq(class_id))
        .filter(batch_jobs::status.eq(RUNNING))
        .select(BatchJob::as_select())
        .first(conn)
        .optional()?
    {
        return Ok(job);
    }
    let pupil_ids: Vec<String> = enrolments::table
        .inner_join(pupils::table)
        .filter(enrolments::class_id.eq(class_id))
        .order((pupils::full_name.asc(), pupils::id.asc()))
        .select(pupils::id)
        .load(conn)?;
    if pupil_ids.is_empty() {
        return Err(AppError::conflict("empty_class", hocba_core::domain_text!(BATCH_EMPTY_CLASS)));
    }
    let job = BatchJob {
        id: new_id(),
        school_id,
        class_id: class_id.to_string(),
        requested_by: user.id.clone(),
        verify_base: verify_base.to_string(),
        status: RUNNING.to_string(),
        total: i32::try_from(pupil_ids.len()).unwrap_or(i32::MAX),
        done_count: 0,
        error: None,
        zip_path: None,
        created_at: Utc::now().naive_utc(),
        finished_at: None,
    };
    diesel::insert_into(batch_jobs::table).values(&job).execute(conn)?;
    let items: Vec<_> = pupil_ids
        .iter()
        .enumerate()
        .map(|(i, pupil)| {
            (
                batch_items::job_id.eq(job.id.clone()),
                batch_items::position.eq(i32::try_from(i).unwrap_or(i32::MAX)),
                batch_items::pupil_id.eq(pupil.clone()),
            )
        })
        .collect();
    for item in items {
        diesel::insert_into(batch_items::table).values(item).execute(conn)?;
    }
    Ok(job)
}

pub fn find(conn: &mut AnyConnection, id: &str) -> Result<Option<BatchJob>, AppError> {
    Ok(batch_jobs::table.find(id).select(BatchJob::as_select()).first(conn).optional()?)
}

/// Every unfinished batch (to resume after a restart).
pub fn unfinished(conn: &mut AnyConnection) -> Result<Vec<String>, AppError> {
    Ok(batch_jobs::table.filter(batch_jobs::status.eq(RUNNING)).select(batch_jobs::id).load(conn)?)
}

/// The user who asked for the batch, as they are now.
fn requester(conn: &mut AnyConnection, job: &BatchJob) -> Result<CurrentUser, AppError> {
    let (id, school_id, role, roles): (String, String, String, String) = users::table
        .find(&job.requested_by)
        .select((users::id, users::school_id, users::role, users::roles))
        .first(conn)?;
    let (role, roles) = parse_roles(&role, &roles)?;
    Ok(CurrentUser { id, school_id, role, roles, epoch: 0, must_change_password: false, data_epoch: 0 })
}

/// Issues the next item not done; answers `false` when none is left. The document is issued
/// without holding a write transaction (see [`issuance::hand_over`]); one short write then logs the
/// delivery and marks the item done. A run stopped between the two reuses the same document on
/// resuming, since the record it was made from is unchanged.
fn step(db: &Db, issuer: &Issuer<'_>, job: &BatchJob, user: &CurrentUser) -> Result<bool, AppError> {
    let next: Option<(i32, String)> = db.read(|c| {
        Ok::<_, AppError>(
            batch_items::table
                .filter(batch_items::job_id.eq(&job.id))
                .filter(batch_items::done_at.is_null())
                .order(batch_items::position.asc())
                .select((batch_items::position, batch_items::pupil_id))
                .first(c)
                .optional()?,
        )
    })?;
    let Some((position, pupil_id)) = next else { return Ok(false) };
    // A pupil who cannot be issued is recorded with the reason, and the batch goes on.
    let (document, error) = match issuance::hand_over(db, issuer, user, &pupil_id) {
        Ok(doc) => (Some(doc), None),
        Err(e) if e.is_refusal() => (None, Some(e.user_message())),
        Err(e) => return Err(e),
    };
    db.write(|c| {
        let now = Utc::now().naive_utc();
        if let Some(doc) = &document {
            store::deliver(c, doc, Some(&user.id), &format!("Bàn giao theo lô {}", job.id), now)?;
        }
        diesel::update(batch_items::table.find((&job.id, position)))
            .set((
                batch_items::document_id.eq(document.as_ref().map(|d| d.id.clone())),
                batch_items::error.eq(error),
                batch_items::done_at.eq(Some(now)),
            ))
            .execute(c)?;
        diesel::update(batch_jobs::table.find(&job.id))
            .set(batch_jobs::done_count.eq(batch_jobs::done_count + 1))
            .execute(c)?;
        Ok(true)
    })
}

/// Runs (or resumes) a batch to the end and writes its ZIP into `zip_dir`; `progress` is called
/// after each pupil with (done, total).
pub fn run(
    db: &Db,
    documents: &Documents,
    secret: &SigningSecret,
    job_id: &str,
    zip_dir: &Path,
    mut progress: impl FnMut(i32, i32),
) -> Result<BatchJob, AppError> {
    let job = db.read(|c| find(c, job_id))?.ok_or(AppError::NotFound)?;
    if job.status != RUNNING {
        return Ok(job);
    }
    let user = db.read(|c| requester(c, &job))?;
    let issuer = Issuer { documents, secret, verify_base: job.verify_base.clone() };
    loop {
        if !step(db, &issuer, &job, &user)? {
            break;
        }
        let done = db.read(|c| job_done(c, job_id))?;
        progress(done, job.total);
    }
    let zip_path = write_zip(db, &job, zip_dir)?;
    db.write(|c| {
        diesel::update(batch_jobs::table.find(job_id))
            .set((
                batch_jobs::status.eq(DONE),
                batch_jobs::zip_path.eq(Some(zip_path.to_string_lossy().into_owned())),
                batch_jobs::finished_at.eq(Some(Utc::now().naive_utc())),
            ))
            .execute(c)?;
        find(c, job_id)?.ok_or(AppError::NotFound)
    })
}

fn job_done(conn: &mut AnyConnection, job_id: &str) -> Result<i32, AppError> {
    Ok(batch_jobs::table.find(job_id).select(batch_jobs::done_count).first(conn)?)
}

/// `NN-ascii-name-CODE.pdf` for each issued item, and `LOI.txt` listing the pupils not issued.
fn write_zip(db: &Db, job: &BatchJob, dir: &Path) -> Result<PathBuf, AppError> {
    let io = |e: std::io::Error| AppError::Internal(anyhow::anyhow!("batch zip: {e}"));
    let zip_err = |e: zip::result::ZipError| AppError::Internal(anyhow::anyhow!("batch zip: {e}"));
    std::fs::create_dir_all(dir).map_err(io)?;
    let path = dir.join(format!("{}.zip", job.id));
    let partial = dir.join(format!("{}.zip.part", job.id));
    let file = crate::fsutil::create_private(&partial).map_err(io)?;
    let mut zip = zip::ZipWriter::new(std::io::BufWriter::new(file));
    let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let items: Vec<(i32, String, Option<String>, Option<String>)> = db.read(|c| {
        Ok::<_, AppError>(
            batch_items::table
                .inner_join(pupils::table)
                .filter(batch_items::job_id.eq(&job.id))
                .order(batch_items::position.asc())
                .select((batch_items::position, pupils::full_name, batch_items::document_id, batch_items::error))
                .load(c)?,
        )
    })?;
    let mut failures = String::new();
    for (position, name, document_id, error) in items {
        let ascii: String = hocba_core::text::fold_diacritics(&name)
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' })
            .collect();
        match document_id {
            Some(id) => {
                let (code, pdf): (String, Vec<u8>) = db.read(|c| {
                    Ok::<_, AppError>(
                        issued_documents::table
                            .find(&id)
                            .select((issued_documents::code, issued_documents::pdf))
                            .first(c)?,
                    )
                })?;
                zip.start_file(format!("{:03}-{}-{code}.pdf", position + 1, ascii.trim_matches('-')), stored)
                    .map_err(zip_err)?;
                zip.write_all(&pdf).map_err(io)?;
            }
            None => failures.push_str(&format!("{}. {name}: {}\n", position + 1, error.unwrap_or_default())),
        }
    }
    if !failures.is_empty() {
        zip.start_file("LOI.txt", stored).map_err(zip_err)?;
        zip.write_all(failures.as_bytes()).map_err(io)?;
    }
    let mut writer = zip.finish().map_err(zip_err)?;
    writer.flush().map_err(io)?;
    drop(writer);
    std::fs::rename(&partial, &path).map_err(io)?;
    Ok(path)
}

/// The progress of a batch as the API shows it (the school's principal or admin only).
pub fn progress(conn: &mut AnyConnection, user: &CurrentUser, job_id: &str) -> Result<BatchProgress, AppError> {
    if !may_run(user) {
        return Err(AppError::Forbidden);
    }
    let job = find(conn, job_id)?.filter(|j| j.school_id == user.school_id).ok_or(AppError::NotFound)?;
    let failures: Vec<(String, Option<String>)> = batch_items::table
        .inner_join(pupils::table)
        .filter(batch_items::job_id.eq(&job.id))
        .filter(batch_items::error.is_not_null())
        .order(batch_items::position.asc())
        .select((pupils::full_name, batch_items::error))
        .load(conn)?;
    Ok(BatchProgress {
        id: job.id.clone(),
        class_id: job.class_id.clone(),
        done: crate::db::models::stored("batch_jobs.done_count", job.done_count)?,
        total: crate::db::models::stored("batch_jobs.total", job.total)?,
        finished: job.status == DONE,
        failures: failures
            .into_iter()
            .map(|(pupil_name, error)| BatchFailure { pupil_name, error: error.unwrap_or_default() })
            .collect(),
    })
}

/// The class's latest batch (running, or the last one finished), for the panel to show again.
pub fn latest(conn: &mut AnyConnection, user: &CurrentUser, class_id: &str) -> Result<Option<BatchProgress>, AppError> {
    if !may_run(user) {
        return Err(AppError::Forbidden);
    }
    let id: Option<String> = batch_jobs::table
        .filter(batch_jobs::class_id.eq(class_id))
        .filter(batch_jobs::school_id.eq(&user.school_id))
        .order(batch_jobs::created_at.desc())
        .select(batch_jobs::id)
        .first(conn)
        .optional()?;
    id.map(|id| progress(conn, user, &id)).transpose()
}

/// Batches running in this process (one runner per batch).
static RUNNING_HERE: Mutex<Option<HashSet<String>>> = Mutex::new(None);

/// Runs a batch on a background thread unless this process already runs it.
pub fn run_in_background(
    db: Db,
    documents: Arc<Documents>,
    secret: Arc<SigningSecret>,
    job_id: String,
    zip_dir: PathBuf,
) {
    {
        let mut running = RUNNING_HERE.lock().unwrap_or_else(|p| p.into_inner());
        if !running.get_or_insert_with(HashSet::new).insert(job_id.clone()) {
            return;
        }
    }
    std::thread::spawn(move || {
        if let Err(e) = run(&db, &documents, &secret, &job_id, &zip_dir, |_, _| {}) {
            tracing::error!(error = %e, job = %job_id, "hand-over batch stopped");
        }
        let mut running = RUNNING_HERE.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(set) = running.as_mut() {
            set.remove(&job_id);
        }
    });
}

/// The folder of the batches' ZIP files.
pub fn zip_dir(data_dir: &Path) -> PathBuf {
    data_dir.join("batches")
}
