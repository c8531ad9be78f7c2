//! The HTML of the server-rendered pages: escaping, the document around a page's body, the
//! header with the language switch and sign-out, and the answer (never cached: pages are
//! personal or show live verification results).

use super::texts::{texts, PageTexts};
use actix_web::http::header;
use actix_web::HttpResponse;
use hocba_core::Lang;
use std::fmt::Write;

/// Text made safe to place in HTML content and in quoted attribute values.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Who the header names, and the token that the sign-out form carries.
pub struct SignedIn<'a> {
    pub full_name: &'a str,
    pub form_token: &'a str,
}

/// One page: its language, title, the path it was asked at (the language switch comes back to
/// it), who is signed in, and its body (already HTML).
pub struct Page<'a> {
    pub lang: Lang,
    pub title: &'a str,
    pub path: &'a str,
    pub signed_in: Option<SignedIn<'a>>,
    pub body: String,
}

impl Page<'_> {
    /// The whole document. One small script (`/pages.js`) only adds the "Nghe" button where the
    /// browser can speak; everything else works without JavaScript.
    pub fn render(&self) -> String {
        let tx = texts(self.lang);
        let mut out = String::with_capacity(self.body.len() + 2048);
        let _ = write!(
            out,
            "<!doctype html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <meta name=\"color-scheme\" content=\"light\">\n<meta name=\"theme-color\" content=\"#1d4f91\">\n\
             <title>{title} — {app}</title>\n<link rel=\"icon\" href=\"/favicon.svg\" type=\"image/svg+xml\">\n\
             <link rel=\"manifest\" href=\"/manifest.webmanifest\">\n<link rel=\"stylesheet\" href=\"{style}\">\n\
             <script src=\"{script}\" defer></script>\n</head>\n<body class=\"server-page\">\n",
            lang = self.lang.code(),
            title = esc(self.title),
            app = esc(tx.app_name),
            style = crate::assets::path("style.css"),
            script = crate::assets::path("pages.js"),
        );
        out.push_str(&self.header(tx));
        out.push_str("<main id=\"main\" class=\"page narrow\">\n");
        out.push_str(&self.body);
        out.push_str("</main>\n</body>\n</html>\n");
        out
    }

    fn header(&self, tx: &PageTexts) -> String {
        let other = match self.lang {
            Lang::Vi => Lang::En,
            Lang::En => Lang::Vi,
        };
        let switch = format!(
            "<a class=\"button secondary lang-switch\" lang=\"{code}\" hreflang=\"{code}\" \
             href=\"/ngon-ngu/{code}?next={next}\" data-testid=\"lang-switch\">{name}</a>",
            code = other.code(),
            next = esc(&percent_encode(self.path)),
            name = other.native_name(),
        );
        let user = match &self.signed_in {
            Some(s) => format!(
                "<a class=\"user-name\" href=\"/tai-khoan\" data-testid=\"user-name\">{name}</a>\
                 <form method=\"post\" action=\"/dang-xuat\" class=\"inline-form\">\
                 <input type=\"hidden\" name=\"token\" value=\"{token}\">\
                 <button type=\"submit\" class=\"button secondary\">{logout}</button></form>",
                name = esc(s.full_name),
                token = esc(s.form_token),
                logout = esc(tx.logout),
            ),
            None => String::new(),
        };
        format!(
            "<header class=\"site-header\">\n<a class=\"skip-link\" href=\"#main\">{skip}</a>\n\
             <div class=\"brand\"><a class=\"brand-name\" href=\"/\">{app}</a></div>\n\
             <div class=\"user\">{switch}{user}</div>\n</header>\n",
            skip = esc(tx.skip_to_content),
            app = esc(tx.app_name),
        )
    }
}

/// One labelled input of a form: its hint and its refusal (`error`) under it, both named by
/// `aria-describedby`; a password is never written back into the page.
pub struct Field<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub kind: &'a str,
    pub label: &'a str,
    pub hint: Option<&'a str>,
    pub value: &'a str,
    pub autocomplete: &'a str,
    pub error: Option<&'a str>,
}

