//! Audit records: the kinds of event, an event about to be recorded, a
//! stored event and the outcome of a verification.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde_json::Value;

use crate::db::ids::{TenantId, UserId};
use crate::db::schema::audit_events;

/// What happened. The stored name (`as_str`) never changes once used:
/// it is part of each event's hash.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    SignIn,
    /// A password or link was right; the code from the app is still due.
    SignInFirstStep,
    SignInFailed,
    SignOut,
    AccountRegistered,
    AccountProvisioned,
    PasswordChanged,
    PasswordReset,
    EmailChanged,
    TwoStepOn,
    TwoStepOff,
    RoleChanged,
    TenantCreated,
    HostAdded,
    HostRemoved,
    TenantSuspended,
    TenantReopened,
    /// A platform operator ended every session of the place.
    PlaceSignedOut,
    MailRetried,
    DataExported,
    AccountErased,
    ProfileImported,
    OrganisationCreated,
    MemberAdded,
    MemberRemoved,
    MemberRoleChanged,
    OrganisationVerified,
    OrganisationUnverified,
    JoinRequestDecided,
    AreaCreated,
    AreaUpdated,
    AreaDeleted,
    SettingsChanged,
    PlaceStoryChanged,
    InvitationSent,
    InvitationAccepted,
    InvitationDeclined,
    InvitationRevoked,
    ResidencyVerified,
    ResidencyRequested,
    ResidencyRequestDecided,
    VouchingCodeIssued,
    PostcodesImported,
    AssetRegistered,
    AssetChanged,
    AssetWithdrawn,
    AssetContacted,
    ProposalCreated,
    ProposalEdited,
    ProposalStatusChanged,
    ProposalTransitionRefused,
    ProposalCoauthorInvited,
    ProposalCoauthorAnswered,
    ProposalCoauthorRemoved,
    ModerationFlagged,
    ModerationHidden,
    ModerationRestored,
    ModerationDismissed,
    ModerationReviewRequested,
    NotificationSettingsChanged,
    ProposalAssetsLinked,
    EvaluationOpened,
    EvaluationRated,
    BoardCreated,
    BoardChanged,
    BoardPhaseChanged,
    BoardMemberAdded,
    BoardMemberRemoved,
    BoardRoleChanged,
    BoardInvitationSent,
    BoardInvitationAnswered,
    BoardInvitationWithdrawn,
    BoardJoinRequested,
    BoardJoinRequestDecided,
    BoardLinked,
    BoardUnlinked,
    WorkshopScheduled,
    WorkshopChanged,
    WorkshopAttendanceRecorded,
    WorkshopNotesPublished,
    PollCreated,
    PollClosed,
    PollBallotAssisted,
    StoryCreated,
    StoryEdited,
    StoryErased,
    StoryAssisted,
    StoryAssistDecided,
    ConsentGiven,
    ConsentWithdrawn,
    ConsentRequested,
    ConsentRequestDecided,
    StoryExcerpted,
}

