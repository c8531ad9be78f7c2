//! One editable cell of the assessment grid: an `<input>` with client-side validation and
//! spreadsheet-like keyboard movement.

use crate::app::grid::model::{parse_block, parse_cell, Edit, Field};
use crate::components::CommentBankPanel;
use crate::i18n::t;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct GridCellProps {
    pub pupil_id: AttrValue,
    pub field: Field,
    /// The saved (or being saved) value, as the cell shows it.
    pub value: AttrValue,
    /// Accessible name: pupil, column and part.
    pub label: AttrValue,
    #[prop_or_default]
    pub read_only: bool,
    /// The server's refusal of the last value, if any.
    #[prop_or_default]
    pub server_error: Option<AttrValue>,
    /// Someone else changed the cell meanwhile: the teacher must choose a value.
    #[prop_or_default]
    pub conflict: bool,
    pub on_commit: Callback<Edit>,
    /// Shown in the cell after the input (the conflict panel, or the button that opens it).
    #[prop_or_default]
    pub children: Html,
    /// For a comment cell: the subject code and the row's level, for the comment bank.
    #[prop_or_default]
    pub bank: Option<(AttrValue, Option<AttrValue>)>,
    /// Told whether the cell holds a value it cannot save (invalid here or refused by the server).
    #[prop_or_default]
    pub on_validity: Callback<(Field, bool)>,
}

