//! A consent receipt's claims (Kantara Consent Receipt v1.1 with one
//! namespaced claim of ours) and what the stories room tells us to put in
//! one.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

/// The receipt format's version string, as the specification names it.
pub const VERSION: &str = "KI-CR-v1.1.0";

/// Our claim's name: a URI, so it cannot collide with registered claims.
pub const CONSENT_CLAIM: &str = "urn:coproduce:consent";

/// What happened to the consent that this receipt records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReceiptEvent {
    Given,
    Changed,
    Withdrawn,
}

impl ReceiptEvent {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Given => "given",
            Self::Changed => "changed",
            Self::Withdrawn => "withdrawn",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        [Self::Given, Self::Changed, Self::Withdrawn]
            .into_iter()
            .find(|e| e.as_str() == raw)
    }

    /// In words, for the holder's list.
    pub fn words(self) -> &'static str {
        match self {
            Self::Given => "Consent given",
            Self::Changed => "Consent changed",
            Self::Withdrawn => "Consent withdrawn",
        }
    }
}

/// One purpose a grant covers, as the stories room describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PurposeFacts {
    /// In plain words, e.g. "Improve local services".
    pub purpose: String,
    /// Its W3C DPV term, e.g. `dpv:ImprovePublicServices`.
    pub dpv_term: String,
    /// Its legal basis, e.g. `eu-gdpr:A9-2-a` for special-category data.
    pub legal_basis: String,
    /// Whether people outside the place's own organisations may see it.
    pub third_party_disclosure: bool,
    /// Who those are, in words ("anyone on the public website").
    pub third_party_name: Option<String>,
}

/// One grant a receipt covers, as the stories room describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GrantFacts {
    pub grant_id: String,
    /// What happened to this grant.
    pub event: ReceiptEvent,
    /// SHA-256 (hex) of the story version the grant covers.
    pub story_digest: String,
    pub audience: String,
    pub attribution: String,
    pub expires_at: NaiveDateTime,
    pub purpose: PurposeFacts,
}

/// Everything a receipt says, gathered by the stories room when a consent
/// is given, changed or withdrawn: one receipt per change of one story's
/// consent, covering every grant the change touched. Holds no story text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceiptFacts {
    /// What happened overall: given or withdrawn when every grant was, else
    /// changed.
    pub event: ReceiptEvent,
    pub at: NaiveDateTime,
    /// The place's site, e.g. `https://coventry.example.org`: the issuer.
    pub issuer: String,
    /// The place's name: the controller.
    pub controller: String,
    /// Where to write to the controller, when the place gave an address.
    pub controller_email: Option<String>,
    /// ISO 3166 code of the law the consent is given under.
    pub jurisdiction: String,
    /// The exact privacy notice version the person saw.
    pub policy_url: String,
    /// How consent was collected: on the consent screen, or assisted in
    /// person and by whom.
    pub collection_method: String,
    /// A pseudonym for the person, stable within the place, never their
    /// email address ([`super::service::pseudonym`]).
    pub principal: String,
    pub grants: Vec<GrantFacts>,
    /// The story was marked as holding special-category information.
    pub sensitive: bool,
    /// Which special categories (e.g. "health"), when sensitive.
    pub special_categories: Vec<String>,
}

