# Eich data: popeth sydd gennym am unigolyn, ei lawrlwytho, dileu'r
# cyfrif, a dod â phroffil o le arall.

mydata-title = Eich data
mydata-lead = Dyma bopeth sydd gan { $place } amdanoch. Chi biau'r data: gallwch ei lawrlwytho i gyd, mynd ag ef i le arall, neu ei ddileu.
mydata-download = Lawrlwytho fy nata
mydata-download-size = (ffeil JSON, tua { $kb } KB)
mydata-account = Eich cyfrif
mydata-email = Cyfeiriad e-bost
mydata-confirmed = (wedi'i gadarnhau)
mydata-name = Enw
mydata-role = Rôl
mydata-platform-operator = , gweithredwr platfform
mydata-two-step = Mewngofnodi dau gam
mydata-two-step-on = Ymlaen ({ $n } cod adfer ar ôl)
mydata-two-step-off = I ffwrdd
mydata-joined = Wedi ymuno
mydata-profile = Eich proffil
mydata-profile-caption = Eich proffil a phwy sy'n gallu gweld pob rhan
mydata-profile-part = Rhan
mydata-profile-wrote = Beth ysgrifennoch chi
mydata-profile-who = Pwy sy'n gallu ei weld
mydata-profile-pronouns = Rhagenwau
mydata-profile-bio = Amdanoch chi
mydata-profile-home-area = Ble rydych yn byw
mydata-profile-skills = Sgiliau a chryfderau
mydata-profile-interests = Beth sy'n bwysig i chi
mydata-empty = (gwag)
mydata-visibility-public = pawb
mydata-visibility-members = aelodau
mydata-visibility-private = chi yn unig
mydata-profile-edit = Golygu eich proffil
mydata-residency = Dangos eich bod yn byw yma
mydata-route-postcode = cod post
mydata-route-vouching = cod gwarantu
mydata-route-manual = cymeradwyaeth gweinyddwr
mydata-residency-verified = Cawsoch eich dilysu fel preswylydd ({ $by }).
mydata-residency-verified-on = Cawsoch eich dilysu fel preswylydd ({ $by }) ar { $date }.
mydata-residency-not-verified = Nid ydych wedi cael eich dilysu fel preswylydd.
mydata-residency-requested = Fe wnaethoch ofyn i weinyddwyr y lle gadarnhau eich bod yn byw yma; mae'r ffeil i'w lawrlwytho yn cynnwys eich nodyn a'u hateb.
mydata-residency-attempts = Codau post neu godau anghywir a roddwyd yn ystod y diwrnod diwethaf: { $n } (dim ond yr amser rydym yn ei gadw, byth yr hyn a deipiwyd).
mydata-residency-link = Eich tudalen breswylio
mydata-sessions = Ble rydych wedi mewngofnodi
mydata-nowhere = Unman.
mydata-session = { $device }, ers { $date }
mydata-emails = E-byst a anfonwyd atoch
mydata-none = Dim.
mydata-email-status-pending = yn aros
mydata-email-status-sent = wedi'i anfon
mydata-email-status-failed = wedi methu
mydata-assets = Asedau a gofrestrwyd gennych
mydata-asset-withdrawn = (wedi'i dynnu'n ôl)
mydata-asset-for-organisation = , ar ran sefydliad
mydata-asset-messages = { $n ->
    [one] Fe ysgrifennoch at berchnogion asedau unwaith; dim ond yn eu he-bost nhw y caiff y negeseuon eu hunain eu cadw.
    [two] Fe ysgrifennoch at berchnogion asedau ddwywaith; dim ond yn eu he-bost nhw y caiff y negeseuon eu hunain eu cadw.
   *[other] Fe ysgrifennoch at berchnogion asedau { $n } o weithiau; dim ond yn eu he-bost nhw y caiff y negeseuon eu hunain eu cadw.
}
mydata-stories = Eich straeon a'ch caniatâd
mydata-stories-none = Nid ydych wedi adrodd stori.
mydata-story-erased = Stori a ddilëwyd gennych
mydata-story-written = , ysgrifennwyd { $date }
mydata-stories-consents = Nifer y caniatadau a roesoch i ddefnyddio eich straeon: { $n }
mydata-stories-consents-link = eu gweld
mydata-stories-uses = { $n ->
    [one] defnyddiwyd eich straeon unwaith
    [two] defnyddiwyd eich straeon ddwywaith
   *[other] defnyddiwyd eich straeon { $n } o weithiau
}
mydata-stories-uses-link = pwy a'u defnyddiodd
mydata-stories-download = Mae'r ffeil i'w lawrlwytho yn cynnwys eich straeon yn llawn, wedi'u dadgryptio i chi.
mydata-comments = Eich sylwadau a'ch rhybuddion
mydata-comments-none = Nid ydych wedi gwneud sylw.
mydata-comment-deleted = Sylw a ddilëwyd gennych (wedi'i gadw fel sylw wedi'i ddileu er mwyn yr atebion oddi tano)
mydata-comment = Sylw
mydata-comment-of = dyddiedig { $date }
mydata-comment-hidden = , wedi'i guddio gan y cymedrolwyr
mydata-flags = { $n ->
    [one] Fe wnaethoch dynnu sylw'r cymedrolwyr at gynigion neu sylwadau unwaith; mae'r ffeil i'w lawrlwytho yn cynnwys eich rhesymau a'ch nodiadau. Nid yw'r cymedrolwyr byth yn dweud wrth awduron pwy dynnodd sylw atynt.
    [two] Fe wnaethoch dynnu sylw'r cymedrolwyr at gynigion neu sylwadau ddwywaith; mae'r ffeil i'w lawrlwytho yn cynnwys eich rhesymau a'ch nodiadau. Nid yw'r cymedrolwyr byth yn dweud wrth awduron pwy dynnodd sylw atynt.
   *[other] Fe wnaethoch dynnu sylw'r cymedrolwyr at gynigion neu sylwadau { $n } o weithiau; mae'r ffeil i'w lawrlwytho yn cynnwys eich rhesymau a'ch nodiadau. Nid yw'r cymedrolwyr byth yn dweud wrth awduron pwy dynnodd sylw atynt.
}
mydata-evaluations = Eich gwerthusiadau
mydata-evaluations-none = Nid oes neb wedi gofyn i chi werthuso cynnig a gyflawnwyd.
mydata-evaluation-asked = : gofynnwyd ar { $date }
mydata-evaluation-rated = ; rhoesoch { $rating } allan o 5 iddo
mydata-evaluation-comment = { " " }gyda sylw
mydata-evaluation-name = , gan ddangos eich enw
mydata-home-area = Fe ddywedoch eich bod yn byw yn { $name }
mydata-home-area-change = ei newid
mydata-boards = Eich byrddau cyd-ddylunio
mydata-boards-none = Nid ydych ar unrhyw fwrdd yn eich hawl eich hun.
mydata-board-facilitator = , fel hwylusydd ers { $date }
mydata-board-member = , fel aelod ers { $date }
mydata-rsvps = Eich atebion i weithdai, gyda'r anghenion mynediad a roesoch (dim ond chi a hwyluswyr y byrddau sy'n eu gweld):
mydata-response-yes = yn dod
mydata-response-maybe = efallai
mydata-response-no = ddim yn dod
mydata-access-needs = ; anghenion mynediad: { $needs }
mydata-attendance = { $n ->
    [two] Cofnododd hwyluswyr eich bod wedi cymryd rhan mewn { $n } weithdy.
   *[other] Cofnododd hwyluswyr eich bod wedi cymryd rhan mewn { $n } gweithdy.
}
mydata-events = Beth ddigwyddodd gyda'ch cyfrif
mydata-events-intro = Mae pob mewngofnodi, pob newid i'ch cyfrif a phopeth a wnaeth gweinyddwr iddo yn cael ei gofnodi yn log archwilio'r lle hwn, y gellir ei wirio rhag ymyrraeth. Dyma'r digwyddiadau amdanoch chi, y mwyaf newydd yn gyntaf. Os gwelwch rywbeth na wnaethoch chi, newidiwch eich cyfrinair a dywedwch wrth y bobl sy'n rhedeg y lle hwn.
mydata-events-none = Does dim byd wedi'i gofnodi am eich cyfrif eto.
mydata-events-caption = Digwyddiadau am eich cyfrif, y mwyaf newydd yn gyntaf
mydata-events-when = Pryd
mydata-events-what = Beth ddigwyddodd
mydata-events-who = Pwy wnaeth hyn
mydata-events-you = Chi
mydata-events-someone-else = Rhywun arall (gweinyddwr neu'r platfform)
mydata-leave = Symud neu adael
mydata-leave-moving-before-link = Symud i le arall sy'n defnyddio'r platfform hwn? Lawrlwythwch eich data yma, yna
mydata-leave-moving-link = dewch â'ch proffil ar draws
mydata-leave-moving-after-link = yno.
mydata-leave-delete = Dileu fy nghyfrif

mydata-delete-title = Dileu eich cyfrif
mydata-delete-if = Os byddwch yn dileu eich cyfrif:
mydata-delete-erased = bydd eich cyfeiriad e-bost, eich enw, eich proffil a phopeth a ddywedoch wrthym amdanoch eich hun yn cael eu dileu ar unwaith;
mydata-delete-signed-out = byddwch yn cael eich allgofnodi ym mhobman, ac ni ellir defnyddio'r cyfrif eto;
mydata-delete-encrypted = ni ellir byth eto ddarllen dim byd o'ch eiddo a gedwir ar ffurf wedi'i hamgryptio (fel straeon), hyd yn oed o hen gopïau wrth gefn, oherwydd bod ei allwedd yn cael ei dinistrio;
mydata-delete-votes = bydd pleidleisiau a fwriwyd gennych yn dal i gyfrif, ond ni all neb ddweud mai chi a'u bwriodd.
mydata-delete-undone-before-link = Ni ellir dadwneud hyn. Efallai yr hoffech
mydata-delete-undone-link = lawrlwytho eich data
mydata-delete-undone-after-link = yn gyntaf.
mydata-delete-contributions = Beth ddylai ddigwydd i'r hyn rydych wedi'i ysgrifennu i eraill (syniadau, sylwadau)?
mydata-delete-contributions-delete = Ei ddileu
mydata-delete-contributions-keep = Ei gadw, gan ddangos mai "cyn-aelod" a'i hysgrifennodd
mydata-delete-password = Eich cyfrinair, i gadarnhau mai chi sydd yma
mydata-delete-button = Dileu fy nghyfrif am byth
mydata-delete-keep = Cadw fy nghyfrif

mydata-goodbye-title = Mae eich cyfrif wedi'i ddileu
mydata-goodbye-erased = Mae eich data personol wedi'i ddileu ac rydych wedi cael eich allgofnodi ym mhobman. Diolch am gymryd rhan yn { $place }.
mydata-goodbye-welcome-back = Mae croeso i chi ddod yn ôl unrhyw bryd:
mydata-goodbye-register = creu cyfrif newydd

mydata-import-title = Dod â'ch proffil o le arall
mydata-import-done = Wedi gorffen. Daethom â { $parts } rhan o'ch proffil ar draws, gyda { $skills } sgil a { $interests } diddordeb.
mydata-import-private = Am y tro dim ond chi sy'n gallu eu gweld: does dim byd yn cael ei rannu mewn lle newydd nes i chi benderfynu.
mydata-import-choose = Dewiswch pwy sy'n gallu gweld pob rhan
mydata-import-intro = Os gwnaethoch ddefnyddio'r platfform hwn mewn lle arall, gallwch ddod â'ch proffil yma: yr hyn a ysgrifennoch amdanoch eich hun, eich sgiliau a'r hyn sy'n bwysig i chi. Nid yw eich caniatâd ar gyfer straeon yn dod ar draws: does dim byd yn cael ei rannu yma nes i chi benderfynu eto.
mydata-import-step-download = Yn y lle arall, ewch i "Eich data" a lawrlwythwch eich data. Byddwch yn cael ffeil o'r enw
mydata-import-file = my-data.json
mydata-import-step-paste = Agorwch y ffeil honno (bydd golygydd testun yn gwneud y tro), copïwch y cyfan, a'i gludo isod.
mydata-import-label = Cynnwys my-data.json
mydata-import-button = Dod â fy mhroffil yma

# Negeseuon gwall: wrth ymyl maes, neu ar dudalen sy'n gwrthod.
mydata-error-contributions-required = dewiswch beth sy'n digwydd i'r hyn rydych wedi'i ysgrifennu
mydata-error-unreadable = nid dyma gynnwys ffeil my-data.json; agorwch y ffeil, copïwch y cyfan a'i gludo yma
mydata-error-last-admin = chi yw unig weinyddwr y lle hwn; penodwch weinyddwr arall cyn dileu eich cyfrif
mydata-error-unsupported = nid allforiad coproduce o fersiwn { $version } yw hwn
