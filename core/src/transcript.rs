//! The học bạ as data: what the PDF (and later the XML) of one pupil contains.

use crate::catalogue::QualityKind;
use crate::levels::{QualityLevel, SubjectLevel, YearResult};
use crate::rules::Evaluation;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Transcript {
    pub school: SchoolInfo,
    pub pupil: PupilIdentity,
    /// Quá trình học tập, one line per school year.
    pub history: Vec<HistoryLine>,
    /// Approved yearly records, oldest first.
    pub years: Vec<YearRecord>,
    /// Date of issue, ISO 8601 (YYYY-MM-DD).
    pub issued_on: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SchoolInfo {
    pub id: String,
    pub name: String,
    pub code: String,
    /// Address lines as the school configures them (administrative levels changed in 2025).
    pub commune: String,
    pub district: String,
    pub province: String,
    pub principal_name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PupilIdentity {
    pub id: String,
    /// Mã định danh cá nhân (12 digits).
    pub national_id: Option<String>,
    pub full_name: String,
    pub gender: String,
    /// ISO 8601 date.
    pub birth_date: Option<String>,
    pub ethnicity: String,
    pub nationality: String,
    pub birth_place: Option<String>,
    pub home_town: Option<String>,
    pub address: Option<String>,
    pub father_name: Option<String>,
    pub mother_name: Option<String>,
    pub guardian_name: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HistoryLine {
    pub school_year: String,
    pub class_name: String,
    pub school_name: String,
    pub registration_no: Option<String>,
    /// ISO 8601 date of entry or transfer in.
    pub entry_date: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SubjectLine {
    pub code: String,
    pub name: String,
    pub level: Option<SubjectLevel>,
    pub score: Option<u8>,
    pub comment: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QualityLine {
    pub code: String,
    pub name: String,
    pub kind: QualityKind,
    pub level: Option<QualityLevel>,
    pub comment: Option<String>,
}

/// One school year of the học bạ (cuối năm values).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct YearRecord {
    pub school_year: String,
    pub class_name: String,
    pub grade: u8,
    pub homeroom_teacher: Option<String>,
    pub principal_name: Option<String>,
    pub subjects: Vec<SubjectLine>,
    /// Phẩm chất then năng lực (chung, đặc thù).
    pub qualities: Vec<QualityLine>,
    pub evaluation: Evaluation,
    /// When the principal approved the cuối năm record (RFC 3339, UTC).
    pub approved_at: Option<String>,
    /// Height in millimetres (tenths of a centimetre), weight in hectograms (tenths of a kilogram).
    #[serde(default)]
    pub height_mm: Option<u32>,
    #[serde(default)]
    pub weight_hg: Option<u32>,
    /// Days absent with and without leave.
    #[serde(default)]
    pub days_absent_excused: Option<u16>,
    #[serde(default)]
    pub days_absent_unexcused: Option<u16>,
    /// The result the học bạ records when it differs from the computed one (set by hand for a
    /// pupil with a disability plan, or the đánh giá bổ sung after the summer).
    #[serde(default)]
    pub final_result: Option<YearResult>,
    /// The lines of section 5 (khen thưởng), year-end awards first.
    #[serde(default)]
    pub awards: Vec<String>,
    /// Section 6 as the học bạ writes it, including the principal's decision for a pupil who did
    /// not complete the grade; `None`: computed from the result ([`completion_text`]).
    #[serde(default)]
    pub completion: Option<String>,
    /// Set on a year studied at another school and imported, with its signatures verified, when
    /// the pupil transferred in: the record is that school's and is read-only here.
    #[serde(default)]
    pub source: Option<YearSource>,
}

/// Where an imported year comes from: the issuing school, its id for the pupil and the
/// verification code of the signed record it was imported from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct YearSource {
    pub school_id: String,
    pub school_name: String,
    pub pupil_id: String,
    /// The source document's verification code (as stored, without dashes).
    pub code: Option<String>,
}

impl YearRecord {
    /// The result the học bạ records.
    pub fn result(&self) -> Option<YearResult> {
        self.final_result.or(self.evaluation.result)
    }

    /// Section 6.
    pub fn completion_line(&self) -> String {
        self.completion.clone().unwrap_or_else(|| completion_text(self.grade, self.result()))
    }
}

/// "132,5 cm" from millimetres, "30,0 kg" from hectograms: one decimal, with a comma.
pub fn tenths(value: u32, unit: &str) -> String {
    format!("{},{} {unit}", value / 10, value % 10)
}

/// "Hoàn thành chương trình lớp 3" / "Hoàn thành chương trình tiểu học" / "Chưa hoàn thành …".
pub fn completion_text(grade: u8, result: Option<YearResult>) -> String {
    match result {
        Some(r) if r.completes_grade() && grade == 5 => "Hoàn thành chương trình tiểu học".to_string(),
        Some(r) if r.completes_grade() => format!("Hoàn thành chương trình lớp {grade}"),
        Some(_) => format!("Chưa hoàn thành chương trình lớp {grade}"),
        None => String::new(),
    }
}

#[cfg(test)]
mod year_line_tests {
    use super::*;

    #[test]
    fn measures_read_with_a_decimal_comma() {
        assert_eq!(tenths(1325, "cm"), "132,5 cm");
        assert_eq!(tenths(300, "kg"), "30,0 kg");
        assert_eq!(tenths(7, "kg"), "0,7 kg");
    }
}
