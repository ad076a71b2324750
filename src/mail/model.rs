//! Outbox records: what a caller asks to send, and what the outbox keeps
//! about each message until it is delivered or given up.

use chrono::NaiveDateTime;
use diesel::prelude::*;

pub use crate::db::ids::OutboxId;
use crate::db::ids::TenantId;
use crate::db::schema::outbox;
use crate::mail::Email;

/// An email to send on behalf of a tenant. The sender is the tenant's name
/// with the installation's `mail_from` address, so it is not given here.
#[derive(Debug, Clone)]
pub struct Message {
    pub to: Email,
    pub subject: String,
    /// The plain-text part, for every mail client.
    pub text: String,
    /// The HTML part, shown by clients that can.
    pub html: String,
    /// What the message is for (e.g. `verify_email`), for admins and tests.
    pub kind: &'static str,
}

/// Where a message is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutboxStatus {
    /// Waiting to be sent (for the first time or again after a failure).
    Pending,
    Sent,
    /// Given up: a permanent refusal or too many attempts. Only an admin's
    /// retry sends it again.
    Failed,
}

impl OutboxStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Sent => "sent",
            Self::Failed => "failed",
        }
    }

    /// The column has a CHECK constraint; anything else is read as failed,
    /// so it is shown to an admin rather than sent.
    pub fn parse(raw: &str) -> Self {
        match raw {
            "pending" => Self::Pending,
            "sent" => Self::Sent,
            _ => Self::Failed,
        }
    }
}

/// A whole outbox row.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = outbox)]
pub struct OutboxRow {
    pub tenant_id: TenantId,
    pub id: OutboxId,
    pub recipient: String,
    pub subject: String,
    pub body_text: String,
    pub body_html: String,
    pub message_id: String,
    pub kind: String,
    pub status: String,
    pub attempts: i32,
    pub next_attempt_at: NaiveDateTime,
    pub locked_by: Option<String>,
    pub locked_until: Option<NaiveDateTime>,
    pub last_error: Option<String>,
    pub created_at: NaiveDateTime,
    pub sent_at: Option<NaiveDateTime>,
    /// Where replies go, when not to the platform's address.
    pub reply_to: Option<String>,
    /// The address of the `List-Unsubscribe` header (with one-click
    /// `List-Unsubscribe-Post`), for notices people can stop.
    pub list_unsubscribe: Option<String>,
}

/// A message as an admin sees it in the list of failures: no bodies.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, serde::Serialize)]
#[diesel(table_name = outbox)]
pub struct OutboxSummary {
    pub id: OutboxId,
    pub recipient: String,
    pub subject: String,
    pub kind: String,
    pub status: String,
    pub attempts: i32,
    pub last_error: Option<String>,
    pub next_attempt_at: NaiveDateTime,
    pub created_at: NaiveDateTime,
}

#[derive(Insertable)]
#[diesel(table_name = outbox)]
pub(super) struct NewOutboxRow<'a> {
    pub tenant_id: &'a TenantId,
    pub id: &'a OutboxId,
    pub recipient: &'a str,
    pub subject: &'a str,
    pub body_text: &'a str,
    pub body_html: &'a str,
    pub message_id: &'a str,
    pub kind: &'a str,
    pub status: &'a str,
    pub attempts: i32,
    pub next_attempt_at: NaiveDateTime,
    pub created_at: NaiveDateTime,
    pub reply_to: Option<&'a str>,
    pub list_unsubscribe: Option<&'a str>,
}
