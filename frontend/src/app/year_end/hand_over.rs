//! The principal's hand-over of a whole class in one batch: a confirm dialog, then the server
//! issues and signs the hand-over học bạ of every pupil in the background while this panel polls
//! its progress every second; once finished, the ZIP can be downloaded and the pupils that could
//! not be issued are listed with the reason.

use crate::components::{ConfirmDialog, DownloadButton};
use crate::i18n::t;
use crate::services::api::{self, ApiError};
use hocba_core::api::documents::BatchProgress;
use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;
use yew::platform::spawn_local;
use yew::platform::time::sleep;
use yew::prelude::*;

/// How often the progress is asked for.
const POLL_EVERY: Duration = Duration::from_secs(1);

/// The batch to keep polling: one shown and not finished yet.
pub fn to_poll(batch: Option<&BatchProgress>) -> Option<String> {
    batch.filter(|b| !b.finished).map(|b| b.id.clone())
}

/// What a failed poll means: `true` to keep polling (the network dropped for a moment), `false`
/// to stop (the batch is gone or no longer ours).
pub fn keep_polling_after(err: &ApiError) -> bool {
    matches!(err, ApiError::Network | ApiError::Other { .. })
}

#[derive(Properties, PartialEq)]
pub struct HandOverBatchProps {
    pub class_id: AttrValue,
    pub class_name: AttrValue,
}

