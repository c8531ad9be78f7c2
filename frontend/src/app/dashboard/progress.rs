//! The progress table: every class through the four periodic points, each cell the record's
//! status with what it still lacks, linked to the grid; a submitted record has its "Duyệt"
//! button (asked first), and each periodic point with submitted records a "Duyệt tất cả".

use crate::app::approve_dialog::ApproveDialog;
use crate::app::Route;
use crate::components::status_badge::status_text;
use crate::components::ConfirmDialog;
use crate::i18n::domain as messages;
use crate::i18n::t;
use crate::services::api;
use hocba_core::api::dashboard::{ClassProgress, PeriodProgress};
use hocba_core::api::{ApproveAllPreview, RecordState, RecordStatus};
use hocba_core::Period;
use yew::platform::spawn_local;
use yew::prelude::*;
use yew_router::prelude::*;

/// The periodic points with at least one submitted record, in order.
pub fn periods_with_submitted(classes: &[ClassProgress]) -> Vec<Period> {
    Period::ALL
        .into_iter()
        .filter(|p| {
            classes.iter().any(|c| c.periods.iter().any(|x| x.period == *p && x.status == RecordStatus::Submitted))
        })
        .collect()
}

/// What the principal is asked to confirm.
#[derive(Debug, Clone, PartialEq)]
enum Asking {
    One { class_id: String, class_name: String, period: Period },
    All { preview: ApproveAllPreview },
}

#[derive(Properties, PartialEq)]
pub struct ProgressProps {
    pub classes: Vec<ClassProgress>,
    /// A change was made: the confirmation text (the page reloads its figures).
    pub on_changed: Callback<String>,
    /// The user is a principal (only principals approve; an admin just sees the progress).
    pub can_approve: bool,
}

#[component]
pub fn ProgressTable(props: &ProgressProps) -> Html {
    let tx = t();
    let asking = use_state(|| None::<Asking>);
    let busy = use_state(|| false);
    let error = use_state(|| None::<String>);

    let on_approve_one = {
        let (asking, error) = (asking.clone(), error.clone());
        Callback::from(move |(class_id, class_name, period): (String, String, Period)| {
            error.set(None);
            asking.set(Some(Asking::One { class_id, class_name, period }));
        })
    };
    let on_approve_all = {
        let (asking, error, busy) = (asking.clone(), error.clone(), busy.clone());
        Callback::from(move |period: Period| {
            let (asking, error, busy) = (asking.clone(), error.clone(), busy.clone());
            error.set(None);
            busy.set(true);
            spawn_local(async move {
                match api::approve_all_preview(period.code()).await {
                    Ok(preview) => asking.set(Some(Asking::All { preview })),
                    Err(err) => error.set(Some(err.message())),
                }
                busy.set(false);
            });
        })
    };
    let on_cancel = {
        let asking = asking.clone();
        Callback::from(move |()| asking.set(None))
    };
    let on_confirm = {
        let (asking, error, busy, on_changed) = (asking.clone(), error.clone(), busy.clone(), props.on_changed.clone());
        Callback::from(move |()| {
            let Some(question) = (*asking).clone() else {
                return;
            };
            let (asking, error, busy, on_changed) = (asking.clone(), error.clone(), busy.clone(), on_changed.clone());
            busy.set(true);
            spawn_local(async move {
                let done = match question {
                    // One class is asked and approved by its own dialog (the checklist).
                    Asking::One { .. } => return,
                    Asking::All { preview } => {
                        api::approve_all(preview.period.code()).await.map(|r| (t().approve_all_done)(r.approved.len()))
                    }
                };
                busy.set(false);
                asking.set(None);
                match done {
                    Ok(text) => on_changed.emit(text),
                    Err(err) => error.set(Some(err.message())),
                }
            });
        })
    };

    let on_approved = {
        let (asking, on_changed) = (asking.clone(), props.on_changed.clone());
        Callback::from(move |_: RecordState| {
            if let Some(Asking::One { class_name, .. }) = &*asking {
                on_changed.emit((t().approved_ok)(class_name));
            }
            asking.set(None);
        })
    };
    let dialog = (*asking).clone().map(|question| {
        let (title, message, can) = match &question {
            Asking::One { class_id, class_name, period } => {
                let question = (tx.approve_question)(class_name, messages::period_name(*period));
                return html! {
                    <ApproveDialog class_id={class_id.clone()} period={*period} title={tx.approve_title}
                        {question} on_done={on_approved.clone()} on_cancel={on_cancel.clone()} />
                };
            }
            Asking::All { preview } => {
                let title = (tx.approve_all_title)(messages::period_name(preview.period));
                let message = if preview.classes == 0 {
                    format!("{} {}", preview.message, tx.approve_all_none)
                } else {
                    preview.message.clone()
                };
                (title, message, preview.classes > 0)
            }
        };
        let on_confirm = if can { on_confirm.clone() } else { on_cancel.clone() };
        html! {
            <ConfirmDialog title={title} message={message} confirm_label={tx.approve}
                busy={*busy} on_confirm={on_confirm} on_cancel={on_cancel.clone()} />
        }
    });

    let waiting = if props.can_approve { periods_with_submitted(&props.classes) } else { Vec::new() };
    let approve_all = waiting.into_iter().map(|p| {
        let cb = on_approve_all.clone();
        html! {
            <button type="button" class="button secondary" data-action="approve-all" data-period={p.code()}
                disabled={*busy} onclick={move |_| cb.emit(p)}>
                { (tx.approve_all)(messages::period_name(p)) }
            </button>
        }
    });
    let heads = Period::ALL
        .into_iter()
        .map(|p| html! { <th scope="col" data-period={p.code()}>{ messages::period_name(p) }</th> });
    let rows = props.classes.iter().map(|c| {
        let cells = Period::ALL.into_iter().map(|p| match c.periods.iter().find(|x| x.period == p) {
            Some(x) => cell(c, x, *busy, props.can_approve.then_some(&on_approve_one)),
            None => html! { <td data-period={p.code()}>{ tx.none }</td> },
        });
        html! {
            <tr data-class={c.class.id.clone()} key={c.class.id.clone()}>
                <th scope="row">{ c.class.name.clone() }<span class="muted">{ format!(" ({})", c.pupils) }</span></th>
                { for cells }
            </tr>
        }
    });
    html! {
        <section class="dashboard-progress" aria-labelledby="progress-title">
            <h2 id="progress-title">{ tx.progress_title }</h2>
            <p class="muted">{ tx.progress_hint }</p>
            if let Some(message) = (*error).clone() {
                <p class="form-error" role="alert">{ message }</p>
            }
            <div class="actions approve-all">{ for approve_all }</div>
            <div class="table-wrap" role="region" aria-labelledby="progress-title" tabindex="0">
                <table class="data-table progress-table" data-table="progress">
                    <thead>
                        <tr><th scope="col">{ tx.col_class }</th>{ for heads }</tr>
                    </thead>
                    <tbody>{ for rows }</tbody>
                </table>
            </div>
            { for dialog }
        </section>
    }
}

