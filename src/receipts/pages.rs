//! The public "Check a consent receipt" page: paste a receipt, see whether
//! it is genuine, what it records and whether that consent still stands.

use actix_web::{web, HttpResponse};
use askama::Template;
use serde::Deserialize;

use super::model::{ConsentReceipt, Standing, Verification};
use super::service::{self, MAX_RECEIPT_LEN};
use crate::error::Result;
use crate::http::auth::{Page, ProtectedForm};
use crate::http::render::{self, Chrome, FormErrors};
use crate::state::AppState;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/receipts/verify").get(form).post(check));
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
        match self.result.as_ref().and_then(|r| r.standing.as_ref()) {
            Some(Standing::Live) => "This consent is still in force.",
            Some(Standing::Ended) => {
                "This consent is no longer in force: it was withdrawn, has expired or was replaced by a newer one."
            }
            Some(Standing::OtherPlace) => {
                "This receipt was issued by another place on this platform. Check it on that place’s site to see whether the consent still stands."
            }
            Some(Standing::Unknown) | None => {
                "This place no longer holds the consent this receipt records (for example, the story was deleted), so it is not in force."
            }
        }
    }

    fn consent_time(&self) -> String {
        self.claims()
            .and_then(|c| chrono::DateTime::from_timestamp(c.consent_timestamp, 0))
            .map(|t| t.format("%-d %B %Y at %H:%M UTC").to_string())
            .unwrap_or_default()
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
