# Stories: telling a story and changing it, its de-identified version,
# the consent screens and the consent notice, withdrawing and renewing
# consent, consent receipts, "Who used my stories", reading a story
# shared with you, excerpts for reports, requests to use a story,
# stories told with a member of staff's help, and downloads for
# organisations and boards.

## Words shared by several pages

story-months = { $n ->
    [one] { $n } month
   *[other] { $n } months
}
story-your-story = Your story
story-your-consents = Your consents
story-who-used = Who used my stories
story-back-to-stories = Back to stories
story-back-to-story = Back to the story
story-back-to-your-story = Back to your story
story-back = Back
story-cancel = Cancel
story-save = Save
story-none = None.
story-none-yet = None yet.
story-sensitive-no = No
story-by = By { $author }
story-anonymous = Anonymous
story-erased = An erased story
story-title = Title
story-area = Area
story-no-area = No particular area
story-until = Until
story-download-it = Download it
story-quote-it = Quote it in a report
story-withdraw = Withdraw
story-consent-for = consent for { $purpose }
story-consent-for-story = consent for { $purpose } on “{ $title }”
story-who-may-read = Who may read it
story-how-named = How you are named
story-how-long = For how long
story-choose-who = Choose who
story-consents-for-story = Consents you gave for this story
story-col-story = Story
story-col-purpose = Purpose
story-col-when = When
story-col-status = Status
story-col-actions = Actions

## The purposes, and what each means

story-purpose-board-learning = Learning on a co-design board
story-purpose-tenant-publication = Publication by the council
story-purpose-organisation-report = Quoting in an organisation's report
story-purpose-research = Research
story-purpose-media = Newspapers, radio and television
story-purpose-training = Training staff
story-purpose-automated-analysis = Analysis by computer
story-meaning-board-learning = The members of a co-design board read your story to understand what needs to change, while they plan a service with residents.
story-meaning-tenant-publication = The council shows your story on its own pages or in its own leaflets and reports, for people to read.
story-meaning-organisation-report = An organisation quotes part of your story in a report, for example to its board or to people who fund it.
story-meaning-research = Researchers (for example at a university) read your story as part of a study that is not for profit.
story-meaning-media = Your story is given to journalists for newspapers, radio, television or their websites.
story-meaning-training = Your story is used to train staff, so they understand what it is like to use their service.
story-meaning-automated-analysis = A computer reads your story to find themes or write summaries (this includes AI tools). Nothing is analysed by computer without this.

## How the author is named

story-attribution-named = with your name
story-attribution-first-name = with your first name only
story-attribution-anonymous = anonymously, using your de-identified version
story-attribution-their-named = with their name
story-attribution-their-first-name = with their first name only
story-attribution-their-anonymous = anonymously, using their de-identified version
story-attribution-my-named = With my name
story-attribution-my-first-name = With my first name only
story-attribution-my-anonymous = Anonymously (my de-identified version)

## Who may read

story-audience-tenant = Everyone with an account in this place
story-audience-public = Anyone (public)
story-audience-public-page = Anyone, in public (a page of the site anyone can open)
story-audience-public-short = Anyone, in public
story-audience-organisation = Members of { $name }
story-audience-some-organisation = Members of an organisation
story-audience-board = Members of a co-design board
story-audience-named-board = Members of the co-design board “{ $title }”
story-audience-words-board = the members of a co-design board
story-audience-words-organisation = the members of one organisation
story-audience-words-tenant = everyone with an account in this place
story-audience-words-public = anyone, in public

## What a reader did with a story, in the author's use log

story-action-view = read it
story-action-excerpt = quoted it in a report
story-action-download = downloaded it
story-action-publish = was shown it on the public page
story-action-other = used it

## Where a consent, a request or a receipt stands

