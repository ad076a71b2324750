//! The OpenAPI 3.1 document of the JSON API, generated from the handlers'
//! annotations. Every API route is listed here; a test checks it.

use actix_web::HttpResponse;
use utoipa::OpenApi;

use crate::idempotency::api::Documented as IdempotencyKeys;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "coproduce API",
        description = "Co-produce public services with the people who use them. \
            The tenant is chosen by the request's Host header; errors are RFC 9457 problem details.",
        license(name = "AGPL-3.0-or-later", identifier = "AGPL-3.0-or-later"),
    ),
    paths(
        super::health::healthz, super::health::readyz, document,
        crate::accounts::api::register, crate::accounts::api::login, crate::accounts::api::refresh,
        crate::accounts::api::logout, crate::accounts::api::verify_email, crate::accounts::api::password_reset,
        crate::accounts::api::password_reset_confirm, crate::accounts::api::me,
        crate::admin::api::list, crate::admin::api::change_role,
        crate::admin::api::sign_out_everywhere,
        crate::profiles::api::user, crate::profiles::api::update,
        crate::organisations::api::list, crate::organisations::api::create,
        crate::organisations::api::get, crate::organisations::api::update,
        crate::organisations::api::members, crate::organisations::api::add_member,
        crate::organisations::api::change_role, crate::organisations::api::remove_member,
        crate::organisations::api::set_verification, crate::organisations::api::request_to_join,
        crate::organisations::api::join_requests, crate::organisations::api::decide,
        crate::organisations::invitation_api::invite, crate::organisations::invitation_api::list,
        crate::organisations::invitation_api::get, crate::organisations::invitation_api::revoke,
        crate::organisations::invitation_api::resend, crate::organisations::invitation_api::accept,
        crate::organisations::invitation_api::decline,
        crate::assets::api::list, crate::assets::api::create, crate::assets::api::get,
        crate::assets::api::update, crate::assets::api::withdraw, crate::assets::api::contact,
        crate::proposals::api::list, crate::proposals::api::create, crate::proposals::api::get,
        crate::proposals::api::update, crate::proposals::api::support, crate::proposals::api::withdraw,
        crate::proposals::api::revisions, crate::proposals::api::coauthors, crate::proposals::api::invite,
        crate::proposals::api::remove_coauthor, crate::proposals::api::answer, crate::proposals::api::mine,
        crate::boards::api::list, crate::boards::api::create, crate::boards::api::mine,
        crate::boards::api::get, crate::boards::api::update, crate::boards::api::members,
        crate::boards::api::add_member, crate::boards::api::change_role,
        crate::boards::api::remove_member, crate::boards::api::remove_organisation,
        crate::boards::api::pending, crate::boards::api::invite, crate::boards::api::answer,
        crate::boards::api::request_to_join, crate::boards::api::decide,
        crate::boards::api::withdraw, crate::boards::api::links, crate::boards::api::link,
        crate::boards::api::unlink, crate::boards::api::list_workshops,
        crate::boards::api::schedule, crate::boards::api::workshop,
        crate::boards::api::update_workshop, crate::boards::api::rsvp,
        crate::boards::api::attendance, crate::boards::api::notes,
        crate::comments::api::list_on_board, crate::comments::api::create_on_board,
        crate::comments::api::list, crate::comments::api::create, crate::comments::api::get,
        crate::comments::api::update, crate::comments::api::delete,
        crate::moderation::api::flag_proposal, crate::moderation::api::flag_comment,
        crate::moderation::api::queue, crate::moderation::api::item, crate::moderation::api::hide,
        crate::moderation::api::restore, crate::moderation::api::dismiss,
        crate::moderation::api::review_request,
        crate::notifications::api::follow_state, crate::notifications::api::follow,
        crate::notifications::api::unfollow, crate::notifications::api::follows,
        crate::notifications::api::board_follow_state, crate::notifications::api::follow_board,
        crate::notifications::api::unfollow_board,
        crate::notifications::api::settings, crate::notifications::api::change_settings,
        crate::places::api::list, crate::places::api::create, crate::places::api::get,
        crate::places::api::update, crate::places::api::delete,
        crate::places::settings_api::place, crate::places::settings_api::update,
        crate::mydata::api::export, crate::mydata::api::erase, crate::mydata::api::import,
        crate::audit::api::list, crate::audit::api::verify,
        crate::operator::api::list_tenants, crate::operator::api::create_tenant,
        crate::operator::api::get_tenant, crate::operator::api::add_host,
        crate::operator::api::remove_host, crate::operator::api::set_status,
        crate::operator::api::appoint_admin, crate::operator::api::sign_out_place,
        crate::places::settings_api::admin_settings,
        crate::residency::api::my_status, crate::residency::api::verify,
        crate::residency::api::issue_code, crate::residency::api::code_summary,
        crate::residency::api::requests, crate::residency::api::decide,
        crate::receipts::api::jwks, crate::receipts::api::verify,
        crate::receipts::api::mine, crate::receipts::api::one,
        crate::residency::area_api::my_area, crate::residency::area_api::set_area,
        crate::proposals::asset_links_api::list, crate::proposals::asset_links_api::replace,
        crate::evaluation::api::get, crate::evaluation::api::rate, crate::evaluation::api::withdraw,
        crate::evaluation::api::outcomes,
        crate::stories::assisted_api::start, crate::stories::assisted_api::get,
        crate::stories::assisted_api::confirm, crate::stories::assisted_api::decline,
        crate::stories::assisted_api::mine,
        crate::opendata::api::csv, crate::opendata::api::json,
        crate::polls::api::list, crate::polls::api::create, crate::polls::api::get,
        crate::polls::api::cast, crate::polls::api::cast_assisted, crate::polls::api::close,
        crate::polls::api::results,
        crate::stories::api::create, crate::stories::api::list, crate::stories::api::get,
        crate::stories::api::update, crate::stories::api::deidentified, crate::stories::api::erase,
        crate::stories::api::consents, crate::stories::api::set_consents, crate::stories::api::give,
        crate::stories::api::withdraw, crate::stories::api::renew, crate::stories::api::withdraw_all,
        crate::stories::api::my_consents, crate::stories::api::uses, crate::stories::api::verify,
        crate::stories::api::excerpt, crate::stories::api::request, crate::stories::api::my_requests,
        crate::stories::api::decide,
        crate::stories::export::api_export_org, crate::stories::export::api_list_org,
        crate::stories::export::api_export_board, crate::stories::export::api_list_board,
    ),
    components(schemas(crate::http::problem::Problem, crate::error::FieldError)),
    modifiers(&BearerAuth, &CommonResponses, &IdempotencyKeys),
    tags(
        (name = "operations", description = "Health, readiness and this description"),
        (name = "accounts", description = "Registration, sign-in, tokens and the caller's account"),
        (name = "profiles", description = "People's profiles, each field with the visibility its owner chose"),
        (name = "organisations", description = "Organisations of a place and their members"),
        (name = "assets", description = "The asset map: skills, spaces, services, groups and equipment people and organisations offer"),
        (name = "proposals", description = "Citizens' proposals from draft to evaluation: supports, lifecycle, history, co-authors"),
        (name = "boards", description = "Co-design boards: members (people and organisations), facilitators, phases, invitations and join requests, links, workshops"),
        (name = "comments", description = "Threaded comments on proposals: bounded depth, an edit window, deletion that keeps threads whole"),
        (name = "moderation", description = "Flags, the moderators' queue, hiding with a reason, restoring, and authors' review requests"),
        (name = "notifications", description = "Following proposals, and how you hear of them: as it happens, a daily or weekly summary, or not at all"),
        (name = "polls", description = "Board polls: methods, power-sharing rules, secret ballots with receipts, assisted ballots, results with a digest of the ballots"),
        (name = "places", description = "The areas of a place: city, wards, neighbourhoods"),
        (name = "evaluation", description = "After delivery, supporters and residents of the area rate whether the intended outcome happened; the place's outcomes"),
        (name = "open data", description = "The place's proposals, statuses, supports and evaluation results as CSV and JSON under the licence the place chose"),
        (name = "residency", description = "Verified residents: postcodes, vouching codes from recognised organisations, approval by admins"),
        (name = "stories", description = "Stories shared on the citizen's terms: encrypted at rest, consent per purpose and audience, every read logged, withdrawal at once"),
        (name = "my data", description = "Everything held about you: export, erasure, moving place"),
        (name = "admin", description = "The tenant admin's powers: people and roles, the audit log"),
        (name = "receipts", description = "Consent receipts: the keys that sign them, and checking one"),
        (name = "operator", description = "Platform operators: tenants, their hosts, status and first admins"),
    )
)]
pub struct ApiDoc;

