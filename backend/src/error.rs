//! The API's error type, mapped to HTTP in one place. A 500 says nothing internal; the cause
//! chain goes to the log.

use crate::db::{is_lock_violation, DbError};
use crate::messages;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};
use hocba_core::api::{ErrorBody, ErrorDetail};

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// 422: a value broke a rule; `field` names it (e.g. `subjects.toan.score`).
    #[error("validation failed on {field}: {message}")]
    Validation { field: String, message: String },
    /// 400: the request could not be read.
    #[error("bad request: {message}")]
    BadRequest { message: String, field: Option<String> },
    #[error("not authenticated")]
    Unauthenticated,
    #[error("wrong username or password")]
    BadCredentials,
    #[error("forbidden")]
    Forbidden,
    #[error("not found")]
    NotFound,
    /// 409: the record is locked or in a state that refuses the action.
    #[error("conflict ({code}): {message}")]
    Conflict { code: &'static str, message: String },
    /// 409 `stale`: the cell changed since the version the write was based on; `current` is its value now.
    #[error("stale write on {field}")]
    Stale { field: String, message: String, current: serde_json::Value },
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl ApiError {
    pub fn validation(field: impl Into<String>, message: impl Into<String>) -> Self {
        ApiError::Validation { field: field.into(), message: message.into() }
    }

    pub fn conflict(code: &'static str, message: impl Into<String>) -> Self {
        ApiError::Conflict { code, message: message.into() }
    }

    /// The message a person reads (the `message` of the JSON body), in Vietnamese.
    pub fn user_message(&self) -> String {
        self.detail().message
    }

    fn detail(&self) -> ErrorDetail {
        if let ApiError::Stale { field, message, current } = self {
            return ErrorDetail {
                code: "stale".into(),
                message: message.clone(),
                field: Some(field.clone()),
                current: Some(current.clone()),
            };
        }
        let (code, message, field) = match self {
            ApiError::Validation { field, message } => ("validation", message.clone(), Some(field.clone())),
            ApiError::BadRequest { message, field } => ("bad_request", message.clone(), field.clone()),
            ApiError::Unauthenticated => ("unauthenticated", messages::UNAUTHENTICATED.to_string(), None),
            ApiError::BadCredentials => ("bad_credentials", messages::BAD_CREDENTIALS.to_string(), None),
            ApiError::Forbidden => ("forbidden", messages::FORBIDDEN.to_string(), None),
            ApiError::NotFound => ("not_found", messages::NOT_FOUND.to_string(), None),
            ApiError::Conflict { code, message } => (*code, message.clone(), None),
            ApiError::Stale { field, message, .. } => ("stale", message.clone(), Some(field.clone())),
            ApiError::Internal(_) => ("internal", "Internal Server Error".to_string(), None),
        };
        ErrorDetail { code: code.to_string(), message, field, current: None }
    }
}

/// A value refused by a rule of core: 422 naming the field.
impl From<hocba_core::entry::FieldError> for ApiError {
    fn from(e: hocba_core::entry::FieldError) -> Self {
        ApiError::validation(e.field, e.message)
    }
}

impl From<DbError> for ApiError {
    fn from(e: DbError) -> Self {
        match e {
            DbError::Query(q) => q.into(),
            other => ApiError::Internal(other.into()),
        }
    }
}

impl From<diesel::result::Error> for ApiError {
    fn from(e: diesel::result::Error) -> Self {
        if is_lock_violation(&e) {
            return ApiError::conflict("locked", messages::RECORD_LOCKED_BY_DATABASE);
        }
        match e {
            diesel::result::Error::NotFound => ApiError::NotFound,
            // Two writers creating the same row at once (e.g. the same empty cell): the second
            // one loses and is told to reload, instead of a 500.
            diesel::result::Error::DatabaseError(diesel::result::DatabaseErrorKind::UniqueViolation, _) => {
                ApiError::conflict("concurrent_write", messages::CONCURRENT_WRITE)
            }
            other => ApiError::Internal(other.into()),
        }
    }
}

impl From<actix_web::error::BlockingError> for ApiError {
    fn from(e: actix_web::error::BlockingError) -> Self {
        ApiError::Internal(anyhow::anyhow!("blocking task failed: {e}"))
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        match self {
            ApiError::Validation { .. } => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::BadRequest { .. } => StatusCode::BAD_REQUEST,
            ApiError::Unauthenticated | ApiError::BadCredentials => StatusCode::UNAUTHORIZED,
            ApiError::Forbidden => StatusCode::FORBIDDEN,
            ApiError::NotFound => StatusCode::NOT_FOUND,
            ApiError::Conflict { .. } | ApiError::Stale { .. } => StatusCode::CONFLICT,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        if let ApiError::Internal(cause) = self {
            tracing::error!(error = ?cause, "internal error");
        }
        HttpResponse::build(self.status_code()).json(ErrorBody { error: self.detail() })
    }
}

/// Answers JSON bodies that cannot be parsed with a 400 naming the problem.
pub fn json_error_handler(err: actix_web::error::JsonPayloadError, _req: &actix_web::HttpRequest) -> actix_web::Error {
    let field = match &err {
        actix_web::error::JsonPayloadError::Deserialize(e) => Some(format!("line {} column {}", e.line(), e.column())),
        _ => None,
    };
    ApiError::BadRequest { message: format!("{}: {err}", messages::BAD_JSON), field }.into()
}

/// Answers unparsable path segments (e.g. an unknown periodic point) with a 404.
pub fn path_error_handler(_err: actix_web::error::PathError, _req: &actix_web::HttpRequest) -> actix_web::Error {
    ApiError::NotFound.into()
}
