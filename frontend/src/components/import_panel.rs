//! Importing a spreadsheet (roster, staff, teaching assignments): choosing a file sends it with
//! `dry_run=true` and shows what would happen — the rows to create, update or leave, or the
//! file's problems cell by cell — and "Nhập dữ liệu" applies it, only when there is no problem.

use crate::i18n::t;
use crate::services::api;
use hocba_core::api::admin::{ImportProblem, ImportReport, ImportRow, RowAction};
use web_sys::HtmlInputElement;
use yew::platform::spawn_local;
use yew::prelude::*;

/// What the file holds; its `code` is the `data-import` attribute of the file input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportKind {
    Roster,
    Staff,
    Assignments,
}

impl ImportKind {
    pub fn code(self) -> &'static str {
        match self {
            ImportKind::Roster => "roster",
            ImportKind::Staff => "staff",
            ImportKind::Assignments => "assignments",
        }
    }

    /// What the file is, for the label ("danh sách học sinh").
    fn noun(self) -> &'static str {
        let tx = t();
        match self {
            ImportKind::Roster => tx.import_roster,
            ImportKind::Staff => tx.import_staff,
            ImportKind::Assignments => tx.import_assignments,
        }
    }

    /// Headers of the preview's key and label columns.
    fn columns(self) -> (&'static str, &'static str) {
        let tx = t();
        match self {
            ImportKind::Roster => (tx.pupil_national_id, tx.full_name),
            ImportKind::Staff => (tx.username, tx.full_name),
            ImportKind::Assignments => (tx.import_assignment_key, tx.teacher),
        }
    }
}

pub fn action_code(action: RowAction) -> &'static str {
    match action {
        RowAction::Create => "create",
        RowAction::Update => "update",
        RowAction::Unchanged => "unchanged",
    }
}

