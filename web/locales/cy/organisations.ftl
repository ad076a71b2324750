# Sefydliadau: y cyfeiriadur, dechrau un, ei broffil, ei olygu, ei
# aelodau, ceisiadau i ymuno a gwahoddiadau (gan gynnwys y dudalen y mae
# dolen gwahoddiad yn ei hagor).

organisations-kind-public = Gwasanaeth cyhoeddus
organisations-kind-voluntary = Elusen neu grŵp gwirfoddol
organisations-kind-private = Busnes
organisations-kind-community = Grŵp cymunedol
organisations-kind-unknown = Sefydliad
organisations-recognised = Wedi'i gydnabod gan y cyngor

organisations-title = Sefydliadau
organisations-intro = Gwasanaethau cyhoeddus, elusennau, busnesau a grwpiau cymunedol { $place }.
organisations-start-link = Dechrau sefydliad
organisations-search-label = Chwilio yn ôl enw
organisations-kind = Math
organisations-any-kind = Unrhyw fath
organisations-search = Chwilio
organisations-count = { $n ->
    [zero] { $n } sefydliad.
    [one] { $n } sefydliad.
    [two] { $n } sefydliad.
   *[other] { $n } sefydliad.
}
organisations-none = Does dim sefydliad yn cyfateb.

organisations-form-new = Dechrau sefydliad
organisations-form-new-submit = Dechrau'r sefydliad
organisations-form-edit = Golygu proffil y sefydliad
organisations-form-edit-submit = Cadw'r proffil
organisations-form-name = Enw
organisations-form-description = Beth mae'n ei wneud
organisations-form-description-hint = Testun plaen, hyd at 4000 nod.
organisations-form-website = Gwefan
organisations-form-website-hint = Yn dechrau gyda https:// neu http://. Gallwch adael hwn yn wag.
organisations-form-areas = Ardaloedd y mae'n eu gwasanaethu
organisations-form-areas-hint = Y cymdogaethau y mae'n gweithio ynddynt, wedi'u gwahanu gan atalnodau.

organisations-profile-website = Gwefan
organisations-profile-areas = Ardaloedd y mae'n eu gwasanaethu
organisations-profile-members = Aelodau
organisations-profile-a-member = Aelod
organisations-profile-admin = (gweinyddwr)
organisations-profile-no-members = Does neb yn aelod eto.
organisations-profile-join = Ymuno
organisations-profile-join-message = Ychydig eiriau i'w weinyddwyr (dewisol)
organisations-profile-ask = Gofyn am gael ymuno
organisations-profile-edit = Golygu'r proffil
organisations-profile-manage = Rheoli aelodau
organisations-profile-stories = Straeon a rannwyd â ni
organisations-profile-vouching-link = Codau gwarantu
organisations-profile-vouching-why = : gadewch i bobl rydych yn gwybod eu bod yn byw yma ddod yn breswylwyr wedi'u dilysu.
notice-organisations-created = Mae eich sefydliad wedi'i ddechrau. Chi yw ei weinyddwr.
notice-organisations-asked = Rydych wedi gofyn am gael ymuno. Bydd gweinyddwyr y sefydliad yn penderfynu, a byddwn yn anfon e-bost atoch.
notice-organisations-saved = Mae'r proffil wedi'i gadw.
notice-organisations-joined-admin = Rydych wedi derbyn y gwahoddiad. Rydych bellach yn weinyddwr y sefydliad hwn.
notice-organisations-joined-member = Rydych wedi derbyn y gwahoddiad. Rydych bellach yn aelod o'r sefydliad hwn.
notice-organisations-already-member = Roeddech eisoes yn aelod o'r sefydliad hwn, felly rydych yn cadw'r rôl oedd gennych. Mae'r gwahoddiad wedi'i ddefnyddio.
notice-organisations-invitation-declined = Rydych wedi gwrthod y gwahoddiad. Does dim byd wedi newid.

