//! The assessment grid of a class at a periodic point, as read (writes: `grid_write`).

use crate::auth::CurrentUser;
use crate::db::connection::AnyConnection;
use crate::db::models::{stored, Pupil, QualityAssessment, SubjectAssessment};
use crate::db::schema::{class_optional_subjects, enrolment_subjects, quality_assessments, subject_assessments};
use crate::db::DbError;
use crate::error::AppError;
use crate::services::{access, classes, review};
use diesel::prelude::*;
use hocba_core::api::{GridRow, GridView, PupilRef, QualityCell, QualityColumn, SubjectCell, SubjectColumn};
use hocba_core::catalogue::{self, QualitySpec, SubjectSpec};
use hocba_core::rules::{self, Evaluation, SubjectColumnRef};
use hocba_core::transcript::{QualityLine, SubjectLine};
use hocba_core::{messages as domain_messages, Period, QualityLevel, SubjectLevel};
use std::collections::{BTreeMap, HashMap};

/// The subjects and qualities a class's grid shows.
pub struct Columns {
    pub subjects: Vec<SubjectSpec>,
    pub qualities: Vec<QualitySpec>,
}

impl Columns {
    /// The grade's required subjects (what every pupil is assessed in).
    pub fn for_grade(grade: u8) -> Columns {
        Columns::for_pupil(grade, &[])
    }

    /// The grade's required subjects and the optional ones in `taken`, in catalogue order: what a
    /// pupil is assessed in, and what their result counts.
    pub fn for_pupil(grade: u8, taken: &[String]) -> Columns {
        Columns {
            subjects: catalogue::subjects_for_grade(grade)
                .into_iter()
                .filter(|s| !s.optional || taken.iter().any(|t| t == s.code))
                .collect(),
            qualities: catalogue::qualities_and_competencies(grade),
        }
    }

    /// A pupil's cells as the record's lines: every column, with its level, score and comment
    /// (empty where nothing was entered).
    pub fn lines(
        &self,
        subject_cells: &BTreeMap<String, SubjectCell>,
        quality_cells: &BTreeMap<String, QualityCell>,
    ) -> (Vec<SubjectLine>, Vec<QualityLine>) {
        let subjects = self
            .subjects
            .iter()
            .map(|s| {
                let cell = subject_cells.get(s.code).cloned().unwrap_or_default();
                SubjectLine {
                    code: s.code.into(),
                    name: s.name.into(),
                    level: cell.level,
                    score: cell.score,
                    comment: cell.comment,
                }
            })
            .collect();
        let qualities = self
            .qualities
            .iter()
            .map(|q| {
                let cell = quality_cells.get(q.code).cloned().unwrap_or_default();
                QualityLine {
                    code: q.code.into(),
                    name: q.name.into(),
                    kind: q.kind,
                    level: cell.level,
                    comment: cell.comment,
                }
            })
            .collect();
        (subjects, qualities)
    }
}

/// The optional subjects the class offers, in catalogue order.
pub fn offered(conn: &mut AnyConnection, class_id: &str) -> Result<Vec<String>, AppError> {
    Ok(class_optional_subjects::table
        .filter(class_optional_subjects::class_id.eq(class_id))
        .select(class_optional_subjects::subject_code)
        .load(conn)?)
}

/// The optional subjects each enrolment takes (enrolments taking none are absent).
pub fn taken(conn: &mut AnyConnection, enrolment_ids: &[String]) -> Result<HashMap<String, Vec<String>>, AppError> {
    let rows: Vec<(String, String)> = enrolment_subjects::table
        .filter(enrolment_subjects::enrolment_id.eq_any(enrolment_ids))
        .select((enrolment_subjects::enrolment_id, enrolment_subjects::subject_code))
        .load(conn)?;
    let mut out: HashMap<String, Vec<String>> = HashMap::new();
    for (e, code) in rows {
        out.entry(e).or_default().push(code);
    }
    Ok(out)
}

/// Year-end evaluation of one pupil from the cuối năm cells (the rule: `core::rules::evaluate_row`).
pub fn evaluate(
    columns: &Columns,
    subjects: &BTreeMap<String, SubjectCell>,
    qualities: &BTreeMap<String, QualityCell>,
) -> Evaluation {
    rules::evaluate_row(
        columns.subjects.iter().map(|spec| SubjectColumnRef {
            code: spec.code,
            name: spec.name,
            scored: spec.is_scored_at(Period::CuoiNam),
        }),
        columns.qualities.iter().map(|spec| (spec.code, spec.name)),
        subjects,
        qualities,
    )
}

/// A stored level code, or an error naming the column when it is not a level.
fn level_of<L>(column: &'static str, code: Option<&str>, parse: fn(&str) -> Option<L>) -> Result<Option<L>, DbError> {
    code.map(|c| parse(c).ok_or_else(|| DbError::Damaged(format!("{column} = {c}")))).transpose()
}

/// A stored subject cell as the API shows it (a damaged stored value is an error, never 0).
pub fn subject_cell(a: &SubjectAssessment) -> Result<SubjectCell, DbError> {
    Ok(SubjectCell {
        level: level_of("subject_assessments.level", a.level.as_deref(), SubjectLevel::parse)?,
        score: a.score.map(|s| stored("subject_assessments.score", s)).transpose()?,
        comment: a.comment.clone(),
        version: stored("subject_assessments.version", a.version)?,
    })
}

