//! The level scales of TT27 and the year-end result.

use serde::{Deserialize, Serialize};

/// Level of a subject or educational activity at a periodic point.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum SubjectLevel {
    /// Hoàn thành tốt
    T,
    /// Hoàn thành
    H,
    /// Chưa hoàn thành
    C,
}

impl SubjectLevel {
    pub const ALL: [SubjectLevel; 3] = [SubjectLevel::T, SubjectLevel::H, SubjectLevel::C];

    pub fn code(self) -> &'static str {
        match self {
            SubjectLevel::T => "T",
            SubjectLevel::H => "H",
            SubjectLevel::C => "C",
        }
    }

    /// Parses the letter a teacher types (case-insensitive, surrounding space ignored).
    pub fn parse(s: &str) -> Option<Self> {
        match s.trim().to_uppercase().as_str() {
            "T" => Some(SubjectLevel::T),
            "H" => Some(SubjectLevel::H),
            "C" => Some(SubjectLevel::C),
            _ => None,
        }
    }
}

/// Level of a phẩm chất or năng lực at a periodic point.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum QualityLevel {
    /// Tốt
    T,
    /// Đạt
    #[serde(rename = "Đ", alias = "D")]
    D,
    /// Cần cố gắng
    C,
}

impl QualityLevel {
    pub const ALL: [QualityLevel; 3] = [QualityLevel::T, QualityLevel::D, QualityLevel::C];

    pub fn code(self) -> &'static str {
        match self {
            QualityLevel::T => "T",
            QualityLevel::D => "Đ",
            QualityLevel::C => "C",
        }
    }

    /// Parses "T", "Đ" (or "D" from keyboards without Vietnamese input) and "C".
    pub fn parse(s: &str) -> Option<Self> {
        match s.trim().to_uppercase().as_str() {
            "T" => Some(QualityLevel::T),
            "Đ" | "D" => Some(QualityLevel::D),
            "C" => Some(QualityLevel::C),
            _ => None,
        }
    }
}

/// Year-end result (TT27 Điều 9).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum YearResult {
    /// Hoàn thành xuất sắc
    HTXS,
    /// Hoàn thành tốt
    HTT,
    /// Hoàn thành
    HT,
    /// Chưa hoàn thành
    CHT,
}

impl YearResult {
    /// Best first.
    pub const ALL: [YearResult; 4] = [YearResult::HTXS, YearResult::HTT, YearResult::HT, YearResult::CHT];

    pub fn code(self) -> &'static str {
        match self {
            YearResult::HTXS => "HTXS",
            YearResult::HTT => "HTT",
            YearResult::HT => "HT",
            YearResult::CHT => "CHT",
        }
    }

    /// Parses a code ("HTXS", "HTT", "HT", "CHT"; case-insensitive, surrounding space ignored).
    pub fn parse(s: &str) -> Option<Self> {
        let code = s.trim().to_uppercase();
        Self::ALL.into_iter().find(|r| r.code() == code)
    }

    /// Whether the pupil completed the grade's programme (Điều 11).
    pub fn completes_grade(self) -> bool {
        !matches!(self, YearResult::CHT)
    }
}
