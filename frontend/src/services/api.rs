//! The HTTP API client: [`send`] makes every call, [`decode`] maps status codes to [`ApiError`]
//! ([`request`] does both for JSON calls), and one small function per endpoint. The session is
//! an HttpOnly cookie the browser sends by itself (`credentials: same-origin`, the fetch
//! default); no token is ever stored by the app.

use crate::i18n::t;
use gloo_net::http::{Method, RequestBuilder};
use hocba_core::api::admin::{
    AssignmentsInput, ClassAdmin, ClassInput, GuardianView, ImportReport, InviteRequest, InviteSlip, IssuedPassword,
    LinkGuardian, NewSchoolYear, PupilInput, PupilProfile, PupilSummary, RolloverPlan, RolloverRequest, SchoolProfile,
    SchoolYearView, StaffInput, StaffView, TransferIn, TransferOut,
};
use hocba_core::api::comment_bank::{CommentBank, NewComment, OwnComment};
use hocba_core::api::dashboard::Dashboard;
use hocba_core::api::documents::{
    BatchProgress, ImportXml, ImportedYear, IssuedDocument, RevokeRequest, SignerReadiness, SigningSetup, TrustCa,
    TrustedCa,
};
use hocba_core::api::{
    ApprovalChecklist, ApproveAllPreview, ApproveAllResult, ApproveRequest, Notification, PupilRef, ReopenRequest,
    Reopening,
};
use hocba_core::api::{AwardInput, ClassSummary, ClassYearEndInput, PromotionInput, YearEndRow, YearEndView};
use hocba_core::api::{
    CellChange, ErrorBody, GridRow, GridView, Me, PupilResults, RecordState, ReturnRequest, ReviewItem, RowUpdate,
};
use hocba_core::api::{OptionalSubjectChoice, OptionalSubjectsInput};
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
    /// 409 `incomplete`: a submit while cells are empty, each pupil with the cells to fill.
    Incomplete { message: String, missing: Vec<hocba_core::api::PupilGaps> },
    /// 409 `stale`: the cell `field` (`subjects.toan`) changed since the version the write named;
    /// `current` is the cell as it is now.
    Stale { field: String, message: String, current: Option<serde_json::Value> },
    /// 422: a value was refused; `field` names it when the server knows.
    Validation { field: Option<String>, message: String },
    /// 422 from a write of several pupils: every refused value, each naming its pupil and field.
    Invalid { message: String, errors: Vec<hocba_core::api::PupilFieldError> },
    /// The server could not be reached or answered something unreadable.
    Network,
    /// Any other status.
    Other { status: u16, message: Option<String> },
}

