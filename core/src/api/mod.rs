//! Request and response bodies of the HTTP API, shared by backend and frontend.

pub mod admin;
pub mod awards;
pub mod comment_bank;
pub mod dashboard;
pub mod documents;
pub mod feedback;
pub mod review;
pub mod summary;
pub mod yearend;

/// The header the app sends with every API request. A state-changing request authenticated by
/// the session cookie must carry it or a JSON body: neither can come from another site's form, and
/// another site's script cannot add it without a CORS preflight the server never grants.
pub const CLIENT_HEADER: &str = "x-hocba-client";

pub use awards::{Award, AwardInput, Suggestion};
pub use comment_bank::{CommentBank, CommentBankQuery, NewComment, OwnComment};
pub use feedback::{ClassFeedback, NewReply, ParentReply, PeriodicResult, PupilFeedback, SeenBy};
pub use review::{
    ApprovalChecklist, ApproveAllPreview, ApproveAllResult, ApproveRequest, ChecklistFinding, FindingKind,
    IncompleteClass, Notification, NotificationKind, ReopenRequest, Reopening,
};
pub use summary::{ClassSummary, Count};
pub use yearend::{
    ClassYearEndInput, PromotionInput, PupilYearEndInput, YearEnd, YearEndInput, YearEndRow, YearEndView, YearOutcome,
};

use crate::catalogue::QualityKind;
use crate::levels::{QualityLevel, SubjectLevel};
use crate::period::Period;
use crate::rules::Evaluation;
use crate::transcript::YearRecord;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Admin,
    Principal,
    Teacher,
    Parent,
}

impl Role {
    pub fn code(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Principal => "principal",
            Role::Teacher => "teacher",
            Role::Parent => "parent",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        [Role::Admin, Role::Principal, Role::Teacher, Role::Parent].into_iter().find(|r| r.code() == code)
    }
}

/// Who holds which roles: the home (primary) role and every role of the account. The one place
/// that says what a set of roles allows, for the server's checks and the browser's screens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Roles<'a> {
    pub primary: Role,
    pub all: &'a [Role],
}

impl Roles<'_> {
    /// Whether the account holds `role`, as its home role or as one of the others.
    pub fn has(&self, role: Role) -> bool {
        self.primary == role || self.all.contains(&role)
    }

    /// Admins and principals run the school: years, classes, staff, pupils, signing.
    pub fn is_school_manager(&self) -> bool {
        self.has(Role::Admin) || self.has(Role::Principal)
    }

    /// Anyone but a parent.
    pub fn is_staff(&self) -> bool {
        !self.has(Role::Parent)
    }
}

#[cfg(test)]
mod role_tests {
    use super::{Role, Roles};

    #[test]
    fn roles_add_up() {
        let teacher = Roles { primary: Role::Teacher, all: &[Role::Teacher] };
        assert!(teacher.has(Role::Teacher) && !teacher.is_school_manager() && teacher.is_staff());
        let both = Roles { primary: Role::Teacher, all: &[Role::Teacher, Role::Principal] };
        assert!(both.is_school_manager());
        // An empty list (older tokens) still counts the home role.
        assert!(Roles { primary: Role::Admin, all: &[] }.is_school_manager());
        assert!(!Roles { primary: Role::Parent, all: &[Role::Parent] }.is_staff());
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LoginRequest {
    pub username: String,
    pub password: String,
}

/// `GET /api/auth/session`: who is signed in — `me` is null without a session (200 either way, so a
/// visitor of the public pages causes no error).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SessionState {
    pub me: Option<Me>,
}

/// `POST /api/auth/password`: the user's own new password.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChangePassword {
    pub current_password: String,
    /// At least 8 characters, not the username, not the current password.
    pub new_password: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LoginResponse {
    /// JWT for API clients (`Authorization: Bearer`); browsers use the HttpOnly cookie.
    pub token: String,
    pub me: Me,
}

/// The signed-in user as `GET /api/me` answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Me {
    pub id: String,
    pub username: String,
    pub full_name: String,
    /// The role the home page opens with.
    pub role: Role,
    /// Every role the user holds (a principal or admin can also teach).
    pub roles: Vec<Role>,
    pub school_name: String,
    /// Classes the user teaches (teachers) or every class of the current year (principal).
    pub classes: Vec<ClassRef>,
    /// The user's own children (parents).
    pub children: Vec<PupilRef>,
    /// The password was issued by someone else (a new account, a reset): the app asks for a new
    /// one before anything else, and the API refuses everything but `/api/me`, the password
    /// change and logout until then.
    #[serde(default)]
    pub must_change_password: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ClassRef {
    pub id: String,
    pub name: String,
    pub grade: u8,
    pub school_year: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PupilRef {
    pub id: String,
    pub full_name: String,
}

/// Review state of one class at one periodic point.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RecordStatus {
    /// No record yet: the teacher is entering it.
    #[default]
    Draft,
    Submitted,
    Returned,
    Approved,
}

impl RecordStatus {
    pub fn code(self) -> &'static str {
        match self {
            RecordStatus::Draft => "draft",
            RecordStatus::Submitted => "submitted",
            RecordStatus::Returned => "returned",
            RecordStatus::Approved => "approved",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        [RecordStatus::Draft, RecordStatus::Submitted, RecordStatus::Returned, RecordStatus::Approved]
            .into_iter()
            .find(|s| s.code() == code)
    }

