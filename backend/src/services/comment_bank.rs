//! A teacher's own bank of comments (nhận xét), per subject or phẩm chất / năng lực code, shown
//! with core's suggestions (`hocba_core::comments`). Each teacher sees and removes only their own.

use crate::auth::CurrentUser;
use crate::db::connection::AnyConnection;
use crate::db::models::{new_id, now, CommentBankEntry};
use crate::db::schema::comment_bank;
use crate::error::AppError;
use crate::services::audit;
use diesel::prelude::*;
use hocba_core::api::{CommentBank, CommentBankQuery, NewComment, OwnComment, Role};
use hocba_core::comments;

fn require_teacher(user: &CurrentUser) -> Result<(), AppError> {
    if user.has(Role::Teacher) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

fn own(e: CommentBankEntry) -> OwnComment {
    OwnComment { id: e.id, text: e.text }
}

/// `GET /api/comment-bank`: the teacher's own comments for the code (newest first) and core's
/// suggestions for the code and level.
pub fn list(conn: &mut AnyConnection, user: &CurrentUser, query: &CommentBankQuery) -> Result<CommentBank, AppError> {
    require_teacher(user)?;
    let suggestions = comments::bank_suggestions(&query.subject, query.level.as_deref())?;
    let entries: Vec<CommentBankEntry> = comment_bank::table
        .filter(comment_bank::user_id.eq(&user.id))
        .filter(comment_bank::subject_code.eq(query.subject.trim()))
        .order((comment_bank::created_at.desc(), comment_bank::id.desc()))
        .select(CommentBankEntry::as_select())
        .load(conn)?;
    Ok(CommentBank {
        own: entries.into_iter().map(own).collect(),
        suggestions: suggestions.into_iter().map(str::to_owned).collect(),
    })
}

/// `POST /api/comment-bank`: keeps a comment; the same text again answers the kept entry.
pub fn add(conn: &mut AnyConnection, user: &CurrentUser, input: &NewComment) -> Result<OwnComment, AppError> {
    require_teacher(user)?;
    crate::validation::limits(input)?;
    let (code, text) = comments::check_bank_entry(input)?;
    let existing = comment_bank::table
        .filter(comment_bank::user_id.eq(&user.id))
        .filter(comment_bank::subject_code.eq(&code))
        .filter(comment_bank::text.eq(&text))
        .select(CommentBankEntry::as_select())
        .first(conn)
        .optional()?;
    if let Some(e) = existing {
        return Ok(own(e));
    }
    let entry = CommentBankEntry {
        id: new_id(),
        school_id: user.school_id.clone(),
        user_id: user.id.clone(),
        subject_code: code,
        text,
        created_at: now(),
    };
    diesel::insert_into(comment_bank::table).values(&entry).execute(conn)?;
    log(conn, user, "comment_bank.add", &entry)?;
    Ok(own(entry))
}

/// `DELETE /api/comment-bank/{id}`: only the owner's own entry (404 otherwise).
pub fn remove(conn: &mut AnyConnection, user: &CurrentUser, id: &str) -> Result<(), AppError> {
    require_teacher(user)?;
    let entry: CommentBankEntry = comment_bank::table
        .find(id)
        .filter(comment_bank::user_id.eq(&user.id))
        .select(CommentBankEntry::as_select())
        .first(conn)
        .optional()?
        .ok_or(AppError::NotFound)?;
    diesel::delete(comment_bank::table.find(&entry.id)).execute(conn)?;
    log(conn, user, "comment_bank.delete", &entry)
}

fn log(conn: &mut AnyConnection, user: &CurrentUser, action: &str, e: &CommentBankEntry) -> Result<(), AppError> {
    audit::append(
        conn,
        audit::Event {
            school_id: &user.school_id,
            actor_id: Some(&user.id),
            action,
            entity: "comment_bank",
            entity_id: &e.id,
            detail: serde_json::json!({"subject": e.subject_code, "text": e.text}),
        },
    )
}