impl ApiError {
    /// The message to show: the server's message (worded in the language of the switch) when it sent one.
    pub fn message(&self) -> String {
        let tx = t();
        match self {
            ApiError::Unauthorized { message } => message.clone().unwrap_or_else(|| tx.err_session.into()),
            ApiError::Forbidden { message } => message.clone().unwrap_or_else(|| tx.err_forbidden.into()),
            ApiError::NotFound { message } => message.clone().unwrap_or_else(|| tx.err_not_found.into()),
            ApiError::Conflict { message, .. }
            | ApiError::Incomplete { message, .. }
            | ApiError::Stale { message, .. }
            | ApiError::Validation { message, .. }
            | ApiError::Invalid { message, .. } => message.clone(),
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
            409 => {
                let message = message.unwrap_or_else(|| t().err_generic.into());
                match detail {
                    Some(d) if d.code == "stale" => {
                        ApiError::Stale { field: d.field.unwrap_or_default(), message, current: d.current }
                    }
                    Some(d) if d.code == "incomplete" => {
                        ApiError::Incomplete { message, missing: d.missing.unwrap_or_default() }
                    }
                    d => ApiError::Conflict { code: d.map(|d| d.code).unwrap_or_default(), message },
                }
            }
            422 => {
                let message = message.unwrap_or_else(|| t().err_generic.into());
                match detail {
                    Some(d) if d.errors.is_some() => {
                        ApiError::Invalid { message, errors: d.errors.unwrap_or_default() }
                    }
                    d => ApiError::Validation { field: d.and_then(|d| d.field), message },
                }
            }
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

/// What a request carries.
enum Body {
    Empty,
    Json(String),
    /// A file as chosen by the user (spreadsheets, the school logo), sent as it is.
    File(web_sys::File),
    /// Bytes read from a file, with their content type.
    Bytes(js_sys::Uint8Array, &'static str),
}

/// Sends one request; returns the status and the text of the answer, whatever the status
/// (after leaving for the login page on a 401 when asked to). Fails only when no answer came.
async fn send(method: Method, path: &str, body: Body, on_401: On401) -> Result<(u16, String), ApiError> {
    send_with(method, path, body, on_401, &[], Outlive::No).await
}

/// Whether a request may outlive the page that sent it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Outlive {
    No,
    /// `keepalive`: a small save sent as the tab closes still reaches the server (the browser
    /// finishes it after the page is gone; the op stays queued on the device until answered).
    /// Browsers allow 64 KB of such bodies in flight; a larger body is sent plainly.
    Yes,
}

/// The largest body sent with `keepalive`.
const KEEPALIVE_MAX_BODY: usize = 32 * 1024;

/// [`send`] with extra request headers.
async fn send_with(
    method: Method,
    path: &str,
    body: Body,
    on_401: On401,
    headers: &[(&str, &str)],
    outlive: Outlive,
) -> Result<(u16, String), ApiError> {
    let mut builder = RequestBuilder::new(path)
        .method(method)
        .header("Accept", "application/json")
        .header(hocba_core::api::CLIENT_HEADER, "web");
    for (name, value) in headers {
        builder = builder.header(name, value);
    }
    // The body is given again with `keepalive`: a copied request's body would be a stream.
    let keep = match (&body, outlive) {
        (Body::Json(json), Outlive::Yes) if json.len() <= KEEPALIVE_MAX_BODY => Some(json.clone()),
        _ => None,
    };
    let sent = match body {
        Body::Empty => builder.build(),
        Body::Json(json) => builder.header("Content-Type", "application/json").body(json),
        Body::File(file) => {
            let kind = file.type_();
            let kind = if kind.is_empty() { "application/octet-stream".to_string() } else { kind };
            builder.header("Content-Type", &kind).body(file)
        }
        Body::Bytes(bytes, kind) => builder.header("Content-Type", kind).body(bytes),
    };
    let sent = match (sent, keep) {
        (Ok(req), Some(json)) => keep_alive(req, &json),
        (sent, _) => sent.map_err(|_| ApiError::Network),
    };
    let response = sent?.send().await.map_err(|_| ApiError::Network)?;
    let status = response.status();
    let text = response.text().await.unwrap_or_default();
    if status == 401 && on_401 == On401::GoToLogin {
        go_to_login();
    }
    Ok((status, text))
}

/// The same request with `keepalive` set and its JSON body.
fn keep_alive(req: gloo_net::http::Request, json: &str) -> Result<gloo_net::http::Request, ApiError> {
    let init = web_sys::RequestInit::new();
    // Not among web-sys's RequestInit setters: set as a plain property.
    let _ = js_sys::Reflect::set(&init, &"keepalive".into(), &true.into());
    init.set_body(&json.into());
    let raw: web_sys::Request = req.into();
    web_sys::Request::new_with_request_and_init(&raw, &init).map(Into::into).map_err(|_| ApiError::Network)
}

/// Reads an answer: a 2xx JSON body (empty decodes as JSON `null`, so `T = ()` suits
/// `204 No Content`), or the typed error of any other status.
fn decode<T: DeserializeOwned>(status: u16, text: &str) -> Result<T, ApiError> {
    if !(200..300).contains(&status) {
        return Err(ApiError::from_status(status, serde_json::from_str::<ErrorBody>(text).ok()));
    }
    let text = if text.trim().is_empty() { "null" } else { text };
    serde_json::from_str(text).map_err(|_| ApiError::Other { status, message: None })
}

/// Sends one request and decodes the JSON answer.
async fn request<T: DeserializeOwned>(
    method: Method,
    path: &str,
    body: Option<String>,
    on_401: On401,
) -> Result<T, ApiError> {
    let body = body.map_or(Body::Empty, Body::Json);
    let (status, text) = send(method, path, body, on_401).await?;
    decode(status, &text)
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

pub async fn logout() -> Result<(), ApiError> {
    request(Method::POST, "/api/auth/logout", None, On401::Report).await
}

/// The signed-in user, `None` without a session (the server answers 200 either way, so public
/// pages log no error).
pub async fn session() -> Result<Option<Me>, ApiError> {
    let state: hocba_core::api::SessionState = request(Method::GET, "/api/auth/session", None, On401::Report).await?;
    Ok(state.me)
}

pub async fn grid(class_id: &str, period: &str) -> Result<GridView, ApiError> {
    request(Method::GET, &format!("{}/grid", period_path(class_id, period)), None, On401::GoToLogin).await
}

/// The teacher's own comments for a subject (or quality) code and the suggestions for a level.
pub async fn comment_bank(subject: &str, level: Option<&str>) -> Result<CommentBank, ApiError> {
    let mut path = format!("/api/comment-bank?subject={}", segment(subject));
    if let Some(level) = level {
        path.push_str(&format!("&level={}", segment(level)));
    }
    request(Method::GET, &path, None, On401::GoToLogin).await
}

/// Keeps a comment in the teacher's bank.
pub async fn keep_comment(subject: &str, text: &str) -> Result<OwnComment, ApiError> {
    let body = NewComment { subject: subject.into(), text: text.into() };
    request(Method::POST, "/api/comment-bank", to_json(&body), On401::GoToLogin).await
}

pub async fn forget_comment(id: &str) -> Result<(), ApiError> {
    request(Method::DELETE, &format!("/api/comment-bank/{}", segment(id)), None, On401::GoToLogin).await
}

/// The class's optional subjects and whether the pupil takes each.
pub async fn optional_subjects(class_id: &str, pupil_id: &str) -> Result<Vec<OptionalSubjectChoice>, ApiError> {
    let path = format!("/api/classes/{}/pupils/{}/optional-subjects", segment(class_id), segment(pupil_id));
    request(Method::GET, &path, None, On401::GoToLogin).await
}

pub async fn set_optional_subjects(
    class_id: &str,
    pupil_id: &str,
    codes: &[String],
) -> Result<Vec<OptionalSubjectChoice>, ApiError> {
    let path = format!("/api/classes/{}/pupils/{}/optional-subjects", segment(class_id), segment(pupil_id));
    let body = OptionalSubjectsInput { codes: codes.to_vec() };
    request(Method::PUT, &path, to_json(&body), On401::GoToLogin).await
}

/// The pupil's cell changes at the period, newest first.
pub async fn history(class_id: &str, period: &str, pupil_id: &str) -> Result<Vec<CellChange>, ApiError> {
    let path = format!("{}/pupils/{}/history", period_path(class_id, period), segment(pupil_id));
    request(Method::GET, &path, None, On401::GoToLogin).await
}

/// One queued cell write: `key` makes a replay (after a lost answer) apply once, and the
/// device and the time of the edit go into the audit trail.
pub async fn save_queued(
    class_id: &str,
    period: &str,
    pupil_id: &str,
    update: &RowUpdate,
    key: &str,
    device: &str,
    queued_at: Option<&str>,
) -> Result<GridRow, ApiError> {
    let path = format!("{}/pupils/{}", period_path(class_id, period), segment(pupil_id));
    let mut headers = vec![("Idempotency-Key", key), ("X-Hocba-Device", device)];
    if let Some(at) = queued_at {
        headers.push(("X-Hocba-Queued-At", at));
    }
    let body = to_json(update).map_or(Body::Empty, Body::Json);
    let (status, text) = send_with(Method::PUT, &path, body, On401::GoToLogin, &headers, Outlive::Yes).await?;
    decode(status, &text)
}

pub async fn submit(class_id: &str, period: &str) -> Result<RecordState, ApiError> {
    request(Method::POST, &format!("{}/submit", period_path(class_id, period)), None, On401::GoToLogin).await
}

pub async fn reviews() -> Result<Vec<ReviewItem>, ApiError> {
    request(Method::GET, "/api/reviews", None, On401::GoToLogin).await
}

/// Approves a record; `override_reason` approves it although its checklist has findings.
pub async fn approve(class_id: &str, period: &str, override_reason: Option<&str>) -> Result<RecordState, ApiError> {
    let body = ApproveRequest { override_reason: override_reason.map(Into::into) };
    request(Method::POST, &format!("{}/approve", period_path(class_id, period)), to_json(&body), On401::GoToLogin).await
}

/// What the record still lacks before approval (cuối năm; none at other points).
pub async fn checklist(class_id: &str, period: &str) -> Result<ApprovalChecklist, ApiError> {
    request(Method::GET, &format!("{}/checklist", period_path(class_id, period)), None, On401::GoToLogin).await
}

pub async fn return_record(class_id: &str, period: &str, comment: &str) -> Result<RecordState, ApiError> {
    return_with_comments(class_id, period, &ReturnRequest { comment: comment.into(), pupil_comments: Vec::new() }).await
}

/// Returns a record with the class comment and comments on single pupils.
pub async fn return_with_comments(class_id: &str, period: &str, body: &ReturnRequest) -> Result<RecordState, ApiError> {
    let path = format!("{}/return", period_path(class_id, period));
    request(Method::POST, &path, to_json(body), On401::GoToLogin).await
}

pub async fn pupil_results(pupil_id: &str) -> Result<PupilResults, ApiError> {
    request(Method::GET, &format!("/api/pupils/{}/results", segment(pupil_id)), None, On401::GoToLogin).await
}

/// Link target of the signed PDF (a plain download link; the cookie authenticates it).
pub fn hoc_ba_pdf_url(pupil_id: &str) -> String {
    format!("/api/pupils/{}/hoc-ba.pdf", segment(pupil_id))
}

/// Download link of one approved year's signed record (`school_year` as "2024-2025").
pub fn record_pdf_url(pupil_id: &str, school_year: &str) -> String {
    format!("/api/pupils/{}/years/{}/record.pdf", segment(pupil_id), segment(school_year))
}

/// A downloaded file: its bytes, its content type and the name the server gave it.
pub struct Download {
    pub bytes: Vec<u8>,
    pub content_type: String,
    pub file_name: Option<String>,
}

/// Fetches a file (a signed PDF) instead of following a link, so that a refusal (409/422 with a
/// Vietnamese message) can be shown rather than saved as a broken file.
pub async fn download(path: &str) -> Result<Download, ApiError> {
    let request = RequestBuilder::new(path)
        .method(Method::GET)
        .header("Accept", "application/pdf, application/zip, application/json")
        .build()
        .map_err(|_| ApiError::Network)?;
    let response = request.send().await.map_err(|_| ApiError::Network)?;
    let status = response.status();
    if !(200..300).contains(&status) {
        let text = response.text().await.unwrap_or_default();
        if status == 401 {
            go_to_login();
        }
        return Err(ApiError::from_status(status, serde_json::from_str::<ErrorBody>(&text).ok()));
    }
    let headers = response.headers();
    let content_type = headers.get("Content-Type").unwrap_or_else(|| "application/octet-stream".into());
    let file_name = headers.get("Content-Disposition").as_deref().and_then(disposition_file_name);
    let bytes = response.binary().await.map_err(|_| ApiError::Network)?;
    Ok(Download { bytes, content_type, file_name })
}

/// The `filename="…"` of a `Content-Disposition` header.
fn disposition_file_name(header: &str) -> Option<String> {
    let rest = &header[header.find("filename=")? + "filename=".len()..];
    let name = match rest.strip_prefix('"') {
        Some(quoted) => quoted.split('"').next()?,
        None => rest.split(';').next()?.trim(),
    };
    (!name.is_empty()).then(|| name.to_string())
}

/// The school's issued documents of a pupil (yearly records and hand-over học bạ).
pub async fn pupil_documents(pupil_id: &str) -> Result<Vec<IssuedDocument>, ApiError> {
    request(Method::GET, &format!("/api/pupils/{}/documents", segment(pupil_id)), None, On401::GoToLogin).await
}

/// The principal revokes an issued document, with the reason.
pub async fn revoke_document(document_id: &str, reason: &str) -> Result<(), ApiError> {
    let body = RevokeRequest { reason: reason.into() };
    let path = format!("/api/documents/{}/revoke", segment(document_id));
    request(Method::POST, &path, to_json(&body), On401::GoToLogin).await
}

/// Every signer's certificate and whether it can sign now (principal and admin).
pub async fn signing_setup() -> Result<SigningSetup, ApiError> {
    request(Method::GET, "/api/signing/setup", None, On401::GoToLogin).await
}

pub async fn signing_readiness() -> Result<Vec<SignerReadiness>, ApiError> {
    request(Method::GET, "/api/signing/readiness", None, On401::GoToLogin).await
}

/// The CAs whose signatures the school accepts besides its own (principal and admin).
pub async fn trusted_cas() -> Result<Vec<TrustedCa>, ApiError> {
    request(Method::GET, "/api/signing/trusted-cas", None, On401::GoToLogin).await
}

/// Adds a CA certificate (PEM) to the trusted ones; 422 `pem` when it is not one.
pub async fn trust_ca(pem: &str) -> Result<TrustedCa, ApiError> {
    let body = TrustCa { pem: pem.into() };
    request(Method::POST, "/api/signing/trusted-cas", to_json(&body), On401::GoToLogin).await
}

// ---- Hand-over of a whole class in one batch (principal, admin) ----

/// Starts issuing the hand-over học bạ of every pupil of the class (in the background); when a
/// batch already runs for the class, the answer is that one.
pub async fn start_hand_over_batch(class_id: &str) -> Result<BatchProgress, ApiError> {
    let path = format!("/api/classes/{}/hand-over-batch", segment(class_id));
    request(Method::POST, &path, None, On401::GoToLogin).await
}

/// The class's latest batch (running or finished), if any.
pub async fn latest_hand_over_batch(class_id: &str) -> Result<Option<BatchProgress>, ApiError> {
    let path = format!("/api/classes/{}/hand-over-batch", segment(class_id));
    request(Method::GET, &path, None, On401::GoToLogin).await
}

/// How far a batch is, and the pupils that could not be issued.
pub async fn batch_progress(batch_id: &str) -> Result<BatchProgress, ApiError> {
    request(Method::GET, &format!("/api/batches/{}", segment(batch_id)), None, On401::GoToLogin).await
}

/// The ZIP of a finished batch (fetch it with [`download`]; 409 while it still runs).
pub fn batch_download_url(batch_id: &str) -> String {
    format!("/api/batches/{}/download", segment(batch_id))
}

// ---- Verifying a document (public: no session needed) ----

/// A query string from the pairs whose value is not empty ("" when none is).
pub fn query(pairs: &[(&str, &str)]) -> String {
    let parts: Vec<String> =
        pairs.iter().filter(|(_, v)| !v.is_empty()).map(|(k, v)| format!("{k}={}", segment(v))).collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!("?{}", parts.join("&"))
    }
}

// ---- Parents redeeming a printed code (public) ----

// ---- School administration (`/api/admin`, admin and principal only) ----

/// Where the school's logo is shown (`has_logo` says whether there is one).
pub const SCHOOL_LOGO_URL: &str = "/api/school/logo";
/// The example roster file the backend serves.
pub const ROSTER_EXAMPLE_URL: &str = "/mau/danh-sach-hoc-sinh.xlsx";

pub async fn school() -> Result<SchoolProfile, ApiError> {
    request(Method::GET, "/api/admin/school", None, On401::GoToLogin).await
}

pub async fn save_school(profile: &SchoolProfile) -> Result<SchoolProfile, ApiError> {
    request(Method::PUT, "/api/admin/school", to_json(profile), On401::GoToLogin).await
}

/// Uploads a PNG or JPEG (at most 512 KB) as the school's logo.
pub async fn upload_logo(file: web_sys::File) -> Result<SchoolProfile, ApiError> {
    let (status, text) = send(Method::PUT, "/api/admin/school/logo", Body::File(file), On401::GoToLogin).await?;
    decode(status, &text)
}

pub async fn years() -> Result<Vec<SchoolYearView>, ApiError> {
    request(Method::GET, "/api/admin/years", None, On401::GoToLogin).await
}

pub async fn create_year(body: &NewSchoolYear) -> Result<SchoolYearView, ApiError> {
    request(Method::POST, "/api/admin/years", to_json(body), On401::GoToLogin).await
}

/// Makes a year current; going back to a past year answers 409 `confirm_required` until sent
/// again with `confirm`.
pub async fn make_current_year(year_id: &str, confirm: bool) -> Result<SchoolYearView, ApiError> {
    let path = format!("/api/admin/years/{}/current", segment(year_id));
    let body = confirm.then(|| to_json(&hocba_core::api::admin::Confirmation { confirm })).flatten();
    request(Method::POST, &path, body, On401::GoToLogin).await
}

pub async fn year_classes(year_id: &str) -> Result<Vec<ClassAdmin>, ApiError> {
    let path = format!("/api/admin/years/{}/classes", segment(year_id));
    request(Method::GET, &path, None, On401::GoToLogin).await
}

pub async fn create_class(body: &ClassInput) -> Result<ClassAdmin, ApiError> {
    request(Method::POST, "/api/admin/classes", to_json(body), On401::GoToLogin).await
}

pub async fn update_class(class_id: &str, body: &ClassInput) -> Result<ClassAdmin, ApiError> {
    let path = format!("/api/admin/classes/{}", segment(class_id));
    request(Method::PUT, &path, to_json(body), On401::GoToLogin).await
}

pub async fn save_assignments(class_id: &str, body: &AssignmentsInput) -> Result<ClassAdmin, ApiError> {
    let path = format!("/api/admin/classes/{}/assignments", segment(class_id));
    request(Method::PUT, &path, to_json(body), On401::GoToLogin).await
}

pub async fn staff() -> Result<Vec<StaffView>, ApiError> {
    request(Method::GET, "/api/admin/staff", None, On401::GoToLogin).await
}

/// Creates a staff account; the answer holds its one-time password.
pub async fn create_staff(body: &StaffInput) -> Result<IssuedPassword, ApiError> {
    request(Method::POST, "/api/admin/staff", to_json(body), On401::GoToLogin).await
}

pub async fn update_staff(user_id: &str, body: &StaffInput) -> Result<StaffView, ApiError> {
    let path = format!("/api/admin/staff/{}", segment(user_id));
    request(Method::PUT, &path, to_json(body), On401::GoToLogin).await
}

/// Deactivates (`active = false`) or reactivates an account; accounts are never deleted.
pub async fn set_staff_active(user_id: &str, active: bool) -> Result<StaffView, ApiError> {
    let action = if active { "activate" } else { "deactivate" };
    let path = format!("/api/admin/staff/{}/{action}", segment(user_id));
    request(Method::POST, &path, None, On401::GoToLogin).await
}

pub async fn reset_password(user_id: &str) -> Result<IssuedPassword, ApiError> {
    let path = format!("/api/admin/staff/{}/reset-password", segment(user_id));
    request(Method::POST, &path, None, On401::GoToLogin).await
}

/// Filters of the pupil list; empty means "any".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PupilQuery {
    /// Name or mã định danh; the server ignores diacritics.
    pub q: String,
    pub class_id: String,
    /// A `PupilStatus` code.
    pub status: String,
}

impl PupilQuery {
    pub fn path(&self) -> String {
        let q = self.q.trim();
        format!("/api/admin/pupils{}", query(&[("q", q), ("class_id", &self.class_id), ("status", &self.status)]))
    }
}

pub async fn pupils(filter: &PupilQuery) -> Result<Vec<PupilSummary>, ApiError> {
    request(Method::GET, &filter.path(), None, On401::GoToLogin).await
}

fn pupil_path(pupil_id: &str) -> String {
    format!("/api/admin/pupils/{}", segment(pupil_id))
}

/// Enrols a new pupil (in `class_id` of the current year).
pub async fn create_pupil(body: &PupilInput) -> Result<PupilProfile, ApiError> {
    request(Method::POST, "/api/admin/pupils", to_json(body), On401::GoToLogin).await
}

pub async fn pupil(pupil_id: &str) -> Result<PupilProfile, ApiError> {
    request(Method::GET, &pupil_path(pupil_id), None, On401::GoToLogin).await
}

pub async fn update_pupil(pupil_id: &str, body: &PupilInput) -> Result<PupilProfile, ApiError> {
    request(Method::PUT, &pupil_path(pupil_id), to_json(body), On401::GoToLogin).await
}

/// Parent accounts by name or user name.
pub async fn parents(q: &str) -> Result<Vec<GuardianView>, ApiError> {
    let path = format!("/api/admin/parents{}", query(&[("q", q.trim())]));
    request(Method::GET, &path, None, On401::GoToLogin).await
}

pub async fn link_guardian(pupil_id: &str, parent_id: &str) -> Result<PupilProfile, ApiError> {
    let body = LinkGuardian { parent_id: parent_id.into() };
    let path = format!("{}/guardians", pupil_path(pupil_id));
    request(Method::POST, &path, to_json(&body), On401::GoToLogin).await
}

pub async fn unlink_guardian(pupil_id: &str, parent_id: &str) -> Result<PupilProfile, ApiError> {
    let path = format!("{}/guardians/{}", pupil_path(pupil_id), segment(parent_id));
    request(Method::DELETE, &path, None, On401::GoToLogin).await
}

/// A one-time code for parents, to print on a paper slip.
pub async fn create_invite(body: &InviteRequest) -> Result<InviteSlip, ApiError> {
    request(Method::POST, "/api/admin/invites", to_json(body), On401::GoToLogin).await
}

/// Freezes the pupil's record and marks the pupil as transferred to another school.
pub async fn transfer_out(pupil_id: &str, body: &TransferOut) -> Result<PupilProfile, ApiError> {
    let path = format!("{}/transfer-out", pupil_path(pupil_id));
    request(Method::POST, &path, to_json(body), On401::GoToLogin).await
}

pub async fn transfer_in(body: &TransferIn) -> Result<PupilProfile, ApiError> {
    request(Method::POST, "/api/admin/pupils/transfer-in", to_json(body), On401::GoToLogin).await
}

fn imported_years_path(pupil_id: &str) -> String {
    format!("{}/imported-years", pupil_path(pupil_id))
}

/// A chosen file that the browser could not read (answered as an error with its own message).
fn unreadable_file() -> ApiError {
    ApiError::Other { status: 0, message: Some(t().file_read_failed.into()) }
}

/// The bytes of a chosen file.
async fn file_bytes(file: &web_sys::File) -> Result<js_sys::Uint8Array, ApiError> {
    let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await.map_err(|_| unreadable_file())?;
    Ok(js_sys::Uint8Array::new(&buffer))
}

/// Imports the years of another school's signed PDF (a yearly record or a hand-over học bạ) into
/// a transferred-in pupil's record, after the server verified its signatures; the answer is all
/// the pupil's imported years.
pub async fn import_years_pdf(pupil_id: &str, file: &web_sys::File) -> Result<Vec<ImportedYear>, ApiError> {
    let bytes = file_bytes(file).await?;
    let body = Body::Bytes(bytes, "application/pdf");
    let (status, text) = send(Method::POST, &imported_years_path(pupil_id), body, On401::GoToLogin).await?;
    decode(status, &text)
}

/// Imports a yearly record's XML (`record.xml`) with its detached signature (`record.xml.p7s`).
pub async fn import_years_xml(
    pupil_id: &str,
    xml: &web_sys::File,
    signature: &web_sys::File,
) -> Result<Vec<ImportedYear>, ApiError> {
    use base64::Engine as _;
    let text = wasm_bindgen_futures::JsFuture::from(xml.text()).await.map_err(|_| unreadable_file())?;
    let xml = text.as_string().ok_or_else(unreadable_file)?;
    let signature = file_bytes(signature).await?.to_vec();
    let body = ImportXml { xml, signature_base64: base64::engine::general_purpose::STANDARD.encode(signature) };
    request(Method::POST, &imported_years_path(pupil_id), to_json(&body), On401::GoToLogin).await
}

/// What the rollover would do (`apply = false`), or does it.
pub async fn rollover(year_id: &str, body: &RolloverRequest, apply: bool) -> Result<RolloverPlan, ApiError> {
    let suffix = if apply { "" } else { "/preview" };
    let path = format!("/api/admin/years/{}/rollover{suffix}", segment(year_id));
    request(Method::POST, &path, to_json(body), On401::GoToLogin).await
}

/// Sends a spreadsheet to an import endpoint (`upload_url` without query). A file with problems
/// answers 422 with a report whose `problems` are not empty: that is `Ok` here, not an error.
pub async fn import_file(upload_url: &str, file: web_sys::File, dry_run: bool) -> Result<ImportReport, ApiError> {
    let path = format!("{upload_url}?dry_run={dry_run}");
    let (status, text) = send(Method::POST, &path, Body::File(file), On401::GoToLogin).await?;
    if status == 422 {
        if let Ok(report) = serde_json::from_str::<ImportReport>(&text) {
            return Ok(report);
        }
    }
    decode(status, &text)
}

/// Spreadsheet formats of the export links.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SheetFormat {
    Xlsx,
    Csv,
}

impl SheetFormat {
    pub fn code(self) -> &'static str {
        match self {
            SheetFormat::Xlsx => "xlsx",
            SheetFormat::Csv => "csv",
        }
    }
}

