//! The language switch: a button naming the other language in that language ("English",
//! "Tiếng Việt"). It remembers the choice and re-renders the whole app in it.

use crate::i18n::{choice, lang, t};
use hocba_core::Lang;
use yew::prelude::*;

/// Given by the app to every page: the current language and how to change it.
#[derive(Clone, PartialEq)]
pub struct LangContext {
    pub lang: Lang,
    pub set: Callback<Lang>,
}

#[component]
pub fn LangSwitch() -> Html {
    let context = use_context::<LangContext>();
    let button = use_node_ref();
    {
        // After a switch the page is drawn anew: give the focus back to the switch.
        let button = button.clone();
        use_effect_with((), move |_| {
            if choice::take_just_switched() {
                if let Some(el) = button.cast::<web_sys::HtmlElement>() {
                    let _ = el.focus();
                }
            }
        });
    }
    let target = choice::other(lang());
    let onclick = Callback::from(move |_: MouseEvent| {
        choice::switch_to(target);
        match &context {
            Some(context) => context.set.emit(target),
            // Outside the app's context (never expected): load the page again in the new language.
            None => {
                if let Some(window) = web_sys::window() {
                    let _ = window.location().reload();
                }
            }
        }
    });
    html! {
        <button type="button" ref={button} class="button secondary lang-switch" lang={target.code()}
            title={t().lang_switch_title} data-testid="lang-switch" {onclick}>
            { target.native_name() }
        </button>
    }
}
