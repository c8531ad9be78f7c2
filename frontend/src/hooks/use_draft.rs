//! The value a form is editing. Each input changes one field through a plain function
//! (`draft.text(|p, v| p.full_name = v)`), applied to the latest value by a reducer, so quick
//! typing in several fields never loses an edit to a stale copy.

use std::rc::Rc;
use yew::prelude::*;

pub enum DraftAction<T> {
    Text(fn(&mut T, String), String),
    Flag(fn(&mut T, bool), bool),
    Replace(T),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Draft<T>(pub T);

impl<T: Clone> Reducible for Draft<T> {
    type Action = DraftAction<T>;

    fn reduce(self: Rc<Self>, action: Self::Action) -> Rc<Self> {
        let mut value = self.0.clone();
        match action {
            DraftAction::Text(apply, text) => apply(&mut value, text),
            DraftAction::Flag(apply, on) => apply(&mut value, on),
            DraftAction::Replace(new) => value = new,
        }
        Rc::new(Draft(value))
    }
}

#[derive(Clone)]
pub struct DraftHandle<T: Clone + 'static> {
    state: UseReducerHandle<Draft<T>>,
}

impl<T: Clone + 'static> DraftHandle<T> {
    pub fn value(&self) -> &T {
        &self.state.0
    }

    /// A callback for a text input or select that stores its value with `apply`.
    pub fn text(&self, apply: fn(&mut T, String)) -> Callback<String> {
        let dispatcher = self.state.dispatcher();
        Callback::from(move |v: String| dispatcher.dispatch(DraftAction::Text(apply, v)))
    }

    /// A callback for a checkbox.
    pub fn flag(&self, apply: fn(&mut T, bool)) -> Callback<bool> {
        let dispatcher = self.state.dispatcher();
        Callback::from(move |on: bool| dispatcher.dispatch(DraftAction::Flag(apply, on)))
    }

    pub fn replace(&self, value: T) {
        self.state.dispatch(DraftAction::Replace(value));
    }
}

#[hook]
pub fn use_draft<T, F>(init: F) -> DraftHandle<T>
where
    T: Clone + 'static,
    F: FnOnce() -> T,
{
    let state = use_reducer(move || Draft(init()));
    DraftHandle { state }
}

/// `None` for an empty text, as optional API fields want.
pub fn opt(text: String) -> Option<String> {
    (!text.trim().is_empty()).then_some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_apply_to_the_latest_value() {
        let d = Rc::new(Draft((String::new(), false)));
        let d = d.reduce(DraftAction::Text(|v, s| v.0 = s, "An".into()));
        let d = d.reduce(DraftAction::Flag(|v, on| v.1 = on, true));
        assert_eq!(d.0, ("An".to_string(), true));
        let d = d.reduce(DraftAction::Replace((String::from("x"), false)));
        assert_eq!(d.0, ("x".to_string(), false));
        assert_eq!(opt("  ".into()), None);
        assert_eq!(opt("a".into()), Some("a".into()));
    }
}
