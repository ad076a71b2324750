//! Follows, notices, delivery settings and what the API and pages show of
//! them (no I/O).

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::db::ids::{BoardId, CommentId, ProposalId, TenantId, UserId};
use crate::db::schema::{follows, notification_digest_items};
use crate::error::{Error, Result, Words};
use crate::i18n::Language;
use crate::proposals::model::Status;

/// What people follow: proposals, and co-design boards (their
/// discussion). Each kind has its own rule of who may see it, in
/// `service::can_see`; stories will add theirs.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Subject {
    Proposal(ProposalId),
    Board(BoardId),
}

impl Subject {
    /// The stored kind of a proposal (for SQL that names it).
    pub const PROPOSAL_KIND: &'static str = "proposal";

    /// The stored kind.
    pub fn kind(&self) -> &'static str {
        match self {
            Subject::Proposal(_) => Self::PROPOSAL_KIND,
            Subject::Board(_) => "board",
        }
    }

    pub fn id(&self) -> String {
        match self {
            Subject::Proposal(id) => id.to_string(),
            Subject::Board(id) => id.to_string(),
        }
    }

    /// What it is, in a word for sentences ("this proposal", "this board").
    pub fn noun(&self) -> &'static str {
        match self {
            Subject::Proposal(_) => "proposal",
            Subject::Board(_) => "board",
        }
    }

    /// The link that stops emails about this subject, in `lang`.
    pub fn stop_emails_in(&self, lang: impl Into<Language>) -> String {
        let lang = lang.into();
        match self {
            Subject::Proposal(_) => lang.t("email-stop-proposal"),
            Subject::Board(_) => lang.t("email-stop-board"),
        }
    }

    /// From the stored pair.
    pub fn from_stored(kind: &str, id: &str) -> Option<Self> {
        match kind {
            "proposal" => id.parse().ok().map(Subject::Proposal),
            "board" => id.parse().ok().map(Subject::Board),
            _ => None,
        }
    }

    /// The page the subject is on.
    pub fn path(&self) -> String {
        match self {
            Subject::Proposal(id) => format!("/proposals/{id}"),
            Subject::Board(id) => format!("/boards/{id}"),
        }
    }
}

/// Why someone follows a subject.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
#[schema(as = NotificationReason)]
pub enum Reason {
    /// They chose to (the Follow button or the API).
    Chosen,
    /// They wrote it: automatic.
    Author,
    /// They accepted an invitation to write it: automatic.
    Coauthor,
    /// They support it: automatic.
    Supporter,
    /// They are on the board (in their own right, or as staff of a member
    /// organisation when it joined): automatic, and dropped when they
    /// leave it.
    Member,
    /// They shared a story with a board working on it. Never stored as a
    /// follow: they hear of status changes while their consent is live.
    Storyteller,
}

