//! Pupils: the profile (sơ yếu lí lịch), their place in the school, search and enrolment.
//! Creating or updating a pupil, by form or by spreadsheet, goes through [`checked`] and
//! [`save`], so both doors apply the same rules.

use super::{log, today};
use crate::auth::CurrentUser;
use crate::db::connection::AnyConnection;
use crate::db::models::{new_id, now, Class, Enrolment, Pupil, SchoolYear};
use crate::db::schema::{classes, enrolments, pupils, school_years};
use crate::error::AppError;
use crate::messages;
use crate::services::admin::{guardians, transfers};
use crate::services::classes::{current_year, roster_key};
use diesel::prelude::*;
use hocba_core::api::admin::{Gender, PupilInput, PupilProfile, PupilStatus, PupilSummary, RowAction};
use hocba_core::people::{self, format_date_iso, parse_iso_date};
use hocba_core::text::fold_diacritics;

/// Normalises (NFC, trimmed, canonical ethnicity, ISO dates) and validates a pupil; the first
/// problem becomes a 422 naming its field.
pub fn checked(input: PupilInput) -> Result<PupilInput, AppError> {
    crate::validation::limits(&input)?;
    let input = people::normalise_pupil(input);
    match people::validate_pupil(&input, today()).into_iter().next() {
        Some(problem) => Err(AppError::validation(problem.field, problem.message)),
        None => Ok(input),
    }
}

fn gender_of(text: &str) -> Option<Gender> {
    people::parse_gender(text)
}

/// The stored pupil as the API's input shape.
pub fn to_input(p: &Pupil, grade: Option<i16>, class_id: Option<String>) -> PupilInput {
    PupilInput {
        national_id: p.national_id.clone().unwrap_or_default(),
        full_name: p.full_name.clone(),
        gender: gender_of(&p.gender),
        birth_date: p.birth_date.map(format_date_iso),
        ethnicity: p.ethnicity.clone(),
        nationality: Some(p.nationality.clone()),
        birth_place: p.birth_place.clone(),
        home_town: p.home_town.clone(),
        address: p.address.clone(),
        father_name: p.father_name.clone(),
        mother_name: p.mother_name.clone(),
        guardian_name: p.guardian_name.clone(),
        registration_no: p.registration_no.clone(),
        entry_date: p.entry_date.map(format_date_iso),
        disability: p.disability,
        disability_plan: p.disability_plan.clone(),
        class_id,
        grade: grade.and_then(|g| u8::try_from(g).ok()),
    }
}

/// Copies a checked input onto a row.
fn fill(p: &mut Pupil, input: &PupilInput) {
    p.national_id = Some(input.national_id.clone());
    p.full_name = input.full_name.clone();
    p.gender = input.gender.map(people::gender_name).unwrap_or_default().to_string();
    p.birth_date = input.birth_date.as_deref().and_then(parse_iso_date);
    p.ethnicity = input.ethnicity.clone();
    p.nationality = input.nationality.clone().unwrap_or_else(|| people::VIETNAM.to_string());
    p.birth_place = input.birth_place.clone();
    p.home_town = input.home_town.clone();
    p.address = input.address.clone();
    p.father_name = input.father_name.clone();
    p.mother_name = input.mother_name.clone();
    p.guardian_name = input.guardian_name.clone();
    p.registration_no = input.registration_no.clone();
    p.entry_date = input.entry_date.as_deref().and_then(parse_iso_date);
    p.disability = input.disability;
    p.disability_plan = if input.disability { input.disability_plan.clone() } else { None };
}

fn empty_pupil(school_id: &str) -> Pupil {
    Pupil {
        id: new_id(),
        school_id: school_id.to_string(),
        national_id: None,
        full_name: String::new(),
        gender: String::new(),
        birth_date: None,
        ethnicity: String::new(),
        nationality: String::new(),
        birth_place: None,
        home_town: None,
        address: None,
        father_name: None,
        mother_name: None,
        guardian_name: None,
        registration_no: None,
        entry_date: None,
        created_at: now(),
        disability: false,
        disability_plan: None,
    }
}

