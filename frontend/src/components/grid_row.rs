//! One pupil's row of the assessment grid.

use crate::app::grid::model::{cell_text, CellKey, CellValue, Conflict, ConflictEvent, Edit, Field, SaveState};
use crate::components::{ConflictPanel, GridCell};
use crate::i18n::domain as messages;
use crate::i18n::t;
use hocba_core::api::{GridRow, QualityColumn, SubjectColumn};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct GridRowProps {
    pub row: GridRow,
    pub subjects: Rc<Vec<SubjectColumn>>,
    pub qualities: Rc<Vec<QualityColumn>>,
    pub show_comments: bool,
    pub read_only: bool,
    pub save: Option<SaveState>,
    /// Show the year-end result cell (cuối năm only).
    pub year_end: bool,
    /// Server refusals for cells of this row.
    pub errors: Vec<(Field, String)>,
    /// Cells of this row someone else changed meanwhile.
    pub conflicts: Vec<(CellKey, Conflict)>,
    /// (pupil id, edit)
    pub on_commit: Callback<(String, Edit)>,
    /// (pupil id, cell, what the teacher did with its conflict)
    pub on_conflict: Callback<(String, CellKey, ConflictEvent)>,
    /// Opens the pupil's cell history (pupil id).
    pub on_history: Callback<String>,
    /// The network is gone: a row being saved waits on the device.
    #[prop_or_default]
    pub offline: bool,
    /// The principal's comment on this pupil when the record was returned.
    #[prop_or_default]
    pub return_comment: Option<String>,
    /// Cells a refused submit named as still empty.
    #[prop_or_default]
    pub missing: Vec<Field>,
    /// How many cells of the row hold a value they cannot save (typed invalid or refused).
    #[prop_or_default]
    pub invalid: usize,
    /// (pupil id, cell, holds a value it cannot save): counted by the grid.
    #[prop_or_default]
    pub on_validity: Callback<(String, Field, bool)>,
    /// The family's marks at an approved point ("Đã xem", replies), under the name.
    #[prop_or_default]
    pub parent_mark: Option<Html>,
}

