# Organisations: the directory, starting one, its profile, editing it,
# its members, requests to join and invitations (including the page an
# invitation's link opens).

organisations-kind-public = Public service
organisations-kind-voluntary = Charity or voluntary group
organisations-kind-private = Business
organisations-kind-community = Community group
organisations-kind-unknown = Organisation
organisations-recognised = Recognised by the council

organisations-title = Organisations
organisations-intro = Public services, charities, businesses and community groups of { $place }.
organisations-start-link = Start an organisation
organisations-search-label = Search by name
organisations-kind = Kind
organisations-any-kind = Any kind
organisations-search = Search
organisations-count = { $n ->
    [one] { $n } organisation.
   *[other] { $n } organisations.
}
organisations-none = No organisation matches.

organisations-form-new = Start an organisation
organisations-form-new-submit = Start the organisation
organisations-form-edit = Edit the organisation's profile
organisations-form-edit-submit = Save the profile
organisations-form-name = Name
organisations-form-description = What it does
organisations-form-description-hint = Plain text, up to 4000 characters.
organisations-form-website = Website
organisations-form-website-hint = Starting with https:// or http://. You can leave this empty.
organisations-form-areas = Areas served
organisations-form-areas-hint = The neighbourhoods it works in, separated by commas.

organisations-profile-website = Website
organisations-profile-areas = Areas served
organisations-profile-members = Members
organisations-profile-a-member = A member
organisations-profile-admin = (admin)
organisations-profile-no-members = Nobody is a member yet.
organisations-profile-join = Join
organisations-profile-join-message = A few words for its admins (optional)
organisations-profile-ask = Ask to join
organisations-profile-edit = Edit the profile
organisations-profile-manage = Manage members
organisations-profile-stories = Stories shared with us
organisations-profile-vouching-link = Vouching codes
organisations-profile-vouching-why = : let people you know live here become verified residents.
notice-organisations-created = Your organisation has been started. You are its admin.
notice-organisations-asked = You have asked to join. The organisation's admins will decide, and we will email you.
notice-organisations-saved = The profile has been saved.
notice-organisations-joined-admin = You have accepted the invitation. You are now an admin of this organisation.
notice-organisations-joined-member = You have accepted the invitation. You are now a member of this organisation.
notice-organisations-already-member = You were already a member of this organisation, so you keep the role you had. The invitation has been used.
notice-organisations-invitation-declined = You have declined the invitation. Nothing has changed.

organisations-members-title = Members of { $org }
organisations-members-intro = Admins edit the profile and manage members; every organisation keeps at least one admin.
organisations-members-back = Back to the profile
organisations-members-member = Member
organisations-members-role = Role
organisations-members-remove = Remove
organisations-members-role-of = Role of { $name }
organisations-members-admin = Admin
organisations-members-a-member = Member
organisations-members-change = Change
organisations-members-change-role-of = the role of { $name }
organisations-members-unnamed = A member ({ $id })
organisations-members-requests = Asking to join
organisations-members-no-requests = Nobody is waiting for an answer.
organisations-members-private-name = Someone whose name is private
organisations-members-accept = Accept
organisations-members-decline = Decline
organisations-members-invitations = Invitations
organisations-members-no-invitations = No invitations are waiting for an answer.
organisations-members-invitations-caption = Invitations waiting for an answer
organisations-members-email = Email address
organisations-members-invited-by = Invited by
organisations-members-works-until = Link works until
organisations-members-actions = Actions
organisations-members-not-shown = Not shown
organisations-members-expired-on = Expired on { $date }
organisations-members-send-again = Send again
organisations-members-send-again-to = to { $email }
organisations-members-withdraw = Withdraw
organisations-members-withdraw-to = the invitation to { $email }
organisations-members-more = And { $n } more, sent earlier.
organisations-members-invite-title = Invite someone by email
organisations-members-invite-hint = We email them a link that works once and for 7 days. Inviting the same address again sends a new link instead of a second invitation.
organisations-members-invite-email = Their email address
organisations-members-invite-role = Their role
organisations-members-invite-member = Member: acts for the organisation
organisations-members-invite-admin = Admin: also edits the profile and manages members
organisations-members-invite-send = Send the invitation
organisations-members-last-admin = That is the organisation's only admin: make someone else an admin first.
notice-organisations-request-accepted = The request has been accepted; they have been told by email.
notice-organisations-request-declined = The request has been declined; they have been told by email.
notice-organisations-role = The role has been changed.
notice-organisations-removed = The member has been removed.
notice-organisations-invited = The invitation has been sent. Its link works for 7 days.
notice-organisations-resent = The invitation has been sent again with a new link; the old link no longer works.
notice-organisations-revoked = The invitation has been withdrawn; its link no longer works.

