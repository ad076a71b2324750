//! Stories, consent grants, the use log and consent requests: the stored
//! rows, the vocabularies (purposes, audiences, attribution, actions,
//! DPV consent statuses) and the checks on what people send (no I/O).

use chrono::{Months, NaiveDateTime};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::db::ids::{
    AreaId, ConsentId, ConsentRequestId, OrganisationId, StoryId, StoryUseId, TenantId, UserId,
};
use crate::db::schema::{stories, story_consent_requests, story_consents, story_uses};
use crate::error::{Error, Problems, Result, Words};

/// The longest title, in characters.
pub const TITLE_MAX: usize = 200;
/// The longest story, in characters.
pub const BODY_MAX: usize = 20_000;
/// How long consent lasts unless the citizen says otherwise.
pub const DEFAULT_MONTHS: u32 = 12;
/// The longest consent can last; renewing makes a new grant.
pub const MAX_MONTHS: u32 = 24;
/// When the "your consent ends soon" reminder goes.
pub const REMINDER_DAYS: i64 = 30;
/// The version of the consent notice (the page that explains purposes,
/// refusal and withdrawal); each grant records the one its citizen saw,
/// and receipts point to it.
pub const NOTICE_VERSION: &str = "1";
/// The longest message with a consent request.
pub const MESSAGE_MAX: usize = 2_000;
/// The longest excerpt for a report.
pub const QUOTE_MAX: usize = 1_500;

/// What a story may be used for. Each is asked for separately; none is
/// implied by another.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ToSchema,
)]
#[serde(rename_all = "snake_case")]
#[schema(as = StoryPurpose)]
pub enum Purpose {
    BoardLearning,
    TenantPublication,
    OrganisationReport,
    Research,
    Media,
    Training,
    AutomatedAnalysis,
}

impl Purpose {
    pub const ALL: [Purpose; 7] = [
        Purpose::BoardLearning,
        Purpose::TenantPublication,
        Purpose::OrganisationReport,
        Purpose::Research,
        Purpose::Media,
        Purpose::Training,
        Purpose::AutomatedAnalysis,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Purpose::BoardLearning => "board_learning",
            Purpose::TenantPublication => "tenant_publication",
            Purpose::OrganisationReport => "organisation_report",
            Purpose::Research => "research",
            Purpose::Media => "media",
            Purpose::Training => "training",
            Purpose::AutomatedAnalysis => "automated_analysis",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.as_str() == raw.trim())
    }

    /// The W3C Data Privacy Vocabulary purpose, for the record of
    /// processing and for receipts.
    pub fn dpv(self) -> &'static str {
        match self {
            Purpose::BoardLearning => "dpv:ImprovePublicServices",
            Purpose::TenantPublication => "dpv:CommunicationManagement",
            Purpose::OrganisationReport => "dpv:ServiceOptimisation",
            Purpose::Research => "dpv:NonCommercialResearch",
            Purpose::Media => "dpv:PublicRelations",
            Purpose::Training => "dpv:HumanResourceManagement",
            Purpose::AutomatedAnalysis => "dpv:ImprovePublicServices",
        }
    }

    /// A short name, for lists and headings.
    pub fn title(self) -> &'static str {
        match self {
            Purpose::BoardLearning => "Learning on a co-design board",
            Purpose::TenantPublication => "Publication by the council",
            Purpose::OrganisationReport => "Quoting in an organisation's report",
            Purpose::Research => "Research",
            Purpose::Media => "Newspapers, radio and television",
            Purpose::Training => "Training staff",
            Purpose::AutomatedAnalysis => "Analysis by computer",
        }
    }

    /// What it means, in plain words, for the consent screen.
    pub fn meaning(self) -> &'static str {
        match self {
            Purpose::BoardLearning => "The members of a co-design board read your story to understand what needs to change, while they plan a service with residents.",
            Purpose::TenantPublication => "The council shows your story on its own pages or in its own leaflets and reports, for people to read.",
            Purpose::OrganisationReport => "An organisation quotes part of your story in a report, for example to its board or to people who fund it.",
            Purpose::Research => "Researchers (for example at a university) read your story as part of a study that is not for profit.",
            Purpose::Media => "Your story is given to journalists for newspapers, radio, television or their websites.",
            Purpose::Training => "Your story is used to train staff, so they understand what it is like to use their service.",
            Purpose::AutomatedAnalysis => "A computer reads your story to find themes or write summaries (this includes AI tools). Nothing is analysed by computer without this.",
        }
    }

    /// [`Purpose::title`] in a person's language.
    pub fn title_in(self, lang: impl Into<crate::i18n::Language>) -> String {
        let lang: crate::i18n::Language = lang.into();
        match self {
            Purpose::BoardLearning => lang.t("story-purpose-board-learning"),
            Purpose::TenantPublication => lang.t("story-purpose-tenant-publication"),
            Purpose::OrganisationReport => lang.t("story-purpose-organisation-report"),
            Purpose::Research => lang.t("story-purpose-research"),
            Purpose::Media => lang.t("story-purpose-media"),
            Purpose::Training => lang.t("story-purpose-training"),
            Purpose::AutomatedAnalysis => lang.t("story-purpose-automated-analysis"),
        }
    }

    /// [`Purpose::meaning`] in a person's language.
    pub fn meaning_in(self, lang: impl Into<crate::i18n::Language>) -> String {
        let lang: crate::i18n::Language = lang.into();
        match self {
            Purpose::BoardLearning => lang.t("story-meaning-board-learning"),
            Purpose::TenantPublication => lang.t("story-meaning-tenant-publication"),
            Purpose::OrganisationReport => lang.t("story-meaning-organisation-report"),
            Purpose::Research => lang.t("story-meaning-research"),
            Purpose::Media => lang.t("story-meaning-media"),
            Purpose::Training => lang.t("story-meaning-training"),
            Purpose::AutomatedAnalysis => lang.t("story-meaning-automated-analysis"),
        }
    }
}

