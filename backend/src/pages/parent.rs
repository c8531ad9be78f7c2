//! `/` and `/hoc-sinh/{pupil_id}` for parents: the children, and a child's approved results —
//! the newest year open and the older ones folded, each level with an icon and a colour besides
//! its words, the explanation worded as the next goal, one "Tải học bạ" link (a plain download:
//! no JavaScript needed) and a "Nghe" button that `/pages.js` shows where the browser can speak.
//! Staff asking for these paths get the app.

use super::html::{self, esc, Page, SignedIn};
use super::periods::{section, ReplyError};
use super::texts::{texts, PageTexts};
use super::{form_token, Visitor};
use crate::auth::CurrentUser;
use crate::db::Db;
use crate::error::AppError;
use crate::reader_lang::lang_of;
use crate::routes::blocking;
use crate::services::{parent_feedback, records, users};
use actix_web::{web, HttpRequest, HttpResponse};
use hocba_core::api::{Me, PupilResults, Role};
use hocba_core::messages::by_lang as m;
use hocba_core::transcript::{QualityLine, SubjectLine, YearRecord};
use hocba_core::{Lang, QualityLevel, SubjectLevel, YearResult};
use std::fmt::Write;

/// `GET /`: a parent's children (a single child's results at once); the app for staff; the
/// sign-in page for anyone else.
pub async fn home(req: HttpRequest, db: web::Data<Db>, session: Result<CurrentUser, AppError>) -> HttpResponse {
    let user = match Visitor::from(session) {
        Visitor::Anonymous => return html::see_other("/dang-nhap"),
        Visitor::MustChangePassword => return html::see_other("/tai-khoan"),
        Visitor::SignedIn(u) if u.role != Role::Parent => return super::shell::for_user(req, u).await,
        Visitor::SignedIn(u) => u,
    };
    let who = user.clone();
    let me = match blocking::read(&db, move |c| users::me(c, &who)).await {
        Ok(me) => me,
        Err(e) => return actix_web::ResponseError::error_response(&e),
    };
    if let [only] = me.children.as_slice() {
        let pupil_id = only.id.clone();
        return results_page(&req, &db, user, Some(me), pupil_id, "/", None).await;
    }
    let lang = lang_of(&req);
    let tx = texts(lang);
    let mut body = format!("<h1>{}</h1>\n", esc(tx.my_children));
    if me.children.is_empty() {
        let _ = writeln!(body, "<p class=\"notice\">{}</p>", esc(tx.no_children));
    } else {
        body.push_str("<ul class=\"link-list\" data-testid=\"children-list\">\n");
        for child in &me.children {
            let _ = writeln!(
                body,
                "<li><a class=\"card-link\" href=\"/hoc-sinh/{id}\"><span class=\"child-name\">{name}</span>\
                 <span class=\"muted\">{view}</span></a></li>",
                id = esc(&child.id),
                name = esc(&child.full_name),
                view = esc(tx.view_results),
            );
        }
        body.push_str("</ul>\n");
    }
    let token = form_token(&req);
    html::ok(&Page {
        lang,
        title: tx.my_children,
        path: "/",
        signed_in: Some(SignedIn { full_name: &me.full_name, form_token: &token }),
        body,
    })
}

/// `GET /hoc-sinh/{pupil_id}`: a child's results for its parent (404 for another's child); the
/// app for staff; the sign-in page, coming back here, for anyone else.
pub async fn pupil(
    req: HttpRequest,
    db: web::Data<Db>,
    session: Result<CurrentUser, AppError>,
    path: web::Path<String>,
) -> HttpResponse {
    let pupil_id = path.into_inner();
    let here = format!("/hoc-sinh/{pupil_id}");
    let user = match Visitor::from(session) {
        Visitor::Anonymous => return html::see_other(&format!("/dang-nhap?next={}", html::percent_encode(&here))),
        Visitor::MustChangePassword => return html::see_other("/tai-khoan"),
        Visitor::SignedIn(u) if u.role != Role::Parent => return super::shell::for_user(req, u).await,
        Visitor::SignedIn(u) => u,
    };
    results_page(&req, &db, user, None, pupil_id, &here, None).await
}

