//! Reopening one pupil of an approved class record (the principal): choose the pupil, give the
//! mandatory reason, confirm; the record's reopenings are listed below with "Duyệt lại" for the
//! open ones. The other pupils stay locked.

use crate::app::admin::dates::local_time;
use crate::components::{ConfirmDialog, ErrorNotice, SelectField, TextAreaField};
use crate::hooks::{use_load, Loadable};
use crate::i18n::domain as messages;
use crate::i18n::t;
use crate::services::api::{self, ApiError};
use hocba_core::api::{ClassRef, PupilRef, Reopening};
use hocba_core::Period;
use yew::platform::spawn_local;
use yew::prelude::*;

/// Where a refusal of the reopen form shows: next to the reason, or above the form.
pub fn reason_error(err: &ApiError) -> (Option<String>, Option<String>) {
    match err {
        ApiError::Validation { field: Some(f), message } if f == "reason" => (Some(message.clone()), None),
        other => (None, Some(other.message())),
    }
}

/// The client-side checks before asking: (pupil error, reason error).
pub fn check(pupil_id: &str, reason: &str) -> (Option<&'static str>, Option<&'static str>) {
    let tx = t();
    (
        pupil_id.is_empty().then_some(tx.reopen_pupil_required),
        reason.trim().is_empty().then_some(tx.reopen_reason_required),
    )
}

#[derive(Properties, PartialEq)]
pub struct ReopenPanelProps {
    pub class: ClassRef,
    pub period: Period,
    /// A confirmation text for the page's notice.
    pub on_done: Callback<String>,
}

/// The reopenings of an approved record and the form to reopen one more pupil.
#[component]
pub fn ReopenPanel(props: &ReopenPanelProps) -> Html {
    let tx = t();
    let key = (props.class.id.clone(), props.period);
    let (list, reload) =
        use_load(
            key,
            |(class_id, period): (String, Period)| async move { api::reopenings(&class_id, period.code()).await },
        );
    let open = use_state(|| false);
    let error = use_state(|| None::<String>);
    let busy = use_state(|| false);

    let on_open = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(true))
    };
    let on_close = {
        let open = open.clone();
        Callback::from(move |()| open.set(false))
    };
    let on_reopened = {
        let (open, reload, on_done) = (open.clone(), reload.clone(), props.on_done.clone());
        Callback::from(move |text: String| {
            open.set(false);
            reload.emit(());
            on_done.emit(text);
        })
    };
    let on_reapprove = {
        let (error, busy, reload, on_done) = (error.clone(), busy.clone(), reload.clone(), props.on_done.clone());
        let (class_id, period) = (props.class.id.clone(), props.period);
        Callback::from(move |pupil: PupilRef| {
            let (error, busy, reload, on_done) = (error.clone(), busy.clone(), reload.clone(), on_done.clone());
            let class_id = class_id.clone();
            busy.set(true);
            error.set(None);
            spawn_local(async move {
                match api::reapprove_pupil(&class_id, period.code(), &pupil.id).await {
                    Ok(_) => {
                        reload.emit(());
                        on_done.emit((t().reapproved_ok)(&pupil.full_name));
                    }
                    Err(err) => error.set(Some(err.message())),
                }
                busy.set(false);
            });
        })
    };

    let items = match &*list {
        Loadable::Loading => Html::default(),
        Loadable::Failed(err) => html! { <ErrorNotice message={err.message()} on_retry={reload.clone()} /> },
        Loadable::Ready(list) if list.is_empty() => html! { <p class="muted">{ tx.no_reopenings }</p> },
        Loadable::Ready(list) => {
            let rows = list.iter().map(|r| reopening(r, *busy, &on_reapprove));
            html! { <ul class="reopenings" data-testid="reopenings">{ for rows }</ul> }
        }
    };
    let heading = format!("reopenings-{}-{}", props.class.id, props.period.code());
    html! {
        <div class="reopen-panel" data-reopen={props.period.code()}>
            <h3 id={heading.clone()}>{ tx.reopenings_title }</h3>
            { items }
            if let Some(message) = (*error).clone() {
                <p class="form-error" role="alert">{ message }</p>
            }
            if *open {
                <ReopenForm class={props.class.clone()} period={props.period} on_done={on_reopened} on_cancel={on_close} />
            } else {
                <div class="actions">
                    <button type="button" class="button secondary" data-action="reopen" onclick={on_open}>
                        { tx.reopen_open }
                    </button>
                </div>
            }
        </div>
    }
}

