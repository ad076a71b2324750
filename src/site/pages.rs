//! Handlers for the site's own pages.

use actix_web::{web, HttpResponse};
use askama::Template;

use crate::error::{Error, Result};
use crate::http::auth::Page;
use crate::http::render::{self, Chrome};
use crate::i18n::Language;
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
    /// The key of its meaning in the translation files (`site.ftl`).
    pub meaning: &'static str,
}

impl ProblemKind {
    /// What the problem means, in `lang`.
    pub fn meaning_in(&self, lang: Language) -> String {
        lang.t_dynamic(self.meaning)
            .unwrap_or_else(|| self.meaning.to_owned())
    }
}

pub const PROBLEM_KINDS: &[ProblemKind] = &[
    ProblemKind {
        code: "bad_request",
        status: 400,
        meaning: "site-problem-bad-request",
    },
    ProblemKind {
        code: "malformed_json",
        status: 400,
        meaning: "site-problem-malformed-json",
    },
    ProblemKind {
        code: "invalid_body",
        status: 400,
        meaning: "site-problem-invalid-body",
    },
    ProblemKind {
        code: "invalid_idempotency_key",
        status: 400,
        meaning: "site-problem-invalid-idempotency-key",
    },
    ProblemKind {
        code: "idempotency_key_in_flight",
        status: 409,
        meaning: "site-problem-idempotency-key-in-flight",
    },
    ProblemKind {
        code: "bad_query",
        status: 400,
        meaning: "site-problem-bad-query",
    },
    ProblemKind {
        code: "unauthorized",
        status: 401,
        meaning: "site-problem-unauthorized",
    },
    ProblemKind {
        code: "forbidden",
        status: 403,
        meaning: "site-problem-forbidden",
    },
    ProblemKind {
        code: "not_found",
        status: 404,
        meaning: "site-problem-not-found",
    },
    ProblemKind {
        code: "unknown_host",
        status: 404,
        meaning: "site-problem-unknown-host",
    },
    ProblemKind {
        code: "method_not_allowed",
        status: 405,
        meaning: "site-problem-method-not-allowed",
    },
    ProblemKind {
        code: "conflict",
        status: 409,
        meaning: "site-problem-conflict",
    },
    ProblemKind {
        code: "unknown_language",
        status: 400,
        meaning: "site-problem-unknown-language",
    },
    ProblemKind {
        code: "tenant_exists",
        status: 409,
        meaning: "site-problem-tenant-exists",
    },
    ProblemKind {
        code: "payload_too_large",
        status: 413,
        meaning: "site-problem-payload-too-large",
    },
    ProblemKind {
        code: "unsupported_media_type",
        status: 415,
        meaning: "site-problem-unsupported-media-type",
    },
    ProblemKind {
        code: "validation_failed",
        status: 422,
        meaning: "site-problem-validation-failed",
    },
    ProblemKind {
        code: "rate_limited",
        status: 429,
        meaning: "site-problem-rate-limited",
    },
    ProblemKind {
        code: "internal",
        status: 500,
        meaning: "site-problem-internal",
    },
    ProblemKind {
        code: "unreadable_body",
        status: 400,
        meaning: "site-problem-unreadable-body",
    },
    ProblemKind {
        code: "unreadable_form",
        status: 400,
        meaning: "site-problem-unreadable-form",
    },
    ProblemKind {
        code: "invalid_link",
        status: 400,
        meaning: "site-problem-invalid-link",
    },
    ProblemKind {
        code: "unknown_tenant",
        status: 400,
        meaning: "site-problem-unknown-tenant",
    },
    ProblemKind {
        code: "second_factor_required",
        status: 403,
        meaning: "site-problem-second-factor-required",
    },
    ProblemKind {
        code: "email_taken",
        status: 409,
        meaning: "site-problem-email-taken",
    },
    ProblemKind {
        code: "last_admin",
        status: 409,
        meaning: "site-problem-last-admin",
    },
    ProblemKind {
        code: "slug_taken",
        status: 409,
        meaning: "site-problem-slug-taken",
    },
    ProblemKind {
        code: "host_taken",
        status: 409,
        meaning: "site-problem-host-taken",
    },
    ProblemKind {
        code: "last_host",
        status: 409,
        meaning: "site-problem-last-host",
    },
    ProblemKind {
        code: "own_tenant",
        status: 409,
        meaning: "site-problem-own-tenant",
    },
    ProblemKind {
        code: "not_failed",
        status: 409,
        meaning: "site-problem-not-failed",
    },
    ProblemKind {
        code: "already_member",
        status: 409,
        meaning: "site-problem-already-member",
    },
    ProblemKind {
        code: "already_requested",
        status: 409,
        meaning: "site-problem-already-requested",
    },
    ProblemKind {
        code: "area_name_taken",
        status: 409,
        meaning: "site-problem-area-name-taken",
    },
    ProblemKind {
        code: "area_has_children",
        status: 409,
        meaning: "site-problem-area-has-children",
    },
    ProblemKind {
        code: "residency_required",
        status: 403,
        meaning: "site-problem-residency-required",
    },
    ProblemKind {
        code: "route_not_allowed",
        status: 409,
        meaning: "site-problem-route-not-allowed",
    },
    ProblemKind {
        code: "already_resident",
        status: 409,
        meaning: "site-problem-already-resident",
    },
    ProblemKind {
        code: "residency_requested",
        status: 409,
        meaning: "site-problem-residency-requested",
    },
    ProblemKind {
        code: "not_recognised",
        status: 409,
        meaning: "site-problem-not-recognised",
    },
    ProblemKind {
        code: "asset_withdrawn",
        status: 409,
        meaning: "site-problem-asset-withdrawn",
    },
    ProblemKind {
        code: "not_contactable",
        status: 409,
        meaning: "site-problem-not-contactable",
    },
    ProblemKind {
        code: "area_in_use",
        status: 409,
        meaning: "site-problem-area-in-use",
    },
    ProblemKind {
        code: "proposal_decided",
        status: 409,
        meaning: "site-problem-proposal-decided",
    },
    ProblemKind {
        code: "invalid_transition",
        status: 409,
        meaning: "site-problem-invalid-transition",
    },
    ProblemKind {
        code: "support_threshold_not_met",
        status: 409,
        meaning: "site-problem-support-threshold-not-met",
    },
    ProblemKind {
        code: "not_open_for_support",
        status: 409,
        meaning: "site-problem-not-open-for-support",
    },
    ProblemKind {
        code: "already_invited",
        status: 409,
        meaning: "site-problem-already-invited",
    },
    ProblemKind {
        code: "hidden",
        status: 410,
        meaning: "site-problem-hidden",
    },
    ProblemKind {
        code: "comments_closed",
        status: 409,
        meaning: "site-problem-comments-closed",
    },
    ProblemKind {
        code: "edit_window_closed",
        status: 409,
        meaning: "site-problem-edit-window-closed",
    },
    ProblemKind {
        code: "comment_deleted",
        status: 409,
        meaning: "site-problem-comment-deleted",
    },
    ProblemKind {
        code: "already_flagged",
        status: 409,
        meaning: "site-problem-already-flagged",
    },
    ProblemKind {
        code: "already_hidden",
        status: 409,
        meaning: "site-problem-already-hidden",
    },
    ProblemKind {
        code: "not_hidden",
        status: 409,
        meaning: "site-problem-not-hidden",
    },
    ProblemKind {
        code: "nothing_to_dismiss",
        status: 409,
        meaning: "site-problem-nothing-to-dismiss",
    },
    ProblemKind {
        code: "review_already_requested",
        status: 409,
        meaning: "site-problem-review-already-requested",
    },
    ProblemKind {
        code: "evaluation_not_open",
        status: 409,
        meaning: "site-problem-evaluation-not-open",
    },
    ProblemKind {
        code: "evaluation_closed",
        status: 409,
        meaning: "site-problem-evaluation-closed",
    },
    ProblemKind {
        code: "not_invited",
        status: 403,
        meaning: "site-problem-not-invited",
    },
    ProblemKind {
        code: "poll_closed",
        status: 409,
        meaning: "site-problem-poll-closed",
    },
    ProblemKind {
        code: "not_eligible",
        status: 403,
        meaning: "site-problem-not-eligible",
    },
    ProblemKind {
        code: "already_voted",
        status: 409,
        meaning: "site-problem-already-voted",
    },
    ProblemKind {
        code: "results_not_ready",
        status: 409,
        meaning: "site-problem-results-not-ready",
    },
    ProblemKind {
        code: "poll_open",
        status: 409,
        meaning: "site-problem-poll-open",
    },
    ProblemKind {
        code: "organisation_not_verified",
        status: 403,
        meaning: "site-problem-organisation-not-verified",
    },
    ProblemKind {
        code: "consent_required",
        status: 403,
        meaning: "site-problem-consent-required",
    },
    ProblemKind {
        code: "story_withdrawn",
        status: 410,
        meaning: "site-problem-story-withdrawn",
    },
    ProblemKind {
        code: "deidentified_in_use",
        status: 409,
        meaning: "site-problem-deidentified-in-use",
    },
    ProblemKind {
        code: "already_withdrawn",
        status: 409,
        meaning: "site-problem-already-withdrawn",
    },
    ProblemKind {
        code: "already_decided",
        status: 409,
        meaning: "site-problem-already-decided",
    },
    ProblemKind {
        code: "unavailable",
        status: 503,
        meaning: "site-problem-unavailable",
    },
    ProblemKind {
        code: "storage_full",
        status: 507,
        meaning: "site-problem-storage-full",
    },
    ProblemKind {
        code: "tenant_suspended",
        status: 503,
        meaning: "site-problem-tenant-suspended",
    },
    ProblemKind {
        code: "bad_choice",
        status: 400,
        meaning: "site-problem-bad-choice",
    },
    ProblemKind {
        code: "last_facilitator",
        status: 409,
        meaning: "site-problem-last-facilitator",
    },
    ProblemKind {
        code: "already_invited",
        status: 409,
        meaning: "site-problem-already-invited-board",
    },
    ProblemKind {
        code: "join_request_waiting",
        status: 409,
        meaning: "site-problem-join-request-waiting",
    },
    ProblemKind {
        code: "invitation_waiting",
        status: 409,
        meaning: "site-problem-invitation-waiting",
    },
    ProblemKind {
        code: "already_requested",
        status: 409,
        meaning: "site-problem-already-requested-board",
    },
    ProblemKind {
        code: "already_answered",
        status: 409,
        meaning: "site-problem-already-answered",
    },
    ProblemKind {
        code: "not_a_board_member",
        status: 403,
        meaning: "site-problem-not-a-board-member",
    },
    ProblemKind {
        code: "workshop_over",
        status: 409,
        meaning: "site-problem-workshop-over",
    },
    ProblemKind {
        code: "workshop_not_started",
        status: 409,
        meaning: "site-problem-workshop-not-started",
    },
];

#[derive(Template)]
#[template(path = "site/problem.html")]
struct ProblemPage {
    chrome: Chrome,
    kind: &'static ProblemKind,
    status: u32,
    meaning: String,
}

async fn problem(page: Page, code: web::Path<String>) -> Result<HttpResponse> {
    let kind = PROBLEM_KINDS
        .iter()
        .find(|k| k.code == code.as_str())
        .ok_or(Error::NotFound)?;
    render::page(&ProblemPage {
        chrome: page.chrome(),
        kind,
        status: kind.status.into(),
        meaning: kind.meaning_in(page.language),
    })
}

#[cfg(test)]
mod tests {
    use super::PROBLEM_KINDS;
    use crate::i18n::Language;

    /// Every problem's meaning is in every language (the keys are not
    /// literal calls, so the catalogue's scan does not see them).
    #[test]
    fn every_problem_has_its_meaning_in_every_language() {
        for kind in PROBLEM_KINDS {
            for lang in Language::ALL {
                assert!(
                    lang.t_dynamic(kind.meaning).is_some(),
                    "{lang} lacks {}",
                    kind.meaning
                );
            }
        }
        assert_eq!(
            PROBLEM_KINDS[0].meaning_in(Language::En),
            "The request could not be understood."
        );
    }

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
