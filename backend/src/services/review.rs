//! Submitting, returning and approving a class record; approval locks its assessments (and at
//! cuối năm the pupils' year-end extras and awards).

use crate::auth::CurrentUser;
use crate::db::connection::AnyConnection;
use crate::db::models::{new_id, now, Class, Enrolment, PeriodRecord, PupilReopening, ReturnComment};
use crate::db::schema::{
    enrolments, period_records, pupil_reopenings, pupils, quality_assessments, return_comments, subject_assessments,
    users,
};
use crate::error::AppError;
use crate::messages;
use crate::services::{access, approval_checklist, audit, classes, grid, yearend};
use diesel::prelude::*;
use hocba_core::api::{
    ApproveAllPreview, ApproveAllResult, ApproveRequest, IncompleteClass, Notification, NotificationKind, PupilComment,
    PupilRef, RecordState, RecordStatus, Reopening, ReturnRequest, ReviewItem,
};
use hocba_core::workflow::{transition, ReviewAction};
use hocba_core::{Lang, Period};

/// Vietnam time (UTC+7) for messages people read.
pub fn local_time(t: chrono::NaiveDateTime) -> String {
    hocba_core::time::vietnam_naive(t).format(hocba_core::time::DATE_TIME_FORMAT).to_string()
}

/// A stored UTC time as RFC 3339 for the API.
pub fn rfc3339(t: chrono::NaiveDateTime) -> String {
    t.and_utc().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

pub fn load_record(conn: &mut AnyConnection, class_id: &str, period: Period) -> Result<Option<PeriodRecord>, AppError> {
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

/// The class record's state at a period, with the names of who submitted and who decided it.
pub fn state(conn: &mut AnyConnection, class_id: &str, period: Period) -> Result<RecordState, AppError> {
    Ok(states(conn, class_id, &[period])?.pop().unwrap_or_default())
}

/// The class record's states at some periods, in their order: each record with the names of who
/// submitted and who decided it (read in the same query), and the pupils reopened, read for all
/// the periods at once.
pub fn states(conn: &mut AnyConnection, class_id: &str, periods: &[Period]) -> Result<Vec<RecordState>, AppError> {
    let codes: Vec<&str> = periods.iter().map(|p| p.code()).collect();
    let (submitters, deciders) = diesel::alias!(users as submitters, users as deciders);
    let records: Vec<(PeriodRecord, Option<String>, Option<String>)> = period_records::table
        .left_join(submitters.on(period_records::submitted_by.eq(submitters.field(users::id).nullable())))
        .left_join(deciders.on(period_records::decided_by.eq(deciders.field(users::id).nullable())))
        .filter(period_records::class_id.eq(class_id))
        .filter(period_records::period.eq_any(&codes))
        .select((
            PeriodRecord::as_select(),
            submitters.field(users::full_name).nullable(),
            deciders.field(users::full_name).nullable(),
        ))
        .load(conn)?;
    // Only an approved record has reopened pupils.
    let mut reopened = match records.is_empty() {
        true => std::collections::HashMap::new(),
        false => reopened_pupils(conn, class_id, &codes)?,
    };
    let mut out = Vec::with_capacity(periods.len());
    for &period in periods {
        let Some((r, submitted_by, decided_by)) = records.iter().find(|(r, _, _)| r.period == period.code()) else {
            out.push(RecordState::default());
            continue;
        };
        let return_comments = match (status_of(Some(r)), r.decided_at) {
            (RecordStatus::Returned, Some(at)) => latest_return_comments(conn, class_id, period, at)?,
            _ => Vec::new(),
        };
        out.push(RecordState {
            status: status_of(Some(r)),
            note: r.note.clone(),
            submitted_by: submitted_by.clone(),
            submitted_at: r.submitted_at.map(rfc3339),
            decided_by: decided_by.clone(),
            decided_at: r.decided_at.map(rfc3339),
            reopened_pupils: reopened.remove(period.code()).unwrap_or_default(),
            return_comments,
        });
    }
    Ok(out)
}

/// The pupil comments of the return decided at `at` (the latest one; older returns' stay stored).
fn latest_return_comments(
    conn: &mut AnyConnection,
    class_id: &str,
    period: Period,
    at: chrono::NaiveDateTime,
) -> Result<Vec<PupilComment>, AppError> {
    let rows: Vec<(String, String)> = return_comments::table
        .filter(return_comments::class_id.eq(class_id))
        .filter(return_comments::period.eq(period.code()))
        .filter(return_comments::created_at.eq(at))
        .order(return_comments::id.asc())
        .select((return_comments::pupil_id, return_comments::comment))
        .load(conn)?;
    Ok(rows.into_iter().map(|(pupil_id, comment)| PupilComment { pupil_id, comment }).collect())
}

/// The pupils of the class record with an open reopening, by period code.
fn reopened_pupils(
    conn: &mut AnyConnection,
    class_id: &str,
    periods: &[&str],
) -> Result<std::collections::HashMap<String, Vec<String>>, AppError> {
    use crate::db::schema::{enrolments, pupil_reopenings};
    let rows: Vec<(String, String)> = pupil_reopenings::table
        .inner_join(enrolments::table)
        .filter(pupil_reopenings::class_id.eq(class_id))
        .filter(pupil_reopenings::period.eq_any(periods))
        .filter(pupil_reopenings::reapproved_at.is_null())
        .select((pupil_reopenings::period, enrolments::pupil_id))
        .load(conn)?;
    let mut out: std::collections::HashMap<String, Vec<String>> = std::collections::HashMap::new();
    for (period, pupil_id) in rows {
        out.entry(period).or_default().push(pupil_id);
    }
    Ok(out)
}

/// Refuses writes unless the record is a draft or was returned: 409 naming who approved and when.
pub fn ensure_editable(conn: &mut AnyConnection, class: &Class, period: Period) -> Result<(), AppError> {
    let record = load_record(conn, &class.id, period)?;
    match status_of(record.as_ref()) {
        RecordStatus::Draft | RecordStatus::Returned => Ok(()),
        RecordStatus::Submitted => {
            Err(AppError::conflict("submitted", messages::record_submitted(&class.name, period)))
        }
        RecordStatus::Approved => Err(locked(conn, class, period, record)?),
    }
}

/// The open reopening of a pupil's record (enrolment) at a periodic point, if any.
pub fn open_reopening(
    conn: &mut AnyConnection,
    enrolment_id: &str,
    period: Period,
) -> Result<Option<PupilReopening>, AppError> {
    Ok(pupil_reopenings::table
        .filter(pupil_reopenings::enrolment_id.eq(enrolment_id))
        .filter(pupil_reopenings::period.eq(period.code()))
        .filter(pupil_reopenings::reapproved_at.is_null())
        .select(PupilReopening::as_select())
        .first(conn)
        .optional()?)
}

/// Like [`ensure_editable`], for writes to one pupil's cells: an approved record is writable for
/// a pupil the principal reopened (and not yet approved again); every other pupil stays locked.
pub fn ensure_editable_for(
    conn: &mut AnyConnection,
    class: &Class,
    period: Period,
    enrolment_id: &str,
) -> Result<(), AppError> {
    let record = load_record(conn, &class.id, period)?;
    if status_of(record.as_ref()) == RecordStatus::Approved && open_reopening(conn, enrolment_id, period)?.is_some() {
        return Ok(());
    }
    ensure_editable(conn, class, period)
}

/// [`ensure_editable_for`] every pupil a write touches; a write touching no pupil is checked
/// like the whole class.
pub fn ensure_editable_for_all<'a>(
    conn: &mut AnyConnection,
    class: &Class,
    period: Period,
    enrolment_ids: impl IntoIterator<Item = &'a str>,
) -> Result<(), AppError> {
    let mut any = false;
    for enrolment_id in enrolment_ids {
        any = true;
        ensure_editable_for(conn, class, period, enrolment_id)?;
    }
    if !any {
        ensure_editable(conn, class, period)?;
    }
    Ok(())
}

/// 409 `locked`, naming who approved the record and when.
fn locked(
    conn: &mut AnyConnection,
    class: &Class,
    period: Period,
    record: Option<PeriodRecord>,
) -> Result<AppError, AppError> {
    let r = record.ok_or(AppError::NotFound)?;
    let by = classes::user_name(conn, r.decided_by.as_deref())?.unwrap_or_default();
    let at = r.decided_at.map(local_time).unwrap_or_default();
    Ok(AppError::conflict("locked", messages::record_locked(&class.name, period, &by, &at)))
}

/// Refuses writes once the record is approved (the principal's own decisions stay open while
/// the record is submitted for review).
pub fn ensure_not_approved(conn: &mut AnyConnection, class: &Class, period: Period) -> Result<(), AppError> {
    let record = load_record(conn, &class.id, period)?;
    match status_of(record.as_ref()) {
        RecordStatus::Approved => Err(locked(conn, class, period, record)?),
        _ => Ok(()),
    }
}

/// What a decision carries besides the action: the principal's note and pupil comments (a
/// return), the override of the checklist (an approval).
#[derive(Default)]
struct Decision<'a> {
    note: Option<String>,
    pupil_comments: &'a [PupilComment],
    /// Approved although the checklist had this many findings, for this reason.
    overridden: Option<(String, usize)>,
}

