# Assets: the asset map (browse and search), registering and editing an
# asset, its page with the contact form, withdrawing it, and the assets a
# proposal builds on.

assets-kind-skill = Skill
assets-kind-space = Space
assets-kind-service = Service
assets-kind-group = Group
assets-kind-equipment = Equipment
assets-kind-skill-hint = something a person can do, like cooking or fixing bikes
assets-kind-space-hint = a room, hall, garden or kitchen people can use
assets-kind-service-hint = something offered regularly, like advice sessions
assets-kind-group-hint = people who meet, like a club or a choir
assets-kind-equipment-hint = things to borrow or share, like tools or a minibus
assets-kind-skill-word = skill
assets-kind-space-word = space
assets-kind-service-word = service
assets-kind-group-word = group
assets-kind-equipment-word = equipment
assets-asset = Asset

# The list.
assets-title = Assets
assets-intro = The skills, spaces, services, groups and equipment that people and organisations of { $place } offer.
assets-register = Register an asset
assets-search = Search
assets-kind = Kind
assets-any-kind = Any kind
assets-area = Area
assets-every-area = Every area
assets-showing-area = Showing assets in { $name } and the areas inside it.
assets-count = { $n } { $n ->
    [one] asset
   *[other] assets
}.
assets-none-match = No asset matches your search.
assets-check-spelling = Check the spelling, or try fewer or other words.
assets-search-every-area = Search every area
assets-not-just = , not just { $name }.
assets-see-every = See every asset
assets-none-yet = Nobody has registered an asset yet.
assets-offer-org = Do you or your organisation have something to offer?
assets-offer = Do you have something to offer?
assets-sign-in = Sign in
assets-sign-in-to-register = to register an asset.
assets-offered-by-name = Offered by { $name }
assets-available-when = Available: { $when }

# An asset's page.
assets-breadcrumb = Breadcrumb
assets-its-area = Its area
assets-withdrawn-notice = You have withdrawn this asset: it is no longer listed, and only you can see this page.
assets-offered-by = Offered by
assets-a-resident = A resident
assets-available = Available
assets-edit = Edit the asset
assets-withdraw-it = Withdraw it
assets-proposals = Proposals that build on it
assets-get-in-touch = Get in touch
assets-not-contactable = The owner is not taking messages through this site.
assets-owner-contact = People who are signed in can write to you about it with a form on this page; their messages reach you by email, and your address is not shown to them.
assets-sign-in-to-message = to send a message about it.
assets-notice-created = Your asset is on the map.
assets-notice-saved = The asset has been saved.
assets-notice-sent = Your message has been sent. They can reply to you by email.
assets-notice-sent-private = Your message has been sent. You did not share your email address, so they cannot reply to you. To let them reply, send another message and tick "Share my email address so they can reply".

# Writing to an asset's owner.
assets-write-about = Write about { $name }
assets-back-to = Back to { $name }
assets-message = Your message
assets-message-hint-org = We send it by email with your name to the admins of { $org }. Their email address is not shown to you. Up to { $max } characters.
assets-message-hint-person = We send it by email with your name to the person who offers it. Their email address is not shown to you. Up to { $max } characters.
assets-share-email = Share my email address so they can reply
assets-share-email-hint = If you do not tick this, they cannot reply to you.
assets-send = Send the message

# Registering and editing.
assets-register-title = Register an asset
assets-register-button = Register the asset
assets-edit-title = Edit { $name }
assets-save-button = Save the asset
assets-name = Name
assets-name-hint = For example "Bike repairs" or "Community hall".
assets-description = Description
assets-description-hint = What you offer and to whom, in plain text, up to 4000 characters.
assets-area-hint = Where it is, or where you offer it. You can leave this empty.
assets-no-area = No particular area
assets-offered-by-org = Offered by { $org }.
assets-offered-by-you = Offered by you.
assets-offered-by-hint = Yourself, or an organisation you are a member of.
assets-me = Me
assets-availability = When it is available
assets-availability-hint = For example "Tuesdays 10–2" or "on request". You can leave this empty.
assets-contactable = People may send messages about it
assets-contactable-hint = Messages come to you by email through this site; your email address is never shown. For an organisation, they go to its admins.

# Withdrawing.
assets-withdraw-title = Withdraw { $name }
assets-withdraw-heading = Withdraw { $name }?
assets-withdraw-text = It will no longer be listed or found on the asset map, and nobody can write to you about it. You can still see its page, but you cannot edit it or put it back: to offer it again, register it anew.
assets-withdraw-yes = Yes, withdraw it
assets-withdraw-no = No, go back

# The assets a proposal builds on.
assets-proposal-title = Assets “{ $title }” builds on
assets-proposal-legend = Assets this proposal builds on
assets-proposal-hint-before = The skills, spaces, services, groups and equipment of the
assets-proposal-hint-link = asset map
assets-proposal-hint-after = your idea would use. At most 20.
assets-proposal-none-linked = No assets are linked yet. Assets of the proposal's area are suggested here once it has an area.
assets-proposal-add = Add other assets
assets-proposal-add-hint = Paste the address of an asset's page (or its id); separate several with spaces.
assets-proposal-save = Save the linked assets
assets-proposal-list-title = Assets it builds on
assets-proposal-list-none = No assets of the asset map are linked to this proposal.
assets-proposal-choose = Choose the assets it builds on

# Problems with what was sent, beside the field or on the page.

assets-error-name-length = give a name of { $min } to { $max } characters
assets-error-description-required = say in a few words what you offer
assets-error-description-length = keep the description to { $max } characters
assets-error-availability-length = keep the availability to { $max } characters
assets-error-message-required = write your message
assets-error-message-length = keep the message to { $max } characters
assets-error-kind = choose skill, space, service, group or equipment
assets-error-area-unknown = choose an area of this place
assets-error-owners-only = only the asset's owners can change it
assets-error-organisation-unknown = choose an organisation of this place
assets-error-organisation-members = only members of the organisation can offer assets on its behalf
assets-error-withdrawn = this asset has been withdrawn; register it again to offer it
assets-error-not-contactable = the owner of this asset is not taking messages through this site
