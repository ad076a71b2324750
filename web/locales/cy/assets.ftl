# Asedau: map yr asedau (pori a chwilio), cofrestru a golygu ased, ei
# dudalen gyda'r ffurflen gysylltu, ei dynnu'n ôl, a'r asedau y mae cynnig
# yn adeiladu arnynt.

assets-kind-skill = Sgil
assets-kind-space = Lle
assets-kind-service = Gwasanaeth
assets-kind-group = Grŵp
assets-kind-equipment = Offer
assets-kind-skill-hint = rhywbeth y gall person ei wneud, fel coginio neu drwsio beiciau
assets-kind-space-hint = ystafell, neuadd, gardd neu gegin y gall pobl ei defnyddio
assets-kind-service-hint = rhywbeth a gynigir yn rheolaidd, fel sesiynau cyngor
assets-kind-group-hint = pobl sy'n cyfarfod, fel clwb neu gôr
assets-kind-equipment-hint = pethau i'w benthyg neu i'w rhannu, fel offer neu fws mini
assets-kind-skill-word = sgil
assets-kind-space-word = lle
assets-kind-service-word = gwasanaeth
assets-kind-group-word = grŵp
assets-kind-equipment-word = offer
assets-asset = Ased

# Y rhestr.
assets-title = Asedau
assets-intro = Y sgiliau, y mannau, y gwasanaethau, y grwpiau a'r offer y mae pobl a sefydliadau { $place } yn eu cynnig.
assets-register = Cofrestru ased
assets-search = Chwilio
assets-kind = Math
assets-any-kind = Unrhyw fath
assets-area = Ardal
assets-every-area = Pob ardal
assets-showing-area = Yn dangos asedau yn { $name } a'r ardaloedd y tu mewn iddi.
assets-count = { $n } ased.
assets-none-match = Does dim ased yn cyfateb i'ch chwiliad.
assets-check-spelling = Gwiriwch y sillafu, neu rhowch gynnig ar lai o eiriau neu ar eiriau eraill.
assets-search-every-area = Chwilio pob ardal
assets-not-just = , nid { $name } yn unig.
assets-see-every = Gweld pob ased
assets-none-yet = Does neb wedi cofrestru ased eto.
assets-offer-org = Oes gennych chi neu eich sefydliad rywbeth i'w gynnig?
assets-offer = Oes gennych chi rywbeth i'w gynnig?
assets-sign-in = Mewngofnodwch
assets-sign-in-to-register = i gofrestru ased.
assets-offered-by-name = Cynigir gan { $name }
assets-available-when = Ar gael: { $when }

# Tudalen ased.
assets-breadcrumb = Briwsion bara
assets-its-area = Ei ardal
assets-withdrawn-notice = Rydych wedi tynnu'r ased hwn yn ôl: nid yw wedi'i restru mwyach, a dim ond chi all weld y dudalen hon.
assets-offered-by = Cynigir gan
assets-a-resident = Preswylydd
assets-available = Ar gael
assets-edit = Golygu'r ased
assets-withdraw-it = Ei dynnu'n ôl
assets-proposals = Cynigion sy'n adeiladu arno
assets-get-in-touch = Cysylltu
assets-not-contactable = Nid yw'r perchennog yn derbyn negeseuon drwy'r wefan hon.
assets-owner-contact = Gall pobl sydd wedi mewngofnodi ysgrifennu atoch amdano drwy ffurflen ar y dudalen hon; mae eu negeseuon yn eich cyrraedd drwy e-bost, ac ni ddangosir eich cyfeiriad iddynt.
assets-sign-in-to-message = i anfon neges amdano.
assets-notice-created = Mae eich ased ar y map.
assets-notice-saved = Mae'r ased wedi'i gadw.
assets-notice-sent = Mae eich neges wedi'i hanfon. Gallant eich ateb drwy e-bost.
assets-notice-sent-private = Mae eich neges wedi'i hanfon. Wnaethoch chi ddim rhannu eich cyfeiriad e-bost, felly ni allant eich ateb. I adael iddynt ateb, anfonwch neges arall a thiciwch "Rhannu fy nghyfeiriad e-bost fel y gallant ateb".

# Ysgrifennu at berchennog ased.
assets-write-about = Ysgrifennu am { $name }
assets-back-to = Yn ôl i { $name }
assets-message = Eich neges
assets-message-hint-org = Rydym yn ei hanfon drwy e-bost gyda'ch enw at weinyddwyr { $org }. Ni ddangosir eu cyfeiriad e-bost i chi. Hyd at { $max } nod.
assets-message-hint-person = Rydym yn ei hanfon drwy e-bost gyda'ch enw at y person sy'n ei gynnig. Ni ddangosir ei gyfeiriad e-bost i chi. Hyd at { $max } nod.
assets-share-email = Rhannu fy nghyfeiriad e-bost fel y gallant ateb
assets-share-email-hint = Os na fyddwch yn ticio hwn, ni allant eich ateb.
assets-send = Anfon y neges

