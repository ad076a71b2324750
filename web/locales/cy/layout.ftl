# Y gosodiad y mae pob tudalen yn ei rannu: dolen neidio, pennyn,
# llywio, troedyn, dewis iaith.

skip-link = Neidio i'r prif gynnwys
nav-main = Prif
nav-home = Hafan
nav-proposals = Cynigion
nav-boards = Byrddau
nav-organisations = Sefydliadau
nav-assets = Asedau
nav-place = Am y lle hwn
nav-areas = Ardaloedd
nav-moderation = Cymedroli
nav-admin = Gweinyddu
nav-operator = Consol y gweithredwr
nav-account = Eich cyfrif
nav-sign-out = Allgofnodi
nav-sign-in = Mewngofnodi
nav-register = Creu cyfrif
nav-language = Iaith
footer-nav = Am y wefan hon
footer-privacy = Preifatrwydd
footer-accessibility = Hygyrchedd
footer-receipts = Gwirio derbynneb caniatâd
footer-outcomes = Canlyniadau
footer-open-data = Data agored
footer-licence = Mae { $place } yn rhedeg ar coproduce, meddalwedd rydd dan Drwydded Gyhoeddus Gyffredinol Affero GNU (fersiwn 3 neu ddiweddarach).

# Dyddiadau: "5 Mawrth 2026", "5 Mawrth 2026 am 14:05 UTC".
date = { $day } { $month } { $year }
date-time = { $date } am { $time } UTC
month-1 = Ionawr
month-2 = Chwefror
month-3 = Mawrth
month-4 = Ebrill
month-5 = Mai
month-6 = Mehefin
month-7 = Gorffennaf
month-8 = Awst
month-9 = Medi
month-10 = Hydref
month-11 = Tachwedd
month-12 = Rhagfyr
