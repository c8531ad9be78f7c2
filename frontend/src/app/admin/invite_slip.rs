//! "Tạo mã mời phụ huynh": a one-time code for a parent without e-mail, printed on a paper
//! slip with the school, the pupils, the code in large letters, where to enter it and until
//! when.

use super::dates::local_time;
use super::password_slip::print_page;
use crate::i18n::t;
use crate::services::api;
use hocba_core::api::admin::{InviteRequest, InviteSlip};
use yew::platform::spawn_local;
use yew::prelude::*;

/// Path of the page where parents enter the code.
pub const REDEEM_PATH: &str = "/kich-hoat";

/// The address parents type: this app's origin and [`REDEEM_PATH`].
fn redeem_address() -> String {
    let origin = web_sys::window().and_then(|w| w.location().origin().ok()).unwrap_or_default();
    format!("{origin}{REDEEM_PATH}")
}

#[derive(Properties, PartialEq)]
pub struct InviteSectionProps {
    pub pupil_id: AttrValue,
}

#[component]
pub fn InviteSection(props: &InviteSectionProps) -> Html {
    let tx = t();
    let slip = use_state(|| None::<InviteSlip>);
    let error = use_state(|| None::<String>);
    let busy = use_state(|| false);
    let on_create = {
        let (slip, error, busy, pupil_id) = (slip.clone(), error.clone(), busy.clone(), props.pupil_id.clone());
        Callback::from(move |_: MouseEvent| {
            let (slip, error, busy) = (slip.clone(), error.clone(), busy.clone());
            let body = InviteRequest { pupil_ids: vec![pupil_id.to_string()] };
            busy.set(true);
            error.set(None);
            spawn_local(async move {
                match api::create_invite(&body).await {
                    Ok(s) => slip.set(Some(s)),
                    Err(err) => error.set(Some(err.message())),
                }
                busy.set(false);
            });
        })
    };
    html! {
        <section class="card invite" aria-labelledby="invite-heading">
            <h2 id="invite-heading">{ tx.invite_title }</h2>
            <p class="muted">{ tx.invite_intro }</p>
            if let Some(message) = (*error).clone() {
                <p class="form-error" role="alert">{ message }</p>
            }
            <div class="actions">
                <button type="button" class="button secondary" data-action="create-invite" disabled={*busy}
                    onclick={on_create}>{ tx.invite_create }</button>
            </div>
            if let Some(s) = (*slip).clone() {
                <InviteSlipView slip={s} />
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct InviteSlipProps {
    slip: InviteSlip,
}

#[component]
fn InviteSlipView(props: &InviteSlipProps) -> Html {
    let tx = t();
    let s = &props.slip;
    let pupils = s.pupils.iter().map(|p| html! { <li key={p.id.clone()}>{ p.full_name.clone() }</li> });
    let address = redeem_address();
    html! {
        <>
            <p class="banner submitted no-print" role="status">{ tx.invite_once }</p>
            <article class="invite-slip print-area" data-invite-slip="">
                <p class="slip-school">{ s.school_name.clone() }</p>
                <h3>{ tx.invite_slip_title }</h3>
                <p>{ tx.invite_for }</p>
                <ul class="slip-pupils">{ for pupils }</ul>
                <p class="slip-step">{ tx.invite_step_open }</p>
                <p class="slip-address" data-address="">{ address }</p>
                <p class="slip-step">{ tx.invite_step_code }</p>
                <p class="slip-code" data-code="">{ s.code.clone() }</p>
                <p class="slip-step">{ tx.invite_step_account }</p>
                <p class="slip-expiry">{ (tx.invite_expires)(&local_time(&s.expires_at)) }</p>
            </article>
            <div class="actions no-print">
                <button type="button" class="button primary" data-action="print" onclick={|_| print_page()}>
                    { tx.print_slip }
                </button>
            </div>
        </>
    }
}
