# Emails: the parts every email shares, the account emails (links to
# confirm an address, reset a password, sign in), notifications and
# digests, relayed messages about assets.

email-hello = Hello { $name },
email-button-fallback = If the button does not work, copy this address into your browser:

email-verify-subject = Confirm your email address
email-verify-intro = Thank you for joining. Please confirm this is your email address, so you can take part.
email-verify-action = Confirm my email address
email-verify-expiry = This link works once and for 48 hours.
email-verify-not-you = If you did not create an account, you can ignore this email; nothing will happen.

email-reset-subject = Choose a new password
email-reset-intro = Someone (we hope you) asked to reset the password of your account.
email-reset-action = Choose a new password
email-reset-expiry = This link works once and for one hour. Choosing a new password signs you out everywhere.
email-reset-not-you = If you did not ask for this, you can ignore this email; your password has not changed.

email-sign-in-subject = Your sign-in link
email-sign-in-intro = Here is the link you asked for to sign in without a password.
email-sign-in-action = Sign me in
email-sign-in-expiry = This link works once and for 10 minutes.
email-sign-in-not-you = If you did not ask for this, you can ignore this email; nobody can sign in without the link.

email-change-subject = Confirm your new email address
email-change-intro = You asked to use this address for your account. Please confirm it.
email-change-action = Use this address
email-change-expiry = This link works once and for 48 hours.
email-change-not-you = If you did not ask for this, you can ignore this email; nothing will change.

email-set-password-subject = You have been invited
email-set-password-intro = An account has been made for you. Choose a password to start using it.
email-set-password-action = Choose my password
email-set-password-expiry = This link works once and for 7 days.
email-set-password-not-you = If you were not expecting this, you can ignore this email.

email-change-requested-subject = a change to your email address was requested
email-change-requested-body = Someone asked to change the email address of your account to { $email }. If it was you, follow the link we sent to that address. If it was not you, sign in and change your password: your account is still using this address.

# Notifications, one at a time.
email-because = You get this email because { $reason }.
email-reason-follow-proposal = you follow this proposal
email-reason-follow-board = you follow this board
email-reason-author-proposal = you wrote this proposal
email-reason-author-board = you wrote this board
email-reason-coauthor-proposal = you are a co-author of this proposal
email-reason-coauthor-board = you are a co-author of this board
email-reason-supporter-proposal = you support this proposal
email-reason-supporter-board = you support this board
email-reason-member-proposal = you are a member of this proposal
email-reason-member-board = you are a member of this board
email-reason-storyteller-proposal = you shared your story with a board working on this proposal
email-reason-storyteller-board = you shared your story with a board working on this board
email-reason-concerns-proposal = this proposal concerns you
email-reason-concerns-board = this board concerns you
email-stop-proposal = Stop emails about this proposal
email-stop-board = Stop emails about this board
email-settings = Choose how often we email you
email-settings-options = (as it happens, a daily or weekly summary, or never)

email-status-subject = “{ $title }” is now “{ $status }”
email-status-headline = “{ $title }” has moved from “{ $from }” to “{ $to }”.
email-status-detail = The reason given
email-status-action = See the proposal and its timeline
email-comment-board-subject = New in the discussion of “{ $title }”
email-comment-board-headline = { $name } wrote in the discussion of the board “{ $title }”.
email-comment-proposal-subject = A new comment on “{ $title }”
email-comment-proposal-headline = { $name } commented on “{ $title }”.
email-comment-detail = They wrote
email-comment-action = Read the comment and reply
email-evaluation-subject = Did “{ $title }” make a difference?
email-evaluation-headline = “{ $title }” has been delivered. Did it make the difference it set out to make? Your rating (1 to 5) and a few words tell everyone whether it worked.
email-evaluation-asked-because = You are asked because { $because }.
email-evaluation-because-supporter = you supported it
email-evaluation-because-resident = you live in the area it was for
email-evaluation-detail = What it set out to do
email-evaluation-action = Say whether it worked

# Digests: every update since the last one, in one email.
email-digest-title = Your summary from { $place }
email-digest-intro = { $count ->
    [one] Here is the update
   *[other] Here are the { $count } updates
} on what you follow { $period }.
email-digest-period-week = this week
email-digest-period-since = since your last summary
email-digest-subject = { $count ->
    [one] { $count } update
   *[other] { $count } updates
} on { $about }
email-digest-about-one = “{ $title }”
email-digest-about-proposals = { $n } proposals you follow
email-digest-about-boards = { $n } boards you follow
email-digest-about-both = { $n } proposals and boards you follow
email-digest-stop-about = Stop emails about “{ $title }”
email-digest-why = You get this summary because you chose to hear about what you follow in one email.
email-digest-stop-all = Stop all these emails

