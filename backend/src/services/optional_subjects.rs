//! Which of the class's optional subjects (Ngoại ngữ 1 in grades 1–2, Tiếng dân tộc thiểu số)
//! each pupil takes: only those pupils are assessed in them, and their result counts them.
//! Set by the homeroom teacher or the school's managers.

use crate::auth::CurrentUser;
use crate::db::connection::AnyConnection;
use crate::db::models::{new_id, ClassOptionalSubject, EnrolmentSubject};
use crate::db::schema::{class_optional_subjects, enrolment_subjects, enrolments};
use crate::error::AppError;
use crate::messages;
use crate::services::{access, audit, grid};
use diesel::prelude::*;
use hocba_core::api::{OptionalSubjectChoice, OptionalSubjectsInput};
use hocba_core::catalogue;

fn enrolment_of(conn: &mut AnyConnection, class_id: &str, pupil_id: &str) -> Result<String, AppError> {
    enrolments::table
        .filter(enrolments::class_id.eq(class_id))
        .filter(enrolments::pupil_id.eq(pupil_id))
        .select(enrolments::id)
        .first(conn)
        .optional()?
        .ok_or(AppError::NotFound)
}

/// The class's optional subjects, each marked with whether the pupil takes it.
pub fn choices(
    conn: &mut AnyConnection,
    user: &CurrentUser,
    class_id: &str,
    pupil_id: &str,
) -> Result<Vec<OptionalSubjectChoice>, AppError> {
    let (class, _) = access::readable_class(conn, user, class_id)?;
    let enrolment_id = enrolment_of(conn, &class.id, pupil_id)?;
    let grade = class.grade()?;
    let taken = grid::taken(conn, std::slice::from_ref(&enrolment_id))?.remove(&enrolment_id).unwrap_or_default();
    let offered: Vec<ClassOptionalSubject> = class_optional_subjects::table
        .filter(class_optional_subjects::class_id.eq(&class.id))
        .select(ClassOptionalSubject::as_select())
        .load(conn)?;
    Ok(offered
        .into_iter()
        .filter_map(|o| {
            let spec = catalogue::subject(grade, &o.subject_code)?;
            Some(OptionalSubjectChoice {
                taken: taken.contains(&o.subject_code),
                code: o.subject_code,
                name: spec.name.to_string(),
                language: o.language,
            })
        })
        .collect())
}

/// Sets the optional subjects the pupil takes; audited. A code the class does not offer is
/// refused (422 `codes[i]`).
pub fn set(
    conn: &mut AnyConnection,
    user: &CurrentUser,
    class_id: &str,
    pupil_id: &str,
    input: &OptionalSubjectsInput,
) -> Result<Vec<OptionalSubjectChoice>, AppError> {
    let (class, role) = access::readable_class(conn, user, class_id)?;
    if !(user.is_school_manager() || access::may_write_qualities(user, &role)) {
        return Err(AppError::Forbidden);
    }
    let enrolment_id = enrolment_of(conn, &class.id, pupil_id)?;
    let offered = grid::offered(conn, &class.id)?;
    for (i, code) in input.codes.iter().enumerate() {
        if !offered.contains(code) {
            return Err(AppError::validation(format!("codes[{i}]"), messages::OPTIONAL_NOT_OFFERED));
        }
    }
    let before = grid::taken(conn, std::slice::from_ref(&enrolment_id))?.remove(&enrolment_id).unwrap_or_default();
    let mut after: Vec<String> = input.codes.clone();
    after.sort();
    after.dedup();
    if before.iter().collect::<std::collections::BTreeSet<_>>() != after.iter().collect() {
        diesel::delete(enrolment_subjects::table.filter(enrolment_subjects::enrolment_id.eq(&enrolment_id)))
            .execute(conn)?;
        for code in &after {
            diesel::insert_into(enrolment_subjects::table)
                .values(&EnrolmentSubject {
                    id: new_id(),
                    school_id: class.school_id.clone(),
                    enrolment_id: enrolment_id.clone(),
                    subject_code: code.clone(),
                })
                .execute(conn)?;
        }
        audit::append(
            conn,
            audit::Event {
                school_id: &class.school_id,
                actor_id: Some(&user.id),
                action: "optional_subjects.set",
                entity: "enrolment",
                entity_id: &enrolment_id,
                detail: serde_json::json!({"old": before, "new": after}),
            },
        )?;
    }
    choices(conn, user, class_id, pupil_id)
}
