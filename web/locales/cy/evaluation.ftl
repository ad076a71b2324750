# Gwerthuso: yr adran ar dudalen cynnig sydd wedi'i gyflawni, ei dudalen
# werthuso gyda'r ffurflen sgorio a'r hyn a ddywedodd pobl, a'r dangosfwrdd
# canlyniadau gyda'i siart.

evaluation-rating-1 = Ni ddigwyddodd
evaluation-rating-2 = Digwyddodd ychydig ohono
evaluation-rating-3 = Digwyddodd rhywfaint ohono
evaluation-rating-4 = Digwyddodd y rhan fwyaf ohono
evaluation-rating-5 = Digwyddodd yn llawn
evaluation-average = { $average } allan o 5
evaluation-no-ratings-lower = dim sgoriau eto
evaluation-segment = { $label }: { $n } { $n ->
    [one] person
   *[other] o bobl
}
evaluation-chart-summary = Cyfartaledd { $average }, o { $n } sgôr
evaluation-chart-no-ratings = Dim sgoriau eto
evaluation-desc-spread = { $n } wedi rhoi { $rating }
evaluation-desc-rated = { $title }: cyfartaledd { $average } o { $n } sgôr ({ $spread }).
evaluation-desc-none = { $title }: dim sgoriau eto.
evaluation-chart-title = Sut y sgoriodd preswylwyr “{ $title }”
evaluation-chart-title-outcomes = Canlyniadau i breswylwyr: sut y sgoriodd y bobl yr oedd pob cynnig a gyflawnwyd ar eu cyfer (tudalen { $page } o { $pages })
evaluation-because-supporter = i chi ei gefnogi
evaluation-because-resident = eich bod yn byw yn yr ardal yr oedd ar ei chyfer
evaluation-because-invited = i chi gael eich gwahodd
evaluation-notice-rated = Diolch: mae eich sgôr wedi'i gyfrif. Gallwch ei newid nes i'r gwerthusiad gau.
evaluation-notice-withdrawn = Mae eich sgôr wedi'i dynnu'n ôl.
evaluation-legend = Beth mae'r lliwiau'n ei olygu

# Yr adran ar dudalen cynnig.
evaluation-section-title = A wnaeth wahaniaeth?
evaluation-section-open = Mae'r cynnig hwn wedi'i gyflawni. Gofynnir i'w gefnogwyr ac i breswylwyr ei ardal a ddigwyddodd y canlyniad a fwriadwyd.
evaluation-section-open-asked = Mae'r cynnig hwn wedi'i gyflawni. Gofynnir i'w gefnogwyr ac i breswylwyr ei ardal a ddigwyddodd y canlyniad a fwriadwyd (gofynnwyd i { $n } { $n ->
    [one] person
   *[other] o bobl
}).
evaluation-closed = Mae'r gwerthusiad wedi cau: dyma ei ganlyniadau terfynol.
evaluation-nobody-rated = Does neb wedi ei sgorio eto.
evaluation-average-label = Cyfartaledd { $average }
evaluation-from-ratings = , o { $n } sgôr.
evaluation-you-rated = Rydych wedi ei sgorio.
evaluation-change-rating = Newid eich sgôr
evaluation-you-are-invited = Fe'ch gwahoddir i ddweud a ddigwyddodd.
evaluation-rate-it = Rhoi sgôr
evaluation-you-rated-thanks = Rydych wedi ei sgorio; diolch.
evaluation-who-is-asked = Y bobl a holir yw ei gefnogwyr a phreswylwyr ei ardal pan gafodd ei gyflawni.
evaluation-sign-in = Mewngofnodwch
evaluation-sign-in-after = os gofynnwyd i chi ei sgorio.
evaluation-link = Y gwerthusiad
evaluation-link-with-words = Y gwerthusiad a'r hyn a ddywedodd pobl