/// Who may read under a grant.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Audience {
    /// The members of one co-design board.
    Board(String),
    /// The members of one organisation.
    Organisation(OrganisationId),
    /// Everyone with an account in this place.
    Tenant,
    /// Anyone at all, including people not signed in.
    Public,
}

impl Audience {
    /// Reads `board:<id>`, `organisation:<id>`, `tenant` or `public`.
    pub fn parse(raw: &str) -> Option<Self> {
        let raw = raw.trim();
        match raw {
            "tenant" => return Some(Audience::Tenant),
            "public" => return Some(Audience::Public),
            _ => {}
        }
        let (kind, id) = raw.split_once(':')?;
        match kind {
            "board" => {
                let id: uuid::Uuid = id.parse().ok()?;
                Some(Audience::Board(id.to_string()))
            }
            "organisation" => id.parse().ok().map(Audience::Organisation),
            _ => None,
        }
    }

    pub fn from_stored(kind: &str, id: Option<&str>) -> Option<Self> {
        match (kind, id) {
            ("tenant", _) => Some(Audience::Tenant),
            ("public", _) => Some(Audience::Public),
            ("board", Some(id)) => Some(Audience::Board(id.to_owned())),
            ("organisation", Some(id)) => id.parse().ok().map(Audience::Organisation),
            _ => None,
        }
    }

    pub fn kind(&self) -> &'static str {
        match self {
            Audience::Board(_) => "board",
            Audience::Organisation(_) => "organisation",
            Audience::Tenant => "tenant",
            Audience::Public => "public",
        }
    }

    pub fn id(&self) -> Option<String> {
        match self {
            Audience::Board(id) => Some(id.clone()),
            Audience::Organisation(id) => Some(id.to_string()),
            Audience::Tenant | Audience::Public => None,
        }
    }

    /// How specific it is: a grant to a board or organisation comes
    /// before one to the whole place, which comes before the public.
    pub fn breadth(&self) -> u8 {
        match self {
            Audience::Board(_) | Audience::Organisation(_) => 0,
            Audience::Tenant => 1,
            Audience::Public => 2,
        }
    }
}

impl std::fmt::Display for Audience {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Audience::Board(id) => write!(f, "board:{id}"),
            Audience::Organisation(id) => write!(f, "organisation:{id}"),
            Audience::Tenant => f.write_str("tenant"),
            Audience::Public => f.write_str("public"),
        }
    }
}

/// How the author is named to readers. Ordered from least to most
/// identifying.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Attribution {
    /// No name; readers see the de-identified version the author approved.
    Anonymous,
    /// The first word of the author's name, with the story as written.
    FirstName,
    /// The author's name, with the story as written.
    Named,
}

impl Attribution {
    pub const ALL: [Attribution; 3] = [
        Attribution::Named,
        Attribution::FirstName,
        Attribution::Anonymous,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Attribution::Named => "named",
            Attribution::FirstName => "first_name",
            Attribution::Anonymous => "anonymous",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.as_str() == raw.trim())
    }

    pub fn describe(self) -> &'static str {
        match self {
            Attribution::Named => "with your name",
            Attribution::FirstName => "with your first name only",
            Attribution::Anonymous => "anonymously, using your de-identified version",
        }
    }

    /// [`Attribution::describe`] in a person's language.
    pub fn describe_in(self, lang: impl Into<crate::i18n::Language>) -> String {
        let lang: crate::i18n::Language = lang.into();
        match self {
            Attribution::Named => lang.t("story-attribution-named"),
            Attribution::FirstName => lang.t("story-attribution-first-name"),
            Attribution::Anonymous => lang.t("story-attribution-anonymous"),
        }
    }

    /// The same, said of the author to someone else ("with their name").
    pub fn describe_theirs_in(self, lang: impl Into<crate::i18n::Language>) -> String {
        let lang: crate::i18n::Language = lang.into();
        match self {
            Attribution::Named => lang.t("story-attribution-their-named"),
            Attribution::FirstName => lang.t("story-attribution-their-first-name"),
            Attribution::Anonymous => lang.t("story-attribution-their-anonymous"),
        }
    }

    /// The same, as the author chooses it ("With my name").
    pub fn choice_in(self, lang: impl Into<crate::i18n::Language>) -> String {
        let lang: crate::i18n::Language = lang.into();
        match self {
            Attribution::Named => lang.t("story-attribution-my-named"),
            Attribution::FirstName => lang.t("story-attribution-my-first-name"),
            Attribution::Anonymous => lang.t("story-attribution-my-anonymous"),
        }
    }

    /// The author's name as readers see it.
    pub fn render_name(self, display_name: &str) -> String {
        match self {
            Attribution::Named => display_name.trim().to_owned(),
            Attribution::FirstName => display_name
                .split_whitespace()
                .next()
                .unwrap_or("")
                .to_owned(),
            Attribution::Anonymous => "Anonymous".to_owned(),
        }
    }
}