# Short notices from other rooms.
email-their-reason = Their reason: { $reason }
email-their-note = Their note: { $note }
email-their-message = Their message: { $message }
email-hidden-subject-proposal = the moderators hid your proposal
email-hidden-subject-comment = the moderators hid your comment
email-hidden-body-proposal = The moderators hid your proposal "{ $title }". Others no longer see it; you still can, and you can edit it.
email-hidden-body-comment = The moderators hid your comment "{ $title }". Others no longer see it; you still can, and you can edit it.
email-moderation-review = You can ask them once to review this decision on the page { $path } when you are signed in.
email-restored-subject-proposal = your proposal is shown again
email-restored-subject-comment = your comment is shown again
email-restored-body-proposal = The moderators restored your proposal "{ $title }": everyone can see it again.
email-restored-body-comment = The moderators restored your comment "{ $title }": everyone can see it again.
email-coauthor-subject = an invitation to write a proposal together
email-coauthor-body = { $name } invited you to write the proposal "{ $title }" with them. Accept or decline on the page "Your proposals" (/proposals/mine) when you are signed in.
email-residency-approved-subject = you are a verified resident
email-residency-approved-body = The admins of { $place } confirmed that you live here. You can now take part as a verified resident.
email-residency-added = They added: { $note }
email-residency-declined-subject = your request to be a verified resident
email-residency-declined-body = The admins of { $place } could not confirm that you live here this time.
email-residency-declined-next = You can ask again, or use another way to show you live here, on your residency page.
email-join-accepted-subject = you have joined { $org }
email-join-accepted-body = The admins of { $org } accepted your request to join. You are now a member.
email-join-declined-subject = your request to join { $org }
email-join-declined-body = The admins of { $org } declined your request to join this time.
email-board-added-subject = you were added to a co-design board
email-board-added-org-subject = your organisation was added to a co-design board
email-board-added-you = { $actor } added you to the co-design board "{ $title }". You can see it at { $path }, and leave it from there at any time.
email-board-added-you-facilitator = { $actor } added you to the co-design board "{ $title }" as a facilitator. You can see it at { $path }, and leave it from there at any time.
email-board-added-org = { $actor } added { $org } to the co-design board "{ $title }". You can see it at { $path }, and leave it from there at any time.
email-board-invitation-subject = an invitation to a co-design board
email-board-invited-you = { $actor } invited you to join the co-design board "{ $title }" (the service: { $service }). Accept or decline on the page "Your boards" (/boards/mine) when you are signed in.
email-board-invited-you-facilitator = { $actor } invited you to join the co-design board "{ $title }" (the service: { $service }) as a facilitator. Accept or decline on the page "Your boards" (/boards/mine) when you are signed in.
email-board-invited-org = { $actor } invited { $org } to join the co-design board "{ $title }" (the service: { $service }). As one of its admins you can accept or decline on the page "Your boards" (/boards/mine) when you are signed in; once it joins, the organisation's people act for it on the board.
email-board-join-subject = a request to join your board
email-board-join-asked = { $actor } asked to join the co-design board "{ $title }". As a facilitator you can accept or decline on the board's page of invitations and requests ({ $path }).
email-board-join-asked-for-org = { $actor } asked to join the co-design board "{ $title }" for { $org }. As a facilitator you can accept or decline on the board's page of invitations and requests ({ $path }).
email-board-joined-subject = you joined a co-design board
email-board-join-accepted = Your request to join the co-design board "{ $title }" was accepted. You can take part at { $path }.
email-board-join-declined-subject = your request to join a board
email-board-join-declined = Your request to join the co-design board "{ $title }" was declined by its facilitators.

# A message to an asset's owner, relayed.
email-asset-subject = a message about { $asset }
email-asset-about-offered = "{ $asset }", offered by { $org }
email-asset-about-yours = your asset "{ $asset }"
email-asset-wrote = { $sender } wrote to you through { $place } about { $about }:
email-asset-can-reply = { $sender } shared their email address with you: reply to this email to answer them.
email-asset-cannot-reply = { $sender } did not share their email address, so a reply to this email will not reach them.
email-asset-address-hidden = Your own email address has not been shown to them.
email-asset-link = The asset
email-asset-see = See the asset
email-asset-stop = If you no longer want messages about it, edit it there and untick "People may send messages about it".