# Tudalen y gwerthusiad.
evaluation-title = Gwerthusiad { $title }
evaluation-breadcrumb = Briwsion bara
evaluation-outcomes = Canlyniadau
evaluation-heading = A wnaeth “{ $title }” wahaniaeth?
evaluation-set-out = Beth roedd am ei newid i breswylwyr
evaluation-not-started = Nid yw'r cynnig hwn wedi'i gyflawni eto. Unwaith y bydd, gofynnir i'w gefnogwyr ac i breswylwyr ei ardal a ddigwyddodd y canlyniad a fwriadwyd.
evaluation-what-people-said = Beth ddywedodd pobl
evaluation-open-asked = Gofynnwyd i { $n } { $n ->
    [one] person
   *[other] o bobl
}: ei gefnogwyr a phreswylwyr ei ardal pan gafodd ei gyflawni. Gallant newid eu hateb nes i'r gwerthusiad gau.
evaluation-closed-asked = Mae'r gwerthusiad wedi cau: dyma ei ganlyniadau terfynol. Gofynnwyd i { $n } { $n ->
    [one] person
   *[other] o bobl
}.
evaluation-table-caption = Faint o bobl a roddodd bob sgôr
evaluation-col-rating = Sgôr
evaluation-col-meaning = Ystyr
evaluation-col-people = Pobl
evaluation-col-share = Cyfran
evaluation-your-rating = Eich sgôr
evaluation-asked-because = Gofynnir i chi oherwydd { $reason }.
evaluation-how-much = Faint o'r canlyniad a fwriadwyd a ddigwyddodd?
evaluation-comment = Beth welsoch chi (dewisol)
evaluation-comment-hint = Ychydig eiriau am yr hyn a newidiodd, neu na newidiodd, hyd at { $max } nod. Gall pawb eu darllen.
evaluation-show-name = Dangos fy enw wrth ymyl fy ngeiriau (fel arall fe'u dangosir fel geiriau “preswylydd”)
evaluation-save = Cadw fy sgôr
evaluation-withdraw = Tynnu fy sgôr yn ôl
evaluation-you-rated-it = Rhoesoch sgôr o { $rating } iddo ({ $label }). Diolch.
evaluation-only-asked = Dim ond y bobl a holir all ei sgorio: ei gefnogwyr a phreswylwyr ei ardal pan gafodd ei gyflawni.
evaluation-in-their-words = Yn eu geiriau eu hunain
evaluation-no-words = Does neb wedi ychwanegu geiriau at eu sgôr eto.
evaluation-a-resident = Preswylydd
evaluation-comment-rated = , sgôr { $rating } ({ $label }), { $date }
evaluation-comment-pages = Tudalennau o sylwadau

# Y dangosfwrdd canlyniadau.
evaluation-outcomes-title = Canlyniadau i breswylwyr
evaluation-outcomes-lead = Beth roedd pob cynnig a gyflawnwyd am ei newid i bobl { $place }, ac a yw'r bobl yr oedd ar eu cyfer yn dweud iddo ddigwydd: mae ei gefnogwyr a phreswylwyr ei ardal yn rhoi sgôr iddo o 1 (ni ddigwyddodd) i 5 (digwyddodd yn llawn).
evaluation-outcomes-none = Does dim cynnig wedi'i gyflawni eto. Pan fydd un wedi'i gyflawni, gofynnir i'r bobl yr oedd ar eu cyfer a wnaeth y gwahaniaeth a addawodd, a bydd eu hatebion yn ymddangos yma.
evaluation-outcomes-see-proposals = Gweld y cynigion
evaluation-outcomes-caption = Mae pob bar yn un cynnig a gyflawnwyd, wedi'i rannu yn ôl faint o bobl a roddodd bob sgôr. Mae'r tabl isod yn rhoi'r un ffigurau.
evaluation-outcomes-table = Canlyniadau a sgoriau (y siart fel tabl)
evaluation-col-proposal = Cynnig
evaluation-col-outcome = Y canlyniad a fwriadwyd i breswylwyr
evaluation-col-stage = Cam
evaluation-col-ratings = Sgoriau
evaluation-col-average = Cyfartaledd
evaluation-col-rated = Pobl a roddodd sgôr o { $rating }
evaluation-open-data-before = Mae'r ffigurau hefyd yn cael eu cyhoeddi fel
evaluation-open-data-link = data agored

# Negeseuon gwall: wrth ymyl maes, neu ar dudalen sy'n gwrthod.
evaluation-error-rating-invalid = dewiswch rif cyfan o 1 (ni ddigwyddodd) i 5 (digwyddodd yn llawn)
evaluation-error-rating-required = dewiswch sgôr o 1 (ni ddigwyddodd) i 5 (digwyddodd yn llawn)
evaluation-error-comment-length = cadwch y sylw i { $max } nod ar y mwyaf
evaluation-error-control-characters = tynnwch y nodau rheoli
evaluation-error-not-open = mae cynnig yn cael ei werthuso unwaith y bydd wedi'i gyflawni
evaluation-error-closed = mae gwerthusiad y cynnig hwn wedi cau; mae ei ganlyniadau'n derfynol
evaluation-error-not-invited = dim ond y bobl a wahoddwyd i werthuso'r cynnig hwn sy'n gallu ei sgorio: ei gefnogwyr, a phreswylwyr ei ardal pan gafodd ei gyflawni
