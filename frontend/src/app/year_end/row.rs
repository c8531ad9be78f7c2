//! One pupil's card on the year-end page: the result and the completion, the extras (a form
//! with its own "Lưu" for the homeroom teacher, facts for everyone else), the principal's
//! decision and the awards.

use super::awards::Awards;
use super::decision::Decision;
use super::form::{effective_note, offers_supplementary, ExtrasDraft, EXTRA_FIELDS};
use super::Powers;
use crate::components::{FieldErrors, SelectField, TextAreaField, TextField};
use crate::hooks::{use_draft, use_focus, FIRST_INVALID};
use crate::i18n::t;
use crate::services::api::{self, ApiError};
use hocba_core::api::{YearEnd, YearEndRow};
use hocba_core::{messages, YearResult};
use yew::platform::spawn_local;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PupilCardProps {
    pub class_id: String,
    pub row: YearEndRow,
    pub powers: Powers,
    /// The pupil's line as a write answered it.
    pub on_row: Callback<YearEndRow>,
}

#[component]
pub fn PupilCard(props: &PupilCardProps) -> Html {
    let tx = t();
    let row = &props.row;
    let editable = props.powers.edit && !row.transferred_out;
    let decides =
        props.powers.decide && !row.transferred_out && (row.outcome.decision_needed || row.outcome.decision.is_some());
    let effective = row.outcome.effective;
    html! {
        <li class="card ye-pupil" data-pupil={row.pupil.id.clone()} data-result={effective.map(YearResult::code)}>
            <h2 class="ye-name">{ row.pupil.full_name.clone() }</h2>
            { outcome(row) }
            if row.transferred_out {
                <p class="banner read-only">{ tx.pupil_transferred }</p>
            }
            if editable {
                <ExtrasForm class_id={props.class_id.clone()} row={row.clone()} on_row={props.on_row.clone()} />
            } else {
                { extras_facts(&row.year_end) }
            }
            if decides {
                <Decision class_id={props.class_id.clone()} row={row.clone()} on_row={props.on_row.clone()} />
            }
            <Awards class_id={props.class_id.clone()} pupil={row.pupil.clone()} awards={row.awards.clone()}
                suggestion={row.suggestion.clone()} {editable} on_row={props.on_row.clone()} />
        </li>
    }
}

fn result_text(result: Option<YearResult>) -> String {
    match result {
        Some(r) => (t().coded_name)(messages::result_name(r), r.code()),
        None => t().result_pending.to_string(),
    }
}

/// The computed result, the one that counts, the completion, and why.
fn outcome(row: &YearEndRow) -> Html {
    let tx = t();
    let o = &row.outcome;
    let effective_class = o.effective.map(|r| r.code().to_lowercase());
    html! {
        <>
            <dl class="facts ye-outcome">
                <div>
                    <dt>{ tx.computed_result }</dt>
                    <dd data-field="computed">{ result_text(o.computed) }</dd>
                </div>
                <div>
                    <dt>{ tx.effective_result }</dt>
                    <dd data-field="effective" class={classes!("result", effective_class)}>{ result_text(o.effective) }</dd>
                </div>
                <div>
                    <dt>{ tx.completion }</dt>
                    <dd data-field="completion">{ o.label.clone().unwrap_or_else(|| tx.none.into()) }</dd>
                </div>
            </dl>
            <p class="explain" data-field="explanation">{ row.explanation.clone() }</p>
            if let Some(note) = effective_note(row) {
                <p class="explain">{ note }</p>
            }
            if let Some(name) = row.decided_by.as_deref().filter(|_| o.decision.is_some()) {
                <p class="muted">{ (tx.decided_by)(name) }</p>
            }
        </>
    }
}

