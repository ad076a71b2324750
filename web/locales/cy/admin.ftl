# Gweinyddu: dewislen y gweinyddwyr, pobl a rolau, e-bost heb ei
# ddosbarthu, cydnabod sefydliadau, ardaloedd, stori'r lle, gosodiadau,
# a'r log archwilio gyda'r geiriau ar gyfer pob math o ddigwyddiad (a
# ddefnyddir hefyd ar "Eich data").

admin-nav = Gweinyddu
admin-nav-people = Pobl a rolau
admin-nav-mail = E-bost heb ei ddosbarthu
admin-nav-residency = Ceisiadau preswylio
admin-nav-organisations = Sefydliadau
admin-nav-areas = Ardaloedd
admin-nav-place-story = Stori'r lle
admin-nav-settings = Gosodiadau
admin-nav-audit = Log archwilio

admin-people-title = Pobl a rolau
admin-people-intro = Mae cymedrolwyr yn gofalu am gyfraniadau. Mae gweinyddwyr yn rheoli'r lle hwn, gan gynnwys pwy sydd â pha rôl. Mae pawb arall yn cymryd rhan fel dinesydd. Mae newid rôl rhywun yn eu hallgofnodi ym mhobman; felly hefyd “Allgofnodi ym mhobman”, ar gyfer ffôn a gollwyd neu gyfrifiadur a rennir.
admin-people-search-label = Chwilio yn ôl enw neu e-bost
admin-people-search = Chwilio
admin-people-count = { $n ->
    [one] { $n } person.
   *[other] { $n } o bobl.
}
admin-people-count-matching = { $n ->
    [one] { $n } person yn cyfateb i “{ $q }”.
   *[other] { $n } o bobl yn cyfateb i “{ $q }”.
}
admin-people-none = Does neb yn cyfateb i'r chwiliad hwnnw.
admin-people-name = Enw
admin-people-email = E-bost
admin-people-residency = Preswylio
admin-people-role = Rôl
admin-people-sessions = Sesiynau
admin-people-you = (chi)
admin-people-not-confirmed = (heb ei gadarnhau)
admin-people-role-of = Rôl { $name }
admin-people-change = Newid
admin-people-change-role-of = rôl { $name }
admin-people-sign-out = Allgofnodi ym mhobman
admin-people-not-verified-email = Heb ei ddilysu (e-bost heb ei gadarnhau)
admin-people-resident-postcode = Preswylydd wedi'i ddilysu (cod post)
admin-people-resident-vouched = Preswylydd wedi'i ddilysu (sefydliad wedi gwarantu)
admin-people-resident-manual = Preswylydd wedi'i ddilysu (wedi'i gymeradwyo gan weinyddwr)
admin-people-resident-email = Preswylydd wedi'i ddilysu (mae e-bost wedi'i gadarnhau yn ddigon)
admin-people-not-verified = Heb ei ddilysu
notice-admin-role-changed = Mae'r rôl wedi newid, ac mae'r person hwnnw wedi cael ei allgofnodi ym mhobman.
notice-admin-signed-out = Mae'r person hwnnw wedi cael ei allgofnodi ym mhobman.
admin-people-last-admin = Dyna unig weinyddwr y lle hwn: penodwch weinyddwr arall yn gyntaf.

admin-mail-title = E-bost na chafodd ei ddosbarthu
admin-mail-intro = Rydym yn rhoi cynnig arall ar anfon e-bost yn awtomatig, gan aros yn hirach bob tro, hyd at 10 gwaith. Ni fyddwn yn rhoi cynnig arall ar negeseuon sydd wedi methu oni bai eich bod yn gofyn.
admin-mail-none = Mae pob e-bost wedi'i ddosbarthu. Does dim byd yn aros nac wedi methu.
admin-mail-to = At
admin-mail-subject = Pwnc
admin-mail-state = Cyflwr
admin-mail-last-problem = Y broblem ddiwethaf
admin-mail-action = Gweithred
admin-mail-failed = Wedi methu ar ôl { $n } cynnig
admin-mail-retrying = Rhoi cynnig arall am { $time } ({ $n } hyd yma)
admin-mail-send-again = Anfon eto
admin-mail-send-again-to = at { $recipient }
mail-error-not-failed = dim ond neges sydd wedi methu y gellir rhoi cynnig arall arni; mae hon { $status ->
    [pending] yn aros i gael ei hanfon
    [sent] wedi'i hanfon
    [failed] wedi methu
   *[other] yn { $status }
}
notice-admin-mail-retry = Bydd yr e-bost yn cael ei anfon eto cyn bo hir.

