//! The HTTP API client: one [`request`] helper that maps status codes to [`ApiError`], and one
//! small function per endpoint. The session is an HttpOnly cookie the browser sends by itself
//! (`credentials: same-origin`, the fetch default); no token is ever stored by the app.

use crate::i18n::t;
use gloo_net::http::{Method, RequestBuilder};
use hocba_core::api::{
    ErrorBody, GridRow, GridView, LoginRequest, LoginResponse, Me, PupilResults, RecordState, ReturnRequest,
    ReviewItem, RowUpdate,
};
use serde::de::DeserializeOwned;
use serde::Serialize;

/// Where the app sends a visitor whose session has ended.
pub const LOGIN_PATH: &str = "/dang-nhap";

/// A failed API call, by HTTP status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApiError {
    /// 401: not signed in (or wrong password at login).
    Unauthorized { message: Option<String> },
    /// 403
    Forbidden { message: Option<String> },
    /// 404
    NotFound { message: Option<String> },
    /// 409, e.g. `locked` when the record was approved meanwhile.
    Conflict { code: String, message: String },
    /// 422: a value was refused; `field` names it when the server knows.
    Validation { field: Option<String>, message: String },
    /// The server could not be reached or answered something unreadable.
    Network,
    /// Any other status.
    Other { status: u16, message: Option<String> },
}

impl ApiError {
    /// The message to show: the server's Vietnamese message when it sent one.
    pub fn message(&self) -> String {
        let tx = t();
        match self {
            ApiError::Unauthorized { message } => message.clone().unwrap_or_else(|| tx.err_session.into()),
            ApiError::Forbidden { message } => message.clone().unwrap_or_else(|| tx.err_forbidden.into()),
            ApiError::NotFound { message } => message.clone().unwrap_or_else(|| tx.err_not_found.into()),
            ApiError::Conflict { message, .. } | ApiError::Validation { message, .. } => message.clone(),
            ApiError::Network => tx.err_network.into(),
            ApiError::Other { message, .. } => message.clone().unwrap_or_else(|| tx.err_generic.into()),
        }
    }

    fn from_status(status: u16, body: Option<ErrorBody>) -> Self {
        let detail = body.map(|b| b.error);
        let message = detail.as_ref().map(|d| d.message.clone()).filter(|m| !m.is_empty());
        match status {
            401 => ApiError::Unauthorized { message },
            403 => ApiError::Forbidden { message },
            404 => ApiError::NotFound { message },
            409 => ApiError::Conflict {
                code: detail.as_ref().map(|d| d.code.clone()).unwrap_or_default(),
                message: message.unwrap_or_else(|| t().err_generic.into()),
            },
            422 => ApiError::Validation {
                field: detail.and_then(|d| d.field),
                message: message.unwrap_or_else(|| t().err_generic.into()),
            },
            _ => ApiError::Other { status, message },
        }
    }
}

/// What to do when the server answers 401.
#[derive(Clone, Copy, PartialEq, Eq)]
enum On401 {
    /// Leave for the login page (the session ended while using the app).
    GoToLogin,
    /// Just report it (the login call itself, and the start-up `/api/me` probe).
    Report,
}

/// Sends one request and decodes the JSON answer. An empty 2xx body decodes as JSON `null`,
/// so `T = ()` suits `204 No Content`.
async fn request<T: DeserializeOwned>(
    method: Method,
    path: &str,
    body: Option<String>,
    on_401: On401,
) -> Result<T, ApiError> {
    let builder = RequestBuilder::new(path).method(method).header("Accept", "application/json");
    let sent = match body {
        Some(json) => builder.header("Content-Type", "application/json").body(json),
        None => builder.build(),
    };
    let response = match sent {
        Ok(req) => req.send().await.map_err(|_| ApiError::Network)?,
        Err(_) => return Err(ApiError::Network),
    };
    let status = response.status();
    let text = response.text().await.unwrap_or_default();
    if (200..300).contains(&status) {
        let text = if text.trim().is_empty() { "null" } else { text.as_str() };
        return serde_json::from_str(text).map_err(|_| ApiError::Other { status, message: None });
    }
    let error = ApiError::from_status(status, serde_json::from_str::<ErrorBody>(&text).ok());
    if status == 401 && on_401 == On401::GoToLogin {
        go_to_login();
    }
    Err(error)
}

