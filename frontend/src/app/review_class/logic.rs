//! The pure logic of the review screen: moving between pupils, which pupils have a comment,
//! and the return request built from the comments.

use hocba_core::api::{PupilComment, PupilRef, ReturnRequest};
use std::collections::BTreeMap;

/// A step through the class list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Previous,
    Next,
}

/// The step a key asks for: ← / PageUp go back, → / PageDown forward.
pub fn step_for(key: &str) -> Option<Step> {
    match key {
        "ArrowLeft" | "PageUp" => Some(Step::Previous),
        "ArrowRight" | "PageDown" => Some(Step::Next),
        _ => None,
    }
}

/// Keys typed in these elements belong to them, not to the page.
pub fn is_text_field(tag: &str) -> bool {
    matches!(tag.to_ascii_uppercase().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
}

/// The index after a step through `len` pupils; stays at the first and the last.
pub fn stepped(index: usize, len: usize, step: Step) -> usize {
    if len == 0 {
        return 0;
    }
    match step {
        Step::Previous => index.saturating_sub(1),
        Step::Next => (index + 1).min(len - 1),
    }
}

/// The principal's comments on pupils, by pupil id (as typed).
pub type Comments = BTreeMap<String, String>;

/// Whether the pupil has a comment (anything but blanks).
pub fn has_comment(comments: &Comments, pupil_id: &str) -> bool {
    comments.get(pupil_id).is_some_and(|c| !c.trim().is_empty())
}

/// How many of the pupils have a comment.
pub fn commented_count(comments: &Comments, pupils: &[PupilRef]) -> usize {
    pupils.iter().filter(|p| has_comment(comments, &p.id)).count()
}

/// The return request: the class comment and the pupils' comments in roster order, trimmed;
/// `None` when there is nothing to send (a return needs at least one comment).
pub fn return_request(class_comment: &str, comments: &Comments, pupils: &[PupilRef]) -> Option<ReturnRequest> {
    let pupil_comments: Vec<PupilComment> = pupils
        .iter()
        .filter_map(|p| {
            let text = comments.get(&p.id)?.trim();
            (!text.is_empty()).then(|| PupilComment { pupil_id: p.id.clone(), comment: text.to_string() })
        })
        .collect();
    let comment = class_comment.trim().to_string();
    (!comment.is_empty() || !pupil_comments.is_empty()).then_some(ReturnRequest { comment, pupil_comments })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pupils() -> Vec<PupilRef> {
        ["a", "b", "c"].iter().map(|id| PupilRef { id: (*id).into(), full_name: id.to_uppercase() }).collect()
    }

    #[test]
    fn keys_step_through_the_class_and_stop_at_its_ends() {
        assert_eq!(step_for("ArrowRight"), Some(Step::Next));
        assert_eq!(step_for("PageDown"), Some(Step::Next));
        assert_eq!(step_for("ArrowLeft"), Some(Step::Previous));
        assert_eq!(step_for("PageUp"), Some(Step::Previous));
        assert_eq!(step_for("Enter"), None);
        assert_eq!(stepped(0, 3, Step::Next), 1);
        assert_eq!(stepped(2, 3, Step::Next), 2);
        assert_eq!(stepped(1, 3, Step::Previous), 0);
        assert_eq!(stepped(0, 3, Step::Previous), 0);
        assert_eq!(stepped(0, 0, Step::Next), 0);
    }

    #[test]
    fn text_fields_keep_their_keys() {
        assert!(is_text_field("TEXTAREA"));
        assert!(is_text_field("input"));
        assert!(is_text_field("SELECT"));
        assert!(!is_text_field("BUTTON"));
        assert!(!is_text_field("BODY"));
    }

    #[test]
    fn pupils_with_a_comment_are_counted_without_blanks() {
        let mut comments = Comments::new();
        comments.insert("b".into(), "Xem lại Toán".into());
        comments.insert("c".into(), "   ".into());
        assert!(has_comment(&comments, "b"));
        assert!(!has_comment(&comments, "c"));
        assert!(!has_comment(&comments, "a"));
        assert_eq!(commented_count(&comments, &pupils()), 1);
    }

    #[test]
    fn the_return_needs_a_comment_and_keeps_the_roster_order() {
        let mut comments = Comments::new();
        assert_eq!(return_request("  ", &comments, &pupils()), None);
        comments.insert("c".into(), " Thiếu nhận xét ".into());
        comments.insert("a".into(), "Sai điểm".into());
        comments.insert("b".into(), "".into());
        let r = return_request("", &comments, &pupils()).expect("pupil comments suffice");
        assert_eq!(r.comment, "");
        let ids: Vec<&str> = r.pupil_comments.iter().map(|c| c.pupil_id.as_str()).collect();
        assert_eq!(ids, ["a", "c"]);
        assert_eq!(r.pupil_comments[1].comment, "Thiếu nhận xét");
        let r = return_request(" Cả lớp ", &Comments::new(), &pupils()).expect("a class comment suffices");
        assert_eq!(r.comment, "Cả lớp");
        assert!(r.pupil_comments.is_empty());
    }
}
