//! Moving keyboard focus where the user's attention goes: into a form that a button just
//! opened, or to the first field with a problem after a refused submit.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};
use yew::prelude::*;

/// Inputs a form opens with.
pub const FIRST_FIELD: &str =
    "input:not([type=hidden]):not([disabled]), select:not([disabled]), textarea:not([disabled])";
/// The first input with a problem.
pub const FIRST_INVALID: &str = "[aria-invalid=\"true\"]";

/// Each time `turn` changes to a value other than 0, focuses the first element matching
/// `selector` inside `node` (which scrolls it into view).
#[hook]
pub fn use_focus(node: NodeRef, selector: &'static str, turn: u32) {
    use_effect_with(turn, move |turn| {
        if *turn > 0 {
            let target = node
                .cast::<Element>()
                .and_then(|el| el.query_selector(selector).ok().flatten())
                .and_then(|el| el.dyn_into::<HtmlElement>().ok());
            if let Some(el) = target {
                let _ = el.focus();
            }
        }
    });
}