#[component]
pub fn GridCell(props: &GridCellProps) -> Html {
    let text = use_state(|| props.value.to_string());
    let error = use_state(|| None::<String>);
    {
        // A new saved value (from this cell or the server) replaces whatever was typed.
        let text = text.clone();
        let error = error.clone();
        use_effect_with(props.value.clone(), move |value| {
            text.set(value.to_string());
            error.set(None);
        });
    }

    let oninput = {
        let (text, error, field) = (text.clone(), error.clone(), props.field.clone());
        Callback::from(move |e: InputEvent| {
            let value = e.target_unchecked_into::<HtmlInputElement>().value();
            error.set(parse_cell(&field, &value).err());
            text.set(value);
        })
    };
    // Validates the typed text and, when it is a new valid value, hands it to the row.
    let commit = {
        let (text, error, field) = (text.clone(), error.clone(), props.field.clone());
        let (saved, on_commit, read_only) = (props.value.clone(), props.on_commit.clone(), props.read_only);
        Callback::from(move |value: String| {
            if read_only {
                return;
            }
            match parse_cell(&field, &value) {
                Err(message) => error.set(Some(message)),
                Ok(edit) => {
                    error.set(None);
                    let shown = edit.display();
                    text.set(shown.clone());
                    if shown != saved.as_str() {
                        on_commit.emit(edit);
                    }
                }
            }
        })
    };
    let onchange = {
        let commit = commit.clone();
        Callback::from(move |e: Event| commit.emit(e.target_unchecked_into::<HtmlInputElement>().value()))
    };
    let bank_open = use_state(|| false);
    let input_ref = use_node_ref();
    let onkeydown = {
        let (text, error, saved) = (text.clone(), error.clone(), props.value.clone());
        let (bank_open, has_bank, commit) = (bank_open.clone(), props.bank.is_some(), commit.clone());
        Callback::from(move |e: KeyboardEvent| {
            let input = e.target_unchecked_into::<HtmlInputElement>();
            let key = e.key();
            if key == "ArrowDown" && e.alt_key() && has_bank {
                e.prevent_default();
                bank_open.set(true);
                return;
            }
            if key == "Escape" {
                text.set(saved.to_string());
                error.set(None);
                return;
            }
            if move_focus(&input, &key, e.shift_key()) {
                e.prevent_default();
            } else if key == "Enter" {
                // Nowhere to move (last row): save anyway; the later blur finds nothing new.
                e.prevent_default();
                commit.emit(input.value());
            } else if wants_to_leave(&input, &key) {
                // An arrow at the grid's edge (last cell of a row, first or last row): nowhere
                // to go, but the teacher is done with the cell.
                commit.emit(input.value());
            }
        })
    };
    let onfocus = Callback::from(|e: FocusEvent| e.target_unchecked_into::<HtmlInputElement>().select());
    // A block copied from a spreadsheet (tabs or line breaks) fills the cells to the right and
    // below, as if typed into each; one value pastes as usual.
    let onpaste = Callback::from(|e: Event| {
        let Some(text) = e
            .dyn_ref::<web_sys::ClipboardEvent>()
            .and_then(|c| c.clipboard_data())
            .and_then(|d| d.get_data("text/plain").ok())
        else {
            return;
        };
        if !text.contains(['\t', '\n']) {
            return;
        }
        e.prevent_default();
        paste_block(&e.target_unchecked_into::<HtmlInputElement>(), &parse_block(&text));
    });

    let bank = match (&props.bank, props.read_only) {
        (Some((subject, level)), false) => {
            let close = {
                let (bank_open, input_ref) = (bank_open.clone(), input_ref.clone());
                Callback::from(move |()| {
                    bank_open.set(false);
                    if let Some(input) = input_ref.cast::<HtmlInputElement>() {
                        let _ = input.focus();
                    }
                })
            };
            // The phrase joins the teacher's own words: at the caret, or appended.
            let on_pick = {
                let (commit, close, text, input_ref) = (commit.clone(), close.clone(), text.clone(), input_ref.clone());
                Callback::from(move |picked: String| {
                    let caret = input_ref.cast::<HtmlInputElement>().and_then(|input| {
                        let start = input.selection_start().ok().flatten()?;
                        let end = input.selection_end().ok().flatten()?;
                        (start == end).then_some(start as usize)
                    });
                    commit.emit(hocba_core::comments::combine(&text, &picked, caret));
                    close.emit(());
                })
            };
            let toggle = {
                let bank_open = bank_open.clone();
                Callback::from(move |_: MouseEvent| bank_open.set(!*bank_open))
            };
            html! {
                <>
                    <button type="button" class="bank-toggle" data-action="open-bank" tabindex="-1"
                        aria-label={t().bank_open} title={t().bank_open} onclick={toggle}>{ "▾" }</button>
                    if *bank_open {
                        <CommentBankPanel subject={subject.clone()} level={level.clone()}
                            current={AttrValue::from((*text).clone())} {on_pick} on_close={close} />
                    }
                </>
            }
        }
        _ => Html::default(),
    };
    let message = (*error).clone().map(AttrValue::from).or_else(|| props.server_error.clone());
    {
        let (on_validity, field) = (props.on_validity.clone(), props.field.clone());
        use_effect_with(message.is_some(), move |invalid| on_validity.emit((field, *invalid)));
    }
    // The tooltip: the error, else the full comment (the input is narrow), else the label.
    let title = match &message {
        Some(m) => m.clone(),
        None if props.field.is_comment() && !text.is_empty() => AttrValue::from((*text).clone()),
        None => props.label.clone(),
    };
    let field_attr = props.field.attr();
    let error_id = format!("err-{}-{}", props.pupil_id, field_attr.replace(':', "-"));
    let kind = if props.field.is_comment() {
        "comment"
    } else if props.field.is_score() {
        "score"
    } else {
        "level"
    };
    // `data-state`: "conflict" (a choice is waiting) or "error" (a refused or invalid value).
    let state = if props.conflict {
        Some("conflict")
    } else if message.is_some() {
        Some("error")
    } else {
        None
    };
    let max_length = if props.field.is_level() { Some("2") } else { None };
    let input_mode = if props.field.is_score() { Some("numeric") } else { None };
    html! {
        <td class={classes!("cell", kind, message.is_some().then_some("invalid"), props.conflict.then_some("conflict"))}
            data-state={state}>
            // The box anchors the error and the conflict panel right under the input.
            <div class="cell-box">
                <input
                    ref={input_ref}
                    type="text"
                    class="cell-input"
                    data-pupil={props.pupil_id.clone()}
                    data-field={field_attr}
                    data-state={state}
                    aria-label={props.label.clone()}
                    aria-invalid={if message.is_some() { "true" } else { "false" }}
                    aria-describedby={message.is_some().then(|| error_id.clone())}
                    title={title}
                    autocomplete="off"
                    spellcheck={if props.field.is_comment() { "true" } else { "false" }}
                    maxlength={max_length}
                    inputmode={input_mode}
                    readonly={props.read_only}
                    value={(*text).clone()}
                    {oninput}
                    {onchange}
                    {onkeydown}
                    {onfocus}
                    {onpaste}
                />
                if let Some(message) = message {
                    <span class="cell-error" id={error_id} role="alert">{ message }</span>
                }
                { bank }
                { props.children.clone() }
            </div>
        </td>
    }
}