fn reopening(r: &Reopening, busy: bool, on_reapprove: &Callback<PupilRef>) -> Html {
    let tx = t();
    let by = r.reopened_by.clone().unwrap_or_else(|| tx.none.into());
    let state = match (&r.reapproved_at, r.is_open()) {
        (_, true) => {
            let (cb, pupil) = (on_reapprove.clone(), r.pupil.clone());
            html! {
                <>
                    <span class="badge badge-returned">{ tx.reopening_is_open }</span>
                    <button type="button" class="button primary small" data-action="reapprove" disabled={busy}
                        aria-label={(tx.reapprove_pupil)(&r.pupil.full_name)} onclick={move |_| cb.emit(pupil.clone())}>
                        { tx.reapprove }
                    </button>
                </>
            }
        }
        (Some(at), false) => {
            let who = r.reapproved_by.clone().unwrap_or_else(|| tx.none.into());
            html! { <span class="muted">{ (tx.reapproved_line)(&who, &local_time(at)) }</span> }
        }
        (None, false) => Html::default(),
    };
    html! {
        <li key={r.id.clone()} data-pupil={r.pupil.id.clone()} data-open={r.is_open().to_string()}>
            <strong>{ r.pupil.full_name.clone() }</strong>
            <span>{ " — " }{ (tx.reopening_line)(&by, &local_time(&r.reopened_at), &r.reason) }</span>
            <div class="reopening-state">{ state }</div>
        </li>
    }
}

#[derive(Properties, PartialEq)]
struct ReopenFormProps {
    class: ClassRef,
    period: Period,
    on_done: Callback<String>,
    on_cancel: Callback<()>,
}

