//! Handlers for the site's own pages.

use actix_web::{web, HttpResponse};
use askama::Template;

use crate::error::{Error, Result};
use crate::http::auth::Page;
use crate::http::render::{self, Chrome};

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/").get(home))
        .service(web::resource("/privacy").get(privacy))
        .service(web::resource("/accessibility").get(accessibility))
        .service(web::resource("/problems/{code}").get(problem));
}

#[derive(Template)]
#[template(path = "site/home.html")]
struct Home {
    chrome: Chrome,
}

async fn home(page: Page) -> Result<HttpResponse> {
    render::page(&Home {
        chrome: page.chrome(),
    })
}

#[derive(Template)]
#[template(path = "site/privacy.html")]
struct Privacy {
    chrome: Chrome,
}

async fn privacy(page: Page) -> Result<HttpResponse> {
    render::page(&Privacy {
        chrome: page.chrome(),
    })
}

#[derive(Template)]
#[template(path = "site/accessibility.html")]
struct Accessibility {
    chrome: Chrome,
}

async fn accessibility(page: Page) -> Result<HttpResponse> {
    render::page(&Accessibility {
        chrome: page.chrome(),
    })
}

/// One kind of problem an API client can meet, explained for the developer
/// who follows the `type` link in a problem response.
pub struct ProblemKind {
    pub code: &'static str,
    pub status: u16,
    pub meaning: &'static str,
}

pub const PROBLEM_KINDS: &[ProblemKind] = &[
    ProblemKind {
        code: "bad_request",
        status: 400,
        meaning: "The request could not be understood.",
    },
    ProblemKind {
        code: "malformed_json",
        status: 400,
        meaning: "The body is not valid JSON.",
    },
    ProblemKind {
        code: "invalid_body",
        status: 400,
        meaning: "The JSON is valid but a field has the wrong type or is missing.",
    },
    ProblemKind {
        code: "bad_query",
        status: 400,
        meaning: "A query parameter has the wrong form.",
    },
    ProblemKind {
        code: "unauthorized",
        status: 401,
        meaning: "Sign in, or send a valid access token.",
    },
    ProblemKind {
        code: "forbidden",
        status: 403,
        meaning: "You are signed in but may not do this.",
    },
    ProblemKind {
        code: "not_found",
        status: 404,
        meaning: "There is nothing at this address, or it belongs to another place.",
    },
    ProblemKind {
        code: "unknown_host",
        status: 404,
        meaning: "No place is served at this hostname.",
    },
    ProblemKind {
        code: "method_not_allowed",
        status: 405,
        meaning:
            "This address does not accept that HTTP method; the Allow header lists those it does.",
    },
    ProblemKind {
        code: "conflict",
        status: 409,
        meaning: "The request conflicts with what already exists.",
    },
    ProblemKind {
        code: "payload_too_large",
        status: 413,
        meaning: "The request body is larger than this address accepts.",
    },
    ProblemKind {
        code: "unsupported_media_type",
        status: 415,
        meaning: "Send the body as application/json.",
    },
    ProblemKind {
        code: "validation_failed",
        status: 422,
        meaning: "Some fields need attention; `errors` lists each field, a code and a message.",
    },
    ProblemKind {
        code: "rate_limited",
        status: 429,
        meaning: "Too many requests; wait for the number of seconds in Retry-After.",
    },
    ProblemKind {
        code: "internal",
        status: 500,
        meaning:
            "Something went wrong on our side. The request changed nothing; it has been logged.",
    },
    ProblemKind {
        code: "unavailable",
        status: 503,
        meaning: "The service is briefly unavailable; retry after the Retry-After seconds.",
    },
    ProblemKind {
        code: "tenant_suspended",
        status: 503,
        meaning: "This place has been paused by the platform's operators.",
    },
];

#[derive(Template)]
#[template(path = "site/problem.html")]
struct ProblemPage {
    chrome: Chrome,
    kind: &'static ProblemKind,
}

async fn problem(page: Page, code: web::Path<String>) -> Result<HttpResponse> {
    let kind = PROBLEM_KINDS
        .iter()
        .find(|k| k.code == code.as_str())
        .ok_or(Error::NotFound)?;
    render::page(&ProblemPage {
        chrome: page.chrome(),
        kind,
    })
}
