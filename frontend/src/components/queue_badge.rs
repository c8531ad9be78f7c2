//! How many changes wait to be sent, and whether the network is gone: always visible in the
//! header, so a teacher on a weak connection knows nothing is lost.

use crate::i18n::t;
use crate::services::queue::{self, QueueEvent, Status};
use yew::prelude::*;

#[component]
pub fn QueueBadge() -> Html {
    let tx = t();
    let status = use_state(queue::status);
    {
        let status = status.clone();
        use_effect_with((), move |_| {
            status.set(queue::status());
            let subscription = queue::subscribe(Callback::from(move |event: QueueEvent| {
                if let QueueEvent::Status(s) = event {
                    status.set(s);
                }
            }));
            move || drop(subscription)
        });
    }
    let Status { pending, offline } = *status;
    let (kind, text) = match (offline, pending) {
        (true, n) => ("offline", (tx.queue_offline)(n)),
        (false, 0) => ("sent", tx.queue_all_sent.to_string()),
        (false, n) => ("sending", (tx.queue_waiting)(n)),
    };
    html! {
        <span class={classes!("queue-badge", kind)} role="status" aria-live="polite"
            data-queue={kind} data-pending={pending.to_string()}>
            { text }
        </span>
    }
}