story-status-given = Given
story-status-withdrawn = Withdrawn
story-status-ended = Ended
story-request-agreed = Agreed
story-request-declined = Declined
story-request-waiting = Waiting for an answer
story-receipt-given = Consent given
story-receipt-changed = Consent changed
story-receipt-withdrawn = Consent withdrawn

## What a page says after an action

story-done-created = Your story is saved, encrypted. No one else can read it until you give consent below.
story-done-saved = Your changes are saved.
story-done-deidentified = Your de-identified version is saved.
story-done-given = Your consent is recorded. You can withdraw it at any time.
story-done-withdrawn = Your consent is withdrawn. From now on your story is not shown for it; anyone who used it for that is asked to delete their copies.
story-done-all-withdrawn = Every consent you gave is withdrawn. Your stories are now shared with no one.
story-done-renewed = Your consent is renewed.
story-done-erased = Your story is erased. Its key is destroyed, so it can never be read again.
story-done-decided = Your answer is recorded and sent.
story-done-requested = Your request is sent to the author. They decide; you will get an email with their answer.
story-receipt-download = Download your consent receipt
story-receipt-to-keep = : a signed record of this change, to keep. You will also find it under
story-receipt-for-change = for this change.

## The list of stories

story-index-title = Stories
story-index-lead = Your experience, shared on your terms. Your stories are kept encrypted; no one else reads them unless you agree, purpose by purpose, and you can see every time someone does.
story-index-tell = Tell a story
story-index-consents-why = : what you agreed to, and withdrawing it
story-requests-yours = Requests to use your stories
story-index-yours = Your stories
story-index-none-yours = You have not told a story yet.
story-index-written = (written { $date })
story-index-shared = Stories shared with you
story-index-none-shared = No one has shared a story with you. Stories appear here when their authors agree to share them with people like you.
story-index-total = { $n ->
    [one] { $n } story in all, yours included.
   *[other] { $n } stories in all, yours included.
}
story-index-opening-recorded = Opening a story is recorded, and its author can see that you read it.
story-index-by = A story by { $author }
story-index-shared-for = (shared for: { $purposes })
story-index-shared-for-until = (shared for: { $purposes }; until { $date })

## Writing and changing a story

story-form-new = Tell your story
story-change = Change your story
story-form-intro-before = Write it in your own words. It is kept encrypted and
story-form-intro-strong = no one else can read it
story-form-intro-after = until you choose, on the next page, who may use it and for what. You can change it, or erase it, at any time.
story-form-title-hint = A few words, up to { $max } characters.
story-form-body-hint = Plain text, up to { $max } characters.
story-form-board = Co-design board
story-form-board-hint = If you tell it for a board you are on. Choosing one shares nothing: you decide on the next page whether the board's members may read it.
story-form-no-board = No board
story-form-special = My story includes information about my health, or other sensitive information
story-form-special-hint = For example physical or mental health, disability, ethnicity, religion, sexuality or trade union membership. The law protects this more strongly: any consent you give will be explicit consent.
story-form-save-new = Save my story
story-form-save-changes = Save the changes

## A story, as its author sees it

story-author-hint = Your story. Only you can read it here.
story-author-hint-shared = Your story. Only you can read it here, and the people you agreed to share it with.
story-sensitive = Sensitive information
story-sensitive-yes = Yes: any consent you give is explicit consent
story-written = Written
story-written-changed = { $written }, last changed { $changed }
story-deid-title = The de-identified version
story-deid-approved = You approved this version: it is what people see when you share your story anonymously.
story-deid-draft = A draft you have not approved yet: it cannot be shared until you approve it.
story-deid-change = Change the de-identified version
story-deid-explain = To share your story anonymously, first prepare a version without names, dates or places that could identify you, and approve it.
story-deid-prepare = Prepare a de-identified version
story-who-may-use = Who may use it
story-shared-with-no-one = No one. Your story is shared with no one until you say so.
story-choose-who-may-use = Choose who may use your story
story-see-uses = See who used your stories
story-erase-heading = Erase it
story-erase-link = Erase this story
story-erase-link-after = : it can never be read again, by anyone.

