# Proffiliau: tudalen gyhoeddus person, a golygu eich proffil gyda phwy all
# weld pob rhan.

profiles-visibility-public = Pawb
profiles-visibility-members = Aelodau'r lle hwn
profiles-visibility-private = Fi yn unig
profiles-field-name = Enw
profiles-field-pronouns = Rhagenwau
profiles-field-bio = Amdanoch chi
profiles-field-home-area = Ble rydych yn byw
profiles-field-skills = Sgiliau a chryfderau
profiles-field-interests = Beth sy'n bwysig i chi
profiles-hint-name = Sut mae pobl eraill yn eich gweld. Gall fod yn eich enw cyntaf yn unig.
profiles-hint-pronouns = Er enghraifft hi, fe neu nhw. Gallwch adael hwn yn wag.
profiles-hint-bio = Ychydig eiriau amdanoch chi, os hoffech chi.
profiles-hint-home-area = Eich cymdogaeth, yn eich geiriau eich hun.
profiles-hint-skills = Beth allwch chi ei gynnig i eraill: un ar bob llinell, er enghraifft coginio, gwrando, trwsio beiciau.
profiles-hint-interests = Beth sy'n bwysig i chi yma: un ar bob llinell.

# Golygu.
profiles-edit-title = Eich proffil
profiles-edit-intro = Chi sy'n dewis pwy sy'n gweld pob rhan: pawb, aelodau'r lle hwn, neu chi yn unig.
profiles-see-yours = Gweld eich proffil
profiles-who-can-see = Pwy all weld hwn
profiles-save = Cadw fy mhroffil
profiles-notice-saved = Mae eich proffil wedi'i gadw.

# Tudalen person.
profiles-a-member = Aelod
profiles-preview-everyone = Dyma sut mae pawb yn gweld eich proffil.
profiles-preview-members = Dyma sut mae aelodau'r lle hwn yn gweld eich proffil.
profiles-see-all = Gweld y cyfan
profiles-lives-in = Yn byw yn
profiles-can-offer = Yn gallu cynnig
profiles-cares-about = Yn malio am
profiles-empty-own = Nid ydych wedi llenwi eich proffil eto.
profiles-empty = Does dim byd arall yn cael ei rannu yma.
profiles-edit-link = Golygu eich proffil
profiles-as-everyone = Ei weld fel mae pawb yn ei weld
profiles-as-members = Ei weld fel mae aelodau'n ei weld

# Negeseuon gwall wrth ymyl maes.
profiles-error-control-characters = tynnwch y nodau rheoli
profiles-error-too-long = defnyddiwch { $max } nod ar y mwyaf
profiles-error-one-line = rhowch bob eitem ar un llinell
profiles-error-too-many = rhestrwch { $max } ar y mwyaf
profiles-error-unknown-field = nid yw hwn yn faes proffil; defnyddiwch display_name, pronouns, bio, home_area, skills neu interests
profiles-error-visibility-invalid = dewiswch public, members neu private
