# Yr hafan.

home-title = Llunio gwasanaethau gyda'n gilydd
home-heading = { $place }: llunio gwasanaethau gyda'n gilydd
home-lead-before = Dyma lle mae'r bobl sy'n byw yma a'r sefydliadau sy'n eu gwasanaethu (y cyngor, elusennau, gwasanaethau iechyd, busnesau lleol) yn newid gwasanaethau cyhoeddus gyda'i gilydd. Nid gwasanaethau sy'n cael eu gwneud
home-lead-to = i
home-lead-middle = bobl, ond gwasanaethau sy'n cael eu gwneud
home-lead-with = gyda
home-lead-after = nhw.
home-how = Sut mae'n gweithio
home-idea = Dewch â syniad
home-idea-text = Awgrymwch newid i wasanaeth a dywedwch beth fyddai'n wahanol i'r bobl y mae ar eu cyfer. Gall eraill ei gefnogi, a gall pawb ei ddilyn o syniad i gyflawni, ac yna dweud a wnaeth wahaniaeth.
home-design = Ei ddylunio gyda'n gilydd
home-design-text = Mae pobl sy'n defnyddio gwasanaeth a'r sefydliadau sy'n ei redeg yn gweithio ochr yn ochr, ar fyrddau a rennir, mewn gweithdai ac ar-lein.
home-decide = Penderfynu gyda llais cyfartal
home-decide-text = Gall penderfyniad fod angen cytundeb preswylwyr yn ogystal â sefydliadau, fel nad yw llais neb yn cyfrif llai.
home-story = Eich stori, eich dewis
home-story-text = Os byddwch yn rhannu eich profiad, chi sy'n penderfynu pwy gaiff ei ddefnyddio ac i beth. Gallwch weld bob tro y caiff ei ddefnyddio, a'i dynnu'n ôl unrhyw bryd.
home-start = Dechrau o'r hyn sydd yma'n barod
home-start-text = Mae'r sgiliau, y mannau, y grwpiau a'r gwasanaethau sydd gan bobl a sefydliadau'n barod ar un map, fel y gall syniadau newydd adeiladu arnynt.
home-data = Mae eich data yn aros yn eiddo i chi
home-data-text = Chi biau'r hyn rydych yn ei ysgrifennu yma. Chi sy'n dewis pwy sy'n gallu ei weld, gallwch ei lawrlwytho i gyd, a gallwch adael a mynd ag ef gyda chi. Darllenwch y
home-data-link = datganiad preifatrwydd
home-data-after = i weld beth rydym yn ei gadw a pham.
