# Preswylio: tudalen unigolyn ar gyfer dangos ei fod yn byw yn y lle (drwy
# god post, cod gwarantu neu gymeradwyaeth gweinyddwr), yr ardal y mae'n
# byw ynddi, ciw ceisiadau'r gweinyddwyr, a chodau gwarantu sefydliad.

residency-route-postcode = cod post yn y lle
residency-route-vouching = cod gan sefydliad y mae'r cyngor yn ei gydnabod
residency-route-manual = cymeradwyaeth gan weinyddwyr y lle

residency-title = Dangos eich bod yn byw yma
residency-lead = Mae cefnogi cynigion, pleidleisio a chyfrif fel dinesydd ar fyrddau ar gyfer y bobl sy'n byw yn { $place }. Mae pawb sy'n byw yma yn cymryd rhan ar sail gyfartal, gyda chyfeiriad sefydlog neu hebddo.
residency-status = Eich statws
residency-resident = Rydych yn breswylydd wedi'i ddilysu.
residency-verified-by-postcode = Fe wnaethoch ddangos eich bod yn byw yma gyda'ch cod post.
residency-verified-by-vouching = Fe wnaethoch ddangos eich bod yn byw yma gyda chod gan sefydliad a warantodd drosoch.
residency-verified-by-manual = Fe wnaethoch ddangos eich bod yn byw yma drwy weinyddwyr y lle.
residency-not-yet = Heb eich dilysu eto.
residency-confirm-email-before-link = Yn gyntaf, cadarnhewch eich cyfeiriad e-bost: dilynwch y ddolen a anfonwyd gennym atoch, neu gofynnwch am un newydd ar
residency-confirm-email-link = dudalen eich cyfrif
residency-use-a-way = Defnyddiwch un o'r ffyrdd isod.
residency-pending = Rydych wedi gofyn i weinyddwyr y lle gadarnhau eich bod yn byw yma. Byddant yn penderfynu, a byddwn yn anfon e-bost atoch.
residency-declined = Nid oedd y gweinyddwyr yn gallu cadarnhau eich cais diwethaf. Eu rheswm: { $reason }
residency-area-link = Yr ardal rydych yn byw ynddi
residency-area-why = : gofynnir i breswylwyr ardal a wnaeth y cynigion a gyflawnwyd yno wahaniaeth.
residency-how-checked = Sut mae'r lle hwn yn gwirio
residency-email-enough = Nid yw { $place } yn gofyn am ddim mwy na chyfeiriad e-bost wedi'i gadarnhau ar hyn o bryd.
residency-any-way = Mae { $place } yn derbyn unrhyw un o'r ffyrdd hyn. Dim ond y ffaith eich bod wedi'ch dilysu, a sut, rydym yn ei chadw, byth eich cod post na phwy a warantodd drosoch.
residency-postcode-title = Gyda'ch cod post
residency-postcode = Eich cod post
residency-postcode-hint = Fel CV1 5FB.
residency-postcode-check = Gwirio fy nghod post
residency-code-title = Gyda chod gan sefydliad
residency-code-intro = Os nad oes gennych gyfeiriad sefydlog, neu os yw'n well gennych beidio â'i roi, gall sefydliad y mae'r cyngor yn ei gydnabod (fel lloches nos, gwasanaeth tai neu grŵp cymunedol) roi cod untro i chi.
residency-code = Eich cod
residency-code-hint = 12 llythyren a digid, fel 7KQ2-M9XD-4RTA. Does dim ots am briflythrennau na llinellau toriad.
residency-code-use = Defnyddio fy nghod
residency-request-title = Gofyn i weinyddwyr y lle
residency-request-intro = Bydd gweinyddwyr { $place } yn edrych ar eich cais ac yn anfon eu penderfyniad atoch drwy e-bost.
residency-request-note = Nodyn i'r gweinyddwyr (dewisol)
residency-request-note-hint = Unrhyw beth sy'n eu helpu, fel y ffordd orau o gysylltu â chi. Dim mwy na 1000 nod.
residency-request-ask = Gofyn i'r gweinyddwyr
notice-residency-verified = Rydych bellach yn breswylydd wedi'i ddilysu.
notice-residency-asked = Rydych wedi gofyn. Bydd gweinyddwyr y lle yn penderfynu, a byddwn yn anfon e-bost atoch.

