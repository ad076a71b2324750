# Hysbysiadau: y botwm Dilyn ar dudalen cynnig neu fwrdd, gosodiadau
# hysbysiadau person a'r hyn y mae'n ei ddilyn, a thudalennau
# dad-danysgrifio'r dolenni mewn e-byst.

notifications-reason-chosen = Fe wnaethoch ddewis ei ddilyn
notifications-reason-author = Chi a'i hysgrifennodd
notifications-reason-coauthor = Rydych yn gyd-awdur
notifications-reason-supporter = Rydych yn ei gefnogi
notifications-reason-member = Rydych yn aelod
notifications-reason-storyteller = Fe wnaethoch rannu stori â bwrdd sy'n gweithio arno
notifications-delivery-immediately = Wrth iddo ddigwydd: un e-bost ar gyfer pob diweddariad
notifications-delivery-daily = Crynodeb dyddiol
notifications-delivery-weekly = Crynodeb wythnosol, ar ddydd Llun
notifications-delivery-off = Dim e-byst am yr hyn rwy'n ei ddilyn

# Y botwm Dilyn.
notifications-follow-proposal = Dilyn y cynnig hwn
notifications-follow-board = Dilyn y bwrdd hwn
notifications-following-proposal = Rydych yn dilyn y cynnig hwn: rydym yn anfon e-bost atoch pan fydd ei statws yn newid neu pan fydd rhywun yn rhoi sylw, fel y mae eich
notifications-following-board = Rydych yn dilyn y bwrdd hwn: rydym yn anfon e-bost atoch pan fydd rhywun yn ysgrifennu yn ei drafodaeth, fel y mae eich
notifications-settings-link = gosodiadau hysbysiadau
notifications-following-after = yn ei ddweud.
notifications-stop-following = Peidio â dilyn
notifications-hear-proposal = Cewch wybod drwy e-bost pan fydd ei statws yn newid neu pan fydd rhywun yn rhoi sylw.
notifications-hear-board = Cewch wybod drwy e-bost pan fydd rhywun yn ysgrifennu yn ei drafodaeth.
notifications-sign-in-proposal = Mewngofnodwch i ddilyn y cynnig hwn
notifications-sign-in-board = Mewngofnodwch i ddilyn y bwrdd hwn
notifications-sign-in-proposal-after = a chael gwybod pan fydd ei statws yn newid neu pan fydd rhywun yn rhoi sylw.
notifications-sign-in-board-after = a chael gwybod pan fydd rhywun yn ysgrifennu yn ei drafodaeth.

# Y gosodiadau.
notifications-title = Hysbysiadau
notifications-intro = Rydym yn anfon e-bost atoch am y cynigion a'r byrddau rydych yn eu dilyn: pan fydd statws cynnig yn newid (gyda'r rheswm a roddwyd) neu pan fydd rhywun yn rhoi sylw arno, a phan fydd rhywun yn ysgrifennu yn nhrafodaeth bwrdd. Rydych yn dilyn y cynigion rydych yn eu hysgrifennu neu'n eu cefnogi, y byrddau rydych yn aelod ohonynt, ac unrhyw rai eraill rydych yn dewis eu dilyn.
notifications-how-often = Pa mor aml y dylem anfon e-bost atoch?
notifications-summaries-at = Caiff crynodebau eu hanfon am { $time } UTC; rhai wythnosol ar ddydd Llun.
notifications-summaries-operators = Caiff crynodebau eu hanfon pan fydd gweithredwyr y wefan hon yn eu hanfon.
notifications-always = Mae e-byst am eich cyfrif ac oddi wrth y cymedrolwyr yn dod bob amser.
notifications-save = Cadw fy newis
notifications-pending = Mae { $n } diweddariad yn aros am eich crynodeb nesaf.
notifications-what-you-follow = Beth rydych yn ei ddilyn
notifications-follow-none = Nid ydych yn dilyn unrhyw gynigion eto. Mae'r cynigion rydych yn eu hysgrifennu neu'n eu cefnogi, a'r byrddau rydych yn aelod ohonynt, yn cael eu dilyn ar eich rhan; gallwch hefyd ddilyn unrhyw gynnig neu fwrdd o'i dudalen.
notifications-browse-proposals = Pori cynigion
notifications-follow-count = { $n ->
    [one] Rydych yn dilyn { $n } cynnig neu fwrdd.
   *[other] Rydych yn dilyn { $n } o gynigion a byrddau.
}
notifications-board-prefix = Bwrdd:
notifications-pages = Tudalennau o'r hyn rydych yn ei ddilyn
notifications-notice-saved = Mae eich gosodiadau hysbysiadau wedi'u cadw.

# Dad-danysgrifio.
notifications-unsubscribed = Rydych wedi dad-danysgrifio
notifications-stop-emails = Atal e-byst
notifications-unsub-done-title = Ni fyddwn yn anfon e-bost atoch am “{ $title }” mwyach.
notifications-unsub-done-proposal = Ni fyddwn yn anfon e-bost atoch am y cynnig hwn mwyach.
notifications-unsub-done-all = Ni fyddwn yn anfon e-byst atoch am gynigion mwyach.
notifications-account-emails-still = Bydd e-byst am eich cyfrif, fel ailosod cyfrinair, yn dal i ddod.
notifications-stop-all-too = Atal pob e-bost am gynigion hefyd
notifications-changed-mind = Wedi newid eich meddwl?
notifications-choose-how-often = Dewiswch pa mor aml rydym yn anfon e-bost atoch
notifications-or = neu
notifications-follow-again = dilynwch y cynnig eto
notifications-asked-to-sign-in = (bydd gofyn i chi fewngofnodi).
notifications-you-get-title = Rydych yn cael e-byst am “{ $title }” oherwydd eich bod yn ei ddilyn.
notifications-you-get-proposal = Rydych yn cael e-byst am gynnig oherwydd eich bod yn ei ddilyn.
notifications-no-longer-title = Nid ydych yn dilyn “{ $title }” mwyach.
notifications-no-longer-proposal = Nid ydych yn dilyn y cynnig hwn mwyach.
notifications-stop-this = Atal e-byst am y cynnig hwn
notifications-stop-all = Atal pob e-bost am gynigion
notifications-go-to-proposal = Mynd i'r cynnig
notifications-already-none = Nid ydych yn cael unrhyw e-byst am gynigion yn barod.
notifications-you-get-followed = Rydych yn cael e-byst am y cynigion rydych yn eu dilyn.
notifications-summary-instead = Gallwch hefyd ddewis crynodeb dyddiol neu wythnosol yn lle hynny, yn eich

# Negeseuon gwall.
notifications-error-delivery-invalid = dewiswch immediately, daily, weekly neu off
notifications-error-bad-choice = dewiswch roi'r gorau i negeseuon e-bost am y cynnig hwn, neu bob un ohonynt
