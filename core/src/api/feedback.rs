//! Parents and the periodic points of the year: each approved point's results as the principal
//! approved them (`GET /api/pupils/{pupil_id}/periods`), the parent's "Đã xem" and replies to the
//! homeroom teacher, and what the teacher sees of them per pupil
//! (`GET /api/classes/{class_id}/periods/{period}/feedback`). The rule of a reply's text is
//! [`check_reply`].

use super::{ClassRef, PupilRef};
use crate::entry::FieldError;
use crate::period::Period;
use crate::text;
use crate::transcript::{QualityLine, SubjectLine};
use serde::{Deserialize, Serialize};

/// The longest reply, in characters after cleaning (keep in step with the database's CHECK and
/// [`messages::REPLY_TEXT_TOO_LONG`]).
pub const MAX_REPLY_CHARS: usize = 500;

/// One approved periodic point of the pupil's current class, for the pupil's parent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PeriodicResult {
    pub period: Period,
    /// "2025-2026"
    pub school_year: String,
    pub class_id: String,
    pub class_name: String,
    /// When the principal approved the point (RFC 3339, UTC).
    pub approved_at: Option<String>,
    /// Who approved it.
    pub approved_by: Option<String>,
    /// Every subject the pupil is assessed in, in catalogue order: level, score (where a test is
    /// taken), the teacher's comment.
    pub subjects: Vec<SubjectLine>,
    /// Phẩm chất and năng lực: level and comment.
    pub qualities: Vec<QualityLine>,
    /// When this parent marked the point as seen ("Đã xem"), RFC 3339 UTC; null until then.
    pub seen_at: Option<String>,
    /// This parent's replies to the homeroom teacher, oldest first.
    pub replies: Vec<ParentReply>,
}

/// A parent's reply to the homeroom teacher about one periodic point of their child.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ParentReply {
    pub id: String,
    pub pupil_id: String,
    pub period: Period,
    pub parent_name: String,
    pub text: String,
    /// RFC 3339, UTC.
    pub created_at: String,
}

/// `POST /api/pupils/{pupil_id}/periods/{period}/replies`
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewReply {
    /// 1–500 characters after NFC normalisation and trimming.
    pub text: String,
}

/// A parent who marked a point as seen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SeenBy {
    pub parent_name: String,
    /// RFC 3339, UTC.
    pub seen_at: String,
}

/// One pupil of the class at a periodic point: who of the family has seen it, and their replies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PupilFeedback {
    pub pupil: PupilRef,
    /// First seen first.
    pub seen_by: Vec<SeenBy>,
    /// Oldest first.
    pub replies: Vec<ParentReply>,
}

/// `GET /api/classes/{class_id}/periods/{period}/feedback`: every pupil of the class, in roster
/// order (pupils nobody has seen have empty lists).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ClassFeedback {
    pub class: ClassRef,
    pub period: Period,
    pub pupils: Vec<PupilFeedback>,
}

impl ClassFeedback {
    /// The pupil's line, if the pupil is in the class.
    pub fn of(&self, pupil_id: &str) -> Option<&PupilFeedback> {
        self.pupils.iter().find(|p| p.pupil.id == pupil_id)
    }

    /// Every reply of the class, oldest first, with its pupil.
    pub fn replies(&self) -> Vec<(&PupilRef, &ParentReply)> {
        let mut all: Vec<(&PupilRef, &ParentReply)> =
            self.pupils.iter().flat_map(|p| p.replies.iter().map(move |r| (&p.pupil, r))).collect();
        all.sort_by(|a, b| a.1.created_at.cmp(&b.1.created_at));
        all
    }
}

/// A reply's text as kept: cleaned (NFC, trimmed, no control characters), 1–500 characters; a
/// refusal names `text`.
pub fn check_reply(input: &str) -> Result<String, FieldError> {
    let t = text::clean(input);
    if t.is_empty() {
        return Err(FieldError::new("text", crate::domain_text!(REPLY_TEXT_REQUIRED)));
    }
    if t.chars().count() > MAX_REPLY_CHARS {
        return Err(FieldError::new("text", crate::domain_text!(REPLY_TEXT_TOO_LONG)));
    }
    Ok(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replies_are_cleaned_and_bounded() {
        assert_eq!(check_reply("  Cảm ơn cô.\r\n "), Ok("Cảm ơn cô.".to_string()));
        assert_eq!(check_reply(" \n\t ").map_err(|e| e.field), Err("text".to_string()));
        assert_eq!(check_reply("").map_err(|e| e.message), Err(crate::domain_text!(REPLY_TEXT_REQUIRED)));
        assert!(check_reply(&"a".repeat(MAX_REPLY_CHARS)).is_ok());
        // Characters, not bytes: 500 Vietnamese letters fit.
        assert!(check_reply(&"ệ".repeat(MAX_REPLY_CHARS)).is_ok());
        let long = check_reply(&"a".repeat(MAX_REPLY_CHARS + 1)).map_err(|e| (e.field, e.message));
        assert_eq!(long, Err(("text".to_string(), crate::domain_text!(REPLY_TEXT_TOO_LONG))));
    }
}