fn apply(
    conn: &mut AnyConnection,
    user: &CurrentUser,
    class: &Class,
    period: Period,
    action: ReviewAction,
    decision: Decision<'_>,
) -> Result<RecordState, AppError> {
    let Decision { note, pupil_comments, overridden } = decision;
    let record = load_record(conn, &class.id, period)?;
    let from = status_of(record.as_ref());
    let action_name = match action {
        ReviewAction::Submit => messages::ACTION_SUBMIT,
        ReviewAction::Return => messages::ACTION_RETURN,
        ReviewAction::Approve => messages::ACTION_APPROVE,
    };
    let to = transition(from, action)
        .ok_or_else(|| AppError::conflict("invalid_transition", messages::cannot_transition(from, &action_name)))?;
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
    for c in pupil_comments {
        diesel::insert_into(return_comments::table)
            .values(ReturnComment {
                id: new_id(),
                school_id: class.school_id.clone(),
                class_id: class.id.clone(),
                period: period.code().to_string(),
                pupil_id: c.pupil_id.clone(),
                comment: c.comment.clone(),
                created_by: user.id.clone(),
                created_at: t,
            })
            .execute(conn)?;
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
            detail: {
                let mut detail = serde_json::json!({
                    "class_id": class.id, "period": period.code(), "from": from.code(), "to": to.code(), "note": note,
                    "pupil_comments": pupil_comments,
                });
                if let Some((reason, findings)) = overridden {
                    detail["override_reason"] = serde_json::json!(reason);
                    detail["findings"] = serde_json::json!(findings);
                }
                detail
            },
        },
    )?;
    state(conn, &class.id, period)
}

