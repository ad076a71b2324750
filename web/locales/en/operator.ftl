# The operator console: every place an installation serves, creating a
# place, and a place's hosts, admins, sessions and status.

operator-title = Operator console
operator-lead = Every place this installation serves. Changes here take effect at once.
operator-places = Places
operator-places-caption = Places, their status and hosts
operator-name = Name
operator-slug = Slug
operator-status = Status
operator-hosts = Hosts
operator-suspended = Suspended
operator-suspended-detail = : its hosts answer with a “paused” page
operator-active = Active
operator-create = Create a place
operator-name-hint = As people will see it, for example “Coventry City Council”.
operator-slug-hint = A short name for addresses and the command line: lowercase letters, digits and single hyphens, for example
operator-slug-example = coventry
operator-slug-hint-after = It cannot be changed later.
operator-hostnames = Hostnames
operator-hosts-hint = One per line or separated by commas, without
operator-https = https://
operator-for-example = , for example
operator-example-host = coventry.example.org
operator-example-www = www.coventry.example.org
operator-create-button = Create the place

# A place.
operator-back = Back to all places
operator-about = About this place
operator-hosts-caption = Hostnames this place is served at
operator-hostname = Hostname
operator-action = Action
operator-remove = Remove
operator-only-host = The only host; add another before removing it.
operator-add-hostname = Add a hostname
operator-host-hint = Without
operator-host-hint-port = or a port, for example
operator-add-hostname-button = Add the hostname
operator-appoint = Appoint an admin by email
operator-appoint-text = A new account is sent an invitation to choose a password, with a link to
operator-this-place = this place
operator-appoint-existing = Someone who already has an account here becomes an admin at once.
operator-their-name = Their name
operator-their-name-hint = Optional: they can change it later.
operator-appoint-button = Appoint and invite
operator-sign-out = Sign everyone out
operator-sign-out-text = After a breach, or when credentials may have leaked, end every session of this place: everyone is signed out of its pages, and its API access and refresh tokens stop working.
operator-own-session-kept = Your own session is kept.
operator-sign-out-confirm = I understand everyone in this place will have to sign in again
operator-reopen-title = Reopen this place
operator-suspend-title = Suspend this place
operator-reopen-text = While suspended, every page of this place says it is paused. Reopening serves it again at once, as it was.
operator-reopen-button = Reopen the place
operator-serving = You are using the console on this place's own address, so suspending it would lock you out. Suspend it from another place's console.
operator-suspend-text = Suspending keeps everything as it is, but nobody can use this place, sign in or use its API until an operator reopens it.
operator-suspend-confirm = I understand people will not be able to use this place until it is reopened
operator-suspend-button = Suspend the place

# After an action.
operator-notice-created = The place has been created and is served at its hosts now.
operator-notice-host-added = The host has been added.
operator-notice-host-removed = The host has been removed.
operator-notice-suspended = The place is suspended: its hosts answer with a “paused” page.
operator-notice-reopened = The place is open again.
operator-notice-signed-out = Everyone in the place has been signed out of its pages and its API.
operator-notice-invited = An invitation to choose a password has been sent; they will be an admin once they follow it.
operator-notice-appointed = They already had an account here and are now an admin.

# Problems with what an operator typed (the API says them in English).
operator-error-slug-invalid = `{ $slug }` is not a valid slug: use 2 to 40 lowercase letters, digits and single hyphens, starting with a letter (for example `coventry`)
operator-error-host-invalid = `{ $host }` is not a hostname; give a name like `coventry.example.org`, `localhost` or an IP address, without `http://` or a port
operator-error-too-many-hosts = give at most { $max } hostnames; more can be added later
operator-error-status-invalid = the status is either `active` or `suspended`
operator-error-own-tenant = you are using the console of this place, so suspending it would lock you out; suspend it from another place's console
operator-error-confirm-sign-out = confirm that everyone in this place will be signed out and must sign in again
operator-error-confirm-suspend = tick the box to confirm that people will not be able to use this place until it is reopened

# A place's own rules: its name, language and hosts.
tenancy-error-name-required = give the place a name
tenancy-error-name-invalid = use at most 120 characters and no control characters
tenancy-error-language-invalid = give a language tag such as en, cy or en-GB
tenancy-error-host-required = give at least one hostname the place is served at
tenancy-error-slug-taken = a tenant with the slug `{ $slug }` already exists
tenancy-error-host-serves = the host `{ $host }` already serves the tenant `{ $slug }`
tenancy-error-host-taken = the host `{ $host }` is already taken
tenancy-error-last-host = `{ $host }` is the only host of `{ $slug }`; add another before removing it
