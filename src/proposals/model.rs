//! Proposals, their lifecycle as data, and the checks on what people send
//! (no I/O).

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::{Deserialize, Deserializer, Serialize};
use utoipa::ToSchema;

use crate::db::ids::{AreaId, ProposalId, TenantId, UserId};
use crate::db::schema::{proposal_events, proposals};
use crate::error::{Error, FieldError, Problems, Result, Words};

pub const TITLE_MIN: usize = 3;
pub const TITLE_MAX: usize = 150;
pub const BODY_MAX: usize = 20_000;
pub const OUTCOME_MAX: usize = 2_000;
pub const REASON_MAX: usize = 4_000;
pub const TAGS_MAX: usize = 5;
pub const TAG_MAX: usize = 30;
pub const QUERY_MAX: usize = 200;

/// Where a proposal is in its life (the API's vocabulary: extend only by
/// adding).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
#[schema(as = ProposalStatus)]
pub enum Status {
    Draft,
    Published,
    InCodesign,
    Accepted,
    NotTakenForward,
    InDelivery,
    Delivered,
    Evaluated,
}

impl Status {
    pub const ALL: [Status; 8] = [
        Status::Draft,
        Status::Published,
        Status::InCodesign,
        Status::Accepted,
        Status::NotTakenForward,
        Status::InDelivery,
        Status::Delivered,
        Status::Evaluated,
    ];

    /// The statuses a public list can filter by (drafts are private).
    pub const LISTED: [Status; 7] = [
        Status::Published,
        Status::InCodesign,
        Status::Accepted,
        Status::NotTakenForward,
        Status::InDelivery,
        Status::Delivered,
        Status::Evaluated,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Published => "published",
            Status::InCodesign => "in_codesign",
            Status::Accepted => "accepted",
            Status::NotTakenForward => "not_taken_forward",
            Status::InDelivery => "in_delivery",
            Status::Delivered => "delivered",
            Status::Evaluated => "evaluated",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == raw.trim())
    }

    /// How a page names the status.
    pub fn label(self) -> &'static str {
        match self {
            Status::Draft => "Draft",
            Status::Published => "Published, gathering support",
            Status::InCodesign => "In co-design",
            Status::Accepted => "Accepted",
            Status::NotTakenForward => "Not taken forward",
            Status::InDelivery => "Being delivered",
            Status::Delivered => "Delivered",
            Status::Evaluated => "Evaluated",
        }
    }

    /// [`Status::label`] in a person's language.
    pub fn label_in(self, lang: impl Into<crate::i18n::Language>) -> String {
        let lang: crate::i18n::Language = lang.into();
        match self {
            Status::Draft => lang.t("status-draft"),
            Status::Published => lang.t("status-published"),
            Status::InCodesign => lang.t("status-in-codesign"),
            Status::Accepted => lang.t("status-accepted"),
            Status::NotTakenForward => lang.t("status-not-taken-forward"),
            Status::InDelivery => lang.t("status-in-delivery"),
            Status::Delivered => lang.t("status-delivered"),
            Status::Evaluated => lang.t("status-evaluated"),
        }
    }

    /// Whether people can support (or withdraw support from) it now.
    pub fn open_for_support(self) -> bool {
        matches!(self, Status::Published | Status::InCodesign)
    }

    /// Whether its authors can still change what it says: until a
    /// decision is made on it.
    pub fn editable(self) -> bool {
        matches!(self, Status::Draft | Status::Published | Status::InCodesign)
    }
}

/// In what capacity someone moves a proposal. Who holds which capacity
/// for a given proposal is worked out in one place,
/// `service::capacities`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mover {
    /// Its author or an accepted co-author.
    Author,
    /// A tenant admin (`Permission::DecideProposals`).
    Admin,
    /// A facilitator of a board the proposal is linked to: co-design
    /// decides, so the board's facilitators move it on as admins do.
    Facilitator,
}

