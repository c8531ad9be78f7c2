//! `CurrentUser`: the authenticated caller, from the session cookie or a bearer token.
//! Handlers that take it cannot forget authentication.

use super::jwt::{Keys, SESSION_COOKIE};
use crate::error::ApiError;
use actix_web::{dev::Payload, web, FromRequest, HttpRequest};
use hocba_core::api::Role;
use std::future::{ready, Ready};

#[derive(Debug, Clone)]
pub struct CurrentUser {
    pub id: String,
    pub school_id: String,
    pub role: Role,
}

impl CurrentUser {
    pub fn is_school_manager(&self) -> bool {
        matches!(self.role, Role::Principal | Role::Admin)
    }
}

fn token_of(req: &HttpRequest) -> Option<String> {
    if let Some(value) = req.headers().get(actix_web::http::header::AUTHORIZATION) {
        let value = value.to_str().ok()?;
        return value.strip_prefix("Bearer ").map(|t| t.trim().to_string());
    }
    req.cookie(SESSION_COOKIE).map(|c| c.value().to_string())
}

impl FromRequest for CurrentUser {
    type Error = ApiError;
    type Future = Ready<Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _payload: &mut Payload) -> Self::Future {
        let result = (|| {
            let keys = req
                .app_data::<web::Data<Keys>>()
                .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("JWT keys not configured")))?;
            let token = token_of(req).ok_or(ApiError::Unauthenticated)?;
            let claims = keys.verify(&token)?;
            Ok(CurrentUser { id: claims.sub, school_id: claims.sch, role: claims.role })
        })();
        ready(result)
    }
}
