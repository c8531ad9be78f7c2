//! `/quan-tri/len-lop`: the end of the school year. The principal ticks the pupils who must
//! repeat ("Ở lại lớp"), previews the plan (who goes to which class next year, the new
//! classes, the counts) and applies it after a confirmation.

use super::breadcrumb::Breadcrumb;
use super::current_year::{load_current_year, CurrentYear};
use super::labels::status_code;
use crate::app::Route;
use crate::components::table_model::{compare_keys, SortKey};
use crate::components::{ConfirmDialog, ErrorNotice, LoadingNotice};
use crate::hooks::{use_load, Loadable};
use crate::i18n::t;
use crate::services::api::{self, ApiError, PupilQuery};
use hocba_core::api::admin::{ClassAdmin, PupilMove, PupilStatus, PupilSummary, RolloverPlan, RolloverRequest};
use std::collections::BTreeSet;
use yew::platform::spawn_local;
use yew::prelude::*;
use yew_router::prelude::*;

/// Khối 5 completes primary school.
const LAST_GRADE: u8 = 5;

/// The current year, its classes and the pupils studying in them.
#[derive(Debug, Clone, PartialEq)]
struct YearPupils {
    year: CurrentYear,
    pupils: Vec<PupilSummary>,
}

async fn load() -> Result<Option<YearPupils>, ApiError> {
    let Some(year) = load_current_year().await? else {
        return Ok(None);
    };
    let filter = PupilQuery { status: status_code(PupilStatus::Studying).into(), ..PupilQuery::default() };
    let pupils = api::pupils(&filter).await?;
    Ok(Some(YearPupils { year, pupils }))
}

/// The classes in order, each with its pupils by name (given name first, as class lists go).
fn group_by_class<'a>(
    classes: &'a [ClassAdmin],
    pupils: &'a [PupilSummary],
) -> Vec<(&'a ClassAdmin, Vec<&'a PupilSummary>)> {
    classes
        .iter()
        .map(|c| {
            let mut members: Vec<&PupilSummary> =
                pupils.iter().filter(|p| p.class_id.as_deref() == Some(c.id.as_str())).collect();
            members
                .sort_by(|a, b| compare_keys(&SortKey::Name(a.full_name.clone()), &SortKey::Name(b.full_name.clone())));
            (c, members)
        })
        .filter(|(_, members)| !members.is_empty())
        .collect()
}

fn move_code(m: PupilMove) -> &'static str {
    match m {
        PupilMove::Promote => "promote",
        PupilMove::Repeat => "repeat",
        PupilMove::Graduate => "graduate",
    }
}

fn move_text(m: PupilMove) -> &'static str {
    let tx = t();
    match m {
        PupilMove::Promote => tx.move_promote,
        PupilMove::Repeat => tx.move_repeat,
        PupilMove::Graduate => tx.move_graduate,
    }
}

