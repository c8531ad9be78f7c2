//! The frame of every signed-in page; anonymous visitors go to the login page.

use super::access::can_administer;
use super::Route;
use crate::components::{ErrorNotice, Header, LoadingNotice};
use crate::hooks::{use_session, Session};
use crate::i18n::t;
use yew::prelude::*;
use yew_router::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SignedInProps {
    #[prop_or_default]
    pub children: Html,
    /// Use the full window width (the grid).
    #[prop_or_default]
    pub wide: bool,
    /// Only for admins and principals (the school administration screens).
    #[prop_or_default]
    pub admin: bool,
}

#[component]
pub fn SignedIn(props: &SignedInProps) -> Html {
    match use_session().session {
        Session::Loading => html! { <main id="main" class="page"><LoadingNotice /></main> },
        Session::Anonymous => html! { <Redirect<Route> to={Route::Login} /> },
        // An issued password is changed before anything else (the API refuses the rest too).
        Session::SignedIn(me) if me.must_change_password => {
            html! { <Redirect<Route> to={Route::Account} /> }
        }
        Session::SignedIn(me) => {
            let allowed = !props.admin || can_administer(me.role, &me.roles);
            html! {
                <>
                    <Header {me} />
                    <main id="main" class={classes!("page", props.wide.then_some("wide"))} tabindex="-1">
                        if allowed {
                            { props.children.clone() }
                        } else {
                            <ErrorNotice message={t().err_forbidden} />
                            <p><Link<Route> to={Route::Home}>{ t().back_home }</Link<Route>></p>
                        }
                    </main>
                </>
            }
        }
    }
}
