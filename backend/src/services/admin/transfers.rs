//! Transfers. Out: the current enrolment ends as `transferred_out` and every assessment of it
//! (with its year-end extras and awards) is locked, so the record is frozen for hand-over (the
//! database refuses new cells too). In: a new pupil enrolled in a class; earlier years arrive
//! later from their signed record.

use super::{log, pupils};
use crate::auth::CurrentUser;
use crate::db::connection::AnyConnection;
use crate::db::models::{new_id, now, Transfer};
use crate::db::schema::{classes, enrolments, quality_assessments, school_years, subject_assessments, transfers};
use crate::error::AppError;
use crate::messages;
use diesel::prelude::*;
use hocba_core::api::admin::{PupilProfile, TransferDirection, TransferIn, TransferOut, TransferView};
use hocba_core::people::{format_date_iso, parse_iso_date};

pub fn of_pupil(conn: &mut AnyConnection, pupil_id: &str) -> Result<Vec<TransferView>, AppError> {
    let rows: Vec<Transfer> = transfers::table
        .filter(transfers::pupil_id.eq(pupil_id))
        .order(transfers::date.asc())
        .select(Transfer::as_select())
        .load(conn)?;
    let mut out = Vec::with_capacity(rows.len());
    for t in rows {
        let class_name = match &t.enrolment_id {
            Some(e) => enrolments::table
                .inner_join(classes::table.inner_join(school_years::table))
                .filter(enrolments::id.eq(e))
                .select((classes::name, school_years::name))
                .first::<(String, String)>(conn)
                .optional()?
                .map(|(c, y)| format!("{c} ({y})")),
            None => None,
        };
        out.push(TransferView {
            direction: if t.direction == "in" { TransferDirection::In } else { TransferDirection::Out },
            date: format_date_iso(t.date),
            other_school: t.other_school,
            reason: t.reason,
            class_name,
        });
    }
    Ok(out)
}

fn date_field(value: &str) -> Result<chrono::NaiveDate, AppError> {
    parse_iso_date(value.trim()).ok_or_else(|| AppError::validation("date", messages::DATE_FORMAT))
}

/// `POST /api/admin/pupils/{id}/transfer-out`
pub fn transfer_out(
    conn: &mut AnyConnection,
    user: &CurrentUser,
    pupil_id: &str,
    body: &TransferOut,
) -> Result<PupilProfile, AppError> {
    crate::validation::limits(body)?;
    let pupil = pupils::find(conn, &user.school_id, pupil_id)?;
    let date = date_field(&body.date)?;
    let to_school = super::required_text("to_school", &body.to_school, 200, messages::OTHER_SCHOOL_REQUIRED)?;
    let reason = super::optional_text("reason", body.reason.as_deref(), 500)?;
    let (enrolment, class) = match pupils::current_enrolment(conn, &user.school_id, &pupil.id)? {
        Some((e, _)) if e.status == "transferred_out" => {
            return Err(AppError::conflict("already_transferred", messages::ALREADY_TRANSFERRED))
        }
        Some((e, c)) if e.status == "active" => (e, c),
        _ => return Err(AppError::conflict("not_studying", messages::PUPIL_NOT_STUDYING)),
    };
    diesel::update(enrolments::table.find(&enrolment.id))
        .set(enrolments::status.eq("transferred_out"))
        .execute(conn)?;
    diesel::update(subject_assessments::table.filter(subject_assessments::enrolment_id.eq(&enrolment.id)))
        .filter(subject_assessments::locked.eq(false))
        .set(subject_assessments::locked.eq(true))
        .execute(conn)?;
    diesel::update(quality_assessments::table.filter(quality_assessments::enrolment_id.eq(&enrolment.id)))
        .filter(quality_assessments::locked.eq(false))
        .set(quality_assessments::locked.eq(true))
        .execute(conn)?;
    crate::services::yearend::lock_enrolment(conn, &enrolment.id)?;
    let t = Transfer {
        id: new_id(),
        school_id: user.school_id.clone(),
        pupil_id: pupil.id.clone(),
        enrolment_id: Some(enrolment.id.clone()),
        direction: "out".into(),
        date,
        other_school: to_school,
        reason,
        created_by: Some(user.id.clone()),
        created_at: now(),
    };
    diesel::insert_into(transfers::table).values(&t).execute(conn)?;
    log(
        conn,
        user,
        "pupil.transfer_out",
        "pupil",
        &pupil.id,
        serde_json::json!({ "class": class.name, "to_school": t.other_school, "date": body.date }),
    )?;
    pupils::profile(conn, &user.school_id, &pupil.id)
}

/// `POST /api/admin/pupils/transfer-in`
pub fn transfer_in(conn: &mut AnyConnection, user: &CurrentUser, body: TransferIn) -> Result<PupilProfile, AppError> {
    crate::validation::limits(&body)?;
    let date = date_field(&body.date)?;
    let from_school = super::required_text("from_school", &body.from_school, 200, messages::OTHER_SCHOOL_REQUIRED)?;
    let created = pupils::create(conn, user, body.pupil)?;
    let t = Transfer {
        id: new_id(),
        school_id: user.school_id.clone(),
        pupil_id: created.id.clone(),
        enrolment_id: None,
        direction: "in".into(),
        date,
        other_school: from_school,
        reason: None,
        created_by: Some(user.id.clone()),
        created_at: now(),
    };
    diesel::insert_into(transfers::table).values(&t).execute(conn)?;
    log(conn, user, "pupil.transfer_in", "pupil", &created.id, serde_json::json!({ "from_school": t.other_school }))?;
    pupils::profile(conn, &user.school_id, &created.id)
}
