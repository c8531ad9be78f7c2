//! Writing assessment cells: one pupil's row or many pupils at once (all or nothing). Every
//! cell carries a version; a write that names the version it was based on is refused with 409
//! (`stale`, with the current cell) when someone changed the cell since. Cells of other subjects
//! or qualities of the same pupil never conflict: versions are per cell.

use crate::auth::CurrentUser;
use crate::db::connection::AnyConnection;
use crate::db::models::{new_id, now, Class, Pupil, QualityAssessment, SubjectAssessment};
use crate::db::schema::{enrolments, pupils, quality_assessments, subject_assessments, users};
use crate::error::AppError;
use crate::messages;
use crate::services::access::{self, ClassRole};
use crate::services::client_ops::Origin;
use crate::services::grid::{self, build_row, load_cells, quality_cell, subject_cell};
use crate::services::{audit, review};
use diesel::prelude::*;
use hocba_core::api::{
    BulkResult, BulkUpdate, GridRow, QualityCell, QualityCellInput, RowUpdate, SubjectCell, SubjectCellInput,
};
use hocba_core::entry::{self, Entries};
use hocba_core::Period;
use std::collections::HashMap;

/// The cells of one pupil, checked against the catalogue by core (`taken`: the optional subjects
/// the pupil takes).
fn validate(
    subjects: &[SubjectCellInput],
    qualities: &[QualityCellInput],
    grade: u8,
    period: Period,
    prefix: &str,
    taken: &[String],
) -> Result<Entries, AppError> {
    let taken: Vec<&str> = taken.iter().map(String::as_str).collect();
    entry::check_cells(subjects, qualities, grade, period, prefix, &taken)
        .map_err(|e| AppError::validation(e.field, e.message))
}

/// Refuses a cell the user may not write, saying why: a subject not assigned to this teacher in
/// this class, or qualities by someone other than the homeroom teacher (`prefix` as in `validate`).
fn authorise(user: &CurrentUser, role: &ClassRole, cells: &Entries, prefix: &str) -> Result<(), AppError> {
    if let Some(s) = cells.subjects.iter().find(|s| !access::may_write_subject(user, role, s.code)) {
        return Err(AppError::NotAllowed {
            field: format!("{prefix}subjects.{}", s.code),
            message: messages::NOT_YOUR_SUBJECT.to_string(),
        });
    }
    if !cells.qualities.is_empty() && !access::may_write_qualities(user, role) {
        return Err(AppError::NotAllowed {
            field: format!("{prefix}qualities"),
            message: messages::NOT_HOMEROOM.to_string(),
        });
    }
    Ok(())
}

/// The cells already stored for the enrolments at the period, keyed (enrolment id, code).
struct Stored {
    subjects: HashMap<(String, String), SubjectAssessment>,
    qualities: HashMap<(String, String), QualityAssessment>,
}

/// Reads them under the write lock: SQLite has one writer at a time; on PostgreSQL the rows are
/// locked first (`FOR UPDATE`), so a concurrent writer waits and the versions read stay true
/// until the transaction ends (two writers inserting the same new cell: the second gets 409).
fn stored(conn: &mut AnyConnection, enrolment_ids: &[String], period: Period) -> Result<Stored, AppError> {
    if let AnyConnection::Postgresql(pg) = conn {
        subject_assessments::table
            .filter(subject_assessments::enrolment_id.eq_any(enrolment_ids))
            .filter(subject_assessments::period.eq(period.code()))
            .select(subject_assessments::id)
            .for_update()
            .load::<String>(pg)?;
        quality_assessments::table
            .filter(quality_assessments::enrolment_id.eq_any(enrolment_ids))
            .filter(quality_assessments::period.eq(period.code()))
            .select(quality_assessments::id)
            .for_update()
            .load::<String>(pg)?;
    }
    let subjects: Vec<SubjectAssessment> = subject_assessments::table
        .filter(subject_assessments::enrolment_id.eq_any(enrolment_ids))
        .filter(subject_assessments::period.eq(period.code()))
        .select(SubjectAssessment::as_select())
        .load(conn)?;
    let qualities: Vec<QualityAssessment> = quality_assessments::table
        .filter(quality_assessments::enrolment_id.eq_any(enrolment_ids))
        .filter(quality_assessments::period.eq(period.code()))
        .select(QualityAssessment::as_select())
        .load(conn)?;
    Ok(Stored {
        subjects: subjects.into_iter().map(|a| ((a.enrolment_id.clone(), a.subject_code.clone()), a)).collect(),
        qualities: qualities.into_iter().map(|a| ((a.enrolment_id.clone(), a.quality_code.clone()), a)).collect(),
    })
}

