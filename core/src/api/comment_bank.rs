//! Request and response bodies of a teacher's own bank of comments (nhận xét), kept per subject
//! or phẩm chất / năng lực code, shown beside the suggestions of [`crate::comments`]. The rules
//! are in [`crate::comments::check_bank_entry`] and [`crate::comments::bank_suggestions`].

use serde::{Deserialize, Serialize};

/// `GET /api/comment-bank?subject=&level=`
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct CommentBankQuery {
    /// A subject code (`toan`) or a phẩm chất / năng lực code (`trung_thuc`).
    pub subject: String,
    /// The level the comment is for: T, H, C for a subject; T, Đ (or D), C for a phẩm chất or
    /// năng lực. Omitted: the suggestions of every level, best first.
    #[serde(default)]
    pub level: Option<String>,
}

/// One of the teacher's own comments.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OwnComment {
    pub id: String,
    pub text: String,
}

/// The answer of `GET /api/comment-bank`: the teacher's own comments for the code (newest
/// first), then the built-in suggestions for the code and level.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CommentBank {
    pub own: Vec<OwnComment>,
    pub suggestions: Vec<String>,
}

/// `POST /api/comment-bank`: keeps a comment for later; the same text again answers the
/// entry already kept.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "validate", derive(validator::Validate))]
pub struct NewComment {
    /// A subject or phẩm chất / năng lực code.
    #[cfg_attr(feature = "validate", validate(length(max = 40)))]
    pub subject: String,
    /// 1–300 characters after NFC normalisation and trimming.
    #[cfg_attr(feature = "validate", validate(length(max = 2000)))]
    pub text: String,
}
