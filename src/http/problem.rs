//! How errors reach people: RFC 9457 problem details under `/api` (and the
//! health endpoints), an HTML page everywhere else. This is the one place an
//! [`Error`] becomes an HTTP status.

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::error::{JsonPayloadError, UrlencodedError};
use actix_web::http::header::{self, HeaderValue};
use actix_web::http::StatusCode;
use actix_web::middleware::Next;
use actix_web::{HttpMessage, HttpResponse, ResponseError};

use super::extract::{RequestId, Tenant};
use crate::error::{Error, FieldError, Words};
use crate::i18n::Language;

pub const PROBLEM_JSON: &str = "application/problem+json";

/// Seconds a client is asked to wait when the database is briefly away:
/// long enough for a restart or failover, short enough not to give up.
const UNAVAILABLE_RETRY_AFTER: u64 = 5;
/// …and when it is out of space, which takes an operator to fix.
const STORAGE_FULL_RETRY_AFTER: u64 = 60;

/// RFC 9457 problem details, with `code` stable for programs and `errors`
/// listing field problems for 422s.
#[derive(Debug, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
pub struct Problem {
    /// A URI naming the kind of problem; `/problems/{code}` explains it.
    #[serde(rename = "type")]
    pub kind: String,
    pub title: String,
    pub status: u16,
    pub detail: String,
    /// Stable machine-readable code, e.g. `not_found`, `validation_failed`.
    pub code: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<Vec<FieldError>>)]
    pub errors: Option<Vec<serde_json::Value>>,
}

impl Error {
    pub fn status(&self) -> StatusCode {
        match self {
            Error::NotFound | Error::UnknownHost => StatusCode::NOT_FOUND,
            Error::Gone { .. } => StatusCode::GONE,
            Error::Validation(_) => StatusCode::UNPROCESSABLE_ENTITY,
            Error::BadRequest { .. } => StatusCode::BAD_REQUEST,
            Error::Conflict { .. } => StatusCode::CONFLICT,
            Error::Unauthorized => StatusCode::UNAUTHORIZED,
            Error::SignInRequired { .. } => StatusCode::SEE_OTHER,
            Error::Forbidden(_) | Error::Refused { .. } | Error::SecondFactorRequired => {
                StatusCode::FORBIDDEN
            }
            Error::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Error::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Error::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            Error::RateLimited { .. } => StatusCode::TOO_MANY_REQUESTS,
            Error::TenantSuspended | Error::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            Error::StorageFull(_) => StatusCode::INSUFFICIENT_STORAGE,
            Error::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    pub fn code(&self) -> &'static str {
        match self {
            Error::NotFound => "not_found",
            Error::UnknownHost => "unknown_host",
            Error::Validation(_) => "validation_failed",
            Error::BadRequest { code, .. }
            | Error::Conflict { code, .. }
            | Error::Gone { code, .. }
            | Error::Refused { code, .. } => code,
            Error::Unauthorized | Error::SignInRequired { .. } => "unauthorized",
            Error::Forbidden(_) => "forbidden",
            Error::SecondFactorRequired => "second_factor_required",
            Error::PayloadTooLarge => "payload_too_large",
            Error::UnsupportedMediaType(_) => "unsupported_media_type",
            Error::MethodNotAllowed => "method_not_allowed",
            Error::RateLimited { .. } => "rate_limited",
            Error::TenantSuspended => "tenant_suspended",
            Error::Unavailable(_) => "unavailable",
            Error::StorageFull(_) => "storage_full",
            Error::Internal(_) => "internal",
        }
    }

    /// What a person or program may be told. Internal details stay in the
    /// log: no SQL, backend names or panics ever reach a response.
    pub fn public_detail(&self) -> String {
        match self {
            Error::Validation(_) => "some fields need attention".into(),
            Error::Unavailable(_) => {
                "the service is briefly unavailable; please try again in a moment".into()
            }
            Error::StorageFull(_) => {
                "the service has no room to save this just now; nothing was saved, please try again later".into()
            }
            Error::Internal(_) => {
                "something went wrong on our side; it has been logged and the request changed nothing".into()
            }
            other => other.to_string(),
        }
    }

    fn problem(&self) -> Problem {
        let status = self.status();
        Problem {
            kind: format!("/problems/{}", self.code()),
            title: title_for(status).to_owned(),
            status: status.as_u16(),
            detail: self.public_detail(),
            code: self.code().to_owned(),
            errors: match self {
                Error::Validation(fields) => Some(
                    fields
                        .iter()
                        .map(|f| serde_json::to_value(f).unwrap_or_default())
                        .collect(),
                ),
                _ => None,
            },
        }
    }
}

/// A short human title per status.
pub fn title_for(status: StatusCode) -> &'static str {
    match status.as_u16() {
        400 => "Bad request",
        401 => "Sign-in needed",
        403 => "Not allowed",
        404 => "Not found",
        405 => "Method not allowed",
        409 => "Conflict",
        410 => "Hidden",
        413 => "Too large",
        415 => "Unsupported media type",
        422 => "Check your input",
        429 => "Too many requests",
        503 => "Temporarily unavailable",
        507 => "Out of space",
        s if s >= 500 => "Something went wrong",
        _ => status.canonical_reason().unwrap_or("Error"),
    }
}

