//! Boards, their members, invitations and join requests, workshops, and
//! the checks on what people send (no I/O).

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::db::ids::{BoardId, BoardRequestId, OrganisationId, TenantId, UserId, WorkshopId};
use crate::db::schema::{board_requests, boards, workshops};
use crate::error::{Error, FieldError, Problems, Result, Words};

pub const TITLE_MIN: usize = 3;
pub const TITLE_MAX: usize = 150;
pub const DESCRIPTION_MAX: usize = 10_000;
pub const SERVICE_MIN: usize = 2;
pub const SERVICE_MAX: usize = 150;
pub const NOTE_MAX: usize = 2_000;
pub const MESSAGE_MAX: usize = 1_000;

/// Where a board's work is: the four phases of the double diamond.
/// Facilitators move a board to any phase (the work loops back as often
/// as it goes forward); each move is a timeline entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    Discover,
    Define,
    Develop,
    Deliver,
}

impl Phase {
    pub const ALL: [Phase; 4] = [
        Phase::Discover,
        Phase::Define,
        Phase::Develop,
        Phase::Deliver,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Phase::Discover => "discover",
            Phase::Define => "define",
            Phase::Develop => "develop",
            Phase::Deliver => "deliver",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.as_str() == raw.trim())
    }

    pub fn label(self) -> &'static str {
        match self {
            Phase::Discover => "Discover",
            Phase::Define => "Define",
            Phase::Develop => "Develop",
            Phase::Deliver => "Deliver",
        }
    }

    /// What happens in the phase, in plain words.
    pub fn explain(self) -> &'static str {
        match self {
            Phase::Discover => "Finding out how the service is experienced today",
            Phase::Define => "Agreeing what most needs to change",
            Phase::Develop => "Designing and testing ways to change it",
            Phase::Deliver => "Putting the change in place and seeing how it works",
        }
    }

    /// [`Phase::label`] in a person's language, for pages.
    pub fn label_in(self, lang: impl Into<crate::i18n::Language>) -> String {
        let lang: crate::i18n::Language = lang.into();
        match self {
            Phase::Discover => lang.t("board-phase-discover"),
            Phase::Define => lang.t("board-phase-define"),
            Phase::Develop => lang.t("board-phase-develop"),
            Phase::Deliver => lang.t("board-phase-deliver"),
        }
    }

    /// [`Phase::explain`] in a person's language, for pages.
    pub fn explain_in(self, lang: impl Into<crate::i18n::Language>) -> String {
        let lang: crate::i18n::Language = lang.into();
        match self {
            Phase::Discover => lang.t("board-phase-discover-explain"),
            Phase::Define => lang.t("board-phase-define-explain"),
            Phase::Develop => lang.t("board-phase-develop-explain"),
            Phase::Deliver => lang.t("board-phase-deliver-explain"),
        }
    }

    /// Its place in the order, from 1.
    pub fn step(self) -> usize {
        Self::ALL.iter().position(|p| *p == self).unwrap_or(0) + 1
    }
}

/// Who can see a board.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
#[schema(as = BoardVisibility)]
pub enum Visibility {
    /// Everyone in the place reads it and may ask to join.
    Public,
    /// Only its members, the people invited, and the place's moderators
    /// and admins see it; to others it does not exist (404).
    Private,
}

impl Visibility {
    pub const ALL: [Visibility; 2] = [Visibility::Public, Visibility::Private];

    pub fn as_str(self) -> &'static str {
        match self {
            Visibility::Public => "public",
            Visibility::Private => "private",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == raw.trim())
    }
}

/// A person's role on a board.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
#[schema(as = BoardRole)]
pub enum Role {
    /// Runs the board: edits it, moves its phase, manages members, links
    /// proposals and assets, schedules workshops. Also a member.
    Facilitator,
    Member,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Facilitator => "facilitator",
            Role::Member => "member",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        match raw.trim() {
            "facilitator" => Some(Role::Facilitator),
            "member" => Some(Role::Member),
            _ => None,
        }
    }
}

/// A stored board.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = boards)]
pub struct Board {
    pub tenant_id: TenantId,
    pub id: BoardId,
    pub title: String,
    pub description: String,
    pub service_area: String,
    pub phase: String,
    pub visibility: String,
    pub created_by: Option<UserId>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub last_activity_at: NaiveDateTime,
}

