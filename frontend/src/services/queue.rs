//! The offline write queue. Every cell the teacher changes becomes an [`Op`], stored on the
//! device (local storage at once, then IndexedDB) and sent in order, one at a time. When the
//! network is gone the op stays (and survives a reload); the queue retries by itself and when
//! the browser says it is online again. Each op carries its own `Idempotency-Key`, so an op whose answer was lost is
//! applied once when sent again. The grid last loaded is remembered on the device too, so the
//! page opens without a network and shows the waiting values.

use super::api::{self, ApiError};
use super::idb;
use super::pending::{answered_version, remember_answer, Op, Ops};
use hocba_core::api::{GridRow, GridView};
use std::cell::RefCell;
use std::time::Duration;
use wasm_bindgen::{JsCast, JsValue};
use yew::platform::pinned::oneshot;
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
    Answer(Box<Answer>),
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
    /// The user's ops stored on the device have been read (see [`ready`]).
    loaded: bool,
    waiting: Vec<oneshot::Sender<()>>,
    /// Grid pages open now (class, period), with how many listeners each.
    pages: Vec<(String, String)>,
    /// Answers (saved values, refusals, conflicts) that came while their grid was not shown:
    /// applied when it is.
    unclaimed: Vec<Answer>,
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
    let storage = storage();
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
        q.loaded = false;
    });
    hook_online();
    let user = user.to_string();
    spawn_local(async move {
        recover_journal().await;
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
        for waiter in with(|q| {
            q.loaded = true;
            std::mem::take(&mut q.waiting)
        }) {
            let _ = waiter.send(());
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

const JOURNAL: &str = "hocba.journal.";

/// Queues the op (sent after the ops before it) and stores it on the device: at once in local
/// storage (a synchronous write, so a reload a moment later cannot lose it), then in IndexedDB.
pub fn enqueue(op: Op) {
    let key = next_key();
    let Ok(text) = serde_json::to_string(&op) else { return };
    let journal = storage().and_then(|s| s.set_item(&format!("{JOURNAL}{key}"), &text).ok().map(|_| s));
    with(|q| q.ops.push(key, op));
    emit_status();
    kick();
    spawn_local(async move {
        if idb::put(idb::OPS, &JsValue::from_f64(key), &text).await.is_ok() {
            if let Some(s) = journal {
                let _ = s.remove_item(&format!("{JOURNAL}{key}"));
            }
        }
    });
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

/// Ops that reached local storage but not IndexedDB (the page was closed in between) are moved
/// to IndexedDB.
async fn recover_journal() {
    let Some(s) = storage() else { return };
    let keys: Vec<String> = (0..s.length().unwrap_or(0))
        .filter_map(|i| s.key(i).ok().flatten())
        .filter(|k| k.starts_with(JOURNAL))
        .collect();
    for name in keys {
        let (Some(key), Some(text)) = (name[JOURNAL.len()..].parse::<f64>().ok(), s.get_item(&name).ok().flatten())
        else {
            continue;
        };
        if idb::put(idb::OPS, &JsValue::from_f64(key), &text).await.is_ok() {
            let _ = s.remove_item(&name);
        }
    }
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

/// Resolves once the ops stored on the device for the signed-in user have been read (at once
/// when nobody is signed in), so a page loaded offline shows them.
pub async fn ready() {
    let wait = with(|q| {
        if q.loaded || q.user.is_none() {
            return None;
        }
        let (tx, rx) = oneshot::channel();
        q.waiting.push(tx);
        Some(rx)
    });
    if let Some(rx) = wait {
        let _ = rx.await;
    }
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

/// A grid is shown: answers for it are handled there. Dropping the guard closes it.
pub struct PageGuard(String, String);

impl Drop for PageGuard {
    fn drop(&mut self) {
        with(|q| {
            if let Some(i) = q.pages.iter().position(|(c, p)| *c == self.0 && *p == self.1) {
                q.pages.remove(i);
            }
        });
    }
}

pub fn open_page(class_id: &str, period: &str) -> PageGuard {
    with(|q| q.pages.push((class_id.to_string(), period.to_string())));
    PageGuard(class_id.to_string(), period.to_string())
}

/// Answers kept for grids not shown at the time (the oldest are forgotten past this).
const MAX_UNCLAIMED: usize = 500;

/// The answers for this page that came while it was not shown.
pub fn claim(class_id: &str, period: &str) -> Vec<Answer> {
    with(|q| {
        let (mine, rest): (Vec<Answer>, Vec<Answer>) =
            std::mem::take(&mut q.unclaimed).into_iter().partition(|a| a.op.on_page(class_id, period));
        q.unclaimed = rest;
        mine
    })
}

/// Sends the ops in order until none is left, the network fails (retried after a pause that
/// grows to 8 s) or the session has ended.
async fn flush() {
    let device = device();
    let mut pause = 1;
    while let Some((key, op)) = with(|q| q.ops.first().cloned()) {
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
        // The answer is taken in one transaction on the device: the op goes, and the later ops
        // of its cell are re-based on the answer (or dropped with a conflict). A reload in between
        // sends the op again, and its key makes the server answer the same.
        let (deletes, puts) = with(|q| {
            q.offline = false;
            q.ops.remove(key);
            let mut deletes = vec![JsValue::from_f64(key)];
            let mut puts = Vec::new();
            match &outcome {
                Outcome::Saved(row) => {
                    if let Some(version) = answered_version(&op, row) {
                        for (k, later) in q.ops.rebase(&op, version) {
                            puts.push((JsValue::from_f64(k), serde_json::to_string(&later).unwrap_or_default()));
                        }
                    }
                }
                Outcome::Stale(_) => deletes.extend(q.ops.drop_cell(&op).into_iter().map(JsValue::from_f64)),
                Outcome::Refused(_) => {}
            }
            (deletes, puts)
        });
        // The page learns the answer in the same turn as the re-basing above, so an edit typed
        // meanwhile is based on the new version; storing it on the device comes after.
        let (cell_pending, pupil_pending) = with(|q| {
            (
                q.ops.has_cell(&op.class_id, &op.period, &op.pupil, &op.cell()),
                q.ops.has_pupil(&op.class_id, &op.period, &op.pupil),
            )
        });
        let answer = Answer { op, outcome, cell_pending, pupil_pending };
        let seen = with(|q| q.pages.iter().any(|(c, p)| answer.op.on_page(c, p)));
        if !seen {
            with(|q| {
                if q.unclaimed.len() >= MAX_UNCLAIMED {
                    q.unclaimed.remove(0);
                }
                q.unclaimed.push(answer.clone())
            });
        }
        emit(QueueEvent::Answer(Box::new(answer.clone())));
        emit_status();
        let _ = idb::apply(idb::OPS, &deletes, &puts).await;
        if let Outcome::Saved(row) = &answer.outcome {
            remember_saved(&answer.op, row).await;
        }
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
