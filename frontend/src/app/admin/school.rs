//! `/quan-tri/truong`: the school's name, code and address lines as the học bạ prints them,
//! and its logo.

use super::breadcrumb::Breadcrumb;
use crate::components::{ErrorNotice, FieldErrors, LoadingNotice, TextField};
use crate::hooks::{use_draft, use_load, Loadable};
use crate::i18n::t;
use crate::services::api;
use hocba_core::api::admin::SchoolProfile;
use web_sys::HtmlInputElement;
use yew::platform::spawn_local;
use yew::prelude::*;

/// Largest logo the server takes.
const MAX_LOGO_BYTES: f64 = 512.0 * 1024.0;

const FIELDS: [&str; 6] = ["name", "code", "commune", "district", "province", "principal_name"];

#[component]
pub fn SchoolPage() -> Html {
    let tx = t();
    let (profile, reload) = use_load((), |()| api::school());
    let body = match &*profile {
        Loadable::Loading => html! { <LoadingNotice /> },
        Loadable::Failed(err) => html! { <ErrorNotice message={err.message()} on_retry={reload.clone()} /> },
        Loadable::Ready(p) => html! {
            <>
                <SchoolForm profile={p.clone()} />
                <LogoForm has_logo={p.has_logo} />
            </>
        },
    };
    html! {
        <section class="narrow-wide admin">
            <Breadcrumb />
            <h1>{ tx.admin_school_title }</h1>
            { body }
        </section>
    }
}

/// Client-side checks: every line but the district is required.
fn problems(p: &SchoolProfile) -> FieldErrors {
    let tx = t();
    let mut out = FieldErrors::default();
    for (field, value, label) in [
        ("name", &p.name, tx.school_name),
        ("code", &p.code, tx.school_code),
        ("commune", &p.commune, tx.school_commune),
        ("province", &p.province, tx.school_province),
        ("principal_name", &p.principal_name, tx.school_principal),
    ] {
        if value.trim().is_empty() {
            out.add(field, (tx.required_field)(label));
        }
    }
    out
}

#[derive(Properties, PartialEq)]
struct SchoolFormProps {
    profile: SchoolProfile,
}

#[component]
fn SchoolForm(props: &SchoolFormProps) -> Html {
    let tx = t();
    let draft = use_draft(|| props.profile.clone());
    let errors = use_state(FieldErrors::default);
    let saved = use_state(|| false);
    let busy = use_state(|| false);

    let onsubmit = {
        let (draft, errors, saved, busy) = (draft.clone(), errors.clone(), saved.clone(), busy.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            saved.set(false);
            let body = draft.value().clone();
            let found = problems(&body);
            if !found.is_empty() {
                errors.set(found);
                return;
            }
            errors.set(FieldErrors::default());
            busy.set(true);
            let (draft, errors, saved, busy) = (draft.clone(), errors.clone(), saved.clone(), busy.clone());
            spawn_local(async move {
                match api::save_school(&body).await {
                    Ok(profile) => {
                        draft.replace(profile);
                        saved.set(true);
                    }
                    Err(err) => errors.set(FieldErrors::from_api(&err, &FIELDS)),
                }
                busy.set(false);
            });
        })
    };

    let p = draft.value();
    let field = |name: &'static str, label: &'static str, value: &str, on_change: Callback<String>| {
        html! {
            <TextField id={format!("school-{name}")} name={name} label={label} value={value.to_string()}
                {on_change} error={errors.get(name)} required={name != "district"}
                hint={(name == "district").then_some(tx.school_district_hint)} />
        }
    };
    html! {
        <form class="card admin-form" {onsubmit} novalidate=true data-form="school">
            if let Some(message) = errors.general() {
                <p class="form-error" role="alert">{ message.to_string() }</p>
            }
            { field("name", tx.school_name, &p.name, draft.text(|p, v| p.name = v)) }
            { field("code", tx.school_code, &p.code, draft.text(|p, v| p.code = v)) }
            { field("commune", tx.school_commune, &p.commune, draft.text(|p, v| p.commune = v)) }
            { field("district", tx.school_district, &p.district, draft.text(|p, v| p.district = v)) }
            { field("province", tx.school_province, &p.province, draft.text(|p, v| p.province = v)) }
            { field("principal_name", tx.school_principal, &p.principal_name, draft.text(|p, v| p.principal_name = v)) }
            if *saved {
                <p class="banner ok" role="status">{ tx.saved }</p>
            }
            <div class="actions">
                <button type="submit" class="button primary" data-action="save-school" disabled={*busy}>
                    { if *busy { tx.saving } else { tx.save } }
                </button>
            </div>
        </form>
    }
}

#[derive(Properties, PartialEq)]
struct LogoFormProps {
    has_logo: bool,
}

#[component]
fn LogoForm(props: &LogoFormProps) -> Html {
    let tx = t();
    let has_logo = use_state(|| props.has_logo);
    // Bumped after an upload so the preview reloads the new image.
    let version = use_state(|| 0u32);
    let error = use_state(|| None::<String>);
    let done = use_state(|| false);
    let busy = use_state(|| false);

    let onchange = {
        let (has_logo, version, error, done, busy) =
            (has_logo.clone(), version.clone(), error.clone(), done.clone(), busy.clone());
        Callback::from(move |e: Event| {
            let input = e.target_unchecked_into::<HtmlInputElement>();
            let Some(file) = input.files().and_then(|list| list.get(0)) else {
                return;
            };
            done.set(false);
            if !matches!(file.type_().as_str(), "image/png" | "image/jpeg") {
                error.set(Some(tx.logo_wrong_type.into()));
                return;
            }
            if file.size() > MAX_LOGO_BYTES {
                error.set(Some(tx.logo_too_big.into()));
                return;
            }
            error.set(None);
            busy.set(true);
            let (has_logo, version, error, done, busy) =
                (has_logo.clone(), version.clone(), error.clone(), done.clone(), busy.clone());
            spawn_local(async move {
                match api::upload_logo(file).await {
                    Ok(profile) => {
                        has_logo.set(profile.has_logo);
                        version.set(version.wrapping_add(1));
                        done.set(true);
                    }
                    Err(err) => error.set(Some(err.message())),
                }
                input.set_value("");
                busy.set(false);
            });
        })
    };

    html! {
        <section class="card logo-form" data-form="logo">
            <h2>{ tx.logo_title }</h2>
            if *has_logo {
                <img class="logo-preview" src={format!("{}?v={}", api::SCHOOL_LOGO_URL, *version)}
                    alt={tx.logo_alt} data-logo="" />
            } else {
                <p class="muted">{ tx.logo_none }</p>
            }
            <div class="form-field">
                <label for="school-logo">{ tx.logo_choose }</label>
                <input id="school-logo" type="file" accept="image/png,image/jpeg" disabled={*busy} {onchange}
                    aria-describedby="school-logo-hint" />
                <p class="hint" id="school-logo-hint">{ tx.logo_hint }</p>
            </div>
            if *busy {
                <p class="notice" role="status">{ tx.uploading }</p>
            }
            if let Some(message) = (*error).clone() {
                <p class="form-error" role="alert">{ message }</p>
            }
            if *done {
                <p class="banner ok" role="status">{ tx.logo_saved }</p>
            }
        </section>
    }
}