admin-organisations-title = Sefydliadau
admin-organisations-heading = Cydnabod sefydliadau
admin-organisations-intro = Mae sefydliad y mae'r cyngor yn ei gydnabod yn dangos "Wedi'i gydnabod gan y cyngor" ar ei broffil ac yn y rhestr.
admin-organisations-none = Does dim sefydliad wedi'i ddechrau eto.
admin-organisations-organisation = Sefydliad
admin-organisations-kind = Math
admin-organisations-recognised = Wedi'i gydnabod
admin-organisations-yes = Ydy.
admin-organisations-no = Nac ydy.
admin-organisations-stop = Peidio â chydnabod
admin-organisations-recognise = Cydnabod
notice-admin-organisation-recognised = Mae'r sefydliad bellach wedi'i gydnabod gan y cyngor.
notice-admin-organisation-unrecognised = Nid yw'r sefydliad wedi'i gydnabod gan y cyngor mwyach.

admin-areas-title = Ardaloedd
admin-areas-intro-before-link = Rhannau'r lle hwn, fel y ddinas, ei wardiau a'i chymdogaethau. Gall pawb eu gweld yn
admin-areas-intro-link = Ardaloedd
admin-areas-none = Does dim ardaloedd wedi'u hychwanegu eto.
admin-areas-area = Ardal
admin-areas-kind = Math
admin-areas-actions = Gweithredoedd
admin-areas-edit = Golygu
admin-areas-remove = Dileu
admin-areas-add-title = Ychwanegu ardal
admin-areas-inside = Y tu mewn i
admin-areas-top-level = Dim: ardal ar y lefel uchaf
admin-areas-add = Ychwanegu'r ardal
admin-area-name = Enw
admin-area-kind = Math o ardal
admin-area-kind-city = Dinas
admin-area-kind-ward = Ward
admin-area-kind-neighbourhood = Cymdogaeth
admin-area-kind-other = Ardal
admin-area-description = Disgrifiad (dewisol)
admin-area-latitude = Lledred (dewisol)
admin-area-point-hint = Graddau, fel 52.4068 a -1.5197; rhowch y ddau neu ddim un.
admin-area-longitude = Hydred (dewisol)
admin-area-edit-title = Golygu { $name }
admin-area-back = Yn ôl i'r holl ardaloedd
admin-area-public-page = Gweld ei thudalen gyhoeddus
admin-area-save = Cadw'r ardal
admin-area-remove-title = Dileu'r ardal hon
admin-area-has-children = Mae ardaloedd eraill y tu mewn i'r un hon, felly ni ellir ei dileu. Dilëwch nhw yn gyntaf.
admin-area-remove-link = Dileu { $name }
admin-area-remove-question = Dileu { $name }?
admin-area-remove-warning = Bydd yr ardal a'i thudalen yn diflannu am byth. Ni ellir dadwneud hyn.
admin-area-remove-button = Dileu'r ardal
admin-area-keep = Ei chadw
notice-admin-area-created = Mae'r ardal wedi'i hychwanegu.
notice-admin-area-saved = Mae'r ardal wedi'i chadw.
notice-admin-area-deleted = Mae'r ardal wedi'i dileu.

