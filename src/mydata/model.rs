//! The export format, version 1. Readers must ignore fields they do not
//! know; a breaking change gets a new `version`.

use std::collections::BTreeMap;

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

pub const FORMAT: &str = "coproduce-export";
pub const VERSION: u32 = 1;

/// Everything the platform holds about one person in one place.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Export {
    /// Always `coproduce-export`.
    pub format: String,
    /// The format's version (this is 1).
    pub version: u32,
    pub exported_at: NaiveDateTime,
    pub place: Place,
    pub account: AccountData,
    pub profile: ProfileData,
    /// Devices signed in now.
    pub sessions: Vec<SessionData>,
    /// Emails sent (or waiting to be sent) to the person.
    pub emails: Vec<EmailData>,
    /// Single-use links sent by email (their secrets are never stored).
    pub links: Vec<LinkData>,
    /// Events of the audit log about the person.
    pub audit_events: Vec<AuditData>,
    /// Organisations the person belongs to (absent in older exports).
    #[serde(default)]
    pub organisations: Vec<MembershipData>,
    /// Requests to join organisations (absent in older exports).
    #[serde(default)]
    pub join_requests: Vec<JoinRequestData>,
    /// Whether and how the person was verified as a resident, their
    /// request to the admins, and recent failed attempts (absent in older
    /// exports).
    #[serde(default)]
    pub residency: Option<crate::residency::service::ResidencyData>,
    /// Invitations to organisations the person sent as an admin (absent in
    /// older exports).
    #[serde(default)]
    pub invitations_sent: Vec<InvitationData>,
    /// Invitations to organisations sent to the person's email address
    /// (absent in older exports).
    #[serde(default)]
    pub invitations_received: Vec<InvitationData>,
    /// Assets the person registered, for themselves or an organisation
    /// (absent in older exports).
    #[serde(default)]
    pub assets: Vec<AssetData>,
    /// When the person wrote to an asset's owner (the messages themselves
    /// are kept only in the owners' email; absent in older exports).
    #[serde(default)]
    pub asset_messages: Vec<AssetMessageData>,
    /// Proposals written, supports given, edits and status changes made
    /// (absent in older exports).
    #[serde(default)]
    pub proposals: crate::proposals::model::PersonalData,
    /// Comments written (absent in older exports).
    #[serde(default)]
    pub comments: Vec<crate::comments::model::CommentData>,
    /// Flags raised, and moderation actions taken (absent in older
    /// exports).
    #[serde(default)]
    pub moderation: crate::moderation::model::PersonalData,
    /// Boards the person is on, invitations and requests, answers to
    /// workshops with the access needs given, attendance, and what they did
    /// on boards' timelines (absent in older exports).
    #[serde(default)]
    pub boards: crate::boards::model::PersonalData,
    /// What the person follows, how they want to hear, and updates
    /// waiting for their next summary (absent in older exports).
    #[serde(default)]
    pub notifications: crate::notifications::model::PersonalData,
    /// Invitations to evaluate delivered proposals, and the ratings given
    /// (absent in older exports).
    #[serde(default)]
    pub evaluation: crate::evaluation::model::PersonalData,
    /// Polls they could vote in (and their ballot, for open polls), polls
    /// they opened, ballots they cast for others (absent in older exports).
    #[serde(default)]
    pub polls: crate::polls::model::PersonalData,
    /// Stories written (decrypted), every consent given, every logged use
    /// of them, requests to use them and those made, and uses made of
    /// others' stories (absent in older exports).
    #[serde(default)]
    pub stories: crate::stories::model::PersonalData,
    /// Idempotency-Keys sent with API requests in the last 24 hours, with
    /// the request each was for (never the answers; absent in older
    /// exports).
    #[serde(default)]
    pub idempotency_keys: Vec<crate::idempotency::model::RememberedRequest>,
}

/// An invitation to join an organisation (never its link's secret).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(as = MyDataInvitationData)]
pub struct InvitationData {
    pub organisation_id: String,
    pub organisation_name: String,
    /// The address invited.
    pub email: String,
    /// `admin` or `member`.
    pub role: String,
    /// `pending`, `accepted`, `declined` or `revoked`.
    pub status: String,
    pub created_at: NaiveDateTime,
    pub sent_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
    pub decided_at: Option<NaiveDateTime>,
}

/// An asset the person registered.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct AssetData {
    pub id: String,
    pub name: String,
    pub kind: String,
    pub description: String,
    pub area_id: Option<String>,
    /// Set when registered on behalf of an organisation.
    pub organisation_id: Option<String>,
    pub availability: Option<String>,
    pub contactable: bool,
    pub withdrawn_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// A message the person sent to an asset's owner.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct AssetMessageData {
    pub asset_id: String,
    pub sent_at: NaiveDateTime,
}

/// A request to join an organisation.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct JoinRequestData {
    pub organisation_id: String,
    pub organisation_name: String,
    pub message: Option<String>,
    /// `pending`, `accepted` or `declined`.
    pub status: String,
    pub created_at: NaiveDateTime,
}

/// A membership of an organisation.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(as = MyDataMembershipData)]
pub struct MembershipData {
    pub organisation_id: String,
    pub organisation_name: String,
    /// `admin` or `member`.
    pub role: String,
    pub joined_at: NaiveDateTime,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(as = MyDataPlace)]
pub struct Place {
    pub slug: String,
    pub name: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct AccountData {
    pub id: String,
    pub email: String,
    pub email_verified_at: Option<NaiveDateTime>,
    pub display_name: String,
    pub role: String,
    pub platform_operator: bool,
    pub two_step_sign_in: bool,
    pub unused_recovery_codes: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
pub struct ProfileData {
    pub pronouns: Option<String>,
    pub bio: Option<String>,
    pub home_area: Option<String>,
    #[serde(default)]
    pub skills: Vec<String>,
    #[serde(default)]
    pub interests: Vec<String>,
    /// Field → `public`, `members` or `private`.
    #[serde(default)]
    pub visibility: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct SessionData {
    pub kind: String,
    pub device: String,
    pub created_at: NaiveDateTime,
    pub last_seen_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct EmailData {
    pub kind: String,
    pub subject: String,
    pub status: String,
    pub created_at: NaiveDateTime,
    pub sent_at: Option<NaiveDateTime>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct LinkData {
    pub purpose: String,
    pub created_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
    pub used_at: Option<NaiveDateTime>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct AuditData {
    pub occurred_at: NaiveDateTime,
    pub kind: String,
    /// What happened, in words.
    pub description: String,
    /// Whether the person did it themselves (otherwise an admin, an
    /// operator or the platform did).
    pub by_you: bool,
    pub detail: serde_json::Value,
}

/// What an account's erasure does with the person's public contributions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Contributions {
    /// Remove them.
    Delete,
    /// Keep them, shown as written by "a former member".
    Anonymise,
}
