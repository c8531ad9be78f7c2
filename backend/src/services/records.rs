//! A pupil's approved yearly records and the học bạ transcript built from them.

use crate::auth::CurrentUser;
use crate::db::connection::AnyConnection;
use crate::db::models::{Class, Pupil, School, SchoolYear};
use crate::db::schema::{classes, enrolments, period_records, school_years, schools, users};
use crate::error::AppError;
use crate::services::admin::imported_years;
use crate::services::grid::{evaluate, load_cells, Columns};
use crate::services::yearend;
use crate::services::{access, review};
use diesel::prelude::*;
use hocba_core::api::{PupilRef, PupilResults, RecordStatus};
use hocba_core::transcript::{HistoryLine, PupilIdentity, SchoolInfo, Transcript, YearRecord};
use hocba_core::Period;
use std::collections::HashMap;

struct Year {
    enrolment_id: String,
    class: Class,
    year: SchoolYear,
    /// The class's homeroom teacher's name.
    teacher_name: Option<String>,
    approved: Option<Approval>,
}

/// The class's cuối năm record as approved.
struct Approval {
    decided_by: Option<String>,
    decided_at: Option<chrono::NaiveDateTime>,
    principal_name: Option<String>,
}

/// The pupil's school years here, and whether years were imported from other schools (transfers
/// in): when the pupil has no year here this cannot be told, and `imported` is true.
struct Years {
    list: Vec<Year>,
    imported: bool,
}

/// The pupil's school years here (class and year), each with its homeroom teacher and its cuối
/// năm approval, and whether the pupil has imported years: one query whatever the number of years.
fn years(conn: &mut AnyConnection, pupil_id: &str) -> Result<Years, AppError> {
    use crate::db::schema::imported_years as imported;
    let (teachers, approvers) = diesel::alias!(users as teachers, users as approvers);
    let approval = period_records::class_id
        .eq(classes::id)
        .and(period_records::period.eq(Period::CuoiNam.code()))
        .and(period_records::status.eq(RecordStatus::Approved.code()));
    type Row = (
        String,
        Class,
        SchoolYear,
        Option<String>,
        Option<String>,
        Option<String>,
        Option<chrono::NaiveDateTime>,
        Option<String>,
        bool,
    );
    let rows: Vec<Row> = enrolments::table
        .inner_join(classes::table.inner_join(school_years::table))
        .left_join(teachers.on(classes::homeroom_teacher_id.eq(teachers.field(users::id).nullable())))
        .left_join(period_records::table.on(approval))
        .left_join(approvers.on(period_records::decided_by.eq(approvers.field(users::id).nullable())))
        .filter(enrolments::pupil_id.eq(pupil_id))
        .order(school_years::start_year.asc())
        .select((
            enrolments::id,
            Class::as_select(),
            SchoolYear::as_select(),
            teachers.field(users::full_name).nullable(),
            period_records::id.nullable(),
            period_records::decided_by.nullable(),
            period_records::decided_at.nullable(),
            approvers.field(users::full_name).nullable(),
            diesel::dsl::exists(imported::table.filter(imported::pupil_id.eq(pupil_id))),
        ))
        .load(conn)?;
    let imported = rows.first().is_none_or(|r| r.8);
    let list = rows
        .into_iter()
        .map(|(enrolment_id, class, year, teacher_name, record, decided_by, decided_at, principal_name, _)| Year {
            enrolment_id,
            class,
            year,
            teacher_name,
            approved: record.map(|_| Approval { decided_by, decided_at, principal_name }),
        })
        .collect();
    Ok(Years { list, imported })
}

/// What the approved years of a pupil need from the database, read once for all of them.
struct Loaded {
    taken: HashMap<String, Vec<String>>,
    cells: HashMap<String, crate::services::grid::PupilCells>,
    stored: yearend::Stored,
}

impl Loaded {
    fn read(conn: &mut AnyConnection, pupil_id: &str, years: &[&Year]) -> Result<Loaded, AppError> {
        let ids: Vec<String> = years.iter().map(|y| y.enrolment_id.clone()).collect();
        Ok(Loaded {
            taken: crate::services::grid::taken(conn, &ids)?,
            cells: load_cells(conn, &ids, Period::CuoiNam)?,
            stored: yearend::load_stored(conn, yearend::Whose::Pupil(pupil_id))?,
        })
    }
}

fn year_record(y: &Year, loaded: &mut Loaded) -> Result<Option<YearRecord>, AppError> {
    let Some(approval) = &y.approved else {
        return Ok(None);
    };
    let grade = y.class.grade()?;
    let taken = loaded.taken.remove(&y.enrolment_id).unwrap_or_default();
    let columns = Columns::for_pupil(grade, &taken);
    let (subject_cells, quality_cells) = loaded.cells.remove(&y.enrolment_id).unwrap_or_default();
    let evaluation = evaluate(&columns, &subject_cells, &quality_cells);
    let (subjects, qualities) = columns.lines(&subject_cells, &quality_cells);
    // The year-end extras: measures, days absent, the result as recorded, awards and completion.
    let record = loaded.stored.records.get(&y.enrolment_id);
    let extras = yearend::view_of(record)?;
    let outcome = hocba_core::yearend::outcome(grade, evaluation.result, &extras, yearend::decision_of(record));
    let awards = loaded.stored.award_views(&y.enrolment_id)?;
    Ok(Some(YearRecord {
        school_year: y.year.name.clone(),
        class_name: y.class.name.clone(),
        grade,
        homeroom_teacher: y.teacher_name.clone(),
        principal_name: approval.principal_name.clone(),
        subjects,
        qualities,
        final_result: outcome.effective.filter(|r| Some(*r) != evaluation.result),
        evaluation,
        approved_at: approval.decided_at.map(review::rfc3339),
        height_mm: record
            .and_then(|r| r.height_mm)
            .map(|v| crate::db::models::stored("year_end_records.height_mm", v))
            .transpose()?,
        weight_hg: record
            .and_then(|r| r.weight_hg)
            .map(|v| crate::db::models::stored("year_end_records.weight_hg", v))
            .transpose()?,
        days_absent_excused: extras.days_absent_excused,
        days_absent_unexcused: extras.days_absent_unexcused,
        awards: hocba_core::awards::award_lines(&awards),
        completion: outcome.book_text,
        source: None,
    }))
}