impl Board {
    pub fn phase(&self) -> Phase {
        Phase::parse(&self.phase).unwrap_or(Phase::Discover)
    }

    pub fn visibility(&self) -> Visibility {
        Visibility::parse(&self.visibility).unwrap_or(Visibility::Private)
    }

    pub fn is_public(&self) -> bool {
        self.visibility() == Visibility::Public
    }
}

/// A new board, as asked for.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct NewBoard {
    /// 3 to 150 characters.
    pub title: String,
    /// What the board is for; Markdown, shown sanitised.
    pub description: String,
    /// The service being redesigned ("Family support in Hillfields").
    pub service_area: String,
    /// `discover` (default), `define`, `develop` or `deliver`.
    #[serde(default)]
    pub phase: Option<String>,
    /// `public` (default) or `private`.
    #[serde(default)]
    pub visibility: Option<String>,
}

/// Changes to a board (its facilitators). Absent fields stay. A change of
/// `phase` goes on the timeline with the optional public `note`.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct BoardChanges {
    pub title: Option<String>,
    pub description: Option<String>,
    pub service_area: Option<String>,
    pub phase: Option<String>,
    pub visibility: Option<String>,
    /// Why the phase changed (public, on the timeline).
    pub note: Option<String>,
}

/// Checked fields of a board.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fields {
    pub title: String,
    pub description: String,
    pub service_area: String,
    pub phase: Phase,
    pub visibility: Visibility,
}

impl Fields {
    /// Checks every field at once so all problems show together.
    pub fn check(
        title: &str,
        description: &str,
        service_area: &str,
        phase: Option<&str>,
        visibility: Option<&str>,
    ) -> Result<Self> {
        let mut problems = Problems::default();
        let title = title.trim().to_owned();
        if !(TITLE_MIN..=TITLE_MAX).contains(&title.chars().count()) {
            problems.add(
                "title",
                "length",
                Words::of2(
                    "board-error-title-length",
                    "min",
                    TITLE_MIN,
                    "max",
                    TITLE_MAX,
                ),
            );
        }
        let description = description.trim().to_owned();
        if description.is_empty() {
            problems.add(
                "description",
                "required",
                Words::of("board-error-description-required"),
            );
        } else if description.chars().count() > DESCRIPTION_MAX {
            problems.add(
                "description",
                "length",
                Words::of1("board-error-description-length", "max", DESCRIPTION_MAX),
            );
        }
        let service_area = service_area.trim().to_owned();
        if !(SERVICE_MIN..=SERVICE_MAX).contains(&service_area.chars().count()) {
            problems.add(
                "service_area",
                "length",
                Words::of2(
                    "board-error-service-length",
                    "min",
                    SERVICE_MIN,
                    "max",
                    SERVICE_MAX,
                ),
            );
        }
        let phase = match phase.map(str::trim).filter(|p| !p.is_empty()) {
            None => Some(Phase::Discover),
            Some(raw) => problems.check("phase", Phase::parse(raw).ok_or_else(bad_phase)),
        };
        let visibility = match visibility.map(str::trim).filter(|v| !v.is_empty()) {
            None => Some(Visibility::Public),
            Some(raw) => problems.check(
                "visibility",
                Visibility::parse(raw).ok_or_else(|| {
                    FieldError::new(
                        "visibility",
                        "invalid",
                        Words::of("board-error-visibility-invalid"),
                    )
                }),
            ),
        };
        problems.into_result()?;
        Ok(Self {
            title,
            description,
            service_area,
            phase: phase.unwrap_or(Phase::Discover),
            visibility: visibility.unwrap_or(Visibility::Public),
        })
    }
}

fn bad_phase() -> FieldError {
    FieldError::new("phase", "invalid", Words::of("board-error-phase-invalid"))
}

/// A checked optional text: trimmed, empty means none, at most `max`
/// characters.
pub fn optional_text(field: &str, raw: Option<&str>, max: usize) -> Result<Option<String>> {
    let text = raw.map(str::trim).filter(|t| !t.is_empty());
    if text.is_some_and(|t| t.chars().count() > max) {
        return Err(Error::field(
            field,
            "length",
            Words::of1("board-error-text-length", "max", max),
        ));
    }
    Ok(text.map(str::to_owned))
}

