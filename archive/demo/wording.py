"""The demo's text in the archive's four languages, in the archive's own words.

Each text restates /work/shared/seed-facts.md (the news report the archive starts from) and adds
nothing the report does not give: the same facts, the same attributions ("according to the
report", "according to Azerbaijani figures"), the same uncertainty about the statement's date.
The four versions say the same thing; none is a word-for-word copy of another.

Keyed by language, then by field name, so that :mod:`archive.demo.seed` can hand each version
to the record or page it belongs to."""

from __future__ import annotations

Text = dict[str, dict[str, str]]

PLACES: dict[str, dict[str, str]] = {
    "azerbaijan": {"en": "Azerbaijan", "az": "Azərbaycan", "tr": "Azerbaycan", "ru": "Азербайджан"},
    "karabakh": {"en": "Karabakh", "az": "Qarabağ", "tr": "Karabağ", "ru": "Карабах"},
    "khojaly": {"en": "Khojaly", "az": "Xocalı", "tr": "Hocalı", "ru": "Ходжалы"},
}
# Another spelling met in English texts, searched beside the names above.
OTHER_SPELLINGS = {"khojaly": ["Khojali"]}

REPORT: Text = {
    "en": {
        "title": "News report on Türkiye's commemoration of the Khojaly Massacre (February 2026)",
        "notes": (
            "The report this archive was started from. It names neither its publisher, nor its "
            "author, nor its web address; they are recorded as unknown. The report attributes "
            "its figures to Azerbaijani figures."
        ),
    },
    "az": {
        "title": "Türkiyənin Xocalı qətliamını yad etməsi haqqında xəbər (fevral 2026)",
        "notes": (
            "Bu arxivin yaradılmasına əsas olmuş xəbər. Xəbəri kimin dərc etdiyi, müəllifi və "
            "internet ünvanı göstərilməyib; onlar naməlum kimi qeyd olunub. Xəbərdəki rəqəmlər "
            "Azərbaycan tərəfinin məlumatlarına istinad edir."
        ),
    },
    "tr": {
        "title": "Türkiye'nin Hocalı Katliamı'nı anmasına ilişkin haber (Şubat 2026)",
        "notes": (
            "Bu arşivin oluşturulmasına temel olan haber. Yayıncısı, yazarı ve internet adresi "
            "belirtilmiyor; bunlar bilinmiyor olarak kaydedildi. Haber, verdiği rakamları "
            "Azerbaycan tarafının verilerine dayandırıyor."
        ),
    },
    "ru": {
        "title": "Новость о том, как Турция почтила память жертв Ходжалинской резни "
        "(февраль 2026 года)",
        "notes": (
            "Сообщение, с которого начался этот архив. В нём не указаны ни издатель, ни автор, "
            "ни веб-адрес; они записаны как неизвестные. Свои цифры сообщение приводит по "
            "данным азербайджанской стороны."
        ),
    },
}

# Whose figures they are, as the figure cards complete the sentence "according to ..." in
# each language (the catalogues word that frame so that a name in the nominative fits it).
ATTRIBUTION = {
    "en": "Azerbaijani figures",
    "az": "Azərbaycan tərəfi",
    "tr": "Azerbaycan tarafı",
    "ru": "азербайджанская сторона",
}