fn lock_assessments(conn: &mut AnyConnection, class_id: &str, period: Period) -> Result<(), AppError> {
    let ids: Vec<String> =
        enrolments::table.filter(enrolments::class_id.eq(class_id)).select(enrolments::id).load(conn)?;
    set_locked(conn, &ids, period, true)
}

/// Sets `locked` on the subject and quality cells of the given enrolments at a periodic point.
fn set_locked(conn: &mut AnyConnection, ids: &[String], period: Period, locked: bool) -> Result<(), AppError> {
    diesel::update(
        subject_assessments::table
            .filter(subject_assessments::enrolment_id.eq_any(ids))
            .filter(subject_assessments::period.eq(period.code()))
            .filter(subject_assessments::locked.eq(!locked)),
    )
    .set(subject_assessments::locked.eq(locked))
    .execute(conn)?;
    diesel::update(
        quality_assessments::table
            .filter(quality_assessments::enrolment_id.eq_any(ids))
            .filter(quality_assessments::period.eq(period.code()))
            .filter(quality_assessments::locked.eq(!locked)),
    )
    .set(quality_assessments::locked.eq(locked))
    .execute(conn)?;
    Ok(())
}

/// The homeroom teacher submits; every required cell must be filled.
pub fn submit(
    conn: &mut AnyConnection,
    user: &CurrentUser,
    class_id: &str,
    period: Period,
) -> Result<RecordState, AppError> {
    let (class, role) = access::readable_class(conn, user, class_id)?;
    if !access::may_submit(user, &role) {
        return Err(AppError::Forbidden);
    }
    let view = grid::load(conn, user, class_id, period)?;
    let missing = hocba_core::completeness::gaps(&view);
    if !missing.is_empty() && transition(view.state.status, ReviewAction::Submit).is_some() {
        let cells = missing.iter().map(|p| p.cells.len()).sum();
        let message = messages::cannot_submit_missing(&missing, cells);
        return Err(AppError::Incomplete { message, missing });
    }
    apply(conn, user, &class, period, ReviewAction::Submit, Decision::default())
}

