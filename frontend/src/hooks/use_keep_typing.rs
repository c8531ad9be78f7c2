//! Nothing typed into a grid is lost when the page goes away: when the page is hidden (tab closed or
//! switched, phone locked) the focused cell is committed as if it had lost focus, and leaving the
//! page while a value is still unsent or refused asks first (`beforeunload`).

use crate::services::queue;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The inputs of grid cells (assessment grid, year-end grid) carry this class.
const CELL_INPUT: &str = "input.cell-input, textarea.cell-input";

/// Fires a bubbling `change` on the focused cell input, so its handler commits what was typed
/// (nothing happens when it holds its saved value).
fn commit_focused_cell() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let Some(active) = document.active_element() else { return };
    if !active.matches(CELL_INPUT).unwrap_or(false) {
        return;
    }
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    if let Ok(event) = web_sys::Event::new_with_event_init_dict("change", &init) {
        let _ = active.dispatch_event(&event);
    }
}

/// A value is still on its way to the server (while online), a cell holds a refused value, or a
/// table saved with one button (the year end) holds values not saved yet (`data-unsaved`).
fn anything_unsent() -> bool {
    let status = queue::status();
    let selector = ".cell.invalid, .cell[data-state=\"error\"], [data-unsaved=\"true\"]";
    let invalid =
        web_sys::window().and_then(|w| w.document()).and_then(|d| d.query_selector(selector).ok().flatten()).is_some();
    (status.pending > 0 && !status.offline) || invalid
}

/// Installs the listeners while the calling page is shown.
#[hook]
pub fn use_keep_typing() {
    use_effect_with((), |_| {
        let on_hide = Closure::<dyn Fn(web_sys::Event)>::new(|e: web_sys::Event| {
            let hidden = web_sys::window().and_then(|w| w.document()).is_some_and(|d| d.hidden());
            if e.type_() == "pagehide" || hidden {
                commit_focused_cell();
            }
        });
        let on_before_unload = Closure::<dyn Fn(web_sys::Event)>::new(|e: web_sys::Event| {
            commit_focused_cell();
            if anything_unsent() {
                // Both: the standard way and the legacy returnValue older Chromium needs.
                e.prevent_default();
                let _ = js_sys::Reflect::set(e.as_ref(), &"returnValue".into(), &"".into());
            }
        });
        let window = web_sys::window();
        let document = window.as_ref().and_then(web_sys::Window::document);
        if let Some(w) = &window {
            let _ = w.add_event_listener_with_callback("pagehide", on_hide.as_ref().unchecked_ref());
            let _ = w.add_event_listener_with_callback("beforeunload", on_before_unload.as_ref().unchecked_ref());
        }
        if let Some(d) = &document {
            let _ = d.add_event_listener_with_callback("visibilitychange", on_hide.as_ref().unchecked_ref());
        }
        move || {
            if let Some(w) = window {
                let _ = w.remove_event_listener_with_callback("pagehide", on_hide.as_ref().unchecked_ref());
                let _ =
                    w.remove_event_listener_with_callback("beforeunload", on_before_unload.as_ref().unchecked_ref());
            }
            if let Some(d) = document {
                let _ = d.remove_event_listener_with_callback("visibilitychange", on_hide.as_ref().unchecked_ref());
            }
            drop((on_hide, on_before_unload));
        }
    });
}