/// One allowed move of the lifecycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Transition {
    pub from: Status,
    pub to: Status,
    /// Who may make it.
    pub by: &'static [Mover],
    /// A written public response is required.
    pub needs_reason: bool,
    /// Only once supports reach the place's threshold.
    pub needs_threshold: bool,
}

const fn step(from: Status, to: Status, by: &'static [Mover]) -> Transition {
    Transition {
        from,
        to,
        by,
        needs_reason: false,
        needs_threshold: false,
    }
}

/// Who moves a proposal on once it is public.
const DECIDERS: &[Mover] = &[Mover::Admin, Mover::Facilitator];

/// The lifecycle, the only place it is written down:
/// `draft → published → in_codesign → accepted | not_taken_forward →
/// in_delivery → delivered → evaluated`. Anything not listed is refused.
pub const TRANSITIONS: &[Transition] = &[
    step(Status::Draft, Status::Published, &[Mover::Author]),
    Transition {
        needs_threshold: true,
        ..step(Status::Published, Status::InCodesign, DECIDERS)
    },
    step(Status::InCodesign, Status::Accepted, DECIDERS),
    Transition {
        needs_reason: true,
        ..step(Status::InCodesign, Status::NotTakenForward, DECIDERS)
    },
    step(Status::Accepted, Status::InDelivery, DECIDERS),
    step(Status::InDelivery, Status::Delivered, DECIDERS),
    step(Status::Delivered, Status::Evaluated, DECIDERS),
];

/// The move from `from` to `to`, if the lifecycle has one.
pub fn transition(from: Status, to: Status) -> Option<&'static Transition> {
    TRANSITIONS.iter().find(|t| t.from == from && t.to == to)
}

/// The moves out of a status.
pub fn moves_from(from: Status) -> impl Iterator<Item = &'static Transition> {
    TRANSITIONS.iter().filter(move |t| t.from == from)
}

/// How a list is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// Most recently published first.
    #[default]
    Newest,
    /// Most supports first.
    MostSupported,
    /// Most recent activity (publication, edits, status changes, comments).
    RecentlyActive,
}

impl Sort {
    pub const ALL: [Sort; 3] = [Sort::Newest, Sort::MostSupported, Sort::RecentlyActive];

    pub fn as_str(self) -> &'static str {
        match self {
            Sort::Newest => "newest",
            Sort::MostSupported => "most_supported",
            Sort::RecentlyActive => "recently_active",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Sort::Newest => "Newest",
            Sort::MostSupported => "Most supported",
            Sort::RecentlyActive => "Recently active",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == raw.trim())
    }

    /// [`Sort::label`] in a person's language.
    pub fn label_in(self, lang: impl Into<crate::i18n::Language>) -> String {
        let lang: crate::i18n::Language = lang.into();
        match self {
            Sort::Newest => lang.t("sort-newest"),
            Sort::MostSupported => lang.t("sort-most-supported"),
            Sort::RecentlyActive => lang.t("sort-recently-active"),
        }
    }
}

/// A stored proposal.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = proposals)]
pub struct Proposal {
    pub tenant_id: TenantId,
    pub id: ProposalId,
    pub author_id: Option<UserId>,
    pub title: String,
    pub body: String,
    pub intended_outcome: String,
    pub area_id: Option<AreaId>,
    pub status: String,
    pub support_count: i64,
    pub search_text: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub published_at: Option<NaiveDateTime>,
    pub last_activity_at: NaiveDateTime,
    /// Hidden by the moderators (see `crate::moderation`): out of lists,
    /// read only by its authors and the moderators.
    pub hidden_at: Option<NaiveDateTime>,
}

/// A proposal as lists read it: without its body and search text, which
/// lists never show and which are most of a row's size.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = proposals)]
pub struct ListedProposal {
    pub id: ProposalId,
    pub title: String,
    pub intended_outcome: String,
    pub area_id: Option<AreaId>,
    pub status: String,
    pub support_count: i64,
    pub created_at: NaiveDateTime,
    pub published_at: Option<NaiveDateTime>,
    pub last_activity_at: NaiveDateTime,
}

