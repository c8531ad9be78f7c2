//! `/tai-khoan`: the signed-in user's own account, a plain page for everyone (a parent on a phone
//! loads a few kilobytes, not the app): change the password — required first when the school
//! issued it — and sign out of every device, after a confirmation. The forms carry the page's
//! token; the password is changed by the same code as the API's (`routes::auth`).

use super::html::{self, esc, Field, Page, SignedIn};
use super::texts::{texts, PageTexts};
use super::{form_token, form_token_ok};
use crate::auth::{CurrentUser, Keys, SignInGuard};
use crate::db::Db;
use crate::error::AppError;
use crate::reader_lang::lang_of;
use crate::routes::auth::{change_own_password, end_all_sessions, new_session};
use crate::routes::blocking;
use crate::services::users;
use crate::settings::Settings;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use std::collections::BTreeMap;

/// Shortest password the server accepts (`users::check_new_password`).
const MIN_PASSWORD_CHARS: usize = 8;

#[derive(serde::Deserialize)]
pub struct Shown {
    /// `?doi=1` after a change: the confirmation is shown.
    doi: Option<String>,
}

#[derive(serde::Deserialize, Default)]
pub struct PasswordForm {
    #[serde(default)]
    token: String,
    #[serde(default)]
    current_password: String,
    #[serde(default)]
    new_password: String,
    #[serde(default)]
    again: String,
}

#[derive(serde::Deserialize, Default)]
pub struct LogoutAllForm {
    #[serde(default)]
    token: String,
    /// Present once the user confirmed on the second step.
    confirm: Option<String>,
}

/// `GET /tai-khoan`.
pub async fn page(
    req: HttpRequest,
    db: web::Data<Db>,
    session: Result<CurrentUser, AppError>,
    query: web::Query<Shown>,
) -> HttpResponse {
    let Ok(user) = session else { return html::see_other("/dang-nhap?next=/tai-khoan") };
    let changed = query.doi.is_some() && !user.must_change_password;
    render(&req, &db, user, StatusCode::OK, changed, &BTreeMap::new()).await
}

/// `POST /tai-khoan`: the new password; a refusal shows the form again with its reason under
/// the field (422, or 429 while sign-ins of the account are throttled). Success starts a new
/// session (every other one has ended) and shows the confirmation.
pub async fn change(
    req: HttpRequest,
    db: web::Data<Db>,
    keys: web::Data<Keys>,
    settings: web::Data<Settings>,
    guard: web::Data<SignInGuard>,
    session: Result<CurrentUser, AppError>,
    form: web::Form<PasswordForm>,
) -> HttpResponse {
    let Ok(user) = session else { return html::see_other("/dang-nhap?next=/tai-khoan") };
    let form = form.into_inner();
    if !form_token_ok(&req, &form.token) {
        return html::see_other("/tai-khoan");
    }
    let tx = texts(lang_of(&req));
    let errors = problems(tx, &form);
    if !errors.is_empty() {
        return render(&req, &db, user, StatusCode::UNPROCESSABLE_ENTITY, false, &errors).await;
    }
    let PasswordForm { current_password, new_password, .. } = form;
    match change_own_password(&req, &db, &guard, user.clone(), current_password, new_password).await {
        Ok((user, _)) => html::see_other_with("/tai-khoan?doi=1", new_session(&keys, &settings, &user).map(|(_, c)| c)),
        Err(AppError::Validation { field, message }) => {
            render(
                &req,
                &db,
                user,
                StatusCode::UNPROCESSABLE_ENTITY,
                false,
                &BTreeMap::from([(field, message.get(lang_of(&req)).to_string())]),
            )
            .await
        }
        Err(AppError::Throttled { seconds }) => {
            let errors = BTreeMap::from([("current_password".to_string(), tx.login_throttled.to_string())]);
            let mut response = render(&req, &db, user, StatusCode::TOO_MANY_REQUESTS, false, &errors).await;
            if let Ok(value) = seconds.to_string().parse() {
                response.headers_mut().insert(actix_web::http::header::RETRY_AFTER, value);
            }
            response
        }
        Err(e) => actix_web::ResponseError::error_response(&e),
    }
}

/// `POST /tai-khoan/dang-xuat-moi-noi`: first the question (what happens, confirm or cancel),
/// then, confirmed, every session of the account ends and the sign-in page follows.
pub async fn logout_all(
    req: HttpRequest,
    db: web::Data<Db>,
    settings: web::Data<Settings>,
    session: Result<CurrentUser, AppError>,
    form: web::Form<LogoutAllForm>,
) -> HttpResponse {
    let Ok(user) = session else { return html::see_other("/dang-nhap") };
    if !form_token_ok(&req, &form.token) {
        return html::see_other("/tai-khoan");
    }
    if form.confirm.is_none() {
        return confirm_page(&req, &form.token);
    }
    html::see_other_with("/dang-nhap", end_all_sessions(&db, &settings, user).await)
}