admin-story-title = Stori'r lle
admin-story-see-page = Gweld y dudalen
admin-story-intro-before-link = Dywedwch wrth bobl am y lle hwn: ei hanes, ei ddaearyddiaeth, a sut mae pethau'n cael eu gwneud yma. Mae'n cael ei ddangos i bawb yn
admin-story-intro-link = Am y lle hwn
admin-story-label = Y stori
admin-story-hint = Gallwch ddefnyddio Markdown: # ar gyfer pennawd, *sêr* ar gyfer pwyslais, [geiriau](https://…) ar gyfer dolen, - ar gyfer rhestr.
admin-story-save = Cadw'r stori
notice-admin-story-saved = Mae'r stori wedi'i chadw.

admin-settings-title = Gosodiadau
admin-settings-name = Enw'r lle
admin-settings-language = Iaith ddiofyn
admin-settings-language-hint = Tag iaith, fel en, cy neu en-GB.
admin-settings-colour = Lliw brand (dewisol)
admin-settings-colour-hint = Cefndir y pennyn, fel # a chwe digid hecsadegol (fel #1d5c4d). Rhaid gallu darllen testun gwyn arno (cyferbyniad o 4.5:1 o leiaf). Gadewch yn wag i gael y lliwiau arferol.
admin-settings-contact = Cyfeiriad cyswllt (dewisol)
admin-settings-contact-hint = Cyfeiriad e-bost y gall pobl ysgrifennu ato am y lle hwn. Mae'n cael ei ddangos ar y tudalennau am y lle, hygyrchedd a phreifatrwydd.
admin-settings-sender = Gan bwy y daw e-bost y lle
admin-settings-sender-hint = Gadewch y ddau yn wag i anfon yn enw'r lle o gyfeiriad y gosodiad ei hun. Rhaid i'ch cyfeiriad eich hun fod yn un y mae eich darparwr e-bost yn caniatáu i'r gweinydd hwn anfon ohono (SPF a DKIM), neu efallai y caiff yr e-bost ei wrthod fel sbam.
admin-settings-sender-name = Enw'r anfonwr (dewisol)
admin-settings-sender-name-hint = Yn cael ei ddangos fel yr anfonwr, fel Cyd-gynhyrchu Cyngor Coventry.
admin-settings-sender-address = Cyfeiriad yr anfonwr (dewisol)
admin-settings-sender-address-hint = Fel participation@coventry.gov.uk.
admin-settings-residency = Sut mae pobl yn dangos eu bod yn byw yma
admin-settings-residency-hint = Dim ond preswylwyr wedi'u dilysu fydd yn cefnogi cynigion, yn pleidleisio ac yn cyfrif fel dinasyddion ar fyrddau. Ticiwch y gwiriadau rydych yn eu derbyn: mae unrhyw un ohonynt yn ddigon. Os na fyddwch yn ticio dim, mae cyfeiriad e-bost wedi'i gadarnhau yn ddigon.
admin-settings-threshold = Faint o gefnogaeth sydd ei hangen ar gynnig
admin-settings-threshold-hint = Rhif cyfan, 1 neu fwy. Mae cynigion sydd â chymaint â hyn o gefnogaeth gan breswylwyr yn symud ymlaen.
admin-settings-licence = Trwydded y data agored
admin-settings-licence-hint-before-link = Mae cynigion, eu cefnogaeth a'u gwerthusiadau yn cael eu cyhoeddi ar
admin-settings-licence-hint-link = y dudalen data agored
admin-settings-licence-hint-after-link = o dan y drwydded hon.
admin-settings-save = Cadw'r gosodiadau
notice-admin-settings-saved = Mae'r gosodiadau wedi'u cadw.

