//! Sign-in, sign-out and the current user.

use crate::auth::{CurrentUser, Keys, SignInGuard, SESSION_COOKIE};
use crate::db::connection::AnyConnection;
use crate::db::Db;
use crate::error::AppError;
use crate::messages;
use crate::routes::blocking;
use crate::routes::cached::{self, AnswerCache};
use crate::services::admin::guardians;
use crate::services::users;
use crate::settings::Settings;
use actix_web::cookie::{time::Duration, Cookie, SameSite};
use actix_web::{web, HttpRequest, HttpResponse};
use hocba_core::api::admin::RedeemInvite;
use hocba_core::api::{ChangePassword, LoginRequest, LoginResponse, Me, SessionState};

/// The HttpOnly, SameSite=Strict session cookie (`Secure` behind HTTPS).
pub(crate) fn session_cookie(value: String, secure: bool, max_age: Duration) -> Cookie<'static> {
    Cookie::build(SESSION_COOKIE, value)
        .http_only(true)
        .same_site(SameSite::Strict)
        .secure(secure)
        .path("/")
        .max_age(max_age)
        .finish()
}

/// `POST /api/auth/login`: 200 with the token (and the HttpOnly cookie) or 401; 429 with
/// `Retry-After` after too many failures of the account or the address (`auth::throttle`); the
/// password is checked on the password workers (`auth::hashing`), holding no database connection.
#[utoipa::path(post, path = "/api/auth/login", tag = "auth", request_body = LoginRequest,
    responses((status = 200, body = LoginResponse), (status = 401, body = hocba_core::api::ErrorBody),
        (status = 422, body = hocba_core::api::ErrorBody), (status = 429, body = hocba_core::api::ErrorBody),
        (status = 503, body = hocba_core::api::ErrorBody)))]
pub async fn login(
    req: HttpRequest,
    db: web::Data<Db>,
    keys: web::Data<Keys>,
    settings: web::Data<Settings>,
    guard: web::Data<SignInGuard>,
    body: web::Json<LoginRequest>,
) -> Result<HttpResponse, AppError> {
    let LoginRequest { username, password } = body.into_inner();
    let (user, me) = sign_in(&req, &db, &guard, &username, password).await?;
    signed_in(&keys, &settings, &user, me)
}

/// Checks a login name and password (throttled, on the password workers): the account and what
/// the app shows of it. Shared by the JSON login and the server-rendered login form.
pub(crate) async fn sign_in(
    req: &HttpRequest,
    db: &web::Data<Db>,
    guard: &web::Data<SignInGuard>,
    username: &str,
    password: String,
) -> Result<(CurrentUser, Me), AppError> {
    // "0912 345 678" and "+84912345678" are the same login name (a parent's phone number).
    let username = hocba_core::roster::login_name(username);
    if username.is_empty() {
        return Err(AppError::validation("username", messages::USERNAME_REQUIRED));
    }
    if password.is_empty() {
        return Err(AppError::validation("password", messages::PASSWORD_REQUIRED));
    }
    let client = crate::peer::client_of(req);
    guard.allow(&username, client)?;
    // A place on the password workers first: when they are full, 503 before any database work.
    let slot = guard.workers.reserve()?;
    let name = username.clone();
    let account = blocking::read(db, move |c| users::credentials(c, &name)).await?;
    let right = slot.verify(account.as_ref().map(|a| a.password_hash.clone()), password).await?;
    let account = match account {
        Some(a) if right && a.active => a,
        _ => {
            guard.failed(&username, client);
            return Err(AppError::BadCredentials);
        }
    };
    guard.throttle.succeeded(&username);
    blocking::read(db, move |c| with_me(c, |c| users::signed_in(c, &account.id))).await
}

/// `POST /api/auth/password`: the user's own new password (the current one checked like a
/// sign-in, throttled alike). Every other session of the account ends; this one goes on with a
/// new token (answered like login).
#[utoipa::path(post, path = "/api/auth/password", tag = "auth", request_body = ChangePassword,
    responses((status = 200, body = LoginResponse), (status = 401, body = hocba_core::api::ErrorBody),
        (status = 422, body = hocba_core::api::ErrorBody), (status = 429, body = hocba_core::api::ErrorBody)))]
pub async fn change_password(
    req: HttpRequest,
    db: web::Data<Db>,
    keys: web::Data<Keys>,
    settings: web::Data<Settings>,
    guard: web::Data<SignInGuard>,
    user: CurrentUser,
    body: web::Json<ChangePassword>,
) -> Result<HttpResponse, AppError> {
    let ChangePassword { current_password, new_password } = body.into_inner();
    let (user, me) = change_own_password(&req, &db, &guard, user, current_password, new_password).await?;
    signed_in(&keys, &settings, &user, me)
}

/// The user's own new password: the current one checked like a sign-in (throttled alike), the
/// new one checked, then set; every session of the account ends. Answers the account as it now
/// is, for a new session. The API and the account page both change passwords here.
pub async fn change_own_password(
    req: &HttpRequest,
    db: &web::Data<Db>,
    guard: &SignInGuard,
    user: CurrentUser,
    current_password: String,
    new_password: String,
) -> Result<(CurrentUser, Me), AppError> {
    let who = user.clone();
    let own = blocking::read(db, move |c| users::own_credentials(c, &who)).await?;
    let client = crate::peer::client_of(req);
    guard.allow(&own.username, client)?;
    users::check_new_password(&own.username, &current_password, &new_password)?;
    if !guard.workers.reserve()?.verify(Some(own.password_hash.clone()), current_password).await? {
        guard.failed(&own.username, client);
        return Err(AppError::validation("current_password", messages::WRONG_CURRENT_PASSWORD));
    }
    let hash = guard.workers.hash(new_password).await?;
    blocking::write(db, move |c| with_me(c, |c| users::change_own_password(c, &user, &hash))).await
}