    /// Teachers may write while the record is a draft or was returned to them.
    pub fn is_editable(self) -> bool {
        matches!(self, RecordStatus::Draft | RecordStatus::Returned)
    }
}

/// The state of a record; the default is a draft nobody has submitted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RecordState {
    pub status: RecordStatus,
    /// The principal's comment when returned.
    pub note: Option<String>,
    pub submitted_by: Option<String>,
    pub submitted_at: Option<String>,
    /// Who approved or returned it, and when (RFC 3339, UTC).
    pub decided_by: Option<String>,
    pub decided_at: Option<String>,
    /// Pupils of an approved record reopened by the principal (their cells may be corrected
    /// until approved again).
    #[serde(default)]
    pub reopened_pupils: Vec<String>,
    /// The principal's comments per pupil of the latest return (a returned record only).
    #[serde(default)]
    pub return_comments: Vec<PupilComment>,
}

/// The principal's comment on one pupil of a returned class record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PupilComment {
    pub pupil_id: String,
    pub comment: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SubjectColumn {
    pub code: String,
    pub name: String,
    /// A KTĐK score is entered at this periodic point.
    pub scored: bool,
    /// An optional subject the class offers: only the pupils who take it are assessed in it.
    #[serde(default)]
    pub optional: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QualityColumn {
    pub code: String,
    pub name: String,
    pub kind: QualityKind,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SubjectCell {
    pub level: Option<SubjectLevel>,
    pub score: Option<u8>,
    pub comment: Option<String>,
    /// Raised by every change; 0 for a cell never written. A write names the version it was based on.
    #[serde(default)]
    pub version: u32,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QualityCell {
    pub level: Option<QualityLevel>,
    pub comment: Option<String>,
    #[serde(default)]
    pub version: u32,
}

/// One pupil's row of the assessment grid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GridRow {
    pub pupil: PupilRef,
    pub subjects: BTreeMap<String, SubjectCell>,
    pub qualities: BTreeMap<String, QualityCell>,
    /// Year-end result (only at `cuoi_nam`).
    pub evaluation: Option<Evaluation>,
    /// The evaluation in one Vietnamese sentence.
    pub explanation: Option<String>,
    /// The optional subjects of the class the pupil takes.
    #[serde(default)]
    pub takes: Vec<String>,
}

/// `GET /api/classes/{id}/periods/{period}/grid`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GridView {
    pub class: ClassRef,
    pub period: Period,
    pub state: RecordState,
    pub subjects: Vec<SubjectColumn>,
    pub qualities: Vec<QualityColumn>,
    pub rows: Vec<GridRow>,
}

/// A cell as the teacher sends it; the whole cell is replaced. Levels are sent as typed
/// ("T", "H", "C"; "T", "Đ", "C") and scores as JSON numbers, and validated by the backend.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SubjectCellInput {
    pub subject: String,
    pub level: Option<String>,
    pub score: Option<f64>,
    pub comment: Option<String>,
    /// The cell's version the edit was based on; a different current version answers 409
    /// (`stale`, with the current cell). Omitted: the write is not checked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base_version: Option<u32>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QualityCellInput {
    pub code: String,
    pub level: Option<String>,
    pub comment: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base_version: Option<u32>,
}

/// `PUT /api/classes/{id}/periods/{period}/pupils/{pupil_id}`: cells to replace in one pupil's row.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RowUpdate {
    #[serde(default)]
    pub subjects: Vec<SubjectCellInput>,
    #[serde(default)]
    pub qualities: Vec<QualityCellInput>,
}