/// Declares the bearer access tokens that protected routes take.
struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .build(),
            ),
        );
    }
}

/// Adds the answers any operation can give whatever its handler does, so
/// each operation lists every status it can return: the tenant's 404 and
/// 503 (unknown host, suspended place, database briefly unavailable), the
/// body extractor's 400/413/415, the query extractor's 400 and the token
/// extractor's 401. Responses an annotation already gives are kept.
struct CommonResponses;

/// Operations served without a tenant (and so without its 404 and 503).
const WITHOUT_TENANT: [&str; 3] = ["/healthz", "/readyz", "/api/openapi.json"];

impl utoipa::Modify for CommonResponses {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::path::ParameterIn;
        for (path, item) in openapi.paths.paths.iter_mut() {
            let tenant = !WITHOUT_TENANT.contains(&path.as_str());
            for op in [
                &mut item.get,
                &mut item.post,
                &mut item.put,
                &mut item.patch,
                &mut item.delete,
            ]
            .into_iter()
            .flatten()
            {
                let body = op.request_body.is_some();
                let query = op
                    .parameters
                    .iter()
                    .flatten()
                    .any(|p| matches!(p.parameter_in, ParameterIn::Query));
                let token = op.security.as_ref().is_some_and(|s| !s.is_empty());
                // Errors are problem details whatever the annotation's
                // content type: src/http/problem.rs renders them all.
                for (status, response) in op.responses.responses.iter_mut() {
                    let utoipa::openapi::RefOr::T(response) = response else {
                        continue;
                    };
                    if status.starts_with('4') || status.starts_with('5') {
                        if let Some(content) = response.content.shift_remove("application/json") {
                            response
                                .content
                                .insert(crate::http::problem::PROBLEM_JSON.to_owned(), content);
                        }
                    }
                }
                let mut add = |status: &str, description: &str| {
                    op.responses
                        .responses
                        .entry(status.to_owned())
                        .or_insert_with(|| problem_response(description).into());
                };
                if body || query {
                    add("400", "The body or query string cannot be read (malformed JSON, wrong shape or types)");
                }
                if token {
                    add(
                        "401",
                        "No access token, or one that is invalid, expired or whose session ended",
                    );
                }
                if tenant {
                    add("404", "No such record here, or no place serves this host");
                }
                if body {
                    add("413", "The body is larger than 256 KiB");
                    add("415", "The body is not application/json");
                }
                if tenant {
                    add("503", "The place is suspended, or the database is briefly unavailable (Retry-After)");
                }
            }
        }
    }
}