pub fn by_national_id(conn: &mut AnyConnection, national_id: &str) -> Result<Option<Pupil>, AppError> {
    Ok(pupils::table.filter(pupils::national_id.eq(national_id)).select(Pupil::as_select()).first(conn).optional()?)
}

pub fn find(conn: &mut AnyConnection, school_id: &str, id: &str) -> Result<Pupil, AppError> {
    pupils::table
        .find(id)
        .filter(pupils::school_id.eq(school_id))
        .select(Pupil::as_select())
        .first(conn)
        .optional()?
        .ok_or(AppError::NotFound)
}

/// The pupil's enrolment in a class of the current year, if any.
pub fn current_enrolment(
    conn: &mut AnyConnection,
    school_id: &str,
    pupil_id: &str,
) -> Result<Option<(Enrolment, Class)>, AppError> {
    let Some(year) = current_year(conn, school_id)? else {
        return Ok(None);
    };
    Ok(enrolments::table
        .inner_join(classes::table)
        .filter(enrolments::pupil_id.eq(pupil_id))
        .filter(classes::school_year_id.eq(&year.id))
        .select((Enrolment::as_select(), Class::as_select()))
        .first(conn)
        .optional()?)
}

/// One enrolment of a pupil: (class_id, class_name, status, year_id, start_year).
type Placement = (String, String, String, String, i32);

/// Where a pupil stands, from their enrolments (any order): (status, current class).
fn status_from(enrolled: &[Placement], current_year: Option<&str>) -> (PupilStatus, Option<(String, String)>) {
    let mut latest: Option<&Placement> = None;
    for e in enrolled {
        if latest.is_none_or(|l| e.4 > l.4) {
            latest = Some(e);
        }
    }
    let Some(last) = latest else {
        return (PupilStatus::NotEnrolled, None);
    };
    match last.2.as_str() {
        "transferred_out" => (PupilStatus::TransferredOut, None),
        "graduated" => (PupilStatus::Graduated, None),
        "active" if Some(last.3.as_str()) == current_year => {
            (PupilStatus::Studying, Some((last.0.clone(), last.1.clone())))
        }
        _ => (PupilStatus::NotEnrolled, None),
    }
}

type EnrolmentFacts = (String, String, String, String, String, i32);

/// Enrolments of the school, or of one pupil of it.
fn enrolment_facts(
    conn: &mut AnyConnection,
    school_id: &str,
    pupil_id: Option<&str>,
) -> Result<Vec<EnrolmentFacts>, AppError> {
    let mut query = enrolments::table
        .inner_join(classes::table.inner_join(school_years::table))
        .filter(enrolments::school_id.eq(school_id))
        .into_boxed();
    if let Some(id) = pupil_id {
        query = query.filter(enrolments::pupil_id.eq(id));
    }
    Ok(query
        .select((
            enrolments::pupil_id,
            classes::id,
            classes::name,
            enrolments::status,
            school_years::id,
            school_years::start_year,
        ))
        .load(conn)?)
}

/// Filters of the pupil list.
#[derive(Debug, Default, Clone, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PupilFilter {
    /// Name or mã định danh; diacritics and case are ignored ("nguyen thi huong").
    pub q: Option<String>,
    pub class_id: Option<String>,
    pub status: Option<PupilStatus>,
}

