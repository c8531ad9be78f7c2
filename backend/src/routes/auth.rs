//! Sign-in, sign-out and the current user.

use crate::auth::{CurrentUser, Keys, SESSION_COOKIE};
use crate::db::connection::AnyConnection;
use crate::db::Db;
use crate::error::AppError;
use crate::messages;
use crate::routes::blocking;
use crate::services::admin::guardians;
use crate::services::users;
use crate::settings::Settings;
use actix_web::cookie::{time::Duration, Cookie, SameSite};
use actix_web::{web, HttpResponse};
use hocba_core::api::admin::RedeemInvite;
use hocba_core::api::{LoginRequest, LoginResponse, Me};

fn session_cookie(value: String, settings: &Settings, max_age: Duration) -> Cookie<'static> {
    Cookie::build(SESSION_COOKIE, value)
        .http_only(true)
        .same_site(SameSite::Strict)
        .secure(settings.secure_cookie)
        .path("/")
        .max_age(max_age)
        .finish()
}

/// `POST /api/auth/login`: 200 with the token (and the HttpOnly cookie) or 401.
#[utoipa::path(post, path = "/api/auth/login", tag = "auth", request_body = LoginRequest,
    responses((status = 200, body = LoginResponse), (status = 401, body = hocba_core::api::ErrorBody), (status = 422, body = hocba_core::api::ErrorBody)))]
pub async fn login(
    db: web::Data<Db>,
    keys: web::Data<Keys>,
    settings: web::Data<Settings>,
    body: web::Json<LoginRequest>,
) -> Result<HttpResponse, AppError> {
    let LoginRequest { username, password } = body.into_inner();
    if username.trim().is_empty() {
        return Err(AppError::validation("username", messages::USERNAME_REQUIRED));
    }
    if password.is_empty() {
        return Err(AppError::validation("password", messages::PASSWORD_REQUIRED));
    }
    let (user, me) = blocking::read(&db, move |c| with_me(c, |c| users::authenticate(c, &username, &password))).await?;
    signed_in(&keys, &settings, &user, me)
}

/// The account `find` answers, and its `Me` view.
fn with_me(
    c: &mut AnyConnection,
    find: impl FnOnce(&mut AnyConnection) -> Result<CurrentUser, AppError>,
) -> Result<(CurrentUser, Me), AppError> {
    let user = find(c)?;
    let me = users::me(c, &user)?;
    Ok((user, me))
}

/// Opens a session: the token in the body (API clients) and in the HttpOnly cookie (browsers).
fn signed_in(keys: &Keys, settings: &Settings, user: &CurrentUser, me: Me) -> Result<HttpResponse, AppError> {
    let token = keys.issue(&user.id, &user.school_id, user.role, user.epoch)?;
    let cookie = session_cookie(token.clone(), settings, Duration::hours(keys.session_hours));
    Ok(HttpResponse::Ok().cookie(cookie).json(LoginResponse { token, me }))
}

/// `POST /api/auth/logout`: ends this session for good — its token (cookie or bearer) is refused
/// from now on, even if a copy was kept; the user's other devices stay signed in — and clears the
/// session cookie. Without a valid session it only clears the cookie.
#[utoipa::path(post, path = "/api/auth/logout", tag = "auth", responses((status = 204)))]
pub async fn logout(
    req: actix_web::HttpRequest,
    db: web::Data<Db>,
    keys: web::Data<Keys>,
    settings: web::Data<Settings>,
    session: Option<CurrentUser>,
) -> Result<HttpResponse, AppError> {
    let claims = crate::auth::extractor::token_of(&req).and_then(|t| keys.verify(&t).ok());
    if let (Some(user), Some(claims)) = (session, claims) {
        let expires = chrono::DateTime::from_timestamp(claims.exp, 0).unwrap_or_else(chrono::Utc::now);
        blocking::write(&db, move |c| {
            crate::auth::sessions::revoke(c, &claims.sid, &user.id, expires)?;
            users::logged_out(c, &user)
        })
        .await?;
    }
    Ok(HttpResponse::NoContent().cookie(session_cookie(String::new(), &settings, Duration::ZERO)).finish())
}

/// `GET /api/me`
#[utoipa::path(get, path = "/api/me", tag = "auth",
    responses((status = 200, body = Me), (status = 401, body = hocba_core::api::ErrorBody)))]
pub async fn me(db: web::Data<Db>, user: CurrentUser) -> Result<web::Json<Me>, AppError> {
    let me = blocking::read(&db, move |c| users::me(c, &user)).await?;
    Ok(web::Json(me))
}

/// `POST /api/auth/redeem`: a parent's printed one-time code becomes an account (or, with a
/// parent's session, links more children to it); answers like login.
#[utoipa::path(post, path = "/api/auth/redeem", tag = "auth", request_body = RedeemInvite,
    responses((status = 200, body = LoginResponse), (status = 422, body = hocba_core::api::ErrorBody)))]
pub async fn redeem(
    db: web::Data<Db>,
    keys: web::Data<Keys>,
    settings: web::Data<Settings>,
    session: Option<CurrentUser>,
    body: web::Json<RedeemInvite>,
) -> Result<HttpResponse, AppError> {
    let body = body.into_inner();
    let (user, me) =
        blocking::write(&db, move |c| with_me(c, |c| guardians::redeem(c, session.as_ref(), &body))).await?;
    signed_in(&keys, &settings, &user, me)
}
