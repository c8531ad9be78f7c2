//! Staff accounts: create, edit, deactivate (never delete: their signatures and audit entries
//! stay valid), reactivate and reset passwords. Deactivating or resetting raises the account's
//! session epoch, which ends its open sessions at once.

use super::log;
use crate::auth::extractor::parse_roles;
use crate::auth::{password, CurrentUser};
use crate::db::connection::AnyConnection;
use crate::db::models::User;
use crate::db::schema::users;
use crate::error::AppError;
use crate::messages;
use crate::services::users::{insert_user, new_user_with_hash, roles_text};
use diesel::prelude::*;
use hocba_core::api::admin::{IssuedPassword, RowAction, StaffInput, StaffView};
use hocba_core::api::Role;

/// A readable one-time password: 10 lowercase letters and digits without look-alikes.
pub fn new_password() -> String {
    const ALPHABET: &[u8] = b"23456789abcdefghjkmnpqrstuvwxyz";
    let mut raw = [0u8; 10];
    rand::fill(&mut raw[..]);
    raw.iter().map(|b| char::from(ALPHABET[usize::from(*b) % ALPHABET.len()])).collect()
}

/// A one-time password with its argon2id hash, made before any write transaction: hashing takes
/// tens of milliseconds, and a write transaction holds every other writer.
pub struct NewPassword {
    pub password: String,
    pub hash: String,
}

impl NewPassword {
    pub fn generate() -> Result<NewPassword, AppError> {
        let password = new_password();
        let hash = password::hash(&password)?;
        Ok(NewPassword { password, hash })
    }

    /// For a preview that is rolled back: the password is shown, never stored, so it is not hashed.
    pub fn unhashed() -> NewPassword {
        NewPassword { password: new_password(), hash: String::new() }
    }
}

pub fn view(u: &User) -> Result<StaffView, AppError> {
    let (_, roles) = parse_roles(&u.role, &u.roles)?;
    Ok(StaffView {
        id: u.id.clone(),
        username: u.username.clone(),
        full_name: u.full_name.clone(),
        roles,
        phone: u.phone.clone(),
        active: u.active,
    })
}

pub fn list(conn: &mut AnyConnection, school_id: &str) -> Result<Vec<StaffView>, AppError> {
    let rows: Vec<User> = users::table
        .filter(users::school_id.eq(school_id))
        .filter(users::role.ne(Role::Parent.code()))
        .order(users::username.asc())
        .select(User::as_select())
        .load(conn)?;
    rows.iter().map(view).collect()
}

pub fn find(conn: &mut AnyConnection, school_id: &str, id: &str) -> Result<User, AppError> {
    users::table
        .find(id)
        .filter(users::school_id.eq(school_id))
        .filter(users::role.ne(Role::Parent.code()))
        .select(User::as_select())
        .first(conn)
        .optional()?
        .ok_or(AppError::NotFound)
}

pub fn by_username(conn: &mut AnyConnection, username: &str) -> Result<Option<User>, AppError> {
    Ok(users::table.filter(users::username.eq(username)).select(User::as_select()).first(conn).optional()?)
}

/// An input made clean: lowercase username, NFC name, staff roles in a fixed order, phone.
pub fn checked(input: &StaffInput) -> Result<StaffInput, AppError> {
    crate::validation::limits(input)?;
    let username = input.username.trim().to_lowercase();
    if !hocba_core::roster::valid_username(&username) {
        return Err(AppError::validation("username", messages::USERNAME_FORMAT));
    }
    let full_name = hocba_core::people::collapse_spaces(&super::required_text(
        "full_name",
        &input.full_name,
        100,
        messages::FULL_NAME_REQUIRED,
    )?);
    if let Some(problem) = hocba_core::people::name_problem(&full_name, &hocba_core::messages::checks::FULL_NAME) {
        return Err(AppError::validation("full_name", problem));
    }
    if input.roles.contains(&Role::Parent) {
        return Err(AppError::validation("roles", messages::STAFF_ROLE_ONLY));
    }
    let roles: Vec<Role> =
        [Role::Principal, Role::Admin, Role::Teacher].into_iter().filter(|r| input.roles.contains(r)).collect();
    if roles.is_empty() {
        return Err(AppError::validation("roles", messages::ROLES_REQUIRED));
    }
    let phone = match input.phone.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
        Some(p) => Some(
            hocba_core::roster::parse_phone(&hocba_core::sheet::Cell::Text(p.to_string()))
                .map_err(|m| AppError::validation("phone", m))?
                .unwrap_or_default(),
        ),
        None => None,
    };
    Ok(StaffInput { username, full_name, roles, phone })
}