## A story, as a reader sees it

story-shared-for = Shared for
story-shared-with = Shared with
story-reader-notice = { $author } shared this story with consent, for the purpose above only. Their consent can be withdrawn at any time; it then stops being available here at once. Your reading was recorded, and the author can see it.
story-also-recorded = (also recorded)
story-ask-other-use = Ask the author to use it for something else
story-download-byline = By { $author }. Shared with consent for: { $purpose }, until { $date }.
story-public-note = Published by { $place } with its author's consent, until { $date }. The author can withdraw it at any time; this page then stops showing it.

## The de-identified version

story-deid-intro = This is the version people read when you share your story anonymously. Take out anything that could let someone recognise you or others: names, dates, the names of places, streets, services or workplaces, and unusual details.
story-deid-original = Your story as you wrote it
story-deid-body = The story, without names, dates or places
story-deid-approve = I have read this version and I approve it
story-deid-approve-hint = Only an approved version can be shared anonymously. Leave this unticked to keep it as a draft.

## The consent screen

story-consent-title = Who may use your story
story-consent-explicit-before = You said your story includes health or other sensitive information, so the consent you give here is
story-consent-explicit-strong = explicit consent
story-consent-explicit-after = under data protection law (UK and EU GDPR, article 9(2)(a)).
story-consent-notice-link = Read this notice on its own page
story-consent-agreed = What you already agreed to
story-consent-nothing-yet = Nothing yet: your story is shared with no one.
story-consent-agree-title = Agree to a use
story-consent-agree-intro = Tick only what you agree to. For each, choose who may read your story, how you are named, and for how long. Agreeing again to a purpose you already agreed to for the same people replaces the earlier terms.
story-consent-anon-before = To share anonymously, first
story-consent-anon-link = prepare and approve a de-identified version
story-consent-i-agree = I agree to this use
story-consent-save = Save my choices

## Before you choose: what every consent screen says

story-notice-before = Before you choose
story-notice-1-strong = Nothing is shared until you choose it here.
story-notice-1 = Nothing is ticked for you, and each purpose is asked separately: agreeing to one never means agreeing to another.
story-notice-2-strong = Saying no changes nothing
story-notice-2 = about the services you receive, your place on this site, or how anyone treats you.
story-notice-3-strong = You can withdraw any consent at any time
story-notice-3 = , with one button. It takes effect at once: from your next click, your story is no longer shown for that purpose, and every organisation that used it is asked to delete its copies.
story-notice-4-strong = What withdrawal cannot undo:
story-notice-4 = copies already printed, broadcast or published elsewhere cannot be recalled, and what people learned from reading your story cannot be unlearned.
story-notice-5-strong = You will see every use:
story-notice-5 = each time someone reads, downloads or quotes your story, it is recorded on "Who used my stories".
story-notice-6 = Each consent lasts for the time you choose, at most 24 months (12 unless you say otherwise). We remind you a month before it ends; it then simply ends unless you renew it.

## The consent notice, on its own page

story-notice-title = How consent to use your stories works
story-notice-version = Notice version { $version }. Consent receipts point to this page.
story-notice-purposes = The purposes
story-notice-named = How you can be named
story-notice-named-name = With your name
story-notice-named-name-means = Readers see your name as it shows on your account.
story-notice-named-first = With your first name only
story-notice-named-first-means = Readers see the first word of your name.
story-notice-named-anonymous = Anonymously
story-notice-named-anonymous-means = Readers see no name, and read the de-identified version of your story that you prepared and approved.
story-notice-who = Who may read
story-notice-who-board = A co-design board
story-notice-who-board-means = The members of that board.
story-notice-who-organisation = An organisation
story-notice-who-organisation-means = The members of that organisation on this site.
story-notice-who-tenant-means = Anyone signed in here.
story-notice-who-public-means = Anyone at all, including people who are not signed in.
story-notice-law = The law
story-notice-law-text = Your consent is the legal basis for each use (UK and EU GDPR, article 6(1)(a)); when your story includes health or other sensitive information, it is explicit consent (article 9(2)(a)).

