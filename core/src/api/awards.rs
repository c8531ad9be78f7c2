//! Request and response bodies of khen thưởng (TT27 Điều 13): the awards of one pupil in one
//! school year, printed in section 5 of the học bạ page. The rules are in [`crate::awards`].

use crate::awards::{AwardKind, AwardLevel};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// `POST`/`PUT` of one award, as typed. Checked by [`crate::awards::check_award`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "validate", derive(validator::Validate))]
pub struct AwardInput {
    /// `hoc_sinh_xuat_sac`, `hoc_sinh_tieu_bieu`, `dot_xuat` or `competition`.
    #[cfg_attr(feature = "validate", validate(length(max = 40)))]
    pub kind: String,
    /// What was won, e.g. "Giải Nhì Hội thi Viết chữ đẹp": required for `dot_xuat` and
    /// `competition` (at most 200 characters); ignored for the two giấy khen of the school,
    /// whose title is fixed.
    #[serde(default)]
    #[cfg_attr(feature = "validate", validate(length(max = 800)))]
    pub title: Option<String>,
    /// `school`, `commune`, `district`, `province`, `national`, `international` (or the
    /// Vietnamese name, e.g. "cấp huyện"): required for `dot_xuat` and `competition`; the two
    /// giấy khen of the school are `school`.
    #[serde(default)]
    #[cfg_attr(feature = "validate", validate(length(max = 40)))]
    pub level: Option<String>,
    /// dd/mm/yyyy (or ISO yyyy-mm-dd); not after today.
    #[serde(default)]
    #[cfg_attr(feature = "validate", validate(length(max = 30)))]
    pub awarded_on: Option<String>,
    /// Why: required for `hoc_sinh_tieu_bieu` (the outstanding subject or the clear progress
    /// the class recognised); at most 500 characters.
    #[serde(default)]
    #[cfg_attr(feature = "validate", validate(length(max = 2000)))]
    pub reason: Option<String>,
}

/// One stored award.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Award {
    pub id: String,
    pub kind: AwardKind,
    pub title: String,
    pub level: AwardLevel,
    /// ISO `YYYY-MM-DD`.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Date))]
    pub awarded_on: Option<NaiveDate>,
    pub reason: Option<String>,
    /// Who confirmed it (the homeroom teacher's name), once confirmed.
    pub confirmed_by: Option<String>,
}

/// An award the result suggests ([`crate::awards::suggest`]); the homeroom teacher confirms it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Suggestion {
    pub kind: AwardKind,
    /// The title the học bạ will print.
    pub title: String,
    /// The teacher must name the reason (the outstanding subject or the clear progress) before
    /// confirming: true for Học sinh Tiêu biểu.
    pub reason_required: bool,
    /// Vietnamese explanation for the teacher.
    pub note: String,
}
