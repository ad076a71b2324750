# Polls: a board's polls, a poll's page, casting a ballot (also for
# someone else), closing a poll.

polls-title = Polls
polls-title-of = Polls · { $board }
polls-intro = How the board decides. Citizens and organisation members vote; the rule of each poll says whether both groups must agree.
polls-open-new = Open a new poll
polls-count = { $n ->
    [one] { $n } poll.
   *[other] { $n } polls.
}
polls-none = No polls yet.
poll-open = Open
poll-closed = Closed
poll-secret-ballot-lower = secret ballot
poll-voted-of = { $voted } of { $eligible } voted
polls-pages = Pages of polls
polls-of-board = Polls of { $board }
poll-secret-ballot = Secret ballot
poll-how-vote = How people vote
poll-how-decided = How it is decided
poll-quorum = Quorum: at least { $citizens } { $citizens ->
    [one] citizen
   *[other] citizens
} and { $members } organisation { $members ->
    [one] member
   *[other] members
} must vote.
poll-closes = Closes
poll-closes-by-facilitator = When a facilitator closes it
poll-voted-so-far = Voted so far
poll-voted-groups = { $citizens } of { $eligible_citizens } citizens and { $members } of { $eligible_members } organisation members
poll-results-so-far = See the results so far
poll-results = See the results
poll-your-ballot = Your ballot
poll-you-voted = You have voted.
poll-you-voted-assisted = You have voted (a facilitator cast your ballot for you).
poll-change-until-close = You can change your ballot until the poll closes.
poll-change-until-close-receipt = You can change your ballot until the poll closes, with your receipt.
poll-change-ballot = Change my ballot
poll-cast-ballot = Cast my ballot
poll-sign-in = Sign in
poll-sign-in-to-vote = to vote, if you are a member of the board.
poll-you-voted-in = You voted in this poll.
poll-has-closed = The poll has closed.
poll-members-only = Only the board's members when the poll opened can vote in it.
poll-facilitators = For facilitators
poll-cast-for-someone-link = Cast a ballot for someone who took part in a workshop in person
poll-close-now-link = Close the poll now
poll-list-closed = Closed { $when }
poll-list-open-until = Open until { $when }
poll-list-open-until-closed = Open until a facilitator closes it
method-approval = Yes or no
method-consent = Consent
method-dot = Dot voting
method-score = Scores
method-ranked = Ranked choice
method-budget = Budget
method-quadratic = Quadratic voting
method-other = Poll
method-words-approval = Answer yes or no, or abstain.
method-words-consent = Agree, abstain, disagree, or block if you cannot live with it.
method-words-dot = You have { $dots } dots to spread over the options as you like; put more on the ones that matter most to you.
method-words-score = Give each option a score from 0 (poor) to 5 (excellent). Options you leave blank count as 0.
method-words-ranked = Rank as many options as you like, best first. If your first choice is knocked out, your vote moves to your next.
method-words-budget = Choose the options you would fund, costing no more than { $cap } together.
method-words-quadratic = You have { $credits } voice credits. Casting n votes on one option costs n × n credits (1 vote costs 1, 2 cost 4, 3 cost 9); a negative number votes against it.
rule-bar-at-least = at least { $percent }%
rule-bar-more-than-half = more than half
rule-words-majority = Majority: more than half of the support, everyone counted together.
rule-words-supermajority = Supermajority: { $bar } of the support, everyone counted together.
rule-words-no-blocks = No blocks: passes when someone agrees and nobody blocks.
rule-words-parity = Parity: citizens and organisation members are counted apart, and each group must give { $bar } of its support.
choice-yes = Yes
choice-no = No
choice-abstain = Abstain
choice-agree = Agree
choice-disagree = Disagree
choice-block = Block: I cannot live with this
cast-title = Ballot cast · { $question }
cast-changed = Ballot changed
cast-cast = Ballot cast
cast-for-changed = The ballot for { $name } in “{ $question }” is changed; the audit log records that you cast it for them.
cast-for-cast = The ballot for { $name } in “{ $question }” is cast; the audit log records that you cast it for them.
cast-yours-changed = Your ballot in “{ $question }” is changed.
cast-yours-cast = Your ballot in “{ $question }” is cast.
cast-their-receipt = Their receipt
cast-your-receipt = Your receipt
cast-receipt-them = This is a secret ballot: nothing we keep links it to them. To change it while the poll is open, this receipt is needed. We do not keep it and cannot show it again, so write it down or copy it now. Without it, the ballot is final.
cast-receipt-you = This is a secret ballot: nothing we keep links it to you. To change it while the poll is open, this receipt is needed. We do not keep it and cannot show it again, so write it down or copy it now. Without it, the ballot is final.
cast-back = Back to the poll
close-title = Close the poll · { $question }
close-heading = Close the poll now?
close-voted = { $citizens } of { $eligible_citizens } citizens and { $members } of { $eligible_members } organisation members have voted. Once closed, nobody can vote or change their ballot, and the result is recorded in the audit log. This cannot be undone.
close-button = Close the poll and count the ballots
close-keep-open = Keep it open
assisted-title = Cast a ballot for someone
assisted-intro = For members who took part in one of the board's workshops in person and asked you to record their vote. The audit log records that you cast it for them.
assisted-secret = This poll is secret: you will see their choice as you enter it, but nothing we keep links it to them.
assisted-none = No voter of this poll has taken part in a workshop in person yet.
assisted-whose = Whose ballot
assisted-choose = Choose a person
assisted-has-voted = (has voted)
assisted-button = Cast the ballot for them
ballot-answer = Your answer
ballot-ranking = Your ranking
ballot-ranking-hint = Choose your first choice, then your second, and so on. Leave the rest blank if you have no view on them. Choose each option once.
ballot-choice-n = Choice { $n }
ballot-no-choice = No choice
ballot-scores = Your scores
ballot-fund = What you would fund
ballot-dots = Your dots
ballot-votes = Your votes
ballot-costs = (costs { $cost })
ballot-score-range = (0 to 5)
ballot-dots-unit = (dots)
ballot-votes-unit = (votes; negative against)
ballot-receipt = Your receipt
ballot-receipt-hint = This poll is secret, so we cannot tell which ballot is yours. To change your vote, give the receipt you were shown when you first voted.