## Your consents

story-consents-intro = Everything you agreed to for your stories. Withdrawing takes effect at once; anyone who used your story for it is asked to delete their copies (copies already printed or broadcast cannot be recalled).
story-consents-live = In force
story-consents-none-live = None: your stories are shared with no one.
story-consents-live-caption = Consents in force
story-withdraw-everything = Withdraw everything
story-consents-past = Ended or withdrawn
story-consents-past-caption = Consents that ended or were withdrawn
story-consents-could-read = Who could read it
story-consents-renew-col = Renew
story-renew-how-long = Renew for how long
story-renew = Renew
story-receipts-title = Your consent receipts
story-receipts-intro = Each time you give, change or withdraw consent you get a receipt: a record of what you agreed to, signed by { $place } so that anyone can check it is genuine. It holds no words of your story. Keep them; you can
story-receipts-check = check a receipt
story-receipts-intro-after = at any time to see whether that consent still stands.
story-receipts-caption = Your consent receipts, newest first
story-receipts-what-happened = What happened
story-receipts-what-recorded = What it records
story-receipts-download = Download
story-receipts-download-which = the receipt of { $date } for “{ $title }”

## Withdrawing every consent

story-withdraw-all-title = Withdraw every consent
story-withdraw-all-question = Withdraw every consent?
story-withdraw-all-none = You have no consent in force: your stories are shared with no one.
story-back-to-consents = Back to your consents
story-withdraw-all-explain = { $n ->
    [one] This withdraws all { $n } consent you gave, on all your stories. From your next click, no one can read your stories here; organisations that used them are asked to delete their copies. Copies already printed or broadcast cannot be recalled.
   *[other] This withdraws all { $n } consents you gave, on all your stories. From your next click, no one can read your stories here; organisations that used them are asked to delete their copies. Copies already printed or broadcast cannot be recalled.
}
story-withdraw-all-keep = Your stories stay yours: you can agree to uses again later.
story-withdraw-all-yes = Yes, withdraw everything
story-no-go-back = No, go back

## Erasing a story

story-erase-title = Erase your story
story-erase-question = Erase your story?
story-erase-explain = Its key is destroyed: it can never be read again, by anyone, not even from the site's backups.
story-erase-consents = { $n ->
    [one] The { $n } consent you gave for it ends now, and organisations that used it are asked to delete their copies (copies already printed or broadcast cannot be recalled).
   *[other] The { $n } consents you gave for it end now, and organisations that used it are asked to delete their copies (copies already printed or broadcast cannot be recalled).
}
story-erase-log = "Who used my stories" keeps the record of its past uses. This cannot be undone.
story-erase-yes = Yes, erase it

## Who used my stories

story-uses-intro = Every time someone other than you read, downloaded, quoted or was shown one of your stories, it is recorded here, before they saw anything.
story-uses-valid = This record is complete and unaltered: each entry is sealed to the one before it, and all { $n } check out.
story-uses-altered = This record has been altered
story-uses-entry = Entry { $n }:
story-uses-tell-admins = Please tell the place's admins.
story-uses-none = No one has used your stories.
story-uses-count = { $n ->
    [one] { $n } use recorded.
   *[other] { $n } uses recorded.
}
story-uses-caption = Uses of your stories, newest first
story-uses-who = Who
story-uses-what = What
story-uses-for = For
story-uses-named = Named
story-uses-reader-for = { $reader }, for { $organisation }
story-uses-newer = Newer uses
story-uses-older = Older uses

## Quoting a story in a report