/// What a reader did with a story, as the use log records it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    View,
    Excerpt,
    Download,
    Publish,
}

impl Action {
    pub fn as_str(self) -> &'static str {
        match self {
            Action::View => "view",
            Action::Excerpt => "excerpt",
            Action::Download => "download",
            Action::Publish => "publish",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        [
            Action::View,
            Action::Excerpt,
            Action::Download,
            Action::Publish,
        ]
        .into_iter()
        .find(|a| a.as_str() == raw.trim())
    }

    /// As the author reads it in their use log.
    pub fn described(self) -> &'static str {
        match self {
            Action::View => "read it",
            Action::Excerpt => "quoted it in a report",
            Action::Download => "downloaded it",
            Action::Publish => "was shown it on the public page",
        }
    }

    /// [`Action::described`] in a person's language.
    pub fn described_in(self, lang: impl Into<crate::i18n::Language>) -> String {
        let lang: crate::i18n::Language = lang.into();
        match self {
            Action::View => lang.t("story-action-view"),
            Action::Excerpt => lang.t("story-action-excerpt"),
            Action::Download => lang.t("story-action-download"),
            Action::Publish => lang.t("story-action-publish"),
        }
    }
}

/// The consent statuses of the W3C Data Privacy Vocabulary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ConsentStatus {
    Requested,
    Given,
    Refused,
    Withdrawn,
    Expired,
}

impl ConsentStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ConsentStatus::Requested => "requested",
            ConsentStatus::Given => "given",
            ConsentStatus::Refused => "refused",
            ConsentStatus::Withdrawn => "withdrawn",
            ConsentStatus::Expired => "expired",
        }
    }

    pub fn dpv(self) -> &'static str {
        match self {
            ConsentStatus::Requested => "dpv:ConsentRequested",
            ConsentStatus::Given => "dpv:ConsentGiven",
            ConsentStatus::Refused => "dpv:ConsentRefused",
            ConsentStatus::Withdrawn => "dpv:ConsentWithdrawn",
            ConsentStatus::Expired => "dpv:ConsentExpired",
        }
    }
}

/// The legal basis of consent to a story: explicit consent (article
/// 9(2)(a)) for special-category information, else consent (6(1)(a)).
pub fn legal_basis(special_category: bool) -> &'static str {
    if special_category {
        "eu-gdpr:A9-2-a"
    } else {
        "eu-gdpr:A6-1-a"
    }
}

/// A stored story; its text is sealed, readable only through the service.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = stories)]
pub struct Story {
    pub tenant_id: TenantId,
    pub id: StoryId,
    pub author_id: UserId,
    pub area_id: Option<AreaId>,
    pub board_id: Option<String>,
    pub special_category: bool,
    pub version: i32,
    pub sealed: Vec<u8>,
    pub deidentified: Option<Vec<u8>>,
    pub deidentified_approved_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub erased_at: Option<NaiveDateTime>,
}

impl Story {
    pub fn erased(&self) -> bool {
        self.erased_at.is_some()
    }

    /// Whether anonymous consent has something to show.
    pub fn deidentified_approved(&self) -> bool {
        self.deidentified.is_some() && self.deidentified_approved_at.is_some()
    }

    /// The name of its key in the key store.
    pub fn key_name(id: &StoryId) -> String {
        format!("story:{id}")
    }
}

/// A story's text: what is sealed (as JSON) under its key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Text {
    pub title: String,
    pub body: String,
}

impl Text {
    /// Checks a title and body together.
    pub fn check(title: &str, body: &str, problems: &mut Problems) -> Self {
        let (title, body) = (title.trim().to_owned(), body.trim().to_owned());
        if title.is_empty() {
            problems.add("title", "required", Words::of("story-error-title-required"));
        } else if title.chars().count() > TITLE_MAX {
            problems.add(
                "title",
                "too_long",
                Words::of1("story-error-title-too-long", "max", TITLE_MAX),
            );
        }
        if body.is_empty() {
            problems.add("body", "required", Words::of("story-error-body-required"));
        } else if body.chars().count() > BODY_MAX {
            problems.add(
                "body",
                "too_long",
                Words::of1("story-error-body-too-long", "max", BODY_MAX),
            );
        }
        Text { title, body }
    }

