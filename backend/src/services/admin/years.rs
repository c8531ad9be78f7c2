//! School years: open one, make one current.

use super::log;
use crate::auth::CurrentUser;
use crate::db::connection::AnyConnection;
use crate::db::models::{new_id, SchoolYear};
use crate::db::schema::{classes, school_years};
use crate::error::AppError;
use crate::messages;
use diesel::prelude::*;
use hocba_core::api::admin::{NewSchoolYear, SchoolYearView};

pub fn year_name(start_year: i32) -> String {
    format!("{start_year}-{}", start_year + 1)
}

fn view(conn: &mut AnyConnection, y: SchoolYear) -> Result<SchoolYearView, AppError> {
    let n: i64 = classes::table.filter(classes::school_year_id.eq(&y.id)).count().get_result(conn)?;
    Ok(SchoolYearView {
        id: y.id,
        name: y.name,
        start_year: y.start_year,
        is_current: y.is_current,
        class_count: crate::db::models::stored("count(classes)", n)?,
    })
}

pub fn list(conn: &mut AnyConnection, school_id: &str) -> Result<Vec<SchoolYearView>, AppError> {
    let years: Vec<SchoolYear> = school_years::table
        .filter(school_years::school_id.eq(school_id))
        .order(school_years::start_year.desc())
        .select(SchoolYear::as_select())
        .load(conn)?;
    years.into_iter().map(|y| view(conn, y)).collect()
}

pub fn find(conn: &mut AnyConnection, school_id: &str, id: &str) -> Result<SchoolYear, AppError> {
    school_years::table
        .find(id)
        .filter(school_years::school_id.eq(school_id))
        .select(SchoolYear::as_select())
        .first(conn)
        .optional()?
        .ok_or(AppError::NotFound)
}

pub fn by_start(conn: &mut AnyConnection, school_id: &str, start_year: i32) -> Result<Option<SchoolYear>, AppError> {
    Ok(school_years::table
        .filter(school_years::school_id.eq(school_id))
        .filter(school_years::start_year.eq(start_year))
        .select(SchoolYear::as_select())
        .first(conn)
        .optional()?)
}

/// Inserts a school year (not current).
pub fn insert(conn: &mut AnyConnection, school_id: &str, start_year: i32) -> Result<SchoolYear, AppError> {
    let y = SchoolYear {
        id: new_id(),
        school_id: school_id.to_string(),
        name: year_name(start_year),
        start_year,
        is_current: false,
    };
    diesel::insert_into(school_years::table).values(&y).execute(conn)?;
    Ok(y)
}

pub fn make_current_row(conn: &mut AnyConnection, school_id: &str, id: &str) -> Result<(), AppError> {
    diesel::update(school_years::table.filter(school_years::school_id.eq(school_id)))
        .set(school_years::is_current.eq(false))
        .execute(conn)?;
    diesel::update(school_years::table.find(id)).set(school_years::is_current.eq(true)).execute(conn)?;
    Ok(())
}

pub fn open(conn: &mut AnyConnection, user: &CurrentUser, input: &NewSchoolYear) -> Result<SchoolYearView, AppError> {
    crate::validation::limits(input)?;
    if !(2000..=2100).contains(&input.start_year) {
        return Err(AppError::validation("start_year", messages::YEAR_RANGE));
    }
    if by_start(conn, &user.school_id, input.start_year)?.is_some() {
        return Err(AppError::validation("start_year", messages::YEAR_EXISTS));
    }
    let y = insert(conn, &user.school_id, input.start_year)?;
    if input.make_current {
        make_current_row(conn, &user.school_id, &y.id)?;
    }
    log(
        conn,
        user,
        "year.open",
        "school_year",
        &y.id,
        serde_json::json!({ "name": y.name, "current": input.make_current }),
    )?;
    let y = find(conn, &user.school_id, &y.id)?;
    view(conn, y)
}

/// Makes a year the current one; going back to a year before the current one asks first (409
/// `confirm_required` unless `confirm`), and the audit entry says it was confirmed.
pub fn make_current(
    conn: &mut AnyConnection,
    user: &CurrentUser,
    id: &str,
    confirm: bool,
) -> Result<SchoolYearView, AppError> {
    let y = find(conn, &user.school_id, id)?;
    let current: Option<SchoolYear> = school_years::table
        .filter(school_years::school_id.eq(&user.school_id))
        .filter(school_years::is_current.eq(true))
        .select(SchoolYear::as_select())
        .first(conn)
        .optional()?;
    let back_to_past = current.as_ref().is_some_and(|c| y.start_year < c.start_year);
    if back_to_past && !confirm {
        let now = current.map(|c| c.name).unwrap_or_default();
        return Err(AppError::conflict("confirm_required", messages::past_year_current(&y.name, &now)));
    }
    make_current_row(conn, &user.school_id, &y.id)?;
    log(
        conn,
        user,
        "year.current",
        "school_year",
        &y.id,
        serde_json::json!({ "name": y.name, "past_year_confirmed": back_to_past }),
    )?;
    let y = find(conn, &user.school_id, id)?;
    view(conn, y)
}
