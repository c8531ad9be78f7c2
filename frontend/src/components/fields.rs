//! Labelled inputs built on [`FormField`]: text (and date, tel, number…), select, textarea and
//! checkbox. Each reports its new value through `on_change`.

use crate::components::form_field::{aria_invalid, described_by, FormField};
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct TextFieldProps {
    pub id: AttrValue,
    pub label: AttrValue,
    pub value: AttrValue,
    pub on_change: Callback<String>,
    #[prop_or_default]
    pub name: Option<AttrValue>,
    /// `text` unless given (`date`, `tel`, `number`, `password`…).
    #[prop_or(AttrValue::Static("text"))]
    pub kind: AttrValue,
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    #[prop_or_default]
    pub error: Option<AttrValue>,
    #[prop_or_default]
    pub required: bool,
    #[prop_or_default]
    pub disabled: bool,
    #[prop_or_default]
    pub autocomplete: Option<AttrValue>,
    #[prop_or_default]
    pub inputmode: Option<AttrValue>,
    #[prop_or_default]
    pub maxlength: Option<AttrValue>,
    #[prop_or_default]
    pub min: Option<AttrValue>,
    #[prop_or_default]
    pub max: Option<AttrValue>,
    /// For codes and user names: no capitals, no spell check.
    #[prop_or_default]
    pub plain: bool,
}

#[component]
pub fn TextField(props: &TextFieldProps) -> Html {
    let on_change = props.on_change.clone();
    let oninput =
        Callback::from(move |e: InputEvent| on_change.emit(e.target_unchecked_into::<HtmlInputElement>().value()));
    let error = props.error.is_some();
    html! {
        <FormField id={props.id.clone()} label={props.label.clone()} name={props.name.clone()}
            hint={props.hint.clone()} error={props.error.clone()} required={props.required}>
            <input id={props.id.clone()} name={props.name.clone()} type={props.kind.clone()}
                value={props.value.clone()} {oninput}
                required={props.required} disabled={props.disabled}
                autocomplete={props.autocomplete.clone()} inputmode={props.inputmode.clone()}
                maxlength={props.maxlength.clone()} min={props.min.clone()} max={props.max.clone()}
                autocapitalize={props.plain.then_some("none")}
                spellcheck={props.plain.then_some("false")}
                aria-invalid={aria_invalid(error)}
                aria-describedby={described_by(&props.id, props.hint.is_some(), error)} />
        </FormField>
    }
}

#[derive(Properties, PartialEq)]
pub struct SelectFieldProps {
    pub id: AttrValue,
    pub label: AttrValue,
    pub value: AttrValue,
    /// (value, label)
    pub options: Vec<(AttrValue, AttrValue)>,
    pub on_change: Callback<String>,
    #[prop_or_default]
    pub name: Option<AttrValue>,
    /// The label of an empty first choice (value ""), when there is one.
    #[prop_or_default]
    pub empty: Option<AttrValue>,
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    #[prop_or_default]
    pub error: Option<AttrValue>,
    #[prop_or_default]
    pub required: bool,
    #[prop_or_default]
    pub disabled: bool,
}

#[component]
pub fn SelectField(props: &SelectFieldProps) -> Html {
    let on_change = props.on_change.clone();
    let onchange =
        Callback::from(move |e: Event| on_change.emit(e.target_unchecked_into::<HtmlSelectElement>().value()));
    let error = props.error.is_some();
    let empty = props.empty.as_ref().map(|label| {
        html! { <option value="" selected={props.value.is_empty()}>{ label.clone() }</option> }
    });
    let options = props.options.iter().map(|(value, label)| {
        html! { <option value={value.clone()} selected={*value == props.value}>{ label.clone() }</option> }
    });
    html! {
        <FormField id={props.id.clone()} label={props.label.clone()} name={props.name.clone()}
            hint={props.hint.clone()} error={props.error.clone()} required={props.required}>
            <select id={props.id.clone()} name={props.name.clone()} {onchange}
                required={props.required} disabled={props.disabled}
                aria-invalid={aria_invalid(error)}
                aria-describedby={described_by(&props.id, props.hint.is_some(), error)}>
                { for empty }
                { for options }
            </select>
        </FormField>
    }
}

#[derive(Properties, PartialEq)]
pub struct TextAreaFieldProps {
    pub id: AttrValue,
    pub label: AttrValue,
    pub value: AttrValue,
    pub on_change: Callback<String>,
    #[prop_or_default]
    pub name: Option<AttrValue>,
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    #[prop_or_default]
    pub error: Option<AttrValue>,
    #[prop_or_default]
    pub required: bool,
    #[prop_or_default]
    pub disabled: bool,
    #[prop_or(AttrValue::Static("4"))]
    pub rows: AttrValue,
}

#[component]
pub fn TextAreaField(props: &TextAreaFieldProps) -> Html {
    let on_change = props.on_change.clone();
    let oninput =
        Callback::from(move |e: InputEvent| on_change.emit(e.target_unchecked_into::<HtmlTextAreaElement>().value()));
    let error = props.error.is_some();
    html! {
        <FormField id={props.id.clone()} label={props.label.clone()} name={props.name.clone()}
            hint={props.hint.clone()} error={props.error.clone()} required={props.required}>
            <textarea id={props.id.clone()} name={props.name.clone()} rows={props.rows.clone()}
                value={props.value.clone()} {oninput}
                required={props.required} disabled={props.disabled}
                aria-invalid={aria_invalid(error)}
                aria-describedby={described_by(&props.id, props.hint.is_some(), error)} />
        </FormField>
    }
}

#[derive(Properties, PartialEq)]
pub struct CheckFieldProps {
    pub id: AttrValue,
    pub label: AttrValue,
    pub checked: bool,
    pub on_change: Callback<bool>,
    #[prop_or_default]
    pub name: Option<AttrValue>,
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    #[prop_or_default]
    pub disabled: bool,
}

/// A checkbox with its label to the right.
#[component]
pub fn CheckField(props: &CheckFieldProps) -> Html {
    let on_change = props.on_change.clone();
    let onchange =
        Callback::from(move |e: Event| on_change.emit(e.target_unchecked_into::<HtmlInputElement>().checked()));
    let id = &props.id;
    html! {
        <div class="check-field" data-field={props.name.clone()}>
            <input id={id.clone()} name={props.name.clone()} type="checkbox" checked={props.checked}
                disabled={props.disabled} {onchange}
                aria-describedby={described_by(id, props.hint.is_some(), false)} />
            <label for={id.clone()}>{ props.label.clone() }</label>
            if let Some(hint) = &props.hint {
                <p class="hint" id={format!("{id}-hint")}>{ hint.clone() }</p>
            }
        </div>
    }
}