/// One entry of a board's public timeline.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(as = BoardTimelineEntry)]
pub struct TimelineEntry {
    pub occurred_at: NaiveDateTime,
    /// `created`, `phase_changed`, `edited`, `member_joined`, `member_left`,
    /// `member_removed`, `proposal_linked`, `asset_linked`,
    /// `workshop_scheduled`, `notes_published`.
    pub kind: String,
    /// Who did it, as their profile names them to you.
    pub by: String,
    /// Whom it is about (a person or an organisation), if anyone.
    pub about: Option<String>,
    /// For a phase change.
    pub from_phase: Option<Phase>,
    pub to_phase: Option<Phase>,
    /// The public note given with it, or the title of what was linked or
    /// scheduled.
    pub note: Option<String>,
    /// A link to what it is about (a proposal, asset or workshop page).
    pub link: Option<String>,
}

/// How the viewer stands to a board.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct YourPlace {
    /// `facilitator` or `member` when you are on the board in your own
    /// right.
    pub role: Option<Role>,
    /// `citizen` or `organisation`: the side you count on in the board's
    /// polls (absent when you are not a member).
    pub constituency: Option<String>,
    /// Organisations on the board you act for.
    pub organisations: Vec<String>,
    /// You asked to join and wait for an answer.
    pub requested: bool,
    /// A pending invitation for you (its id).
    pub invitation_id: Option<String>,
}

/// A board as the API shows it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct BoardView {
    pub id: String,
    pub title: String,
    /// Markdown as written.
    pub description: String,
    /// Rendered and sanitised.
    pub description_html: String,
    pub service_area: String,
    pub phase: Phase,
    pub visibility: Visibility,
    /// People on the board in their own right.
    pub people: i64,
    pub organisations: i64,
    /// Absent when not signed in.
    pub you: Option<YourPlace>,
    pub timeline: Vec<TimelineEntry>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub last_activity_at: NaiveDateTime,
}

/// A board in a list.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct BoardSummary {
    pub id: String,
    pub title: String,
    pub service_area: String,
    pub phase: Phase,
    pub visibility: Visibility,
    pub last_activity_at: NaiveDateTime,
}

impl BoardSummary {
    pub fn new(b: &Board) -> Self {
        Self {
            id: b.id.to_string(),
            title: b.title.clone(),
            service_area: b.service_area.clone(),
            phase: b.phase(),
            visibility: b.visibility(),
            last_activity_at: b.last_activity_at,
        }
    }
}

/// One page of boards.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct BoardPage {
    pub items: Vec<BoardSummary>,
    pub page: i64,
    pub per_page: i64,
    pub total: i64,
}

/// A member of a board: a person (citizen or facilitator) or an
/// organisation.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(as = BoardMemberView)]
pub struct MemberView {
    /// `person` or `organisation`.
    pub kind: String,
    pub user_id: Option<String>,
    pub organisation_id: Option<String>,
    /// A person's name as their profile shows it to you; an
    /// organisation's name.
    pub name: String,
    /// `facilitator` or `member` (organisations are members).
    pub role: Role,
    pub joined_at: NaiveDateTime,
}

impl MemberView {
    pub fn is_person(&self) -> bool {
        self.kind == "person"
    }

    pub fn is_facilitator(&self) -> bool {
        self.role == Role::Facilitator
    }
}

/// Someone to add to a board: `{user_id}` or `{organisation_id}`, and a
/// role (`member` by default; organisations are always members).
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[schema(as = BoardNewMember)]
pub struct NewMember {
    pub user_id: Option<String>,
    pub organisation_id: Option<String>,
    /// `facilitator` or `member` (default).
    pub role: Option<String>,
}

/// A change of a person's role on a board.
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct RoleChange {
    /// `facilitator` or `member`.
    pub role: String,
}

