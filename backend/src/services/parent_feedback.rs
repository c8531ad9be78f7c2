//! Parents and the periodic points of the year: each point of the pupil's current class that the
//! principal approved (giữa HK I, cuối HK I, giữa HK II, cuối năm), with its levels, scores and
//! comments as approved; the parent's "Đã xem" (once per parent, pupil, class and point: tapping
//! again changes nothing) and replies to the homeroom teacher; and, for the homeroom teacher and
//! the principal, who of each pupil's family has seen a point and what they replied.
//!
//! A point counts as approved for a pupil when the class record is approved and the pupil's record
//! at that point is not reopened (a reopened pupil's cells are being corrected: the point comes
//! back once the principal approves it again).

use crate::auth::CurrentUser;
use crate::db::connection::AnyConnection;
use crate::db::models::{new_id, now, Class, ParentAcknowledgement, ParentReplyRow, PeriodRecord};
use crate::db::schema::{classes, enrolments, parent_acknowledgements, parent_replies, school_years};
use crate::error::AppError;
use crate::messages;
use crate::services::grid::{load_cells, taken, Columns};
use crate::services::review::{load_record, open_reopening, rfc3339};
use crate::services::{access, audit, classes as class_service};
use diesel::prelude::*;
use hocba_core::api::feedback::check_reply;
use hocba_core::api::{ClassFeedback, ParentReply, PeriodicResult, PupilFeedback, PupilRef, RecordStatus, SeenBy};
use hocba_core::Period;
use std::collections::HashMap;

/// The pupil's enrolment in a class of the current school year (the active one first), with the
/// class and the year's name.
fn current_class(conn: &mut AnyConnection, pupil_id: &str) -> Result<Option<(String, Class, String)>, AppError> {
    let mut rows: Vec<(String, String, Class, String)> = enrolments::table
        .inner_join(classes::table.inner_join(school_years::table))
        .filter(enrolments::pupil_id.eq(pupil_id))
        .filter(school_years::is_current.eq(true))
        .select((enrolments::id, enrolments::status, Class::as_select(), school_years::name))
        .load(conn)?;
    rows.sort_by_key(|(_, status, _, _)| status != "active");
    Ok(rows.into_iter().next().map(|(enrolment, _, class, year)| (enrolment, class, year)))
}

/// The class record at `period` when it is approved and the pupil's record there is not reopened.
fn approved_for(
    conn: &mut AnyConnection,
    class_id: &str,
    enrolment_id: &str,
    period: Period,
) -> Result<Option<PeriodRecord>, AppError> {
    let Some(record) = load_record(conn, class_id, period)? else {
        return Ok(None);
    };
    if RecordStatus::from_code(&record.status) != Some(RecordStatus::Approved) {
        return Ok(None);
    }
    if open_reopening(conn, enrolment_id, period)?.is_some() {
        return Ok(None);
    }
    Ok(Some(record))
}

fn reply_view(r: ParentReplyRow, names: &HashMap<String, String>) -> Result<ParentReply, AppError> {
    let period = Period::from_code(&r.period)
        .ok_or_else(|| crate::db::DbError::Damaged(format!("parent_replies.period = {}", r.period)))?;
    Ok(ParentReply {
        id: r.id,
        pupil_id: r.pupil_id,
        period,
        parent_name: names.get(&r.parent_id).cloned().unwrap_or_default(),
        text: r.text,
        created_at: rfc3339(r.created_at),
    })
}