pub fn list(conn: &mut AnyConnection, school_id: &str, filter: &PupilFilter) -> Result<Vec<PupilSummary>, AppError> {
    let year = current_year(conn, school_id)?;
    let year_id = year.as_ref().map(|y| y.id.as_str());
    let mut by_pupil: std::collections::HashMap<String, Vec<Placement>> = std::collections::HashMap::new();
    for (pupil_id, class_id, name, status, y, start) in enrolment_facts(conn, school_id, None)? {
        by_pupil.entry(pupil_id).or_default().push((class_id, name, status, y, start));
    }
    let needle = filter.q.as_deref().map(|q| fold_diacritics(&hocba_core::text::clean(q)).to_lowercase());
    let all: Vec<Pupil> =
        pupils::table.filter(pupils::school_id.eq(school_id)).select(Pupil::as_select()).load(conn)?;
    let mut out = Vec::new();
    for p in all {
        let (status, class) = status_from(by_pupil.get(&p.id).map(Vec::as_slice).unwrap_or_default(), year_id);
        if filter.status.is_some_and(|s| s != status) {
            continue;
        }
        if let Some(c) = &filter.class_id {
            let in_class = by_pupil.get(&p.id).is_some_and(|list| list.iter().any(|e| &e.0 == c));
            if !in_class {
                continue;
            }
        }
        if let Some(n) = needle.as_deref().filter(|n| !n.is_empty()) {
            let name = fold_diacritics(&p.full_name).to_lowercase();
            let id_match = p.national_id.as_deref().is_some_and(|id| id.contains(n));
            if !name.contains(n) && !id_match {
                continue;
            }
        }
        out.push(PupilSummary {
            id: p.id.clone(),
            national_id: p.national_id.clone().unwrap_or_default(),
            full_name: p.full_name.clone(),
            gender: gender_of(&p.gender),
            birth_date: p.birth_date.map(format_date_iso),
            ethnicity: p.ethnicity.clone(),
            class_id: class.as_ref().map(|c| c.0.clone()),
            class_name: class.map(|c| c.1),
            status,
        });
    }
    out.sort_by(|a, b| {
        (a.class_name.is_none(), &a.class_name, roster_key(&a.full_name)).cmp(&(
            b.class_name.is_none(),
            &b.class_name,
            roster_key(&b.full_name),
        ))
    });
    Ok(out)
}

pub fn profile(conn: &mut AnyConnection, school_id: &str, id: &str) -> Result<PupilProfile, AppError> {
    let p = find(conn, school_id, id)?;
    let year = current_year(conn, school_id)?;
    let facts: Vec<Placement> = enrolment_facts(conn, school_id, Some(&p.id))?
        .into_iter()
        .map(|(_, c, n, s, y, st)| (c, n, s, y, st))
        .collect();
    let (status, class) = status_from(&facts, year.as_ref().map(|y| y.id.as_str()));
    let grade = match &class {
        Some(_) => current_enrolment(conn, school_id, &p.id)?.and_then(|(e, _)| e.grade),
        None => None,
    };
    Ok(PupilProfile {
        id: p.id.clone(),
        data: to_input(&p, grade, class.as_ref().map(|c| c.0.clone())),
        status,
        class_name: class.map(|c| c.1),
        guardians: guardians::of_pupil(conn, &p.id)?,
        transfers: transfers::of_pupil(conn, &p.id)?,
        imported_years: super::imported_years::of_pupil(conn, &p.id)?,
    })
}

/// A class of the current year of the user's school, by id.
pub fn current_class(conn: &mut AnyConnection, school_id: &str, class_id: &str) -> Result<Class, AppError> {
    let year: Option<SchoolYear> = current_year(conn, school_id)?;
    let class: Option<Class> = classes::table
        .find(class_id)
        .filter(classes::school_id.eq(school_id))
        .select(Class::as_select())
        .first(conn)
        .optional()?;
    match (class, year) {
        (Some(c), Some(y)) if c.school_year_id == y.id => Ok(c),
        _ => Err(AppError::validation("class_id", messages::UNKNOWN_CLASS)),
    }
}

pub fn class_size(conn: &mut AnyConnection, class_id: &str) -> Result<usize, AppError> {
    let n: i64 = enrolments::table
        .filter(enrolments::class_id.eq(class_id))
        .filter(enrolments::status.ne("transferred_out"))
        .count()
        .get_result(conn)?;
    Ok(crate::db::models::stored("count(enrolments)", n)?)
}