/// Whom to invite: a person of the place (by `email` or `user_id`) or an
/// organisation (`organisation_id`), with a role and a message.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[schema(as = BoardNewInvitation)]
pub struct NewInvitation {
    pub email: Option<String>,
    pub user_id: Option<String>,
    pub organisation_id: Option<String>,
    /// `facilitator` or `member` (default); organisations are members.
    pub role: Option<String>,
    /// A word of welcome, up to 1,000 characters.
    pub message: Option<String>,
}

/// A request to join a board: for yourself, or for an organisation you
/// are an admin of.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct NewJoinRequest {
    pub organisation_id: Option<String>,
    /// Why you would like to join, up to 1,000 characters.
    pub message: Option<String>,
}

/// An answer: `accept` or `decline`.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[schema(as = BoardDecision)]
pub struct Decision {
    pub decision: String,
}

impl Decision {
    pub fn accepts(&self) -> Result<bool> {
        match self.decision.trim() {
            "accept" => Ok(true),
            "decline" => Ok(false),
            _ => Err(Error::field(
                "decision",
                "invalid",
                Words::of("board-error-decision-invalid"),
            )),
        }
    }
}

/// What kind of request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum RequestKind {
    /// A facilitator invited someone.
    Invitation,
    /// Someone asked to join.
    JoinRequest,
}

impl RequestKind {
    pub fn as_str(self) -> &'static str {
        match self {
            RequestKind::Invitation => "invitation",
            RequestKind::JoinRequest => "join_request",
        }
    }
}

/// A stored invitation or join request.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = board_requests)]
pub struct BoardRequest {
    pub tenant_id: TenantId,
    pub id: BoardRequestId,
    pub board_id: BoardId,
    pub kind: String,
    pub user_id: Option<UserId>,
    pub organisation_id: Option<OrganisationId>,
    pub role: String,
    pub message: Option<String>,
    pub created_by: Option<UserId>,
    pub status: String,
    pub created_at: NaiveDateTime,
    pub decided_at: Option<NaiveDateTime>,
    pub decided_by: Option<UserId>,
}

impl BoardRequest {
    pub fn is_invitation(&self) -> bool {
        self.kind == RequestKind::Invitation.as_str()
    }

    pub fn pending(&self) -> bool {
        self.status == "pending"
    }

    pub fn role(&self) -> Role {
        Role::parse(&self.role).unwrap_or(Role::Member)
    }
}

/// An invitation or join request as people see it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(as = BoardRequestView)]
pub struct RequestView {
    pub id: String,
    pub kind: RequestKind,
    pub board_id: String,
    pub board_title: String,
    /// The person who would join (absent for an organisation).
    pub user_id: Option<String>,
    /// The organisation that would join.
    pub organisation_id: Option<String>,
    /// Who would join, by name.
    pub name: String,
    /// Who made it, by name (the facilitator who invited, or the person
    /// who asked).
    pub from: String,
    pub role: Role,
    pub message: Option<String>,
    /// `pending`, `accepted`, `declined` or `withdrawn`.
    pub status: String,
    pub created_at: NaiveDateTime,
}

/// A board's waiting invitations and requests (for its facilitators).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Pending {
    pub invitations: Vec<RequestView>,
    pub join_requests: Vec<RequestView>,
}

/// A person's boards and the invitations waiting for them (or for the
/// organisations they run).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct MyBoards {
    pub boards: Vec<BoardSummary>,
    pub invitations: Vec<RequestView>,
}

/// A person's part in boards, in their data export.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
#[schema(as = BoardPersonalData)]
pub struct PersonalData {
    /// Boards they are on in their own right, with their role.
    #[serde(default)]
    pub memberships: Vec<MembershipData>,
    /// Invitations they received or made, requests they made.
    #[serde(default)]
    pub requests: Vec<RequestData>,
    /// Their answers to workshops, with the access needs they gave.
    #[serde(default)]
    pub rsvps: Vec<RsvpData>,
    /// Workshops where their attendance was recorded.
    #[serde(default)]
    pub attendance: Vec<AttendanceData>,
    /// Timeline entries they made or that are about them.
    #[serde(default)]
    pub timeline: Vec<EventData>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(as = BoardMembershipData)]
