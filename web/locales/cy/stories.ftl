# Straeon: adrodd stori a'i newid, ei fersiwn heb fanylion adnabod,
# y sgriniau caniatâd a'r hysbysiad caniatâd, tynnu caniatâd yn ôl a'i
# adnewyddu, derbynebau caniatâd, "Pwy sydd wedi defnyddio fy straeon",
# darllen stori a rannwyd â chi, dyfyniadau ar gyfer adroddiadau,
# ceisiadau i ddefnyddio stori, straeon a adroddwyd gyda help aelod o
# staff, a lawrlwythiadau ar gyfer sefydliadau a byrddau.

## Geiriau y mae sawl tudalen yn eu rhannu

story-months = { $n ->
    [two] { $n } fis
   *[other] { $n } mis
}
story-your-story = Eich stori
story-your-consents = Eich caniatadau
story-who-used = Pwy sydd wedi defnyddio fy straeon
story-back-to-stories = Yn ôl i'r straeon
story-back-to-story = Yn ôl i'r stori
story-back-to-your-story = Yn ôl i'ch stori
story-back = Yn ôl
story-cancel = Canslo
story-save = Cadw
story-none = Dim.
story-none-yet = Dim eto.
story-sensitive-no = Nac oes
story-by = Gan { $author }
story-anonymous = Dienw
story-erased = Stori sydd wedi'i dileu
story-title = Teitl
story-area = Ardal
story-no-area = Dim ardal benodol
story-until = Tan
story-download-it = Ei lawrlwytho
story-quote-it = Ei dyfynnu mewn adroddiad
story-withdraw = Tynnu'n ôl
story-consent-for = y caniatâd ar gyfer { $purpose }
story-consent-for-story = y caniatâd ar gyfer { $purpose } ar “{ $title }”
story-who-may-read = Pwy gaiff ei darllen
story-how-named = Sut y cewch eich enwi
story-how-long = Am ba hyd
story-choose-who = Dewiswch bwy
story-consents-for-story = Y caniatadau a roesoch ar gyfer y stori hon
story-col-story = Stori
story-col-purpose = Diben
story-col-when = Pryd
story-col-status = Statws
story-col-actions = Camau gweithredu

## Y dibenion, a beth mae pob un yn ei olygu

story-purpose-board-learning = Dysgu ar fwrdd cyd-ddylunio
story-purpose-tenant-publication = Cyhoeddi gan y cyngor
story-purpose-organisation-report = Dyfynnu yn adroddiad sefydliad
story-purpose-research = Ymchwil
story-purpose-media = Papurau newydd, radio a theledu
story-purpose-training = Hyfforddi staff
story-purpose-automated-analysis = Dadansoddi gan gyfrifiadur
story-meaning-board-learning = Mae aelodau bwrdd cyd-ddylunio yn darllen eich stori i ddeall beth sydd angen ei newid, wrth iddynt gynllunio gwasanaeth gyda phreswylwyr.
story-meaning-tenant-publication = Mae'r cyngor yn dangos eich stori ar ei dudalennau ei hun neu yn ei daflenni a'i adroddiadau ei hun, i bobl ei darllen.
story-meaning-organisation-report = Mae sefydliad yn dyfynnu rhan o'ch stori mewn adroddiad, er enghraifft i'w fwrdd neu i'r bobl sy'n ei ariannu.
story-meaning-research = Mae ymchwilwyr (er enghraifft mewn prifysgol) yn darllen eich stori fel rhan o astudiaeth nad yw er elw.
story-meaning-media = Mae eich stori'n cael ei rhoi i newyddiadurwyr ar gyfer papurau newydd, radio, teledu neu eu gwefannau.
story-meaning-training = Mae eich stori'n cael ei defnyddio i hyfforddi staff, fel eu bod yn deall sut brofiad yw defnyddio eu gwasanaeth.
story-meaning-automated-analysis = Mae cyfrifiadur yn darllen eich stori i ddod o hyd i themâu neu i ysgrifennu crynodebau (mae hyn yn cynnwys offer deallusrwydd artiffisial, neu AI). Does dim yn cael ei ddadansoddi gan gyfrifiadur heb hyn.

## Sut mae'r awdur yn cael ei enwi

story-attribution-named = gyda'ch enw
story-attribution-first-name = gyda'ch enw cyntaf yn unig
story-attribution-anonymous = yn ddienw, gan ddefnyddio eich fersiwn heb fanylion adnabod
story-attribution-their-named = gyda'u henw
story-attribution-their-first-name = gyda'u henw cyntaf yn unig
story-attribution-their-anonymous = yn ddienw, gan ddefnyddio eu fersiwn heb fanylion adnabod
story-attribution-my-named = Gyda fy enw
story-attribution-my-first-name = Gyda fy enw cyntaf yn unig
story-attribution-my-anonymous = Yn ddienw (fy fersiwn heb fanylion adnabod)

## Pwy gaiff ddarllen

story-audience-tenant = Pawb sydd â chyfrif yn y lle hwn
story-audience-public = Unrhyw un (cyhoeddus)
story-audience-public-page = Unrhyw un, yn gyhoeddus (tudalen ar y wefan y gall unrhyw un ei hagor)
story-audience-public-short = Unrhyw un, yn gyhoeddus
story-audience-organisation = Aelodau { $name }
story-audience-some-organisation = Aelodau sefydliad
story-audience-board = Aelodau bwrdd cyd-ddylunio
story-audience-named-board = Aelodau'r bwrdd cyd-ddylunio “{ $title }”
# Dim ond ar ôl "gan" y daw'r rhain ("i'w darllen gan bawb …"), felly
# maen nhw wedi'u treiglo'n barod.
story-audience-words-board = aelodau bwrdd cyd-ddylunio
story-audience-words-organisation = aelodau un sefydliad
story-audience-words-tenant = bawb sydd â chyfrif yn y lle hwn
story-audience-words-public = unrhyw un, yn gyhoeddus

## Beth wnaeth darllenydd â stori, yng nghofnod defnydd yr awdur

story-action-view = ei darllen
story-action-excerpt = ei dyfynnu mewn adroddiad
story-action-download = ei lawrlwytho
story-action-publish = ei gweld ar y dudalen gyhoeddus
story-action-other = ei defnyddio