organisations-remove-title = Remove a member
organisations-remove-question = Remove { $name } from { $org }?
organisations-remove-explain = They will no longer act for the organisation. You can add them again later.
organisations-remove-yes = Yes, remove them
organisations-remove-no = No, go back

organisations-invitation-title = Invitation to join { $org }
organisations-invitation-organisation = Organisation
organisations-invitation-invited-by = Invited by
organisations-invitation-role = Role
organisations-invitation-works-until = Link works until
organisations-invitation-role-admin = An admin
organisations-invitation-role-member = A member
organisations-invitation-meaning-admin = If you accept, you will act for the organisation on this site, edit its profile and manage its members.
organisations-invitation-meaning-member = If you accept, you will act for the organisation on this site, for example on boards where it takes part.
organisations-invitation-one-of-the-admins = One of the admins of { $org }
organisations-invitation-sign-in-title = Sign in to answer
organisations-invitation-sign-in-intro = Only the person this invitation was sent to can accept or decline it. Sign in with the account that uses that email address, or create an account with it if you do not have one yet. You will come back to this page afterwards.
organisations-invitation-sign-in = Sign in to accept or decline
organisations-invitation-register = Create an account with the invited email address
organisations-invitation-someone-else-title = This invitation is for someone else
organisations-invitation-someone-else = You are signed in with a different email address from the one this invitation was sent to ({ $email }), so you cannot accept or decline it from this account.
organisations-invitation-someone-else-help = If that address is yours too, sign out, then sign in with the account that uses it (or create one with it) and open the link again. If the invitation was not meant for you, you do not need to do anything.
organisations-invitation-already-admin = You are already an admin of { $org }. Accepting keeps the role you have and uses up this invitation.
organisations-invitation-already-member = You are already a member of { $org }. Accepting keeps the role you have and uses up this invitation.
organisations-invitation-answer = Your answer
organisations-invitation-accept = Accept the invitation
organisations-invitation-decline = Decline
organisations-invitation-gone-title = This invitation can no longer be used
organisations-invitation-gone-why = The link may have expired (invitations last 7 days), it may already have been used, or the organisation may have withdrawn it or sent a newer one.
organisations-invitation-gone-before-link = If you still want to join, ask the organisation's admins to invite you again, or find the organisation in the
organisations-invitation-gone-link = list of organisations
organisations-invitation-gone-after-link = and ask to join.

## Error messages: beside a field, or on a page that refuses.

organisations-error-name-length = give a name of { $min } to { $max } characters
organisations-error-kind-invalid = choose public, voluntary, private or community
organisations-error-description-length = keep the description to { $max } characters
organisations-error-website-invalid = give a web address starting with https:// or http://
organisations-error-areas-length = keep the areas served to { $max } characters
organisations-error-too-many-invitations = this organisation has sent { $n } invitations in the last 24 hours, the most it may; try again in { $wait }
organisations-error-role-invalid = choose admin or member
organisations-error-invitee-already-member = the person with this email address is already a member
organisations-error-invitation-for-another = this invitation was sent to another email address: only the person it was sent to can accept or decline it
organisations-error-no-such-person = there is no such person in this place
organisations-error-only-admins = only the organisation's admins can do this
organisations-error-accept-or-decline = choose accept or decline
organisations-error-name-taken = an organisation of this place already has this name
organisations-error-last-admin = an organisation needs at least one admin: make someone else an admin first
organisations-error-already-member = this person is already a member
organisations-error-message-length = keep the message to { $max } characters
organisations-error-you-already-member = you are already a member
organisations-error-already-requested = you have already asked to join; the organisation's admins will decide
