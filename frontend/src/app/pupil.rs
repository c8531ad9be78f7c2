//! `/hoc-sinh/{pupil_id}`: a pupil's approved yearly results, for parents (phone first, for people
//! who read little): the newest year open and the older ones folded, each level with a colour and
//! an icon besides its words, the explanation worded as the next goal, one "Tải học bạ" button and a
//! "Nghe" button that reads the newest year aloud; then the signed downloads of each year and the
//! list of issued documents (which the principal can revoke). A year studied elsewhere says so.

use super::issued::IssuedDocuments;
use super::listen::ListenButton;
use crate::components::{DownloadButton, ErrorNotice, LoadingNotice};
use crate::hooks::{use_load, use_session, Loadable, Session};
use crate::i18n::domain as messages;
use crate::i18n::t;
use crate::services::api;
use hocba_core::api::{PupilResults, Role};
use hocba_core::transcript::{completion_text, YearRecord};
use hocba_core::{QualityLevel, SubjectLevel, YearResult};
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
    // The newest year first and open; the older ones folded.
    let years = r.years.iter().rev().enumerate().map(|(i, y)| {
        html! { <YearCard year={y.clone()} pupil_id={pupil_id.clone()} open={i == 0} /> }
    });
    let file_name = format!("hoc-ba-{}.pdf", hocba_core::text::file_stem(&r.pupil.full_name));
    let spoken = r.years.last().map(|y| spoken_year(&r.pupil.full_name, y));
    html! {
        <section class="pupil-results narrow">
            <h1>{ (tx.results_title)(&r.pupil.full_name) }</h1>
            if r.years.is_empty() {
                <p class="notice">{ tx.no_years }</p>
            } else {
                <p class="download">
                    <DownloadButton url={api::hoc_ba_pdf_url(&r.pupil.id)} label={tx.download_pdf} primary=true
                        {file_name} testid="download-hand-over" />
                    <span class="muted">{ tx.download_hint }</span>
                </p>
                if let Some(text) = spoken {
                    <ListenButton {text} />
                }
                { for years }
            }
            <IssuedDocuments pupil_id={r.pupil.id.clone()} {can_revoke} />
        </section>
    }
}

/// What the "Nghe" button reads: the child, the year, the result and its explanation, then each
/// subject's level and score and each quality's level.
fn spoken_year(full_name: &str, y: &YearRecord) -> String {
    let tx = t();
    let result = y.evaluation.result.map(messages::result_name).unwrap_or(tx.result_pending);
    let mut parts = vec![
        format!("{full_name}."),
        format!("{}.", (tx.year_heading)(&y.school_year, &y.class_name)),
        format!("{}: {result}.", tx.year_result),
        messages::explain_for_parents(&y.evaluation),
        format!("{}:", tx.subjects_heading),
    ];
    for s in &y.subjects {
        let level = s.level.map(messages::subject_level_name).unwrap_or(tx.none);
        match s.score {
            Some(score) => parts.push(format!("{}, {level}, {} {score}.", s.name, tx.spoken_score)),
            None => parts.push(format!("{}, {level}.", s.name)),
        }
    }
    parts.push(format!("{}:", tx.qualities_heading));
    for q in &y.qualities {
        parts.push(format!("{}, {}.", q.name, q.level.map(messages::quality_level_name).unwrap_or(tx.none)));
    }
    parts.join(" ")
}

/// A level's mark: an icon and a colour besides its words (★ the best level, ✓ reached, ➜ still to
/// work on), for parents who read little.
fn mark(class: &'static str, icon: &'static str, words: &str) -> Html {
    html! {
        <span class={classes!("level-mark", class)}>
            <span class="icon" aria-hidden="true">{ icon }</span>{ words.to_string() }
        </span>
    }
}

fn subject_mark(level: Option<SubjectLevel>) -> Html {
    match level {
        Some(l @ SubjectLevel::T) => mark("level-top", "★", messages::subject_level_name(l)),
        Some(l @ SubjectLevel::H) => mark("level-ok", "✓", messages::subject_level_name(l)),
        Some(l @ SubjectLevel::C) => mark("level-work", "➜", messages::subject_level_name(l)),
        None => html! { { t().none } },
    }
}

fn quality_mark(level: Option<QualityLevel>) -> Html {
    match level {
        Some(l @ QualityLevel::T) => mark("level-top", "★", messages::quality_level_name(l)),
        Some(l @ QualityLevel::D) => mark("level-ok", "✓", messages::quality_level_name(l)),
        Some(l) => mark("level-work", "➜", messages::quality_level_name(l)),
        None => html! { { t().none } },
    }
}

fn result_mark(result: Option<YearResult>) -> Html {
    match result {
        Some(r @ (YearResult::HTXS | YearResult::HTT)) => mark("level-top", "★", messages::result_name(r)),
        Some(r @ YearResult::HT) => mark("level-ok", "✓", messages::result_name(r)),
        Some(r) => mark("level-work", "➜", messages::result_name(r)),
        None => html! { { t().result_pending } },
    }
}

#[derive(Properties, PartialEq)]
struct YearCardProps {
    year: YearRecord,
    pupil_id: String,
    /// Shown unfolded (the newest year).
    open: bool,
}

#[component]
fn YearCard(props: &YearCardProps) -> Html {
    let tx = t();
    let y = &props.year;
    let result = y.evaluation.result;
    let completion = completion_text(y.grade, result);
    let dash = || tx.none.to_string();
    let subjects = y.subjects.iter().map(|s| {
        html! {
            <tr>
                <th scope="row" data-label={tx.col_subject}>{ s.name.clone() }</th>
                <td data-label={tx.col_subject_level}>{ subject_mark(s.level) }</td>
                <td data-label={tx.col_test_score}>{ s.score.map(|v| v.to_string()).unwrap_or_else(dash) }</td>
                <td data-label={tx.col_comment}>{ s.comment.clone().unwrap_or_else(dash) }</td>
            </tr>
        }
    });
    let qualities = y.qualities.iter().map(|q| {
        html! {
            <tr>
                <th scope="row" data-label={tx.col_quality}>{ q.name.clone() }</th>
                <td data-label={tx.col_level}>{ quality_mark(q.level) }</td>
                <td data-label={tx.col_comment}>{ q.comment.clone().unwrap_or_else(dash) }</td>
            </tr>
        }
    });
    html! {
        <details class="card year" data-school-year={y.school_year.clone()} open={props.open}>
            <summary>
                <h2>{ (tx.year_heading)(&y.school_year, &y.class_name) }</h2>
                <span class="year-summary-result">{ result_mark(result) }</span>
            </summary>
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
                <p class="value" data-field="result">{ result_mark(result) }</p>
                if !completion.is_empty() {
                    <p class="completion">{ completion }</p>
                }
                <p class="explain">{ messages::explain_for_parents(&y.evaluation) }</p>
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
        </details>
    }
}
