//! `/kich-hoat`: a parent turns the code printed on the school's slip into an account — the code,
//! their name, a user name (or their phone number) and a password twice — and is then signed in;
//! a signed-in parent adds a child with the code alone. The slip's QR code opens
//! `/kich-hoat?ma=CODE` with the code filled in. A plain form: it works without JavaScript.

use super::html::{self, esc, Page};
use super::texts::{texts, PageTexts};
use super::Visitor;
use crate::auth::{CurrentUser, Keys};
use crate::db::Db;
use crate::error::AppError;
use crate::reader_lang::lang_of;
use crate::routes::auth::new_session;
use crate::routes::blocking;
use crate::services::admin::guardians;
use crate::settings::Settings;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use hocba_core::api::admin::RedeemInvite;
use hocba_core::api::Role;
use std::collections::BTreeMap;

/// `?ma=CODE` (`hocba_core::api::admin::REDEEM_CODE_PARAM`), from the slip's QR code.
#[derive(serde::Deserialize)]
pub struct CodeQuery {
    ma: Option<String>,
}

#[derive(serde::Deserialize, Default)]
pub struct RedeemForm {
    #[serde(default)]
    code: String,
    #[serde(default)]
    full_name: String,
    #[serde(default)]
    username: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    again: String,
}

/// The form; with `?ma=` the code is filled in.
pub async fn page(
    req: HttpRequest,
    session: Result<CurrentUser, AppError>,
    query: web::Query<CodeQuery>,
) -> HttpResponse {
    let parent = match Visitor::from(session) {
        Visitor::SignedIn(u) if u.role == Role::Parent => true,
        Visitor::SignedIn(_) => return html::see_other("/"),
        Visitor::MustChangePassword => return html::see_other("/tai-khoan"),
        Visitor::Anonymous => false,
    };
    let typed = RedeemForm { code: query.ma.clone().unwrap_or_default(), ..RedeemForm::default() };
    render(&req, StatusCode::OK, parent, &typed, &BTreeMap::new())
}

/// `POST /kich-hoat`: the account (or one more child), then the parent's home; a refusal shows
/// the form again with each reason under its field.
pub async fn submit(
    req: HttpRequest,
    db: web::Data<Db>,
    keys: web::Data<Keys>,
    settings: web::Data<Settings>,
    session: Result<CurrentUser, AppError>,
    form: web::Form<RedeemForm>,
) -> HttpResponse {
    let session = match Visitor::from(session) {
        Visitor::SignedIn(u) if u.role == Role::Parent => Some(u),
        Visitor::SignedIn(_) => return html::see_other("/"),
        Visitor::MustChangePassword => return html::see_other("/tai-khoan"),
        Visitor::Anonymous => None,
    };
    let form = form.into_inner();
    let tx = texts(lang_of(&req));
    let errors = missing(tx, &form, session.is_none());
    if !errors.is_empty() {
        return render(&req, StatusCode::UNPROCESSABLE_ENTITY, session.is_some(), &form, &errors);
    }
    let body = RedeemInvite {
        code: form.code.clone(),
        username: form.username.clone(),
        full_name: form.full_name.trim().to_string(),
        password: form.password.clone(),
    };
    let parent = session.is_some();
    let redeemed = blocking::write(&db, move |c| {
        let user = guardians::redeem(c, session.as_ref(), &body)?;
        Ok::<_, AppError>(user)
    })
    .await;
    match redeemed {
        Ok(user) => html::see_other_with("/", new_session(&keys, &settings, &user).map(|(_, c)| c)),
        Err(AppError::Validation { field, message }) => {
            let errors = BTreeMap::from([(field, message.get(lang_of(&req)).to_string())]);
            render(&req, StatusCode::UNPROCESSABLE_ENTITY, parent, &form, &errors)
        }
        Err(e) => actix_web::ResponseError::error_response(&e),
    }
}

/// The fields left empty (or the second password differing), each with its reason.
fn missing(tx: &PageTexts, f: &RedeemForm, new_account: bool) -> BTreeMap<String, String> {
    let mut errors = BTreeMap::new();
    let mut need = |field: &str, empty: bool, message: &str| {
        if empty {
            errors.insert(field.to_string(), message.to_string());
        }
    };
    need("code", f.code.trim().is_empty(), tx.redeem_code_missing);
    if new_account {
        need("full_name", f.full_name.trim().is_empty(), tx.redeem_name_missing);
        need("username", f.username.trim().is_empty(), tx.redeem_username_missing);
        need("password", f.password.is_empty(), tx.redeem_password_missing);
        need("again", !f.password.is_empty() && f.password != f.again, tx.passwords_differ);
    }
    errors
}

fn render(
    req: &HttpRequest,
    status: StatusCode,
    signed_in_parent: bool,
    f: &RedeemForm,
    errors: &BTreeMap<String, String>,
) -> HttpResponse {
    let lang = lang_of(req);
    let tx = texts(lang);
    let field = |id: &str, name: &str, kind: &str, label: &str, hint: Option<&str>, value: &str, auto: &str| {
        let error = errors.get(name).map(String::as_str);
        html::Field { id, name, kind, label, hint, value, autocomplete: auto, error }.render()
    };
    let mut fields = field("redeem-code", "code", "text", tx.redeem_code, Some(tx.redeem_code_hint), &f.code, "off");
    if !signed_in_parent {
        fields.push_str(&field("redeem-name", "full_name", "text", tx.redeem_full_name, None, &f.full_name, "name"));
        fields.push_str(&field(
            "redeem-username",
            "username",
            "text",
            tx.redeem_username,
            Some(tx.redeem_username_hint),
            &f.username,
            "username",
        ));
        fields.push_str(&field(
            "redeem-password",
            "password",
            "password",
            tx.redeem_password,
            Some(tx.redeem_password_hint),
            "",
            "new-password",
        ));
        fields.push_str(&field(
            "redeem-again",
            "again",
            "password",
            tx.redeem_password_again,
            None,
            "",
            "new-password",
        ));
    }
    let body = format!(
        "<h1 class=\"app-title\">{app}</h1>\n<form class=\"card redeem-form\" method=\"post\" action=\"/kich-hoat\" \
         data-testid=\"redeem-form\">\n<h2>{title}</h2>\n<p>{intro}</p>\n{fields}\
         <button type=\"submit\" class=\"button primary wide\">{button}</button>\n</form>\n{have}",
        app = esc(tx.app_name),
        title = esc(tx.redeem_title),
        intro = esc(if signed_in_parent { tx.redeem_intro_signed_in } else { tx.redeem_intro }),
        button = esc(tx.redeem_button),
        have = if signed_in_parent {
            String::new()
        } else {
            format!(
                "<p class=\"muted center\">{} <a href=\"/dang-nhap\">{}</a></p>\n",
                esc(tx.redeem_have_account),
                esc(tx.login_button)
            )
        },
    );
    let page = Page { lang, title: tx.redeem_title, path: "/kich-hoat", signed_in: None, body };
    html::with_status(HttpResponse::build(status), &page)
}
