# E-byst: y rhannau sy'n gyffredin i bob e-bost, e-byst cyfrif (dolenni i
# gadarnhau cyfeiriad, ailosod cyfrinair, mewngofnodi), hysbysiadau a
# chrynodebau, negeseuon am asedau.

email-hello = Helo { $name },
email-button-fallback = Os nad yw'r botwm yn gweithio, copïwch y cyfeiriad hwn i'ch porwr:

email-verify-subject = Cadarnhewch eich cyfeiriad e-bost
email-verify-intro = Diolch am ymuno. Cadarnhewch mai dyma'ch cyfeiriad e-bost, er mwyn i chi allu cymryd rhan.
email-verify-action = Cadarnhau fy nghyfeiriad e-bost
email-verify-expiry = Mae'r ddolen hon yn gweithio unwaith ac am 48 awr.
email-verify-not-you = Os na wnaethoch greu cyfrif, gallwch anwybyddu'r e-bost hwn; ni fydd dim yn digwydd.

email-reset-subject = Dewiswch gyfrinair newydd
email-reset-intro = Mae rhywun (chi, gobeithio) wedi gofyn am ailosod cyfrinair eich cyfrif.
email-reset-action = Dewis cyfrinair newydd
email-reset-expiry = Mae'r ddolen hon yn gweithio unwaith ac am awr. Mae dewis cyfrinair newydd yn eich allgofnodi ym mhobman.
email-reset-not-you = Os na wnaethoch ofyn am hyn, gallwch anwybyddu'r e-bost hwn; nid yw eich cyfrinair wedi newid.

email-sign-in-subject = Eich dolen mewngofnodi
email-sign-in-intro = Dyma'r ddolen y gofynnoch amdani i fewngofnodi heb gyfrinair.
email-sign-in-action = Mewngofnodi
email-sign-in-expiry = Mae'r ddolen hon yn gweithio unwaith ac am 10 munud.
email-sign-in-not-you = Os na wnaethoch ofyn am hyn, gallwch anwybyddu'r e-bost hwn; ni all neb fewngofnodi heb y ddolen.

email-change-subject = Cadarnhewch eich cyfeiriad e-bost newydd
email-change-intro = Fe wnaethoch ofyn am ddefnyddio'r cyfeiriad hwn ar gyfer eich cyfrif. Cadarnhewch ef.
email-change-action = Defnyddio'r cyfeiriad hwn
email-change-expiry = Mae'r ddolen hon yn gweithio unwaith ac am 48 awr.
email-change-not-you = Os na wnaethoch ofyn am hyn, gallwch anwybyddu'r e-bost hwn; ni fydd dim yn newid.

email-set-password-subject = Rydych chi wedi cael gwahoddiad
email-set-password-intro = Mae cyfrif wedi'i greu i chi. Dewiswch gyfrinair i ddechrau ei ddefnyddio.
email-set-password-action = Dewis fy nghyfrinair
email-set-password-expiry = Mae'r ddolen hon yn gweithio unwaith ac am 7 diwrnod.
email-set-password-not-you = Os nad oeddech yn disgwyl hyn, gallwch anwybyddu'r e-bost hwn.

email-change-requested-subject = gofynnwyd am newid eich cyfeiriad e-bost
email-change-requested-body = Mae rhywun wedi gofyn am newid cyfeiriad e-bost eich cyfrif i { $email }. Os mai chi oedd hynny, dilynwch y ddolen a anfonwyd gennym i'r cyfeiriad hwnnw. Os nad chi oedd hynny, mewngofnodwch a newidiwch eich cyfrinair: mae eich cyfrif yn dal i ddefnyddio'r cyfeiriad hwn.