impl Proposal {
    /// The stored status (the database's CHECK keeps it one of ours).
    pub fn status(&self) -> Status {
        Status::parse(&self.status).unwrap_or(Status::Draft)
    }

    pub fn hidden(&self) -> bool {
        self.hidden_at.is_some()
    }
}

/// A stored timeline entry (without its `detail`, which is for the kinds
/// other parts add).
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = proposal_events)]
pub struct EventRow {
    pub proposal_id: ProposalId,
    pub occurred_at: NaiveDateTime,
    pub kind: String,
    pub actor_id: Option<UserId>,
    pub from_status: Option<String>,
    pub to_status: Option<String>,
    pub reason: Option<String>,
}

/// The searchable text of a proposal.
pub fn search_text(title: &str, outcome: &str, body: &str) -> String {
    format!("{title}\n{outcome}\n{body}").to_lowercase()
}

/// A new proposal, as asked for. Without `draft: true` it is published at
/// once (the API contract's "create" makes something others can see and
/// support); with it, it stays a draft only its authors see.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct NewProposal {
    pub title: String,
    /// Markdown; shown sanitised (no scripts, handlers or `javascript:`
    /// links).
    pub body: String,
    /// What will be different for the people this is for.
    pub intended_outcome: String,
    /// An area of this place.
    #[serde(default)]
    pub area_id: Option<String>,
    /// Up to 5 words; stored lower-case.
    #[serde(default)]
    pub tags: Option<Vec<String>>,
    /// Keep it as a draft (default false: publish).
    #[serde(default)]
    pub draft: Option<bool>,
}

/// Changes to a proposal: content (its authors only), and/or a move of
/// its status with a public reason (per the lifecycle). Absent fields
/// stay; `area_id: null` or `""` removes the area.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct ProposalChanges {
    pub title: Option<String>,
    pub body: Option<String>,
    pub intended_outcome: Option<String>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>)]
    pub area_id: Option<Option<String>>,
    pub tags: Option<Vec<String>>,
    /// The status to move to.
    pub status: Option<String>,
    /// The public reason for the move (required for `not_taken_forward`).
    pub reason: Option<String>,
}

impl ProposalChanges {
    pub fn changes_content(&self) -> bool {
        self.title.is_some()
            || self.body.is_some()
            || self.intended_outcome.is_some()
            || self.area_id.is_some()
            || self.tags.is_some()
    }
}

/// Tells "sent as null" (`Some(None)`) from "not sent" (`None`).
fn present<'de, D: Deserializer<'de>>(
    d: D,
) -> std::result::Result<Option<Option<String>>, D::Error> {
    Option::<String>::deserialize(d).map(Some)
}

/// Checked content, ready to store (the area still to be found in the
/// place).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Content {
    pub title: String,
    pub body: String,
    pub intended_outcome: String,
    pub area_id: Option<AreaId>,
    pub tags: Vec<String>,
}

impl Content {
    /// Checks every field at once so all problems show together.
    pub fn check(
        title: &str,
        body: &str,
        intended_outcome: &str,
        area_id: Option<&str>,
        tags: &[String],
    ) -> Result<Self> {
        let mut problems = Problems::default();
        let title = title.trim().to_owned();
        let length = title.chars().count();
        if !(TITLE_MIN..=TITLE_MAX).contains(&length) {
            problems.add(
                "title",
                "length",
                Words::of2(
                    "proposals-error-title-length",
                    "min",
                    TITLE_MIN,
                    "max",
                    TITLE_MAX,
                ),
            );
        }
        let body = body.trim().to_owned();
        if body.is_empty() {
            problems.add(
                "body",
                "required",
                Words::of("proposals-error-body-required"),
            );
        } else if body.chars().count() > BODY_MAX {
            problems.add(
                "body",
                "length",
                Words::of1("proposals-error-body-length", "max", BODY_MAX),
            );
        }
        let intended_outcome = intended_outcome.trim().to_owned();
        if intended_outcome.is_empty() {
            problems.add(
                "intended_outcome",
                "required",
                Words::of("proposals-error-outcome-required"),
            );
        } else if intended_outcome.chars().count() > OUTCOME_MAX {
            problems.add(
                "intended_outcome",
                "length",
                Words::of1("proposals-error-outcome-length", "max", OUTCOME_MAX),
            );
        }
        let area_id = area_id.map(str::trim).filter(|a| !a.is_empty());
        let area_id = match area_id {
            None => None,
            Some(raw) => {
                problems.check("area_id", raw.parse::<AreaId>().map_err(|_| unknown_area()))
            }
        };
        let tags = problems.check("tags", parse_tags(tags)).unwrap_or_default();
        problems.into_result()?;
        Ok(Self {
            title,
            body,
            intended_outcome,
            area_id,
            tags,
        })
    }
}