admin-audit-title = Log archwilio
admin-audit-intro = Mae popeth pwysig sy'n digwydd yn y lle hwn yn cael ei gofnodi yma: mewngofnodi, newidiadau i rolau, newidiadau i gyfrineiriau a chyfeiriadau e-bost, mewngofnodi dau gam, a'r hyn a wnaeth gweinyddwyr a gweithredwyr y platfform. Ni ellir newid na dileu dim byd yma heb i hynny ddangos pan fydd y log yn cael ei wirio.
admin-audit-show-label = Dangos
audit-error-kind-invalid = nid yw hwn yn fath o ddigwyddiad archwilio
admin-audit-every-kind = Pob math o ddigwyddiad
admin-audit-show = Dangos
admin-audit-check = Gwirio nad yw'r log wedi'i newid
admin-audit-count = { $n ->
    [zero] { $n } digwyddiad, y mwyaf newydd yn gyntaf.
    [one] { $n } digwyddiad, y mwyaf newydd yn gyntaf.
    [two] { $n } ddigwyddiad, y mwyaf newydd yn gyntaf.
   *[other] { $n } digwyddiad, y mwyaf newydd yn gyntaf.
}
admin-audit-count-of-kind = { $n ->
    [zero] { $n } digwyddiad o'r math hwn, y mwyaf newydd yn gyntaf.
    [one] { $n } digwyddiad o'r math hwn, y mwyaf newydd yn gyntaf.
    [two] { $n } ddigwyddiad o'r math hwn, y mwyaf newydd yn gyntaf.
   *[other] { $n } digwyddiad o'r math hwn, y mwyaf newydd yn gyntaf.
}
admin-audit-none = Does dim byd wedi'i gofnodi eto.
admin-audit-none-of-kind = Does dim byd o'r math hwn wedi'i gofnodi eto.
admin-audit-caption = Digwyddiadau, y mwyaf newydd yn gyntaf
admin-audit-when = Pryd
admin-audit-what = Beth ddigwyddodd
admin-audit-who = Pwy
admin-audit-whom = Am bwy
admin-audit-details = Manylion
admin-audit-former-member = cyn-aelod
admin-audit-intact = { $n ->
    [one] Mae'r log yn gyfan: mae'r { $n } digwyddiad fel y cafodd ei ysgrifennu.
   *[other] Mae'r log yn gyfan: mae pob un o'r { $n } digwyddiad fel y cawsant eu hysgrifennu.
}
admin-audit-broken = Mae'r log wedi torri wrth ddigwyddiad #{ $seq } ({ $id }): { $reason }. Dywedwch wrth weithredwr eich platfform.

