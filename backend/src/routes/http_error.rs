//! The HTTP side of [`AppError`]: its status, its JSON body in the reader's language, and the
//! handlers for bodies and paths that cannot be read. A 500 says nothing internal; the cause chain
//! goes to the log. A busy database answers 503 with `Retry-After`.

use crate::error::AppError;
use crate::messages;
use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::ServiceResponse;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};
use hocba_core::api::ErrorBody;
use hocba_core::Lang;

/// Seconds a client is asked to wait when the database is busy.
pub const RETRY_AFTER_SECONDS: u32 = 2;

impl From<actix_web::error::BlockingError> for AppError {
    fn from(e: actix_web::error::BlockingError) -> Self {
        AppError::Internal(anyhow::anyhow!("blocking task failed: {e}"))
    }
}

impl ResponseError for AppError {
    fn status_code(&self) -> StatusCode {
        match self {
            AppError::Validation { .. } | AppError::Invalid { .. } => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::BadRequest { .. } => StatusCode::BAD_REQUEST,
            AppError::Unauthenticated | AppError::BadCredentials => StatusCode::UNAUTHORIZED,
            AppError::Forbidden | AppError::NotAllowed { .. } => StatusCode::FORBIDDEN,
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Conflict { .. }
            | AppError::Stale { .. }
            | AppError::Incomplete { .. }
            | AppError::Checklist { .. } => StatusCode::CONFLICT,
            AppError::Busy | AppError::Overloaded => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Throttled { .. } => StatusCode::TOO_MANY_REQUESTS,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        if let AppError::Internal(cause) = self {
            tracing::error!(error = ?cause, "internal error");
        }
        let mut response = HttpResponse::build(self.status_code());
        match self {
            AppError::Busy | AppError::Overloaded => {
                response.insert_header(("Retry-After", RETRY_AFTER_SECONDS.to_string()));
            }
            AppError::Throttled { seconds } => {
                response.insert_header(("Retry-After", seconds.to_string()));
            }
            _ => {}
        }
        response.json(ErrorBody { error: self.detail(Lang::Vi) })
    }
}

/// Words an error answer of the API in its reader's language ([`crate::reader_lang`]). Actix
/// writes an [`AppError`] before the request is known ([`ResponseError::error_response`] is in
/// Vietnamese); this replaces the JSON body of such an answer (its status and headers stay) when
/// the reader asked for another language. Applied inside compression, so the new body is the one
/// compressed.
pub fn in_readers_language<B: MessageBody>(res: ServiceResponse<B>) -> ServiceResponse<EitherBody<B>> {
    let Some(error) = res.response().error().and_then(|e| e.as_error::<AppError>()) else {
        return res.map_into_left_body();
    };
    let lang = crate::reader_lang::lang_of(res.request());
    if lang == Lang::Vi {
        return res.map_into_left_body();
    }
    match serde_json::to_vec(&ErrorBody { error: error.detail(lang) }) {
        Ok(body) => res.map_body(|_, _| EitherBody::right(body.boxed())),
        Err(_) => res.map_into_left_body(),
    }
}

/// Answers JSON bodies that cannot be read: 400 when it is not JSON, 422 when it is JSON with a
/// value of the wrong kind (a fraction where a whole number goes, a number out of range, a
/// missing field), naming where.
pub fn json_error_handler(err: actix_web::error::JsonPayloadError, _req: &actix_web::HttpRequest) -> actix_web::Error {
    if let actix_web::error::JsonPayloadError::Deserialize(e) = &err {
        let field = format!("line {} column {}", e.line(), e.column());
        if e.classify() == serde_json::error::Category::Data {
            return AppError::Validation { field, message: messages::BAD_VALUE.with_detail(e) }.into();
        }
        return AppError::BadRequest { message: messages::BAD_JSON.with_detail(&err), field: Some(field) }.into();
    }
    AppError::BadRequest { message: messages::BAD_JSON.with_detail(err), field: None }.into()
}

/// Answers query strings that cannot be read with a JSON 400 (not actix's plain text).
pub fn query_error_handler(
    err: actix_web::error::QueryPayloadError,
    _req: &actix_web::HttpRequest,
) -> actix_web::Error {
    AppError::BadRequest { message: messages::BAD_QUERY.with_detail(err), field: None }.into()
}

/// Answers unparsable path segments (e.g. an unknown periodic point) with a 404.
pub fn path_error_handler(_err: actix_web::error::PathError, _req: &actix_web::HttpRequest) -> actix_web::Error {
    AppError::NotFound.into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::signing::SigningError;
    use hocba_core::api::documents::SignerRole;

    #[test]
    fn statuses() {
        let missing =
            AppError::from(SigningError::Missing { role: SignerRole::Teacher, name: "Vàng Thị Dung".into() });
        assert_eq!(missing.status_code().as_u16(), 422);
        assert_eq!(AppError::from(SigningError::WrongSecret).status_code().as_u16(), 409);
        assert_eq!(AppError::NotFound.status_code().as_u16(), 404);
        assert_eq!(AppError::Forbidden.status_code().as_u16(), 403);
        let busy = AppError::Busy.error_response();
        assert_eq!(busy.status().as_u16(), 503);
        assert_eq!(busy.headers().get("Retry-After").and_then(|v| v.to_str().ok()), Some("2"));
        assert_eq!(AppError::Internal(anyhow::anyhow!("x")).status_code().as_u16(), 500);
        let throttled = AppError::Throttled { seconds: 8 }.error_response();
        assert_eq!(throttled.status().as_u16(), 429);
        assert_eq!(throttled.headers().get("Retry-After").and_then(|v| v.to_str().ok()), Some("8"));
    }
}
