# Data agored: y dudalen sy'n disgrifio'r ffeiliau o gynigion lle i'w
# lawrlwytho, eu trwydded a'u meysydd.

opendata-title = Data agored
opendata-lead = Mae { $place } yn cyhoeddi cynigion ei breswylwyr, pa mor bell y mae pob un wedi mynd, faint o bobl sy'n ei gefnogi a beth ddywedodd y bobl yr oedd ar eu cyfer ar ôl iddo gael ei gyflawni, i unrhyw un eu hailddefnyddio.
opendata-downloads = Lawrlwythiadau
opendata-none = Does dim cynigion wedi'u cyhoeddi eto, felly dim ond eu penawdau sydd yn y ffeiliau.
opendata-count = Mae'r ffeiliau'n cynnwys { $n } cynnig, fel y maent nawr.
opendata-csv = Cynigion fel CSV
opendata-csv-about = (ar gyfer taenlenni; UTF-8, un rhes i bob cynnig, gyda rhes o benawdau yn gyntaf)
opendata-json = Cynigion fel JSON
opendata-json-about = (ar gyfer rhaglenni; daw'r drwydded a'r rhestr o feysydd yn gyntaf, yna
opendata-items = items
opendata-licence = Trwydded
opendata-licence-before = Gallwch ailddefnyddio'r data o dan y drwydded
opendata-licence-files = Mae'r ffeiliau'n dweud hynny hefyd: y JSON yn ei faes
opendata-licence-field = licence
opendata-licence-field-after = , a'r ddwy ffeil yn eu penawdau
opendata-link-header = Link
opendata-and = a
opendata-licence-header = Licence
opendata-headers-after = .
opendata-admin-before = Fel gweinyddwr, gallwch ddewis y drwydded yng
opendata-admin-link = ngosodiadau'r lle
opendata-fields = Beth mae pob maes yn ei olygu
opendata-fields-caption = Meysydd pob cynnig, yn nhrefn colofnau'r CSV
opendata-col-field = Maes
opendata-col-meaning = Ystyr
opendata-cells-before = Mae'r amseroedd yn UTC. Mae celloedd testun y CSV sy'n dechrau gydag
opendata-or = neu
opendata-cells-after = yn dechrau â chollnod, fel bod taenlenni'n eu dangos yn hytrach na'u rhedeg.
opendata-left-out = Beth sydd wedi'i adael allan
opendata-left-out-text = Dim data personol: dim cyfeiriadau e-bost, dim byd am bwy a gefnogodd gynnig neu a roddodd sgôr iddo, ac enw awdur dim ond lle mae wedi dewis ei ddangos i bawb ar ei broffil. Nid yw drafftiau, na chynigion y mae'r cymedrolwyr wedi'u cuddio, wedi'u cynnwys.
opendata-outcomes-before = Dangosir yr un sgoriau fel siart ar
opendata-outcomes-link = y dudalen canlyniadau

# Beth mae pob maes yn ei olygu (mae'r ffeiliau'n cadw'r Saesneg).
opendata-field-id = Dynodydd y cynnig (UUID); ei dudalen yw /proposals/{ "{" }id{ "}" }.
opendata-field-title = Ei deitl.
opendata-field-intended-outcome = Beth mae'n ceisio ei newid i breswylwyr.
opendata-field-status = Pa gam y mae wedi'i gyrraedd: published, in_codesign, accepted, not_taken_forward, in_delivery, delivered neu evaluated.
opendata-field-area-id = Yr ardal o'r lle y mae'n ymwneud â hi (gwag ar gyfer y lle cyfan).
opendata-field-area-name = Enw'r ardal honno.
opendata-field-tags = Ei dagiau (yn y CSV, wedi'u gwahanu gan hanner colonau).
opendata-field-supports = Faint o breswylwyr sy'n ei gefnogi.
opendata-field-created-at = Pryd y cafodd ei ysgrifennu (UTC).
opendata-field-updated-at = Pryd y newidiodd ddiwethaf, gan gynnwys ei statws (UTC).
opendata-field-published-at = Pryd y cafodd ei gyhoeddi (UTC).
opendata-field-evaluation-count = Faint o'r bobl a wahoddwyd i'w werthuso (ar ôl ei gyflawni) a roddodd sgôr iddo.
opendata-field-evaluation-average = Eu sgôr gyfartalog, o 1 (ni ddigwyddodd) i 5 (digwyddodd yn llawn); gwag cyn i unrhyw un roi sgôr.
opendata-field-author-name = Enw'r awdur, dim ond lle mae ei broffil yn ei ddangos i bawb; fel arall yn wag.

# Trwydded a ddewisodd gweinyddwr nad yw'n un o'n rhai ni (mae'r API yn ei
# dweud yn Saesneg).
opendata-error-licence-invalid = dewiswch un o'r rhain: { $licences }
