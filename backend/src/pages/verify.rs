//! `/verify` and `/verify/{code}` (public, no sign-in): anyone checks that a học bạ is the
//! school's original and unchanged, by choosing its PDF (a plain multipart form) or typing the
//! code printed on it; the QR code of every page opens `/verify/{code}`, which answers with the
//! verdict at once. The verdict comes first, large; the forms follow for another check.

use super::html::{self, esc, Page};
use super::multipart;
use super::texts::texts;
use super::verify_report::report;
use super::verify_texts::verify_texts;
use crate::db::Db;
use crate::documents::Documents;
use crate::error::AppError;
use crate::reader_lang::lang_of;
use crate::routes::blocking;
use crate::services::issuance;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use hocba_core::api::documents::VerifyReport;
use hocba_core::Lang;

#[derive(serde::Deserialize)]
pub struct CodeQuery {
    ma: Option<String>,
}

/// `GET /verify`: the two forms; `?ma=CODE` (the code form, sent without JavaScript) goes on to
/// the code's own address, which can be shared like the QR link.
pub async fn page(req: HttpRequest, query: web::Query<CodeQuery>) -> HttpResponse {
    let lang = lang_of(&req);
    match query.ma.as_deref().map(|c| c.chars().filter(|c| !c.is_whitespace()).collect::<String>()) {
        Some(code) if !code.is_empty() => html::see_other(&format!("/verify/{}", html::percent_encode(&code))),
        Some(_) => respond(lang, StatusCode::UNPROCESSABLE_ENTITY, "/verify", None, "", Problem::Code(None)),
        None => respond(lang, StatusCode::OK, "/verify", None, "", Problem::None),
    }
}

/// `GET /verify/{code}`: the verdict of the document with this code.
pub async fn code(
    req: HttpRequest,
    db: web::Data<Db>,
    docs: web::Data<Documents>,
    path: web::Path<String>,
) -> HttpResponse {
    let lang = lang_of(&req);
    let code = path.into_inner();
    let here = format!("/verify/{}", html::percent_encode(&code));
    let stamps = docs.timestamp_roots();
    let typed = code.clone();
    match blocking::read_lagging(&db, move |c| issuance::verify_code(c, &typed, &stamps)).await {
        Ok(found) => respond(lang, StatusCode::OK, &here, Some((found, None)), &code, Problem::None),
        Err(AppError::Validation { message, .. }) => respond(
            lang,
            StatusCode::UNPROCESSABLE_ENTITY,
            &here,
            None,
            &code,
            Problem::Code(Some(message.get(lang).to_string())),
        ),
        Err(e) => actix_web::ResponseError::error_response(&e),
    }
}

/// `POST /verify`: the verdict of the chosen PDF.
pub async fn upload(req: HttpRequest, db: web::Data<Db>, docs: web::Data<Documents>, body: web::Bytes) -> HttpResponse {
    let lang = lang_of(&req);
    let content_type = req.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or_default();
    let file = multipart::boundary(content_type)
        .and_then(|b| multipart::parts(&body, &b))
        .and_then(|parts| parts.into_iter().find(|p| p.name == "file" && !p.data.is_empty()))
        .map(|p| (p.file_name.unwrap_or_default(), p.data.to_vec()));
    let Some((name, pdf)) = file else {
        return respond(lang, StatusCode::UNPROCESSABLE_ENTITY, "/verify", None, "", Problem::File(None));
    };
    let stamps = docs.timestamp_roots();
    match blocking::read(&db, move |c| issuance::verify_bytes(c, &pdf, &stamps)).await {
        Ok(found) => respond(lang, StatusCode::OK, "/verify", Some((found, Some(name))), "", Problem::None),
        Err(AppError::Validation { message, .. }) => respond(
            lang,
            StatusCode::UNPROCESSABLE_ENTITY,
            "/verify",
            None,
            "",
            Problem::File(Some(message.get(lang).to_string())),
        ),
        Err(e) => actix_web::ResponseError::error_response(&e),
    }
}

