//! `/quan-tri`: the sections of the school administration and the current school year.

use crate::app::Route;
use crate::components::{ErrorNotice, LoadingNotice};
use crate::hooks::{use_load, Loadable};
use crate::i18n::t;
use crate::services::api;
use yew::prelude::*;
use yew_router::prelude::*;

#[component]
pub fn OverviewPage() -> Html {
    let tx = t();
    let (years, reload) = use_load((), |()| api::years());
    let current = match &*years {
        Loadable::Loading => html! { <LoadingNotice /> },
        Loadable::Failed(err) => html! { <ErrorNotice message={err.message()} on_retry={reload.clone()} /> },
        Loadable::Ready(list) => match list.iter().find(|y| y.is_current) {
            Some(year) => html! {
                <p class="banner" data-current-year={year.name.clone()}>
                    { (tx.current_year_is)(&year.name) }
                </p>
            },
            None => html! {
                <p class="banner submitted">
                    { tx.no_current_year }{ " " }
                    <Link<Route> to={Route::AdminYears}>{ tx.open_years }</Link<Route>>
                </p>
            },
        },
    };
    let sections = [
        ("school", Route::AdminSchool, tx.admin_school_title, tx.admin_school_desc),
        ("years", Route::AdminYears, tx.admin_years_title, tx.admin_years_desc),
        ("staff", Route::AdminStaff, tx.admin_staff_title, tx.admin_staff_desc),
        ("pupils", Route::AdminPupils, tx.admin_pupils_title, tx.admin_pupils_desc),
        ("rollover", Route::AdminRollover, tx.rollover_title, tx.admin_rollover_desc),
    ];
    let cards = sections.into_iter().map(|(code, route, title, desc)| {
        html! {
            <li data-section={code}>
                <Link<Route> to={route} classes="card-link">
                    <span class="card-title">{ title }</span>
                    <span class="muted">{ desc }</span>
                </Link<Route>>
            </li>
        }
    });
    html! {
        <section class="admin">
            <h1>{ tx.admin_title }</h1>
            { current }
            <ul class="link-list admin-cards" data-testid="admin-sections">{ for cards }</ul>
        </section>
    }
}