# Hysbysiadau, un ar y tro.
email-because = Rydych chi'n cael yr e-bost hwn oherwydd { $reason }.
email-reason-follow-proposal = eich bod yn dilyn y cynnig hwn
email-reason-follow-board = eich bod yn dilyn y bwrdd hwn
email-reason-author-proposal = mai chi ysgrifennodd y cynnig hwn
email-reason-author-board = mai chi greodd y bwrdd hwn
email-reason-coauthor-proposal = eich bod yn gyd-awdur y cynnig hwn
email-reason-coauthor-board = eich bod yn gyd-awdur y bwrdd hwn
email-reason-supporter-proposal = eich bod yn cefnogi'r cynnig hwn
email-reason-supporter-board = eich bod yn cefnogi'r bwrdd hwn
email-reason-member-proposal = eich bod yn aelod o'r cynnig hwn
email-reason-member-board = eich bod yn aelod o'r bwrdd hwn
email-reason-storyteller-proposal = eich bod wedi rhannu eich stori â bwrdd sy'n gweithio ar y cynnig hwn
email-reason-storyteller-board = eich bod wedi rhannu eich stori â bwrdd sy'n gweithio ar y bwrdd hwn
email-reason-concerns-proposal = bod y cynnig hwn yn ymwneud â chi
email-reason-concerns-board = bod y bwrdd hwn yn ymwneud â chi
email-stop-proposal = Peidio ag anfon e-byst am y cynnig hwn
email-stop-board = Peidio ag anfon e-byst am y bwrdd hwn
email-settings = Dewiswch pa mor aml rydym yn anfon e-bost atoch
email-settings-options = (wrth iddo ddigwydd, crynodeb dyddiol neu wythnosol, neu byth)

email-status-subject = Mae “{ $title }” bellach yn “{ $status }”
email-status-headline = Mae “{ $title }” wedi symud o “{ $from }” i “{ $to }”.
email-status-detail = Y rheswm a roddwyd
email-status-action = Gweld y cynnig a'i linell amser
email-comment-board-subject = Newydd yn y drafodaeth am “{ $title }”
email-comment-board-headline = Ysgrifennodd { $name } yn y drafodaeth am y bwrdd “{ $title }”.
email-comment-proposal-subject = Sylw newydd ar “{ $title }”
email-comment-proposal-headline = Rhoddodd { $name } sylw ar “{ $title }”.
email-comment-detail = Ysgrifennon nhw
email-comment-action = Darllen y sylw ac ymateb
email-evaluation-subject = A wnaeth “{ $title }” wahaniaeth?
email-evaluation-headline = Mae “{ $title }” wedi'i gyflawni. A wnaeth y gwahaniaeth yr oedd yn bwriadu ei wneud? Mae eich sgôr (1 i 5) ac ychydig eiriau yn dweud wrth bawb a weithiodd.
email-evaluation-asked-because = Rydym yn gofyn i chi oherwydd { $because }.
email-evaluation-because-supporter = i chi ei gefnogi
email-evaluation-because-resident = eich bod yn byw yn yr ardal yr oedd ar ei chyfer
email-evaluation-detail = Yr hyn yr oedd yn bwriadu ei wneud
email-evaluation-action = Dweud a weithiodd

# Crynodebau: pob diweddariad ers yr un diwethaf, mewn un e-bost.
email-digest-title = Eich crynodeb gan { $place }
email-digest-intro = { $count ->
    [one] Dyma'r diweddariad
   *[other] Dyma'r { $count } diweddariad
} ar yr hyn rydych yn ei ddilyn { $period }.
email-digest-period-week = yr wythnos hon
email-digest-period-since = ers eich crynodeb diwethaf
email-digest-subject = { $count ->
    [one] { $count } diweddariad
   *[other] { $count } diweddariad
} am { $about }
email-digest-about-one = “{ $title }”
email-digest-about-proposals = { $n } cynnig rydych yn eu dilyn
email-digest-about-boards = { $n } bwrdd rydych yn eu dilyn
email-digest-about-both = { $n } cynnig a bwrdd rydych yn eu dilyn
email-digest-stop-about = Peidio ag anfon e-byst am “{ $title }”
email-digest-why = Rydych chi'n cael y crynodeb hwn oherwydd i chi ddewis clywed am yr hyn rydych yn ei ddilyn mewn un e-bost.
email-digest-stop-all = Peidio ag anfon yr holl e-byst hyn