/// The principal approves. At cuối năm the checklist must be clear, or the request names why the
/// record is approved anyway (`override_reason`, kept in the audit log with the findings' count).
pub fn approve(
    conn: &mut AnyConnection,
    user: &CurrentUser,
    class_id: &str,
    period: Period,
    request: &ApproveRequest,
) -> Result<RecordState, AppError> {
    let (class, _) = access::readable_class(conn, user, class_id)?;
    if !access::may_review(user) {
        return Err(AppError::Forbidden);
    }
    let reason = hocba_core::checklist::check_override_reason(request.override_reason.as_deref())
        .map_err(|e| AppError::Validation { field: e.field, message: e.message })?;
    let mut decision = Decision::default();
    let from = status_of(load_record(conn, &class.id, period)?.as_ref());
    if transition(from, ReviewAction::Approve).is_some() {
        let list = approval_checklist::of_class(conn, user, &class, period)?;
        match reason {
            Some(reason) if !list.findings.is_empty() => decision.overridden = Some((reason, list.findings.len())),
            _ => approval_checklist::refuse_unless_clear(list)?,
        }
    }
    apply(conn, user, &class, period, ReviewAction::Approve, decision)
}

pub fn return_record(
    conn: &mut AnyConnection,
    user: &CurrentUser,
    class_id: &str,
    period: Period,
    request: &ReturnRequest,
) -> Result<RecordState, AppError> {
    let (class, _) = access::readable_class(conn, user, class_id)?;
    if !access::may_review(user) {
        return Err(AppError::Forbidden);
    }
    let comment = hocba_core::text::clean(&request.comment);
    let in_class: std::collections::HashSet<String> =
        classes::roster(conn, &class.id)?.into_iter().map(|(_, p)| p.id).collect();
    let mut pupil_comments = Vec::with_capacity(request.pupil_comments.len());
    for (i, c) in request.pupil_comments.iter().enumerate() {
        if !in_class.contains(&c.pupil_id) {
            return Err(AppError::validation(format!("pupil_comments[{i}].pupil_id"), messages::PUPIL_NOT_IN_CLASS));
        }
        let text = hocba_core::text::clean(&c.comment);
        if text.is_empty() || text.chars().count() > 1000 {
            return Err(AppError::validation(format!("pupil_comments[{i}].comment"), messages::PUPIL_COMMENT_REQUIRED));
        }
        pupil_comments.push(PupilComment { pupil_id: c.pupil_id.clone(), comment: text });
    }
    if comment.is_empty() && pupil_comments.is_empty() {
        return Err(AppError::validation("comment", messages::RETURN_COMMENT_REQUIRED));
    }
    let note = (!comment.is_empty()).then_some(comment);
    let decision = Decision { note, pupil_comments: &pupil_comments, overridden: None };
    apply(conn, user, &class, period, ReviewAction::Return, decision)
}

