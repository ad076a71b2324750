# The layout every page shares: skip link, header, navigation, footer,
# language switcher.

skip-link = Skip to main content
nav-main = Main
nav-home = Home
nav-proposals = Proposals
nav-boards = Boards
nav-organisations = Organisations
nav-assets = Assets
nav-place = About this place
nav-areas = Areas
nav-moderation = Moderation
nav-admin = Admin
nav-operator = Operator console
nav-account = Your account
nav-sign-out = Sign out
nav-sign-in = Sign in
nav-register = Create an account
nav-language = Language
footer-nav = About this site
footer-privacy = Privacy
footer-accessibility = Accessibility
footer-receipts = Check a consent receipt
footer-outcomes = Outcomes
footer-open-data = Open data
footer-licence = { $place } runs on coproduce, free software under the GNU Affero General Public License (version 3 or later).

# Dates: "5 March 2026", "5 March 2026 at 14:05 UTC".
date = { $day } { $month } { $year }
date-time = { $date } at { $time } UTC
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December
