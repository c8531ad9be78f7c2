//! The text box above a table that narrows its rows as the user types.

use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct FilterBoxProps {
    pub id: AttrValue,
    pub label: AttrValue,
    pub value: AttrValue,
    pub on_input: Callback<String>,
}

#[component]
pub fn FilterBox(props: &FilterBoxProps) -> Html {
    let on_input = props.on_input.clone();
    let oninput =
        Callback::from(move |e: InputEvent| on_input.emit(e.target_unchecked_into::<HtmlInputElement>().value()));
    html! {
        <div class="filter-box">
            <label for={props.id.clone()}>{ props.label.clone() }</label>
            <input id={props.id.clone()} type="search" autocomplete="off" data-filter="text"
                value={props.value.clone()} {oninput} />
        </div>
    }
}