/// [`title_for`] in a person's language, for error pages.
pub fn page_title(status: StatusCode, lang: Language) -> String {
    match status.as_u16() {
        400 => lang.t("status-400"),
        401 => lang.t("status-401"),
        403 => lang.t("status-403"),
        404 => lang.t("status-404"),
        405 => lang.t("status-405"),
        409 => lang.t("status-409"),
        410 => lang.t("status-410"),
        413 => lang.t("status-413"),
        415 => lang.t("status-415"),
        422 => lang.t("status-422"),
        429 => lang.t("status-429"),
        503 => lang.t("status-503"),
        507 => lang.t("status-507"),
        s if s >= 500 => lang.t("status-500"),
        _ => lang.t("status-other"),
    }
}

/// The detail an error page shows: translated where the detail is fixed,
/// else the error's own (English) words.
fn page_detail(error: Option<&Error>, status: StatusCode, lang: Language) -> Option<String> {
    let text = match error {
        Some(Error::Unauthorized) => lang.t("error-detail-unauthorized"),
        Some(Error::MethodNotAllowed) => lang.t("error-detail-method-not-allowed"),
        Some(Error::PayloadTooLarge) => lang.t("error-detail-too-large"),
        Some(Error::Validation(_)) => lang.t("error-detail-validation"),
        Some(Error::Internal(_)) => lang.t("error-detail-internal"),
        Some(e) => {
            return e
                .said_in(lang)
                .filter(|(_, english)| !english)
                .map(|(t, _)| t)
        }
        None => match status.as_u16() {
            405 => lang.t("error-detail-method-not-allowed"),
            413 => lang.t("error-detail-too-large"),
            415 => lang.t("error-detail-media-type"),
            s if s >= 500 => lang.t("error-detail-internal"),
            _ => lang.t("error-detail-bad-request"),
        },
    };
    Some(text)
}

impl ResponseError for Error {
    fn status_code(&self) -> StatusCode {
        self.status()
    }

    fn error_response(&self) -> HttpResponse {
        if self.status().is_server_error() {
            tracing::error!(error = %self, "request failed");
        }
        if let Error::SignInRequired { next } = self {
            let target = format!(
                "/sign-in?next={}",
                percent_encoding::utf8_percent_encode(next, percent_encoding::NON_ALPHANUMERIC)
            );
            return HttpResponse::SeeOther()
                .insert_header((header::LOCATION, target))
                .finish();
        }
        let mut res = HttpResponse::build(self.status());
        res.content_type(PROBLEM_JSON);
        match self {
            Error::RateLimited { retry_after } => {
                res.insert_header((header::RETRY_AFTER, retry_after.to_string()));
            }
            Error::Unavailable(_) | Error::TenantSuspended => {
                res.insert_header((header::RETRY_AFTER, UNAVAILABLE_RETRY_AFTER.to_string()));
            }
            Error::StorageFull(_) => {
                res.insert_header((header::RETRY_AFTER, STORAGE_FULL_RETRY_AFTER.to_string()));
            }
            _ => {}
        }
        res.json(self.problem())
    }
}

/// JSON bodies that cannot be read become 400/413/415 problems, never 500.
pub fn json_error(e: JsonPayloadError) -> Error {
    match e {
        JsonPayloadError::Overflow { .. } | JsonPayloadError::OverflowKnownLength { .. } => {
            Error::PayloadTooLarge
        }
        JsonPayloadError::ContentType => Error::UnsupportedMediaType("application/json"),
        JsonPayloadError::Deserialize(e) if e.is_data() => Error::bad_request(
            "invalid_body",
            Words::of1("error-json-shape", "reason", e.to_string()),
        ),
        JsonPayloadError::Deserialize(e) => Error::bad_request(
            "malformed_json",
            Words::of1("error-json-malformed", "reason", e.to_string()),
        ),
        other => Error::bad_request(
            "unreadable_body",
            Words::of1("error-body-unreadable", "reason", other.to_string()),
        ),
    }
}

