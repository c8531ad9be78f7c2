//! `/dang-nhap`: the one sign-in page, an HTML form that works without JavaScript; `/dang-xuat`:
//! signing out from a server-rendered page.

use super::html::{self, esc, Page};
use super::texts::{texts, PageTexts};
use super::{form_token_ok, Visitor};
use crate::auth::{CurrentUser, Keys, SignInGuard};
use crate::db::Db;
use crate::error::AppError;
use crate::reader_lang::lang_of;
use crate::routes::auth::{end_session, new_session, sign_in};
use crate::settings::Settings;
use actix_web::{web, HttpRequest, HttpResponse};

#[derive(serde::Deserialize)]
pub struct NextQuery {
    next: Option<String>,
}

#[derive(serde::Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    username: String,
    #[serde(default)]
    password: String,
    next: Option<String>,
}

/// `GET /dang-nhap`: the form; a signed-in user goes straight on.
pub async fn page(
    req: HttpRequest,
    session: Result<CurrentUser, AppError>,
    query: web::Query<NextQuery>,
) -> HttpResponse {
    let next = html::local_path(query.next.as_deref());
    match Visitor::from(session) {
        Visitor::SignedIn(_) => html::see_other(next),
        Visitor::MustChangePassword => html::see_other("/tai-khoan"),
        Visitor::Anonymous => html::ok(&login_page(&req, "", next, None)),
    }
}

/// `POST /dang-nhap`: signs in and goes on (to the password change first when the password was
/// issued by someone else); a refusal shows the form again with its reason and the right status.
pub async fn submit(
    req: HttpRequest,
    db: web::Data<Db>,
    keys: web::Data<Keys>,
    settings: web::Data<Settings>,
    guard: web::Data<SignInGuard>,
    form: web::Form<LoginForm>,
) -> HttpResponse {
    let LoginForm { username, password, next } = form.into_inner();
    let next = html::local_path(next.as_deref()).to_string();
    let tx = texts(lang_of(&req));
    if username.trim().is_empty() || password.is_empty() {
        let page = login_page(&req, &username, &next, Some(tx.login_missing));
        return html::with_status(HttpResponse::UnprocessableEntity(), &page);
    }
    let signed = sign_in(&req, &db, &guard, &username, password).await;
    let (user, me) = match signed {
        Ok(found) => found,
        Err(e) => {
            let (status, message) = refusal(&e, tx);
            let page = login_page(&req, &username, &next, Some(message));
            let mut builder = HttpResponse::build(status);
            if let AppError::Throttled { seconds } = e {
                builder.insert_header(("Retry-After", seconds.to_string()));
            }
            return html::with_status(builder, &page);
        }
    };
    let to = if me.must_change_password { "/tai-khoan" } else { next.as_str() };
    html::see_other_with(to, new_session(&keys, &settings, &user).map(|(_, c)| c))
}

/// The status and the sentence a refused sign-in shows.
fn refusal(e: &AppError, tx: &PageTexts) -> (actix_web::http::StatusCode, &'static str) {
    use actix_web::http::StatusCode;
    match e {
        AppError::BadCredentials => (StatusCode::UNAUTHORIZED, tx.login_failed),
        AppError::Validation { .. } => (StatusCode::UNPROCESSABLE_ENTITY, tx.login_missing),
        AppError::Throttled { .. } => (StatusCode::TOO_MANY_REQUESTS, tx.login_throttled),
        _ => (actix_web::ResponseError::status_code(e), tx.login_busy_server),
    }
}

#[derive(serde::Deserialize)]
pub struct SignOutForm {
    #[serde(default)]
    token: String,
}

/// `POST /dang-xuat`: ends the session (only with the page's form token) and shows the sign-in
/// page.
pub async fn sign_out(
    req: HttpRequest,
    db: web::Data<Db>,
    keys: web::Data<Keys>,
    settings: web::Data<Settings>,
    user: Option<CurrentUser>,
    form: web::Form<SignOutForm>,
) -> HttpResponse {
    if !form_token_ok(&req, &form.token) {
        return html::see_other("/");
    }
    html::see_other_with("/dang-nhap", end_session(&req, &db, &keys, &settings, user).await)
}

fn login_page<'a>(req: &HttpRequest, username: &str, next: &str, error: Option<&str>) -> Page<'a> {
    let lang = lang_of(req);
    let tx = texts(lang);
    let error = error
        .map(|m| format!("<p class=\"form-error\" role=\"alert\" id=\"login-error\">{}</p>\n", esc(m)))
        .unwrap_or_default();
    let described = if error.is_empty() { "" } else { " aria-describedby=\"login-error\"" };
    let next_field = if next == "/" {
        String::new()
    } else {
        format!("<input type=\"hidden\" name=\"next\" value=\"{}\">\n", esc(next))
    };
    let body = format!(
        "<h1 class=\"app-title\">{app}</h1>\n\
         <form class=\"card login-form\" method=\"post\" action=\"/dang-nhap\" data-testid=\"login-form\">\n\
         <h2>{title}</h2>\n<p class=\"muted\">{intro}</p>\n{next_field}\
         <div class=\"form-field\"><label for=\"username\">{name}</label>\n\
         <input id=\"username\" name=\"username\" type=\"text\" autocomplete=\"username\" autocapitalize=\"none\" \
         spellcheck=\"false\" required value=\"{username}\"{described}></div>\n\
         <div class=\"form-field\"><label for=\"password\">{password}</label>\n\
         <input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" required{described}></div>\n\
         {error}<button type=\"submit\" class=\"button primary wide\">{button}</button>\n</form>\n\
         <section class=\"card login-help\" data-testid=\"login-help\">\n<p>{first}</p>\n\
         <p><a class=\"button secondary wide\" href=\"/kich-hoat\">{activate}</a></p>\n\
         <p class=\"muted\">{forgot}</p>\n</section>\n\
         <p class=\"muted center\"><a class=\"verify-link\" href=\"/verify\">{verify}</a></p>\n",
        app = esc(tx.app_name),
        title = esc(tx.login_title),
        intro = esc(tx.login_intro),
        name = esc(tx.login_name),
        username = esc(username),
        password = esc(tx.password),
        button = esc(tx.login_button),
        first = esc(tx.login_first_time),
        activate = esc(tx.login_activate),
        forgot = esc(tx.login_forgot),
        verify = esc(tx.verify_link),
    );
    Page { lang, title: tx.login_title, path: "/dang-nhap", signed_in: None, body }
}
