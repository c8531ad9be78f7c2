//! Classes of a school year as the administration sees them: grade (and second grade of a lớp
//! ghép), homeroom teacher, optional subjects and subject teachers.

use super::{log, staff, years};
use crate::auth::CurrentUser;
use crate::db::connection::AnyConnection;
use crate::db::models::{new_id, Class, ClassOptionalSubject, TeachingAssignment};
use crate::db::schema::{class_optional_subjects, classes, enrolments, teaching_assignments, users};
use crate::error::AppError;
use crate::messages;
use diesel::prelude::*;
use hocba_core::api::admin::{AssignmentInput, AssignmentView, ClassAdmin, ClassInput, OptionalSubject, StaffRef};
use hocba_core::catalogue;

pub fn find(conn: &mut AnyConnection, school_id: &str, id: &str) -> Result<Class, AppError> {
    classes::table
        .find(id)
        .filter(classes::school_id.eq(school_id))
        .select(Class::as_select())
        .first(conn)
        .optional()?
        .ok_or(AppError::NotFound)
}

/// The grades taught in a class: its grade and, for a lớp ghép, the second one.
pub fn grades(class: &Class) -> Result<Vec<u8>, crate::db::DbError> {
    let mut g = vec![class.grade()?];
    if let Some(c) = class.combined_grade {
        g.push(crate::db::models::grade_of("classes.combined_grade", c)?);
    }
    Ok(g)
}

/// The subject's name if some grade of the class has it.
fn subject_name(grades: &[u8], code: &str) -> Option<&'static str> {
    grades.iter().find_map(|g| catalogue::subject(*g, code)).map(|s| s.name)
}

fn staff_ref(conn: &mut AnyConnection, id: &str) -> Result<StaffRef, AppError> {
    let full_name: String = users::table.find(id).select(users::full_name).first(conn)?;
    Ok(StaffRef { id: id.to_string(), full_name })
}

pub fn view(conn: &mut AnyConnection, class: &Class) -> Result<ClassAdmin, AppError> {
    let pupil_count: i64 = enrolments::table
        .filter(enrolments::class_id.eq(&class.id))
        .filter(enrolments::status.ne("transferred_out"))
        .count()
        .get_result(conn)?;
    let optional: Vec<ClassOptionalSubject> = class_optional_subjects::table
        .filter(class_optional_subjects::class_id.eq(&class.id))
        .order(class_optional_subjects::subject_code.asc())
        .select(ClassOptionalSubject::as_select())
        .load(conn)?;
    let rows: Vec<(String, String, String)> = teaching_assignments::table
        .inner_join(users::table.on(users::id.eq(teaching_assignments::teacher_id)))
        .filter(teaching_assignments::class_id.eq(&class.id))
        .select((teaching_assignments::subject_code, users::id, users::full_name))
        .load(conn)?;
    let g = grades(class)?;
    let order = |code: &str| {
        g.iter()
            .flat_map(|grade| catalogue::subjects_for_grade(*grade))
            .position(|s| s.code == code)
            .unwrap_or(usize::MAX)
    };
    let mut assignments: Vec<AssignmentView> = rows
        .into_iter()
        .map(|(code, id, full_name)| AssignmentView {
            subject_name: subject_name(&g, &code).unwrap_or_default().to_string(),
            subject_code: code,
            teacher: StaffRef { id, full_name },
        })
        .collect();
    assignments.sort_by_key(|a| (order(&a.subject_code), a.teacher.full_name.clone()));
    let homeroom_teacher = match &class.homeroom_teacher_id {
        Some(id) => Some(staff_ref(conn, id)?),
        None => None,
    };
    Ok(ClassAdmin {
        id: class.id.clone(),
        school_year_id: class.school_year_id.clone(),
        name: class.name.clone(),
        grade: class.grade()?,
        combined_grade: class
            .combined_grade
            .map(|c| crate::db::models::grade_of("classes.combined_grade", c))
            .transpose()?,
        homeroom_teacher,
        pupil_count: crate::db::models::stored("count(enrolments)", pupil_count)?,
        optional_subjects: optional
            .into_iter()
            .map(|o| OptionalSubject { code: o.subject_code, language: o.language })
            .collect(),
        assignments,
    })
}

