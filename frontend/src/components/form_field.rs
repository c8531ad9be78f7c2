//! The frame of one form input: its label, an optional hint, and the error under the input.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct FormFieldProps {
    /// The `id` of the input inside (the label points at it).
    pub id: AttrValue,
    pub label: AttrValue,
    /// The field's name in the API (`data-field`, for tests and server errors).
    #[prop_or_default]
    pub name: Option<AttrValue>,
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    #[prop_or_default]
    pub error: Option<AttrValue>,
    #[prop_or_default]
    pub required: bool,
    /// The input; give it [`described_by`] and `aria-invalid`.
    #[prop_or_default]
    pub children: Html,
}

#[component]
pub fn FormField(props: &FormFieldProps) -> Html {
    let id = &props.id;
    html! {
        <div class={classes!("form-field", props.error.is_some().then_some("invalid"))}
            data-field={props.name.clone()}>
            <label for={id.clone()}>
                { props.label.clone() }
                if props.required { <span class="required" aria-hidden="true">{ " *" }</span> }
            </label>
            { props.children.clone() }
            if let Some(hint) = &props.hint {
                <p class="hint" id={format!("{id}-hint")}>{ hint.clone() }</p>
            }
            if let Some(error) = &props.error {
                <p class="field-error" id={format!("{id}-error")} role="alert">{ error.clone() }</p>
            }
        </div>
    }
}

/// The `aria-describedby` of an input framed by [`FormField`].
pub fn described_by(id: &str, hint: bool, error: bool) -> Option<AttrValue> {
    let parts: Vec<String> = [(hint, "hint"), (error, "error")]
        .into_iter()
        .filter(|(on, _)| *on)
        .map(|(_, part)| format!("{id}-{part}"))
        .collect();
    (!parts.is_empty()).then(|| AttrValue::from(parts.join(" ")))
}

/// `aria-invalid` for an input with or without an error.
pub fn aria_invalid(error: bool) -> &'static str {
    if error {
        "true"
    } else {
        "false"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn descriptions_name_hint_and_error() {
        assert_eq!(described_by("x", false, false), None);
        assert_eq!(described_by("x", true, false), Some(AttrValue::from("x-hint")));
        assert_eq!(described_by("x", true, true), Some(AttrValue::from("x-hint x-error")));
    }
}
