//! The [`Issuing`] extractor: what a handler needs to issue signed documents (the database, the
//! renderer and timestamp authority, the key secret, and the public verification address, which
//! comes from the `public_url` setting only: without it, 409 `public_url_missing`).

use crate::db::Db;
use crate::documents::Documents;
use crate::error::AppError;
use crate::signing::SigningSecret;
use actix_web::dev::Payload;
use actix_web::{web, FromRequest, HttpRequest};
use std::future::{ready, Ready};
use std::sync::Arc;

pub struct Issuing {
    pub db: web::Data<Db>,
    pub documents: Arc<Documents>,
    pub secret: Arc<SigningSecret>,
    /// The configured public address (`public_url`), without a trailing `/`; never from the request.
    pub public_base: String,
}

impl Issuing {
    /// The verification page's address (`<public base>/verify`).
    pub fn verify_base(&self) -> String {
        format!("{}/verify", self.public_base)
    }
}

fn data<T: 'static>(req: &HttpRequest) -> Result<web::Data<T>, AppError> {
    req.app_data::<web::Data<T>>()
        .cloned()
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("{} is not configured", std::any::type_name::<T>())))
}

impl FromRequest for Issuing {
    type Error = AppError;
    type Future = Ready<Result<Issuing, AppError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready((|| {
            let documents = data::<Documents>(req)?;
            Ok(Issuing {
                db: data::<Db>(req)?,
                public_base: documents.public_base()?,
                documents: documents.into_inner(),
                secret: data::<SigningSecret>(req)?.into_inner(),
            })
        })())
    }
}
