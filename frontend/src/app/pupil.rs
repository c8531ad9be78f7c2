//! `/hoc-sinh/{pupil_id}`: a pupil's approved yearly results, for parents (phone first), with
//! the signed downloads (the hand-over học bạ and each approved year's record) and the list of
//! issued documents (which the principal can revoke). A year studied at another school says so.

use super::issued::IssuedDocuments;
use crate::components::{DownloadButton, ErrorNotice, LoadingNotice};
use crate::hooks::{use_load, use_session, Loadable, Session};
use crate::i18n::t;
use crate::services::api;
use hocba_core::api::{PupilResults, Role};
use hocba_core::messages;
use hocba_core::transcript::{completion_text, YearRecord};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PupilPageProps {
    pub pupil_id: String,
}

#[component]
pub fn PupilPage(props: &PupilPageProps) -> Html {
    let (results, reload) = use_load(props.pupil_id.clone(), |id: String| async move { api::pupil_results(&id).await });
    match &*results {
        Loadable::Loading => html! { <LoadingNotice /> },
        Loadable::Failed(err) => {
            html! { <ErrorNotice message={err.message()} on_retry={reload.clone()} /> }
        }
        Loadable::Ready(r) => html! { <Results results={r.clone()} /> },
    }
}

#[derive(Properties, PartialEq)]
struct ResultsProps {
    results: PupilResults,
}

#[component]
fn Results(props: &ResultsProps) -> Html {
    let tx = t();
    let r = &props.results;
    let can_revoke = match use_session().session {
        Session::SignedIn(me) => me.role == Role::Principal || me.roles.contains(&Role::Principal),
        _ => false,
    };
    let pupil_id = r.pupil.id.clone();
    let years = r.years.iter().rev().map(|y| html! { <YearCard year={y.clone()} pupil_id={pupil_id.clone()} /> });
    html! {
        <section class="pupil-results narrow">
            <h1>{ (tx.results_title)(&r.pupil.full_name) }</h1>
            if r.years.is_empty() {
                <p class="notice">{ tx.no_years }</p>
            } else {
                <p class="download">
                    <DownloadButton url={api::hoc_ba_pdf_url(&r.pupil.id)} label={tx.download_pdf} primary=true
                        file_name="hoc-ba.pdf" testid="download-hand-over" />
                    <span class="muted">{ tx.download_hint }</span>
                </p>
                { for years }
            }
            <IssuedDocuments pupil_id={r.pupil.id.clone()} {can_revoke} />
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct YearCardProps {
    year: YearRecord,
    pupil_id: String,
}

#[component]
fn YearCard(props: &YearCardProps) -> Html {
    let tx = t();
    let y = &props.year;
    let result = y.evaluation.result;
    let result_text = result.map(messages::result_name).unwrap_or(tx.result_pending);
    let completion = completion_text(y.grade, result);
    let dash = || tx.none.to_string();
    let subjects = y.subjects.iter().map(|s| {
        html! {
            <tr>
                <th scope="row" data-label={tx.col_subject}>{ s.name.clone() }</th>
                <td data-label={tx.col_subject_level}>
                    { s.level.map(|l| messages::subject_level_name(l).to_string()).unwrap_or_else(dash) }
                </td>
                <td data-label={tx.col_test_score}>{ s.score.map(|v| v.to_string()).unwrap_or_else(dash) }</td>
                <td data-label={tx.col_comment}>{ s.comment.clone().unwrap_or_else(dash) }</td>
            </tr>
        }
    });
    let qualities = y.qualities.iter().map(|q| {
        html! {
            <tr>
                <th scope="row" data-label={tx.col_quality}>{ q.name.clone() }</th>
                <td data-label={tx.col_level}>
                    { q.level.map(|l| messages::quality_level_name(l).to_string()).unwrap_or_else(dash) }
                </td>
                <td data-label={tx.col_comment}>{ q.comment.clone().unwrap_or_else(dash) }</td>
            </tr>
        }
    });
    html! {
        <article class="card year" data-school-year={y.school_year.clone()}>
            <h2>{ (tx.year_heading)(&y.school_year, &y.class_name) }</h2>
            if let Some(source) = &y.source {
                <p class="year-source" data-year-source={source.school_id.clone()}>
                    <span class="badge badge-imported">{ (tx.year_source_line)(&source.school_name) }</span>
                    if let Some(code) = &source.code {
                        { " " }<span class="muted nowrap">{ (tx.document_code)(code) }</span>
                    }
                </p>
            }
            // An imported year's signed record is the other school's: it comes with the hand-over.
            if y.approved_at.is_some() && y.source.is_none() {
                <p class="download">
                    <DownloadButton url={api::record_pdf_url(&props.pupil_id, &y.school_year)}
                        label={(tx.download_year_pdf)(&y.school_year)}
                        file_name={format!("hoc-ba-{}.pdf", y.school_year)}
                        testid={format!("download-year-{}", y.school_year)} />
                </p>
            }
            if let Some(teacher) = &y.homeroom_teacher {
                <p class="muted">{ tx.homeroom_teacher }{ ": " }{ teacher.clone() }</p>
            }
            <div class={classes!("year-result", result.map(|r| r.code().to_lowercase()))}>
                <p class="label">{ tx.year_result }</p>
                <p class="value" data-field="result">{ result_text }</p>
                if !completion.is_empty() {
                    <p class="completion">{ completion }</p>
                }
                <p class="explain">{ messages::explain(&y.evaluation) }</p>
            </div>
            <h3>{ tx.subjects_heading }</h3>
            <table class="stack">
                <thead>
                    <tr>
                        <th scope="col">{ tx.col_subject }</th>
                        <th scope="col">{ tx.col_subject_level }</th>
                        <th scope="col">{ tx.col_test_score }</th>
                        <th scope="col">{ tx.col_comment }</th>
                    </tr>
                </thead>
                <tbody>{ for subjects }</tbody>
            </table>
            <h3>{ tx.qualities_heading }</h3>
            <table class="stack">
                <thead>
                    <tr>
                        <th scope="col">{ tx.col_quality }</th>
                        <th scope="col">{ tx.col_level }</th>
                        <th scope="col">{ tx.col_comment }</th>
                    </tr>
                </thead>
                <tbody>{ for qualities }</tbody>
            </table>
        </article>
    }
}
