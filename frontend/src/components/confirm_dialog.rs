//! A modal question before an action that is hard to undo (deactivate an account, freeze a
//! transferred pupil's record, apply the rollover). Render it only while asking: it opens as a
//! modal `<dialog>` when mounted; Escape or "Huỷ" cancels.

use crate::hooks::{use_modal, Modal};
use crate::i18n::t;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ConfirmDialogProps {
    pub title: AttrValue,
    pub message: AttrValue,
    pub confirm_label: AttrValue,
    /// The action destroys or freezes something: a red confirm button.
    #[prop_or_default]
    pub danger: bool,
    /// The action is running: the buttons wait.
    #[prop_or_default]
    pub busy: bool,
    pub on_confirm: Callback<()>,
    pub on_cancel: Callback<()>,
}

#[component]
pub fn ConfirmDialog(props: &ConfirmDialogProps) -> Html {
    let Modal { dialog, oncancel, on_no } = use_modal(props.on_cancel.clone());
    let on_yes = {
        let on_confirm = props.on_confirm.clone();
        Callback::from(move |_: MouseEvent| on_confirm.emit(()))
    };
    let kind = if props.danger { "danger" } else { "primary" };
    html! {
        <dialog ref={dialog} class="confirm-dialog" aria-labelledby="confirm-title"
            aria-describedby="confirm-message" {oncancel}>
            <h2 id="confirm-title">{ props.title.clone() }</h2>
            <p id="confirm-message">{ props.message.clone() }</p>
            <div class="actions">
                <button type="button" class={classes!("button", kind)} data-action="confirm"
                    disabled={props.busy} onclick={on_yes}>{ props.confirm_label.clone() }</button>
                <button type="button" class="button secondary" data-action="cancel" autofocus=true
                    disabled={props.busy} onclick={on_no}>{ t().cancel }</button>
            </div>
        </dialog>
    }
}
