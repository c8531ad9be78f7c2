//! The sliding refresh of staff sessions: when the `CurrentUser` extractor renewed the request's
//! token (`auth::extractor::Renewal`), the response carries the new one — as the session cookie
//! when the request came with the cookie, else in the `Hocba-Session-Token` header for API
//! clients. A response that sets the session cookie itself (login, logout) is left alone.

use crate::auth::extractor::Renewal;
use crate::auth::SESSION_COOKIE;
use crate::settings::Settings;
use actix_web::cookie::time::Duration;
use actix_web::dev::ServiceResponse;
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::{web, HttpMessage};

/// The header that carries a renewed bearer token.
pub const RENEWED_TOKEN_HEADER: &str = "hocba-session-token";

pub fn attach<B>(res: &mut ServiceResponse<B>) {
    let Some(renewal) = res.request().extensions().get::<Renewal>().cloned() else {
        return;
    };
    if res.status() == actix_web::http::StatusCode::UNAUTHORIZED
        || res.response().cookies().any(|c| c.name() == SESSION_COOKIE)
    {
        return;
    }
    if renewal.from_cookie {
        let secure = res.request().app_data::<web::Data<Settings>>().is_some_and(|s| s.secure_cookie);
        let cookie = super::auth::session_cookie(renewal.token, secure, Duration::seconds(renewal.max_age_seconds));
        if let Err(e) = res.response_mut().add_cookie(&cookie) {
            tracing::warn!(error = %e, "cannot renew the session cookie");
        }
    } else if let Ok(value) = HeaderValue::from_str(&renewal.token) {
        res.headers_mut().insert(HeaderName::from_static(RENEWED_TOKEN_HEADER), value);
    }
}
