//! Rendering pages: the context every page's layout needs, and the HTML
//! error page.

use actix_web::http::StatusCode;
use actix_web::HttpResponse;
use askama::Template;

use super::assets;
use super::extract::RequestId;
use crate::error::{Error, FieldError, Result};
use crate::tenancy::Tenant;

/// What the shared layout shows on every page: the place's name, where the
/// person is, and the asset URLs.
pub struct Chrome {
    pub place_name: String,
    /// The signed-in person's name, for the header.
    pub signed_in_as: Option<String>,
    /// Whether to offer the operator console in the header: the person is
    /// a platform operator (the console itself still checks everything).
    pub operator: bool,
    /// For the sign-out form in the header.
    pub csrf: String,
    /// Shows the admin links in the header.
    pub is_admin: bool,
    /// Shows the moderators' queue in the header (moderators and admins).
    pub is_moderator: bool,
    pub current_path: String,
    pub css_url: String,
    pub icon_url: String,
    pub lang: String,
    /// Links the place's `/theme.css` (its brand colour): pages of a
    /// tenant, not the error pages of unknown hosts.
    pub themed: bool,
}

impl Chrome {
    pub fn new(tenant: Option<&Tenant>, current_path: &str) -> Self {
        Self {
            signed_in_as: None,
            operator: false,
            csrf: String::new(),
            is_admin: false,
            is_moderator: false,
            place_name: tenant
                .map(|t| t.name.clone())
                .unwrap_or_else(|| "coproduce".to_owned()),
            current_path: current_path.to_owned(),
            css_url: assets::url("app.css"),
            icon_url: assets::url("icon.svg"),
            lang: tenant
                .map(|t| t.default_language.clone())
                .unwrap_or_else(|| "en".to_owned()),
            themed: tenant.is_some(),
        }
    }

    pub fn for_page(page: &super::auth::Page) -> Self {
        Self {
            signed_in_as: page.user().map(|u| u.display_name.clone()),
            is_admin: page
                .user()
                .is_some_and(|u| u.role() == crate::accounts::Role::Admin),
            is_moderator: page
                .user()
                .is_some_and(|u| u.role() >= crate::accounts::Role::Moderator),
            operator: page.user().is_some_and(|u| u.platform_operator),
            csrf: page.csrf.clone(),
            ..Self::new(Some(&page.tenant), &page.path)
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

/// A page with a form: 422 when it shows the form's errors, else 200.
pub fn form_page(template: &impl Template, errors: &FormErrors) -> Result<HttpResponse> {
    if errors.any() {
        page_with_status(StatusCode::UNPROCESSABLE_ENTITY, template)
    } else {
        page(template)
    }
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
    /// For a 429 or 503: how long to wait, in words.
    wait: Option<String>,
}

/// The HTML page for an error. Falls back to plain text if the template
/// itself fails, so an error page never becomes a second error.
/// `retry_after` (seconds) is for a 429 or 503, which tells the person how
/// long to wait.
pub fn error_page(
    tenant: Option<&Tenant>,
    status: StatusCode,
    code: &str,
    detail: &str,
    request_id: Option<&RequestId>,
    retry_after: Option<u64>,
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
        wait: retry_after.map(crate::error::wait_in_words),
    };
    page.render()
        .unwrap_or_else(|_| format!("{} {}", status.as_u16(), detail))
}

/// Field errors for a form that is shown again: a summary at the top and
/// each message beside its field.
#[derive(Default)]
pub struct FormErrors(Vec<FieldError>);

impl FormErrors {
    /// Turns a service error into form errors; errors that are not about
    /// the form's fields are passed on.
    pub fn from_error(e: Error) -> Result<Self> {
        match e {
            Error::Validation(fields) => Ok(Self(fields)),
            other => Err(other),
        }
    }

    pub fn one(field: &str, code: &str, message: impl Into<String>) -> Self {
        Self(vec![FieldError::new(field, code, message)])
    }

    pub fn get(&self, field: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.message.as_str())
    }

    pub fn has(&self, field: &str) -> bool {
        self.get(field).is_some()
    }

    pub fn any(&self) -> bool {
        !self.0.is_empty()
    }

    pub fn list(&self) -> &[FieldError] {
        &self.0
    }
}

/// A 303 redirect after a form succeeded (post, redirect, get).
pub fn see_other(location: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((actix_web::http::header::LOCATION, location))
        .finish()
}

/// Percent-encoding that leaves URL-unreserved characters (letters,
/// digits, `-`, `_`, `.`, `~`) as they are.
pub const UNRESERVED: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// `?next=…` to carry a destination from one account page to another
/// (sign in ↔ create an account); empty for the usual one, `/account`.
pub fn next_query(next: &str) -> String {
    if next == "/account" {
        return String::new();
    }
    format!(
        "?next={}",
        percent_encoding::utf8_percent_encode(next, UNRESERVED)
    )
}

/// Where to go after signing in: only a path on this site, never another
/// site (`//evil.example` or `https://…`).
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n) if n.starts_with('/') && !n.starts_with("//") && !n.contains('\\') => n.to_owned(),
        _ => "/account".to_owned(),
    }
}
