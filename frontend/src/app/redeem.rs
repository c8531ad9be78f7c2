//! `/kich-hoat`: a parent turns the code on the school's paper slip into an account — the
//! code, a user name, their name and a password twice — and is then signed in. A parent who
//! is already signed in only enters the code: the pupils join the same account. Phone first.

use super::Route;
use crate::components::{FieldErrors, LangSwitch, TextField};
use crate::hooks::{use_draft, use_focus, use_session, Session, FIRST_INVALID};
use crate::i18n::t;
use crate::services::api;
use hocba_core::api::admin::RedeemInvite;
use hocba_core::api::Role;
use std::rc::Rc;
use yew::platform::spawn_local;
use yew::prelude::*;
use yew_router::prelude::*;

#[derive(Debug, Clone, Default, PartialEq)]
struct RedeemDraft {
    code: String,
    username: String,
    full_name: String,
    password: String,
    again: String,
}

/// The query parameter of the slip's QR code that carries the code (`/kich-hoat?ma=…`).
pub const CODE_PARAM: &str = "ma";

/// The code carried by a query string (`?ma=7KQ2-M9XD-4RTA`): letters, digits and dashes only.
fn code_in_query(query: &str) -> Option<String> {
    let value =
        query.trim_start_matches('?').split('&').find_map(|pair| pair.strip_prefix(CODE_PARAM)?.strip_prefix('='))?;
    let code: String = value.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-').take(32).collect();
    (!code.is_empty()).then_some(code)
}

/// The code of the address the page was opened at (from the slip's QR code), if any.
fn code_in_address() -> Option<String> {
    let search = web_sys::window()?.location().search().ok()?;
    code_in_query(&search)
}

/// Shortest password the page accepts.
const MIN_PASSWORD_CHARS: usize = 8;

/// The request, or the problems; with `code_only` (a signed-in parent) just the code counts.
fn checked_redeem(d: &RedeemDraft, code_only: bool) -> Result<RedeemInvite, FieldErrors> {
    let tx = t();
    let mut errors = FieldErrors::default();
    // Letters as printed; spaces people add while typing do not matter.
    let code: String = d.code.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_uppercase();
    if code.is_empty() {
        errors.add("code", tx.redeem_code_missing);
    }
    if code_only {
        return if errors.is_empty() {
            Ok(RedeemInvite { code, username: String::new(), full_name: String::new(), password: String::new() })
        } else {
            Err(errors)
        };
    }
    // A phone number, however written, becomes its ten digits (as the server keeps it).
    let username = hocba_core::roster::login_name(&d.username);
    if username.is_empty() {
        errors.add("username", tx.redeem_username_missing);
    } else if !hocba_core::roster::valid_username(&username) {
        errors.add("username", tx.username_invalid);
    }
    if d.full_name.trim().is_empty() {
        errors.add("full_name", tx.redeem_name_missing);
    }
    if d.password.is_empty() {
        errors.add("password", tx.redeem_password_missing);
    } else if d.password.chars().count() < MIN_PASSWORD_CHARS {
        errors.add("password", (tx.password_too_short)(MIN_PASSWORD_CHARS));
    } else if d.password != d.again {
        errors.add("again", tx.passwords_differ);
    }
    if errors.is_empty() {
        Ok(RedeemInvite { code, username, full_name: d.full_name.trim().to_string(), password: d.password.clone() })
    } else {
        Err(errors)
    }
}