/// The records of the approved years, from one read of what they all need (a five-year record
/// costs the same handful of queries as a one-year one).
fn approved_years(conn: &mut AnyConnection, pupil_id: &str, list: &[Year]) -> Result<Vec<YearRecord>, AppError> {
    let approved: Vec<&Year> = list.iter().filter(|y| y.approved.is_some()).collect();
    if approved.is_empty() {
        return Ok(Vec::new());
    }
    let mut loaded = Loaded::read(conn, pupil_id, &approved)?;
    let mut out = Vec::with_capacity(approved.len());
    for y in approved {
        if let Some(r) = year_record(y, &mut loaded)? {
            out.push(r);
        }
    }
    Ok(out)
}

/// Approved results of a pupil the user may read (404 otherwise).
pub fn results(conn: &mut AnyConnection, user: &CurrentUser, pupil_id: &str) -> Result<PupilResults, AppError> {
    let pupil = access::readable_pupil(conn, user, pupil_id)?;
    let found = years(conn, &pupil.id)?;
    let own = approved_years(conn, &pupil.id, &found.list)?;
    let (years, _) = with_imported(conn, &pupil.id, found.imported, own, Vec::new())?;
    Ok(PupilResults { pupil: PupilRef { id: pupil.id.clone(), full_name: pupil.full_name.clone() }, years })
}

/// Adds the years imported from other schools (transfers in) to the school's own years and
/// quá trình học tập lines, in school-year order (`imported`: whether there may be any).
fn with_imported(
    conn: &mut AnyConnection,
    pupil_id: &str,
    imported: bool,
    mut years: Vec<YearRecord>,
    mut history: Vec<HistoryLine>,
) -> Result<(Vec<YearRecord>, Vec<HistoryLine>), AppError> {
    let found = match imported {
        true => imported_years::transcript_years(conn, pupil_id)?,
        false => Vec::new(),
    };
    for (year, line) in found {
        years.push(year);
        history.push(line);
    }
    years.sort_by(|a, b| a.school_year.cmp(&b.school_year));
    history.sort_by(|a, b| a.school_year.cmp(&b.school_year));
    Ok((years, history))
}

fn iso(d: Option<chrono::NaiveDate>) -> Option<String> {
    d.map(|d| d.format("%Y-%m-%d").to_string())
}

/// The whole học bạ of a pupil whose whole record the user may read (404 otherwise: a subject
/// teacher reads results, not the whole học bạ).
pub fn transcript(
    conn: &mut AnyConnection,
    user: &CurrentUser,
    pupil_id: &str,
    issued_on: chrono::NaiveDate,
) -> Result<Transcript, AppError> {
    let pupil: Pupil = access::readable_whole_record(conn, user, pupil_id)?;
    let school: School = schools::table.find(&pupil.school_id).select(School::as_select()).first(conn)?;
    let found = years(conn, &pupil.id)?;
    let own_history = found
        .list
        .iter()
        .map(|y| HistoryLine {
            school_year: y.year.name.clone(),
            class_name: y.class.name.clone(),
            school_name: school.name.clone(),
            registration_no: pupil.registration_no.clone(),
            entry_date: iso(pupil.entry_date),
        })
        .collect();
    let own = approved_years(conn, &pupil.id, &found.list)?;
    let (years, history) = with_imported(conn, &pupil.id, found.imported, own, own_history)?;
    Ok(Transcript {
        school: SchoolInfo {
            id: school.id.clone(),
            name: school.name.clone(),
            code: school.code.clone(),
            commune: school.commune.clone(),
            district: school.district.clone(),
            province: school.province.clone(),
            principal_name: school.principal_name.clone(),
        },
        pupil: PupilIdentity {
            id: pupil.id.clone(),
            national_id: pupil.national_id.clone(),
            full_name: pupil.full_name.clone(),
            gender: pupil.gender.clone(),
            birth_date: iso(pupil.birth_date),
            ethnicity: pupil.ethnicity.clone(),
            nationality: pupil.nationality.clone(),
            birth_place: pupil.birth_place.clone(),
            home_town: pupil.home_town.clone(),
            address: pupil.address.clone(),
            father_name: pupil.father_name.clone(),
            mother_name: pupil.mother_name.clone(),
            guardian_name: pupil.guardian_name.clone(),
        },
        history,
        years,
        issued_on: issued_on.format("%Y-%m-%d").to_string(),
    })
}

/// Who answers for an approved school year: the class's homeroom teacher and the principal who
/// approved its cuối năm record.
#[derive(Debug, Clone)]
pub struct YearSigners {
    pub school_year: String,
    pub teacher_id: Option<String>,
    pub principal_id: Option<String>,
}

/// The signers of each approved year of a pupil, oldest first.
pub fn year_signers(conn: &mut AnyConnection, pupil_id: &str) -> Result<Vec<YearSigners>, AppError> {
    Ok(years(conn, pupil_id)?
        .list
        .into_iter()
        .filter_map(|y| {
            y.approved.map(|approval| YearSigners {
                school_year: y.year.name.clone(),
                teacher_id: y.class.homeroom_teacher_id.clone(),
                principal_id: approval.decided_by,
            })
        })
        .collect())
}