/// A stored quality cell as the API shows it.
pub fn quality_cell(a: &QualityAssessment) -> Result<QualityCell, DbError> {
    Ok(QualityCell {
        level: level_of("quality_assessments.level", a.level.as_deref(), QualityLevel::parse)?,
        comment: a.comment.clone(),
        version: stored("quality_assessments.version", a.version)?,
    })
}

/// One pupil's cells at a period: subject cells and quality cells by code.
pub type PupilCells = (BTreeMap<String, SubjectCell>, BTreeMap<String, QualityCell>);

/// Cells of the given enrolments at some periods, by period and enrolment id (one read per
/// period: the index's `(enrolment_id, period)` prefix bounds each range).
pub fn cells_by_period(
    conn: &mut AnyConnection,
    enrolment_ids: &[String],
    periods: &[Period],
) -> Result<HashMap<Period, HashMap<String, PupilCells>>, AppError> {
    periods.iter().map(|&period| Ok((period, load_cells(conn, enrolment_ids, period)?))).collect()
}

/// Cells of the given enrolments at a period, keyed by enrolment id.
pub fn load_cells(
    conn: &mut AnyConnection,
    enrolment_ids: &[String],
    period: Period,
) -> Result<HashMap<String, PupilCells>, AppError> {
    let mut out: HashMap<String, PupilCells> = HashMap::new();
    let subjects: Vec<SubjectAssessment> = subject_assessments::table
        .filter(subject_assessments::enrolment_id.eq_any(enrolment_ids))
        .filter(subject_assessments::period.eq(period.code()))
        .select(SubjectAssessment::as_select())
        .load(conn)?;
    for a in &subjects {
        out.entry(a.enrolment_id.clone()).or_default().0.insert(a.subject_code.clone(), subject_cell(a)?);
    }
    let qualities: Vec<QualityAssessment> = quality_assessments::table
        .filter(quality_assessments::enrolment_id.eq_any(enrolment_ids))
        .filter(quality_assessments::period.eq(period.code()))
        .select(QualityAssessment::as_select())
        .load(conn)?;
    for a in &qualities {
        out.entry(a.enrolment_id.clone()).or_default().1.insert(a.quality_code.clone(), quality_cell(a)?);
    }
    Ok(out)
}

/// A pupil's row; `taken` are the optional subjects the pupil takes (the result counts them).
pub fn build_row(pupil: &Pupil, grade: u8, taken: &[String], period: Period, cells: Option<PupilCells>) -> GridRow {
    let (subjects, qualities) = cells.unwrap_or_default();
    let columns = Columns::for_pupil(grade, taken);
    let evaluation = (period == Period::CuoiNam).then(|| evaluate(&columns, &subjects, &qualities));
    let explanation = evaluation.as_ref().map(domain_messages::explain);
    GridRow {
        pupil: PupilRef { id: pupil.id.clone(), full_name: pupil.full_name.clone() },
        subjects,
        qualities,
        evaluation,
        explanation,
        takes: taken.to_vec(),
    }
}

/// The grid as the class's teachers and the principal see it.
pub fn load(
    conn: &mut AnyConnection,
    user: &CurrentUser,
    class_id: &str,
    period: Period,
) -> Result<GridView, AppError> {
    let views = load_periods(conn, user, class_id, &[period])?;
    Ok(views.into_iter().next().ok_or_else(|| anyhow::anyhow!("grid of {class_id}: no view"))?)
}

/// The grids of a class at some periodic points, from one read of what they share (the class, its
/// roster, optional subjects and year name), the review states of every point at once, and the
/// cells point by point.
pub fn load_periods(
    conn: &mut AnyConnection,
    user: &CurrentUser,
    class_id: &str,
    periods: &[Period],
) -> Result<Vec<GridView>, AppError> {
    let (class, _, year) = access::readable_class_in_year(conn, user, class_id)?;
    let grade = class.grade()?;
    let offered = offered(conn, &class.id)?;
    let columns = Columns::for_pupil(grade, &offered);
    let roster = classes::roster(conn, &class.id)?;
    let ids: Vec<String> = roster.iter().map(|(e, _)| e.clone()).collect();
    let mut cells = cells_by_period(conn, &ids, periods)?;
    let taken = taken(conn, &ids)?;
    let class_ref = classes::to_ref(&class, &year)?;
    let states = review::states(conn, &class.id, periods)?;
    let views = periods.iter().zip(states).map(|(&period, state)| {
        let mut cells = cells.remove(&period).unwrap_or_default();
        let rows = roster
            .iter()
            .map(|(e, p)| {
                let takes = taken.get(e).map(Vec::as_slice).unwrap_or_default();
                build_row(p, grade, takes, period, cells.remove(e))
            })
            .collect();
        GridView {
            class: class_ref.clone(),
            period,
            state,
            subjects: columns
                .subjects
                .iter()
                .map(|s| SubjectColumn {
                    code: s.code.into(),
                    name: s.name.into(),
                    scored: s.is_scored_at(period),
                    optional: s.optional,
                })
                .collect(),
            qualities: columns
                .qualities
                .iter()
                .map(|q| QualityColumn { code: q.code.into(), name: q.name.into(), kind: q.kind })
                .collect(),
            rows,
        }
    });
    Ok(views.collect())
}

/// (pupils with a gap, empty cells) of a grid.
pub fn missing_cells(view: &GridView) -> (usize, usize) {
    let gaps = hocba_core::completeness::gaps(view);
    (gaps.len(), gaps.iter().map(|p| p.cells.len()).sum())
}
