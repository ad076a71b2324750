# Administration: the admin menu, people and roles, undelivered email,
# recognising organisations, areas, the place's story, settings, and the
# audit log with the words for each kind of event (also used on "Your
# data").

admin-nav = Admin
admin-nav-people = People and roles
admin-nav-mail = Undelivered email
admin-nav-residency = Residency requests
admin-nav-organisations = Organisations
admin-nav-areas = Areas
admin-nav-place-story = The place's story
admin-nav-settings = Settings
admin-nav-audit = Audit log

admin-people-title = People and roles
admin-people-intro = Moderators look after contributions. Admins manage this place, including who has which role. Everyone else takes part as a citizen. Changing someone's role signs them out everywhere; so does “Sign out everywhere”, for a lost phone or a shared computer.
admin-people-search-label = Search by name or email
admin-people-search = Search
admin-people-count = { $n ->
    [one] { $n } person.
   *[other] { $n } people.
}
admin-people-count-matching = { $n ->
    [one] { $n } person matching “{ $q }”.
   *[other] { $n } people matching “{ $q }”.
}
admin-people-none = Nobody matches that search.
admin-people-name = Name
admin-people-email = Email
admin-people-residency = Residency
admin-people-role = Role
admin-people-sessions = Sessions
admin-people-you = (you)
admin-people-not-confirmed = (not confirmed)
admin-people-role-of = Role of { $name }
admin-people-change = Change
admin-people-change-role-of = the role of { $name }
admin-people-sign-out = Sign out everywhere
admin-people-not-verified-email = Not verified (email not confirmed)
admin-people-resident-postcode = Verified resident (postcode)
admin-people-resident-vouched = Verified resident (vouched for)
admin-people-resident-manual = Verified resident (approved by an admin)
admin-people-resident-email = Verified resident (confirmed email is enough)
admin-people-not-verified = Not verified
notice-admin-role-changed = The role has been changed, and that person has been signed out everywhere.
notice-admin-signed-out = That person has been signed out everywhere.
admin-people-last-admin = That is the only admin of this place: appoint another admin first.

admin-mail-title = Email that was not delivered
admin-mail-intro = Email is tried again automatically, waiting longer each time, for up to 10 attempts. Messages listed as failed will not be tried again unless you ask.
admin-mail-none = Every email has been delivered. Nothing is waiting or failed.
admin-mail-to = To
admin-mail-subject = Subject
admin-mail-state = State
admin-mail-last-problem = Last problem
admin-mail-action = Action
admin-mail-failed = { $n ->
    [one] Failed after { $n } attempt
   *[other] Failed after { $n } attempts
}
admin-mail-retrying = Trying again at { $time } ({ $n } so far)
admin-mail-send-again = Send again
admin-mail-send-again-to = to { $recipient }
mail-error-not-failed = only a failed message can be retried; this one is { $status }
notice-admin-mail-retry = The email will be sent again shortly.

admin-organisations-title = Organisations
admin-organisations-heading = Recognising organisations
admin-organisations-intro = An organisation the council recognises shows "Recognised by the council" on its profile and in the list.
admin-organisations-none = No organisation has been started yet.
admin-organisations-organisation = Organisation
admin-organisations-kind = Kind
admin-organisations-recognised = Recognised
admin-organisations-yes = Yes.
admin-organisations-no = No.
admin-organisations-stop = Stop recognising
admin-organisations-recognise = Recognise
notice-admin-organisation-recognised = The organisation is now recognised by the council.
notice-admin-organisation-unrecognised = The organisation is no longer recognised by the council.

admin-areas-title = Areas
admin-areas-intro-before-link = The parts of this place, such as the city, its wards and neighbourhoods. Everyone can see them at
admin-areas-intro-link = Areas
admin-areas-none = No areas have been added yet.
admin-areas-area = Area
admin-areas-kind = Kind
admin-areas-actions = Actions
admin-areas-edit = Edit
admin-areas-remove = Remove
admin-areas-add-title = Add an area
admin-areas-inside = Inside
admin-areas-top-level = Nothing: a top-level area
admin-areas-add = Add the area
admin-area-name = Name
admin-area-kind = Kind of area
admin-area-kind-city = City
admin-area-kind-ward = Ward
admin-area-kind-neighbourhood = Neighbourhood
admin-area-kind-other = Area
admin-area-description = Description (optional)
admin-area-latitude = Latitude (optional)
admin-area-point-hint = Degrees, such as 52.4068 and -1.5197; give both or neither.
admin-area-longitude = Longitude (optional)
admin-area-edit-title = Edit { $name }
admin-area-back = Back to all areas
admin-area-public-page = See its public page
admin-area-save = Save the area
admin-area-remove-title = Remove this area
admin-area-has-children = Other areas are inside this one, so it cannot be removed. Remove them first.
admin-area-remove-link = Remove { $name }
admin-area-remove-question = Remove { $name }?
admin-area-remove-warning = The area and its page go for good. This cannot be undone.
admin-area-remove-button = Remove the area
admin-area-keep = Keep it
notice-admin-area-created = The area has been added.
notice-admin-area-saved = The area has been saved.
notice-admin-area-deleted = The area has been removed.