# Cofrestru a golygu.
assets-register-title = Cofrestru ased
assets-register-button = Cofrestru'r ased
assets-edit-title = Golygu { $name }
assets-save-button = Cadw'r ased
assets-name = Enw
assets-name-hint = Er enghraifft "Trwsio beiciau" neu "Neuadd gymunedol".
assets-description = Disgrifiad
assets-description-hint = Beth rydych yn ei gynnig ac i bwy, mewn testun plaen, hyd at 4000 nod.
assets-area-hint = Ble mae, neu ble rydych yn ei gynnig. Gallwch adael hwn yn wag.
assets-no-area = Dim ardal benodol
assets-offered-by-org = Cynigir gan { $org }.
assets-offered-by-you = Cynigir gennych chi.
assets-offered-by-hint = Chi eich hun, neu sefydliad rydych yn aelod ohono.
assets-me = Fi
assets-availability = Pryd mae ar gael
assets-availability-hint = Er enghraifft "Dydd Mawrth 10–2" neu "ar gais". Gallwch adael hwn yn wag.
assets-contactable = Caiff pobl anfon negeseuon amdano
assets-contactable-hint = Daw negeseuon atoch drwy e-bost drwy'r wefan hon; ni ddangosir eich cyfeiriad e-bost byth. I sefydliad, maent yn mynd at ei weinyddwyr.

# Tynnu'n ôl.
assets-withdraw-title = Tynnu { $name } yn ôl
assets-withdraw-heading = Tynnu { $name } yn ôl?
assets-withdraw-text = Ni fydd wedi'i restru mwyach na'i ddangos ar fap yr asedau, ac ni all neb ysgrifennu atoch amdano. Gallwch weld ei dudalen o hyd, ond ni allwch ei olygu na'i roi'n ôl: i'w gynnig eto, cofrestrwch ef o'r newydd.
assets-withdraw-yes = Ie, ei dynnu'n ôl
assets-withdraw-no = Na, mynd yn ôl

# Yr asedau y mae cynnig yn adeiladu arnynt.
assets-proposal-title = Asedau y mae “{ $title }” yn adeiladu arnynt
assets-proposal-legend = Asedau y mae'r cynnig hwn yn adeiladu arnynt
assets-proposal-hint-before = Y sgiliau, y mannau, y gwasanaethau, y grwpiau a'r offer ar y
assets-proposal-hint-link = map asedau
assets-proposal-hint-after = y byddai eich syniad yn eu defnyddio. 20 ar y mwyaf.
assets-proposal-none-linked = Does dim asedau wedi'u cysylltu eto. Caiff asedau ardal y cynnig eu hawgrymu yma unwaith y bydd ganddo ardal.
assets-proposal-add = Ychwanegu asedau eraill
assets-proposal-add-hint = Gludwch gyfeiriad tudalen ased (neu ei id); gwahanwch sawl un â bylchau.
assets-proposal-save = Cadw'r asedau cysylltiedig
assets-proposal-list-title = Asedau y mae'n adeiladu arnynt
assets-proposal-list-none = Does dim asedau o fap yr asedau wedi'u cysylltu â'r cynnig hwn.
assets-proposal-choose = Dewis yr asedau y mae'n adeiladu arnynt

# Problemau gyda'r hyn a anfonwyd, wrth ymyl y maes neu ar y dudalen.

assets-error-name-length = rhowch enw o { $min } i { $max } nod
assets-error-description-required = dywedwch mewn ychydig eiriau beth rydych yn ei gynnig
assets-error-description-length = cadwch y disgrifiad i { $max } nod neu lai
assets-error-availability-length = cadwch “Pryd mae ar gael” i { $max } nod neu lai
assets-error-message-required = ysgrifennwch eich neges
assets-error-message-length = cadwch y neges i { $max } nod neu lai
assets-error-kind = dewiswch sgil, lle, gwasanaeth, grŵp neu offer
assets-error-area-unknown = dewiswch ardal yn y lle hwn
assets-error-owners-only = dim ond perchnogion yr ased sy'n gallu ei newid
assets-error-organisation-unknown = dewiswch sefydliad yn y lle hwn
assets-error-organisation-members = dim ond aelodau'r sefydliad sy'n gallu cynnig asedau ar ei ran
assets-error-withdrawn = mae'r ased hwn wedi'i dynnu'n ôl; cofrestrwch ef eto i'w gynnig
assets-error-not-contactable = nid yw perchennog yr ased hwn yn derbyn negeseuon drwy'r wefan hon