# Hysbysiadau byr o rannau eraill.
email-their-reason = Eu rheswm: { $reason }
email-their-note = Eu nodyn: { $note }
email-their-message = Eu neges: { $message }
email-hidden-subject-proposal = mae'r cymedrolwyr wedi cuddio eich cynnig
email-hidden-subject-comment = mae'r cymedrolwyr wedi cuddio eich sylw
email-hidden-body-proposal = Mae'r cymedrolwyr wedi cuddio eich cynnig "{ $title }". Nid yw pobl eraill yn ei weld mwyach; gallwch chi ei weld o hyd, a gallwch ei olygu.
email-hidden-body-comment = Mae'r cymedrolwyr wedi cuddio eich sylw "{ $title }". Nid yw pobl eraill yn ei weld mwyach; gallwch chi ei weld o hyd, a gallwch ei olygu.
email-moderation-review = Gallwch ofyn iddynt unwaith adolygu'r penderfyniad hwn ar y dudalen { $path } pan fyddwch wedi mewngofnodi.
email-restored-subject-proposal = mae eich cynnig i'w weld eto
email-restored-subject-comment = mae eich sylw i'w weld eto
email-restored-body-proposal = Mae'r cymedrolwyr wedi adfer eich cynnig "{ $title }": gall pawb ei weld eto.
email-restored-body-comment = Mae'r cymedrolwyr wedi adfer eich sylw "{ $title }": gall pawb ei weld eto.
email-coauthor-subject = gwahoddiad i ysgrifennu cynnig gyda'ch gilydd
email-coauthor-body = Mae { $name } wedi eich gwahodd i ysgrifennu'r cynnig "{ $title }" gyda nhw. Derbyniwch neu gwrthodwch ar y dudalen "Eich cynigion" (/proposals/mine) pan fyddwch wedi mewngofnodi.
email-residency-approved-subject = rydych chi'n breswylydd wedi'i ddilysu
email-residency-approved-body = Mae gweinyddwyr { $place } wedi cadarnhau eich bod yn byw yma. Gallwch nawr gymryd rhan fel preswylydd wedi'i ddilysu.
email-residency-added = Fe wnaethon nhw ychwanegu: { $note }
email-residency-declined-subject = eich cais i fod yn breswylydd wedi'i ddilysu
email-residency-declined-body = Nid oedd gweinyddwyr { $place } yn gallu cadarnhau eich bod yn byw yma y tro hwn.
email-residency-declined-next = Gallwch ofyn eto, neu ddefnyddio ffordd arall o ddangos eich bod yn byw yma, ar eich tudalen preswylio.
email-join-accepted-subject = rydych chi wedi ymuno â { $org }
email-join-accepted-body = Mae gweinyddwyr { $org } wedi derbyn eich cais i ymuno. Rydych chi nawr yn aelod.
email-join-declined-subject = eich cais i ymuno â { $org }
email-join-declined-body = Mae gweinyddwyr { $org } wedi gwrthod eich cais i ymuno y tro hwn.
email-board-added-subject = rydych chi wedi cael eich ychwanegu at fwrdd cyd-ddylunio
email-board-added-org-subject = mae eich sefydliad wedi cael ei ychwanegu at fwrdd cyd-ddylunio
email-board-added-you = Mae { $actor } wedi eich ychwanegu at y bwrdd cyd-ddylunio "{ $title }". Gallwch ei weld yn { $path }, a'i adael oddi yno unrhyw bryd.
email-board-added-you-facilitator = Mae { $actor } wedi eich ychwanegu at y bwrdd cyd-ddylunio "{ $title }" fel hwylusydd. Gallwch ei weld yn { $path }, a'i adael oddi yno unrhyw bryd.
email-board-added-org = Mae { $actor } wedi ychwanegu { $org } at y bwrdd cyd-ddylunio "{ $title }". Gallwch ei weld yn { $path }, a'i adael oddi yno unrhyw bryd.
email-board-invitation-subject = gwahoddiad i fwrdd cyd-ddylunio
email-board-invited-you = Mae { $actor } wedi eich gwahodd i ymuno â'r bwrdd cyd-ddylunio "{ $title }" (y gwasanaeth: { $service }). Derbyniwch neu gwrthodwch ar y dudalen "Eich byrddau" (/boards/mine) pan fyddwch wedi mewngofnodi.
email-board-invited-you-facilitator = Mae { $actor } wedi eich gwahodd i ymuno â'r bwrdd cyd-ddylunio "{ $title }" (y gwasanaeth: { $service }) fel hwylusydd. Derbyniwch neu gwrthodwch ar y dudalen "Eich byrddau" (/boards/mine) pan fyddwch wedi mewngofnodi.
email-board-invited-org = Mae { $actor } wedi gwahodd { $org } i ymuno â'r bwrdd cyd-ddylunio "{ $title }" (y gwasanaeth: { $service }). Fel un o'i weinyddwyr gallwch dderbyn neu wrthod ar y dudalen "Eich byrddau" (/boards/mine) pan fyddwch wedi mewngofnodi; unwaith y bydd yn ymuno, mae pobl y sefydliad yn gweithredu ar ei ran ar y bwrdd.
email-board-join-subject = cais i ymuno â'ch bwrdd
email-board-join-asked = Mae { $actor } wedi gofyn am gael ymuno â'r bwrdd cyd-ddylunio "{ $title }". Fel hwylusydd gallwch dderbyn neu wrthod ar dudalen gwahoddiadau a cheisiadau'r bwrdd ({ $path }).
email-board-join-asked-for-org = Mae { $actor } wedi gofyn am gael ymuno â'r bwrdd cyd-ddylunio "{ $title }" ar ran { $org }. Fel hwylusydd gallwch dderbyn neu wrthod ar dudalen gwahoddiadau a cheisiadau'r bwrdd ({ $path }).
email-board-joined-subject = rydych chi wedi ymuno â bwrdd cyd-ddylunio
email-board-join-accepted = Mae eich cais i ymuno â'r bwrdd cyd-ddylunio "{ $title }" wedi'i dderbyn. Gallwch gymryd rhan yn { $path }.
email-board-join-declined-subject = eich cais i ymuno â bwrdd
email-board-join-declined = Mae hwyluswyr y bwrdd cyd-ddylunio "{ $title }" wedi gwrthod eich cais i ymuno.