/// The stored extras, read only (also the server's current value after a stale write).
fn extras_facts(y: &YearEnd) -> Html {
    let tx = t();
    let dash = || tx.none.to_string();
    let days = |d: Option<u16>| d.map(|d| d.to_string()).unwrap_or_else(dash);
    let measure = |m: Option<f32>| m.map(super::form::format_measure).unwrap_or_else(dash);
    let fact = |field: &'static str, label: &'static str, value: String| {
        html! { <div><dt>{ label }</dt><dd data-field={field}>{ value }</dd></div> }
    };
    html! {
        <dl class="facts ye-extras">
            { fact("days_absent_excused", tx.days_absent_excused, days(y.days_absent_excused)) }
            { fact("days_absent_unexcused", tx.days_absent_unexcused, days(y.days_absent_unexcused)) }
            { fact("height_cm", tx.height_cm, measure(y.height_cm)) }
            { fact("weight_kg", tx.weight_kg, measure(y.weight_kg)) }
            if let Some(r) = y.manual_result {
                { fact("manual_result", tx.manual_result, result_text(Some(r))) }
                { fact("manual_note", tx.manual_note, y.manual_note.clone().unwrap_or_else(dash)) }
            }
            if let Some(r) = y.supplementary_result {
                { fact("supplementary_result", tx.supplementary_result, result_text(Some(r))) }
                { fact("supplementary_note", tx.supplementary_note, y.supplementary_note.clone().unwrap_or_else(dash)) }
            }
        </dl>
    }
}

fn result_options(results: &[YearResult]) -> Vec<(AttrValue, AttrValue)> {
    results
        .iter()
        .map(|r| (AttrValue::from(r.code()), AttrValue::from((t().coded_name)(messages::result_name(*r), r.code()))))
        .collect()
}

#[derive(Properties, PartialEq)]
struct ExtrasFormProps {
    class_id: String,
    row: YearEndRow,
    on_row: Callback<YearEndRow>,
}

