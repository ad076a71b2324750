//! Middleware: request ids and access logs, security headers, tenant
//! resolution.

use std::net::IpAddr;
use std::time::Instant;

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderName, HeaderValue};
use actix_web::middleware::{DefaultHeaders, Next};
use actix_web::{web, HttpMessage};
use tracing::Instrument;

use super::auth::{NewCsrfCookie, PublicOrigin};
use super::extract::{RequestId, Tenant};
use crate::error::Error;
use crate::state::AppState;
use crate::tenancy::{Hostname, TenantStatus};

pub const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// Gives every request an id, runs it inside a tracing span carrying that
/// id, logs one line when it is answered and returns the id to the client.
pub async fn request_id(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let id = uuid::Uuid::now_v7().simple().to_string();
    req.extensions_mut().insert(RequestId(id.clone()));
    let span = tracing::info_span!(
        "request",
        request_id = %id,
        method = %req.method(),
        path = %loggable_path(req.path()),
    );
    let started = Instant::now();
    let result = next.call(req).instrument(span.clone()).await;
    let _entered = span.enter();
    let elapsed_ms = started.elapsed().as_secs_f64() * 1000.0;
    match result {
        Ok(mut res) => {
            tracing::info!(status = res.status().as_u16(), elapsed_ms, "answered");
            if let Ok(value) = HeaderValue::from_str(&id) {
                res.headers_mut().insert(REQUEST_ID, value);
            }
            Ok(res)
        }
        Err(e) => {
            tracing::warn!(error = %e, elapsed_ms, "failed");
            Err(e)
        }
    }
}

/// A path as the access log may show it: the secret of an invitation
/// link (`/organisations/invitations/{secret}`) is left out.
fn loggable_path(path: &str) -> std::borrow::Cow<'_, str> {
    const SECRET_AFTER: &str = crate::organisations::invitations::LINK_PATH;
    match path.strip_prefix(SECRET_AFTER) {
        Some(rest) if !rest.is_empty() => {
            let tail = rest.find('/').map(|i| &rest[i..]).unwrap_or("");
            format!("{SECRET_AFTER}[secret]{tail}").into()
        }
        _ => path.into(),
    }
}

/// Headers every response carries. The CSP allows no inline script or style
/// and no framing; pages work without JavaScript anyway.
pub fn security_headers() -> DefaultHeaders {
    DefaultHeaders::new()
        .add((
            "Content-Security-Policy",
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; \
             object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
        ))
        .add(("X-Content-Type-Options", "nosniff"))
        .add(("Referrer-Policy", "strict-origin-when-cross-origin"))
        .add(("X-Frame-Options", "DENY"))
        .add(("Cross-Origin-Opener-Policy", "same-origin"))
        .add((
            "Permissions-Policy",
            "camera=(), microphone=(), geolocation=(), interest-cohort=()",
        ))
        .add((
            "Strict-Transport-Security",
            "max-age=31536000; includeSubDomains",
        ))
}

/// Finds the tenant for the request's host (or the configured default
/// tenant) and puts it where the [`Tenant`] extractor finds it. Unknown hosts
/// get a 404, suspended tenants a 503, before any handler runs.
pub async fn resolve_tenant(
    req: ServiceRequest,
    next: Next<BoxBody>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let Some(state) = req.app_data::<web::Data<AppState>>().cloned() else {
        return Ok(req.error_response(Error::Internal("application state missing".into())));
    };
    let host = request_host(&req, &state.settings.trusted_proxies);
    let found = match host {
        Some(host) => state.tenant_for_host(host).await,
        None => Ok(None),
    };
    let found = match found {
        Ok(Some(t)) => Ok(Some(t)),
        Ok(None) => state.default_tenant().await,
        Err(e) => Err(e),
    };
    match found {
        Ok(Some(tenant)) if tenant.status() == TenantStatus::Active => {
            let origin = public_origin(&req, &state.settings);
            let signed_in = req.cookie(origin.session_cookie()).is_some()
                || req.headers().contains_key(header::AUTHORIZATION);
            req.extensions_mut().insert(Tenant(tenant));
            req.extensions_mut().insert(origin);
            if let Err(refused) = super::auth::refuse_bad_bearer(req.request()).await {
                return Ok(req.error_response(refused));
            }
            let mut res = next.call(req).await?;
            // What a signed-in person sees is theirs alone: no shared or
            // browser cache keeps it after they sign out (ASVS 14.3.2).
            if signed_in && !res.headers().contains_key(header::CACHE_CONTROL) {
                res.headers_mut().insert(
                    header::CACHE_CONTROL,
                    HeaderValue::from_static("no-store, private"),
                );
            }
            // A page gave a visitor their first CSRF cookie.
            let fresh = res.request().extensions().get::<NewCsrfCookie>().cloned();
            if let Some(NewCsrfCookie(cookie)) = fresh {
                let _ = res.response_mut().add_cookie(&cookie);
            }
            Ok(res)
        }
        Ok(Some(_)) => Ok(req.error_response(Error::TenantSuspended)),
        Ok(None) => Ok(req.error_response(Error::UnknownHost)),
        Err(e) => Ok(req.error_response(e)),
    }
}