/// The field error for an area that is not one of this place's.
pub fn unknown_area() -> FieldError {
    FieldError::new(
        "area_id",
        "unknown",
        Words::of("proposals-error-area-unknown"),
    )
}

/// Normalises tags: trimmed, lower-case, a leading `#` dropped, repeats
/// removed; each one word of letters, digits and hyphens; at most five.
pub fn parse_tags(raw: &[String]) -> std::result::Result<Vec<String>, FieldError> {
    let mut tags: Vec<String> = Vec::new();
    for t in raw {
        let tag = t.trim().trim_start_matches('#').to_lowercase();
        if tag.is_empty() {
            continue;
        }
        let ok =
            tag.chars().count() <= TAG_MAX && tag.chars().all(|c| c.is_alphanumeric() || c == '-');
        if !ok {
            return Err(FieldError::new(
                "tags",
                "invalid",
                Words::of1("proposals-error-tag-invalid", "max", TAG_MAX),
            ));
        }
        if !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    if tags.len() > TAGS_MAX {
        return Err(FieldError::new(
            "tags",
            "too_many",
            Words::of1("proposals-error-too-many-tags", "max", TAGS_MAX),
        ));
    }
    Ok(tags)
}

/// Tags as typed in a form: separated by commas or spaces.
pub fn split_tags(raw: &str) -> Vec<String> {
    raw.split([',', ' ', '\n', '\t'])
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect()
}

/// A checked public reason: trimmed, empty means none.
pub fn check_reason(raw: Option<&str>) -> Result<Option<String>> {
    let reason = raw.map(str::trim).filter(|r| !r.is_empty());
    if reason.is_some_and(|r| r.chars().count() > REASON_MAX) {
        return Err(Error::field(
            "reason",
            "length",
            Words::of1("proposals-error-reason-length", "max", REASON_MAX),
        ));
    }
    Ok(reason.map(str::to_owned))
}

/// Someone named on a proposal as its author.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(as = ProposalAuthorView)]
pub struct AuthorView {
    /// Absent for a former resident (an erased account).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user_id: Option<String>,
    /// The name their profile shows you, or a neutral description.
    pub name: String,
    /// `author` or `coauthor`.
    pub role: String,
}

/// One entry of the public timeline.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(as = ProposalTimelineEntry)]
pub struct TimelineEntry {
    pub occurred_at: NaiveDateTime,
    /// `created`, `status_changed`, … (other parts add their own kinds).
    pub kind: String,
    /// Who made the change, as their profile names them to you.
    pub by: String,
    pub from_status: Option<String>,
    pub to_status: Option<String>,
    /// The public reason given.
    pub reason: Option<String>,
}

/// A proposal as the API shows it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ProposalView {
    pub id: String,
    pub title: String,
    /// Markdown as written.
    pub body: String,
    /// The body rendered and sanitised.
    pub body_html: String,
    pub intended_outcome: String,
    pub area_id: Option<String>,
    pub tags: Vec<String>,
    pub status: Status,
    pub supports: i64,
    /// Supports needed before it can move into co-design.
    pub support_threshold: i64,
    /// Whether you support it (false when not signed in).
    pub supported_by_you: bool,
    pub authors: Vec<AuthorView>,
    pub timeline: Vec<TimelineEntry>,
    /// The assets of the asset map it builds on (those anyone may see).
    #[serde(default)]
    pub assets: Vec<super::asset_links::LinkedAsset>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub published_at: Option<NaiveDateTime>,
    pub last_activity_at: NaiveDateTime,
}

