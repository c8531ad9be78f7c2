//! The assessment grid of a class at a periodic point: reading it, and writing one pupil's cells.

use crate::auth::CurrentUser;
use crate::db::connection::AnyConnection;
use crate::db::models::{new_id, now, Pupil, QualityAssessment, SubjectAssessment};
use crate::db::schema::{enrolments, pupils, quality_assessments, subject_assessments};
use crate::error::ApiError;
use crate::messages;
use crate::services::{access, audit, classes, review};
use diesel::prelude::*;
use hocba_core::api::{GridRow, GridView, PupilRef, QualityCell, QualityColumn, RowUpdate, SubjectCell, SubjectColumn};
use hocba_core::catalogue::{self, QualitySpec, SubjectSpec};
use hocba_core::rules::{self, Evaluation, QualityOutcome, SubjectOutcome};
use hocba_core::{messages as domain_messages, Period, QualityLevel, SubjectLevel};
use std::collections::{BTreeMap, HashMap};

const MAX_COMMENT_CHARS: usize = 1000;

/// The subjects and qualities a class's grid shows.
pub struct Columns {
    pub subjects: Vec<SubjectSpec>,
    pub qualities: Vec<QualitySpec>,
}

impl Columns {
    pub fn for_grade(grade: u8) -> Columns {
        Columns {
            subjects: catalogue::required_subjects(grade),
            qualities: catalogue::qualities_and_competencies(grade),
        }
    }
}

/// Year-end evaluation of one pupil from the cuối năm cells.
pub fn evaluate(
    columns: &Columns,
    subjects: &BTreeMap<String, SubjectCell>,
    qualities: &BTreeMap<String, QualityCell>,
) -> Evaluation {
    let s: Vec<SubjectOutcome<'_>> = columns
        .subjects
        .iter()
        .map(|spec| {
            let cell = subjects.get(spec.code);
            SubjectOutcome {
                code: spec.code,
                name: spec.name,
                level: cell.and_then(|c| c.level),
                scored: spec.is_scored_at(Period::CuoiNam),
                score: cell.and_then(|c| c.score),
            }
        })
        .collect();
    let q: Vec<QualityOutcome<'_>> = columns
        .qualities
        .iter()
        .map(|spec| QualityOutcome {
            code: spec.code,
            name: spec.name,
            level: qualities.get(spec.code).and_then(|c| c.level),
        })
        .collect();
    rules::evaluate_year(&s, &q)
}

fn subject_cell(a: &SubjectAssessment) -> SubjectCell {
    SubjectCell {
        level: a.level.as_deref().and_then(SubjectLevel::parse),
        score: a.score.and_then(|s| u8::try_from(s).ok()),
        comment: a.comment.clone(),
    }
}

fn quality_cell(a: &QualityAssessment) -> QualityCell {
    QualityCell { level: a.level.as_deref().and_then(QualityLevel::parse), comment: a.comment.clone() }
}

/// One pupil's cells at a period: subject cells and quality cells by code.
pub type PupilCells = (BTreeMap<String, SubjectCell>, BTreeMap<String, QualityCell>);

/// Cells of the given enrolments at a period, keyed by enrolment id.
pub fn load_cells(
    conn: &mut AnyConnection,
    enrolment_ids: &[String],
    period: Period,
) -> Result<HashMap<String, PupilCells>, ApiError> {
    let mut out: HashMap<String, PupilCells> = HashMap::new();
    let subjects: Vec<SubjectAssessment> = subject_assessments::table
        .filter(subject_assessments::enrolment_id.eq_any(enrolment_ids))
        .filter(subject_assessments::period.eq(period.code()))
        .select(SubjectAssessment::as_select())
        .load(conn)?;
    for a in &subjects {
        out.entry(a.enrolment_id.clone()).or_default().0.insert(a.subject_code.clone(), subject_cell(a));
    }
    let qualities: Vec<QualityAssessment> = quality_assessments::table
        .filter(quality_assessments::enrolment_id.eq_any(enrolment_ids))
        .filter(quality_assessments::period.eq(period.code()))
        .select(QualityAssessment::as_select())
        .load(conn)?;
    for a in &qualities {
        out.entry(a.enrolment_id.clone()).or_default().1.insert(a.quality_code.clone(), quality_cell(a));
    }
    Ok(out)
}

fn build_row(pupil: &Pupil, columns: &Columns, period: Period, cells: Option<PupilCells>) -> GridRow {
    let (subjects, qualities) = cells.unwrap_or_default();
    let evaluation = (period == Period::CuoiNam).then(|| evaluate(columns, &subjects, &qualities));
    let explanation = evaluation.as_ref().map(domain_messages::explain);
    GridRow {
        pupil: PupilRef { id: pupil.id.clone(), full_name: pupil.full_name.clone() },
        subjects,
        qualities,
        evaluation,
        explanation,
    }
}

