//! "Học bạ đã cấp" on a pupil's page: the documents the school issued (yearly records and the
//! hand-over học bạ) with their verification codes and signers; the principal can revoke one.

mod revoke_dialog;

use crate::app::vn_time::{vn_date, vn_date_time};
use crate::components::{ErrorNotice, LoadingNotice};
use crate::hooks::{use_load, Loadable};
use crate::i18n::domain::signer_role_name;
use crate::i18n::t;
use crate::services::api;
use hocba_core::api::documents::{DocumentKind, IssuedDocument, SignerRole};
use revoke_dialog::RevokeDialog;
use yew::prelude::*;

/// "Học bạ năm học 2024-2025" or "Học bạ bàn giao".
pub fn kind_text(kind: DocumentKind, school_year: Option<&str>) -> String {
    let tx = t();
    match (kind, school_year) {
        (DocumentKind::YearlyRecord, Some(year)) => (tx.doc_kind_yearly)(year),
        (DocumentKind::YearlyRecord, None) => (tx.doc_kind_yearly)("").trim_end().to_string(),
        (DocumentKind::HandOver, _) => tx.doc_kind_hand_over.to_string(),
    }
}

/// Role names in signing order, joined: "Giáo viên chủ nhiệm, Hiệu trưởng".
fn role_names(roles: &[SignerRole]) -> String {
    let mut roles = roles.to_vec();
    roles.sort();
    roles.into_iter().map(signer_role_name).collect::<Vec<_>>().join(", ")
}

#[derive(Properties, PartialEq)]
pub struct IssuedDocumentsProps {
    pub pupil_id: String,
    /// The principal may revoke.
    #[prop_or_default]
    pub can_revoke: bool,
}

#[component]
pub fn IssuedDocuments(props: &IssuedDocumentsProps) -> Html {
    let tx = t();
    let (docs, reload) = use_load(props.pupil_id.clone(), |id: String| async move { api::pupil_documents(&id).await });
    let revoking = use_state(|| None::<IssuedDocument>);
    let done = use_state(|| None::<String>);
    let on_revoke = {
        let (revoking, done) = (revoking.clone(), done.clone());
        Callback::from(move |doc: IssuedDocument| {
            done.set(None);
            revoking.set(Some(doc));
        })
    };
    let on_cancel = {
        let revoking = revoking.clone();
        Callback::from(move |()| revoking.set(None))
    };
    let on_revoked = {
        let (revoking, done, reload) = (revoking.clone(), done.clone(), reload.clone());
        Callback::from(move |code: String| {
            revoking.set(None);
            done.set(Some((t().revoked_ok)(&code)));
            reload.emit(());
        })
    };
    let body = match &*docs {
        Loadable::Loading => html! { <LoadingNotice /> },
        Loadable::Failed(err) => html! { <ErrorNotice message={err.message()} on_retry={reload.clone()} /> },
        Loadable::Ready(list) if list.is_empty() => html! { <p class="muted">{ tx.documents_none }</p> },
        Loadable::Ready(list) => {
            let items = list.iter().map(|d| {
                let on_revoke = props.can_revoke.then(|| on_revoke.clone());
                html! { <DocumentItem document={d.clone()} {on_revoke} /> }
            });
            html! { <ul class="issued-documents">{ for items }</ul> }
        }
    };
    html! {
        <section class="card issued" data-testid="issued-documents">
            <h2>{ tx.documents_title }</h2>
            if let Some(message) = &*done {
                <p class="banner ok" role="status">{ message.clone() }</p>
            }
            { body }
            if let Some(document) = &*revoking {
                <RevokeDialog document={document.clone()} on_done={on_revoked} {on_cancel} />
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct DocumentItemProps {
    document: IssuedDocument,
    /// Given for the principal: revoking this document.
    on_revoke: Option<Callback<IssuedDocument>>,
}

#[component]
fn DocumentItem(props: &DocumentItemProps) -> Html {
    let tx = t();
    let d = &props.document;
    let what = kind_text(d.kind, d.school_year.as_deref());
    let revoked = d.revoked_at.is_some();
    let revoke = props.on_revoke.as_ref().filter(|_| !revoked).map(|cb| {
        let (cb, doc) = (cb.clone(), d.clone());
        let label = (tx.revoke_document_of)(&what, &d.code);
        html! {
            <button type="button" class="button danger small" data-action="revoke" aria-label={label}
                onclick={move |_: MouseEvent| cb.emit(doc.clone())}>{ tx.revoke }</button>
        }
    });
    html! {
        <li class={classes!("issued-document", revoked.then_some("revoked"))} data-document-id={d.id.clone()}
            data-code={d.code.clone()} data-kind={d.kind.code()} data-revoked={revoked.to_string()}>
            <p class="issued-title">
                <strong>{ what.clone() }</strong>
                if revoked {
                    { " " }<span class="badge badge-revoked">{ tx.document_revoked }</span>
                }
            </p>
            <p class="issued-code">{ (tx.document_code)(&d.code) }</p>
            <p class="muted">{ (tx.document_issued)(&vn_date(&d.issued_at)) }</p>
            if !d.signed_by.is_empty() {
                <p class="muted">{ (tx.document_signed_by)(&role_names(&d.signed_by)) }</p>
            }
            if !d.pending.is_empty() {
                <p class="issued-pending">{ (tx.document_pending)(&role_names(&d.pending)) }</p>
            }
            if let Some(at) = &d.revoked_at {
                <p class="issued-revoked">
                    { (tx.revoked_line)(&vn_date_time(at), d.revoked_reason.as_deref().unwrap_or_default()) }
                </p>
            }
            { for revoke }
        </li>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_read_in_vietnamese() {
        assert_eq!(kind_text(DocumentKind::YearlyRecord, Some("2024-2025")), "Học bạ năm học 2024-2025");
        assert_eq!(kind_text(DocumentKind::HandOver, None), "Học bạ bàn giao");
        assert_eq!(role_names(&[SignerRole::Seal, SignerRole::Teacher]), "Giáo viên chủ nhiệm, Con dấu của nhà trường");
    }
}