/// Download link of a class's roster.
pub fn roster_export_url(class_id: &str, format: SheetFormat) -> String {
    format!("/api/admin/classes/{}/roster/export?format={}", segment(class_id), format.code())
}

pub fn roster_import_url(class_id: &str) -> String {
    format!("/api/admin/classes/{}/roster/import", segment(class_id))
}

/// Download link of every pupil of the current year (with a "Lớp" column).
pub fn school_roster_export_url(format: SheetFormat) -> String {
    format!("/api/admin/pupils/export?format={}", format.code())
}

/// A whole-school pupil list; each row names its class.
pub const SCHOOL_ROSTER_IMPORT_URL: &str = "/api/admin/pupils/import";

pub fn staff_export_url(format: SheetFormat) -> String {
    format!("/api/admin/staff/export?format={}", format.code())
}

pub const STAFF_IMPORT_URL: &str = "/api/admin/staff/import";

/// Download link of a year's teaching assignments.
pub fn assignments_export_url(year_id: &str, format: SheetFormat) -> String {
    format!("/api/admin/years/{}/assignments/export?format={}", segment(year_id), format.code())
}

pub fn assignments_import_url(year_id: &str) -> String {
    format!("/api/admin/years/{}/assignments/import", segment(year_id))
}

// ---- A class's year end (cuối năm) and its summary ----

