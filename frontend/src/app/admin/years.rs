//! `/quan-tri/nam-hoc`: the school years (open the next one, choose the current one) and the
//! classes of the chosen year.

use super::breadcrumb::Breadcrumb;
use super::classes::YearClasses;
use crate::components::{CheckField, ConfirmDialog, ErrorNotice, FieldErrors, LoadingNotice, TextField};
use crate::hooks::{use_draft, use_focus, use_load, Loadable, FIRST_FIELD};
use crate::i18n::t;
use crate::services::api;
use hocba_core::api::admin::{NewSchoolYear, SchoolYearView};
use yew::platform::spawn_local;
use yew::prelude::*;

#[component]
pub fn YearsPage() -> Html {
    let tx = t();
    let (years, reload) = use_load((), |()| api::years());
    let chosen = use_state(|| None::<String>);
    let error = use_state(|| None::<String>);
    let busy = use_state(|| false);

    let on_created = {
        let (chosen, reload) = (chosen.clone(), reload.clone());
        Callback::from(move |year: SchoolYearView| {
            chosen.set(Some(year.id));
            reload.emit(());
        })
    };
    // A past year asks first: the server's question (409 `confirm_required`) and the year.
    let asking = use_state(|| None::<(String, String)>);
    let make_current = {
        let (reload, error, busy, asking) = (reload.clone(), error.clone(), busy.clone(), asking.clone());
        Callback::from(move |(year_id, confirm): (String, bool)| {
            let (reload, error, busy, asking) = (reload.clone(), error.clone(), busy.clone(), asking.clone());
            busy.set(true);
            error.set(None);
            spawn_local(async move {
                match api::make_current_year(&year_id, confirm).await {
                    Ok(_) => {
                        asking.set(None);
                        reload.emit(());
                    }
                    Err(api::ApiError::Conflict { code, message }) if code == "confirm_required" => {
                        asking.set(Some((message, year_id)));
                    }
                    Err(err) => {
                        asking.set(None);
                        error.set(Some(err.message()));
                    }
                }
                busy.set(false);
            });
        })
    };
    let question = (*asking).clone().map(|(message, year_id)| {
        let on_confirm = {
            let make_current = make_current.clone();
            Callback::from(move |()| make_current.emit((year_id.clone(), true)))
        };
        let on_cancel = {
            let asking = asking.clone();
            Callback::from(move |()| asking.set(None))
        };
        html! {
            <ConfirmDialog title={tx.make_current} {message} confirm_label={tx.make_current} busy={*busy}
                {on_confirm} {on_cancel} />
        }
    });

    let body = match &*years {
        Loadable::Loading => html! { <LoadingNotice /> },
        Loadable::Failed(err) => html! { <ErrorNotice message={err.message()} on_retry={reload.clone()} /> },
        Loadable::Ready(list) => {
            let shown = shown_year(list, chosen.as_deref()).cloned();
            let next_start = list.iter().map(|y| y.start_year).max().map(|y| y + 1);
            let rows = list.iter().map(|y| {
                let selected = shown.as_ref().is_some_and(|s| s.id == y.id);
                let on_show = {
                    let (chosen, id) = (chosen.clone(), y.id.clone());
                    Callback::from(move |_: MouseEvent| chosen.set(Some(id.clone())))
                };
                let on_current = {
                    let (make_current, id) = (make_current.clone(), y.id.clone());
                    Callback::from(move |_: MouseEvent| make_current.emit((id.clone(), false)))
                };
                html! {
                    <tr key={y.id.clone()} data-year={y.id.clone()} data-current={y.is_current.to_string()}
                        class={classes!(selected.then_some("selected"))}>
                        <th scope="row">{ y.name.clone() }</th>
                        <td class="num">{ y.class_count }</td>
                        <td>
                            if y.is_current {
                                <span class="badge badge-approved">{ tx.year_current }</span>
                            }
                        </td>
                        <td>
                            <div class="row-actions">
                                <button type="button" class="button secondary small" aria-pressed={selected.to_string()}
                                    data-action="show-classes" onclick={on_show}>
                                    { (tx.show_classes_of)(&y.name) }
                                </button>
                                if !y.is_current {
                                    <button type="button" class="button secondary small" data-action="make-current"
                                        disabled={*busy} onclick={on_current}>{ tx.make_current }</button>
                                }
                            </div>
                        </td>
                    </tr>
                }
            });
            html! {
                <>
                    if list.is_empty() {
                        <p class="notice">{ tx.no_years_yet }</p>
                    } else {
                        <div class="table-wrap">
                            <table class="data-table" data-table="years">
                                <thead>
                                    <tr>
                                        <th scope="col">{ tx.school_year }</th>
                                        <th scope="col">{ tx.class_count }</th>
                                        <th scope="col">{ tx.col_status }</th>
                                        <th scope="col"><span class="sr-only">{ tx.actions }</span></th>
                                    </tr>
                                </thead>
                                <tbody>{ for rows }</tbody>
                            </table>
                        </div>
                    }
                    if let Some(message) = (*error).clone() {
                        <p class="form-error" role="alert">{ message }</p>
                    }
                    <NewYearForm {next_start} {on_created} first={list.is_empty()} />
                    if let Some(year) = shown {
                        <YearClasses key={year.id.clone()} year={year.clone()} />
                    }
                </>
            }
        }
    };
    html! {
        <section class="admin">
            <Breadcrumb />
            <h1>{ tx.admin_years_title }</h1>
            { body }
            { for question }
        </section>
    }
}