/// A child's page: the periodic points of the current year approved so far (with "Đã xem" and
/// a message to the teacher; `error` is a refused message shown again), then the approved years.
/// `me` is the parent's account when the caller has read it already.
pub(super) async fn results_page(
    req: &HttpRequest,
    db: &web::Data<Db>,
    user: CurrentUser,
    me: Option<Me>,
    pupil_id: String,
    path: &str,
    error: Option<ReplyError>,
) -> HttpResponse {
    let lang = lang_of(req);
    let tx = texts(lang);
    let token = form_token(req);
    // Read from the primary: the page follows the parent's own "Đã xem" and messages at once.
    let read = blocking::read(db, move |c| {
        let me = match &me {
            Some(me) => me.clone(),
            None => users::me(c, &user)?,
        };
        let found = records::results(c, &user, &pupil_id)
            .and_then(|results| Ok((results, parent_feedback::periodic_results(c, &user, &pupil_id)?)));
        Ok::<_, AppError>((me, found))
    })
    .await;
    let (me, found) = match read {
        Ok(read) => read,
        Err(e) => return actix_web::ResponseError::error_response(&e),
    };
    let signed_in = Some(SignedIn { full_name: &me.full_name, form_token: &token });
    match found {
        Ok((results, points)) => {
            let mut body = format!(
                "<section class=\"pupil-results\" data-testid=\"pupil-results\">\n<h1>{}</h1>\n",
                esc(&(tx.results_title)(&results.pupil.full_name))
            );
            body.push_str(&downloads(lang, &results));
            body.push_str(&section(lang, &results.pupil.id, &points, &token, error.as_ref()));
            body.push_str(&years(lang, &results));
            body.push_str("</section>\n");
            let title = (tx.results_title)(&results.pupil.full_name);
            html::ok(&Page { lang, title: &title, path, signed_in, body })
        }
        Err(AppError::NotFound) => {
            let body = format!(
                "<h1>{}</h1>\n<p>{}</p>\n<p><a class=\"button secondary\" href=\"/\">{}</a></p>\n",
                esc(tx.not_found_title),
                esc(tx.not_found_body),
                esc(tx.back_home)
            );
            html::with_status(
                HttpResponse::NotFound(),
                &Page { lang, title: tx.not_found_title, path, signed_in, body },
            )
        }
        Err(e) => actix_web::ResponseError::error_response(&e),
    }
}

/// "Tải học bạ" and "Nghe", first on the page (nothing to download before a year is approved).
fn downloads(lang: Lang, r: &PupilResults) -> String {
    let tx = texts(lang);
    let mut out = String::new();
    if !r.years.is_empty() {
        let _ = writeln!(
            out,
            "<p class=\"download\"><a class=\"button primary wide\" href=\"/api/pupils/{id}/hoc-ba.pdf\" download \
             data-testid=\"download-hand-over\">{label}</a><span class=\"muted\">{hint}</span></p>",
            id = esc(&r.pupil.id),
            label = esc(tx.download_pdf),
            hint = esc(tx.download_hint),
        );
        if let Some(newest) = r.years.last() {
            let _ = writeln!(
                out,
                "<p><button type=\"button\" class=\"button secondary listen-button\" hidden data-listen=\"{text}\" \
                 data-speech-lang=\"{speech}\" data-stop=\"{stop}\" data-action=\"listen\">\
                 <span aria-hidden=\"true\">🔊</span> <span class=\"label\">{listen}</span></button></p>",
                text = esc(&spoken_year(lang, &r.pupil.full_name, newest)),
                speech = if lang == Lang::Vi { "vi-VN" } else { "en-GB" },
                stop = esc(tx.listen_stop),
                listen = esc(tx.listen),
            );
        }
    }
    out
}

/// The approved years, the newest open.
fn years(lang: Lang, r: &PupilResults) -> String {
    let tx = texts(lang);
    let mut out = String::new();
    if r.years.is_empty() {
        let _ = writeln!(out, "<p class=\"notice\">{}</p>", esc(tx.no_years));
    } else {
        for (i, year) in r.years.iter().rev().enumerate() {
            out.push_str(&year_card(lang, &r.pupil.id, year, i == 0));
        }
    }
    out
}

