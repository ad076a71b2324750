# Cynigion: y rhestr, tudalen cynnig, ysgrifennu a golygu un,
# ei gefnogi, cyd-awduron, ei hanes.

proposals-title = Cynigion
proposals-intro = Syniadau gan bobl { $place } ar gyfer newid eu gwasanaethau, o'r drafft cyntaf hyd at newid sydd wedi'i gyflawni a'i werthuso.
proposals-write = Ysgrifennu cynnig
proposals-yours = Eich cynigion
proposals-filter = Hidlo cynigion
proposals-words = Geiriau
proposals-stage = Cam
proposals-any-stage = Unrhyw gam
proposals-area = Ardal
proposals-any-area = Unrhyw ardal
proposals-tag = Tag
proposals-order = Trefn
proposals-show = Dangos cynigion
proposals-count = { $n ->
    [zero] { $n } cynnig.
    [one] { $n } cynnig.
    [two] { $n } gynnig.
    [few] { $n } chynnig.
    [many] { $n } chynnig.
   *[other] { $n } cynnig.
}
proposals-none = Does dim cynnig yn cyfateb.
proposals-supports = { $n } cefnogaeth
proposals-tags = tagiau: { $tags }
pager = Tudalennau
pager-previous = Tudalen flaenorol
pager-next = Tudalen nesaf
pager-position = Tudalen { $page } o { $pages }
status-draft = Drafft
status-published = Wedi'i gyhoeddi, yn casglu cefnogaeth
status-in-codesign = Wrthi'n cael ei gyd-ddylunio
status-accepted = Wedi'i dderbyn
status-not-taken-forward = Heb ei ddatblygu ymhellach
status-in-delivery = Wrthi'n cael ei gyflawni
status-delivered = Wedi'i gyflawni
status-evaluated = Wedi'i werthuso
sort-newest = Mwyaf newydd
sort-most-supported = Mwyaf o gefnogaeth
sort-recently-active = Yn weithredol yn ddiweddar
proposal-written-by = Ysgrifennwyd gan
proposal-and = { " a " }
proposal-area = Ardal
proposal-tags = Tagiau
proposal-invited-title = Fe'ch gwahoddir i ysgrifennu'r cynnig hwn
proposal-invited-edit = Fel cyd-awdur gallwch ei olygu.
proposal-invited-edit-publish = Fel cyd-awdur gallwch ei olygu a'i gyhoeddi.
proposal-accept = Derbyn y gwahoddiad
proposal-decline = Gwrthod y gwahoddiad
proposal-outcome = Y canlyniad a fwriedir i breswylwyr
proposal-the-proposal = Y cynnig
proposal-edit = Golygu'r cynnig
proposal-supports-title = Cefnogaeth
proposal-support-progress = { $supports } o'r { $needed } cefnogaeth sydd eu hangen cyn y gall y cynnig hwn symud i gyd-ddylunio.
proposal-support-progress-short = { $supports } o { $needed }
proposal-supporters = { $n ->
    [one] Mae { $n } person yn cefnogi'r cynnig hwn.
   *[other] Mae { $n } o bobl yn cefnogi'r cynnig hwn.
}
proposal-you-support = Rydych yn cefnogi'r cynnig hwn.
proposal-withdraw-support = Tynnu fy nghefnogaeth yn ôl
proposal-support = Cefnogi'r cynnig hwn
proposal-sign-in-to-support = Mewngofnodwch i gefnogi'r cynnig hwn
proposal-move-title = Symud y cynnig hwn ymlaen
proposal-move-waiting = Gall symud i gyd-ddylunio pan fydd ganddo { $needed } cefnogaeth.
proposal-move-response = Ymateb cyhoeddus (gofynnol) ar gyfer “{ $status }”
proposal-move-reason = Rheswm cyhoeddus (dewisol) ar gyfer “{ $status }”
proposal-publish = Cyhoeddi'r cynnig
proposal-move-to = Symud i “{ $status }”
proposal-coauthors = Cyd-awduron
proposal-no-coauthors = Does neb wedi cael gwahoddiad i ysgrifennu'r cynnig hwn gyda chi.
proposal-coauthor-pending = wedi'i wahodd, dim ateb eto
proposal-coauthor-accepted = cyd-awdur
proposal-coauthor-declined = wedi gwrthod
proposal-remove = Tynnu
proposal-invite-label = Gwahodd rhywun i'w ysgrifennu gyda chi
proposal-invite-hint = Cyfeiriad e-bost eu cyfrif yn { $place }. Gallant dderbyn neu wrthod.
proposal-invite-send = Anfon y gwahoddiad
proposal-timeline = Llinell amser
proposal-event-created = ddechreuodd y cynnig hwn fel drafft.
proposal-event-edited = olygodd y cynnig
proposal-event-earlier-versions = gweld y fersiynau cynharach
proposal-event-moved = a'i symudodd o “{ $from }” i “{ $to }”.
proposal-history-link = Hanes testun y cynnig hwn
notice-proposal-published = Mae eich cynnig wedi'i gyhoeddi. Gall eraill ei ddarllen a'i gefnogi nawr.
notice-proposal-drafted = Mae eich drafft wedi'i gadw. Dim ond chi a'ch cyd-awduron sy'n gallu ei weld.
notice-proposal-saved = Mae'r cynnig wedi'i gadw.
notice-proposal-moved = Mae'r cynnig wedi symud ymlaen; mae'r llinell amser yn dangos hynny.
notice-proposal-supported = Diolch: mae eich cefnogaeth wedi'i chyfrif.
notice-proposal-withdrawn = Mae eich cefnogaeth wedi'i thynnu'n ôl.
notice-proposal-invited = Mae'r gwahoddiad wedi'i anfon.
notice-proposal-removed = Mae'r cyd-awdur wedi'i dynnu.
notice-proposal-accepted = Rydych bellach yn gyd-awdur y cynnig hwn.
notice-proposal-assets = Mae'r asedau y mae'n adeiladu arnynt wedi'u cadw.
notice-proposal-declined = Fe wnaethoch wrthod y gwahoddiad.
notice-proposal-left = Nid ydych bellach yn gyd-awdur y cynnig hwnnw.
proposal-form-new = Ysgrifennu cynnig
proposal-form-edit = Golygu'r cynnig
proposal-form-title = Teitl
proposal-form-title-hint = Enw byr i'ch syniad, rhwng 3 a 150 nod.
proposal-form-outcome-hint = Beth fydd yn wahanol i'r bobl y mae hyn ar eu cyfer? Dywedwch hynny yn eu geiriau nhw, nid geiriau'r gwasanaeth.
proposal-form-body = Eich cynnig
proposal-form-body-hint = Beth rydych yn ei gynnig a pham. Gallwch ddefnyddio Markdown: *pwyslais*, rhestrau gyda -, [dolenni](https://example.org).
proposal-form-no-area = Dim ardal benodol
proposal-form-tags-hint = Hyd at 5 gair unigol, wedi'u gwahanu gan atalnodau, er enghraifft: tai, pobl-ifanc.
proposal-form-publish-hint = Mae cyhoeddi yn gadael i bawb ei ddarllen a'i gefnogi. Dim ond chi a'r cyd-awduron rydych yn eu gwahodd sy'n gweld drafft.
proposal-form-save-draft = Cadw fel drafft
proposal-form-edit-hint = Unwaith y bydd cynnig wedi'i gyhoeddi, mae pob golygiad yn cadw'r fersiwn gynharach yn ei hanes cyhoeddus.
proposal-form-save = Cadw'r cynnig
proposal-form-assets = Asedau cysylltiedig
mine-invitations = Gwahoddiadau i ysgrifennu gydag eraill
mine-no-invitations = Does dim gwahoddiadau yn aros amdanoch.
mine-invited-on = (gwahoddwyd { $date })
mine-accept = Derbyn
mine-decline = Gwrthod
mine-invitation-to = y gwahoddiad i ysgrifennu “{ $title }”
mine-written = Cynigion rydych yn eu hysgrifennu
mine-none = Nid ydych wedi ysgrifennu cynnig eto.
mine-caption = Eich cynigion, gan gynnwys drafftiau
mine-proposal = Cynnig
history-title = Hanes { $title }
history-heading = Hanes “{ $title }”
history-now = Y cynnig fel y mae nawr
history-none = Nid yw'r cynnig hwn wedi'i olygu ers iddo gael ei gyhoeddi.
history-intro = Pob fersiwn gynharach, y mwyaf newydd yn gyntaf, gyda phwy a'i disodlodd a phryd.
history-version = Fersiwn a ddisodlwyd ar { $date } am { $time } gan { $who }
history-body = Cynnig (fel y'i hysgrifennwyd, yn Markdown)