# Ystyr pob math o ddigwyddiad, ar gyfer y log archwilio ac "Eich data".
audit-kind-sign-in = Wedi mewngofnodi
audit-kind-sign-in-first-step = Wedi rhoi'r cyfrinair neu'r ddolen gywir; roedd y cod o'r ap eto i ddod
audit-kind-sign-in-failed = Methodd ymgais i fewngofnodi
audit-kind-sign-out = Wedi allgofnodi
audit-kind-account-registered = Wedi creu cyfrif
audit-kind-account-provisioned = Crëwyd cyfrif o'r llinell orchymyn neu gan weithredwr platfform
audit-kind-password-changed = Wedi newid y cyfrinair
audit-kind-password-reset = Wedi gosod cyfrinair newydd gyda dolen drwy e-bost
audit-kind-email-changed = Wedi newid y cyfeiriad e-bost
audit-kind-two-step-on = Wedi troi mewngofnodi dau gam ymlaen
audit-kind-two-step-off = Wedi diffodd mewngofnodi dau gam
audit-kind-role-changed = Wedi newid rôl rhywun
audit-kind-tenant-created = Crëwyd y lle
audit-kind-host-added = Ychwanegwyd cyfeiriad gwe at y lle
audit-kind-host-removed = Tynnwyd cyfeiriad gwe oddi ar y lle
audit-kind-tenant-suspended = Oedwyd y lle
audit-kind-tenant-reopened = Ailagorwyd y lle
audit-kind-place-signed-out = Allgofnododd gweithredwr platfform bawb yn y lle
audit-kind-mail-retried = Gofynnodd gweinyddwr am anfon e-bost heb ei ddosbarthu eto
audit-kind-data-exported = Wedi lawrlwytho eu holl ddata
audit-kind-account-erased = Dilëwyd y cyfrif a dilëwyd ei ddata personol
audit-kind-profile-imported = Wedi dod â'u proffil o le arall
audit-kind-organisation-created = Wedi creu sefydliad
audit-kind-member-added = Ymunodd rhywun â sefydliad
audit-kind-member-removed = Gadawodd rhywun sefydliad, neu cawsant eu tynnu ohono
audit-kind-member-role-changed = Newidiodd rôl aelod mewn sefydliad
audit-kind-organisation-verified = Cafodd sefydliad ei gydnabod gan y cyngor
audit-kind-organisation-unverified = Peidiodd y cyngor â chydnabod sefydliad
audit-kind-join-request-decided = Derbyniwyd neu gwrthodwyd cais i ymuno â sefydliad
audit-kind-area-created = Ychwanegodd gweinyddwr ardal
audit-kind-area-updated = Newidiodd gweinyddwr ardal
audit-kind-area-deleted = Dileodd gweinyddwr ardal
audit-kind-settings-changed = Newidiodd gweinyddwr osodiadau'r lle
audit-kind-place-story-changed = Newidiodd gweinyddwr stori'r lle
audit-kind-organisation-invitation-sent = Anfonodd gweinyddwr sefydliad wahoddiad i ymuno ag ef (neu ei anfon eto)
audit-kind-organisation-invitation-accepted = Derbyniodd rhywun wahoddiad i ymuno â sefydliad
audit-kind-organisation-invitation-declined = Gwrthododd rhywun wahoddiad i ymuno â sefydliad
audit-kind-organisation-invitation-revoked = Tynnodd gweinyddwr sefydliad wahoddiad i ymuno ag ef yn ôl
audit-kind-residency-verified = Wedi dod yn breswylydd wedi'i ddilysu
audit-kind-residency-requested = Wedi gofyn i weinyddwyr y lle gadarnhau eu bod yn byw yma
audit-kind-residency-request-decided = Cymeradwyodd neu gwrthododd gweinyddwr gais i fod yn breswylydd wedi'i ddilysu
audit-kind-vouching-code-issued = Rhoddodd sefydliad god gwarantu
audit-kind-postcodes-imported = Mewnforiwyd codau post y lle
audit-kind-asset-registered = Wedi cofrestru ased ar y map asedau
audit-kind-asset-changed = Wedi newid ased ar y map asedau
audit-kind-asset-withdrawn = Wedi tynnu ased oddi ar y map asedau
audit-kind-asset-contacted = Wedi anfon neges at berchennog ased
audit-kind-proposal-created = Wedi ysgrifennu cynnig
audit-kind-proposal-edited = Wedi golygu cynnig a gyhoeddwyd (mae'r fersiwn gynharach yn cael ei chadw)
audit-kind-proposal-status-changed = Wedi symud cynnig i'w gam nesaf
audit-kind-proposal-transition-refused = Gwrthodwyd symud cynnig i gam arall
audit-kind-proposal-coauthor-invited = Wedi gwahodd rhywun i ysgrifennu cynnig gyda nhw
audit-kind-proposal-coauthor-answered = Wedi derbyn neu wrthod gwahoddiad i ysgrifennu cynnig
audit-kind-proposal-coauthor-removed = Gadawodd cyd-awdur gynnig, neu cawsant eu tynnu ohono
audit-kind-moderation-flagged = Wedi tynnu sylw'r cymedrolwyr at gynnig neu sylw
audit-kind-moderation-hidden = Cuddiodd cymedrolwr gynnig neu sylw, gyda rheswm
audit-kind-moderation-restored = Dangosodd cymedrolwr gynnig neu sylw cudd eto
audit-kind-moderation-dismissed = Diystyrodd cymedrolwr y rhybuddion ar gynnig neu sylw (neu gais am adolygiad)
audit-kind-moderation-review-requested = Wedi gofyn i'r cymedrolwyr adolygu cuddio eu cynnig neu eu sylw
audit-kind-notification-settings-changed = Wedi newid sut maen nhw'n clywed am yr hyn maen nhw'n ei ddilyn, neu wedi dad-danysgrifio drwy ddolen mewn e-bost
audit-kind-proposal-assets-linked = Wedi newid yr asedau o'r map asedau y mae cynnig yn adeiladu arnynt
audit-kind-evaluation-opened = Gwahoddwyd cefnogwyr cynnig a gyflawnwyd a phreswylwyr yr ardal i'w werthuso
audit-kind-evaluation-rated = Wedi dweud a ddigwyddodd canlyniad cynnig a gyflawnwyd
audit-kind-board-created = Wedi dechrau bwrdd cyd-ddylunio
audit-kind-board-changed = Newidiodd hwylusydd ddisgrifiad bwrdd neu bwy sy'n gallu ei weld
audit-kind-board-phase-changed = Symudodd hwylusydd fwrdd i gam arall
audit-kind-board-member-added = Ymunodd rhywun â bwrdd
audit-kind-board-member-removed = Gadawodd rhywun fwrdd, neu cawsant eu tynnu ohono
audit-kind-board-role-changed = Newidiodd rôl rhywun ar fwrdd
audit-kind-board-invitation-sent = Gwahoddodd hwylusydd rywun i fwrdd
audit-kind-board-invitation-answered = Derbyniwyd neu gwrthodwyd gwahoddiad i fwrdd
audit-kind-board-invitation-withdrawn = Tynnwyd gwahoddiad i fwrdd, neu gais i ymuno ag un, yn ôl
audit-kind-board-join-requested = Wedi gofyn am gael ymuno â bwrdd
audit-kind-board-join-request-decided = Derbyniodd neu gwrthododd hwylusydd gais i ymuno â bwrdd
audit-kind-board-linked = Cysylltodd hwylusydd gynnig neu ased â bwrdd
audit-kind-board-unlinked = Tynnodd hwylusydd gynnig neu ased oddi ar fwrdd
audit-kind-workshop-scheduled = Trefnodd hwylusydd weithdy
audit-kind-workshop-changed = Newidiodd hwylusydd weithdy
audit-kind-workshop-attendance-recorded = Cofnododd hwylusydd pwy gymerodd ran mewn gweithdy
audit-kind-workshop-notes-published = Cyhoeddodd hwylusydd nodiadau gweithdy
audit-kind-poll-created = Agorodd hwylusydd bôl ar fwrdd
audit-kind-poll-closed = Caeodd pôl: cofnodwyd ei ganlyniad a chrynodeb o'i bleidleisiau wedi'u trefnu
audit-kind-poll-ballot-assisted = Bwriodd hwylusydd bleidlais ar ran rhywun a gymerodd ran mewn gweithdy wyneb yn wyneb
audit-kind-story-created = Wedi ysgrifennu stori (wedi'i chadw wedi'i hamgryptio)
audit-kind-story-edited = Wedi newid stori neu ei fersiwn ddienw
audit-kind-story-erased = Wedi dileu stori; dinistriwyd ei hallwedd, felly ni ellir byth ei darllen eto
audit-kind-story-assisted = Helpodd aelod o staff sefydliad rywun wyneb yn wyneb i wneud cyfrif, adrodd stori a dewis caniatâd (yn aros iddyn nhw gadarnhau)
audit-kind-story-assist-decided = Wedi cadarnhau (neu wrthod) y stori a'r caniatâd a baratowyd gyda help aelod o staff
audit-kind-consent-given = Wedi rhoi caniatâd i stori gael ei defnyddio at ddiben
audit-kind-consent-withdrawn = Wedi tynnu caniatâd i ddefnyddio stori yn ôl
audit-kind-consent-requested = Wedi gofyn i awdur stori am ganiatâd i'w defnyddio
audit-kind-consent-request-decided = Wedi ateb cais i ddefnyddio eu stori
audit-kind-story-excerpted = Dyfynnodd sefydliad stori mewn adroddiad, o dan ganiatâd yr awdur

# Negeseuon gwall.
admin-error-role-invalid = dewiswch ddinesydd, cymedrolwr neu weinyddwr
