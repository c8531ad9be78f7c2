//! A small IndexedDB store of JSON texts on the teacher's device: the grids last seen
//! ([`VIEWS`], keyed by user, class and period) and the writes waiting to be sent ([`OPS`],
//! keyed by an increasing number, so they come back in the order they were made).

use std::cell::RefCell;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbObjectStore, IdbRequest, IdbTransaction, IdbTransactionMode};

const NAME: &str = "hocba";
const VERSION: u32 = 1;
pub const OPS: &str = "ops";
pub const VIEWS: &str = "views";

thread_local! {
    static DB: RefCell<Option<IdbDatabase>> = const { RefCell::new(None) };
}

fn error(what: &str) -> JsValue {
    JsValue::from_str(what)
}

/// Resolves with the request's result once it succeeds.
async fn wait(req: &IdbRequest) -> Result<JsValue, JsValue> {
    let promise = js_sys::Promise::new(&mut |resolve: js_sys::Function, reject: js_sys::Function| {
        let (ok, failed) = (req.clone(), req.clone());
        let on_ok = Closure::once_into_js(move || {
            let _ = resolve.call1(&JsValue::NULL, &ok.result().unwrap_or(JsValue::UNDEFINED));
        });
        let on_error = Closure::once_into_js(move || {
            let err = failed.error().ok().flatten().map(JsValue::from).unwrap_or_else(|| error("indexeddb request"));
            let _ = reject.call1(&JsValue::NULL, &err);
        });
        req.set_onsuccess(Some(on_ok.unchecked_ref()));
        req.set_onerror(Some(on_error.unchecked_ref()));
    });
    JsFuture::from(promise).await
}

/// Resolves once a write transaction is committed (the data survives a reload).
async fn committed(tx: &IdbTransaction) -> Result<(), JsValue> {
    let promise = js_sys::Promise::new(&mut |resolve: js_sys::Function, reject: js_sys::Function| {
        let on_ok = Closure::once_into_js(move || {
            let _ = resolve.call0(&JsValue::NULL);
        });
        let (on_error, on_abort) = (reject.clone(), reject);
        let on_error = Closure::once_into_js(move || {
            let _ = on_error.call1(&JsValue::NULL, &error("indexeddb transaction failed"));
        });
        let on_abort = Closure::once_into_js(move || {
            let _ = on_abort.call1(&JsValue::NULL, &error("indexeddb transaction aborted"));
        });
        tx.set_oncomplete(Some(on_ok.unchecked_ref()));
        tx.set_onerror(Some(on_error.unchecked_ref()));
        tx.set_onabort(Some(on_abort.unchecked_ref()));
    });
    JsFuture::from(promise).await.map(|_| ())
}

/// The database, opened (and its stores created) on first use.
async fn database() -> Result<IdbDatabase, JsValue> {
    if let Some(db) = DB.with(|d| d.borrow().clone()) {
        return Ok(db);
    }
    let factory = web_sys::window().ok_or_else(|| error("no window"))?.indexed_db()?.ok_or_else(|| error("no idb"))?;
    let req = factory.open_with_u32(NAME, VERSION)?;
    let opened = req.clone();
    let upgrade = Closure::once_into_js(move || {
        let Ok(db) = opened.result().and_then(|v| v.dyn_into::<IdbDatabase>()) else { return };
        let names = db.object_store_names();
        for name in [OPS, VIEWS] {
            if !names.contains(name) {
                let _ = db.create_object_store(name);
            }
        }
    });
    req.set_onupgradeneeded(Some(upgrade.unchecked_ref()));
    let db: IdbDatabase = wait(&req).await?.dyn_into()?;
    DB.with(|d| *d.borrow_mut() = Some(db.clone()));
    Ok(db)
}

async fn store(name: &str, mode: IdbTransactionMode) -> Result<(IdbTransaction, IdbObjectStore), JsValue> {
    let tx = database().await?.transaction_with_str_and_mode(name, mode)?;
    let store = tx.object_store(name)?;
    Ok((tx, store))
}

/// Stores `value` under `key`; answers once the write is committed.
pub async fn put(name: &str, key: &JsValue, value: &str) -> Result<(), JsValue> {
    let (tx, store) = store(name, IdbTransactionMode::Readwrite).await?;
    wait(&store.put_with_key(&JsValue::from_str(value), key)?).await?;
    committed(&tx).await
}

/// Deletes `deletes` and stores `puts` in one transaction: all of it happens, or none.
pub async fn apply(name: &str, deletes: &[JsValue], puts: &[(JsValue, String)]) -> Result<(), JsValue> {
    let (tx, store) = store(name, IdbTransactionMode::Readwrite).await?;
    for key in deletes {
        store.delete(key)?;
    }
    for (key, value) in puts {
        store.put_with_key(&JsValue::from_str(value), key)?;
    }
    committed(&tx).await
}

pub async fn get(name: &str, key: &JsValue) -> Result<Option<String>, JsValue> {
    let (_, store) = store(name, IdbTransactionMode::Readonly).await?;
    Ok(wait(&store.get(key)?).await?.as_string())
}

/// Every entry of a store, in key order.
pub async fn entries(name: &str) -> Result<Vec<(JsValue, String)>, JsValue> {
    let (_, store) = store(name, IdbTransactionMode::Readonly).await?;
    let keys: js_sys::Array = wait(&store.get_all_keys()?).await?.dyn_into()?;
    let values: js_sys::Array = wait(&store.get_all()?).await?.dyn_into()?;
    Ok(keys.iter().zip(values.iter()).filter_map(|(k, v)| v.as_string().map(|v| (k, v))).collect())
}

pub async fn clear(name: &str) -> Result<(), JsValue> {
    let (tx, store) = store(name, IdbTransactionMode::Readwrite).await?;
    wait(&store.clear()?).await?;
    committed(&tx).await
}
