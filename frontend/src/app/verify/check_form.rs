//! The two ways to check a học bạ: choose its PDF file, or type the code printed on it.
//! Large targets, one column: it is used on phones.

use crate::components::form_field::{aria_invalid, described_by, FormField};
use crate::i18n::t;
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct CheckFormProps {
    /// The code field's first value (the code of the QR link).
    #[prop_or_default]
    pub code: String,
    /// A problem with the code (missing, or refused by the server).
    #[prop_or_default]
    pub code_error: Option<AttrValue>,
    pub busy: bool,
    pub on_file: Callback<web_sys::File>,
    pub on_code: Callback<String>,
}

#[component]
pub fn CheckForm(props: &CheckFormProps) -> Html {
    let tx = t();
    let code = use_state(|| props.code.clone());
    {
        // A new QR link shows its code in the field.
        let code = code.clone();
        use_effect_with(props.code.clone(), move |c| code.set(c.clone()));
    }
    let missing = use_state(|| false);
    let onchange = {
        let on_file = props.on_file.clone();
        Callback::from(move |e: Event| {
            let input = e.target_unchecked_into::<HtmlInputElement>();
            if let Some(file) = input.files().and_then(|list| list.get(0)) {
                on_file.emit(file);
            }
            // Choosing the same file again checks it again.
            input.set_value("");
        })
    };
    let oninput = {
        let (code, missing) = (code.clone(), missing.clone());
        Callback::from(move |e: InputEvent| {
            code.set(e.target_unchecked_into::<HtmlInputElement>().value());
            missing.set(false);
        })
    };
    let onsubmit = {
        let (code, missing, on_code) = (code.clone(), missing.clone(), props.on_code.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let typed: String = code.chars().filter(|c| !c.is_whitespace()).collect();
            if typed.is_empty() {
                missing.set(true);
            } else {
                on_code.emit(typed);
            }
        })
    };
    let error: Option<AttrValue> =
        if *missing { Some(tx.verify_code_missing.into()) } else { props.code_error.clone() };
    let invalid = error.is_some();
    html! {
        <section class="card verify-check">
            <FormField id="verify-file" label={tx.verify_file_label} name="file" hint={tx.verify_file_hint}>
                <input id="verify-file" name="file" type="file" accept="application/pdf,.pdf" class="file-big"
                    data-testid="verify-file" disabled={props.busy} {onchange}
                    aria-describedby={described_by("verify-file", true, false)} />
            </FormField>
            <p class="verify-or"><span>{ tx.verify_or }</span></p>
            <form class="verify-code-form" {onsubmit} novalidate=true>
                <FormField id="verify-code" label={tx.verify_code_label} name="code" hint={tx.verify_code_hint}
                    error={error}>
                    <input id="verify-code" name="code" type="text" value={(*code).clone()} {oninput}
                        data-testid="verify-code" autocomplete="off" autocapitalize="characters"
                        spellcheck="false" maxlength="40" class="code-input"
                        aria-invalid={aria_invalid(invalid)}
                        aria-describedby={described_by("verify-code", true, invalid)} />
                </FormField>
                <button type="submit" class="button primary big wide" data-action="verify-code" disabled={props.busy}>
                    { tx.verify_code_button }
                </button>
            </form>
        </section>
    }
}