impl Reason {
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::Chosen => "chosen",
            Reason::Author => "author",
            Reason::Coauthor => "coauthor",
            Reason::Supporter => "supporter",
            Reason::Member => "member",
            Reason::Storyteller => "storyteller",
        }
    }

    /// Unknown stored reasons (a later room's) read as chosen.
    pub fn parse(raw: &str) -> Self {
        match raw {
            "author" => Reason::Author,
            "coauthor" => Reason::Coauthor,
            "supporter" => Reason::Supporter,
            "member" => Reason::Member,
            "storyteller" => Reason::Storyteller,
            _ => Reason::Chosen,
        }
    }

    /// Automatic follows never undo a person's choice to stop following.
    pub fn automatic(self) -> bool {
        self != Reason::Chosen
    }

    /// Why the person gets an email about `subject`, in words that end
    /// "You get this email because …"; none gives the general reason.
    pub fn because_in(reason: Option<Self>, subject: &Subject, lang: Language) -> String {
        let board = matches!(subject, Subject::Board(_));
        match (reason, board) {
            (Some(Reason::Chosen), false) => lang.t("email-reason-follow-proposal"),
            (Some(Reason::Chosen), true) => lang.t("email-reason-follow-board"),
            (Some(Reason::Author), false) => lang.t("email-reason-author-proposal"),
            (Some(Reason::Author), true) => lang.t("email-reason-author-board"),
            (Some(Reason::Coauthor), false) => lang.t("email-reason-coauthor-proposal"),
            (Some(Reason::Coauthor), true) => lang.t("email-reason-coauthor-board"),
            (Some(Reason::Supporter), false) => lang.t("email-reason-supporter-proposal"),
            (Some(Reason::Supporter), true) => lang.t("email-reason-supporter-board"),
            (Some(Reason::Member), false) => lang.t("email-reason-member-proposal"),
            (Some(Reason::Member), true) => lang.t("email-reason-member-board"),
            (Some(Reason::Storyteller), false) => lang.t("email-reason-storyteller-proposal"),
            (Some(Reason::Storyteller), true) => lang.t("email-reason-storyteller-board"),
            (None, false) => lang.t("email-reason-concerns-proposal"),
            (None, true) => lang.t("email-reason-concerns-board"),
        }
    }

    /// How the list of follows names it.
    pub fn label(self) -> &'static str {
        match self {
            Reason::Chosen => "You chose to follow it",
            Reason::Author => "You wrote it",
            Reason::Coauthor => "You are a co-author",
            Reason::Supporter => "You support it",
            Reason::Member => "You are a member",
            Reason::Storyteller => "You shared a story with a board working on it",
        }
    }

    /// [`Reason::label`] in a person's language.
    pub fn label_in(self, lang: impl Into<Language>) -> String {
        let lang: Language = lang.into();
        match self {
            Reason::Chosen => lang.t("notifications-reason-chosen"),
            Reason::Author => lang.t("notifications-reason-author"),
            Reason::Coauthor => lang.t("notifications-reason-coauthor"),
            Reason::Supporter => lang.t("notifications-reason-supporter"),
            Reason::Member => lang.t("notifications-reason-member"),
            Reason::Storyteller => lang.t("notifications-reason-storyteller"),
        }
    }
}

/// How a person wants to hear about what they follow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Delivery {
    /// One email per notice, as it happens (the default).
    #[default]
    Immediately,
    /// One email a day with everything since the last.
    Daily,
    /// One email a week, on Mondays.
    Weekly,
    /// No notification emails (account and moderation emails still come).
    Off,
}

impl Delivery {
    pub const ALL: [Delivery; 4] = [
        Delivery::Immediately,
        Delivery::Daily,
        Delivery::Weekly,
        Delivery::Off,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Delivery::Immediately => "immediately",
            Delivery::Daily => "daily",
            Delivery::Weekly => "weekly",
            Delivery::Off => "off",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|d| d.as_str() == raw.trim())
    }

    /// Checked input: a field error naming the choices.
    pub fn check(raw: &str) -> Result<Self> {
        Self::parse(raw).ok_or_else(|| {
            Error::field(
                "delivery",
                "invalid",
                Words::of("notifications-error-delivery-invalid"),
            )
        })
    }

    pub fn label(self) -> &'static str {
        match self {
            Delivery::Immediately => "As it happens: one email for each update",
            Delivery::Daily => "A daily summary",
            Delivery::Weekly => "A weekly summary, on Mondays",
            Delivery::Off => "No emails about what I follow",
        }
    }

    /// [`Delivery::label`] in a person's language.
    pub fn label_in(self, lang: impl Into<Language>) -> String {
        let lang: Language = lang.into();
        match self {
            Delivery::Immediately => lang.t("notifications-delivery-immediately"),
            Delivery::Daily => lang.t("notifications-delivery-daily"),
            Delivery::Weekly => lang.t("notifications-delivery-weekly"),
            Delivery::Off => lang.t("notifications-delivery-off"),
        }
    }

    /// Whether notices wait for a digest.
    pub fn digest(self) -> bool {
        matches!(self, Delivery::Daily | Delivery::Weekly)
    }
}

/// What happened, for the people who should hear of it. Each kind knows
/// its subject; the service decides who hears (followers, named people,
/// never the person who did it) and how (now, in a digest, or not).
///
/// Later kinds go here: a board's decision, a consent request on a story,
/// a story's author hearing what came of a proposal it was linked to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Notice {
    /// A proposal moved along its lifecycle, with the public reason given
    /// ("you said, we did").
    StatusChanged {
        proposal: ProposalId,
        from: Status,
        to: Status,
        #[serde(default)]
        reason: Option<String>,
    },
    /// Someone commented on a proposal.
    NewComment {
        proposal: ProposalId,
        comment: CommentId,
    },
    /// Someone wrote in a co-design board's discussion.
    NewBoardComment { board: BoardId, comment: CommentId },
    /// A delivered proposal's people are asked whether its intended
    /// outcome happened (the evaluation room sends it).
    EvaluationInvitation {
        proposal: ProposalId,
        /// Why this person is asked, in words ("you supported it").
        #[serde(default)]
        because: Option<String>,
    },
}

