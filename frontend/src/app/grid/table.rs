//! The grid's table: the header rows (subjects, the quality groups) and one row per pupil.

use super::feedback::row_mark;
use super::model::{CellKey, Conflict, ConflictEvent, Edit, Field, GridModel, InvalidCells};
use crate::components::GridRowView;
use crate::i18n::t;
use hocba_core::api::{GridView, QualityColumn};
use hocba_core::catalogue::QualityKind;
use hocba_core::{messages, Period};
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub(super) struct GridTableProps {
    pub(super) model: GridModel,
    pub(super) show_comments: bool,
    pub(super) read_only: bool,
    pub(super) on_commit: Callback<(String, Edit)>,
    pub(super) on_conflict: Callback<(String, CellKey, ConflictEvent)>,
    pub(super) on_history: Callback<String>,
    pub(super) title: AttrValue,
    pub(super) offline: bool,
    /// Rows editable although the record is approved (reopened for correction).
    pub(super) reopened: Vec<String>,
    /// Cells holding a value they cannot save, across the class.
    pub(super) invalid: UseReducerHandle<InvalidCells>,
    /// What the families have seen and replied at an approved point (homeroom teacher, principal).
    #[prop_or_default]
    pub(super) feedback: Option<hocba_core::api::ClassFeedback>,
}

#[component]
pub(super) fn GridTable(props: &GridTableProps) -> Html {
    let tx = t();
    let view: &GridView = &props.model.view;
    let year_end = view.period == Period::CuoiNam;
    let subjects = use_memo(view.subjects.clone(), |s| s.clone());
    let qualities = use_memo(view.qualities.clone(), |q| q.clone());

    let subject_heads = subjects.iter().map(|s| {
        let span = 1 + usize::from(s.scored) + usize::from(props.show_comments);
        html! { <th scope="colgroup" colspan={span.to_string()} class="subject-head">{ s.name.clone() }</th> }
    });
    let subject_parts = subjects.iter().map(|s| {
        html! {
            <>
                <th scope="col" class="part">{ tx.col_level }</th>
                if s.scored { <th scope="col" class="part">{ tx.col_score }</th> }
                if props.show_comments { <th scope="col" class="part">{ tx.col_comment }</th> }
            </>
        }
    });
    let kind_heads = kind_groups(&qualities).into_iter().map(|(kind, n)| {
        html! { <th scope="colgroup" colspan={n.to_string()} class="quality-group">{ kind_text(kind) }</th> }
    });
    let quality_heads = qualities.iter().map(|q| {
        html! { <th scope="col" class="part quality-head" title={q.name.clone()}>{ q.name.clone() }</th> }
    });
    let on_validity = {
        let invalid = props.invalid.dispatcher();
        Callback::from(move |(pupil, field, bad): (String, Field, bool)| invalid.dispatch((pupil, field.attr(), bad)))
    };
    let rows = view.rows.iter().map(|row| {
        let id = &row.pupil.id;
        let errors: Vec<(Field, String)> = props
            .model
            .cell_errors
            .iter()
            .filter(|((p, _), _)| p == id)
            .map(|((_, f), m)| (f.clone(), m.clone()))
            .collect();
        let conflicts: Vec<(CellKey, Conflict)> = props
            .model
            .conflicts
            .iter()
            .filter(|((p, _), _)| p == id)
            .map(|((_, k), c)| (k.clone(), c.clone()))
            .collect();
        html! {
            <GridRowView
                key={id.clone()}
                row={row.clone()}
                subjects={subjects.clone()}
                qualities={qualities.clone()}
                show_comments={props.show_comments}
                read_only={props.read_only && !props.reopened.contains(id)}
                save={props.model.saves.get(id).cloned()}
                {year_end}
                {errors}
                {conflicts}
                on_commit={props.on_commit.clone()}
                on_conflict={props.on_conflict.clone()}
                on_history={props.on_history.clone()}
                offline={props.offline}
                return_comment={view.state.return_comments.iter().find(|c| c.pupil_id == *id).map(|c| c.comment.clone())}
                missing={props.model.missing_of(id)}
                invalid={props.invalid.of_pupil(id)}
                on_validity={on_validity.clone()}
                parent_mark={props.feedback.as_ref().and_then(|f| row_mark(f.of(id)))}
            />
        }
    });

    // The pupil whose row holds the focus: their result is explained under the grid.
    let focused = use_state(|| None::<String>);
    let onfocusin = {
        let focused = focused.clone();
        Callback::from(move |e: FocusEvent| {
            let pupil = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|el| el.closest("tr[data-pupil]").ok().flatten())
                .and_then(|tr| tr.get_attribute("data-pupil"));
            if pupil.is_some() && *focused != pupil {
                focused.set(pupil);
            }
        })
    };
    let explain = year_end.then(|| {
        let row = focused.as_ref().and_then(|id| props.model.row(id));
        let text = row.map(|r| {
            let result = r.evaluation.as_ref().and_then(|e| e.result);
            let explanation = r.explanation.clone().or_else(|| r.evaluation.as_ref().map(messages::explain));
            (r.pupil.full_name.clone(), result.map(messages::result_name).unwrap_or(tx.result_pending), explanation)
        });
        html! {
            <aside class="grid-explain" data-testid="grid-explain" aria-live="polite"
                data-pupil={focused.as_ref().cloned()}>
                if let Some((name, result, explanation)) = text {
                    <strong>{ name }{ ": " }{ result }</strong>
                    if let Some(explanation) = explanation { { " — " }{ explanation } }
                } else {
                    <span class="muted">{ tx.grid_explain_hint }</span>
                }
            </aside>
        }
    });

    html! {
        <>
        <div class="grid-wrap" role="region" aria-label={props.title.clone()} tabindex="0" {onfocusin}>
            <table class={classes!("grid", props.read_only.then_some("read-only"))}
                data-class={view.class.id.clone()} data-period={view.period.code()}>
                <thead>
                    <tr class="head-1">
                        <th scope="col" rowspan="2" class="sticky-col corner">{ tx.col_pupil }</th>
                        { for subject_heads }
                        { for kind_heads }
                        if year_end {
                            <th scope="col" rowspan="2" class="result-head">{ tx.col_result }</th>
                        }
                    </tr>
                    <tr class="head-2">
                        { for subject_parts }
                        { for quality_heads }
                    </tr>
                </thead>
                <tbody>{ for rows }</tbody>
            </table>
        </div>
        { for explain }
        </>
    }
}

fn kind_text(kind: QualityKind) -> &'static str {
    let tx = t();
    match kind {
        QualityKind::PhamChat => tx.kind_pham_chat,
        QualityKind::NangLucChung => tx.kind_nang_luc_chung,
        QualityKind::NangLucDacThu => tx.kind_nang_luc_dac_thu,
    }
}

/// Runs of consecutive columns of the same kind, for the group header.
fn kind_groups(qualities: &[QualityColumn]) -> Vec<(QualityKind, usize)> {
    let mut out: Vec<(QualityKind, usize)> = Vec::new();
    for q in qualities {
        match out.last_mut() {
            Some((kind, n)) if *kind == q.kind => *n += 1,
            _ => out.push((q.kind, 1)),
        }
    }
    out
}