pub struct MembershipData {
    pub board_id: String,
    pub board_title: String,
    pub role: String,
    pub joined_at: NaiveDateTime,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct RequestData {
    pub board_id: String,
    /// `invitation` or `join_request`.
    pub kind: String,
    /// Whether it was made by you (else it was for you).
    pub made_by_you: bool,
    pub organisation_id: Option<String>,
    pub role: String,
    pub message: Option<String>,
    pub status: String,
    pub created_at: NaiveDateTime,
    pub decided_at: Option<NaiveDateTime>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct RsvpData {
    pub board_id: String,
    pub workshop_id: String,
    pub workshop_title: String,
    pub response: String,
    pub access_needs: Option<String>,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct AttendanceData {
    pub board_id: String,
    pub workshop_id: String,
    pub workshop_title: String,
    pub mode: String,
    pub recorded_at: NaiveDateTime,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(as = BoardEventData)]
pub struct EventData {
    pub board_id: String,
    pub occurred_at: NaiveDateTime,
    pub kind: String,
    /// You did it (else it is about you).
    pub by_you: bool,
    pub detail: serde_json::Value,
}

// ---------------------------------------------------------------------
// Workshops

pub const WORKSHOP_TITLE_MAX: usize = 150;
pub const LOCATION_MAX: usize = 500;
pub const ACCESSIBILITY_MAX: usize = 2_000;
pub const URL_MAX: usize = 500;
pub const NOTES_MAX: usize = 20_000;
pub const ACCESS_NEEDS_MAX: usize = 1_000;

/// A stored workshop.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = workshops)]
pub struct Workshop {
    pub tenant_id: TenantId,
    pub id: WorkshopId,
    pub board_id: BoardId,
    pub title: String,
    pub starts_at: NaiveDateTime,
    pub ends_at: NaiveDateTime,
    pub location: String,
    pub accessibility: String,
    pub online_url: Option<String>,
    pub notes: Option<String>,
    pub notes_published_at: Option<NaiveDateTime>,
    pub created_by: Option<UserId>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// A workshop to schedule (or its changes: absent fields stay).
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct NewWorkshop {
    pub title: Option<String>,
    /// RFC 3339 (UTC), or `YYYY-MM-DDTHH:MM` as a form sends it (UTC).
    pub starts_at: Option<String>,
    pub ends_at: Option<String>,
    /// Where, in words people can find. Required unless `online_url` is
    /// given.
    pub location: Option<String>,
    /// How to get in and what is there: step-free access, hearing loop,
    /// quiet room, toilets, transport, help with costs.
    pub accessibility: Option<String>,
    /// A web link to join online (https).
    pub online_url: Option<String>,
}

/// Checked workshop fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkshopFields {
    pub title: String,
    pub starts_at: NaiveDateTime,
    pub ends_at: NaiveDateTime,
    pub location: String,
    pub accessibility: String,
    pub online_url: Option<String>,
}

/// Reads a time as RFC 3339, or as a form's `YYYY-MM-DDTHH:MM` (UTC).
pub fn parse_time(raw: &str) -> Option<NaiveDateTime> {
    let raw = raw.trim();
    if let Ok(t) = chrono::DateTime::parse_from_rfc3339(raw) {
        return Some(t.naive_utc());
    }
    for format in ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"] {
        if let Ok(t) = NaiveDateTime::parse_from_str(raw, format) {
            return Some(t);
        }
    }
    None
}

impl WorkshopFields {
    /// Checks every field at once.
    pub fn check(
        title: &str,
        starts_at: &str,
        ends_at: &str,
        location: &str,
        accessibility: &str,
        online_url: Option<&str>,
    ) -> Result<Self> {
        let mut problems = Problems::default();
        let title = title.trim().to_owned();
        if !(TITLE_MIN..=WORKSHOP_TITLE_MAX).contains(&title.chars().count()) {
            problems.add(
                "title",
                "length",
                Words::of2(
                    "board-error-title-length",
                    "min",
                    TITLE_MIN,
                    "max",
                    WORKSHOP_TITLE_MAX,
                ),
            );
        }
        let starts = parse_time(starts_at);
        if starts.is_none() {
            problems.add(
                "starts_at",
                "invalid",
                Words::of("board-error-workshop-start-invalid"),
            );
        }
        let ends = parse_time(ends_at);
        match (starts, ends) {
            (_, None) => problems.add(
                "ends_at",
                "invalid",
                Words::of("board-error-workshop-end-invalid"),
            ),
            (Some(s), Some(e)) if e <= s => problems.add(
                "ends_at",
                "before_start",
                Words::of("board-error-workshop-end-before-start"),
            ),
            (Some(s), Some(e)) if e - s > chrono::Duration::hours(24) => problems.add(
                "ends_at",
                "too_long",
                Words::of("board-error-workshop-too-long"),
            ),
            _ => {}
        }
        let location = location.trim().to_owned();
        if location.chars().count() > LOCATION_MAX {
            problems.add(
                "location",
                "length",
                Words::of1("board-error-location-length", "max", LOCATION_MAX),
            );
        }
        let accessibility = accessibility.trim().to_owned();
        if accessibility.chars().count() > ACCESSIBILITY_MAX {
            problems.add(
                "accessibility",
                "length",
                Words::of1("board-error-accessibility-length", "max", ACCESSIBILITY_MAX),
            );
        }
        let online_url = online_url.map(str::trim).filter(|u| !u.is_empty());
        let mut url_ok = false;
        if let Some(u) = online_url {
            url_ok = u.chars().count() <= URL_MAX
                && url::Url::parse(u).is_ok_and(|p| p.scheme() == "https" || p.scheme() == "http");
            if !url_ok {
                problems.add(
                    "online_url",
                    "invalid",
                    Words::of("board-error-online-url-invalid"),
                );
            }
        }
        if location.is_empty() && !url_ok {
            problems.add(
                "location",
                "required",
                Words::of("board-error-location-required"),
            );
        }
        if !location.is_empty() && accessibility.is_empty() {
            problems.add(
                "accessibility",
                "required",
                Words::of("board-error-accessibility-required"),
            );
        }
        problems.into_result()?;
        Ok(Self {
            title,
            starts_at: starts.unwrap_or_default(),
            ends_at: ends.unwrap_or_default(),
            location,
            accessibility,
            online_url: online_url.map(str::to_owned),
        })
    }
}

/// A member's answer to a workshop.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Response {
    Yes,
    No,
    Maybe,
}

impl Response {
    pub const ALL: [Response; 3] = [Response::Yes, Response::Maybe, Response::No];

