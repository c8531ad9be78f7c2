//! Khen thưởng of a pupil's year (TT27 Điều 13): the homeroom teacher confirms an award, which
//! core checks against the pupil's effective result; removing one is the same teacher's.

use crate::auth::CurrentUser;
use crate::db::connection::AnyConnection;
use crate::db::models::{new_id, now, AwardRecord};
use crate::db::schema::awards;
use crate::error::AppError;
use crate::services::audit;
use crate::services::yearend::{self, PupilYear};
use chrono::NaiveDate;
use diesel::prelude::*;
use hocba_core::api::{AwardInput, YearEndRow};
use hocba_core::awards::{self as rules, AwardKind};

fn log(
    conn: &mut AnyConnection,
    user: &CurrentUser,
    year: &PupilYear,
    action: &str,
    award: &AwardRecord,
) -> Result<(), AppError> {
    let value = serde_json::json!({
        "kind": award.kind, "title": award.title, "level": award.level,
        "awarded_on": award.awarded_on.map(|d| d.to_string()), "reason": award.reason,
    });
    let (old, new) = if action == "award.delete" { (value, None) } else { (serde_json::Value::Null, Some(value)) };
    audit::append(
        conn,
        audit::Event {
            school_id: &year.class.school_id,
            actor_id: Some(&user.id),
            action,
            entity: "award",
            entity_id: &award.id,
            detail: serde_json::json!({
                "enrolment_id": year.enrolment.id, "pupil_id": year.pupil.id, "old": old, "new": new,
            }),
        },
    )
}

/// `POST /api/classes/{id}/year-end/{pupil_id}/awards`: the homeroom teacher confirms an award
/// checked against the pupil's effective result and `today`.
pub fn add(
    conn: &mut AnyConnection,
    user: &CurrentUser,
    class_id: &str,
    pupil_id: &str,
    input: &AwardInput,
    today: NaiveDate,
) -> Result<YearEndRow, AppError> {
    let year = yearend::for_homeroom(conn, user, class_id, pupil_id)?;
    let effective = yearend::effective(conn, &year)?;
    let checked = rules::check_award(input, effective, today)?;
    let kinds: Vec<AwardKind> = awards::table
        .filter(awards::enrolment_id.eq(&year.enrolment.id))
        .select(awards::kind)
        .load::<String>(conn)?
        .iter()
        .filter_map(|k| AwardKind::from_code(k))
        .collect();
    rules::check_not_repeated(checked.kind, &kinds)?;
    let award = AwardRecord {
        id: new_id(),
        school_id: year.class.school_id.clone(),
        enrolment_id: year.enrolment.id.clone(),
        kind: checked.kind.code().to_owned(),
        title: checked.title,
        level: checked.level.code().to_owned(),
        awarded_on: checked.awarded_on,
        reason: checked.reason,
        confirmed_by: Some(user.id.clone()),
        created_at: now(),
        locked: false,
    };
    diesel::insert_into(awards::table).values(&award).execute(conn)?;
    log(conn, user, &year, "award.add", &award)?;
    yearend::row(conn, &year)
}

/// `DELETE /api/classes/{id}/year-end/{pupil_id}/awards/{award_id}`: same rules as adding.
pub fn remove(
    conn: &mut AnyConnection,
    user: &CurrentUser,
    class_id: &str,
    pupil_id: &str,
    award_id: &str,
) -> Result<YearEndRow, AppError> {
    let year = yearend::for_homeroom(conn, user, class_id, pupil_id)?;
    let award: AwardRecord = awards::table
        .find(award_id)
        .filter(awards::enrolment_id.eq(&year.enrolment.id))
        .select(AwardRecord::as_select())
        .first(conn)
        .optional()?
        .ok_or(AppError::NotFound)?;
    diesel::delete(awards::table.find(&award.id)).execute(conn)?;
    log(conn, user, &year, "award.delete", &award)?;
    yearend::row(conn, &year)
}
