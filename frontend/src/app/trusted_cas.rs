//! The CAs whose signatures the school accepts besides its own (on `/ky-so`): typically the CA of
//! a school its pupils transfer from, so that their signed records can be imported. Each shows
//! its SHA-256 fingerprint in groups of four characters, to compare over the phone; a CA is
//! added by pasting its certificate (PEM).

use super::vn_time::vn_date;
use crate::components::{ErrorNotice, FieldErrors, LoadingNotice, TextAreaField};
use crate::hooks::{use_load, Loadable};
use crate::i18n::t;
use crate::services::api;
use hocba_core::api::documents::TrustedCa;
use yew::platform::spawn_local;
use yew::prelude::*;

/// A hex fingerprint in upper-case groups of four, for reading aloud ("3F2A 09BC …").
pub fn grouped_fingerprint(hex: &str) -> String {
    let chars: Vec<char> = hex.chars().filter(|c| c.is_ascii_hexdigit()).map(|c| c.to_ascii_uppercase()).collect();
    chars.chunks(4).map(|group| group.iter().collect::<String>()).collect::<Vec<_>>().join(" ")
}

#[component]
pub fn TrustedCas() -> Html {
    let tx = t();
    let (list, reload) = use_load((), |()| api::trusted_cas());
    let on_added = {
        let list = list.clone();
        Callback::from(move |ca: TrustedCa| {
            let mut cas = match &*list {
                Loadable::Ready(cas) => cas.clone(),
                _ => Vec::new(),
            };
            cas.retain(|c| c.id != ca.id);
            cas.push(ca);
            list.set(Loadable::Ready(cas));
        })
    };
    let body = match &*list {
        Loadable::Loading => html! { <LoadingNotice /> },
        Loadable::Failed(err) => html! { <ErrorNotice message={err.message()} on_retry={reload.clone()} /> },
        Loadable::Ready(cas) if cas.is_empty() => {
            html! { <p class="muted" data-empty="trusted-cas">{ tx.trusted_cas_none }</p> }
        }
        Loadable::Ready(cas) => html! { <TrustedCaTable cas={cas.clone()} /> },
    };
    html! {
        <section class="card trusted-cas" aria-labelledby="trusted-cas-heading" data-section="trusted-cas">
            <h2 id="trusted-cas-heading">{ tx.trusted_cas_title }</h2>
            <p>{ tx.trusted_cas_intro }</p>
            { body }
            <TrustCaForm {on_added} />
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct TrustedCaTableProps {
    cas: Vec<TrustedCa>,
}

#[component]
fn TrustedCaTable(props: &TrustedCaTableProps) -> Html {
    let tx = t();
    let rows = props.cas.iter().map(|ca| html! { <TrustedCaRow key={ca.id.clone()} ca={ca.clone()} /> });
    html! {
        <table class="stack trusted-ca-list">
            <thead>
                <tr>
                    <th scope="col">{ tx.col_ca_name }</th>
                    <th scope="col">{ tx.col_ca_fingerprint }</th>
                    <th scope="col">{ tx.col_ca_added }</th>
                </tr>
            </thead>
            <tbody>{ for rows }</tbody>
        </table>
    }
}

#[derive(Properties, PartialEq)]
struct TrustedCaRowProps {
    ca: TrustedCa,
}

#[component]
fn TrustedCaRow(props: &TrustedCaRowProps) -> Html {
    let tx = t();
    let ca = &props.ca;
    html! {
        <tr data-trusted-ca={ca.id.clone()} data-test={ca.is_test.to_string()}>
            <th scope="row" data-label={tx.col_ca_name}>
                { ca.name.clone() }
                if ca.own {
                    { " " }<span class="badge" data-badge="own">{ tx.badge_own_ca }</span>
                }
                if ca.is_test {
                    { " " }<span class="badge badge-test-cert" data-badge="test">{ tx.badge_test_ca }</span>
                }
            </th>
            <td data-label={tx.col_ca_fingerprint}>
                <code class="fingerprint" data-fingerprint={ca.fingerprint.to_lowercase()}>
                    { grouped_fingerprint(&ca.fingerprint) }
                </code>
            </td>
            <td data-label={tx.col_ca_added} class="nowrap">{ vn_date(&ca.added_at) }</td>
        </tr>
    }
}

#[derive(Properties, PartialEq)]
struct TrustCaFormProps {
    on_added: Callback<TrustedCa>,
}

/// Pasting a CA certificate to trust, with the warning to compare its fingerprint first.
#[component]
fn TrustCaForm(props: &TrustCaFormProps) -> Html {
    let tx = t();
    let pem = use_state(String::new);
    let errors = use_state(FieldErrors::default);
    let busy = use_state(|| false);
    let added = use_state(|| None::<String>);

    let on_pem = {
        let (pem, errors) = (pem.clone(), errors.clone());
        Callback::from(move |value: String| {
            pem.set(value);
            errors.set(FieldErrors::default());
        })
    };
    let onsubmit = {
        let (pem, errors, busy, added, on_added) =
            (pem.clone(), errors.clone(), busy.clone(), added.clone(), props.on_added.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if *busy {
                return;
            }
            let text = pem.trim().to_string();
            if text.is_empty() {
                let mut missing = FieldErrors::default();
                missing.add("pem", tx.trust_ca_missing);
                errors.set(missing);
                return;
            }
            let (pem, errors, busy, added, on_added) =
                (pem.clone(), errors.clone(), busy.clone(), added.clone(), on_added.clone());
            busy.set(true);
            added.set(None);
            errors.set(FieldErrors::default());
            spawn_local(async move {
                match api::trust_ca(&text).await {
                    Ok(ca) => {
                        pem.set(String::new());
                        added.set(Some(ca.name.clone()));
                        on_added.emit(ca);
                    }
                    Err(err) => errors.set(FieldErrors::from_api(&err, &["pem"])),
                }
                busy.set(false);
            });
        })
    };
    html! {
        <form class="admin-form trust-ca" {onsubmit} novalidate=true data-form="trust-ca"
            aria-labelledby="trust-ca-heading" aria-busy={busy.to_string()}>
            <h3 id="trust-ca-heading">{ tx.trust_ca_heading }</h3>
            <p class="banner submitted" data-banner="trust-ca-warning">{ tx.trust_ca_warning }</p>
            if let Some(name) = &*added {
                <p class="banner ok" role="status" data-banner="ca-added">{ (tx.trust_ca_added)(name) }</p>
            }
            <div role="alert" data-trust-ca-error="">
                if let Some(message) = errors.general() {
                    <p class="form-error">{ message.to_string() }</p>
                }
            </div>
            <TextAreaField id="trust-ca-pem" name="pem" label={tx.trust_ca_label} hint={tx.trust_ca_hint} rows="8"
                value={(*pem).clone()} required=true error={errors.get("pem")} disabled={*busy} on_change={on_pem} />
            <div class="actions">
                <button type="submit" class="button primary" data-action="trust-ca" disabled={*busy}>
                    { if *busy { tx.trust_ca_busy } else { tx.trust_ca_submit } }
                </button>
            </div>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_read_in_groups_of_four() {
        let hex = "3f2a09bc".repeat(8);
        let grouped = grouped_fingerprint(&hex);
        assert_eq!(grouped.split(' ').count(), 16);
        assert!(grouped.starts_with("3F2A 09BC 3F2A"));
        assert_eq!(grouped_fingerprint("ab:cd:ef"), "ABCD EF");
    }
}
