//! The pupils to follow up: name (to the pupil's profile), class, and the reasons, each linked
//! to the class's grid at the periodic point it comes from.

use crate::app::Route;
use crate::i18n::{domain, t};
use hocba_core::api::dashboard::AtRiskPupil;
use yew::prelude::*;
use yew_router::prelude::*;

#[derive(Properties, PartialEq)]
pub struct AtRiskProps {
    pub pupils: Vec<AtRiskPupil>,
}

#[component]
pub fn AtRiskList(props: &AtRiskProps) -> Html {
    let tx = t();
    let rows = props.pupils.iter().map(|p| {
        let reasons = p.reasons.iter().map(|r| {
            let to = Route::Grid { class_id: p.class.id.clone(), period: r.period.code().into() };
            html! { <li data-reason={r.period.code()}><Link<Route> {to}>{ domain::risk_text(r) }</Link<Route>></li> }
        });
        html! {
            <tr data-pupil={p.pupil.id.clone()} key={format!("{}/{}", p.pupil.id, p.class.id)}>
                <th scope="row">
                    <Link<Route> to={Route::AdminPupil { pupil_id: p.pupil.id.clone() }}>{ p.pupil.full_name.clone() }</Link<Route>>
                </th>
                <td data-label={tx.col_class}>{ p.class.name.clone() }</td>
                <td data-label={tx.col_reasons}><ul class="reasons">{ for reasons }</ul></td>
            </tr>
        }
    });
    html! {
        <section class="dashboard-at-risk" aria-labelledby="at-risk-title">
            <h2 id="at-risk-title">{ tx.at_risk_title }</h2>
            if props.pupils.is_empty() {
                <p>{ tx.at_risk_none }</p>
            } else {
                <table class="stack" data-table="at-risk">
                    <thead>
                        <tr>
                            <th scope="col">{ tx.col_pupil }</th>
                            <th scope="col">{ tx.col_class }</th>
                            <th scope="col">{ tx.col_reasons }</th>
                        </tr>
                    </thead>
                    <tbody>{ for rows }</tbody>
                </table>
            }
        </section>
    }
}