/// The year whose classes show: the one chosen, else the current one, else the latest.
fn shown_year<'a>(years: &'a [SchoolYearView], chosen: Option<&str>) -> Option<&'a SchoolYearView> {
    chosen
        .and_then(|id| years.iter().find(|y| y.id == id))
        .or_else(|| years.iter().find(|y| y.is_current))
        .or_else(|| years.iter().max_by_key(|y| y.start_year))
}

/// The start of the school year under way on `today`: a year starts in September, so before
/// August it is last year's.
fn year_under_way(today: chrono::NaiveDate) -> i32 {
    use chrono::Datelike;
    if today.month() >= 8 {
        today.year()
    } else {
        today.year() - 1
    }
}

#[derive(Properties, PartialEq)]
struct NewYearFormProps {
    /// The year after the latest one, when there is one.
    next_start: Option<i32>,
    /// No year yet: the new one becomes current by default.
    first: bool,
    on_created: Callback<SchoolYearView>,
}

#[derive(Clone, PartialEq)]
struct NewYearDraft {
    start: String,
    make_current: bool,
}

#[component]
fn NewYearForm(props: &NewYearFormProps) -> Html {
    let tx = t();
    let open = use_state(|| false);
    let draft = use_draft(|| {
        let start = props.next_start.unwrap_or_else(|| year_under_way(super::dates::today()));
        NewYearDraft { start: start.to_string(), make_current: props.first }
    });
    let errors = use_state(FieldErrors::default);
    let busy = use_state(|| false);

    let form = use_node_ref();
    use_focus(form.clone(), FIRST_FIELD, u32::from(*open));

    let onsubmit = {
        let (draft, errors, busy, open, on_created) =
            (draft.clone(), errors.clone(), busy.clone(), open.clone(), props.on_created.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(start_year) = draft.value().start.trim().parse::<i32>().ok().filter(|y| (2000..=2100).contains(y))
            else {
                let mut found = FieldErrors::default();
                found.add("start_year", tx.start_year_invalid);
                errors.set(found);
                return;
            };
            let body = NewSchoolYear { start_year, make_current: draft.value().make_current };
            errors.set(FieldErrors::default());
            busy.set(true);
            let (errors, busy, open, on_created) = (errors.clone(), busy.clone(), open.clone(), on_created.clone());
            spawn_local(async move {
                match api::create_year(&body).await {
                    Ok(year) => {
                        open.set(false);
                        on_created.emit(year);
                    }
                    Err(err) => errors.set(FieldErrors::from_api(&err, &["start_year"])),
                }
                busy.set(false);
            });
        })
    };

    if !*open {
        let open = open.clone();
        return html! {
            <div class="actions">
                <button type="button" class="button primary" data-action="new-year"
                    onclick={move |_| open.set(true)}>{ tx.new_year }</button>
            </div>
        };
    }
    let on_cancel = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(false))
    };
    let d = draft.value();
    let name = d.start.trim().parse::<i32>().ok().map(|y| format!("{}-{}", y, y + 1));
    html! {
        <form ref={form} class="card admin-form" {onsubmit} novalidate=true data-form="new-year">
            <h2>{ tx.new_year }</h2>
            if let Some(message) = errors.general() {
                <p class="form-error" role="alert">{ message.to_string() }</p>
            }
            <TextField id="year-start" name="start_year" kind="number" label={tx.start_year}
                value={d.start.clone()} on_change={draft.text(|d, v| d.start = v)} required=true
                min="2000" max="2100" inputmode="numeric"
                hint={name.map(|n| AttrValue::from((tx.year_will_be)(&n)))} error={errors.get("start_year")} />
            <CheckField id="year-current" name="make_current" label={tx.make_current}
                checked={d.make_current} on_change={draft.flag(|d, on| d.make_current = on)} />
            <div class="actions">
                <button type="submit" class="button primary" data-action="create-year" disabled={*busy}>
                    { tx.create }
                </button>
                <button type="button" class="button secondary" onclick={on_cancel}>{ tx.cancel }</button>
            </div>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn year(id: &str, start: i32, current: bool) -> SchoolYearView {
        SchoolYearView {
            id: id.into(),
            name: format!("{start}-{}", start + 1),
            start_year: start,
            is_current: current,
            class_count: 0,
        }
    }

    #[test]
    fn the_chosen_then_current_then_latest_year_shows() {
        let years = [year("a", 2024, false), year("b", 2025, true), year("c", 2026, false)];
        assert_eq!(shown_year(&years, Some("a")).map(|y| y.id.as_str()), Some("a"));
        assert_eq!(shown_year(&years, Some("gone")).map(|y| y.id.as_str()), Some("b"));
        assert_eq!(shown_year(&years, None).map(|y| y.id.as_str()), Some("b"));
        let none_current = [year("a", 2024, false), year("c", 2026, false)];
        assert_eq!(shown_year(&none_current, None).map(|y| y.id.as_str()), Some("c"));
        assert_eq!(shown_year(&[], None), None);
    }

    #[test]
    fn the_year_under_way_starts_in_august() {
        let day = |m, d| chrono::NaiveDate::from_ymd_opt(2026, m, d).unwrap_or_default();
        assert_eq!(year_under_way(day(3, 1)), 2025);
        assert_eq!(year_under_way(day(8, 1)), 2026);
    }
}