fn to_json<B: Serialize>(body: &B) -> Option<String> {
    serde_json::to_string(body).ok()
}

/// Full-page navigation to the login page (drops all in-memory state of the ended session).
fn go_to_login() {
    if let Some(window) = web_sys::window() {
        let location = window.location();
        if location.pathname().map(|p| p != LOGIN_PATH).unwrap_or(true) {
            let _ = location.assign(LOGIN_PATH);
        }
    }
}

/// Percent-encodes one URL path segment.
pub fn segment(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn period_path(class_id: &str, period: &str) -> String {
    format!("/api/classes/{}/periods/{}", segment(class_id), segment(period))
}

pub async fn login(username: &str, password: &str) -> Result<LoginResponse, ApiError> {
    let body = LoginRequest { username: username.into(), password: password.into() };
    request(Method::POST, "/api/auth/login", to_json(&body), On401::Report).await
}

pub async fn logout() -> Result<(), ApiError> {
    request(Method::POST, "/api/auth/logout", None, On401::Report).await
}

/// The signed-in user; `Unauthorized` when there is no session (no redirect).
pub async fn me() -> Result<Me, ApiError> {
    request(Method::GET, "/api/me", None, On401::Report).await
}

pub async fn grid(class_id: &str, period: &str) -> Result<GridView, ApiError> {
    request(Method::GET, &format!("{}/grid", period_path(class_id, period)), None, On401::GoToLogin).await
}

pub async fn save_row(class_id: &str, period: &str, pupil_id: &str, update: &RowUpdate) -> Result<GridRow, ApiError> {
    let path = format!("{}/pupils/{}", period_path(class_id, period), segment(pupil_id));
    request(Method::PUT, &path, to_json(update), On401::GoToLogin).await
}

pub async fn submit(class_id: &str, period: &str) -> Result<RecordState, ApiError> {
    request(Method::POST, &format!("{}/submit", period_path(class_id, period)), None, On401::GoToLogin).await
}

pub async fn reviews() -> Result<Vec<ReviewItem>, ApiError> {
    request(Method::GET, "/api/reviews", None, On401::GoToLogin).await
}

pub async fn approve(class_id: &str, period: &str) -> Result<RecordState, ApiError> {
    request(Method::POST, &format!("{}/approve", period_path(class_id, period)), None, On401::GoToLogin).await
}

pub async fn return_record(class_id: &str, period: &str, comment: &str) -> Result<RecordState, ApiError> {
    let body = ReturnRequest { comment: comment.into() };
    let path = format!("{}/return", period_path(class_id, period));
    request(Method::POST, &path, to_json(&body), On401::GoToLogin).await
}

pub async fn pupil_results(pupil_id: &str) -> Result<PupilResults, ApiError> {
    request(Method::GET, &format!("/api/pupils/{}/results", segment(pupil_id)), None, On401::GoToLogin).await
}

/// Link target of the signed PDF (a plain download link; the cookie authenticates it).
pub fn hoc_ba_pdf_url(pupil_id: &str) -> String {
    format!("/api/pupils/{}/hoc-ba.pdf", segment(pupil_id))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_are_encoded() {
        assert_eq!(segment("0190a-b_c.d~"), "0190a-b_c.d~");
        assert_eq!(segment("a/b c"), "a%2Fb%20c");
        assert_eq!(segment("Đ"), "%C4%90");
    }

    #[test]
    fn statuses_map_to_typed_errors() {
        let body = |code: &str, field: Option<&str>| {
            Some(ErrorBody {
                error: hocba_core::api::ErrorDetail {
                    code: code.into(),
                    message: "Thông báo".into(),
                    field: field.map(Into::into),
                },
            })
        };
        assert_eq!(
            ApiError::from_status(422, body("validation", Some("subjects.toan.score"))),
            ApiError::Validation { field: Some("subjects.toan.score".into()), message: "Thông báo".into() }
        );
        assert_eq!(
            ApiError::from_status(409, body("locked", None)),
            ApiError::Conflict { code: "locked".into(), message: "Thông báo".into() }
        );
        assert_eq!(ApiError::from_status(401, None), ApiError::Unauthorized { message: None });
        assert_eq!(ApiError::from_status(403, None).message(), t().err_forbidden);
        assert!(matches!(ApiError::from_status(500, None), ApiError::Other { status: 500, .. }));
    }
}