/// The pupil's own grade, kept only when it differs from the class's (lớp ghép).
fn own_grade(class: &Class, grade: Option<u8>) -> Result<Option<i16>, AppError> {
    let Some(g) = grade else { return Ok(None) };
    let g = i16::from(g);
    if g == class.grade {
        Ok(None)
    } else if Some(g) == class.combined_grade {
        Ok(Some(g))
    } else {
        Err(AppError::validation("grade", messages::COMBINED_GRADE))
    }
}

pub fn enrol(conn: &mut AnyConnection, pupil: &Pupil, class: &Class, grade: Option<i16>) -> Result<(), AppError> {
    diesel::insert_into(enrolments::table)
        .values(&Enrolment {
            id: new_id(),
            school_id: pupil.school_id.clone(),
            pupil_id: pupil.id.clone(),
            class_id: class.id.clone(),
            grade,
            status: "active".into(),
        })
        .execute(conn)?;
    Ok(())
}

/// Creates or updates a pupil matched by mã định danh and, when `class` is given, makes sure
/// they are enrolled in it. The input must come from [`checked`]. Answers what was done.
pub fn save(
    conn: &mut AnyConnection,
    user: &CurrentUser,
    input: &PupilInput,
    class: Option<&Class>,
) -> Result<(Pupil, RowAction), AppError> {
    let existing = by_national_id(conn, &input.national_id)?;
    save_found(conn, user, input, class, existing)
}

/// [`save`] when the caller already looked the pupil up by mã định danh (an import does, for the
/// class size): `existing` is that answer.
pub fn save_found(
    conn: &mut AnyConnection,
    user: &CurrentUser,
    input: &PupilInput,
    class: Option<&Class>,
    existing: Option<Pupil>,
) -> Result<(Pupil, RowAction), AppError> {
    if existing.as_ref().is_some_and(|p| p.school_id != user.school_id) {
        return Err(AppError::validation("national_id", messages::NATIONAL_ID_TAKEN));
    }
    let grade = class.map(|c| own_grade(c, input.grade)).transpose()?.flatten();
    let (pupil, mut action) = match existing {
        Some(mut p) => {
            let before = to_input(&p, None, None);
            fill(&mut p, input);
            let after = to_input(&p, None, None);
            if before == after {
                (p, RowAction::Unchanged)
            } else {
                diesel::update(pupils::table.find(&p.id))
                    .set((
                        pupils::full_name.eq(&p.full_name),
                        pupils::gender.eq(&p.gender),
                        pupils::birth_date.eq(p.birth_date),
                        pupils::ethnicity.eq(&p.ethnicity),
                        pupils::nationality.eq(&p.nationality),
                        pupils::birth_place.eq(&p.birth_place),
                        pupils::home_town.eq(&p.home_town),
                        pupils::address.eq(&p.address),
                        pupils::father_name.eq(&p.father_name),
                        pupils::mother_name.eq(&p.mother_name),
                        pupils::guardian_name.eq(&p.guardian_name),
                        pupils::registration_no.eq(&p.registration_no),
                        pupils::entry_date.eq(p.entry_date),
                        pupils::disability.eq(p.disability),
                        pupils::disability_plan.eq(&p.disability_plan),
                    ))
                    .execute(conn)?;
                log(
                    conn,
                    user,
                    "pupil.update",
                    "pupil",
                    &p.id,
                    serde_json::json!({ "before": before, "after": after }),
                )?;
                (p, RowAction::Update)
            }
        }
        None => {
            // A new pupil: created and enrolled with one audit entry.
            let mut p = empty_pupil(&user.school_id);
            fill(&mut p, input);
            diesel::insert_into(pupils::table).values(&p).execute(conn)?;
            if let Some(class) = class {
                enrol(conn, &p, class, grade)?;
            }
            let detail = serde_json::json!({ "pupil": input, "class": class.map(|c| &c.name) });
            log(conn, user, "pupil.create", "pupil", &p.id, detail)?;
            return Ok((p, RowAction::Create));
        }
    };
    if let Some(class) = class {
        match current_enrolment(conn, &user.school_id, &pupil.id)? {
            Some((e, c)) if c.id == class.id => {
                if e.grade != grade {
                    diesel::update(enrolments::table.find(&e.id)).set(enrolments::grade.eq(grade)).execute(conn)?;
                    if action == RowAction::Unchanged {
                        action = RowAction::Update;
                    }
                }
            }
            Some((e, c)) if e.status == "active" => {
                return Err(AppError::validation("national_id", messages::national_id_elsewhere(&c.name)));
            }
            Some(_) => return Err(AppError::validation("national_id", messages::PUPIL_NOT_STUDYING)),
            None => {
                enrol(conn, &pupil, class, grade)?;
                log(conn, user, "pupil.enrol", "pupil", &pupil.id, serde_json::json!({ "class": class.name }))?;
                if action == RowAction::Unchanged {
                    action = RowAction::Update;
                }
            }
        }
    }
    Ok((pupil, action))
}