# Neges i berchennog ased, wedi'i hanfon ymlaen.
email-asset-subject = neges am { $asset }
email-asset-about-offered = "{ $asset }", a gynigir gan { $org }
email-asset-about-yours = eich ased "{ $asset }"
email-asset-wrote = Ysgrifennodd { $sender } atoch drwy { $place } am { $about }:
email-asset-can-reply = Mae { $sender } wedi rhannu eu cyfeiriad e-bost â chi: atebwch yr e-bost hwn i'w hateb.
email-asset-cannot-reply = Nid yw { $sender } wedi rhannu eu cyfeiriad e-bost, felly ni fydd ateb i'r e-bost hwn yn eu cyrraedd.
email-asset-address-hidden = Nid yw eich cyfeiriad e-bost chi wedi cael ei ddangos iddynt.
email-asset-link = Yr ased
email-asset-see = Gweld yr ased
email-asset-stop = Os nad ydych eisiau negeseuon amdano mwyach, golygwch ef yno a dad-diciwch y blwch sy'n caniatáu i bobl anfon negeseuon amdano.

# Gwahoddiad i ymuno â sefydliad.
email-invitation-subject = rydych chi wedi cael gwahoddiad i ymuno â { $org }
email-invitation-hello = Helo,
email-invitation-an-admin = Un o weinyddwyr { $org }
email-invitation-as-admin = gweinyddwr
email-invitation-as-member = aelod
email-invitation-meaning-admin = byddwch yn gweithredu ar ran y sefydliad ar y wefan hon, yn golygu ei broffil ac yn rheoli ei aelodau
email-invitation-meaning-member = byddwch yn gweithredu ar ran y sefydliad ar y wefan hon, er enghraifft ar fyrddau lle mae'n cymryd rhan
email-invitation-invited = Mae { $inviter } wedi eich gwahodd i ymuno â { $org } fel { $role }, ar wefan { $place } lle mae trigolion, y cyngor a sefydliadau lleol yn llunio gwasanaethau cyhoeddus gyda'i gilydd.
email-invitation-if-you-accept = Os byddwch yn derbyn, { $meaning }. Bydd angen cyfrif arnoch ar wefan { $place } gyda'r cyfeiriad e-bost hwn; os nad oes gennych un eto, gallwch ei greu pan fyddwch yn dilyn y ddolen.
email-invitation-open-link = I dderbyn neu wrthod, agorwch y ddolen hon:
email-invitation-see = Gweld y gwahoddiad
email-invitation-expiry = Mae'r ddolen yn gweithio unwaith ac am { $days } diwrnod.
email-invitation-not-expected = Os nad ydych yn adnabod { $org } neu os nad oeddech yn disgwyl hyn, gallwch anwybyddu'r e-bost hwn: ni fydd dim yn digwydd, ac ni fydd neb yn ymuno yn eich enw chi.