# An invitation to join an organisation.
email-invitation-subject = you are invited to join { $org }
email-invitation-hello = Hello,
email-invitation-an-admin = One of the admins of { $org }
email-invitation-as-admin = an admin
email-invitation-as-member = a member
email-invitation-meaning-admin = you will act for the organisation on this site, edit its profile and manage its members
email-invitation-meaning-member = you will act for the organisation on this site, for example on boards where it takes part
email-invitation-invited = { $inviter } has invited you to join { $org } as { $role }, on the { $place } site where residents, the council and local organisations shape public services together.
email-invitation-if-you-accept = If you accept, { $meaning }. You will need an account on the { $place } site with this email address; if you do not have one yet, you can create it when you follow the link.
email-invitation-open-link = To accept or decline, open this link:
email-invitation-see = See the invitation
email-invitation-expiry = The link works once and for { $days } days.
email-invitation-not-expected = If you do not know { $org } or were not expecting this, you can ignore this email: nothing will happen, and nobody will join in your name.

# Stories: consent requests, answers, withdrawals and renewals. None
# carries a story's title or text, only its short reference.
email-story-withdrawn-subject = consent withdrawn for story { $reference }
email-story-withdrawn = A resident has withdrawn their consent for their story to be used (reference { $reference }). { $org } used it under that consent:
email-story-erased = A resident has erased their story (reference { $reference }). { $org } used it under that consent:
email-story-withdrawn-delete = Please delete every copy { $org } made of it or of parts of it (notes, documents, slides, reports not yet published), and do not use it again. The platform no longer shows it to you.
email-story-withdrawn-printed = Copies already printed or broadcast cannot be recalled, and the resident has been told so; but nothing new may be made from them.
email-story-withdrawn-admin = You received this as an admin of the organisation. Please tell anyone in it who used the story.
email-story-use-line = { $when }: { $who } { $action } ({ $purpose })
email-story-used-it = used it
email-story-request-subject = a request to use your story
email-story-request-intro = { $who } asks to use your story (reference { $reference }) for:
email-story-request-line = { $title }: { $meaning } (read by { $audience }, { $attribution }, for { $months ->
    [one] { $months } month
   *[other] { $months } months
})
email-story-audience-board = the members of a co-design board
email-story-audience-organisation = the members of one organisation
email-story-audience-tenant = everyone with an account in this place
email-story-audience-public = anyone, in public
email-story-request-message = Their message: { $message }
email-story-request-you-decide = You decide: you can agree to all of it, to part of it, or say no. Saying no changes nothing about the services you receive.
email-story-request-link = Answer the request
email-story-assisted-subject = confirm the story you told with help
email-story-assisted-helped = { $staff } of { $org } helped you make an account and tell your story. Nothing is shared until you confirm.
email-story-assisted-code = Your confirmation code: { $code }
email-story-assisted-none = You chose not to share your story for now.
email-story-assisted-chosen = You chose to let your story be used for:
email-story-assisted-not-agreed = If this is not what you agreed, do not confirm: sign in (set a password with the link in our other email) and change or erase anything, or say no.
email-story-no-changes-nothing = Saying no changes nothing about the services you receive.
email-story-assisted-link = Confirm or change it
email-story-answer-subject = an answer to your request to use a story
email-story-answer-declined = The author of story { $reference } has decided not to share it for what you asked. Please respect their decision.
email-story-answer-given = The author of story { $reference } agreed to share it for:
email-story-given-line = { $title }, { $attribution }, until { $until }
email-story-answer-withdraw = They can withdraw their consent at any time; the story then stops being available to you at once, and you will be told.
email-story-answer-link = The story
email-story-expiring-subject = some of your consents end soon
email-story-expiring-intro = These consents to use your stories end within 30 days:
email-story-expiring-line = { $title } (story { $reference }): ends { $until }
email-story-expiring-renew = If you do nothing, they simply end and your stories stop being shared for those purposes. If you want them to go on, you can renew them: a renewal is a new consent, for up to 24 months.
email-story-expiring-link = See your consents
