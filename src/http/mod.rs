//! HTTP plumbing shared by every feature: the router, the server, the
//! extractors handlers use, middleware, error rendering and static assets.

pub mod assets;
pub mod auth;
pub mod extract;
pub mod markdown;
pub mod middleware;
pub mod pagination;
pub mod problem;
pub mod rate_limit;
pub mod render;
pub mod server;

use actix_web::middleware::{from_fn, Compat};
use actix_web::web;

use crate::error::Error;

/// Largest JSON body the API accepts; bigger bodies get 413.
pub const JSON_LIMIT: usize = 256 * 1024;
/// Largest form body a page accepts.
pub const FORM_LIMIT: usize = 64 * 1024;
/// Largest raw body anywhere.
pub const PAYLOAD_LIMIT: usize = 1024 * 1024;

/// Every route of the application. Health checks, the API description and
/// static files need no tenant; everything else is served for the tenant the
/// request's host names.
pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.app_data(
        web::JsonConfig::default()
            .limit(JSON_LIMIT)
            .error_handler(|e, _| problem::json_error(e).into()),
    )
    .app_data(
        web::FormConfig::default()
            .limit(FORM_LIMIT)
            .error_handler(|e, _| problem::form_error(e).into()),
    )
    .app_data(web::PathConfig::default().error_handler(|_, _| Error::NotFound.into()))
    .app_data(web::QueryConfig::default().error_handler(|e, _| {
        Error::BadRequest {
            code: "bad_query",
            message: e.to_string().into(),
        }
        .into()
    }))
    .app_data(web::PayloadConfig::new(PAYLOAD_LIMIT))
    .configure(crate::ops::routes)
    .service(web::resource("/static/{name}").get(assets::serve))
    .service(
        web::scope("")
            // Inside tenant resolution: keys are scoped by the tenant.
            .wrap(Compat::new(from_fn(crate::idempotency::api::remember)))
            .wrap(Compat::new(from_fn(middleware::resolve_tenant)))
            // The proposals are the most requested paths, and actix tries
            // routes in the order given: first, they skip hundreds of them.
            // No other room's path can match theirs, so order is free.
            .configure(crate::proposals::api::routes)
            .configure(crate::proposals::pages::routes)
            .configure(crate::site::pages::routes)
            .configure(crate::i18n::pages::routes)
            .configure(crate::accounts::pages::routes)
            .configure(crate::accounts::api::routes)
            .configure(crate::profiles::pages::routes)
            .configure(crate::mydata::pages::routes)
            .configure(crate::mydata::api::routes)
            .configure(crate::profiles::api::routes)
            .configure(crate::organisations::api::routes)
            .configure(crate::organisations::invitation_api::routes)
            .configure(crate::organisations::invitation_pages::routes)
            .configure(crate::organisations::pages::routes)
            .configure(crate::residency::api::routes)
            .configure(crate::residency::pages::routes)
            .configure(crate::assets::api::routes)
            .configure(crate::assets::pages::routes)
            .configure(crate::stories::api::routes)
            .configure(crate::stories::assisted_api::routes)
            .configure(crate::stories::assisted_pages::routes)
            .configure(crate::stories::pages::routes)
            .configure(crate::stories::export::routes)
            .configure(crate::comments::api::routes)
            .configure(crate::comments::pages::routes)
            .configure(crate::moderation::api::routes)
            .configure(crate::moderation::pages::routes)
            .configure(crate::notifications::api::routes)
            .configure(crate::notifications::pages::routes)
            .configure(crate::proposals::asset_links_api::routes)
            .configure(crate::proposals::asset_links_pages::routes)
            .configure(crate::evaluation::api::routes)
            .configure(crate::evaluation::pages::routes)
            .configure(crate::opendata::api::routes)
            .configure(crate::opendata::pages::routes)
            .configure(crate::residency::area_api::routes)
            .configure(crate::residency::area_pages::routes)
            .configure(crate::boards::api::routes)
            .configure(crate::boards::pages::routes)
            .configure(crate::polls::api::routes)
            .configure(crate::polls::pages::routes)
            .configure(crate::places::story_pages::routes)
            .configure(crate::places::api::routes)
            .configure(crate::places::pages::routes)
            .configure(crate::places::admin_pages::routes)
            .configure(crate::places::settings_pages::routes)
            .configure(crate::places::settings_api::routes)
            .configure(crate::admin::pages::routes)
            .configure(crate::admin::api::routes)
            .configure(crate::audit::pages::routes)
            .configure(crate::audit::api::routes)
            .configure(crate::operator::pages::routes)
            .configure(crate::operator::api::routes)
            .configure(crate::receipts::api::routes)
            .configure(crate::receipts::pages::routes)
            .default_service(web::to(not_found)),
    );
}

async fn not_found() -> Result<actix_web::HttpResponse, Error> {
    Err(Error::NotFound)
}