fn stale(field: String, current: serde_json::Value) -> AppError {
    AppError::Stale { field, message: messages::CELL_CHANGED.to_string(), current }
}

/// The current cell of a stale answer, with who changed it last and when (`changed_by`,
/// `changed_at` in Vietnam time), so the teacher knows whose value they are choosing against.
fn with_author(
    conn: &mut AnyConnection,
    mut cell: serde_json::Value,
    by: Option<&str>,
    at: chrono::NaiveDateTime,
) -> Result<serde_json::Value, AppError> {
    let name: Option<String> = match by {
        Some(id) => users::table.find(id).select(users::full_name).first(conn).optional()?,
        None => None,
    };
    if let Some(obj) = cell.as_object_mut() {
        obj.insert("changed_by".into(), serde_json::json!(name));
        obj.insert("changed_at".into(), serde_json::json!(review::local_time(at)));
    }
    Ok(cell)
}

/// The new state of every changed cell, written together by [`Pending::flush`].
#[derive(Default)]
struct Pending {
    subjects: Vec<SubjectAssessment>,
    qualities: Vec<QualityAssessment>,
}

/// Rows per upsert statement: 12 columns each, within SQLite's 999 bound parameters.
const CHUNK: usize = 80;

impl Pending {
    /// Inserts new cells and updates changed ones in a few multi-row upserts. The versions were
    /// checked against rows read under the write lock ([`stored`]), so nobody wrote in between.
    fn flush(self, conn: &mut AnyConnection) -> Result<(), AppError> {
        use diesel::upsert::excluded;
        use quality_assessments as q;
        use subject_assessments as s;
        for chunk in self.subjects.chunks(CHUNK) {
            crate::db::on_each_backend!(&mut *conn, |c| diesel::insert_into(s::table)
                .values(chunk)
                .on_conflict((s::enrolment_id, s::period, s::subject_code))
                .do_update()
                .set((
                    s::level.eq(excluded(s::level)),
                    s::score.eq(excluded(s::score)),
                    s::comment.eq(excluded(s::comment)),
                    s::version.eq(excluded(s::version)),
                    s::updated_by.eq(excluded(s::updated_by)),
                    s::updated_at.eq(excluded(s::updated_at)),
                ))
                .execute(c))?;
        }
        for chunk in self.qualities.chunks(CHUNK) {
            crate::db::on_each_backend!(&mut *conn, |c| diesel::insert_into(q::table)
                .values(chunk)
                .on_conflict((q::enrolment_id, q::period, q::quality_code))
                .do_update()
                .set((
                    q::level.eq(excluded(q::level)),
                    q::comment.eq(excluded(q::comment)),
                    q::version.eq(excluded(q::version)),
                    q::updated_by.eq(excluded(q::updated_by)),
                    q::updated_at.eq(excluded(q::updated_at)),
                ))
                .execute(c))?;
        }
        Ok(())
    }
}

