//! `/duyet`: the principal's list of class records to approve or return.

use super::approve_dialog::ApproveDialog;
use super::reopen::ReopenPanel;
use super::Route;
use crate::components::{ConfirmDialog, ErrorNotice, LoadingNotice, StatusBadge};
use crate::hooks::{use_load, Loadable};
use crate::i18n::domain as messages;
use crate::i18n::t;
use crate::services::api;
use hocba_core::api::{RecordState, RecordStatus, ReviewItem};
use hocba_core::Period;
use std::collections::HashMap;
use std::rc::Rc;
use web_sys::HtmlTextAreaElement;
use yew::platform::spawn_local;
use yew::prelude::*;
use yew_router::prelude::*;

#[component]
pub fn ReviewsPage() -> Html {
    let tx = t();
    let (items, reload) = use_load((), |()| api::reviews());
    let notice = use_state(super::review_class::take_notice);

    let decided = use_reducer(Decisions::default);

    let on_changed = {
        let (decided, notice) = (decided.dispatcher(), notice.clone());
        Callback::from(move |(key, state, text): (String, RecordState, String)| {
            decided.dispatch((key, state));
            notice.set(Some(text));
        })
    };

    let on_notice = {
        let notice = notice.clone();
        Callback::from(move |text: String| notice.set(Some(text)))
    };

    let body = match &*items {
        Loadable::Loading => html! { <LoadingNotice /> },
        Loadable::Failed(err) => {
            html! { <ErrorNotice message={err.message()} on_retry={reload.clone()} /> }
        }
        Loadable::Ready(list) if list.is_empty() => html! { <p>{ tx.no_reviews }</p> },
        Loadable::Ready(list) => {
            let cards = list.iter().map(|item| {
                let key = item_key(item);
                let mut item = item.clone();
                if let Some(state) = decided.0.get(&key) {
                    item.state = state.clone();
                }
                let id = key.clone();
                html! { <ReviewCard {key} {item} {id} on_changed={on_changed.clone()} on_notice={on_notice.clone()} /> }
            });
            html! { <ul class="review-list" data-testid="review-list">{ for cards }</ul> }
        }
    };

    html! {
        <section class="narrow-wide">
            <h1>{ tx.reviews_title }</h1>
            <p class="muted">{ tx.reviews_intro }</p>
            <super::notifications::Notifications on_review_page=true />
            if let Some(text) = (*notice).clone() {
                <p class="banner ok" role="status">{ text }</p>
            }
            { body }
        </section>
    }
}

/// States changed on this page since the list was loaded, by [`item_key`].
#[derive(Default, PartialEq)]
struct Decisions(HashMap<String, RecordState>);

impl Reducible for Decisions {
    type Action = (String, RecordState);

    fn reduce(self: Rc<Self>, (key, state): Self::Action) -> Rc<Self> {
        let mut map = self.0.clone();
        map.insert(key, state);
        Rc::new(Decisions(map))
    }
}

fn item_key(item: &ReviewItem) -> String {
    format!("{}/{}", item.class.id, item.period.code())
}

#[derive(Properties, PartialEq)]
struct ReviewCardProps {
    item: ReviewItem,
    /// [`item_key`] of the item.
    id: String,
    /// (key, new state, confirmation text)
    on_changed: Callback<(String, RecordState, String)>,
    /// A confirmation text (reopening a pupil).
    on_notice: Callback<String>,
}

