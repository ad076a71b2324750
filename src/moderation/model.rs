//! What can be moderated, why people flag it, and what moderators and
//! authors see (no I/O).

use std::collections::BTreeMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::db::ids::{CommentId, ProposalId, TenantId};
use crate::db::schema::moderation_items;
use crate::error::{Error, Problems, Result, Words};

pub const NOTE_MAX: usize = 1_000;
pub const REASON_MAX: usize = 2_000;

/// Something people can flag and moderators can hide.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    Proposal(ProposalId),
    Comment(CommentId),
}

impl Item {
    pub const KINDS: [&'static str; 2] = ["proposal", "comment"];

    pub fn kind(&self) -> &'static str {
        match self {
            Item::Proposal(_) => "proposal",
            Item::Comment(_) => "comment",
        }
    }

    pub fn id(&self) -> String {
        match self {
            Item::Proposal(id) => id.to_string(),
            Item::Comment(id) => id.to_string(),
        }
    }

    /// From a path's `{kind}/{id}`: anything else is not here (404).
    pub fn parse(kind: &str, id: &str) -> Result<Self> {
        match kind {
            "proposal" => id.parse().map(Item::Proposal).map_err(|_| Error::NotFound),
            "comment" => id.parse().map(Item::Comment).map_err(|_| Error::NotFound),
            _ => Err(Error::NotFound),
        }
    }

    /// How a page names it.
    pub fn noun(&self) -> &'static str {
        match self {
            Item::Proposal(_) => "proposal",
            Item::Comment(_) => "comment",
        }
    }

    /// The moderation page of the item.
    pub fn path(&self) -> String {
        format!("/moderation/{}/{}", self.kind(), self.id())
    }
}

/// Why someone flags an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
#[schema(as = ModerationReason)]
pub enum Reason {
    Spam,
    Abuse,
    PersonalInformation,
    OffTopic,
    /// With a note saying what.
    Other,
}

impl Reason {
    pub const ALL: [Reason; 5] = [
        Reason::Spam,
        Reason::Abuse,
        Reason::PersonalInformation,
        Reason::OffTopic,
        Reason::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Reason::Spam => "spam",
            Reason::Abuse => "abuse",
            Reason::PersonalInformation => "personal_information",
            Reason::OffTopic => "off_topic",
            Reason::Other => "other",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == raw.trim())
    }

    pub fn label(self) -> &'static str {
        match self {
            Reason::Spam => "Spam or advertising",
            Reason::Abuse => "Abusive, threatening or hateful",
            Reason::PersonalInformation => "Shares someone's personal information",
            Reason::OffTopic => "Off-topic",
            Reason::Other => "Something else",
        }
    }

    /// [`Reason::label`] in a person's language.
    pub fn label_in(self, lang: impl Into<crate::i18n::Language>) -> String {
        let lang: crate::i18n::Language = lang.into();
        match self {
            Reason::Spam => lang.t("moderation-reason-spam"),
            Reason::Abuse => lang.t("moderation-reason-abuse"),
            Reason::PersonalInformation => lang.t("moderation-reason-personal"),
            Reason::OffTopic => lang.t("moderation-reason-off-topic"),
            Reason::Other => lang.t("moderation-reason-other"),
        }
    }
}

/// A flag as sent.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct NewFlag {
    /// `spam`, `abuse`, `personal_information`, `off_topic` or `other`.
    pub reason: String,
    /// What is wrong (required with `other`, up to 1,000 characters).
    #[serde(default)]
    pub note: Option<String>,
}

/// A checked flag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flag {
    pub reason: Reason,
    pub note: Option<String>,
}

impl Flag {
    pub fn check(new: &NewFlag) -> Result<Self> {
        let mut problems = Problems::default();
        let reason = Reason::parse(&new.reason);
        if reason.is_none() {
            problems.add(
                "reason",
                "invalid",
                Words::of("moderation-error-reason-invalid"),
            );
        }
        let note = new.note.as_deref().map(str::trim).filter(|n| !n.is_empty());
        if reason == Some(Reason::Other) && note.is_none() {
            problems.add(
                "note",
                "required",
                Words::of("moderation-error-note-required"),
            );
        }
        if note.is_some_and(|n| n.chars().count() > NOTE_MAX) {
            problems.add(
                "note",
                "length",
                Words::of1("moderation-error-note-length", "max", NOTE_MAX),
            );
        }
        problems.into_result()?;
        Ok(Self {
            reason: reason.unwrap_or(Reason::Other),
            note: note.map(str::to_owned),
        })
    }
}

/// A written reason: trimmed; `required` says whether empty is refused.
pub fn check_reason(raw: Option<&str>, required: bool) -> Result<Option<String>> {
    let reason = raw.map(str::trim).filter(|r| !r.is_empty());
    if required && reason.is_none() {
        return Err(Error::field(
            "reason",
            "required",
            Words::of("moderation-error-reason-required"),
        ));
    }
    if reason.is_some_and(|r| r.chars().count() > REASON_MAX) {
        return Err(Error::field(
            "reason",
            "length",
            Words::of1("moderation-error-reason-length", "max", REASON_MAX),
        ));
    }
    Ok(reason.map(str::to_owned))
}

/// What a moderator (or, for a review, an author) does to an item; the
/// last segment of its path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Hide,
    Restore,
    Dismiss,
    ReviewRequest,
}