/// `POST /api/admin/pupils`: a new pupil enrolled in a class of the current year.
pub fn create(conn: &mut AnyConnection, user: &CurrentUser, input: PupilInput) -> Result<PupilProfile, AppError> {
    let input = checked(input)?;
    let class_id = input.class_id.clone().ok_or_else(|| AppError::validation("class_id", messages::UNKNOWN_CLASS))?;
    let class = current_class(conn, &user.school_id, &class_id)?;
    if by_national_id(conn, &input.national_id)?.is_some() {
        return Err(AppError::validation("national_id", messages::NATIONAL_ID_TAKEN));
    }
    let size = class_size(conn, &class.id)?;
    if size + 1 > hocba_core::roster::MAX_CLASS_SIZE {
        return Err(AppError::validation(
            "class_id",
            messages::class_full(&class.name, size + 1, hocba_core::roster::MAX_CLASS_SIZE),
        ));
    }
    let (pupil, _) = save(conn, user, &input, Some(&class))?;
    profile(conn, &user.school_id, &pupil.id)
}

/// `PUT /api/admin/pupils/{id}`: the profile; the class is not changed here.
pub fn update(
    conn: &mut AnyConnection,
    user: &CurrentUser,
    id: &str,
    input: PupilInput,
) -> Result<PupilProfile, AppError> {
    let current = find(conn, &user.school_id, id)?;
    let input = checked(input)?;
    if let Some(other) = by_national_id(conn, &input.national_id)? {
        if other.id != current.id {
            return Err(AppError::validation("national_id", messages::NATIONAL_ID_TAKEN));
        }
    }
    if current.national_id.as_deref() != Some(input.national_id.as_str()) {
        diesel::update(pupils::table.find(&current.id))
            .set(pupils::national_id.eq(&input.national_id))
            .execute(conn)?;
    }
    save(conn, user, &input, None)?;
    profile(conn, &user.school_id, id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_follows_the_latest_enrolment() {
        let e =
            |c: &str, s: &str, y: &str, start: i32| (c.to_string(), c.to_string(), s.to_string(), y.to_string(), start);
        assert_eq!(status_from(&[], Some("y2")).0, PupilStatus::NotEnrolled);
        let studying = [e("4A", "promoted", "y1", 2025), e("5A", "active", "y2", 2026)];
        assert_eq!(status_from(&studying, Some("y2")), (PupilStatus::Studying, Some(("5A".into(), "5A".into()))));
        let graduated = [e("4A", "promoted", "y1", 2025), e("5A", "graduated", "y2", 2026)];
        assert_eq!(status_from(&graduated, Some("y3")).0, PupilStatus::Graduated);
        let moved = [e("3A", "transferred_out", "y2", 2026)];
        assert_eq!(status_from(&moved, Some("y2")).0, PupilStatus::TransferredOut);
        let last_year = [e("3A", "active", "y1", 2025)];
        assert_eq!(status_from(&last_year, Some("y2")).0, PupilStatus::NotEnrolled);
    }
}