/// The homeroom teacher's form for one pupil, saved with its own button.
#[component]
fn ExtrasForm(props: &ExtrasFormProps) -> Html {
    let tx = t();
    let row = &props.row;
    let draft = use_draft(|| ExtrasDraft::of(&row.year_end));
    let errors = use_state(FieldErrors::default);
    let busy = use_state(|| false);
    let saved = use_state(|| false);
    // The server's value after a stale write, until the teacher reloads the pupil.
    let stale = use_state(|| None::<YearEnd>);
    let attempts = use_state(|| 0u32);
    let form = use_node_ref();
    use_focus(form.clone(), FIRST_INVALID, *attempts);
    {
        // A new stored value (saved here or reloaded) replaces what the form holds.
        let draft = draft.clone();
        use_effect_with(row.year_end.clone(), move |stored| draft.replace(ExtrasDraft::of(stored)));
    }

    let onsubmit = {
        let (draft, errors, busy, saved, stale, attempts) =
            (draft.clone(), errors.clone(), busy.clone(), saved.clone(), stale.clone(), attempts.clone());
        let (class_id, pupil_id, version, on_row) =
            (props.class_id.clone(), row.pupil.id.clone(), row.year_end.version, props.on_row.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            saved.set(false);
            let input = match draft.value().to_input(version) {
                Ok(input) => input,
                Err(problems) => {
                    errors.set(problems);
                    attempts.set(*attempts + 1);
                    return;
                }
            };
            let (errors, busy, saved, stale, attempts, on_row) =
                (errors.clone(), busy.clone(), saved.clone(), stale.clone(), attempts.clone(), on_row.clone());
            let (class_id, pupil_id) = (class_id.clone(), pupil_id.clone());
            busy.set(true);
            spawn_local(async move {
                match api::save_year_end(&class_id, &pupil_id, &input).await {
                    Ok(row) => {
                        errors.set(FieldErrors::default());
                        stale.set(None);
                        saved.set(true);
                        on_row.emit(row);
                    }
                    Err(err) => {
                        if let ApiError::Stale { current, .. } = &err {
                            stale.set(current.clone().and_then(|c| serde_json::from_value::<YearEnd>(c).ok()));
                        }
                        errors.set(FieldErrors::from_api(&err, &EXTRA_FIELDS));
                        attempts.set(*attempts + 1);
                    }
                }
                busy.set(false);
            });
        })
    };
    let on_reload = {
        let (draft, errors, busy, stale) = (draft.clone(), errors.clone(), busy.clone(), stale.clone());
        let (class_id, pupil_id, on_row) = (props.class_id.clone(), row.pupil.id.clone(), props.on_row.clone());
        Callback::from(move |_: MouseEvent| {
            let (draft, errors, busy, stale, on_row) =
                (draft.clone(), errors.clone(), busy.clone(), stale.clone(), on_row.clone());
            let (class_id, pupil_id) = (class_id.clone(), pupil_id.clone());
            busy.set(true);
            spawn_local(async move {
                match api::year_end(&class_id).await {
                    Ok(view) => {
                        if let Some(row) = view.rows.into_iter().find(|r| r.pupil.id == pupil_id) {
                            draft.replace(ExtrasDraft::of(&row.year_end));
                            stale.set(None);
                            errors.set(FieldErrors::default());
                            on_row.emit(row);
                        }
                    }
                    Err(err) => errors.set(FieldErrors::with_general(err.message())),
                }
                busy.set(false);
            });
        })
    };

    let d = draft.value();
    let id = |field: &str| format!("ye-{}-{field}", row.pupil.id);
    let error = |field: &str| errors.get(field);
    html! {
        <form ref={form} class="ye-form" {onsubmit} novalidate=true data-form="year-end">
            <fieldset>
                <legend>{ tx.extras_legend }</legend>
                <div class="form-grid ye-grid">
                    <TextField id={id("days_absent_excused")} name="days_absent_excused" label={tx.days_absent_excused}
                        value={d.days_absent_excused.clone()} inputmode="numeric" autocomplete="off"
                        error={error("days_absent_excused")} on_change={draft.text(|d, v| d.days_absent_excused = v)} />
                    <TextField id={id("days_absent_unexcused")} name="days_absent_unexcused"
                        label={tx.days_absent_unexcused} value={d.days_absent_unexcused.clone()} inputmode="numeric"
                        autocomplete="off" error={error("days_absent_unexcused")}
                        on_change={draft.text(|d, v| d.days_absent_unexcused = v)} />
                    <TextField id={id("height_cm")} name="height_cm" label={tx.height_cm} hint={tx.height_hint}
                        value={d.height_cm.clone()} inputmode="decimal" autocomplete="off" error={error("height_cm")}
                        on_change={draft.text(|d, v| d.height_cm = v)} />
                    <TextField id={id("weight_kg")} name="weight_kg" label={tx.weight_kg} hint={tx.weight_hint}
                        value={d.weight_kg.clone()} inputmode="decimal" autocomplete="off" error={error("weight_kg")}
                        on_change={draft.text(|d, v| d.weight_kg = v)} />
                </div>
            </fieldset>
            if row.has_disability {
                <fieldset>
                    <legend>{ tx.manual_legend }</legend>
                    <SelectField id={id("manual_result")} name="manual_result" label={tx.manual_result}
                        value={d.manual_result.clone()} options={result_options(&YearResult::ALL)}
                        empty={tx.manual_result_none} error={error("manual_result")}
                        on_change={draft.text(|d, v| d.manual_result = v)} />
                    <TextAreaField id={id("manual_note")} name="manual_note" label={tx.manual_note} rows="2"
                        value={d.manual_note.clone()} required={!d.manual_result.is_empty()}
                        error={error("manual_note")} on_change={draft.text(|d, v| d.manual_note = v)} />
                </fieldset>
            }
            if offers_supplementary(row, d) {
                <fieldset>
                    <legend>{ tx.supplementary_legend }</legend>
                    <SelectField id={id("supplementary_result")} name="supplementary_result"
                        label={tx.supplementary_result} value={d.supplementary_result.clone()}
                        options={result_options(&[YearResult::HT, YearResult::CHT])} empty={tx.supplementary_none}
                        error={error("supplementary_result")}
                        on_change={draft.text(|d, v| d.supplementary_result = v)} />
                    <TextAreaField id={id("supplementary_note")} name="supplementary_note"
                        label={tx.supplementary_note} rows="2" value={d.supplementary_note.clone()}
                        error={error("supplementary_note")} on_change={draft.text(|d, v| d.supplementary_note = v)} />
                </fieldset>
            }
            if let Some(current) = (*stale).clone() {
                <div class="ye-stale" role="alert" data-stale="year_end">
                    <p>{ tx.stale_title }</p>
                    { extras_facts(&current) }
                    <button type="button" class="button secondary" data-action="reload-row" disabled={*busy}
                        onclick={on_reload}>{ tx.reload_row }</button>
                </div>
            } else if let Some(message) = errors.general() {
                <p class="form-error" role="alert">{ message.to_string() }</p>
            }
            <div class="actions">
                <button type="submit" class="button primary" data-action="save-year-end" disabled={*busy}
                    aria-label={(tx.save_pupil)(&row.pupil.full_name)}>
                    { if *busy { tx.saving } else { tx.save } }
                </button>
                <span class="save-state saved" role="status" data-save-state={saved.then_some("saved")}>
                    { if *saved { tx.saved } else { "" } }
                </span>
            </div>
        </form>
    }
}
