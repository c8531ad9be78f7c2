//! A pupil's khen thưởng (TT27 Điều 13): the awards recorded (each with a delete button for the
//! homeroom teacher), the giấy khen the result suggests with a one-click confirmation (Học sinh
//! Tiêu biểu asks for the reason first), and the form for any other award.

use super::award_form::OtherAwardForm;
use super::form::{suggested_award, AWARD_FIELDS};
use crate::components::{ConfirmDialog, FieldErrors, TextAreaField};
use crate::hooks::{use_focus, FIRST_FIELD};
use crate::i18n::domain as messages;
use crate::i18n::domain::award_line;
use crate::i18n::t;
use crate::services::api;
use hocba_core::api::{Award, PupilRef, Suggestion, YearEndRow};
use yew::platform::spawn_local;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct AwardsProps {
    pub class_id: String,
    pub pupil: PupilRef,
    pub awards: Vec<Award>,
    pub suggestion: Option<Suggestion>,
    /// The homeroom teacher may add and delete.
    pub editable: bool,
    pub on_row: Callback<YearEndRow>,
}

#[component]
pub fn Awards(props: &AwardsProps) -> Html {
    let tx = t();
    let deleting = use_state(|| None::<Award>);
    let busy = use_state(|| false);
    let message = use_state(|| None::<(bool, String)>);

    let on_confirm_delete = {
        let (deleting, busy, message, on_row) = (deleting.clone(), busy.clone(), message.clone(), props.on_row.clone());
        let (class_id, pupil_id) = (props.class_id.clone(), props.pupil.id.clone());
        Callback::from(move |()| {
            let Some(award) = (*deleting).clone() else { return };
            let (deleting, busy, message, on_row) = (deleting.clone(), busy.clone(), message.clone(), on_row.clone());
            let (class_id, pupil_id) = (class_id.clone(), pupil_id.clone());
            busy.set(true);
            spawn_local(async move {
                match api::delete_award(&class_id, &pupil_id, &award.id).await {
                    Ok(row) => {
                        message.set(Some((false, t().award_deleted.into())));
                        on_row.emit(row);
                    }
                    Err(err) => message.set(Some((true, err.message()))),
                }
                deleting.set(None);
                busy.set(false);
            });
        })
    };
    let on_cancel_delete = {
        let deleting = deleting.clone();
        Callback::from(move |()| deleting.set(None))
    };

    let items = props.awards.iter().map(|a| {
        let line = award_line(a);
        let on_delete = {
            let (deleting, message, a) = (deleting.clone(), message.clone(), a.clone());
            Callback::from(move |_: MouseEvent| {
                message.set(None);
                deleting.set(Some(a.clone()));
            })
        };
        html! {
            <li key={a.id.clone()} data-award={a.id.clone()} data-kind={a.kind.code()}>
                <span class="award-line">{ line.clone() }</span>
                <span class="muted">{ messages::award_kind_label(a.kind) }</span>
                if let Some(name) = &a.confirmed_by {
                    <span class="muted">{ (tx.award_confirmed_by)(name) }</span>
                }
                if props.editable {
                    <button type="button" class="button danger small" data-action="delete-award"
                        aria-label={(tx.delete_award_of)(&line)} disabled={*busy} onclick={on_delete}>
                        { tx.delete }
                    </button>
                }
            </li>
        }
    });
    let heading = format!("ye-{}-awards", props.pupil.id);
    html! {
        <section class="ye-awards" aria-labelledby={heading.clone()}>
            <h3 id={heading}>{ tx.awards_heading }</h3>
            if props.awards.is_empty() {
                <p class="muted">{ tx.no_awards }</p>
            } else {
                <ul class="plain-list">{ for items }</ul>
            }
            if let Some((is_error, text)) = (*message).clone() {
                <p class={if is_error { "form-error" } else { "save-state saved" }} role="status">{ text }</p>
            }
            if let Some(suggestion) = props.suggestion.clone() {
                <SuggestionBox class_id={props.class_id.clone()} pupil_id={props.pupil.id.clone()} {suggestion}
                    editable={props.editable} on_row={props.on_row.clone()} />
            }
            if props.editable {
                <OtherAwardForm class_id={props.class_id.clone()} pupil_id={props.pupil.id.clone()}
                    on_row={props.on_row.clone()} />
            }
            if let Some(award) = (*deleting).clone() {
                <ConfirmDialog title={tx.delete_award_title}
                    message={(tx.confirm_delete_award)(&award.title, &props.pupil.full_name)}
                    confirm_label={tx.delete} danger=true busy={*busy}
                    on_confirm={on_confirm_delete} on_cancel={on_cancel_delete} />
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct SuggestionBoxProps {
    class_id: String,
    pupil_id: String,
    suggestion: Suggestion,
    editable: bool,
    on_row: Callback<YearEndRow>,
}

/// The giấy khen the result suggests: its note, and for the teacher a confirmation (with the
/// reason when the award needs one).
#[component]
fn SuggestionBox(props: &SuggestionBoxProps) -> Html {
    let tx = t();
    let asking = use_state(|| false);
    let opened = use_state(|| 0u32);
    let reason = use_state(String::new);
    let errors = use_state(FieldErrors::default);
    let busy = use_state(|| false);
    let node = use_node_ref();
    use_focus(node.clone(), FIRST_FIELD, *opened);

    let send = {
        let (errors, busy, on_row) = (errors.clone(), busy.clone(), props.on_row.clone());
        let (class_id, pupil_id, kind) = (props.class_id.clone(), props.pupil_id.clone(), props.suggestion.kind);
        Callback::from(move |reason: String| {
            let (errors, busy, on_row) = (errors.clone(), busy.clone(), on_row.clone());
            let (class_id, pupil_id) = (class_id.clone(), pupil_id.clone());
            let body = suggested_award(kind, &reason);
            busy.set(true);
            spawn_local(async move {
                match api::add_award(&class_id, &pupil_id, &body).await {
                    Ok(row) => on_row.emit(row),
                    Err(err) => errors.set(FieldErrors::from_api(&err, &AWARD_FIELDS)),
                }
                busy.set(false);
            });
        })
    };
    let on_confirm = {
        let (asking, opened, send, errors) = (asking.clone(), opened.clone(), send.clone(), errors.clone());
        let reason_required = props.suggestion.reason_required;
        Callback::from(move |_: MouseEvent| {
            errors.set(FieldErrors::default());
            if reason_required {
                asking.set(true);
                opened.set(*opened + 1);
            } else {
                send.emit(String::new());
            }
        })
    };
    let onsubmit = {
        let (reason, errors) = (reason.clone(), errors.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if reason.trim().is_empty() {
                let mut problems = FieldErrors::default();
                problems.add("reason", messages::fixed().award_reason_required);
                errors.set(problems);
                return;
            }
            send.emit((*reason).clone());
        })
    };
    let on_cancel = {
        let (asking, errors) = (asking.clone(), errors.clone());
        Callback::from(move |_: MouseEvent| {
            errors.set(FieldErrors::default());
            asking.set(false);
        })
    };
    let on_reason = {
        let reason = reason.clone();
        Callback::from(move |v: String| reason.set(v))
    };

    let s = &props.suggestion;
    html! {
        <div class="ye-suggestion" data-suggestion={s.kind.code()} ref={node}>
            <p>{ s.note.clone() }</p>
            if props.editable {
                if *asking {
                    <form class="ye-reason" {onsubmit} novalidate=true>
                        <TextAreaField id={format!("ye-{}-reason", props.pupil_id)} name="reason"
                            label={tx.award_reason} hint={tx.award_reason_hint} rows="2" required=true
                            value={(*reason).clone()} error={errors.get("reason")} on_change={on_reason} />
                        if let Some(message) = errors.general() {
                            <p class="form-error" role="alert">{ message.to_string() }</p>
                        }
                        <div class="actions">
                            <button type="submit" class="button primary" data-action="confirm-award"
                                disabled={*busy}>{ tx.confirm_award }</button>
                            <button type="button" class="button secondary" onclick={on_cancel}>{ tx.cancel }</button>
                        </div>
                    </form>
                } else {
                    if let Some(message) = errors.general() {
                        <p class="form-error" role="alert">{ message.to_string() }</p>
                    }
                    <button type="button" class="button primary" data-action="confirm-award" disabled={*busy}
                        onclick={on_confirm}>{ tx.confirm_award }</button>
                }
            }
        </div>
    }
}
