//! One pupil's record at the periodic point, laid out like the học bạ year page: the header,
//! the subjects, the qualities, the competences and at cuối năm the result.

use crate::i18n::domain as messages;
use crate::i18n::t;
use hocba_core::api::{GridRow, GridView, QualityColumn};
use hocba_core::catalogue::QualityKind;
use hocba_core::Period;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PupilPageProps {
    pub view: Rc<GridView>,
    /// Index of the pupil in `view.rows`.
    pub index: usize,
}

#[component]
pub fn PupilPage(props: &PupilPageProps) -> Html {
    let tx = t();
    let view = &props.view;
    let Some(row) = view.rows.get(props.index) else {
        return Html::default();
    };
    html! {
        <article class="card review-pupil-page" data-pupil={row.pupil.id.clone()} aria-labelledby="review-pupil-name">
            <header class="review-pupil-head">
                <p class="muted" aria-live="polite">{ (tx.review_pupil_of)(props.index + 1, view.rows.len()) }</p>
                <h2 id="review-pupil-name" data-testid="review-pupil-name">{ row.pupil.full_name.clone() }</h2>
                <dl class="facts">
                    <div><dt>{ tx.review_head_class }</dt><dd>{ view.class.name.clone() }</dd></div>
                    <div><dt>{ tx.review_head_year }</dt><dd>{ view.class.school_year.clone() }</dd></div>
                    <div><dt>{ tx.review_head_period }</dt><dd>{ messages::period_name(view.period) }</dd></div>
                </dl>
            </header>
            { subjects_table(view, row) }
            { qualities_table(tx.review_table_qualities, tx.review_col_quality, view, row, &[QualityKind::PhamChat]) }
            { qualities_table(tx.review_table_competences, tx.review_col_competence, view, row,
                &[QualityKind::NangLucChung, QualityKind::NangLucDacThu]) }
            if view.period == Period::CuoiNam {
                { result_part(row) }
            }
        </article>
    }
}

fn subjects_table(view: &GridView, row: &GridRow) -> Html {
    let tx = t();
    let rows = view.subjects.iter().map(|s| {
        let taken = !s.optional || row.takes.contains(&s.code);
        let cell = row.subjects.get(&s.code);
        let level = cell.and_then(|c| c.level);
        let level_text = match (taken, level) {
            (false, _) => tx.review_not_taken.to_string(),
            (true, Some(l)) => format!("{} ({})", l.code(), messages::subject_level_name(l)),
            (true, None) => "—".to_string(),
        };
        let score = if s.scored {
            cell.and_then(|c| c.score).map(|n| n.to_string()).unwrap_or_default()
        } else {
            String::new()
        };
        let comment = cell.and_then(|c| c.comment.clone()).unwrap_or_default();
        html! {
            <tr key={s.code.clone()} data-subject={s.code.clone()}>
                <th scope="row">{ messages::subject_name(&s.code, &s.name).to_string() }</th>
                <td data-field="level">{ level_text }</td>
                <td data-field="score" class="num">{ score }</td>
                <td data-field="comment">{ comment }</td>
            </tr>
        }
    });
    html! {
        <section class="review-part">
            <h3>{ tx.review_table_subjects }</h3>
            <div class="table-frame" role="region" aria-label={tx.review_table_subjects} tabindex="0">
                <table class="review-table">
                    <thead><tr>
                        <th scope="col">{ tx.review_col_subject }</th>
                        <th scope="col">{ tx.review_col_level }</th>
                        <th scope="col">{ tx.review_col_score }</th>
                        <th scope="col">{ tx.review_col_comment }</th>
                    </tr></thead>
                    <tbody>{ for rows }</tbody>
                </table>
            </div>
        </section>
    }
}

/// The qualities (or competences) of the given kinds, a sub-heading row per kind when there
/// are several.
fn qualities_table(
    title: &'static str,
    column: &'static str,
    view: &GridView,
    row: &GridRow,
    kinds: &[QualityKind],
) -> Html {
    let tx = t();
    let line = |q: &QualityColumn| {
        let cell = row.qualities.get(&q.code);
        let level = cell
            .and_then(|c| c.level)
            .map_or_else(|| "—".to_string(), |l| format!("{} ({})", l.code(), messages::quality_level_name(l)));
        let comment = cell.and_then(|c| c.comment.clone()).unwrap_or_default();
        html! {
            <tr key={q.code.clone()} data-quality={q.code.clone()}>
                <th scope="row">{ messages::quality_name(&q.code, &q.name).to_string() }</th>
                <td data-field="level">{ level }</td>
                <td data-field="comment">{ comment }</td>
            </tr>
        }
    };
    let groups = kinds.iter().map(|kind| {
        let lines: Vec<Html> = view.qualities.iter().filter(|q| q.kind == *kind).map(line).collect();
        html! {
            <>
                if kinds.len() > 1 && !lines.is_empty() {
                    <tr class="group"><th scope="rowgroup" colspan="3">{ messages::quality_kind_name(*kind) }</th></tr>
                }
                { for lines }
            </>
        }
    });
    html! {
        <section class="review-part">
            <h3>{ title }</h3>
            <div class="table-frame" role="region" aria-label={title} tabindex="0">
                <table class="review-table">
                    <thead><tr>
                        <th scope="col">{ column }</th>
                        <th scope="col">{ tx.review_col_level }</th>
                        <th scope="col">{ tx.review_col_comment }</th>
                    </tr></thead>
                    <tbody>{ for groups }</tbody>
                </table>
            </div>
        </section>
    }
}

fn result_part(row: &GridRow) -> Html {
    let tx = t();
    let result = row.evaluation.as_ref().and_then(|e| e.result);
    let explanation =
        messages::server_or_local(row.explanation.clone(), || row.evaluation.as_ref().map(messages::explain));
    html! {
        <section class="review-part review-result">
            <h3>{ tx.review_result_title }</h3>
            <p class="value" data-field="result" data-result={result.map(|r| r.code())}>
                { result.map(messages::result_name).unwrap_or(tx.result_pending) }
            </p>
            if let Some(text) = explanation {
                <p class="explain">{ text }</p>
            }
        </section>
    }
}
