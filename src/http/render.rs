//! Rendering pages: the context every page's layout needs, and the HTML
//! error page.

use actix_web::http::StatusCode;
use actix_web::HttpResponse;
use askama::Template;

use super::assets;
use super::extract::RequestId;
use crate::error::{Error, Result};
use crate::tenancy::Tenant;

/// What the shared layout shows on every page: the place's name, where the
/// person is, and the asset URLs.
pub struct Chrome {
    pub place_name: String,
    pub current_path: String,
    pub css_url: String,
    pub icon_url: String,
    pub lang: String,
}

impl Chrome {
    pub fn new(tenant: Option<&Tenant>, current_path: &str) -> Self {
        Self {
            place_name: tenant
                .map(|t| t.name.clone())
                .unwrap_or_else(|| "coproduce".to_owned()),
            current_path: current_path.to_owned(),
            css_url: assets::url("app.css"),
            icon_url: assets::url("icon.svg"),
            lang: tenant
                .map(|t| t.default_language.clone())
                .unwrap_or_else(|| "en".to_owned()),
        }
    }

    /// Whether a navigation link points at the current page, for
    /// `aria-current`.
    pub fn is_current(&self, path: &str) -> bool {
        self.current_path == path
    }
}

/// Renders a page template into a 200 response.
pub fn page(template: &impl Template) -> Result<HttpResponse> {
    page_with_status(StatusCode::OK, template)
}

pub fn page_with_status(status: StatusCode, template: &impl Template) -> Result<HttpResponse> {
    let html = template
        .render()
        .map_err(|e| Error::Internal(format!("template failed: {e}")))?;
    Ok(HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .body(html))
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    chrome: Chrome,
    has_tenant: bool,
    status: u16,
    title: &'a str,
    detail: &'a str,
    code: &'a str,
    request_id: Option<&'a str>,
}

/// The HTML page for an error. Falls back to plain text if the template
/// itself fails, so an error page never becomes a second error.
pub fn error_page(
    tenant: Option<&Tenant>,
    status: StatusCode,
    code: &str,
    detail: &str,
    request_id: Option<&RequestId>,
) -> String {
    let page = ErrorPage {
        chrome: Chrome::new(tenant, ""),
        has_tenant: tenant.is_some(),
        status: status.as_u16(),
        title: super::problem::title_for(status),
        detail,
        code,
        request_id: request_id
            .filter(|_| status.is_server_error())
            .map(|r| r.0.as_str()),
    };
    page.render()
        .unwrap_or_else(|_| format!("{} {}", status.as_u16(), detail))
}