story-excerpt-title = Quote a story in a report
story-excerpt-refused = You cannot quote this story
story-excerpt-ask = Ask the author
story-excerpt-yours = Your excerpt
story-excerpt-credit = Credit:
story-excerpt-reference = Consent reference:
story-excerpt-valid = (valid until { $date }). Keep it with your report. If the author withdraws their consent, you will be asked to stop using the quote.
story-excerpt-intro = Only a passage of the story exactly as you may read it, and only if its author agreed to it being quoted in an organisation's report. Your excerpt is recorded, and the author can see it.
story-excerpt-for = The report is for
story-excerpt-quote = The passage to quote
story-excerpt-quote-hint = Copy it from the story, up to { $max } characters.
story-excerpt-make = Make the excerpt

## Requests to use stories

story-requests-title = Requests to use stories
story-requests-none = No one has asked to use your stories.
story-requester-left = Someone who has left
story-requester-for = { $requester }, for { $organisation }
story-requests-story = Story
story-requests-purposes = They ask to use it for
story-requests-read-by = Read by
story-requests-naming = Naming you
story-requests-for = For
story-requests-message = Their message
story-requests-decide = You decide. You can agree to all of it, to part of it (fewer purposes, naming you less, a shorter time), or say no. Saying no changes nothing about the services you receive.
story-requests-agree-to = What you agree to
story-requests-grant = Agree to what I ticked
story-requests-decline = Say no
story-requests-sent = Requests you made
story-requests-none-sent = You have not asked to use anyone's story.
story-requests-a-story = A story

## Asking to use a story

story-request-title = Ask to use a story
story-request-intro = The author decides. They may agree to all of it, to part of it, or say no, and they can withdraw their consent later. Ask only for what you need.
story-request-for = You ask for
story-request-what-for = What for
story-request-who = Who would read it
story-request-organisation = The members of the organisation
story-request-named = How the author would be named
story-request-message = Your message to the author
story-request-message-hint = Why you ask, and what you will do with it. Up to { $max } characters.
story-request-send = Send the request

## A board's page: the stories shared with it

story-board-title = Stories shared with this board
story-board-intro = Residents shared these stories with the members of this board, on their own terms. Each one is shown as its author allowed; your reading is recorded and its author can see it. If they withdraw their consent, the story disappears from here at once.
story-board-none = No one has shared a story with this board yet.
story-board-byline = By { $author } · shared for “{ $purpose }” until { $date }
story-board-ask = Ask the author for another use
story-board-ask-which = of { $title }

## Downloads for an organisation or a board

story-export-with-organisation = with { $name }
story-export-with-your-organisation = with your organisation
story-export-with-board = with this board
story-export-title = Stories shared { $with }
story-export-intro = People who told their stories here agreed, purpose by purpose, to share them { $with }. You can download the stories shared { $with } now as a spreadsheet (CSV).
story-export-rule-live = Only stories whose authors’ consent is in force at the moment you download are included; a story whose consent was withdrawn or has ended is left out.
story-export-rule-credit = Each author is credited only as they allowed (by name, first name, or anonymously with the de-identified version).
story-export-rule-recorded = Each story you download is recorded in its author’s list of who used their stories, and this download is recorded with the consents it relied on.
story-export-rule-withdraw = If an author later withdraws, you will be asked to delete your copies. Keep the file safe and do not share it beyond what the consent allows.
story-export-count = { $n ->
    [0] No stories are shared { $with } now.
    [one] { $n } story is shared { $with } now.
   *[other] { $n } stories are shared { $with } now.
}
story-export-download = Download the stories (CSV)
story-export-so-far = Downloads so far
story-export-caption = Downloads of the stories shared { $with }, newest first
story-export-stories = Stories
story-export-relied-on = Consents relied on

## Help to tell a story: the staff member's form