fn year_end_path(class_id: &str) -> String {
    format!("/api/classes/{}/year-end", segment(class_id))
}

fn year_end_pupil_path(class_id: &str, pupil_id: &str) -> String {
    format!("{}/{}", year_end_path(class_id), segment(pupil_id))
}

pub async fn year_end(class_id: &str) -> Result<YearEndView, ApiError> {
    request(Method::GET, &year_end_path(class_id), None, On401::GoToLogin).await
}

/// `PUT /api/classes/{id}/year-end`: the extras of the pupils listed, all or nothing.
pub async fn save_class_year_end(class_id: &str, body: &ClassYearEndInput) -> Result<YearEndView, ApiError> {
    request(Method::PUT, &year_end_path(class_id), to_json(body), On401::GoToLogin).await
}

/// The principal's được lên lớp / ở lại lớp (`None` withdraws it).
pub async fn decide_promotion(class_id: &str, pupil_id: &str, body: &PromotionInput) -> Result<YearEndRow, ApiError> {
    let path = format!("{}/decision", year_end_pupil_path(class_id, pupil_id));
    request(Method::PUT, &path, to_json(body), On401::GoToLogin).await
}

pub async fn add_award(class_id: &str, pupil_id: &str, body: &AwardInput) -> Result<YearEndRow, ApiError> {
    let path = format!("{}/awards", year_end_pupil_path(class_id, pupil_id));
    request(Method::POST, &path, to_json(body), On401::GoToLogin).await
}

