//! Signing on a USB token with `hocba sign`: the signed-in signer's pending documents and the
//! upload of their signatures.

use crate::auth::CurrentUser;
use crate::db::Db;
use crate::documents::Documents;
use crate::error::AppError;
use crate::routes::blocking;
use crate::services::issuance;
use crate::signing::SigningSecret;
use actix_web::web;
use hocba_core::api::documents::{IssuedDocument, PendingSignature, SignatureUpload};
use hocba_core::api::ErrorBody;

/// `GET /api/signing/pending`: the documents waiting for the signed-in user's signature, when their
/// active certificate for the role is on a USB token: the digest to sign and the certificate the
/// server expects.
#[utoipa::path(get, path = "/api/signing/pending", tag = "signing",
    responses((status = 200, body = Vec<PendingSignature>), (status = 409, body = ErrorBody)))]
pub async fn pending(
    db: web::Data<Db>,
    secret: web::Data<SigningSecret>,
    user: CurrentUser,
) -> Result<web::Json<Vec<PendingSignature>>, AppError> {
    let list = blocking::read(&db, move |c| issuance::pending_for(c, &secret, &user)).await?;
    Ok(web::Json(list))
}

/// `POST /api/signing/pending/{document_id}`: the CMS signature of the document's digest made on
/// the token. It must sign exactly the pending digest with the registered certificate (else 422
/// naming `cms`); it is embedded and the remaining signers (the seal) sign. 409 when the document
/// no longer waits for this user's signature.
#[utoipa::path(post, path = "/api/signing/pending/{document_id}", tag = "signing",
    params(("document_id" = String, Path)), request_body = SignatureUpload,
    responses((status = 200, body = IssuedDocument), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn upload(
    db: web::Data<Db>,
    secret: web::Data<SigningSecret>,
    docs: web::Data<Documents>,
    user: CurrentUser,
    path: web::Path<String>,
    body: web::Json<SignatureUpload>,
) -> Result<web::Json<IssuedDocument>, AppError> {
    let document_id = path.into_inner();
    let doc = web::block(move || {
        issuance::sign_pending(&db, &secret, docs.tsa.as_ref(), docs.renderer.cache(), &user, &document_id, &body.cms)
    })
    .await??;
    Ok(web::Json(doc))
}