impl Action {
    pub const ALL: [Action; 4] = [
        Action::Hide,
        Action::Restore,
        Action::Dismiss,
        Action::ReviewRequest,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Action::Hide => "hide",
            Action::Restore => "restore",
            Action::Dismiss => "dismiss",
            Action::ReviewRequest => "review-request",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.as_str() == raw)
    }
}

/// Hiding needs a written reason, which the author reads.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct HideRequest {
    pub reason: String,
}

/// Restoring, dismissing and asking for a review may say why.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct Note {
    #[serde(default)]
    pub reason: Option<String>,
}

/// The stored moderation state of an item.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = moderation_items)]
pub struct ItemRow {
    pub tenant_id: TenantId,
    pub subject_kind: String,
    pub subject_id: String,
    pub hidden_at: Option<NaiveDateTime>,
    pub hidden_reason: Option<String>,
    pub review_requested_at: Option<NaiveDateTime>,
    pub queued_at: Option<NaiveDateTime>,
}

/// A flag as the person who raised it sees it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct FlagView {
    pub id: String,
    /// `proposal` or `comment`.
    pub kind: String,
    pub item_id: String,
    pub reason: Reason,
    pub note: Option<String>,
    pub created_at: NaiveDateTime,
}

/// What the item is, for the queue and its page.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ItemSummary {
    /// `proposal` or `comment`.
    pub kind: String,
    pub id: String,
    /// A proposal's title, or the start of a comment.
    pub title: String,
    /// Where it is on the site.
    pub link: String,
}

/// An item waiting in the moderators' queue.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct QueueEntry {
    pub item: ItemSummary,
    /// Open flags per reason.
    pub flags: BTreeMap<String, i64>,
    pub open_flags: i64,
    /// Its author asked for the hiding to be reviewed.
    pub review_requested: bool,
    pub hidden: bool,
    /// Waiting since.
    pub queued_at: NaiveDateTime,
}

/// One page of the queue, oldest first.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct QueuePage {
    pub items: Vec<QueueEntry>,
    pub page: i64,
    pub per_page: i64,
    pub total: i64,
}

/// One step of an item's moderation history.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ActionView {
    /// `hidden`, `restored`, `dismissed` or `review_requested`.
    pub action: String,
    /// "A moderator", or "The author".
    pub by: String,
    pub reason: Option<String>,
    pub occurred_at: NaiveDateTime,
}

/// An open flag, as moderators see it (never who raised it).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct OpenFlag {
    pub reason: Reason,
    pub note: Option<String>,
    pub created_at: NaiveDateTime,
}

/// An item's moderation state and history, for moderators and its
/// authors.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ItemView {
    pub item: ItemSummary,
    /// The text, for moderators and authors (even while hidden).
    pub body: String,
    pub hidden: bool,
    /// The moderators' reason, while hidden.
    pub hidden_reason: Option<String>,
    pub hidden_at: Option<NaiveDateTime>,
    /// The author asked for a review of this hiding.
    pub review_requested: bool,
    /// Waiting in the queue.
    pub queued: bool,
    /// Open flags (moderators only; empty for authors).
    pub open_flags: Vec<OpenFlag>,
    /// Oldest first.
    pub history: Vec<ActionView>,
    /// You are a moderator of this place.
    pub moderator: bool,
    /// You wrote it (or co-write it).
    pub author: bool,
}

impl ItemView {
    /// The author may ask for a review: hidden, not asked yet for this
    /// hiding.
    pub fn may_request_review(&self) -> bool {
        self.author && self.hidden && !self.review_requested
    }
}

/// A person's flags and moderation, in their data export.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
#[schema(as = ModerationPersonalData)]
pub struct PersonalData {
    #[serde(default)]
    pub flags: Vec<FlagData>,
    /// What they did as a moderator, or as an author asking for a review.
    #[serde(default)]
    pub actions: Vec<ActionData>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct FlagData {
    pub kind: String,
    pub item_id: String,
    pub reason: String,
    pub note: Option<String>,
    pub created_at: NaiveDateTime,
    /// `hidden` or `dismissed` once a moderator acted.
    pub resolution: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ActionData {
    pub kind: String,
    pub item_id: String,
    pub action: String,
    pub reason: Option<String>,
    pub occurred_at: NaiveDateTime,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_are_checked() {
        let ok = Flag::check(&NewFlag {
            reason: "spam".into(),
            note: Some("  ".into()),
        })
        .unwrap();
        assert_eq!((ok.reason, ok.note), (Reason::Spam, None));
        assert!(Flag::check(&NewFlag {
            reason: "rude".into(),
            note: None
        })
        .is_err());
        assert!(Flag::check(&NewFlag {
            reason: "other".into(),
            note: None
        })
        .is_err());
        assert!(Flag::check(&NewFlag {
            reason: "other".into(),
            note: Some("it names my neighbour".into())
        })
        .is_ok());
    }

    #[test]
    fn items_parse_from_paths() {
        let id = ProposalId::new();
        assert_eq!(
            Item::parse("proposal", id.as_str()).unwrap(),
            Item::Proposal(id.clone())
        );
        assert!(Item::parse("board", id.as_str()).is_err());
        assert!(Item::parse("comment", "nope").is_err());
        assert!(check_reason(Some(" "), true).is_err());
        assert_eq!(check_reason(None, false).unwrap(), None);
    }
}