# Straeon: ceisiadau am ganiatâd, atebion, tynnu'n ôl ac adnewyddu. Nid
# oes yr un yn cynnwys teitl na thestun stori, dim ond ei chyfeirnod byr.
email-story-withdrawn-subject = caniatâd wedi'i dynnu'n ôl ar gyfer stori { $reference }
email-story-withdrawn = Mae preswylydd wedi tynnu'n ôl ei ganiatâd i'w stori gael ei defnyddio (cyfeirnod { $reference }). Defnyddiodd { $org } hi o dan y caniatâd hwnnw:
email-story-erased = Mae preswylydd wedi dileu ei stori (cyfeirnod { $reference }). Defnyddiodd { $org } hi o dan y caniatâd hwnnw:
email-story-withdrawn-delete = Dilëwch bob copi a wnaeth { $org } ohoni neu o rannau ohoni (nodiadau, dogfennau, sleidiau, adroddiadau heb eu cyhoeddi eto), a pheidiwch â'i defnyddio eto. Nid yw'r platfform yn ei dangos i chi mwyach.
email-story-withdrawn-printed = Ni ellir galw'n ôl gopïau sydd eisoes wedi'u hargraffu neu eu darlledu, ac mae'r preswylydd wedi cael gwybod hynny; ond ni chaiff dim byd newydd gael ei wneud ohonynt.
email-story-withdrawn-admin = Cawsoch hwn fel un o weinyddwyr y sefydliad. Rhowch wybod i unrhyw un ynddo a ddefnyddiodd y stori.
email-story-use-line = { $when }: { $who } { $action } ({ $purpose })
email-story-used-it = wedi'i defnyddio
email-story-request-subject = cais i ddefnyddio eich stori
email-story-request-intro = Mae { $who } yn gofyn am gael defnyddio eich stori (cyfeirnod { $reference }) ar gyfer:
email-story-request-line = { $title }: { $meaning } (i'w darllen gan { $audience }, { $attribution }, am { $months } mis)
email-story-audience-board = aelodau bwrdd cyd-ddylunio
email-story-audience-organisation = aelodau un sefydliad
email-story-audience-tenant = pawb sydd â chyfrif yn y lle hwn
email-story-audience-public = unrhyw un, yn gyhoeddus
email-story-request-message = Eu neges: { $message }
email-story-request-you-decide = Chi sy'n penderfynu: gallwch gytuno i'r cyfan, i ran ohono, neu ddweud na. Nid yw dweud na yn newid dim am y gwasanaethau a gewch.
email-story-request-link = Ateb y cais
email-story-assisted-subject = cadarnhewch y stori a adroddwyd gennych gyda help
email-story-assisted-helped = Fe wnaeth { $staff } o { $org } eich helpu i wneud cyfrif ac adrodd eich stori. Ni chaiff dim ei rannu nes i chi gadarnhau.
email-story-assisted-code = Eich cod cadarnhau: { $code }
email-story-assisted-none = Fe wnaethoch ddewis peidio â rhannu eich stori am y tro.
email-story-assisted-chosen = Fe wnaethoch ddewis gadael i'ch stori gael ei defnyddio ar gyfer:
email-story-assisted-not-agreed = Os nad dyma'r hyn y cytunoch arno, peidiwch â chadarnhau: mewngofnodwch (gosodwch gyfrinair gyda'r ddolen yn ein e-bost arall) a newidiwch neu dilëwch unrhyw beth, neu dywedwch na.
email-story-no-changes-nothing = Nid yw dweud na yn newid dim am y gwasanaethau a gewch.
email-story-assisted-link = Cadarnhau neu ei newid
email-story-answer-subject = ateb i'ch cais i ddefnyddio stori
email-story-answer-declined = Mae awdur stori { $reference } wedi penderfynu peidio â'i rhannu ar gyfer yr hyn y gofynnoch amdano. Parchwch eu penderfyniad.
email-story-answer-given = Cytunodd awdur stori { $reference } i'w rhannu ar gyfer:
email-story-given-line = { $title }, { $attribution }, tan { $until }
email-story-answer-withdraw = Gallant dynnu eu caniatâd yn ôl ar unrhyw adeg; yna ni fydd y stori ar gael i chi mwyach ar unwaith, a byddwch yn cael gwybod.
email-story-answer-link = Y stori
email-story-expiring-subject = mae rhai o'ch caniatadau'n dod i ben cyn bo hir
email-story-expiring-intro = Mae'r caniatadau hyn i ddefnyddio eich straeon yn dod i ben o fewn 30 diwrnod:
email-story-expiring-line = { $title } (stori { $reference }): yn dod i ben { $until }
email-story-expiring-renew = Os na wnewch chi ddim, byddant yn dod i ben a bydd eich straeon yn peidio â chael eu rhannu at y dibenion hynny. Os ydych am iddynt barhau, gallwch eu hadnewyddu: mae adnewyddu yn ganiatâd newydd, am hyd at 24 mis.
email-story-expiring-link = Gweld eich caniatadau
