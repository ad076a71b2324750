# Sylwadau: adran sylwadau tudalen cynnig neu drafodaeth bwrdd, ysgrifennu
# ac ateb, golygu a dileu sylw.

comments-title = Sylwadau
comments-none = Dim sylwadau eto.
comments-conversations = { $n } sgwrs, yr hynaf yn gyntaf.
comments-comment = Sylw
comments-comment-by = Sylw gan { $name }
comments-deleted-comment = Sylw wedi'i ddileu
comments-edited = (wedi'i olygu)
comments-deleted-marker = [wedi'i ddileu]
comments-hidden-yours = Wedi'i guddio gan y cymedrolwyr: mae eraill yn gweld “wedi'i guddio gan y cymedrolwyr” yn ei le.
comments-hidden-why = Pam, a gofyn am adolygiad
comments-hidden = Wedi'i guddio gan y cymedrolwyr.
comments-someone = rhywun
comments-reply = Ateb
comments-reply-to = i { $name }
comments-your-reply-to = Eich ateb i { $name }
comments-markdown = Fformatio gyda Markdown
comments-markdown-hint = *pwyslais*, **trwm**, rhestrau a dolenni; dim delweddau.
comments-post-reply = Postio'r ateb
comments-post-comment = Postio'r sylw
comments-edit = Golygu
comments-delete = Dileu
comments-your-comment-lower = eich sylw
comments-flag = Adrodd am
comments-flag-whose = y sylw gan { $name }
comments-flag-after = wrth y cymedrolwyr
comments-replies = Atebion
comments-pages = Tudalennau o sylwadau
comments-earlier = Sylwadau cynharach
comments-later = Sylwadau diweddarach
comments-add = Ychwanegu sylw
comments-add-hint = Testun plaen, hyd at { $max } nod. Gallwch ei newid am 15 munud ar ôl ei bostio.
comments-closed-proposal = Nid yw'r cynnig hwn yn derbyn sylwadau newydd nawr.
comments-closed-board = Dim ond aelodau'r bwrdd sy'n cymryd rhan yn ei drafodaeth.
comments-confirm-email = Cadarnhewch eich cyfeiriad e-bost i gymryd rhan yn y sgwrs.
comments-sign-in = Mewngofnodwch i roi sylw

# Ysgrifennu, golygu a dileu.
comments-your-comment = Eich sylw
comments-body-hint = Testun plaen, hyd at { $max } nod.
comments-reply-on = Ateb ar { $title }
comments-comment-on = Sylw ar { $title }
comments-reply-on-quoted = Ateb ar “{ $title }”
comments-comment-on-quoted = Sylw ar “{ $title }”
comments-back-to-proposal = Yn ôl i'r cynnig
comments-replying-to = Rydych yn ateb
comments-replying-to-name = Rydych yn ateb { $name }
comments-edit-title = Golygu eich sylw
comments-edit-text = Ar “{ $title }”. Gellir newid sylw am { $minutes } munud ar ôl ei bostio; bydd eraill yn gweld ei fod wedi'i olygu.
comments-save = Cadw'r sylw
comments-cancel = Canslo a mynd yn ôl
comments-delete-title = Dileu eich sylw
comments-delete-heading = Dileu eich sylw?
comments-delete-text = Ar “{ $title }”. Os yw eraill wedi ateb, bydd yn ymddangos fel “[wedi'i ddileu]” fel bod eu hatebion yn dal yn gwneud synnwyr; fel arall mae'n diflannu'n llwyr. Ni ellir dadwneud hyn.
comments-delete-yes = Ie, ei ddileu
comments-delete-no = Na, mynd yn ôl

# Negeseuon gwall: wrth ymyl maes, neu ar dudalen sy'n gwrthod.
comments-error-body-required = ysgrifennwch eich sylw
comments-error-body-length = cadwch y sylw i { $max } nod ar y mwyaf
comments-error-format-invalid = dewiswch plain neu markdown
comments-error-parent-unknown = atebwch sylw ar yr un dudalen hon
comments-error-edit-window-closed = gellir newid sylw am { $minutes } munud ar ôl ei bostio; ni ellir newid hwn mwyach, ond gallwch ei ddileu
comments-error-closed = nid yw hyn yn derbyn sylwadau nawr: dim ond cynigion wedi'u cyhoeddi sy'n gwneud, pan nad yw'r cymedrolwyr yn eu hadolygu
comments-error-parent-unavailable = mae'r sylw hwnnw wedi'i ddileu neu ei guddio, felly nid yw'n derbyn atebion
comments-error-only-author = dim ond awdur sylw sy'n gallu ei newid neu ei ddileu
comments-error-deleted = mae'r sylw hwn wedi'i ddileu
