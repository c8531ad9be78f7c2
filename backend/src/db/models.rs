//! Row types of the tables, for both reading and inserting.

use super::schema::*;
use super::DbError;
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use hocba_core::api::documents::{DocumentKind, SignerRole};

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = schools)]
pub struct School {
    pub id: String,
    pub name: String,
    pub code: String,
    pub commune: String,
    pub district: String,
    pub province: String,
    pub principal_name: String,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = users)]
pub struct User {
    pub id: String,
    pub school_id: String,
    pub username: String,
    pub password_hash: String,
    pub full_name: String,
    pub role: String,
    pub active: bool,
    pub created_at: NaiveDateTime,
    /// Space-separated role codes; `role` is the primary one.
    pub roles: String,
    pub phone: Option<String>,
    pub session_epoch: i32,
    /// The password was issued by someone else: the account must choose its own first.
    pub must_change_password: bool,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = school_years)]
pub struct SchoolYear {
    pub id: String,
    pub school_id: String,
    pub name: String,
    pub start_year: i32,
    pub is_current: bool,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = classes)]
pub struct Class {
    pub id: String,
    pub school_id: String,
    pub school_year_id: String,
    pub name: String,
    pub grade: i16,
    pub homeroom_teacher_id: Option<String>,
    pub combined_grade: Option<i16>,
}

impl Class {
    /// The class's grade (khối 1–5).
    pub fn grade(&self) -> Result<u8, DbError> {
        grade_of("classes.grade", self.grade)
    }
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = teaching_assignments)]
pub struct TeachingAssignment {
    pub id: String,
    pub school_id: String,
    pub class_id: String,
    pub teacher_id: String,
    pub subject_code: String,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = pupils)]
pub struct Pupil {
    pub id: String,
    pub school_id: String,
    pub national_id: Option<String>,
    pub full_name: String,
    pub gender: String,
    pub birth_date: Option<NaiveDate>,
    pub ethnicity: String,
    pub nationality: String,
    pub birth_place: Option<String>,
    pub home_town: Option<String>,
    pub address: Option<String>,
    pub father_name: Option<String>,
    pub mother_name: Option<String>,
    pub guardian_name: Option<String>,
    pub registration_no: Option<String>,
    pub entry_date: Option<NaiveDate>,
    pub created_at: NaiveDateTime,
    pub disability: bool,
    pub disability_plan: Option<String>,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = enrolments)]
pub struct Enrolment {
    pub id: String,
    pub school_id: String,
    pub pupil_id: String,
    pub class_id: String,
    /// The pupil's own grade in a lớp ghép; `None` means the class's grade.
    pub grade: Option<i16>,
    /// `active`, `promoted`, `repeated`, `graduated` or `transferred_out`.
    pub status: String,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = guardianships)]
pub struct Guardianship {
    pub id: String,
    pub school_id: String,
    pub parent_id: String,
    pub pupil_id: String,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = period_records)]
pub struct PeriodRecord {
    pub id: String,
    pub school_id: String,
    pub class_id: String,
    pub period: String,
    pub status: String,
    pub note: Option<String>,
    pub submitted_by: Option<String>,
    pub submitted_at: Option<NaiveDateTime>,
    pub decided_by: Option<String>,
    pub decided_at: Option<NaiveDateTime>,
}

/// One pupil of an approved class record reopened for correction; open while `reapproved_at`
/// is `None`.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = pupil_reopenings)]
pub struct PupilReopening {
    pub id: String,
    pub school_id: String,
    pub class_id: String,
    pub period: String,
    pub enrolment_id: String,
    pub reason: String,
    pub reopened_by: String,
    pub reopened_at: NaiveDateTime,
    pub reapproved_by: Option<String>,
    pub reapproved_at: Option<NaiveDateTime>,
}

/// The principal's comment on one pupil when returning a class record.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = return_comments)]
pub struct ReturnComment {
    pub id: String,
    pub school_id: String,
    pub class_id: String,
    pub period: String,
    pub pupil_id: String,
    pub comment: String,
    pub created_by: String,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = subject_assessments, treat_none_as_default_value = false)]
pub struct SubjectAssessment {
    pub id: String,
    pub school_id: String,
    pub enrolment_id: String,
    pub period: String,
    pub subject_code: String,
    pub level: Option<String>,
    pub score: Option<i16>,
    pub comment: Option<String>,
    pub version: i32,
    pub locked: bool,
    pub updated_by: Option<String>,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = quality_assessments, treat_none_as_default_value = false)]
pub struct QualityAssessment {
    pub id: String,
    pub school_id: String,
    pub enrolment_id: String,
    pub period: String,
    pub quality_code: String,
    pub level: Option<String>,
    pub comment: Option<String>,
    pub version: i32,
    pub locked: bool,
    pub updated_by: Option<String>,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = audit_log)]
