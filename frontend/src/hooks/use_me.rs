//! The signed-in user, loaded once from `GET /api/auth/session` — or read from the page itself,
//! where the server puts that answer when it serves the app to a signed-in user (one round trip
//! less) — and shared through a context. The user is remembered in local storage so the app opens
//! without a network (the server still checks the session on every request); signing out forgets
//! it. Signing in starts the write queue.

use crate::services::api::{self, ApiError};
use crate::services::queue;
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

/// Reads the session the page carries, else asks the server who is signed in; then provides
/// [`SessionHandle`] to its children.
#[component]
pub fn SessionProvider(props: &SessionProviderProps) -> Html {
    let state = use_state(|| match in_page() {
        Some(me) => Session::SignedIn(Rc::new(me)),
        None => Session::Loading,
    });
    {
        let state = state.clone();
        use_effect_with((), move |_| {
            if let Session::SignedIn(_) = &*state {
                settle(&state);
                return;
            }
            spawn_local(async move {
                let session = match api::session().await {
                    Ok(Some(me)) => Session::SignedIn(Rc::new(me)),
                    Ok(None) => Session::Anonymous,
                    Err(ApiError::Network) => {
                        remembered().map_or(Session::Anonymous, |me| Session::SignedIn(Rc::new(me)))
                    }
                    Err(_) => Session::Anonymous,
                };
                settle(&session);
                state.set(session);
            });
        });
    }
    let set = {
        let state = state.clone();
        Callback::from(move |s: Session| {
            settle(&s);
            state.set(s)
        })
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

const ME_KEY: &str = "hocba.me";

/// The id of the session the server put in the page (`backend/src/pages/shell.rs`).
const IN_PAGE_ID: &str = "hocba-session";

/// The signed-in user the page carries — only a page that came from the server just now: a page
/// the service worker kept (offline) never carries one.
fn in_page() -> Option<Me> {
    let window = web_sys::window()?;
    if !window.navigator().on_line() {
        return None;
    }
    let text = window.document()?.get_element_by_id(IN_PAGE_ID)?.inner_html();
    serde_json::from_str::<hocba_core::api::SessionState>(&text).ok()?.me
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

fn remembered() -> Option<Me> {
    storage().and_then(|s| s.get_item(ME_KEY).ok().flatten()).and_then(|text| serde_json::from_str(&text).ok())
}

/// Remembers (or forgets) the user and starts (or stops) the write queue.
fn settle(session: &Session) {
    match session {
        Session::SignedIn(me) => {
            if let (Some(s), Ok(text)) = (storage(), serde_json::to_string(me.as_ref())) {
                let _ = s.set_item(ME_KEY, &text);
            }
            queue::start(&me.id);
        }
        Session::Anonymous => {
            if let Some(s) = storage() {
                let _ = s.remove_item(ME_KEY);
            }
            queue::stop();
        }
        Session::Loading => {}
    }
}
