//! The review state machine of one class record at one periodic point:
//! draft → submitted → (returned → submitted)* → approved.

use crate::api::RecordStatus;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ReviewAction {
    /// The homeroom teacher hands the record in.
    Submit,
    /// The principal sends it back with a comment.
    Return,
    /// The principal approves it; the record locks.
    Approve,
}

/// The status after `action`, or `None` when the action is not allowed from `from`.
pub fn transition(from: RecordStatus, action: ReviewAction) -> Option<RecordStatus> {
    use RecordStatus::*;
    use ReviewAction::*;
    match (from, action) {
        (Draft | Returned, Submit) => Some(Submitted),
        (Submitted, Return) => Some(Returned),
        (Submitted, Approve) => Some(Approved),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use RecordStatus::*;
    use ReviewAction::*;

    #[test]
    fn legal_and_illegal_transitions() {
        assert_eq!(transition(Draft, Submit), Some(Submitted));
        assert_eq!(transition(Returned, Submit), Some(Submitted));
        assert_eq!(transition(Submitted, Approve), Some(Approved));
        assert_eq!(transition(Submitted, Return), Some(Returned));
        assert_eq!(transition(Draft, Approve), None);
        assert_eq!(transition(Approved, Return), None);
        assert_eq!(transition(Approved, Submit), None);
        assert_eq!(transition(Submitted, Submit), None);
        assert_eq!(transition(Returned, Approve), None);
    }
}
