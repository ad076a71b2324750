# Your data: everything held about a person, its download, deleting the
# account, and bringing a profile from another place.

mydata-title = Your data
mydata-lead = This is everything { $place } holds about you. It is yours: you can download all of it, take it to another place, or delete it.
mydata-download = Download my data
mydata-download-size = (a JSON file, about { $kb } KB)
mydata-account = Your account
mydata-email = Email address
mydata-confirmed = (confirmed)
mydata-name = Name
mydata-role = Role
mydata-platform-operator = , platform operator
mydata-two-step = Two-step sign-in
mydata-two-step-on = { $n ->
    [one] On ({ $n } recovery code left)
   *[other] On ({ $n } recovery codes left)
}
mydata-two-step-off = Off
mydata-joined = Joined
mydata-profile = Your profile
mydata-profile-caption = Your profile and who can see each part
mydata-profile-part = Part
mydata-profile-wrote = What you wrote
mydata-profile-who = Who can see it
mydata-profile-pronouns = Pronouns
mydata-profile-bio = About you
mydata-profile-home-area = Where you live
mydata-profile-skills = Skills and strengths
mydata-profile-interests = What you care about
mydata-empty = (empty)
mydata-visibility-public = public
mydata-visibility-members = members
mydata-visibility-private = private
mydata-profile-edit = Edit your profile
mydata-residency = Showing you live here
mydata-route-postcode = postcode
mydata-route-vouching = vouching
mydata-route-manual = manual
mydata-residency-verified = You were verified as a resident ({ $by }).
mydata-residency-verified-on = You were verified as a resident ({ $by }) on { $date }.
mydata-residency-not-verified = You have not been verified as a resident.
mydata-residency-requested = You asked the place's admins to confirm you live here; the download holds your note and their answer.
mydata-residency-attempts = Wrong postcodes or codes tried in the last day: { $n } (we keep only when, never what was typed).
mydata-residency-link = Your residency page
mydata-sessions = Where you are signed in
mydata-nowhere = Nowhere.
mydata-session = { $device }, since { $date }
mydata-emails = Emails we sent you
mydata-none = None.
mydata-email-status-pending = pending
mydata-email-status-sent = sent
mydata-email-status-failed = failed
mydata-assets = Assets you registered
mydata-asset-withdrawn = (withdrawn)
mydata-asset-for-organisation = , for an organisation
mydata-asset-messages = { $n ->
    [one] You wrote to the owners of assets { $n } time; the messages themselves are kept only in their email.
   *[other] You wrote to the owners of assets { $n } times; the messages themselves are kept only in their email.
}
mydata-stories = Your stories and consents
mydata-stories-none = You have not told a story.
mydata-story-erased = A story you erased
mydata-story-written = , written { $date }
mydata-stories-consents = { $n ->
    [one] You gave { $n } consent to use your stories
   *[other] You gave { $n } consents to use your stories
}
mydata-stories-consents-link = see them
mydata-stories-uses = { $n ->
    [one] your stories were used { $n } time
   *[other] your stories were used { $n } times
}
mydata-stories-uses-link = who used them
mydata-stories-download = The download holds your stories in full, decrypted for you.
mydata-comments = Your comments and flags
mydata-comments-none = You have not commented.
mydata-comment-deleted = A comment you deleted (kept as “[deleted]” for the replies below it)
mydata-comment = A comment
mydata-comment-of = of { $date }
mydata-comment-hidden = , hidden by the moderators
mydata-flags = { $n ->
    [one] You flagged proposals or comments for the moderators { $n } time; the download holds your reasons and notes. The moderators never tell authors who flagged them.
   *[other] You flagged proposals or comments for the moderators { $n } times; the download holds your reasons and notes. The moderators never tell authors who flagged them.
}
mydata-evaluations = Your evaluations
mydata-evaluations-none = You have not been asked to evaluate a delivered proposal.
mydata-evaluation-asked = : asked on { $date }
mydata-evaluation-rated = ; you rated it { $rating } out of 5
mydata-evaluation-comment = { " " }with a comment
mydata-evaluation-name = , showing your name
mydata-home-area = You said you live in { $name }
mydata-home-area-change = change it
mydata-boards = Your co-design boards
mydata-boards-none = You are not on any board in your own right.
mydata-board-facilitator = , as a facilitator since { $date }
mydata-board-member = , as a member since { $date }
mydata-rsvps = Your answers to workshops, with the access needs you gave (only you and the boards' facilitators see them):
mydata-response-yes = yes
mydata-response-maybe = maybe
mydata-response-no = no
mydata-access-needs = ; access needs: { $needs }
mydata-attendance = { $n ->
    [one] Facilitators recorded that you took part in { $n } workshop.
   *[other] Facilitators recorded that you took part in { $n } workshops.
}
mydata-events = What happened with your account
mydata-events-intro = Every sign-in, every change to your account and everything an admin did to it is written in this place's audit log, which can be checked for tampering. These are the events about you, newest first. If you see something you did not do, change your password and tell the people who run this place.
mydata-events-none = Nothing has been recorded about your account yet.
mydata-events-caption = Events about your account, newest first
mydata-events-when = When
mydata-events-what = What happened
mydata-events-who = Who did it
mydata-events-you = You
mydata-events-someone-else = Someone else (an admin or the platform)
mydata-leave = Moving or leaving
mydata-leave-moving-before-link = Moving to another place that uses this platform? Download your data here, then
mydata-leave-moving-link = bring your profile across
mydata-leave-moving-after-link = there.
mydata-leave-delete = Delete my account

mydata-delete-title = Delete your account
mydata-delete-if = If you delete your account:
mydata-delete-erased = your email address, name, profile and everything you told us about yourself are erased at once;
mydata-delete-signed-out = you are signed out everywhere, and the account cannot be used again;
mydata-delete-encrypted = anything of yours kept in encrypted form (such as stories) can never be read again, not even from old backups, because its key is destroyed;
mydata-delete-votes = votes you cast stay counted, but nobody can tell they were yours.
mydata-delete-undone-before-link = This cannot be undone. You may want to
mydata-delete-undone-link = download your data
mydata-delete-undone-after-link = first.
mydata-delete-contributions = What should happen to what you have written for others (ideas, comments)?
mydata-delete-contributions-delete = Delete it
mydata-delete-contributions-keep = Keep it, shown as written by "a former member"
mydata-delete-password = Your password, to confirm it is you
mydata-delete-button = Delete my account for good
mydata-delete-keep = Keep my account

mydata-goodbye-title = Your account has been deleted
mydata-goodbye-erased = Your personal data has been erased and you have been signed out everywhere. Thank you for taking part in { $place }.
mydata-goodbye-welcome-back = You are welcome back at any time:
mydata-goodbye-register = create a new account

mydata-import-title = Bring your profile from another place
mydata-import-done = Done. We brought across { $parts } parts of your profile, with { $skills } skills and { $interests } interests.
mydata-import-private = For now only you can see them: nothing is shared in a new place until you decide.
mydata-import-choose = Choose who can see each part
mydata-import-intro = If you used this platform in another place, you can bring your profile here: what you wrote about yourself, your skills and what you care about. Your permissions for stories do not come across: nothing is shared here until you decide again.
mydata-import-step-download = In the other place, go to "Your data" and download your data. You get a file called
mydata-import-file = my-data.json
mydata-import-step-paste = Open that file (a text editor will do), copy all of it, and paste it below.
mydata-import-label = The contents of my-data.json
mydata-import-button = Bring my profile here

# Error messages: beside a field, or on a page that refuses.
mydata-error-contributions-required = choose what happens to what you have written
mydata-error-unreadable = this is not the contents of a my-data.json file; open the file, copy all of it and paste it here
mydata-error-last-admin = you are the only admin of this place; appoint another admin before deleting your account
mydata-error-unsupported = this is not a coproduce export of version { $version }