impl Notice {
    pub fn subject(&self) -> Subject {
        match self {
            Notice::StatusChanged { proposal, .. }
            | Notice::NewComment { proposal, .. }
            | Notice::EvaluationInvitation { proposal, .. } => Subject::Proposal(proposal.clone()),
            Notice::NewBoardComment { board, .. } => Subject::Board(board.clone()),
        }
    }

    /// The stored kind.
    pub fn kind(&self) -> &'static str {
        match self {
            Notice::StatusChanged { .. } => "status_changed",
            Notice::NewComment { .. } => "new_comment",
            Notice::NewBoardComment { .. } => "new_board_comment",
            Notice::EvaluationInvitation { .. } => "evaluation_invitation",
        }
    }

    /// The outbox kind of its own email.
    pub fn email_kind(&self) -> &'static str {
        match self {
            Notice::StatusChanged { .. } => "notification_status_changed",
            Notice::NewComment { .. } => "notification_new_comment",
            Notice::NewBoardComment { .. } => "notification_new_board_comment",
            Notice::EvaluationInvitation { .. } => "notification_evaluation_invitation",
        }
    }
}

/// The outbox kind of a digest.
pub const DIGEST_KIND: &str = "notification_digest";

/// Who should hear of a notice: the followers of a subject and/or named
/// people, never `except` (the person who did it). Everyone is still
/// subject to their own setting, to whether they may see the subject, and
/// to having stopped following it.
#[derive(Debug, Clone, Default)]
pub struct Audience {
    pub followers_of: Option<Subject>,
    pub people: Vec<UserId>,
    /// Named people with why they hear of it.
    pub named: Vec<(UserId, Reason)>,
    pub except: Option<UserId>,
}

impl Audience {
    pub fn followers(subject: Subject) -> Self {
        Self {
            followers_of: Some(subject),
            ..Default::default()
        }
    }

    pub fn people(people: Vec<UserId>) -> Self {
        Self {
            people,
            ..Default::default()
        }
    }

    /// Adds named people (say, the authors of stories linked to a
    /// proposal, where their consent allows).
    pub fn and(mut self, people: impl IntoIterator<Item = UserId>) -> Self {
        self.people.extend(people);
        self
    }

    /// Adds named people who hear of it for a reason of their own.
    pub fn and_because(mut self, people: impl IntoIterator<Item = UserId>, why: Reason) -> Self {
        self.named.extend(people.into_iter().map(|p| (p, why)));
        self
    }

    /// Leaves out the person who did it.
    pub fn except(mut self, actor: &UserId) -> Self {
        self.except = Some(actor.clone());
        self
    }
}

/// A stored follow.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = follows)]
pub struct Follow {
    pub tenant_id: TenantId,
    pub user_id: UserId,
    pub subject_kind: String,
    pub subject_id: String,
    pub following: bool,
    pub reason: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl Follow {
    pub fn reason(&self) -> Reason {
        Reason::parse(&self.reason)
    }
}

/// A notice waiting for a person's digest.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = notification_digest_items)]
pub struct DigestItem {
    pub tenant_id: TenantId,
    pub id: String,
    pub user_id: UserId,
    pub subject_kind: String,
    pub subject_id: String,
    pub kind: String,
    pub notice: String,
    pub created_at: NaiveDateTime,
}

/// Whether the caller follows a proposal.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct FollowState {
    pub following: bool,
}

/// Something a person follows, as their list shows it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct FollowView {
    /// `proposal` or `board`.
    pub subject_kind: String,
    pub subject_id: String,
    /// The proposal's or board's title.
    pub title: String,
    /// The proposal's status, or the board's phase.
    pub status: String,
    /// `chosen`, `author`, `coauthor`, `supporter` or `member`.
    pub reason: Reason,
    /// Its page.
    pub path: String,
    /// Since when.
    pub since: NaiveDateTime,
}

