//! The principal's decision for a pupil who has not completed the grade (TT27 Điều 11): được
//! lên lớp or chưa được lên lớp (ở lại lớp). The server refuses what the rules forbid (grade 5
//! moves on only by completing primary school); its message shows next to the choice.

use crate::components::{FieldErrors, SelectField};
use crate::i18n::domain as messages;
use crate::i18n::t;
use crate::services::api;
use hocba_core::api::{PromotionInput, YearEndRow};
use hocba_core::yearend::Promotion;
use yew::platform::spawn_local;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct DecisionProps {
    pub class_id: String,
    pub row: YearEndRow,
    pub on_row: Callback<YearEndRow>,
}

fn code_of(decision: Option<Promotion>) -> String {
    decision.map(|d| d.code().to_string()).unwrap_or_default()
}

#[component]
pub fn Decision(props: &DecisionProps) -> Html {
    let tx = t();
    let row = &props.row;
    let choice = use_state(|| code_of(row.outcome.decision));
    let errors = use_state(FieldErrors::default);
    let busy = use_state(|| false);
    let saved = use_state(|| false);
    {
        let choice = choice.clone();
        use_effect_with(row.outcome.decision, move |d| choice.set(code_of(*d)));
    }

    let on_change = {
        let (choice, saved) = (choice.clone(), saved.clone());
        Callback::from(move |v: String| {
            saved.set(false);
            choice.set(v);
        })
    };
    let onsubmit = {
        let (choice, errors, busy, saved) = (choice.clone(), errors.clone(), busy.clone(), saved.clone());
        let (class_id, pupil_id, on_row) = (props.class_id.clone(), row.pupil.id.clone(), props.on_row.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let body = PromotionInput { decision: Promotion::from_code(&choice) };
            let (errors, busy, saved, on_row) = (errors.clone(), busy.clone(), saved.clone(), on_row.clone());
            let (class_id, pupil_id) = (class_id.clone(), pupil_id.clone());
            busy.set(true);
            spawn_local(async move {
                match api::decide_promotion(&class_id, &pupil_id, &body).await {
                    Ok(row) => {
                        errors.set(FieldErrors::default());
                        saved.set(true);
                        on_row.emit(row);
                    }
                    Err(err) => errors.set(FieldErrors::from_api(&err, &["decision"])),
                }
                busy.set(false);
            });
        })
    };

    let options = [Promotion::Promote, Promotion::Repeat]
        .into_iter()
        .map(|p| (AttrValue::from(p.code()), AttrValue::from(messages::promotion_name(p))))
        .collect::<Vec<_>>();
    html! {
        <form class="ye-decision" {onsubmit} novalidate=true data-form="decision">
            <SelectField id={format!("ye-{}-decision", row.pupil.id)} name="decision" label={tx.decision_label}
                value={(*choice).clone()} {options} empty={tx.decision_none} error={errors.get("decision")}
                {on_change} />
            if let Some(message) = errors.general() {
                <p class="form-error" role="alert">{ message.to_string() }</p>
            }
            <div class="actions">
                <button type="submit" class="button primary" data-action="save-decision" disabled={*busy}>
                    { if *busy { tx.saving } else { tx.decision_save } }
                </button>
                <span class="save-state saved" role="status">{ if *saved { tx.saved } else { "" } }</span>
            </div>
        </form>
    }
}
