//! `/quan-tri/hoc-sinh/{id}`: one pupil — the profile form, parents (linked accounts and a
//! printed invitation code), the years studied at another school (imported from its signed
//! record), transfer to another school and the transfers so far.

use super::breadcrumb::Breadcrumb;
use super::guardians::Guardians;
use super::imported_years::ImportedYears;
use super::invite_slip::InviteSection;
use super::labels::{status_code, status_text};
use super::optional_subjects::OptionalSubjects;
use super::pupil_form::{PupilForm, PUPIL_FIELDS};
use super::transfers::{TransferOutForm, TransfersHistory};
use crate::app::Route;
use crate::components::{ErrorNotice, FieldErrors, LoadingNotice};
use crate::hooks::{use_load, Loadable};
use crate::i18n::t;
use crate::services::api;
use hocba_core::api::admin::{PupilInput, PupilProfile, PupilStatus};
use yew::platform::spawn_local;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PupilProfilePageProps {
    pub pupil_id: String,
}

#[component]
pub fn PupilProfilePage(props: &PupilProfilePageProps) -> Html {
    let tx = t();
    let (profile, reload) = use_load(props.pupil_id.clone(), |id: String| async move { api::pupil(&id).await });
    // Every change answers with the whole profile: show it.
    let on_change = {
        let profile = profile.clone();
        Callback::from(move |p: PupilProfile| profile.set(Loadable::Ready(p)))
    };
    let body = match &*profile {
        Loadable::Loading => html! { <LoadingNotice /> },
        Loadable::Failed(err) => html! { <ErrorNotice message={err.message()} on_retry={reload.clone()} /> },
        Loadable::Ready(p) => html! { <Profile key={p.id.clone()} profile={p.clone()} {on_change} /> },
    };
    html! {
        <section class="admin narrow-wide">
            <Breadcrumb via={vec![(Route::AdminPupils, AttrValue::from(tx.admin_pupils_title))]} />
            { body }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct ProfileProps {
    profile: PupilProfile,
    on_change: Callback<PupilProfile>,
}

#[component]
fn Profile(props: &ProfileProps) -> Html {
    let tx = t();
    let p = &props.profile;
    let errors = use_state(FieldErrors::default);
    let saved = use_state(|| false);
    let busy = use_state(|| false);
    // The form starts again from the saved profile after each save.
    let generation = use_state(|| 0u32);

    let on_submit = {
        let (errors, saved, busy, generation) = (errors.clone(), saved.clone(), busy.clone(), generation.clone());
        let (id, on_change) = (p.id.clone(), props.on_change.clone());
        Callback::from(move |input: PupilInput| {
            let (errors, saved, busy, generation, id, on_change) =
                (errors.clone(), saved.clone(), busy.clone(), generation.clone(), id.clone(), on_change.clone());
            busy.set(true);
            saved.set(false);
            errors.set(FieldErrors::default());
            spawn_local(async move {
                match api::update_pupil(&id, &input).await {
                    Ok(profile) => {
                        saved.set(true);
                        generation.set(generation.wrapping_add(1));
                        on_change.emit(profile);
                    }
                    Err(err) => errors.set(FieldErrors::from_api(&err, &PUPIL_FIELDS)),
                }
                busy.set(false);
            });
        })
    };

    let frozen = p.status == PupilStatus::TransferredOut;
    let can_leave = matches!(p.status, PupilStatus::Studying | PupilStatus::NotEnrolled);
    // An import answers with all the imported years: they replace the profile's.
    let on_imported = {
        let (profile, on_change) = (p.clone(), props.on_change.clone());
        Callback::from(move |imported_years| on_change.emit(PupilProfile { imported_years, ..profile.clone() }))
    };
    html! {
        <article class="pupil-profile" data-pupil={p.id.clone()} data-status={status_code(p.status)}>
            <h1>{ p.data.full_name.clone() }</h1>
            <p class="pupil-facts">
                <span class={classes!("badge", format!("status-{}", status_code(p.status)))}>{ status_text(p.status) }</span>
                if let Some(class) = &p.class_name {
                    { " " }<span>{ tx.col_class }{ " " }{ class.clone() }</span>
                }
            </p>
            if frozen {
                <p class="banner locked" data-banner="frozen">{ tx.pupil_frozen }</p>
            }
            <section class="card" aria-labelledby="profile-heading">
                <h2 id="profile-heading">{ tx.pupil_profile }</h2>
                if *saved {
                    <p class="banner ok" role="status">{ tx.saved }</p>
                }
                <PupilForm key={*generation} initial={p.data.clone()} server_errors={(*errors).clone()}
                    busy={*busy} read_only={frozen} submit_label={tx.save} {on_submit} />
            </section>
            if let (Some(class_id), false) = (p.data.class_id.clone(), frozen) {
                <OptionalSubjects {class_id} pupil_id={p.id.clone()} />
            }
            <Guardians pupil_id={p.id.clone()} guardians={p.guardians.clone()} on_change={props.on_change.clone()} />
            if !frozen {
                <InviteSection pupil_id={p.id.clone()} pupil_name={p.data.full_name.clone()}
                    class_name={p.class_name.clone().map(AttrValue::from)}
                    birth_date={p.data.birth_date.clone().map(AttrValue::from)} />
            }
            <ImportedYears pupil_id={p.id.clone()} years={p.imported_years.clone()} can_import={!frozen}
                on_change={on_imported} />
            if can_leave {
                <TransferOutForm pupil_id={p.id.clone()} pupil_name={p.data.full_name.clone()}
                    on_change={props.on_change.clone()} />
            }
            <TransfersHistory transfers={p.transfers.clone()} />
        </article>
    }
}
