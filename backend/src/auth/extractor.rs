//! `CurrentUser`: the authenticated caller, from the session cookie or a bearer token.
//! Handlers that take it cannot forget authentication. The token only names the user: every
//! request reloads the account, so a deactivated user, a reset password or a changed role takes
//! effect at once.

use super::jwt::{Keys, SESSION_COOKIE};
use crate::db::connection::AnyConnection;
use crate::db::schema::users;
use crate::db::Db;
use crate::error::AppError;
use crate::routes::blocking;
use actix_web::{dev::Payload, web, FromRequest, HttpRequest};
use diesel::prelude::*;
use futures_util::future::LocalBoxFuture;
use hocba_core::api::{Role, Roles};

#[derive(Debug, Clone)]
pub struct CurrentUser {
    pub id: String,
    pub school_id: String,
    /// The primary role (what the home page opens with).
    pub role: Role,
    /// Every role the user holds.
    pub roles: Vec<Role>,
    /// Session epoch of the account (part of issued tokens).
    pub epoch: i32,
}

impl CurrentUser {
    /// The user's roles, for the predicates of `hocba_core::api::Roles`.
    pub fn roles(&self) -> Roles<'_> {
        Roles { primary: self.role, all: &self.roles }
    }

    pub fn has(&self, role: Role) -> bool {
        self.roles().has(role)
    }

    /// Admin or principal: manages the school.
    pub fn is_school_manager(&self) -> bool {
        self.roles().is_school_manager()
    }

    pub fn is_staff(&self) -> bool {
        self.roles().is_staff()
    }
}

/// Parses the space-separated role list of a `users` row; the primary role always counts.
pub fn parse_roles(primary: &str, roles: &str) -> Result<(Role, Vec<Role>), AppError> {
    let main = Role::from_code(primary).ok_or_else(|| anyhow::anyhow!("unknown role {primary}"))?;
    let mut list = vec![main];
    for code in roles.split_whitespace() {
        let role = Role::from_code(code).ok_or_else(|| anyhow::anyhow!("unknown role {code}"))?;
        if !list.contains(&role) {
            list.push(role);
        }
    }
    Ok((main, list))
}

/// Loads an active account as a `CurrentUser`.
pub fn load_active(conn: &mut AnyConnection, user_id: &str) -> Result<Option<CurrentUser>, AppError> {
    let row: Option<(String, String, String, bool, i32)> = users::table
        .find(user_id)
        .select((users::school_id, users::role, users::roles, users::active, users::session_epoch))
        .first(conn)
        .optional()?;
    let Some((school_id, primary, roles, active, epoch)) = row else {
        return Ok(None);
    };
    if !active {
        return Ok(None);
    }
    let (role, roles) = parse_roles(&primary, &roles)?;
    Ok(Some(CurrentUser { id: user_id.to_string(), school_id, role, roles, epoch }))
}

pub(crate) fn token_of(req: &HttpRequest) -> Option<String> {
    if let Some(value) = req.headers().get(actix_web::http::header::AUTHORIZATION) {
        let value = value.to_str().ok()?;
        return value.strip_prefix("Bearer ").map(|t| t.trim().to_string());
    }
    req.cookie(SESSION_COOKIE).map(|c| c.value().to_string())
}

impl FromRequest for CurrentUser {
    type Error = AppError;
    type Future = LocalBoxFuture<'static, Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _payload: &mut Payload) -> Self::Future {
        let keys = req.app_data::<web::Data<Keys>>().cloned();
        let db = req.app_data::<web::Data<Db>>().cloned();
        let token = token_of(req);
        Box::pin(async move {
            let (Some(keys), Some(db)) = (keys, db) else {
                return Err(AppError::Internal(anyhow::anyhow!("JWT keys or database not configured")));
            };
            let token = token.ok_or(AppError::Unauthenticated)?;
            let claims = keys.verify(&token)?;
            let sid = claims.sid.clone();
            let sub = claims.sub.clone();
            let (user, revoked) = blocking::read(&db, move |c| {
                Ok::<_, AppError>((load_active(c, &sub)?, super::sessions::is_revoked(c, &sid)?))
            })
            .await?;
            match user {
                Some(u) if u.school_id == claims.sch && u.epoch == claims.ep && !revoked => Ok(u),
                _ => Err(AppError::Unauthenticated),
            }
        })
    }
}