EVENT: Text = {
    "en": {
        "name": "Khojaly Massacre",
        "summary": (
            "On 26 February 1992, shortly after the Soviet Union dissolved, Armenian forces "
            "captured the town of Khojaly in Azerbaijan's Karabakh region. According to the "
            "news report this archive starts from, the town was first shelled with heavy "
            "artillery and tanks, and the assault took about two hours."
        ),
    },
    "az": {
        "name": "Xocalı qətliamı",
        "summary": (
            "1992-ci il fevralın 26-da, Sovet İttifaqı dağıldıqdan az sonra, erməni qüvvələri "
            "Azərbaycanın Qarabağ bölgəsindəki Xocalı şəhərini ələ keçirdi. Bu arxivin "
            "əsaslandığı xəbərə görə, şəhər əvvəlcə ağır artilleriya və tanklardan atəşə "
            "tutulmuş, hücum təxminən iki saat davam etmişdir."
        ),
    },
    "tr": {
        "name": "Hocalı Katliamı",
        "summary": (
            "26 Şubat 1992'de, Sovyetler Birliği'nin dağılmasından kısa süre sonra, Ermeni "
            "kuvvetleri Azerbaycan'ın Karabağ bölgesindeki Hocalı kasabasını ele geçirdi. Bu "
            "arşivin dayandığı habere göre kasaba önce ağır topçu ve tanklarla bombardımana "
            "tutuldu; saldırı yaklaşık iki saat sürdü."
        ),
    },
    "ru": {
        "name": "Ходжалинская резня",
        "summary": (
            "26 февраля 1992 года, вскоре после распада Советского Союза, армянские силы "
            "захватили город Ходжалы в Карабахском регионе Азербайджана. Согласно сообщению, "
            "с которого начинается этот архив, город сначала обстреляли из тяжёлой артиллерии "
            "и танков, а штурм длился около двух часов."
        ),
    },
}

# The report's own wording for three of the figures; the other five are named by their
# category, which the interface's catalogues translate.
FIGURE_LABELS: dict[str, dict[str, str]] = {
    "killed": {
        "en": "Civilians killed",
        "az": "Öldürülən dinc sakinlər",
        "tr": "Öldürülen siviller",
        "ru": "Убитые мирные жители",
    },
    "injured": {
        "en": "Seriously injured",
        "az": "Ağır yaralananlar",
        "tr": "Ağır yaralananlar",
        "ru": "Тяжело раненные",
    },
    "missing": {
        "en": "Captives still missing",
        "az": "Hələ də itkin düşmüş əsirlər",
        "tr": "Hâlâ kayıp olan esirler",
        "ru": "Пленные, до сих пор числящиеся пропавшими без вести",
    },
}

MINISTRY: Text = {
    "en": {"name": "Ministry of Foreign Affairs of the Republic of Türkiye", "country": "Türkiye"},
    "az": {"name": "Türkiyə Respublikasının Xarici İşlər Nazirliyi", "country": "Türkiyə"},
    "tr": {"name": "Türkiye Cumhuriyeti Dışişleri Bakanlığı", "country": "Türkiye"},
    "ru": {"name": "Министерство иностранных дел Турецкой Республики", "country": "Турция"},
}

HOME: Text = {
    "en": {
        "title": "Khojaly Massacre, 26 February 1992",
        "introduction": (
            "A memorial archive of the Khojaly Massacre: the people it took, the statements "
            "that remember it, and the dates around it. Every figure here names its source."
        ),
    },
    "az": {
        "title": "Xocalı qətliamı, 26 fevral 1992",
        "introduction": (
            "Xocalı qətliamının xatirə arxivi: onun qurbanları, onu yad edən bəyanatlar və "
            "onunla bağlı tarixlər. Buradakı hər rəqəm öz mənbəyini göstərir."
        ),
    },
    "tr": {
        "title": "Hocalı Katliamı, 26 Şubat 1992",
        "introduction": (
            "Hocalı Katliamı'nın anma arşivi: kurbanları, katliamı anan açıklamalar ve onunla "
            "ilgili tarihler. Buradaki her rakam kaynağını belirtir."
        ),
    },
    "ru": {
        "title": "Ходжалинская резня, 26 февраля 1992 года",
        "introduction": (
            "Мемориальный архив Ходжалинской резни: её жертвы, заявления в память о ней и "
            "связанные с ней даты. Для каждой цифры здесь указан источник."
        ),
    },
}

STATEMENTS_INDEX: Text = {
    "en": {
        "title": "Statements",
        "introduction": "Official statements that commemorate or condemn the massacre.",
    },
    "az": {
        "title": "Bəyanatlar",
        "introduction": "Qətliamı yad edən və ya pisləyən rəsmi bəyanatlar.",
    },
    "tr": {
        "title": "Açıklamalar",
        "introduction": "Katliamı anan ya da kınayan resmî açıklamalar.",
    },
    "ru": {
        "title": "Заявления",
        "introduction": "Официальные заявления, почтившие память жертв резни или осудившие её.",
    },
}

