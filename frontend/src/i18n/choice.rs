//! Which language the interface starts in, and switching it.
//!
//! At start-up: the `hocba_lang` cookie (shared with the server's pages), else the choice kept in
//! `localStorage`, else the browser's languages (what it sends as `Accept-Language`), else
//! Vietnamese. Switching writes both the cookie and `localStorage`, and sets `<html lang>`.

use super::{lang, set_lang, t};
use hocba_core::lang::{Lang, LANG_COOKIE};
use std::cell::Cell;
use wasm_bindgen::JsValue;

/// A year, in seconds: how long the cookie keeps the choice.
const COOKIE_MAX_AGE: u32 = 31_536_000;

thread_local! {
    /// Set by a switch, so the new page's switch takes the keyboard focus back.
    static JUST_SWITCHED: Cell<bool> = const { Cell::new(false) };
}

/// The value of the cookie `name` in a `document.cookie` string ("a=1; hocba_lang=en").
pub fn cookie_value<'a>(cookies: &'a str, name: &str) -> Option<&'a str> {
    cookies.split(';').find_map(|pair| {
        let (key, value) = pair.split_once('=')?;
        (key.trim() == name).then(|| value.trim())
    })
}

/// The language to start in: the cookie, the stored choice, the browser's languages (most
/// preferred first), Vietnamese.
pub fn choose(cookie: Option<&str>, stored: Option<&str>, browser_languages: &[String]) -> Lang {
    cookie
        .and_then(Lang::from_code)
        .or_else(|| stored.and_then(Lang::from_code))
        .or_else(|| Lang::from_accept_language(&browser_languages.join(",")))
        .unwrap_or_default()
}

/// The `document.cookie` line that remembers `lang`.
pub fn cookie_line(lang: Lang) -> String {
    format!("{LANG_COOKIE}={}; Path=/; Max-Age={COOKIE_MAX_AGE}; SameSite=Lax", lang.code())
}

/// The other language: the one the switch offers.
pub fn other(lang: Lang) -> Lang {
    match lang {
        Lang::Vi => Lang::En,
        Lang::En => Lang::Vi,
    }
}

fn document() -> Option<web_sys::Document> {
    web_sys::window().and_then(|w| w.document())
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

fn read_cookies() -> String {
    document()
        .and_then(|d| js_sys::Reflect::get(&d, &JsValue::from_str("cookie")).ok())
        .and_then(|v| v.as_string())
        .unwrap_or_default()
}

fn browser_languages() -> Vec<String> {
    let Some(navigator) = web_sys::window().map(|w| w.navigator()) else { return Vec::new() };
    let list: Vec<String> = navigator.languages().iter().filter_map(|v| v.as_string()).collect();
    if list.is_empty() {
        navigator.language().into_iter().collect()
    } else {
        list
    }
}

/// `<html lang>` and the window's title follow the current language.
fn apply_to_document() {
    if let Some(doc) = document() {
        if let Some(root) = doc.document_element() {
            let _ = root.set_attribute("lang", lang().code());
        }
        doc.set_title(t().app_name);
    }
}

/// Picks the language at start-up (before the first render).
pub fn init() {
    let cookies = read_cookies();
    let stored = storage().and_then(|s| s.get_item(LANG_COOKIE).ok().flatten());
    set_lang(choose(cookie_value(&cookies, LANG_COOKIE), stored.as_deref(), &browser_languages()));
    apply_to_document();
}

/// Makes `lang` the language and remembers it (cookie and `localStorage`); the caller re-renders.
pub fn switch_to(lang: Lang) {
    set_lang(lang);
    if let Some(doc) = document() {
        let _ = js_sys::Reflect::set(&doc, &JsValue::from_str("cookie"), &JsValue::from_str(&cookie_line(lang)));
    }
    if let Some(s) = storage() {
        let _ = s.set_item(LANG_COOKIE, lang.code());
    }
    apply_to_document();
    JUST_SWITCHED.with(|c| c.set(true));
}

/// True once after a switch: the new page's switch takes the focus.
pub fn take_just_switched() -> bool {
    JUST_SWITCHED.with(|c| c.replace(false))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cookie_wins_then_the_stored_choice_then_the_browser() {
        let langs = |l: &[&str]| l.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(choose(Some("en"), Some("vi"), &langs(&["vi"])), Lang::En);
        assert_eq!(choose(Some("xx"), Some("en"), &langs(&["vi"])), Lang::En);
        assert_eq!(choose(None, None, &langs(&["fr-FR", "en-GB", "vi"])), Lang::En);
        assert_eq!(choose(None, None, &langs(&["vi-VN", "en"])), Lang::Vi);
        assert_eq!(choose(None, None, &langs(&["fr"])), Lang::Vi);
        assert_eq!(choose(None, None, &[]), Lang::Vi);
    }

    #[test]
    fn reads_one_cookie_among_others() {
        assert_eq!(cookie_value("a=1; hocba_lang=en; b=2", "hocba_lang"), Some("en"));
        assert_eq!(cookie_value("hocba_lang=vi", "hocba_lang"), Some("vi"));
        assert_eq!(cookie_value("xhocba_lang=en", "hocba_lang"), None);
        assert_eq!(cookie_value("", "hocba_lang"), None);
    }

    #[test]
    fn the_cookie_line_keeps_the_choice_for_a_year() {
        assert_eq!(cookie_line(Lang::En), "hocba_lang=en; Path=/; Max-Age=31536000; SameSite=Lax");
        assert_eq!(other(Lang::Vi), Lang::En);
    }
}