## Ble mae caniatâd, cais neu dderbynneb yn sefyll

story-status-given = Wedi'i roi
story-status-withdrawn = Wedi'i dynnu'n ôl
story-status-ended = Wedi dod i ben
story-request-agreed = Wedi cytuno
story-request-declined = Wedi gwrthod
story-request-waiting = Yn aros am ateb
story-receipt-given = Caniatâd wedi'i roi
story-receipt-changed = Caniatâd wedi'i newid
story-receipt-withdrawn = Caniatâd wedi'i dynnu'n ôl

## Beth mae tudalen yn ei ddweud ar ôl gweithred

story-done-created = Mae eich stori wedi'i chadw, wedi'i hamgryptio. Ni all neb arall ei darllen nes i chi roi caniatâd isod.
story-done-saved = Mae eich newidiadau wedi'u cadw.
story-done-deidentified = Mae eich fersiwn heb fanylion adnabod wedi'i chadw.
story-done-given = Mae eich caniatâd wedi'i gofnodi. Gallwch ei dynnu'n ôl unrhyw bryd.
story-done-withdrawn = Mae eich caniatâd wedi'i dynnu'n ôl. O hyn ymlaen, ni fydd eich stori'n cael ei dangos ar ei gyfer; gofynnir i unrhyw un a'i defnyddiodd at y diben hwnnw ddileu eu copïau.
story-done-all-withdrawn = Mae pob caniatâd a roesoch wedi'i dynnu'n ôl. Bellach, nid yw eich straeon yn cael eu rhannu â neb.
story-done-renewed = Mae eich caniatâd wedi'i adnewyddu.
story-done-erased = Mae eich stori wedi'i dileu. Mae ei hallwedd wedi'i dinistrio, felly ni all neb byth ei darllen eto.
story-done-decided = Mae eich ateb wedi'i gofnodi a'i anfon.
story-done-requested = Mae eich cais wedi'i anfon at yr awdur. Nhw sy'n penderfynu; byddwch yn cael e-bost gyda'u hateb.
story-receipt-download = Lawrlwythwch eich derbynneb caniatâd
story-receipt-to-keep = : cofnod wedi'i lofnodi o'r newid hwn, i'w gadw. Byddwch hefyd yn dod o hyd iddi o dan
story-receipt-for-change = ar gyfer y newid hwn.

## Y rhestr straeon

