//! The offline write queue. Every cell the teacher changes becomes an [`Op`], stored in
//! IndexedDB before it is sent, and sent in order, one at a time. When the network is gone the
//! op stays (and survives a reload); the queue retries by itself and when the browser says it is
//! online again. Each op carries its own `Idempotency-Key`, so an op whose answer was lost is
//! applied once when sent again. The grid last loaded is remembered on the device too, so the
//! page opens without a network and shows the waiting values.

use super::api::{self, ApiError};
use super::idb;
use super::pending::{answered_version, remember_answer, Op, Ops};
use hocba_core::api::{GridRow, GridView};
use std::cell::RefCell;
use std::time::Duration;
use wasm_bindgen::{JsCast, JsValue};
use yew::platform::spawn_local;
use yew::Callback;

/// What the teacher is told: how many changes wait, and whether the last try failed for want
/// of a network.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Status {
    pub pending: usize,
    pub offline: bool,
}

/// How the server answered one op.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Saved(GridRow),
    /// The cell changed on the server: its current value (`current` of the 409).
    Stale(Option<serde_json::Value>),
    Refused(ApiError),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    pub op: Op,
    pub outcome: Outcome,
    /// Later ops of the same cell still wait.
    pub cell_pending: bool,
    /// Ops of the same pupil (on the same page) still wait.
    pub pupil_pending: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum QueueEvent {
    Status(Status),
    Answer(Answer),
}

#[derive(Default)]
struct Queue {
    user: Option<String>,
    ops: Ops,
    running: bool,
    offline: bool,
    listeners: Vec<(u32, Callback<QueueEvent>)>,
    next_listener: u32,
    last_key: f64,
    online_hook: bool,
}

thread_local! {
    static QUEUE: RefCell<Queue> = RefCell::new(Queue::default());
}

fn with<T>(f: impl FnOnce(&mut Queue) -> T) -> T {
    QUEUE.with(|q| f(&mut q.borrow_mut()))
}

fn emit(event: QueueEvent) {
    let listeners: Vec<Callback<QueueEvent>> = with(|q| q.listeners.iter().map(|(_, cb)| cb.clone()).collect());
    for cb in listeners {
        cb.emit(event.clone());
    }
}

pub fn status() -> Status {
    with(|q| Status { pending: q.ops.len(), offline: q.offline })
}

fn emit_status() {
    emit(QueueEvent::Status(status()));
}

/// Listens to the queue until dropped.
pub struct Subscription(u32);

impl Drop for Subscription {
    fn drop(&mut self) {
        let id = self.0;
        with(|q| q.listeners.retain(|(i, _)| *i != id));
    }
}

pub fn subscribe(cb: Callback<QueueEvent>) -> Subscription {
    with(|q| {
        q.next_listener += 1;
        q.listeners.push((q.next_listener, cb));
        Subscription(q.next_listener)
    })
}

/// Random hex from the browser's generator (works without HTTPS, unlike `randomUUID`).
fn random_hex(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    if let Some(crypto) = web_sys::window().and_then(|w| w.crypto().ok()) {
        let _ = crypto.get_random_values_with_u8_array(&mut buf);
    }
    if buf.iter().all(|b| *b == 0) {
        for b in &mut buf {
            *b = (js_sys::Math::random() * 256.0) as u8;
        }
    }
    buf.iter().map(|b| format!("{b:02x}")).collect()
}

pub fn new_key() -> String {
    random_hex(16)
}

const DEVICE_KEY: &str = "hocba.device";

/// This browser's id, made once and kept in local storage.
fn device() -> String {
    let storage = web_sys::window().and_then(|w| w.local_storage().ok().flatten());
    if let Some(id) = storage.as_ref().and_then(|s| s.get_item(DEVICE_KEY).ok().flatten()) {
        return id;
    }
    let id = random_hex(12);
    if let Some(s) = storage {
        let _ = s.set_item(DEVICE_KEY, &id);
    }
    id
}

pub fn now_rfc3339() -> String {
    js_sys::Date::new_0().to_iso_string().as_string().unwrap_or_default()
}

/// Starts the queue for the signed-in user: their ops left from earlier visits are loaded and
/// sent. Call again after a login (another user's ops stay on the device, not sent).
pub fn start(user: &str) {
    if with(|q| q.user.as_deref() == Some(user)) {
        return;
    }
    with(|q| {
        q.user = Some(user.to_string());
        q.ops = Ops::default();
    });
    hook_online();
    let user = user.to_string();
    spawn_local(async move {
        if let Ok(entries) = idb::entries(idb::OPS).await {
            let mut ops = Ops::default();
            for (key, text) in entries {
                let (Some(key), Ok(mut op)) = (key.as_f64(), serde_json::from_str::<Op>(&text)) else { continue };
                if op.user == user {
                    op.queued = true;
                    ops.push(key, op);
                }
            }
            with(|q| {
                if q.user.as_deref() == Some(user.as_str()) {
                    // Ops enqueued while loading come after the stored ones.
                    let newer = std::mem::take(&mut q.ops);
                    q.ops = ops;
                    for (k, op) in newer.0 {
                        q.ops.push(k, op);
                    }
                }
            });
        }
        emit_status();
        kick();
    });
}

/// Sends again as soon as the browser says the network is back.
fn hook_online() {
    if with(|q| std::mem::replace(&mut q.online_hook, true)) {
        return;
    }
    let Some(window) = web_sys::window() else { return };
    let on_online = wasm_bindgen::closure::Closure::<dyn Fn()>::new(kick);
    let _ = window.add_event_listener_with_callback("online", on_online.as_ref().unchecked_ref());
    on_online.forget();
}

