//! Loading and error messages.

use crate::i18n::t;
use yew::prelude::*;

#[component]
pub fn LoadingNotice() -> Html {
    html! { <p class="notice loading" role="status" aria-live="polite">{ t().loading }</p> }
}

#[derive(Properties, PartialEq)]
pub struct ErrorNoticeProps {
    pub message: AttrValue,
    /// Shows a "Thử lại" button when given.
    #[prop_or_default]
    pub on_retry: Option<Callback<()>>,
}

/// An error the user must see (announced by screen readers through `role="alert"`).
#[component]
pub fn ErrorNotice(props: &ErrorNoticeProps) -> Html {
    let retry = props.on_retry.as_ref().map(|cb| {
        let cb = cb.clone();
        html! { <button type="button" class="button secondary" onclick={move |_| cb.emit(())}>{ t().retry }</button> }
    });
    html! {
        <div class="notice error" role="alert">
            <p>{ props.message.clone() }</p>
            { for retry }
        </div>
    }
}