story-index-title = Straeon
story-index-lead = Eich profiad, wedi'i rannu ar eich telerau chi. Mae eich straeon yn cael eu cadw wedi'u hamgryptio; does neb arall yn eu darllen oni bai eich bod yn cytuno, fesul diben, a gallwch weld bob tro y bydd rhywun yn gwneud hynny.
story-index-tell = Adrodd stori
story-index-consents-why = : yr hyn y gwnaethoch gytuno iddo, a'i dynnu'n ôl
story-requests-yours = Ceisiadau i ddefnyddio eich straeon
story-index-yours = Eich straeon
story-index-none-yours = Dydych chi ddim wedi adrodd stori eto.
story-index-written = (ysgrifennwyd { $date })
story-index-shared = Straeon a rannwyd â chi
story-index-none-shared = Does neb wedi rhannu stori â chi. Mae straeon yn ymddangos yma pan fydd eu hawduron yn cytuno i'w rhannu â phobl fel chi.
story-index-total = { $n } stori i gyd, gan gynnwys eich rhai chi.
story-index-opening-recorded = Mae agor stori'n cael ei gofnodi, a gall ei hawdur weld eich bod wedi'i darllen.
story-index-by = Stori gan { $author }
story-index-shared-for = (wedi'i rhannu ar gyfer: { $purposes })
story-index-shared-for-until = (wedi'i rhannu ar gyfer: { $purposes }; tan { $date })

## Ysgrifennu a newid stori

story-form-new = Adroddwch eich stori
story-change = Newid eich stori
story-form-intro-before = Ysgrifennwch hi yn eich geiriau eich hun. Caiff ei chadw wedi'i hamgryptio, ac
story-form-intro-strong = ni all neb arall ei darllen
story-form-intro-after = nes i chi ddewis, ar y dudalen nesaf, pwy gaiff ei defnyddio ac i beth. Gallwch ei newid, neu ei dileu, unrhyw bryd.
story-form-title-hint = Ychydig eiriau, hyd at { $max } nod.
story-form-body-hint = Testun plaen, hyd at { $max } nod.
story-form-board = Bwrdd cyd-ddylunio
story-form-board-hint = Os ydych yn ei hadrodd ar gyfer bwrdd rydych chi arno. Nid yw dewis un yn rhannu dim: chi sy'n penderfynu ar y dudalen nesaf a gaiff aelodau'r bwrdd ei darllen.
story-form-no-board = Dim bwrdd
story-form-special = Mae fy stori'n cynnwys gwybodaeth am fy iechyd, neu wybodaeth sensitif arall
story-form-special-hint = Er enghraifft iechyd corfforol neu feddyliol, anabledd, ethnigrwydd, crefydd, rhywioldeb neu aelodaeth o undeb llafur. Mae'r gyfraith yn diogelu'r wybodaeth hon yn gryfach: bydd unrhyw ganiatâd a roddwch yn ganiatâd penodol.
story-form-save-new = Cadw fy stori
story-form-save-changes = Cadw'r newidiadau

## Stori, fel y mae ei hawdur yn ei gweld

story-author-hint = Eich stori. Dim ond chi sy'n gallu ei darllen yma.
story-author-hint-shared = Eich stori. Dim ond chi sy'n gallu ei darllen yma, a'r bobl y gwnaethoch gytuno i'w rhannu â nhw.
story-sensitive = Gwybodaeth sensitif
story-sensitive-yes = Oes: mae unrhyw ganiatâd a roddwch yn ganiatâd penodol
story-written = Ysgrifennwyd
story-written-changed = { $written }, newidiwyd ddiwethaf { $changed }
story-deid-title = Y fersiwn heb fanylion adnabod
story-deid-approved = Rydych wedi cymeradwyo'r fersiwn hon: dyma beth mae pobl yn ei weld pan fyddwch yn rhannu eich stori'n ddienw.
story-deid-draft = Drafft nad ydych wedi'i gymeradwyo eto: ni ellir ei rannu nes i chi ei gymeradwyo.
story-deid-change = Newid y fersiwn heb fanylion adnabod
story-deid-explain = I rannu eich stori'n ddienw, paratowch yn gyntaf fersiwn heb enwau, dyddiadau na lleoedd a allai eich adnabod, a'i chymeradwyo.
story-deid-prepare = Paratoi fersiwn heb fanylion adnabod
story-who-may-use = Pwy gaiff ei defnyddio
story-shared-with-no-one = Neb. Nid yw eich stori'n cael ei rhannu â neb nes i chi ddweud.
story-choose-who-may-use = Dewis pwy gaiff ddefnyddio eich stori
story-see-uses = Gweld pwy sydd wedi defnyddio eich straeon
story-erase-heading = Ei dileu
story-erase-link = Dileu'r stori hon
story-erase-link-after = : ni all neb byth ei darllen eto.

## Stori, fel y mae darllenydd yn ei gweld

story-shared-for = Wedi'i rhannu ar gyfer
story-shared-with = Wedi'i rhannu gyda
story-reader-notice = Rhannodd { $author } y stori hon gyda chaniatâd, at y diben uchod yn unig. Gellir tynnu'r caniatâd hwnnw yn ôl unrhyw bryd; yna mae'r stori'n peidio â bod ar gael yma ar unwaith. Cafodd eich darllen ei gofnodi, a gall yr awdur weld hynny.
story-also-recorded = (caiff hyn ei gofnodi hefyd)
story-ask-other-use = Gofyn i'r awdur am gael ei defnyddio at rywbeth arall
story-download-byline = Gan { $author }. Wedi'i rhannu gyda chaniatâd ar gyfer: { $purpose }, tan { $date }.
story-public-note = Cyhoeddwyd gan { $place } gyda chaniatâd ei hawdur, tan { $date }. Gall yr awdur ei thynnu'n ôl unrhyw bryd; yna bydd y dudalen hon yn peidio â'i dangos.

## Y fersiwn heb fanylion adnabod

story-deid-intro = Dyma'r fersiwn y mae pobl yn ei darllen pan fyddwch yn rhannu eich stori'n ddienw. Tynnwch allan unrhyw beth a allai alluogi rhywun i'ch adnabod chi neu eraill: enwau, dyddiadau, enwau lleoedd, strydoedd, gwasanaethau neu weithleoedd, a manylion anarferol.
story-deid-original = Eich stori fel y gwnaethoch ei hysgrifennu
story-deid-body = Y stori, heb enwau, dyddiadau na lleoedd
story-deid-approve = Rwyf wedi darllen y fersiwn hon ac rwy'n ei chymeradwyo
story-deid-approve-hint = Dim ond fersiwn sydd wedi'i chymeradwyo y gellir ei rhannu'n ddienw. Peidiwch â thicio hwn i'w chadw fel drafft.

## Y sgrin caniatâd

story-consent-title = Pwy gaiff ddefnyddio eich stori
story-consent-explicit-before = Fe ddywedoch fod eich stori'n cynnwys gwybodaeth am iechyd neu wybodaeth sensitif arall, felly mae'r caniatâd rydych yn ei roi yma yn
story-consent-explicit-strong = ganiatâd penodol
story-consent-explicit-after = o dan gyfraith diogelu data (GDPR y DU a'r UE, erthygl 9(2)(a)).
story-consent-notice-link = Darllen yr hysbysiad hwn ar ei dudalen ei hun
story-consent-agreed = Yr hyn rydych eisoes wedi cytuno iddo
story-consent-nothing-yet = Dim eto: nid yw eich stori'n cael ei rhannu â neb.
story-consent-agree-title = Cytuno i ddefnydd
story-consent-agree-intro = Ticiwch yr hyn rydych yn cytuno iddo yn unig. Ar gyfer pob un, dewiswch bwy gaiff ddarllen eich stori, sut y cewch eich enwi, ac am ba hyd. Os byddwch yn cytuno eto i ddiben rydych eisoes wedi cytuno iddo ar gyfer yr un bobl, bydd y telerau newydd yn disodli'r rhai cynharach.
story-consent-anon-before = I rannu'n ddienw, yn gyntaf
story-consent-anon-link = paratowch a chymeradwywch fersiwn heb fanylion adnabod
story-consent-i-agree = Rwy'n cytuno i'r defnydd hwn
story-consent-save = Cadw fy newisiadau

## Cyn i chi ddewis: yr hyn y mae pob sgrin caniatâd yn ei ddweud

story-notice-before = Cyn i chi ddewis
story-notice-1-strong = Does dim yn cael ei rannu nes i chi ei ddewis yma.
story-notice-1 = Does dim wedi'i dicio ar eich rhan, a gofynnir am bob diben ar wahân: nid yw cytuno i un byth yn golygu cytuno i un arall.
story-notice-2-strong = Nid yw dweud na yn newid dim
story-notice-2 = o ran y gwasanaethau a gewch, eich lle ar y wefan hon, na sut mae unrhyw un yn eich trin.
story-notice-3-strong = Gallwch dynnu unrhyw ganiatâd yn ôl unrhyw bryd
story-notice-3 = , gydag un botwm. Mae'n dod i rym ar unwaith: o'ch clic nesaf, ni fydd eich stori'n cael ei dangos mwyach at y diben hwnnw, a gofynnir i bob sefydliad a'i defnyddiodd ddileu ei gopïau.
story-notice-4-strong = Yr hyn na all tynnu'n ôl ei ddadwneud:
story-notice-4 = ni ellir galw copïau yn ôl os ydynt eisoes wedi'u hargraffu, wedi'u darlledu neu wedi'u cyhoeddi mewn man arall, ac ni ellir dad-ddysgu'r hyn a ddysgodd pobl wrth ddarllen eich stori.
story-notice-5-strong = Byddwch yn gweld pob defnydd:
story-notice-5 = bob tro y bydd rhywun yn darllen, yn lawrlwytho neu'n dyfynnu eich stori, caiff hynny ei gofnodi ar “Pwy sydd wedi defnyddio fy straeon”.
story-notice-6 = Mae pob caniatâd yn para am yr amser a ddewiswch, hyd at 24 mis ar y mwyaf (12 mis oni bai eich bod yn dweud yn wahanol). Byddwn yn eich atgoffa fis cyn iddo ddod i ben; yna bydd yn dod i ben oni bai eich bod yn ei adnewyddu.

## Yr hysbysiad caniatâd, ar ei dudalen ei hun

story-notice-title = Sut mae caniatâd i ddefnyddio eich straeon yn gweithio
story-notice-version = Fersiwn { $version } o'r hysbysiad. Mae derbynebau caniatâd yn cyfeirio at y dudalen hon.
story-notice-purposes = Y dibenion
story-notice-named = Sut y gallwch gael eich enwi
story-notice-named-name = Gyda'ch enw
story-notice-named-name-means = Mae darllenwyr yn gweld eich enw fel y mae'n ymddangos ar eich cyfrif.
story-notice-named-first = Gyda'ch enw cyntaf yn unig
story-notice-named-first-means = Mae darllenwyr yn gweld gair cyntaf eich enw.
story-notice-named-anonymous = Yn ddienw
story-notice-named-anonymous-means = Nid yw darllenwyr yn gweld unrhyw enw, ac maen nhw'n darllen y fersiwn o'ch stori heb fanylion adnabod a baratowyd ac a gymeradwywyd gennych chi.
story-notice-who = Pwy gaiff ddarllen
story-notice-who-board = Bwrdd cyd-ddylunio
story-notice-who-board-means = Aelodau'r bwrdd hwnnw.
story-notice-who-organisation = Sefydliad
story-notice-who-organisation-means = Aelodau'r sefydliad hwnnw ar y wefan hon.
story-notice-who-tenant-means = Unrhyw un sydd wedi mewngofnodi yma.
story-notice-who-public-means = Unrhyw un o gwbl, gan gynnwys pobl nad ydynt wedi mewngofnodi.
story-notice-law = Y gyfraith
story-notice-law-text = Eich caniatâd yw'r sail gyfreithiol ar gyfer pob defnydd (GDPR y DU a'r UE, erthygl 6(1)(a)); pan fydd eich stori'n cynnwys gwybodaeth am iechyd neu wybodaeth sensitif arall, mae'n ganiatâd penodol (erthygl 9(2)(a)).

## Eich caniatadau

story-consents-intro = Popeth rydych wedi cytuno iddo ar gyfer eich straeon. Mae tynnu'n ôl yn dod i rym ar unwaith; gofynnir i unrhyw un a ddefnyddiodd eich stori at y diben hwnnw ddileu eu copïau (ni ellir galw copïau yn ôl os ydynt eisoes wedi'u hargraffu neu wedi'u darlledu).
story-consents-live = Mewn grym
story-consents-none-live = Dim: nid yw eich straeon yn cael eu rhannu â neb.
story-consents-live-caption = Caniatadau mewn grym
story-withdraw-everything = Tynnu popeth yn ôl
story-consents-past = Wedi dod i ben neu wedi'u tynnu'n ôl
story-consents-past-caption = Caniatadau sydd wedi dod i ben neu wedi'u tynnu'n ôl
story-consents-could-read = Pwy allai ei darllen
story-consents-renew-col = Adnewyddu
story-renew-how-long = Adnewyddu am ba hyd
story-renew = Adnewyddu
story-receipts-title = Eich derbynebau caniatâd
story-receipts-intro = Bob tro y byddwch yn rhoi, yn newid neu'n tynnu caniatâd yn ôl, byddwch yn cael derbynneb: cofnod o'r hyn y gwnaethoch gytuno iddo, wedi'i lofnodi gan { $place } fel y gall unrhyw un wirio ei bod yn ddilys. Nid yw'n cynnwys yr un gair o'ch stori. Cadwch nhw; gallwch
story-receipts-check = wirio derbynneb
story-receipts-intro-after = unrhyw bryd i weld a yw'r caniatâd hwnnw'n dal mewn grym.
story-receipts-caption = Eich derbynebau caniatâd, y diweddaraf yn gyntaf
story-receipts-what-happened = Beth ddigwyddodd
story-receipts-what-recorded = Beth mae'n ei gofnodi
story-receipts-download = Lawrlwytho
story-receipts-download-which = y dderbynneb o { $date } ar gyfer “{ $title }”

## Tynnu pob caniatâd yn ôl

story-withdraw-all-title = Tynnu pob caniatâd yn ôl
story-withdraw-all-question = Tynnu pob caniatâd yn ôl?
story-withdraw-all-none = Does gennych chi ddim caniatâd mewn grym: nid yw eich straeon yn cael eu rhannu â neb.
story-back-to-consents = Yn ôl i'ch caniatadau
story-withdraw-all-explain = { $n ->
    [one] Mae hyn yn tynnu'n ôl yr { $n } caniatâd a roesoch, ar eich holl straeon. O'ch clic nesaf, ni all neb ddarllen eich straeon yma; gofynnir i sefydliadau a'u defnyddiodd ddileu eu copïau. Ni ellir galw copïau yn ôl os ydynt eisoes wedi'u hargraffu neu wedi'u darlledu.
    [two] Mae hyn yn tynnu'n ôl bob un o'r { $n } ganiatâd a roesoch, ar eich holl straeon. O'ch clic nesaf, ni all neb ddarllen eich straeon yma; gofynnir i sefydliadau a'u defnyddiodd ddileu eu copïau. Ni ellir galw copïau yn ôl os ydynt eisoes wedi'u hargraffu neu wedi'u darlledu.
    [few] Mae hyn yn tynnu'n ôl bob un o'r { $n } chaniatâd a roesoch, ar eich holl straeon. O'ch clic nesaf, ni all neb ddarllen eich straeon yma; gofynnir i sefydliadau a'u defnyddiodd ddileu eu copïau. Ni ellir galw copïau yn ôl os ydynt eisoes wedi'u hargraffu neu wedi'u darlledu.
    [many] Mae hyn yn tynnu'n ôl bob un o'r { $n } chaniatâd a roesoch, ar eich holl straeon. O'ch clic nesaf, ni all neb ddarllen eich straeon yma; gofynnir i sefydliadau a'u defnyddiodd ddileu eu copïau. Ni ellir galw copïau yn ôl os ydynt eisoes wedi'u hargraffu neu wedi'u darlledu.
   *[other] Mae hyn yn tynnu'n ôl bob un o'r { $n } caniatâd a roesoch, ar eich holl straeon. O'ch clic nesaf, ni all neb ddarllen eich straeon yma; gofynnir i sefydliadau a'u defnyddiodd ddileu eu copïau. Ni ellir galw copïau yn ôl os ydynt eisoes wedi'u hargraffu neu wedi'u darlledu.
}
story-withdraw-all-keep = Mae eich straeon yn dal yn eiddo i chi: gallwch gytuno i ddefnyddiau eto yn nes ymlaen.
story-withdraw-all-yes = Ie, tynnu popeth yn ôl
story-no-go-back = Na, mynd yn ôl

## Dileu stori

story-erase-title = Dileu eich stori
story-erase-question = Dileu eich stori?
story-erase-explain = Mae ei hallwedd yn cael ei dinistrio: ni all neb byth ei darllen eto, dim hyd yn oed o gopïau wrth gefn y wefan.
story-erase-consents = { $n ->
    [two] Mae'r { $n } ganiatâd a roesoch ar ei chyfer yn dod i ben nawr, a gofynnir i sefydliadau a'i defnyddiodd ddileu eu copïau (ni ellir galw copïau yn ôl os ydynt eisoes wedi'u hargraffu neu wedi'u darlledu).
    [few] Mae'r { $n } chaniatâd a roesoch ar ei chyfer yn dod i ben nawr, a gofynnir i sefydliadau a'i defnyddiodd ddileu eu copïau (ni ellir galw copïau yn ôl os ydynt eisoes wedi'u hargraffu neu wedi'u darlledu).
    [many] Mae'r { $n } chaniatâd a roesoch ar ei chyfer yn dod i ben nawr, a gofynnir i sefydliadau a'i defnyddiodd ddileu eu copïau (ni ellir galw copïau yn ôl os ydynt eisoes wedi'u hargraffu neu wedi'u darlledu).
   *[other] Mae'r { $n } caniatâd a roesoch ar ei chyfer yn dod i ben nawr, a gofynnir i sefydliadau a'i defnyddiodd ddileu eu copïau (ni ellir galw copïau yn ôl os ydynt eisoes wedi'u hargraffu neu wedi'u darlledu).
}
story-erase-log = Mae “Pwy sydd wedi defnyddio fy straeon” yn cadw'r cofnod o'r ffordd y cafodd ei defnyddio yn y gorffennol. Ni ellir dadwneud hyn.
story-erase-yes = Ie, ei dileu

## Pwy sydd wedi defnyddio fy straeon

story-uses-intro = Bob tro y mae rhywun heblaw chi wedi darllen, lawrlwytho, dyfynnu neu weld un o'ch straeon, mae wedi'i gofnodi yma, cyn iddynt weld unrhyw beth.
story-uses-valid = Mae'r cofnod hwn yn gyflawn a heb ei newid: mae pob eitem wedi'i selio wrth yr un o'i blaen, ac mae pob un o'r { $n } yn gywir.
story-uses-altered = Mae'r cofnod hwn wedi cael ei newid
story-uses-entry = Eitem { $n }:
story-uses-tell-admins = Rhowch wybod i weinyddwyr y lle.
story-uses-none = Does neb wedi defnyddio eich straeon.
story-uses-count = { $n ->
    [one] { $n } defnydd wedi'i gofnodi.
    [two] { $n } ddefnydd wedi'u cofnodi.
   *[other] { $n } defnydd wedi'u cofnodi.
}
story-uses-caption = Defnyddiau o'ch straeon, y diweddaraf yn gyntaf
story-uses-who = Pwy
story-uses-what = Beth
story-uses-for = Diben
story-uses-named = Sut y'ch enwyd
story-uses-reader-for = { $reader }, ar ran { $organisation }
story-uses-newer = Defnyddiau mwy diweddar
story-uses-older = Defnyddiau hŷn

## Dyfynnu stori mewn adroddiad

story-excerpt-title = Dyfynnu stori mewn adroddiad
story-excerpt-refused = Ni allwch ddyfynnu'r stori hon
story-excerpt-ask = Gofyn i'r awdur
story-excerpt-yours = Eich dyfyniad
story-excerpt-credit = Cydnabyddiaeth:
story-excerpt-reference = Cyfeirnod y caniatâd:
story-excerpt-valid = (yn ddilys tan { $date }). Cadwch ef gyda'ch adroddiad. Os bydd yr awdur yn tynnu eu caniatâd yn ôl, gofynnir i chi roi'r gorau i ddefnyddio'r dyfyniad.
story-excerpt-intro = Dim ond darn o'r stori yn union fel y cewch ei darllen, a dim ond os yw ei hawdur wedi cytuno iddi gael ei dyfynnu yn adroddiad sefydliad. Mae eich dyfyniad yn cael ei gofnodi, a gall yr awdur ei weld.
story-excerpt-for = Mae'r adroddiad ar gyfer
story-excerpt-quote = Y darn i'w ddyfynnu
story-excerpt-quote-hint = Copïwch ef o'r stori, hyd at { $max } nod.
story-excerpt-make = Creu'r dyfyniad

## Ceisiadau i ddefnyddio straeon

story-requests-title = Ceisiadau i ddefnyddio straeon
story-requests-none = Does neb wedi gofyn am gael defnyddio eich straeon.
story-requester-left = Rhywun sydd wedi gadael
story-requester-for = { $requester }, ar ran { $organisation }
story-requests-story = Stori
story-requests-purposes = Maen nhw'n gofyn am gael ei defnyddio ar gyfer
story-requests-read-by = Darllenwyr
story-requests-naming = Sut y cewch eich enwi
story-requests-for = Am ba hyd
story-requests-message = Eu neges
story-requests-decide = Chi sy'n penderfynu. Gallwch gytuno i'r cyfan, i ran ohono (llai o ddibenion, eich enwi'n llai, cyfnod byrrach), neu ddweud na. Nid yw dweud na yn newid dim o ran y gwasanaethau a gewch.
story-requests-agree-to = Yr hyn rydych yn cytuno iddo
story-requests-grant = Cytuno i'r hyn a diciais
story-requests-decline = Dweud na
story-requests-sent = Ceisiadau a wnaethoch
story-requests-none-sent = Dydych chi ddim wedi gofyn am gael defnyddio stori neb.
story-requests-a-story = Stori

## Gofyn am gael defnyddio stori

story-request-title = Gofyn am gael defnyddio stori
story-request-intro = Yr awdur sy'n penderfynu. Gallant gytuno i'r cyfan, i ran ohono, neu ddweud na, a gallant dynnu eu caniatâd yn ôl yn nes ymlaen. Gofynnwch am yr hyn sydd ei angen arnoch yn unig.
story-request-for = Rydych yn gofyn ar ran
story-request-what-for = At ba ddiben
story-request-who = Pwy fyddai'n ei darllen
story-request-organisation = Aelodau'r sefydliad
story-request-named = Sut byddai'r awdur yn cael ei enwi
story-request-message = Eich neges i'r awdur
story-request-message-hint = Pam rydych yn gofyn, a beth fyddwch yn ei wneud â hi. Hyd at { $max } nod.
story-request-send = Anfon y cais

## Tudalen bwrdd: y straeon a rannwyd ag ef

story-board-title = Straeon a rannwyd â'r bwrdd hwn
story-board-intro = Rhannodd preswylwyr y straeon hyn ag aelodau'r bwrdd hwn, ar eu telerau eu hunain. Mae pob un yn cael ei dangos fel y caniataodd ei hawdur; mae eich darllen yn cael ei gofnodi a gall ei hawdur weld hynny. Os bydd yr awdur yn tynnu eu caniatâd yn ôl, bydd y stori'n diflannu o'r fan hon ar unwaith.
story-board-none = Does neb wedi rhannu stori â'r bwrdd hwn eto.
story-board-byline = Gan { $author } · wedi'i rhannu ar gyfer “{ $purpose }” tan { $date }
story-board-ask = Gofyn i'r awdur am ddefnydd arall
story-board-ask-which = o'r stori “{ $title }”

## Lawrlwythiadau ar gyfer sefydliad neu fwrdd

story-export-with-organisation = gyda { $name }
story-export-with-your-organisation = gyda'ch sefydliad
story-export-with-board = gyda'r bwrdd hwn
story-export-title = Straeon a rannwyd { $with }
story-export-intro = Cytunodd pobl a adroddodd eu straeon yma, fesul diben, i'w rhannu { $with }. Gallwch lawrlwytho'r straeon sydd wedi'u rhannu { $with } nawr fel taenlen (CSV).
story-export-rule-live = Dim ond straeon y mae caniatâd eu hawduron mewn grym ar yr adeg rydych yn lawrlwytho sy'n cael eu cynnwys; caiff stori ei gadael allan os yw ei chaniatâd wedi'i dynnu'n ôl neu wedi dod i ben.
story-export-rule-credit = Caiff pob awdur ei gydnabod dim ond fel y caniataodd (wrth ei enw, wrth ei enw cyntaf, neu'n ddienw gyda'r fersiwn heb fanylion adnabod).
story-export-rule-recorded = Mae pob stori rydych yn ei lawrlwytho yn cael ei chofnodi yn rhestr ei hawdur o bwy sydd wedi defnyddio eu straeon, ac mae'r lawrlwythiad hwn yn cael ei gofnodi gyda'r caniatadau yr oedd yn dibynnu arnynt.
story-export-rule-withdraw = Os bydd awdur yn tynnu'n ôl yn nes ymlaen, gofynnir i chi ddileu eich copïau. Cadwch y ffeil yn ddiogel a pheidiwch â'i rhannu y tu hwnt i'r hyn y mae'r caniatâd yn ei ganiatáu.
story-export-count = { $n ->
    [0] Does dim straeon wedi'u rhannu { $with } ar hyn o bryd.
    [one] Mae { $n } stori wedi'i rhannu { $with } ar hyn o bryd.
   *[other] Mae { $n } stori wedi'u rhannu { $with } ar hyn o bryd.
}
story-export-download = Lawrlwytho'r straeon (CSV)
story-export-so-far = Lawrlwythiadau hyd yma
story-export-caption = Lawrlwythiadau o'r straeon a rannwyd { $with }, y diweddaraf yn gyntaf
story-export-stories = Straeon
story-export-relied-on = Caniatadau y dibynnwyd arnynt

## Help i adrodd stori: ffurflen yr aelod o staff

story-assist-title = Helpu rhywun i adrodd eu stori
story-assist-intro-before = Defnyddiwch y dudalen hon
story-assist-intro-strong = ynghyd â'r person
story-assist-intro-after = , wyneb yn wyneb, pan nad oes ganddynt ddyfais eu hunain neu pan fydd ffurflenni'n anodd iddynt. Darllenwch bob rhan iddynt ac ysgrifennwch yr hyn maen nhw'n ei ddweud, yn eu geiriau nhw. Bydd y cofnod yn dangos eich bod wedi helpu, ac ar ran pa sefydliad.
story-assist-confirm-strong = Does dim yn cael ei rannu nes iddynt gadarnhau.
story-assist-confirm = Ar ôl i chi gadw, byddwch yn gweld cod chwe digid (sydd hefyd wedi'i anfon i'w e-bost): darllenwch ef iddynt a gadewch iddynt ei deipio ar y ddyfais hon, neu gallant gadarnhau yn nes ymlaen o'u cyfrif eu hunain, a newid neu ddileu unrhyw beth.
story-assist-for = Rydych yn helpu ar ran
story-assist-about = Amdanyn nhw
story-assist-name = Eu henw
story-assist-name-hint = Beth maen nhw eisiau cael eu galw.
story-assist-email = Eu cyfeiriad e-bost
story-assist-email-hint = Bydd eu cod, a dolen i osod eu cyfrinair eu hunain, yn mynd yno.
story-assist-story = Eu stori
story-assist-body = Eu stori, yn eu geiriau nhw
story-assist-special = Mae'n cynnwys gwybodaeth am eu hiechyd, neu wybodaeth sensitif arall
story-assist-special-hint = Er enghraifft iechyd corfforol neu feddyliol, anabledd, ethnigrwydd, crefydd neu rywioldeb.
story-assist-uses = Sut y gellir defnyddio eu stori
story-assist-uses-intro = Darllenwch bob defnydd iddynt. Ticiwch yr hyn maen nhw'n cytuno iddo yn unig; gadewch bopeth heb ei dicio os ydynt eisiau meddwl amdano.
story-assist-they-agree = Maen nhw'n cytuno i'r defnydd hwn
story-assist-how-named = Sut y cânt eu henwi
story-assist-choose-how = Dewiswch sut
story-assist-first-name = Gyda'u henw cyntaf yn unig
story-assist-named = Gyda'u henw
story-assist-save = Cadw, a dangos y cod
story-assisted-list-title = Straeon a adroddwyd gyda help

## Help i adrodd stori: ei chadarnhau

story-assisted-title = Cadarnhau'r stori a adroddwyd gyda help
story-assisted-told-by = Adroddwyd gan
story-assisted-helped-by = Gyda help gan
story-assisted-helper = { $staff }, ar ran { $organisation }, ar { $date }
story-assisted-staff-left = Aelod o staff sydd wedi gadael ers hynny
story-assisted-waiting = Yn aros i { $name } gadarnhau: does dim wedi'i rannu eto
story-assisted-confirmed = Wedi'i chadarnhau
story-assisted-confirmed-code = Wedi'i chadarnhau gyda'r cod
story-assisted-confirmed-signed-in = Wedi'i chadarnhau gan { $name }, wedi mewngofnodi
story-assisted-declined = Wedi'i gwrthod: does dim wedi'i rannu
story-assisted-chose = Beth wnaethon nhw ei ddewis
story-assisted-chose-nothing = Peidio â rhannu'r stori am y tro.
story-assisted-grant = { $purpose }: i'w darllen gan { $audience }, { $attribution }
story-assisted-grant-until = { $purpose }: i'w darllen gan { $audience }, { $attribution }, tan { $date }
story-assisted-code-title = Y cod i'w ddarllen yn uchel
story-assisted-code-read = Darllenwch y chwe digid hyn i { $name }, yna gadewch iddynt deipio'r cod isod eu hunain. Cafodd ei anfon i'w e-bost hefyd, gyda dolen i osod eu cyfrinair eu hunain: gallant gadarnhau yn nes ymlaen yn lle hynny, a newid neu ddileu unrhyw beth o'u cyfrif eu hunain.
story-assisted-citizen = Fe wnaeth aelod o staff eich helpu i baratoi hyn. Os dyma'r hyn y gwnaethoch gytuno iddo, cadarnhewch ef: mae'r defnyddiau a ddewisoch yn dechrau nawr, a gallwch dynnu unrhyw un ohonynt yn ôl unrhyw bryd. Os na, dywedwch na: does dim yn cael ei rannu, a gallwch newid neu ddileu eich stori.
story-assisted-confirm = Cadarnhau
story-assisted-decline = Peidiwch â'i rhannu
story-assisted-read-or-change = Darllen neu newid eich stori
story-assisted-code = Y cod chwe digid
story-assisted-code-staff-hint = Mae'r person yn ei deipio ei hun.
story-assisted-code-email-hint = O'r e-bost a anfonwyd atoch.
story-assisted-withdraw-any = (gallwch dynnu unrhyw un ohonynt yn ôl unrhyw bryd)
story-assisted-done-saved = Wedi'i chadw. Does dim yn cael ei rannu nes iddynt gadarnhau.
story-assisted-done-confirmed = Wedi'i chadarnhau. Mae'r caniatadau a ddewiswyd bellach wedi'u rhoi, a gellir eu tynnu'n ôl unrhyw bryd.
story-assisted-done-declined = Wedi'i gwrthod. Does dim yn cael ei rannu; mae'r stori'n dal yn eiddo i chi i'w newid neu i'w dileu.

## Help i adrodd stori: y rhestr

story-assisted-told = Eich straeon a adroddwyd gyda help aelod o staff
story-assisted-with = Gyda { $staff } ar ran { $organisation }, { $date }
story-assisted-a-member-of-staff = aelod o staff
story-assisted-waiting-you = yn aros i chi gadarnhau
story-assisted-status-confirmed = wedi'i chadarnhau
story-assisted-status-declined = wedi'i gwrthod
story-assisted-helped = Pobl y gwnaethoch eu helpu
story-assisted-for = { $name }, ar ran { $organisation }, { $date }
story-assisted-waiting-them = yn aros iddynt gadarnhau

## Problemau gyda'r hyn a anfonwyd, wrth ymyl y maes neu ar y dudalen

story-error-title-required = rhowch deitl i'ch stori
story-error-title-too-long = cadwch y teitl i { $max } nod neu lai
story-error-body-required = ysgrifennwch eich stori
story-error-body-too-long = cadwch y stori i { $max } nod neu lai
story-error-grant-purpose-unknown = dewiswch un o'r dibenion: board_learning, tenant_publication, organisation_report, research, media, training, automated_analysis
story-error-grant-audience-unknown = dewiswch pwy gaiff ei darllen: board:<id>, organisation:<id>, tenant neu public
story-error-grant-attribution-unknown = dewiswch sut y cewch eich enwi: named, first_name neu anonymous
story-error-end-in-past = dewiswch ddyddiad gorffen yn y dyfodol
story-error-consent-too-long =
    mae caniatâd yn para { $max ->
        [two] { $max } fis
       *[other] { $max } mis
    } ar y mwyaf; gallwch ei adnewyddu pan ddaw i ben
story-error-export-organisation-members = dim ond aelodau'r sefydliad sy'n gallu allforio'r straeon a rannwyd ag ef
story-error-export-board-facilitators = dim ond hwyluswyr y bwrdd sy'n gallu allforio'r straeon a rannwyd ag ef
story-error-assist-not-recognised = dim ond sefydliadau y mae'r cyngor wedi'u cydnabod sy'n gallu helpu pobl i adrodd eu straeon wyneb yn wyneb
story-error-assist-staff-only = dim ond staff sefydliad y mae'r cyngor wedi'i gydnabod sy'n gallu helpu pobl i adrodd eu straeon wyneb yn wyneb
story-error-assist-choose-organisation = dewiswch y sefydliad rydych yn gweithio iddo
story-error-no-such-organisation = does dim sefydliad o'r fath yma
story-error-assist-own-staff = dim ond staff sefydliad sy'n gallu helpu pobl ar ei ran
story-error-assist-email-taken = mae gan rywun sydd â'r cyfeiriad e-bost hwn gyfrif yma'n barod: gallant fewngofnodi ac adrodd eu stori eu hunain, neu defnyddiwch gyfeiriad arall
story-error-assist-decided-author = mae'r stori hon eisoes wedi'i chadarnhau neu ei gwrthod; gall yr awdur newid popeth o'u cyfrif eu hunain
story-error-code-required = teipiwch y cod chwe digid
story-error-code-locked = gormod o godau anghywir: nid yw'r cod hwn yn gweithio mwyach. Gall y person gadarnhau drwy fewngofnodi i'w gyfrif ei hun
story-error-code-expired = mae'r cod hwn wedi dod i ben. Gall y person gadarnhau drwy fewngofnodi i'w gyfrif ei hun
story-error-code-wrong = nid dyna'r cod: gwiriwch y chwe digid a rhowch gynnig arall arni
story-error-assist-decided = mae'r stori hon eisoes wedi'i chadarnhau neu ei gwrthod
story-error-no-such-purpose = does dim diben o'r fath
story-error-read-action = darllenwch gyda view neu download
story-error-consent-none-ticked = ticiwch o leiaf un diben rydych yn cytuno iddo, neu ewch yn ôl: does dim yn cael ei rannu oni bai eich bod yn ei ddewis
story-error-consent-months =
    dewiswch rhwng 1 a { $max ->
        [two] { $max } fis
       *[other] { $max } mis
    }
story-error-excerpt-members-only = dim ond aelodau sefydliad sy'n gallu dyfynnu stori mewn adroddiad
story-error-request-members-only = dim ond aelodau sefydliad sy'n gallu gofyn am gael defnyddio stori
story-error-deidentified-in-use = mae eich stori'n cael ei rhannu'n ddienw gan ddefnyddio'r fersiwn heb fanylion adnabod a gymeradwywyd gennych; cymeradwywch y fersiwn newydd, neu tynnwch y rhannu dienw yn ôl yn gyntaf
story-error-no-such-board = does dim bwrdd o'r fath yma
story-error-deidentified-required = i rannu'n ddienw, paratowch a chymeradwywch yn gyntaf fersiwn o'ch stori heb fanylion adnabod (heb enwau, dyddiadau na lleoedd): dyna'r fersiwn y mae darllenwyr yn ei gweld pan fydd y stori'n ddienw
story-error-grant-duplicate = mae'r diben a'r gynulleidfa hyn wedi'u rhestru ddwywaith
story-error-already-withdrawn = mae'r caniatâd hwn eisoes wedi'i dynnu'n ôl
story-error-act-for-own-organisation = dim ond ar ran sefydliad rydych chi'n aelod ohono y gallwch weithredu
story-error-excerpt-consent-required = nid yw'r awdur wedi cytuno i'r stori hon gael ei dyfynnu yn adroddiad sefydliad (neu mae'r caniatâd hwnnw wedi dod i ben); gallwch ofyn iddynt
story-error-public-withdrawn = nid yw'r stori hon wedi'i chyhoeddi yma mwyach: mae ei hawdur wedi tynnu'r caniatâd yn ôl, neu mae wedi dod i ben
story-error-excerpt-choose-organisation = dewiswch y sefydliad y mae'r adroddiad ar ei gyfer
story-error-quote-required = gludwch y darn rydych am ei ddyfynnu
story-error-quote-too-long = dyfynnwch { $max } nod ar y mwyaf
story-error-quote-not-in-story = rhaid i'r dyfyniad fod yn ddarn o'r stori yn union fel y gallwch chi ei darllen
story-error-request-purpose-required = dywedwch at beth rydych am ddefnyddio'r stori
story-error-request-purpose-unknown = dewiswch o blith y dibenion: board_learning, tenant_publication, organisation_report, research, media, training, automated_analysis
story-error-request-audience-unknown = dywedwch pwy fyddai'n ei darllen: board:<id>, organisation:<id>, tenant neu public
story-error-attribution-unknown = dewiswch named, first_name neu anonymous
story-error-request-months =
    gofynnwch am gyfnod o 1 i { $max ->
        [two] { $max } fis
       *[other] { $max } mis
    }
story-error-request-message-required = dywedwch wrth yr awdur pam rydych yn gofyn
story-error-request-message-too-long = cadwch y neges i { $max } nod neu lai
story-error-request-for-required = dywedwch ar ran pa sefydliad (neu fwrdd) rydych yn gofyn
story-error-request-own-organisation = dim ond ar ran sefydliad rydych chi'n aelod ohono y gallwch ofyn
story-error-request-board-facilitators = dim ond hwyluswyr bwrdd sy'n gallu gofyn ar ei ran
story-error-request-answered = mae'r cais hwn eisoes wedi'i ateb
story-error-decide-attribution-more = gallwch gael eich enwi'n llai llawn nag y gofynnon nhw, ond nid yn fwy llawn
story-error-decide-longer = gallwch gytuno i gyfnod byrrach nag y gofynnon nhw, ond nid i un hirach
story-error-decide-purpose-not-asked = dewiswch o blith y dibenion y gofynnon nhw amdanynt
story-error-decide-purpose-required = dewiswch o leiaf un diben, neu gwrthodwch
story-error-decide-invalid = atebwch grant neu decline
story-error-renew-months =
    adnewyddwch am 1 i { $max ->
        [two] { $max } fis
       *[other] { $max } mis
    }
story-error-no-such-area = does dim ardal o'r fath yma