/// What "Nghe" reads: the child, the year, the result and its explanation, then each subject's
/// level and score and each quality's level.
fn spoken_year(lang: Lang, full_name: &str, y: &YearRecord) -> String {
    let tx = texts(lang);
    let result = y.evaluation.result.map(|r| m::result_name(lang, r)).unwrap_or(tx.result_pending);
    let mut parts = vec![
        format!("{full_name}."),
        format!("{}.", (tx.year_heading)(&y.school_year, &y.class_name)),
        format!("{}: {result}.", tx.year_result),
        m::explain_for_parents(lang, &y.evaluation),
        format!("{}:", tx.subjects_heading),
    ];
    for s in &y.subjects {
        let level = s.level.map(|l| m::subject_level_name(lang, l)).unwrap_or(tx.none);
        match s.score {
            Some(score) => parts.push(format!(
                "{}, {level}, {} {score}.",
                m::subject_name(lang, &s.code, &s.name),
                tx.spoken_score
            )),
            None => parts.push(format!("{}, {level}.", m::subject_name(lang, &s.code, &s.name))),
        }
    }
    parts.push(format!("{}:", tx.qualities_heading));
    for q in &y.qualities {
        let level = q.level.map(|l| m::quality_level_name(lang, l)).unwrap_or(tx.none);
        parts.push(format!("{}, {level}.", m::quality_name(lang, &q.code, &q.name)));
    }
    parts.join(" ")
}

/// A level's mark: an icon and a colour besides its words (★ the best level, ✓ reached, ➜ still
/// to work on), for parents who read little.
fn mark(class: &str, icon: &str, words: &str) -> String {
    format!(
        "<span class=\"level-mark {class}\"><span class=\"icon\" aria-hidden=\"true\">{icon}</span>{}</span>",
        esc(words)
    )
}

fn subject_mark(lang: Lang, tx: &PageTexts, level: Option<SubjectLevel>) -> String {
    match level {
        Some(l @ SubjectLevel::T) => mark("level-top", "★", m::subject_level_name(lang, l)),
        Some(l @ SubjectLevel::H) => mark("level-ok", "✓", m::subject_level_name(lang, l)),
        Some(l @ SubjectLevel::C) => mark("level-work", "➜", m::subject_level_name(lang, l)),
        None => esc(tx.none),
    }
}

fn quality_mark(lang: Lang, tx: &PageTexts, level: Option<QualityLevel>) -> String {
    match level {
        Some(l @ QualityLevel::T) => mark("level-top", "★", m::quality_level_name(lang, l)),
        Some(l @ QualityLevel::D) => mark("level-ok", "✓", m::quality_level_name(lang, l)),
        Some(l) => mark("level-work", "➜", m::quality_level_name(lang, l)),
        None => esc(tx.none),
    }
}

fn result_mark(lang: Lang, tx: &PageTexts, result: Option<YearResult>) -> String {
    match result {
        Some(r @ (YearResult::HTXS | YearResult::HTT)) => mark("level-top", "★", m::result_name(lang, r)),
        Some(r @ YearResult::HT) => mark("level-ok", "✓", m::result_name(lang, r)),
        Some(r) => mark("level-work", "➜", m::result_name(lang, r)),
        None => esc(tx.result_pending),
    }
}

