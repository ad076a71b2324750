//! Rendering pages: the context every page's layout needs, and the HTML
//! error page.

use actix_web::http::StatusCode;
use actix_web::HttpResponse;
use askama::filters::Safe;
use askama::Template;

use super::assets;
use super::extract::RequestId;
use crate::error::{Error, FieldError, Result};
use crate::i18n::{Arg, Language};
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
    /// The path and query of this page, for links that bring the person
    /// back here (the language switcher).
    pub here: String,
    pub css_url: String,
    pub icon_url: String,
    /// The language the page is in, and its tag for `<html lang>`.
    pub language: Language,
    pub lang: String,
    /// Links the place's `/theme.css` (its brand colour): pages of a
    /// tenant, not the error pages of unknown hosts.
    pub themed: bool,
}

impl Chrome {
    pub fn new(tenant: Option<&Tenant>, current_path: &str, language: Language) -> Self {
        let tenant_default = tenant.map(|t| t.default_language.as_str());
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
            here: current_path.to_owned(),
            css_url: assets::url("app.css"),
            icon_url: assets::url("icon.svg"),
            language,
            lang: language.tag(tenant_default),
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
            here: page.here.clone(),
            ..Self::new(Some(&page.tenant), &page.path, page.language)
        }
    }

    /// A string in the page's language, escaped for HTML text and
    /// double-quoted attributes.
    pub fn t(&self, key: &str) -> Safe<String> {
        html_text(&Language::t(self.language, key))
    }

    /// A string with one argument, e.g. `chrome.t1("footer-licence",
    /// "place", chrome.place_name)`.
    pub fn t1(&self, key: &str, name: &str, value: impl Arg) -> Safe<String> {
        html_text(&Language::t1(self.language, key, name, value))
    }

    /// A string with two arguments.
    pub fn t2(&self, key: &str, n1: &str, v1: impl Arg, n2: &str, v2: impl Arg) -> Safe<String> {
        html_text(&Language::t2(self.language, key, n1, v1, n2, v2))
    }

    /// A string with three arguments.
    #[allow(clippy::too_many_arguments)]
    pub fn t3(
        &self,
        key: &str,
        n1: &str,
        v1: impl Arg,
        n2: &str,
        v2: impl Arg,
        n3: &str,
        v3: impl Arg,
    ) -> Safe<String> {
        html_text(&Language::t_args(
            self.language,
            key,
            &[(n1, &v1), (n2, &v2), (n3, &v3)],
        ))
    }

    /// ` lang="en"` for text with no translation yet (messages from the
    /// service layer) on a page in another language; nothing on English
    /// pages.
    pub fn english(&self) -> Safe<&'static str> {
        Safe(if self.language == Language::En {
            ""
        } else {
            r#" lang="en""#
        })
    }

    /// The switcher's choices: every language, in its own name, linking
    /// back to this page.
    pub fn languages(&self) -> Vec<LanguageChoice> {
        let back = percent_encoding::utf8_percent_encode(&self.here, UNRESERVED);
        Language::ALL
            .iter()
            .map(|&l| LanguageChoice {
                code: l.code(),
                name: l.native_name(),
                href: format!("/language?to={}&back={back}", l.code()),
                current: l == self.language,
            })
            .collect()
    }

    /// Whether a navigation link points at the current page, for
    /// `aria-current`.
    pub fn is_current(&self, path: &str) -> bool {
        self.current_path == path
    }
}

/// Text (a translation and its arguments) made safe for HTML text and
/// double-quoted attributes. Apostrophes are left as they are, so
/// "can't" reads the same in the page's source as it always has.
fn html_text(text: &str) -> Safe<String> {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    Safe(out)
}

/// One choice in the language switcher.
pub struct LanguageChoice {
    pub code: &'static str,
    pub name: &'static str,
    pub href: String,
    pub current: bool,
}

/// Bytes set aside for a page before it is written (most are 10 to 30 KB).
const PAGE_CAPACITY: usize = 32 * 1024;

/// Renders a page template into a 200 response.
pub fn page(template: &impl Template) -> Result<HttpResponse> {
    page_with_status(StatusCode::OK, template)
}