#[component]
pub fn HandOverBatch(props: &HandOverBatchProps) -> Html {
    let tx = t();
    let batch = use_state(|| None::<BatchProgress>);
    let asking = use_state(|| false);
    let busy = use_state(|| false);
    let error = use_state(|| None::<String>);

    // A batch started earlier (from this page, another device or `hocba batch`) is shown again.
    {
        let batch = batch.clone();
        use_effect_with(props.class_id.clone(), move |class_id| {
            let class_id = class_id.to_string();
            spawn_local(async move {
                if let Ok(Some(latest)) = api::latest_hand_over_batch(&class_id).await {
                    batch.set(Some(latest));
                }
            });
        });
    }

    // Polls while a batch runs; the flag stops the loop when the batch changes or the panel goes.
    {
        let (batch, error) = (batch.clone(), error.clone());
        use_effect_with(to_poll(batch.as_ref()), move |running| {
            let stopped = Rc::new(Cell::new(false));
            if let Some(id) = running.clone() {
                let stopped = stopped.clone();
                spawn_local(async move {
                    loop {
                        sleep(POLL_EVERY).await;
                        if stopped.get() {
                            break;
                        }
                        let answer = api::batch_progress(&id).await;
                        if stopped.get() {
                            break;
                        }
                        match answer {
                            Ok(progress) => {
                                let finished = progress.finished;
                                error.set(None);
                                batch.set(Some(progress));
                                if finished {
                                    break;
                                }
                            }
                            Err(err) => {
                                error.set(Some((t().batch_poll_failed)(&err.message())));
                                if !keep_polling_after(&err) {
                                    break;
                                }
                            }
                        }
                    }
                });
            }
            move || stopped.set(true)
        });
    }

    let on_ask = {
        let (asking, error) = (asking.clone(), error.clone());
        Callback::from(move |_: MouseEvent| {
            error.set(None);
            asking.set(true);
        })
    };
    let on_cancel = {
        let asking = asking.clone();
        Callback::from(move |()| asking.set(false))
    };
    let on_confirm = {
        let (batch, asking, busy, error) = (batch.clone(), asking.clone(), busy.clone(), error.clone());
        let class_id = props.class_id.to_string();
        Callback::from(move |()| {
            let (batch, asking, busy, error) = (batch.clone(), asking.clone(), busy.clone(), error.clone());
            let class_id = class_id.clone();
            busy.set(true);
            error.set(None);
            spawn_local(async move {
                match api::start_hand_over_batch(&class_id).await {
                    Ok(progress) => batch.set(Some(progress)),
                    Err(err) => error.set(Some(err.message())),
                }
                asking.set(false);
                busy.set(false);
            });
        })
    };

    let progress = (*batch).as_ref().map(|b| {
        let failures = b.failures.iter().map(|f| {
            html! { <li data-pupil={f.pupil_name.clone()}><strong>{ f.pupil_name.clone() }</strong>{ ": " }{ f.error.clone() }</li> }
        });
        html! {
            <div class="batch-state" data-batch={b.id.clone()}>
                <div class="batch-progress" data-testid="batch-progress" data-done={b.done.to_string()}
                    data-total={b.total.to_string()} data-finished={b.finished.to_string()}>
                    <progress max={b.total.max(1).to_string()} value={b.done.to_string()}
                        aria-label={tx.batch_progress_label} />
                    <p role="status" aria-live="polite">
                        { (tx.batch_progress)(b.done, b.total) }
                        if b.finished {
                            { ". " }{ tx.batch_finished }
                        }
                    </p>
                </div>
                if b.finished {
                    <DownloadButton url={api::batch_download_url(&b.id)} label={tx.batch_download}
                        file_name={tx.batch_zip_name} testid={AttrValue::from("batch-download")} primary=true />
                }
                if !b.failures.is_empty() {
                    <div class="batch-failures" role="alert">
                        <p>{ (tx.batch_failures)(b.failures.len()) }</p>
                        <ul data-testid="batch-failures">{ for failures }</ul>
                    </div>
                }
            </div>
        }
    });

    html! {
        <section class="card hand-over-batch" aria-labelledby="batch-title" data-class={props.class_id.clone()}>
            <h2 id="batch-title">{ tx.batch_title }</h2>
            <p class="help">{ tx.batch_intro }</p>
            if batch.is_none() {
                <div class="actions">
                    <button type="button" class="button primary" data-testid="batch-start" disabled={*busy}
                        aria-busy={busy.then_some("true")} onclick={on_ask}>
                        { if *busy { tx.batch_starting } else { tx.batch_start } }
                    </button>
                </div>
            }
            if let Some(message) = (*error).clone() {
                <p class="form-error" role="alert" data-testid="batch-error">{ message }</p>
            }
            { progress.unwrap_or_default() }
            if *asking {
                <ConfirmDialog title={tx.batch_title} message={(tx.batch_question)(&props.class_name)}
                    confirm_label={tx.batch_confirm} busy={*busy} {on_cancel} {on_confirm} />
            }
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hocba_core::api::documents::BatchFailure;

    fn batch(done: u32, total: u32, finished: bool) -> BatchProgress {
        BatchProgress { id: "b1".into(), class_id: "c1".into(), done, total, finished, failures: Vec::new() }
    }

    #[test]
    fn polls_only_a_running_batch() {
        assert_eq!(to_poll(None), None);
        assert_eq!(to_poll(Some(&batch(3, 30, false))), Some("b1".into()));
        assert_eq!(to_poll(Some(&batch(30, 30, true))), None);
    }

    #[test]
    fn a_lost_batch_stops_the_polling() {
        assert!(keep_polling_after(&ApiError::Network));
        assert!(keep_polling_after(&ApiError::Other { status: 502, message: None }));
        assert!(!keep_polling_after(&ApiError::NotFound { message: None }));
        assert!(!keep_polling_after(&ApiError::Forbidden { message: None }));
    }

    #[test]
    fn progress_and_failures_read_in_vietnamese() {
        assert_eq!((t().batch_progress)(3, 30), "Đã xong 3/30 học sinh");
        assert_eq!((t().batch_failures)(2), "2 học sinh chưa cấp được học bạ:");
        let progress: BatchProgress = serde_json::from_str(
            r#"{"id":"b1","class_id":"c1","done":2,"total":2,"finished":true,
                "failures":[{"pupil_name":"Lê An","error":"Chưa có năm học nào được duyệt."}]}"#,
        )
        .unwrap_or_else(|_| batch(0, 0, false));
        assert_eq!(
            progress.failures,
            vec![BatchFailure {
                pupil_name: "Lê An".into(), error: "Chưa có năm học nào được duyệt.".into()
            }]
        );
    }
}
