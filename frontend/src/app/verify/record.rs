//! The record a verified document vouches for, year by year, as its signed XML says: each
//! subject's level and test score, the qualities and competencies, the year's result and awards.
//! A receiver compares it with the printout in their hands: a changed score shows here.

use crate::i18n::domain::{quality_level_name, quality_name, result_name, subject_level_name, subject_name};
use crate::i18n::t;
use hocba_core::transcript::YearRecord;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct RecordYearsProps {
    pub years: Vec<YearRecord>,
}

#[component]
pub fn RecordYears(props: &RecordYearsProps) -> Html {
    if props.years.is_empty() {
        return Html::default();
    }
    let tx = t();
    let years = props.years.iter().map(|y| {
        let subjects = y.subjects.iter().map(|s| {
            html! {
                <tr data-subject={s.code.clone()}>
                    <th scope="row">{ subject_name(&s.code, &s.name).to_string() }</th>
                    <td data-field="level">{ s.level.map(subject_level_name).unwrap_or("—") }</td>
                    <td data-field="score">{ s.score.map(|n| n.to_string()).unwrap_or_else(|| "—".into()) }</td>
                </tr>
            }
        });
        let qualities = y.qualities.iter().map(|q| {
            html! {
                <tr data-quality={q.code.clone()}>
                    <th scope="row">{ quality_name(&q.code, &q.name).to_string() }</th>
                    <td data-field="level">{ q.level.map(quality_level_name).unwrap_or("—") }</td>
                </tr>
            }
        });
        let result = y.final_result.or(y.evaluation.result).map(result_name).unwrap_or("—");
        html! {
            <section class="record-year" data-school-year={y.school_year.clone()}>
                <h3>{ (tx.verify_record_year)(&y.class_name, &y.school_year) }</h3>
                <table class="record-subjects">
                    <caption class="visually-hidden">{ tx.verify_record_subjects }</caption>
                    <thead><tr>
                        <th scope="col">{ tx.verify_record_subject }</th>
                        <th scope="col">{ tx.col_level }</th>
                        <th scope="col">{ tx.col_score }</th>
                    </tr></thead>
                    <tbody>{ for subjects }</tbody>
                </table>
                <table class="record-qualities">
                    <caption class="visually-hidden">{ tx.verify_record_qualities }</caption>
                    <thead><tr>
                        <th scope="col">{ tx.verify_record_quality }</th>
                        <th scope="col">{ tx.col_level }</th>
                    </tr></thead>
                    <tbody>{ for qualities }</tbody>
                </table>
                <p class="record-result" data-field="result"><strong>{ tx.col_result }{ ": " }</strong>{ result }</p>
                if !y.awards.is_empty() {
                    <ul class="record-awards" aria-label={tx.verify_record_awards}>
                        { for y.awards.iter().map(|a| html! { <li>{ a.clone() }</li> }) }
                    </ul>
                }
            </section>
        }
    });
    html! {
        <section class="card verify-record" data-testid="verify-record">
            <h2>{ tx.verify_record_heading }</h2>
            <p class="muted">{ tx.verify_record_intro }</p>
            { for years }
        </section>
    }
}