    /// Which part of a story the text is; bound into its encryption.
    pub fn aad(tenant: &TenantId, story: &StoryId, version: i32, part: Part) -> Vec<u8> {
        format!("story|{tenant}|{story}|v{version}|{}", part.as_str()).into_bytes()
    }
}

/// The two texts of a story.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// As the author wrote it.
    Original,
    /// The de-identified version.
    Deidentified,
}

impl Part {
    pub fn as_str(self) -> &'static str {
        match self {
            Part::Original => "original",
            Part::Deidentified => "deidentified",
        }
    }
}

/// A stored consent grant.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = story_consents)]
pub struct Consent {
    pub tenant_id: TenantId,
    pub id: ConsentId,
    pub story_id: StoryId,
    pub author_id: UserId,
    pub purpose: String,
    pub audience_kind: String,
    pub audience_id: Option<String>,
    pub attribution: String,
    pub status: String,
    pub dpv_purpose: String,
    pub legal_basis: String,
    pub notice_version: String,
    pub expires_at: NaiveDateTime,
    pub created_at: NaiveDateTime,
    pub withdrawn_at: Option<NaiveDateTime>,
    pub request_id: Option<ConsentRequestId>,
    pub renews_id: Option<ConsentId>,
    pub reminded_at: Option<NaiveDateTime>,
}

impl Consent {
    pub fn purpose(&self) -> Option<Purpose> {
        Purpose::parse(&self.purpose)
    }

    pub fn audience(&self) -> Option<Audience> {
        Audience::from_stored(&self.audience_kind, self.audience_id.as_deref())
    }

    pub fn attribution(&self) -> Attribution {
        // The CHECK keeps it one of ours; the least identifying otherwise.
        Attribution::parse(&self.attribution).unwrap_or(Attribution::Anonymous)
    }

    /// Its DPV status at `at`.
    pub fn status_at(&self, at: NaiveDateTime) -> ConsentStatus {
        if self.status == "withdrawn" {
            ConsentStatus::Withdrawn
        } else if at >= self.expires_at {
            ConsentStatus::Expired
        } else {
            ConsentStatus::Given
        }
    }

    /// Given, begun and not yet expired at `at`.
    pub fn live_at(&self, at: NaiveDateTime) -> bool {
        self.status == "given" && self.created_at <= at && at < self.expires_at
    }
}

/// A stored use of a story.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = story_uses)]
pub struct StoryUse {
    pub tenant_id: TenantId,
    pub id: StoryUseId,
    pub author_id: UserId,
    pub seq: i64,
    pub story_id: StoryId,
    pub story_version: i32,
    pub grant_id: ConsentId,
    pub reader_id: Option<String>,
    pub organisation_id: Option<String>,
    pub purpose: String,
    pub action: String,
    pub attribution: String,
    pub occurred_at: NaiveDateTime,
    pub prev_hash: String,
    pub hash: String,
}

/// A stored consent request.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = story_consent_requests)]
pub struct ConsentRequest {
    pub tenant_id: TenantId,
    pub id: ConsentRequestId,
    pub story_id: StoryId,
    pub author_id: UserId,
    pub requester_id: Option<UserId>,
    pub organisation_id: Option<OrganisationId>,
    pub board_id: Option<String>,
    pub purposes: String,
    pub audience_kind: String,
    pub audience_id: Option<String>,
    pub attribution: String,
    pub duration_months: i32,
    pub message: String,
    pub status: String,
    pub created_at: NaiveDateTime,
    pub decided_at: Option<NaiveDateTime>,
}

impl ConsentRequest {
    pub fn purposes(&self) -> Vec<Purpose> {
        serde_json::from_str::<Vec<String>>(&self.purposes)
            .unwrap_or_default()
            .iter()
            .filter_map(|p| Purpose::parse(p))
            .collect()
    }

    pub fn audience(&self) -> Option<Audience> {
        Audience::from_stored(&self.audience_kind, self.audience_id.as_deref())
    }

    pub fn attribution(&self) -> Attribution {
        Attribution::parse(&self.attribution).unwrap_or(Attribution::Anonymous)
    }
}

// ---- What people send ----

/// A new story.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct NewStory {
    /// Up to 200 characters.
    pub title: String,
    /// Plain text, up to 20,000 characters.
    pub body: String,
    /// An area of this place.
    #[serde(default)]
    pub area_id: Option<String>,
    /// A co-design board the story is about.
    #[serde(default)]
    pub board_id: Option<String>,
    /// It contains health or other special-category information (racial
    /// or ethnic origin, religion, sexual life, trade union membership...).
    #[serde(default)]
    pub special_category: Option<bool>,
}

