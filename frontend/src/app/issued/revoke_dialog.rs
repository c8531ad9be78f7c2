//! The principal revokes an issued document: a modal dialog asking the reason (required, shown
//! to whoever checks the code afterwards), then `POST /api/documents/{id}/revoke`.

use super::kind_text;
use crate::components::TextAreaField;
use crate::hooks::{use_modal, Modal};
use crate::i18n::domain::fixed;
use crate::i18n::t;
use crate::services::api::{self, ApiError};
use hocba_core::api::documents::IssuedDocument;
use yew::platform::spawn_local;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct RevokeDialogProps {
    pub document: IssuedDocument,
    /// Revoked: gives the document's code.
    pub on_done: Callback<String>,
    pub on_cancel: Callback<()>,
}

#[component]
pub fn RevokeDialog(props: &RevokeDialogProps) -> Html {
    let tx = t();
    let Modal { dialog, oncancel, on_no } = use_modal(props.on_cancel.clone());
    let reason = use_state(String::new);
    let error = use_state(|| None::<String>);
    let busy = use_state(|| false);
    let doc = &props.document;
    let what = kind_text(doc.kind, doc.school_year.as_deref());
    let on_reason = {
        let reason = reason.clone();
        Callback::from(move |v: String| reason.set(v))
    };
    let onsubmit = {
        let (reason, error, busy) = (reason.clone(), error.clone(), busy.clone());
        let (id, code, on_done) = (doc.id.clone(), doc.code.clone(), props.on_done.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let text = reason.trim().to_string();
            if text.is_empty() {
                error.set(Some(fixed().revoke_reason_required.to_string()));
                return;
            }
            busy.set(true);
            let (error, busy, id, code, on_done) =
                (error.clone(), busy.clone(), id.clone(), code.clone(), on_done.clone());
            spawn_local(async move {
                match api::revoke_document(&id, &text).await {
                    Ok(()) => on_done.emit(code),
                    Err(err) => {
                        // A 422 names `reason`; any other refusal shows there too (the only field).
                        let message = match &err {
                            ApiError::Validation { message, .. } => message.clone(),
                            other => other.message(),
                        };
                        error.set(Some(message));
                        busy.set(false);
                    }
                }
            });
        })
    };
    html! {
        <dialog ref={dialog} class="confirm-dialog revoke-dialog" aria-labelledby="revoke-title"
            aria-describedby="revoke-question" {oncancel}>
            <form {onsubmit} novalidate=true>
                <h2 id="revoke-title">{ tx.revoke_title }</h2>
                <p id="revoke-question">{ (tx.revoke_question)(&what, &doc.code) }</p>
                <TextAreaField id="revoke-reason" name="reason" label={tx.revoke_reason} value={(*reason).clone()}
                    on_change={on_reason} required=true rows="3" hint={tx.revoke_reason_hint}
                    error={(*error).clone().map(AttrValue::from)} />
                <div class="actions">
                    <button type="submit" class="button danger" data-action="confirm" disabled={*busy}>
                        { tx.revoke }
                    </button>
                    <button type="button" class="button secondary" data-action="cancel" disabled={*busy} onclick={on_no}>
                        { tx.cancel }
                    </button>
                </div>
            </form>
        </dialog>
    }
}