impl Kind {
    pub const ALL: [Kind; 93] = [
        Kind::SignIn,
        Kind::SignInFirstStep,
        Kind::SignInFailed,
        Kind::SignOut,
        Kind::AccountRegistered,
        Kind::AccountProvisioned,
        Kind::PasswordChanged,
        Kind::PasswordReset,
        Kind::EmailChanged,
        Kind::TwoStepOn,
        Kind::TwoStepOff,
        Kind::RoleChanged,
        Kind::TenantCreated,
        Kind::HostAdded,
        Kind::HostRemoved,
        Kind::TenantSuspended,
        Kind::TenantReopened,
        Kind::PlaceSignedOut,
        Kind::MailRetried,
        Kind::DataExported,
        Kind::AccountErased,
        Kind::ProfileImported,
        Kind::OrganisationCreated,
        Kind::MemberAdded,
        Kind::MemberRemoved,
        Kind::MemberRoleChanged,
        Kind::OrganisationVerified,
        Kind::OrganisationUnverified,
        Kind::JoinRequestDecided,
        Kind::AreaCreated,
        Kind::AreaUpdated,
        Kind::AreaDeleted,
        Kind::SettingsChanged,
        Kind::PlaceStoryChanged,
        Kind::InvitationSent,
        Kind::InvitationAccepted,
        Kind::InvitationDeclined,
        Kind::InvitationRevoked,
        Kind::ResidencyVerified,
        Kind::ResidencyRequested,
        Kind::ResidencyRequestDecided,
        Kind::VouchingCodeIssued,
        Kind::PostcodesImported,
        Kind::AssetRegistered,
        Kind::AssetChanged,
        Kind::AssetWithdrawn,
        Kind::AssetContacted,
        Kind::ProposalCreated,
        Kind::ProposalEdited,
        Kind::ProposalStatusChanged,
        Kind::ProposalTransitionRefused,
        Kind::ProposalCoauthorInvited,
        Kind::ProposalCoauthorAnswered,
        Kind::ProposalCoauthorRemoved,
        Kind::ModerationFlagged,
        Kind::ModerationHidden,
        Kind::ModerationRestored,
        Kind::ModerationDismissed,
        Kind::ModerationReviewRequested,
        Kind::NotificationSettingsChanged,
        Kind::ProposalAssetsLinked,
        Kind::EvaluationOpened,
        Kind::EvaluationRated,
        Kind::BoardCreated,
        Kind::BoardChanged,
        Kind::BoardPhaseChanged,
        Kind::BoardMemberAdded,
        Kind::BoardMemberRemoved,
        Kind::BoardRoleChanged,
        Kind::BoardInvitationSent,
        Kind::BoardInvitationAnswered,
        Kind::BoardInvitationWithdrawn,
        Kind::BoardJoinRequested,
        Kind::BoardJoinRequestDecided,
        Kind::BoardLinked,
        Kind::BoardUnlinked,
        Kind::WorkshopScheduled,
        Kind::WorkshopChanged,
        Kind::WorkshopAttendanceRecorded,
        Kind::WorkshopNotesPublished,
        Kind::PollCreated,
        Kind::PollClosed,
        Kind::PollBallotAssisted,
        Kind::StoryCreated,
        Kind::StoryEdited,
        Kind::StoryErased,
        Kind::StoryAssisted,
        Kind::StoryAssistDecided,
        Kind::ConsentGiven,
        Kind::ConsentWithdrawn,
        Kind::ConsentRequested,
        Kind::ConsentRequestDecided,
        Kind::StoryExcerpted,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::SignIn => "sign_in",
            Kind::SignInFirstStep => "sign_in_first_step",
            Kind::SignInFailed => "sign_in_failed",
            Kind::SignOut => "sign_out",
            Kind::AccountRegistered => "account_registered",
            Kind::AccountProvisioned => "account_provisioned",
            Kind::PasswordChanged => "password_changed",
            Kind::PasswordReset => "password_reset",
            Kind::EmailChanged => "email_changed",
            Kind::TwoStepOn => "two_step_on",
            Kind::TwoStepOff => "two_step_off",
            Kind::RoleChanged => "role_changed",
            Kind::TenantCreated => "tenant_created",
            Kind::HostAdded => "host_added",
            Kind::HostRemoved => "host_removed",
            Kind::TenantSuspended => "tenant_suspended",
            Kind::TenantReopened => "tenant_reopened",
            Kind::PlaceSignedOut => "place_signed_out",
            Kind::MailRetried => "mail_retried",
            Kind::DataExported => "data_exported",
            Kind::AccountErased => "account_erased",
            Kind::ProfileImported => "profile_imported",
            Kind::OrganisationCreated => "organisation_created",
            Kind::MemberAdded => "member_added",
            Kind::MemberRemoved => "member_removed",
            Kind::MemberRoleChanged => "member_role_changed",
            Kind::OrganisationVerified => "organisation_verified",
            Kind::OrganisationUnverified => "organisation_unverified",
            Kind::JoinRequestDecided => "join_request_decided",
            Kind::AreaCreated => "area_created",
            Kind::AreaUpdated => "area_updated",
            Kind::AreaDeleted => "area_deleted",
            Kind::SettingsChanged => "settings_changed",
            Kind::PlaceStoryChanged => "place_story_changed",
            Kind::InvitationSent => "organisation_invitation_sent",
            Kind::InvitationAccepted => "organisation_invitation_accepted",
            Kind::InvitationDeclined => "organisation_invitation_declined",
            Kind::InvitationRevoked => "organisation_invitation_revoked",
            Kind::ResidencyVerified => "residency_verified",
            Kind::ResidencyRequested => "residency_requested",
            Kind::ResidencyRequestDecided => "residency_request_decided",
            Kind::VouchingCodeIssued => "vouching_code_issued",
            Kind::PostcodesImported => "postcodes_imported",
            Kind::AssetRegistered => "asset_registered",
            Kind::AssetChanged => "asset_changed",
            Kind::AssetWithdrawn => "asset_withdrawn",
            Kind::AssetContacted => "asset_contacted",
            Kind::ProposalCreated => "proposal_created",
            Kind::ProposalEdited => "proposal_edited",
            Kind::ProposalStatusChanged => "proposal_status_changed",
            Kind::ProposalTransitionRefused => "proposal_transition_refused",
            Kind::ProposalCoauthorInvited => "proposal_coauthor_invited",
            Kind::ProposalCoauthorAnswered => "proposal_coauthor_answered",
            Kind::ProposalCoauthorRemoved => "proposal_coauthor_removed",
            Kind::ModerationFlagged => "moderation_flagged",
            Kind::ModerationHidden => "moderation_hidden",
            Kind::ModerationRestored => "moderation_restored",
            Kind::ModerationDismissed => "moderation_dismissed",
            Kind::ModerationReviewRequested => "moderation_review_requested",
            Kind::NotificationSettingsChanged => "notification_settings_changed",
            Kind::ProposalAssetsLinked => "proposal_assets_linked",
            Kind::EvaluationOpened => "evaluation_opened",
            Kind::EvaluationRated => "evaluation_rated",
            Kind::BoardCreated => "board_created",
            Kind::BoardChanged => "board_changed",
            Kind::BoardPhaseChanged => "board_phase_changed",
            Kind::BoardMemberAdded => "board_member_added",
            Kind::BoardMemberRemoved => "board_member_removed",
            Kind::BoardRoleChanged => "board_role_changed",
            Kind::BoardInvitationSent => "board_invitation_sent",
            Kind::BoardInvitationAnswered => "board_invitation_answered",
            Kind::BoardInvitationWithdrawn => "board_invitation_withdrawn",
            Kind::BoardJoinRequested => "board_join_requested",
            Kind::BoardJoinRequestDecided => "board_join_request_decided",
            Kind::BoardLinked => "board_linked",
            Kind::BoardUnlinked => "board_unlinked",
            Kind::WorkshopScheduled => "workshop_scheduled",
            Kind::WorkshopChanged => "workshop_changed",
            Kind::WorkshopAttendanceRecorded => "workshop_attendance_recorded",
            Kind::WorkshopNotesPublished => "workshop_notes_published",
            Kind::PollCreated => "poll_created",
            Kind::PollClosed => "poll_closed",
            Kind::PollBallotAssisted => "poll_ballot_assisted",
            Kind::StoryCreated => "story_created",
            Kind::StoryEdited => "story_edited",
            Kind::StoryErased => "story_erased",
            Kind::StoryAssisted => "story_assisted",
            Kind::StoryAssistDecided => "story_assist_decided",
            Kind::ConsentGiven => "consent_given",
            Kind::ConsentWithdrawn => "consent_withdrawn",
            Kind::ConsentRequested => "consent_requested",
            Kind::ConsentRequestDecided => "consent_request_decided",
            Kind::StoryExcerpted => "story_excerpted",
        }
    }

    pub fn parse(raw: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == raw.trim())
    }

    /// What the event means, in plain words, for the admin's list and a
    /// person's own page.
    pub fn describe(self) -> &'static str {
        match self {
            Kind::SignIn => "Signed in",
            Kind::SignInFirstStep => {
                "Gave the right password or link; the code from the app was still to come"
            }
            Kind::SignInFailed => "A sign-in attempt failed",
            Kind::SignOut => "Signed out",
            Kind::AccountRegistered => "Created an account",
            Kind::AccountProvisioned => {
                "An account was made from the command line or by a platform operator"
            }
            Kind::PasswordChanged => "Changed the password",
            Kind::PasswordReset => "Set a new password with an emailed link",
            Kind::EmailChanged => "Changed the email address",
            Kind::TwoStepOn => "Turned on two-step sign-in",
            Kind::TwoStepOff => "Turned off two-step sign-in",
            Kind::RoleChanged => "Changed someone's role",
            Kind::TenantCreated => "The place was created",
            Kind::HostAdded => "A web address was added to the place",
            Kind::HostRemoved => "A web address was removed from the place",
            Kind::TenantSuspended => "The place was paused",
            Kind::TenantReopened => "The place was reopened",
            Kind::PlaceSignedOut => "A platform operator signed everyone in the place out",
            Kind::MailRetried => "An admin asked for an undelivered email to be sent again",
            Kind::DataExported => "Downloaded all their data",
            Kind::AccountErased => "The account was deleted and its personal data erased",
            Kind::ProfileImported => "Brought their profile from another place",
            Kind::OrganisationCreated => "Created an organisation",
            Kind::MemberAdded => "Someone joined an organisation",
            Kind::MemberRemoved => "Someone left or was removed from an organisation",
            Kind::MemberRoleChanged => "A member's role in an organisation changed",
            Kind::OrganisationVerified => "An organisation was recognised by the council",
            Kind::OrganisationUnverified => {
                "An organisation was no longer recognised by the council"
            }
            Kind::JoinRequestDecided => {
                "A request to join an organisation was accepted or declined"
            }
            Kind::AreaCreated => "An admin added an area",
            Kind::AreaUpdated => "An admin changed an area",
            Kind::AreaDeleted => "An admin removed an area",
            Kind::SettingsChanged => "An admin changed the place's settings",
            Kind::PlaceStoryChanged => "An admin changed the place's story",
            Kind::InvitationSent => {
                "An organisation's admin sent (or sent again) an invitation to join it"
            }
            Kind::InvitationAccepted => "Someone accepted an invitation to join an organisation",
            Kind::InvitationDeclined => "Someone declined an invitation to join an organisation",
            Kind::InvitationRevoked => "An organisation's admin withdrew an invitation to join it",
            Kind::ResidencyVerified => "Became a verified resident",
            Kind::ResidencyRequested => "Asked the place's admins to confirm they live here",
            Kind::ResidencyRequestDecided => {
                "An admin approved or declined a request to be a verified resident"
            }
            Kind::VouchingCodeIssued => "An organisation issued a vouching code",
            Kind::PostcodesImported => "The place's postcodes were imported",
            Kind::AssetRegistered => "Registered an asset on the asset map",
            Kind::AssetChanged => "Changed an asset on the asset map",
            Kind::AssetWithdrawn => "Withdrew an asset from the asset map",
            Kind::AssetContacted => "Sent a message to an asset's owner",
            Kind::ProposalCreated => "Wrote a proposal",
            Kind::ProposalEdited => "Edited a published proposal (the earlier version is kept)",
            Kind::ProposalStatusChanged => "Moved a proposal to its next stage",
            Kind::ProposalTransitionRefused => "A move of a proposal to another stage was refused",
            Kind::ProposalCoauthorInvited => "Invited someone to write a proposal with them",
            Kind::ProposalCoauthorAnswered => {
                "Accepted or declined an invitation to write a proposal"
            }
            Kind::ProposalCoauthorRemoved => "A co-author left a proposal or was removed from it",
            Kind::ModerationFlagged => "Flagged a proposal or comment for the moderators",
            Kind::ModerationHidden => "A moderator hid a proposal or comment, with a reason",
            Kind::ModerationRestored => "A moderator showed a hidden proposal or comment again",
            Kind::ModerationDismissed => {
                "A moderator dismissed the flags on a proposal or comment (or a review request)"
            }
            Kind::ModerationReviewRequested => {
                "Asked the moderators to review the hiding of their proposal or comment"
            }
            Kind::NotificationSettingsChanged => {
                "Changed how they hear about what they follow, or unsubscribed by an email's link"
            }
            Kind::ProposalAssetsLinked => {
                "Changed the assets of the asset map a proposal builds on"
            }
            Kind::EvaluationOpened => {
                "A delivered proposal's supporters and area residents were invited to evaluate it"
            }
            Kind::EvaluationRated => "Said whether a delivered proposal's outcome happened",
            Kind::BoardCreated => "Started a co-design board",
            Kind::BoardChanged => "A facilitator changed a board's description or who can see it",
            Kind::BoardPhaseChanged => "A facilitator moved a board to another phase",
            Kind::BoardMemberAdded => "Someone joined a board",
            Kind::BoardMemberRemoved => "Someone left or was removed from a board",
            Kind::BoardRoleChanged => "Someone's role on a board changed",
            Kind::BoardInvitationSent => "A facilitator invited someone to a board",
            Kind::BoardInvitationAnswered => "An invitation to a board was accepted or declined",
            Kind::BoardInvitationWithdrawn => {
                "An invitation to a board, or a request to join one, was withdrawn"
            }
            Kind::BoardJoinRequested => "Asked to join a board",
            Kind::BoardJoinRequestDecided => {
                "A facilitator accepted or declined a request to join a board"
            }
            Kind::BoardLinked => "A facilitator linked a proposal or asset to a board",
            Kind::BoardUnlinked => "A facilitator removed a proposal or asset from a board",
            Kind::WorkshopScheduled => "A facilitator scheduled a workshop",
            Kind::WorkshopChanged => "A facilitator changed a workshop",
            Kind::WorkshopAttendanceRecorded => {
                "A facilitator recorded who took part in a workshop"
            }
            Kind::WorkshopNotesPublished => "A facilitator published a workshop's notes",
            Kind::PollCreated => "A facilitator opened a poll on a board",
            Kind::PollClosed => {
                "A poll closed: its result and the digest of its sorted ballots were recorded"
            }
            Kind::PollBallotAssisted => {
                "A facilitator cast a ballot for someone who took part in a workshop in person"
            }
            Kind::StoryCreated => "Wrote a story (kept encrypted)",
            Kind::StoryEdited => "Changed a story or its de-identified version",
            Kind::StoryErased => {
                "Erased a story; its key was destroyed, so it can never be read again"
            }
            Kind::StoryAssisted => {
                "A member of an organisation's staff helped someone in person to make an account, tell a story and choose consents (waiting for their confirmation)"
            }
            Kind::StoryAssistDecided => {
                "Confirmed (or declined) the story and consents prepared with a member of staff's help"
            }
            Kind::ConsentGiven => "Gave consent for a story to be used for a purpose",
            Kind::ConsentWithdrawn => "Withdrew consent for a story to be used",
            Kind::ConsentRequested => "Asked the author of a story for consent to use it",
            Kind::ConsentRequestDecided => "Answered a request to use their story",
            Kind::StoryExcerpted => {
                "An organisation quoted a story in a report, under the author's consent"
            }
        }
    }
}

