//! `/tai-khoan`: the signed-in user's own account — change the password (required first when
//! the password was issued by the school: a new account or a reset) and sign out of every
//! device.

use super::Route;
use crate::components::{ConfirmDialog, FieldErrors, TextField};
use crate::hooks::{use_draft, use_focus, use_session, Session, FIRST_INVALID};
use crate::i18n::t;
use crate::services::api;
use hocba_core::api::ChangePassword;
use std::rc::Rc;
use yew::platform::spawn_local;
use yew::prelude::*;
use yew_router::prelude::*;

#[derive(Debug, Clone, Default, PartialEq)]
struct PasswordDraft {
    current: String,
    new: String,
    again: String,
}

/// Shortest password the server accepts.
const MIN_PASSWORD_CHARS: usize = 8;

/// The request, or the problems by field (`current_password`, `new_password`, `again`).
fn checked(d: &PasswordDraft) -> Result<ChangePassword, FieldErrors> {
    let tx = t();
    let mut errors = FieldErrors::default();
    if d.current.is_empty() {
        errors.add("current_password", tx.account_current_missing);
    }
    if d.new.chars().count() < MIN_PASSWORD_CHARS {
        errors.add("new_password", (tx.password_too_short)(MIN_PASSWORD_CHARS));
    } else if d.new != d.again {
        errors.add("again", tx.passwords_differ);
    }
    if errors.is_empty() {
        Ok(ChangePassword { current_password: d.current.clone(), new_password: d.new.clone() })
    } else {
        Err(errors)
    }
}

#[component]
pub fn AccountPage() -> Html {
    let tx = t();
    let session = use_session();
    let navigator = use_navigator();
    let draft = use_draft(PasswordDraft::default);
    let errors = use_state(FieldErrors::default);
    let busy = use_state(|| false);
    let done = use_state(|| false);
    let asking = use_state(|| false);
    let attempts = use_state(|| 0u32);
    let form = use_node_ref();
    use_focus(form.clone(), FIRST_INVALID, *attempts);
    let Session::SignedIn(me) = &session.session else {
        return html! {};
    };
    let must_change = me.must_change_password;

    let onsubmit = {
        let (draft, errors, busy, attempts, done) =
            (draft.clone(), errors.clone(), busy.clone(), attempts.clone(), done.clone());
        let set_session = session.set.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let body = match checked(draft.value()) {
                Ok(body) => body,
                Err(found) => {
                    errors.set(found);
                    attempts.set(*attempts + 1);
                    return;
                }
            };
            errors.set(FieldErrors::default());
            busy.set(true);
            let (errors, busy, attempts, done, draft, set_session) =
                (errors.clone(), busy.clone(), attempts.clone(), done.clone(), draft.clone(), set_session.clone());
            spawn_local(async move {
                match api::change_password(&body).await {
                    Ok(answer) => {
                        draft.replace(PasswordDraft::default());
                        done.set(true);
                        busy.set(false);
                        set_session.emit(Session::SignedIn(Rc::new(answer.me)));
                    }
                    Err(err) => {
                        errors.set(FieldErrors::from_api(&err, &["current_password", "new_password"]));
                        attempts.set(*attempts + 1);
                        busy.set(false);
                    }
                }
            });
        })
    };
    let logout_all = {
        let (busy, asking) = (busy.clone(), asking.clone());
        let set_session = session.set.clone();
        Callback::from(move |()| {
            busy.set(true);
            let (set_session, navigator, asking) = (set_session.clone(), navigator.clone(), asking.clone());
            spawn_local(async move {
                // Even if the call fails the user wants out here: forget the session locally.
                let _ = api::logout_all().await;
                asking.set(false);
                set_session.emit(Session::Anonymous);
                if let Some(nav) = navigator {
                    nav.push(&Route::Login);
                }
            });
        })
    };

    let d = draft.value();
    html! {
        <div class="narrow account">
            <h1>{ tx.account_title }</h1>
            if must_change {
                <p class="notice warning" role="alert" data-testid="must-change-password">{ tx.account_must_change }</p>
            }
            if *done {
                <p class="notice" role="status">{ tx.account_changed }</p>
                <p><Link<Route> to={Route::Home}>{ tx.back_home }</Link<Route>></p>
            }
            <form ref={form} class="card" {onsubmit} novalidate=true data-form="change-password">
                <h2>{ tx.account_password_title }</h2>
                if let Some(message) = errors.general() {
                    <p class="form-error" role="alert">{ message.to_string() }</p>
                }
                <input type="text" class="sr-only" name="username" autocomplete="username"
                    value={me.username.clone()} readonly=true tabindex="-1" aria-hidden="true" />
                <TextField id="current-password" name="current_password" kind="password" label={tx.account_current}
                    value={d.current.clone()} on_change={draft.text(|d, v| d.current = v)} required=true
                    autocomplete="current-password" error={errors.get("current_password")} />
                <TextField id="new-password" name="new_password" kind="password" label={tx.account_new}
                    value={d.new.clone()} on_change={draft.text(|d, v| d.new = v)} required=true
                    autocomplete="new-password" hint={tx.account_new_hint} error={errors.get("new_password")} />
                <TextField id="again-password" name="again" kind="password" label={tx.redeem_password_again}
                    value={d.again.clone()} on_change={draft.text(|d, v| d.again = v)} required=true
                    autocomplete="new-password" error={errors.get("again")} />
                <button type="submit" class="button primary" data-action="change-password" disabled={*busy}>
                    { tx.account_change_button }
                </button>
            </form>
            if !must_change {
                <section class="card">
                    <h2>{ tx.account_sessions_title }</h2>
                    <p>{ tx.account_sessions_body }</p>
                    <button type="button" class="button secondary" data-action="logout-all"
                        onclick={{ let asking = asking.clone(); Callback::from(move |_: MouseEvent| asking.set(true)) }}>
                        { tx.account_logout_all }
                    </button>
                </section>
            }
            if *asking {
                <ConfirmDialog title={tx.account_logout_all} message={tx.account_logout_all_confirm}
                    confirm_label={tx.account_logout_all} busy={*busy} on_confirm={logout_all}
                    on_cancel={{ let asking = asking.clone(); Callback::from(move |()| asking.set(false)) }} />
            }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(current: &str, new: &str, again: &str) -> PasswordDraft {
        PasswordDraft { current: current.into(), new: new.into(), again: again.into() }
    }

    #[test]
    fn problems_name_their_fields() {
        let Err(e) = checked(&draft("", "ngắn", "ngắn")) else { panic!("accepted") };
        assert!(e.get("current_password").is_some() && e.get("new_password").is_some());
        let Err(e) = checked(&draft("cũ", "mật khẩu mới", "mật khẩu khác")) else { panic!("accepted") };
        assert!(e.get("again").is_some());
        assert_eq!(
            checked(&draft("cũ", "mật khẩu mới", "mật khẩu mới")),
            Ok(ChangePassword { current_password: "cũ".into(), new_password: "mật khẩu mới".into() })
        );
    }
}
