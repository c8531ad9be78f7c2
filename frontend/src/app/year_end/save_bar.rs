//! "Lưu cả lớp" under the year-end table: one request for every changed line of the class. A
//! refusal (values the browser cannot read, or the server's 422 naming each pupil and field)
//! writes nothing: every refused cell is marked, listed here with a link to it, and the first
//! takes the focus.

use super::sheet::{Sheet, SheetAction, TABLE_FIELDS};
use super::table::cell_id;
use crate::i18n::t;
use crate::services::api::{self, ApiError};
use hocba_core::api::PupilFieldError;
use wasm_bindgen::JsCast;
use yew::platform::spawn_local;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SaveBarProps {
    pub class_id: String,
    pub sheet: UseReducerHandle<Sheet>,
}

/// The words of a field the server or the browser may name.
fn field_label(field: &str) -> &'static str {
    let tx = t();
    match field {
        "days_absent_excused" => tx.days_absent_excused,
        "days_absent_unexcused" => tx.days_absent_unexcused,
        "height_cm" => tx.height_cm,
        "weight_kg" => tx.weight_kg,
        "manual_result" => tx.manual_result,
        "manual_note" => tx.manual_note,
        "supplementary_result" => tx.supplementary_result,
        "supplementary_note" => tx.supplementary_note,
        _ => tx.col_pupil,
    }
}

/// Focuses a pupil's cell or panel field.
fn focus_cell(pupil: &str, field: &str) {
    let element = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(&cell_id(pupil, field)))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(element) = element {
        let _ = element.focus();
    }
}

/// Marks every refused value; the first gets the focus once the page shows it (a panel field
/// after the pupil's panel opens).
fn refuse(
    sheet: &UseReducerHandle<Sheet>,
    target: &UseStateHandle<(u32, Option<(String, String)>)>,
    errors: Vec<PupilFieldError>,
) {
    if let Some(first) = errors.first() {
        if !TABLE_FIELDS.contains(&first.field.as_str()) {
            sheet.dispatch(SheetAction::Focus(first.pupil_id.clone()));
        }
        target.set((target.0 + 1, Some((first.pupil_id.clone(), first.field.clone()))));
    }
    sheet.dispatch(SheetAction::Refused(errors));
}

#[component]
pub fn SaveBar(props: &SaveBarProps) -> Html {
    let tx = t();
    let busy = use_state(|| false);
    // A refusal that names no cell (stale, locked, network), or "nothing to save".
    let note = use_state(|| None::<(bool, String)>);
    let sheet = &props.sheet;
    // (turn, cell): the cell to focus after the render that marks it.
    let target = use_state(|| (0u32, None::<(String, String)>));
    use_effect_with(target.0, {
        let target = target.1.clone();
        move |_| {
            if let Some((pupil, field)) = target {
                focus_cell(&pupil, &field);
            }
        }
    });

    let onsubmit = {
        let (sheet, busy, note, class_id) = (sheet.clone(), busy.clone(), note.clone(), props.class_id.clone());
        let target = target.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if *busy {
                return;
            }
            note.set(None);
            let input = match sheet.to_input() {
                Ok(input) => input,
                Err(errors) => return refuse(&sheet, &target, errors),
            };
            if input.rows.is_empty() {
                sheet.dispatch(SheetAction::Refused(Vec::new()));
                note.set(Some((false, t().nothing_to_save.into())));
                return;
            }
            let (sheet, busy, note, class_id) = (sheet.clone(), busy.clone(), note.clone(), class_id.clone());
            let target = target.clone();
            busy.set(true);
            spawn_local(async move {
                match api::save_class_year_end(&class_id, &input).await {
                    Ok(view) => sheet.dispatch(SheetAction::Saved(view)),
                    Err(ApiError::Invalid { errors, .. }) => refuse(&sheet, &target, errors),
                    Err(ApiError::Validation { field: Some(field), message }) => {
                        note.set(Some((true, format!("{}: {message}", field_label(&field)))));
                    }
                    Err(err) => note.set(Some((true, err.message()))),
                }
                busy.set(false);
            });
        })
    };

    let names = |pupil: &str| {
        sheet.rows().iter().find(|r| r.pupil.id == pupil).map(|r| r.pupil.full_name.clone()).unwrap_or_default()
    };
    let refused = sheet.errors.iter().map(|((pupil, field), message)| {
        let onclick = {
            let (sheet, target, pupil, field) = (sheet.clone(), target.clone(), pupil.clone(), field.clone());
            Callback::from(move |_: MouseEvent| {
                if !TABLE_FIELDS.contains(&field.as_str()) {
                    sheet.dispatch(SheetAction::Focus(pupil.clone()));
                }
                target.set((target.0 + 1, Some((pupil.clone(), field.clone()))));
            })
        };
        html! {
            <li data-pupil={pupil.clone()} data-field={field.clone()}>
                <button type="button" class="gap-jump" {onclick}>
                    { names(pupil) }{ ", " }{ field_label(field) }
                </button>
                { ": " }{ message.clone() }
            </li>
        }
    });
    let changed = sheet.changed().len();
    let invalid = sheet.errors.len();
    let state = if invalid > 0 {
        Some(("invalid", (tx.cells_invalid)(invalid)))
    } else if *busy {
        Some(("saving", tx.saving.to_string()))
    } else if changed > 0 {
        Some(("changed", (tx.pupils_changed)(changed)))
    } else if sheet.saved {
        Some(("saved", tx.year_end_saved.to_string()))
    } else {
        None
    };
    html! {
        <form class="ye-save-bar" data-form="year-end-class" {onsubmit} novalidate=true>
            if invalid > 0 {
                <div class="submit-gaps" role="alert" data-refused={invalid.to_string()}>
                    <p>{ tx.year_end_refused }</p>
                    <ul>{ for refused }</ul>
                </div>
            }
            <div class="actions">
                <button type="submit" class="button primary" data-action="save-class" disabled={*busy}>
                    { if *busy { tx.saving } else { tx.save_class } }
                </button>
                <span class={classes!("save-state", state.as_ref().map(|s| s.0))} role="status"
                    data-save-state={state.as_ref().map(|s| s.0)}>
                    { state.map(|s| s.1).unwrap_or_default() }
                </span>
                if let Some((failed, text)) = (*note).clone() {
                    <span class={classes!("save-state", failed.then_some("failed"))} role="alert">{ text }</span>
                }
            </div>
        </form>
    }
}