/// One class at one periodic point.
fn cell(
    c: &ClassProgress,
    x: &PeriodProgress,
    busy: bool,
    on_approve: Option<&Callback<(String, String, Period)>>,
) -> Html {
    let tx = t();
    let name = messages::period_name(x.period);
    let to = Route::Grid { class_id: c.class.id.clone(), period: x.period.code().into() };
    let missing = if x.missing_cells > 0 {
        (tx.missing_counts)(x.missing_pupils, x.missing_cells)
    } else {
        tx.nothing_missing.to_string()
    };
    let approve = on_approve.filter(|_| x.status == RecordStatus::Submitted).map(|cb| {
        let cb = cb.clone();
        let arg = (c.class.id.clone(), c.class.name.clone(), x.period);
        html! {
            <button type="button" class="button primary small" data-action="approve" disabled={busy}
                aria-label={(tx.approve_class)(&c.class.name, name)} onclick={move |_| cb.emit(arg.clone())}>
                { tx.approve }
            </button>
        }
    });
    html! {
        <td data-period={x.period.code()} data-status={x.status.code()}>
            <Link<Route> {to} classes="progress-link">
                <span class={classes!("badge", format!("badge-{}", x.status.code()))}>{ status_text(x.status) }</span>
                <span class="sr-only">{ ", " }{ (tx.class_period)(&c.class.name, name) }</span>
            </Link<Route>>
            <span class="missing muted" data-field="missing">{ missing }</span>
            if x.status == RecordStatus::Submitted {
                <Link<Route> to={Route::ReviewClass { class_id: c.class.id.clone(), period: x.period.code().into() }}
                    classes="button secondary small">
                    { tx.review_open }
                    <span class="sr-only">{ ", " }{ (tx.class_period)(&c.class.name, name) }</span>
                </Link<Route>>
            }
            { for approve }
        </td>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hocba_core::api::ClassRef;

    fn class(statuses: [RecordStatus; 4]) -> ClassProgress {
        ClassProgress {
            class: ClassRef { id: "c".into(), name: "5A".into(), grade: 5, school_year: "2025-2026".into() },
            pupils: 30,
            periods: Period::ALL
                .into_iter()
                .zip(statuses)
                .map(|(period, status)| PeriodProgress { period, status, missing_pupils: 0, missing_cells: 0 })
                .collect(),
        }
    }

    #[test]
    fn approve_all_is_offered_where_records_wait() {
        use RecordStatus::*;
        let classes = vec![class([Approved, Submitted, Draft, Draft]), class([Approved, Draft, Draft, Submitted])];
        assert_eq!(periods_with_submitted(&classes), vec![Period::CuoiHk1, Period::CuoiNam]);
        assert!(periods_with_submitted(&[class([Draft; 4])]).is_empty());
    }
}