/// One pupil's validated cells: refuses a cell based on an old version, queues the changed
/// cells in `pending` and appends one audit entry with every change; answers how many changed.
#[allow(clippy::too_many_arguments)]
fn save(
    conn: &mut AnyConnection,
    user: &CurrentUser,
    origin: &Origin,
    class: &Class,
    period: Period,
    enrolment_id: &str,
    cells: &Entries,
    stored: &Stored,
    prefix: &str,
    pending: &mut Pending,
) -> Result<usize, AppError> {
    let t = now();
    let mut changes = Vec::new();
    for w in &cells.subjects {
        let existing = stored.subjects.get(&(enrolment_id.to_string(), w.code.to_string()));
        let version =
            existing.map_or(Ok(0), |a| crate::db::models::stored("subject_assessments.version", a.version))?;
        if w.base_version.is_some_and(|b| b != version) {
            let current = match existing {
                Some(a) => {
                    with_author(conn, serde_json::json!(subject_cell(a)?), a.updated_by.as_deref(), a.updated_at)?
                }
                None => serde_json::json!(SubjectCell::default()),
            };
            return Err(stale(format!("{prefix}subjects.{}", w.code), current));
        }
        let level = w.level.map(|l| l.code().to_string());
        let score = w.score.map(i16::from);
        if existing.is_some_and(|a| a.level == level && a.score == score && a.comment == w.comment) {
            continue;
        }
        pending.subjects.push(SubjectAssessment {
            id: existing.map_or_else(new_id, |a| a.id.clone()),
            school_id: class.school_id.clone(),
            enrolment_id: enrolment_id.to_string(),
            period: period.code().to_string(),
            subject_code: w.code.to_string(),
            level: level.clone(),
            score,
            comment: w.comment.clone(),
            version: existing.map_or(1, |a| a.version + 1),
            locked: false,
            updated_by: Some(user.id.clone()),
            updated_at: t,
        });
        changes.push(serde_json::json!({
            "cell": format!("subject:{}", w.code),
            "old": existing.map(|a| serde_json::json!({"level": a.level, "score": a.score, "comment": a.comment})),
            "new": {"level": level, "score": score, "comment": w.comment},
        }));
    }
    for w in &cells.qualities {
        let existing = stored.qualities.get(&(enrolment_id.to_string(), w.code.to_string()));
        let version =
            existing.map_or(Ok(0), |a| crate::db::models::stored("quality_assessments.version", a.version))?;
        if w.base_version.is_some_and(|b| b != version) {
            let current = match existing {
                Some(a) => {
                    with_author(conn, serde_json::json!(quality_cell(a)?), a.updated_by.as_deref(), a.updated_at)?
                }
                None => serde_json::json!(QualityCell::default()),
            };
            return Err(stale(format!("{prefix}qualities.{}", w.code), current));
        }
        let level = w.level.map(|l| l.code().to_string());
        if existing.is_some_and(|a| a.level == level && a.comment == w.comment) {
            continue;
        }
        pending.qualities.push(QualityAssessment {
            id: existing.map_or_else(new_id, |a| a.id.clone()),
            school_id: class.school_id.clone(),
            enrolment_id: enrolment_id.to_string(),
            period: period.code().to_string(),
            quality_code: w.code.to_string(),
            level: level.clone(),
            comment: w.comment.clone(),
            version: existing.map_or(1, |a| a.version + 1),
            locked: false,
            updated_by: Some(user.id.clone()),
            updated_at: t,
        });
        changes.push(serde_json::json!({
            "cell": format!("quality:{}", w.code),
            "old": existing.map(|a| serde_json::json!({"level": a.level, "comment": a.comment})),
            "new": {"level": level, "comment": w.comment},
        }));
    }
    let n = changes.len();
    if n > 0 {
        audit::append(
            conn,
            audit::Event {
                school_id: &class.school_id,
                actor_id: Some(&user.id),
                action: "assessment.write",
                entity: "enrolment",
                entity_id: enrolment_id,
                detail: serde_json::json!({"period": period.code(), "changes": changes, "via": origin.audit()}),
            },
        )?;
    }
    Ok(n)
}

/// `(pupil id, enrolment id)` of the class's pupils who can still be assessed here.
fn enrolments_of(conn: &mut AnyConnection, class: &Class) -> Result<HashMap<String, String>, AppError> {
    let rows: Vec<(String, String)> = enrolments::table
        .filter(enrolments::class_id.eq(&class.id))
        .select((enrolments::pupil_id, enrolments::id))
        .load(conn)?;
    Ok(rows.into_iter().collect())
}

