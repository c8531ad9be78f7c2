//! Accounts: sign-in, the `Me` view, and creating users.

use crate::auth::extractor::load_active;
use crate::auth::{password, CurrentUser};
use crate::db::connection::AnyConnection;
use crate::db::models::{new_id, now, User};
use crate::db::schema::{guardianships, pupils, schools, users};
use crate::error::AppError;
use crate::services::classes;
use diesel::prelude::*;
use hocba_core::api::{Me, PupilRef, Role};

/// What sign-in needs to know of an account before checking its password.
#[derive(Debug, Clone)]
pub struct Credentials {
    pub id: String,
    pub username: String,
    pub password_hash: String,
    pub active: bool,
}

/// The account signing in as `username` (the password is checked afterwards, off the database:
/// `auth::hashing`).
pub fn credentials(conn: &mut AnyConnection, username: &str) -> Result<Option<Credentials>, AppError> {
    let row: Option<(String, String, String, bool)> = users::table
        .filter(users::username.eq(username.trim()))
        .select((users::id, users::username, users::password_hash, users::active))
        .first(conn)
        .optional()?;
    Ok(row.map(|(id, username, password_hash, active)| Credentials { id, username, password_hash, active }))
}

/// The account `id` after its password was found right.
pub fn signed_in(conn: &mut AnyConnection, id: &str) -> Result<CurrentUser, AppError> {
    load_active(conn, id)?.ok_or(AppError::BadCredentials)
}

/// The user's own account, to check their current password.
pub fn own_credentials(conn: &mut AnyConnection, user: &CurrentUser) -> Result<Credentials, AppError> {
    let (id, username, password_hash, active) = users::table
        .find(&user.id)
        .select((users::id, users::username, users::password_hash, users::active))
        .first(conn)
        .optional()?
        .ok_or(AppError::Unauthenticated)?;
    Ok(Credentials { id, username, password_hash, active })
}

/// A new password the user chose: at least 8 characters, not the username, not the current one.
pub fn check_new_password(username: &str, current: &str, new: &str) -> Result<(), AppError> {
    let field = "new_password";
    if new.chars().count() < 8 {
        return Err(AppError::validation(field, crate::messages::PASSWORD_TOO_SHORT));
    }
    if new.trim().eq_ignore_ascii_case(username.trim()) {
        return Err(AppError::validation(field, crate::messages::PASSWORD_IS_USERNAME));
    }
    if new == current {
        return Err(AppError::validation(field, crate::messages::PASSWORD_UNCHANGED));
    }
    Ok(())
}

/// Sets the user's own new password (hashed beforehand): the issued-password mark goes, every
/// other session of the account ends (the epoch rises), and the change is audited. Answers the
/// account as it is now, for the new session's token.
pub fn change_own_password(
    conn: &mut AnyConnection,
    user: &CurrentUser,
    new_hash: &str,
) -> Result<CurrentUser, AppError> {
    diesel::update(users::table.find(&user.id))
        .set((
            users::password_hash.eq(new_hash),
            users::must_change_password.eq(false),
            users::session_epoch.eq(user.epoch + 1),
        ))
        .execute(conn)?;
    audit_own(conn, user, "auth.password_changed")?;
    load_active(conn, &user.id)?.ok_or(AppError::Unauthenticated)
}

/// "Đăng xuất mọi thiết bị": every session of the account ends (the epoch rises).
pub fn end_all_sessions(conn: &mut AnyConnection, user: &CurrentUser) -> Result<(), AppError> {
    diesel::update(users::table.find(&user.id)).set(users::session_epoch.eq(user.epoch + 1)).execute(conn)?;
    audit_own(conn, user, "auth.logout_all")
}

fn audit_own(conn: &mut AnyConnection, user: &CurrentUser, action: &str) -> Result<(), AppError> {
    crate::services::audit::append(
        conn,
        crate::services::audit::Event {
            school_id: &user.school_id,
            actor_id: Some(&user.id),
            action,
            entity: "user",
            entity_id: &user.id,
            detail: serde_json::Value::Null,
        },
    )
}

/// Records a logout in the audit log (the session itself is ended by `auth::sessions::revoke`).
pub fn logged_out(conn: &mut AnyConnection, user: &CurrentUser) -> Result<(), AppError> {
    audit_own(conn, user, "auth.logout")
}