/// Changes to a story (its author). Absent fields stay; `area_id` or
/// `board_id` as `""` removes it.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct StoryChanges {
    pub title: Option<String>,
    pub body: Option<String>,
    pub area_id: Option<String>,
    pub board_id: Option<String>,
    pub special_category: Option<bool>,
}

/// The de-identified version (its author): names, dates and places taken
/// out. `approved: true` says the author has read it and it does not
/// identify them; only an approved version can be shared anonymously.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct Deidentified {
    pub title: String,
    pub body: String,
    #[serde(default)]
    pub approved: bool,
}

/// One grant as asked for.
#[derive(Debug, Clone, Default, Deserialize, Serialize, ToSchema)]
pub struct GrantInput {
    /// One of the purposes (`board_learning`, `tenant_publication`,
    /// `organisation_report`, `research`, `media`, `training`,
    /// `automated_analysis`).
    pub purpose: String,
    /// `board:<id>`, `organisation:<id>`, `tenant` or `public`.
    pub audience: String,
    /// `named`, `first_name` or `anonymous`.
    pub attribution: String,
    /// When it ends (RFC 3339; UTC if no offset is given): at most 24
    /// months away (default 12 months).
    #[serde(default, deserialize_with = "utc_time")]
    #[schema(value_type = Option<String>, format = DateTime, pattern = r"(Z|[+-][0-9]{2}:[0-9]{2})$")]
    pub expires_at: Option<NaiveDateTime>,
}

/// Reads a time as RFC 3339 (`2027-05-01T12:00:00Z`, or with an offset,
/// turned into UTC) or as a UTC time without an offset.
fn utc_time<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> std::result::Result<Option<NaiveDateTime>, D::Error> {
    let Some(raw) = Option::<String>::deserialize(d)? else {
        return Ok(None);
    };
    let raw = raw.trim();
    if let Ok(at) = chrono::DateTime::parse_from_rfc3339(raw) {
        return Ok(Some(at.naive_utc()));
    }
    raw.parse::<NaiveDateTime>()
        .map(Some)
        .map_err(|_| serde::de::Error::custom("a time as RFC 3339, e.g. 2027-05-01T12:00:00Z"))
}

/// The grants a story should have, all at once: grants already live and
/// listed stay, new ones are given, live ones not listed are withdrawn.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct ConsentsUpdate {
    pub grants: Vec<GrantInput>,
}

/// A checked grant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grant {
    pub purpose: Purpose,
    pub audience: Audience,
    pub attribution: Attribution,
    pub expires_at: NaiveDateTime,
}

/// The latest expiry allowed for a grant made at `now`.
pub fn latest_expiry(now: NaiveDateTime) -> NaiveDateTime {
    now.checked_add_months(Months::new(MAX_MONTHS))
        .unwrap_or(now)
}

/// The default expiry for a grant made at `now`.
pub fn default_expiry(now: NaiveDateTime) -> NaiveDateTime {
    months_from(now, DEFAULT_MONTHS)
}

pub fn months_from(now: NaiveDateTime, months: u32) -> NaiveDateTime {
    now.checked_add_months(Months::new(months)).unwrap_or(now)
}

impl Grant {
    /// Checks one grant, its problems named `{prefix}.{field}`.
    pub fn check(
        input: &GrantInput,
        prefix: &str,
        now: NaiveDateTime,
        problems: &mut Problems,
    ) -> Option<Self> {
        let field = |f: &str| {
            if prefix.is_empty() {
                f.to_owned()
            } else {
                format!("{prefix}.{f}")
            }
        };
        let purpose = Purpose::parse(&input.purpose);
        if purpose.is_none() {
            problems.add(
                &field("purpose"),
                "unknown_purpose",
                Words::of("story-error-grant-purpose-unknown"),
            );
        }
        let audience = Audience::parse(&input.audience);
        if audience.is_none() {
            problems.add(
                &field("audience"),
                "unknown_audience",
                Words::of("story-error-grant-audience-unknown"),
            );
        }
        let attribution = Attribution::parse(&input.attribution);
        if attribution.is_none() {
            problems.add(
                &field("attribution"),
                "unknown_attribution",
                Words::of("story-error-grant-attribution-unknown"),
            );
        }
        let expires_at = input.expires_at.unwrap_or_else(|| default_expiry(now));
        if expires_at <= now {
            problems.add(
                &field("expires_at"),
                "in_the_past",
                Words::of("story-error-end-in-past"),
            );
        } else if expires_at > latest_expiry(now) {
            problems.add(
                &field("expires_at"),
                "too_long",
                Words::of1("story-error-consent-too-long", "max", i64::from(MAX_MONTHS)),
            );
        }
        Some(Grant {
            purpose: purpose?,
            audience: audience?,
            attribution: attribution?,
            expires_at,
        })
    }
}