impl Kind {
    /// [`Kind::describe`] in a person's language, for pages.
    pub fn describe_in(self, lang: crate::i18n::Language) -> String {
        match self {
            Kind::SignIn => lang.t("audit-kind-sign-in"),
            Kind::SignInFirstStep => lang.t("audit-kind-sign-in-first-step"),
            Kind::SignInFailed => lang.t("audit-kind-sign-in-failed"),
            Kind::SignOut => lang.t("audit-kind-sign-out"),
            Kind::AccountRegistered => lang.t("audit-kind-account-registered"),
            Kind::AccountProvisioned => lang.t("audit-kind-account-provisioned"),
            Kind::PasswordChanged => lang.t("audit-kind-password-changed"),
            Kind::PasswordReset => lang.t("audit-kind-password-reset"),
            Kind::EmailChanged => lang.t("audit-kind-email-changed"),
            Kind::TwoStepOn => lang.t("audit-kind-two-step-on"),
            Kind::TwoStepOff => lang.t("audit-kind-two-step-off"),
            Kind::RoleChanged => lang.t("audit-kind-role-changed"),
            Kind::TenantCreated => lang.t("audit-kind-tenant-created"),
            Kind::HostAdded => lang.t("audit-kind-host-added"),
            Kind::HostRemoved => lang.t("audit-kind-host-removed"),
            Kind::TenantSuspended => lang.t("audit-kind-tenant-suspended"),
            Kind::TenantReopened => lang.t("audit-kind-tenant-reopened"),
            Kind::PlaceSignedOut => lang.t("audit-kind-place-signed-out"),
            Kind::MailRetried => lang.t("audit-kind-mail-retried"),
            Kind::DataExported => lang.t("audit-kind-data-exported"),
            Kind::AccountErased => lang.t("audit-kind-account-erased"),
            Kind::ProfileImported => lang.t("audit-kind-profile-imported"),
            Kind::OrganisationCreated => lang.t("audit-kind-organisation-created"),
            Kind::MemberAdded => lang.t("audit-kind-member-added"),
            Kind::MemberRemoved => lang.t("audit-kind-member-removed"),
            Kind::MemberRoleChanged => lang.t("audit-kind-member-role-changed"),
            Kind::OrganisationVerified => lang.t("audit-kind-organisation-verified"),
            Kind::OrganisationUnverified => lang.t("audit-kind-organisation-unverified"),
            Kind::JoinRequestDecided => lang.t("audit-kind-join-request-decided"),
            Kind::AreaCreated => lang.t("audit-kind-area-created"),
            Kind::AreaUpdated => lang.t("audit-kind-area-updated"),
            Kind::AreaDeleted => lang.t("audit-kind-area-deleted"),
            Kind::SettingsChanged => lang.t("audit-kind-settings-changed"),
            Kind::PlaceStoryChanged => lang.t("audit-kind-place-story-changed"),
            Kind::InvitationSent => lang.t("audit-kind-organisation-invitation-sent"),
            Kind::InvitationAccepted => lang.t("audit-kind-organisation-invitation-accepted"),
            Kind::InvitationDeclined => lang.t("audit-kind-organisation-invitation-declined"),
            Kind::InvitationRevoked => lang.t("audit-kind-organisation-invitation-revoked"),
            Kind::ResidencyVerified => lang.t("audit-kind-residency-verified"),
            Kind::ResidencyRequested => lang.t("audit-kind-residency-requested"),
            Kind::ResidencyRequestDecided => lang.t("audit-kind-residency-request-decided"),
            Kind::VouchingCodeIssued => lang.t("audit-kind-vouching-code-issued"),
            Kind::PostcodesImported => lang.t("audit-kind-postcodes-imported"),
            Kind::AssetRegistered => lang.t("audit-kind-asset-registered"),
            Kind::AssetChanged => lang.t("audit-kind-asset-changed"),
            Kind::AssetWithdrawn => lang.t("audit-kind-asset-withdrawn"),
            Kind::AssetContacted => lang.t("audit-kind-asset-contacted"),
            Kind::ProposalCreated => lang.t("audit-kind-proposal-created"),
            Kind::ProposalEdited => lang.t("audit-kind-proposal-edited"),
            Kind::ProposalStatusChanged => lang.t("audit-kind-proposal-status-changed"),
            Kind::ProposalTransitionRefused => lang.t("audit-kind-proposal-transition-refused"),
            Kind::ProposalCoauthorInvited => lang.t("audit-kind-proposal-coauthor-invited"),
            Kind::ProposalCoauthorAnswered => lang.t("audit-kind-proposal-coauthor-answered"),
            Kind::ProposalCoauthorRemoved => lang.t("audit-kind-proposal-coauthor-removed"),
            Kind::ModerationFlagged => lang.t("audit-kind-moderation-flagged"),
            Kind::ModerationHidden => lang.t("audit-kind-moderation-hidden"),
            Kind::ModerationRestored => lang.t("audit-kind-moderation-restored"),
            Kind::ModerationDismissed => lang.t("audit-kind-moderation-dismissed"),
            Kind::ModerationReviewRequested => lang.t("audit-kind-moderation-review-requested"),
            Kind::NotificationSettingsChanged => lang.t("audit-kind-notification-settings-changed"),
            Kind::ProposalAssetsLinked => lang.t("audit-kind-proposal-assets-linked"),
            Kind::EvaluationOpened => lang.t("audit-kind-evaluation-opened"),
            Kind::EvaluationRated => lang.t("audit-kind-evaluation-rated"),
            Kind::BoardCreated => lang.t("audit-kind-board-created"),
            Kind::BoardChanged => lang.t("audit-kind-board-changed"),
            Kind::BoardPhaseChanged => lang.t("audit-kind-board-phase-changed"),
            Kind::BoardMemberAdded => lang.t("audit-kind-board-member-added"),
            Kind::BoardMemberRemoved => lang.t("audit-kind-board-member-removed"),
            Kind::BoardRoleChanged => lang.t("audit-kind-board-role-changed"),
            Kind::BoardInvitationSent => lang.t("audit-kind-board-invitation-sent"),
            Kind::BoardInvitationAnswered => lang.t("audit-kind-board-invitation-answered"),
            Kind::BoardInvitationWithdrawn => lang.t("audit-kind-board-invitation-withdrawn"),
            Kind::BoardJoinRequested => lang.t("audit-kind-board-join-requested"),
            Kind::BoardJoinRequestDecided => lang.t("audit-kind-board-join-request-decided"),
            Kind::BoardLinked => lang.t("audit-kind-board-linked"),
            Kind::BoardUnlinked => lang.t("audit-kind-board-unlinked"),
            Kind::WorkshopScheduled => lang.t("audit-kind-workshop-scheduled"),
            Kind::WorkshopChanged => lang.t("audit-kind-workshop-changed"),
            Kind::WorkshopAttendanceRecorded => lang.t("audit-kind-workshop-attendance-recorded"),
            Kind::WorkshopNotesPublished => lang.t("audit-kind-workshop-notes-published"),
            Kind::PollCreated => lang.t("audit-kind-poll-created"),
            Kind::PollClosed => lang.t("audit-kind-poll-closed"),
            Kind::PollBallotAssisted => lang.t("audit-kind-poll-ballot-assisted"),
            Kind::StoryCreated => lang.t("audit-kind-story-created"),
            Kind::StoryEdited => lang.t("audit-kind-story-edited"),
            Kind::StoryErased => lang.t("audit-kind-story-erased"),
            Kind::StoryAssisted => lang.t("audit-kind-story-assisted"),
            Kind::StoryAssistDecided => lang.t("audit-kind-story-assist-decided"),
            Kind::ConsentGiven => lang.t("audit-kind-consent-given"),
            Kind::ConsentWithdrawn => lang.t("audit-kind-consent-withdrawn"),
            Kind::ConsentRequested => lang.t("audit-kind-consent-requested"),
            Kind::ConsentRequestDecided => lang.t("audit-kind-consent-request-decided"),
            Kind::StoryExcerpted => lang.t("audit-kind-story-excerpted"),
        }
    }
}