/// Active admins and principals of the school other than `except`.
fn other_managers(conn: &mut AnyConnection, school_id: &str, except: &str) -> Result<usize, AppError> {
    let rows: Vec<User> = users::table
        .filter(users::school_id.eq(school_id))
        .filter(users::active.eq(true))
        .filter(users::id.ne(except))
        .select(User::as_select())
        .load(conn)?;
    let mut n = 0;
    for u in rows {
        let (_, roles) = parse_roles(&u.role, &u.roles)?;
        if roles.contains(&Role::Admin) || roles.contains(&Role::Principal) {
            n += 1;
        }
    }
    Ok(n)
}

/// The account row of a new staff member (input from [`checked`]), not yet written.
pub fn new_account(user: &CurrentUser, input: &StaffInput, pass: &NewPassword) -> Result<User, AppError> {
    let mut account =
        new_user_with_hash(&user.school_id, &input.username, pass.hash.clone(), &input.full_name, &input.roles)?;
    account.phone = input.phone.clone();
    // The one-time password was handed over by someone else: the first sign-in changes it.
    account.must_change_password = true;
    Ok(account)
}

/// The audit entry of a created account.
pub fn created_event<'a>(user: &'a CurrentUser, account: &'a User) -> crate::services::audit::Event<'a> {
    crate::services::audit::Event {
        school_id: &user.school_id,
        actor_id: Some(&user.id),
        action: "staff.create",
        entity: "user",
        entity_id: &account.id,
        detail: serde_json::json!({ "username": account.username, "roles": account.roles }),
    }
}

/// Creates an account (input from [`checked`]) with a one-time password hashed beforehand.
pub fn create(
    conn: &mut AnyConnection,
    user: &CurrentUser,
    input: &StaffInput,
    pass: NewPassword,
) -> Result<IssuedPassword, AppError> {
    let input = checked(input)?;
    if by_username(conn, &input.username)?.is_some() {
        return Err(AppError::validation("username", messages::USERNAME_TAKEN));
    }
    let account = new_account(user, &input, &pass)?;
    insert_user(conn, &account)?;
    crate::services::audit::append(conn, created_event(user, &account))?;
    Ok(IssuedPassword { user_id: account.id, username: account.username, password: pass.password })
}

/// Updates name, username, roles and phone of an account (input from [`checked`]).
pub fn update_checked(
    conn: &mut AnyConnection,
    user: &CurrentUser,
    account: &User,
    input: &StaffInput,
) -> Result<RowAction, AppError> {
    if let Some(other) = by_username(conn, &input.username)? {
        if other.id != account.id {
            return Err(AppError::validation("username", messages::USERNAME_TAKEN));
        }
    }
    let before = view(account)?;
    let primary = input.roles.first().copied().unwrap_or(Role::Teacher);
    let keeps_managing = input.roles.contains(&Role::Admin) || input.roles.contains(&Role::Principal);
    if !keeps_managing && account.active && other_managers(conn, &user.school_id, &account.id)? == 0 {
        return Err(AppError::validation("roles", messages::LAST_MANAGER));
    }
    let after = StaffView {
        id: account.id.clone(),
        username: input.username.clone(),
        full_name: input.full_name.clone(),
        roles: parse_roles(primary.code(), &roles_text(&input.roles))?.1,
        phone: input.phone.clone(),
        active: account.active,
    };
    if before == after {
        return Ok(RowAction::Unchanged);
    }
    diesel::update(users::table.find(&account.id))
        .set((
            users::username.eq(&input.username),
            users::full_name.eq(&input.full_name),
            users::role.eq(primary.code()),
            users::roles.eq(roles_text(&input.roles)),
            users::phone.eq(&input.phone),
        ))
        .execute(conn)?;
    log(conn, user, "staff.update", "user", &account.id, serde_json::json!({ "before": before, "after": after }))?;
    Ok(RowAction::Update)
}