story-assist-title = Help someone tell their story
story-assist-intro-before = Use this page
story-assist-intro-strong = together with the person
story-assist-intro-after = , in person, when they have no device of their own or find forms hard. Read each part to them and write down what they say, in their words. The record will show that you helped, and for which organisation.
story-assist-confirm-strong = Nothing is shared until they confirm.
story-assist-confirm = After you save, you will see a six-digit code (also sent to their email): read it to them and let them type it on this device, or they can confirm later from their own account, and change or erase anything.
story-assist-for = You are helping for
story-assist-about = About them
story-assist-name = Their name
story-assist-name-hint = What they want to be called.
story-assist-email = Their email address
story-assist-email-hint = Their code, and a link to set their own password, go there.
story-assist-story = Their story
story-assist-body = Their story, in their words
story-assist-special = It includes information about their health, or other sensitive information
story-assist-special-hint = For example physical or mental health, disability, ethnicity, religion or sexuality.
story-assist-uses = How their story may be used
story-assist-uses-intro = Read each use to them. Tick only what they agree to; leave everything unticked if they want to think about it.
story-assist-they-agree = They agree to this use
story-assist-how-named = How they are named
story-assist-choose-how = Choose how
story-assist-first-name = With their first name only
story-assist-named = With their name
story-assist-save = Save, and show the code
story-assisted-list-title = Stories told with help

## Help to tell a story: confirming it

story-assisted-title = Confirm the story told with help
story-assisted-told-by = Told by
story-assisted-helped-by = With help from
story-assisted-helper = { $staff }, of { $organisation }, on { $date }
story-assisted-staff-left = A member of staff who has since left
story-assisted-waiting = Waiting for { $name } to confirm: nothing is shared yet
story-assisted-confirmed = Confirmed
story-assisted-confirmed-code = Confirmed with the code
story-assisted-confirmed-signed-in = Confirmed by { $name }, signed in
story-assisted-declined = Declined: nothing is shared
story-assisted-chose = What they chose
story-assisted-chose-nothing = Not to share the story for now.
story-assisted-grant = { $purpose }: read by { $audience }, { $attribution }
story-assisted-grant-until = { $purpose }: read by { $audience }, { $attribution }, until { $date }
story-assisted-code-title = The code to read aloud
story-assisted-code-read = Read these six digits to { $name }, then let them type the code below themselves. It was also sent to their email, with a link to set their own password: they can confirm later instead, and change or erase anything from their own account.
story-assisted-citizen = A member of staff helped you prepare this. If it is what you agreed, confirm it: the uses you chose start now, and you can withdraw any of them at any time. If not, say no: nothing is shared, and you can change or erase your story.
story-assisted-confirm = Confirm
story-assisted-decline = Do not share it
story-assisted-read-or-change = Read or change your story
story-assisted-code = The six-digit code
story-assisted-code-staff-hint = The person types it themselves.
story-assisted-code-email-hint = From the email we sent you.
story-assisted-withdraw-any = (withdraw any of them at any time)
story-assisted-done-saved = Saved. Nothing is shared until they confirm.
story-assisted-done-confirmed = Confirmed. The consents chosen are now given, and can be withdrawn at any time.
story-assisted-done-declined = Declined. Nothing is shared; the story stays yours to change or erase.

## Help to tell a story: the list

story-assisted-told = Your stories told with a member of staff's help
story-assisted-with = With { $staff } of { $organisation }, { $date }
story-assisted-a-member-of-staff = a member of staff
story-assisted-waiting-you = waiting for you to confirm
story-assisted-status-confirmed = confirmed
story-assisted-status-declined = declined
story-assisted-helped = People you helped
story-assisted-for = { $name }, for { $organisation }, { $date }
story-assisted-waiting-them = waiting for them to confirm

## Problems with what was sent, beside the field or on the page