pub fn list(conn: &mut AnyConnection, school_id: &str, year_id: &str) -> Result<Vec<ClassAdmin>, AppError> {
    let year = years::find(conn, school_id, year_id)?;
    let list: Vec<Class> = classes::table
        .filter(classes::school_year_id.eq(&year.id))
        .order((classes::grade.asc(), classes::name.asc()))
        .select(Class::as_select())
        .load(conn)?;
    list.iter().map(|c| view(conn, c)).collect()
}

/// Checks a class input; answers the cleaned name and optional subjects.
fn checked(
    conn: &mut AnyConnection,
    school_id: &str,
    input: &ClassInput,
) -> Result<(String, Vec<OptionalSubject>), AppError> {
    crate::validation::limits(input)?;
    let name = super::required_text("name", &input.name, 20, messages::CLASS_NAME_REQUIRED)?;
    if !(1..=5).contains(&input.grade) {
        return Err(AppError::validation("grade", messages::GRADE_RANGE));
    }
    if let Some(c) = input.combined_grade {
        if !(1..=5).contains(&c) || c == input.grade {
            return Err(AppError::validation("combined_grade", messages::COMBINED_GRADE));
        }
    }
    if let Some(t) = &input.homeroom_teacher_id {
        staff::active_staff(conn, school_id, t, "homeroom_teacher_id")?;
    }
    let grades: Vec<u8> = std::iter::once(input.grade).chain(input.combined_grade).collect();
    let mut optional: Vec<OptionalSubject> = Vec::new();
    for o in &input.optional_subjects {
        let is_optional = grades.iter().any(|g| catalogue::subject(*g, &o.code).is_some_and(|s| s.optional));
        if !is_optional {
            return Err(AppError::validation("optional_subjects", messages::NOT_OPTIONAL_SUBJECT));
        }
        let language = super::optional_text("optional_subjects", o.language.as_deref(), 100)?;
        if o.code == "tieng_dan_toc" && language.is_none() {
            return Err(AppError::validation("optional_subjects", messages::LANGUAGE_REQUIRED));
        }
        if !optional.iter().any(|x| x.code == o.code) {
            optional.push(OptionalSubject { code: o.code.clone(), language });
        }
    }
    Ok((name, optional))
}

fn name_taken(conn: &mut AnyConnection, year_id: &str, name: &str, except: Option<&str>) -> Result<bool, AppError> {
    let ids: Vec<String> = classes::table
        .filter(classes::school_year_id.eq(year_id))
        .filter(classes::name.eq(name))
        .select(classes::id)
        .load(conn)?;
    Ok(ids.iter().any(|id| Some(id.as_str()) != except))
}

fn replace_optional(conn: &mut AnyConnection, class: &Class, list: &[OptionalSubject]) -> Result<(), AppError> {
    diesel::delete(class_optional_subjects::table.filter(class_optional_subjects::class_id.eq(&class.id)))
        .execute(conn)?;
    for o in list {
        diesel::insert_into(class_optional_subjects::table)
            .values(&ClassOptionalSubject {
                id: new_id(),
                school_id: class.school_id.clone(),
                class_id: class.id.clone(),
                subject_code: o.code.clone(),
                language: o.language.clone(),
            })
            .execute(conn)?;
    }
    Ok(())
}

/// Inserts a class row (used by the form and by the rollover).
pub fn insert(
    conn: &mut AnyConnection,
    school_id: &str,
    year_id: &str,
    name: &str,
    grade: u8,
    combined_grade: Option<u8>,
    homeroom: Option<String>,
) -> Result<Class, AppError> {
    let class = Class {
        id: new_id(),
        school_id: school_id.to_string(),
        school_year_id: year_id.to_string(),
        name: name.to_string(),
        grade: i16::from(grade),
        homeroom_teacher_id: homeroom,
        combined_grade: combined_grade.map(i16::from),
    };
    diesel::insert_into(classes::table).values(&class).execute(conn)?;
    Ok(class)
}