/// One pupil's cells in a bulk save.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BulkRow {
    pub pupil_id: String,
    #[serde(default)]
    pub subjects: Vec<SubjectCellInput>,
    #[serde(default)]
    pub qualities: Vec<QualityCellInput>,
}

/// `PUT /api/classes/{id}/periods/{period}/cells`: many pupils' cells, validated together and
/// saved all or nothing (an error names the cell as `rows[i].subjects.toan.score`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BulkUpdate {
    pub rows: Vec<BulkRow>,
}

/// Answer of a bulk save: the saved rows as the grid shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BulkResult {
    pub rows: Vec<GridRow>,
    /// Cells whose value changed.
    pub changed: u32,
}

/// `POST /api/classes/{id}/periods/{period}/return`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReturnRequest {
    /// The comment for the class; required unless at least one pupil comment is given.
    #[serde(default)]
    pub comment: String,
    /// Comments on single pupils of the class.
    #[serde(default)]
    pub pupil_comments: Vec<PupilComment>,
}

/// One line of the principal's review list (`GET /api/reviews`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReviewItem {
    pub class: ClassRef,
    pub period: Period,
    pub state: RecordState,
    pub pupil_count: u32,
    pub homeroom_teacher: Option<String>,
}

/// `GET /api/pupils/{id}/results`: approved yearly records, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PupilResults {
    pub pupil: PupilRef,
    pub years: Vec<YearRecord>,
}

/// Body of every error answer: `{"error": {"code", "message", "field"?}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorDetail {
    /// Stable machine code, e.g. `validation`, `locked`, `unauthenticated`, `not_found`.
    pub code: String,
    /// Vietnamese message for the user.
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub field: Option<String>,
    /// With `stale` (409): the cell as it is now, so the user can choose between both values.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub current: Option<serde_json::Value>,
    /// With `incomplete` (409, a submit with empty cells): each pupil and the cells still empty.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub missing: Option<Vec<PupilGaps>>,
    /// With `checklist` (409, an approval while the pre-approval checklist has findings and no
    /// `override_reason` was given): each pupil and what is missing.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub findings: Option<Vec<ChecklistFinding>>,
    /// With `validation` (422) from a write of several pupils at once: every refused value, each
    /// naming its pupil and field (nothing was written).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub errors: Option<Vec<PupilFieldError>>,
}

/// A value refused in a write of several pupils at once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PupilFieldError {
    pub pupil_id: String,
    /// The field as the single pupil's write names it, e.g. `height_cm`.
    pub field: String,
    pub message: String,
}

/// A pupil whose cells are still empty when the record is submitted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PupilGaps {
    pub pupil: PupilRef,
    /// The empty cells as the grid names its fields: `subjects.toan.level`, `subjects.toan.score`,
    /// `qualities.trung_thuc`.
    pub cells: Vec<String>,
    /// The same, as people read them: "Toán (mức)", "Toán (điểm)", "Trung thực".
    pub labels: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Health {
    pub status: String,
    pub version: String,
    pub database: String,
}

/// One change of a pupil's cell, from the audit trail (`GET …/pupils/{pupil_id}/history`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CellChange {
    /// When the server recorded it (RFC 3339, UTC).
    pub at: String,
    /// The same time as the school reads it (Vietnam time, `HH:MM dd/mm/yyyy`).
    pub at_local: String,
    /// Who made it (full name).
    pub by: String,
    /// `subject:toan` or `quality:cham_chi`.
    pub cell: String,
    /// The subject or quality name.
    pub cell_name: String,
    /// The cell before and after: `{level, score, comment}` (`null` before the first value).
    pub old: Option<serde_json::Value>,
    pub new: serde_json::Value,
    /// The browser that sent it, when it said so.
    pub device: Option<String>,
    /// When the teacher made the edit, if it waited in the offline queue (device clock).
    pub queued_at: Option<String>,
}

/// An optional subject a class offers, and whether the pupil takes it
/// (`GET|PUT /api/classes/{class_id}/pupils/{pupil_id}/optional-subjects`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OptionalSubjectChoice {
    pub code: String,
    pub name: String,
    /// For Tiếng dân tộc thiểu số: which language the class teaches (e.g. "Tiếng Mông").
    pub language: Option<String>,
    pub taken: bool,
}

/// `PUT /api/classes/{class_id}/pupils/{pupil_id}/optional-subjects`: the optional subjects the
/// pupil takes (among those the class offers); the others are dropped.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OptionalSubjectsInput {
    pub codes: Vec<String>,
}
