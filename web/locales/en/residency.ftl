# Residency: a person's page for showing they live in the place (by
# postcode, a vouching code or an admin's approval), the area they live
# in, the admins' queue of requests, and an organisation's vouching codes.

residency-route-postcode = a postcode in the place
residency-route-vouching = a code from an organisation the council recognises
residency-route-manual = approval by the place's admins

residency-title = Showing you live here
residency-lead = Supporting proposals, voting and counting as a citizen on boards are for the people who live in { $place }. Everyone who lives here takes part with equal standing, with or without a fixed address.
residency-status = Your status
residency-resident = You are a verified resident.
residency-verified-by-postcode = You showed you live here with your postcode.
residency-verified-by-vouching = You showed you live here with a code from an organisation that vouched for you.
residency-verified-by-manual = You showed you live here with the place's admins.
residency-not-yet = Not verified yet.
residency-confirm-email-before-link = First confirm your email address: follow the link we sent you, or ask for a new one on
residency-confirm-email-link = your account page
residency-use-a-way = Use one of the ways below.
residency-pending = You have asked the place's admins to confirm you live here. They will decide, and we will email you.
residency-declined = The admins could not confirm your last request. Their reason: { $reason }
residency-area-link = The area you live in
residency-area-why = : residents of an area are asked whether the proposals delivered there made a difference.
residency-how-checked = How this place checks
residency-email-enough = { $place } asks for nothing more than a confirmed email address at the moment.
residency-any-way = { $place } accepts any one of these ways. We keep only that you were verified and which way, never your postcode or who vouched for you.
residency-postcode-title = With your postcode
residency-postcode = Your postcode
residency-postcode-hint = Such as CV1 5FB.
residency-postcode-check = Check my postcode
residency-code-title = With a code from an organisation
residency-code-intro = If you have no fixed address, or prefer not to give it, an organisation the council recognises (such as a night shelter, a housing service or a community group) can give you a one-time code.
residency-code = Your code
residency-code-hint = 12 letters and digits, such as 7KQ2-M9XD-4RTA. Capitals and dashes do not matter.
residency-code-use = Use my code
residency-request-title = Ask the place's admins
residency-request-intro = The admins of { $place } will look at your request and email you their decision.
residency-request-note = A note for the admins (optional)
residency-request-note-hint = Anything that helps them, such as how best to reach you. At most 1000 characters.
residency-request-ask = Ask the admins
notice-residency-verified = You are now a verified resident.
notice-residency-asked = You have asked. The place's admins will decide, and we will email you.

residency-area-title = The area you live in
residency-area-lead = When a proposal for your area has been delivered, { $place } asks the residents of that area whether it made the difference it promised. Say which area you live in to be asked.
residency-area-current = You said you live in
residency-area-none = You have not said which area you live in.
residency-area-private = Nobody else sees it. Only verified residents are asked
residency-area-residency-link = showing you live here
residency-area-no-areas = { $place } has not described its areas yet.
residency-area-label = Your area
residency-area-rather-not = I would rather not say
residency-area-save = Save my area
notice-residency-area-saved = Your area has been saved.

residency-queue-title = Residency requests
residency-queue-intro = People who asked you to confirm that they live here. Approving makes them a verified resident; declining needs a reason, which they receive by email.
residency-queue-waiting = { $n ->
    [one] { $n } request is waiting.
   *[other] { $n } requests are waiting.
}
residency-queue-email = Email
residency-queue-asked = Asked
residency-queue-note = Note
residency-queue-reason = Reason (needed to decline; sent to { $name })
residency-queue-approve = Approve
residency-queue-decline = Decline
notice-residency-approved = Approved: they are a verified resident and have been told by email.
notice-residency-declined = Declined: they have been told by email, with your reason.

residency-vouching-title = Vouching codes of { $org }
residency-vouching-new-code = Here is the new code. Write it down or give it to the person now: it is shown only once.
residency-vouching-works-until = It works once, until { $date }. They enter it on their residency page after signing in.
residency-vouching-lead = A code lets someone you know lives in { $place } (for example someone staying at a night shelter, or without a fixed address) become a verified resident with equal standing. Give one code to one person.
residency-vouching-codes = Your codes
residency-vouching-counted = We count codes, but never record who used one.
residency-vouching-caption = How many codes were issued, used and expired
residency-vouching-issued = Issued
residency-vouching-used = Used
residency-vouching-expired = Expired unused
residency-vouching-usable = Still usable
residency-vouching-issue-title = Issue a code
residency-vouching-issue = Issue a new code
residency-vouching-not-recognised = Only organisations the council recognises can vouch for people. Ask the place's admins to recognise { $org }.
residency-vouching-back = Back to { $org }

# Problems with showing you live here, requests and vouching codes (the
# API says them in English).
residency-error-route-unknown = `{ $name }` is not a residency route: choose verified_email, or any of postcode, vouching and manual
residency-error-email-alone = verified_email means no check beyond a confirmed email address, so it cannot be combined with other routes
residency-error-postcode-empty = the postcode is empty: give a postcode such as CV1 5FB
residency-error-postcode-characters = a postcode has only letters and digits: give a postcode such as CV1 5FB
residency-error-postcode-length = a postcode has 5 to 7 letters and digits: give a postcode such as CV1 5FB
residency-error-postcode-inward = the last part must be a digit and two letters: give a postcode such as CV1 5FB
residency-error-postcode-outward = the first part must be one or two letters and a number: give a postcode such as CV1 5FB
residency-error-code-malformed = a code has 12 letters and digits, such as 7KQ2-M9XD-4RTA; check it and try again
residency-error-area-unknown = choose an area of this place
residency-error-one-way = send exactly one of postcode, code and request
residency-error-decision-invalid = choose approve or decline
residency-error-required = only verified residents of this place can do this: see { $page } for the ways to show you live here
residency-error-confirm-email-first = confirm your email address first, then see { $page } for the ways to show you live here
residency-error-route-not-allowed = this place does not accept { $route ->
    [postcode] a postcode in the place
    [vouching] a code from an organisation the council recognises
   *[manual] approval by the place's admins
} as a way to show you live here; see { $page } for the ways it does
residency-error-already-resident = you are already a verified resident of this place
residency-error-postcode-unknown = { $postcode } is not one of this place's postcodes; check it, or use another way to show you live here
residency-error-code-unknown = this code is not one we issued here; check it with the organisation that gave it to you
residency-error-code-used = this code has already been used; each code works once, so ask the organisation for a new one
residency-error-code-expired = this code has expired; ask the organisation for a new one
residency-error-code-not-recognised = the organisation that issued this code is no longer recognised by the council, so its codes no longer work
residency-error-note-too-long = keep the note to { $max } characters
residency-error-already-asked = you have already asked; the place's admins will decide and email you
residency-error-reason-too-long = keep the reason to { $max } characters
residency-error-reason-required = say why, so the person knows what to do next
residency-error-organisation-admins-only = only the organisation's admins can do this
residency-error-code-days = a code can last from 1 to { $max } days
residency-error-vouching-not-recognised = only organisations the council recognises can vouch for people; ask the place's admins to recognise yours
residency-error-vouching-off = this place does not take vouching codes at the moment, so a code would not work