/// A page of what a person follows, newest first.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct FollowPage {
    pub items: Vec<FollowView>,
    pub page: i64,
    pub per_page: i64,
    pub total: i64,
}

/// A person's notification settings.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct SettingsView {
    /// `immediately` (default), `daily`, `weekly` or `off`.
    pub delivery: Delivery,
    /// The hour (UTC) digests go out; weekly ones on Mondays. Absent when
    /// this installation sends digests only when its operators run
    /// `coproduce digests send`.
    pub digest_hour: Option<u32>,
    /// Updates waiting for your next digest.
    pub pending: i64,
}

/// A change to a person's settings.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[schema(as = NotificationSettingsChanges)]
pub struct SettingsChanges {
    /// `immediately`, `daily`, `weekly` or `off`.
    pub delivery: String,
}

/// A follow, in the person's data export.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct FollowData {
    pub subject_kind: String,
    pub subject_id: String,
    /// False: they stopped following (kept so it is not started again
    /// automatically).
    pub following: bool,
    pub reason: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// An update waiting for the person's next digest, in their export.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct PendingData {
    pub subject_kind: String,
    pub subject_id: String,
    pub kind: String,
    pub created_at: NaiveDateTime,
}

/// Everything the notifications room holds about a person.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
#[schema(as = NotificationPersonalData)]
pub struct PersonalData {
    /// `immediately`, `daily`, `weekly` or `off`; absent when never
    /// changed (immediately).
    pub delivery: Option<String>,
    pub last_digest_at: Option<NaiveDateTime>,
    pub follows: Vec<FollowData>,
    pub pending: Vec<PendingData>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subjects_round_trip() {
        let s = Subject::Proposal(ProposalId::new());
        assert_eq!(Subject::from_stored(s.kind(), &s.id()), Some(s.clone()));
        assert_eq!(Subject::from_stored("story", &s.id()), None);
        let b = Subject::Board(BoardId::new());
        assert_eq!(Subject::from_stored(b.kind(), &b.id()), Some(b.clone()));
        assert_eq!(b.path(), format!("/boards/{}", b.id()));
        assert_eq!(
            Reason::because_in(Some(Reason::Member), &b, Language::En),
            "you are a member of this board"
        );
        assert_eq!(
            Reason::because_in(None, &s, Language::Cy),
            "bod y cynnig hwn yn ymwneud â chi"
        );
        assert_eq!(Subject::from_stored("proposal", "x"), None);
        assert!(s.path().starts_with("/proposals/"));
    }

    #[test]
    fn deliveries_parse_and_refuse() {
        for d in Delivery::ALL {
            assert_eq!(Delivery::parse(d.as_str()), Some(d));
        }
        assert_eq!(Delivery::default(), Delivery::Immediately);
        assert!(Delivery::check("hourly").is_err());
        assert!(Delivery::Daily.digest() && Delivery::Weekly.digest());
        assert!(!Delivery::Off.digest() && !Delivery::Immediately.digest());
    }

    #[test]
    fn notices_are_stored_as_json_and_read_back() {
        let n = Notice::StatusChanged {
            proposal: ProposalId::new(),
            from: Status::Published,
            to: Status::InCodesign,
            reason: Some("Enough support".into()),
        };
        let json = serde_json::to_string(&n).unwrap();
        assert!(json.contains("\"kind\":\"status_changed\""), "{json}");
        assert_eq!(serde_json::from_str::<Notice>(&json).unwrap(), n);
        let c = Notice::NewComment {
            proposal: ProposalId::new(),
            comment: CommentId::new(),
        };
        assert_eq!(c.kind(), "new_comment");
        assert_eq!(
            c.subject(),
            Subject::Proposal(match &c {
                Notice::NewComment { proposal, .. } => proposal.clone(),
                _ => unreachable!(),
            })
        );
    }

    #[test]
    fn automatic_reasons() {
        assert!(!Reason::Chosen.automatic());
        assert!(Reason::Supporter.automatic());
        assert!(Reason::Member.automatic());
        assert_eq!(Reason::parse("member"), Reason::Member);
        assert_eq!(Reason::parse("organiser"), Reason::Chosen);
    }
}