/// Describes a stored kind in a person's language; a kind a newer version
/// wrote is shown as stored.
pub fn describe_in(kind: &str, lang: impl Into<crate::i18n::Language>) -> String {
    let lang: crate::i18n::Language = lang.into();
    Kind::parse(kind).map_or_else(|| kind.to_owned(), |k| k.describe_in(lang))
}

/// Describes a stored kind, including kinds a newer version wrote.
pub fn describe(kind: &str) -> &str {
    Kind::parse(kind).map(Kind::describe).unwrap_or(kind)
}

/// An event to record: what, who did it, whom it is about, and a detail
/// object of ids, roles, slugs and counts (never personal data).
#[derive(Debug, Clone)]
pub struct Event {
    pub kind: Kind,
    pub actor: Option<UserId>,
    pub subject: Option<UserId>,
    pub detail: Value,
}

impl Event {
    pub fn new(kind: Kind) -> Self {
        Self {
            kind,
            actor: None,
            subject: None,
            detail: Value::Object(Default::default()),
        }
    }

    /// Who did it.
    pub fn by(mut self, actor: &UserId) -> Self {
        self.actor = Some(actor.clone());
        self
    }

    /// Whom it is about.
    pub fn about(mut self, subject: &UserId) -> Self {
        self.subject = Some(subject.clone());
        self
    }

    /// A person who did something to themselves (signed in, changed their
    /// password): actor and subject at once.
    pub fn of(self, person: &UserId) -> Self {
        self.by(person).about(person)
    }

    /// Ids, roles, slugs and counts; a JSON object.
    pub fn detail(mut self, detail: Value) -> Self {
        self.detail = detail;
        self
    }
}

/// One stored event.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = audit_events)]
pub struct AuditEvent {
    pub tenant_id: TenantId,
    pub seq: i64,
    pub id: String,
    pub occurred_at: NaiveDateTime,
    pub kind: String,
    pub actor_id: Option<String>,
    pub subject_id: Option<String>,
    pub detail: String,
    pub prev_hash: String,
    pub hash: String,
}

impl AuditEvent {
    pub fn description(&self) -> &str {
        describe(&self.kind)
    }
}

/// What walking a tenant's chain found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verification {
    /// Every event is as written; `events` were checked.
    Intact { events: i64 },
    /// The first event that does not fit the chain, and why.
    Broken {
        seq: i64,
        id: String,
        reason: String,
    },
}
