//! The application's error: what went wrong in the terms of the use cases (a refused value, a
//! conflict with the record's state, nobody found, not allowed, busy, internal). No web framework
//! here: the HTTP mapping lives beside the routes (`routes::http_error`), and the CLI prints
//! [`AppError::user_message`]. Messages are [`Bilingual`]: an answer is worded in its reader's
//! language ([`AppError::detail`]).

use crate::db::{is_busy, is_lock_violation, DbError};
use crate::messages;
use hocba_core::api::ErrorDetail;
use hocba_core::{Bilingual, Lang};

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// 422: a value broke a rule; `field` names it (e.g. `subjects.toan.score`).
    #[error("validation failed on {field}: {message}")]
    Validation { field: String, message: Bilingual },
    /// 422 `validation` from a write of several pupils: every refused value, each naming its pupil
    /// and field; nothing was written.
    #[error("validation failed on {} values: {message}", errors.len())]
    Invalid { message: Bilingual, errors: Vec<PupilRefusal> },
    /// 400: the request could not be read.
    #[error("bad request: {message}")]
    BadRequest { message: Bilingual, field: Option<String> },
    #[error("not authenticated")]
    Unauthenticated,
    #[error("wrong username or password")]
    BadCredentials,
    #[error("forbidden")]
    Forbidden,
    /// 403 with the reason a person can act on ("not your subject"), naming the field.
    #[error("not allowed on {field}: {message}")]
    NotAllowed { field: String, message: Bilingual },
    #[error("not found")]
    NotFound,
    /// 409: the record is locked or in a state that refuses the action.
    #[error("conflict ({code}): {message}")]
    Conflict { code: &'static str, message: Bilingual },
    /// 409 `stale`: the cell changed since the version the write was based on; `current` is its value now.
    #[error("stale write on {field}")]
    Stale { field: String, message: Bilingual, current: serde_json::Value },
    /// 409 `incomplete`: a submit while cells are empty; `missing` names each pupil and cell.
    #[error("incomplete: {message}")]
    Incomplete { message: Bilingual, missing: Vec<hocba_core::api::PupilGaps> },
    /// 409 `checklist`: an approval while the pre-approval checklist has findings and no override
    /// reason was given; `findings` names each pupil and what is missing.
    #[error("checklist: {message}")]
    Checklist { message: Bilingual, findings: Vec<hocba_core::api::ChecklistFinding> },
    /// The database's writer stayed busy longer than a request may wait; try again shortly.
    #[error("the database is busy")]
    Busy,
    /// 503: too much work of one kind at once (sign-ins waiting for a password worker); try again shortly.
    #[error("overloaded")]
    Overloaded,
    /// 429: too many failed sign-ins; the next attempt is looked at after `seconds`.
    #[error("too many attempts, wait {seconds} s")]
    Throttled { seconds: u64 },
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

/// One refused value of a write of several pupils ([`AppError::Invalid`]).
#[derive(Debug, Clone)]
pub struct PupilRefusal {
    pub pupil_id: String,
    pub field: String,
    pub message: Bilingual,
}

impl PupilRefusal {
    fn in_lang(&self, lang: Lang) -> hocba_core::api::PupilFieldError {
        hocba_core::api::PupilFieldError {
            pupil_id: self.pupil_id.clone(),
            field: self.field.clone(),
            message: self.message.get(lang).to_string(),
        }
    }
}

impl AppError {
    pub fn validation(field: impl Into<String>, message: Bilingual) -> Self {
        AppError::Validation { field: field.into(), message }
    }

    /// The session's password was issued by someone else and must be changed first.
    pub fn password_change_required() -> Self {
        AppError::NotAllowed { field: "password".into(), message: crate::messages::PASSWORD_CHANGE_REQUIRED }
    }

    /// Whether this is [`AppError::password_change_required`].
    pub fn is_password_change_required(&self) -> bool {
        matches!(self, AppError::NotAllowed { field, .. } if field == "password")
    }

    pub fn conflict(code: &'static str, message: Bilingual) -> Self {
        AppError::Conflict { code, message }
    }

    /// A refusal of this one request by the rules or the record's state (a bad value, a conflict,
    /// nothing found, not allowed), as opposed to a failure of the system (busy, internal). A batch
    /// records a refusal against its item and goes on; it stops on a failure.
    pub fn is_refusal(&self) -> bool {
        matches!(
            self,
            AppError::Validation { .. }
                | AppError::Invalid { .. }
                | AppError::BadRequest { .. }
                | AppError::Conflict { .. }
                | AppError::Stale { .. }
                | AppError::Checklist { .. }
                | AppError::NotFound
                | AppError::Forbidden
                | AppError::NotAllowed { .. }
        )
    }

    /// The message a person reads (the `message` of the JSON body), in Vietnamese.
    pub fn user_message(&self) -> String {
        self.detail(Lang::Vi).message
    }

    /// The error as the API's JSON body carries it, its message in `lang`.
    pub fn detail(&self, lang: Lang) -> ErrorDetail {
        if let AppError::Stale { field, message, current } = self {
            return ErrorDetail {
                code: "stale".into(),
                message: message.get(lang).to_string(),
                field: Some(field.clone()),
                current: Some(current.clone()),
                missing: None,
                findings: None,
                errors: None,
            };
        }
        if let AppError::Invalid { message, errors } = self {
            return ErrorDetail {
                code: "validation".into(),
                message: message.get(lang).to_string(),
                field: None,
                current: None,
                missing: None,
                findings: None,
                errors: Some(errors.iter().map(|e| e.in_lang(lang)).collect()),
            };
        }
        if let AppError::Incomplete { message, missing } = self {
            return ErrorDetail {
                code: "incomplete".into(),
                message: message.get(lang).to_string(),
                field: None,
                current: None,
                missing: Some(missing.clone()),
                findings: None,
                errors: None,
            };
        }
        if let AppError::Checklist { message, findings } = self {
            return ErrorDetail {
                code: "checklist".into(),
                message: message.get(lang).to_string(),
                field: None,
                current: None,
                missing: None,
                findings: Some(findings.clone()),
                errors: None,
            };
        }
        let (code, message, field) = match self {
            AppError::Validation { field, message } => {
                ("validation", message.get(lang).to_string(), Some(field.clone()))
            }
            AppError::Invalid { message, .. } => ("validation", message.get(lang).to_string(), None),
            AppError::BadRequest { message, field } => ("bad_request", message.get(lang).to_string(), field.clone()),
            AppError::Unauthenticated => ("unauthenticated", messages::UNAUTHENTICATED.get(lang).to_string(), None),
            AppError::BadCredentials => ("bad_credentials", messages::BAD_CREDENTIALS.get(lang).to_string(), None),
            AppError::Forbidden => ("forbidden", messages::FORBIDDEN.get(lang).to_string(), None),
            AppError::NotAllowed { field, message } => {
                ("forbidden", message.get(lang).to_string(), Some(field.clone()))
            }
            AppError::NotFound => ("not_found", messages::NOT_FOUND.get(lang).to_string(), None),
            AppError::Conflict { code, message } => (*code, message.get(lang).to_string(), None),
            AppError::Stale { field, message, .. } => ("stale", message.get(lang).to_string(), Some(field.clone())),
            AppError::Incomplete { message, .. } => ("incomplete", message.get(lang).to_string(), None),
            AppError::Checklist { message, .. } => ("checklist", message.get(lang).to_string(), None),
            AppError::Busy => ("busy", messages::BUSY.get(lang).to_string(), None),
            AppError::Overloaded => ("overloaded", messages::OVERLOADED.get(lang).to_string(), None),
            AppError::Throttled { seconds } => ("throttled", messages::throttled(*seconds).get(lang).to_string(), None),
            AppError::Internal(_) => ("internal", "Internal Server Error".to_string(), None),
        };
        ErrorDetail {
            code: code.to_string(),
            message,
            field,
            current: None,
            missing: None,
            findings: None,
            errors: None,
        }
    }
}

/// A value refused by a rule of core: 422 naming the field.
impl From<hocba_core::entry::FieldError> for AppError {
    fn from(e: hocba_core::entry::FieldError) -> Self {
        AppError::validation(e.field, e.message)
    }
}

impl From<DbError> for AppError {
    fn from(e: DbError) -> Self {
        match e {
            DbError::Query(q) => q.into(),
            // The pool had no free connection within its timeout: as busy as a held writer.
            DbError::Busy | DbError::Pool(_) => AppError::Busy,
            DbError::Damaged(detail) => AppError::Internal(anyhow::anyhow!("{detail}")),
            other => AppError::Internal(other.into()),
        }
    }
}

impl From<diesel::result::Error> for AppError {
    fn from(e: diesel::result::Error) -> Self {
        if is_lock_violation(&e) {
            return AppError::conflict("locked", messages::RECORD_LOCKED_BY_DATABASE);
        }
        if is_busy(&e) {
            return AppError::Busy;
        }
        match e {
            diesel::result::Error::NotFound => AppError::NotFound,
            // Two writers creating the same row at once (e.g. the same empty cell): the second
            // one loses and is told to reload, instead of a 500.
            diesel::result::Error::DatabaseError(diesel::result::DatabaseErrorKind::UniqueViolation, _) => {
                AppError::conflict("concurrent_write", messages::CONCURRENT_WRITE)
            }
            other => AppError::Internal(other.into()),
        }
    }
}