/// The origin the person sees, from the `Host` they sent (already matched
/// to a tenant, so it cannot point anywhere else).
fn public_origin(req: &ServiceRequest, settings: &crate::config::Settings) -> PublicOrigin {
    let authority = req
        .headers()
        .get(actix_web::http::header::HOST)
        .and_then(|v| v.to_str().ok())
        .map(|v| v.trim().to_ascii_lowercase())
        .unwrap_or_else(|| "localhost".into());
    let host = Hostname::from_header(&authority);
    let loopback = host
        .as_ref()
        .is_some_and(|h| matches!(h.as_str(), "localhost" | "127.0.0.1" | "[::1]"));
    let secure = !(settings.insecure_http || loopback);
    let scheme = if secure { "https" } else { "http" };
    PublicOrigin {
        base_url: format!("{scheme}://{authority}"),
        secure,
    }
}

/// The host a request is for: `X-Forwarded-Host` only when the peer is a
/// trusted proxy, otherwise the `Host` header (or the URI's authority, for
/// HTTP/2).
fn request_host(req: &ServiceRequest, trusted: &[IpAddr]) -> Option<Hostname> {
    let from_proxy = req
        .peer_addr()
        .map(|peer| trusted.contains(&peer.ip()))
        .unwrap_or(false);
    if from_proxy {
        if let Some(forwarded) = req
            .headers()
            .get("x-forwarded-host")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(',').next())
        {
            return Hostname::from_header(forwarded);
        }
    }
    let host = req
        .headers()
        .get(actix_web::http::header::HOST)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
        .or_else(|| req.uri().authority().map(|a| a.to_string()))?;
    Hostname::from_header(&host)
}

/// Refuses a body larger than any route accepts before it is read, from
/// its declared length. Bodies without a length are bounded by the
/// extractors' own limits.
pub async fn limit_body(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let declared = req
        .headers()
        .get(actix_web::http::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|len| len > super::PAYLOAD_LIMIT) {
        return Ok(req.error_response(Error::PayloadTooLarge));
    }
    Ok(next.call(req).await?.map_into_boxed_body())
}

/// Answers `HEAD` wherever `GET` is answered (monitors and link checkers
/// use it). The request is served as a `GET`; the HTTP layer, which saw the
/// original `HEAD`, sends the headers without the body.
pub async fn head_as_get(
    mut req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    if req.method() == actix_web::http::Method::HEAD {
        req.head_mut().method = actix_web::http::Method::GET;
    }
    next.call(req).await
}

#[cfg(test)]
mod tests {
    use super::loggable_path;

    #[test]
    fn invitation_secrets_stay_out_of_the_log() {
        assert_eq!(
            loggable_path("/organisations/invitations/s3cr3t/accept"),
            "/organisations/invitations/[secret]/accept"
        );
        assert_eq!(
            loggable_path("/organisations/invitations/s3cr3t"),
            "/organisations/invitations/[secret]"
        );
        assert_eq!(loggable_path("/organisations/abc"), "/organisations/abc");
    }
}