/// A response carrying RFC 9457 problem details.
fn problem_response(description: &str) -> utoipa::openapi::Response {
    use utoipa::openapi::{ContentBuilder, Ref, ResponseBuilder};
    ResponseBuilder::new()
        .description(description)
        .content(
            crate::http::problem::PROBLEM_JSON,
            ContentBuilder::new()
                .schema(Some(Ref::from_schema_name("Problem")))
                .build(),
        )
        .build()
}

/// This document.
#[utoipa::path(get, path = "/api/openapi.json", tag = "operations",
    responses((status = 200, description = "The OpenAPI document", body = Object, content_type = "application/json")))]
pub async fn document() -> HttpResponse {
    HttpResponse::Ok().json(document_json())
}

/// The document as served: [`ApiDoc`] with times described as they are
/// written.
pub fn document_json() -> serde_json::Value {
    let mut doc = serde_json::to_value(ApiDoc::openapi()).unwrap_or_default();
    local_times(&mut doc);
    doc
}

/// Times are stored and written in UTC without an offset (chrono's
/// `NaiveDateTime`: `2026-05-01T09:30:00.123456`), which is not an RFC 3339
/// `date-time`; say exactly that instead. Inputs read as RFC 3339 (with
/// `Z` or an offset) keep `date-time` and carry a pattern saying so.
fn local_times(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(map) => {
            let rfc3339 = map.contains_key("pattern");
            if map.get("format").and_then(|f| f.as_str()) == Some("date-time") && !rfc3339 {
                map.remove("format");
                map.insert("pattern".into(), TIME_PATTERN.into());
            }
            map.values_mut().for_each(local_times);
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(local_times),
        _ => {}
    }
}

/// An ISO 8601 time in UTC without an offset, as chrono writes and reads it.
const TIME_PATTERN: &str = r"^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]{1,9})?$";
