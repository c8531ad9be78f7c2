//! "Quản trị › …" above each administration screen.

use crate::app::Route;
use crate::i18n::t;
use yew::prelude::*;
use yew_router::prelude::*;

#[derive(Properties, PartialEq)]
pub struct BreadcrumbProps {
    /// Intermediate links (route, label), between "Quản trị" and the current page.
    #[prop_or_default]
    pub via: Vec<(Route, AttrValue)>,
}

#[component]
pub fn Breadcrumb(props: &BreadcrumbProps) -> Html {
    let tx = t();
    let via = props.via.iter().map(|(route, label)| {
        html! { <>{ " › " }<Link<Route> to={route.clone()}>{ label.clone() }</Link<Route>></> }
    });
    html! {
        <nav class="breadcrumb" aria-label={tx.breadcrumb}>
            <Link<Route> to={Route::Admin}>{ tx.nav_admin }</Link<Route>>
            { for via }
        </nav>
    }
}