/// A proposal in a list.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ProposalSummary {
    pub id: String,
    pub title: String,
    pub intended_outcome: String,
    pub area_id: Option<String>,
    pub tags: Vec<String>,
    pub status: Status,
    pub supports: i64,
    pub published_at: Option<NaiveDateTime>,
    pub last_activity_at: NaiveDateTime,
}

impl ProposalSummary {
    pub fn listed(p: ListedProposal, tags: Vec<String>) -> Self {
        Self {
            id: p.id.to_string(),
            status: Status::parse(&p.status).unwrap_or(Status::Draft),
            title: p.title,
            intended_outcome: p.intended_outcome,
            area_id: p.area_id.as_ref().map(ToString::to_string),
            tags,
            supports: p.support_count,
            published_at: p.published_at,
            last_activity_at: p.last_activity_at,
        }
    }

    pub fn new(p: &Proposal, tags: Vec<String>) -> Self {
        Self {
            id: p.id.to_string(),
            title: p.title.clone(),
            intended_outcome: p.intended_outcome.clone(),
            area_id: p.area_id.as_ref().map(ToString::to_string),
            tags,
            status: p.status(),
            supports: p.support_count,
            published_at: p.published_at,
            last_activity_at: p.last_activity_at,
        }
    }
}

/// One page of proposals: the usual `{items, page, per_page, total}`,
/// and `next_cursor` to fetch the next page by keyset (fast however deep).
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ProposalPage {
    pub items: Vec<ProposalSummary>,
    pub page: i64,
    pub per_page: i64,
    pub total: i64,
    /// Pass as `cursor` for the next page; absent on the last page.
    pub next_cursor: Option<String>,
}

/// The support count after a support or its withdrawal.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Supports {
    pub supports: i64,
    /// Whether you support it now.
    pub supported: bool,
}

/// A kept earlier version of a published proposal.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct RevisionView {
    pub edited_at: NaiveDateTime,
    /// Who made the edit that replaced this version.
    pub edited_by: String,
    pub title: String,
    pub body: String,
    pub intended_outcome: String,
}

/// A co-author or an invitation to become one.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CoauthorView {
    pub user_id: String,
    pub name: String,
    /// `pending`, `accepted` or `declined`.
    pub status: String,
    pub invited_at: NaiveDateTime,
}

/// An invitation waiting for the invitee's answer.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(as = ProposalInvitationView)]
pub struct InvitationView {
    pub proposal_id: String,
    pub title: String,
    pub invited_at: NaiveDateTime,
}

/// A person's own proposals and invitations.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct MyProposals {
    /// Proposals you wrote or co-write, drafts included, newest first.
    pub proposals: Vec<ProposalSummary>,
    pub invitations: Vec<InvitationView>,
}

/// Where a keyset page starts: after this sort key and id. Opaque to
/// clients (base64url of JSON).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cursor {
    /// The sort it belongs to.
    pub s: String,
    /// The page number it leads to.
    pub p: u32,
    /// The last sort key seen: microseconds since the epoch, or a count.
    pub k: i64,
    /// The last id seen.
    pub i: String,
}

impl Cursor {
    pub fn encode(&self) -> String {
        use base64::Engine;
        let json = serde_json::to_vec(self).unwrap_or_default();
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(json)
    }

    pub fn decode(raw: &str, sort: Sort) -> std::result::Result<Self, FieldError> {
        use base64::Engine;
        let bad = || {
            FieldError::new(
                "cursor",
                "invalid",
                Words::of("proposals-error-cursor-invalid"),
            )
        };
        let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(raw.trim())
            .map_err(|_| bad())?;
        let cursor: Cursor = serde_json::from_slice(&bytes).map_err(|_| bad())?;
        if cursor.s != sort.as_str() || cursor.i.parse::<ProposalId>().is_err() || cursor.p < 2 {
            return Err(bad());
        }
        Ok(cursor)
    }
}

