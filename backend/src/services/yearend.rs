//! A pupil's year end (cuối năm) besides the cells: the extras the homeroom teacher records
//! (days absent, height and weight, the manual and supplementary results), the principal's
//! decision, and the class's year-end screen. The rules are core's (`hocba_core::yearend`); this
//! module loads, authorises, stores and audits. Awards are in `services::awards`.

use crate::auth::CurrentUser;
use crate::db::connection::AnyConnection;
use crate::db::models::{new_id, now, AwardRecord, Class, Enrolment, Pupil, YearEndRecord};
use crate::db::schema::{awards, enrolments, pupils, users, year_end_records};
use crate::error::AppError;
use crate::messages;
use crate::services::grid::{self, Columns, PupilCells};
use crate::services::{access, audit, classes, review};
use diesel::prelude::*;
use hocba_core::api::{Award, PromotionInput, PupilRef, YearEnd, YearEndInput, YearEndRow, YearEndView};
use hocba_core::awards::{self as award_rules, AwardKind, AwardLevel};
use hocba_core::yearend::{self as rules, CheckedYearEnd, Promotion};
use hocba_core::{messages as domain_messages, Period, YearResult};
use std::collections::HashMap;

/// One pupil's year in a class, as loaded for a write.
pub struct PupilYear {
    pub class: Class,
    pub enrolment: Enrolment,
    pub pupil: Pupil,
}

impl PupilYear {
    /// The pupil's own grade (lớp ghép), else the class's.
    pub fn grade(&self) -> Result<u8, crate::db::DbError> {
        grade_of(&self.class, &self.enrolment)
    }
}

fn grade_of(class: &Class, enrolment: &Enrolment) -> Result<u8, crate::db::DbError> {
    crate::db::models::grade_of("enrolments.grade", enrolment.grade.unwrap_or(class.grade))
}

/// What the pupil is assessed in: the grade's required subjects and the optional ones they take.
fn columns(conn: &mut AnyConnection, class: &Class, enrolment_id: &str) -> Result<Columns, AppError> {
    let ids = [enrolment_id.to_string()];
    let taken = grid::taken(conn, &ids)?.remove(enrolment_id).unwrap_or_default();
    Ok(Columns::for_pupil(class.grade()?, &taken))
}

/// The class's enrolments with their pupils, in roster order.
pub fn members(conn: &mut AnyConnection, class_id: &str) -> Result<Vec<(Enrolment, Pupil)>, AppError> {
    let mut rows: Vec<(Enrolment, Pupil)> = enrolments::table
        .inner_join(pupils::table)
        .filter(enrolments::class_id.eq(class_id))
        .select((Enrolment::as_select(), Pupil::as_select()))
        .load(conn)?;
    rows.sort_by_key(|(_, p)| classes::roster_key(&p.full_name));
    Ok(rows)
}

pub fn pupil_year(conn: &mut AnyConnection, class: Class, pupil_id: &str) -> Result<PupilYear, AppError> {
    let (enrolment, pupil) = enrolments::table
        .inner_join(pupils::table)
        .filter(enrolments::class_id.eq(&class.id))
        .filter(enrolments::pupil_id.eq(pupil_id))
        .select((Enrolment::as_select(), Pupil::as_select()))
        .first(conn)
        .optional()?
        .ok_or(AppError::NotFound)?;
    if enrolment.status == "transferred_out" {
        return Err(AppError::conflict("transferred_out", messages::PUPIL_TRANSFERRED));
    }
    Ok(PupilYear { class, enrolment, pupil })
}

/// A pupil's year the user writes as the class's homeroom teacher: 404 for a class the user may
/// not read or a pupil outside it, 403 for anyone but the homeroom teacher, 409 for a pupil who
/// transferred out or while the cuối năm record is submitted or approved.
pub fn for_homeroom(
    conn: &mut AnyConnection,
    user: &CurrentUser,
    class_id: &str,
    pupil_id: &str,
) -> Result<PupilYear, AppError> {
    let (class, role) = access::readable_class(conn, user, class_id)?;
    if !access::may_write_year_end(user, &role) {
        return Err(AppError::Forbidden);
    }
    let year = pupil_year(conn, class, pupil_id)?;
    review::ensure_editable(conn, &year.class, Period::CuoiNam)?;
    Ok(year)
}

