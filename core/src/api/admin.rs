//! Request and response bodies of the school administration API (`/api/admin/...`): school
//! profile, school years and classes, staff, pupils, parents, rollover, transfers and the
//! spreadsheet import/export reports. Only the admin and the principal reach these routes.

use crate::api::Role;
use serde::{Deserialize, Serialize};
#[cfg(feature = "validate")]
use validator::Validate;

/// `GET/PUT /api/admin/school`. Administrative levels are free lines because the 2025 reform
/// removed the district level: an empty `district` is simply not printed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "validate", derive(validator::Validate))]
pub struct SchoolProfile {
    #[cfg_attr(feature = "validate", validate(length(max = 200)))]
    pub name: String,
    /// Mã trường.
    #[cfg_attr(feature = "validate", validate(length(max = 20)))]
    pub code: String,
    #[cfg_attr(feature = "validate", validate(length(max = 200)))]
    pub commune: String,
    #[serde(default)]
    #[cfg_attr(feature = "validate", validate(length(max = 200)))]
    pub district: String,
    #[cfg_attr(feature = "validate", validate(length(max = 200)))]
    pub province: String,
    #[cfg_attr(feature = "validate", validate(length(max = 100)))]
    pub principal_name: String,
    /// Read only: a logo was uploaded (`PUT /api/admin/school/logo`, shown at `GET /api/school/logo`).
    #[serde(default)]
    pub has_logo: bool,
}

/// `GET /api/admin/years`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SchoolYearView {
    pub id: String,
    /// "2026-2027"
    pub name: String,
    pub start_year: i32,
    pub is_current: bool,
    pub class_count: u32,
}

/// `POST /api/admin/years`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "validate", derive(validator::Validate))]
pub struct NewSchoolYear {
    #[cfg_attr(feature = "validate", validate(range(min = 2000, max = 2100)))]
    pub start_year: i32,
    #[serde(default)]
    pub make_current: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffRef {
    pub id: String,
    pub full_name: String,
}

/// An optional subject the class offers: Ngoại ngữ 1 (`ngoai_ngu_1`, grades 1–2) or Tiếng dân
/// tộc thiểu số (`tieng_dan_toc`, with the language named, e.g. "Tiếng H'Mông").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "validate", derive(validator::Validate))]
pub struct OptionalSubject {
    #[cfg_attr(feature = "validate", validate(length(max = 40)))]
    pub code: String,
    #[serde(default)]
    #[cfg_attr(feature = "validate", validate(length(max = 100)))]
    pub language: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AssignmentView {
    pub subject_code: String,
    pub subject_name: String,
    pub teacher: StaffRef,
}

/// `GET /api/admin/years/{year_id}/classes`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ClassAdmin {
    pub id: String,
    pub school_year_id: String,
    pub name: String,
    pub grade: u8,
    /// Second grade of a lớp ghép (one class with pupils of two grades).
    pub combined_grade: Option<u8>,
    pub homeroom_teacher: Option<StaffRef>,
    pub pupil_count: u32,
    pub optional_subjects: Vec<OptionalSubject>,
    pub assignments: Vec<AssignmentView>,
}

/// `POST /api/admin/classes`, `PUT /api/admin/classes/{id}`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "validate", derive(validator::Validate))]
pub struct ClassInput {
    pub school_year_id: String,
    #[cfg_attr(feature = "validate", validate(length(max = 20)))]
    pub name: String,
    #[cfg_attr(feature = "validate", validate(range(min = 1, max = 5)))]
    pub grade: u8,
    #[serde(default)]
    #[cfg_attr(feature = "validate", validate(range(min = 1, max = 5)))]
    pub combined_grade: Option<u8>,
    #[serde(default)]
    pub homeroom_teacher_id: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "validate", validate(length(max = 2), nested))]
    pub optional_subjects: Vec<OptionalSubject>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AssignmentInput {
    pub subject_code: String,
    pub teacher_id: String,
}

/// `PUT /api/admin/classes/{id}/assignments`: replaces the class's subject teachers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AssignmentsInput {
    pub assignments: Vec<AssignmentInput>,
    /// Emptying a class's assignments (every subject teacher loses the class) is refused with 409
    /// `confirm_required` unless this is true.
    #[serde(default)]
    pub confirm: bool,
}

/// The body of an action that asks first (409 `confirm_required`), sent again with `confirm: true`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Confirmation {
    #[serde(default)]
    pub confirm: bool,
}

/// `GET /api/admin/staff`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffView {
    pub id: String,
    pub username: String,
    pub full_name: String,
    /// Admin, principal and/or teacher: one person can hold several.
    pub roles: Vec<Role>,
    pub phone: Option<String>,
    pub active: bool,
}

