//! A `<dialog>` shown as a modal while its component is shown (closed when it goes), and the two
//! ways of leaving it without acting: Escape (the dialog's `cancel` event) and a "no"/"close"
//! button, both calling `on_cancel`.

use web_sys::HtmlDialogElement;
use yew::prelude::*;

/// The dialog's node, its `oncancel` handler and the handler of its cancel button.
pub struct Modal {
    pub dialog: NodeRef,
    pub oncancel: Callback<Event>,
    pub on_no: Callback<MouseEvent>,
}

#[hook]
pub fn use_modal(on_cancel: Callback<()>) -> Modal {
    let dialog = use_node_ref();
    {
        let dialog = dialog.clone();
        use_effect_with((), move |_| {
            let el = dialog.cast::<HtmlDialogElement>();
            if let Some(el) = &el {
                let _ = el.show_modal();
            }
            move || {
                if let Some(el) = el {
                    el.close();
                }
            }
        });
    }
    let oncancel = {
        let on_cancel = on_cancel.clone();
        Callback::from(move |e: Event| {
            e.prevent_default();
            on_cancel.emit(());
        })
    };
    let on_no = Callback::from(move |_: MouseEvent| on_cancel.emit(()));
    Modal { dialog, oncancel, on_no }
}
