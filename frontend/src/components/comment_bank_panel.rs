//! The comment bank of a comment cell: the teacher's own comments for the subject, then the
//! suggestions for the cell's level, as two lists of buttons; picking one adds it to the cell's
//! comment (at the caret, or after the teacher's words). Opened with Alt+↓ or the cell's small
//! button; ↑/↓ move, Enter picks, Escape closes. The text being typed can be kept in the bank for
//! next time.

use crate::i18n::t;
use crate::services::api;
use hocba_core::api::CommentBank;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;
use yew::platform::spawn_local;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct CommentBankPanelProps {
    /// The subject (or phẩm chất / năng lực) code.
    pub subject: AttrValue,
    /// The level of the cell's row, for the suggestions ("T", "H", "C"; none: every level).
    pub level: Option<AttrValue>,
    /// What the cell holds now (offered for keeping in the bank).
    pub current: AttrValue,
    pub on_pick: Callback<String>,
    pub on_close: Callback<()>,
}

#[component]
pub fn CommentBankPanel(props: &CommentBankPanelProps) -> Html {
    let tx = t();
    let bank = use_state(|| None::<CommentBank>);
    let reload = use_state(|| 0u32);
    let list = use_node_ref();
    {
        let bank = bank.clone();
        let (subject, level) = (props.subject.clone(), props.level.clone());
        use_effect_with(*reload, move |_| {
            spawn_local(async move {
                let answer = api::comment_bank(&subject, level.as_deref()).await.unwrap_or_default();
                bank.set(Some(answer));
            });
        });
    }
    {
        // Once the list is shown, the keyboard is in it.
        let list = list.clone();
        use_effect_with(bank.clone(), move |bank| {
            if bank.is_some() {
                focus_option(&list, 0);
            }
        });
    }
    let onkeydown = {
        let (list, on_close) = (list.clone(), props.on_close.clone());
        Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
            "Escape" => {
                e.prevent_default();
                e.stop_propagation();
                on_close.emit(());
            }
            "ArrowDown" | "ArrowUp" => {
                e.prevent_default();
                e.stop_propagation();
                let step = if e.key() == "ArrowDown" { 1 } else { -1 };
                move_focus(&list, step);
            }
            _ => {}
        })
    };
    let option = |text: String, own_id: Option<String>| {
        let on_pick = props.on_pick.clone();
        let pick = {
            let text = text.clone();
            Callback::from(move |_: MouseEvent| on_pick.emit(text.clone()))
        };
        let remove = own_id.map(|id| {
            let reload = reload.clone();
            Callback::from(move |_: MouseEvent| {
                let (id, reload) = (id.clone(), reload.clone());
                spawn_local(async move {
                    if api::forget_comment(&id).await.is_ok() {
                        reload.set(*reload + 1);
                    }
                });
            })
        });
        html! {
            <li class="bank-item">
                <button type="button" class="bank-option" data-bank-option=""
                    onclick={pick}>{ text.clone() }</button>
                if let Some(onclick) = remove {
                    <button type="button" class="bank-remove" aria-label={(tx.bank_remove)(&text)} {onclick}>
                        { "×" }
                    </button>
                }
            </li>
        }
    };
    let body = match &*bank {
        None => html! { <p class="bank-loading">{ tx.loading }</p> },
        Some(b) if b.own.is_empty() && b.suggestions.is_empty() => html! { <p>{ tx.bank_empty }</p> },
        Some(b) => html! {
            <>
                if !b.own.is_empty() {
                    <p class="bank-group">{ tx.bank_own }</p>
                    <ul class="bank-list" aria-label={tx.bank_own}>
                        { for b.own.iter().map(|c| option(c.text.clone(), Some(c.id.clone()))) }
                    </ul>
                }
                if !b.suggestions.is_empty() {
                    <p class="bank-group">{ tx.bank_suggested }</p>
                    <ul class="bank-list" aria-label={tx.bank_suggested}>
                        { for b.suggestions.iter().map(|text| option(text.clone(), None)) }
                    </ul>
                }
            </>
        },
    };
    let keep = (!props.current.trim().is_empty()).then(|| {
        let (subject, text, reload) = (props.subject.clone(), props.current.clone(), reload.clone());
        Callback::from(move |_: MouseEvent| {
            let (subject, text, reload) = (subject.clone(), text.clone(), reload.clone());
            spawn_local(async move {
                if api::keep_comment(&subject, &text).await.is_ok() {
                    reload.set(*reload + 1);
                }
            });
        })
    });
    html! {
        <div ref={list} class="bank-panel" role="dialog" aria-label={tx.bank_title} data-bank={props.subject.clone()}
            {onkeydown}>
            <p class="bank-title">{ tx.bank_title }</p>
            { body }
            <div class="actions">
                if let Some(onclick) = keep {
                    <button type="button" class="button secondary small" data-action="keep-comment" {onclick}>
                        { tx.bank_keep }
                    </button>
                }
                <button type="button" class="button secondary small" data-action="close-bank"
                    onclick={props.on_close.reform(|_: MouseEvent| ())}>{ tx.close }</button>
            </div>
        </div>
    }
}

fn options(list: &NodeRef) -> Vec<HtmlElement> {
    let Some(root) = list.cast::<web_sys::Element>() else { return Vec::new() };
    let Ok(nodes) = root.query_selector_all("[data-bank-option]") else { return Vec::new() };
    (0..nodes.length()).filter_map(|i| nodes.item(i)).filter_map(|n| n.dyn_into::<HtmlElement>().ok()).collect()
}

fn focus_option(list: &NodeRef, index: usize) {
    if let Some(el) = options(list).get(index) {
        let _ = el.focus();
    }
}

/// Moves focus `step` options up or down (wrapping).
fn move_focus(list: &NodeRef, step: isize) {
    let all = options(list);
    if all.is_empty() {
        return;
    }
    let active = web_sys::window().and_then(|w| w.document()).and_then(|d| d.active_element());
    let here = all.iter().position(|o| active.as_ref().is_some_and(|a| a == o.as_ref() as &web_sys::Element));
    let len = all.len() as isize;
    let next = here.map_or(0, |i| (i as isize + step).rem_euclid(len)) as usize;
    focus_option(list, next);
}