/// The grid as the class's teachers and the principal see it.
pub fn load(
    conn: &mut AnyConnection,
    user: &CurrentUser,
    class_id: &str,
    period: Period,
) -> Result<GridView, ApiError> {
    let (class, _) = access::readable_class(conn, user, class_id)?;
    let grade = u8::try_from(class.grade).unwrap_or_default();
    let columns = Columns::for_grade(grade);
    let roster = classes::roster(conn, &class.id)?;
    let ids: Vec<String> = roster.iter().map(|(e, _)| e.clone()).collect();
    let mut cells = load_cells(conn, &ids, period)?;
    let rows = roster.iter().map(|(e, p)| build_row(p, &columns, period, cells.remove(e))).collect();
    Ok(GridView {
        class: classes::class_ref(conn, &class)?,
        period,
        state: review::state(conn, &class.id, period)?,
        subjects: columns
            .subjects
            .iter()
            .map(|s| SubjectColumn { code: s.code.into(), name: s.name.into(), scored: s.is_scored_at(period) })
            .collect(),
        qualities: columns
            .qualities
            .iter()
            .map(|q| QualityColumn { code: q.code.into(), name: q.name.into(), kind: q.kind })
            .collect(),
        rows,
    })
}

/// (pupils with a gap, empty cells) of a grid.
pub fn missing_cells(view: &GridView) -> (usize, usize) {
    let mut pupils = 0;
    let mut cells = 0;
    for row in &view.rows {
        let mut gaps = 0;
        for col in &view.subjects {
            let cell = row.subjects.get(&col.code);
            gaps += usize::from(cell.and_then(|c| c.level).is_none());
            gaps += usize::from(col.scored && cell.and_then(|c| c.score).is_none());
        }
        for col in &view.qualities {
            gaps += usize::from(row.qualities.get(&col.code).and_then(|c| c.level).is_none());
        }
        pupils += usize::from(gaps > 0);
        cells += gaps;
    }
    (pupils, cells)
}

/// A validated subject cell.
struct SubjectWrite {
    code: String,
    level: Option<SubjectLevel>,
    score: Option<u8>,
    comment: Option<String>,
}

struct QualityWrite {
    code: String,
    level: Option<QualityLevel>,
    comment: Option<String>,
}

fn clean_comment(field: &str, comment: Option<&str>) -> Result<Option<String>, ApiError> {
    let c = hocba_core::text::clean_opt(comment);
    if c.as_ref().is_some_and(|c| c.chars().count() > MAX_COMMENT_CHARS) {
        return Err(ApiError::validation(field, messages::COMMENT_TOO_LONG));
    }
    Ok(c)
}

fn validate(update: &RowUpdate, grade: u8, period: Period) -> Result<(Vec<SubjectWrite>, Vec<QualityWrite>), ApiError> {
    let mut subjects = Vec::new();
    for input in &update.subjects {
        let base = format!("subjects.{}", input.subject);
        let spec = catalogue::subject(grade, &input.subject)
            .filter(|s| !s.optional)
            .ok_or_else(|| ApiError::validation(&base, messages::UNKNOWN_SUBJECT))?;
        let level = match input.level.as_deref().map(str::trim).filter(|l| !l.is_empty()) {
            Some(l) => Some(SubjectLevel::parse(l).ok_or_else(|| {
                ApiError::validation(format!("{base}.level"), domain_messages::SUBJECT_LEVEL_INVALID)
            })?),
            None => None,
        };
        let score = match input.score {
            Some(_) if !spec.is_scored_at(period) => {
                return Err(ApiError::validation(format!("{base}.score"), domain_messages::SCORE_NOT_TESTED))
            }
            Some(v) => Some(
                rules::validate_score(v)
                    .map_err(|e| ApiError::validation(format!("{base}.score"), domain_messages::score_error(e)))?,
            ),
            None => None,
        };
        let comment = clean_comment(&format!("{base}.comment"), input.comment.as_deref())?;
        subjects.push(SubjectWrite { code: spec.code.to_string(), level, score, comment });
    }
    let mut qualities = Vec::new();
    for input in &update.qualities {
        let base = format!("qualities.{}", input.code);
        let spec = catalogue::quality(grade, &input.code)
            .ok_or_else(|| ApiError::validation(&base, messages::UNKNOWN_QUALITY))?;
        let level = match input.level.as_deref().map(str::trim).filter(|l| !l.is_empty()) {
            Some(l) => Some(QualityLevel::parse(l).ok_or_else(|| {
                ApiError::validation(format!("{base}.level"), domain_messages::QUALITY_LEVEL_INVALID)
            })?),
            None => None,
        };
        let comment = clean_comment(&format!("{base}.comment"), input.comment.as_deref())?;
        qualities.push(QualityWrite { code: spec.code.to_string(), level, comment });
    }
    Ok((subjects, qualities))
}

