//! `/dang-nhap`

use super::Route;
use crate::components::LangSwitch;
use crate::hooks::{use_session, Session};
use crate::i18n::t;
use crate::services::api;
use std::rc::Rc;
use web_sys::HtmlInputElement;
use yew::platform::spawn_local;
use yew::prelude::*;
use yew_router::prelude::*;

#[component]
pub fn LoginPage() -> Html {
    let tx = t();
    let session = use_session();
    let navigator = use_navigator();
    let username = use_state(String::new);
    let password = use_state(String::new);
    let error = use_state(|| None::<String>);
    let busy = use_state(|| false);

    if let Session::SignedIn(_) = session.session {
        return html! { <Redirect<Route> to={Route::Home} /> };
    }

    let on_username = {
        let username = username.clone();
        Callback::from(move |e: InputEvent| username.set(e.target_unchecked_into::<HtmlInputElement>().value()))
    };
    let on_password = {
        let password = password.clone();
        Callback::from(move |e: InputEvent| password.set(e.target_unchecked_into::<HtmlInputElement>().value()))
    };
    let onsubmit = {
        let (username, password, error, busy) = (username.clone(), password.clone(), error.clone(), busy.clone());
        let set_session = session.set.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (user, pass) = (username.trim().to_string(), (*password).clone());
            if user.is_empty() || pass.is_empty() {
                error.set(Some(t().login_missing.into()));
                return;
            }
            busy.set(true);
            error.set(None);
            let (error, busy, set_session, navigator) =
                (error.clone(), busy.clone(), set_session.clone(), navigator.clone());
            spawn_local(async move {
                match api::login(&user, &pass).await {
                    Ok(answer) => {
                        set_session.emit(Session::SignedIn(Rc::new(answer.me)));
                        if let Some(nav) = navigator {
                            nav.replace(&Route::Home);
                        }
                    }
                    Err(api::ApiError::Unauthorized { message }) => {
                        error.set(Some(message.unwrap_or_else(|| t().login_failed.into())));
                        busy.set(false);
                    }
                    Err(other) => {
                        error.set(Some(other.message()));
                        busy.set(false);
                    }
                }
            });
        })
    };

    html! {
        <main id="main" class="page narrow login">
            <div class="lang-bar"><LangSwitch /></div>
            <h1 class="app-title">{ tx.app_name }</h1>
            <form class="card login-form" {onsubmit} novalidate=true>
                <h2>{ tx.login_title }</h2>
                <p class="muted">{ tx.login_intro }</p>
                <div class="form-field">
                    <label for="username">{ tx.login_name }</label>
                    <input id="username" name="username" type="text" autocomplete="username"
                        autocapitalize="none" spellcheck="false" required=true
                        value={(*username).clone()} oninput={on_username} />
                </div>
                <div class="form-field">
                    <label for="password">{ tx.password }</label>
                    <input id="password" name="password" type="password" autocomplete="current-password"
                        required=true value={(*password).clone()} oninput={on_password} />
                </div>
                if let Some(message) = (*error).clone() {
                    <p class="form-error" role="alert">{ message }</p>
                }
                <button type="submit" class="button primary wide" disabled={*busy}>
                    { if *busy { tx.login_busy } else { tx.login_button } }
                </button>
            </form>
            <section class="card login-help" data-testid="login-help">
                <p>{ tx.login_first_time }</p>
                <p><Link<Route> to={Route::Redeem} classes="button secondary wide">{ tx.login_activate }</Link<Route>></p>
                <p class="muted">{ tx.login_forgot }</p>
            </section>
            <p class="muted center">
                <Link<Route> to={Route::Verify} classes="verify-link">{ tx.verify_link }</Link<Route>>
            </p>
        </main>
    }
}
