//! `/verify` and `/verify/{code}`: anyone (no sign-in) checks that a học bạ is the school's
//! original and unchanged, by uploading its PDF or typing the code printed on it; the QR code
//! of every page opens `/verify/{code}`, which checks at once. The verdict comes first, large.

mod check_form;
mod record;
mod report;
/// Also lists the verified signatures of a year imported from another school.
pub(super) mod signatures;
mod verdict_banner;

use super::Route;
use crate::components::{ErrorNotice, LangSwitch};
use crate::i18n::t;
use crate::services::api::{self, ApiError};
use check_form::CheckForm;
use hocba_core::api::documents::VerifyReport;
use record::RecordYears;
use report::{AttachmentList, DocumentFacts, RevisionList};
use signatures::SignatureList;
use std::cell::RefCell;
use std::rc::Rc;
use verdict_banner::VerdictBanner;
use web_sys::HtmlElement;
use yew::platform::spawn_local;
use yew::prelude::*;
use yew_router::prelude::*;

/// Where a check stands.
#[derive(Debug, Clone, PartialEq)]
enum Check {
    Idle,
    Checking,
    /// The report, and the name of the uploaded file (none for a code).
    Done(Rc<VerifyReport>, Option<String>),
    Failed(ApiError),
}

#[derive(Properties, PartialEq)]
pub struct VerifyPageProps {
    /// The code of the QR link, when opened through one.
    #[prop_or_default]
    pub code: Option<String>,
}

#[component]
pub fn VerifyPage(props: &VerifyPageProps) -> Html {
    let tx = t();
    let check = use_state(|| Check::Idle);
    // Only the latest check's answer counts.
    let latest = use_mut_ref(|| 0u64);
    let navigator = use_navigator();
    let banner = use_node_ref();

    let start = {
        let (check, latest) = (check.clone(), latest.clone());
        move || -> (UseStateHandle<Check>, Rc<RefCell<u64>>, u64) {
            let ticket = {
                let mut n = latest.borrow_mut();
                *n += 1;
                *n
            };
            check.set(Check::Checking);
            (check.clone(), latest.clone(), ticket)
        }
    };
    let check_code = {
        let start = start.clone();
        Callback::from(move |code: String| {
            let (check, latest, ticket) = start();
            spawn_local(async move {
                let result = api::verify_code(&code).await;
                if *latest.borrow() == ticket {
                    check.set(match result {
                        Ok(report) => Check::Done(Rc::new(report), None),
                        Err(err) => Check::Failed(err),
                    });
                }
            });
        })
    };
    {
        // The QR link checks at once.
        let check_code = check_code.clone();
        use_effect_with(props.code.clone(), move |code| {
            if let Some(code) = code {
                check_code.emit(code.clone());
            }
        });
    }
    let on_file = {
        let (navigator, on_code_route) = (navigator.clone(), props.code.is_some());
        Callback::from(move |file: web_sys::File| {
            // The address no longer names a code: the report is the file's.
            if on_code_route {
                if let Some(nav) = &navigator {
                    nav.replace(&Route::Verify);
                }
            }
            let name = file.name();
            let (check, latest, ticket) = start();
            spawn_local(async move {
                let result = api::verify_file(file).await;
                if *latest.borrow() == ticket {
                    check.set(match result {
                        Ok(report) => Check::Done(Rc::new(report), Some(name)),
                        Err(err) => Check::Failed(err),
                    });
                }
            });
        })
    };
    let on_code = {
        let current = props.code.clone();
        let check_code = check_code.clone();
        Callback::from(move |code: String| {
            // A new code gets its own address (shareable, like the QR link); the same one is checked again.
            match &navigator {
                Some(nav) if current.as_deref() != Some(code.as_str()) => nav.push(&Route::VerifyCode { code }),
                _ => check_code.emit(code),
            }
        })
    };
    {
        // The answer is read first: focus moves to the verdict.
        let banner = banner.clone();
        use_effect_with((*check).clone(), move |check| {
            if matches!(check, Check::Done(..)) {
                if let Some(el) = banner.cast::<HtmlElement>() {
                    let _ = el.focus();
                }
            }
        });
    }

    // A refused code (422 naming `code`) shows under the code field.
    let code_error = match &*check {
        Check::Failed(ApiError::Validation { message, .. }) => Some(AttrValue::from(message.clone())),
        _ => None,
    };
    let result = match &*check {
        Check::Idle => html! { <p class="verify-intro">{ tx.verify_intro }</p> },
        Check::Checking => {
            html! { <p class="notice loading" role="status" aria-live="polite">{ tx.verify_checking }</p> }
        }
        Check::Failed(ApiError::Validation { .. }) => Html::default(),
        Check::Failed(err) => html! { <ErrorNotice message={err.message()} /> },
        Check::Done(report, file_name) => html! {
            <ReportView report={(**report).clone()} file_name={file_name.clone()} banner={banner.clone()} />
        },
    };
    let busy = matches!(*check, Check::Checking);
    html! {
        <main id="main" class="page narrow verify-page" tabindex="-1">
            <div class="lang-bar"><LangSwitch /></div>
            <p class="app-title">{ tx.app_name }</p>
            <h1>{ tx.verify_title }</h1>
            { result }
            <CheckForm code={props.code.clone().unwrap_or_default()} {code_error} {busy} {on_file} {on_code} />
        </main>
    }
}

#[derive(Properties, PartialEq)]
struct ReportViewProps {
    report: VerifyReport,
    file_name: Option<String>,
    banner: NodeRef,
}

/// A report: the verdict, what the document shows, its signatures, its attached records.
#[component]
fn ReportView(props: &ReportViewProps) -> Html {
    let tx = t();
    let r = &props.report;
    html! {
        <div class="verify-report">
            <VerdictBanner verdict={r.verdict} revoked_at={r.revoked_at.clone()}
                revoked_reason={r.revoked_reason.clone()} problem={r.problem.clone()} node={props.banner.clone()}
                test_certificate={r.test_certificate} superseded_at={r.superseded_at.clone()}
                superseded_by={r.superseded_by.clone()} />
            if let Some(name) = &props.file_name {
                <p class="muted verify-file-name">{ (tx.verify_file_checked)(name) }</p>
            }
            <DocumentFacts report={r.clone()} />
            if !r.signatures.is_empty() {
                <section class="card verify-signatures">
                    <h2>{ tx.verify_signers_heading }</h2>
                    <SignatureList signatures={r.signatures.clone()} />
                </section>
            }
            <RecordYears years={r.years.clone()} />
            <AttachmentList attachments={r.attachments.clone()} />
            <RevisionList revisions={r.revisions.clone()} />
        </div>
    }
}