admin-story-title = The place's story
admin-story-see-page = See the page
admin-story-intro-before-link = Tell people about this place: its history, its geography, and how things get done here. It is shown to everyone at
admin-story-intro-link = About this place
admin-story-label = The story
admin-story-hint = You can use Markdown: # for a heading, *stars* for emphasis, [words](https://…) for a link, - for a list.
admin-story-save = Save the story
notice-admin-story-saved = The story has been saved.

admin-settings-title = Settings
admin-settings-name = The place's name
admin-settings-language = Default language
admin-settings-language-hint = A language tag, such as en, cy or en-GB.
admin-settings-colour = Brand colour (optional)
admin-settings-colour-hint = The header's background, as # and six hexadecimal digits (such as #1d5c4d). White text must be readable on it (a contrast of at least 4.5:1). Leave it empty for the default colours.
admin-settings-contact = Contact address (optional)
admin-settings-contact-hint = An email address people can write to about this place. It is shown on the pages about the place, accessibility and privacy.
admin-settings-sender = Who the place's email comes from
admin-settings-sender-hint = Leave both empty to send as the place's name from the installation's own address. An address of your own must be one your mail provider lets this server send from (SPF and DKIM), or the email may be refused as spam.
admin-settings-sender-name = Sender name (optional)
admin-settings-sender-name-hint = Shown as who the email is from, such as Coventry Council Co-production.
admin-settings-sender-address = Sender address (optional)
admin-settings-sender-address-hint = Such as participation@coventry.gov.uk.
admin-settings-residency = How people show they live here
admin-settings-residency-hint = Only verified residents will support proposals, vote and count as citizens on boards. Tick the checks you accept: any one of them is enough. Tick none and a confirmed email address is enough.
admin-settings-threshold = Supports a proposal needs
admin-settings-threshold-hint = A whole number from 1. Proposals with this many supports from residents go forward.
admin-settings-licence = Licence of the open data
admin-settings-licence-hint-before-link = Proposals, their supports and evaluations are published on
admin-settings-licence-hint-link = the open data page
admin-settings-licence-hint-after-link = under this licence.
admin-settings-save = Save the settings
notice-admin-settings-saved = The settings have been saved.

admin-audit-title = Audit log
admin-audit-intro = Everything important that happens in this place is written here: sign-ins, role changes, password and email changes, two-step sign-in, and what admins and platform operators did. Nothing here can be changed or removed without it showing when the log is checked.
admin-audit-show-label = Show
audit-error-kind-invalid = this is not a kind of audit event
admin-audit-every-kind = Every kind of event
admin-audit-show = Show
admin-audit-check = Check the log has not been changed
admin-audit-count = { $n ->
    [one] { $n } event, newest first.
   *[other] { $n } events, newest first.
}
admin-audit-count-of-kind = { $n ->
    [one] { $n } event of this kind, newest first.
   *[other] { $n } events of this kind, newest first.
}
admin-audit-none = Nothing has been recorded yet.
admin-audit-none-of-kind = Nothing has been recorded of this kind yet.
admin-audit-caption = Events, newest first
admin-audit-when = When
admin-audit-what = What happened
admin-audit-who = Who
admin-audit-whom = About whom
admin-audit-details = Details
admin-audit-former-member = a former member
admin-audit-intact = { $n ->
    [one] The log is intact: the { $n } event is as it was written.
   *[other] The log is intact: all { $n } events are as they were written.
}
admin-audit-broken = The log is broken at event #{ $seq } ({ $id }): { $reason }. Tell your platform operator.

