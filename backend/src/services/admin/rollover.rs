//! Year rollover: from a year's classes, next year's classes and enrolments in one action
//! (planned by `hocba_core::rollover`, previewed first). This year's enrolments end as
//! promoted, repeated or graduated; graduates keep their records, and their parents' access.

use super::{classes as class_admin, log, years};
use crate::auth::CurrentUser;
use crate::db::connection::AnyConnection;
use crate::db::models::{new_id, Class, Enrolment};
use crate::db::schema::{classes, enrolments, pupils};
use crate::error::AppError;
use crate::messages;
use crate::services::classes::roster_key;
use diesel::prelude::*;
use hocba_core::api::admin::{PupilMove, RolloverPlan};
use hocba_core::rollover::{self, ClassIn, PupilIn};
use std::collections::BTreeSet;

/// The year's classes with their active pupils, as the planner takes them.
fn classes_in(conn: &mut AnyConnection, year_id: &str) -> Result<(Vec<ClassIn>, Vec<Enrolment>), AppError> {
    let list: Vec<Class> = classes::table
        .filter(classes::school_year_id.eq(year_id))
        .order((classes::grade.asc(), classes::name.asc()))
        .select(Class::as_select())
        .load(conn)?;
    let mut out = Vec::new();
    let mut all = Vec::new();
    for c in list {
        let mut rows: Vec<(Enrolment, String)> = enrolments::table
            .inner_join(pupils::table)
            .filter(enrolments::class_id.eq(&c.id))
            .select((Enrolment::as_select(), pupils::full_name))
            .load(conn)?;
        rows.sort_by_key(|(_, name)| roster_key(name));
        let mut pupils_in = Vec::new();
        for (e, full_name) in rows {
            if e.status == "active" {
                pupils_in.push(PupilIn {
                    id: e.pupil_id.clone(),
                    full_name,
                    grade: crate::db::models::grade_of("enrolments.grade", e.grade.unwrap_or(c.grade))?,
                });
            }
            all.push(e);
        }
        out.push(ClassIn {
            id: c.id.clone(),
            name: c.name.clone(),
            grade: c.grade()?,
            combined_grade: c
                .combined_grade
                .map(|g| crate::db::models::grade_of("classes.combined_grade", g))
                .transpose()?,
            pupils: pupils_in,
        });
    }
    Ok((out, all))
}

fn planned(
    conn: &mut AnyConnection,
    user: &CurrentUser,
    year_id: &str,
    repeaters: &[String],
) -> Result<(Vec<ClassIn>, Vec<Enrolment>, rollover::Plan, i32), AppError> {
    let year = years::find(conn, &user.school_id, year_id)?;
    let (list, all) = classes_in(conn, &year.id)?;
    if all.iter().any(|e| matches!(e.status.as_str(), "promoted" | "repeated" | "graduated")) {
        return Err(AppError::conflict("rollover_done", messages::ROLLOVER_DONE));
    }
    let known: BTreeSet<&str> = list.iter().flat_map(|c| c.pupils.iter().map(|p| p.id.as_str())).collect();
    if let Some(bad) = repeaters.iter().find(|r| !known.contains(r.as_str())) {
        return Err(AppError::validation(format!("repeaters.{bad}"), messages::UNKNOWN_PUPIL_IN_YEAR));
    }
    let set: BTreeSet<String> = repeaters.iter().cloned().collect();
    let plan = rollover::plan(&list, &set);
    if let Some(name) = plan.name_clashes().first() {
        return Err(AppError::validation("repeaters", messages::rollover_name_clash(name)));
    }
    Ok((list, all, plan, year.start_year + 1))
}

/// `POST /api/admin/years/{id}/rollover/preview`
pub fn preview(
    conn: &mut AnyConnection,
    user: &CurrentUser,
    year_id: &str,
    repeaters: &[String],
) -> Result<RolloverPlan, AppError> {
    let (list, _, plan, next) = planned(conn, user, year_id, repeaters)?;
    Ok(plan.to_api(&list, &years::year_name(next)))
}

/// `POST /api/admin/years/{id}/rollover`: applies the plan and makes next year current.
pub fn apply(
    conn: &mut AnyConnection,
    user: &CurrentUser,
    year_id: &str,
    repeaters: &[String],
) -> Result<RolloverPlan, AppError> {
    let (list, all, plan, next) = planned(conn, user, year_id, repeaters)?;
    let target = match years::by_start(conn, &user.school_id, next)? {
        Some(y) => y,
        None => years::insert(conn, &user.school_id, next)?,
    };
    let mut created: std::collections::HashMap<String, Class> = std::collections::HashMap::new();
    for (name, grade, combined) in &plan.new_classes {
        let existing: Option<Class> = classes::table
            .filter(classes::school_year_id.eq(&target.id))
            .filter(classes::name.eq(name))
            .select(Class::as_select())
            .first(conn)
            .optional()?;
        let class = match existing {
            Some(c) if c.grade == i16::from(*grade) => c,
            Some(_) => return Err(AppError::validation("repeaters", messages::rollover_name_clash(name))),
            None => class_admin::insert(conn, &user.school_id, &target.id, name, *grade, *combined, None)?,
        };
        created.insert(name.clone(), class);
    }
    for m in &plan.moves {
        let old = all
            .iter()
            .find(|e| e.pupil_id == m.pupil_id && e.class_id == m.from_class_id)
            .ok_or_else(|| anyhow::anyhow!("enrolment of a planned pupil vanished"))?;
        let status = match m.action {
            PupilMove::Promote => "promoted",
            PupilMove::Repeat => "repeated",
            PupilMove::Graduate => "graduated",
        };
        diesel::update(enrolments::table.find(&old.id)).set(enrolments::status.eq(status)).execute(conn)?;
        if let (Some(name), Some(grade)) = (&m.to_class, m.to_grade) {
            let class = created.get(name).ok_or_else(|| anyhow::anyhow!("planned class {name} missing"))?;
            let own = if class.grade == i16::from(grade) { None } else { Some(i16::from(grade)) };
            diesel::insert_into(enrolments::table)
                .values(&Enrolment {
                    id: new_id(),
                    school_id: user.school_id.clone(),
                    pupil_id: m.pupil_id.clone(),
                    class_id: class.id.clone(),
                    grade: own,
                    status: "active".into(),
                })
                .execute(conn)?;
        }
    }
    years::make_current_row(conn, &user.school_id, &target.id)?;
    log(
        conn,
        user,
        "year.rollover",
        "school_year",
        year_id,
        serde_json::json!({
            "to_year": target.name,
            "promoted": plan.promoted,
            "repeating": plan.repeating,
            "graduating": plan.graduating,
            "repeaters": repeaters,
        }),
    )?;
    let mut view = plan.to_api(&list, &target.name);
    view.applied = true;
    Ok(view)
}
