//! `GET /api/dashboard`: the principal's view of the current school year: every class through the
//! four periodic points, the year-end results per grade, the subject levels per grade at the
//! latest point with data, and the pupils at risk. Computed by [`crate::dashboard`].

use super::{ClassRef, PupilRef, RecordStatus};
use crate::period::Period;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Dashboard {
    /// The current school year ("2025-2026"); `None` when the school has none.
    pub school_year: Option<String>,
    pub classes: Vec<ClassProgress>,
    pub grades: Vec<GradeFigures>,
    pub at_risk: Vec<AtRiskPupil>,
}

/// One class through the four periodic points.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ClassProgress {
    pub class: ClassRef,
    pub pupils: u32,
    pub periods: Vec<PeriodProgress>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PeriodProgress {
    pub period: Period,
    pub status: RecordStatus,
    /// Pupils with at least one empty required cell, and the empty cells.
    pub missing_pupils: u32,
    pub missing_cells: u32,
}

/// Year-end results of a set of pupils; `not_computed` while cells are missing.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ResultCounts {
    pub htxs: u32,
    pub htt: u32,
    pub ht: u32,
    pub cht: u32,
    pub not_computed: u32,
}

impl ResultCounts {
    pub fn total(&self) -> u32 {
        self.htxs + self.htt + self.ht + self.cht + self.not_computed
    }
}

/// Subject levels of the pupils assessed in a subject; `missing` have no level yet.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LevelCounts {
    pub t: u32,
    pub h: u32,
    pub c: u32,
    pub missing: u32,
}

impl LevelCounts {
    pub fn total(&self) -> u32 {
        self.t + self.h + self.c + self.missing
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SubjectLevels {
    pub code: String,
    pub name: String,
    pub levels: LevelCounts,
}

/// The figures of one grade (khối).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GradeFigures {
    pub grade: u8,
    pub pupils: u32,
    /// Year-end results from the cuối năm cells.
    pub results: ResultCounts,
    /// The latest periodic point at which any class of the grade has a subject level.
    pub latest_period: Option<Period>,
    /// Levels per subject at `latest_period` (empty when there is none).
    pub subjects: Vec<SubjectLevels>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RiskKind {
    /// Chưa hoàn thành (C) in a subject at the latest point with data.
    LevelC,
    /// Chưa hoàn thành chương trình lớp học at cuối năm.
    ResultCht,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RiskReason {
    pub kind: RiskKind,
    pub period: Period,
    /// The subject of a `level_c`.
    pub subject_code: Option<String>,
    pub subject_name: Option<String>,
    /// The reason in Vietnamese.
    pub text: String,
}

/// A pupil to follow up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AtRiskPupil {
    pub pupil: PupilRef,
    pub class: ClassRef,
    pub reasons: Vec<RiskReason>,
}
