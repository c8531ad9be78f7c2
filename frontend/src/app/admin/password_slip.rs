//! The one-time password of a new or reset account, shown once in a box the admin can copy
//! or print for the person.

use crate::i18n::t;
use hocba_core::api::admin::IssuedPassword;
use wasm_bindgen::JsValue;
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PasswordSlipProps {
    pub issued: IssuedPassword,
    pub on_close: Callback<()>,
}

#[component]
pub fn PasswordSlip(props: &PasswordSlipProps) -> Html {
    let tx = t();
    let copied = use_state(|| None::<&'static str>);
    let field = use_node_ref();
    let password = props.issued.password.clone();

    let on_copy = {
        let (copied, field, password) = (copied.clone(), field.clone(), password.clone());
        Callback::from(move |_: MouseEvent| {
            // The clipboard exists only on HTTPS or localhost; elsewhere select the text so
            // Ctrl+C copies it.
            if copy_to_clipboard(&password) {
                copied.set(Some(tx.copied));
            } else {
                if let Some(input) = field.cast::<HtmlInputElement>() {
                    input.select();
                }
                copied.set(Some(tx.copy_by_hand));
            }
        })
    };
    let on_print = Callback::from(|_: MouseEvent| print_page());
    let on_close = {
        let cb = props.on_close.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    let on_focus = Callback::from(|e: FocusEvent| e.target_unchecked_into::<HtmlInputElement>().select());
    html! {
        <section class="card issued-password print-area" data-issued-password={props.issued.username.clone()}
            aria-labelledby="issued-title">
            <h2 id="issued-title">{ tx.issued_title }</h2>
            <p>{ tx.username }{ ": " }<strong data-username="">{ props.issued.username.clone() }</strong></p>
            <label for="issued-password">{ tx.password }</label>
            <input ref={field} id="issued-password" class="password-value" type="text" readonly=true
                value={password} data-password="" onfocus={on_focus} autocomplete="off" spellcheck="false" />
            <p class="hint">{ tx.issued_hint }</p>
            <div class="actions no-print">
                <button type="button" class="button primary" data-action="copy-password" onclick={on_copy}>
                    { tx.copy }
                </button>
                <button type="button" class="button secondary" data-action="print" onclick={on_print}>
                    { tx.print }
                </button>
                <button type="button" class="button secondary" data-action="close" onclick={on_close}>
                    { tx.close }
                </button>
            </div>
            if let Some(text) = *copied {
                <p class="muted no-print" role="status">{ text }</p>
            }
        </section>
    }
}

/// Starts copying `text` through the async clipboard API; false when the browser offers none.
fn copy_to_clipboard(text: &str) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let navigator = window.navigator();
    let available = js_sys::Reflect::get(&navigator, &JsValue::from_str("clipboard")).is_ok_and(|c| c.is_object());
    if available {
        let _ = navigator.clipboard().write_text(text);
    }
    available
}

/// Opens the browser's print dialog (the print stylesheet keeps only `.print-area`).
pub fn print_page() {
    if let Some(window) = web_sys::window() {
        let _ = window.print();
    }
}
