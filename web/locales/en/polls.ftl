# Polls: a board's polls, opening a poll, a poll's page, casting a ballot
# (also for someone else), closing a poll, its results and their chart.

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

# Opening a poll.
polls-new-title = Open a poll · { $board }
polls-new-heading = Open a poll
polls-new-intro = The board's members at this moment will be its voters, each counted as a citizen or as an organisation member.
polls-new-question = Question
polls-new-question-hint = What the board decides, 3 to 300 characters.
polls-new-details = Details (optional)
polls-new-method-approval = Yes or no (approval): a motion, no options
polls-new-method-consent = Consent (agree, abstain, disagree, block): a motion, no options
polls-new-method-ranked = Ranked choice (instant runoff)
polls-new-method-score = Scores from 0 to 5 for each option
polls-new-method-dot = Dot voting: each voter spreads a number of dots
polls-new-method-budget = Budget: options with costs, chosen within a budget
polls-new-method-quadratic = Quadratic voting: voice credits, n votes cost n × n
polls-new-rule-majority = Majority: more than half, everyone together
polls-new-rule-supermajority = Supermajority: at least a threshold, everyone together
polls-new-rule-parity = Parity: citizens and organisation members must each agree
polls-new-rule-no-blocks = No blocks (consent polls): nobody blocks
polls-new-limit = The method's limit
polls-new-limit-hint = Only the one for the method you chose is used.
polls-new-dots = Dots each voter has (dot voting)
polls-new-cap = The budget (budget polls)
polls-new-credits = Voice credits each voter has (quadratic voting)
polls-new-options = Options
polls-new-options-hint = Not needed for yes-or-no and consent polls, which vote on the question itself. Give 2 or more; leave spare rows blank. Costs are for budget polls only.
polls-new-option = Option { $n }
polls-new-option-cost = Cost of option { $n }
polls-new-more-rows = Add more option rows
polls-new-threshold = Threshold (supermajority; optional for parity)
polls-new-threshold-hint = More than half and at most all: 0.6667, 66.67% or 2/3. Blank for parity means more than half.
polls-new-quorum = Quorum (optional)
polls-new-quorum-hint = The fewest ballots each group must cast for the poll to decide anything. Blank means none.
polls-new-citizens = Citizens
polls-new-members = Organisation members
polls-new-closes-at = Closes at (optional, UTC)
polls-new-closes-at-hint = It closes by itself then; facilitators can also close it early. Blank: open until a facilitator closes it.
polls-new-secret-hint = Nobody, not even the facilitators or the council, can see how anyone voted. Voters get a receipt to change their vote while it is open.
polls-new-live-results = Show results while it is open
polls-new-live-results-hint = Otherwise results appear when it closes. Not for secret ballots.
polls-new-button = Open the poll

# A poll's results.
polls-results-title = Results · { $question }
polls-results-heading = Results: { $question }
polls-results-so-far = The poll is still open: these are the results so far.
polls-results-closed = Closed { $when }.
polls-results-outcome = Outcome: { $outcome }
polls-results-passed = Passed
polls-results-failed = Did not pass
polls-results-no-quorum = No quorum
polls-results-no-agreement = No agreement
polls-results-counted = Counted
polls-results-chosen = Chosen:
polls-results-funded = Funded: { $list }
polls-results-verdicts = Each group's verdict
polls-results-parity = Under parity each group decides for itself; only what both decide is decided.
polls-results-clears = clears the bar
polls-results-not-clears = does not clear the bar
polls-results-first-choice = , first choice { $choice }
polls-results-support-is = , support { $support }
polls-results-would-fund = , would fund { $list }
polls-results-ballots = { $n } { $n ->
    [one] ballot
   *[other] ballots
}, { $abstaining } abstaining
polls-results-first-choice-semi = ; first choice { $choice }
polls-results-support-semi = ; support { $support }
polls-results-spends = ; spends { $spent }
polls-results-support-of = { $count } of { $of } ({ $percent }%)
polls-results-support = Support
polls-results-turnout = Turnout
polls-results-turnout-caption = Ballots cast and eligible voters in each group
polls-results-group = Group
polls-results-voted = Voted
polls-results-could-vote = Could vote
polls-results-quorum = Quorum
polls-results-quorum-none = none
polls-results-quorum-met = { $quorum } (met)
polls-results-quorum-not-met = { $quorum } (not met)
polls-results-count = The count
polls-results-count-caption = { $title }: every group's numbers
polls-results-answer = Answer
polls-results-option = Option
polls-results-costs = { $label } (costs { $cost })
polls-results-rounds = Rounds of the count: { $group }
polls-results-rounds-caption = Votes for each option in each round, { $group }
polls-results-round = Round
polls-results-exhausted = Ballots with no choice left
polls-results-goes-out = Goes out
polls-results-out = out
polls-results-tie-earlier = tie broken by earlier rounds
polls-results-tie-order = tie broken by the poll's order
polls-results-digest = Checking the count
polls-results-digest-before = The SHA-256 digest of the sorted ballots, recorded in the place's audit log when the poll closed. Anyone with the ballots can recompute it;
polls-results-digest-command = coproduce poll recount { $id }
polls-results-digest-after = recounts them and checks it.
polls-group-all = All ballots
polls-group-citizens = Citizens
polls-group-members = Organisation members
polls-cell-first-preferences = { $n } { $n ->
    [one] first preference
   *[other] first preferences
}
polls-cell-chosen-on = chosen on { $n } { $n ->
    [one] ballot
   *[other] ballots
}
polls-cell-dots = { $n } { $n ->
    [one] dot
   *[other] dots
} from { $voters } { $voters ->
    [one] voter
   *[other] voters
}
polls-cell-points = { $n } { $n ->
    [one] point
   *[other] points
} in all, { $average } on average
polls-cell-of-5 = { $average } of 5
polls-cell-net = { $n } { $n ->
    [one] vote
   *[other] votes
} net: { $voters } { $voters ->
    [one] voter
   *[other] voters
} for, { $against } against
polls-cell-backing = { $total } ({ $backers } backing)
polls-cell-funded = , funded

