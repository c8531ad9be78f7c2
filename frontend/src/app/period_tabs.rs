//! Links to the four periodic points of a class's page (the grid, the summary).

use super::Route;
use crate::i18n::domain as messages;
use crate::i18n::t;
use hocba_core::Period;
use yew::prelude::*;
use yew_router::prelude::*;

/// Which page the tabs lead to, for a class.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TabsOf {
    Grid,
    Summary,
}

#[derive(Properties, PartialEq)]
pub struct PeriodTabsProps {
    pub class_id: String,
    pub current: Period,
    pub of: TabsOf,
}

#[component]
pub fn PeriodTabs(props: &PeriodTabsProps) -> Html {
    let tabs = Period::ALL.into_iter().map(|p| {
        let (class_id, period) = (props.class_id.clone(), p.code().to_string());
        let route = match props.of {
            TabsOf::Grid => Route::Grid { class_id, period },
            TabsOf::Summary => Route::Summary { class_id, period },
        };
        let current = p == props.current;
        html! {
            <li data-period={p.code()} class={classes!(current.then_some("current"))}>
                <Link<Route> to={route}>
                    <span aria-current={current.then_some("page")}>{ messages::period_name(p) }</span>
                </Link<Route>>
            </li>
        }
    });
    html! {
        <nav class="period-tabs" aria-label={t().periods_label}>
            <ul>{ for tabs }</ul>
        </nav>
    }
}
