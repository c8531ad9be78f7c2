//! Transfer to another school (chuyển trường đi): the form, with the warning that the record
//! is frozen for hand-over; and the pupil's transfers so far.

use super::dates::{date_text, today_iso};
use crate::components::{ConfirmDialog, FieldErrors, TextAreaField, TextField};
use crate::hooks::{opt, use_draft, use_focus, FIRST_FIELD};
use crate::i18n::t;
use crate::services::api;
use hocba_core::api::admin::{PupilProfile, TransferDirection, TransferOut, TransferView};
use yew::platform::spawn_local;
use yew::prelude::*;

/// The transfer as the API wants it, or the problems.
fn checked_transfer(t_out: &TransferOut) -> Result<TransferOut, FieldErrors> {
    let tx = t();
    let mut errors = FieldErrors::default();
    if t_out.date.trim().is_empty() {
        errors.add("date", (tx.required_field)(tx.transfer_out_date));
    }
    if t_out.to_school.trim().is_empty() {
        errors.add("to_school", (tx.required_field)(tx.to_school));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(TransferOut {
        date: t_out.date.trim().to_string(),
        to_school: t_out.to_school.trim().to_string(),
        reason: t_out.reason.as_deref().map(str::trim).filter(|r| !r.is_empty()).map(str::to_string),
    })
}

#[derive(Properties, PartialEq)]
pub struct TransferOutFormProps {
    pub pupil_id: AttrValue,
    pub pupil_name: AttrValue,
    pub on_change: Callback<PupilProfile>,
}

#[component]
pub fn TransferOutForm(props: &TransferOutFormProps) -> Html {
    let tx = t();
    let open = use_state(|| false);
    let draft = use_draft(|| TransferOut { date: today_iso(), to_school: String::new(), reason: None });
    let errors = use_state(FieldErrors::default);
    let confirming = use_state(|| None::<TransferOut>);
    let busy = use_state(|| false);
    let form = use_node_ref();
    use_focus(form.clone(), FIRST_FIELD, u32::from(*open));

    let onsubmit = {
        let (draft, errors, confirming) = (draft.clone(), errors.clone(), confirming.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            match checked_transfer(draft.value()) {
                Ok(body) => {
                    errors.set(FieldErrors::default());
                    confirming.set(Some(body));
                }
                Err(found) => errors.set(found),
            }
        })
    };
    let on_confirm = {
        let (errors, confirming, busy, on_change) =
            (errors.clone(), confirming.clone(), busy.clone(), props.on_change.clone());
        let pupil_id = props.pupil_id.clone();
        Callback::from(move |()| {
            let Some(body) = (*confirming).clone() else { return };
            let (errors, confirming, busy, on_change, pupil_id) =
                (errors.clone(), confirming.clone(), busy.clone(), on_change.clone(), pupil_id.clone());
            busy.set(true);
            spawn_local(async move {
                match api::transfer_out(&pupil_id, &body).await {
                    Ok(profile) => on_change.emit(profile),
                    Err(err) => errors.set(FieldErrors::from_api(&err, &["date", "to_school", "reason"])),
                }
                confirming.set(None);
                busy.set(false);
            });
        })
    };
    let on_cancel_confirm = {
        let confirming = confirming.clone();
        Callback::from(move |()| confirming.set(None))
    };

    if !*open {
        let open = open.clone();
        return html! {
            <section class="card transfer-out" aria-labelledby="transfer-heading">
                <h2 id="transfer-heading">{ tx.transfer_out_title }</h2>
                <button type="button" class="button danger" data-action="open-transfer-out"
                    onclick={move |_| open.set(true)}>{ tx.transfer_out_open }</button>
            </section>
        };
    }
    let d = draft.value();
    let dialog = (*confirming).clone().map(|body| {
        html! {
            <ConfirmDialog title={tx.transfer_out_title}
                message={(tx.confirm_transfer_out)(&props.pupil_name, &body.to_school)}
                confirm_label={tx.transfer_out_confirm} danger=true busy={*busy}
                on_confirm={on_confirm.clone()} on_cancel={on_cancel_confirm.clone()} />
        }
    });
    html! {
        <section class="card transfer-out" aria-labelledby="transfer-heading">
            <h2 id="transfer-heading">{ tx.transfer_out_title }</h2>
            <p class="banner submitted" data-banner="transfer-warning">{ tx.transfer_out_warning }</p>
            <form ref={form} class="admin-form" {onsubmit} novalidate=true data-form="transfer-out">
                if let Some(message) = errors.general() {
                    <p class="form-error" role="alert">{ message.to_string() }</p>
                }
                <div class="form-grid">
                    <TextField id="transfer-out-date" name="date" kind="date" label={tx.transfer_out_date}
                        value={d.date.clone()} required=true error={errors.get("date")}
                        on_change={draft.text(|d, v| d.date = v)} />
                    <TextField id="transfer-out-school" name="to_school" label={tx.to_school}
                        value={d.to_school.clone()} required=true error={errors.get("to_school")}
                        on_change={draft.text(|d, v| d.to_school = v)} />
                </div>
                <TextAreaField id="transfer-out-reason" name="reason" label={tx.transfer_reason} rows="2"
                    value={d.reason.clone().unwrap_or_default()} error={errors.get("reason")}
                    on_change={draft.text(|d, v| d.reason = opt(v))} />
                <div class="actions">
                    <button type="submit" class="button danger" data-action="transfer-out">
                        { tx.transfer_out_confirm }
                    </button>
                </div>
            </form>
            { for dialog }
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct TransfersHistoryProps {
    pub transfers: Vec<TransferView>,
}

#[component]
pub fn TransfersHistory(props: &TransfersHistoryProps) -> Html {
    let tx = t();
    if props.transfers.is_empty() {
        return Html::default();
    }
    let rows = props.transfers.iter().map(|tr| {
        let (code, direction) = match tr.direction {
            TransferDirection::In => ("in", tx.transfer_in_word),
            TransferDirection::Out => ("out", tx.transfer_out_word),
        };
        html! {
            <tr data-transfer={code}>
                <td>{ direction }</td>
                <td class="nowrap">{ date_text(&tr.date) }</td>
                <td>{ tr.other_school.clone() }</td>
                <td>{ tr.class_name.clone().unwrap_or_else(|| tx.none.into()) }</td>
                <td>{ tr.reason.clone().unwrap_or_else(|| tx.none.into()) }</td>
            </tr>
        }
    });
    html! {
        <section class="card transfers" aria-labelledby="transfers-heading">
            <h2 id="transfers-heading">{ tx.transfers_history }</h2>
            <div class="table-wrap">
                <table class="data-table">
                    <thead>
                        <tr>
                            <th scope="col">{ tx.transfer_kind }</th>
                            <th scope="col">{ tx.date }</th>
                            <th scope="col">{ tx.other_school }</th>
                            <th scope="col">{ tx.col_class }</th>
                            <th scope="col">{ tx.transfer_reason }</th>
                        </tr>
                    </thead>
                    <tbody>{ for rows }</tbody>
                </table>
            </div>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_transfer_needs_a_date_and_a_school() {
        let empty = TransferOut { date: " ".into(), to_school: String::new(), reason: Some(" ".into()) };
        let Err(errors) = checked_transfer(&empty) else { panic!("accepted an empty transfer") };
        assert!(errors.get("date").is_some() && errors.get("to_school").is_some());
        let ok =
            TransferOut { date: "2026-01-05".into(), to_school: " TH Kim Đồng ".into(), reason: Some(" ".into()) };
        assert_eq!(
            checked_transfer(&ok),
            Ok(TransferOut { date: "2026-01-05".into(), to_school: "TH Kim Đồng".into(), reason: None })
        );
    }
}