impl Field<'_> {
    pub fn render(&self) -> String {
        let id = self.id;
        let hint_html =
            self.hint.map(|h| format!("<p class=\"hint\" id=\"{id}-hint\">{}</p>", esc(h))).unwrap_or_default();
        let error_html = self
            .error
            .map(|m| format!("<p class=\"field-error\" id=\"{id}-error\" role=\"alert\">{}</p>", esc(m)))
            .unwrap_or_default();
        let described: Vec<String> =
            [self.hint.map(|_| format!("{id}-hint")), self.error.map(|_| format!("{id}-error"))]
                .into_iter()
                .flatten()
                .collect();
        let described =
            if described.is_empty() { String::new() } else { format!(" aria-describedby=\"{}\"", described.join(" ")) };
        format!(
            "<div class=\"form-field{invalid}\" data-field=\"{name}\"><label for=\"{id}\">{label}</label>{hint_html}\
             <input id=\"{id}\" name=\"{name}\" type=\"{kind}\" value=\"{value}\" autocomplete=\"{auto}\" required{aria}{described}>\
             {error_html}</div>\n",
            invalid = if self.error.is_some() { " invalid" } else { "" },
            name = self.name,
            kind = self.kind,
            label = esc(self.label),
            value = if self.kind == "password" { String::new() } else { esc(self.value) },
            auto = self.autocomplete,
            aria = if self.error.is_some() { " aria-invalid=\"true\"" } else { "" },
        )
    }
}

/// `200 OK` with the page, never stored by caches (it may be personal).
pub fn ok(page: &Page) -> HttpResponse {
    with_status(HttpResponse::Ok(), page)
}

/// The page with another status (a refused form: 401, 422, 429; a missing record: 404).
pub fn with_status(mut builder: actix_web::HttpResponseBuilder, page: &Page) -> HttpResponse {
    builder
        .insert_header((header::CONTENT_TYPE, "text/html; charset=utf-8"))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .insert_header((header::VARY, "Cookie, Accept-Language"))
        .body(page.render())
}

/// `303 See Other` to a path of this site.
pub fn see_other(location: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((header::LOCATION, location))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .finish()
}

/// [`see_other`], setting `cookie` (a new session, a cleared one, the language); the error's own
/// answer when there is no cookie to set.
pub fn see_other_with(
    location: &str,
    cookie: Result<actix_web::cookie::Cookie<'_>, crate::error::AppError>,
) -> HttpResponse {
    match cookie {
        Ok(cookie) => {
            let mut response = see_other(location);
            let _ = response.add_cookie(&cookie);
            response
        }
        Err(e) => actix_web::ResponseError::error_response(&e),
    }
}

/// A path of this site given back by a form or link (`next=`): only a local absolute path, never
/// another site (`//host`, `/\host`, a scheme).
pub fn local_path(next: Option<&str>) -> &str {
    match next {
        Some(p) if p.starts_with('/') && !p.starts_with("//") && !p.starts_with("/\\") && !p.contains(['\r', '\n']) => {
            p
        }
        _ => "/",
    }
}

/// Percent-encoding for a query value (everything but unreserved characters and `/`).
pub fn percent_encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~' | b'/') {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(esc("<a href=\"x\">Lê & 'Lý'</a>"), "&lt;a href=&quot;x&quot;&gt;Lê &amp; &#39;Lý&#39;&lt;/a&gt;");
    }

    #[test]
    fn next_stays_on_this_site() {
        assert_eq!(local_path(Some("/hoc-sinh/1")), "/hoc-sinh/1");
        assert_eq!(local_path(Some("//evil.example/")), "/");
        assert_eq!(local_path(Some("/\\evil.example")), "/");
        assert_eq!(local_path(Some("https://evil.example/")), "/");
        assert_eq!(local_path(None), "/");
    }

    #[test]
    fn the_page_names_its_language() {
        let page = Page { lang: Lang::En, title: "T", path: "/verify", signed_in: None, body: String::new() };
        let html = page.render();
        assert!(html.contains("<html lang=\"en\">"));
        assert!(html.contains("href=\"/ngon-ngu/vi?next=/verify\""));
    }
}
