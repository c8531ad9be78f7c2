//! Creating or editing a staff account: user name, full name, roles and phone.

use super::labels::STAFF_ROLES;
use crate::components::{CheckField, FieldErrors, TextField};
use crate::hooks::{opt, use_draft, use_focus, FIRST_FIELD};
use crate::i18n::domain::role_label;
use crate::i18n::{lang, t};
use crate::services::api;
use hocba_core::api::admin::{IssuedPassword, StaffInput, StaffView};
use hocba_core::api::Role;
use hocba_core::roster::{parse_phone, valid_username};
use hocba_core::sheet::Cell;
use yew::platform::spawn_local;
use yew::prelude::*;

/// What a save gave back.
#[derive(Debug, Clone, PartialEq)]
pub enum StaffSaved {
    /// A new account and its one-time password.
    Created(IssuedPassword),
    Updated(StaffView),
}

const FIELDS: [&str; 4] = ["username", "full_name", "roles", "phone"];

/// The account as the API wants it (user name in lower case, no empty phone), or the problems.
pub fn checked_staff(input: &StaffInput) -> Result<StaffInput, FieldErrors> {
    let tx = t();
    let mut errors = FieldErrors::default();
    let username = input.username.trim().to_ascii_lowercase();
    if username.is_empty() {
        errors.add("username", (tx.required_field)(tx.username));
    } else if !valid_username(&username) {
        errors.add("username", tx.username_invalid);
    }
    let full_name = input.full_name.trim().to_string();
    if full_name.is_empty() {
        errors.add("full_name", (tx.required_field)(tx.full_name));
    }
    if input.roles.is_empty() {
        errors.add("roles", tx.roles_required);
    }
    let phone = match input.phone.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
        None => None,
        Some(p) => match parse_phone(&Cell::Text(p.to_string())) {
            Ok(phone) => phone,
            Err(message) => {
                errors.add("phone", message.get(lang()));
                None
            }
        },
    };
    let mut roles: Vec<Role> = STAFF_ROLES.into_iter().filter(|r| input.roles.contains(r)).collect();
    roles.dedup();
    if errors.is_empty() {
        Ok(StaffInput { username, full_name, roles, phone })
    } else {
        Err(errors)
    }
}

#[derive(Properties, PartialEq)]
pub struct StaffFormProps {
    /// `None` for a new account.
    pub staff: Option<StaffView>,
    pub on_saved: Callback<StaffSaved>,
    pub on_cancel: Callback<()>,
}