/// Replaces cells of one pupil's row; answers the recomputed row.
pub fn write_row(
    conn: &mut AnyConnection,
    user: &CurrentUser,
    class_id: &str,
    period: Period,
    pupil_id: &str,
    update: &RowUpdate,
) -> Result<GridRow, ApiError> {
    let (class, role) = access::readable_class(conn, user, class_id)?;
    let grade = u8::try_from(class.grade).unwrap_or_default();
    let (subjects, qualities) = validate(update, grade, period)?;
    if subjects.iter().any(|s| !access::may_write_subject(user, &role, &s.code))
        || (!qualities.is_empty() && !access::may_write_qualities(user, &role))
    {
        return Err(ApiError::Forbidden);
    }
    let enrolment_id: String = enrolments::table
        .filter(enrolments::class_id.eq(&class.id))
        .filter(enrolments::pupil_id.eq(pupil_id))
        .select(enrolments::id)
        .first(conn)
        .optional()?
        .ok_or(ApiError::NotFound)?;
    review::ensure_editable(conn, &class, period)?;
    let t = now();
    let mut changes = Vec::new();
    for w in &subjects {
        let existing: Option<SubjectAssessment> = subject_assessments::table
            .filter(subject_assessments::enrolment_id.eq(&enrolment_id))
            .filter(subject_assessments::period.eq(period.code()))
            .filter(subject_assessments::subject_code.eq(&w.code))
            .select(SubjectAssessment::as_select())
            .first(conn)
            .optional()?;
        let level = w.level.map(|l| l.code().to_string());
        let score = w.score.map(i16::from);
        match &existing {
            Some(a) => {
                if a.level == level && a.score == score && a.comment == w.comment {
                    continue;
                }
                diesel::update(subject_assessments::table.find(&a.id))
                    .set((
                        subject_assessments::level.eq(&level),
                        subject_assessments::score.eq(score),
                        subject_assessments::comment.eq(&w.comment),
                        subject_assessments::version.eq(a.version + 1),
                        subject_assessments::updated_by.eq(&user.id),
                        subject_assessments::updated_at.eq(t),
                    ))
                    .execute(conn)?;
            }
            None => {
                let row = SubjectAssessment {
                    id: new_id(),
                    school_id: class.school_id.clone(),
                    enrolment_id: enrolment_id.clone(),
                    period: period.code().to_string(),
                    subject_code: w.code.clone(),
                    level: level.clone(),
                    score,
                    comment: w.comment.clone(),
                    version: 1,
                    locked: false,
                    updated_by: Some(user.id.clone()),
                    updated_at: t,
                };
                diesel::insert_into(subject_assessments::table).values(&row).execute(conn)?;
            }
        }
        changes.push(serde_json::json!({
            "cell": format!("subject:{}", w.code),
            "old": existing.as_ref().map(|a| serde_json::json!({"level": a.level, "score": a.score, "comment": a.comment})),
            "new": {"level": level, "score": score, "comment": w.comment},
        }));
    }
    for w in &qualities {
        let existing: Option<QualityAssessment> = quality_assessments::table
            .filter(quality_assessments::enrolment_id.eq(&enrolment_id))
            .filter(quality_assessments::period.eq(period.code()))
            .filter(quality_assessments::quality_code.eq(&w.code))
            .select(QualityAssessment::as_select())
            .first(conn)
            .optional()?;
        let level = w.level.map(|l| l.code().to_string());
        match &existing {
            Some(a) => {
                if a.level == level && a.comment == w.comment {
                    continue;
                }
                diesel::update(quality_assessments::table.find(&a.id))
                    .set((
                        quality_assessments::level.eq(&level),
                        quality_assessments::comment.eq(&w.comment),
                        quality_assessments::version.eq(a.version + 1),
                        quality_assessments::updated_by.eq(&user.id),
                        quality_assessments::updated_at.eq(t),
                    ))
                    .execute(conn)?;
            }
            None => {
                let row = QualityAssessment {
                    id: new_id(),
                    school_id: class.school_id.clone(),
                    enrolment_id: enrolment_id.clone(),
                    period: period.code().to_string(),
                    quality_code: w.code.clone(),
                    level: level.clone(),
                    comment: w.comment.clone(),
                    version: 1,
                    locked: false,
                    updated_by: Some(user.id.clone()),
                    updated_at: t,
                };
                diesel::insert_into(quality_assessments::table).values(&row).execute(conn)?;
            }
        }
        changes.push(serde_json::json!({
            "cell": format!("quality:{}", w.code),
            "old": existing.as_ref().map(|a| serde_json::json!({"level": a.level, "comment": a.comment})),
            "new": {"level": level, "comment": w.comment},
        }));
    }
    if !changes.is_empty() {
        audit::append(
            conn,
            audit::Event {
                school_id: &class.school_id,
                actor_id: Some(&user.id),
                action: "assessment.write",
                entity: "enrolment",
                entity_id: &enrolment_id,
                detail: serde_json::json!({"period": period.code(), "changes": changes}),
            },
        )?;
    }
    let pupil: Pupil = pupils::table.find(pupil_id).select(Pupil::as_select()).first(conn)?;
    let mut cells = load_cells(conn, std::slice::from_ref(&enrolment_id), period)?;
    Ok(build_row(&pupil, &Columns::for_grade(grade), period, cells.remove(&enrolment_id)))
}
