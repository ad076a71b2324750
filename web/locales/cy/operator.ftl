# Consol y gweithredwr: pob lle y mae gosodiad yn ei weini, creu lle, a
# gwesteiwyr, gweinyddwyr, sesiynau a statws lle.

operator-title = Consol y gweithredwr
operator-lead = Pob lle y mae'r gosodiad hwn yn ei weini. Mae newidiadau yma'n dod i rym ar unwaith.
operator-places = Lleoedd
operator-places-caption = Lleoedd, eu statws a'u gwesteiwyr
operator-name = Enw
operator-slug = Slug
operator-status = Statws
operator-hosts = Gwesteiwyr
operator-suspended = Wedi'i atal
operator-suspended-detail = : mae ei westeiwyr yn ateb gyda thudalen “wedi oedi”
operator-active = Gweithredol
operator-create = Creu lle
operator-name-hint = Fel y bydd pobl yn ei weld, er enghraifft “Cyngor Dinas Coventry”.
operator-slug-hint = Enw byr ar gyfer cyfeiriadau a'r llinell orchymyn: llythrennau bach, digidau a chysylltnodau sengl, er enghraifft
operator-slug-example = coventry
operator-slug-hint-after = Ni ellir ei newid yn nes ymlaen.
operator-hostnames = Enwau gwesteiwyr
operator-hosts-hint = Un ar bob llinell neu wedi'u gwahanu gan atalnodau, heb
operator-https = https://
operator-for-example = , er enghraifft
operator-example-host = coventry.example.org
operator-example-www = www.coventry.example.org
operator-create-button = Creu'r lle

# Lle.
operator-back = Yn ôl i bob lle
operator-about = Am y lle hwn
operator-hosts-caption = Yr enwau gwesteiwyr y mae'r lle hwn yn cael ei weini arnynt
operator-hostname = Enw gwesteiwr
operator-action = Gweithred
operator-remove = Tynnu
operator-only-host = Yr unig westeiwr; ychwanegwch un arall cyn ei dynnu.
operator-add-hostname = Ychwanegu enw gwesteiwr
operator-host-hint = Heb
operator-host-hint-port = na phorth, er enghraifft
operator-add-hostname-button = Ychwanegu'r enw gwesteiwr
operator-appoint = Penodi gweinyddwr drwy e-bost
operator-appoint-text = Anfonir gwahoddiad i gyfrif newydd i ddewis cyfrinair, gyda dolen i
operator-this-place = y lle hwn
operator-appoint-existing = Mae rhywun sydd eisoes â chyfrif yma yn dod yn weinyddwr ar unwaith.
operator-their-name = Eu henw
operator-their-name-hint = Dewisol: gallant ei newid yn nes ymlaen.
operator-appoint-button = Penodi a gwahodd
operator-sign-out = Allgofnodi pawb
operator-sign-out-text = Ar ôl toriad diogelwch, neu pan allai manylion mewngofnodi fod wedi'u datgelu, dewch â phob sesiwn yn y lle hwn i ben: caiff pawb eu hallgofnodi o'i dudalennau, ac mae ei docynnau mynediad ac adnewyddu API yn peidio â gweithio.
operator-own-session-kept = Caiff eich sesiwn eich hun ei chadw.
operator-sign-out-confirm = Rwy'n deall y bydd yn rhaid i bawb yn y lle hwn fewngofnodi eto
operator-reopen-title = Ailagor y lle hwn
operator-suspend-title = Atal y lle hwn
operator-reopen-text = Tra bo wedi'i atal, mae pob tudalen yn y lle hwn yn dweud ei fod wedi oedi. Mae ailagor yn ei weini eto ar unwaith, fel yr oedd.
operator-reopen-button = Ailagor y lle
operator-serving = Rydych yn defnyddio'r consol ar gyfeiriad y lle hwn ei hun, felly byddai ei atal yn eich cloi allan. Ataliwch ef o gonsol lle arall.
operator-suspend-text = Mae atal yn cadw popeth fel y mae, ond ni all neb ddefnyddio'r lle hwn, mewngofnodi na defnyddio ei API nes i weithredwr ei ailagor.
operator-suspend-confirm = Rwy'n deall na fydd pobl yn gallu defnyddio'r lle hwn nes iddo gael ei ailagor
operator-suspend-button = Atal y lle