ABOUT: Text = {
    "en": {
        "title": "About this archive",
        "body": (
            "<p>This archive keeps the memory of the people of Khojaly. It gathers remembrance "
            "records of individual victims, the official statements issued on the "
            "anniversaries, and a timeline of what came before and after. Editors add records; "
            "a moderator checks each one before it is published.</p>"
        ),
    },
    "az": {
        "title": "Arxiv haqqında",
        "body": (
            "<p>Bu arxiv Xocalı sakinlərinin xatirəsini yaşadır. Burada ayrı-ayrı qurbanlar "
            "haqqında xatirə qeydləri, ildönümlərində verilmiş rəsmi bəyanatlar, hadisələrdən "
            "əvvəl və sonra baş verənlərin xronologiyası toplanır. Qeydləri redaktorlar əlavə "
            "edir; hər qeydi dərc olunmazdan əvvəl moderator yoxlayır.</p>"
        ),
    },
    "tr": {
        "title": "Arşiv hakkında",
        "body": (
            "<p>Bu arşiv Hocalı halkının hatırasını yaşatır. Tek tek kurbanlara ait anma "
            "kayıtlarını, yıl dönümlerinde yapılan resmî açıklamaları ve öncesinde ve sonrasında "
            "yaşananların kronolojisini bir araya getirir. Kayıtları editörler ekler; her kayıt "
            "yayımlanmadan önce bir moderatör tarafından kontrol edilir.</p>"
        ),
    },
    "ru": {
        "title": "Об архиве",
        "body": (
            "<p>Этот архив хранит память о жителях Ходжалы. В нём собраны памятные записи об "
            "отдельных жертвах, официальные заявления, сделанные в годовщины, и хронология "
            "того, что было до и после. Записи добавляют редакторы; каждую из них перед "
            "публикацией проверяет модератор.</p>"
        ),
    },
}

METHODOLOGY: Text = {
    "en": {
        "title": "Methodology",
        "body": (
            "<p>Every figure in the archive is a claim made by someone, shown with who made it "
            "and where it was published. Beside each reported figure the archive shows how many "
            "public records it holds in the same category; the two are different things and "
            "are never merged. Records are marked unverified, supported by one source, or "
            "corroborated. Records of living people, or of families who asked for it, are kept "
            "private.</p>"
            "<p>Records marked synthetic were generated to demonstrate the software and "
            "describe no real person.</p>"
        ),
    },
    "az": {
        "title": "Metodologiya",
        "body": (
            "<p>Arxivdəki hər rəqəm kiminsə iddiasıdır və onu kimin irəli sürdüyü, harada dərc "
            "olunduğu ilə birlikdə göstərilir. Açıqlanmış hər rəqəmin yanında arxivin eyni "
            "kateqoriyada neçə açıq qeyd saxladığı verilir; bunlar fərqli şeylərdir və heç vaxt "
            "birləşdirilmir. Qeydlər təsdiqlənməmiş, bir mənbəyə əsaslanan və ya təsdiqlənmiş "
            "kimi işarələnir. Sağ olan insanların, yaxud bunu xahiş edən ailələrin qeydləri "
            "gizli saxlanılır.</p>"
            "<p>Sintetik kimi işarələnmiş qeydlər proqramı nümayiş etdirmək üçün yaradılıb və "
            "heç bir real insanı təsvir etmir.</p>"
        ),
    },
    "tr": {
        "title": "Yöntem",
        "body": (
            "<p>Arşivdeki her rakam birinin ileri sürdüğü bir iddiadır ve kimin ileri sürdüğü, "
            "nerede yayımlandığı ile birlikte gösterilir. Bildirilen her rakamın yanında "
            "arşivin aynı kategoride kaç herkese açık kayıt tuttuğu gösterilir; bunlar farklı "
            "şeylerdir ve asla birleştirilmez. Kayıtlar doğrulanmamış, tek kaynağa dayanan ya "
            "da doğrulanmış olarak işaretlenir. Hayatta olan kişilerin ya da bunu isteyen "
            "ailelerin kayıtları gizli tutulur.</p>"
            "<p>Yapay olarak işaretlenen kayıtlar yazılımı tanıtmak için üretilmiştir ve gerçek "
            "hiçbir kişiyi anlatmaz.</p>"
        ),
    },
    "ru": {
        "title": "Методология",
        "body": (
            "<p>Каждая цифра в архиве — это чьё-то утверждение, и рядом с ней указано, кто его "
            "сделал и где оно опубликовано. Рядом с каждой приведённой цифрой архив показывает, "
            "сколько открытых записей той же категории в нём хранится; это разные вещи, и они "
            "никогда не смешиваются. Записи помечаются как непроверенные, основанные на одном "
            "источнике или подтверждённые. Записи о живых людях, а также о семьях, которые об "
            "этом попросили, остаются закрытыми.</p>"
            "<p>Записи с пометкой «синтетическая» созданы для демонстрации программы и не "
            "описывают ни одного реального человека.</p>"
        ),
    },
}

