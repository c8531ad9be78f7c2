//! The panel beside the year-end table for the pupil whose row has the focus: the result and what
//! it means, the completion, the individual result of a pupil with a disability and the đánh giá
//! bổ sung (typed here, saved with the class), the principal's decision and the awards (each
//! confirmed or deleted at once).

use super::awards::Awards;
use super::decision::Decision;
use super::form::{effective_note, offers_supplementary};
use super::sheet::{Sheet, SheetAction};
use super::Powers;
use crate::components::{SelectField, TextAreaField};
use crate::i18n::domain as messages;
use crate::i18n::t;
use hocba_core::api::{YearEnd, YearEndRow};
use hocba_core::YearResult;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PupilPanelProps {
    pub class_id: String,
    pub sheet: UseReducerHandle<Sheet>,
    pub powers: Powers,
}

fn result_text(result: Option<YearResult>) -> String {
    match result {
        Some(r) => (t().coded_name)(messages::result_name(r), r.code()),
        None => t().result_pending.to_string(),
    }
}

fn result_options(results: &[YearResult]) -> Vec<(AttrValue, AttrValue)> {
    results
        .iter()
        .map(|r| (AttrValue::from(r.code()), AttrValue::from((t().coded_name)(messages::result_name(*r), r.code()))))
        .collect()
}

#[component]
pub fn PupilPanel(props: &PupilPanelProps) -> Html {
    let tx = t();
    let sheet = &props.sheet;
    let Some(row) = sheet.focused_row() else { return Html::default() };
    let editable = props.powers.edit && !row.transferred_out;
    let decides =
        props.powers.decide && !row.transferred_out && (row.outcome.decision_needed || row.outcome.decision.is_some());
    let on_row = {
        let sheet = sheet.clone();
        Callback::from(move |row: YearEndRow| sheet.dispatch(SheetAction::Row(row)))
    };
    let pupil = row.pupil.id.clone();
    html! {
        <aside class="ye-panel" aria-labelledby="ye-panel-title" data-pupil={pupil.clone()}>
            <div key={pupil.clone()}>
                <h2 id="ye-panel-title" class="ye-name">{ row.pupil.full_name.clone() }</h2>
                { outcome(row) }
                if row.transferred_out {
                    <p class="banner read-only">{ tx.pupil_transferred }</p>
                }
                if editable {
                    { extras_fields(sheet, row) }
                } else {
                    { extras_facts(&row.year_end) }
                }
                if decides {
                    <Decision class_id={props.class_id.clone()} row={row.clone()} on_row={on_row.clone()} />
                }
                <Awards class_id={props.class_id.clone()} pupil={row.pupil.clone()} awards={row.awards.clone()}
                    suggestion={row.suggestion.clone()} {editable} {on_row} />
            </div>
        </aside>
    }
}

/// The computed result, the one that counts, the completion, and why.
fn outcome(row: &YearEndRow) -> Html {
    let tx = t();
    let o = &row.outcome;
    let completion =
        messages::server_or_local(o.label.clone(), || o.completion.map(|c| messages::completion_label(c).to_string()));
    let explanation = messages::server_or_local(Some(row.explanation.clone()), || {
        Some(messages::explain(&row.evaluation)).filter(|_| row.evaluation != Default::default())
    })
    .unwrap_or_default();
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
                    <dd data-field="completion">{ completion.unwrap_or_else(|| tx.none.into()) }</dd>
                </div>
            </dl>
            <p class="explain" data-field="explanation">{ explanation }</p>
            if let Some(note) = effective_note(row) {
                <p class="explain">{ note }</p>
            }
            if let Some(name) = row.decided_by.as_deref().filter(|_| o.decision.is_some()) {
                <p class="muted">{ (tx.decided_by)(name) }</p>
            }
        </>
    }
}

/// The individual and supplementary results as stored, read only.
fn extras_facts(y: &YearEnd) -> Html {
    let tx = t();
    let dash = || tx.none.to_string();
    let fact = |field: &'static str, label: &'static str, value: String| {
        html! { <div><dt>{ label }</dt><dd data-field={field}>{ value }</dd></div> }
    };
    if y.manual_result.is_none() && y.supplementary_result.is_none() {
        return Html::default();
    }
    html! {
        <dl class="facts ye-extras">
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

/// The individual result (a pupil with a disability) and the đánh giá bổ sung (after a CHT), as
/// typed; saved with the class.
fn extras_fields(sheet: &UseReducerHandle<Sheet>, row: &YearEndRow) -> Html {
    let tx = t();
    let pupil = row.pupil.id.clone();
    let d = sheet.draft(&pupil);
    let id = |field: &str| super::table::cell_id(&pupil, field);
    let error = |field: &str| sheet.error(&pupil, field).map(|m| AttrValue::from(m.to_string()));
    let edit = |field: &'static str| {
        let (sheet, pupil) = (sheet.clone(), pupil.clone());
        Callback::from(move |value: String| sheet.dispatch(SheetAction::Edit { pupil: pupil.clone(), field, value }))
    };
    let manual = row.has_disability.then(|| {
        html! {
            <fieldset class="ye-fields">
                <legend>{ tx.manual_legend }</legend>
                <SelectField id={id("manual_result")} name="manual_result" label={tx.manual_result}
                    value={d.manual_result.clone()} options={result_options(&YearResult::ALL)}
                    empty={tx.manual_result_none} error={error("manual_result")} on_change={edit("manual_result")} />
                <TextAreaField id={id("manual_note")} name="manual_note" label={tx.manual_note} rows="2"
                    value={d.manual_note.clone()} required={!d.manual_result.is_empty()}
                    error={error("manual_note")} on_change={edit("manual_note")} />
            </fieldset>
        }
    });
    let supplementary = offers_supplementary(row, &d).then(|| {
        html! {
            <fieldset class="ye-fields">
                <legend>{ tx.supplementary_legend }</legend>
                <SelectField id={id("supplementary_result")} name="supplementary_result"
                    label={tx.supplementary_result} value={d.supplementary_result.clone()}
                    options={result_options(&[YearResult::HT, YearResult::CHT])} empty={tx.supplementary_none}
                    error={error("supplementary_result")} on_change={edit("supplementary_result")} />
                <TextAreaField id={id("supplementary_note")} name="supplementary_note"
                    label={tx.supplementary_note} rows="2" value={d.supplementary_note.clone()}
                    error={error("supplementary_note")} on_change={edit("supplementary_note")} />
            </fieldset>
        }
    });
    html! { <>{ for manual }{ for supplementary }</> }
}