fn action_text(action: RowAction) -> &'static str {
    let tx = t();
    match action {
        RowAction::Create => tx.import_create,
        RowAction::Update => tx.import_update,
        RowAction::Unchanged => tx.import_unchanged,
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Step {
    Idle,
    Checking,
    Preview(ImportReport),
    Applying(ImportReport),
    Applied(ImportReport),
}

#[derive(Properties, PartialEq)]
pub struct ImportPanelProps {
    /// The import endpoint, without `?dry_run`.
    pub upload_url: AttrValue,
    pub kind: ImportKind,
    /// Told after the data was written.
    #[prop_or_default]
    pub on_applied: Callback<ImportReport>,
}

#[component]
pub fn ImportPanel(props: &ImportPanelProps) -> Html {
    let tx = t();
    let step = use_state(|| Step::Idle);
    let file = use_state(|| None::<web_sys::File>);
    let error = use_state(|| None::<String>);
    let input = use_node_ref();
    let code = props.kind.code();
    let input_id = format!("import-{code}");

    let onchange = {
        let (step, file, error, url) = (step.clone(), file.clone(), error.clone(), props.upload_url.clone());
        Callback::from(move |e: Event| {
            let chosen = e.target_unchecked_into::<HtmlInputElement>().files().and_then(|list| list.get(0));
            error.set(None);
            file.set(chosen.clone());
            let Some(chosen) = chosen else {
                step.set(Step::Idle);
                return;
            };
            step.set(Step::Checking);
            let (step, error, url) = (step.clone(), error.clone(), url.clone());
            spawn_local(async move {
                match api::import_file(&url, chosen, true).await {
                    Ok(report) => step.set(Step::Preview(report)),
                    Err(err) => {
                        error.set(Some(err.message()));
                        step.set(Step::Idle);
                    }
                }
            });
        })
    };

    let on_apply = {
        let (step, file, error, url) = (step.clone(), file.clone(), error.clone(), props.upload_url.clone());
        let (input, on_applied) = (input.clone(), props.on_applied.clone());
        Callback::from(move |_: MouseEvent| {
            let (Step::Preview(report), Some(chosen)) = ((*step).clone(), (*file).clone()) else {
                return;
            };
            if !report.problems.is_empty() {
                return;
            }
            step.set(Step::Applying(report.clone()));
            error.set(None);
            let (step, file, error, url, input, on_applied) =
                (step.clone(), file.clone(), error.clone(), url.clone(), input.clone(), on_applied.clone());
            spawn_local(async move {
                match api::import_file(&url, chosen, false).await {
                    Ok(done) if done.applied && done.problems.is_empty() => {
                        // Ready for the next file (choosing the same one again fires `change`).
                        if let Some(el) = input.cast::<HtmlInputElement>() {
                            el.set_value("");
                        }
                        file.set(None);
                        on_applied.emit(done.clone());
                        step.set(Step::Applied(done));
                    }
                    Ok(refused) => step.set(Step::Preview(refused)),
                    Err(err) => {
                        error.set(Some(err.message()));
                        step.set(Step::Preview(report));
                    }
                }
            });
        })
    };

    // Choosing the same file again (after fixing it in Excel) must check it again: a file
    // input fires `change` only for a new value, so forget the old one on each click.
    let onclick = Callback::from(|e: MouseEvent| e.target_unchecked_into::<HtmlInputElement>().set_value(""));
    let busy = matches!(*step, Step::Checking | Step::Applying(_));
    let body = match &*step {
        Step::Idle => Html::default(),
        Step::Checking => html! { <p class="notice" role="status" aria-live="polite">{ tx.import_checking }</p> },
        Step::Preview(report) | Step::Applying(report) | Step::Applied(report) if !report.problems.is_empty() => {
            html! { <Problems problems={report.problems.clone()} /> }
        }
        Step::Preview(report) | Step::Applying(report) => html! {
            <>
                <Preview report={report.clone()} kind={props.kind} />
                <div class="actions">
                    <button type="button" class="button primary" data-action="apply-import"
                        disabled={busy} onclick={on_apply}>
                        { if busy { tx.import_applying } else { tx.import_apply } }
                    </button>
                </div>
            </>
        },
        Step::Applied(report) => html! { <Preview report={report.clone()} kind={props.kind} /> },
    };

    html! {
        <section class="import-panel" data-import-kind={code}>
            <div class="form-field">
                <label for={input_id.clone()}>{ (tx.import_choose)(props.kind.noun()) }</label>
                <input ref={input} id={input_id.clone()} type="file" accept=".xlsx,.csv" data-import={code}
                    disabled={busy} {onchange} {onclick} aria-describedby={format!("{input_id}-hint")} />
                <p class="hint" id={format!("{input_id}-hint")}>{ tx.import_hint }</p>
                if let Some(chosen) = &*file {
                    <p class="muted" data-import-file={chosen.name()}>{ (tx.import_file_name)(&chosen.name()) }</p>
                }
            </div>
            if let Some(message) = (*error).clone() {
                <p class="form-error" role="alert">{ message }</p>
            }
            { body }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct ProblemsProps {
    problems: Vec<ImportProblem>,
}

#[component]
fn Problems(props: &ProblemsProps) -> Html {
    let tx = t();
    let n = props.problems.len();
    let rows = props.problems.iter().map(|p| {
        html! {
            <tr data-problem="" data-row={p.row.to_string()} data-column={p.column.clone()}>
                <td>{ p.sheet.clone() }</td>
                <td class="num">{ p.row }</td>
                <td>{ p.column.clone() }</td>
                <td>{ p.header.clone().unwrap_or_else(|| tx.none.into()) }</td>
                <td>{ p.message.clone() }</td>
            </tr>
        }
    });
    html! {
        <>
            <p class="banner error" data-import-summary="problems" data-problems={n.to_string()} role="alert">
                { (tx.import_problems_summary)(n) }
            </p>
            <div class="table-wrap">
                <table class="data-table problems">
                    <thead>
                        <tr>
                            <th scope="col">{ tx.import_sheet }</th>
                            <th scope="col">{ tx.import_row }</th>
                            <th scope="col">{ tx.import_column }</th>
                            <th scope="col">{ tx.import_header }</th>
                            <th scope="col">{ tx.import_error }</th>
                        </tr>
                    </thead>
                    <tbody>{ for rows }</tbody>
                </table>
            </div>
        </>
    }
}

#[derive(Properties, PartialEq)]
struct PreviewProps {
    report: ImportReport,
    kind: ImportKind,
}

#[component]
fn Preview(props: &PreviewProps) -> Html {
    let tx = t();
    let r = &props.report;
    let (key_header, label_header) = props.kind.columns();
    let summary = if r.applied {
        (tx.import_done)(r.created, r.updated, r.unchanged)
    } else {
        (tx.import_preview_summary)(r.total_rows, r.created, r.updated, r.unchanged)
    };
    let rows = r.rows.iter().map(|row: &ImportRow| {
        html! {
            <tr data-import-row="" data-row={row.row.to_string()} data-action={action_code(row.action)}>
                <td class="num">{ row.row }</td>
                <td>{ row.key.clone() }</td>
                <td>{ row.label.clone() }</td>
                <td class={classes!("action", action_code(row.action))}>{ action_text(row.action) }</td>
            </tr>
        }
    });
    html! {
        <>
            <p class={classes!("banner", r.applied.then_some("ok"))} role="status"
                data-import-summary={if r.applied { "applied" } else { "preview" }}
                data-created={r.created.to_string()} data-updated={r.updated.to_string()}
                data-unchanged={r.unchanged.to_string()}>
                { summary }
            </p>
            if !r.rows.is_empty() {
                <div class="table-wrap">
                    <table class="data-table import-rows">
                        <thead>
                            <tr>
                                <th scope="col">{ tx.import_row }</th>
                                <th scope="col">{ key_header }</th>
                                <th scope="col">{ label_header }</th>
                                <th scope="col">{ tx.import_action }</th>
                            </tr>
                        </thead>
                        <tbody>{ for rows }</tbody>
                    </table>
                </div>
            }
        </>
    }
}
