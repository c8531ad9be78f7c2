//! "Nghe": reads a text aloud with the browser's speech synthesis in the interface's language
//! (`vi-VN`, or `en-GB` in English), for parents who read little. Hidden where the browser has no
//! speech synthesis; a second press stops.

use crate::i18n::t;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The browser's speech synthesis, if it has one.
fn synthesis() -> Option<web_sys::SpeechSynthesis> {
    web_sys::window()?.speech_synthesis().ok()
}

#[derive(Properties, PartialEq)]
pub struct ListenButtonProps {
    /// What to read.
    pub text: AttrValue,
}

#[component]
pub fn ListenButton(props: &ListenButtonProps) -> Html {
    let tx = t();
    let speaking = use_state(|| false);
    let Some(_) = synthesis() else {
        return Html::default();
    };
    let onclick = {
        let (speaking, text) = (speaking.clone(), props.text.clone());
        Callback::from(move |_: MouseEvent| {
            let Some(speech) = synthesis() else { return };
            if *speaking {
                speech.cancel();
                speaking.set(false);
                return;
            }
            let Ok(utterance) = web_sys::SpeechSynthesisUtterance::new_with_text(&text) else { return };
            utterance.set_lang(match crate::i18n::lang() {
                hocba_core::Lang::Vi => "vi-VN",
                hocba_core::Lang::En => "en-GB",
            });
            utterance.set_rate(0.9);
            let done = speaking.clone();
            let on_end = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(move || done.set(false));
            utterance.set_onend(Some(on_end.as_ref().unchecked_ref()));
            // The utterance keeps calling it after this handler returns.
            on_end.forget();
            speech.cancel();
            speech.speak(&utterance);
            speaking.set(true);
        })
    };
    html! {
        <p class="listen">
            <button type="button" class="button listen-button" data-action="listen" {onclick}
                aria-pressed={speaking.to_string()} aria-label={tx.listen_label}>
                <svg class="icon" viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false">
                    <path fill="currentColor" d="M3 9v6h4l5 5V4L7 9H3zm13.5 3A4.5 4.5 0 0 0 14 8v8a4.5 4.5 0 0 0 2.5-4zM14 3.2v2.1a7 7 0 0 1 0 13.4v2.1a9 9 0 0 0 0-17.6z" />
                </svg>
                { if *speaking { tx.listen_stop } else { tx.listen } }
            </button>
        </p>
    }
}
