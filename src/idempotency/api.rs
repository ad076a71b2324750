//! The HTTP face of the room: the middleware that honours
//! `Idempotency-Key` on the API's POSTs, and the OpenAPI modifier that
//! documents it on every operation it applies to.

use actix_web::body::{self, BoxBody};
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::error::PayloadError;
use actix_web::http::header::{self, HeaderName, HeaderValue};
use actix_web::http::{Method, StatusCode};
use actix_web::middleware::Next;
use actix_web::{web, HttpResponse};

use super::model::{
    Answer, Claim, Fingerprint, IdempotencyKey, Scope, HEADER, MAX_KEPT_BODY, REPLAYED,
};
use super::service;
use crate::error::{Error, FieldError, Words};
use crate::http::auth::ApiUser;
use crate::state::AppState;

/// Whether a request's `Idempotency-Key` is honoured (when it is also
/// signed in): POSTs under `/api/v1/`, except the sign-in endpoints, whose
/// answers carry tokens that must never be stored.
pub fn honoured(method: &Method, path: &str) -> bool {
    method == Method::POST && path.starts_with("/api/v1/") && !path.starts_with("/api/v1/auth/")
}

/// The middleware (inside tenant resolution). Requests it does not apply
/// to pass straight through.
pub async fn remember(
    mut req: ServiceRequest,
    next: Next<BoxBody>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let applies = honoured(req.method(), req.path())
        && req.headers().contains_key(HEADER)
        && req.headers().contains_key(header::AUTHORIZATION);
    if !applies {
        return next.call(req).await;
    }
    let raw = req.headers().get(HEADER).map(|v| v.as_bytes().to_vec());
    let key = match IdempotencyKey::parse(raw.as_deref().unwrap_or_default()) {
        Ok(key) => key,
        Err(e) => return Ok(req.error_response(e)),
    };
    // A token that does not sign anyone in: the handler answers 401, and
    // nothing is remembered for nobody.
    let Ok(caller) = req.extract::<ApiUser>().await else {
        return next.call(req).await;
    };
    let Some(state) = req.app_data::<web::Data<AppState>>().cloned() else {
        return Ok(req.error_response(Error::Internal("application state missing".into())));
    };
    let body = match req.extract::<web::Bytes>().await {
        Ok(body) => body,
        Err(e) => return Ok(req.error_response(e)),
    };
    req.set_payload(again(body.clone()));
    let method = req.method().as_str().to_owned();
    let path = req.path().to_owned();
    let path_and_query = req
        .uri()
        .path_and_query()
        .map_or_else(|| path.clone(), |p| p.as_str().to_owned());
    let fingerprint = Fingerprint::of(&method, &path_and_query, &body);
    let scope = Scope {
        tenant_id: caller.tenant.id.clone(),
        user_id: caller.user.id.clone(),
        key,
    };
    let claimed = {
        let (st, scope, fingerprint) = (state.clone(), scope.clone(), fingerprint.clone());
        state
            .db(move |conn| service::claim(conn, &st.keys, &scope, &fingerprint, &method, &path))
            .await
    };
    match claimed {
        Err(e) => Ok(req.error_response(e)),
        Ok(Claim::Mismatch) => Ok(req.error_response(Error::Validation(vec![FieldError::new(
            HEADER,
            "idempotency_key_reused",
            Words::of("error-idempotency-key-reused"),
        )]))),
        Ok(Claim::InFlight) => {
            let mut res = req.error_response(Error::conflict(
                "idempotency_key_in_flight",
                Words::of("error-idempotency-in-flight"),
            ));
            res.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
            Ok(res)
        }
        Ok(Claim::Replay(answer)) => {
            tracing::info!(
                status = answer.status,
                "replayed the answer to an Idempotency-Key"
            );
            Ok(req.into_response(replay(answer)))
        }
        Ok(Claim::Fresh { claim }) => {
            // Its own task: the request runs to the end and its answer is
            // kept even if the client hangs up, so their retry finds it.
            let first = async move {
                match next.call(req).await {
                    Ok(res) => Ok(keep(state, scope, fingerprint, claim, res).await),
                    Err(e) => {
                        let _ = release(&state, scope, claim).await;
                        Err(e)
                    }
                }
            };
            actix_web::rt::spawn(first).await.map_err(|e| {
                actix_web::Error::from(Error::Internal(format!(
                    "the request with an Idempotency-Key stopped: {e}"
                )))
            })?
        }
    }
}

/// The body, once read, made readable again for the handler.
fn again(body: web::Bytes) -> Payload {
    let stream: std::pin::Pin<
        Box<dyn futures_util::Stream<Item = Result<web::Bytes, PayloadError>>>,
    > = Box::pin(futures_util::stream::once(async move { Ok(body) }));
    Payload::from(stream)
}

