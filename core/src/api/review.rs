//! Bodies of the review endpoints beyond submit/return/approve: reopening one pupil of an
//! approved record, approving every submitted class of a periodic point at once, and the
//! in-app notifications.

use super::{ClassRef, PupilRef, RecordStatus};
use crate::period::Period;
use serde::{Deserialize, Serialize};

/// `POST /api/classes/{class_id}/periods/{period}/pupils/{pupil_id}/reopen`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReopenRequest {
    /// Why the pupil's approved record is reopened (required, at most 500 characters).
    pub reason: String,
}

/// One reopening of a pupil's approved record at a periodic point.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Reopening {
    pub id: String,
    pub pupil: PupilRef,
    pub period: Period,
    pub reason: String,
    pub reopened_by: Option<String>,
    /// RFC 3339, UTC.
    pub reopened_at: String,
    /// Who approved the pupil again, and when; `None` while the reopening is open.
    pub reapproved_by: Option<String>,
    pub reapproved_at: Option<String>,
}

impl Reopening {
    /// The pupil's cells are unlocked until the principal approves them again.
    pub fn is_open(&self) -> bool {
        self.reapproved_at.is_none()
    }
}

/// A class of the periodic point that is not submitted yet, with what it still lacks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IncompleteClass {
    pub class_id: String,
    pub class_name: String,
    pub status: RecordStatus,
    /// Pupils with at least one empty required cell.
    pub missing_pupils: u32,
    /// Empty required cells.
    pub missing_cells: u32,
}

/// `GET /api/reviews/approve-all/{period}`: what approving every submitted class would do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApproveAllPreview {
    pub period: Period,
    /// Submitted classes that would be approved.
    pub classes: u32,
    /// Pupils in those classes.
    pub pupils: u32,
    /// Classes still in draft or returned ("còn thiếu dữ liệu"), with their missing counts.
    pub incomplete: Vec<IncompleteClass>,
    /// "12 lớp, 384 học sinh, 3 lớp còn thiếu dữ liệu".
    pub message: String,
}

/// `POST /api/reviews/approve-all/{period}`: the classes approved, by id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApproveAllResult {
    pub approved: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum NotificationKind {
    /// For the homeroom teacher: the principal returned the record with a comment.
    Returned,
    /// For the principal: a record was submitted and waits for review.
    Submitted,
}

/// `GET /api/notifications`: one line of what waits for the signed-in user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Notification {
    pub kind: NotificationKind,
    pub class: ClassRef,
    pub period: Period,
    /// The principal's comment (returned).
    pub note: Option<String>,
    /// Who returned or submitted the record, and when (RFC 3339, UTC).
    pub by: Option<String>,
    pub at: Option<String>,
    /// The line to show, in Vietnamese.
    pub message: String,
}

/// `POST /api/classes/{class_id}/periods/{period}/approve`: the body is optional; without it (or
/// without `override_reason`) an approval is refused while the checklist has findings.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApproveRequest {
    /// Why the principal approves although the checklist has findings ("Duyệt dù còn thiếu"):
    /// not blank, at most 500 characters; written into the audit log with the findings' count.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub override_reason: Option<String>,
}

/// What a checklist finding says is missing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum FindingKind {
    /// Result HTXS or HTT, and no confirmed giấy khen of the kind the result suggests.
    AwardNotConfirmed,
    /// No height recorded.
    MissingHeight,
    /// No weight recorded.
    MissingWeight,
    /// Days absent (with or without leave) not recorded.
    MissingDaysAbsent,
    /// Result CHT without the đánh giá bổ sung.
    MissingSupplementary,
}

/// One finding of the checklist: a pupil and what the record lacks for them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChecklistFinding {
    pub pupil: PupilRef,
    pub kind: FindingKind,
    /// The pupil's effective year result, for [`FindingKind::AwardNotConfirmed`] and
    /// [`FindingKind::MissingSupplementary`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result: Option<crate::levels::YearResult>,
    /// What is missing, in Vietnamese (e.g. "Chưa có giấy khen Học sinh Xuất sắc đã xác nhận").
    pub message: String,
}

/// `GET /api/classes/{class_id}/periods/{period}/checklist`: what the principal should look at
/// before approving (only the cuối năm record has a checklist; other points answer none).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApprovalChecklist {
    pub period: Period,
    /// In roster order; for each pupil in the order of [`FindingKind`].
    pub findings: Vec<ChecklistFinding>,
    /// "Còn 3 điểm cần xem lại ở 2 học sinh", or that nothing is missing.
    pub message: String,
}
