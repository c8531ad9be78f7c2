//! Cross-site request forgery: a state-changing API request that a browser authenticates with the
//! session cookie must come from the app's own pages — `Sec-Fetch-Site: same-origin`, or an
//! `Origin` whose host is this server's (the request's `Host`, or `public_url`'s). Requests with a
//! bearer token (API clients, `hocba sign`) or without a session cookie carry no ambient
//! credentials and pass. It must also be JSON or carry the app's header
//! (`hocba_core::api::CLIENT_HEADER`): a form of another site can send neither, so even a browser
//! that sends no `Origin` cannot be made to post one. Checked before any handler runs, uploads
//! included.

use crate::auth::SESSION_COOKIE;
use crate::error::AppError;
use actix_web::dev::ServiceRequest;
use actix_web::http::{header, Method};

/// The host (with port) of a URL or an `Origin` value, lower-cased.
fn authority(url: &str) -> Option<String> {
    let rest = url.split_once("://").map(|(_, r)| r)?;
    let host = rest.split('/').next().filter(|h| !h.is_empty())?;
    Some(host.to_ascii_lowercase())
}

/// Whether `req` may go on; refused with 403 naming `Origin`.
pub fn check(req: &ServiceRequest, public_url: Option<&str>) -> Result<(), AppError> {
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return Ok(());
    }
    if req.headers().contains_key(header::AUTHORIZATION) || req.cookie(SESSION_COOKIE).is_none() {
        return Ok(());
    }
    let text = |name: &str| req.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_string);
    let json = text("content-type").is_some_and(|t| t.trim().to_ascii_lowercase().starts_with("application/json"));
    if !json && !req.headers().contains_key(hocba_core::api::CLIENT_HEADER) {
        return Err(refused());
    }
    if let Some(site) = text("sec-fetch-site") {
        if site == "same-origin" {
            return Ok(());
        }
        return Err(refused());
    }
    let own: Vec<String> =
        text("host").map(|h| h.to_ascii_lowercase()).into_iter().chain(public_url.and_then(authority)).collect();
    match text("origin").as_deref().and_then(authority) {
        Some(origin) if own.contains(&origin) => Ok(()),
        _ => Err(refused()),
    }
}

fn refused() -> AppError {
    AppError::NotAllowed { field: "Origin".into(), message: crate::messages::CROSS_SITE }
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::test::TestRequest;

    fn post(headers: &[(&str, &str)], cookie: bool) -> ServiceRequest {
        let mut req = TestRequest::post()
            .uri("/api/admin/staff/u1/deactivate")
            .insert_header(("host", "truong.vn:8080"))
            .insert_header((hocba_core::api::CLIENT_HEADER, "web"));
        for (name, value) in headers {
            req = req.insert_header((*name, *value));
        }
        if cookie {
            req = req.cookie(actix_web::cookie::Cookie::new(SESSION_COOKIE, "t"));
        }
        req.to_srv_request()
    }

    #[test]
    fn cookie_requests_must_come_from_the_apps_own_pages() {
        let ok = |r: ServiceRequest| check(&r, Some("https://hocba.truong.vn")).is_ok();
        assert!(ok(post(&[("origin", "http://truong.vn:8080")], true)), "same host");
        assert!(ok(post(&[("origin", "https://hocba.truong.vn")], true)), "the public address");
        assert!(ok(post(&[("sec-fetch-site", "same-origin")], true)));
        assert!(!ok(post(&[("origin", "https://evil.example")], true)), "another site");
        assert!(!ok(post(&[("sec-fetch-site", "cross-site"), ("origin", "http://truong.vn:8080")], true)));
        assert!(!ok(post(&[], true)), "a cookie and no origin at all");
        assert!(!ok(post(&[("origin", "null")], true)), "an opaque origin");
        assert!(ok(post(&[("authorization", "Bearer x")], true)), "a bearer token carries no ambient credential");
        assert!(ok(post(&[("origin", "https://evil.example")], false)), "no session cookie");
        let get = TestRequest::get().uri("/api/me").cookie(actix_web::cookie::Cookie::new(SESSION_COOKIE, "t"));
        assert!(check(&get.to_srv_request(), None).is_ok(), "reads change nothing");
    }

    #[test]
    fn a_cookie_write_is_json_or_carries_the_apps_header() {
        let cookie = actix_web::cookie::Cookie::new(SESSION_COOKIE, "t");
        let req = |kind: Option<&str>, app: bool| {
            let mut r = TestRequest::post()
                .uri("/api/admin/pupils/import")
                .insert_header(("host", "truong.vn"))
                .insert_header(("sec-fetch-site", "same-origin"))
                .cookie(cookie.clone());
            if let Some(kind) = kind {
                r = r.insert_header(("content-type", kind));
            }
            if app {
                r = r.insert_header((hocba_core::api::CLIENT_HEADER, "web"));
            }
            check(&r.to_srv_request(), None).is_ok()
        };
        assert!(req(Some("application/json; charset=utf-8"), false), "JSON needs a preflight cross-site");
        assert!(req(Some("text/csv"), true), "an upload from the app");
        assert!(req(None, true), "a body-less action from the app");
        assert!(!req(Some("text/plain"), false), "what a form of another site can send");
        assert!(!req(Some("application/x-www-form-urlencoded"), false));
        assert!(!req(None, false));
    }
}
