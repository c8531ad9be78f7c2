//! `/tong-quan`: the principal's dashboard of the current school year: the progress of every
//! class through the four periodic points (with approving from the table), the results and
//! subject levels per grade as charts, the pupils at risk, and the same figures as Excel.

mod at_risk;
mod charts;
mod progress;

use crate::components::{ErrorNotice, LoadingNotice};
use crate::hooks::{use_load, use_me, Loadable};
use crate::i18n::t;
use crate::services::api;
use at_risk::AtRiskList;
use charts::GradeCharts;
use hocba_core::api::Role;
use progress::ProgressTable;
use yew::prelude::*;

#[component]
pub fn DashboardPage() -> Html {
    let tx = t();
    let (dashboard, reload) = use_load((), |()| api::dashboard());
    let notice = use_state(|| None::<String>);
    let can_approve = use_me().is_some_and(|m| m.role == Role::Principal || m.roles.contains(&Role::Principal));
    let on_changed = {
        let (notice, reload) = (notice.clone(), reload.clone());
        Callback::from(move |text: String| {
            notice.set(Some(text));
            reload.emit(());
        })
    };
    let body = match &*dashboard {
        Loadable::Loading => html! { <LoadingNotice /> },
        Loadable::Failed(err) => html! { <ErrorNotice message={err.message()} on_retry={reload.clone()} /> },
        Loadable::Ready(d) => html! {
            <>
                if let Some(year) = &d.school_year {
                    <p class="muted" data-field="school-year">{ (tx.dashboard_year)(year) }</p>
                } else {
                    <p>{ tx.dashboard_no_year }</p>
                }
                <ProgressTable classes={d.classes.clone()} {on_changed} {can_approve} />
                <GradeCharts grades={d.grades.clone()} />
                <AtRiskList pupils={d.at_risk.clone()} />
            </>
        },
    };
    html! {
        <section class="dashboard-page">
            <h1>{ tx.dashboard_title }</h1>
            <p class="muted">{ tx.dashboard_intro }</p>
            <p class="downloads">
                <a class="button secondary" href={api::DASHBOARD_XLSX_URL} download="" data-action="download-xlsx">
                    { tx.dashboard_download }
                </a>
            </p>
            if let Some(text) = (*notice).clone() {
                <p class="banner ok" role="status" data-banner="done">{ text }</p>
            }
            { body }
        </section>
    }
}
