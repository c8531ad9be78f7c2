//! The periodic points of the current year on a parent's results page, once the principal
//! approved them: each point's levels and comments, a "Đã xem" button and a short message to
//! the homeroom teacher — plain HTML forms, so they work without JavaScript.

use super::form_token_ok;
use super::html::{self, esc};
use super::parent::{qualities_table, results_page, subjects_table};
use super::texts::texts;
use crate::auth::CurrentUser;
use crate::db::Db;
use crate::error::AppError;
use crate::reader_lang::lang_of;
use crate::routes::blocking;
use crate::services::parent_feedback;
use actix_web::{web, HttpRequest, HttpResponse};
use hocba_core::api::feedback::PeriodicResult;
use hocba_core::api::Role;
use hocba_core::messages::by_lang as m;
use hocba_core::time::display_date_time;
use hocba_core::{Lang, Period};
use std::fmt::Write;

/// A refused message, shown again in its point's form.
pub struct ReplyError {
    pub period: Period,
    pub message: String,
    pub text: String,
}

/// The section: the newest point first and open, the older ones folded.
pub fn section(
    lang: Lang,
    pupil_id: &str,
    points: &[PeriodicResult],
    token: &str,
    error: Option<&ReplyError>,
) -> String {
    let Some(first) = points.first() else {
        return String::new();
    };
    let tx = texts(lang);
    let mut out = format!(
        "<section class=\"periodic-results\" data-testid=\"periodic-results\"><h2>{}</h2>\n",
        esc(&(tx.periods_heading)(&first.school_year))
    );
    let mut ordered: Vec<&PeriodicResult> = points.iter().collect();
    ordered.sort_by_key(|p| std::cmp::Reverse(p.period));
    for (i, p) in ordered.into_iter().enumerate() {
        let error = error.filter(|e| e.period == p.period);
        out.push_str(&point(lang, pupil_id, p, token, i == 0 || error.is_some(), error));
    }
    out.push_str("</section>\n");
    out
}

fn point(
    lang: Lang,
    pupil_id: &str,
    p: &PeriodicResult,
    token: &str,
    open: bool,
    error: Option<&ReplyError>,
) -> String {
    let tx = texts(lang);
    let code = p.period.code();
    let seen = match &p.seen_at {
        Some(at) => format!("<span class=\"badge badge-seen\">✓ {}</span>", esc(&(tx.seen_at)(&display_date_time(at)))),
        None => format!("<span class=\"badge badge-unseen\">{}</span>", esc(tx.not_seen)),
    };
    let mut out = format!(
        "<details class=\"card period-result\" id=\"ky-{code}\" data-period=\"{code}\"{open}>\n\
         <summary><h3>{heading}</h3>{seen}</summary>\n",
        open = if open { " open" } else { "" },
        heading = esc(&(tx.period_heading)(m::period_name(lang, p.period), &p.class_name)),
    );
    out.push_str(&subjects_table(lang, &p.subjects));
    out.push_str(&qualities_table(lang, &p.qualities));
    let action = format!("/hoc-sinh/{}/ky/{code}", esc(pupil_id));
    if p.seen_at.is_none() {
        let _ = writeln!(
            out,
            "<form method=\"post\" action=\"{action}/da-xem\" class=\"seen-form\"><input type=\"hidden\" name=\"token\" \
             value=\"{token}\"><button type=\"submit\" class=\"button primary wide\" data-action=\"seen\">✓ {label}</button></form>",
            token = esc(token),
            label = esc(tx.seen_button),
        );
    }
    if !p.replies.is_empty() {
        let _ = write!(out, "<h4>{}</h4><ul class=\"replies\">", esc(tx.replies_heading));
        for r in &p.replies {
            let _ = write!(
                out,
                "<li class=\"reply\"><p>{}</p><p class=\"muted\">{}</p></li>",
                esc(&r.text),
                esc(&(tx.reply_line)(&display_date_time(&r.created_at)))
            );
        }
        out.push_str("</ul>\n");
    }
    let id = format!("reply-{code}");
    let (error_html, invalid) = match error {
        Some(e) => (
            format!("<p class=\"field-error\" id=\"{id}-error\" role=\"alert\">{}</p>", esc(&e.message)),
            format!(" aria-invalid=\"true\" aria-describedby=\"{id}-hint {id}-error\""),
        ),
        None => (String::new(), format!(" aria-describedby=\"{id}-hint\"")),
    };
    let _ = writeln!(
        out,
        "<form method=\"post\" action=\"{action}/phan-hoi\" class=\"reply-form\"><input type=\"hidden\" name=\"token\" \
         value=\"{token}\"><div class=\"form-field\"><label for=\"{id}\">{label}</label><p class=\"hint\" id=\"{id}-hint\">{hint}</p>\
         <textarea id=\"{id}\" name=\"text\" rows=\"3\" maxlength=\"500\"{invalid}>{text}</textarea>{error_html}</div>\
         <button type=\"submit\" class=\"button secondary wide\" data-action=\"reply\">{button}</button></form>",
        token = esc(token),
        label = esc(tx.reply_label),
        hint = esc(tx.reply_hint),
        text = esc(error.map(|e| e.text.as_str()).unwrap_or_default()),
        button = esc(tx.reply_button),
    );
    out.push_str("</details>\n");
    out
}

