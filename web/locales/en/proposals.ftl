# Proposals: the list, a proposal's page, writing and editing one,
# supporting it, co-authors, its history.

proposals-title = Proposals
proposals-intro = Ideas from the people of { $place } for changing their services, from the first draft to a delivered and evaluated change.
proposals-write = Write a proposal
proposals-yours = Your proposals
proposals-filter = Filter proposals
proposals-words = Words
proposals-stage = Stage
proposals-any-stage = Any stage
proposals-area = Area
proposals-any-area = Any area
proposals-tag = Tag
proposals-order = Order
proposals-show = Show proposals
proposals-count = { $n ->
    [one] { $n } proposal.
   *[other] { $n } proposals.
}
proposals-none = No proposal matches.
proposals-supports = { $n ->
    [one] { $n } support
   *[other] { $n } supports
}
proposals-tags = tags: { $tags }
pager = Pages
pager-previous = Previous page
pager-next = Next page
pager-position = Page { $page } of { $pages }
status-draft = Draft
status-published = Published, gathering support
status-in-codesign = In co-design
status-accepted = Accepted
status-not-taken-forward = Not taken forward
status-in-delivery = Being delivered
status-delivered = Delivered
status-evaluated = Evaluated
sort-newest = Newest
sort-most-supported = Most supported
sort-recently-active = Recently active
proposal-written-by = Written by
proposal-and = { " and " }
proposal-area = Area
proposal-tags = Tags
proposal-invited-title = You are invited to write this proposal
proposal-invited-edit = As a co-author you can edit it.
proposal-invited-edit-publish = As a co-author you can edit it and publish it.
proposal-accept = Accept the invitation
proposal-decline = Decline the invitation
proposal-outcome = Intended outcome for residents
proposal-the-proposal = The proposal
proposal-edit = Edit the proposal
proposal-supports-title = Supports
proposal-support-progress = { $supports } of the { $needed } supports needed before this proposal can move into co-design.
proposal-support-progress-short = { $supports } of { $needed }
proposal-supporters = { $n ->
    [one] { $n } person supports this proposal.
   *[other] { $n } people support this proposal.
}
proposal-you-support = You support this proposal.
proposal-withdraw-support = Withdraw my support
proposal-support = Support this proposal
proposal-sign-in-to-support = Sign in to support this proposal
proposal-move-title = Move this proposal on
proposal-move-waiting = It can move into co-design once it has { $needed } supports.
proposal-move-response = Public response (required) for “{ $status }”
proposal-move-reason = Public reason (optional) for “{ $status }”
proposal-publish = Publish the proposal
proposal-move-to = Move to “{ $status }”
proposal-coauthors = Co-authors
proposal-no-coauthors = Nobody has been invited to write this proposal with you.
proposal-coauthor-pending = invited, no answer yet
proposal-coauthor-accepted = co-author
proposal-coauthor-declined = declined
proposal-remove = Remove
proposal-invite-label = Invite someone to write it with you
proposal-invite-hint = The email address of their account in { $place }. They can accept or decline.
proposal-invite-send = Send the invitation
proposal-timeline = Timeline
proposal-event-created = started this proposal as a draft.
proposal-event-edited = edited the proposal
proposal-event-earlier-versions = see the earlier versions
proposal-event-moved = moved it from “{ $from }” to “{ $to }”.
proposal-history-link = The history of this proposal's text
notice-proposal-published = Your proposal is published. Others can now read and support it.
notice-proposal-drafted = Your draft is saved. Only you and your co-authors can see it.
notice-proposal-saved = The proposal has been saved.
notice-proposal-moved = The proposal has moved on; the timeline shows it.
notice-proposal-supported = Thank you: your support is counted.
notice-proposal-withdrawn = Your support has been withdrawn.
notice-proposal-invited = The invitation has been sent.
notice-proposal-removed = The co-author has been removed.
notice-proposal-accepted = You are now a co-author of this proposal.
notice-proposal-assets = The assets it builds on have been saved.
notice-proposal-declined = You declined the invitation.
notice-proposal-left = You are no longer a co-author of that proposal.
proposal-form-new = Write a proposal
proposal-form-edit = Edit the proposal
proposal-form-title = Title
proposal-form-title-hint = A short name for your idea, 3 to 150 characters.
proposal-form-outcome-hint = What will be different for the people this is for? Say it in their terms, not the service's.
proposal-form-body = Your proposal
proposal-form-body-hint = What you propose and why. You can use Markdown: *emphasis*, lists with -, [links](https://example.org).
proposal-form-no-area = No particular area
proposal-form-tags-hint = Up to 5 single words, separated by commas, for example: housing, young-people.
proposal-form-publish-hint = Publishing lets everyone read and support it. A draft is seen only by you and the co-authors you invite.
proposal-form-save-draft = Save as a draft
proposal-form-edit-hint = Once a proposal is published, each edit keeps the earlier version in its public history.
proposal-form-save = Save the proposal
proposal-form-assets = Linked assets
mine-invitations = Invitations to write with others
mine-no-invitations = No invitations are waiting for you.
mine-invited-on = (invited { $date })
mine-accept = Accept
mine-decline = Decline
mine-invitation-to = the invitation to write “{ $title }”
mine-written = Proposals you write
mine-none = You have not written a proposal yet.
mine-caption = Your proposals, drafts included
mine-proposal = Proposal
history-title = History of { $title }
history-heading = History of “{ $title }”
history-now = The proposal as it is now
history-none = This proposal has not been edited since it was published.
history-intro = Each earlier version, newest first, with who replaced it and when.
history-version = Version replaced on { $date } at { $time } by { $who }
history-body = Proposal (as written, in Markdown)

## Error messages: beside a field, or on a page that refuses.

proposals-error-title-length = give a title of { $min } to { $max } characters
proposals-error-body-required = describe your proposal
proposals-error-body-length = keep the proposal to { $max } characters
proposals-error-outcome-required = say what will be different for the people this is for
proposals-error-outcome-length = keep the intended outcome to { $max } characters
proposals-error-area-unknown = choose an area of this place
proposals-error-tag-invalid = each tag is one word of letters, digits or hyphens, at most { $max } characters
proposals-error-too-many-tags = give at most { $max } tags
proposals-error-reason-length = keep the reason to { $max } characters
proposals-error-cursor-invalid = use the next_cursor of a previous page with the same sort
proposals-error-assets-unknown = { $n ->
    [one] { $ids } is not on this place's asset map
   *[other] { $ids } are not on this place's asset map
}
proposals-error-too-many-assets = link at most { $max } assets
proposals-error-only-authors-assets = only the proposal's authors can choose the assets it builds on
proposals-error-decided = a decision has been made on this proposal, so what it says can no longer change
proposals-error-decided-authors = a decision has been made on this proposal, so its authors can no longer change
proposals-error-only-authors-see = only the proposal's authors can see this
proposals-error-only-authors-change = only the proposal's authors can change it
proposals-error-only-authors-do = only the proposal's authors can do this
proposals-error-only-author-invites = only the proposal's author can invite co-authors
proposals-error-only-author-removes = only the proposal's author can remove co-authors
proposals-error-only-admins-facilitators = only the place's admins and the facilitators of a board working on it can do this
proposals-error-no-such-person = there is no such person in this place
proposals-error-invite-email-required = give the email address of the person to invite
proposals-error-accept-or-decline = choose accept or decline
proposals-error-hidden = This proposal is hidden while moderators review it.
proposals-error-status-invalid = choose one of draft, published, in_codesign, accepted, not_taken_forward, in_delivery, delivered, evaluated
proposals-error-status-filter-invalid = choose published, in_codesign, accepted, not_taken_forward, in_delivery, delivered or evaluated
proposals-error-drafts-private = drafts are private: your own are at /api/v1/me/proposals
proposals-error-invalid-transition = a proposal that is { $from } cannot move to { $to }
proposals-error-response-required = write the public response explaining this decision
proposals-error-below-threshold = this proposal has { $supports } of the { $needed } supports it needs first
proposals-error-not-open-for-support = supports are given while a proposal is published or in co-design
proposals-error-query-length = search with at most { $max } characters
proposals-error-sort-invalid = choose newest, most_supported or recently_active
proposals-error-no-confirmed-account = no one in this place has a confirmed account by that
proposals-error-yourself = you are already the author
proposals-error-already-invited = this person is already invited or already a co-author