    pub fn as_str(self) -> &'static str {
        match self {
            Response::Yes => "yes",
            Response::No => "no",
            Response::Maybe => "maybe",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == raw.trim())
    }

    pub fn label(self) -> &'static str {
        match self {
            Response::Yes => "I will come",
            Response::Maybe => "I might come",
            Response::No => "I cannot come",
        }
    }

    /// [`Response::label`] in a person's language, for pages.
    pub fn label_in(self, lang: impl Into<crate::i18n::Language>) -> String {
        let lang: crate::i18n::Language = lang.into();
        match self {
            Response::Yes => lang.t("board-response-yes"),
            Response::Maybe => lang.t("board-response-maybe"),
            Response::No => lang.t("board-response-no"),
        }
    }
}

/// An RSVP: coming or not, and what you need to take part (seen only by
/// you and the board's facilitators).
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct NewRsvp {
    /// `yes`, `maybe` or `no`.
    pub response: String,
    /// Up to 1,000 characters: a wheelchair space, a BSL interpreter,
    /// large print, a quiet room, help with travel costs, childcare...
    pub access_needs: Option<String>,
}

/// How someone took part.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    InPerson,
    Online,
}

impl Mode {
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::InPerson => "in_person",
            Mode::Online => "online",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        match raw.trim() {
            "in_person" => Some(Mode::InPerson),
            "online" => Some(Mode::Online),
            _ => None,
        }
    }
}

/// Attendance to record: who took part and how. People not listed are
/// recorded as absent (their earlier record, if any, goes).
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct AttendanceRecord {
    pub attended: Vec<Attendee>,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct Attendee {
    pub user_id: String,
    /// `in_person` or `online`.
    pub mode: String,
}

/// Notes to publish for the board.
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct Notes {
    /// Markdown, up to 20,000 characters.
    pub notes: String,
}

/// An answer as the facilitators see it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct RsvpView {
    pub user_id: String,
    pub name: String,
    pub response: Response,
    /// Present only for the person and the facilitators.
    pub access_needs: Option<String>,
    pub updated_at: NaiveDateTime,
}

