# Profiles: a person's public page, and editing your profile with who can
# see each part.

profiles-visibility-public = Everyone
profiles-visibility-members = Members of this place
profiles-visibility-private = Only me
profiles-field-name = Name
profiles-field-pronouns = Pronouns
profiles-field-bio = About you
profiles-field-home-area = Where you live
profiles-field-skills = Skills and strengths
profiles-field-interests = What you care about
profiles-hint-name = How other people see you. It can be your first name only.
profiles-hint-pronouns = For example she/her, he/him or they/them. You can leave this empty.
profiles-hint-bio = A few words about you, if you like.
profiles-hint-home-area = Your neighbourhood, in your own words.
profiles-hint-skills = What you can offer others: one per line, for example cooking, listening, fixing bikes.
profiles-hint-interests = What you care about here: one per line.

# Editing.
profiles-edit-title = Your profile
profiles-edit-intro = You choose who sees each part: everyone, members of this place, or only you.
profiles-see-yours = See your profile
profiles-who-can-see = Who can see this
profiles-save = Save my profile
profiles-notice-saved = Your profile has been saved.

# A person's page.
profiles-a-member = A member
profiles-preview-everyone = This is how everyone sees your profile.
profiles-preview-members = This is how members of this place see your profile.
profiles-see-all = See all of it
profiles-lives-in = Lives in
profiles-can-offer = Can offer
profiles-cares-about = Cares about
profiles-empty-own = You have not filled in your profile yet.
profiles-empty = Nothing else is shared here.
profiles-edit-link = Edit your profile
profiles-as-everyone = See it as everyone does
profiles-as-members = See it as members do

# Error messages beside a field.
profiles-error-control-characters = remove the control characters
profiles-error-too-long = use at most { $max } characters
profiles-error-one-line = each item fits on one line
profiles-error-too-many = list at most { $max }
profiles-error-unknown-field = not a profile field; use display_name, pronouns, bio, home_area, skills or interests
profiles-error-visibility-invalid = choose public, members or private
