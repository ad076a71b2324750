# Open data: the page that describes the downloads of a place's
# proposals, their licence and their fields.

opendata-title = Open data
opendata-lead = { $place } publishes its residents' proposals, where each one has got to, how many people support it and what the people it was for said once it was delivered, for anyone to reuse.
opendata-downloads = Downloads
opendata-none = There are no published proposals yet, so the files hold only their headings.
opendata-count = The files hold { $n } { $n ->
    [one] proposal
   *[other] proposals
}, as they are now.
opendata-csv = Proposals as CSV
opendata-csv-about = (for spreadsheets; UTF-8, one row per proposal, a heading row first)
opendata-json = Proposals as JSON
opendata-json-about = (for programs; the licence and the list of fields come first, then
opendata-items = items
opendata-licence = Licence
opendata-licence-before = You may reuse the data under the
opendata-licence-files = The files say so too: the JSON in its
opendata-licence-field = licence
opendata-licence-field-after = { " " }field, and both in their
opendata-link-header = Link
opendata-and = and
opendata-licence-header = Licence
opendata-headers-after = { " " }headers.
opendata-admin-before = As an admin you can choose the licence in
opendata-admin-link = the place's settings
opendata-fields = What each field means
opendata-fields-caption = The fields of each proposal, in the order of the CSV's columns
opendata-col-field = Field
opendata-col-meaning = Meaning
opendata-cells-before = Times are UTC. Text cells of the CSV that begin with
opendata-or = or
opendata-cells-after = start with an apostrophe, so spreadsheets show them rather than run them.
opendata-left-out = What is left out
opendata-left-out-text = No personal data: no email addresses, nothing about who supported or rated a proposal, and an author's name only where they chose to show it to everyone on their profile. Drafts, and proposals the moderators have hidden, are not included.
opendata-outcomes-before = The same ratings are shown as a chart on
opendata-outcomes-link = the outcomes page

# What each field means (the files keep the English).
opendata-field-id = The proposal's id (a UUID); its page is /proposals/{ "{" }id{ "}" }.
opendata-field-title = Its title.
opendata-field-intended-outcome = What it sets out to change for residents.
opendata-field-status = Where it is: published, in_codesign, accepted, not_taken_forward, in_delivery, delivered or evaluated.
opendata-field-area-id = The area of the place it is about (empty for the whole place).
opendata-field-area-name = That area's name.
opendata-field-tags = Its tags (in the CSV separated by semicolons).
opendata-field-supports = How many residents support it.
opendata-field-created-at = When it was written (UTC).
opendata-field-updated-at = When it last changed, including its status (UTC).
opendata-field-published-at = When it was published (UTC).
opendata-field-evaluation-count = How many of the people invited to evaluate it (after delivery) rated it.
opendata-field-evaluation-average = Their average rating, 1 (it did not happen) to 5 (it fully happened); empty before anyone rated.
opendata-field-author-name = The author's name, only where their profile shows it to everyone; otherwise empty.

# A licence an admin chose that is not one of ours (the API says it in
# English).
opendata-error-licence-invalid = choose one of { $licences }
