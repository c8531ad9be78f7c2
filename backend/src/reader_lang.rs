//! The language of whoever reads an answer: the `hocba_lang` cookie (the switch on every page),
//! else `Accept-Language` (API clients, a first visit), else Vietnamese. The server's pages and
//! its JSON errors are worded in it.

use actix_web::HttpRequest;
use hocba_core::lang::LANG_COOKIE;
use hocba_core::Lang;

/// The language of a request: the `hocba_lang` cookie, else `Accept-Language`, else Vietnamese.
pub fn lang_of(req: &HttpRequest) -> Lang {
    let cookie = req.cookie(LANG_COOKIE);
    let accept = req.headers().get(actix_web::http::header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok());
    Lang::negotiate(cookie.as_ref().map(|c| c.value()), accept)
}

/// The reader's language as a handler's argument: answers that carry a sentence (notifications,
/// previews) are worded in it.
#[derive(Debug, Clone, Copy)]
pub struct ReaderLang(pub Lang);

impl actix_web::FromRequest for ReaderLang {
    type Error = std::convert::Infallible;
    type Future = std::future::Ready<Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut actix_web::dev::Payload) -> Self::Future {
        std::future::ready(Ok(ReaderLang(lang_of(req))))
    }
}
