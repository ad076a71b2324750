# Evaluation: the section on a delivered proposal's page, its evaluation
# page with the rating form and what people said, and the outcomes
# dashboard with its chart.

evaluation-rating-1 = It did not happen
evaluation-rating-2 = A little of it happened
evaluation-rating-3 = Some of it happened
evaluation-rating-4 = Most of it happened
evaluation-rating-5 = It fully happened
evaluation-average = { $average } out of 5
evaluation-no-ratings-lower = no ratings yet
evaluation-segment = { $label }: { $n } { $n ->
    [one] person
   *[other] people
}
evaluation-chart-summary = Average { $average }, from { $n } { $n ->
    [one] rating
   *[other] ratings
}
evaluation-chart-no-ratings = No ratings yet
evaluation-desc-spread = { $n } rated { $rating }
evaluation-desc-rated = { $title }: average { $average } from { $n } ratings ({ $spread }).
evaluation-desc-none = { $title }: no ratings yet.
evaluation-chart-title = How residents rated “{ $title }”
evaluation-chart-title-outcomes = Outcomes for residents: how the people each delivered proposal was for rated it (page { $page } of { $pages })
evaluation-because-supporter = you supported it
evaluation-because-resident = you live in the area it was for
evaluation-because-invited = you were invited
evaluation-notice-rated = Thank you: your rating is counted. You can change it until the evaluation closes.
evaluation-notice-withdrawn = Your rating has been taken back.
evaluation-legend = What the colours mean

# The section on a proposal's page.
evaluation-section-title = Did it make a difference?
evaluation-section-open = This proposal has been delivered. Its supporters and the residents of its area are asked whether its intended outcome happened.
evaluation-section-open-asked = This proposal has been delivered. Its supporters and the residents of its area are asked whether its intended outcome happened ({ $n } { $n ->
    [one] person was
   *[other] people were
} asked).
evaluation-closed = The evaluation has closed: these are its final results.
evaluation-nobody-rated = Nobody has rated it yet.
evaluation-average-label = Average { $average }
evaluation-from-ratings = , from { $n } { $n ->
    [one] rating
   *[other] ratings
}.
evaluation-you-rated = You have rated it.
evaluation-change-rating = Change your rating
evaluation-you-are-invited = You are invited to say whether it happened.
evaluation-rate-it = Rate it
evaluation-you-rated-thanks = You rated it; thank you.
evaluation-who-is-asked = The people asked are its supporters and the residents of its area when it was delivered.
evaluation-sign-in = Sign in
evaluation-sign-in-after = if you were asked to rate it.
evaluation-link = The evaluation
evaluation-link-with-words = The evaluation and what people said

# The evaluation page.
evaluation-title = Evaluation of { $title }
evaluation-breadcrumb = Breadcrumb
evaluation-outcomes = Outcomes
evaluation-heading = Did “{ $title }” make a difference?
evaluation-set-out = What it set out to change for residents
evaluation-not-started = This proposal has not been delivered yet. Once it is, its supporters and the residents of its area are asked whether its intended outcome happened.
evaluation-what-people-said = What people said
evaluation-open-asked = { $n } { $n ->
    [one] person was
   *[other] people were
} asked: its supporters and the residents of its area when it was delivered. They can change their answer until the evaluation closes.
evaluation-closed-asked = The evaluation has closed: these are its final results. { $n } { $n ->
    [one] person was
   *[other] people were
} asked.
evaluation-table-caption = How many people gave each rating
evaluation-col-rating = Rating
evaluation-col-meaning = Meaning
evaluation-col-people = People
evaluation-col-share = Share
evaluation-your-rating = Your rating
evaluation-asked-because = You are asked because { $reason }.
evaluation-how-much = How much of the intended outcome happened?
evaluation-comment = What you saw (optional)
evaluation-comment-hint = A few words about what changed, or did not, up to { $max } characters. Everyone can read them.
evaluation-show-name = Show my name beside my words (otherwise they are shown as from “a resident”)
evaluation-save = Save my rating
evaluation-withdraw = Take back my rating
evaluation-you-rated-it = You rated it { $rating } ({ $label }). Thank you.
evaluation-only-asked = Only the people asked can rate it: its supporters and the residents of its area when it was delivered.
evaluation-in-their-words = In their words
evaluation-no-words = Nobody has added words to their rating yet.
evaluation-a-resident = A resident
evaluation-comment-rated = , rated { $rating } ({ $label }), { $date }
evaluation-comment-pages = Pages of comments

# The outcomes dashboard.
evaluation-outcomes-title = Outcomes for residents
evaluation-outcomes-lead = What each delivered proposal set out to change for the people of { $place }, and whether the people it was for say it happened: its supporters and the residents of its area rate it from 1 (it did not happen) to 5 (it fully happened).
evaluation-outcomes-none = No proposal has been delivered yet. When one is, the people it was for are asked whether it made the difference it promised, and their answers appear here.
evaluation-outcomes-see-proposals = See the proposals
evaluation-outcomes-caption = Each bar is one delivered proposal, split by how many people gave each rating. The table below gives the same figures.
evaluation-outcomes-table = Outcomes and ratings (the chart as a table)
evaluation-col-proposal = Proposal
evaluation-col-outcome = Intended outcome for residents
evaluation-col-stage = Stage
evaluation-col-ratings = Ratings
evaluation-col-average = Average
evaluation-col-rated = People who rated it { $rating }
evaluation-open-data-before = The figures are also published as
evaluation-open-data-link = open data

# Error messages: beside a field, or on a page that refuses.
evaluation-error-rating-invalid = choose a whole number from 1 (it did not happen) to 5 (it fully happened)
evaluation-error-rating-required = choose a rating from 1 (it did not happen) to 5 (it fully happened)
evaluation-error-comment-length = keep the comment to { $max } characters
evaluation-error-control-characters = remove the control characters
evaluation-error-not-open = a proposal is evaluated once it has been delivered
evaluation-error-closed = the evaluation of this proposal has closed; its results are final
evaluation-error-not-invited = only the people invited to evaluate this proposal can rate it: its supporters, and the residents of its area when it was delivered
