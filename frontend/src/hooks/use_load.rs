//! Loading one resource from the API when a component mounts or its key changes.

use crate::services::api::ApiError;
use std::future::Future;
use yew::platform::spawn_local;
use yew::prelude::*;

#[derive(Debug, Clone, PartialEq)]
pub enum Loadable<T> {
    Loading,
    Ready(T),
    Failed(ApiError),
}

/// Runs `load(key)` whenever `key` changes (and when `reload` is emitted); returns the state
/// handle, which callers may also set after a successful change.
#[hook]
pub fn use_load<K, T, F, Fut>(key: K, load: F) -> (UseStateHandle<Loadable<T>>, Callback<()>)
where
    K: PartialEq + Clone + 'static,
    T: 'static,
    F: Fn(K) -> Fut + 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
{
    let state = use_state(|| Loadable::Loading);
    let generation = use_state(|| 0u32);
    // Numbers the loads so that only the latest one's answer is kept (a quick change of
    // filter must not be overwritten by the slower answer to the previous one).
    let latest = use_mut_ref(|| 0u64);
    {
        let (state, latest) = (state.clone(), latest.clone());
        use_effect_with((key, *generation), move |(key, _)| {
            let ticket = {
                let mut n = latest.borrow_mut();
                *n += 1;
                *n
            };
            let fut = load(key.clone());
            spawn_local(async move {
                let result = fut.await;
                if *latest.borrow() == ticket {
                    state.set(match result {
                        Ok(v) => Loadable::Ready(v),
                        Err(e) => Loadable::Failed(e),
                    });
                }
            });
        });
    }
    let reload = {
        let generation = generation.clone();
        Callback::from(move |()| generation.set(generation.wrapping_add(1)))
    };
    (state, reload)
}