/// Asking to use a story.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct NewConsentRequest {
    /// One purpose (the contract's field); or several in `purposes`.
    #[serde(default)]
    pub purpose: Option<String>,
    #[serde(default)]
    pub purposes: Option<Vec<String>>,
    /// `board:<id>`, `organisation:<id>`, `tenant` or `public`.
    pub audience: String,
    /// How the author would be named (default `anonymous`).
    #[serde(default)]
    pub attribution: Option<String>,
    /// For how long, 1 to 24 months (default 12).
    #[serde(default)]
    pub duration_months: Option<u32>,
    /// Why: shown to the author. Up to 2,000 characters.
    pub message: String,
    /// The organisation asking (the caller must belong to it).
    #[serde(default)]
    pub organisation_id: Option<String>,
    /// The board asking (the caller must facilitate it).
    #[serde(default)]
    pub board_id: Option<String>,
}

/// The author's answer to a request: grant all or part (fewer purposes,
/// less identifying attribution, a shorter time), or decline.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[schema(as = StoryDecision)]
pub struct Decision {
    /// `grant` or `decline`.
    pub decision: String,
    /// Less identifying than asked, or the same (default: as asked).
    #[serde(default)]
    pub attribution: Option<String>,
    /// Sooner than asked, or the same (default: as asked). RFC 3339.
    #[serde(default, deserialize_with = "utc_time")]
    #[schema(value_type = Option<String>, format = DateTime, pattern = r"(Z|[+-][0-9]{2}:[0-9]{2})$")]
    pub expires_at: Option<NaiveDateTime>,
    /// Some of the purposes asked for (default: all of them).
    #[serde(default)]
    pub purposes: Option<Vec<String>>,
}

/// An excerpt for a report, as asked for by an organisation's member.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct ExcerptRequest {
    /// The organisation the report is for (the caller must belong to it).
    pub organisation_id: String,
    /// The passage to quote, exactly as it appears in the story the
    /// organisation may read; up to 1,500 characters.
    pub quote: String,
}

// ---- What people get ----

/// A story as its author sees it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(as = StoryAuthorView)]
pub struct AuthorView {
    pub id: String,
    pub title: String,
    pub body: String,
    pub area_id: Option<String>,
    pub board_id: Option<String>,
    pub special_category: bool,
    pub version: i32,
    /// The de-identified version, if prepared.
    pub deidentified: Option<Text>,
    pub deidentified_approved: bool,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    /// Always true here: this is your own story.
    pub yours: bool,
}

/// A story as someone else reads it, at the attribution a live grant
/// allows.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ReadView {
    pub id: String,
    pub title: String,
    pub body: String,
    /// The author's name as the grant allows ("Anonymous" when anonymous).
    pub author: String,
    pub attribution: Attribution,
    pub area_id: Option<String>,
    /// The grant this read relied on.
    pub grant_id: String,
    pub purpose: Purpose,
    pub audience: String,
    /// Until when the grant lasts.
    pub shared_until: NaiveDateTime,
    pub created_at: NaiveDateTime,
    pub yours: bool,
}

/// What reading a story gave: the author's own view, or a reader's.
#[derive(Debug, Clone)]
pub enum Read {
    Author(Box<AuthorView>),
    Reader(Box<ReadView>),
}

/// A story in a list. Lists never carry a story's text for anyone but its
/// author: readers open the story (and that read is logged).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct StorySummary {
    pub id: String,
    pub yours: bool,
    /// The title: only in your own stories' entries.
    pub title: Option<String>,
    /// The author as the most specific live grant names them.
    pub author: String,
    pub area_id: Option<String>,
    /// Purposes you may read it for.
    pub purposes: Vec<Purpose>,
    pub shared_until: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
}

/// A consent grant as its author (and the API) sees it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ConsentView {
    pub id: String,
    pub story_id: String,
    pub purpose: Purpose,
    pub audience: String,
    pub attribution: Attribution,
    /// DPV status now: `given`, `withdrawn` or `expired`.
    pub status: ConsentStatus,
    /// E.g. `dpv:ConsentGiven`.
    pub dpv_status: String,
    pub dpv_purpose: String,
    pub legal_basis: String,
    pub notice_version: String,
    pub expires_at: NaiveDateTime,
    pub created_at: NaiveDateTime,
    pub withdrawn_at: Option<NaiveDateTime>,
    pub request_id: Option<String>,
    pub renews_id: Option<String>,
}

impl ConsentView {
    pub fn of(c: &Consent, at: NaiveDateTime) -> Self {
        let status = c.status_at(at);
        Self {
            id: c.id.to_string(),
            story_id: c.story_id.to_string(),
            purpose: c.purpose().unwrap_or(Purpose::BoardLearning),
            audience: c
                .audience()
                .map(|a| a.to_string())
                .unwrap_or_else(|| c.audience_kind.clone()),
            attribution: c.attribution(),
            status,
            dpv_status: status.dpv().to_owned(),
            dpv_purpose: c.dpv_purpose.clone(),
            legal_basis: c.legal_basis.clone(),
            notice_version: c.notice_version.clone(),
            expires_at: c.expires_at,
            created_at: c.created_at,
            withdrawn_at: c.withdrawn_at,
            request_id: c.request_id.as_ref().map(ToString::to_string),
            renews_id: c.renews_id.as_ref().map(ToString::to_string),
        }
    }
}

