//! Operations: health and readiness checks, metrics, giving memory back when
//! quiet, the OpenAPI description of the JSON API, and the operator's
//! commands (backup, restore, doctor).

pub mod backup;
pub mod doctor;
pub mod health;
pub mod job;
pub mod memory;
pub mod metrics;
pub mod openapi;

use actix_web::web;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/healthz").get(health::healthz))
        .service(web::resource("/readyz").get(health::readyz))
        .service(web::resource("/metrics").get(metrics::metrics))
        .service(web::resource("/api/openapi.json").get(openapi::document));
}
