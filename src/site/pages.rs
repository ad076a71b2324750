//! Handlers for the site's own pages.

use actix_web::{web, HttpResponse};
use askama::Template;

use crate::error::{Error, Result};
use crate::http::auth::Page;
use crate::http::render::{self, Chrome};
use crate::state::AppState;

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
    contact: Option<String>,
}

/// The address the place's admins gave for people to write to.
async fn contact(state: &AppState, page: &Page) -> Result<Option<String>> {
    let tenant = page.tenant.id.clone();
    state
        .db(move |conn| crate::places::settings::contact_email(conn, &tenant))
        .await
}

async fn privacy(state: web::Data<AppState>, page: Page) -> Result<HttpResponse> {
    render::page(&Privacy {
        contact: contact(&state, &page).await?,
        chrome: page.chrome(),
    })
}

#[derive(Template)]
#[template(path = "site/accessibility.html")]
struct Accessibility {
    chrome: Chrome,
    contact: Option<String>,
}

async fn accessibility(state: web::Data<AppState>, page: Page) -> Result<HttpResponse> {
    render::page(&Accessibility {
        contact: contact(&state, &page).await?,
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
        code: "invalid_idempotency_key",
        status: 400,
        meaning: "The Idempotency-Key header must be 1 to 255 visible ASCII characters (no spaces or quotes), e.g. a UUID.",
    },
    ProblemKind {
        code: "idempotency_key_in_flight",
        status: 409,
        meaning: "The first request with this Idempotency-Key is still being answered: wait a moment (see Retry-After) and send it again to get its answer.",
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
        code: "unknown_language",
        status: 400,
        meaning: "The language asked for is not one this site is offered in: choose English (en) or Welsh (cy).",
    },
    ProblemKind {
        code: "tenant_exists",
        status: 409,
        meaning: "A place with this name already exists and was not made by the demo: use another data folder or database for the demo.",
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
        code: "unreadable_body",
        status: 400,
        meaning: "The request body could not be read.",
    },
    ProblemKind {
        code: "unreadable_form",
        status: 400,
        meaning: "The form could not be read.",
    },
    ProblemKind {
        code: "invalid_link",
        status: 400,
        meaning: "The emailed link has expired or has already been used; ask for a new one.",
    },
    ProblemKind {
        code: "unknown_tenant",
        status: 400,
        meaning: "No tenant has that slug.",
    },
    ProblemKind {
        code: "second_factor_required",
        status: 403,
        meaning: "Set up two-step sign-in first, or send the code from your app (`code`) when signing in.",
    },
    ProblemKind {
        code: "email_taken",
        status: 409,
        meaning: "An account with this email address already exists in this place.",
    },
    ProblemKind {
        code: "last_admin",
        status: 409,
        meaning: "This is the only admin of the place; appoint another admin first.",
    },
    ProblemKind {
        code: "slug_taken",
        status: 409,
        meaning: "A tenant with this slug already exists.",
    },
    ProblemKind {
        code: "host_taken",
        status: 409,
        meaning: "This hostname already serves a tenant.",
    },
    ProblemKind {
        code: "last_host",
        status: 409,
        meaning: "This is the tenant's only hostname; add another before removing it.",
    },
    ProblemKind {
        code: "own_tenant",
        status: 409,
        meaning: "An operator cannot suspend the place whose console they are using.",
    },
    ProblemKind {
        code: "not_failed",
        status: 409,
        meaning: "Only an email that failed can be sent again.",
    },
    ProblemKind {
        code: "already_member",
        status: 409,
        meaning: "They are already a member (of the organisation, or on the board).",
    },
    ProblemKind {
        code: "already_requested",
        status: 409,
        meaning: "A request to join is already waiting for the organisation's admins.",
    },
    ProblemKind {
        code: "area_name_taken",
        status: 409,
        meaning: "Another area with this name already sits at the same level.",
    },
    ProblemKind {
        code: "area_has_children",
        status: 409,
        meaning: "Areas inside this one must be removed first.",
    },
    ProblemKind {
        code: "residency_required",
        status: 403,
        meaning: "Only verified residents of this place can do this; /account/residency (or GET /api/v1/me/residency) shows the ways this place accepts.",
    },
    ProblemKind {
        code: "route_not_allowed",
        status: 409,
        meaning: "This place does not accept that way of showing you live here (or, for an organisation, does not take vouching codes) at the moment.",
    },
    ProblemKind {
        code: "already_resident",
        status: 409,
        meaning: "You are already a verified resident of this place.",
    },
    ProblemKind {
        code: "residency_requested",
        status: 409,
        meaning: "Your request to be confirmed as a resident is already waiting for the place's admins.",
    },
    ProblemKind {
        code: "not_recognised",
        status: 409,
        meaning: "Only organisations the council recognises can issue vouching codes.",
    },
    ProblemKind {
        code: "asset_withdrawn",
        status: 409,
        meaning: "The asset has been withdrawn; it can no longer be changed.",
    },
    ProblemKind {
        code: "not_contactable",
        status: 409,
        meaning: "The owner of this asset is not taking messages through the site.",
    },
    ProblemKind {
        code: "area_in_use",
        status: 409,
        meaning: "Proposals are about this area, so it cannot be removed.",
    },
    ProblemKind {
        code: "proposal_decided",
        status: 409,
        meaning: "A decision has been made on this proposal, so its text and authors can no longer change.",
    },
    ProblemKind {
        code: "invalid_transition",
        status: 409,
        meaning: "The proposal cannot move to that status from the one it is in; see the lifecycle in the API description.",
    },
    ProblemKind {
        code: "support_threshold_not_met",
        status: 409,
        meaning: "The proposal needs more supports before it can move into co-design.",
    },
    ProblemKind {
        code: "not_open_for_support",
        status: 409,
        meaning: "Supports are given (and withdrawn) only while a proposal is published or in co-design.",
    },
    ProblemKind {
        code: "already_invited",
        status: 409,
        meaning: "The person is already invited to co-write the proposal, or already co-writes it.",
    },
    ProblemKind {
        code: "hidden",
        status: 410,
        meaning: "The moderators have hidden this while they review it; only its authors and the moderators can read it.",
    },
    ProblemKind {
        code: "comments_closed",
        status: 409,
        meaning: "This takes no comments now: only published proposals do, while the moderators are not reviewing them.",
    },
    ProblemKind {
        code: "edit_window_closed",
        status: 409,
        meaning: "A comment can be changed for 15 minutes after it is posted; after that it can only be deleted.",
    },
    ProblemKind {
        code: "comment_deleted",
        status: 409,
        meaning: "The comment has been deleted.",
    },
    ProblemKind {
        code: "already_flagged",
        status: 409,
        meaning: "You have already flagged this; you can flag it again once the moderators have looked at it.",
    },
    ProblemKind {
        code: "already_hidden",
        status: 409,
        meaning: "The moderators have already hidden this.",
    },
    ProblemKind {
        code: "not_hidden",
        status: 409,
        meaning: "This is not hidden, so there is nothing to restore or review.",
    },
    ProblemKind {
        code: "nothing_to_dismiss",
        status: 409,
        meaning: "Nothing about this is waiting for the moderators.",
    },
    ProblemKind {
        code: "review_already_requested",
        status: 409,
        meaning: "A review of this hiding was already asked for; authors can ask once each time something is hidden.",
    },
    ProblemKind {
        code: "evaluation_not_open",
        status: 409,
        meaning: "A proposal is evaluated once it has been delivered; this one has not been yet.",
    },
    ProblemKind {
        code: "evaluation_closed",
        status: 409,
        meaning: "The evaluation of this proposal has closed (it has been moved to evaluated); its results are final.",
    },
    ProblemKind {
        code: "not_invited",
        status: 403,
        meaning: "Only the people invited to evaluate a delivered proposal can rate it: its supporters, and the residents of its area when it was delivered (they say which area they live in at /account/residency/area).",
    },
    ProblemKind {
        code: "poll_closed",
        status: 409,
        meaning: "The poll has closed: ballots can no longer be cast or changed, and it cannot be closed again.",
    },
    ProblemKind {
        code: "not_eligible",
        status: 403,
        meaning: "Only the board's members at the moment a poll opened can vote in it.",
    },
    ProblemKind {
        code: "already_voted",
        status: 409,
        meaning: "You have already voted in this secret poll; send the receipt you were given with your first ballot to replace it.",
    },
    ProblemKind {
        code: "results_not_ready",
        status: 409,
        meaning: "The poll is still open, and its results are shown when it closes.",
    },
    ProblemKind {
        code: "poll_open",
        status: 409,
        meaning: "The poll is still open; it can be recounted once it closes.",
    },
    ProblemKind {
        code: "organisation_not_verified",
        status: 403,
        meaning: "Only organisations the council has recognised can do this (for example, help someone tell their story in person); ask the council to recognise yours.",
    },
    ProblemKind {
        code: "consent_required",
        status: 403,
        meaning: "The story's author has not agreed to this use (for example, quoting it in an organisation's report), or that consent has ended; you can ask them.",
    },
    ProblemKind {
        code: "story_withdrawn",
        status: 410,
        meaning: "The story is no longer published here: its author withdrew their consent, it ended, or the story was erased.",
    },
    ProblemKind {
        code: "deidentified_in_use",
        status: 409,
        meaning: "The story is shared anonymously using its approved de-identified version; approve the new version, or withdraw the anonymous sharing first.",
    },
    ProblemKind {
        code: "already_withdrawn",
        status: 409,
        meaning: "This consent was already withdrawn.",
    },
    ProblemKind {
        code: "already_decided",
        status: 409,
        meaning: "This request to use a story has already been answered.",
    },
    ProblemKind {
        code: "unavailable",
        status: 503,
        meaning: "The service is briefly unavailable; retry after the Retry-After seconds.",
    },
    ProblemKind {
        code: "storage_full",
        status: 507,
        meaning: "The database has no room left to write; nothing of the request was saved. Retry after the Retry-After seconds, once the operators have made room.",
    },
    ProblemKind {
        code: "tenant_suspended",
        status: 503,
        meaning: "This place has been paused by the platform's operators.",
    },
    ProblemKind {
        code: "bad_choice",
        status: 400,
        meaning: "An unsubscribe form sent a choice other than this proposal or all emails.",
    },
    ProblemKind {
        code: "last_facilitator",
        status: 409,
        meaning: "A board always keeps a facilitator: make someone else a facilitator first.",
    },
    ProblemKind {
        code: "already_invited",
        status: 409,
        meaning: "They already have an invitation to this board waiting for an answer.",
    },
    ProblemKind {
        code: "join_request_waiting",
        status: 409,
        meaning: "They have asked to join the board already: accept their request instead of inviting them.",
    },
    ProblemKind {
        code: "invitation_waiting",
        status: 409,
        meaning: "There is an invitation to the board waiting: accept it instead of asking to join.",
    },
    ProblemKind {
        code: "already_requested",
        status: 409,
        meaning: "A request to join the board is waiting for its facilitators already.",
    },
    ProblemKind {
        code: "already_answered",
        status: 409,
        meaning: "This invitation or request has been answered, decided or withdrawn already.",
    },
    ProblemKind {
        code: "not_a_board_member",
        status: 403,
        meaning: "Only the board's members take part in this; ask to join the board first.",
    },
    ProblemKind {
        code: "workshop_over",
        status: 409,
        meaning: "The workshop has ended, so it takes no more answers.",
    },
    ProblemKind {
        code: "workshop_not_started",
        status: 409,
        meaning: "Attendance is recorded once the workshop has started.",
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

#[cfg(test)]
mod tests {
    use super::PROBLEM_KINDS;

    /// Reads the quoted word after each `pattern` in the source.
    fn codes_after(source: &str, pattern: &str, found: &mut Vec<String>) {
        for (i, _) in source.match_indices(pattern) {
            let rest = source[i + pattern.len()..].trim_start();
            if let Some(rest) = rest.strip_prefix('"') {
                if let Some(end) = rest.find('"') {
                    let code = &rest[..end];
                    if !code.is_empty() && code.chars().all(|c| c.is_ascii_lowercase() || c == '_')
                    {
                        found.push(code.to_owned());
                    }
                }
            }
        }
    }

    fn sources(dir: &std::path::Path, out: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                sources(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(std::fs::read_to_string(&path).unwrap());
            }
        }
    }

    /// Every problem `type` a response can carry links to a page that
    /// explains it: a new code without an entry here fails.
    #[test]
    fn every_problem_code_has_a_page() {
        let mut files = Vec::new();
        sources(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
            &mut files,
        );
        let mut codes = Vec::new();
        for source in &files {
            codes_after(source, "conflict(", &mut codes);
            codes_after(source, "code:", &mut codes);
        }
        let mut from_errors = Vec::new();
        let error =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/src/http/problem.rs"))
                .unwrap();
        let code_fn = &error[error.find("pub fn code(&self)").unwrap()..];
        let code_fn = &code_fn[..code_fn.find("\n    }").unwrap()];
        codes_after(code_fn, "=>", &mut from_errors);
        codes.extend(from_errors);
        codes.sort();
        codes.dedup();
        assert!(codes.len() > 20, "the scan found the codes: {codes:?}");
        let missing: Vec<&String> = codes
            .iter()
            .filter(|c| !PROBLEM_KINDS.iter().any(|k| k.code == c.as_str()))
            .collect();
        assert!(
            missing.is_empty(),
            "add these to PROBLEM_KINDS: {missing:?}"
        );
    }
}
