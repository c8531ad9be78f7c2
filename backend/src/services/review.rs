//! Submitting, returning and approving a class record; approval locks its assessments (and at
//! cuối năm the pupils' year-end extras and awards).

use crate::auth::CurrentUser;
use crate::db::connection::AnyConnection;
use crate::db::models::{new_id, now, Class, PeriodRecord};
use crate::db::schema::{enrolments, period_records, quality_assessments, subject_assessments};
use crate::error::ApiError;
use crate::messages;
use crate::services::{access, audit, classes, grid, yearend};
use diesel::prelude::*;
use hocba_core::api::{RecordState, RecordStatus, ReviewItem};
use hocba_core::messages::period_name;
use hocba_core::workflow::{transition, ReviewAction};
use hocba_core::Period;

/// Vietnam time (UTC+7) for messages people read.
pub fn local_time(t: chrono::NaiveDateTime) -> String {
    (t + chrono::Duration::hours(7)).format("%H:%M %d/%m/%Y").to_string()
}

/// A stored UTC time as RFC 3339 for the API.
pub fn rfc3339(t: chrono::NaiveDateTime) -> String {
    t.and_utc().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

pub fn load_record(conn: &mut AnyConnection, class_id: &str, period: Period) -> Result<Option<PeriodRecord>, ApiError> {
    Ok(period_records::table
        .filter(period_records::class_id.eq(class_id))
        .filter(period_records::period.eq(period.code()))
        .select(PeriodRecord::as_select())
        .first(conn)
        .optional()?)
}

fn status_of(record: Option<&PeriodRecord>) -> RecordStatus {
    record.and_then(|r| RecordStatus::from_code(&r.status)).unwrap_or(RecordStatus::Draft)
}

pub fn state(conn: &mut AnyConnection, class_id: &str, period: Period) -> Result<RecordState, ApiError> {
    let record = load_record(conn, class_id, period)?;
    let Some(r) = record else {
        return Ok(RecordState {
            status: RecordStatus::Draft,
            note: None,
            submitted_by: None,
            submitted_at: None,
            decided_by: None,
            decided_at: None,
        });
    };
    Ok(RecordState {
        status: status_of(Some(&r)),
        note: r.note.clone(),
        submitted_by: classes::user_name(conn, r.submitted_by.as_deref())?,
        submitted_at: r.submitted_at.map(rfc3339),
        decided_by: classes::user_name(conn, r.decided_by.as_deref())?,
        decided_at: r.decided_at.map(rfc3339),
    })
}

/// Refuses writes unless the record is a draft or was returned: 409 naming who approved and when.
pub fn ensure_editable(conn: &mut AnyConnection, class: &Class, period: Period) -> Result<(), ApiError> {
    let record = load_record(conn, &class.id, period)?;
    match status_of(record.as_ref()) {
        RecordStatus::Draft | RecordStatus::Returned => Ok(()),
        RecordStatus::Submitted => {
            Err(ApiError::conflict("submitted", messages::record_submitted(&class.name, period_name(period))))
        }
        RecordStatus::Approved => Err(locked(conn, class, period, record)?),
    }
}

/// 409 `locked`, naming who approved the record and when.
fn locked(
    conn: &mut AnyConnection,
    class: &Class,
    period: Period,
    record: Option<PeriodRecord>,
) -> Result<ApiError, ApiError> {
    let r = record.ok_or(ApiError::NotFound)?;
    let by = classes::user_name(conn, r.decided_by.as_deref())?.unwrap_or_default();
    let at = r.decided_at.map(local_time).unwrap_or_default();
    Ok(ApiError::conflict("locked", messages::record_locked(&class.name, period_name(period), &by, &at)))
}

/// Refuses writes once the record is approved (the principal's own decisions stay open while
/// the record is submitted for review).
pub fn ensure_not_approved(conn: &mut AnyConnection, class: &Class, period: Period) -> Result<(), ApiError> {
    let record = load_record(conn, &class.id, period)?;
    match status_of(record.as_ref()) {
        RecordStatus::Approved => Err(locked(conn, class, period, record)?),
        _ => Ok(()),
    }
}

fn apply(
    conn: &mut AnyConnection,
    user: &CurrentUser,
    class: &Class,
    period: Period,
    action: ReviewAction,
    note: Option<String>,
) -> Result<RecordState, ApiError> {
    let record = load_record(conn, &class.id, period)?;
    let from = status_of(record.as_ref());
    let action_name = match action {
        ReviewAction::Submit => "gửi duyệt",
        ReviewAction::Return => "trả lại",
        ReviewAction::Approve => "duyệt",
    };
    let to = transition(from, action).ok_or_else(|| {
        ApiError::conflict("invalid_transition", messages::cannot_transition(messages::status_name(from), action_name))
    })?;
    let t = now();
    let mut row = record.unwrap_or_else(|| PeriodRecord {
        id: new_id(),
        school_id: class.school_id.clone(),
        class_id: class.id.clone(),
        period: period.code().to_string(),
        status: RecordStatus::Draft.code().to_string(),
        note: None,
        submitted_by: None,
        submitted_at: None,
        decided_by: None,
        decided_at: None,
    });
    row.status = to.code().to_string();
    match action {
        ReviewAction::Submit => {
            row.submitted_by = Some(user.id.clone());
            row.submitted_at = Some(t);
        }
        ReviewAction::Return | ReviewAction::Approve => {
            row.decided_by = Some(user.id.clone());
            row.decided_at = Some(t);
            row.note = note.clone();
        }
    }
    let stored = period_records::table.find(&row.id).count().get_result::<i64>(conn)? > 0;
    if stored {
        diesel::update(period_records::table.find(&row.id))
            .set((
                period_records::status.eq(&row.status),
                period_records::note.eq(&row.note),
                period_records::submitted_by.eq(&row.submitted_by),
                period_records::submitted_at.eq(row.submitted_at),
                period_records::decided_by.eq(&row.decided_by),
                period_records::decided_at.eq(row.decided_at),
            ))
            .execute(conn)?;
    } else {
        diesel::insert_into(period_records::table).values(&row).execute(conn)?;
    }
    if to == RecordStatus::Approved {
        lock_assessments(conn, &class.id, period)?;
        if period == Period::CuoiNam {
            yearend::lock_class(conn, &class.id)?;
        }
    }
    audit::append(
        conn,
        audit::Event {
            school_id: &class.school_id,
            actor_id: Some(&user.id),
            action: match action {
                ReviewAction::Submit => "record.submit",
                ReviewAction::Return => "record.return",
                ReviewAction::Approve => "record.approve",
            },
            entity: "period_record",
            entity_id: &row.id,
            detail: serde_json::json!({
                "class_id": class.id, "period": period.code(), "from": from.code(), "to": to.code(), "note": note,
            }),
        },
    )?;
    state(conn, &class.id, period)
}

fn lock_assessments(conn: &mut AnyConnection, class_id: &str, period: Period) -> Result<(), ApiError> {
    let ids = enrolments::table.filter(enrolments::class_id.eq(class_id)).select(enrolments::id);
    diesel::update(
        subject_assessments::table
            .filter(subject_assessments::enrolment_id.eq_any(ids))
            .filter(subject_assessments::period.eq(period.code()))
            .filter(subject_assessments::locked.eq(false)),
    )
    .set(subject_assessments::locked.eq(true))
    .execute(conn)?;
    let ids = enrolments::table.filter(enrolments::class_id.eq(class_id)).select(enrolments::id);
    diesel::update(
        quality_assessments::table
            .filter(quality_assessments::enrolment_id.eq_any(ids))
            .filter(quality_assessments::period.eq(period.code()))
            .filter(quality_assessments::locked.eq(false)),
    )
    .set(quality_assessments::locked.eq(true))
    .execute(conn)?;
    Ok(())
}

/// The homeroom teacher submits; every required cell must be filled.
pub fn submit(
    conn: &mut AnyConnection,
    user: &CurrentUser,
    class_id: &str,
    period: Period,
) -> Result<RecordState, ApiError> {
    let (class, role) = access::readable_class(conn, user, class_id)?;
    if !access::may_submit(user, &role) {
        return Err(ApiError::Forbidden);
    }
    let view = grid::load(conn, user, class_id, period)?;
    let (pupils, cells) = grid::missing_cells(&view);
    if cells > 0 && transition(view.state.status, ReviewAction::Submit).is_some() {
        return Err(ApiError::conflict("incomplete", messages::cannot_submit_missing(pupils, cells)));
    }
    apply(conn, user, &class, period, ReviewAction::Submit, None)
}

pub fn approve(
    conn: &mut AnyConnection,
    user: &CurrentUser,
    class_id: &str,
    period: Period,
) -> Result<RecordState, ApiError> {
    let (class, _) = access::readable_class(conn, user, class_id)?;
    if !access::may_review(user) {
        return Err(ApiError::Forbidden);
    }
    apply(conn, user, &class, period, ReviewAction::Approve, None)
}

pub fn return_record(
    conn: &mut AnyConnection,
    user: &CurrentUser,
    class_id: &str,
    period: Period,
    comment: &str,
) -> Result<RecordState, ApiError> {
    let (class, _) = access::readable_class(conn, user, class_id)?;
    if !access::may_review(user) {
        return Err(ApiError::Forbidden);
    }
    let comment = hocba_core::text::clean(comment);
    if comment.is_empty() {
        return Err(ApiError::validation("comment", messages::RETURN_COMMENT_REQUIRED));
    }
    apply(conn, user, &class, period, ReviewAction::Return, Some(comment))
}

/// The principal's list: every class of the current year at every periodic point that has
/// moved past draft, plus the cuối năm state of every class.
pub fn list(conn: &mut AnyConnection, user: &CurrentUser) -> Result<Vec<ReviewItem>, ApiError> {
    if !user.is_school_manager() {
        return Err(ApiError::Forbidden);
    }
    let mut out = Vec::new();
    for class in classes::school_classes(conn, &user.school_id)? {
        let class_ref = classes::class_ref(conn, &class)?;
        let pupil_count =
            enrolments::table.filter(enrolments::class_id.eq(&class.id)).count().get_result::<i64>(conn)?;
        let homeroom_teacher = classes::user_name(conn, class.homeroom_teacher_id.as_deref())?;
        for period in Period::ALL {
            let st = state(conn, &class.id, period)?;
            if st.status == RecordStatus::Draft && period != Period::CuoiNam {
                continue;
            }
            out.push(ReviewItem {
                class: class_ref.clone(),
                period,
                state: st,
                pupil_count: u32::try_from(pupil_count).unwrap_or(u32::MAX),
                homeroom_teacher: homeroom_teacher.clone(),
            });
        }
    }
    Ok(out)
}