residency-area-title = Yr ardal rydych yn byw ynddi
residency-area-lead = Pan fydd cynnig ar gyfer eich ardal wedi'i gyflawni, mae { $place } yn gofyn i breswylwyr yr ardal honno a wnaeth y gwahaniaeth a addawodd. Dywedwch ym mha ardal rydych yn byw er mwyn i ni ofyn i chi.
residency-area-current = Fe ddywedoch eich bod yn byw yn
residency-area-none = Nid ydych wedi dweud ym mha ardal rydych yn byw.
residency-area-private = Does neb arall yn ei gweld. Dim ond preswylwyr wedi'u dilysu sy'n cael eu holi
residency-area-residency-link = dangos eich bod yn byw yma
residency-area-no-areas = Nid yw { $place } wedi disgrifio ei ardaloedd eto.
residency-area-label = Eich ardal
residency-area-rather-not = Byddai'n well gennyf beidio â dweud
residency-area-save = Cadw fy ardal
notice-residency-area-saved = Mae eich ardal wedi'i chadw.

residency-queue-title = Ceisiadau preswylio
residency-queue-intro = Pobl sydd wedi gofyn i chi gadarnhau eu bod yn byw yma. Mae cymeradwyo yn eu gwneud yn breswylydd wedi'i ddilysu; mae angen rheswm i wrthod, a byddant yn ei gael drwy e-bost.
residency-queue-waiting = { $n ->
    [zero] Does dim cais yn aros.
    [one] Mae { $n } cais yn aros.
    [two] Mae { $n } gais yn aros.
   *[other] Mae { $n } cais yn aros.
}
residency-queue-email = E-bost
residency-queue-asked = Gofynnwyd
residency-queue-note = Nodyn
residency-queue-reason = Rheswm (mae ei angen i wrthod; bydd yn cael ei anfon at { $name })
residency-queue-approve = Cymeradwyo
residency-queue-decline = Gwrthod
notice-residency-approved = Cymeradwywyd: maen nhw'n breswylydd wedi'i ddilysu ac wedi cael gwybod drwy e-bost.
notice-residency-declined = Gwrthodwyd: maen nhw wedi cael gwybod drwy e-bost, gyda'ch rheswm.