#[component]
fn ReviewCard(props: &ReviewCardProps) -> Html {
    let tx = t();
    let returning = use_state(|| false);
    let approving = use_state(|| false);
    let confirming_return = use_state(|| false);
    let comment = use_state(String::new);
    let error = use_state(|| None::<String>);
    let busy = use_state(|| false);

    let item = &props.item;
    let (class_id, period) = (item.class.id.clone(), item.period.code().to_string());
    let class_name = item.class.name.clone();

    let on_approve = {
        let (approving, error) = (approving.clone(), error.clone());
        Callback::from(move |_: MouseEvent| {
            error.set(None);
            approving.set(true);
        })
    };
    let on_approve_cancel = {
        let approving = approving.clone();
        Callback::from(move |()| approving.set(false))
    };
    let on_approved = {
        let (approving, on_changed, key, class_name) =
            (approving.clone(), props.on_changed.clone(), props.id.clone(), class_name.clone());
        Callback::from(move |state: RecordState| {
            approving.set(false);
            on_changed.emit((key.clone(), state, (t().approved_ok)(&class_name)));
        })
    };
    let on_open_return = {
        let (returning, error) = (returning.clone(), error.clone());
        Callback::from(move |_: MouseEvent| {
            error.set(None);
            returning.set(true);
        })
    };
    let on_cancel = {
        let (returning, error) = (returning.clone(), error.clone());
        Callback::from(move |_: MouseEvent| {
            error.set(None);
            returning.set(false);
        })
    };
    let on_comment = {
        let comment = comment.clone();
        Callback::from(move |e: InputEvent| comment.set(e.target_unchecked_into::<HtmlTextAreaElement>().value()))
    };
    // The return form checks its comment, then asks before sending.
    let on_ask_return = {
        let (error, comment, confirming) = (error.clone(), comment.clone(), confirming_return.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if comment.trim().is_empty() {
                error.set(Some(t().return_comment_required.into()));
                return;
            }
            error.set(None);
            confirming.set(true);
        })
    };
    let on_return_cancel = {
        let confirming = confirming_return.clone();
        Callback::from(move |()| confirming.set(false))
    };
    let on_send_return = {
        let (busy, error, returning, comment) = (busy.clone(), error.clone(), returning.clone(), comment.clone());
        let (on_changed, key, confirming) = (props.on_changed.clone(), props.id.clone(), confirming_return.clone());
        Callback::from(move |()| {
            let text = comment.trim().to_string();
            if text.is_empty() {
                return;
            }
            let (busy, error, returning, on_changed, confirming) =
                (busy.clone(), error.clone(), returning.clone(), on_changed.clone(), confirming.clone());
            let key = key.clone();
            let (class_id, period, class_name) = (class_id.clone(), period.clone(), class_name.clone());
            busy.set(true);
            error.set(None);
            spawn_local(async move {
                let answer = api::return_record(&class_id, &period, &text).await;
                confirming.set(false);
                busy.set(false);
                match answer {
                    Ok(state) => {
                        returning.set(false);
                        on_changed.emit((key, state, (t().returned_ok)(&class_name)));
                    }
                    Err(err) => error.set(Some(err.message())),
                }
            });
        })
    };

    let can_decide = item.state.status == RecordStatus::Submitted;
    let grid = Route::Grid { class_id: item.class.id.clone(), period: item.period.code().into() };
    let summary = Route::Summary { class_id: item.class.id.clone(), period: item.period.code().into() };
    let year_end = (item.period == Period::CuoiNam).then(|| Route::YearEnd { class_id: item.class.id.clone() });
    let textarea_id = format!("return-{}-{}", item.class.id, item.period.code());
    html! {
        <li class="card review-item" id={super::notifications::review_anchor(&item.class.id, item.period.code())}
            data-class={item.class.id.clone()} data-status={item.state.status.code()}>
            <div class="review-head">
                <h2>{ tx.col_class }{ " " }{ item.class.name.clone() }</h2>
                <div class="review-status">
                    <span class="sr-only">{ tx.col_status }{ ": " }</span>
                    <StatusBadge state={item.state.clone()} />
                </div>
            </div>
            <dl class="facts">
                <div><dt>{ tx.col_period }</dt><dd>{ messages::period_name(item.period) }{ ", " }{ item.class.school_year.clone() }</dd></div>
                <div><dt>{ tx.col_pupil_count }</dt><dd>{ item.pupil_count }</dd></div>
                <div><dt>{ tx.col_teacher }</dt><dd>{ item.homeroom_teacher.clone().unwrap_or_else(|| tx.none.into()) }</dd></div>
            </dl>
            if let Some(message) = (*error).clone() {
                <p class="form-error" role="alert">{ message }</p>
            }
            if *returning {
                <form class="return-form" onsubmit={on_ask_return} novalidate=true>
                    <label for={textarea_id.clone()}>{ tx.return_comment_label }</label>
                    <textarea id={textarea_id} rows="3" required=true aria-required="true" value={(*comment).clone()} oninput={on_comment} />
                    <div class="actions">
                        <button type="submit" class="button danger" disabled={*busy}>{ tx.return_send }</button>
                        <button type="button" class="button secondary" onclick={on_cancel}>{ tx.cancel }</button>
                    </div>
                </form>
            } else {
                <div class="actions">
                    <Link<Route> to={grid} classes="button secondary">{ tx.view_grid }</Link<Route>>
                    <Link<Route> to={summary} classes="button secondary">{ tx.summary_link }</Link<Route>>
                    if let Some(year_end) = year_end {
                        <Link<Route> to={year_end} classes="button secondary">{ tx.year_end_link }</Link<Route>>
                    }
                    if can_decide {
                        <Link<Route> to={Route::ReviewClass { class_id: item.class.id.clone(), period: item.period.code().into() }}
                            classes="button primary">{ tx.review_open }</Link<Route>>
                        <button type="button" class="button primary" data-action="approve"
                            disabled={*busy} onclick={on_approve}>{ tx.approve }</button>
                        <button type="button" class="button danger" data-action="return"
                            disabled={*busy} onclick={on_open_return}>{ tx.return_record }</button>
                    }
                </div>
            }
            if *approving {
                <ApproveDialog class_id={item.class.id.clone()} period={item.period} title={tx.approve_title}
                    question={(tx.approve_question)(&item.class.name, messages::period_name(item.period))}
                    on_done={on_approved} on_cancel={on_approve_cancel} />
            }
            if *confirming_return {
                <ConfirmDialog title={tx.return_confirm_title}
                    message={(tx.return_confirm_question)(&item.class.name, messages::period_name(item.period))}
                    danger=true confirm_label={tx.return_send} busy={*busy}
                    on_cancel={on_return_cancel} on_confirm={on_send_return} />
            }
            if item.state.status == RecordStatus::Approved {
                <ReopenPanel class={item.class.clone()} period={item.period} on_done={props.on_notice.clone()} />
            }
        </li>
    }
}
