//! The public "Check a consent receipt" page: paste a receipt, see whether
//! it is genuine, what it records and whether that consent still stands.

use actix_web::{web, HttpResponse};
use askama::Template;
use serde::Deserialize;

use super::model::{ConsentReceipt, ReceiptEvent, Standing, Verification};
use super::service::{self, MAX_RECEIPT_LEN};
use crate::error::Result;
use crate::http::auth::{Page, ProtectedForm, SignedIn};
use crate::http::render::{self, Chrome, FormErrors};
use crate::i18n::Language;
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
    /// Why the receipt is not trusted, in the page's language.
    fn reason(&self) -> Option<render::Said> {
        let said = self.result.as_ref()?.said.as_ref()?;
        Some(render::Said::say(said, self.chrome.language))
    }

    fn claims(&self) -> Option<&ConsentReceipt> {
        self.result.as_ref().and_then(|r| r.receipt.as_ref())
    }

    fn standing_words(&self) -> String {
        standing_words(
            self.result.as_ref().and_then(|r| r.standing),
            self.chrome.language,
        )
    }

    /// What happened to the consent, and when.
    fn happened(&self) -> String {
        let lang = self.chrome.language;
        let when = self.consent_time();
        match self.claims().map(|c| c.consent.event) {
            Some(ReceiptEvent::Changed) => lang.t1("receipts-happened-changed", "when", when),
            Some(ReceiptEvent::Withdrawn) => lang.t1("receipts-happened-withdrawn", "when", when),
            _ => lang.t1("receipts-happened-given", "when", when),
        }
    }

    /// Each grant on the receipt, in words, with where it stands now.
    fn rows(&self) -> Vec<GrantRow> {
        let Some(c) = self.claims() else {
            return Vec::new();
        };
        let purposes: Vec<&super::model::Purpose> =
            c.services.iter().flat_map(|s| s.purposes.iter()).collect();
        let standings = self.result.as_ref().map(|r| &r.grants);
        let lang = self.chrome.language;
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
                    "named" => lang.t("receipts-by-name"),
                    "first_name" => lang.t("receipts-by-first-name"),
                    _ => lang.t("receipts-anonymously"),
                },
                event: match g.event {
                    ReceiptEvent::Given => lang.t("receipts-event-given"),
                    ReceiptEvent::Changed => lang.t("receipts-event-changed"),
                    ReceiptEvent::Withdrawn => lang.t("receipts-event-withdrawn"),
                },
                until: chrono::DateTime::parse_from_rfc3339(&g.expires_at)
                    .map(|t| lang.date(&t.naive_utc()))
                    .unwrap_or_else(|_| g.expires_at.clone()),
                now: standings
                    .and_then(|s| s.iter().find(|s| s.grant_id == g.grant_id))
                    .map_or_else(String::new, |s| short_words(s.standing, lang)),
            })
            .collect()
    }

    fn consent_time(&self) -> String {
        self.claims()
            .and_then(|c| chrono::DateTime::from_timestamp(c.consent_timestamp, 0))
            .map(|t| self.chrome.language.date_time(&t.naive_utc()))
            .unwrap_or_default()
    }
}

/// One grant on a checked receipt.
struct GrantRow {
    purpose: String,
    audience: String,
    attribution: String,
    event: String,
    until: String,
    now: String,
}

fn standing_words(standing: Option<Standing>, lang: Language) -> String {
    match standing {
        Some(Standing::Live) => lang.t("receipts-standing-live"),
        Some(Standing::Withdrawn) => lang.t("receipts-standing-withdrawn"),
        Some(Standing::Expired) => lang.t("receipts-standing-expired"),
        Some(Standing::Superseded) => lang.t("receipts-standing-superseded"),
        Some(Standing::PartlyLive) => lang.t("receipts-standing-partly-live"),
        Some(Standing::OtherPlace) => lang.t("receipts-standing-other-place"),
        Some(Standing::Unknown) | None => lang.t("receipts-standing-unknown"),
    }
}

fn short_words(standing: Standing, lang: Language) -> String {
    match standing {
        Standing::Live => lang.t("receipts-short-live"),
        Standing::Withdrawn => lang.t("receipts-short-withdrawn"),
        Standing::Expired => lang.t("receipts-short-expired"),
        Standing::Superseded => lang.t("receipts-short-superseded"),
        Standing::PartlyLive => lang.t("receipts-short-partly-live"),
        Standing::OtherPlace => lang.t("receipts-short-other-place"),
        Standing::Unknown => lang.t("receipts-short-unknown"),
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
