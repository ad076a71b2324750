# Moderation: the notice on a moderated item's page, flagging an item,
# the moderators' queue, and an item's moderation page with its history.

moderation-noun-proposal = proposal
moderation-noun-comment = comment
moderation-reason-spam = Spam or advertising
moderation-reason-abuse = Abusive, threatening or hateful
moderation-reason-personal = Shares someone's personal information
moderation-reason-off-topic = Off-topic
moderation-reason-other = Something else
moderation-reason-unknown = Other

# The notice on an item's own page.
moderation-banner-hid = The moderators hid this { $noun }.
moderation-banner-others-author = Others see that it is hidden while moderators review it; you still see it and can edit it.
moderation-banner-others = Others see that it is hidden while moderators review it; you still see it.
moderation-banner-reason = Their reason: { $reason }
moderation-banner-history = The moderation history, and asking for a review
moderation-banner-page = Its moderation page
moderation-moderate-this = Moderate this { $noun }
moderation-flag-it = Flag it
moderation-flag-for-moderators = Flag this { $noun } for the moderators

# Flagging.
moderation-flag-title = Flag this { $noun }
moderation-flag-thanks = Thank you. The moderators will look at it; you can flag it again only once they have.
moderation-back-to = Back to the { $noun }
moderation-flag-intro = Tell the moderators of { $place } why they should look at it. They will not tell its author who flagged it.
moderation-flag-what = What is wrong with it?
moderation-flag-note = Tell the moderators more
moderation-flag-note-hint = Required if you chose “Something else”; up to 1000 characters.
moderation-flag-send = Send the flag
moderation-cancel = Cancel and go back

# The queue.
moderation-queue-title = Moderation queue
moderation-queue-lead = Proposals and comments people flagged, and hidden ones whose authors asked for a review, waiting longest first.
moderation-queue-empty = Nothing is waiting.
moderation-queue-caption = Items waiting for the moderators, oldest first
moderation-col-item = Item
moderation-col-flags = Flags
moderation-col-waiting = Waiting since
moderation-hidden-suffix = , hidden
moderation-review-requested = Review requested
moderation-none = None
moderation-queue-pages = Pages of the queue

# An item's moderation page.
moderation-item-title = Moderation of a { $noun }
moderation-hidden-by = Hidden by the moderators
moderation-since = since { $when }
moderation-reason-is = Reason: { $reason }
moderation-you-asked = You asked for a review of this decision.
moderation-author-asked = The author asked for a review of this decision.
moderation-shown = Shown to everyone.
moderation-waiting = Waiting in the moderators' queue.
moderation-what-it-says = What it says
moderation-open-flags = Open flags
moderation-open-flags-caption = Open flags, oldest first
moderation-col-reason = Reason
moderation-col-note = Note
moderation-col-when = When
moderation-act = Act on it
moderation-hide-reason = Reason for hiding it (required; its author reads this)
moderation-hide = Hide the { $noun }
moderation-restore-note = Note for the author (optional)
moderation-restore = Show it again
moderation-dismiss-note = Note for the record (optional)
moderation-keep-hidden = Keep it hidden and close the review
moderation-dismiss = Dismiss the flags
moderation-ask-review = Ask for a review
moderation-ask-review-text = If you have changed it, or think the moderators got it wrong, you can ask them once to look again.
moderation-ask-review-note = What you changed, or why it should be shown (optional)
moderation-history = History
moderation-history-none = The moderators have not acted on it yet.
moderation-history-caption = What happened, oldest first
moderation-col-what = What
moderation-col-by = By
moderation-col-reason-note = Reason or note
moderation-by-author = The author
moderation-by-moderator = A moderator
moderation-action-hidden = Hidden
moderation-action-restored = Shown again
moderation-action-dismissed = Flags dismissed
moderation-action-review-requested = Review asked for
moderation-action-changed = Changed
moderation-back-to-queue = Back to the queue
moderation-notice-hidden = Hidden. Its author has been told why by email.
moderation-notice-restored = Shown again. Its author has been told.
moderation-notice-dismissed = Dismissed: it has left the queue.
moderation-notice-review-requested = You asked for a review. The moderators will look at it again.

# Problems with what was sent, beside the field or on the page.

moderation-error-reason-invalid = choose spam, abuse, personal_information, off_topic or other
moderation-error-note-required = say what is wrong with it
moderation-error-note-length = keep the note to { $max } characters
moderation-error-reason-required = write the reason the author will read
moderation-error-reason-length = keep the reason to { $max } characters
moderation-error-already-hidden = the moderators have already hidden this
moderation-error-already-flagged = you have already flagged this; the moderators will look at it
moderation-error-moderators-and-author = only the moderators and its author can see this
moderation-error-not-hidden = this is not hidden
moderation-error-nothing-to-dismiss = nothing about this is waiting for the moderators
moderation-error-author-only = only its author can ask for a review
moderation-error-review-already-requested = you have already asked for a review of this decision
