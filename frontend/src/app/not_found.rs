use super::Route;
use crate::components::LangSwitch;
use crate::i18n::t;
use yew::prelude::*;
use yew_router::prelude::*;

#[component]
pub fn NotFoundPage() -> Html {
    let tx = t();
    html! {
        <main id="main" class="page narrow">
            <div class="lang-bar"><LangSwitch /></div>
            <h1>{ tx.not_found_title }</h1>
            <p><Link<Route> to={Route::Home}>{ tx.back_home }</Link<Route>></p>
        </main>
    }
}
