//! A download that first fetches the file: a refusal (409/422 with the server's Vietnamese
//! message, e.g. a year not approved yet or a signer without a certificate) shows next to the
//! button instead of saving a broken file.

use crate::i18n::t;
use crate::services::api;
use crate::services::save_file::save_bytes;
use yew::platform::spawn_local;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct DownloadButtonProps {
    /// The API path of the file.
    pub url: AttrValue,
    pub label: AttrValue,
    /// The file name when the server gives none.
    pub file_name: AttrValue,
    /// `data-testid` of the button.
    #[prop_or_default]
    pub testid: Option<AttrValue>,
    /// A large primary button (the hand-over học bạ) rather than a plain one.
    #[prop_or_default]
    pub primary: bool,
}

#[component]
pub fn DownloadButton(props: &DownloadButtonProps) -> Html {
    let tx = t();
    let busy = use_state(|| false);
    let error = use_state(|| None::<String>);
    let onclick = {
        let (busy, error) = (busy.clone(), error.clone());
        let (url, fallback) = (props.url.to_string(), props.file_name.to_string());
        Callback::from(move |_: MouseEvent| {
            busy.set(true);
            error.set(None);
            let (busy, error, url, fallback) = (busy.clone(), error.clone(), url.clone(), fallback.clone());
            spawn_local(async move {
                match api::download(&url).await {
                    Ok(file) => {
                        let name = file.file_name.unwrap_or(fallback);
                        if !save_bytes(&file.bytes, &file.content_type, &name) {
                            error.set(Some(t().download_failed.to_string()));
                        }
                    }
                    Err(err) => error.set(Some(err.message())),
                }
                busy.set(false);
            });
        })
    };
    let class = if props.primary { classes!("button", "primary", "big") } else { classes!("button", "secondary") };
    html! {
        <span class="download-button">
            <button type="button" {class} {onclick} disabled={*busy} data-testid={props.testid.clone()}
                data-url={props.url.clone()} aria-busy={busy.then_some("true")}>
                { if *busy { AttrValue::from(tx.downloading) } else { props.label.clone() } }
            </button>
            if let Some(message) = &*error {
                <span class="field-error download-error" role="alert">{ message.clone() }</span>
            }
        </span>
    }
}