#[component]
fn ReopenForm(props: &ReopenFormProps) -> Html {
    let tx = t();
    let (pupils, reload) =
        use_load(props.class.id.clone(), |class_id: String| async move { api::class_pupils(&class_id).await });
    let pupil = use_state(String::new);
    let reason = use_state(String::new);
    let pupil_error = use_state(|| None::<String>);
    let reason_err = use_state(|| None::<String>);
    let error = use_state(|| None::<String>);
    let asking = use_state(|| false);
    let busy = use_state(|| false);

    let pupil_name = match &*pupils {
        Loadable::Ready(list) => list.iter().find(|p| p.id == *pupil).map(|p| p.full_name.clone()),
        _ => None,
    }
    .unwrap_or_default();

    let on_pupil = {
        let (pupil, pupil_error) = (pupil.clone(), pupil_error.clone());
        Callback::from(move |v: String| {
            pupil.set(v);
            pupil_error.set(None);
        })
    };
    let on_reason = {
        let (reason, reason_err) = (reason.clone(), reason_err.clone());
        Callback::from(move |v: String| {
            reason.set(v);
            reason_err.set(None);
        })
    };
    let on_submit = {
        let (pupil, reason, pupil_error, reason_err, asking) =
            (pupil.clone(), reason.clone(), pupil_error.clone(), reason_err.clone(), asking.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (p, r) = check(&pupil, &reason);
            pupil_error.set(p.map(String::from));
            reason_err.set(r.map(String::from));
            if p.is_none() && r.is_none() {
                asking.set(true);
            }
        })
    };
    let on_confirm = {
        let (pupil, reason, reason_err, error, asking, busy) =
            (pupil.clone(), reason.clone(), reason_err.clone(), error.clone(), asking.clone(), busy.clone());
        let (class_id, period, on_done, name) =
            (props.class.id.clone(), props.period, props.on_done.clone(), pupil_name.clone());
        Callback::from(move |()| {
            let (reason_err, error, asking, busy, on_done) =
                (reason_err.clone(), error.clone(), asking.clone(), busy.clone(), on_done.clone());
            let (class_id, pupil_id, text, name) =
                (class_id.clone(), (*pupil).clone(), (*reason).clone(), name.clone());
            busy.set(true);
            error.set(None);
            spawn_local(async move {
                let answer = api::reopen_pupil(&class_id, period.code(), &pupil_id, text.trim()).await;
                busy.set(false);
                asking.set(false);
                match answer {
                    Ok(_) => on_done.emit((t().reopened_ok)(&name)),
                    Err(err) => {
                        let (near, above) = reason_error(&err);
                        reason_err.set(near);
                        error.set(above);
                    }
                }
            });
        })
    };
    let on_no = {
        let asking = asking.clone();
        Callback::from(move |()| asking.set(false))
    };
    let on_cancel = {
        let cb = props.on_cancel.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };

    let select = match &*pupils {
        Loadable::Loading => html! { <p class="muted">{ tx.loading }</p> },
        Loadable::Failed(err) => html! { <ErrorNotice message={err.message()} on_retry={reload.clone()} /> },
        Loadable::Ready(list) => {
            let options: Vec<(AttrValue, AttrValue)> =
                list.iter().map(|p| (AttrValue::from(p.id.clone()), AttrValue::from(p.full_name.clone()))).collect();
            html! {
                <SelectField id={format!("{}-pupil", ids(&props.class.id, props.period))} name="pupil_id" label={tx.reopen_pupil}
                    value={(*pupil).clone()} {options} empty={tx.reopen_choose} required=true
                    error={(*pupil_error).clone().map(AttrValue::from)} on_change={on_pupil} />
            }
        }
    };
    let period_name = messages::period_name(props.period);
    html! {
        <form class="reopen-form card" onsubmit={on_submit} novalidate=true data-form="reopen">
            <fieldset>
                <legend>{ (tx.reopen_legend)(&props.class.name, period_name) }</legend>
                if let Some(message) = (*error).clone() {
                    <p class="form-error" role="alert">{ message }</p>
                }
                { select }
                <TextAreaField id={format!("{}-reason", ids(&props.class.id, props.period))} name="reason" label={tx.reopen_reason}
                    hint={tx.reopen_reason_hint} value={(*reason).clone()} required=true rows="3"
                    error={(*reason_err).clone().map(AttrValue::from)} on_change={on_reason} />
                <div class="actions">
                    <button type="submit" class="button danger" disabled={*busy}>{ tx.reopen_submit }</button>
                    <button type="button" class="button secondary" onclick={on_cancel}>{ tx.cancel }</button>
                </div>
            </fieldset>
            if *asking {
                <ConfirmDialog title={tx.reopen_title} message={(tx.reopen_question)(&pupil_name, &props.class.name)}
                    confirm_label={tx.reopen_submit} danger=true busy={*busy} {on_confirm} on_cancel={on_no} />
            }
        </form>
    }
}

fn ids(class_id: &str, period: Period) -> String {
    format!("reopen-{class_id}-{}", period.code())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refused_reason_shows_next_to_the_field() {
        let refused = ApiError::Validation { field: Some("reason".into()), message: "Cần lý do".into() };
        assert_eq!(reason_error(&refused), (Some("Cần lý do".into()), None));
        let other = ApiError::Conflict { code: "not_approved".into(), message: "Chưa duyệt".into() };
        assert_eq!(reason_error(&other), (None, Some("Chưa duyệt".into())));
    }

    #[test]
    fn pupil_and_reason_are_required() {
        assert_eq!(check("", "  "), (Some(t().reopen_pupil_required), Some(t().reopen_reason_required)));
        assert_eq!(check("p1", "Sai điểm Toán"), (None, None));
    }
}
