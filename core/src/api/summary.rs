//! The Bảng tổng hợp kết quả đánh giá giáo dục of one class at one periodic point, as
//! [`crate::summary::summarise`] computes it. Every count comes with the number of girls, as
//! the official forms show "TS" (tổng số) and "Nữ".

use crate::awards::AwardKind;
use crate::catalogue::QualityKind;
use crate::period::Period;
use serde::{Deserialize, Serialize};

/// A number of pupils and how many of them are girls.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Count {
    /// TS.
    pub total: u32,
    /// Nữ.
    pub female: u32,
}

impl Count {
    /// Counts one pupil.
    pub fn tally(&mut self, female: bool) {
        self.total += 1;
        self.female += u32::from(female);
    }
}

impl std::ops::Add for Count {
    type Output = Count;

    fn add(self, other: Count) -> Count {
        Count { total: self.total + other.total, female: self.female + other.female }
    }
}

impl std::iter::Sum for Count {
    fn sum<I: Iterator<Item = Count>>(iter: I) -> Count {
        iter.fold(Count::default(), |a, b| a + b)
    }
}

/// The KTĐK scores of a subject tested at the period.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ScoreSummary {
    /// Pupils per score: index 0 is score 1, index 9 score 10.
    pub distribution: Vec<Count>,
    /// Score 9 or 10.
    pub from_9: Count,
    /// Score 7 or 8.
    pub from_7_to_8: Count,
    /// Score 5 or 6.
    pub from_5_to_6: Count,
    /// Below 5.
    pub below_5: Count,
    /// No score entered.
    pub missing: Count,
    /// Mean of the entered scores, rounded half up to one decimal; `None` without scores.
    pub average: Option<f64>,
}

/// One subject or activity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SubjectSummary {
    pub code: String,
    pub name: String,
    /// Hoàn thành tốt.
    pub t: Count,
    /// Hoàn thành.
    pub h: Count,
    /// Chưa hoàn thành.
    pub c: Count,
    /// No level entered.
    pub missing: Count,
    /// Only for a subject with a KTĐK at the period.
    pub scores: Option<ScoreSummary>,
}

/// One phẩm chất or năng lực.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QualitySummary {
    pub code: String,
    pub name: String,
    pub kind: QualityKind,
    /// Tốt.
    pub t: Count,
    /// Đạt.
    pub d: Count,
    /// Cần cố gắng.
    pub c: Count,
    pub missing: Count,
}

/// Pupils with at least one award of a kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AwardCount {
    pub kind: AwardKind,
    pub pupils: Count,
}

/// Year-end results (cuối năm only), by the effective result of each pupil.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ResultSummary {
    pub htxs: Count,
    pub htt: Count,
    pub ht: Count,
    pub cht: Count,
    /// No result yet (values missing).
    pub not_computed: Count,
    /// Hoàn thành chương trình lớp học (lớp 5: chương trình tiểu học): HTXS + HTT + HT.
    pub completed: Count,
    /// CHT, được lên lớp by the principal's decision.
    pub promoted_by_decision: Count,
    /// CHT, chưa được lên lớp (ở lại lớp).
    pub repeating: Count,
    /// CHT, the principal has not decided yet.
    pub awaiting_decision: Count,
    /// One line per [`AwardKind`], in its order.
    pub awards: Vec<AwardCount>,
}

/// `GET /api/classes/{id}/periods/{period}/summary`
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ClassSummary {
    pub class_name: String,
    pub grade: u8,
    pub period: Period,
    /// Pupils of the class (TS) and girls (Nữ).
    pub pupils: Count,
    /// Pupils of an ethnic minority (not Kinh, not foreign) and the girls among them.
    pub ethnic_minority: Count,
    pub subjects: Vec<SubjectSummary>,
    pub qualities: Vec<QualitySummary>,
    /// At cuối năm only.
    pub results: Option<ResultSummary>,
}