/// Stops sending for the user who signs out (their ops stay on the device) and forgets the
/// grids remembered on the device.
pub fn stop() {
    with(|q| {
        q.user = None;
        q.ops = Ops::default();
        q.offline = false;
    });
    spawn_local(async {
        let _ = idb::clear(idb::VIEWS).await;
    });
    emit_status();
}

/// Queues the op (sent after the ops before it) and stores it on the device.
pub fn enqueue(op: Op) {
    let key = next_key();
    with(|q| q.ops.push(key, op.clone()));
    emit_status();
    kick();
    spawn_local(async move {
        if let Ok(text) = serde_json::to_string(&op) {
            let _ = idb::put(idb::OPS, &JsValue::from_f64(key), &text).await;
        }
    });
}

/// Increasing keys across page loads: the clock in milliseconds times 1000, plus a counter.
fn next_key() -> f64 {
    let now = js_sys::Date::now() * 1000.0;
    with(|q| {
        let key = if now > q.last_key { now } else { q.last_key + 1.0 };
        q.last_key = key;
        key
    })
}

pub fn pending_for(class_id: &str, period: &str) -> Ops {
    with(|q| Ops(q.ops.0.iter().filter(|(_, op)| op.on_page(class_id, period)).cloned().collect()))
}

pub fn pupil_pending(class_id: &str, period: &str, pupil: &str) -> bool {
    with(|q| q.ops.has_pupil(class_id, period, pupil))
}

fn kick() {
    let start = with(|q| {
        if q.running || q.user.is_none() || q.ops.len() == 0 {
            return false;
        }
        q.running = true;
        true
    });
    if start {
        spawn_local(flush());
    }
}

async fn forget(key: f64) {
    let _ = idb::delete(idb::OPS, &JsValue::from_f64(key)).await;
}

/// Sends the ops in order until none is left, the network fails (retried after a pause that
/// grows to 8 s) or the session has ended.
async fn flush() {
    let device = device();
    let mut pause = 1;
    loop {
        let Some((key, op)) = with(|q| q.ops.first().cloned()) else { break };
        let queued_at = op.queued.then_some(op.made_at.as_str());
        let result =
            api::save_queued(&op.class_id, &op.period, &op.pupil, &op.update, &op.key, &device, queued_at).await;
        let outcome = match result {
            Err(ApiError::Network) => {
                let changed = with(|q| {
                    for (_, o) in &mut q.ops.0 {
                        o.queued = true;
                    }
                    !std::mem::replace(&mut q.offline, true)
                });
                if changed {
                    emit_status();
                }
                yew::platform::time::sleep(Duration::from_secs(pause)).await;
                pause = (pause * 2).min(8);
                continue;
            }
            // The session ended: the page goes to the login, the ops wait for the next login.
            Err(ApiError::Unauthorized { .. }) => break,
            Ok(row) => Outcome::Saved(row),
            Err(ApiError::Stale { current, .. }) => Outcome::Stale(current),
            Err(err) => Outcome::Refused(err),
        };
        pause = 1;
        with(|q| {
            q.offline = false;
            q.ops.remove(key);
        });
        forget(key).await;
        match &outcome {
            Outcome::Saved(row) => {
                if let Some(version) = answered_version(&op, row) {
                    for (k, later) in with(|q| q.ops.rebase(&op, version)) {
                        let text = serde_json::to_string(&later).unwrap_or_default();
                        let _ = idb::put(idb::OPS, &JsValue::from_f64(k), &text).await;
                    }
                }
                remember_saved(&op, row).await;
            }
            Outcome::Stale(_) => {
                for k in with(|q| q.ops.drop_cell(&op)) {
                    forget(k).await;
                }
            }
            Outcome::Refused(_) => {}
        }
        let (cell_pending, pupil_pending) = with(|q| {
            (
                q.ops.has_cell(&op.class_id, &op.period, &op.pupil, &op.cell()),
                q.ops.has_pupil(&op.class_id, &op.period, &op.pupil),
            )
        });
        emit(QueueEvent::Answer(Answer { op, outcome, cell_pending, pupil_pending }));
        emit_status();
    }
    with(|q| q.running = false);
    // An op enqueued while the last answer was being handled.
    if with(|q| !q.offline) {
        kick();
    }
}

fn view_key(user: &str, class_id: &str, period: &str) -> JsValue {
    JsValue::from_str(&format!("{user}|{class_id}|{period}"))
}

/// Keeps the grid as loaded from the server, for opening it without a network.
pub async fn remember_view(user: &str, view: &GridView) {
    if let Ok(text) = serde_json::to_string(view) {
        let _ = idb::put(idb::VIEWS, &view_key(user, &view.class.id, view.period.code()), &text).await;
    }
}

/// The grid last seen on this device, with the ops still waiting shown in it; and the pupils
/// who have such ops.
pub async fn remembered_view(user: &str, class_id: &str, period: &str) -> Option<GridView> {
    let text = idb::get(idb::VIEWS, &view_key(user, class_id, period)).await.ok().flatten()?;
    serde_json::from_str(&text).ok()
}

async fn remember_saved(op: &Op, row: &GridRow) {
    let Some(mut view) = remembered_view(&op.user, &op.class_id, &op.period).await else { return };
    remember_answer(&mut view, op, row);
    remember_view(&op.user, &view).await;
}
