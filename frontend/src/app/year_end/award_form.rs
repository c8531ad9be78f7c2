//! "Thêm khen thưởng khác": a khen thưởng đột xuất or an award of a competition, with its title,
//! level, date (dd/mm/yyyy, as typed) and reason. The server checks it; a refusal shows next to
//! the field it names.

use super::form::{AwardDraft, AWARD_FIELDS};
use crate::components::{FieldErrors, SelectField, TextAreaField, TextField};
use crate::hooks::{use_draft, use_focus, FIRST_FIELD, FIRST_INVALID};
use crate::i18n::domain as messages;
use crate::i18n::t;
use crate::services::api;
use hocba_core::api::YearEndRow;
use hocba_core::awards::{AwardKind, AwardLevel};
use yew::platform::spawn_local;
use yew::prelude::*;

fn kind_options() -> Vec<(AttrValue, AttrValue)> {
    [AwardKind::Competition, AwardKind::DotXuat]
        .into_iter()
        .map(|k| (AttrValue::from(k.code()), AttrValue::from(messages::award_kind_label(k))))
        .collect()
}

fn level_options() -> Vec<(AttrValue, AttrValue)> {
    AwardLevel::ALL
        .into_iter()
        .map(|l| (AttrValue::from(l.code()), AttrValue::from(messages::award_level_name(l))))
        .collect()
}

#[derive(Properties, PartialEq)]
pub struct OtherAwardFormProps {
    pub class_id: String,
    pub pupil_id: String,
    pub on_row: Callback<YearEndRow>,
}

#[component]
pub fn OtherAwardForm(props: &OtherAwardFormProps) -> Html {
    let tx = t();
    let open = use_state(|| false);
    let opened = use_state(|| 0u32);
    let attempts = use_state(|| 0u32);
    let draft = use_draft(AwardDraft::default);
    let errors = use_state(FieldErrors::default);
    let busy = use_state(|| false);
    let saved = use_state(|| false);
    let form = use_node_ref();
    use_focus(form.clone(), FIRST_FIELD, *opened);
    use_focus(form.clone(), FIRST_INVALID, *attempts);

    let on_open = {
        let (open, opened, saved) = (open.clone(), opened.clone(), saved.clone());
        Callback::from(move |_: MouseEvent| {
            saved.set(false);
            open.set(true);
            opened.set(*opened + 1);
        })
    };
    let on_cancel = {
        let (open, draft, errors) = (open.clone(), draft.clone(), errors.clone());
        Callback::from(move |_: MouseEvent| {
            draft.replace(AwardDraft::default());
            errors.set(FieldErrors::default());
            open.set(false);
        })
    };
    let onsubmit = {
        let (open, draft, errors, busy, saved, attempts) =
            (open.clone(), draft.clone(), errors.clone(), busy.clone(), saved.clone(), attempts.clone());
        let (class_id, pupil_id, on_row) = (props.class_id.clone(), props.pupil_id.clone(), props.on_row.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let body = draft.value().to_input();
            let (open, draft, errors, busy, saved, attempts, on_row) = (
                open.clone(),
                draft.clone(),
                errors.clone(),
                busy.clone(),
                saved.clone(),
                attempts.clone(),
                on_row.clone(),
            );
            let (class_id, pupil_id) = (class_id.clone(), pupil_id.clone());
            busy.set(true);
            spawn_local(async move {
                match api::add_award(&class_id, &pupil_id, &body).await {
                    Ok(row) => {
                        draft.replace(AwardDraft::default());
                        errors.set(FieldErrors::default());
                        open.set(false);
                        saved.set(true);
                        on_row.emit(row);
                    }
                    Err(err) => {
                        errors.set(FieldErrors::from_api(&err, &AWARD_FIELDS));
                        attempts.set(*attempts + 1);
                    }
                }
                busy.set(false);
            });
        })
    };

    if !*open {
        return html! {
            <div class="actions">
                <button type="button" class="button secondary" data-action="add-award" aria-expanded="false"
                    onclick={on_open}>{ tx.add_award }</button>
                <span class="save-state saved" role="status">{ if *saved { tx.award_added } else { "" } }</span>
            </div>
        };
    }
    let d = draft.value();
    let id = |field: &str| format!("ye-{}-award-{field}", props.pupil_id);
    html! {
        <form ref={form} class="ye-award-form" {onsubmit} novalidate=true data-form="award">
            <fieldset>
                <legend>{ tx.add_award }</legend>
                <div class="form-grid">
                    <SelectField id={id("kind")} name="kind" label={tx.award_kind} value={d.kind.clone()}
                        options={kind_options()} required=true error={errors.get("kind")}
                        on_change={draft.text(|d, v| d.kind = v)} />
                    <TextField id={id("title")} name="title" label={tx.award_title} hint={tx.award_title_hint}
                        value={d.title.clone()} required=true maxlength="200" autocomplete="off"
                        error={errors.get("title")} on_change={draft.text(|d, v| d.title = v)} />
                    <SelectField id={id("level")} name="level" label={tx.award_level} value={d.level.clone()}
                        options={level_options()} empty={tx.choose} required=true error={errors.get("level")}
                        on_change={draft.text(|d, v| d.level = v)} />
                    <TextField id={id("awarded_on")} name="awarded_on" label={tx.award_date} hint={tx.award_date_hint}
                        value={d.awarded_on.clone()} autocomplete="off" maxlength="10" error={errors.get("awarded_on")}
                        on_change={draft.text(|d, v| d.awarded_on = v)} />
                </div>
                <TextAreaField id={id("reason")} name="reason" label={tx.award_reason} rows="2"
                    value={d.reason.clone()} error={errors.get("reason")} on_change={draft.text(|d, v| d.reason = v)} />
            </fieldset>
            if let Some(message) = errors.general() {
                <p class="form-error" role="alert">{ message.to_string() }</p>
            }
            <div class="actions">
                <button type="submit" class="button primary" data-action="save-award" disabled={*busy}>
                    { if *busy { tx.saving } else { tx.award_save } }
                </button>
                <button type="button" class="button secondary" onclick={on_cancel}>{ tx.cancel }</button>
            </div>
        </form>
    }
}