#[component]
pub fn RedeemPage() -> Html {
    let tx = t();
    let session = use_session();
    let navigator = use_navigator();
    // Opened from the slip's QR code, the code is already filled in.
    let draft = use_draft(|| RedeemDraft { code: code_in_address().unwrap_or_default(), ..RedeemDraft::default() });
    let errors = use_state(FieldErrors::default);
    let busy = use_state(|| false);
    // After a refused submit, the first field with a problem gets the focus.
    let attempts = use_state(|| 0u32);
    let form = use_node_ref();
    use_focus(form.clone(), FIRST_INVALID, *attempts);

    let code_only = matches!(&session.session, Session::SignedIn(me) if me.role == Role::Parent);
    let onsubmit = {
        let (draft, errors, busy, attempts) = (draft.clone(), errors.clone(), busy.clone(), attempts.clone());
        let set_session = session.set.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let body = match checked_redeem(draft.value(), code_only) {
                Ok(body) => body,
                Err(found) => {
                    errors.set(found);
                    attempts.set(*attempts + 1);
                    return;
                }
            };
            errors.set(FieldErrors::default());
            busy.set(true);
            let (errors, busy, set_session, navigator, attempts) =
                (errors.clone(), busy.clone(), set_session.clone(), navigator.clone(), attempts.clone());
            spawn_local(async move {
                match api::redeem(&body).await {
                    Ok(answer) => {
                        set_session.emit(Session::SignedIn(Rc::new(answer.me)));
                        if let Some(nav) = navigator {
                            nav.replace(&Route::Home);
                        }
                    }
                    Err(err) => {
                        errors.set(FieldErrors::from_api(&err, &["code", "username", "full_name", "password"]));
                        attempts.set(*attempts + 1);
                        busy.set(false);
                    }
                }
            });
        })
    };

    let d = draft.value();
    html! {
        <main id="main" class="page narrow redeem">
            <div class="lang-bar"><LangSwitch /></div>
            <h1 class="app-title">{ tx.app_name }</h1>
            <form ref={form} class="card redeem-form" {onsubmit} novalidate=true data-form="redeem">
                <h2>{ tx.redeem_title }</h2>
                <p>{ if code_only { tx.redeem_intro_signed_in } else { tx.redeem_intro } }</p>
                if let Some(message) = errors.general() {
                    <p class="form-error" role="alert">{ message.to_string() }</p>
                }
                <TextField id="redeem-code" name="code" label={tx.redeem_code} value={d.code.clone()}
                    on_change={draft.text(|d, v| d.code = v)} required=true plain=true autocomplete="one-time-code"
                    hint={tx.redeem_code_hint} error={errors.get("code")} />
                if !code_only {
                    <TextField id="redeem-name" name="full_name" label={tx.redeem_full_name} value={d.full_name.clone()}
                        on_change={draft.text(|d, v| d.full_name = v)} required=true autocomplete="name"
                        error={errors.get("full_name")} />
                    <TextField id="redeem-username" name="username" label={tx.redeem_username} value={d.username.clone()}
                        on_change={draft.text(|d, v| d.username = v)} required=true plain=true autocomplete="username"
                        hint={tx.redeem_username_hint} error={errors.get("username")} />
                    <TextField id="redeem-password" name="password" kind="password" label={tx.redeem_password}
                        value={d.password.clone()} on_change={draft.text(|d, v| d.password = v)} required=true
                        autocomplete="new-password" hint={(tx.password_too_short)(MIN_PASSWORD_CHARS)}
                        error={errors.get("password")} />
                    <TextField id="redeem-again" name="again" kind="password" label={tx.redeem_password_again}
                        value={d.again.clone()} on_change={draft.text(|d, v| d.again = v)} required=true
                        autocomplete="new-password" error={errors.get("again")} />
                }
                <button type="submit" class="button primary wide big" data-action="redeem" disabled={*busy}>
                    { if *busy { tx.redeem_busy } else { tx.redeem_button } }
                </button>
            </form>
            if !code_only {
                <p class="muted center">
                    { tx.redeem_have_account }{ " " }<Link<Route> to={Route::Login}>{ tx.login_button }</Link<Route>>
                </p>
            }
        </main>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_code_comes_from_the_slips_address() {
        assert_eq!(code_in_query("?ma=7KQ2-M9XD-4RTA").as_deref(), Some("7KQ2-M9XD-4RTA"));
        assert_eq!(code_in_query("?x=1&ma=abcd-efgh").as_deref(), Some("abcd-efgh"));
        assert_eq!(code_in_query("?ma=<script>"), Some("script".to_string()), "only letters, digits, dashes");
        assert_eq!(code_in_query("?mat=1"), None);
        assert_eq!(code_in_query(""), None);
        assert_eq!(code_in_query("?ma="), None);
    }

    fn draft(code: &str, user: &str, name: &str, pass: &str, again: &str) -> RedeemDraft {
        RedeemDraft {
            code: code.into(),
            username: user.into(),
            full_name: name.into(),
            password: pass.into(),
            again: again.into(),
        }
    }

    #[test]
    fn a_good_answer_is_cleaned() {
        let ok =
            checked_redeem(&draft(" k7qm-4xpa 93td ", "Me.Hoa", " Lò Thị Hoa ", "mật khẩu 1", "mật khẩu 1"), false);
        assert_eq!(
            ok,
            Ok(RedeemInvite {
                code: "K7QM-4XPA93TD".into(),
                username: "me.hoa".into(),
                full_name: "Lò Thị Hoa".into(),
                password: "mật khẩu 1".into(),
            })
        );
    }

    #[test]
    fn problems_name_their_fields() {
        let Err(e) = checked_redeem(&draft("", "", "", "short", "short"), false) else { panic!("accepted") };
        for field in ["code", "username", "full_name", "password"] {
            assert!(e.get(field).is_some(), "{field}");
        }
        let Err(e) = checked_redeem(&draft("X", "mehoa", "Hoa", "12345678", "12345679"), false) else {
            panic!("accepted")
        };
        assert!(e.get("again").is_some());
        // A signed-in parent only needs the code.
        assert!(checked_redeem(&draft("X", "", "", "", ""), true).is_ok());
    }
}