/// What the browser can tell before asking the server, each under its field.
fn problems(tx: &PageTexts, f: &PasswordForm) -> BTreeMap<String, String> {
    let mut errors = BTreeMap::new();
    if f.current_password.is_empty() {
        errors.insert("current_password".to_string(), tx.account_current_missing.to_string());
    }
    if f.new_password.chars().count() < MIN_PASSWORD_CHARS {
        errors.insert("new_password".to_string(), tx.account_new_short.to_string());
    } else if f.new_password != f.again {
        errors.insert("again".to_string(), tx.passwords_differ.to_string());
    }
    errors
}

async fn render(
    req: &HttpRequest,
    db: &web::Data<Db>,
    user: CurrentUser,
    status: StatusCode,
    changed: bool,
    errors: &BTreeMap<String, String>,
) -> HttpResponse {
    let lang = lang_of(req);
    let tx = texts(lang);
    let must_change = user.must_change_password;
    let me = match blocking::read(db, move |c| users::me(c, &user)).await {
        Ok(me) => me,
        Err(e) => return actix_web::ResponseError::error_response(&e),
    };
    let token = form_token(req);
    let field = |id: &str, name: &str, label: &str, hint: Option<&str>, autocomplete: &str| {
        let error = errors.get(name).map(String::as_str);
        Field { id, name, kind: "password", label, hint, value: "", autocomplete, error }.render()
    };
    let mut body = format!("<h1>{}</h1>\n", esc(tx.account_title));
    if must_change {
        body.push_str(&format!(
            "<p class=\"notice warning\" role=\"alert\" data-testid=\"must-change-password\">{}</p>\n",
            esc(tx.account_must_change)
        ));
    }
    if changed {
        body.push_str(&format!(
            "<p class=\"notice\" role=\"status\" data-testid=\"password-changed\">{}</p>\n\
             <p><a class=\"button primary wide\" href=\"/\">{}</a></p>\n",
            esc(tx.account_changed),
            esc(tx.back_home)
        ));
    }
    body.push_str(&format!(
        "<form class=\"card\" method=\"post\" action=\"/tai-khoan\" data-form=\"change-password\">\n\
         <h2>{title}</h2>\n<input type=\"hidden\" name=\"token\" value=\"{token}\">\n\
         <input type=\"text\" class=\"sr-only\" name=\"username\" autocomplete=\"username\" value=\"{username}\" \
         readonly tabindex=\"-1\" aria-hidden=\"true\">\n{current}{new}{again}\
         <button type=\"submit\" class=\"button primary wide\" data-action=\"change-password\">{button}</button>\n</form>\n",
        title = esc(tx.account_password_title),
        token = esc(&token),
        username = esc(&me.username),
        current = field("current-password", "current_password", tx.account_current, None, "current-password"),
        new = field("new-password", "new_password", tx.account_new, Some(tx.account_new_hint), "new-password"),
        again = field("again-password", "again", tx.redeem_password_again, None, "new-password"),
        button = esc(tx.account_change_button),
    ));
    if !must_change {
        body.push_str(&format!(
            "<form class=\"card\" method=\"post\" action=\"/tai-khoan/dang-xuat-moi-noi\">\n<h2>{title}</h2>\n\
             <p>{text}</p>\n<input type=\"hidden\" name=\"token\" value=\"{token}\">\n\
             <button type=\"submit\" class=\"button secondary wide\" data-action=\"logout-all\">{button}</button>\n</form>\n",
            title = esc(tx.account_sessions_title),
            text = esc(tx.account_sessions_body),
            token = esc(&token),
            button = esc(tx.account_logout_all),
        ));
    }
    let page = Page {
        lang,
        title: tx.account_title,
        path: "/tai-khoan",
        signed_in: Some(SignedIn { full_name: &me.full_name, form_token: &token }),
        body,
    };
    html::with_status(HttpResponse::build(status), &page)
}

/// The question before signing out everywhere: confirm (the same form, confirmed) or go back.
fn confirm_page(req: &HttpRequest, token: &str) -> HttpResponse {
    let lang = lang_of(req);
    let tx = texts(lang);
    let body = format!(
        "<h1>{title}</h1>\n<form class=\"card\" method=\"post\" action=\"/tai-khoan/dang-xuat-moi-noi\" \
         data-testid=\"logout-all-confirm\">\n<p role=\"alert\">{text}</p>\n\
         <input type=\"hidden\" name=\"token\" value=\"{token}\">\n<input type=\"hidden\" name=\"confirm\" value=\"1\">\n\
         <button type=\"submit\" class=\"button danger wide\" data-action=\"confirm\">{button}</button>\n\
         <p><a class=\"button secondary wide\" href=\"/tai-khoan\">{cancel}</a></p>\n</form>\n",
        title = esc(tx.account_logout_all),
        text = esc(tx.account_logout_all_confirm),
        token = esc(token),
        button = esc(tx.account_logout_all),
        cancel = esc(tx.cancel),
    );
    html::ok(&Page { lang, title: tx.account_logout_all, path: "/tai-khoan", signed_in: None, body })
}