/// Form bodies that cannot be read.
pub fn form_error(e: UrlencodedError) -> Error {
    match e {
        UrlencodedError::Overflow { .. } => Error::PayloadTooLarge,
        UrlencodedError::ContentType => {
            Error::UnsupportedMediaType("application/x-www-form-urlencoded")
        }
        other => Error::bad_request(
            "unreadable_form",
            Words::of1("error-form-unreadable", "reason", other.to_string()),
        ),
    }
}

/// Paths whose errors are problem details rather than pages.
pub fn wants_problem_json(path: &str) -> bool {
    path == "/api"
        || path.starts_with("/api/")
        || path == "/healthz"
        || path == "/readyz"
        || path.starts_with("/.well-known/")
}

/// Gives every error response the right shape for where it happened.
/// Errors produced by actix itself (unknown method, payload limits) arrive
/// without a body we chose; handlers' own HTML (a form re-shown with field
/// errors) is left as it is.
pub async fn error_pages(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let res = next.call(req).await?.map_into_boxed_body();
    let status = res.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return Ok(res);
    }
    let content_type = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    let api = wants_problem_json(res.request().path());
    let needs_second_factor = matches!(
        res.response().error().and_then(|e| e.as_error::<Error>()),
        Some(Error::SecondFactorRequired)
    );
    if needs_second_factor && !api {
        // Pages take the person to set it up; the API answers 403.
        let (req, _) = res.into_parts();
        let redirect = HttpResponse::SeeOther()
            .insert_header((header::LOCATION, "/account/two-factor?required=1"))
            .finish();
        return Ok(ServiceResponse::new(req, redirect));
    }
    if api && content_type.starts_with(PROBLEM_JSON) {
        return Ok(res);
    }
    if !api && content_type.starts_with("text/html") {
        return Ok(res);
    }
    let error = res.response().error().and_then(|e| e.as_error::<Error>());
    let retry_after = match error {
        Some(Error::RateLimited { retry_after }) => Some(*retry_after),
        Some(Error::Unavailable(_)) => Some(UNAVAILABLE_RETRY_AFTER),
        Some(Error::StorageFull(_)) => Some(STORAGE_FULL_RETRY_AFTER),
        _ => None,
    };
    let (detail, code) = error
        .map(|e| (e.public_detail(), e.code()))
        .unwrap_or_else(|| (generic_detail(status).to_owned(), generic_code(status)));
    let tenant = res.request().extensions().get::<Tenant>().cloned();
    let language = Language::for_request(
        res.request(),
        tenant.as_deref().map(|t| t.default_language.as_str()),
    );
    let translated = page_detail(error, status, language);
    let (req, old) = res.into_parts();
    let mut new = if api {
        let body = Problem {
            kind: format!("/problems/{code}"),
            title: title_for(status).to_owned(),
            status: status.as_u16(),
            detail,
            code: code.to_owned(),
            errors: None,
        };
        HttpResponse::build(status)
            .content_type(PROBLEM_JSON)
            .json(body)
    } else {
        let request_id = req.extensions().get::<RequestId>().cloned();
        // After a form (POST) went wrong, its address may answer nothing to
        // a plain visit: the switcher then goes home.
        let here = match req.method() {
            &actix_web::http::Method::GET => req
                .uri()
                .path_and_query()
                .map_or_else(|| req.path().to_owned(), |p| p.to_string()),
            _ => "/".to_owned(),
        };
        let html = super::render::error_page(
            tenant.as_deref(),
            &here,
            language,
            status,
            super::render::ErrorDetail {
                code,
                translated: translated.is_some(),
                text: translated.as_deref().unwrap_or(&detail),
            },
            request_id.as_ref(),
            retry_after,
        );
        HttpResponse::build(status)
            .content_type("text/html; charset=utf-8")
            .body(html)
    };
    // Keep headers the original answer set (Allow, Retry-After).
    for name in [header::ALLOW, header::RETRY_AFTER] {
        if let Some(v) = old.headers().get(&name) {
            new.headers_mut().insert(name, v.clone());
        }
    }
    if status == StatusCode::METHOD_NOT_ALLOWED && !new.headers().contains_key(header::ALLOW) {
        new.headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET"));
    }
    Ok(ServiceResponse::new(req, new))
}

fn generic_code(status: StatusCode) -> &'static str {
    match status.as_u16() {
        404 => "not_found",
        405 => "method_not_allowed",
        413 => "payload_too_large",
        415 => "unsupported_media_type",
        s if s >= 500 => "internal",
        _ => "bad_request",
    }
}

fn generic_detail(status: StatusCode) -> &'static str {
    match status.as_u16() {
        404 => "there is nothing at this address",
        405 => "this address does not accept that method",
        413 => "the request body is too large",
        415 => "the request body has a type this address does not accept",
        s if s >= 500 => "something went wrong on our side; it has been logged",
        _ => "the request could not be understood",
    }
}
