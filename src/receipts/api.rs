//! The published signing keys and the receipt checker, over HTTP.

use actix_web::{web, HttpResponse};
use serde::{Deserialize, Serialize};

use super::model::{StoredReceipt, Verification};
use super::service;
use crate::error::Result;
use crate::http::auth::ApiUser;
use crate::http::extract::Tenant;
use crate::state::AppState;

type Problem = crate::http::problem::Problem;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/.well-known/jwks.json").get(jwks))
        .service(web::resource("/api/v1/receipts/verify").post(verify))
        .service(web::resource("/api/v1/me/consent-receipts").get(mine))
        .service(web::resource("/api/v1/me/consent-receipts/{id}").get(one));
}

/// A receipt as a file to keep: the compact JWT, as an attachment that
/// no browser or proxy stores.
pub fn download(receipt: &StoredReceipt) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("application/jwt")
        .insert_header((
            "Content-Disposition",
            format!(
                "attachment; filename=\"consent-receipt-{}.jwt\"",
                receipt.id
            ),
        ))
        .insert_header(("Cache-Control", "no-store"))
        .body(receipt.receipt.clone())
}

/// Every consent receipt issued to you, newest first, each with the
/// receipt itself (a compact JWT).
#[utoipa::path(get, path = "/api/v1/me/consent-receipts", tag = "receipts", security(("bearer" = [])),
    responses(
        (status = 200, description = "Your consent receipts", body = [StoredReceipt]),
        (status = 401, description = "Not signed in", body = Problem),
    ))]
pub async fn mine(state: web::Data<AppState>, caller: ApiUser) -> Result<HttpResponse> {
    let me = caller.user.clone();
    let receipts = state
        .db(move |conn| service::mine(conn, &me.tenant_id, &me.id))
        .await?;
    Ok(HttpResponse::Ok()
        .insert_header(("Cache-Control", "no-store"))
        .json(receipts))
}

/// One of your consent receipts, as a file (`application/jwt`). Anyone
/// else's is 404.
#[utoipa::path(get, path = "/api/v1/me/consent-receipts/{id}", tag = "receipts", security(("bearer" = [])),
    params(("id" = String, Path, description = "The receipt's id (`jti`)")),
    responses(
        (status = 200, description = "The receipt, a compact JWT", content_type = "application/jwt", body = String),
        (status = 401, description = "Not signed in", body = Problem),
        (status = 404, description = "No such receipt of yours", body = Problem),
    ))]
pub async fn one(
    state: web::Data<AppState>,
    caller: ApiUser,
    path: web::Path<String>,
) -> Result<HttpResponse> {
    let id = receipt_id(&path)?;
    let me = caller.user.clone();
    let receipt = state
        .db(move |conn| service::one_of_mine(conn, &me.tenant_id, &me.id, &id))
        .await?;
    Ok(download(&receipt))
}

/// A receipt id from a path: a UUID, else 404.
pub fn receipt_id(raw: &str) -> Result<String> {
    uuid::Uuid::parse_str(raw)
        .map(|u| u.to_string())
        .map_err(|_| crate::error::Error::NotFound)
}

/// One published key, as RFC 8037 writes an Ed25519 key.
#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Jwk {
    /// `OKP`
    pub kty: String,
    /// `Ed25519`
    pub crv: String,
    /// The public key, base64url.
    pub x: String,
    pub kid: String,
    /// `EdDSA`
    pub alg: String,
    /// `sig`
    #[serde(rename = "use")]
    pub use_: String,
}

#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct JwkSet {
    pub keys: Vec<Jwk>,
}

/// The keys that sign consent receipts: the current one first, then
/// retired ones, which still verify receipts signed before a rotation.
#[utoipa::path(get, path = "/.well-known/jwks.json", tag = "receipts",
    responses((status = 200, description = "The JSON Web Key Set", body = JwkSet)))]
pub async fn jwks(state: web::Data<AppState>) -> Result<HttpResponse> {
    let keys = state.keys.clone();
    let published = state
        .blocking(move || {
            // A fresh platform has no key until the first receipt: make
            // it now, so the set is never empty.
            keys.signing_key()?;
            Ok(keys.public_signing_keys()?)
        })
        .await?;
    let set = JwkSet {
        keys: published
            .iter()
            .map(|k| Jwk {
                kty: "OKP".into(),
                crv: "Ed25519".into(),
                x: k.x(),
                kid: k.kid.clone(),
                alg: "EdDSA".into(),
                use_: "sig".into(),
            })
            .collect(),
    };
    Ok(HttpResponse::Ok()
        .insert_header(("Cache-Control", "public, max-age=300"))
        .json(set))
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct ReceiptToCheck {
    /// The receipt as issued: a compact JWT.
    pub receipt: String,
}

/// Checks a consent receipt: whether it was signed by one of this
/// platform's published keys and is unchanged, what it records, and
/// (for a receipt issued by this place) whether that consent is still
/// live. A bad receipt is an answer (`valid: false` with a reason), not an
/// error; an empty or oversized one is 422.
#[utoipa::path(post, path = "/api/v1/receipts/verify", tag = "receipts",
    request_body = ReceiptToCheck,
    responses(
        (status = 200, description = "What the receipt is worth", body = Verification),
        (status = 422, description = "No receipt given, or far too long to be one", body = Problem),
    ))]
pub async fn verify(
    state: web::Data<AppState>,
    tenant: Tenant,
    body: web::Json<ReceiptToCheck>,
) -> Result<HttpResponse> {
    let keys = state.keys.clone();
    let tenant_id = tenant.id.clone();
    let token = body.into_inner().receipt;
    let checked = state
        .db(move |conn| service::check(conn, &keys, &tenant_id, &token))
        .await?;
    Ok(HttpResponse::Ok().json(checked))
}