#[component]
pub fn RolloverPage() -> Html {
    let tx = t();
    let (data, reload) = use_load((), |()| load());
    let body = match &*data {
        Loadable::Loading => html! { <LoadingNotice /> },
        Loadable::Failed(err) => html! { <ErrorNotice message={err.message()} on_retry={reload.clone()} /> },
        Loadable::Ready(None) => html! {
            <p class="banner submitted">
                { tx.no_current_year }{ " " }
                <Link<Route> to={Route::AdminYears}>{ tx.open_years }</Link<Route>>
            </p>
        },
        Loadable::Ready(Some(d)) => html! { <Rollover data={d.clone()} /> },
    };
    html! {
        <section class="admin narrow-wide">
            <Breadcrumb />
            <h1>{ tx.rollover_title }</h1>
            { body }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct RolloverProps {
    data: YearPupils,
}

#[component]
fn Rollover(props: &RolloverProps) -> Html {
    let tx = t();
    let year = &props.data.year.year;
    let repeaters = use_state(BTreeSet::<String>::new);
    let plan = use_state(|| None::<RolloverPlan>);
    let confirming = use_state(|| false);
    let error = use_state(|| None::<String>);
    let busy = use_state(|| false);

    let run = {
        let (repeaters, plan, confirming, error, busy) =
            (repeaters.clone(), plan.clone(), confirming.clone(), error.clone(), busy.clone());
        let year_id = year.id.clone();
        Callback::from(move |apply: bool| {
            let body = RolloverRequest { repeaters: repeaters.iter().cloned().collect() };
            let (plan, confirming, error, busy, year_id) =
                (plan.clone(), confirming.clone(), error.clone(), busy.clone(), year_id.clone());
            busy.set(true);
            error.set(None);
            spawn_local(async move {
                match api::rollover(&year_id, &body, apply).await {
                    Ok(p) => plan.set(Some(p)),
                    Err(err) => error.set(Some(err.message())),
                }
                confirming.set(false);
                busy.set(false);
            });
        })
    };
    let on_preview = {
        let run = run.clone();
        Callback::from(move |_: MouseEvent| run.emit(false))
    };
    let on_apply = {
        let confirming = confirming.clone();
        Callback::from(move |_: MouseEvent| confirming.set(true))
    };
    let on_confirm = {
        let run = run.clone();
        Callback::from(move |()| run.emit(true))
    };
    let on_cancel = {
        let confirming = confirming.clone();
        Callback::from(move |()| confirming.set(false))
    };

    let applied = plan.as_ref().is_some_and(|p| p.applied);
    let groups = group_by_class(&props.data.year.classes, &props.data.pupils);
    let class_blocks = groups.iter().map(|(class, members)| {
        let rows = members.iter().map(|p| {
            let repeating = repeaters.contains(&p.id);
            let on_toggle = {
                let (repeaters, plan, id) = (repeaters.clone(), plan.clone(), p.id.clone());
                Callback::from(move |e: Event| {
                    let on = e.target_unchecked_into::<web_sys::HtmlInputElement>().checked();
                    let mut set = (*repeaters).clone();
                    if on {
                        set.insert(id.clone());
                    } else {
                        set.remove(&id);
                    }
                    repeaters.set(set);
                    // A plan made with other choices no longer holds.
                    plan.set(None);
                })
            };
            let box_id = format!("repeat-{}", p.id);
            html! {
                <li key={p.id.clone()} data-pupil={p.id.clone()}>
                    <span class="pupil-name">{ p.full_name.clone() }</span>
                    <span class="repeat-choice">
                        <input type="checkbox" id={box_id.clone()} data-repeat={p.id.clone()} checked={repeating}
                            disabled={applied} onchange={on_toggle} />
                        <label for={box_id}>
                            { tx.repeat_label }<span class="sr-only">{ ": " }{ p.full_name.clone() }</span>
                        </label>
                    </span>
                    if class.grade >= LAST_GRADE && !repeating {
                        <span class="muted graduate-note">{ tx.move_graduate }</span>
                    }
                </li>
            }
        });
        html! {
            <section class="card rollover-class" key={class.id.clone()} data-class={class.id.clone()}>
                <h3>{ (tx.class_with_size)(&class.name, members.len()) }</h3>
                <ul class="plain-list rollover-pupils">{ for rows }</ul>
            </section>
        }
    });

    let dialog = (*confirming).then(|| {
        html! {
            <ConfirmDialog title={tx.rollover_apply} message={(tx.confirm_rollover)(&year.name)}
                confirm_label={tx.rollover_apply} danger=true busy={*busy} on_confirm={on_confirm.clone()}
                on_cancel={on_cancel.clone()} />
        }
    });

    html! {
        <>
            <p class="muted">{ (tx.rollover_intro)(&year.name) }</p>
            if groups.is_empty() {
                <p class="notice">{ tx.no_pupils_found }</p>
            } else {
                <div class="rollover-classes">{ for class_blocks }</div>
            }
            if let Some(message) = (*error).clone() {
                <p class="form-error" role="alert">{ message }</p>
            }
            if !applied {
                <div class="actions">
                    <button type="button" class="button primary" data-action="preview-rollover" disabled={*busy}
                        onclick={on_preview}>{ tx.rollover_preview }</button>
                </div>
            }
            if let Some(p) = (*plan).clone() {
                <PlanView plan={p} />
                if !applied {
                    <div class="actions">
                        <button type="button" class="button danger" data-action="apply-rollover" disabled={*busy}
                            onclick={on_apply}>{ tx.rollover_apply }</button>
                    </div>
                }
            }
            { for dialog }
        </>
    }
}

#[derive(Properties, PartialEq)]
struct PlanViewProps {
    plan: RolloverPlan,
}

#[component]
fn PlanView(props: &PlanViewProps) -> Html {
    let tx = t();
    let p = &props.plan;
    let classes = p.classes.iter().map(|c| {
        let rows = c.pupils.iter().map(|pp| {
            html! {
                <tr data-pupil={pp.pupil.id.clone()} data-action={move_code(pp.action)}>
                    <th scope="row">{ pp.pupil.full_name.clone() }</th>
                    <td class={classes!("move", move_code(pp.action))}>{ move_text(pp.action) }</td>
                    <td>{ pp.to_class.clone().unwrap_or_else(|| tx.none.into()) }</td>
                </tr>
            }
        });
        html! {
            <section class="plan-class" data-class-name={c.from_class.clone()}>
                <h4>{ tx.col_class }{ " " }{ c.from_class.clone() }</h4>
                <div class="table-wrap">
                    <table class="data-table">
                        <thead>
                            <tr>
                                <th scope="col">{ tx.col_pupil }</th>
                                <th scope="col">{ tx.rollover_action }</th>
                                <th scope="col">{ (tx.next_class_in)(&p.to_year) }</th>
                            </tr>
                        </thead>
                        <tbody>{ for rows }</tbody>
                    </table>
                </div>
            </section>
        }
    });
    let new_classes = p.new_classes.iter().map(|c| {
        html! {
            <tr data-new-class={c.name.clone()}>
                <th scope="row">{ c.name.clone() }</th>
                <td class="num">{ c.grade }</td>
                <td class="num">{ c.pupil_count }</td>
            </tr>
        }
    });
    html! {
        <section class={classes!("card", "rollover-plan", p.applied.then_some("applied"))}
            data-plan={if p.applied { "applied" } else { "preview" }}>
            <h2>{ if p.applied { (tx.rollover_done)(&p.to_year) } else { (tx.rollover_plan_title)(&p.to_year) } }</h2>
            <p class={classes!("banner", if p.applied { "ok" } else { "" })} role="status" data-rollover-summary=""
                data-promoted={p.promoted.to_string()} data-repeating={p.repeating.to_string()}
                data-graduating={p.graduating.to_string()}>
                { (tx.rollover_counts)(p.promoted, p.repeating, p.graduating) }
            </p>
            <h3>{ (tx.new_classes_of)(&p.to_year) }</h3>
            <div class="table-wrap">
                <table class="data-table" data-table="new-classes">
                    <thead>
                        <tr>
                            <th scope="col">{ tx.col_class }</th>
                            <th scope="col">{ tx.grade }</th>
                            <th scope="col">{ tx.class_size }</th>
                        </tr>
                    </thead>
                    <tbody>{ for new_classes }</tbody>
                </table>
            </div>
            <h3>{ tx.rollover_by_class }</h3>
            { for classes }
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn class(id: &str, grade: u8) -> ClassAdmin {
        ClassAdmin {
            id: id.into(),
            school_year_id: "y".into(),
            name: id.to_uppercase(),
            grade,
            combined_grade: None,
            homeroom_teacher: None,
            pupil_count: 0,
            optional_subjects: vec![],
            assignments: vec![],
        }
    }

    fn pupil(name: &str, class_id: &str) -> PupilSummary {
        PupilSummary {
            id: name.into(),
            national_id: String::new(),
            full_name: name.into(),
            gender: None,
            birth_date: None,
            ethnicity: String::new(),
            class_id: Some(class_id.into()),
            class_name: None,
            status: PupilStatus::Studying,
        }
    }

    #[test]
    fn pupils_group_by_class_in_name_order() {
        let classes = [class("1a", 1), class("2a", 2), class("5a", 5)];
        let pupils = [pupil("Lò Văn Bình", "5a"), pupil("Hoàng Thị An", "5a"), pupil("Vàng A Dũng", "1a")];
        let groups = group_by_class(&classes, &pupils);
        let names: Vec<(&str, Vec<&str>)> =
            groups.iter().map(|(c, ps)| (c.id.as_str(), ps.iter().map(|p| p.full_name.as_str()).collect())).collect();
        assert_eq!(names, vec![("1a", vec!["Vàng A Dũng"]), ("5a", vec!["Hoàng Thị An", "Lò Văn Bình"])]);
        assert_eq!(move_code(PupilMove::Graduate), "graduate");
    }
}