STATEMENT: Text = {
    "en": {
        "title": "Türkiye's Ministry of Foreign Affairs on the 34th anniversary",
        "date_note": (
            "The report says only that the statement came on a Thursday at the anniversary; "
            "26 February 2026 was a Thursday, so that date is the likeliest."
        ),
        "summary": (
            "Türkiye's foreign ministry condemned in strong terms the killing of civilians at "
            "Khojaly on 26 February 1992, described the atrocities as a disgrace to the "
            "conscience of humanity, and remembered the 613 people killed together with the "
            "wounded, those taken captive and those still missing."
        ),
        "body": (
            "<p>According to the news report, the ministry prayed for those who died and "
            "offered its condolences to the people of Azerbaijan. The report notes that "
            "Türkiye was one of the first countries to recognise the killings as a massacre "
            "and that it has called for justice for the victims.</p>"
        ),
    },
    "az": {
        "title": "Türkiyə Xarici İşlər Nazirliyi 34-cü ildönümü münasibətilə",
        "date_note": (
            "Xəbərdə yalnız bəyanatın ildönümündə, cümə axşamı verildiyi deyilir; 26 fevral "
            "2026-cı il cümə axşamına düşdüyü üçün ən ehtimal olunan tarix budur."
        ),
        "summary": (
            "Türkiyə Xarici İşlər Nazirliyi 26 fevral 1992-ci ildə Xocalıda dinc sakinlərin "
            "öldürülməsini sərt şəkildə pislədi, törədilən vəhşilikləri bəşəriyyətin "
            "vicdanında utanc ləkəsi adlandırdı, həlak olmuş 613 nəfəri, eləcə də "
            "yaralananları, əsir götürülənləri və hələ də itkin olanları yad etdi."
        ),
        "body": (
            "<p>Xəbərə görə, nazirlik həlak olanlara Allahdan rəhmət diləyib və Azərbaycan "
            "xalqına başsağlığı verib. Xəbərdə qeyd olunur ki, Türkiyə bu qətlləri qətliam "
            "kimi tanıyan ilk ölkələrdən biri olub və qurbanlar üçün ədalət tələb edib.</p>"
        ),
    },
    "tr": {
        "title": "Türkiye Dışişleri Bakanlığı'ndan 34. yıl dönümü açıklaması",
        "date_note": (
            "Haber yalnızca açıklamanın yıl dönümünde bir perşembe günü yapıldığını söylüyor; "
            "26 Şubat 2026 perşembeye denk geldiği için en olası tarih budur."
        ),
        "summary": (
            "Türkiye Dışişleri Bakanlığı, 26 Şubat 1992'de Hocalı'da sivillerin öldürülmesini "
            "sert bir dille kınadı, yaşanan vahşeti insanlığın vicdanında utanç verici bir leke "
            "olarak nitelendirdi ve hayatını kaybeden 613 kişiyi, yaralananları, esir "
            "alınanları ve hâlâ kayıp olanları andı."
        ),
        "body": (
            "<p>Habere göre Bakanlık hayatını kaybedenlere Allah'tan rahmet diledi ve "
            "Azerbaycan halkına taziyelerini iletti. Haber, Türkiye'nin bu olayları katliam "
            "olarak tanıyan ilk ülkelerden biri olduğunu ve kurbanlar için adalet çağrısında "
            "bulunduğunu belirtiyor.</p>"
        ),
    },
    "ru": {
        "title": "МИД Турции к 34-й годовщине",
        "date_note": (
            "В сообщении сказано лишь, что заявление прозвучало в годовщину, в четверг; "
            "26 февраля 2026 года пришлось на четверг, поэтому эта дата наиболее вероятна."
        ),
        "summary": (
            "МИД Турции решительно осудил убийство мирных жителей в Ходжалы 26 февраля 1992 "
            "года, назвал эти злодеяния позорным пятном на совести человечества и почтил "
            "память 613 погибших, а также вспомнил раненых, взятых в плен и тех, кто до сих "
            "пор считается пропавшим без вести."
        ),
        "body": (
            "<p>Согласно сообщению, министерство пожелало погибшим покоиться с миром и "
            "выразило соболезнования народу Азербайджана. В сообщении отмечается, что Турция "
            "одной из первых признала эти убийства резнёй и призывала к справедливости для "
            "жертв.</p>"
        ),
    },
}

