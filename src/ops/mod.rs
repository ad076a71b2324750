//! Operations: health and readiness checks, and the OpenAPI description of
//! the JSON API.

pub mod health;
pub mod openapi;

use actix_web::web;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/healthz").get(health::healthz))
        .service(web::resource("/readyz").get(health::readyz))
        .service(web::resource("/api/openapi.json").get(openapi::document));
}
