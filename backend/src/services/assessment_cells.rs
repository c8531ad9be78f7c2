//! The two kinds of stored assessment cell (a subject's level, score and comment; a quality's or
//! competence's level and comment) written by one routine: the version check of a write, the
//! queueing of a changed cell with its audit change, and the multi-row upsert.

use crate::db::connection::AnyConnection;
use crate::db::models::{new_id, stored, QualityAssessment, SubjectAssessment};
use crate::db::schema::{quality_assessments, subject_assessments, users};
use crate::error::AppError;
use crate::messages;
use crate::services::grid::{quality_cell, subject_cell};
use crate::services::review;
use diesel::prelude::*;
use hocba_core::api::{QualityCell, SubjectCell};

/// Rows per upsert statement: 12 columns each, within SQLite's 999 bound parameters.
const CHUNK: usize = 80;

/// A stored cell row of either kind.
pub trait CellRow: Sized {
    /// The field group in error names and audit entries: `subjects` / `qualities`.
    const FIELD: &'static str;
    /// The prefix of a cell in the audit log: `subject` / `quality`.
    const AUDIT: &'static str;
    /// The version column (named in a damaged-value error).
    const VERSION_COLUMN: &'static str;

    fn id(&self) -> &str;
    fn version(&self) -> i32;
    fn set_identity(&mut self, id: String, version: i32);
    fn updated_by(&self) -> Option<&str>;
    fn updated_at(&self) -> chrono::NaiveDateTime;
    /// The values a teacher writes, as the audit log records them.
    fn values(&self) -> serde_json::Value;
    /// The cell as the API shows it.
    fn shown(&self) -> Result<serde_json::Value, AppError>;
    /// An empty cell as the API shows it.
    fn empty() -> serde_json::Value;
    /// Inserts new rows and updates changed ones (one statement per chunk).
    fn upsert_chunk(conn: &mut AnyConnection, rows: &[Self]) -> Result<usize, diesel::result::Error>;
}

/// Checks a write of one cell against the stored row and queues it when it changes anything:
/// a write based on another version than the stored one is refused (409 `stale`, with the current
/// cell and who changed it); an unchanged value is skipped; a change is recorded for the audit.
#[allow(clippy::too_many_arguments)]
pub fn queue<R: CellRow>(
    conn: &mut AnyConnection,
    prefix: &str,
    code: &str,
    base_version: Option<u32>,
    existing: Option<&R>,
    mut new: R,
    changes: &mut Vec<serde_json::Value>,
    pending: &mut Vec<R>,
) -> Result<(), AppError> {
    let version: u32 = existing.map_or(Ok(0), |a| stored(R::VERSION_COLUMN, a.version()))?;
    if base_version.is_some_and(|b| b != version) {
        let current = match existing {
            Some(a) => with_author(conn, a.shown()?, a.updated_by(), a.updated_at())?,
            None => R::empty(),
        };
        return Err(AppError::Stale {
            field: format!("{prefix}{}.{code}", R::FIELD),
            message: messages::CELL_CHANGED,
            current,
        });
    }
    if existing.is_some_and(|a| a.values() == new.values()) {
        return Ok(());
    }
    new.set_identity(existing.map_or_else(new_id, |a| a.id().to_string()), existing.map_or(1, |a| a.version() + 1));
    changes.push(serde_json::json!({
        "cell": format!("{}:{code}", R::AUDIT),
        "old": existing.map(R::values),
        "new": new.values(),
    }));
    pending.push(new);
    Ok(())
}

/// Writes the queued rows in multi-row upserts.
pub fn upsert<R: CellRow>(conn: &mut AnyConnection, rows: &[R]) -> Result<(), AppError> {
    for chunk in rows.chunks(CHUNK) {
        R::upsert_chunk(conn, chunk)?;
    }
    Ok(())
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

/// The accessors both row types share (same field names).
macro_rules! row_accessors {
    () => {
        fn id(&self) -> &str {
            &self.id
        }
        fn version(&self) -> i32 {
            self.version
        }
        fn set_identity(&mut self, id: String, version: i32) {
            self.id = id;
            self.version = version;
        }
        fn updated_by(&self) -> Option<&str> {
            self.updated_by.as_deref()
        }
        fn updated_at(&self) -> chrono::NaiveDateTime {
            self.updated_at
        }
    };
}

impl CellRow for SubjectAssessment {
    const FIELD: &'static str = "subjects";
    const AUDIT: &'static str = "subject";
    const VERSION_COLUMN: &'static str = "subject_assessments.version";

    row_accessors!();
    fn values(&self) -> serde_json::Value {
        serde_json::json!({"level": self.level, "score": self.score, "comment": self.comment})
    }
    fn shown(&self) -> Result<serde_json::Value, AppError> {
        Ok(serde_json::json!(subject_cell(self)?))
    }
    fn empty() -> serde_json::Value {
        serde_json::json!(SubjectCell::default())
    }
    fn upsert_chunk(conn: &mut AnyConnection, rows: &[Self]) -> Result<usize, diesel::result::Error> {
        use diesel::upsert::excluded;
        use subject_assessments as s;
        crate::db::on_each_backend!(conn, |c| diesel::insert_into(s::table)
            .values(rows)
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
            .execute(c))
    }
}

impl CellRow for QualityAssessment {
    const FIELD: &'static str = "qualities";
    const AUDIT: &'static str = "quality";
    const VERSION_COLUMN: &'static str = "quality_assessments.version";

    row_accessors!();
    fn values(&self) -> serde_json::Value {
        serde_json::json!({"level": self.level, "comment": self.comment})
    }
    fn shown(&self) -> Result<serde_json::Value, AppError> {
        Ok(serde_json::json!(quality_cell(self)?))
    }
    fn empty() -> serde_json::Value {
        serde_json::json!(QualityCell::default())
    }
    fn upsert_chunk(conn: &mut AnyConnection, rows: &[Self]) -> Result<usize, diesel::result::Error> {
        use diesel::upsert::excluded;
        use quality_assessments as q;
        crate::db::on_each_backend!(conn, |c| diesel::insert_into(q::table)
            .values(rows)
            .on_conflict((q::enrolment_id, q::period, q::quality_code))
            .do_update()
            .set((
                q::level.eq(excluded(q::level)),
                q::comment.eq(excluded(q::comment)),
                q::version.eq(excluded(q::version)),
                q::updated_by.eq(excluded(q::updated_by)),
                q::updated_at.eq(excluded(q::updated_at)),
            ))
            .execute(c))
    }
}