organisations-members-title = Aelodau { $org }
organisations-members-intro = Mae gweinyddwyr yn golygu'r proffil ac yn rheoli aelodau; mae gan bob sefydliad o leiaf un gweinyddwr bob amser.
organisations-members-back = Yn ôl i'r proffil
organisations-members-member = Aelod
organisations-members-role = Rôl
organisations-members-remove = Tynnu
organisations-members-role-of = Rôl { $name }
organisations-members-admin = Gweinyddwr
organisations-members-a-member = Aelod
organisations-members-change = Newid
organisations-members-change-role-of = rôl { $name }
organisations-members-unnamed = Aelod ({ $id })
organisations-members-requests = Yn gofyn am gael ymuno
organisations-members-no-requests = Does neb yn aros am ateb.
organisations-members-private-name = Rhywun y mae ei enw'n breifat
organisations-members-accept = Derbyn
organisations-members-decline = Gwrthod
organisations-members-invitations = Gwahoddiadau
organisations-members-no-invitations = Does dim gwahoddiadau yn aros am ateb.
organisations-members-invitations-caption = Gwahoddiadau sy'n aros am ateb
organisations-members-email = Cyfeiriad e-bost
organisations-members-invited-by = Gwahoddwyd gan
organisations-members-works-until = Mae'r ddolen yn gweithio tan
organisations-members-actions = Gweithredoedd
organisations-members-not-shown = Heb ei ddangos
organisations-members-expired-on = Daeth i ben ar { $date }
organisations-members-send-again = Anfon eto
organisations-members-send-again-to = at { $email }
organisations-members-withdraw = Tynnu'n ôl
organisations-members-withdraw-to = y gwahoddiad i { $email }
organisations-members-more = Hefyd { $n } arall, a anfonwyd yn gynharach.
organisations-members-invite-title = Gwahodd rhywun drwy e-bost
organisations-members-invite-hint = Rydym yn anfon dolen atynt drwy e-bost sy'n gweithio unwaith, am 7 diwrnod. Mae gwahodd yr un cyfeiriad eto yn anfon dolen newydd yn lle ail wahoddiad.
organisations-members-invite-email = Eu cyfeiriad e-bost
organisations-members-invite-role = Eu rôl
organisations-members-invite-member = Aelod: yn gweithredu ar ran y sefydliad
organisations-members-invite-admin = Gweinyddwr: hefyd yn golygu'r proffil ac yn rheoli aelodau
organisations-members-invite-send = Anfon y gwahoddiad
organisations-members-last-admin = Dyna unig weinyddwr y sefydliad: gwnewch rywun arall yn weinyddwr yn gyntaf.
notice-organisations-request-accepted = Mae'r cais wedi'i dderbyn; maen nhw wedi cael gwybod drwy e-bost.
notice-organisations-request-declined = Mae'r cais wedi'i wrthod; maen nhw wedi cael gwybod drwy e-bost.
notice-organisations-role = Mae'r rôl wedi newid.
notice-organisations-removed = Mae'r aelod wedi'i dynnu.
notice-organisations-invited = Mae'r gwahoddiad wedi'i anfon. Mae ei ddolen yn gweithio am 7 diwrnod.
notice-organisations-resent = Mae'r gwahoddiad wedi'i anfon eto gyda dolen newydd; nid yw'r hen ddolen yn gweithio mwyach.
notice-organisations-revoked = Mae'r gwahoddiad wedi'i dynnu'n ôl; nid yw ei ddolen yn gweithio mwyach.

organisations-remove-title = Tynnu aelod
organisations-remove-question = Tynnu { $name } o { $org }?
organisations-remove-explain = Ni fyddant yn gweithredu ar ran y sefydliad mwyach. Gallwch eu hychwanegu eto nes ymlaen.
organisations-remove-yes = Ie, eu tynnu
organisations-remove-no = Na, mynd yn ôl