/// `POST /api/admin/staff`, `PUT /api/admin/staff/{id}`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "validate", derive(validator::Validate))]
pub struct StaffInput {
    #[cfg_attr(feature = "validate", validate(length(max = 40)))]
    pub username: String,
    #[cfg_attr(feature = "validate", validate(length(max = 100)))]
    pub full_name: String,
    #[cfg_attr(feature = "validate", validate(length(max = 3)))]
    pub roles: Vec<Role>,
    #[serde(default)]
    #[cfg_attr(feature = "validate", validate(length(max = 20)))]
    pub phone: Option<String>,
}

/// Answer to creating an account or resetting its password: the one-time password to hand over.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IssuedPassword {
    pub user_id: String,
    pub username: String,
    pub password: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Gender {
    Nam,
    Nu,
}

/// Where a pupil stands in the school.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PupilStatus {
    /// Enrolled in a class of the current year.
    Studying,
    /// Transferred to another school; the record is frozen for hand-over.
    TransferredOut,
    /// Completed grade 5.
    Graduated,
    /// Not enrolled in the current year (e.g. before the rollover is applied).
    NotEnrolled,
}

/// Everything the school keeps about a pupil (sơ yếu lý lịch of the học bạ). Dates are ISO
/// `YYYY-MM-DD`. `POST /api/admin/pupils`, `PUT /api/admin/pupils/{id}`, `GET /api/admin/pupils/{id}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "validate", derive(validator::Validate))]
pub struct PupilInput {
    /// Mã định danh cá nhân: 12 digits, unique.
    #[cfg_attr(feature = "validate", validate(length(max = 20)))]
    pub national_id: String,
    #[cfg_attr(feature = "validate", validate(length(max = 100)))]
    pub full_name: String,
    pub gender: Option<Gender>,
    #[cfg_attr(feature = "validate", validate(length(max = 30)))]
    pub birth_date: Option<String>,
    /// One of `hocba_core::people::ETHNICITIES`, e.g. "Kinh", "H'Mông".
    #[cfg_attr(feature = "validate", validate(length(max = 50)))]
    pub ethnicity: String,
    #[serde(default)]
    #[cfg_attr(feature = "validate", validate(length(max = 200)))]
    pub nationality: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "validate", validate(length(max = 200)))]
    pub birth_place: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "validate", validate(length(max = 200)))]
    pub home_town: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "validate", validate(length(max = 200)))]
    pub address: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "validate", validate(length(max = 200)))]
    pub father_name: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "validate", validate(length(max = 200)))]
    pub mother_name: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "validate", validate(length(max = 200)))]
    pub guardian_name: Option<String>,
    /// Số đăng bộ.
    #[serde(default)]
    #[cfg_attr(feature = "validate", validate(length(max = 200)))]
    pub registration_no: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "validate", validate(length(max = 30)))]
    pub entry_date: Option<String>,
    #[serde(default)]
    pub disability: bool,
    /// Kế hoạch giáo dục cá nhân (required when `disability`).
    #[serde(default)]
    #[cfg_attr(feature = "validate", validate(length(max = 2000)))]
    pub disability_plan: Option<String>,
    /// For creation: the class to enrol in (current year). Ignored on update.
    #[serde(default)]
    pub class_id: Option<String>,
    /// For a lớp ghép: the pupil's own grade when it differs from the class's.
    #[serde(default)]
    #[cfg_attr(feature = "validate", validate(range(min = 1, max = 5)))]
    pub grade: Option<u8>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PupilProfile {
    pub id: String,
    pub data: PupilInput,
    pub status: PupilStatus,
    pub class_name: Option<String>,
    pub guardians: Vec<GuardianView>,
    pub transfers: Vec<TransferView>,
    /// Years studied at other schools, imported from their signed records (read-only).
    #[serde(default)]
    pub imported_years: Vec<crate::api::documents::ImportedYear>,
}

/// One line of `GET /api/admin/pupils?q=&class_id=&status=`; `q` is diacritic-insensitive.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PupilSummary {
    pub id: String,
    pub national_id: String,
    pub full_name: String,
    pub gender: Option<Gender>,
    pub birth_date: Option<String>,
    pub ethnicity: String,
    pub class_id: Option<String>,
    pub class_name: Option<String>,
    pub status: PupilStatus,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GuardianView {
    pub user_id: String,
    pub username: String,
    pub full_name: String,
    pub active: bool,
}

/// `POST /api/admin/pupils/{id}/guardians`: link an existing parent account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LinkGuardian {
    pub parent_id: String,
}

