//! The frame of every signed-in page; anonymous visitors go to the login page.

use super::Route;
use crate::components::{Header, LoadingNotice};
use crate::hooks::{use_session, Session};
use yew::prelude::*;
use yew_router::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SignedInProps {
    #[prop_or_default]
    pub children: Html,
    /// Use the full window width (the grid).
    #[prop_or_default]
    pub wide: bool,
}

#[component]
pub fn SignedIn(props: &SignedInProps) -> Html {
    match use_session().session {
        Session::Loading => html! { <main id="main" class="page"><LoadingNotice /></main> },
        Session::Anonymous => html! { <Redirect<Route> to={Route::Login} /> },
        Session::SignedIn(me) => html! {
            <>
                <Header {me} />
                <main id="main" class={classes!("page", props.wide.then_some("wide"))} tabindex="-1">
                    { props.children.clone() }
                </main>
            </>
        },
    }
}
