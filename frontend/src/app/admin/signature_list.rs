//! The signatures of a verified document (here: a year imported from another school): who
//! signed, in what role, when (Vietnam time), and whether each signature holds (✓) or not (✗).

use crate::app::vn_time::vn_date_time;
use crate::i18n::domain::{signed_on, signer_role_name};
use crate::i18n::t;
use hocba_core::api::documents::SignatureCheck;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SignatureListProps {
    pub signatures: Vec<SignatureCheck>,
}

#[component]
pub fn SignatureList(props: &SignatureListProps) -> Html {
    if props.signatures.is_empty() {
        return html! { <p class="muted">{ t().verify_no_signatures }</p> };
    }
    let items = props.signatures.iter().map(|s| html! { <SignatureItem signature={s.clone()} /> });
    html! { <ul class="signatures">{ for items }</ul> }
}

#[derive(Properties, PartialEq)]
struct SignatureItemProps {
    signature: SignatureCheck,
}

#[component]
fn SignatureItem(props: &SignatureItemProps) -> Html {
    let tx = t();
    let s = &props.signature;
    let valid = s.intact && s.trusted;
    let role = s.role.map(signer_role_name).unwrap_or(tx.signer_unknown_role);
    html! {
        <li class={classes!("signature", if valid { "valid" } else { "invalid" })}
            data-role={s.role.map(|r| r.code())} data-valid={valid.to_string()}>
            <span class="signature-mark" aria-hidden="true">{ if valid { "✓" } else { "✗" } }</span>
            <div>
                <p class="signature-who">
                    <strong>{ role }</strong>{ ": " }{ s.signer.clone() }
                    <span class="sr-only">{ " — " }{ if valid { tx.signature_valid } else { tx.signature_invalid } }</span>
                </p>
                if let Some(at) = &s.signed_at {
                    <p class="signature-when">{ signed_on(&vn_date_time(at)) }</p>
                }
                if !s.issuer.is_empty() {
                    <p class="muted">{ (tx.certificate_issued_by)(&s.issuer) }</p>
                }
                if s.timestamped {
                    <p class="muted">{ tx.signature_timestamped }</p>
                }
                if let Some(problem) = &s.problem {
                    <p class="signature-problem">{ problem.clone() }</p>
                }
            </div>
        </li>
    }
}