/// A person's part in proposals, in their data export.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
#[schema(as = ProposalPersonalData)]
pub struct PersonalData {
    /// Proposals they wrote or co-write, drafts included.
    #[serde(default)]
    pub written: Vec<WrittenData>,
    #[serde(default)]
    pub supports: Vec<SupportData>,
    /// Edits they made after publication: the version each edit replaced.
    #[serde(default)]
    pub revisions: Vec<RevisionData>,
    /// Timeline entries they made (status changes with their reasons).
    #[serde(default)]
    pub timeline: Vec<EventData>,
    /// Invitations to co-write, and their answers.
    #[serde(default)]
    pub coauthorships: Vec<CoauthorshipData>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct WrittenData {
    pub proposal_id: String,
    /// `author` or `coauthor`.
    pub role: String,
    pub title: String,
    pub body: String,
    pub intended_outcome: String,
    pub status: String,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct SupportData {
    pub proposal_id: String,
    pub title: String,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct RevisionData {
    pub proposal_id: String,
    pub edited_at: NaiveDateTime,
    pub previous_title: String,
    pub previous_body: String,
    pub previous_intended_outcome: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(as = ProposalEventData)]
pub struct EventData {
    pub proposal_id: String,
    pub occurred_at: NaiveDateTime,
    pub kind: String,
    pub from_status: Option<String>,
    pub to_status: Option<String>,
    pub reason: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CoauthorshipData {
    pub proposal_id: String,
    /// `pending`, `accepted` or `declined`.
    pub status: String,
    pub invited_at: NaiveDateTime,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lifecycle_is_one_table() {
        // Every status but the last two ends has a way on.
        for s in Status::ALL {
            let onward = moves_from(s).count();
            match s {
                Status::Evaluated | Status::NotTakenForward => assert_eq!(onward, 0, "{s:?}"),
                Status::InCodesign => assert_eq!(onward, 2),
                _ => assert_eq!(onward, 1, "{s:?}"),
            }
        }
        assert!(transition(Status::Draft, Status::Published).unwrap().by == [Mover::Author]);
        assert!(
            transition(Status::Published, Status::InCodesign)
                .unwrap()
                .needs_threshold
        );
        assert!(
            transition(Status::InCodesign, Status::NotTakenForward)
                .unwrap()
                .needs_reason
        );
        assert!(transition(Status::Draft, Status::Accepted).is_none());
        assert!(transition(Status::Delivered, Status::Published).is_none());
    }

    #[test]
    fn content_is_checked_together() {
        let ok = Content::check(
            " A bench ",
            "Somewhere to sit",
            "Older people can rest",
            None,
            &["Seating".into(), "#seating".into(), " parks ".into()],
        )
        .unwrap();
        assert_eq!(ok.title, "A bench");
        assert_eq!(ok.tags, ["seating", "parks"]);
        let Err(Error::Validation(errors)) =
            Content::check("x", " ", "", Some("nope"), &["two words".into()])
        else {
            panic!("expected field errors");
        };
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            ["title", "body", "intended_outcome", "area_id", "tags"]
        );
        let six: Vec<String> = (0..6).map(|i| format!("t{i}")).collect();
        assert!(parse_tags(&six).is_err());
        assert_eq!(split_tags("a, b c,,"), ["a", "b", "c"]);
    }

    #[test]
    fn cursors_round_trip_and_refuse_tampering() {
        let c = Cursor {
            s: "newest".into(),
            p: 2,
            k: 42,
            i: ProposalId::new().to_string(),
        };
        assert_eq!(Cursor::decode(&c.encode(), Sort::Newest).unwrap(), c);
        assert!(Cursor::decode(&c.encode(), Sort::MostSupported).is_err());
        assert!(Cursor::decode("garbage!", Sort::Newest).is_err());
    }
}
