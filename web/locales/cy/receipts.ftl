# Derbynebau caniatâd: y dudalen gyhoeddus sy'n gwirio derbynneb wedi'i
# gludo, ac yn dweud a yw'n ddilys ac a yw ei chaniatâd yn dal mewn grym.

receipts-title = Gwirio derbynneb caniatâd
receipts-lead = Pan fydd rhywun yn cytuno i adael i'w stori gael ei defnyddio, mae'n cael derbynneb caniatâd: cofnod wedi'i lofnodi o'r hyn y cytunodd iddo, ar gyfer pwy, a than pryd. Gludwch un yma i wirio ei bod yn ddilys ac a yw'r caniatâd hwnnw'n dal mewn grym.
receipts-keys-before = Mae'r gwiriad yn defnyddio'r allweddi y mae'r platfform hwn yn eu cyhoeddi yn
receipts-keys-path = /.well-known/jwks.json
receipts-keys-after = , felly gall unrhyw un hefyd wirio derbynneb gyda'i offer ei hun. Does dim testun stori mewn derbynneb.
receipts-genuine = Mae'r dderbynneb hon yn ddilys
receipts-signed-before = Cafodd ei llofnodi gan y platfform hwn (allwedd
receipts-signed-after = ) ac nid yw wedi'i newid ers hynny.
receipts-what-happened = Beth ddigwyddodd
receipts-happened-given = Rhoddwyd caniatâd ar { $when }
receipts-happened-changed = Newidiwyd y caniatâd ar { $when }
receipts-happened-withdrawn = Tynnwyd y caniatâd yn ôl ar { $when }
receipts-who-responsible = Pwy sy'n gyfrifol
receipts-sensitive = Gwybodaeth sensitif
receipts-yes = Oes
receipts-no = Nac oes
receipts-number = Rhif y dderbynneb
receipts-privacy-notice = Hysbysiad preifatrwydd
receipts-agreed = Beth y cytunwyd arno
receipts-agreed-now = Beth y cytunwyd arno, a ble mae'n sefyll nawr
receipts-col-purpose = Diben
receipts-col-audience = Pwy gaiff weld y stori
receipts-col-attribution = Sut mae'r adroddwr yn cael ei enwi
receipts-col-until = Tan
receipts-col-event = Ar y dderbynneb hon
receipts-col-now = Nawr
receipts-by-name = wrth ei enw
receipts-by-first-name = wrth ei enw cyntaf yn unig
receipts-anonymously = yn ddienw
receipts-event-given = wedi'i roi
receipts-event-changed = wedi'i newid
receipts-event-withdrawn = wedi'i dynnu'n ôl
receipts-not-trusted = Ni ellir ymddiried yn y dderbynneb hon
receipts-the-receipt = Y dderbynneb
receipts-hint = Llinell hir o lythrennau a rhifau gyda dau ddot ynddi, yn dechrau gyda “eyJ”. Gallwch lawrlwytho eich un chi o “Fy nghaniatâd”.
receipts-check = Gwirio'r dderbynneb

# Ble mae caniatâd yn sefyll.
receipts-standing-live = Mae'r caniatâd hwn yn dal mewn grym, ar y telerau isod.
receipts-standing-withdrawn = Nid yw'r caniatâd hwn mewn grym mwyach: cafodd ei dynnu'n ôl.
receipts-standing-expired = Nid yw'r caniatâd hwn mewn grym mwyach: mae wedi dod i ben.
receipts-standing-superseded = Mae'r dderbynneb hon wedi'i disodli: cafodd y caniatâd ei newid neu ei adnewyddu wedyn, ac mae derbynneb fwy newydd yn cofnodi'r telerau nawr.
receipts-standing-partly-live = Mae rhan o'r caniatâd hwn yn dal mewn grym: gweler pob diben isod.
receipts-standing-other-place = Cafodd y dderbynneb hon ei chyhoeddi gan le arall ar y platfform hwn. Gwiriwch hi ar wefan y lle hwnnw i weld a yw'r caniatâd yn dal mewn grym.
receipts-standing-unknown = Nid yw'r lle hwn yn cadw'r caniatâd y mae'r dderbynneb hon yn ei gofnodi mwyach (er enghraifft, mae'r person wedi gadael), felly nid yw mewn grym.
receipts-short-live = mewn grym
receipts-short-withdrawn = wedi'i dynnu'n ôl
receipts-short-expired = wedi dod i ben
receipts-short-superseded = wedi'i ddisodli gan newid diweddarach
receipts-short-partly-live = mewn grym yn rhannol
receipts-short-other-place = gofynnwch i'r lle a'i cyhoeddodd
receipts-short-unknown = nid yw'n cael ei gadw yma mwyach

## Problemau gyda derbynneb a gludwyd

receipts-error-required = Gludwch y dderbynneb: y testun hir sy'n dechrau gydag “eyJ”.
receipts-error-too-long = Mae hwn yn llawer hirach na derbynneb: gludwch y dderbynneb ei hun yn unig.
receipts-invalid-shape = Nid derbynneb caniatâd yw hon: dylai fod yn dair rhan wedi'u gwahanu gan ddotiau, yn dechrau gydag “eyJ”.
receipts-invalid-algorithm = Ni chafodd y dderbynneb hon ei llofnodi yn y ffordd y caiff ein derbynebau ni eu llofnodi (EdDSA).
receipts-invalid-no-key = Nid yw'r dderbynneb hon yn dweud pa allwedd a'i llofnododd.
receipts-invalid-unknown-key = Cafodd y dderbynneb hon ei llofnodi gan allwedd nad yw'r platfform hwn erioed wedi'i chyhoeddi, felly ni ddaeth oddi yma.
receipts-invalid-signature = Nid yw'r llofnod yn cyfateb: mae'r dderbynneb hon wedi'i newid ers iddi gael ei rhoi.
receipts-invalid-not-ours = Rydym ni wedi llofnodi hon, ond nid yw'n dderbynneb caniatâd y byddem ni'n ei rhoi.
