# Cymedroli: yr hysbysiad ar dudalen eitem sydd wedi'i chymedroli, adrodd am
# eitem, ciw'r cymedrolwyr, a thudalen gymedroli eitem gyda'i hanes.

moderation-noun-proposal = cynnig
moderation-noun-comment = sylw
moderation-reason-spam = Sbam neu hysbysebu
moderation-reason-abuse = Sarhaus, bygythiol neu atgas
moderation-reason-personal = Yn rhannu gwybodaeth bersonol rhywun
moderation-reason-off-topic = Oddi ar y pwnc
moderation-reason-other = Rhywbeth arall
moderation-reason-unknown = Arall

# Yr hysbysiad ar dudalen yr eitem ei hun.
moderation-banner-hid = Mae'r cymedrolwyr wedi cuddio'r { $noun } hwn.
moderation-banner-others-author = Mae eraill yn gweld ei fod wedi'i guddio tra bydd y cymedrolwyr yn ei adolygu; rydych chi'n dal i'w weld a gallwch ei olygu.
moderation-banner-others = Mae eraill yn gweld ei fod wedi'i guddio tra bydd y cymedrolwyr yn ei adolygu; rydych chi'n dal i'w weld.
moderation-banner-reason = Eu rheswm: { $reason }
moderation-banner-history = Hanes y cymedroli, a gofyn am adolygiad
moderation-banner-page = Ei dudalen gymedroli
moderation-moderate-this = Cymedroli'r { $noun } hwn
moderation-flag-it = Adrodd amdano
moderation-flag-for-moderators = Adrodd am y { $noun } hwn wrth y cymedrolwyr

# Adrodd.
moderation-flag-title = Adrodd am y { $noun } hwn
moderation-flag-thanks = Diolch. Bydd y cymedrolwyr yn edrych arno; dim ond ar ôl iddynt wneud hynny y gallwch adrodd amdano eto.
moderation-back-to = Yn ôl i'r { $noun }
moderation-flag-intro = Dywedwch wrth gymedrolwyr { $place } pam y dylent edrych arno. Ni fyddant yn dweud wrth ei awdur pwy a adroddodd amdano.
moderation-flag-what = Beth sydd o'i le arno?
moderation-flag-note = Dywedwch fwy wrth y cymedrolwyr
moderation-flag-note-hint = Yn ofynnol os dewisoch “Rhywbeth arall”; hyd at 1000 nod.
moderation-flag-send = Anfon yr adroddiad
moderation-cancel = Canslo a mynd yn ôl

# Y ciw.
moderation-queue-title = Ciw cymedroli
moderation-queue-lead = Cynigion a sylwadau y mae pobl wedi adrodd amdanynt, a rhai cudd y mae eu hawduron wedi gofyn am adolygiad, gyda'r rhai sydd wedi aros hiraf yn gyntaf.
moderation-queue-empty = Does dim byd yn aros.
moderation-queue-caption = Eitemau sy'n aros am y cymedrolwyr, yr hynaf yn gyntaf
moderation-col-item = Eitem
moderation-col-flags = Adroddiadau
moderation-col-waiting = Yn aros ers
moderation-hidden-suffix = , wedi'i guddio
moderation-review-requested = Gofynnwyd am adolygiad
moderation-none = Dim
moderation-queue-pages = Tudalennau'r ciw

# Tudalen gymedroli eitem.
moderation-item-title = Cymedroli { $noun }
moderation-hidden-by = Wedi'i guddio gan y cymedrolwyr
moderation-since = ers { $when }
moderation-reason-is = Rheswm: { $reason }
moderation-you-asked = Fe wnaethoch ofyn am adolygiad o'r penderfyniad hwn.
moderation-author-asked = Gofynnodd yr awdur am adolygiad o'r penderfyniad hwn.
moderation-shown = Yn cael ei ddangos i bawb.
moderation-waiting = Yn aros yng nghiw'r cymedrolwyr.
moderation-what-it-says = Beth mae'n ei ddweud
moderation-open-flags = Adroddiadau agored
moderation-open-flags-caption = Adroddiadau agored, yr hynaf yn gyntaf
moderation-col-reason = Rheswm
moderation-col-note = Nodyn
moderation-col-when = Pryd
moderation-act = Gweithredu arno
moderation-hide-reason = Y rheswm dros ei guddio (gofynnol; mae ei awdur yn darllen hwn)
moderation-hide = Cuddio'r { $noun }
moderation-restore-note = Nodyn i'r awdur (dewisol)
moderation-restore = Ei ddangos eto
moderation-dismiss-note = Nodyn ar gyfer y cofnod (dewisol)
moderation-keep-hidden = Ei gadw'n gudd a chau'r adolygiad
moderation-dismiss = Diystyru'r adroddiadau
moderation-ask-review = Gofyn am adolygiad
moderation-ask-review-text = Os ydych wedi ei newid, neu'n meddwl bod y cymedrolwyr wedi gwneud camgymeriad, gallwch ofyn iddynt unwaith edrych arno eto.
moderation-ask-review-note = Beth a newidiwyd gennych, neu pam y dylid ei ddangos (dewisol)
moderation-history = Hanes
moderation-history-none = Nid yw'r cymedrolwyr wedi gweithredu arno eto.
moderation-history-caption = Beth ddigwyddodd, yr hynaf yn gyntaf
moderation-col-what = Beth
moderation-col-by = Gan
moderation-col-reason-note = Rheswm neu nodyn
moderation-by-author = Yr awdur
moderation-by-moderator = Cymedrolwr
moderation-action-hidden = Wedi'i guddio
moderation-action-restored = Wedi'i ddangos eto
moderation-action-dismissed = Adroddiadau wedi'u diystyru
moderation-action-review-requested = Gofynnwyd am adolygiad
moderation-action-changed = Wedi newid
moderation-back-to-queue = Yn ôl i'r ciw
moderation-notice-hidden = Wedi'i guddio. Mae ei awdur wedi cael gwybod pam drwy e-bost.
moderation-notice-restored = Wedi'i ddangos eto. Mae ei awdur wedi cael gwybod.
moderation-notice-dismissed = Wedi'i ddiystyru: mae wedi gadael y ciw.
moderation-notice-review-requested = Rydych wedi gofyn am adolygiad. Bydd y cymedrolwyr yn edrych arno eto.

# Problemau gyda'r hyn a anfonwyd, wrth ymyl y maes neu ar y dudalen.

moderation-error-reason-invalid = dewiswch spam, abuse, personal_information, off_topic neu other
moderation-error-note-required = dywedwch beth sydd o'i le arno
moderation-error-note-length = cadwch y nodyn i { $max } nod neu lai
moderation-error-reason-required = ysgrifennwch y rheswm y bydd yr awdur yn ei ddarllen
moderation-error-reason-length = cadwch y rheswm i { $max } nod neu lai
moderation-error-already-hidden = mae'r cymedrolwyr eisoes wedi cuddio hwn
moderation-error-already-flagged = rydych chi eisoes wedi adrodd am hwn; bydd y cymedrolwyr yn edrych arno
moderation-error-moderators-and-author = dim ond y cymedrolwyr a'i awdur sy'n gallu gweld hwn
moderation-error-not-hidden = nid yw hwn wedi'i guddio
moderation-error-nothing-to-dismiss = does dim byd am hwn yn aros am y cymedrolwyr
moderation-error-author-only = dim ond ei awdur sy'n gallu gofyn am adolygiad
moderation-error-review-already-requested = rydych chi eisoes wedi gofyn am adolygiad o'r penderfyniad hwn