pub async fn delete_award(class_id: &str, pupil_id: &str, award_id: &str) -> Result<YearEndRow, ApiError> {
    let path = format!("{}/awards/{}", year_end_pupil_path(class_id, pupil_id), segment(award_id));
    request(Method::DELETE, &path, None, On401::GoToLogin).await
}

/// The Bảng tổng hợp kết quả đánh giá giáo dục at one periodic point (`Period::code`).
pub async fn class_summary(class_id: &str, period: &str) -> Result<ClassSummary, ApiError> {
    request(Method::GET, &format!("{}/summary", period_path(class_id, period)), None, On401::GoToLogin).await
}

/// Download link of the summary as a workbook (the cookie authenticates it).
pub fn summary_xlsx_url(class_id: &str, period: &str) -> String {
    format!("{}/summary.xlsx", period_path(class_id, period))
}

// ---- Reviews beyond one record: notifications, the dashboard, approving all, reopening ----

/// What waits for the signed-in user (returned records, submitted records).
pub async fn notifications() -> Result<Vec<Notification>, ApiError> {
    request(Method::GET, "/api/notifications", None, On401::GoToLogin).await
}

/// The principal's dashboard of the current school year.
pub async fn dashboard() -> Result<Dashboard, ApiError> {
    request(Method::GET, "/api/dashboard", None, On401::GoToLogin).await
}