pub fn update(
    conn: &mut AnyConnection,
    user: &CurrentUser,
    id: &str,
    input: &StaffInput,
) -> Result<StaffView, AppError> {
    let account = find(conn, &user.school_id, id)?;
    let input = checked(input)?;
    update_checked(conn, user, &account, &input)?;
    view(&find(conn, &user.school_id, id)?)
}

pub fn set_active(conn: &mut AnyConnection, user: &CurrentUser, id: &str, active: bool) -> Result<StaffView, AppError> {
    let account = find(conn, &user.school_id, id)?;
    if !active {
        if account.id == user.id {
            return Err(AppError::conflict("own_account", messages::NOT_YOURSELF));
        }
        if other_managers(conn, &user.school_id, &account.id)? == 0 {
            return Err(AppError::conflict("last_manager", messages::LAST_MANAGER));
        }
    }
    if account.active != active {
        diesel::update(users::table.find(&account.id))
            .set((users::active.eq(active), users::session_epoch.eq(account.session_epoch + 1)))
            .execute(conn)?;
        let action = if active { "staff.activate" } else { "staff.deactivate" };
        log(conn, user, action, "user", &account.id, serde_json::json!({ "username": account.username }))?;
    }
    view(&find(conn, &user.school_id, id)?)
}

/// Gives an account a new one-time password (hashed beforehand) and ends its sessions.
pub fn reset_password(
    conn: &mut AnyConnection,
    user: &CurrentUser,
    id: &str,
    pass: NewPassword,
) -> Result<IssuedPassword, AppError> {
    let account = find(conn, &user.school_id, id)?;
    if account.id == user.id {
        return Err(AppError::conflict("own_account", messages::NOT_OWN_RESET));
    }
    diesel::update(users::table.find(&account.id))
        .set((
            users::password_hash.eq(&pass.hash),
            users::session_epoch.eq(account.session_epoch + 1),
            users::must_change_password.eq(true),
        ))
        .execute(conn)?;
    log(conn, user, "staff.reset_password", "user", &account.id, serde_json::json!({ "username": account.username }))?;
    Ok(IssuedPassword { user_id: account.id, username: account.username, password: pass.password })
}

/// An active staff member of the school (for homeroom and subject assignments).
pub fn active_staff(conn: &mut AnyConnection, school_id: &str, id: &str, field: &str) -> Result<User, AppError> {
    find(conn, school_id, id)
        .ok()
        .filter(|u| u.active)
        .ok_or_else(|| AppError::validation(field, messages::UNKNOWN_TEACHER))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_long_and_differ() {
        let a = new_password();
        assert_eq!(a.len(), 10);
        assert_ne!(a, new_password());
    }

    #[test]
    fn input_is_cleaned() {
        let input = StaffInput {
            username: " GV.Lan ".into(),
            full_name: "  Hoàng Thị  Lan ".into(),
            roles: vec![Role::Teacher, Role::Principal],
            phone: Some("0912 345 678".into()),
        };
        let c = checked(&input).expect("valid");
        assert_eq!(c.username, "gv.lan");
        assert_eq!(c.roles, [Role::Principal, Role::Teacher]);
        assert_eq!(c.phone.as_deref(), Some("0912345678"));
        let parent = StaffInput { roles: vec![Role::Parent], ..input.clone() };
        assert!(matches!(checked(&parent), Err(AppError::Validation { field, .. }) if field == "roles"));
        let none = StaffInput { roles: vec![], ..input };
        assert!(checked(&none).is_err());
    }
}
