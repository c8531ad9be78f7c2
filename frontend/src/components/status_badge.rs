//! The review status of a class record, as a badge.

use crate::i18n::t;
use hocba_core::api::{RecordState, RecordStatus};
use yew::prelude::*;

/// The Vietnamese name of a status.
pub fn status_text(status: RecordStatus) -> &'static str {
    let tx = t();
    match status {
        RecordStatus::Draft => tx.status_draft,
        RecordStatus::Submitted => tx.status_submitted,
        RecordStatus::Returned => tx.status_returned,
        RecordStatus::Approved => tx.status_approved,
    }
}

#[derive(Properties, PartialEq)]
pub struct StatusBadgeProps {
    pub state: RecordState,
    /// Also show the principal's note when the record was returned.
    #[prop_or(true)]
    pub with_note: bool,
}

#[component]
pub fn StatusBadge(props: &StatusBadgeProps) -> Html {
    let status = props.state.status;
    let note = match (&props.state.note, status) {
        (Some(note), RecordStatus::Returned) if props.with_note && !note.trim().is_empty() => {
            html! {
                <p class="status-note"><strong>{ t().principal_note }</strong>{ " " }{ note.clone() }</p>
            }
        }
        _ => Html::default(),
    };
    html! {
        <>
            <span class={classes!("badge", format!("badge-{}", status.code()))} data-status={status.code()}>
                { status_text(status) }
            </span>
            { note }
        </>
    }
}