pub struct AuditEntry {
    pub seq: i64,
    pub id: String,
    pub school_id: String,
    pub at: NaiveDateTime,
    pub actor_id: Option<String>,
    pub action: String,
    pub entity: String,
    pub entity_id: String,
    pub detail: String,
    pub prev_hash: String,
    pub hash: String,
}

/// A new globally unique, time-ordered id (UUID v7) as text.
pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

/// Current UTC time with microsecond precision (what both backends store).
pub fn now() -> NaiveDateTime {
    let t = chrono::Utc::now().naive_utc();
    t.with_nanosecond((t.and_utc().timestamp_subsec_micros()) * 1000).unwrap_or(t)
}

use chrono::Timelike;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = class_optional_subjects)]
pub struct ClassOptionalSubject {
    pub id: String,
    pub school_id: String,
    pub class_id: String,
    pub subject_code: String,
    pub language: Option<String>,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = transfers)]
pub struct Transfer {
    pub id: String,
    pub school_id: String,
    pub pupil_id: String,
    pub enrolment_id: Option<String>,
    /// `in` or `out`.
    pub direction: String,
    pub date: NaiveDate,
    pub other_school: String,
    pub reason: Option<String>,
    pub created_by: Option<String>,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = parent_invites)]
pub struct ParentInvite {
    pub id: String,
    pub school_id: String,
    pub code_hash: String,
    pub created_by: Option<String>,
    pub created_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
    pub used_at: Option<NaiveDateTime>,
    pub used_by: Option<String>,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = parent_invite_pupils)]
pub struct ParentInvitePupil {
    pub id: String,
    pub invite_id: String,
    pub pupil_id: String,
}

/// A write replayed from a client's offline queue, answered once (`op_key` is its Idempotency-Key).
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = client_ops)]
pub struct ClientOp {
    pub id: String,
    pub school_id: String,
    pub user_id: String,
    pub op_key: String,
    pub response: String,
    pub created_at: NaiveDateTime,
    /// SHA-256 (hex) of the request the key was first used for; `None` for older keys.
    pub request_hash: Option<String>,
}

/// One pupil's year-end extras (cuối năm); measures in whole tenths (mm, hg).
#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = year_end_records, treat_none_as_default_value = false, treat_none_as_null = true)]
pub struct YearEndRecord {
    pub id: String,
    pub school_id: String,
    pub enrolment_id: String,
    pub days_absent_excused: Option<i16>,
    pub days_absent_unexcused: Option<i16>,
    pub height_mm: Option<i32>,
    pub weight_hg: Option<i32>,
    pub manual_result: Option<String>,
    pub manual_note: Option<String>,
    pub supplementary_result: Option<String>,
    pub supplementary_note: Option<String>,
    /// `promote` or `repeat`.
    pub decision: Option<String>,
    pub decided_by: Option<String>,
    pub decided_at: Option<NaiveDateTime>,
    pub version: i32,
    pub locked: bool,
    pub updated_by: Option<String>,
    pub updated_at: NaiveDateTime,
}

/// One award (khen thưởng) of a pupil's year.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = awards, treat_none_as_default_value = false)]
pub struct AwardRecord {
    pub id: String,
    pub school_id: String,
    pub enrolment_id: String,
    /// An `AwardKind` code.
    pub kind: String,
    pub title: String,
    /// An `AwardLevel` code.
    pub level: String,
    pub awarded_on: Option<NaiveDate>,
    pub reason: Option<String>,
    pub confirmed_by: Option<String>,
    pub created_at: NaiveDateTime,
    pub locked: bool,
}

/// A comment a teacher keeps for a subject or phẩm chất / năng lực code.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = comment_bank)]
pub struct CommentBankEntry {
    pub id: String,
    pub school_id: String,
    pub user_id: String,
    pub subject_code: String,
    pub text: String,
    pub created_at: NaiveDateTime,
}

/// An optional subject (offered by the class) that the pupil of an enrolment takes.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = enrolment_subjects)]
pub struct EnrolmentSubject {
    pub id: String,
    pub school_id: String,
    pub enrolment_id: String,
    pub subject_code: String,
}

/// A school year imported from another school's signed record (read-only).
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = imported_years)]
pub struct ImportedYearRow {
    pub id: String,
    pub school_id: String,
    pub pupil_id: String,
    pub school_year: String,
    pub grade: i32,
    pub class_name: String,
    pub from_school_id: String,
    pub from_school_name: String,
    pub from_pupil_id: String,
    pub source_code: Option<String>,
    pub source_format: String,
    pub source_file: Vec<u8>,
    pub source_signature: Option<Vec<u8>>,
    pub record: String,
    pub placement: String,
    pub signatures: String,
    pub imported_by: Option<String>,
    pub imported_at: chrono::NaiveDateTime,
}

/// A hand-over batch of a class.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = batch_jobs)]
pub struct BatchJob {
    pub id: String,
    pub school_id: String,
    pub class_id: String,
    pub requested_by: String,
    pub verify_base: String,
    pub status: String,
    pub total: i32,
    pub done_count: i32,
    pub error: Option<String>,
    pub zip_path: Option<String>,
    pub created_at: NaiveDateTime,
    pub finished_at: Option<NaiveDateTime>,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = signing_cas)]
