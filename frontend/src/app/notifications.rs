//! What waits for the signed-in user, on the home page: for a homeroom teacher the records the
//! principal returned with a comment (to the grid), for the principal the records submitted and
//! waiting (to the review card). Nothing shows while loading, on an error or when empty: the
//! page below works without it.

use super::Route;
use crate::hooks::{use_load, Loadable};
use crate::i18n::t;
use crate::services::api;
use hocba_core::api::{Notification, NotificationKind};
use yew::prelude::*;
use yew_router::prelude::*;

/// `data-notification` of an item.
pub fn kind_code(kind: NotificationKind) -> &'static str {
    match kind {
        NotificationKind::Returned => "returned",
        NotificationKind::Submitted => "submitted",
    }
}

/// The id of a class record's card on the review page (the target of a principal's notification).
pub fn review_anchor(class_id: &str, period: &str) -> String {
    format!("review-{class_id}-{period}")
}

#[derive(Properties, PartialEq)]
pub struct NotificationsProps {
    /// Shown on the review page itself: submitted records link to their card there.
    #[prop_or_default]
    pub on_review_page: bool,
}

#[component]
pub fn Notifications(props: &NotificationsProps) -> Html {
    let tx = t();
    let (list, _) = use_load((), |()| api::notifications());
    let Loadable::Ready(list) = &*list else {
        return Html::default();
    };
    if list.is_empty() {
        return Html::default();
    }
    let items = list.iter().map(|n| item(n, props.on_review_page));
    html! {
        <section class="notifications" aria-labelledby="notifications-title" data-testid="notifications">
            <h2 id="notifications-title">{ tx.notifications_title }</h2>
            <ul>{ for items }</ul>
        </section>
    }
}

fn item(n: &Notification, on_review_page: bool) -> Html {
    let period = n.period.code();
    let link = match n.kind {
        NotificationKind::Returned => {
            let to = Route::Grid { class_id: n.class.id.clone(), period: period.into() };
            html! { <Link<Route> {to}>{ n.message.clone() }</Link<Route>> }
        }
        NotificationKind::Submitted if on_review_page => {
            html! { <a href={format!("#{}", review_anchor(&n.class.id, period))}>{ n.message.clone() }</a> }
        }
        NotificationKind::Submitted => html! { <Link<Route> to={Route::Reviews}>{ n.message.clone() }</Link<Route>> },
    };
    html! {
        <li key={format!("{}/{}/{}", kind_code(n.kind), n.class.id, period)} data-notification={kind_code(n.kind)}
            data-class={n.class.id.clone()} data-period={period}>
            { link }
        </li>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_and_anchors() {
        assert_eq!(kind_code(NotificationKind::Returned), "returned");
        assert_eq!(kind_code(NotificationKind::Submitted), "submitted");
        assert_eq!(review_anchor("c1", "cuoi_nam"), "review-c1-cuoi_nam");
    }
}
