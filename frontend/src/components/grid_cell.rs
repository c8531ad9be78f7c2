//! One editable cell of the assessment grid: an `<input>` (a comment: a `<textarea>` that grows
//! with its lines while it is edited, over the rows below, so no row changes height) with
//! client-side validation and spreadsheet-like keyboard movement (`grid_nav`).

use crate::app::grid::model::{parse_block, parse_cell, Edit, Field};
use crate::components::grid_nav::{is_block, move_focus, paste_block, wants_to_leave, CellControl};
use crate::components::CommentBankPanel;
use crate::i18n::t;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlTextAreaElement};
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
    /// A refused submit named this cell as still empty: marked until it holds a value.
    #[prop_or_default]
    pub missing: bool,
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
            let Some(value) = CellControl::target(&e).map(|c| c.value()) else { return };
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
        Callback::from(move |e: Event| {
            if let Some(cell) = CellControl::target(&e) {
                commit.emit(cell.value());
            }
        })
    };
    let bank_open = use_state(|| false);
    let input_ref = use_node_ref();
    let onkeydown = {
        let (text, error, saved) = (text.clone(), error.clone(), props.value.clone());
        let (bank_open, has_bank, commit) = (bank_open.clone(), props.bank.is_some(), commit.clone());
        Callback::from(move |e: KeyboardEvent| {
            let Some(cell) = CellControl::target(&e) else { return };
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
            if key == "Enter" && e.shift_key() && matches!(cell, CellControl::Area(_)) {
                // Shift+Enter in a comment: a new line (the browser inserts it).
                return;
            }
            if move_focus(&cell, &key, e.shift_key()) {
                e.prevent_default();
            } else if key == "Enter" {
                // Nowhere to move (last row): save anyway; the later blur finds nothing new.
                e.prevent_default();
                commit.emit(cell.value());
            } else if wants_to_leave(&cell, &key) {
                // An arrow at the grid's edge (last cell of a row, first or last row): nowhere
                // to go, but the teacher is done with the cell.
                commit.emit(cell.value());
            }
        })
    };
    let onfocus = Callback::from(|e: FocusEvent| {
        if let Some(cell) = CellControl::target(&e) {
            if let CellControl::Area(area) = &cell {
                fit_lines(area);
            }
            match cell {
                CellControl::Input(input) => input.select(),
                CellControl::Area(area) => area.select(),
            }
        }
    });
    // A comment back at rest shows one line (the tooltip holds the rest).
    let onblur = Callback::from(|e: FocusEvent| {
        if let Some(CellControl::Area(area)) = CellControl::target(&e) {
            let _ = area.remove_attribute("style");
        }
    });
    {
        // A comment being edited grows with its lines (Shift+Enter, a picked phrase, Escape).
        let input_ref = input_ref.clone();
        use_effect_with((*text).clone(), move |_| {
            if let Some(area) = input_ref.cast::<HtmlTextAreaElement>() {
                let focused =
                    web_sys::window().and_then(|w| w.document()).and_then(|d| d.active_element()).is_some_and(|a| {
                        let me: &Element = area.as_ref();
                        a == *me
                    });
                if focused {
                    fit_lines(&area);
                }
            }
        });
    }
    // A block copied from a spreadsheet (tabs or line breaks) fills the cells to the right and
    // below, as if typed into each; one value (in a comment, lines of text) pastes as usual.
    let onpaste = Callback::from(|e: Event| {
        let Some(text) = e
            .dyn_ref::<web_sys::ClipboardEvent>()
            .and_then(|c| c.clipboard_data())
            .and_then(|d| d.get_data("text/plain").ok())
        else {
            return;
        };
        let Some(cell) = CellControl::target(&e) else { return };
        if !is_block(&text, matches!(cell, CellControl::Area(_))) {
            return;
        }
        e.prevent_default();
        paste_block(&cell, &parse_block(&text));
    });

    let bank = match (&props.bank, props.read_only) {
        (Some((subject, level)), false) => {
            let close = {
                let (bank_open, input_ref) = (bank_open.clone(), input_ref.clone());
                Callback::from(move |()| {
                    bank_open.set(false);
                    if let Some(cell) = input_ref.cast::<web_sys::HtmlElement>() {
                        let _ = cell.focus();
                    }
                })
            };
            // The phrase joins the teacher's own words: at the caret, or appended.
            let on_pick = {
                let (commit, close, text, input_ref) = (commit.clone(), close.clone(), text.clone(), input_ref.clone());
                Callback::from(move |picked: String| {
                    let caret = input_ref.cast::<Element>().and_then(CellControl::of).and_then(|cell| {
                        let (start, end) = cell.selection();
                        let (start, end) = (start?, end?);
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
        // Told again when the cell goes away (comments hidden, grid reloaded): nothing left to fix.
        let (on_validity, field) = (props.on_validity.clone(), props.field.clone());
        use_effect_with(message.is_some(), move |invalid| {
            let invalid = *invalid;
            if invalid {
                on_validity.emit((field.clone(), true));
            }
            move || {
                if invalid {
                    on_validity.emit((field, false));
                }
            }
        });
    }
    // Still empty although a refused submit asked for it.
    let missing = props.missing && !props.read_only && text.trim().is_empty();
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
    let missing_id = format!("missing-{}-{}", props.pupil_id, field_attr.replace(':', "-"));
    let described_by = match (&message, missing) {
        (Some(_), _) => Some(error_id.clone()),
        (None, true) => Some(missing_id.clone()),
        (None, false) => None,
    };
    let invalid = if message.is_some() || missing { "true" } else { "false" };
    let lines = text.lines().count();
    let control = if props.field.is_comment() {
        html! {
            <textarea
                ref={input_ref}
                rows="1"
                class={classes!("cell-input", (lines > 1).then_some("multiline"))}
                data-pupil={props.pupil_id.clone()}
                data-field={field_attr}
                data-state={state}
                data-missing={missing.then_some("true")}
                aria-label={props.label.clone()}
                aria-invalid={invalid}
                aria-describedby={described_by}
                title={title}
                autocomplete="off"
                spellcheck="true"
                readonly={props.read_only}
                value={(*text).clone()}
                {oninput}
                {onchange}
                {onkeydown}
                {onfocus}
                {onblur}
                {onpaste}
            />
        }
    } else {
        html! {
            <input
                ref={input_ref}
                type="text"
                class="cell-input"
                data-pupil={props.pupil_id.clone()}
                data-field={field_attr}
                data-state={state}
                data-missing={missing.then_some("true")}
                aria-label={props.label.clone()}
                aria-invalid={invalid}
                aria-describedby={described_by}
                title={title}
                autocomplete="off"
                spellcheck="false"
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
        }
    };
    html! {
        <td class={classes!("cell", kind, message.is_some().then_some("invalid"), props.conflict.then_some("conflict"),
                missing.then_some("missing"))}
            data-state={state}>
            // The box anchors the error and the conflict panel right under the input.
            <div class="cell-box">
                { control }
                if let Some(message) = message {
                    <span class="cell-error" id={error_id} role="alert">{ message }</span>
                } else if missing {
                    <span class="sr-only" id={missing_id}>{ t().cell_missing }</span>
                }
                { bank }
                { props.children.clone() }
            </div>
        </td>
    }
}

/// Makes a comment's box as tall as its lines (up to the CSS `max-height`, then it scrolls).
fn fit_lines(area: &HtmlTextAreaElement) {
    let _ = area.set_attribute("style", "height: auto");
    // `scrollHeight` leaves out the borders (2 px each) that `border-box` counts.
    let height = area.scroll_height() + 4;
    let _ = area.set_attribute("style", &format!("height: {height}px"));
}