TIMELINE: dict[str, Text] = {
    "dissolution-of-the-soviet-union": {
        "en": {
            "title": "The Soviet Union dissolves",
            "summary": (
                "The Soviet Union comes apart at the end of 1991; the news report places the "
                "events at Khojaly shortly after."
            ),
        },
        "az": {
            "title": "Sovet İttifaqı dağılır",
            "summary": (
                "Sovet İttifaqı 1991-ci ilin sonunda dağılır; xəbərə görə, Xocalı hadisələri "
                "bundan az sonra baş verib."
            ),
        },
        "tr": {
            "title": "Sovyetler Birliği dağılıyor",
            "summary": (
                "Sovyetler Birliği 1991'in sonunda dağılır; habere göre Hocalı'daki olaylar "
                "bundan kısa süre sonra yaşandı."
            ),
        },
        "ru": {
            "title": "Распад Советского Союза",
            "summary": (
                "В конце 1991 года Советский Союз распадается; по сообщению, события в Ходжалы "
                "произошли вскоре после этого."
            ),
        },
    },
    "first-karabakh-war": {
        "en": {
            "title": "The First Karabakh War",
            "summary": (
                "In the early 1990s, according to the news report, Armenian forces occupied "
                "Karabakh and seven neighbouring regions, Khojaly among the places affected, "
                "and mass killings and burials took place in the region."
            ),
        },
        "az": {
            "title": "Birinci Qarabağ müharibəsi",
            "summary": (
                "Xəbərə görə, 1990-cı illərin əvvəllərində erməni qüvvələri Qarabağı və ona "
                "qonşu yeddi rayonu işğal edib; Xocalı da zərər çəkmiş yerlər arasında olub, "
                "bölgədə kütləvi qətllər və kütləvi dəfnlər baş verib."
            ),
        },
        "tr": {
            "title": "Birinci Karabağ Savaşı",
            "summary": (
                "Habere göre 1990'ların başında Ermeni kuvvetleri Karabağ'ı ve çevresindeki "
                "yedi bölgeyi işgal etti; Hocalı da etkilenen yerler arasındaydı ve bölgede "
                "toplu öldürmeler ve toplu defnler yaşandı."
            ),
        },
        "ru": {
            "title": "Первая карабахская война",
            "summary": (
                "По сообщению, в начале 1990-х годов армянские силы оккупировали Карабах и "
                "семь прилегающих районов; Ходжалы было среди пострадавших мест, а в регионе "
                "происходили массовые убийства и захоронения."
            ),
        },
    },
    "khojaly-massacre": {
        "en": {
            "title": "Khojaly is taken: the massacre",
            "summary": (
                "After shelling the town with heavy artillery and tanks, Armenian forces take "
                "Khojaly in an assault the report says lasted about two hours. According to "
                "Azerbaijani figures cited in the report, 613 civilians were killed."
            ),
        },
        "az": {
            "title": "Xocalının ələ keçirilməsi və qətliam",
            "summary": (
                "Şəhəri ağır artilleriya və tanklardan atəşə tutduqdan sonra erməni qüvvələri "
                "Xocalını ələ keçirir; xəbərə görə, hücum təxminən iki saat çəkib. Xəbərdə "
                "istinad edilən Azərbaycan tərəfinin məlumatlarına görə, 613 dinc sakin "
                "öldürülüb."
            ),
        },
        "tr": {
            "title": "Hocalı'nın düşüşü ve katliam",
            "summary": (
                "Ermeni kuvvetleri kasabayı ağır topçu ve tanklarla bombaladıktan sonra "
                "Hocalı'yı ele geçirir; habere göre saldırı yaklaşık iki saat sürdü. Haberde "
                "aktarılan Azerbaycan verilerine göre 613 sivil öldürüldü."
            ),
        },
        "ru": {
            "title": "Захват Ходжалы и резня",
            "summary": (
                "Обстреляв город из тяжёлой артиллерии и танков, армянские силы захватывают "
                "Ходжалы; по сообщению, штурм длился около двух часов. По азербайджанским "
                "данным, приведённым в сообщении, были убиты 613 мирных жителей."
            ),
        },
    },
    "44-day-war": {
        "en": {
            "title": "The 44-day war",
            "summary": (
                "In the autumn of 2020, over 44 days, Azerbaijan regains several cities, "
                "villages and settlements in Karabakh after some thirty years, as the report "
                "puts it."
            ),
        },
        "az": {
            "title": "44 günlük müharibə",
            "summary": (
                "Xəbərin ifadəsi ilə, 2020-ci ilin payızında, 44 gün ərzində Azərbaycan "
                "təxminən otuz ildən sonra Qarabağda bir sıra şəhər, kənd və qəsəbələri geri "
                "qaytarır."
            ),
        },
        "tr": {
            "title": "44 Gün Savaşı",
            "summary": (
                "Haberin ifadesiyle, 2020 sonbaharında 44 gün içinde Azerbaycan, yaklaşık otuz "
                "yıl sonra Karabağ'daki birçok şehri, köyü ve yerleşim yerini geri alır."
            ),
        },
        "ru": {
            "title": "44-дневная война",
            "summary": (
                "Как сказано в сообщении, осенью 2020 года за 44 дня Азербайджан спустя около "
                "тридцати лет возвращает ряд городов, сёл и населённых пунктов в Карабахе."
            ),
        },
    },
    "september-2023-operation": {
        "en": {
            "title": "Azerbaijan restores full sovereignty over Karabakh",
            "summary": (
                'In September 2023, in an operation Azerbaijan called "anti-terrorist", '
                "separatist forces surrender and, according to the report, Azerbaijan "
                "establishes full sovereignty over Karabakh."
            ),
        },
        "az": {
            "title": "Azərbaycan Qarabağ üzərində tam suverenliyini bərpa edir",
            "summary": (
                "2023-cü ilin sentyabrında Azərbaycanın “antiterror” adlandırdığı əməliyyat "
                "zamanı separatçı qüvvələr təslim olur və xəbərə görə, Azərbaycan Qarabağ "
                "üzərində tam suverenliyini bərqərar edir."
            ),
        },
        "tr": {
            "title": "Azerbaycan Karabağ'da tam egemenliğini yeniden sağlıyor",
            "summary": (
                "Eylül 2023'te Azerbaycan'ın “terörle mücadele” operasyonu olarak adlandırdığı "
                "harekâtta ayrılıkçı güçler teslim olur ve habere göre Azerbaycan Karabağ "
                "üzerinde tam egemenlik kurar."
            ),
        },
        "ru": {
            "title": "Азербайджан восстанавливает полный суверенитет над Карабахом",
            "summary": (
                "В сентябре 2023 года в ходе операции, которую Азербайджан назвал "
                "«антитеррористической», сепаратистские силы сдаются, и, по сообщению, "
                "Азербайджан устанавливает полный суверенитет над Карабахом."
            ),
        },
    },
    "turkiye-statement-2026": {
        "en": {
            "title": "Türkiye's foreign ministry marks the anniversary",
            "summary": (
                "On the 34th anniversary, Türkiye's Ministry of Foreign Affairs issues a "
                "statement of commemoration (most likely on 26 February 2026; the report says "
                'only "Thursday").'
            ),
        },
        "az": {
            "title": "Türkiyə XİN ildönümünü yad edir",
            "summary": (
                "34-cü ildönümündə Türkiyə Xarici İşlər Nazirliyi anım bəyanatı yayır (çox "
                "güman ki, 26 fevral 2026-cı ildə; xəbərdə yalnız “cümə axşamı” deyilir)."
            ),
        },
        "tr": {
            "title": "Türkiye Dışişleri Bakanlığı yıl dönümünü anıyor",
            "summary": (
                "34. yıl dönümünde Türkiye Dışişleri Bakanlığı bir anma açıklaması yayımlar "
                "(büyük olasılıkla 26 Şubat 2026'da; haberde yalnızca “perşembe” deniyor)."
            ),
        },
        "ru": {
            "title": "МИД Турции отмечает годовщину",
            "summary": (
                "В 34-ю годовщину МИД Турции выступает с заявлением в память о жертвах "
                "(скорее всего, 26 февраля 2026 года; в сообщении сказано лишь «в четверг»)."
            ),
        },
    },
}

