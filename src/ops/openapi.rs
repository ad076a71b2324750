//! The OpenAPI 3.1 document of the JSON API, generated from the handlers'
//! annotations. Every API route is listed here; a test checks it.

use actix_web::HttpResponse;
use utoipa::OpenApi;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "coproduce API",
        description = "Co-produce public services with the people who use them. \
            The tenant is chosen by the request's Host header; errors are RFC 9457 problem details.",
        license(name = "AGPL-3.0-or-later", identifier = "AGPL-3.0-or-later"),
    ),
    paths(super::health::healthz, super::health::readyz, document),
    components(schemas(crate::http::problem::Problem, crate::error::FieldError)),
    tags(
        (name = "operations", description = "Health, readiness and this description"),
    )
)]
pub struct ApiDoc;

/// This document.
#[utoipa::path(get, path = "/api/openapi.json", tag = "operations",
    responses((status = 200, description = "The OpenAPI document", content_type = "application/json")))]
pub async fn document() -> HttpResponse {
    HttpResponse::Ok().json(ApiDoc::openapi())
}
