//! `CurrentUser`: the authenticated caller, from the session cookie or a bearer token.
//! Handlers that take it cannot forget authentication. The token only names the user: every
//! request reloads the account, so a deactivated user, a reset password or a changed role takes
//! effect at once.

use super::jwt::{Keys, SESSION_COOKIE};
use crate::db::connection::AnyConnection;
use crate::db::epochs::Scope;
use crate::db::schema::users;
use crate::db::Db;
use crate::error::AppError;
use crate::routes::blocking;
use actix_web::{dev::Payload, web, FromRequest, HttpMessage, HttpRequest};
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
    /// The password was issued by someone else: until it is changed, only `/api/me`, the
    /// password change and logout answer.
    pub must_change_password: bool,
    /// The school's data epoch read when this request was authenticated: answers cached at this
    /// epoch are still true (see `read_cache`).
    pub data_epoch: i64,
}

/// Signed-in sessions checked at a school's data epoch: (user id, session id) → the account.
/// Every write that can change a session's answer (the account, its roles, a logout) raises the
/// epoch, so a request costs at most one primary-key read (none while the epoch is kept in memory,
/// see `db::epoch_mirror`) instead of reloading the account.
pub type SessionCache = crate::read_cache::EpochCache<(String, String), CurrentUser>;

/// Sessions kept at most (about 200 bytes each).
pub const SESSIONS_KEPT: usize = 50_000;

/// Paths a user who must change their password may still use.
const OPEN_BEFORE_PASSWORD_CHANGE: &[&str] =
    &["/api/me", "/api/auth/session", "/api/auth/password", "/api/auth/logout", "/tai-khoan", "/dang-xuat"];

/// A renewed token for this session (sliding refresh), set on the request by the extractor and
/// sent back by `routes::session_renewal`.
#[derive(Debug, Clone)]
pub struct Renewal {
    pub token: String,
    pub max_age_seconds: i64,
    /// The session came in the cookie (renew the cookie), else in a bearer header.
    pub from_cookie: bool,
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
    let row: Option<(String, String, String, bool, i32, bool)> = users::table
        .find(user_id)
        .select((
            users::school_id,
            users::role,
            users::roles,
            users::active,
            users::session_epoch,
            users::must_change_password,
        ))
        .first(conn)
        .optional()?;
    let Some((school_id, primary, roles, active, epoch, must_change_password)) = row else {
        return Ok(None);
    };
    if !active {
        return Ok(None);
    }
    let (role, roles) = parse_roles(&primary, &roles)?;
    Ok(Some(CurrentUser {
        id: user_id.to_string(),
        school_id,
        role,
        roles,
        epoch,
        must_change_password,
        data_epoch: 0,
    }))
}

pub(crate) fn token_of(req: &HttpRequest) -> Option<String> {
    token_and_source(req).map(|(t, _)| t)
}

/// The token and whether it came in the cookie (a bearer header wins).
fn token_and_source(req: &HttpRequest) -> Option<(String, bool)> {
    if let Some(value) = req.headers().get(actix_web::http::header::AUTHORIZATION) {
        let value = value.to_str().ok()?;
        return value.strip_prefix("Bearer ").map(|t| (t.trim().to_string(), false));
    }
    req.cookie(SESSION_COOKIE).map(|c| (c.value().to_string(), true))
}

/// The account of a valid session (active, same school, same session epoch, not logged out) at
/// the school's data epoch `data_epoch`: from the cache when nothing changed at the school since it
/// was last checked.
async fn session_at_epoch(
    db: &web::Data<Db>,
    sessions: web::Data<SessionCache>,
    claims: &super::jwt::Claims,
    data_epoch: i64,
) -> Result<Option<CurrentUser>, AppError> {
    let key = (claims.sub.clone(), claims.sid.clone());
    let stamp = [data_epoch, 0];
    if let Some(user) = sessions.get(&key, stamp) {
        return Ok(Some(user));
    }
    let (school_id, token_epoch) = (claims.sch.clone(), claims.ep);
    blocking::read(db, move |conn| -> Result<Option<CurrentUser>, AppError> {
        let user = load_active(conn, &key.0)?;
        let revoked = super::sessions::is_revoked(conn, &key.1)?;
        let user = match user {
            Some(u) if u.school_id == school_id && u.epoch == token_epoch && !revoked => {
                CurrentUser { data_epoch, ..u }
            }
            _ => return Ok(None),
        };
        sessions.put(key.clone(), stamp, user.clone());
        Ok(Some(user))
    })
    .await
}

impl FromRequest for CurrentUser {
    type Error = AppError;
    type Future = LocalBoxFuture<'static, Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _payload: &mut Payload) -> Self::Future {
        let keys = req.app_data::<web::Data<Keys>>().cloned();
        let db = req.app_data::<web::Data<Db>>().cloned();
        let sessions = req.app_data::<web::Data<SessionCache>>().cloned();
        let token = token_and_source(req);
        let req = req.clone();
        Box::pin(async move {
            let (Some(keys), Some(db), Some(sessions)) = (keys, db, sessions) else {
                return Err(AppError::Internal(anyhow::anyhow!("JWT keys, sessions or database not configured")));
            };
            let (token, from_cookie) = token.ok_or(AppError::Unauthenticated)?;
            let claims = keys.verify(&token)?;
            // Read before the account: a session cached at this epoch is still valid.
            let data_epoch = blocking::epoch(&db, Scope::Own(claims.sch.clone())).await?;
            let user = session_at_epoch(&db, sessions, &claims, data_epoch).await?.ok_or(AppError::Unauthenticated)?;
            if user.must_change_password && !OPEN_BEFORE_PASSWORD_CHANGE.contains(&req.path()) {
                return Err(AppError::password_change_required());
            }
            let now = chrono::Utc::now().timestamp();
            if let Some(token) = keys.renew(&claims, now)? {
                let max_age_seconds = keys.idle_minutes * 60;
                req.extensions_mut().insert(Renewal { token, max_age_seconds, from_cookie });
            }
            Ok(user)
        })
    }
}