/// The answer to a change of grants. `receipt` is the signed consent
/// receipt (a compact JWT) recording the change; `null` only when nothing
/// changed.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ConsentsAnswer {
    /// The story's live grants after the change.
    pub grants: Vec<ConsentView>,
    /// Grants this change gave or withdrew.
    pub changed: Vec<ConsentView>,
    pub receipt: Option<String>,
    /// The receipt's id (`jti`): download it again from
    /// `/api/v1/me/consent-receipts/{receipt_id}`.
    pub receipt_id: Option<String>,
}

/// One logged use, as the author reads it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct UseView {
    pub id: String,
    pub seq: i64,
    pub story_id: String,
    /// The story's title, for its author (absent once the story is erased).
    pub story_title: Option<String>,
    pub grant_id: String,
    pub reader_id: Option<String>,
    /// Who read it, by name (or "a visitor to the public page").
    pub reader: String,
    pub organisation_id: Option<String>,
    pub organisation: Option<String>,
    pub purpose: String,
    pub action: String,
    pub attribution: String,
    pub occurred_at: NaiveDateTime,
    pub hash: String,
}

/// Whether a use log's chain holds.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ChainCheck {
    pub valid: bool,
    pub uses: i64,
    /// The first use that does not fit, and why.
    pub broken_at: Option<i64>,
    pub problem: Option<String>,
}

/// An excerpt for a report: the quote, the grant it relies on and how its
/// author must be credited.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Excerpt {
    pub story_id: String,
    pub quote: String,
    pub grant_id: String,
    /// The id (`jti`) of the consent receipt that gave this grant (the
    /// grant id for a grant given before receipts were issued).
    pub receipt_id: String,
    pub attribution: Attribution,
    /// The credit to print with the quote.
    pub credit: String,
    pub organisation_id: String,
    pub shared_until: NaiveDateTime,
    pub logged_at: NaiveDateTime,
}

/// A consent request as the author and the requester see it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[schema(as = StoryRequestView)]
pub struct RequestView {
    pub id: String,
    pub story_id: String,
    /// The requester's name (absent once they left).
    pub requester: Option<String>,
    pub organisation_id: Option<String>,
    pub organisation: Option<String>,
    pub board_id: Option<String>,
    pub purposes: Vec<Purpose>,
    pub audience: String,
    pub attribution: Attribution,
    pub duration_months: i32,
    pub message: String,
    /// `requested`, `given` or `refused`.
    pub status: ConsentStatus,
    pub dpv_status: String,
    pub created_at: NaiveDateTime,
    pub decided_at: Option<NaiveDateTime>,
    /// Grants given in answer.
    pub grants: Vec<ConsentView>,
    /// The consent receipt for the grants given, in the answer to the
    /// decision that gave them (absent elsewhere; "Your consents" keeps it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub receipt: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub receipt_id: Option<String>,
}

