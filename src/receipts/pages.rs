//! The public "Check a consent receipt" page: paste a receipt, see whether
//! it is genuine, what it records and whether that consent still stands.

use actix_web::{web, HttpResponse};
use askama::Template;
use serde::Deserialize;

use super::model::{ConsentReceipt, Standing, Verification};
use super::service::{self, MAX_RECEIPT_LEN};
use crate::error::Result;
use crate::http::auth::{Page, ProtectedForm, SignedIn};
use crate::http::render::{self, Chrome, FormErrors};
use crate::state::AppState;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/receipts/verify").get(form).post(check))
        .service(web::resource("/receipts/{id}/download").get(download));
}

/// One of your receipts as a file, from "Your consents"; anyone else's
/// is 404.
async fn download(
    state: web::Data<AppState>,
    signed_in: SignedIn,
    path: web::Path<String>,
) -> Result<HttpResponse> {
    let id = super::api::receipt_id(&path)?;
    let me = signed_in.user.clone();
    let receipt = state
        .db(move |conn| service::one_of_mine(conn, &me.tenant_id, &me.id, &id))
        .await?;
    Ok(super::api::download(&receipt))
}

#[derive(Template)]
#[template(path = "receipts/verify.html")]
struct Check {
    chrome: Chrome,
    errors: FormErrors,
    receipt: String,
    max: usize,
    result: Option<Verification>,
}

impl Check {
    fn claims(&self) -> Option<&ConsentReceipt> {
        self.result.as_ref().and_then(|r| r.receipt.as_ref())
    }

    fn standing_words(&self) -> &'static str {
        standing_words(self.result.as_ref().and_then(|r| r.standing))
    }

    /// Each grant on the receipt, in words, with where it stands now.
    fn rows(&self) -> Vec<GrantRow> {
        let Some(c) = self.claims() else {
            return Vec::new();
        };
        let purposes: Vec<&super::model::Purpose> =
            c.services.iter().flat_map(|s| s.purposes.iter()).collect();
        let standings = self.result.as_ref().map(|r| &r.grants);
        c.consent
            .grants
            .iter()
            .enumerate()
            .map(|(i, g)| GrantRow {
                purpose: purposes.get(i).map_or_else(
                    || g.purpose.clone(),
                    |p| format!("{} ({})", p.purpose, p.legal_basis),
                ),
                audience: purposes
                    .get(i)
                    .and_then(|p| p.third_party_name.clone())
                    .unwrap_or_else(|| g.audience.clone()),
                attribution: match g.attribution.as_str() {
                    "named" => "by name",
                    "first_name" => "by first name only",
                    _ => "anonymously",
                },
                event: g.event.as_str(),
                until: chrono::DateTime::parse_from_rfc3339(&g.expires_at)
                    .map(|t| t.format("%-d %B %Y").to_string())
                    .unwrap_or_else(|_| g.expires_at.clone()),
                now: standings
                    .and_then(|s| s.iter().find(|s| s.grant_id == g.grant_id))
                    .map_or("", |s| short_words(s.standing)),
            })
            .collect()
    }

    fn consent_time(&self) -> String {
        self.claims()
            .and_then(|c| chrono::DateTime::from_timestamp(c.consent_timestamp, 0))
            .map(|t| t.format("%-d %B %Y at %H:%M UTC").to_string())
            .unwrap_or_default()
    }
}

/// One grant on a checked receipt.
struct GrantRow {
    purpose: String,
    audience: String,
    attribution: &'static str,
    event: &'static str,
    until: String,
    now: &'static str,
}

fn standing_words(standing: Option<Standing>) -> &'static str {
    match standing {
        Some(Standing::Live) => "This consent is still in force, on the terms below.",
        Some(Standing::Withdrawn) => "This consent is no longer in force: it was withdrawn.",
        Some(Standing::Expired) => "This consent is no longer in force: it has expired.",
        Some(Standing::Superseded) => {
            "This receipt has been superseded: the consent was later changed or renewed, and a newer receipt records the terms now."
        }
        Some(Standing::PartlyLive) => {
            "Part of this consent is still in force: see each purpose below."
        }
        Some(Standing::OtherPlace) => {
            "This receipt was issued by another place on this platform. Check it on that place’s site to see whether the consent still stands."
        }
        Some(Standing::Unknown) | None => {
            "This place no longer holds the consent this receipt records (for example, the person left), so it is not in force."
        }
    }
}

fn short_words(standing: Standing) -> &'static str {
    match standing {
        Standing::Live => "in force",
        Standing::Withdrawn => "withdrawn",
        Standing::Expired => "expired",
        Standing::Superseded => "replaced by a later change",
        Standing::PartlyLive => "partly in force",
        Standing::OtherPlace => "ask the place that issued it",
        Standing::Unknown => "no longer held here",
    }
}

async fn form(page: Page) -> Result<HttpResponse> {
    render::page(&Check {
        chrome: page.chrome(),
        errors: FormErrors::default(),
        receipt: String::new(),
        max: MAX_RECEIPT_LEN,
        result: None,
    })
}

#[derive(Deserialize)]
struct Pasted {
    #[serde(default)]
    receipt: String,
}

async fn check(state: web::Data<AppState>, form: ProtectedForm<Pasted>) -> Result<HttpResponse> {
    let ProtectedForm { page, form } = form;
    let keys = state.keys.clone();
    let tenant = page.tenant.id.clone();
    let token = form.receipt.clone();
    let outcome = state
        .db(move |conn| service::check(conn, &keys, &tenant, &token))
        .await;
    let (errors, result) = match outcome {
        Ok(v) => (FormErrors::default(), Some(v)),
        Err(e) => (FormErrors::from_error(e)?, None),
    };
    let mut receipt = form.receipt;
    receipt.truncate(MAX_RECEIPT_LEN);
    let shown = Check {
        chrome: page.chrome(),
        errors,
        receipt,
        max: MAX_RECEIPT_LEN,
        result,
    };
    render::form_page(&shown, &shown.errors)
}
