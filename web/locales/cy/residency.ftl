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
