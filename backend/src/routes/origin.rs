//! [`Origin`] from the request headers: `Idempotency-Key`, `X-Hocba-Device`, `X-Hocba-Queued-At`.

use crate::error::AppError;
use crate::services::client_ops::Origin;
use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest};
use std::future::{ready, Ready};

impl FromRequest for Origin {
    type Error = AppError;
    type Future = Ready<Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _payload: &mut Payload) -> Self::Future {
        let header = |name: &str| req.headers().get(name).map(|v| v.to_str().unwrap_or("\u{0}"));
        ready(Origin::new(header("Idempotency-Key"), header("X-Hocba-Device"), header("X-Hocba-Queued-At")))
    }
}
