//! `/ky-so`: whether each signer of the school's học bạ can sign — the homeroom teachers, the
//! principal and the school seal — with their certificate's holder, issuer and end of validity
//! (principal and admin); and the CAs of other schools the school trusts.

use super::trusted_cas::TrustedCas;
use super::vn_time::vn_date;
use crate::components::{ErrorNotice, LoadingNotice};
use crate::hooks::{use_load, Loadable};
use crate::i18n::domain::signer_role_name;
use crate::i18n::t;
use crate::services::api;
use hocba_core::api::documents::SignerReadiness;
use yew::prelude::*;

#[component]
pub fn SigningPage() -> Html {
    let tx = t();
    let (list, reload) = use_load((), |()| api::signing_readiness());
    let body = match &*list {
        Loadable::Loading => html! { <LoadingNotice /> },
        Loadable::Failed(err) => html! { <ErrorNotice message={err.message()} on_retry={reload.clone()} /> },
        Loadable::Ready(signers) if signers.is_empty() => html! { <p class="notice">{ tx.signing_none }</p> },
        Loadable::Ready(signers) => html! { <ReadinessTable signers={signers.clone()} /> },
    };
    html! {
        <section class="signing">
            <h1>{ tx.signing_title }</h1>
            <p>{ tx.signing_intro }</p>
            <SetupNotice />
            { body }
            <TrustedCas />
        </section>
    }
}

/// What the server issues documents with, when something needs attention: no public address
/// (issuing is refused), no timestamp authority or only the test one (not long-term).
#[component]
fn SetupNotice() -> Html {
    let (setup, _) = use_load((), |()| api::signing_setup());
    let Loadable::Ready(setup) = &*setup else { return Html::default() };
    if setup.problems.is_empty() {
        return Html::default();
    }
    let blocking = setup.public_url.is_none();
    html! {
        <div class={classes!("notice", if blocking { "error" } else { "warning" })}
            data-testid="signing-setup" role={if blocking { "alert" } else { "status" }}>
            <ul>{ for setup.problems.iter().map(|p| html! { <li>{ p.clone() }</li> }) }</ul>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct ReadinessTableProps {
    signers: Vec<SignerReadiness>,
}

#[component]
fn ReadinessTable(props: &ReadinessTableProps) -> Html {
    let tx = t();
    let mut signers = props.signers.clone();
    signers.sort_by(|a, b| a.role.cmp(&b.role).then_with(|| a.name.cmp(&b.name)));
    let rows = signers.iter().map(|s| html! { <ReadinessRow signer={s.clone()} /> });
    html! {
        <table class="stack signing-readiness">
            <thead>
                <tr>
                    <th scope="col">{ tx.col_signer_role }</th>
                    <th scope="col">{ tx.col_signer }</th>
                    <th scope="col">{ tx.col_cert_holder }</th>
                    <th scope="col">{ tx.col_cert_issuer }</th>
                    <th scope="col">{ tx.col_valid_until }</th>
                    <th scope="col">{ tx.col_signing_status }</th>
                </tr>
            </thead>
            <tbody>{ for rows }</tbody>
        </table>
    }
}

#[derive(Properties, PartialEq)]
struct ReadinessRowProps {
    signer: SignerReadiness,
}

/// The state of a signer: ready, ready but expiring soon, or not ready.
fn status(s: &SignerReadiness) -> (&'static str, &'static str, &'static str) {
    let tx = t();
    match (s.ready, s.expires_soon) {
        (true, false) => ("ready", "✓", tx.signing_ready),
        (true, true) => ("expires_soon", "⚠", tx.signing_expires_soon),
        (false, _) => ("problem", "✗", tx.signing_not_ready),
    }
}

#[component]
fn ReadinessRow(props: &ReadinessRowProps) -> Html {
    let tx = t();
    let s = &props.signer;
    let dash = || tx.none.to_string();
    let (code, icon, label) = status(s);
    html! {
        <tr data-role={s.role.code()} data-user={s.user_id.clone()} data-status={code}>
            <th scope="row" data-label={tx.col_signer_role}>{ signer_role_name(s.role) }</th>
            <td data-label={tx.col_signer}>{ s.name.clone() }</td>
            <td data-label={tx.col_cert_holder}>
                { s.holder.clone().unwrap_or_else(dash) }
                if s.test_certificate {
                    { " " }<span class="badge badge-test-cert">{ tx.badge_test_certificate }</span>
                }
                if s.on_token {
                    { " " }<span class="badge badge-token">{ tx.badge_usb_token }</span>
                }
            </td>
            <td data-label={tx.col_cert_issuer}>{ s.issuer.clone().unwrap_or_else(dash) }</td>
            <td data-label={tx.col_valid_until}>{ s.not_after.as_deref().map(vn_date).unwrap_or_else(dash) }</td>
            <td data-label={tx.col_signing_status} class={classes!("signing-status", code)}>
                <span aria-hidden="true">{ icon }{ " " }</span>{ label }
                if let Some(problem) = &s.problem {
                    <span class="signing-problem">{ problem.clone() }</span>
                }
            </td>
        </tr>
    }
}