pub fn me(conn: &mut AnyConnection, user: &CurrentUser) -> Result<Me, AppError> {
    let u: User = users::table
        .find(&user.id)
        .select(User::as_select())
        .first(conn)
        .optional()?
        .ok_or(AppError::Unauthenticated)?;
    let school_name: String = schools::table.find(&u.school_id).select(schools::name).first(conn)?;
    let class_list = if user.is_school_manager() {
        classes::school_class_refs(conn, &u.school_id)?
    } else if user.has(Role::Teacher) {
        classes::teacher_classes(conn, &u.school_id, &u.id)?
    } else {
        Vec::new()
    };
    let children = if user.has(Role::Parent) {
        let mut list: Vec<PupilRef> = guardianships::table
            .inner_join(pupils::table)
            .filter(guardianships::parent_id.eq(&u.id))
            .select((pupils::id, pupils::full_name))
            .load::<(String, String)>(conn)?
            .into_iter()
            .map(|(id, full_name)| PupilRef { id, full_name })
            .collect();
        list.sort_by(|a, b| a.full_name.cmp(&b.full_name));
        list
    } else {
        Vec::new()
    };
    Ok(Me {
        id: u.id,
        username: u.username,
        full_name: u.full_name,
        role: user.role,
        roles: user.roles.clone(),
        school_name,
        classes: class_list,
        children,
        must_change_password: u.must_change_password,
    })
}

/// A new account row (the password is hashed here: call off the async workers).
pub fn new_user(school_id: &str, username: &str, pass: &str, full_name: &str, role: Role) -> anyhow::Result<User> {
    new_user_with_roles(school_id, username, pass, full_name, &[role])
}

/// A new account holding several roles; the first is the primary one (the password is hashed
/// here: call off the async workers and outside write transactions).
pub fn new_user_with_roles(
    school_id: &str,
    username: &str,
    pass: &str,
    full_name: &str,
    roles: &[Role],
) -> anyhow::Result<User> {
    new_user_with_hash(school_id, username, password::hash(pass)?, full_name, roles)
}

/// A new account whose password hash was made beforehand.
pub fn new_user_with_hash(
    school_id: &str,
    username: &str,
    password_hash: String,
    full_name: &str,
    roles: &[Role],
) -> anyhow::Result<User> {
    let role = *roles.first().ok_or_else(|| anyhow::anyhow!("an account needs a role"))?;
    Ok(User {
        id: new_id(),
        school_id: school_id.to_string(),
        username: username.to_string(),
        password_hash,
        full_name: hocba_core::text::clean_line(full_name),
        role: role.code().to_string(),
        active: true,
        created_at: now(),
        roles: roles_text(roles),
        phone: None,
        session_epoch: 0,
        must_change_password: false,
    })
}

pub fn insert_user(conn: &mut AnyConnection, user: &User) -> Result<(), AppError> {
    diesel::insert_into(users::table).values(user).execute(conn)?;
    Ok(())
}

/// Rows per multi-row INSERT of accounts: 12 columns each, within SQLite's bound-parameter limit.
const USERS_PER_INSERT: usize = 80;

/// Inserts many accounts in a few multi-row statements.
pub fn insert_users(conn: &mut AnyConnection, list: &[User]) -> Result<(), AppError> {
    for chunk in list.chunks(USERS_PER_INSERT) {
        crate::db::on_each_backend!(&mut *conn, |c| diesel::insert_into(users::table).values(chunk).execute(c))?;
    }
    Ok(())
}

pub fn count_users(conn: &mut AnyConnection) -> Result<i64, AppError> {
    Ok(users::table.count().get_result(conn)?)
}

/// The `users.roles` column: space-separated codes.
pub fn roles_text(roles: &[Role]) -> String {
    roles.iter().map(|r| r.code()).collect::<Vec<_>>().join(" ")
}

/// The school manager a console command acts as: the active account `username`, else the first
/// active admin.
pub fn acting_manager(conn: &mut AnyConnection, username: Option<&str>) -> Result<CurrentUser, AppError> {
    let ids: Vec<(String, String, String)> = users::table
        .filter(users::active.eq(true))
        .order(users::created_at.asc())
        .select((users::id, users::username, users::roles))
        .load(conn)?;
    let id = match username {
        Some(name) => ids.iter().find(|(_, u, _)| u == name).map(|(id, _, _)| id.clone()),
        None => ids
            .iter()
            .find(|(_, _, r)| r.split_whitespace().any(|x| x == Role::Admin.code()))
            .map(|(id, _, _)| id.clone()),
    };
    let refused = |message: hocba_core::Bilingual| AppError::BadRequest { message, field: Some("as".into()) };
    let id = id.ok_or_else(|| refused(crate::messages::NO_ACTIVE_MANAGER))?;
    let user =
        crate::auth::extractor::load_active(conn, &id)?.ok_or_else(|| refused(crate::messages::ACCOUNT_LOCKED))?;
    if !user.is_school_manager() {
        return Err(refused(crate::messages::not_a_manager(username.unwrap_or_default())));
    }
    Ok(user)
}
