//! Accounts: sign-in, the `Me` view, and creating users.

use crate::auth::{password, CurrentUser};
use crate::db::connection::AnyConnection;
use crate::db::models::{new_id, now, User};
use crate::db::schema::{guardianships, pupils, schools, users};
use crate::error::ApiError;
use crate::services::classes;
use diesel::prelude::*;
use hocba_core::api::{Me, PupilRef, Role};

/// Checks credentials; unknown users cost the same time as known ones.
pub fn authenticate(conn: &mut AnyConnection, username: &str, pass: &str) -> Result<CurrentUser, ApiError> {
    let user: Option<User> =
        users::table.filter(users::username.eq(username.trim())).select(User::as_select()).first(conn).optional()?;
    let ok = password::verify(user.as_ref().map(|u| u.password_hash.as_str()), pass);
    match user {
        Some(u) if ok && u.active => {
            let role = Role::from_code(&u.role).ok_or_else(|| anyhow::anyhow!("unknown role {}", u.role))?;
            Ok(CurrentUser { id: u.id, school_id: u.school_id, role })
        }
        _ => Err(ApiError::BadCredentials),
    }
}

pub fn me(conn: &mut AnyConnection, user: &CurrentUser) -> Result<Me, ApiError> {
    let u: User = users::table
        .find(&user.id)
        .select(User::as_select())
        .first(conn)
        .optional()?
        .ok_or(ApiError::Unauthenticated)?;
    let school_name: String = schools::table.find(&u.school_id).select(schools::name).first(conn)?;
    let class_list = match user.role {
        Role::Teacher => classes::teacher_classes(conn, &u.school_id, &u.id)?,
        Role::Principal | Role::Admin => classes::school_class_refs(conn, &u.school_id)?,
        Role::Parent => Vec::new(),
    };
    let children = if user.role == Role::Parent {
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
        school_name,
        classes: class_list,
        children,
    })
}

/// A new account row (the password is hashed here: call off the async workers).
pub fn new_user(school_id: &str, username: &str, pass: &str, full_name: &str, role: Role) -> anyhow::Result<User> {
    Ok(User {
        id: new_id(),
        school_id: school_id.to_string(),
        username: username.to_string(),
        password_hash: password::hash(pass)?,
        full_name: hocba_core::text::clean(full_name),
        role: role.code().to_string(),
        active: true,
        created_at: now(),
    })
}

pub fn insert_user(conn: &mut AnyConnection, user: &User) -> Result<(), ApiError> {
    diesel::insert_into(users::table).values(user).execute(conn)?;
    Ok(())
}

pub fn count_users(conn: &mut AnyConnection) -> Result<i64, ApiError> {
    Ok(users::table.count().get_result(conn)?)
}