/// Recorded attendance.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct AttendanceView {
    pub user_id: String,
    pub name: String,
    pub mode: Mode,
}

/// A workshop as people see it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct WorkshopView {
    pub id: String,
    pub board_id: String,
    pub title: String,
    pub starts_at: NaiveDateTime,
    pub ends_at: NaiveDateTime,
    pub location: String,
    pub accessibility: String,
    pub online_url: Option<String>,
    /// Published notes (Markdown as written; absent until published).
    pub notes: Option<String>,
    pub notes_html: Option<String>,
    pub notes_published_at: Option<NaiveDateTime>,
    /// How many said yes / maybe.
    pub coming: i64,
    pub maybe: i64,
    /// Your own answer, if you gave one.
    pub your_rsvp: Option<RsvpView>,
    /// Everyone's answers: facilitators only (with access needs).
    pub rsvps: Option<Vec<RsvpView>>,
    /// Recorded attendance: facilitators only.
    pub attendance: Option<Vec<AttendanceView>>,
}

/// A board's workshops, soonest first (past ones after).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct WorkshopList {
    pub items: Vec<WorkshopView>,
}

/// A board that works with a proposal or an asset (shown on their pages).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct LinkedBoard {
    pub id: String,
    pub title: String,
    pub phase: Phase,
}

/// What a board links to.
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct NewLink {
    pub proposal_id: Option<String>,
    pub asset_id: Option<String>,
}

/// A linked proposal or asset as the board shows it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct LinkView {
    /// `proposal` or `asset`.
    pub kind: String,
    pub id: String,
    pub title: String,
    /// A proposal's status or an asset's kind.
    pub detail: String,
    pub linked_at: NaiveDateTime,
}

/// A board's links.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Links {
    pub proposals: Vec<LinkView>,
    pub assets: Vec<LinkView>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_checked_together() {
        let ok = Fields::check(" Family support ", "Together", "Family hubs", None, None).unwrap();
        assert_eq!(ok.title, "Family support");
        assert_eq!(
            (ok.phase, ok.visibility),
            (Phase::Discover, Visibility::Public)
        );
        let Err(Error::Validation(errors)) =
            Fields::check("x", " ", "", Some("later"), Some("secret"))
        else {
            panic!("expected field errors");
        };
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "title",
                "description",
                "service_area",
                "phase",
                "visibility"
            ]
        );
    }

    #[test]
    fn phases_run_in_order() {
        let steps: Vec<usize> = Phase::ALL.iter().map(|p| p.step()).collect();
        assert_eq!(steps, [1, 2, 3, 4]);
        assert_eq!(Phase::parse("develop"), Some(Phase::Develop));
        assert_eq!(Phase::parse("Develop"), None);
    }

    #[test]
    fn workshops_need_a_place_with_its_access_or_a_link() {
        let ok = WorkshopFields::check(
            "First session",
            "2027-03-04T18:00",
            "2027-03-04T20:00:00Z",
            "Hillfields Library",
            "Step-free; hearing loop",
            None,
        )
        .unwrap();
        assert_eq!(ok.ends_at - ok.starts_at, chrono::Duration::hours(2));
        let online = WorkshopFields::check(
            "Online",
            "2027-03-04T18:00",
            "2027-03-04T19:00",
            "",
            "",
            Some("https://meet.example.org/x"),
        );
        assert!(online.is_ok());
        let Err(Error::Validation(errors)) = WorkshopFields::check(
            "Bad",
            "tomorrow",
            "2027-03-04T17:00",
            "Town hall",
            "",
            Some("javascript:alert(1)"),
        ) else {
            panic!("expected field errors");
        };
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["starts_at", "online_url", "accessibility"]);
        let Err(Error::Validation(errors)) = WorkshopFields::check(
            "Backwards",
            "2027-03-04T18:00",
            "2027-03-04T17:00",
            "",
            "",
            None,
        ) else {
            panic!("expected field errors");
        };
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["ends_at", "location"]);
    }
}
