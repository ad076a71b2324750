//! A consent receipt's claims (Kantara Consent Receipt v1.1 with one
//! namespaced claim of ours) and what the stories room tells us to put in
//! one.

use chrono::NaiveDateTime;
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

/// Everything a receipt says, gathered by the stories room when a consent
/// is given, changed or withdrawn. Holds no story text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceiptFacts {
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
    pub grant_id: String,
    /// SHA-256 (hex) of the story version the grant covers.
    pub story_digest: String,
    pub audience: String,
    pub attribution: String,
    pub expires_at: NaiveDateTime,
    pub purposes: Vec<PurposeFacts>,
    /// The story was marked as holding special-category information.
    pub sensitive: bool,
    /// Which special categories (e.g. "health"), when sensitive.
    pub special_categories: Vec<String>,
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

/// Our namespaced claim: which grant, over which story version, for whom.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ConsentFacts {
    pub grant_id: String,
    pub event: ReceiptEvent,
    pub story_digest: String,
    pub audience: String,
    pub attribution: String,
    /// When the consent ends unless withdrawn first (RFC 3339).
    pub expires_at: String,
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
/// as this place can tell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Standing {
    /// The grant is in force now.
    Live,
    /// The grant has ended: withdrawn, expired or replaced.
    Ended,
    /// Issued by another place on this platform: ask that place.
    OtherPlace,
    /// This place holds no such grant any more (its story was erased).
    Unknown,
}

/// The outcome of checking a pasted receipt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Verification {
    /// The signature is good, by one of the published keys.
    pub valid: bool,
    /// Why not, in words, when not valid.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// The key that signed it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kid: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub receipt: Option<ConsentReceipt>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub standing: Option<Standing>,
}