/// Moves focus from `input` to the neighbouring grid cell for arrow keys and Enter
/// (Shift+Enter goes up). Left/Right move only when the caret is at the edge of the text.
/// Returns whether focus moved.
fn move_focus(input: &HtmlInputElement, key: &str, shift: bool) -> bool {
    let vertical = match key {
        "ArrowUp" => Some(true),
        "ArrowDown" => Some(false),
        "Enter" => Some(shift),
        _ => None,
    };
    let Some(field) = input.get_attribute("data-field") else {
        return false;
    };
    let Ok(Some(tr)) = input.closest("tr") else {
        return false;
    };
    let target = if let Some(up) = vertical {
        let row = if up { tr.previous_element_sibling() } else { tr.next_element_sibling() };
        row.and_then(|r| r.query_selector(&format!("input[data-field=\"{field}\"]")).ok().flatten())
    } else {
        let left = match key {
            "ArrowLeft" => true,
            "ArrowRight" => false,
            _ => return false,
        };
        if !caret_at_edge(input, left) {
            return false;
        }
        neighbour_in_row(&tr, input, left)
    };
    match target.and_then(|el| el.dyn_into::<HtmlInputElement>().ok()) {
        Some(next) => {
            let _ = next.focus();
            next.select();
            true
        }
        None => false,
    }
}

/// An arrow key that would leave the cell (← / → with the caret at the text's edge, ↑ / ↓).
fn wants_to_leave(input: &HtmlInputElement, key: &str) -> bool {
    match key {
        "ArrowUp" | "ArrowDown" => true,
        "ArrowLeft" => caret_at_edge(input, true),
        "ArrowRight" => caret_at_edge(input, false),
        _ => false,
    }
}

/// Types `block` into the grid from `input` on: row `r` of the block goes `r` rows down, column
/// `c` goes `c` cells to the right in that row. Each value goes through the cell's own input and
/// change handling (validation, marking, saving); cells past the grid's edge or read-only are
/// left alone.
fn paste_block(input: &HtmlInputElement, block: &[Vec<String>]) {
    let (Ok(Some(first_tr)), Some(column)) = (input.closest("tr"), cell_position(input)) else { return };
    let mut tr = Some(first_tr);
    for values in block {
        let Some(row) = tr else { break };
        let cells = inputs_of(&row);
        for (offset, value) in values.iter().enumerate() {
            let Some(target) = cells.get(column + offset).and_then(|el| el.dyn_ref::<HtmlInputElement>()) else {
                break;
            };
            if target.read_only() {
                continue;
            }
            target.set_value(value);
            for kind in ["input", "change"] {
                let init = web_sys::EventInit::new();
                init.set_bubbles(true);
                if let Ok(event) = web_sys::Event::new_with_event_init_dict(kind, &init) {
                    let _ = target.dispatch_event(&event);
                }
            }
        }
        tr = row.next_element_sibling();
    }
    let _ = input.focus();
}

fn inputs_of(tr: &Element) -> Vec<Element> {
    let Ok(list) = tr.query_selector_all("input[data-field]") else { return Vec::new() };
    (0..list.length()).filter_map(|i| list.item(i)).filter_map(|n| n.dyn_into::<Element>().ok()).collect()
}

/// The input's place among the inputs of its row.
fn cell_position(input: &HtmlInputElement) -> Option<usize> {
    let tr = input.closest("tr").ok().flatten()?;
    let me: &Element = input.as_ref();
    inputs_of(&tr).iter().position(|c| c == me)
}

fn caret_at_edge(input: &HtmlInputElement, left: bool) -> bool {
    let len = u32::try_from(input.value().encode_utf16().count()).unwrap_or(u32::MAX);
    let start = input.selection_start().ok().flatten().unwrap_or(0);
    let end = input.selection_end().ok().flatten().unwrap_or(len);
    let all_selected = start == 0 && end == len;
    all_selected || if left { end == 0 } else { start == len }
}

fn neighbour_in_row(tr: &Element, input: &HtmlInputElement, left: bool) -> Option<Element> {
    let cells = inputs_of(tr);
    let me: &Element = input.as_ref();
    let pos = cells.iter().position(|c| c == me)?;
    let next = if left { pos.checked_sub(1)? } else { pos + 1 };
    cells.get(next).cloned()
}
