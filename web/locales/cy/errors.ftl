# Tudalennau gwall, crynodeb gwallau ffurflen, ac amser aros mewn geiriau.

status-400 = Cais gwael
status-401 = Mae angen mewngofnodi
status-403 = Dim caniatâd
status-404 = Heb ei ganfod
status-405 = Dull heb ei ganiatáu
status-409 = Gwrthdaro
status-410 = Wedi'i guddio
status-413 = Rhy fawr
status-415 = Math o gyfrwng heb ei gefnogi
status-422 = Gwiriwch yr hyn a roesoch
status-429 = Gormod o geisiadau
status-500 = Aeth rhywbeth o'i le
status-503 = Ddim ar gael dros dro
status-507 = Dim lle ar ôl
status-other = Gwall

error-detail-unauthorized = mewngofnodwch i wneud hyn
error-detail-method-not-allowed = nid yw'r cyfeiriad hwn yn derbyn y dull hwnnw
error-detail-too-large = mae corff y cais yn rhy fawr
error-detail-media-type = nid yw'r cyfeiriad hwn yn derbyn y math hwn o gorff cais
error-detail-validation = mae angen edrych ar rai meysydd
error-detail-internal = aeth rhywbeth o'i le ar ein hochr ni; mae wedi'i gofnodi ac ni newidiodd y cais ddim
error-detail-bad-request = nid oedd modd deall y cais

error-unknown-host = Nid oes lle yn cael ei weini yn y cyfeiriad hwn. Gwiriwch y cyfeiriad a deipiwyd gennych neu'r ddolen a ddilynwyd gennych.
error-unknown-host-admin = Os ydych yn rhedeg y gosodiad hwn, ychwanegwch yr enw gwesteiwr hwn at denant gyda { $command }, neu gosodwch { $variable }.
error-suspended = Mae'r lle hwn wedi'i oedi am y tro. Rhowch gynnig arall arni nes ymlaen, neu cysylltwch â'r cyngor sy'n ei redeg.
error-unavailable = Ni allwn gyrraedd ein cofnodion ar hyn o bryd, felly nid oedd modd gwneud hyn. Fel arfer mae'n ôl o fewn eiliadau: arhoswch a rhowch gynnig arall arni.
error-unavailable-wait = Ni allwn gyrraedd ein cofnodion ar hyn o bryd, felly nid oedd modd gwneud hyn. Fel arfer mae'n ôl o fewn eiliadau: arhoswch { $wait } a rhowch gynnig arall arni.
error-check-before-resending = Os oeddech yn anfon ffurflen, gwiriwch a aeth hi drwodd cyn ei hanfon eto.
error-storage-full = Nid oes lle ar ôl i gadw pethau ar hyn o bryd, felly ni chadwyd dim a anfonwyd gennych. Mae'r bobl sy'n rhedeg y wefan hon wedi cael gwybod; rhowch gynnig arall arni nes ymlaen.
error-rate-limited = Gormod o ymdrechion. Er eich diogelwch, arhoswch { $wait } a rhowch gynnig arall arni.
error-rate-limited-why = Mae'r saib byr hwn yn cadw cyfrifon yma'n ddiogel rhag pobl sy'n dyfalu cyfrineiriau neu'n anfon e-bost diangen.
error-not-found = Ni allem ddod o hyd i'r dudalen honno. Efallai ei bod wedi symud, neu fod camgymeriad yn y cyfeiriad.
error-home-link = Mynd i'r hafan
error-reference = Os byddwch yn cysylltu â ni am hyn, nodwch y cyfeirnod { $reference }.

error-summary-title = Mae problem

# Yn Gymraeg mae'r enw'n aros yn unigol ar ôl rhif: "5 eiliad".
wait-seconds = { $n } eiliad
wait-minutes = { $n } munud
wait-hours = { $n } awr

# Cyn neges gwall maes, ac yn nheitl tudalen sydd â gwallau.
error-prefix = Gwall:

# Gwrthdaro nad oedd gwasanaeth wedi'i ragweld: mae rhywbeth o'r un enw neu allwedd yno'n barod.
error-already-exists = mae hwn yn bodoli'n barod

# Ceisiadau nad oedd modd eu darllen ($reason yw geiriau'r dosrannwr ei hun, yn Saesneg).
error-page-number-invalid = rhowch rif cyfan o 1 i { $max }
error-json-shape = nid oes gan y JSON y siâp disgwyliedig: { $reason }
error-json-malformed = nid yw'r corff yn JSON dilys: { $reason }
error-body-unreadable = nid oedd modd darllen corff y cais: { $reason }
error-form-unreadable = nid oedd modd darllen y ffurflen: { $reason }
error-form-cross-site = anfonwyd y ffurflen hon o wefan arall
error-form-expired = mae'r ffurflen hon wedi dod i ben; ewch yn ôl, ail-lwythwch y dudalen a rhowch gynnig arall arni

# Allweddi analluedd ($header yw enw'r pennawd).
error-idempotency-key-invalid = rhaid i'r pennawd { $header } fod rhwng 1 a { $max } nod ASCII gweladwy (dim bylchau na dyfynodau), e.e. UUID
error-idempotency-key-reused = defnyddiwyd yr allwedd hon ar gyfer cais gwahanol (llwybr neu gorff arall); defnyddiwch allwedd newydd ar gyfer cais newydd
error-idempotency-in-flight = mae'r cais cyntaf gyda'r Idempotency-Key hwn yn dal i gael ei ateb; rhowch gynnig arall arni mewn eiliad
error-idempotency-just-reused = roedd yr Idempotency-Key hwn newydd gael ei ailddefnyddio; anfonwch y cais eto
