//! A teacher's own bank of comments.

use crate::auth::CurrentUser;
use crate::db::Db;
use crate::error::AppError;
use crate::routes::blocking;
use crate::services::comment_bank;
use actix_web::{web, HttpResponse};
use hocba_core::api::{CommentBank, CommentBankQuery, ErrorBody, NewComment, OwnComment};

/// `GET /api/comment-bank?subject=&level=`: the teacher's own comments and the suggestions.
#[utoipa::path(get, path = "/api/comment-bank", tag = "assessments", params(CommentBankQuery),
    responses((status = 200, body = CommentBank), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn list(
    db: web::Data<Db>,
    user: CurrentUser,
    query: web::Query<CommentBankQuery>,
) -> Result<web::Json<CommentBank>, AppError> {
    let query = query.into_inner();
    Ok(web::Json(blocking::read(&db, move |c| comment_bank::list(c, &user, &query)).await?))
}

/// `POST /api/comment-bank`: keeps a comment (the same text again answers the kept entry).
#[utoipa::path(post, path = "/api/comment-bank", tag = "assessments", request_body = NewComment,
    responses((status = 200, body = OwnComment), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn add(
    db: web::Data<Db>,
    user: CurrentUser,
    body: web::Json<NewComment>,
) -> Result<web::Json<OwnComment>, AppError> {
    let input = body.into_inner();
    Ok(web::Json(blocking::write(&db, move |c| comment_bank::add(c, &user, &input)).await?))
}

/// `DELETE /api/comment-bank/{id}`: the teacher's own entry only (404 otherwise).
#[utoipa::path(delete, path = "/api/comment-bank/{id}", tag = "assessments", params(("id" = String, Path)),
    responses((status = 204, description = "Removed"), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn remove(db: web::Data<Db>, user: CurrentUser, path: web::Path<String>) -> Result<HttpResponse, AppError> {
    let id = path.into_inner();
    blocking::write(&db, move |c| comment_bank::remove(c, &user, &id)).await?;
    Ok(HttpResponse::NoContent().finish())
}