# Ar ôl gweithred.
operator-notice-created = Mae'r lle wedi'i greu ac mae'n cael ei weini ar ei westeiwyr nawr.
operator-notice-host-added = Mae'r gwesteiwr wedi'i ychwanegu.
operator-notice-host-removed = Mae'r gwesteiwr wedi'i dynnu.
operator-notice-suspended = Mae'r lle wedi'i atal: mae ei westeiwyr yn ateb gyda thudalen “wedi oedi”.
operator-notice-reopened = Mae'r lle ar agor eto.
operator-notice-signed-out = Mae pawb yn y lle wedi'u hallgofnodi o'i dudalennau a'i API.
operator-notice-invited = Mae gwahoddiad i ddewis cyfrinair wedi'i anfon; byddant yn weinyddwr unwaith y byddant yn ei ddilyn.
operator-notice-appointed = Roedd ganddynt gyfrif yma'n barod ac maent bellach yn weinyddwr.

# Problemau gyda'r hyn a deipiodd gweithredwr (mae'r API yn eu dweud yn Saesneg).
operator-error-slug-invalid = nid yw `{ $slug }` yn slug dilys: defnyddiwch rhwng 2 a 40 o lythrennau bach, digidau a chysylltnodau sengl, gan ddechrau â llythyren (er enghraifft `coventry`)
operator-error-host-invalid = nid yw `{ $host }` yn enw gwesteiwr; rhowch enw fel `coventry.example.org`, `localhost` neu gyfeiriad IP, heb `http://` na phorth
operator-error-too-many-hosts = { $max ->
    [one] rhowch { $max } enw gwesteiwr ar y mwyaf; gallwch ychwanegu rhagor yn nes ymlaen
    [two] rhowch { $max } enw gwesteiwr ar y mwyaf; gallwch ychwanegu rhagor yn nes ymlaen
   *[other] rhowch { $max } o enwau gwesteiwyr ar y mwyaf; gallwch ychwanegu rhagor yn nes ymlaen
}
operator-error-status-invalid = mae'r statws naill ai'n `active` neu'n `suspended`
operator-error-own-tenant = rydych yn defnyddio consol y lle hwn, felly byddai ei atal yn eich cloi allan; ataliwch ef o gonsol lle arall
operator-error-confirm-sign-out = cadarnhewch y bydd pawb yn y lle hwn yn cael eu hallgofnodi ac y bydd yn rhaid iddynt fewngofnodi eto
operator-error-confirm-suspend = ticiwch y blwch i gadarnhau na fydd pobl yn gallu defnyddio'r lle hwn nes iddo gael ei ailagor

# Rheolau lle: ei enw, ei iaith a'i westeiwyr.
tenancy-error-name-required = rhowch enw i'r lle
tenancy-error-name-invalid = defnyddiwch 120 nod ar y mwyaf, a dim nodau rheoli
tenancy-error-language-invalid = rhowch dag iaith fel en, cy neu en-GB
tenancy-error-host-required = rhowch o leiaf un enw gwesteiwr y mae'r lle'n cael ei weini arno
tenancy-error-slug-taken = mae lle gyda'r slug `{ $slug }` yn bodoli eisoes
tenancy-error-host-serves = mae'r gwesteiwr `{ $host }` eisoes yn gweini'r lle `{ $slug }`
tenancy-error-host-taken = mae'r gwesteiwr `{ $host }` wedi'i gymryd eisoes
tenancy-error-last-host = `{ $host }` yw unig westeiwr `{ $slug }`; ychwanegwch un arall cyn ei dynnu
