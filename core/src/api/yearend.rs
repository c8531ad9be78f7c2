//! Request and response bodies of a pupil's year-end extras (cuối năm) besides the subject and
//! quality cells: days absent, height and weight, the individual result of a pupil with a
//! disability, the supplementary assessment (đánh giá bổ sung) and the principal's decision.
//! The rules are in [`crate::yearend`].

use crate::api::awards::{Award, Suggestion};
use crate::api::{ClassRef, PupilRef, RecordState};
use crate::levels::YearResult;
use crate::rules::Evaluation;
use crate::yearend::{Completion, Promotion};
use serde::{Deserialize, Serialize};

/// `PUT` of one pupil's year-end extras, as the teacher types them. Every field is replaced;
/// omitted or `null` clears it. Checked by [`crate::yearend::check_year_end`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "validate", derive(validator::Validate))]
pub struct YearEndInput {
    /// Số ngày nghỉ có phép (0–200).
    #[serde(default)]
    #[cfg_attr(feature = "validate", validate(range(max = 200)))]
    pub days_absent_excused: Option<u16>,
    /// Số ngày nghỉ không phép (0–200; with the excused days at most 200).
    #[serde(default)]
    #[cfg_attr(feature = "validate", validate(range(max = 200)))]
    pub days_absent_unexcused: Option<u16>,
    /// Chiều cao in cm, 50.0–200.0, at most one decimal.
    #[serde(default)]
    #[cfg_attr(feature = "validate", validate(range(min = 50.0, max = 200.0)))]
    pub height_cm: Option<f32>,
    /// Cân nặng in kg, 10.0–120.0, at most one decimal.
    #[serde(default)]
    #[cfg_attr(feature = "validate", validate(range(min = 10.0, max = 120.0)))]
    pub weight_kg: Option<f32>,
    /// "HTXS", "HTT", "HT" or "CHT": the result of a pupil with a disability assessed against
    /// the individual education plan; replaces the computed result. Refused for other pupils.
    #[serde(default)]
    #[cfg_attr(feature = "validate", validate(length(max = 10)))]
    pub manual_result: Option<String>,
    /// Why (which plan, which assessment); required with `manual_result`, at most 500
    /// characters after NFC normalisation and trimming.
    #[serde(default)]
    #[cfg_attr(feature = "validate", validate(length(max = 2000)))]
    pub manual_note: Option<String>,
    /// Result of the đánh giá bổ sung (after the summer support): "HT" or "CHT", only when the
    /// result (computed or manual) is CHT.
    #[serde(default)]
    #[cfg_attr(feature = "validate", validate(length(max = 10)))]
    pub supplementary_result: Option<String>,
    /// At most 500 characters; only with `supplementary_result`.
    #[serde(default)]
    #[cfg_attr(feature = "validate", validate(length(max = 2000)))]
    pub supplementary_note: Option<String>,
    /// The version the edit was based on; a different current version answers 409 (`stale`).
    /// Omitted: the write is not checked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base_version: Option<u32>,
}

/// `PUT /api/classes/{id}/year-end`: the extras of several pupils of the class (usually all of
/// them) written together in one transaction, or, when any value is refused, not at all (422
/// `validation` whose `errors` name every refused pupil and field).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ClassYearEndInput {
    /// At most one line per pupil.
    pub rows: Vec<PupilYearEndInput>,
}

/// One pupil's line of [`ClassYearEndInput`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PupilYearEndInput {
    pub pupil_id: String,
    pub year_end: YearEndInput,
}

/// One pupil's stored year-end extras.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct YearEnd {
    pub days_absent_excused: Option<u16>,
    pub days_absent_unexcused: Option<u16>,
    pub height_cm: Option<f32>,
    pub weight_kg: Option<f32>,
    pub manual_result: Option<YearResult>,
    pub manual_note: Option<String>,
    pub supplementary_result: Option<YearResult>,
    pub supplementary_note: Option<String>,
    /// Raised by every change; 0 when never written.
    #[serde(default)]
    pub version: u32,
}

/// The principal's decision for a pupil who has not completed the grade (Điều 11):
/// `POST` body of the decision endpoint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PromotionInput {
    /// `None` withdraws the decision.
    pub decision: Option<Promotion>,
}

/// The year-end outcome as the screens show it: the values that decide section 4 to 6 of the
/// học bạ page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct YearOutcome {
    /// Result of the rule of Điều 9 (`None` while values are missing).
    pub computed: Option<YearResult>,
    /// The result that counts: manual over computed, a supplementary result over a CHT.
    pub effective: Option<YearResult>,
    pub decision: Option<Promotion>,
    pub completion: Option<Completion>,
    /// The principal must decide lên lớp / ở lại lớp.
    pub decision_needed: bool,
    /// Short Vietnamese label of the completion for the screen.
    pub label: Option<String>,
    /// What section 6 of the học bạ prints.
    pub book_text: Option<String>,
}

/// One pupil's line of the year-end screen: `GET /api/classes/{id}/year-end` lists them, and
/// every write of the pupil's extras, decision or awards answers the line as it is now.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct YearEndRow {
    pub pupil: PupilRef,
    /// Khuyết tật: assessed against the individual education plan, so a manual result is allowed.
    pub has_disability: bool,
    /// The pupil transferred out during the year: the record is frozen and read only.
    pub transferred_out: bool,
    /// The stored extras; empty with version 0 when never written.
    pub year_end: YearEnd,
    /// Điều 9 on the saved cuối năm cells (what is missing, what holds the result).
    pub evaluation: Evaluation,
    /// The evaluation in one Vietnamese sentence.
    pub explanation: String,
    pub outcome: YearOutcome,
    /// Who took the principal's decision (full name), with `outcome.decision`.
    pub decided_by: Option<String>,
    pub awards: Vec<Award>,
    /// The year-end giấy khen the effective result suggests, unless the pupil has it already.
    pub suggestion: Option<Suggestion>,
}

/// `GET /api/classes/{id}/year-end`: every pupil of the class at the end of the year, with the
/// state of the class's cuối năm record (writes are refused once it is submitted or approved).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct YearEndView {
    pub class: ClassRef,
    pub state: RecordState,
    pub rows: Vec<YearEndRow>,
    /// The signed-in user may write the extras and awards (the class's homeroom teacher).
    #[serde(default)]
    pub may_write: bool,
}
