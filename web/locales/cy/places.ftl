# Lleoedd: y dudalen am y lle, coeden ei ardaloedd, a thudalen pob ardal
# gyda'r hyn sy'n digwydd yno.

places-kind-city = Dinas
places-kind-ward = Ward
places-kind-neighbourhood = Cymdogaeth
places-kind-other = Ardal

# Am y lle.
places-about = Am { $place }
places-no-story = Nid yw stori'r lle hwn wedi'i hysgrifennu eto.
places-contact = I gysylltu â'r tîm y tu ôl i { $place }, ysgrifennwch at
places-areas-of = Ardaloedd { $place }
places-edit-story = Golygu'r stori hon

# Yr ardaloedd.
places-areas = Ardaloedd
places-areas-intro = Rhannau { $place }: dilynwch ardal i weld yr ardaloedd o'i mewn a'r hyn sy'n digwydd yno.
places-areas-none = Does dim ardaloedd wedi'u hychwanegu eto.

# Ardal.
places-breadcrumb = Briwsion bara
places-in = o fewn { $name }
places-location = Lleoliad
places-lat-lon = lledred { $lat }, hydred { $lon }
places-inside = Ardaloedd o fewn { $name }
places-inside-none = Does dim ardaloedd o fewn hon.
places-proposals-for = Cynigion ar gyfer { $name }
places-proposals-none = Does dim cynnig wedi'i wneud ar gyfer yr ardal hon eto.
places-write-one = Ysgrifennwch un
places-all-proposals = Pob cynnig ar gyfer { $name }
places-what-happens = Beth sy'n digwydd yma
places-assets = Asedau
places-assets-none = Does neb wedi cofrestru ased yn { $name } eto.
places-register-one = Cofrestrwch un
places-see-all-assets = Gweld pob ased yn { $name } ({ $n })
places-register-here = Cofrestru ased yma
places-organisations = Sefydliadau sy'n gwasanaethu { $name }
places-organisations-none = Does dim sefydliad yn dweud ei fod yn gwasanaethu { $name } eto.
places-recognised = Wedi'i gydnabod gan y cyngor
places-and-more = A { $n } arall:
places-see-every-organisation = gweld pob sefydliad
places-coming = Bydd cynigion a byrddau'r ardal hon yn cael eu rhestru yma wrth i'r rhannau hynny o'r platfform gyrraedd.

# Problemau gydag ardal, gosodiadau'r lle neu ei stori (mae'r API yn eu
# dweud yn Saesneg).
places-error-kind-invalid = dewiswch ddinas, ward, cymdogaeth neu arall
places-error-name-required = rhowch enw i'r ardal
places-error-too-long = defnyddiwch { $max } nod ar y mwyaf
places-error-point-half = rhowch y lledred a'r hydred ill dau
places-error-degrees-range = rhowch raddau rhwng -{ $limit } a { $limit }
places-error-degrees-number = rhowch nifer o raddau, fel 52.4068
places-error-parent-id-invalid = rhowch id ardal, neu `none`
places-error-parent-unknown = does dim ardal o'r fath yn y lle hwn
places-error-name-taken = mae gan ardal arall gyda'r un rhiant yr enw hwn yn barod
places-error-has-children = { $n ->
    [one] mae'r ardal hon yn cynnwys { $n } ardal arall; symudwch hi neu ei thynnu yn gyntaf
    [two] mae'r ardal hon yn cynnwys { $n } ardal arall; symudwch nhw neu eu tynnu yn gyntaf
   *[other] mae'r ardal hon yn cynnwys { $n } o ardaloedd eraill; symudwch nhw neu eu tynnu yn gyntaf
}
places-error-in-use = { $n ->
    [one] mae { $n } cynnig am yr ardal hon; mae'n aros tra bo'r cynnig yn aros
    [two] mae { $n } gynnig am yr ardal hon; mae'n aros tra bo'r cynigion yn aros
   *[other] mae { $n } cynnig am yr ardal hon; mae'n aros tra bo'r cynigion yn aros
}
places-error-email-invalid = rhowch gyfeiriad e-bost fel enw@example.org
places-error-sender-one-line = rhaid i enw'r anfonwr fod yn un llinell o destun
places-error-threshold-invalid = rhowch rif cyfan o 1 i { $max }
places-error-colour-invalid = rhowch liw fel # a chwe digid hecsadegol, fel #1d5c4d
places-error-colour-contrast = mae gan destun gwyn ar y lliw hwn gyferbyniad o { $ratio }:1; dewiswch liw tywyllach (o leiaf { $min }:1)