/// A story's data for its author's export.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
#[schema(as = StoryPersonalData)]
pub struct PersonalData {
    /// Your stories, decrypted.
    pub stories: Vec<StoryData>,
    /// Every consent you gave, live or not.
    pub consents: Vec<ConsentView>,
    /// Every logged use of your stories.
    pub uses: Vec<UseView>,
    /// Requests to use your stories, and those you made.
    pub requests: Vec<RequestView>,
    /// Uses you made of other people's stories (the stories' ids only).
    pub uses_made: Vec<UseMadeData>,
    /// Every consent receipt issued to you.
    #[serde(default)]
    pub receipts: Vec<crate::receipts::model::StoredReceipt>,
    /// Exports of stories shared with an organisation or board that you
    /// took (no story text; the grants they relied on).
    #[serde(default)]
    pub exports_made: Vec<super::export::ExportRecord>,
    /// Stories you told with a member of staff's help, and those you
    /// helped others tell (no text of theirs).
    #[serde(default)]
    pub assisted: Vec<super::assisted::AssistView>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct StoryData {
    pub id: String,
    /// Absent if the story was erased (its key is destroyed).
    pub title: Option<String>,
    pub body: Option<String>,
    pub deidentified: Option<Text>,
    pub deidentified_approved: bool,
    pub area_id: Option<String>,
    pub board_id: Option<String>,
    pub special_category: bool,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub erased_at: Option<NaiveDateTime>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct UseMadeData {
    pub story_id: String,
    pub organisation_id: Option<String>,
    pub purpose: String,
    pub action: String,
    pub occurred_at: NaiveDateTime,
}

/// A `board_id` or `area_id` field: absent, cleared, or a value.
pub fn given(raw: Option<&str>) -> Option<&str> {
    raw.map(str::trim).filter(|s| !s.is_empty())
}

/// An unknown id in a field: 422 with a field error.
pub fn unknown(field: &str, what: &str) -> Error {
    let message: crate::error::Say = match what {
        "area" => Words::of("story-error-no-such-area").into(),
        "board" => Words::of("story-error-no-such-board").into(),
        "organisation" => Words::of("story-error-no-such-organisation").into(),
        _ => format!("there is no such {what} here").into(),
    };
    Error::field(field, &format!("unknown_{what}"), message)
}

/// Parses a UUID-shaped id or reports it under `field`.
pub fn parse_id<T: std::str::FromStr>(raw: &str, field: &str, what: &str) -> Result<T> {
    raw.trim().parse().map_err(|_| unknown(field, what))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stories_times_are_read_as_rfc3339_or_utc() {
        let g: GrantInput = serde_json::from_str(
            r#"{"purpose": "research", "audience": "tenant", "attribution": "named", "expires_at": "2027-05-01T14:00:00+02:00"}"#,
        )
        .unwrap();
        assert_eq!(g.expires_at.unwrap().to_string(), "2027-05-01 12:00:00");
        for raw in [
            "2027-05-01T12:00:00Z",
            "2027-05-01T12:00:00",
            "2027-05-01T12:00:00.000001",
        ] {
            let g: GrantInput = serde_json::from_value(serde_json::json!({"purpose": "p", "audience": "a", "attribution": "n", "expires_at": raw})).unwrap();
            assert!(g.expires_at.is_some(), "{raw}");
        }
        let g: GrantInput =
            serde_json::from_str(r#"{"purpose": "p", "audience": "a", "attribution": "n"}"#)
                .unwrap();
        assert!(g.expires_at.is_none());
        assert!(serde_json::from_str::<GrantInput>(
            r#"{"purpose": "p", "audience": "a", "attribution": "n", "expires_at": "soon"}"#
        )
        .is_err());
    }

    #[test]
    fn stories_audiences_parse_and_print_back() {
        let org = OrganisationId::new();
        for raw in [
            "tenant".to_owned(),
            "public".to_owned(),
            format!("organisation:{org}"),
            format!("board:{}", uuid::Uuid::now_v7()),
        ] {
            assert_eq!(Audience::parse(&raw).unwrap().to_string(), raw);
        }
        for bad in [
            "",
            "everyone",
            "organisation:",
            "organisation:x",
            "board:1",
            "team:abc",
        ] {
            assert!(Audience::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn stories_attribution_renders_names() {
        assert_eq!(Attribution::Named.render_name(" Ann Smith "), "Ann Smith");
        assert_eq!(Attribution::FirstName.render_name("Ann Smith"), "Ann");
        assert_eq!(Attribution::Anonymous.render_name("Ann Smith"), "Anonymous");
        assert!(
            Attribution::Anonymous < Attribution::FirstName
                && Attribution::FirstName < Attribution::Named
        );
    }

    #[test]
    fn stories_grants_are_checked() {
        let now = chrono::NaiveDate::from_ymd_opt(2027, 1, 31)
            .unwrap()
            .and_hms_opt(0, 0, 0)
            .unwrap();
        let mut p = Problems::default();
        let g = Grant::check(
            &GrantInput {
                purpose: "media".into(),
                audience: "public".into(),
                attribution: "named".into(),
                expires_at: None,
            },
            "",
            now,
            &mut p,
        )
        .unwrap();
        assert!(p.into_result().is_ok());
        assert_eq!(g.expires_at.to_string(), "2028-01-31 00:00:00");
        let mut p = Problems::default();
        let latest = latest_expiry(now);
        assert!(Grant::check(
            &GrantInput {
                purpose: "media".into(),
                audience: "public".into(),
                attribution: "named".into(),
                expires_at: Some(latest)
            },
            "",
            now,
            &mut p
        )
        .is_some());
        assert!(p.into_result().is_ok(), "exactly 24 months is allowed");
        let mut p = Problems::default();
        Grant::check(
            &GrantInput {
                purpose: "media".into(),
                audience: "public".into(),
                attribution: "named".into(),
                expires_at: Some(latest + chrono::Duration::seconds(1)),
            },
            "grants[3]",
            now,
            &mut p,
        );
        let Err(Error::Validation(errors)) = p.into_result() else {
            panic!()
        };
        assert_eq!(
            (errors[0].field.as_str(), errors[0].code.as_str()),
            ("grants[3].expires_at", "too_long")
        );
    }

    #[test]
    fn stories_legal_basis_and_dpv_terms() {
        assert_eq!(legal_basis(true), "eu-gdpr:A9-2-a");
        assert_eq!(legal_basis(false), "eu-gdpr:A6-1-a");
        assert!(Purpose::ALL.iter().all(|p| p.dpv().starts_with("dpv:")));
        assert_eq!(Purpose::Research.dpv(), "dpv:NonCommercialResearch");
    }
}