pub fn page_with_status(status: StatusCode, template: &impl Template) -> Result<HttpResponse> {
    // Room for a typical page at once: grown from askama's small hint, a
    // page was copied several times over as it was written.
    let mut html = String::with_capacity(PAGE_CAPACITY);
    template
        .render_into(&mut html)
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
    title: String,
    detail: &'a str,
    /// `en` when the detail is not translated and the page is not in
    /// English.
    detail_lang: Option<&'static str>,
    code: &'a str,
    request_id: Option<&'a str>,
    /// For a 429 or 503: how long to wait, in words.
    wait: Option<String>,
}

/// What went wrong, for the error page: in the page's language when
/// `translated`, else in English.
pub struct ErrorDetail<'a> {
    pub code: &'a str,
    pub text: &'a str,
    pub translated: bool,
}

/// The HTML page for an error. Falls back to plain text if the template
/// itself fails, so an error page never becomes a second error.
/// `retry_after` (seconds) is for a 429 or 503, which tells the person how
/// long to wait. `here` is the page the language switcher brings them back
/// to.
#[allow(clippy::too_many_arguments)]
pub fn error_page(
    tenant: Option<&Tenant>,
    here: &str,
    language: Language,
    status: StatusCode,
    detail: ErrorDetail<'_>,
    request_id: Option<&RequestId>,
    retry_after: Option<u64>,
) -> String {
    let page = ErrorPage {
        chrome: Chrome {
            here: here.to_owned(),
            ..Chrome::new(tenant, "", language)
        },
        has_tenant: tenant.is_some(),
        status: status.as_u16(),
        title: super::problem::page_title(status, language),
        detail: detail.text,
        detail_lang: (!detail.translated && language != Language::En).then_some("en"),
        code: detail.code,
        request_id: request_id
            .filter(|_| status.is_server_error())
            .map(|r| r.0.as_str()),
        wait: retry_after.map(|s| crate::error::wait_in(s, language)),
    };
    page.render()
        .unwrap_or_else(|_| format!("{} {}", status.as_u16(), detail.text))
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

    pub fn one(field: &str, code: &str, message: impl Into<crate::error::Say>) -> Self {
        Self(vec![FieldError::new(field, code, message)])
    }

    /// The message for `field` in the page's language (`chrome.language`).
    pub fn said(&self, field: &str, lang: impl Into<Language>) -> Option<Said> {
        let lang = lang.into();
        self.0
            .iter()
            .find(|e| e.field == field)
            .map(|e| Said::of(e, lang))
    }

    /// Every message, in the page's language, for the summary.
    pub fn all_said(&self, lang: impl Into<Language>) -> Vec<Said> {
        let lang = lang.into();
        self.0.iter().map(|e| Said::of(e, lang)).collect()
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

/// A field's message as a page shows it.
pub struct Said {
    pub field: String,
    pub text: String,
    /// ` lang="en"` for a message not translated yet, on a page in
    /// another language.
    pub lang: Safe<&'static str>,
}

impl Said {
    fn of(e: &FieldError, lang: Language) -> Self {
        Self::told(e.field.clone(), e.message_in(lang), lang)
    }

    /// A message that is not about a field (a refusal, a conflict), as the
    /// page in `lang` shows it.
    pub fn say(message: &crate::error::Say, lang: Language) -> Self {
        Self::told(String::new(), message.in_language(lang), lang)
    }

    fn told(field: String, (text, english): (String, bool), lang: Language) -> Self {
        Said {
            field,
            text,
            lang: Safe(if english && lang != Language::En {
                r#" lang="en""#
            } else {
                ""
            }),
        }
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
    local_path(next, "/account")
}

/// `path` if it is a path on this site (not `//evil.example`, not
/// `https://…`, nothing a header cannot carry), else `fallback`.
pub fn local_path(path: Option<&str>, fallback: &str) -> String {
    match path {
        Some(p)
            if p.starts_with('/')
                && !p.starts_with("//")
                && !p.contains('\\')
                && !p.chars().any(char::is_control) =>
        {
            p.to_owned()
        }
        _ => fallback.to_owned(),
    }
}