story-error-title-required = give your story a title
story-error-title-too-long = keep the title to { $max } characters
story-error-body-required = write your story
story-error-body-too-long = keep the story to { $max } characters
story-error-grant-purpose-unknown = choose one of the purposes: board_learning, tenant_publication, organisation_report, research, media, training, automated_analysis
story-error-grant-audience-unknown = choose who may read it: board:<id>, organisation:<id>, tenant or public
story-error-grant-attribution-unknown = choose how you are named: named, first_name or anonymous
story-error-end-in-past = choose an end date in the future
story-error-consent-too-long = consent lasts at most { $max } months; you can renew it when it ends
story-error-export-organisation-members = only the organisation's members can export the stories shared with it
story-error-export-board-facilitators = only the board's facilitators can export the stories shared with it
story-error-assist-not-recognised = only organisations the council has recognised can help people tell their stories in person
story-error-assist-staff-only = only the staff of an organisation the council recognised can help people tell their stories in person
story-error-assist-choose-organisation = choose the organisation you work for
story-error-no-such-organisation = there is no such organisation here
story-error-assist-own-staff = only the staff of an organisation can help people on its behalf
story-error-assist-email-taken = someone with this email address already has an account here: they can sign in and tell their story themselves, or use another address
story-error-assist-decided-author = this story was already confirmed or declined; its author can change everything from their own account
story-error-code-required = type the six-digit code
story-error-code-locked = too many wrong codes: this code no longer works. The person can confirm by signing in to their own account
story-error-code-expired = this code has expired. The person can confirm by signing in to their own account
story-error-code-wrong = that is not the code: check the six digits and try again
story-error-assist-decided = this story was already confirmed or declined
story-error-no-such-purpose = there is no such purpose
story-error-read-action = read with view or download
story-error-consent-none-ticked = tick at least one purpose you agree to, or go back: nothing is shared unless you choose it
story-error-consent-months = choose 1 to { $max } months
story-error-excerpt-members-only = only members of an organisation can quote a story in a report
story-error-request-members-only = only members of an organisation can ask to use a story
story-error-deidentified-in-use = your story is shared anonymously using the approved de-identified version; approve the new version, or withdraw the anonymous sharing first
story-error-no-such-board = there is no such board here
story-error-deidentified-required = to share anonymously, first prepare and approve a de-identified version of your story (names, dates and places taken out): that is the version anonymous readers see
story-error-grant-duplicate = this purpose and audience are listed twice
story-error-already-withdrawn = this consent was already withdrawn
story-error-act-for-own-organisation = you can only act for an organisation you belong to
story-error-excerpt-consent-required = the author has not agreed to this story being quoted in an organisation's report (or that consent has ended); you can ask them
story-error-public-withdrawn = this story is no longer published here: its author withdrew their consent, or it ended
story-error-excerpt-choose-organisation = choose the organisation the report is for
story-error-quote-required = paste the passage you want to quote
story-error-quote-too-long = quote at most { $max } characters
story-error-quote-not-in-story = the quote must be a passage of the story exactly as you may read it
story-error-request-purpose-required = say what you want to use the story for
story-error-request-purpose-unknown = choose among the purposes: board_learning, tenant_publication, organisation_report, research, media, training, automated_analysis
story-error-request-audience-unknown = say who would read it: board:<id>, organisation:<id>, tenant or public
story-error-attribution-unknown = choose named, first_name or anonymous
story-error-request-months = ask for 1 to { $max } months
story-error-request-message-required = tell the author why you are asking
story-error-request-message-too-long = keep the message to { $max } characters
story-error-request-for-required = say which organisation (or board) you ask for
story-error-request-own-organisation = you can only ask for an organisation you belong to
story-error-request-board-facilitators = only a board's facilitators can ask on its behalf
story-error-request-answered = this request has already been answered
story-error-decide-attribution-more = you can name yourself less than they asked, not more
story-error-decide-longer = you can agree to a shorter time than they asked, not a longer one
story-error-decide-purpose-not-asked = choose among the purposes they asked for
story-error-decide-purpose-required = choose at least one purpose, or decline
story-error-decide-invalid = answer grant or decline
story-error-renew-months = renew for 1 to { $max } months
story-error-no-such-area = there is no such area here