# Families of synthetic records. Their names are transliterations, each written as readers of
# that language write the name (Məmmədov, Memmedov, Мамедов), and say what they are.
SYNTHETIC_FAMILIES: dict[str, dict[str, str]] = {
    "Məmmədov": {
        "en": "The Mammadov family (synthetic)",
        "az": "Məmmədovlar ailəsi (sintetik)",
        "tr": "Memmedov ailesi (yapay)",
        "ru": "Семья Мамедовых (синтетическая)",
    },
    "Əliyev": {
        "en": "The Aliyev family (synthetic)",
        "az": "Əliyevlər ailəsi (sintetik)",
        "tr": "Aliyev ailesi (yapay)",
        "ru": "Семья Алиевых (синтетическая)",
    },
    "Həsənov": {
        "en": "The Hasanov family (synthetic)",
        "az": "Həsənovlar ailəsi (sintetik)",
        "tr": "Hasanov ailesi (yapay)",
        "ru": "Семья Гасановых (синтетическая)",
    },
    "Hüseynov": {
        "en": "The Huseynov family (synthetic)",
        "az": "Hüseynovlar ailəsi (sintetik)",
        "tr": "Hüseynov ailesi (yapay)",
        "ru": "Семья Гусейновых (синтетическая)",
    },
    "Quliyev": {
        "en": "The Guliyev family (synthetic)",
        "az": "Quliyevlər ailəsi (sintetik)",
        "tr": "Guliyev ailesi (yapay)",
        "ru": "Семья Кулиевых (синтетическая)",
    },
}
SYNTHETIC_FAMILY_NOTES = {
    "en": (
        "A synthetic family: synthetic records grouped under one family name to demonstrate the "
        "archive. It describes no real family."
    ),
    "az": (
        "Sintetik ailə: arxivi nümayiş etdirmək üçün eyni soyadlı sintetik qeydlərdən "
        "yaradılıb. Heç bir real ailəni təsvir etmir."
    ),
    "tr": (
        "Yapay aile: arşivi tanıtmak için aynı soyadını taşıyan yapay kayıtlardan oluşturuldu. "
        "Gerçek hiçbir aileyi anlatmaz."
    ),
    "ru": (
        "Синтетическая семья: синтетические записи с одной фамилией, объединённые для "
        "демонстрации архива. Она не описывает ни одну реальную семью."
    ),
}