/// The stored year-end rows and awards of some enrolments, keyed by enrolment id, with the names
/// of the awards' confirmers and of the principals who decided a promotion.
#[derive(Default)]
pub struct Stored {
    pub records: HashMap<String, YearEndRecord>,
    pub awards: HashMap<String, Vec<AwardRecord>>,
    names: HashMap<String, String>,
}

impl Stored {
    /// The full name of a user named by a stored row.
    pub fn name(&self, id: Option<&str>) -> Option<String> {
        id.and_then(|id| self.names.get(id).cloned())
    }

    /// The awards of an enrolment as the API shows them, oldest first.
    pub fn award_views(&self, enrolment_id: &str) -> Result<Vec<Award>, AppError> {
        let list = self.awards.get(enrolment_id).map(Vec::as_slice).unwrap_or_default();
        list.iter().map(|a| award_view(a, self.name(a.confirmed_by.as_deref()))).collect()
    }
}

/// Whose year-end rows to read. Each is one parameter, not a list of enrolment ids: PostgreSQL
/// then keeps one generic plan for the statement, where with a list of unknown length it plans
/// the four joins again on every run (0.3–0.5 ms, more than the query itself).
#[derive(Debug, Clone, Copy)]
pub enum Whose<'a> {
    /// Every school year of a pupil.
    Pupil(&'a str),
    /// Every pupil of a class (those who left too).
    Class(&'a str),
    Enrolment(&'a str),
}

/// The year-end rows, awards and the names they refer to, in one query (an enrolment's row is
/// repeated beside each of its awards).
pub fn load_stored(conn: &mut AnyConnection, whose: Whose<'_>) -> Result<Stored, AppError> {
    let (confirmers, deciders) = diesel::alias!(users as confirmers, users as deciders);
    type Row = (Option<YearEndRecord>, Option<AwardRecord>, Option<String>, Option<String>);
    macro_rules! rows_where {
        ($filter:expr) => {
            enrolments::table
                .left_join(year_end_records::table)
                .left_join(awards::table)
                .left_join(confirmers.on(awards::confirmed_by.eq(confirmers.field(users::id).nullable())))
                .left_join(deciders.on(year_end_records::decided_by.eq(deciders.field(users::id).nullable())))
                .filter($filter)
                .order((awards::created_at.asc(), awards::id.asc()))
                .select((
                    Option::<YearEndRecord>::as_select(),
                    Option::<AwardRecord>::as_select(),
                    confirmers.field(users::full_name).nullable(),
                    deciders.field(users::full_name).nullable(),
                ))
                .load::<Row>(conn)?
        };
    }
    let rows = match whose {
        Whose::Pupil(id) => rows_where!(enrolments::pupil_id.eq(id)),
        Whose::Class(id) => rows_where!(enrolments::class_id.eq(id)),
        Whose::Enrolment(id) => rows_where!(enrolments::id.eq(id)),
    };
    let mut stored = Stored::default();
    for (record, award, confirmer, decider) in rows {
        if let Some(r) = record {
            if let (Some(id), Some(name)) = (r.decided_by.clone(), decider) {
                stored.names.insert(id, name);
            }
            stored.records.entry(r.enrolment_id.clone()).or_insert(r);
        }
        if let Some(a) = award {
            if let (Some(id), Some(name)) = (a.confirmed_by.clone(), confirmer) {
                stored.names.insert(id, name);
            }
            stored.awards.entry(a.enrolment_id.clone()).or_default().push(a);
        }
    }
    Ok(stored)
}

fn result_of(code: Option<&str>) -> Option<YearResult> {
    code.and_then(YearResult::parse)
}

/// The stored extras as the API shows them; empty with version 0 without a row.
pub fn view_of(record: Option<&YearEndRecord>) -> Result<YearEnd, crate::db::DbError> {
    use crate::db::models::stored;
    let Some(r) = record else {
        return Ok(YearEnd::default());
    };
    Ok(YearEnd {
        days_absent_excused: r
            .days_absent_excused
            .map(|d| stored("year_end_records.days_absent_excused", d))
            .transpose()?,
        days_absent_unexcused: r
            .days_absent_unexcused
            .map(|d| stored("year_end_records.days_absent_unexcused", d))
            .transpose()?,
        height_cm: r.height_mm.map(rules::from_tenths),
        weight_kg: r.weight_hg.map(rules::from_tenths),
        manual_result: result_of(r.manual_result.as_deref()),
        manual_note: r.manual_note.clone(),
        supplementary_result: result_of(r.supplementary_result.as_deref()),
        supplementary_note: r.supplementary_note.clone(),
        version: stored("year_end_records.version", r.version)?,
    })
}

pub fn decision_of(record: Option<&YearEndRecord>) -> Option<Promotion> {
    record.and_then(|r| r.decision.as_deref()).and_then(Promotion::from_code)
}

/// An award as the API shows it, with its confirmer's name.
pub fn award_view(a: &AwardRecord, confirmed_by: Option<String>) -> Result<Award, AppError> {
    let kind = AwardKind::from_code(&a.kind).ok_or_else(|| anyhow::anyhow!("award {}: kind {}", a.id, a.kind))?;
    let level = AwardLevel::parse(&a.level).ok_or_else(|| anyhow::anyhow!("award {}: level {}", a.id, a.level))?;
    Ok(Award {
        id: a.id.clone(),
        kind,
        title: a.title.clone(),
        level,
        awarded_on: a.awarded_on,
        reason: a.reason.clone(),
        confirmed_by,
    })
}

/// One pupil's line from the loaded cells and stored rows.
fn build_row(
    columns: &Columns,
    grade: u8,
    enrolment: &Enrolment,
    pupil: &Pupil,
    cells: Option<PupilCells>,
    stored: &Stored,
) -> Result<YearEndRow, AppError> {
    let (subjects, qualities) = cells.unwrap_or_default();
    let evaluation = grid::evaluate(columns, &subjects, &qualities);
    let record = stored.records.get(&enrolment.id);
    let year_end = view_of(record)?;
    let outcome = rules::outcome(grade, evaluation.result, &year_end, decision_of(record));
    let awards = stored.award_views(&enrolment.id)?;
    Ok(YearEndRow {
        pupil: PupilRef { id: pupil.id.clone(), full_name: pupil.full_name.clone() },
        has_disability: pupil.disability,
        transferred_out: enrolment.status == "transferred_out",
        explanation: domain_messages::explain(&evaluation),
        evaluation,
        suggestion: award_rules::open_suggestion(outcome.effective, &awards),
        decided_by: match outcome.decision {
            Some(_) => stored.name(record.and_then(|r| r.decided_by.as_deref())),
            None => None,
        },
        outcome,
        year_end,
        awards,
    })
}

/// `GET /api/classes/{id}/year-end`: the class's teachers and the school's managers.
pub fn view(conn: &mut AnyConnection, user: &CurrentUser, class_id: &str) -> Result<YearEndView, AppError> {
    let (class, role, year) = access::readable_class_in_year(conn, user, class_id)?;
    let list = members(conn, &class.id)?;
    let ids: Vec<String> = list.iter().map(|(e, _)| e.id.clone()).collect();
    let mut cells = grid::load_cells(conn, &ids, Period::CuoiNam)?;
    let mut taken = grid::taken(conn, &ids)?;
    let stored = load_stored(conn, Whose::Class(&class.id))?;
    let mut rows = Vec::with_capacity(list.len());
    for (e, p) in &list {
        let grade = grade_of(&class, e)?;
        let columns = Columns::for_pupil(class.grade()?, &taken.remove(&e.id).unwrap_or_default());
        rows.push(build_row(&columns, grade, e, p, cells.remove(&e.id), &stored)?);
    }
    Ok(YearEndView {
        class: classes::to_ref(&class, &year)?,
        state: review::state(conn, &class.id, Period::CuoiNam)?,
        rows,
        may_write: access::may_write_year_end(user, &role),
    })
}

/// The pupil's line as it is now.
pub fn row(conn: &mut AnyConnection, year: &PupilYear) -> Result<YearEndRow, AppError> {
    let ids = [year.enrolment.id.clone()];
    let cells = grid::load_cells(conn, &ids, Period::CuoiNam)?.remove(&year.enrolment.id);
    let stored = load_stored(conn, Whose::Enrolment(&year.enrolment.id))?;
    let columns = columns(conn, &year.class, &year.enrolment.id)?;
    build_row(&columns, year.grade()?, &year.enrolment, &year.pupil, cells, &stored)
}

/// The result of Điều 9 on the pupil's saved cuối năm cells.
pub fn computed(conn: &mut AnyConnection, year: &PupilYear) -> Result<Option<YearResult>, AppError> {
    let (subjects, qualities) = grid::load_cells(conn, std::slice::from_ref(&year.enrolment.id), Period::CuoiNam)?
        .remove(&year.enrolment.id)
        .unwrap_or_default();
    Ok(grid::evaluate(&columns(conn, &year.class, &year.enrolment.id)?, &subjects, &qualities).result)
}

/// The pupil's stored row, locked until the transaction ends on PostgreSQL (SQLite has one
/// writer at a time), so the version read stays true.
fn stored_record(conn: &mut AnyConnection, enrolment_id: &str) -> Result<Option<YearEndRecord>, AppError> {
    let query = year_end_records::table.filter(year_end_records::enrolment_id.eq(enrolment_id));
    Ok(match conn {
        AnyConnection::Postgresql(pg) => query.select(YearEndRecord::as_select()).for_update().first(pg).optional()?,
        AnyConnection::Sqlite(_) => query.select(YearEndRecord::as_select()).first(conn).optional()?,
    })
}

/// The effective result of the pupil (manual over computed, supplementary over a CHT).
pub fn effective(conn: &mut AnyConnection, year: &PupilYear) -> Result<Option<YearResult>, AppError> {
    let computed = computed(conn, year)?;
    let record = stored_record(conn, &year.enrolment.id)?;
    Ok(rules::effective_of(computed, &view_of(record.as_ref())?))
}

fn empty_record(year: &PupilYear) -> YearEndRecord {
    YearEndRecord {
        id: new_id(),
        school_id: year.class.school_id.clone(),
        enrolment_id: year.enrolment.id.clone(),
        days_absent_excused: None,
        days_absent_unexcused: None,
        height_mm: None,
        weight_hg: None,
        manual_result: None,
        manual_note: None,
        supplementary_result: None,
        supplementary_note: None,
        decision: None,
        decided_by: None,
        decided_at: None,
        version: 0,
        locked: false,
        updated_by: None,
        updated_at: now(),
    }
}

fn small(days: Option<u16>) -> Option<i16> {
    days.map(|d| i16::try_from(d).unwrap_or(i16::MAX))
}

fn set_extras(r: &mut YearEndRecord, c: &CheckedYearEnd) {
    r.days_absent_excused = small(c.days_absent_excused);
    r.days_absent_unexcused = small(c.days_absent_unexcused);
    r.height_mm = c.height_cm.map(rules::to_tenths);
    r.weight_hg = c.weight_kg.map(rules::to_tenths);
    r.manual_result = c.manual_result.map(|x| x.code().to_owned());
    r.manual_note = c.manual_note.clone();
    r.supplementary_result = c.supplementary_result.map(|x| x.code().to_owned());
    r.supplementary_note = c.supplementary_note.clone();
}

/// Stores `next` (a new row when `existing` is none) with the version raised and the writer.
fn save(
    conn: &mut AnyConnection,
    user: &CurrentUser,
    existing: Option<&YearEndRecord>,
    mut next: YearEndRecord,
) -> Result<(), AppError> {
    next.version = existing.map_or(1, |r| r.version + 1);
    next.updated_by = Some(user.id.clone());
    next.updated_at = now();
    match existing {
        Some(r) => diesel::update(year_end_records::table.find(&r.id)).set(&next).execute(conn)?,
        None => diesel::insert_into(year_end_records::table).values(&next).execute(conn)?,
    };
    Ok(())
}

fn log(
    conn: &mut AnyConnection,
    user: &CurrentUser,
    year: &PupilYear,
    action: &str,
    old: serde_json::Value,
    new: serde_json::Value,
) -> Result<(), AppError> {
    audit::append(
        conn,
        audit::Event {
            school_id: &year.class.school_id,
            actor_id: Some(&user.id),
            action,
            entity: "enrolment",
            entity_id: &year.enrolment.id,
            detail: serde_json::json!({"pupil_id": year.pupil.id, "old": old, "new": new}),
        },
    )
}

/// `PUT /api/classes/{id}/year-end/{pupil_id}`: the homeroom teacher replaces the extras.
pub fn write(
    conn: &mut AnyConnection,
    user: &CurrentUser,
    class_id: &str,
    pupil_id: &str,
    input: &YearEndInput,
) -> Result<YearEndRow, AppError> {
    let year = for_homeroom(conn, user, class_id, pupil_id)?;
    let computed = computed(conn, &year)?;
    let checked = rules::check_year_end(input, year.pupil.disability, computed)?;
    store(conn, user, &year, &checked)?;
    row(conn, &year)
}

/// Stores checked extras over the pupil's row, with its audit entry when anything changed; 409
/// `stale` (with the current value) when `base_version` is not the current version.
pub fn store(
    conn: &mut AnyConnection,
    user: &CurrentUser,
    year: &PupilYear,
    checked: &CheckedYearEnd,
) -> Result<(), AppError> {
    let existing = stored_record(conn, &year.enrolment.id)?;
    let current = view_of(existing.as_ref())?;
    if checked.base_version.is_some_and(|b| b != current.version) {
        return Err(AppError::Stale {
            field: "year_end".into(),
            message: messages::YEAR_END_CHANGED,
            current: serde_json::json!(current),
        });
    }
    let mut next = existing.clone().unwrap_or_else(|| empty_record(year));
    set_extras(&mut next, checked);
    let new = checked.to_view(current.version);
    if new != current {
        save(conn, user, existing.as_ref(), next)?;
        log(conn, user, year, "year_end.write", serde_json::json!(current), serde_json::json!(new))?;
    }
    Ok(())
}

/// `PUT /api/classes/{id}/year-end/{pupil_id}/decision`: the principal decides được lên lớp or
/// ở lại lớp for a pupil still CHT (or withdraws the decision), until the cuối năm record is
/// approved.
pub fn decide(
    conn: &mut AnyConnection,
    user: &CurrentUser,
    class_id: &str,
    pupil_id: &str,
    input: &PromotionInput,
) -> Result<YearEndRow, AppError> {
    let (class, _) = access::readable_class(conn, user, class_id)?;
    if !access::may_decide_promotion(user) {
        return Err(AppError::Forbidden);
    }
    let year = pupil_year(conn, class, pupil_id)?;
    review::ensure_not_approved(conn, &year.class, Period::CuoiNam)?;
    let computed = computed(conn, &year)?;
    let existing = stored_record(conn, &year.enrolment.id)?;
    let effective = rules::effective_of(computed, &view_of(existing.as_ref())?);
    if let Some(d) = input.decision {
        rules::check_decision(year.grade()?, effective, d)?;
    }
    let old = decision_of(existing.as_ref());
    if old != input.decision {
        let mut next = existing.clone().unwrap_or_else(|| empty_record(&year));
        next.decision = input.decision.map(|d| d.code().to_owned());
        next.decided_by = input.decision.map(|_| user.id.clone());
        next.decided_at = input.decision.map(|_| now());
        save(conn, user, existing.as_ref(), next)?;
        let json = |d: Option<Promotion>| serde_json::json!({"decision": d.map(Promotion::code)});
        log(conn, user, &year, "year_end.decision", json(old), json(input.decision))?;
    }
    row(conn, &year)
}

/// Locks the year-end rows and awards of a class (its cuối năm record was approved).
pub fn lock_class(conn: &mut AnyConnection, class_id: &str) -> Result<(), AppError> {
    let ids = enrolments::table.filter(enrolments::class_id.eq(class_id)).select(enrolments::id);
    diesel::update(
        year_end_records::table
            .filter(year_end_records::enrolment_id.eq_any(ids))
            .filter(year_end_records::locked.eq(false)),
    )
    .set(year_end_records::locked.eq(true))
    .execute(conn)?;
    let ids = enrolments::table.filter(enrolments::class_id.eq(class_id)).select(enrolments::id);
    diesel::update(awards::table.filter(awards::enrolment_id.eq_any(ids)).filter(awards::locked.eq(false)))
        .set(awards::locked.eq(true))
        .execute(conn)?;
    Ok(())
}

/// Locks one enrolment's year-end row and awards (the pupil transferred out).
pub fn lock_enrolment(conn: &mut AnyConnection, enrolment_id: &str) -> Result<(), AppError> {
    diesel::update(
        year_end_records::table
            .filter(year_end_records::enrolment_id.eq(enrolment_id))
            .filter(year_end_records::locked.eq(false)),
    )
    .set(year_end_records::locked.eq(true))
    .execute(conn)?;
    diesel::update(awards::table.filter(awards::enrolment_id.eq(enrolment_id)).filter(awards::locked.eq(false)))
        .set(awards::locked.eq(true))
        .execute(conn)?;
    Ok(())
}
