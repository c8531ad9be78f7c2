//! Classes, their pupils and school years.

use crate::db::connection::AnyConnection;
use crate::db::models::{Class, Pupil, SchoolYear};
use crate::db::schema::{classes, enrolments, pupils, school_years, teaching_assignments, users};
use crate::error::AppError;
use diesel::prelude::*;
use hocba_core::api::{ClassRef, PupilRef};

pub fn class_ref(conn: &mut AnyConnection, class: &Class) -> Result<ClassRef, AppError> {
    let year: String = school_years::table.find(&class.school_year_id).select(school_years::name).first(conn)?;
    to_ref(class, &year)
}

/// The class as the API names it, with its school year's name.
pub fn to_ref(class: &Class, year: &str) -> Result<ClassRef, AppError> {
    Ok(ClassRef {
        id: class.id.clone(),
        name: class.name.clone(),
        grade: class.grade()?,
        school_year: year.to_string(),
    })
}

/// The school's current year.
pub fn current_year(conn: &mut AnyConnection, school_id: &str) -> Result<Option<SchoolYear>, AppError> {
    Ok(school_years::table
        .filter(school_years::school_id.eq(school_id))
        .filter(school_years::is_current.eq(true))
        .select(SchoolYear::as_select())
        .first(conn)
        .optional()?)
}

fn load_refs(conn: &mut AnyConnection, list: Vec<Class>) -> Result<Vec<ClassRef>, AppError> {
    let mut out = Vec::with_capacity(list.len());
    for c in &list {
        out.push(class_ref(conn, c)?);
    }
    Ok(out)
}

/// Classes of the current year that a teacher teaches (as homeroom or subject teacher).
pub fn teacher_classes(conn: &mut AnyConnection, school_id: &str, teacher_id: &str) -> Result<Vec<ClassRef>, AppError> {
    let Some(year) = current_year(conn, school_id)? else {
        return Ok(Vec::new());
    };
    let assigned = teaching_assignments::table
        .filter(teaching_assignments::teacher_id.eq(teacher_id))
        .select(teaching_assignments::class_id);
    let list = classes::table
        .filter(classes::school_year_id.eq(&year.id))
        .filter(classes::homeroom_teacher_id.eq(teacher_id).or(classes::id.eq_any(assigned)))
        .order((classes::grade.asc(), classes::name.asc()))
        .select(Class::as_select())
        .load(conn)?;
    load_refs(conn, list)
}

/// Every class of the school's current year.
pub fn school_classes(conn: &mut AnyConnection, school_id: &str) -> Result<Vec<Class>, AppError> {
    let Some(year) = current_year(conn, school_id)? else {
        return Ok(Vec::new());
    };
    Ok(classes::table
        .filter(classes::school_year_id.eq(&year.id))
        .order((classes::grade.asc(), classes::name.asc()))
        .select(Class::as_select())
        .load(conn)?)
}

pub fn school_class_refs(conn: &mut AnyConnection, school_id: &str) -> Result<Vec<ClassRef>, AppError> {
    let list = school_classes(conn, school_id)?;
    load_refs(conn, list)
}

/// Sort key of Vietnamese class lists: given name (last word) first, then the full name.
pub fn roster_key(full_name: &str) -> (String, String) {
    let given = full_name.split_whitespace().last().unwrap_or_default().to_lowercase();
    (given, full_name.to_lowercase())
}

/// The class's pupils with their enrolment ids, in roster order.
pub fn roster(conn: &mut AnyConnection, class_id: &str) -> Result<Vec<(String, Pupil)>, AppError> {
    let mut rows: Vec<(String, Pupil)> = enrolments::table
        .inner_join(pupils::table)
        .filter(enrolments::class_id.eq(class_id))
        .select((enrolments::id, Pupil::as_select()))
        .load(conn)?;
    rows.sort_by_key(|(_, p)| roster_key(&p.full_name));
    Ok(rows)
}

pub fn pupil_refs(conn: &mut AnyConnection, class_id: &str) -> Result<Vec<PupilRef>, AppError> {
    Ok(roster(conn, class_id)?.into_iter().map(|(_, p)| PupilRef { id: p.id, full_name: p.full_name }).collect())
}

/// Full name of a user, if there is one (`None` for no user).
pub fn user_name(conn: &mut AnyConnection, user_id: Option<&str>) -> Result<Option<String>, AppError> {
    match user_id {
        Some(id) => Ok(users::table.find(id).select(users::full_name).first(conn).optional()?),
        None => Ok(None),
    }
}

/// The full names of several users at once, by id (ids with no account are left out).
pub fn user_names(
    conn: &mut AnyConnection,
    ids: &[&str],
) -> Result<std::collections::HashMap<String, String>, AppError> {
    if ids.is_empty() {
        return Ok(std::collections::HashMap::new());
    }
    let rows: Vec<(String, String)> =
        users::table.filter(users::id.eq_any(ids)).select((users::id, users::full_name)).load(conn)?;
    Ok(rows.into_iter().collect())
}

/// A class of the school by name ("5A", matched ignoring case, spaces and diacritics) in the named
/// school year, or the current one.
pub fn by_name(
    conn: &mut AnyConnection,
    school_id: &str,
    name: &str,
    school_year: Option<&str>,
) -> Result<String, AppError> {
    let year: Option<SchoolYear> = match school_year {
        Some(y) => school_years::table
            .filter(school_years::school_id.eq(school_id))
            .filter(school_years::name.eq(y))
            .select(SchoolYear::as_select())
            .first(conn)
            .optional()?,
        None => current_year(conn, school_id)?,
    };
    let Some(year) = year else {
        return Err(match school_year {
            Some(_) => AppError::NotFound,
            None => AppError::conflict("no_current_year", crate::messages::NO_CURRENT_YEAR),
        });
    };
    let key = hocba_core::people::match_key(name);
    let list: Vec<(String, String)> =
        classes::table.filter(classes::school_year_id.eq(&year.id)).select((classes::id, classes::name)).load(conn)?;
    list.into_iter()
        .find(|(_, n)| hocba_core::people::match_key(n) == key)
        .map(|(id, _)| id)
        .ok_or_else(|| AppError::validation("class", crate::messages::unknown_class_name(name)))
}
