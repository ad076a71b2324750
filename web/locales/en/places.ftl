# Places: the page about the place, the tree of its areas, and each
# area's page with what happens there.

places-kind-city = City
places-kind-ward = Ward
places-kind-neighbourhood = Neighbourhood
places-kind-other = Area

# About the place.
places-about = About { $place }
places-no-story = The story of this place has not been written yet.
places-contact = To contact the team behind { $place }, write to
places-areas-of = The areas of { $place }
places-edit-story = Edit this story

# The areas.
places-areas = Areas
places-areas-intro = The parts of { $place }: follow an area to see the areas inside it and what happens there.
places-areas-none = No areas have been added yet.

# An area.
places-breadcrumb = Breadcrumb
places-in = in { $name }
places-location = Location
places-lat-lon = latitude { $lat }, longitude { $lon }
places-inside = Areas inside { $name }
places-inside-none = No areas inside this one.
places-proposals-for = Proposals for { $name }
places-proposals-none = No proposal has been made for this area yet.
places-write-one = Write one
places-all-proposals = All proposals for { $name }
places-what-happens = What happens here
places-assets = Assets
places-assets-none = Nobody has registered an asset in { $name } yet.
places-register-one = Register one
places-see-all-assets = See all { $n } { $n ->
    [one] asset
   *[other] assets
} in { $name }
places-register-here = Register an asset here
places-organisations = Organisations serving { $name }
places-organisations-none = No organisation says it serves { $name } yet.
places-recognised = Recognised by the council
places-and-more = And { $n } more:
places-see-every-organisation = see every organisation
places-coming = Proposals and boards of this area will be listed here as those parts of the platform arrive.

# Problems with an area, the place's settings or its story (the API says
# them in English).
places-error-kind-invalid = choose city, ward, neighbourhood or other
places-error-name-required = give the area a name
places-error-too-long = use at most { $max } characters
places-error-point-half = give both latitude and longitude
places-error-degrees-range = give degrees from -{ $limit } to { $limit }
places-error-degrees-number = give a number of degrees, such as 52.4068
places-error-parent-id-invalid = give an area id, or `none`
places-error-parent-unknown = no such area in this place
places-error-name-taken = another area with the same parent already has this name
places-error-has-children = this area contains { $n } other area(s); move or remove them first
places-error-in-use = { $n } proposal(s) are about this area; it stays while they do
places-error-email-invalid = enter an email address like name@example.org
places-error-sender-one-line = the sender name must be one line of text
places-error-threshold-invalid = give a whole number from 1 to { $max }
places-error-colour-invalid = give a colour as # and six hexadecimal digits, such as #1d5c4d
places-error-colour-contrast = white text on this colour has a contrast of { $ratio }:1; choose a darker colour (at least { $min }:1)
