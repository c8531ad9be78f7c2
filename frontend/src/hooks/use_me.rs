//! The signed-in user, loaded once from `GET /api/me` and shared through a context.

use crate::services::api;
use hocba_core::api::Me;
use std::rc::Rc;
use yew::platform::spawn_local;
use yew::prelude::*;

#[derive(Debug, Clone, PartialEq)]
pub enum Session {
    /// `/api/me` has not answered yet.
    Loading,
    Anonymous,
    SignedIn(Rc<Me>),
}

/// The session and a way to change it (after login or logout).
#[derive(Clone, PartialEq)]
pub struct SessionHandle {
    pub session: Session,
    pub set: Callback<Session>,
}

#[derive(Properties, PartialEq)]
pub struct SessionProviderProps {
    #[prop_or_default]
    pub children: Html,
}

/// Asks the server who is signed in, then provides [`SessionHandle`] to its children.
#[component]
pub fn SessionProvider(props: &SessionProviderProps) -> Html {
    let state = use_state(|| Session::Loading);
    {
        let state = state.clone();
        use_effect_with((), move |_| {
            spawn_local(async move {
                let session = match api::me().await {
                    Ok(me) => Session::SignedIn(Rc::new(me)),
                    Err(_) => Session::Anonymous,
                };
                state.set(session);
            });
        });
    }
    let set = {
        let state = state.clone();
        Callback::from(move |s: Session| state.set(s))
    };
    let handle = SessionHandle { session: (*state).clone(), set };
    html! {
        <ContextProvider<SessionHandle> context={handle}>
            { props.children.clone() }
        </ContextProvider<SessionHandle>>
    }
}

/// The session context (a placeholder that stays `Loading` outside a [`SessionProvider`]).
#[hook]
pub fn use_session() -> SessionHandle {
    use_context::<SessionHandle>().unwrap_or_else(|| SessionHandle { session: Session::Loading, set: Callback::noop() })
}

/// The signed-in user, if any.
#[hook]
pub fn use_me() -> Option<Rc<Me>> {
    match use_session().session {
        Session::SignedIn(me) => Some(me),
        _ => None,
    }
}
