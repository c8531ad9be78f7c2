//! `/lop/{class_id}/{period}`: the teacher's assessment grid (read-only for the principal
//! and once the record is submitted or approved).

mod feedback;
pub mod model;
mod table;

use super::period_tabs::{PeriodTabs, TabsOf};
use super::Route;
use crate::components::{CellHistory, ErrorNotice, LoadingNotice, StatusBadge};
use crate::hooks::{use_keep_typing, use_me};
use crate::i18n::t;
use crate::services::api::{self, ApiError};
use crate::services::pending::Op;
use crate::services::queue::{self, Answer, Outcome, QueueEvent};
use feedback::FeedbackPanel;
use hocba_core::api::{RecordStatus, Role};
use hocba_core::{messages, Period};
use model::{CellKey, CellValue, Choice, ConflictEvent, Edit, Field, GridAction, GridStore, InvalidCells, Outbox};
use std::cell::RefCell;
use std::rc::Rc;
use table::GridTable;
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::platform::spawn_local;
use yew::prelude::*;
use yew_router::prelude::*;

#[derive(Properties, PartialEq)]
pub struct GridPageProps {
    pub class_id: String,
    pub period: String,
}

/// A message above the grid: `true` for errors.
type PageMessage = Option<(bool, String)>;

#[component]
pub fn GridPage(props: &GridPageProps) -> Html {
    let tx = t();
    let me = use_me();
    let store = use_reducer(GridStore::default);
    let load_error = use_state(|| None::<ApiError>);
    let reload = use_state(|| 0u32);
    use_keep_typing();
    // Rows as the teacher has typed them, ahead of the next render (several edits may be
    // committed before the store's snapshot in this closure is refreshed), and the writes in flight.
    let outbox: Rc<RefCell<Outbox>> = use_mut_ref(Outbox::default);
    let show_comments = use_state(|| true);
    let message = use_state(|| PageMessage::None);
    let submitting = use_state(|| false);
    // The pupils a refused submit named, with the cells they still need.
    let gaps = use_state(Vec::<hocba_core::api::PupilGaps>::new);
    // The pupil whose cell history is open.
    let history = use_state(|| None::<String>);
    // Cells holding a value they cannot save, across the class (the header's count).
    let invalid = use_reducer(InvalidCells::default);
    // A cell to take the teacher to once rendered (pupil id, field), e.g. the first empty cell of a
    // refused submit; the counter asks again for the same cell.
    let focus_request = use_state(|| None::<(String, Field, u32)>);
    {
        use_effect_with((*focus_request).clone(), |request| {
            if let Some((pupil, field, _)) = request {
                focus_cell(pupil, field);
            }
        });
    }
    // The network is gone: rows being saved wait on the device.
    let offline = use_state(|| queue::status().offline);
    {
        let offline = offline.clone();
        use_effect_with((), move |_| {
            let subscription = queue::subscribe(Callback::from(move |event: QueueEvent| {
                if let QueueEvent::Status(s) = event {
                    offline.set(s.offline);
                }
            }));
            move || drop(subscription)
        });
    }

    let from_device = use_state(|| false);
    let user = me.as_ref().map(|m| m.id.clone()).unwrap_or_default();
    {
        let (dispatcher, load_error, outbox) = (store.dispatcher(), load_error.clone(), outbox.clone());
        let from_device = from_device.clone();
        let key = (props.class_id.clone(), props.period.clone(), *reload, user.clone());
        use_effect_with(key, move |(class_id, period, _, user)| {
            let (class_id, period, user) = (class_id.clone(), period.clone(), user.clone());
            if Period::from_code(&period).is_some() && !user.is_empty() {
                spawn_local(async move {
                    // The server's grid, remembered for opening it offline; without a network,
                    // the grid last seen on this device.
                    let (mut view, device) = match api::grid(&class_id, &period).await {
                        Ok(view) => {
                            queue::remember_view(&user, &view).await;
                            (view, false)
                        }
                        Err(ApiError::Network) => match queue::remembered_view(&user, &class_id, &period).await {
                            Some(view) => (view, true),
                            None => return load_error.set(Some(ApiError::Network)),
                        },
                        Err(e) => return load_error.set(Some(e)),
                    };
                    queue::ready().await;
                    let waiting = queue::pending_for(&class_id, &period).overlay(&mut view);
                    outbox.borrow_mut().clear();
                    load_error.set(None);
                    from_device.set(device);
                    dispatcher.dispatch(GridAction::Loaded(view));
                    dispatcher.dispatch(GridAction::Waiting(waiting));
                });
            }
        });
    }
    {
        // Answers of the queue for this page.
        let saver = Saver {
            dispatcher: store.dispatcher(),
            outbox: outbox.clone(),
            class_id: props.class_id.clone(),
            period: props.period.clone(),
            user: user.clone(),
            message: message.clone(),
            reload: reload.clone(),
        };
        let loaded = store.model.as_ref().map(|m| (m.view.class.id.clone(), m.view.period));
        use_effect_with((props.class_id.clone(), props.period.clone(), loaded), move |(class_id, period, loaded)| {
            // Once the grid is shown, answers go to it, starting with those that came before.
            let page = loaded.is_some().then(|| queue::open_page(class_id, period));
            if loaded.is_some() {
                for answer in queue::claim(class_id, period) {
                    saver.answered(answer);
                }
            }
            let page_shown = page.is_some();
            let subscription = queue::subscribe(Callback::from(move |event: QueueEvent| {
                if let QueueEvent::Answer(answer) = event {
                    if page_shown && answer.op.on_page(&saver.class_id, &saver.period) {
                        saver.answered(*answer);
                    }
                }
            }));
            move || drop((subscription, page))
        });
    }

    // At an approved point: who of each family has seen it and their replies (the homeroom
    // teacher and the principal may read them; for anyone else the marks stay away).
    let feedback = use_state(|| None::<hocba_core::api::ClassFeedback>);
    {
        let feedback = feedback.clone();
        let approved = store.model.as_ref().is_some_and(|m| m.view.state.status == RecordStatus::Approved);
        let key = (props.class_id.clone(), props.period.clone(), approved, *reload);
        use_effect_with(key, move |(class_id, period, approved, _)| {
            feedback.set(None);
            if *approved {
                let (class_id, period) = (class_id.clone(), period.clone());
                spawn_local(async move {
                    if let Ok(f) = api::class_feedback(&class_id, &period).await {
                        feedback.set(Some(f));
                    }
                });
            }
        });
    }

    let Some(period) = Period::from_code(&props.period) else {
        return html! { <ErrorNotice message={tx.bad_period} /> };
    };
    if let Some(err) = (*load_error).clone() {
        let reload = reload.clone();
        let on_retry = Callback::from(move |()| reload.set(reload.wrapping_add(1)));
        return html! { <ErrorNotice message={err.message()} {on_retry} /> };
    }
    let Some(model) = store.model.as_ref().filter(|m| m.view.class.id == props.class_id) else {
        return html! { <LoadingNotice /> };
    };

    let saver = Saver {
        dispatcher: store.dispatcher(),
        outbox: outbox.clone(),
        class_id: props.class_id.clone(),
        period: props.period.clone(),
        user: user.clone(),
        message: message.clone(),
        reload: reload.clone(),
    };
    let on_commit = {
        let (saver, snapshot) = (saver.clone(), store.clone());
        Callback::from(move |(pupil, edit): (String, Edit)| {
            let shown = snapshot.model.as_ref().and_then(|m| m.row(&pupil));
            let Some(update) = saver.outbox.borrow_mut().edit(&pupil, shown, &edit) else { return };
            saver.dispatcher.dispatch(GridAction::Edit { pupil: pupil.clone(), edit: edit.clone() });
            saver.send(&pupil, &edit.field(), update);
        })
    };
    let on_conflict = {
        let snapshot = store.clone();
        Callback::from(move |(pupil, cell, event): (String, CellKey, ConflictEvent)| {
            let choice = match event {
                ConflictEvent::Open | ConflictEvent::Close => {
                    let open = event == ConflictEvent::Open;
                    saver.dispatcher.dispatch(GridAction::ShowConflict { pupil, cell, open });
                    return;
                }
                ConflictEvent::Choose(choice) => choice,
            };
            let Some(model) = snapshot.model.as_ref() else { return };
            let Some(conflict) = model.conflicts.get(&(pupil.clone(), cell.clone())) else { return };
            let (shown, current) = (model.row(&pupil), conflict.current.clone());
            let write = match choice {
                Choice::Mine => {
                    let Some(update) = saver.outbox.borrow_mut().keep_mine(&pupil, shown, &cell, current.version())
                    else {
                        return;
                    };
                    Some(update)
                }
                Choice::Theirs => {
                    saver.outbox.borrow_mut().take_theirs(&pupil, shown, &cell, &current);
                    None
                }
            };
            if let Some(update) = write {
                saver.send(&pupil, &cell.anchor(), update);
            }
            let busy = queue::pupil_pending(&saver.class_id, &saver.period, &pupil);
            saver.dispatcher.dispatch(GridAction::Resolve { pupil, cell, choice, busy });
        })
    };

    let on_submit = {
        let (dispatcher, message, submitting) = (store.dispatcher(), message.clone(), submitting.clone());
        let (gaps, focus_request) = (gaps.clone(), focus_request.clone());
        let (class_id, period_code) = (props.class_id.clone(), props.period.clone());
        Callback::from(move |_: MouseEvent| {
            let (dispatcher, message, submitting, gaps) =
                (dispatcher.clone(), message.clone(), submitting.clone(), gaps.clone());
            let focus_request = focus_request.clone();
            let (class_id, period_code) = (class_id.clone(), period_code.clone());
            submitting.set(true);
            message.set(None);
            gaps.set(Vec::new());
            spawn_local(async move {
                match api::submit(&class_id, &period_code).await {
                    Ok(state) => {
                        dispatcher.dispatch(GridAction::State(state));
                        message.set(Some((false, t().submitted_ok.into())));
                    }
                    // Each pupil with the cells still empty, listed under the message; the cells
                    // are marked in the grid and the first one takes the focus.
                    Err(api::ApiError::Incomplete { message: text, missing }) => {
                        message.set(Some((true, text)));
                        let first = model::missing_cells(&missing).into_iter().next();
                        dispatcher.dispatch(GridAction::Missing(missing.clone()));
                        gaps.set(missing);
                        if let Some((pupil, field)) = first {
                            let again = focus_request.as_ref().map_or(0, |r| r.2.wrapping_add(1));
                            focus_request.set(Some((pupil, field, again)));
                        }
                    }
                    Err(err) => message.set(Some((true, err.message()))),
                }
                submitting.set(false);
            });
        })
    };

    let on_history = {
        let history = history.clone();
        Callback::from(move |pupil: String| history.set(Some(pupil)))
    };
    let on_toggle_comments = {
        let show_comments = show_comments.clone();
        Callback::from(move |e: Event| show_comments.set(e.target_unchecked_into::<HtmlInputElement>().checked()))
    };

    let view = &model.view;
    let is_teacher = me.as_ref().map(|m| m.role == Role::Teacher).unwrap_or(false);
    let status = view.state.status;
    let read_only = !is_teacher || !status.is_editable();
    // Pupils of an approved record the principal reopened: the teacher corrects just those rows.
    let reopened: Vec<String> =
        if is_teacher && status == RecordStatus::Approved { view.state.reopened_pupils.clone() } else { Vec::new() };
    let reopened_names: Vec<String> =
        reopened.iter().filter_map(|id| model.row(id).map(|r| r.pupil.full_name.clone())).collect();
    let title = (tx.grid_title)(&view.class.name, messages::period_name(period), &view.class.school_year);
    let back = if is_teacher { (Route::Home, tx.my_classes) } else { (Route::Reviews, tx.reviews_title) };
    let banner = match status {
        RecordStatus::Approved => Some(("locked", tx.banner_locked)),
        RecordStatus::Submitted => Some(("submitted", tx.banner_submitted)),
        RecordStatus::Returned if is_teacher => Some(("returned", tx.banner_returned)),
        _ if !is_teacher => Some(("read-only", tx.banner_read_only)),
        _ => None,
    };
    let submit_disabled = matches!(status, RecordStatus::Submitted | RecordStatus::Approved)
        || *submitting
        || model.any_saving()
        || model.has_conflicts();

    html! {
        <section class="grid-page">
            <nav class="breadcrumb"><Link<Route> to={back.0}>{ "← " }{ back.1 }</Link<Route>></nav>
            <PeriodTabs class_id={props.class_id.clone()} current={period} of={TabsOf::Grid} />
            <div class="grid-toolbar">
                <h1>{ title.clone() }</h1>
                <div class="grid-status">
                    <span class="sr-only">{ tx.status_label }{ ": " }</span>
                    <StatusBadge state={view.state.clone()} />
                    <span class="grid-invalid" data-testid="grid-invalid" data-count={invalid.len().to_string()}
                        role="status">
                        if !invalid.is_empty() { { (tx.cells_invalid)(invalid.len()) } }
                    </span>
                </div>
                if is_teacher {
                    <button type="button" class="button primary" data-action="submit"
                        disabled={submit_disabled} onclick={on_submit}>
                        { if *submitting { tx.submitting } else { tx.submit } }
                    </button>
                }
            </div>
            if *from_device {
                <p class="banner offline" role="status" data-banner="offline">{ tx.grid_from_device }</p>
            }
            if !reopened_names.is_empty() {
                <p class="banner submitted" role="status" data-banner="reopened">
                    { (tx.banner_reopened)(&reopened_names.join(", ")) }
                </p>
            }
            if let Some((kind, text)) = banner {
                <p class={classes!("banner", kind)} role="status" data-banner={kind}>{ text }</p>
            }
            if let Some((is_error, text)) = (*message).clone() {
                if is_error {
                    <p class="banner error" role="alert">{ text }</p>
                } else {
                    <p class="banner ok" role="status">{ text }</p>
                }
            }
            if !gaps.is_empty() {
                <ul class="submit-gaps" data-testid="submit-gaps">
                    { for gaps.iter().map(|g| html! {
                        <li key={g.pupil.id.clone()} data-pupil={g.pupil.id.clone()}>
                            <button type="button" class="gap-jump" data-action="goto-gap"
                                data-pupil={g.pupil.id.clone()} onclick={{
                                    let (focus_request, pupil) = (focus_request.clone(), g.pupil.id.clone());
                                    let first = g.cells.iter().find_map(|c| Field::from_gap(c));
                                    Callback::from(move |_: MouseEvent| {
                                        if let Some(field) = first.clone() {
                                            let again = focus_request.as_ref().map_or(0, |r| r.2.wrapping_add(1));
                                            focus_request.set(Some((pupil.clone(), field, again)));
                                        }
                                    })
                                }}>
                                { g.pupil.full_name.clone() }
                            </button>{ ": " }{ g.labels.join(", ") }
                        </li>
                    }) }
                </ul>
            }
            if !read_only {
                <p class="help">{ tx.grid_help }</p>
            }
            <label class="toggle">
                <input type="checkbox" checked={*show_comments} onchange={on_toggle_comments} />
                { " " }{ tx.show_comments }
            </label>
            if let Some(pupil) = (*history).clone() {
                <CellHistory class_id={props.class_id.clone()} period={props.period.clone()}
                    pupil_name={model.row(&pupil).map(|r| r.pupil.full_name.clone()).unwrap_or_default()}
                    pupil_id={pupil} on_close={{
                        let history = history.clone();
                        Callback::from(move |()| history.set(None))
                    }} />
            }
            if view.rows.is_empty() {
                <p>{ tx.no_pupils }</p>
            } else {
                <GridTable model={model.clone()} show_comments={*show_comments} {read_only} {reopened} {on_commit}
                    {on_conflict}
                    {on_history} {title} offline={*offline} invalid={invalid.clone()}
                    feedback={(*feedback).clone().filter(|f| f.period == period)} />
            }
            if let Some(f) = (*feedback).clone().filter(|f| f.period == period && f.class.id == props.class_id) {
                <FeedbackPanel feedback={f} />
            }
        </section>
    }
}