/// `GET /api/pupils/{pupil_id}/periods`: every approved periodic point of the pupil's current
/// class, in the order of the year, with this parent's "Đã xem" and replies. Only a parent linked
/// to the pupil (404 for anyone else); no current class: none.
pub fn periodic_results(
    conn: &mut AnyConnection,
    user: &CurrentUser,
    pupil_id: &str,
) -> Result<Vec<PeriodicResult>, AppError> {
    let pupil = access::family_pupil(conn, user, pupil_id)?;
    let Some((enrolment_id, class, year)) = current_class(conn, &pupil.id)? else {
        return Ok(Vec::new());
    };
    let mut approved: Vec<(Period, PeriodRecord)> = Vec::new();
    for period in Period::ALL {
        if let Some(record) = approved_for(conn, &class.id, &enrolment_id, period)? {
            approved.push((period, record));
        }
    }
    if approved.is_empty() {
        return Ok(Vec::new());
    }
    let grade = class.grade()?;
    let ids = [enrolment_id.clone()];
    let takes = taken(conn, &ids)?.remove(&enrolment_id).unwrap_or_default();
    let columns = Columns::for_pupil(grade, &takes);
    let seen: HashMap<String, chrono::NaiveDateTime> = parent_acknowledgements::table
        .filter(parent_acknowledgements::parent_id.eq(&user.id))
        .filter(parent_acknowledgements::pupil_id.eq(&pupil.id))
        .filter(parent_acknowledgements::class_id.eq(&class.id))
        .select((parent_acknowledgements::period, parent_acknowledgements::seen_at))
        .load::<(String, chrono::NaiveDateTime)>(conn)?
        .into_iter()
        .collect();
    let replies: Vec<ParentReplyRow> = parent_replies::table
        .filter(parent_replies::parent_id.eq(&user.id))
        .filter(parent_replies::pupil_id.eq(&pupil.id))
        .filter(parent_replies::class_id.eq(&class.id))
        .order((parent_replies::created_at.asc(), parent_replies::id.asc()))
        .select(ParentReplyRow::as_select())
        .load(conn)?;
    let deciders: Vec<&str> = approved.iter().filter_map(|(_, r)| r.decided_by.as_deref()).collect();
    let mut names = class_service::user_names(conn, &deciders)?;
    names.extend(class_service::user_names(conn, &[user.id.as_str()])?);
    let mut replies_by_period: HashMap<Period, Vec<ParentReply>> = HashMap::new();
    for r in replies {
        let view = reply_view(r, &names)?;
        replies_by_period.entry(view.period).or_default().push(view);
    }

    let mut out = Vec::with_capacity(approved.len());
    for (period, record) in approved {
        let (subject_cells, quality_cells) = load_cells(conn, &ids, period)?.remove(&enrolment_id).unwrap_or_default();
        let (subjects, qualities) = columns.lines(&subject_cells, &quality_cells);
        out.push(PeriodicResult {
            period,
            school_year: year.clone(),
            class_id: class.id.clone(),
            class_name: class.name.clone(),
            approved_at: record.decided_at.map(rfc3339),
            approved_by: record.decided_by.as_ref().and_then(|id| names.get(id).cloned()),
            subjects,
            qualities,
            seen_at: seen.get(period.code()).copied().map(rfc3339),
            replies: replies_by_period.remove(&period).unwrap_or_default(),
        });
    }
    Ok(out)
}

/// The pupil (a linked parent's child: 404 otherwise) and the class whose point `period` is
/// approved for them (409 `not_approved` otherwise, naming the point).
fn approved_point(
    conn: &mut AnyConnection,
    user: &CurrentUser,
    pupil_id: &str,
    period: Period,
) -> Result<(String, Class), AppError> {
    let pupil = access::family_pupil(conn, user, pupil_id)?;
    let not_approved = || AppError::conflict("not_approved", messages::period_not_approved(period));
    let Some((enrolment_id, class, _)) = current_class(conn, &pupil.id)? else {
        return Err(not_approved());
    };
    if approved_for(conn, &class.id, &enrolment_id, period)?.is_none() {
        return Err(not_approved());
    }
    Ok((pupil.id, class))
}

/// `POST /api/pupils/{pupil_id}/periods/{period}/seen`: the parent has seen the approved point.
/// Idempotent: the first time is kept (and audited); again changes nothing. Answers when it was
/// first seen.
pub fn acknowledge(
    conn: &mut AnyConnection,
    user: &CurrentUser,
    pupil_id: &str,
    period: Period,
) -> Result<chrono::NaiveDateTime, AppError> {
    let (pupil_id, class) = approved_point(conn, user, pupil_id, period)?;
    let existing = |conn: &mut AnyConnection| -> Result<Option<chrono::NaiveDateTime>, AppError> {
        Ok(parent_acknowledgements::table
            .filter(parent_acknowledgements::parent_id.eq(&user.id))
            .filter(parent_acknowledgements::pupil_id.eq(&pupil_id))
            .filter(parent_acknowledgements::class_id.eq(&class.id))
            .filter(parent_acknowledgements::period.eq(period.code()))
            .select(parent_acknowledgements::seen_at)
            .first(conn)
            .optional()?)
    };
    if let Some(at) = existing(conn)? {
        return Ok(at);
    }
    let row = ParentAcknowledgement {
        id: new_id(),
        school_id: class.school_id.clone(),
        pupil_id: pupil_id.clone(),
        class_id: class.id.clone(),
        period: period.code().to_string(),
        parent_id: user.id.clone(),
        seen_at: now(),
    };
    // Two taps at once (PostgreSQL runs writers side by side): the second inserts nothing.
    let inserted = crate::db::on_each_backend!(&mut *conn, |c| diesel::insert_into(parent_acknowledgements::table)
        .values(&row)
        .on_conflict((
            parent_acknowledgements::parent_id,
            parent_acknowledgements::pupil_id,
            parent_acknowledgements::class_id,
            parent_acknowledgements::period,
        ))
        .do_nothing()
        .execute(c))?;
    if inserted == 0 {
        return existing(conn)?.ok_or(AppError::NotFound);
    }
    audit::append(
        conn,
        audit::Event {
            school_id: &row.school_id,
            actor_id: Some(&user.id),
            action: "parent.seen",
            entity: "parent_acknowledgements",
            entity_id: &row.id,
            detail: serde_json::json!({"pupil_id": row.pupil_id, "class_id": row.class_id, "period": row.period}),
        },
    )?;
    Ok(row.seen_at)
}