/// Download link of the dashboard as a workbook.
pub const DASHBOARD_XLSX_URL: &str = "/api/dashboard.xlsx";

fn approve_all_path(period: &str) -> String {
    format!("/api/reviews/approve-all/{}", segment(period))
}

/// What approving every submitted class of the periodic point would do.
pub async fn approve_all_preview(period: &str) -> Result<ApproveAllPreview, ApiError> {
    request(Method::GET, &approve_all_path(period), None, On401::GoToLogin).await
}

pub async fn approve_all(period: &str) -> Result<ApproveAllResult, ApiError> {
    request(Method::POST, &approve_all_path(period), None, On401::GoToLogin).await
}

/// The pupils of a class (teachers of the class and the principal).
pub async fn class_pupils(class_id: &str) -> Result<Vec<PupilRef>, ApiError> {
    request(Method::GET, &format!("/api/classes/{}/pupils", segment(class_id)), None, On401::GoToLogin).await
}

/// Unlocks one pupil of an approved record, with the reason.
pub async fn reopen_pupil(class_id: &str, period: &str, pupil_id: &str, reason: &str) -> Result<Reopening, ApiError> {
    let body = ReopenRequest { reason: reason.into() };
    let path = format!("{}/pupils/{}/reopen", period_path(class_id, period), segment(pupil_id));
    request(Method::POST, &path, to_json(&body), On401::GoToLogin).await
}

