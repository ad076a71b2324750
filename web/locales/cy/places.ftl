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