/// `POST /api/pupils/{pupil_id}/periods/{period}/replies`: the parent's reply to the homeroom
/// teacher about the approved point (1–500 characters after cleaning: 400 naming `text` otherwise).
pub fn reply(
    conn: &mut AnyConnection,
    user: &CurrentUser,
    pupil_id: &str,
    period: Period,
    text: &str,
) -> Result<ParentReply, AppError> {
    let (pupil_id, class) = approved_point(conn, user, pupil_id, period)?;
    let text = check_reply(text).map_err(|e| AppError::Validation { field: e.field, message: e.message })?;
    let row = ParentReplyRow {
        id: new_id(),
        school_id: class.school_id.clone(),
        pupil_id,
        class_id: class.id.clone(),
        period: period.code().to_string(),
        parent_id: user.id.clone(),
        text,
        created_at: now(),
    };
    diesel::insert_into(parent_replies::table).values(&row).execute(conn)?;
    audit::append(
        conn,
        audit::Event {
            school_id: &row.school_id,
            actor_id: Some(&user.id),
            action: "parent.reply",
            entity: "parent_replies",
            entity_id: &row.id,
            detail: serde_json::json!({
                "pupil_id": row.pupil_id, "class_id": row.class_id, "period": row.period, "text": row.text,
            }),
        },
    )?;
    let names = class_service::user_names(conn, &[user.id.as_str()])?;
    reply_view(row, &names)
}

/// `GET /api/classes/{class_id}/periods/{period}/feedback`: per pupil of the class, the parents
/// who have seen the point (first first) and their replies (oldest first). The class's homeroom
/// teacher and the principal; another reader of the class gets 403, anyone else 404.
pub fn class_feedback(
    conn: &mut AnyConnection,
    user: &CurrentUser,
    class_id: &str,
    period: Period,
) -> Result<ClassFeedback, AppError> {
    let (class, role) = access::readable_class(conn, user, class_id)?;
    if !access::may_read_family_feedback(user, &role) {
        return Err(AppError::Forbidden);
    }
    let seen: Vec<ParentAcknowledgement> = parent_acknowledgements::table
        .filter(parent_acknowledgements::class_id.eq(&class.id))
        .filter(parent_acknowledgements::period.eq(period.code()))
        .order((parent_acknowledgements::seen_at.asc(), parent_acknowledgements::id.asc()))
        .select(ParentAcknowledgement::as_select())
        .load(conn)?;
    let replies: Vec<ParentReplyRow> = parent_replies::table
        .filter(parent_replies::class_id.eq(&class.id))
        .filter(parent_replies::period.eq(period.code()))
        .order((parent_replies::created_at.asc(), parent_replies::id.asc()))
        .select(ParentReplyRow::as_select())
        .load(conn)?;
    let parents: Vec<&str> =
        seen.iter().map(|s| s.parent_id.as_str()).chain(replies.iter().map(|r| r.parent_id.as_str())).collect();
    let names = class_service::user_names(conn, &parents)?;
    let mut seen_by: HashMap<String, Vec<SeenBy>> = HashMap::new();
    for s in seen {
        let parent_name = names.get(&s.parent_id).cloned().unwrap_or_default();
        seen_by.entry(s.pupil_id).or_default().push(SeenBy { parent_name, seen_at: rfc3339(s.seen_at) });
    }
    let mut replied: HashMap<String, Vec<ParentReply>> = HashMap::new();
    for r in replies {
        let view = reply_view(r, &names)?;
        replied.entry(view.pupil_id.clone()).or_default().push(view);
    }
    let pupils = class_service::roster(conn, &class.id)?
        .into_iter()
        .map(|(_, p)| PupilFeedback {
            seen_by: seen_by.remove(&p.id).unwrap_or_default(),
            replies: replied.remove(&p.id).unwrap_or_default(),
            pupil: PupilRef { id: p.id, full_name: p.full_name },
        })
        .collect();
    Ok(ClassFeedback { class: class_service::class_ref(conn, &class)?, period, pupils })
}