pub struct SigningCa {
    pub id: String,
    pub school_id: String,
    pub name: String,
    pub cert_pem: String,
    pub key_enc: Option<String>,
    pub is_test: bool,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable)]
#[diesel(table_name = signer_certificates)]
pub struct SignerCertificate {
    pub id: String,
    pub school_id: String,
    /// `teacher`, `principal` or `seal`.
    pub role: String,
    /// The staff member; `None` for the seal.
    pub user_id: Option<String>,
    /// Subject common name.
    pub holder: String,
    /// Issuer common name.
    pub issuer: String,
    pub serial: String,
    pub not_before: NaiveDateTime,
    pub not_after: NaiveDateTime,
    pub cert_pem: String,
    /// The issuer chain, PEM, the direct issuer first.
    pub chain_pem: String,
    /// `v1:` + base64(nonce ‖ AES-256-GCM ciphertext) of the PKCS#8 key; `None` on a USB token.
    pub key_enc: Option<String>,
    pub on_token: bool,
    pub is_test: bool,
    pub revoked_at: Option<NaiveDateTime>,
    pub revoked_reason: Option<String>,
    pub created_at: NaiveDateTime,
}

impl SignerCertificate {
    pub fn signer_role(&self) -> Option<SignerRole> {
        SignerRole::parse(&self.role)
    }
}

/// A signed document in the register (`issued_documents`).
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = issued_documents)]
pub struct IssuedRow {
    pub id: String,
    pub school_id: String,
    pub pupil_id: String,
    pub kind: String,
    pub school_year: Option<String>,
    pub code: String,
    pub status: String,
    pub pending_role: Option<String>,
    pub contents_at: Option<i64>,
    pub signed_roles: String,
    pub signature_boxes: String,
    pub pdf: Vec<u8>,
    pub xml: String,
    pub xml_signature: Option<Vec<u8>>,
    pub sha256: String,
    pub source_hash: String,
    pub issued_by: Option<String>,
    pub created_at: NaiveDateTime,
    pub issued_at: Option<NaiveDateTime>,
    pub superseded_at: Option<NaiveDateTime>,
    pub revoked_at: Option<NaiveDateTime>,
    pub revoked_by: Option<String>,
    pub revoked_reason: Option<String>,
}

/// `issued_documents.status` of a document every signer has signed.
pub const ISSUED: &str = "issued";
/// `issued_documents.status` of a document waiting for a signature on a USB token.
pub const PENDING: &str = "pending";

impl IssuedRow {
    pub fn kind(&self) -> DocumentKind {
        DocumentKind::parse(&self.kind).unwrap_or(DocumentKind::YearlyRecord)
    }

    pub fn signed_roles(&self) -> Vec<SignerRole> {
        self.signed_roles.split(',').filter_map(SignerRole::parse).collect()
    }

    pub fn is_issued(&self) -> bool {
        self.status == ISSUED
    }
}

/// A stored integer as the type it stands for; out of range is damaged data, an error naming
/// the column and the value, never a silent 0.
pub fn stored<T, V>(column: &'static str, value: V) -> Result<T, DbError>
where
    T: TryFrom<V>,
    V: Copy + std::fmt::Display,
{
    T::try_from(value).map_err(|_| DbError::Damaged(format!("{column} = {value}")))
}

/// A stored grade (khối): 1–5.
pub fn grade_of(column: &'static str, value: impl Into<i64>) -> Result<u8, DbError> {
    let value: i64 = value.into();
    let grade: u8 = stored(column, value)?;
    if (1..=5).contains(&grade) {
        Ok(grade)
    } else {
        Err(DbError::Damaged(format!("{column} = {value}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_values_out_of_range_are_errors_not_zero() {
        assert_eq!(stored::<u32, i32>("x.version", 7).ok(), Some(7));
        assert!(matches!(stored::<u32, i32>("x.version", -1), Err(DbError::Damaged(m)) if m == "x.version = -1"));
        assert_eq!(grade_of("classes.grade", 5).ok(), Some(5));
        assert!(grade_of("classes.grade", 0).is_err());
        assert!(grade_of("classes.grade", 300).is_err());
    }
}

/// A parent marked an approved periodic point of their child as seen ("Đã xem").
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = parent_acknowledgements)]
pub struct ParentAcknowledgement {
    pub id: String,
    pub school_id: String,
    pub pupil_id: String,
    pub class_id: String,
    pub period: String,
    pub parent_id: String,
    pub seen_at: NaiveDateTime,
}

/// A parent's reply to the homeroom teacher about an approved periodic point of their child.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = parent_replies)]
pub struct ParentReplyRow {
    pub id: String,
    pub school_id: String,
    pub pupil_id: String,
    pub class_id: String,
    pub period: String,
    pub parent_id: String,
    pub text: String,
    pub created_at: NaiveDateTime,
}