/// Queues the cell writes of the grid and hands the queue's answers to the store.
#[derive(Clone)]
struct Saver {
    dispatcher: UseReducerDispatcher<GridStore>,
    outbox: Rc<RefCell<Outbox>>,
    class_id: String,
    period: String,
    user: String,
    message: UseStateHandle<PageMessage>,
    reload: UseStateHandle<u32>,
}

impl Saver {
    fn send(&self, pupil: &str, field: &Field, update: hocba_core::api::RowUpdate) {
        queue::enqueue(Op {
            key: queue::new_key(),
            user: self.user.clone(),
            class_id: self.class_id.clone(),
            period: self.period.clone(),
            pupil: pupil.to_string(),
            field: field.attr(),
            update,
            made_at: queue::now_rfc3339(),
            queued: false,
        });
    }

    /// Takes the queue's answer to one write of this page.
    fn answered(&self, answer: Answer) {
        let Answer { op, outcome, cell_pending, pupil_pending: busy } = answer;
        let (pupil, field) = (op.pupil.clone(), Field::from_attr(&op.field));
        let Some(field) = field else { return };
        let cell = CellKey::of(&field);
        let err = match outcome {
            Outcome::Saved(row) => {
                self.outbox.borrow_mut().saved(&pupil, &cell, &row, cell_pending);
                self.dispatcher.dispatch(GridAction::Saved { pupil, cell, row, dirty: cell_pending, busy });
                return;
            }
            Outcome::Stale(current) => {
                let parsed = current.as_ref().and_then(|json| Some((CellValue::parse(&cell, json)?, json)));
                if let Some((current, json)) = parsed {
                    let author = model::stale_author(json);
                    self.dispatcher.dispatch(GridAction::Stale { pupil, cell, current, author, busy });
                    return;
                }
                ApiError::Conflict { code: "stale".into(), message: t().err_generic.into() }
            }
            Outcome::Refused(err) => err,
        };
        let text = err.message();
        if let ApiError::Conflict { .. } = err {
            // Locked meanwhile (submitted or approved): show why and reload the state.
            self.message.set(Some((true, text.clone())));
            self.reload.set(self.reload.wrapping_add(1));
        }
        self.dispatcher.dispatch(GridAction::Failed { pupil, field, message: text, busy });
    }
}

/// Focuses the grid cell of `pupil` and `field` (scrolled into view), if it is shown.
fn focus_cell(pupil: &str, field: &Field) {
    let selector = format!(".cell-input[data-pupil=\"{pupil}\"][data-field=\"{}\"]", field.attr());
    let cell = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(&selector).ok().flatten())
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(cell) = cell {
        let _ = cell.focus();
    }
}
