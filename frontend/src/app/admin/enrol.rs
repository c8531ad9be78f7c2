//! `/quan-tri/hoc-sinh/moi` (enrol a new pupil in a class of the current year) and
//! `/quan-tri/hoc-sinh/chuyen-den` (a pupil arriving from another school).

use super::breadcrumb::Breadcrumb;
use super::current_year::{load_current_year, CurrentYear};
use super::dates::today_iso;
use super::pupil_form::{blank_pupil, PupilForm, PUPIL_FIELDS};
use crate::app::Route;
use crate::components::{ErrorNotice, FieldErrors, LoadingNotice, TextField};
use crate::hooks::{use_draft, use_load, Loadable};
use crate::i18n::t;
use crate::services::api;
use hocba_core::api::admin::{PupilInput, TransferIn};
use yew::platform::spawn_local;
use yew::prelude::*;
use yew_router::prelude::*;

#[derive(Properties, PartialEq)]
struct WithYearProps {
    /// The page once the current year is known.
    render: Callback<CurrentYear, Html>,
}

/// Loads the current year; without one, says to open it first.
#[component]
fn WithCurrentYear(props: &WithYearProps) -> Html {
    let tx = t();
    let (current, reload) = use_load((), |()| load_current_year());
    match &*current {
        Loadable::Loading => html! { <LoadingNotice /> },
        Loadable::Failed(err) => html! { <ErrorNotice message={err.message()} on_retry={reload.clone()} /> },
        Loadable::Ready(None) => html! {
            <p class="banner submitted">
                { tx.no_current_year }{ " " }
                <Link<Route> to={Route::AdminYears}>{ tx.open_years }</Link<Route>>
            </p>
        },
        Loadable::Ready(Some(year)) => props.render.emit(year.clone()),
    }
}

fn pupils_crumb() -> Vec<(Route, AttrValue)> {
    vec![(Route::AdminPupils, t().admin_pupils_title.into())]
}

#[component]
pub fn NewPupilPage() -> Html {
    let tx = t();
    let render = Callback::from(|year: CurrentYear| html! { <NewPupil {year} /> });
    html! {
        <section class="admin narrow-wide">
            <Breadcrumb via={pupils_crumb()} />
            <h1>{ tx.new_pupil }</h1>
            <WithCurrentYear {render} />
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct YearProps {
    year: CurrentYear,
}

#[component]
fn NewPupil(props: &YearProps) -> Html {
    let tx = t();
    let navigator = use_navigator();
    let errors = use_state(FieldErrors::default);
    let busy = use_state(|| false);
    let on_submit = {
        let (errors, busy) = (errors.clone(), busy.clone());
        Callback::from(move |pupil: PupilInput| {
            let (errors, busy, navigator) = (errors.clone(), busy.clone(), navigator.clone());
            busy.set(true);
            errors.set(FieldErrors::default());
            spawn_local(async move {
                match api::create_pupil(&pupil).await {
                    Ok(profile) => {
                        if let Some(nav) = navigator {
                            nav.push(&Route::AdminPupil { pupil_id: profile.id });
                        }
                    }
                    Err(err) => {
                        errors.set(FieldErrors::from_api(&err, &PUPIL_FIELDS));
                        busy.set(false);
                    }
                }
            });
        })
    };
    html! {
        <>
            <p class="muted">{ (tx.enrol_intro)(&props.year.year.name) }</p>
            <PupilForm initial={blank_pupil()} classes={Some(props.year.classes.clone())}
                server_errors={(*errors).clone()} busy={*busy} submit_label={tx.enrol} {on_submit} />
        </>
    }
}

#[component]
pub fn TransferInPage() -> Html {
    let tx = t();
    let render = Callback::from(|year: CurrentYear| html! { <TransferInForm {year} /> });
    html! {
        <section class="admin narrow-wide">
            <Breadcrumb via={pupils_crumb()} />
            <h1>{ tx.transfer_in_title }</h1>
            <p class="muted">{ tx.transfer_in_intro }</p>
            <WithCurrentYear {render} />
        </section>
    }
}

#[derive(Clone, PartialEq)]
struct Arrival {
    date: String,
    from_school: String,
}

/// Problems of the transfer's own fields.
fn arrival_problems(a: &Arrival) -> FieldErrors {
    let tx = t();
    let mut out = FieldErrors::default();
    if a.date.trim().is_empty() {
        out.add("date", (tx.required_field)(tx.transfer_in_date));
    }
    if a.from_school.trim().is_empty() {
        out.add("from_school", (tx.required_field)(tx.from_school));
    }
    out
}

#[component]
fn TransferInForm(props: &YearProps) -> Html {
    let tx = t();
    let navigator = use_navigator();
    let arrival = use_draft(|| Arrival { date: today_iso(), from_school: String::new() });
    let own_errors = use_state(FieldErrors::default);
    let errors = use_state(FieldErrors::default);
    let busy = use_state(|| false);

    let on_attempt = {
        let (arrival, own_errors) = (arrival.clone(), own_errors.clone());
        Callback::from(move |()| own_errors.set(arrival_problems(arrival.value())))
    };
    let on_submit = {
        let (arrival, errors, own_errors, busy) = (arrival.clone(), errors.clone(), own_errors.clone(), busy.clone());
        Callback::from(move |pupil: PupilInput| {
            let a = arrival.value().clone();
            if !arrival_problems(&a).is_empty() {
                return;
            }
            let body = TransferIn { pupil, date: a.date, from_school: a.from_school.trim().to_string() };
            let (errors, own_errors, busy, navigator) =
                (errors.clone(), own_errors.clone(), busy.clone(), navigator.clone());
            busy.set(true);
            errors.set(FieldErrors::default());
            spawn_local(async move {
                match api::transfer_in(&body).await {
                    Ok(profile) => {
                        if let Some(nav) = navigator {
                            nav.push(&Route::AdminPupil { pupil_id: profile.id });
                        }
                    }
                    Err(err) => {
                        let own = FieldErrors::from_api(&err, &["date", "from_school"]);
                        if own.general().is_none() {
                            own_errors.set(own);
                        } else {
                            errors.set(FieldErrors::from_api(&err, &PUPIL_FIELDS));
                        }
                        busy.set(false);
                    }
                }
            });
        })
    };
    let a = arrival.value();
    html! {
        <PupilForm initial={blank_pupil()} classes={Some(props.year.classes.clone())}
            server_errors={(*errors).clone()} busy={*busy} submit_label={tx.transfer_in_save} {on_submit} {on_attempt}>
            <fieldset>
                <legend>{ tx.transfer_in_details }</legend>
                <div class="form-grid">
                    <TextField id="transfer-date" name="date" kind="date" label={tx.transfer_in_date}
                        value={a.date.clone()} required=true error={own_errors.get("date")}
                        on_change={arrival.text(|a, v| a.date = v)} />
                    <TextField id="transfer-from" name="from_school" label={tx.from_school}
                        value={a.from_school.clone()} required=true error={own_errors.get("from_school")}
                        on_change={arrival.text(|a, v| a.from_school = v)} />
                </div>
            </fieldset>
        </PupilForm>
    }
}
