//! The principal's approval of one class record, asked in a modal `<dialog>`: the server's
//! pre-approval checklist first (at cuối năm: giấy khen not confirmed, heights, weights, days
//! absent, đánh giá bổ sung), each finding naming the pupil and what is missing; with findings,
//! "Duyệt dù còn thiếu" needs a typed reason, which the audit log keeps. Without findings it is
//! the plain question. Escape or "Huỷ" cancels.

use crate::components::LoadingNotice;
use crate::hooks::{use_modal, Modal};
use crate::i18n::domain as messages;
use crate::i18n::t;
use crate::services::api::{self, ApiError};
use hocba_core::api::{ApprovalChecklist, ChecklistFinding, RecordState};
use hocba_core::Period;
use web_sys::HtmlTextAreaElement;
use yew::platform::spawn_local;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ApproveDialogProps {
    pub class_id: AttrValue,
    pub period: Period,
    pub title: AttrValue,
    /// The plain question ("Duyệt hồ sơ lớp 5A (Cuối năm học)? …").
    pub question: AttrValue,
    /// Approved: the record's new state.
    pub on_done: Callback<RecordState>,
    pub on_cancel: Callback<()>,
}

/// The text of one finding: the pupil, then what is missing.
fn finding_line(f: &ChecklistFinding) -> Html {
    let kind = serde_json::to_value(f.kind).ok().and_then(|v| v.as_str().map(String::from));
    html! {
        <li data-pupil={f.pupil.id.clone()} data-kind={kind}>
            <strong>{ f.pupil.full_name.clone() }</strong>{ ": " }{ messages::finding_text(f.kind, f.result) }
        </li>
    }
}

#[component]
pub fn ApproveDialog(props: &ApproveDialogProps) -> Html {
    let tx = t();
    let Modal { dialog, oncancel, on_no } = use_modal(props.on_cancel.clone());
    let checklist = use_state(|| None::<ApprovalChecklist>);
    let reason = use_state(String::new);
    let reason_error = use_state(|| None::<&'static str>);
    let error = use_state(|| None::<String>);
    let busy = use_state(|| false);
    // Bumped to load the checklist again (the server found new findings meanwhile).
    let generation = use_state(|| 0u32);
    {
        let (checklist, error) = (checklist.clone(), error.clone());
        let (class_id, period) = (props.class_id.to_string(), props.period);
        use_effect_with(*generation, move |_| {
            spawn_local(async move {
                match api::checklist(&class_id, period.code()).await {
                    Ok(list) => checklist.set(Some(list)),
                    Err(err) => error.set(Some(err.message())),
                }
            });
        });
    }
    let on_reason = {
        let (reason, reason_error) = (reason.clone(), reason_error.clone());
        Callback::from(move |e: InputEvent| {
            reason.set(e.target_unchecked_into::<HtmlTextAreaElement>().value());
            reason_error.set(None);
        })
    };
    let findings = checklist.as_ref().map(|c| c.findings.clone()).unwrap_or_default();
    let overriding = !findings.is_empty();
    let on_yes = {
        let (reason, reason_error, error, busy, generation) =
            (reason.clone(), reason_error.clone(), error.clone(), busy.clone(), generation.clone());
        let (class_id, period, on_done) = (props.class_id.to_string(), props.period, props.on_done.clone());
        Callback::from(move |_: MouseEvent| {
            let typed = reason.trim().to_string();
            if overriding && typed.is_empty() {
                reason_error.set(Some(t().override_reason_required));
                return;
            }
            let (error, busy, generation, on_done) = (error.clone(), busy.clone(), generation.clone(), on_done.clone());
            let class_id = class_id.clone();
            busy.set(true);
            error.set(None);
            spawn_local(async move {
                let reason = overriding.then_some(typed);
                match api::approve(&class_id, period.code(), reason.as_deref()).await {
                    Ok(state) => on_done.emit(state),
                    Err(err) => {
                        if matches!(&err, ApiError::Conflict { code, .. } if code == "checklist") {
                            generation.set(*generation + 1);
                        }
                        error.set(Some(err.message()));
                        busy.set(false);
                    }
                }
            });
        })
    };

    let loaded = checklist.is_some();
    let body = match &*checklist {
        None if error.is_none() => html! { <LoadingNotice /> },
        None => html! {},
        Some(list) if list.findings.is_empty() => {
            html! { <p id="confirm-message">{ props.question.clone() }</p> }
        }
        Some(list) => html! {
            <>
                <p id="confirm-message">{ props.question.clone() }</p>
                <h3 id="checklist-title">{ tx.checklist_heading }</h3>
                <p>{ list.message.clone() }{ " " }{ tx.checklist_help }</p>
                <ul class="checklist" data-testid="checklist" aria-labelledby="checklist-title">
                    { for list.findings.iter().map(finding_line) }
                </ul>
                <div class="field" data-field="override_reason">
                    <label for="override-reason">{ tx.override_reason_label }</label>
                    <textarea id="override-reason" rows="3" required=true aria-required="true"
                        aria-invalid={reason_error.is_some().then_some("true")}
                        aria-describedby={reason_error.is_some().then_some("override-reason-error")}
                        value={(*reason).clone()} oninput={on_reason} />
                    if let Some(message) = *reason_error {
                        <p id="override-reason-error" class="field-error" role="alert">{ message }</p>
                    }
                </div>
            </>
        },
    };
    let (label, action) = if overriding { (tx.approve_anyway, "approve-anyway") } else { (tx.approve, "confirm") };
    html! {
        <dialog ref={dialog} class="confirm-dialog approve-dialog" aria-labelledby="confirm-title"
            aria-describedby="confirm-message" data-findings={findings.len().to_string()} {oncancel}>
            <h2 id="confirm-title">{ props.title.clone() }</h2>
            { body }
            if let Some(message) = (*error).clone() {
                <p class="form-error" role="alert">{ message }</p>
            }
            <div class="actions">
                <button type="button" class={classes!("button", if overriding { "danger" } else { "primary" })}
                    data-action={action} disabled={*busy || !loaded} onclick={on_yes}>{ label }</button>
                <button type="button" class="button secondary" data-action="cancel" autofocus=true
                    disabled={*busy} onclick={on_no}>{ tx.cancel }</button>
            </div>
        </dialog>
    }
}