/// Approves a reopened pupil again.
pub async fn reapprove_pupil(class_id: &str, period: &str, pupil_id: &str) -> Result<Reopening, ApiError> {
    let path = format!("{}/pupils/{}/approve", period_path(class_id, period), segment(pupil_id));
    request(Method::POST, &path, None, On401::GoToLogin).await
}

pub async fn reopenings(class_id: &str, period: &str) -> Result<Vec<Reopening>, ApiError> {
    request(Method::GET, &format!("{}/reopenings", period_path(class_id, period)), None, On401::GoToLogin).await
}

/// Who of each pupil's family has seen an approved periodic point, and their replies (the
/// homeroom teacher, the principal).
pub async fn class_feedback(class_id: &str, period: &str) -> Result<hocba_core::api::ClassFeedback, ApiError> {
    request(Method::GET, &format!("{}/feedback", period_path(class_id, period)), None, On401::GoToLogin).await
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
                    missing: None,
                    findings: None,
                    errors: None,
                    code: code.into(),
                    message: "Thông báo".into(),
                    field: field.map(Into::into),
                    current: None,
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
        let mut stale = body("stale", Some("subjects.toan"));
        let current = serde_json::json!({"level": "C", "score": 4, "comment": null, "version": 2});
        if let Some(b) = stale.as_mut() {
            b.error.current = Some(current.clone());
        }
        assert_eq!(
            ApiError::from_status(409, stale),
            ApiError::Stale { field: "subjects.toan".into(), message: "Thông báo".into(), current: Some(current) }
        );
        assert_eq!(ApiError::from_status(401, None), ApiError::Unauthorized { message: None });
        assert_eq!(ApiError::from_status(403, None).message(), t().err_forbidden);
        assert!(matches!(ApiError::from_status(500, None), ApiError::Other { status: 500, .. }));
    }

    #[test]
    fn answers_decode_by_status() {
        assert_eq!(decode::<u32>(200, "7"), Ok(7));
        assert_eq!(decode::<()>(204, ""), Ok(()));
        let refused = r#"{"error":{"code":"validation","message":"Sai","field":"national_id"}}"#;
        assert_eq!(
            decode::<u32>(422, refused),
            Err(ApiError::Validation { field: Some("national_id".into()), message: "Sai".into() })
        );
        assert_eq!(decode::<u32>(403, "not json"), Err(ApiError::Forbidden { message: None }));
    }

    #[test]
    fn pupil_filters_become_a_query() {
        assert_eq!(PupilQuery::default().path(), "/api/admin/pupils");
        let filter = PupilQuery { q: " Nguyễn An ".into(), class_id: "c1".into(), status: String::new() };
        assert_eq!(filter.path(), "/api/admin/pupils?q=Nguy%E1%BB%85n%20An&class_id=c1");
        assert_eq!(query(&[("a", ""), ("b", "x&y")]), "?b=x%26y");
    }

    #[test]
    fn download_names_come_from_the_header() {
        let header = r#"attachment; filename="hoc-ba-2024-2025-7KQ2M9XD4RTA.pdf""#;
        assert_eq!(disposition_file_name(header).as_deref(), Some("hoc-ba-2024-2025-7KQ2M9XD4RTA.pdf"));
        assert_eq!(disposition_file_name("attachment; filename=a.pdf; x=1").as_deref(), Some("a.pdf"));
        assert_eq!(disposition_file_name("attachment"), None);
        assert_eq!(record_pdf_url("p 1", "2024-2025"), "/api/pupils/p%201/years/2024-2025/record.pdf");
        assert_eq!(batch_download_url("b/1"), "/api/batches/b%2F1/download");
    }

    #[test]
    fn spreadsheet_links() {
        assert_eq!(roster_export_url("c 1", SheetFormat::Csv), "/api/admin/classes/c%201/roster/export?format=csv");
        assert_eq!(assignments_import_url("y1"), "/api/admin/years/y1/assignments/import");
        assert_eq!(staff_export_url(SheetFormat::Xlsx), "/api/admin/staff/export?format=xlsx");
    }
}