#[derive(serde::Deserialize)]
pub struct SeenForm {
    #[serde(default)]
    token: String,
}

#[derive(serde::Deserialize)]
pub struct ReplyForm {
    #[serde(default)]
    token: String,
    #[serde(default)]
    text: String,
}

/// The parent, the pupil and the point of a form's address, or the answer that refuses it (the
/// sign-in page; 404 for an unknown point; back to the page for a stale or forged form).
fn form_target(
    req: &HttpRequest,
    user: Option<CurrentUser>,
    token: &str,
    path: (String, String),
) -> Result<(CurrentUser, String, Period), Box<HttpResponse>> {
    let (pupil_id, code) = path;
    let back = format!("/hoc-sinh/{pupil_id}");
    let user = match user {
        Some(u) if u.role == Role::Parent => u,
        Some(_) => return Err(Box::new(HttpResponse::NotFound().finish())),
        None => return Err(Box::new(html::see_other(&format!("/dang-nhap?next={}", html::percent_encode(&back))))),
    };
    let Some(period) = Period::from_code(&code) else {
        return Err(Box::new(HttpResponse::NotFound().finish()));
    };
    if !form_token_ok(req, token) {
        return Err(Box::new(html::see_other(&back)));
    }
    Ok((user, pupil_id, period))
}

/// `POST /hoc-sinh/{pupil_id}/ky/{period}/da-xem`: the parent has seen the point.
pub async fn seen(
    req: HttpRequest,
    db: web::Data<Db>,
    user: Option<CurrentUser>,
    path: web::Path<(String, String)>,
    form: web::Form<SeenForm>,
) -> HttpResponse {
    let (user, pupil_id, period) = match form_target(&req, user, &form.token, path.into_inner()) {
        Ok(target) => target,
        Err(answer) => return *answer,
    };
    let back = format!("/hoc-sinh/{pupil_id}#ky-{}", period.code());
    match blocking::write(&db, move |c| parent_feedback::acknowledge(c, &user, &pupil_id, period)).await {
        Ok(_) => html::see_other(&back),
        Err(e) => actix_web::ResponseError::error_response(&e),
    }
}

/// `POST /hoc-sinh/{pupil_id}/ky/{period}/phan-hoi`: a short message to the homeroom teacher; a
/// refused one shows the page again with the text kept and the reason under it.
pub async fn reply(
    req: HttpRequest,
    db: web::Data<Db>,
    user: Option<CurrentUser>,
    path: web::Path<(String, String)>,
    form: web::Form<ReplyForm>,
) -> HttpResponse {
    let ReplyForm { token, text } = form.into_inner();
    let (user, pupil_id, period) = match form_target(&req, user, &token, path.into_inner()) {
        Ok(target) => target,
        Err(answer) => return *answer,
    };
    let back = format!("/hoc-sinh/{pupil_id}#ky-{}", period.code());
    let (who, pupil, typed) = (user.clone(), pupil_id.clone(), text.clone());
    match blocking::write(&db, move |c| parent_feedback::reply(c, &who, &pupil, period, &typed)).await {
        Ok(_) => html::see_other(&back),
        Err(AppError::Validation { message, .. }) => {
            let error = ReplyError { period, message: message.get(lang_of(&req)).to_string(), text };
            let here = format!("/hoc-sinh/{pupil_id}");
            let mut answer = results_page(&req, &db, user, None, pupil_id, &here, Some(error)).await;
            *answer.status_mut() = actix_web::http::StatusCode::UNPROCESSABLE_ENTITY;
            answer
        }
        Err(e) => actix_web::ResponseError::error_response(&e),
    }
}