/// A form's problem: none, the code's, or the file's (the server's message, or "missing").
enum Problem {
    None,
    Code(Option<String>),
    File(Option<String>),
}

fn respond(
    lang: Lang,
    status: StatusCode,
    path: &str,
    found: Option<(VerifyReport, Option<String>)>,
    code: &str,
    problem: Problem,
) -> HttpResponse {
    let vx = verify_texts(lang);
    let mut body = format!(
        "<div class=\"verify-page\"><p class=\"app-title\">{}</p>\n<h1>{}</h1>\n",
        esc(texts(lang).app_name),
        esc(vx.title)
    );
    match &found {
        Some((r, file_name)) => body.push_str(&report(lang, r, file_name.as_deref())),
        None => body.push_str(&format!("<p class=\"verify-intro\">{}</p>\n", esc(vx.intro))),
    }
    body.push_str(&forms(lang, code, &problem));
    body.push_str("</div>\n");
    let page = Page { lang, title: vx.title, path, signed_in: None, body };
    html::with_status(HttpResponse::build(status), &page)
}

/// One form field's error paragraph and the attributes that tie it to its input.
fn field_error(id: &str, error: Option<&str>) -> (String, String) {
    match error {
        Some(message) => (
            format!("<p class=\"field-error\" id=\"{id}-error\" role=\"alert\">{}</p>", esc(message)),
            format!(" aria-invalid=\"true\" aria-describedby=\"{id}-hint {id}-error\""),
        ),
        None => (String::new(), format!(" aria-describedby=\"{id}-hint\"")),
    }
}

/// The file form and the code form: large targets, one column (used on phones).
fn forms(lang: Lang, code: &str, problem: &Problem) -> String {
    let vx = verify_texts(lang);
    let (file_error, file_attrs) = field_error(
        "verify-file",
        match problem {
            Problem::File(message) => Some(message.as_deref().unwrap_or(vx.file_missing)),
            _ => None,
        },
    );
    let (code_error, code_attrs) = field_error(
        "verify-code",
        match problem {
            Problem::Code(message) => Some(message.as_deref().unwrap_or(vx.code_missing)),
            _ => None,
        },
    );
    format!(
        "<section class=\"card verify-check\">\n\
         <form method=\"post\" action=\"/verify\" enctype=\"multipart/form-data\" class=\"verify-file-form\">\
         <div class=\"form-field\"><label for=\"verify-file\">{file_label}</label>\
         <p class=\"hint\" id=\"verify-file-hint\">{file_hint}</p>\
         <input id=\"verify-file\" name=\"file\" type=\"file\" accept=\"application/pdf,.pdf\" class=\"file-big\" \
         data-testid=\"verify-file\" data-autosubmit required{file_attrs}>{file_error}</div>\
         <button type=\"submit\" class=\"button secondary big wide\" data-action=\"verify-file\">{file_button}</button></form>\n\
         <p class=\"verify-or\"><span>{or}</span></p>\n\
         <form method=\"get\" action=\"/verify\" class=\"verify-code-form\">\
         <div class=\"form-field\"><label for=\"verify-code\">{code_label}</label>\
         <p class=\"hint\" id=\"verify-code-hint\">{code_hint}</p>\
         <input id=\"verify-code\" name=\"ma\" type=\"text\" value=\"{code}\" data-testid=\"verify-code\" autocomplete=\"off\" \
         autocapitalize=\"characters\" spellcheck=\"false\" maxlength=\"40\" class=\"code-input\"{code_attrs}>{code_error}</div>\
         <button type=\"submit\" class=\"button primary big wide\" data-action=\"verify-code\">{code_button}</button></form>\n\
         </section>\n",
        file_label = esc(vx.file_label),
        file_hint = esc(vx.file_hint),
        file_button = esc(vx.file_button),
        or = esc(vx.or),
        code_label = esc(vx.code_label),
        code_hint = esc(vx.code_hint),
        code = esc(code),
        code_button = esc(vx.code_button),
    )
}