pub fn create(conn: &mut AnyConnection, user: &CurrentUser, input: &ClassInput) -> Result<ClassAdmin, AppError> {
    let year = years::find(conn, &user.school_id, &input.school_year_id)
        .map_err(|_| AppError::validation("school_year_id", messages::NOT_FOUND))?;
    let (name, optional) = checked(conn, &user.school_id, input)?;
    if name_taken(conn, &year.id, &name, None)? {
        return Err(AppError::validation("name", messages::CLASS_EXISTS));
    }
    let class = insert(
        conn,
        &user.school_id,
        &year.id,
        &name,
        input.grade,
        input.combined_grade,
        input.homeroom_teacher_id.clone(),
    )?;
    replace_optional(conn, &class, &optional)?;
    let v = view(conn, &class)?;
    log(conn, user, "class.create", "class", &class.id, serde_json::json!({ "class": v }))?;
    Ok(v)
}

pub fn update(
    conn: &mut AnyConnection,
    user: &CurrentUser,
    id: &str,
    input: &ClassInput,
) -> Result<ClassAdmin, AppError> {
    let class = find(conn, &user.school_id, id)?;
    let (name, optional) = checked(conn, &user.school_id, input)?;
    if name_taken(conn, &class.school_year_id, &name, Some(&class.id))? {
        return Err(AppError::validation("name", messages::CLASS_EXISTS));
    }
    let before = view(conn, &class)?;
    diesel::update(classes::table.find(&class.id))
        .set((
            classes::name.eq(&name),
            classes::grade.eq(i16::from(input.grade)),
            classes::combined_grade.eq(input.combined_grade.map(i16::from)),
            classes::homeroom_teacher_id.eq(&input.homeroom_teacher_id),
        ))
        .execute(conn)?;
    replace_optional(conn, &class, &optional)?;
    let updated = find(conn, &user.school_id, id)?;
    let after = view(conn, &updated)?;
    log(conn, user, "class.update", "class", &class.id, serde_json::json!({ "before": before, "after": after }))?;
    Ok(after)
}

/// Checks one assignment against the class's subjects; answers the subject code.
pub fn check_assignment(conn: &mut AnyConnection, class: &Class, a: &AssignmentInput) -> Result<(), AppError> {
    let g = grades(class)?;
    let offered: Vec<String> = class_optional_subjects::table
        .filter(class_optional_subjects::class_id.eq(&class.id))
        .select(class_optional_subjects::subject_code)
        .load(conn)?;
    let ok = g.iter().any(|grade| {
        catalogue::subject(*grade, &a.subject_code).is_some_and(|s| !s.optional || offered.iter().any(|o| o == s.code))
    });
    if !ok {
        return Err(AppError::validation("assignments", hocba_core::domain_text!(UNKNOWN_SUBJECT)));
    }
    staff::active_staff(conn, &class.school_id, &a.teacher_id, "assignments")?;
    Ok(())
}

/// Replaces the class's subject teachers.
pub fn set_assignments(
    conn: &mut AnyConnection,
    user: &CurrentUser,
    class_id: &str,
    list: &[AssignmentInput],
    confirm: bool,
) -> Result<ClassAdmin, AppError> {
    let class = find(conn, &user.school_id, class_id)?;
    for a in list {
        check_assignment(conn, &class, a)?;
    }
    let before = view(conn, &class)?.assignments;
    let emptied = list.is_empty() && !before.is_empty();
    if emptied && !confirm {
        return Err(AppError::conflict("confirm_required", crate::messages::EMPTY_ASSIGNMENTS));
    }
    diesel::delete(teaching_assignments::table.filter(teaching_assignments::class_id.eq(&class.id))).execute(conn)?;
    let mut seen = std::collections::BTreeSet::new();
    for a in list {
        if seen.insert((a.subject_code.clone(), a.teacher_id.clone())) {
            diesel::insert_into(teaching_assignments::table)
                .values(&TeachingAssignment {
                    id: new_id(),
                    school_id: class.school_id.clone(),
                    class_id: class.id.clone(),
                    teacher_id: a.teacher_id.clone(),
                    subject_code: a.subject_code.clone(),
                })
                .execute(conn)?;
        }
    }
    let after = view(conn, &class)?;
    log(
        conn,
        user,
        "class.assignments",
        "class",
        &class.id,
        serde_json::json!({ "before": before, "after": after.assignments, "emptied_confirmed": emptied }),
    )?;
    Ok(after)
}