# What each kind of event means, for the audit log and "Your data".
audit-kind-sign-in = Signed in
audit-kind-sign-in-first-step = Gave the right password or link; the code from the app was still to come
audit-kind-sign-in-failed = A sign-in attempt failed
audit-kind-sign-out = Signed out
audit-kind-account-registered = Created an account
audit-kind-account-provisioned = An account was made from the command line or by a platform operator
audit-kind-password-changed = Changed the password
audit-kind-password-reset = Set a new password with an emailed link
audit-kind-email-changed = Changed the email address
audit-kind-two-step-on = Turned on two-step sign-in
audit-kind-two-step-off = Turned off two-step sign-in
audit-kind-role-changed = Changed someone's role
audit-kind-tenant-created = The place was created
audit-kind-host-added = A web address was added to the place
audit-kind-host-removed = A web address was removed from the place
audit-kind-tenant-suspended = The place was paused
audit-kind-tenant-reopened = The place was reopened
audit-kind-place-signed-out = A platform operator signed everyone in the place out
audit-kind-mail-retried = An admin asked for an undelivered email to be sent again
audit-kind-data-exported = Downloaded all their data
audit-kind-account-erased = The account was deleted and its personal data erased
audit-kind-profile-imported = Brought their profile from another place
audit-kind-organisation-created = Created an organisation
audit-kind-member-added = Someone joined an organisation
audit-kind-member-removed = Someone left or was removed from an organisation
audit-kind-member-role-changed = A member's role in an organisation changed
audit-kind-organisation-verified = An organisation was recognised by the council
audit-kind-organisation-unverified = An organisation was no longer recognised by the council
audit-kind-join-request-decided = A request to join an organisation was accepted or declined
audit-kind-area-created = An admin added an area
audit-kind-area-updated = An admin changed an area
audit-kind-area-deleted = An admin removed an area
audit-kind-settings-changed = An admin changed the place's settings
audit-kind-place-story-changed = An admin changed the place's story
audit-kind-organisation-invitation-sent = An organisation's admin sent (or sent again) an invitation to join it
audit-kind-organisation-invitation-accepted = Someone accepted an invitation to join an organisation
audit-kind-organisation-invitation-declined = Someone declined an invitation to join an organisation
audit-kind-organisation-invitation-revoked = An organisation's admin withdrew an invitation to join it
audit-kind-residency-verified = Became a verified resident
audit-kind-residency-requested = Asked the place's admins to confirm they live here
audit-kind-residency-request-decided = An admin approved or declined a request to be a verified resident
audit-kind-vouching-code-issued = An organisation issued a vouching code
audit-kind-postcodes-imported = The place's postcodes were imported
audit-kind-asset-registered = Registered an asset on the asset map
audit-kind-asset-changed = Changed an asset on the asset map
audit-kind-asset-withdrawn = Withdrew an asset from the asset map
audit-kind-asset-contacted = Sent a message to an asset's owner
audit-kind-proposal-created = Wrote a proposal
audit-kind-proposal-edited = Edited a published proposal (the earlier version is kept)
audit-kind-proposal-status-changed = Moved a proposal to its next stage
audit-kind-proposal-transition-refused = A move of a proposal to another stage was refused
audit-kind-proposal-coauthor-invited = Invited someone to write a proposal with them
audit-kind-proposal-coauthor-answered = Accepted or declined an invitation to write a proposal
audit-kind-proposal-coauthor-removed = A co-author left a proposal or was removed from it
audit-kind-moderation-flagged = Flagged a proposal or comment for the moderators
audit-kind-moderation-hidden = A moderator hid a proposal or comment, with a reason
audit-kind-moderation-restored = A moderator showed a hidden proposal or comment again
audit-kind-moderation-dismissed = A moderator dismissed the flags on a proposal or comment (or a review request)
audit-kind-moderation-review-requested = Asked the moderators to review the hiding of their proposal or comment
audit-kind-notification-settings-changed = Changed how they hear about what they follow, or unsubscribed by an email's link
audit-kind-proposal-assets-linked = Changed the assets of the asset map a proposal builds on
audit-kind-evaluation-opened = A delivered proposal's supporters and area residents were invited to evaluate it
audit-kind-evaluation-rated = Said whether a delivered proposal's outcome happened
audit-kind-board-created = Started a co-design board
audit-kind-board-changed = A facilitator changed a board's description or who can see it
audit-kind-board-phase-changed = A facilitator moved a board to another phase
audit-kind-board-member-added = Someone joined a board
audit-kind-board-member-removed = Someone left or was removed from a board
audit-kind-board-role-changed = Someone's role on a board changed
audit-kind-board-invitation-sent = A facilitator invited someone to a board
audit-kind-board-invitation-answered = An invitation to a board was accepted or declined
audit-kind-board-invitation-withdrawn = An invitation to a board, or a request to join one, was withdrawn
audit-kind-board-join-requested = Asked to join a board
audit-kind-board-join-request-decided = A facilitator accepted or declined a request to join a board
audit-kind-board-linked = A facilitator linked a proposal or asset to a board
audit-kind-board-unlinked = A facilitator removed a proposal or asset from a board
audit-kind-workshop-scheduled = A facilitator scheduled a workshop
audit-kind-workshop-changed = A facilitator changed a workshop
audit-kind-workshop-attendance-recorded = A facilitator recorded who took part in a workshop
audit-kind-workshop-notes-published = A facilitator published a workshop's notes
audit-kind-poll-created = A facilitator opened a poll on a board
audit-kind-poll-closed = A poll closed: its result and the digest of its sorted ballots were recorded
audit-kind-poll-ballot-assisted = A facilitator cast a ballot for someone who took part in a workshop in person
audit-kind-story-created = Wrote a story (kept encrypted)
audit-kind-story-edited = Changed a story or its de-identified version
audit-kind-story-erased = Erased a story; its key was destroyed, so it can never be read again
audit-kind-story-assisted = A member of an organisation's staff helped someone in person to make an account, tell a story and choose consents (waiting for their confirmation)
audit-kind-story-assist-decided = Confirmed (or declined) the story and consents prepared with a member of staff's help
audit-kind-consent-given = Gave consent for a story to be used for a purpose
audit-kind-consent-withdrawn = Withdrew consent for a story to be used
audit-kind-consent-requested = Asked the author of a story for consent to use it
audit-kind-consent-request-decided = Answered a request to use their story
audit-kind-story-excerpted = An organisation quoted a story in a report, under the author's consent

# Error messages.
admin-error-role-invalid = choose citizen, moderator or admin
