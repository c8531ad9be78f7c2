//! What a verified document shows, under its verdict: pupil, school, school years, kind, issue
//! date and code; then its signatures, the yearly records it carries, each with its verdict, and
//! the file's revisions with how far each changed it.

use super::signatures::SignatureList;
use super::verdict_banner::VerdictBadge;
use crate::app::issued::kind_text;
use crate::app::vn_time::vn_date;
use crate::i18n::domain::{modification_level_text, revision_text};
use crate::i18n::t;
use hocba_core::api::documents::{
    AttachmentCheck, DocumentKind, ModificationLevel, RevisionChange, RevisionCheck, VerifyReport,
};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct DocumentFactsProps {
    pub report: VerifyReport,
}

/// The facts printed on the document, as a list of label and value (only those it has).
#[component]
pub fn DocumentFacts(props: &DocumentFactsProps) -> Html {
    let tx = t();
    let r = &props.report;
    let years = (!r.school_years.is_empty()).then(|| r.school_years.join(", "));
    let kind = r.kind.map(|k| match k {
        DocumentKind::YearlyRecord => kind_text(k, r.school_years.first().map(String::as_str)),
        DocumentKind::HandOver => kind_text(k, None),
    });
    let rows = [
        ("pupil", tx.verify_pupil, r.pupil_name.clone()),
        ("school", tx.verify_school, r.school_name.clone()),
        ("school_years", tx.verify_years, years),
        ("kind", tx.verify_kind, kind),
        ("issued_at", tx.verify_issued, r.issued_at.as_deref().map(vn_date)),
        ("code", tx.verify_code, r.code.clone()),
        ("archived_at", tx.verify_archived, r.archived_at.as_deref().map(crate::app::vn_time::vn_date_time)),
    ];
    let rows: Vec<Html> = rows
        .into_iter()
        .filter_map(|(field, label, value)| {
            value.map(|v| {
                html! {
                    <div class="fact" data-field={field}>
                        <dt>{ label }</dt>
                        <dd>{ v }</dd>
                    </div>
                }
            })
        })
        .collect();
    if rows.is_empty() {
        return Html::default();
    }
    html! {
        <section class="card verify-facts">
            <h2>{ tx.verify_document_heading }</h2>
            <dl class="facts">{ for rows }</dl>
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct AttachmentListProps {
    pub attachments: Vec<AttachmentCheck>,
}

/// The yearly records inside a hand-over học bạ, each verified on its own.
#[component]
pub fn AttachmentList(props: &AttachmentListProps) -> Html {
    if props.attachments.is_empty() {
        return Html::default();
    }
    let items = props.attachments.iter().map(|a| {
        let title = match &a.school_year {
            Some(year) => kind_text(DocumentKind::YearlyRecord, Some(year)),
            None => a.file_name.clone(),
        };
        html! {
            <li class="attachment" data-school-year={a.school_year.clone()}>
                <h3>{ title }</h3>
                <VerdictBadge verdict={a.verdict} />
                if let Some(problem) = &a.problem {
                    <p class="verdict-problem">{ problem.clone() }</p>
                }
                <SignatureList signatures={a.signatures.clone()} />
            </li>
        }
    });
    html! {
        <section class="card verify-attachments">
            <h2>{ t().verify_attachments_heading }</h2>
            <ul class="attachments">{ for items }</ul>
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct RevisionListProps {
    pub revisions: Vec<RevisionCheck>,
}

/// The file's revisions (created, each signature, validation data, document timestamps), folded:
/// a change of content after a signature is marked ✗.
#[component]
pub fn RevisionList(props: &RevisionListProps) -> Html {
    if props.revisions.is_empty() {
        return Html::default();
    }
    let items = props.revisions.iter().enumerate().map(|(i, r)| {
        let signed_before = props.revisions[..i].iter().any(|p| p.change == RevisionChange::Signature);
        let bad = r.level == ModificationLevel::Other && signed_before;
        html! {
            <li class={classes!("revision", bad.then_some("invalid"))} data-level={format!("{:?}", r.level)}>
                <span aria-hidden="true">{ if bad { "✗ " } else { "✓ " } }</span>
                { format!("{}. {} — {}", r.number, revision_text(r.change, r.role), modification_level_text(r.level)) }
            </li>
        }
    });
    html! {
        <details class="card verify-revisions">
            <summary>{ (t().verify_revisions_heading)(props.revisions.len()) }</summary>
            <ol class="revisions">{ for items }</ol>
        </details>
    }
}