fn rows_for(
    conn: &mut AnyConnection,
    grade: u8,
    period: Period,
    written: &[(String, String)],
) -> Result<Vec<GridRow>, AppError> {
    let ids: Vec<String> = written.iter().map(|(_, e)| e.clone()).collect();
    let mut cells = load_cells(conn, &ids, period)?;
    let mut taken = grid::taken(conn, &ids)?;
    let pupil_ids: Vec<&String> = written.iter().map(|(p, _)| p).collect();
    let list: Vec<Pupil> = pupils::table.filter(pupils::id.eq_any(pupil_ids)).select(Pupil::as_select()).load(conn)?;
    let by_id: HashMap<&str, &Pupil> = list.iter().map(|p| (p.id.as_str(), p)).collect();
    let mut out = Vec::with_capacity(written.len());
    for (pupil_id, enrolment_id) in written {
        let pupil = by_id.get(pupil_id.as_str()).ok_or(AppError::NotFound)?;
        let takes = taken.remove(enrolment_id).unwrap_or_default();
        out.push(build_row(pupil, grade, &takes, period, cells.remove(enrolment_id)));
    }
    Ok(out)
}

/// Replaces cells of one pupil's row; answers the recomputed row.
pub fn write_row(
    conn: &mut AnyConnection,
    user: &CurrentUser,
    origin: &Origin,
    class_id: &str,
    period: Period,
    pupil_id: &str,
    update: &RowUpdate,
) -> Result<GridRow, AppError> {
    let (class, role) = access::readable_class(conn, user, class_id)?;
    let grade = class.grade()?;
    let enrolment_id = enrolments_of(conn, &class)?.remove(pupil_id).ok_or(AppError::NotFound)?;
    let taken = grid::taken(conn, std::slice::from_ref(&enrolment_id))?.remove(&enrolment_id).unwrap_or_default();
    let cells = validate(&update.subjects, &update.qualities, grade, period, "", &taken)?;
    authorise(user, &role, &cells, "")?;
    review::ensure_editable_for(conn, &class, period, &enrolment_id)?;
    let stored = stored(conn, std::slice::from_ref(&enrolment_id), period)?;
    let mut pending = Pending::default();
    save(conn, user, origin, &class, period, &enrolment_id, &cells, &stored, "", &mut pending)?;
    pending.flush(conn)?;
    let mut rows = rows_for(conn, grade, period, &[(pupil_id.to_string(), enrolment_id)])?;
    rows.pop().ok_or(AppError::NotFound)
}

/// Saves many pupils' cells in one go: every cell is checked first, and one bad or stale cell
/// refuses the whole request (the caller runs this in one transaction).
pub fn write_bulk(
    conn: &mut AnyConnection,
    user: &CurrentUser,
    origin: &Origin,
    class_id: &str,
    period: Period,
    bulk: &BulkUpdate,
) -> Result<BulkResult, AppError> {
    let (class, role) = access::readable_class(conn, user, class_id)?;
    let grade = class.grade()?;
    let enrolled = enrolments_of(conn, &class)?;
    let all: Vec<String> = enrolled.values().cloned().collect();
    let taken = grid::taken(conn, &all)?;
    let mut checked = Vec::with_capacity(bulk.rows.len());
    for (i, row) in bulk.rows.iter().enumerate() {
        let prefix = format!("rows[{i}].");
        let enrolment_id = enrolled
            .get(&row.pupil_id)
            .ok_or_else(|| AppError::validation(format!("{prefix}pupil_id"), messages::PUPIL_NOT_IN_CLASS))?;
        let takes = taken.get(enrolment_id).map(Vec::as_slice).unwrap_or_default();
        let cells = validate(&row.subjects, &row.qualities, grade, period, &prefix, takes)?;
        authorise(user, &role, &cells, &prefix)?;
        checked.push((prefix, row.pupil_id.clone(), enrolment_id.clone(), cells));
    }
    review::ensure_editable_for_all(conn, &class, period, checked.iter().map(|(_, _, e, _)| e.as_str()))?;
    let ids: Vec<String> = checked.iter().map(|(_, _, e, _)| e.clone()).collect();
    let stored = stored(conn, &ids, period)?;
    let (mut changed, mut pending) = (0, Pending::default());
    for (prefix, _, enrolment_id, cells) in &checked {
        changed += save(conn, user, origin, &class, period, enrolment_id, cells, &stored, prefix, &mut pending)?;
    }
    pending.flush(conn)?;
    let written: Vec<(String, String)> = checked.into_iter().map(|(_, p, e, _)| (p, e)).collect();
    Ok(BulkResult {
        rows: rows_for(conn, grade, period, &written)?,
        changed: u32::try_from(changed).unwrap_or(u32::MAX),
    })
}