#[component]
pub fn GridRowView(props: &GridRowProps) -> Html {
    let tx = t();
    let row = &props.row;
    let pupil_id: AttrValue = row.pupil.id.clone().into();
    let name = row.pupil.full_name.as_str();
    // Cells holding a value they cannot save (typed invalid or refused): counted in the row state.
    let invalid = props.invalid;
    let on_validity = {
        let (cb, id) = (props.on_validity.clone(), row.pupil.id.clone());
        Callback::from(move |(field, bad): (Field, bool)| cb.emit((id.clone(), field, bad)))
    };
    let cell = |field: Field, column: &str, part: &str, taken: bool| {
        let on_commit = {
            let (cb, id) = (props.on_commit.clone(), row.pupil.id.clone());
            Callback::from(move |edit: Edit| cb.emit((id.clone(), edit)))
        };
        let server_error = props.errors.iter().find(|(f, _)| *f == field).map(|(_, m)| AttrValue::from(m.clone()));
        let cell_key = CellKey::of(&field);
        let conflict = props.conflicts.iter().find(|(k, _)| *k == cell_key).map(|(_, c)| c);
        // The panel (or the button that opens it again) sits in the level part of the cell.
        let extra = match conflict {
            Some(conflict) if cell_key.anchor() == field && !props.read_only => {
                conflict_part(props, &cell_key, conflict, column)
            }
            _ => Html::default(),
        };
        let key = field.attr();
        let bank = match &field {
            Field::SubjectComment(code) => {
                let level = row.subjects.get(code).and_then(|c| c.level).map(|l| AttrValue::from(l.code()));
                Some((AttrValue::from(code.clone()), level))
            }
            _ => None,
        };
        let value = cell_text(row, &field);
        let missing = props.missing.contains(&field);
        let label = if taken { (tx.cell_label)(name, column, part) } else { (tx.cell_not_taken)(name, column) };
        html! {
            <GridCell
                key={key}
                pupil_id={pupil_id.clone()}
                {value}
                {label}
                read_only={props.read_only || !taken}
                {server_error}
                conflict={conflict.is_some()}
                {on_commit}
                {bank}
                on_validity={on_validity.clone()}
                {missing}
                {field}
            >
                { extra }
            </GridCell>
        }
    };

    let subject_cells = props.subjects.iter().map(|s| {
        let code = &s.code;
        // An optional subject the pupil does not take: its cells stay empty and read-only.
        let taken = !s.optional || row.takes.contains(code);
        let name = messages::subject_name(code, &s.name);
        html! {
            <>
                { cell(Field::SubjectLevel(code.clone()), name, tx.col_level, taken) }
                if s.scored { { cell(Field::SubjectScore(code.clone()), name, tx.col_score, taken) } }
                if props.show_comments {
                    { cell(Field::SubjectComment(code.clone()), name, tx.col_comment, taken) }
                }
            </>
        }
    });
    let quality_cells = props.qualities.iter().map(|q| {
        cell(Field::QualityLevel(q.code.clone()), messages::quality_name(&q.code, &q.name), tx.col_level, true)
    });

    let save_code = if invalid == 0 { props.save.as_ref().map_or("", SaveState::code) } else { "invalid" };
    let save_text = match &props.save {
        _ if invalid > 0 => (tx.cells_invalid)(invalid),
        None => String::new(),
        Some(SaveState::Saving) if props.offline => tx.save_waiting.to_string(),
        Some(SaveState::Saving) => tx.save_saving.to_string(),
        Some(SaveState::Saved) => tx.save_saved.to_string(),
        Some(SaveState::Failed(m)) => format!("{}: {m}", tx.save_failed),
        Some(SaveState::Conflict) => tx.save_conflict.to_string(),
    };
    let result = row.evaluation.as_ref().and_then(|e| e.result);
    let result_text = result.map(messages::result_name).unwrap_or(tx.result_pending);
    let explanation =
        messages::server_or_local(row.explanation.clone(), || row.evaluation.as_ref().map(messages::explain));

    html! {
        <tr data-pupil={pupil_id.clone()}>
            <th scope="row" class="sticky-col pupil">
                <span class="pupil-name">{ name }</span>
                if let Some(mark) = props.parent_mark.clone() { { mark } }
                if let Some(comment) = props.return_comment.clone() {
                    <p class="return-comment" role="note" data-return-comment={pupil_id.clone()}>
                        <strong>{ tx.return_comment_note }</strong>{ " " }{ comment }
                    </p>
                }
                <button type="button" class="history-button" data-action="history" data-pupil={pupil_id.clone()}
                    aria-label={(tx.history_button_label)(name)} aria-haspopup="dialog"
                    onclick={{
                        let (cb, id) = (props.on_history.clone(), row.pupil.id.clone());
                        Callback::from(move |_: MouseEvent| cb.emit(id.clone()))
                    }}>
                    { tx.history_button }
                </button>
                <span class={classes!("save-state", save_code)} data-pupil={pupil_id.clone()}
                    data-save-state={save_code} role="status" aria-live="polite">
                    { save_text }
                </span>
            </th>
            { for subject_cells }
            { for quality_cells }
            if props.year_end {
            <td class={classes!("result", result.map(|r| r.code().to_lowercase()))}
                data-pupil={pupil_id} data-field="result"
                data-result={result.map(|r| r.code())}
                title={explanation} tabindex="-1">
                <span class="result-name">{ result_text }</span>
            </td>
            }
        </tr>
    }
}

/// The conflict panel of `cell` while open, else the button that opens it again.
fn conflict_part(props: &GridRowProps, cell: &CellKey, conflict: &Conflict, column: &str) -> Html {
    let tx = t();
    let pupil = props.row.pupil.id.clone();
    let on_event = {
        let (cb, pupil, cell) = (props.on_conflict.clone(), pupil.clone(), cell.clone());
        Callback::from(move |event: ConflictEvent| cb.emit((pupil.clone(), cell.clone(), event)))
    };
    if !conflict.open {
        let onclick = Callback::from(move |_: MouseEvent| on_event.emit(ConflictEvent::Open));
        return html! {
            <button type="button" class="conflict-reopen" data-action="show-conflict" data-pupil={pupil}
                data-cell={cell.path()} aria-haspopup="dialog" aria-label={tx.conflict_reopen}
                title={tx.conflict_reopen} {onclick}>
                { tx.conflict_badge }
            </button>
        };
    }
    let scored = match cell {
        CellKey::Subject(code) => props.subjects.iter().any(|s| s.code == *code && s.scored),
        CellKey::Quality(_) => false,
    };
    html! {
        <ConflictPanel
            pupil_id={pupil}
            pupil_name={props.row.pupil.full_name.clone()}
            column={column.to_string()}
            cell={cell.clone()}
            {scored}
            mine={CellValue::of(&props.row, cell)}
            theirs={conflict.current.clone()}
            author={conflict.author.clone().map(AttrValue::from)}
            {on_event}
        />
    }
}
