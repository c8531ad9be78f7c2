//! Writing assessment cells: one pupil's row or many pupils at once (all or nothing). Every
//! cell carries a version; a write that names the version it was based on is refused with 409
//! (`stale`, with the current cell) when someone changed the cell since. Cells of other subjects
//! or qualities of the same pupil never conflict: versions are per cell.

use crate::auth::CurrentUser;
use crate::db::connection::AnyConnection;
use crate::db::models::{now, Class, Pupil, QualityAssessment, SubjectAssessment};
use crate::db::schema::{enrolments, pupils, quality_assessments, subject_assessments};
use crate::error::AppError;
use crate::messages;
use crate::services::access::{self, ClassRole};
use crate::services::assessment_cells as cells;
use crate::services::client_ops::Origin;
use crate::services::grid::{self, build_row, load_cells};
use crate::services::{audit, review};
use diesel::prelude::*;
use hocba_core::api::{BulkResult, BulkUpdate, GridRow, QualityCellInput, RowUpdate, SubjectCellInput};
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
            message: messages::NOT_YOUR_SUBJECT,
        });
    }
    if !cells.qualities.is_empty() && !access::may_write_qualities(user, role) {
        return Err(AppError::NotAllowed { field: format!("{prefix}qualities"), message: messages::NOT_HOMEROOM });
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

/// The new state of every changed cell, written together by [`Pending::flush`].
#[derive(Default)]
struct Pending {
    subjects: Vec<SubjectAssessment>,
    qualities: Vec<QualityAssessment>,
}

impl Pending {
    /// Inserts new cells and updates changed ones in a few multi-row upserts. The versions were
    /// checked against rows read under the write lock ([`stored`]), so nobody wrote in between.
    fn flush(self, conn: &mut AnyConnection) -> Result<(), AppError> {
        cells::upsert(conn, &self.subjects)?;
        cells::upsert(conn, &self.qualities)
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
    let key = |code: &str| (enrolment_id.to_string(), code.to_string());
    for w in &cells.subjects {
        let new = SubjectAssessment {
            id: String::new(),
            school_id: class.school_id.clone(),
            enrolment_id: enrolment_id.to_string(),
            period: period.code().to_string(),
            subject_code: w.code.to_string(),
            level: w.level.map(|l| l.code().to_string()),
            score: w.score.map(i16::from),
            comment: w.comment.clone(),
            version: 0,
            locked: false,
            updated_by: Some(user.id.clone()),
            updated_at: t,
        };
        let existing = stored.subjects.get(&key(w.code));
        cells::queue(conn, prefix, w.code, w.base_version, existing, new, &mut changes, &mut pending.subjects)?;
    }
    for w in &cells.qualities {
        let new = QualityAssessment {
            id: String::new(),
            school_id: class.school_id.clone(),
            enrolment_id: enrolment_id.to_string(),
            period: period.code().to_string(),
            quality_code: w.code.to_string(),
            level: w.level.map(|l| l.code().to_string()),
            comment: w.comment.clone(),
            version: 0,
            locked: false,
            updated_by: Some(user.id.clone()),
            updated_at: t,
        };
        let existing = stored.qualities.get(&key(w.code));
        cells::queue(conn, prefix, w.code, w.base_version, existing, new, &mut changes, &mut pending.qualities)?;
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