/// The principal's list: every class of the current year at every periodic point that has
/// moved past draft, plus the cuối năm state of every class.
pub fn list(conn: &mut AnyConnection, user: &CurrentUser) -> Result<Vec<ReviewItem>, AppError> {
    if !user.is_school_manager() {
        return Err(AppError::Forbidden);
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

/// The pupil's enrolment in the class; 404 when the pupil is not in it.
fn enrolment_in(conn: &mut AnyConnection, class: &Class, pupil_id: &str) -> Result<Enrolment, AppError> {
    enrolments::table
        .filter(enrolments::class_id.eq(&class.id))
        .filter(enrolments::pupil_id.eq(pupil_id))
        .select(Enrolment::as_select())
        .first(conn)
        .optional()?
        .ok_or(AppError::NotFound)
}

/// The principal reopens one pupil of an approved class record with a reason: that pupil's cells
/// at the point are unlocked for the teacher to correct; the rest of the class stays locked.
pub fn reopen_pupil(
    conn: &mut AnyConnection,
    user: &CurrentUser,
    class_id: &str,
    period: Period,
    pupil_id: &str,
    reason: &str,
) -> Result<Reopening, AppError> {
    let (class, _) = access::readable_class(conn, user, class_id)?;
    if !access::may_review(user) {
        return Err(AppError::Forbidden);
    }
    let enrolment = enrolment_in(conn, &class, pupil_id)?;
    let reason = hocba_core::text::clean(reason);
    if reason.is_empty() || reason.chars().count() > 500 {
        return Err(AppError::validation("reason", messages::REOPEN_REASON_REQUIRED));
    }
    let status = status_of(load_record(conn, &class.id, period)?.as_ref());
    if status != RecordStatus::Approved {
        return Err(AppError::conflict(
            "invalid_transition",
            messages::cannot_transition(status, &messages::ACTION_REOPEN),
        ));
    }
    if enrolment.status == "transferred_out" {
        return Err(AppError::conflict("locked", messages::PUPIL_TRANSFERRED));
    }
    if open_reopening(conn, &enrolment.id, period)?.is_some() {
        return Err(AppError::conflict("invalid_transition", messages::ALREADY_REOPENED));
    }
    let row = PupilReopening {
        id: new_id(),
        school_id: class.school_id.clone(),
        class_id: class.id.clone(),
        period: period.code().to_string(),
        enrolment_id: enrolment.id.clone(),
        reason: reason.clone(),
        reopened_by: user.id.clone(),
        reopened_at: now(),
        reapproved_by: None,
        reapproved_at: None,
    };
    // The open reopening is what lets the database triggers unlock the cells: insert it first.
    diesel::insert_into(pupil_reopenings::table).values(&row).execute(conn)?;
    set_locked(conn, std::slice::from_ref(&enrolment.id), period, false)?;
    audit::append(
        conn,
        audit::Event {
            school_id: &class.school_id,
            actor_id: Some(&user.id),
            action: "record.reopen_pupil",
            entity: "pupil_reopening",
            entity_id: &row.id,
            detail: serde_json::json!({
                "class_id": class.id, "period": period.code(), "pupil_id": pupil_id,
                "enrolment_id": enrolment.id, "reason": reason,
            }),
        },
    )?;
    reopening_view(conn, row)
}

/// The principal approves a reopened pupil again: the pupil's cells lock again and the
/// reopening closes.
pub fn reapprove_pupil(
    conn: &mut AnyConnection,
    user: &CurrentUser,
    class_id: &str,
    period: Period,
    pupil_id: &str,
) -> Result<Reopening, AppError> {
    let (class, _) = access::readable_class(conn, user, class_id)?;
    if !access::may_review(user) {
        return Err(AppError::Forbidden);
    }
    let enrolment = enrolment_in(conn, &class, pupil_id)?;
    let mut row = open_reopening(conn, &enrolment.id, period)?
        .ok_or_else(|| AppError::conflict("invalid_transition", messages::NOT_REOPENED))?;
    set_locked(conn, std::slice::from_ref(&enrolment.id), period, true)?;
    let t = now();
    diesel::update(pupil_reopenings::table.find(&row.id))
        .set((pupil_reopenings::reapproved_by.eq(&user.id), pupil_reopenings::reapproved_at.eq(t)))
        .execute(conn)?;
    row.reapproved_by = Some(user.id.clone());
    row.reapproved_at = Some(t);
    audit::append(
        conn,
        audit::Event {
            school_id: &class.school_id,
            actor_id: Some(&user.id),
            action: "record.reapprove_pupil",
            entity: "pupil_reopening",
            entity_id: &row.id,
            detail: serde_json::json!({
                "class_id": class.id, "period": period.code(), "pupil_id": pupil_id,
                "enrolment_id": enrolment.id, "reason": row.reason,
            }),
        },
    )?;
    reopening_view(conn, row)
}

fn reopening_view(conn: &mut AnyConnection, r: PupilReopening) -> Result<Reopening, AppError> {
    let pupil = enrolments::table
        .inner_join(pupils::table)
        .filter(enrolments::id.eq(&r.enrolment_id))
        .select((pupils::id, pupils::full_name))
        .first::<(String, String)>(conn)?;
    Ok(Reopening {
        id: r.id,
        pupil: PupilRef { id: pupil.0, full_name: pupil.1 },
        period: Period::from_code(&r.period).unwrap_or(Period::CuoiNam),
        reason: r.reason,
        reopened_by: classes::user_name(conn, Some(&r.reopened_by))?,
        reopened_at: rfc3339(r.reopened_at),
        reapproved_by: classes::user_name(conn, r.reapproved_by.as_deref())?,
        reapproved_at: r.reapproved_at.map(rfc3339),
    })
}

/// The reopenings of a class record at a periodic point, oldest first (the class's teachers and
/// the principal).
pub fn reopenings(
    conn: &mut AnyConnection,
    user: &CurrentUser,
    class_id: &str,
    period: Period,
) -> Result<Vec<Reopening>, AppError> {
    let (class, _) = access::readable_class(conn, user, class_id)?;
    let rows: Vec<PupilReopening> = pupil_reopenings::table
        .filter(pupil_reopenings::class_id.eq(&class.id))
        .filter(pupil_reopenings::period.eq(period.code()))
        .order((pupil_reopenings::reopened_at.asc(), pupil_reopenings::id.asc()))
        .select(PupilReopening::as_select())
        .load(conn)?;
    rows.into_iter().map(|r| reopening_view(conn, r)).collect()
}

/// What approving every submitted class of the current year at a periodic point would do: the
/// submitted classes and their pupils, and the classes still in draft or returned with what they
/// lack (a submitted record is complete: submitting requires every cell).
pub fn approve_all_preview(
    conn: &mut AnyConnection,
    user: &CurrentUser,
    period: Period,
    lang: Lang,
) -> Result<ApproveAllPreview, AppError> {
    if !user.is_school_manager() {
        return Err(AppError::Forbidden);
    }
    let (mut classes_n, mut pupils_n, mut incomplete) = (0usize, 0usize, Vec::new());
    for class in classes::school_classes(conn, &user.school_id)? {
        match status_of(load_record(conn, &class.id, period)?.as_ref()) {
            RecordStatus::Submitted => {
                classes_n += 1;
                pupils_n += classes::roster(conn, &class.id)?.len();
            }
            status @ (RecordStatus::Draft | RecordStatus::Returned) => {
                let view = grid::load(conn, user, &class.id, period)?;
                let (pupils, cells) = grid::missing_cells(&view);
                incomplete.push(IncompleteClass {
                    class_id: class.id.clone(),
                    class_name: class.name.clone(),
                    status,
                    missing_pupils: u32::try_from(pupils).unwrap_or(u32::MAX),
                    missing_cells: u32::try_from(cells).unwrap_or(u32::MAX),
                });
            }
            RecordStatus::Approved => {}
        }
    }
    Ok(ApproveAllPreview {
        period,
        classes: u32::try_from(classes_n).unwrap_or(u32::MAX),
        pupils: u32::try_from(pupils_n).unwrap_or(u32::MAX),
        message: messages::approve_all_summary(classes_n, pupils_n, incomplete.len()).get(lang).to_string(),
        incomplete,
    })
}

/// Approves every submitted class of the current year at a periodic point, each through the
/// same path (and audit entry) as approving it alone; the caller runs this in one transaction.
pub fn approve_all(conn: &mut AnyConnection, user: &CurrentUser, period: Period) -> Result<ApproveAllResult, AppError> {
    if !access::may_review(user) {
        return Err(AppError::Forbidden);
    }
    let mut submitted = Vec::new();
    for class in classes::school_classes(conn, &user.school_id)? {
        if status_of(load_record(conn, &class.id, period)?.as_ref()) == RecordStatus::Submitted {
            submitted.push(class);
        }
    }
    // A class whose checklist has findings is approved alone, where the principal sees them.
    let (mut unclear, mut findings) = (Vec::new(), Vec::new());
    for class in &submitted {
        let list = approval_checklist::of_class(conn, user, class, period)?;
        if !list.findings.is_empty() {
            unclear.push(class.name.clone());
            findings.extend(list.findings);
        }
    }
    if !unclear.is_empty() {
        return Err(AppError::Checklist { message: messages::approve_all_needs_review(&unclear), findings });
    }
    let mut approved = Vec::new();
    for class in submitted {
        apply(conn, user, &class, period, ReviewAction::Approve, Decision::default())?;
        approved.push(class.id);
    }
    Ok(ApproveAllResult { approved })
}

/// What waits for the user, newest first: for a homeroom teacher, their class records returned
/// with the principal's comment; for the principal and the admin, records submitted and waiting
/// for review. Other users have none.
pub fn notifications(conn: &mut AnyConnection, user: &CurrentUser, lang: Lang) -> Result<Vec<Notification>, AppError> {
    let manager = user.is_school_manager();
    let mut out = Vec::new();
    for class in classes::school_classes(conn, &user.school_id)? {
        let homeroom = user.is_staff() && class.homeroom_teacher_id.as_deref() == Some(user.id.as_str());
        if !manager && !homeroom {
            continue;
        }
        let class_ref = classes::class_ref(conn, &class)?;
        for period in Period::ALL {
            let Some(r) = load_record(conn, &class.id, period)? else {
                continue;
            };
            let (kind, by, at, message) = match status_of(Some(&r)) {
                RecordStatus::Returned if homeroom => (
                    NotificationKind::Returned,
                    r.decided_by.as_deref(),
                    r.decided_at,
                    messages::notification_returned(
                        &class.name,
                        period,
                        r.note.as_deref().unwrap_or(""),
                        match r.decided_at {
                            Some(at) => latest_return_comments(conn, &class.id, period, at)?.len(),
                            None => 0,
                        },
                    ),
                ),
                RecordStatus::Submitted if manager => (
                    NotificationKind::Submitted,
                    r.submitted_by.as_deref(),
                    r.submitted_at,
                    messages::notification_submitted(&class.name, period),
                ),
                _ => continue,
            };
            out.push((
                at,
                Notification {
                    kind,
                    class: class_ref.clone(),
                    period,
                    note: if kind == NotificationKind::Returned { r.note.clone() } else { None },
                    by: classes::user_name(conn, by)?,
                    at: at.map(rfc3339),
                    message: message.get(lang).to_string(),
                },
            ));
        }
    }
    out.sort_by_key(|n| std::cmp::Reverse(n.0));
    Ok(out.into_iter().map(|(_, n)| n).collect())
}