/// `POST /api/auth/logout-all`: "Đăng xuất mọi thiết bị" — every session of the account ends,
/// this one included (copies of its tokens too), and the cookie is cleared.
#[utoipa::path(post, path = "/api/auth/logout-all", tag = "auth",
    responses((status = 204), (status = 401, body = hocba_core::api::ErrorBody)))]
pub async fn logout_all(
    db: web::Data<Db>,
    settings: web::Data<Settings>,
    user: CurrentUser,
) -> Result<HttpResponse, AppError> {
    Ok(HttpResponse::NoContent().cookie(end_all_sessions(&db, &settings, user).await?).finish())
}

/// Ends every session of the account, the request's own included, and answers the cookie that
/// clears it. Shared by the API and the account page.
pub(crate) async fn end_all_sessions(
    db: &web::Data<Db>,
    settings: &Settings,
    user: CurrentUser,
) -> Result<Cookie<'static>, AppError> {
    blocking::write(db, move |c| users::end_all_sessions(c, &user)).await?;
    Ok(session_cookie(String::new(), settings.secure_cookie, Duration::ZERO))
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
/// Staff sessions end after `idle_minutes` without a request; parents' only at the absolute lifetime.
fn signed_in(keys: &Keys, settings: &Settings, user: &CurrentUser, me: Me) -> Result<HttpResponse, AppError> {
    let (token, cookie) = new_session(keys, settings, user)?;
    Ok(HttpResponse::Ok().cookie(cookie).json(LoginResponse { token, me }))
}

/// A new session for `user`: its token and the cookie that carries it (idle-limited for staff).
pub(crate) fn new_session(
    keys: &Keys,
    settings: &Settings,
    user: &CurrentUser,
) -> Result<(String, Cookie<'static>), AppError> {
    let idle = user.is_staff();
    let token = keys.issue(&user.id, &user.school_id, user.role, user.epoch, idle)?;
    let max_age = if idle { Duration::minutes(keys.idle_minutes) } else { Duration::hours(keys.session_hours) };
    let cookie = session_cookie(token.clone(), settings.secure_cookie, max_age);
    Ok((token, cookie))
}

/// `POST /api/auth/logout`: ends this session for good — its token (cookie or bearer) is refused
/// from now on, even if a copy was kept; the user's other devices stay signed in — and clears the
/// session cookie. Without a valid session it only clears the cookie.
#[utoipa::path(post, path = "/api/auth/logout", tag = "auth", responses((status = 204)))]
pub async fn logout(
    req: HttpRequest,
    db: web::Data<Db>,
    keys: web::Data<Keys>,
    settings: web::Data<Settings>,
    session: Option<CurrentUser>,
) -> Result<HttpResponse, AppError> {
    Ok(HttpResponse::NoContent().cookie(end_session(&req, &db, &keys, &settings, session).await?).finish())
}

/// Ends the request's session for good (its token is refused from now on) and answers the cookie
/// that clears it. Shared by the JSON logout and the server-rendered pages' sign-out.
pub(crate) async fn end_session(
    req: &HttpRequest,
    db: &web::Data<Db>,
    keys: &Keys,
    settings: &Settings,
    session: Option<CurrentUser>,
) -> Result<Cookie<'static>, AppError> {
    let claims = crate::auth::extractor::token_of(req).and_then(|t| keys.verify(&t).ok());
    if let (Some(user), Some(claims)) = (session, claims) {
        let expires = chrono::DateTime::from_timestamp(claims.exp, 0).unwrap_or_else(chrono::Utc::now);
        blocking::write(db, move |c| {
            crate::auth::sessions::revoke(c, &claims.sid, &user.id, expires)?;
            users::logged_out(c, &user)
        })
        .await?;
    }
    Ok(session_cookie(String::new(), settings.secure_cookie, Duration::ZERO))
}

/// `GET /api/auth/session` (public): the signed-in user, or `{"me": null}` — never 401, so the
/// app's first question on a public page (verification, activation) shows no error.
#[utoipa::path(get, path = "/api/auth/session", tag = "auth", responses((status = 200, body = SessionState)))]
pub async fn session(db: web::Data<Db>, user: Option<CurrentUser>) -> Result<web::Json<SessionState>, AppError> {
    let me = match user {
        Some(user) => Some(blocking::read(&db, move |c| users::me(c, &user)).await?),
        None => None,
    };
    Ok(web::Json(SessionState { me }))
}

/// `GET /api/me`
#[utoipa::path(get, path = "/api/me", tag = "auth",
    responses((status = 200, body = Me), (status = 401, body = hocba_core::api::ErrorBody)))]
pub async fn me(
    db: web::Data<Db>,
    answers: web::Data<AnswerCache>,
    user: CurrentUser,
) -> Result<HttpResponse, AppError> {
    // The account, its school, classes and children change only with the school's epoch: the
    // answer is kept while it holds (a parent's home at province size costs no query).
    let key = format!("me/{}", user.id);
    let stamp = [user.data_epoch, 0];
    // Read on the primary: the stamp read before computing is the one the answer holds for.
    let compute = blocking::read(&db, move |c| Ok::<_, AppError>((stamp, users::me(c, &user)?)));
    cached::json::<Me, _>(&answers, key, stamp, compute).await
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