# The results chart.
polls-chart-title-motion = Answers: votes for each answer
polls-chart-title-options = Options by { $unit }
polls-chart-title-parity = { $title }, citizens and organisation members apart
polls-unit-votes = votes
polls-unit-dots = dots
polls-unit-points = points
polls-unit-first-preferences = first preferences
polls-unit-times-chosen = times chosen
polls-unit-net-votes = net votes
polls-chart-nothing = Nothing to show yet.
polls-chart-item = { $label } { $value } { $unit }
polls-chart-series = { $series }: { $items }.
polls-chart-table-below = The table below has the same numbers.

## Problems with what was sent, beside the field or on the page

poll-error-open-facilitators = only the board's facilitators can open polls
poll-error-whole-number = give a whole number
poll-error-threshold = give the threshold as a decimal (0.6667), a percentage (66.67%) or a fraction (2/3)
poll-error-closes-at-format = give the closing date and time, such as 2026-12-01T18:00
poll-error-closed = this poll has closed, so ballots can no longer be cast or changed
poll-error-close-facilitators = only the board's facilitators can close a poll early
poll-error-question-required = write the question people vote on
poll-error-question-length = keep the question between 3 and { $max } characters
poll-error-details-length = keep the details to { $max } characters
poll-error-option-label = give each option a name of 1 to { $max } characters
poll-error-option-duplicate = two options have this name; make each one different
poll-error-closes-in-past = choose a closing time in the future
poll-error-closes-too-far = choose a closing time within a year
poll-error-secret-live = a secret poll shows its results only once it closes: live counts would show how each new voter voted
poll-error-facilitators-only = only the board's facilitators can do this
poll-error-receipt-invalid = the receipt is the text you were given when you first voted
poll-error-voter-not-eligible = choose someone who could vote when the poll opened
poll-error-voter-not-in-person = a facilitator can cast a ballot only for someone who took part in one of the board's workshops in person
poll-error-joined-after = you joined the board after this poll opened; only its members at that moment can vote in it
poll-error-members-only = only the board's members can vote in its polls
poll-error-already-voted = you have already voted in this secret poll; to change your ballot, send the receipt you were given with it
poll-error-receipt-wrong = this is not the receipt of a ballot in this poll; use the one you were given when you first voted
poll-error-already-closed = this poll has already closed
poll-error-results-not-ready = the results of this poll are shown when it closes
poll-error-still-open = this poll is still open; it can be recounted once it closes

## The poll's definition and a ballot, as the voting engine checks them

poll-error-option-id-length = an option id is 1 to { $max } characters
poll-error-dots-needed = a { $method } poll needs the number of dots each voter has
poll-error-cap-needed = a { $method } poll needs the budget to share out
poll-error-credits-needed = a { $method } poll needs the voice credits each voter has
poll-error-dots-range = the number of dots each voter has must be from 1 to { $max }
poll-error-cap-range = the budget to share out must be from 1 to { $max }
poll-error-credits-range = the voice credits each voter has must be from 1 to { $max }
poll-error-method-unknown = choose approval, consent, dot, score, ranked, budget or quadratic
poll-error-threshold-range = the threshold must be more than half and at most all (0.5 < threshold ≤ 1)
poll-error-threshold-places = give the threshold with at most four decimal places
poll-error-supermajority-threshold = a supermajority needs a threshold, such as 0.6667 for two thirds
poll-error-rule-no-threshold = the { $rule } rule takes no threshold
poll-error-rule-unknown = choose majority, supermajority, no_blocks or parity
poll-error-motion-options = a { $method } poll votes on the question itself; leave the options empty
poll-error-options-count = give between 2 and { $max } options
poll-error-option-id-twice = the option id { $id } appears twice
poll-error-cost-range = an option's cost must be between 1 and the budget ({ $cap })
poll-error-cost-needed = every option of a budget poll needs a cost
poll-error-cost-not-budget = only budget polls have costs
poll-error-no-blocks-consent = the no_blocks rule is for consent polls, where people can block
ballot-error-not-an-object = send the ballot as a JSON object
ballot-error-missing = a { $method } ballot needs `{ $expected }`
ballot-error-bad-choice = choose one of: { $allowed }
ballot-error-wrong-shape = `{ $field }` must be { $shape }
ballot-error-unknown-option = { $option } is not an option in this poll
ballot-error-duplicate-rank = { $option } is ranked twice (choices { $choices }); rank each option once
ballot-error-out-of-range = give a whole number from { $min } to { $max }
ballot-error-too-many-dots = you placed { $spent } dots but each voter has { $dots }
ballot-error-over-cap = the options you chose cost { $cost } together, more than the budget of { $cap }
ballot-error-over-credits = your votes cost { $spent } voice credits (n votes cost n×n) but each voter has { $credits }