residency-vouching-title = Codau gwarantu { $org }
residency-vouching-new-code = Dyma'r cod newydd. Ysgrifennwch ef neu rhowch ef i'r person nawr: dim ond unwaith y caiff ei ddangos.
residency-vouching-works-until = Mae'n gweithio unwaith, tan { $date }. Maen nhw'n ei roi ar eu tudalen breswylio ar ôl mewngofnodi.
residency-vouching-lead = Mae cod yn gadael i rywun rydych yn gwybod ei fod yn byw yn { $place } (er enghraifft rhywun sy'n aros mewn lloches nos, neu heb gyfeiriad sefydlog) ddod yn breswylydd wedi'i ddilysu ar sail gyfartal. Rhowch un cod i un person.
residency-vouching-codes = Eich codau
residency-vouching-counted = Rydym yn cyfrif codau, ond byth yn cofnodi pwy a ddefnyddiodd un.
residency-vouching-caption = Faint o godau a roddwyd, a ddefnyddiwyd ac a ddaeth i ben
residency-vouching-issued = Wedi'u rhoi
residency-vouching-used = Wedi'u defnyddio
residency-vouching-expired = Wedi dod i ben heb eu defnyddio
residency-vouching-usable = Yn dal i weithio
residency-vouching-issue-title = Rhoi cod
residency-vouching-issue = Rhoi cod newydd
residency-vouching-not-recognised = Dim ond sefydliadau y mae'r cyngor yn eu cydnabod sy'n gallu gwarantu pobl. Gofynnwch i weinyddwyr y lle gydnabod { $org }.
residency-vouching-back = Yn ôl i { $org }

# Problemau gyda dangos eich bod yn byw yma, ceisiadau a chodau gwarantu
# (mae'r API yn eu dweud yn Saesneg).
residency-error-route-unknown = nid yw `{ $name }` yn un o'r ffyrdd o ddangos eich bod yn byw yma: dewiswch verified_email, neu unrhyw un o postcode, vouching a manual
residency-error-email-alone = mae verified_email yn golygu dim gwiriad y tu hwnt i gyfeiriad e-bost wedi'i gadarnhau, felly ni ellir ei gyfuno â ffyrdd eraill
residency-error-postcode-empty = mae'r cod post yn wag: rhowch god post fel CV1 5FB
residency-error-postcode-characters = dim ond llythrennau a digidau sydd mewn cod post: rhowch god post fel CV1 5FB
residency-error-postcode-length = mae gan god post rhwng 5 a 7 llythyren a digid: rhowch god post fel CV1 5FB
residency-error-postcode-inward = rhaid i'r rhan olaf fod yn ddigid a dwy lythyren: rhowch god post fel CV1 5FB
residency-error-postcode-outward = rhaid i'r rhan gyntaf fod yn un neu ddwy lythyren a rhif: rhowch god post fel CV1 5FB
residency-error-code-malformed = mae gan god 12 llythyren a digid, fel 7KQ2-M9XD-4RTA; gwiriwch ef a rhowch gynnig arall arni
residency-error-area-unknown = dewiswch un o ardaloedd y lle hwn
residency-error-one-way = anfonwch un yn unig o postcode, code a request
residency-error-decision-invalid = dewiswch gymeradwyo neu wrthod
residency-error-required = dim ond preswylwyr wedi'u dilysu yn y lle hwn sy'n gallu gwneud hyn: ewch i { $page } i weld y ffyrdd o ddangos eich bod yn byw yma
residency-error-confirm-email-first = cadarnhewch eich cyfeiriad e-bost yn gyntaf, yna ewch i { $page } i weld y ffyrdd o ddangos eich bod yn byw yma
residency-error-route-not-allowed = nid yw'r lle hwn yn derbyn { $route ->
    [postcode] cod post yn y lle
    [vouching] cod gan sefydliad y mae'r cyngor yn ei gydnabod
   *[manual] cymeradwyaeth gan weinyddwyr y lle
} fel ffordd o ddangos eich bod yn byw yma; ewch i { $page } i weld y ffyrdd y mae'n eu derbyn
residency-error-already-resident = rydych eisoes yn breswylydd wedi'i ddilysu yn y lle hwn
residency-error-postcode-unknown = nid yw { $postcode } yn un o godau post y lle hwn; gwiriwch ef, neu defnyddiwch ffordd arall o ddangos eich bod yn byw yma
residency-error-code-unknown = nid yw'r cod hwn yn un a roesom ni yma; gwiriwch ef gyda'r sefydliad a'i rhoddodd i chi
residency-error-code-used = mae'r cod hwn wedi'i ddefnyddio eisoes; mae pob cod yn gweithio unwaith yn unig, felly gofynnwch i'r sefydliad am un newydd
residency-error-code-expired = mae'r cod hwn wedi dod i ben; gofynnwch i'r sefydliad am un newydd
residency-error-code-not-recognised = nid yw'r cyngor yn cydnabod y sefydliad a roddodd y cod hwn mwyach, felly nid yw ei godau'n gweithio rhagor
residency-error-note-too-long = cadwch y nodyn i { $max } nod
residency-error-already-asked = rydych wedi gofyn eisoes; bydd gweinyddwyr y lle yn penderfynu ac yn anfon e-bost atoch
residency-error-reason-too-long = cadwch y rheswm i { $max } nod
residency-error-reason-required = dywedwch pam, er mwyn i'r person wybod beth i'w wneud nesaf
residency-error-organisation-admins-only = dim ond gweinyddwyr y sefydliad sy'n gallu gwneud hyn
residency-error-code-days = gall cod bara rhwng 1 a { $max } diwrnod
residency-error-vouching-not-recognised = dim ond sefydliadau y mae'r cyngor yn eu cydnabod sy'n gallu gwarantu pobl; gofynnwch i weinyddwyr y lle gydnabod eich sefydliad chi
residency-error-vouching-off = nid yw'r lle hwn yn derbyn codau gwarantu ar hyn o bryd, felly ni fyddai cod yn gweithio
