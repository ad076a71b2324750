# Notifications: the Follow button on a proposal's or board's page, a
# person's notification settings and what they follow, and the
# unsubscribe pages of email links.

notifications-reason-chosen = You chose to follow it
notifications-reason-author = You wrote it
notifications-reason-coauthor = You are a co-author
notifications-reason-supporter = You support it
notifications-reason-member = You are a member
notifications-reason-storyteller = You shared a story with a board working on it
notifications-delivery-immediately = As it happens: one email for each update
notifications-delivery-daily = A daily summary
notifications-delivery-weekly = A weekly summary, on Mondays
notifications-delivery-off = No emails about what I follow

# The Follow button.
notifications-follow-proposal = Follow this proposal
notifications-follow-board = Follow this board
notifications-following-proposal = You follow this proposal: we email you when its status changes or someone comments, as your
notifications-following-board = You follow this board: we email you when someone writes in its discussion, as your
notifications-settings-link = notification settings
notifications-following-after = say.
notifications-stop-following = Stop following
notifications-hear-proposal = Hear by email when its status changes or someone comments.
notifications-hear-board = Hear by email when someone writes in its discussion.
notifications-sign-in-proposal = Sign in to follow this proposal
notifications-sign-in-board = Sign in to follow this board
notifications-sign-in-proposal-after = and hear when its status changes or someone comments.
notifications-sign-in-board-after = and hear when someone writes in its discussion.

# The settings.
notifications-title = Notifications
notifications-intro = We email you about the proposals and boards you follow: when a proposal's status changes (with the reason given) or someone comments on it, and when someone writes in a board's discussion. You follow the proposals you write or support, the boards you are a member of, and any you choose to follow.
notifications-how-often = How often should we email you?
notifications-summaries-at = Summaries go out at { $time } UTC; weekly ones on Mondays.
notifications-summaries-operators = Summaries go out when this site's operators send them.
notifications-always = Emails about your account and from the moderators always come.
notifications-save = Save my choice
notifications-pending = { $n } { $n ->
    [one] update is
   *[other] updates are
} waiting for your next summary.
notifications-what-you-follow = What you follow
notifications-follow-none = You follow no proposals yet. Proposals you write or support, and boards you are a member of, are followed for you; you can also follow any proposal or board from its page.
notifications-browse-proposals = Browse proposals
notifications-follow-count = You follow { $n } { $n ->
    [one] proposal or board
   *[other] proposals and boards
}.
notifications-board-prefix = Board:
notifications-pages = Pages of what you follow
notifications-notice-saved = Your notification settings are saved.

# Unsubscribing.
notifications-unsubscribed = You are unsubscribed
notifications-stop-emails = Stop emails
notifications-unsub-done-title = We will not email you about “{ $title }” any more.
notifications-unsub-done-proposal = We will not email you about this proposal any more.
notifications-unsub-done-all = We will not send you emails about proposals any more.
notifications-account-emails-still = Emails about your account, such as password resets, still come.
notifications-stop-all-too = Stop all emails about proposals too
notifications-changed-mind = Changed your mind?
notifications-choose-how-often = Choose how often we email you
notifications-or = or
notifications-follow-again = follow the proposal again
notifications-asked-to-sign-in = (you will be asked to sign in).
notifications-you-get-title = You get emails about “{ $title }” because you follow it.
notifications-you-get-proposal = You get emails about a proposal because you follow it.
notifications-no-longer-title = You no longer follow “{ $title }”.
notifications-no-longer-proposal = You no longer follow this proposal.
notifications-stop-this = Stop emails about this proposal
notifications-stop-all = Stop all emails about proposals
notifications-go-to-proposal = Go to the proposal
notifications-already-none = You already get no emails about proposals.
notifications-you-get-followed = You get emails about the proposals you follow.
notifications-summary-instead = You can also choose a daily or weekly summary instead, on your

# Error messages.
notifications-error-delivery-invalid = choose immediately, daily, weekly or off
notifications-error-bad-choice = choose to stop emails about this proposal, or all of them
