//! Pages rendered on the server: sign-in, activation, the user's account (password, signing out
//! everywhere), the parent's home and a child's results, public verification. They need no JavaScript and no wasm — a parent on a weak mobile link reads the
//! results and downloads the signed học bạ with a few kilobytes — and they speak the language of
//! the `hocba_lang` cookie or, on a first visit, of `Accept-Language`.
//!
//! Staff (and anyone on the app's other paths) get the Yew app: `/` and `/hoc-sinh/{id}` answer
//! the app shell to a signed-in member of staff. Forms that change something carry a token
//! derived from the session (`form_token`), since a plain HTML form cannot send the API's
//! client header.

mod account;
mod html;
mod login;
mod multipart;
mod parent;
mod periods;
mod redeem;
pub mod shell;
mod texts;
mod verify;
mod verify_report;
mod verify_texts;

use crate::auth::SESSION_COOKIE;
use actix_web::middleware::Compress;
use actix_web::{web, HttpRequest, HttpResponse};
use hocba_core::lang::LANG_COOKIE;
use hocba_core::Lang;
use sha2::{Digest, Sha256};

/// Registers the pages (before the app shell's catch-all).
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource("/dang-nhap")
            .wrap(Compress::default())
            .route(web::get().to(login::page))
            .route(web::post().to(login::submit)),
    )
    .service(
        web::resource("/kich-hoat")
            .wrap(Compress::default())
            .route(web::get().to(redeem::page))
            .route(web::post().to(redeem::submit)),
    )
    .service(web::resource("/dang-xuat").route(web::post().to(login::sign_out)))
    .service(
        web::resource("/tai-khoan")
            .wrap(Compress::default())
            .route(web::get().to(account::page))
            .route(web::post().to(account::change)),
    )
    .service(web::resource("/tai-khoan/dang-xuat-moi-noi").route(web::post().to(account::logout_all)))
    .service(web::resource("/ngon-ngu/{code}").route(web::get().to(switch_language)))
    .service(web::resource("/").wrap(Compress::default()).route(web::get().to(parent::home)))
    .service(web::resource("/hoc-sinh/{pupil_id}").wrap(Compress::default()).route(web::get().to(parent::pupil)))
    .service(web::resource("/hoc-sinh/{pupil_id}/ky/{period}/da-xem").route(web::post().to(periods::seen)))
    .service(
        web::resource("/hoc-sinh/{pupil_id}/ky/{period}/phan-hoi")
            .wrap(Compress::default())
            .route(web::post().to(periods::reply)),
    )
    .service(
        web::resource("/verify")
            .wrap(Compress::default())
            .app_data(web::PayloadConfig::new(crate::routes::documents::MAX_VERIFY_BYTES + 64 * 1024))
            .route(web::get().to(verify::page))
            .route(web::post().to(verify::upload)),
    )
    .service(web::resource("/verify/{code}").wrap(Compress::default()).route(web::get().to(verify::code)));
}

/// Who asks for a page.
pub enum Visitor {
    SignedIn(crate::auth::CurrentUser),
    /// Signed in with a password someone else issued: the app's account page first.
    MustChangePassword,
    Anonymous,
}

impl From<Result<crate::auth::CurrentUser, crate::error::AppError>> for Visitor {
    fn from(session: Result<crate::auth::CurrentUser, crate::error::AppError>) -> Self {
        match session {
            Ok(user) => Visitor::SignedIn(user),
            Err(e) if e.is_password_change_required() => Visitor::MustChangePassword,
            Err(_) => Visitor::Anonymous,
        }
    }
}

/// The token a page's forms carry: derived from the session token, so another site (which cannot
/// read the page) cannot forge it, and it dies with the session.
pub fn form_token(req: &HttpRequest) -> String {
    let session = req.cookie(SESSION_COOKIE).map(|c| c.value().to_string()).unwrap_or_default();
    let digest = Sha256::digest(format!("hocba-page-form\0{session}"));
    digest[..16].iter().map(|b| format!("{b:02x}")).collect()
}

/// Whether a posted form's token is this session's (compared in constant time).
pub fn form_token_ok(req: &HttpRequest, posted: &str) -> bool {
    let expected = form_token(req);
    req.cookie(SESSION_COOKIE).is_some()
        && posted.len() == expected.len()
        && posted.bytes().zip(expected.bytes()).fold(0u8, |acc, (a, b)| acc | (a ^ b)) == 0
}

#[derive(serde::Deserialize)]
pub struct Next {
    next: Option<String>,
}

/// `GET /ngon-ngu/{vi|en}?next=/path`: remembers the language for a year and goes back to the
/// page (a link, so it works without JavaScript).
async fn switch_language(path: web::Path<String>, query: web::Query<Next>) -> HttpResponse {
    let Some(lang) = Lang::from_code(&path.into_inner()) else {
        return HttpResponse::NotFound().finish();
    };
    let cookie = actix_web::cookie::Cookie::build(LANG_COOKIE, lang.code())
        .path("/")
        .max_age(actix_web::cookie::time::Duration::days(365))
        .same_site(actix_web::cookie::SameSite::Lax)
        .finish();
    html::see_other_with(html::local_path(query.next.as_deref()), Ok(cookie))
}