/// `POST /api/admin/invites`: a one-time code printed on paper for a parent without e-mail.
/// One code can cover siblings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "validate", derive(validator::Validate))]
pub struct InviteRequest {
    #[cfg_attr(feature = "validate", validate(length(max = 10)))]
    pub pupil_ids: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InviteSlip {
    /// Shown once, e.g. "K7QM-4XPA-93TD"; only its hash is stored.
    pub code: String,
    pub expires_at: String,
    pub pupils: Vec<crate::api::PupilRef>,
    pub school_name: String,
}

/// The query parameter of an invitation slip's QR link that carries its code
/// (`/kich-hoat?ma=K7QM-4XPA-93TD`).
pub const REDEEM_CODE_PARAM: &str = "ma";

/// `POST /api/auth/redeem` (public): a parent turns a printed code into an account. When the
/// request carries a parent's session, the pupils are added to that account instead and the
/// other fields are ignored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "validate", derive(validator::Validate))]
pub struct RedeemInvite {
    #[cfg_attr(feature = "validate", validate(length(max = 40)))]
    pub code: String,
    #[serde(default)]
    #[cfg_attr(feature = "validate", validate(length(max = 40)))]
    pub username: String,
    #[serde(default)]
    #[cfg_attr(feature = "validate", validate(length(max = 100)))]
    pub full_name: String,
    #[serde(default)]
    #[cfg_attr(feature = "validate", validate(length(max = 200)))]
    pub password: String,
}

/// `POST /api/admin/pupils/{id}/transfer-out`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "validate", derive(validator::Validate))]
pub struct TransferOut {
    #[cfg_attr(feature = "validate", validate(length(max = 30)))]
    pub date: String,
    #[cfg_attr(feature = "validate", validate(length(max = 200)))]
    pub to_school: String,
    #[serde(default)]
    #[cfg_attr(feature = "validate", validate(length(max = 500)))]
    pub reason: Option<String>,
}

/// `POST /api/admin/pupils/transfer-in`: a new pupil arriving from another school; earlier
/// years are imported later from the signed record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "validate", derive(validator::Validate))]
pub struct TransferIn {
    #[cfg_attr(feature = "validate", validate(nested))]
    pub pupil: PupilInput,
    #[cfg_attr(feature = "validate", validate(length(max = 30)))]
    pub date: String,
    #[cfg_attr(feature = "validate", validate(length(max = 200)))]
    pub from_school: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum TransferDirection {
    In,
    Out,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TransferView {
    pub direction: TransferDirection,
    pub date: String,
    pub other_school: String,
    pub reason: Option<String>,
    /// The class (and year) whose record was frozen, for a transfer out.
    pub class_name: Option<String>,
}

/// What happens to a pupil at the rollover.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PupilMove {
    /// Lên lớp: into next year's class of the next grade.
    Promote,
    /// Ở lại lớp (the principal's decision): into next year's class of the same grade.
    Repeat,
    /// Hoàn thành chương trình tiểu học (grade 5).
    Graduate,
}

/// `POST /api/admin/years/{year_id}/rollover/preview` and `.../rollover` (apply): the body names
/// the pupils the principal decided must repeat; everyone else moves on.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RolloverRequest {
    #[serde(default)]
    pub repeaters: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PupilPlan {
    pub pupil: crate::api::PupilRef,
    pub action: PupilMove,
    /// Name of next year's class (None when graduating).
    pub to_class: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ClassPlan {
    pub from_class: String,
    pub from_grade: u8,
    pub pupils: Vec<PupilPlan>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewClassPlan {
    pub name: String,
    pub grade: u8,
    pub pupil_count: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RolloverPlan {
    /// "2027-2028"
    pub to_year: String,
    pub classes: Vec<ClassPlan>,
    /// Next year's classes, as they will be created.
    pub new_classes: Vec<NewClassPlan>,
    pub promoted: u32,
    pub repeating: u32,
    pub graduating: u32,
    /// True once applied (the answer of the apply call).
    pub applied: bool,
}

/// One problem in an imported file; rows and columns as the spreadsheet numbers them (row 1 is
/// the header, column "A" the first).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportProblem {
    pub sheet: String,
    pub row: u32,
    pub column: String,
    /// The header of that column as found in the file, if any.
    pub header: Option<String>,
    /// Vietnamese message.
    pub message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RowAction {
    Create,
    Update,
    Unchanged,
}

/// A row of the preview: what the import will do with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportRow {
    pub row: u32,
    /// The row's key (mã định danh, username, class + subject).
    pub key: String,
    /// A readable label (the pupil's or staff member's name).
    pub label: String,
    pub action: RowAction,
}

/// Answer of every import endpoint (`?dry_run=true` for the preview). When `problems` is not
/// empty nothing was written (and the status is 422).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportReport {
    pub applied: bool,
    pub total_rows: u32,
    pub created: u32,
    pub updated: u32,
    pub unchanged: u32,
    pub rows: Vec<ImportRow>,
    pub problems: Vec<ImportProblem>,
    /// One-time passwords of the staff accounts the import created (staff import only).
    #[serde(default)]
    pub issued: Vec<IssuedPassword>,
}