impl ReceiptFacts {
    /// A receipt's facts as a place might give them, for tests and fuzzing
    /// outside this crate, which cannot see its test code.
    #[doc(hidden)]
    pub fn example() -> ReceiptFacts {
        let at = NaiveDate::from_ymd_opt(2026, 11, 26)
            .unwrap()
            .and_hms_opt(10, 0, 0)
            .unwrap();
        ReceiptFacts {
            event: ReceiptEvent::Given,
            at,
            issuer: "https://coventry.example.org".into(),
            controller: "Coventry".into(),
            controller_email: Some("privacy@coventry.example.org".into()),
            jurisdiction: "GB".into(),
            policy_url: "https://coventry.example.org/privacy#v1".into(),
            collection_method: "consent screen on the website".into(),
            principal: "a1b2".into(),
            grants: vec![GrantFacts {
                grant_id: "0193-grant".into(),
                event: ReceiptEvent::Given,
                story_digest: "ab".repeat(32),
                audience: "board".into(),
                attribution: "first_name".into(),
                expires_at: at + chrono::Duration::days(365),
                purpose: PurposeFacts {
                    purpose: "Improve local services".into(),
                    dpv_term: "dpv:ImprovePublicServices".into(),
                    legal_basis: "eu-gdpr:A9-2-a".into(),
                    third_party_disclosure: false,
                    third_party_name: None,
                },
            }],
            sensitive: true,
            special_categories: vec!["health".into()],
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct PiiController {
    #[serde(rename = "piiController")]
    pub name: String,
    pub contact: String,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub email: Option<String>,
    #[serde(rename = "piiControllerUrl")]
    pub url: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
#[schema(as = ReceiptPurpose)]
pub struct Purpose {
    pub purpose: String,
    pub purpose_category: Vec<String>,
    /// `EXPLICIT`: the person ticked this purpose themselves.
    pub consent_type: String,
    pub pii_category: Vec<String>,
    pub primary_purpose: bool,
    /// When and how the consent ends.
    pub termination: String,
    pub third_party_disclosure: bool,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub third_party_name: Option<String>,
    /// Our addition: the purpose's legal basis.
    pub legal_basis: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Service {
    pub service: String,
    pub purposes: Vec<Purpose>,
}

/// One grant in our namespaced claim: which grant, over which story
/// version, for whom, until when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct GrantClaim {
    pub grant_id: String,
    pub event: ReceiptEvent,
    pub story_digest: String,
    pub audience: String,
    pub attribution: String,
    /// When the consent ends unless withdrawn first (RFC 3339).
    pub expires_at: String,
    /// The purpose's W3C DPV term, matching `services[].purposes[]`.
    pub purpose: String,
}

/// Our namespaced claim: what happened, and to which grants.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ConsentFacts {
    pub event: ReceiptEvent,
    pub grants: Vec<GrantClaim>,
}

/// The claims of a receipt, as signed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ConsentReceipt {
    pub version: String,
    pub jurisdiction: String,
    /// Seconds since 1970 (UTC).
    pub consent_timestamp: i64,
    pub collection_method: String,
    #[serde(rename = "consentReceiptID")]
    pub consent_receipt_id: String,
    pub jti: String,
    pub iss: String,
    pub iat: i64,
    pub pii_principal_id: String,
    pub pii_controllers: Vec<PiiController>,
    pub policy_url: String,
    pub services: Vec<Service>,
    pub sensitive: bool,
    pub spi_cat: Vec<String>,
    #[serde(rename = "urn:coproduce:consent")]
    pub consent: ConsentFacts,
}

/// Whether the consent a valid receipt records is still in force, as far
/// as the place that issued it can tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Standing {
    /// Given, and in force now, on the terms this receipt records.
    Live,
    /// Withdrawn by the person.
    Withdrawn,
    /// Ended at its expiry.
    Expired,
    /// Replaced by a later change: new terms, a renewal, or a change of
    /// legal basis recorded in a newer receipt.
    Superseded,
    /// Some of the grants on the receipt are in force, others are not
    /// (see `grants`).
    PartlyLive,
    /// Issued by another place on this platform: ask that place.
    OtherPlace,
    /// This place holds no such grant any more (its author left).
    Unknown,
}

/// One grant's standing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct GrantStanding {
    pub grant_id: String,
    pub standing: Standing,
}

/// The outcome of checking a pasted receipt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Verification {
    /// The signature is good, by one of the published keys.
    pub valid: bool,
    /// Why not, in words, when not valid.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// The same reason, for a page in any language.
    #[serde(skip)]
    pub said: Option<crate::error::Say>,
    /// The key that signed it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kid: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub receipt: Option<ConsentReceipt>,
    /// Overall: the grants it gave (or, for a withdrawal, withdrew).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub standing: Option<Standing>,
    /// Each grant's standing, for a receipt of this place.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub grants: Vec<GrantStanding>,
}

/// A receipt as kept for its holder: "Your consents" lists these.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct StoredReceipt {
    /// The receipt's `jti`.
    pub id: String,
    pub story_id: String,
    pub event: ReceiptEvent,
    /// What it records, in words (purposes and audiences).
    pub summary: String,
    pub grant_ids: Vec<String>,
    pub issued_at: NaiveDateTime,
    /// The receipt itself: a compact JWT.
    pub receipt: String,
}
