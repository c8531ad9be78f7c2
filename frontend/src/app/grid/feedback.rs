//! Parents and an approved periodic point, on the grid: per pupil row a mark "Đã xem" (who and
//! when in its tooltip and for screen readers) and the number of replies; under the grid, the
//! replies ("Phản hồi của cha mẹ học sinh").

use crate::i18n::t;
use hocba_core::api::{ClassFeedback, PupilFeedback};
use hocba_core::time::display_date_time;
use yew::prelude::*;

/// The anchor of a pupil's replies in the panel.
fn replies_anchor(pupil_id: &str) -> String {
    format!("phan-hoi-{pupil_id}")
}

/// The marks of one pupil row; none while nobody of the family has seen or replied.
pub(super) fn row_mark(feedback: Option<&PupilFeedback>) -> Option<Html> {
    let tx = t();
    let f = feedback.filter(|f| !f.seen_by.is_empty() || !f.replies.is_empty())?;
    let who: Vec<String> =
        f.seen_by.iter().map(|s| format!("{} ({})", s.parent_name, display_date_time(&s.seen_at))).collect();
    let seen_text = (tx.feedback_seen_by)(&who.join(", "));
    let replies = f.replies.len();
    Some(html! {
        <span class="parent-marks" data-feedback={f.pupil.id.clone()}>
            if !f.seen_by.is_empty() {
                <span class="seen-mark" data-seen="true" title={seen_text.clone()}>
                    <span aria-hidden="true">{ "✓ " }{ tx.feedback_seen }</span>
                    <span class="sr-only">{ seen_text }</span>
                </span>
            }
            if replies > 0 {
                { " " }
                <a class="reply-mark" data-replies={replies.to_string()}
                    href={format!("#{}", replies_anchor(&f.pupil.id))}>
                    { "✉ " }{ (tx.feedback_replies)(replies) }
                </a>
            }
        </span>
    })
}

#[derive(Properties, PartialEq)]
pub(super) struct FeedbackPanelProps {
    pub(super) feedback: ClassFeedback,
}

/// The families' replies under the grid, oldest first, and how many families have seen the point.
#[component]
pub(super) fn FeedbackPanel(props: &FeedbackPanelProps) -> Html {
    let tx = t();
    let feedback = &props.feedback;
    let seen = feedback.pupils.iter().filter(|p| !p.seen_by.is_empty()).count();
    let replies = feedback.replies();
    let mut anchored = std::collections::HashSet::new();
    let rows = replies.iter().map(|(pupil, r)| {
        // The first reply of a pupil is where the row's mark leads.
        let id = anchored.insert(pupil.id.clone()).then(|| replies_anchor(&pupil.id));
        html! {
            <tr key={r.id.clone()} {id} data-reply={r.id.clone()} data-pupil={pupil.id.clone()}>
                <th scope="row">{ pupil.full_name.clone() }</th>
                <td>{ r.parent_name.clone() }</td>
                <td><time datetime={r.created_at.clone()}>{ display_date_time(&r.created_at) }</time></td>
                <td class="reply-text">{ r.text.clone() }</td>
            </tr>
        }
    });
    html! {
        <section class="parent-feedback" data-testid="parent-feedback" aria-labelledby="parent-feedback-title">
            <h2 id="parent-feedback-title">{ tx.feedback_title }</h2>
            <p class="muted" data-seen-count={seen.to_string()}>
                { (tx.feedback_seen_count)(seen, feedback.pupils.len()) }
            </p>
            if replies.is_empty() {
                <p>{ tx.feedback_none }</p>
            } else {
                <table class="feedback-replies">
                    <thead>
                        <tr>
                            <th scope="col">{ tx.col_pupil }</th>
                            <th scope="col">{ tx.feedback_col_parent }</th>
                            <th scope="col">{ tx.feedback_col_time }</th>
                            <th scope="col">{ tx.feedback_col_text }</th>
                        </tr>
                    </thead>
                    <tbody>{ for rows }</tbody>
                </table>
            }
        </section>
    }
}