organisations-invitation-title = Gwahoddiad i ymuno â'r sefydliad { $org }
organisations-invitation-organisation = Sefydliad
organisations-invitation-invited-by = Gwahoddwyd gan
organisations-invitation-role = Rôl
organisations-invitation-works-until = Mae'r ddolen yn gweithio tan
organisations-invitation-role-admin = Gweinyddwr
organisations-invitation-role-member = Aelod
organisations-invitation-meaning-admin = Os byddwch yn derbyn, byddwch yn gweithredu ar ran y sefydliad ar y wefan hon, yn golygu ei broffil ac yn rheoli ei aelodau.
organisations-invitation-meaning-member = Os byddwch yn derbyn, byddwch yn gweithredu ar ran y sefydliad ar y wefan hon, er enghraifft ar fyrddau lle mae'n cymryd rhan.
organisations-invitation-one-of-the-admins = Un o weinyddwyr { $org }
organisations-invitation-sign-in-title = Mewngofnodwch i ateb
organisations-invitation-sign-in-intro = Dim ond y person yr anfonwyd y gwahoddiad hwn ato sy'n gallu ei dderbyn neu ei wrthod. Mewngofnodwch gyda'r cyfrif sy'n defnyddio'r cyfeiriad e-bost hwnnw, neu crëwch gyfrif gydag ef os nad oes gennych un eto. Byddwch yn dod yn ôl i'r dudalen hon wedyn.
organisations-invitation-sign-in = Mewngofnodi i dderbyn neu wrthod
organisations-invitation-register = Creu cyfrif gyda'r cyfeiriad e-bost a gafodd y gwahoddiad
organisations-invitation-someone-else-title = Mae'r gwahoddiad hwn ar gyfer rhywun arall
organisations-invitation-someone-else = Rydych wedi mewngofnodi gyda chyfeiriad e-bost gwahanol i'r un yr anfonwyd y gwahoddiad hwn ato ({ $email }), felly ni allwch ei dderbyn na'i wrthod o'r cyfrif hwn.
organisations-invitation-someone-else-help = Os mai chi biau'r cyfeiriad hwnnw hefyd, allgofnodwch, yna mewngofnodwch gyda'r cyfrif sy'n ei ddefnyddio (neu crëwch un gydag ef) ac agorwch y ddolen eto. Os nad oedd y gwahoddiad wedi'i fwriadu i chi, does dim angen i chi wneud dim.
organisations-invitation-already-admin = Rydych eisoes yn weinyddwr { $org }. Mae derbyn yn cadw'r rôl sydd gennych ac yn defnyddio'r gwahoddiad hwn.
organisations-invitation-already-member = Rydych eisoes yn aelod o { $org }. Mae derbyn yn cadw'r rôl sydd gennych ac yn defnyddio'r gwahoddiad hwn.
organisations-invitation-answer = Eich ateb
organisations-invitation-accept = Derbyn y gwahoddiad
organisations-invitation-decline = Gwrthod
organisations-invitation-gone-title = Ni ellir defnyddio'r gwahoddiad hwn mwyach
organisations-invitation-gone-why = Efallai fod y ddolen wedi dod i ben (mae gwahoddiadau'n para 7 diwrnod), efallai ei bod wedi cael ei defnyddio'n barod, neu efallai fod y sefydliad wedi'i thynnu'n ôl neu wedi anfon un mwy newydd.
organisations-invitation-gone-before-link = Os ydych yn dal eisiau ymuno, gofynnwch i weinyddwyr y sefydliad eich gwahodd eto, neu dewch o hyd i'r sefydliad yn y
organisations-invitation-gone-link = rhestr o sefydliadau
organisations-invitation-gone-after-link = a gofynnwch am gael ymuno.

## Negeseuon gwall: wrth ymyl maes, neu ar dudalen sy'n gwrthod.

organisations-error-name-length = rhowch enw rhwng { $min } a { $max } nod
organisations-error-kind-invalid = dewiswch wasanaeth cyhoeddus, elusen neu grŵp gwirfoddol, busnes, neu grŵp cymunedol
organisations-error-description-length = cadwch y disgrifiad i { $max } nod ar y mwyaf
organisations-error-website-invalid = rhowch gyfeiriad gwe sy'n dechrau gyda https:// neu http://
organisations-error-areas-length = cadwch yr ardaloedd y mae'n eu gwasanaethu i { $max } nod ar y mwyaf
organisations-error-too-many-invitations = mae'r sefydliad hwn wedi anfon { $n } gwahoddiad yn ystod y 24 awr ddiwethaf, y nifer mwyaf a ganiateir; rhowch gynnig arall arni ymhen { $wait }
organisations-error-role-invalid = dewiswch weinyddwr neu aelod
organisations-error-invitee-already-member = mae'r person sydd â'r cyfeiriad e-bost hwn yn aelod yn barod
organisations-error-invitation-for-another = anfonwyd y gwahoddiad hwn i gyfeiriad e-bost arall: dim ond y person y cafodd ei anfon ato sy'n gallu ei dderbyn neu ei wrthod
organisations-error-no-such-person = nid oes person o'r fath yn y lle hwn
organisations-error-only-admins = dim ond gweinyddwyr y sefydliad sy'n gallu gwneud hyn
organisations-error-accept-or-decline = dewiswch dderbyn neu wrthod
organisations-error-name-taken = mae gan sefydliad yn y lle hwn yr enw hwn yn barod
organisations-error-last-admin = mae angen o leiaf un gweinyddwr ar sefydliad: gwnewch rywun arall yn weinyddwr yn gyntaf
organisations-error-already-member = mae'r person hwn yn aelod yn barod
organisations-error-message-length = cadwch y neges i { $max } nod ar y mwyaf
organisations-error-you-already-member = rydych yn aelod yn barod
organisations-error-already-requested = rydych wedi gofyn am gael ymuno yn barod; bydd gweinyddwyr y sefydliad yn penderfynu