fn year_card(lang: Lang, pupil_id: &str, y: &YearRecord, open: bool) -> String {
    let tx = texts(lang);
    let result = y.evaluation.result;
    let mut out = format!(
        "<details class=\"card year\" data-school-year=\"{year}\"{open}>\n<summary><h2>{heading}</h2>\
         <span class=\"year-summary-result\">{mark}</span></summary>\n",
        year = esc(&y.school_year),
        open = if open { " open" } else { "" },
        heading = esc(&(tx.year_heading)(&y.school_year, &y.class_name)),
        mark = result_mark(lang, tx, result),
    );
    if let Some(source) = &y.source {
        let code = source
            .code
            .as_ref()
            .map(|c| format!(" <span class=\"muted nowrap\">{}</span>", esc(&(tx.document_code)(c))))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "<p class=\"year-source\" data-year-source=\"{id}\"><span class=\"badge badge-imported\">{line}</span>{code}</p>",
            id = esc(&source.school_id),
            line = esc(&(tx.year_source_line)(&source.school_name)),
        );
    }
    // An imported year's signed record is the other school's: it comes with the hand-over.
    if y.approved_at.is_some() && y.source.is_none() {
        let _ = writeln!(
            out,
            "<p class=\"download\"><a class=\"button secondary\" href=\"/api/pupils/{id}/years/{year}/record.pdf\" \
             download data-testid=\"download-year-{year}\">{label}</a></p>",
            id = esc(pupil_id),
            year = esc(&y.school_year),
            label = esc(&(tx.download_year_pdf)(&y.school_year)),
        );
    }
    if let Some(teacher) = &y.homeroom_teacher {
        let _ = writeln!(out, "<p class=\"muted\">{}: {}</p>", esc(tx.homeroom_teacher), esc(teacher));
    }
    let completion = m::completion_text(lang, y.grade, result);
    let _ = writeln!(
        out,
        "<div class=\"year-result {code}\"><p class=\"label\">{label}</p><p class=\"value\" data-field=\"result\">{mark}</p>{completion}\
         <p class=\"explain\">{explain}</p></div>",
        code = result.map(|r| r.code().to_lowercase()).unwrap_or_default(),
        label = esc(tx.year_result),
        mark = result_mark(lang, tx, result),
        completion = if completion.is_empty() {
            String::new()
        } else {
            format!("<p class=\"completion\">{}</p>", esc(&completion))
        },
        explain = esc(&m::explain_for_parents(lang, &y.evaluation)),
    );
    let _ = write!(
        out,
        "<h3>{}</h3>\n{}<h3>{}</h3>\n{}",
        esc(tx.subjects_heading),
        subjects_table(lang, &y.subjects),
        esc(tx.qualities_heading),
        qualities_table(lang, &y.qualities)
    );
    out.push_str("</details>\n");
    out
}

/// The subjects of a year or a periodic point: name, level (with its mark), test score, comment.
pub(super) fn subjects_table(lang: Lang, lines: &[SubjectLine]) -> String {
    let tx = texts(lang);
    let mut out = format!(
        "<table class=\"stack\"><thead><tr><th scope=\"col\">{c1}</th><th scope=\"col\">{c2}</th>\
         <th scope=\"col\">{c3}</th><th scope=\"col\">{c4}</th></tr></thead><tbody>\n",
        c1 = esc(tx.col_subject),
        c2 = esc(tx.col_subject_level),
        c3 = esc(tx.col_test_score),
        c4 = esc(tx.col_comment),
    );
    for s in lines {
        let _ = writeln!(
            out,
            "<tr><th scope=\"row\" data-label=\"{c1}\">{name}</th><td data-label=\"{c2}\">{level}</td>\
             <td data-label=\"{c3}\">{score}</td><td data-label=\"{c4}\">{comment}</td></tr>",
            c1 = esc(tx.col_subject),
            c2 = esc(tx.col_subject_level),
            c3 = esc(tx.col_test_score),
            c4 = esc(tx.col_comment),
            name = esc(m::subject_name(lang, &s.code, &s.name)),
            level = subject_mark(lang, tx, s.level),
            score = s.score.map(|v| v.to_string()).unwrap_or_else(|| esc(tx.none)),
            comment = esc(s.comment.as_deref().unwrap_or(tx.none)),
        );
    }
    out.push_str("</tbody></table>\n");
    out
}

/// The qualities and competences of a year or a periodic point: name, level, comment.
pub(super) fn qualities_table(lang: Lang, lines: &[QualityLine]) -> String {
    let tx = texts(lang);
    let mut out = format!(
        "<table class=\"stack\"><thead><tr><th scope=\"col\">{c1}</th><th scope=\"col\">{c2}</th>\
         <th scope=\"col\">{c3}</th></tr></thead><tbody>\n",
        c1 = esc(tx.col_quality),
        c2 = esc(tx.col_level),
        c3 = esc(tx.col_comment),
    );
    for q in lines {
        let _ = writeln!(
            out,
            "<tr><th scope=\"row\" data-label=\"{c1}\">{name}</th><td data-label=\"{c2}\">{level}</td>\
             <td data-label=\"{c3}\">{comment}</td></tr>",
            c1 = esc(tx.col_quality),
            c2 = esc(tx.col_level),
            c3 = esc(tx.col_comment),
            name = esc(m::quality_name(lang, &q.code, &q.name)),
            level = quality_mark(lang, tx, q.level),
            comment = esc(q.comment.as_deref().unwrap_or(tx.none)),
        );
    }
    out.push_str("</tbody></table>\n");
    out
}