/// Keeps the first answer if it is worth keeping, or frees the key.
async fn keep(
    state: web::Data<AppState>,
    scope: Scope,
    fingerprint: Fingerprint,
    claim: String,
    res: ServiceResponse<BoxBody>,
) -> ServiceResponse<BoxBody> {
    let status = res.status().as_u16();
    if !Answer::worth_keeping(status) {
        let _ = release(&state, scope, claim).await;
        return res;
    }
    let (request, response) = res.into_parts();
    let (head, body) = response.into_parts();
    let bytes = match body::to_bytes(body).await {
        Ok(bytes) => bytes,
        Err(e) => {
            let _ = release(&state, scope, claim).await;
            let failed = Error::Internal(format!("an answer could not be read: {e}"));
            return ServiceResponse::new(request, HttpResponse::from_error(failed));
        }
    };
    let text = |name: HeaderName| {
        head.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    let answer = Answer {
        status,
        content_type: text(header::CONTENT_TYPE),
        location: text(header::LOCATION),
        body: bytes.to_vec(),
    };
    if answer.body.len() > MAX_KEPT_BODY {
        let _ = release(&state, scope, claim).await;
    } else {
        let st = state.clone();
        let kept = state
            .db(move |conn| {
                service::complete(conn, &st.keys, &scope, &fingerprint, &claim, &answer)
            })
            .await;
        // The work is done and the client gets its answer. Left in flight,
        // the key answers 409 to a retry until the lease passes, rather
        // than doing the work twice at once.
        if let Err(e) = kept {
            tracing::warn!(error = %e, "the answer to an Idempotency-Key could not be kept");
        }
    }
    ServiceResponse::new(request, head.set_body(BoxBody::new(bytes)))
}

async fn release(state: &web::Data<AppState>, scope: Scope, claim: String) -> Result<(), Error> {
    let released = state
        .db(move |conn| service::release(conn, &scope, &claim))
        .await;
    if let Err(e) = &released {
        tracing::warn!(error = %e, "an Idempotency-Key could not be freed; it frees itself after the lease");
    }
    released
}

/// The kept answer, sent again.
fn replay(answer: Answer) -> HttpResponse {
    let status = StatusCode::from_u16(answer.status).unwrap_or(StatusCode::OK);
    let mut res = HttpResponse::build(status);
    if let Some(value) = answer.content_type {
        res.insert_header((header::CONTENT_TYPE, value));
    }
    if let Some(value) = answer.location {
        res.insert_header((header::LOCATION, value));
    }
    res.insert_header((REPLAYED, "true"));
    res.body(answer.body)
}

/// Documents the header, its 409 and 422, and the replay header on every
/// operation the middleware honours it on.
pub struct Documented;

impl utoipa::Modify for Documented {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::header::HeaderBuilder;
        use utoipa::openapi::path::{ParameterBuilder, ParameterIn};
        use utoipa::openapi::schema::{ObjectBuilder, Type};
        use utoipa::openapi::{ContentBuilder, Ref, RefOr, Required, ResponseBuilder};

        let key_schema = || {
            ObjectBuilder::new()
                .schema_type(Type::String)
                .min_length(Some(1))
                .max_length(Some(super::model::MAX_KEY_LEN))
                .pattern(Some("^[!#-~]+$"))
        };
        let problem = || {
            ContentBuilder::new()
                .schema(Some(Ref::from_schema_name("Problem")))
                .build()
        };
        for (path, item) in openapi.paths.paths.iter_mut() {
            if !honoured(&Method::POST, path) {
                continue;
            }
            let Some(op) = item.post.as_mut() else {
                continue;
            };
            op.parameters.get_or_insert_with(Vec::new).push(
                ParameterBuilder::new()
                    .name(HEADER)
                    .parameter_in(ParameterIn::Header)
                    .required(Required::False)
                    .description(Some(
                        "With an access token: a key of your choosing (1 to 255 visible ASCII characters, e.g. a UUID) that makes retrying safe. \
                         The first answer is kept 24 hours; the same request with the same key gets it again (with `Idempotent-Replayed: true`) instead of being done twice. \
                         A malformed key is a 400 (`invalid_idempotency_key`).",
                    ))
                    .schema(Some(key_schema()))
                    .build(),
            );
            for (code, text) in [
                ("400", "With an Idempotency-Key: the key is not 1 to 255 visible ASCII characters (`invalid_idempotency_key`)"),
                ("409", "With an Idempotency-Key: the first request with it is still being answered (`idempotency_key_in_flight`)"),
                ("422", "With an Idempotency-Key: it was used for a different request (field `Idempotency-Key`, code `idempotency_key_reused`)"),
            ] {
                match op.responses.responses.get_mut(code) {
                    Some(RefOr::T(response)) => {
                        response.description = format!("{}; or: {text}", response.description);
                    }
                    Some(RefOr::Ref(_)) => {}
                    None => {
                        op.responses.responses.insert(
                            code.to_owned(),
                            RefOr::T(
                                ResponseBuilder::new()
                                    .description(text)
                                    .content(crate::http::problem::PROBLEM_JSON, problem())
                                    .build(),
                            ),
                        );
                    }
                }
            }
            for (code, response) in op.responses.responses.iter_mut() {
                if let (true, RefOr::T(response)) = (code.starts_with('2'), response) {
                    response.headers.insert(
                        REPLAYED.to_owned(),
                        HeaderBuilder::new()
                            .schema(ObjectBuilder::new().schema_type(Type::String))
                            .description(Some(
                                "`true` when this is the kept answer to an earlier request with the same Idempotency-Key",
                            ))
                            .build(),
                    );
                }
            }
        }
    }
}