#[component]
pub fn StaffForm(props: &StaffFormProps) -> Html {
    let tx = t();
    let draft = use_draft(|| match &props.staff {
        Some(s) => StaffInput {
            username: s.username.clone(),
            full_name: s.full_name.clone(),
            roles: s.roles.clone(),
            phone: s.phone.clone(),
        },
        None => {
            StaffInput { username: String::new(), full_name: String::new(), roles: vec![Role::Teacher], phone: None }
        }
    });
    let errors = use_state(FieldErrors::default);
    let busy = use_state(|| false);
    let form = use_node_ref();
    use_focus(form.clone(), FIRST_FIELD, 1);

    let onsubmit = {
        let (draft, errors, busy, on_saved) = (draft.clone(), errors.clone(), busy.clone(), props.on_saved.clone());
        let staff_id = props.staff.as_ref().map(|s| s.id.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let body = match checked_staff(draft.value()) {
                Ok(body) => body,
                Err(found) => {
                    errors.set(found);
                    return;
                }
            };
            errors.set(FieldErrors::default());
            busy.set(true);
            let (errors, busy, on_saved, staff_id) = (errors.clone(), busy.clone(), on_saved.clone(), staff_id.clone());
            spawn_local(async move {
                let result = match &staff_id {
                    Some(id) => api::update_staff(id, &body).await.map(StaffSaved::Updated),
                    None => api::create_staff(&body).await.map(StaffSaved::Created),
                };
                match result {
                    Ok(saved) => on_saved.emit(saved),
                    Err(err) => errors.set(FieldErrors::from_api(&err, &FIELDS)),
                }
                busy.set(false);
            });
        })
    };
    let on_cancel = {
        let cb = props.on_cancel.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };

    let d = draft.value();
    let role_boxes = STAFF_ROLES.into_iter().map(|role| {
        let on_change = {
            let draft = draft.clone();
            Callback::from(move |on: bool| {
                let mut value = draft.value().clone();
                value.roles.retain(|r| *r != role);
                if on {
                    value.roles.push(role);
                }
                draft.replace(value);
            })
        };
        html! {
            <CheckField id={format!("staff-role-{}", role.code())} name={format!("role-{}", role.code())}
                label={role_label(role)} checked={d.roles.contains(&role)} {on_change} />
        }
    });
    let title = match &props.staff {
        Some(s) => (tx.edit_staff_title)(&s.full_name),
        None => tx.new_staff.to_string(),
    };
    html! {
        <form ref={form} class="card admin-form" {onsubmit} novalidate=true data-form="staff">
            <h2>{ title }</h2>
            if let Some(message) = errors.general() {
                <p class="form-error" role="alert">{ message.to_string() }</p>
            }
            <div class="form-grid">
                <TextField id="staff-username" name="username" label={tx.username} value={d.username.clone()}
                    on_change={draft.text(|d, v| d.username = v)} required=true plain=true
                    autocomplete="off" hint={tx.username_hint} error={errors.get("username")} />
                <TextField id="staff-name" name="full_name" label={tx.full_name} value={d.full_name.clone()}
                    on_change={draft.text(|d, v| d.full_name = v)} required=true autocomplete="off"
                    error={errors.get("full_name")} />
                <TextField id="staff-phone" name="phone" kind="tel" label={tx.phone}
                    value={d.phone.clone().unwrap_or_default()} inputmode="tel" autocomplete="off"
                    on_change={draft.text(|d, v| d.phone = opt(v))} error={errors.get("phone")} />
            </div>
            <fieldset class={classes!("roles", errors.get("roles").is_some().then_some("invalid"))} data-field="roles">
                <legend>{ tx.roles }</legend>
                { for role_boxes }
                if let Some(message) = errors.get("roles") {
                    <p class="field-error" role="alert">{ message }</p>
                }
            </fieldset>
            <div class="actions">
                <button type="submit" class="button primary" data-action="save-staff" disabled={*busy}>
                    { if *busy { tx.saving } else if props.staff.is_some() { tx.save } else { tx.create_account } }
                </button>
                <button type="button" class="button secondary" onclick={on_cancel}>{ tx.cancel }</button>
            </div>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(username: &str, name: &str, roles: Vec<Role>, phone: Option<&str>) -> StaffInput {
        StaffInput { username: username.into(), full_name: name.into(), roles, phone: phone.map(Into::into) }
    }

    #[test]
    fn a_good_account_is_cleaned() {
        let ok = checked_staff(&input(" GV.Lan ", " Nguyễn Thị Lan ", vec![Role::Teacher, Role::Admin], Some("  ")));
        assert_eq!(ok, Ok(input("gv.lan", "Nguyễn Thị Lan", vec![Role::Admin, Role::Teacher], None)));
        let phone = checked_staff(&input("gvlan", "Lan", vec![Role::Teacher], Some("0912 345 678")));
        assert_eq!(phone.map(|s| s.phone), Ok(Some("0912345678".into())));
    }

    #[test]
    fn problems_name_their_fields() {
        let Err(errors) = checked_staff(&input("có dấu", "", vec![], Some("12"))) else {
            panic!("accepted a bad account");
        };
        for field in ["username", "full_name", "roles", "phone"] {
            assert!(errors.get(field).is_some(), "{field}");
        }
    }
}
