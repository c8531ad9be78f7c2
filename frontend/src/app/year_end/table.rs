//! The year-end table: one row per pupil with the result, days absent (with and without leave),
//! height, weight and awards. For the homeroom teacher the four measures are cells typed like the
//! periodic grid (arrows and Enter move between cells, Tab goes on, a block copied from Excel
//! pastes to the right and below); a refused cell is marked with its reason until typed again.
//! Focusing a row shows that pupil in the panel beside the table; no row ever changes height.

use super::sheet::{Sheet, SheetAction, TABLE_FIELDS};
use crate::components::grid_nav::{self, CellControl};
use crate::i18n::domain as messages;
use crate::i18n::domain::award_line;
use crate::i18n::t;
use hocba_core::api::YearEndRow;
use hocba_core::YearResult;
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct YearEndTableProps {
    pub sheet: UseReducerHandle<Sheet>,
    /// The homeroom teacher types the measures.
    pub editable: bool,
}

fn label(field: &str) -> &'static str {
    let tx = t();
    match field {
        "days_absent_excused" => tx.days_absent_excused,
        "days_absent_unexcused" => tx.days_absent_unexcused,
        "height_cm" => tx.height_cm,
        _ => tx.weight_kg,
    }
}

/// The id of a pupil's cell, also the target of the error list's links.
pub fn cell_id(pupil: &str, field: &str) -> String {
    format!("ye-{pupil}-{field}")
}

fn on_key(e: KeyboardEvent) {
    let Some(cell) = CellControl::target(&e) else { return };
    if e.key() == "Enter" {
        // Enter moves down; it never submits the class from a cell.
        e.prevent_default();
    }
    if grid_nav::move_focus(&cell, &e.key(), e.shift_key()) {
        e.prevent_default();
    }
}

fn on_paste(e: Event) {
    let Some(e) = e.dyn_ref::<web_sys::ClipboardEvent>() else { return };
    let Some(text) = e.clipboard_data().and_then(|d| d.get_data("text").ok()) else { return };
    if !grid_nav::is_block(&text, false) {
        return;
    }
    let Some(cell) = CellControl::target(e) else { return };
    e.prevent_default();
    let block: Vec<Vec<String>> = text
        .trim_end_matches(['\r', '\n'])
        .split('\n')
        .map(|line| line.trim_end_matches('\r').split('\t').map(|v| v.trim().to_string()).collect())
        .collect();
    grid_nav::paste_block(&cell, &block);
}

#[component]
pub fn YearEndTable(props: &YearEndTableProps) -> Html {
    let tx = t();
    let sheet = &props.sheet;
    let rows = sheet.rows().iter().enumerate().map(|(i, row)| pupil_row(sheet, row, i + 1, props.editable));
    html! {
        <div class="grid-wrap ye-table-wrap" role="region" aria-label={tx.year_end_pupils} tabindex="0">
            <table class="grid ye-table" data-table="year-end"
                data-unsaved={(props.editable && !sheet.changed().is_empty()).to_string()}>
                <caption class="sr-only">{ tx.year_end_table_caption }</caption>
                <thead>
                    <tr class="head-1">
                        <th scope="col" class="num">{ tx.year_end_ordinal }</th>
                        <th scope="col" class="sticky-col corner">{ tx.col_pupil }</th>
                        <th scope="col">{ tx.effective_result }</th>
                        { for TABLE_FIELDS.iter().map(|f| html! { <th scope="col" class="measure-head">{ label(f) }</th> }) }
                        <th scope="col">{ tx.awards_heading }</th>
                    </tr>
                </thead>
                <tbody>{ for rows }</tbody>
            </table>
        </div>
    }
}

fn pupil_row(sheet: &UseReducerHandle<Sheet>, row: &YearEndRow, ordinal: usize, editable: bool) -> Html {
    let tx = t();
    let pupil = row.pupil.id.clone();
    let focused = sheet.focused.as_deref() == Some(pupil.as_str());
    let invalid = sheet.row_invalid(&pupil);
    let onfocusin = {
        let (sheet, pupil) = (sheet.clone(), pupil.clone());
        Callback::from(move |_: FocusEvent| sheet.dispatch(SheetAction::Focus(pupil.clone())))
    };
    let onclick = {
        let (sheet, pupil) = (sheet.clone(), pupil.clone());
        Callback::from(move |_: MouseEvent| sheet.dispatch(SheetAction::Focus(pupil.clone())))
    };
    let draft = sheet.draft(&pupil);
    let editable = editable && !row.transferred_out;
    let cells = TABLE_FIELDS.iter().map(|field| {
        let error = sheet.error(&pupil, field).map(str::to_string);
        let id = cell_id(&pupil, field);
        let error_id = format!("{id}-error");
        let body = if editable {
            let oninput = {
                let (sheet, pupil) = (sheet.clone(), pupil.clone());
                Callback::from(move |e: InputEvent| {
                    let value = e.target_unchecked_into::<web_sys::HtmlInputElement>().value();
                    sheet.dispatch(SheetAction::Edit { pupil: pupil.clone(), field, value });
                })
            };
            let numeric = field.starts_with("days");
            html! {
                <>
                    <input {id} class="cell-input" data-field={*field} value={draft.get(field).to_string()}
                        inputmode={if numeric { "numeric" } else { "decimal" }} autocomplete="off"
                        aria-label={(tx.cell_of_pupil)(label(field), &row.pupil.full_name)}
                        aria-invalid={error.is_some().then_some("true")}
                        aria-describedby={error.is_some().then(|| error_id.clone())}
                        {oninput} onkeydown={Callback::from(on_key)} onpaste={Callback::from(on_paste)} />
                    if let Some(message) = &error {
                        <span id={error_id} class="cell-error">{ message.clone() }</span>
                    }
                </>
            }
        } else {
            html! { { draft.get(field).to_string() } }
        };
        html! {
            <td class={classes!("cell", "measure", error.is_some().then_some("invalid"))} data-field={*field}>
                { body }
            </td>
        }
    });
    let effective = row.outcome.effective;
    let awards = if row.awards.is_empty() {
        row.suggestion.as_ref().map(|s| (tx.award_suggested)(messages::award_kind_label(s.kind))).unwrap_or_default()
    } else {
        row.awards.iter().map(award_line).collect::<Vec<_>>().join("; ")
    };
    html! {
        <tr key={pupil.clone()} data-pupil={pupil.clone()} data-result={effective.map(YearResult::code)}
            class={classes!(focused.then_some("focused"), invalid.then_some("invalid-row"))} {onfocusin}>
            <td class="num">{ ordinal }</td>
            <th scope="row" class="pupil sticky-col">
                <button type="button" class="pupil-pick" data-action="show-pupil" aria-pressed={focused.to_string()}
                    {onclick}>
                    <span class="pupil-name">{ row.pupil.full_name.clone() }</span>
                </button>
                if invalid {
                    <span class="sr-only">{ tx.row_has_invalid }</span>
                } else if row.transferred_out {
                    <span class="sr-only">{ tx.pupil_moved_short }</span>
                }
            </th>
            <td class={classes!("ye-result", effective.map(|r| r.code().to_lowercase()))} data-field="effective">
                { effective.map(YearResult::code).unwrap_or("—") }
            </td>
            { for cells }
            <td class="ye-awards-cell" data-field="awards" title={awards.clone()}>{ awards.clone() }</td>
        </tr>
    }
}
