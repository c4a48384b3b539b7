"""The names, places and phrases synthetic briefings are made of (see `synthetic.py`).

Countries are real, since the format needs ISO codes, and so are a few international bodies
and the common given names and family names that people's names are combined from; outlets,
observers and every sentence are invented. Names in other scripts are written as their
speakers write them: the benchmark's search index and pages must handle them like real ones.
"""

from __future__ import annotations

from dataclasses import dataclass

# --- Names, places and words --------------------------------------------------------------------

Name = tuple[str, str | None]
"""A name in Latin script, and in the language's own script when that is not Latin."""


@dataclass(frozen=True)
class Language:
    given: tuple[Name, ...]
    family: tuple[Name, ...]
    family_first: bool = False
    spaced: bool = True
    """Whether the native form has a space between the names (not in Chinese or Korean)."""
    feminine: tuple[Name, ...] = ()
    """Given names that take the feminine form of a family name (Russian -ov -> -ova)."""
    feminine_ending: tuple[str, str] = ("a", "а")


def _names(latin: str, native: str | None = None) -> tuple[Name, ...]:
    words = latin.split()
    if native is None:
        return tuple((word, None) for word in words)
    scripts = native.split()
    assert len(words) == len(scripts), latin
    return tuple(zip(words, scripts, strict=True))


LANGUAGES: dict[str, Language] = {
    "en": Language(
        _names("James Sarah Michael Emily David Laura Robert Karen Daniel Rachel Thomas Helen"),
        _names("Miller Carter Hughes Bennett Foster Reed Morgan Brooks Hayes Walsh Porter Grant"),
    ),
    "fr": Language(
        _names("Claire Julien Mathieu Camille Antoine Élodie Nicolas Sophie Hélène Luc"),
        _names("Lefèvre Moreau Girard Fontaine Rousseau Mercier Lambert Dubois Garnier Faure"),
    ),
    "de": Language(
        _names("Jonas Katrin Matthias Anja Stefan Jana Tobias Sabine Jürgen Ulrike"),
        _names("Schneider Fischer Weber Becker Hoffmann Schäfer Krüger Neumann Vogel Brandt"),
    ),
    "pl": Language(
        _names("Piotr Anna Krzysztof Katarzyna Tomasz Magdalena Łukasz Agnieszka"),
        _names("Nowak Wójcik Kowalczyk Mazur Krawczyk Zając Michalak Sikora"),
    ),
    "es": Language(
        _names("Alejandro Lucía Javier Carmen Diego Valeria Andrés Gabriela"),
        _names("García Hernández Martínez López Ramírez Torres Flores Vargas"),
    ),
    "pt": Language(
        _names("João Ana Pedro Beatriz Lucas Mariana Rafael Camila"),
        _names("Silva Santos Oliveira Souza Pereira Costa Almeida Ribeiro"),
    ),
    "tr": Language(
        _names("Mehmet Ayşe Mustafa Elif Emre Zeynep Burak Selin"),
        _names("Yılmaz Kaya Demir Şahin Çelik Aydın Öztürk Arslan"),
    ),
    "ng": Language(
        _names("Chinedu Ngozi Emeka Aisha Tunde Funmilayo Ibrahim Chiamaka"),
        _names("Okafor Adeyemi Balogun Eze Abubakar Nwosu Okonkwo Bello"),
    ),
    "sw": Language(
        _names("Grace Peter Faith Joseph Mercy Samuel Esther Brian"),
        _names("Otieno Kamau Mwangi Wanjiru Ochieng Njoroge Kiprono Achieng"),
    ),
    "id": Language(
        _names("Budi Siti Agus Dewi Rizky Putri Hendra Ayu"),
        _names("Santoso Wijaya Hidayat Saputra Pratama Kusuma Setiawan Nugroho"),
    ),
    "ru": Language(
        _names(
            "Dmitry Sergei Andrei Alexei Mikhail Nikolai Pavel Viktor Yuri Konstantin",
            "Дмитрий Сергей Андрей Алексей Михаил Николай Павел Виктор Юрий Константин",
        ),
        _names(
            "Ivanov Smirnov Kuznetsov Popov Volkov Sokolov Lebedev Morozov Orlov Belov Zaitsev "
            "Karpov",
            "Иванов Смирнов Кузнецов Попов Волков Соколов Лебедев Морозов Орлов Белов Зайцев "
            "Карпов",
        ),
        feminine=_names(
            "Olga Irina Yelena Tatiana Maria Anna Svetlana",
            "Ольга Ирина Елена Татьяна Мария Анна Светлана",
        ),
    ),
    "uk": Language(
        _names(
            "Oleksandr Andriy Serhiy Mykola Olena Iryna Oksana Taras Yulia Dmytro Vasyl Nataliya",
            "Олександр Андрій Сергій Микола Олена Ірина Оксана Тарас Юлія Дмитро Василь Наталія",
        ),
        _names(
            "Kovalenko Bondarenko Shevchenko Tkachenko Kravchenko Melnyk Boyko Lysenko Marchenko "
            "Savchenko Rudenko Moroz",
            "Коваленко Бондаренко Шевченко Ткаченко Кравченко Мельник Бойко Лисенко Марченко "
            "Савченко Руденко Мороз",
        ),
    ),
    "fa": Language(
        _names(
            "Ali Reza Mohammad Hossein Mehdi Amir Hamid Maryam Zahra Fatemeh Narges Saeed Majid "
            "Parisa",
            "علی رضا محمد حسین مهدی امیر حمید مریم زهرا فاطمه نرگس سعید مجید پریسا",
        ),
        _names(
            "Rezaei Hosseini Ahmadi Karimi Mousavi Jafari Sadeghi Rahimi Moradi Ghasemi Kazemi "
            "Najafi Tehrani",
            "رضایی حسینی احمدی کریمی موسوی جعفری صادقی رحیمی مرادی قاسمی کاظمی نجفی تهرانی",
        ),
    ),
    "ar": Language(
        _names(
            "Ahmed Mohammed Omar Khalid Youssef Hassan Fatima Layla Nour Samir Karim Rania Tariq "
            "Amina",
            "أحمد محمد عمر خالد يوسف حسن فاطمة ليلى نور سمير كريم رانيا طارق أمينة",
        ),
        _names(
            "Haddad Khalil Mansour Nasser Saleh Hamdan Darwish Aziz Qasim Farouk Masri Rashid",
            "حداد خليل منصور ناصر صالح حمدان درويش عزيز قاسم فاروق المصري الرشيد",
        ),
    ),
    "zh": Language(
        _names(
            "Wei Fang Min Jing Lei Jun Yong Yan Jie Tao Ming Chao Hua Ping Gang Hui",
            "伟 芳 敏 静 磊 军 勇 艳 杰 涛 明 超 华 平 刚 辉",
        ),
        _names(
            "Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo Lin He",
            "王 李 张 刘 陈 杨 黄 赵 吴 周 徐 孙 马 朱 胡 郭 林 何",
        ),
        family_first=True,
        spaced=False,
    ),
    "ja": Language(
        _names(
            "Haruki Yuki Takeshi Hiroshi Kenji Akiko Yoko Kazuo Naoko Daisuke Emi Makoto",
            "春樹 由紀 武 浩 健二 明子 洋子 和夫 直子 大輔 恵美 誠",
        ),
        _names(
            "Sato Suzuki Takahashi Tanaka Watanabe Ito Yamamoto Nakamura Kobayashi Kato Yoshida "
            "Yamada",
            "佐藤 鈴木 高橋 田中 渡辺 伊藤 山本 中村 小林 加藤 吉田 山田",
        ),
        family_first=True,
        spaced=False,
    ),
    "ko": Language(
        _names(
            "Min-jun Seo-yeon Ji-hoon Ji-woo Hyun-woo Su-bin Dong-hyun Eun-ji Sung-min Ha-eun",
            "민준 서연 지훈 지우 현우 수빈 동현 은지 성민 하은",
        ),
        _names(
            "Kim Lee Park Choi Jung Kang Cho Yoon Jang Lim Han Oh",
            "김 이 박 최 정 강 조 윤 장 임 한 오",
        ),
        family_first=True,
        spaced=False,
    ),
    "he": Language(
        _names(
            "Avi Yosef David Moshe Noa Tamar Yael Eitan Shira Ronen Dana",
            "אבי יוסף דוד משה נועה תמר יעל איתן שירה רונן דנה",
        ),
        _names(
            "Cohen Levi Mizrahi Peretz Biton Friedman Shapiro Katz Azoulay Golan Avraham",
            "כהן לוי מזרחי פרץ ביטון פרידמן שפירו כץ אזולאי גולן אברהם",
        ),
    ),
    "el": Language(
        _names(
            "Nikos Giorgos Dimitris Kostas Maria Eleni Katerina Yannis Sofia Christos",
            "Νίκος Γιώργος Δημήτρης Κώστας Μαρία Ελένη Κατερίνα Γιάννης Σοφία Χρήστος",
        ),
        _names(
            "Georgiou Oikonomou Nikolaou Dimitriou Antoniou Ioannou Konstantinou Christodoulou",
            "Γεωργίου Οικονόμου Νικολάου Δημητρίου Αντωνίου Ιωάννου Κωνσταντίνου Χριστοδούλου",
        ),
    ),
    "hi": Language(
        _names(
            "Rahul Amit Priya Sunita Vikram Anjali Rajesh Neha Arjun Kavita Sanjay Pooja",
            "राहुल अमित प्रिया सुनीता विक्रम अंजलि राजेश नेहा अर्जुन कविता संजय पूजा",
        ),
        _names(
            "Sharma Verma Gupta Singh Kumar Patel Mehta Joshi Rao Iyer Nair Reddy",
            "शर्मा वर्मा गुप्ता सिंह कुमार पटेल मेहता जोशी राव अय्यर नायर रेड्डी",
        ),
    ),
    "ka": Language(
        _names(
            "Giorgi Nino Levan Tamar Davit Ana Irakli Mariam",
            "გიორგი ნინო ლევან თამარ დავით ანა ირაკლი მარიამ",
        ),
        _names(
            "Beridze Kapanadze Gelashvili Maisuradze Lomidze Tsiklauri",
            "ბერიძე კაპანაძე გელაშვილი მაისურაძე ლომიძე წიკლაური",
        ),
    ),
    "hy": Language(
        _names("Aram Armen Anahit Narek Lilit Tigran", "Արամ Արմեն Անահիտ Նարեկ Լիլիթ Տիգրան"),
        _names(
            "Petrosyan Hovhannisyan Sargsyan Harutyunyan Grigoryan Khachatryan",
            "Պետրոսյան Հովհաննիսյան Սարգսյան Հարությունյան Գրիգորյան Խաչատրյան",
        ),
    ),
}

# What officials say in their own language, by statement kind: quotes in non-Latin script.
NATIVE_QUOTES: dict[str, dict[str, tuple[str, ...]]] = {
    "ru": {
        "denial": ("Эти сообщения не соответствуют действительности.",
                   "Такая информация далеко не всегда бывает верной."),
        "call": ("Мы призываем все стороны проявлять сдержанность.",),
        "warning": ("Любые подобные шаги не останутся без ответа.",),
        "announcement": ("Ситуация находится под полным контролем.",),
    },
    "uk": {
        "question": ("Ми вимагаємо негайних і повних пояснень.",),
        "warning": ("Будь-яка військова підтримка агресора матиме наслідки.",),
        "confirmation": ("Ми можемо підтвердити цю інформацію.",),
    },
    "fa": {
        "denial": ("این گزارش‌ها کاملاً بی‌اساس است.",),
        "call": ("ما همه طرف‌ها را به خویشتن‌داری دعوت می‌کنیم.",),
        "warning": ("هرگونه اقدام علیه کشور ما با پاسخ قاطع روبه‌رو خواهد شد.",),
    },
    "ar": {
        "denial": ("هذه التقارير لا أساس لها من الصحة.",),
        "call": ("ندعو جميع الأطراف إلى ضبط النفس.",),
        "confirmation": ("نؤكد صحة هذه المعلومات.",),
    },
    "zh": {
        "denial": ("这些报道毫无根据。",),
        "call": ("我们呼吁各方保持克制。",),
        "warning": ("中方对此表示严重关切。",),
    },
    "ja": {
        "announcement": ("政府は状況を注視している。",),
        "denial": ("報道内容は事実ではない。",),
    },
    "ko": {
        "announcement": ("정부는 상황을 예의주시하고 있다.",),
        "denial": ("해당 보도는 사실이 아니다.",),
    },
    "he": {
        "denial": ("הדיווחים אינם נכונים.",),
        "call": ("אנו קוראים לכל הצדדים לגלות איפוק.",),
    },
    "el": {"denial": ("Οι αναφορές αυτές είναι αβάσιμες.",)},
    "hi": {
        "denial": ("ये रिपोर्टें निराधार हैं।",),
        "call": ("हम सभी पक्षों से संयम बरतने का आग्रह करते हैं।",),
    },
}  # fmt: skip

NATIVE_TITLES = {
    "ru": "Заявление официального представителя",
    "uk": "Заява речника",
    "fa": "بیانیه سخنگوی وزارت",
    "ar": "بيان صحفي",
    "zh": "外交部发言人答记者问",
    "ja": "記者会見",
    "ko": "정례 브리핑",
    "he": "הודעה לעיתונות",
    "el": "Ανακοίνωση",
    "hi": "प्रेस विज्ञप्ति",
}

# Ministries by name, with the name in the language of the countries that write it otherwise.
MINISTRIES: dict[str, dict[str, str]] = {
    "Ministry of Foreign Affairs": {"ru": "Министерство иностранных дел", "uk":
        "Міністерство закордонних справ", "fa": "وزارت امور خارجه", "ar": "وزارة الخارجية",
        "zh": "外交部", "ja": "外務省", "ko": "외교부"},
    "Ministry of Defence": {"ru": "Министерство обороны", "uk": "Міністерство оборони",
        "fa": "وزارت دفاع", "ar": "وزارة الدفاع", "zh": "国防部", "ja": "防衛省", "ko": "국방부"},
    "Ministry of Energy": {"ru": "Министерство энергетики", "fa": "وزارت نیرو"},
    "Ministry of Health": {"ru": "Министерство здравоохранения", "ar": "وزارة الصحة"},
    "Ministry of the Interior": {"ru": "Министерство внутренних дел", "ar": "وزارة الداخلية"},
    "Office of the President": {},
    "Central Bank": {},
    "Election Commission": {},
    "Coast Guard": {},
    "Customs Service": {},
}  # fmt: skip


@dataclass(frozen=True)
class Country:
    code: str
    name: str
    native: str | None
    language: str
    cities: tuple[Name, ...]
    aliases: tuple[str, ...] = ()
    wikidata: str | None = None

    @property
    def in_prose(self) -> str:
        """The name inside a sentence: 'the United States', 'France'."""
        return f"the {self.name}" if self.name.startswith("United") else self.name


COUNTRIES: tuple[Country, ...] = (
    Country("US", "United States", None, "en",
            _names("Washington Houston Norfolk"), ("USA", "U.S."), "Q30"),
    Country("GB", "United Kingdom", None, "en",
            _names("London Portsmouth Glasgow"), ("UK", "Britain"), "Q145"),
    Country("FR", "France", None, "fr", _names("Paris Marseille Brest"), (), "Q142"),
    Country("DE", "Germany", "Deutschland", "de", _names("Berlin Hamburg Rostock"), (), "Q183"),
    Country("PL", "Poland", "Polska", "pl", _names("Warsaw Gdańsk Rzeszów")),
    Country("RU", "Russia", "Россия", "ru",
            _names("Moscow Novorossiysk Kaliningrad", "Москва Новороссийск Калининград"),
            ("Russian Federation", "Moscow"), "Q159"),
    Country("UA", "Ukraine", "Україна", "uk",
            _names("Kyiv Odesa Kharkiv Dnipro", "Київ Одеса Харків Дніпро"), ("Kyiv",), "Q212"),
    Country("IR", "Iran", "ایران", "fa",
            _names("Tehran Isfahan Tabriz", "تهران اصفهان تبریز"), ("Tehran",), "Q794"),
    Country("CN", "China", "中国", "zh",
            _names("Beijing Shanghai Xiamen", "北京 上海 厦门"), ("Beijing",), "Q148"),
    Country("JP", "Japan", "日本", "ja", _names("Tokyo Osaka Naha", "東京 大阪 那覇"), (), "Q17"),
    Country("KR", "South Korea", "대한민국", "ko",
            _names("Seoul Busan Incheon", "서울 부산 인천"), ("Republic of Korea",)),
    Country("IN", "India", "भारत", "hi",
            _names("Mumbai Chennai Kolkata", "मुंबई चेन्नई कोलकाता"), (), "Q668"),
    Country("IL", "Israel", "ישראל", "he",
            _names("Jerusalem Haifa Eilat", "ירושלים חיפה אילת"), (), "Q801"),
    Country("EG", "Egypt", "مصر", "ar",
            _names("Cairo Alexandria Suez", "القاهرة الإسكندرية السويس")),
    Country("SA", "Saudi Arabia", "السعودية", "ar",
            _names("Riyadh Jeddah Dammam", "الرياض جدة الدمام")),
    Country("IQ", "Iraq", "العراق", "ar", _names("Baghdad Basra Erbil", "بغداد البصرة أربيل")),
    Country("JO", "Jordan", "الأردن", "ar", _names("Amman Aqaba Irbid", "عمان العقبة إربد")),
    Country("GR", "Greece", "Ελλάδα", "el",
            _names("Athens Piraeus Thessaloniki", "Αθήνα Πειραιάς Θεσσαλονίκη")),
    Country("TR", "Türkiye", None, "tr", _names("Ankara Istanbul İzmir"), ("Turkey",), "Q43"),
    Country("GE", "Georgia", "საქართველო", "ka",
            _names("Tbilisi Batumi Kutaisi", "თბილისი ბათუმი ქუთაისი")),
    Country("AM", "Armenia", "Հայաստան", "hy", _names("Yerevan Gyumri", "Երևան Գյումրի")),
    Country("KZ", "Kazakhstan", "Казахстан", "ru",
            _names("Astana Almaty Aktau", "Астана Алматы Актау")),
    Country("BR", "Brazil", "Brasil", "pt", _names("Brasília Santos Manaus"), (), "Q155"),
    Country("MX", "Mexico", "México", "es", _names("Veracruz Monterrey Tijuana")),
    Country("NG", "Nigeria", None, "ng", _names("Abuja Lagos Kano")),
    Country("KE", "Kenya", None, "sw", _names("Nairobi Mombasa Kisumu")),
    Country("ID", "Indonesia", None, "id", _names("Jakarta Surabaya Makassar")),
    Country("ZA", "South Africa", None, "en", _names("Pretoria Durban Johannesburg")),
)  # fmt: skip

INTERNATIONAL = (
    ("United Nations", ("UN", "ООН", "الأمم المتحدة", "联合国")),
    ("NATO", ("North Atlantic Treaty Organization",)),
    ("European Union", ("EU",)),
    ("International Atomic Energy Agency", ("IAEA", "МАГАТЭ")),
    ("World Health Organization", ("WHO",)),
    ("International Committee of the Red Cross", ("ICRC",)),
    ("African Union", ("AU",)),
    ("Group of Seven", ("G7",)),
    ("World Food Programme", ("WFP",)),
    ("International Maritime Organization", ("IMO",)),
    ("Organization for Security and Co-operation in Europe", ("OSCE", "ОБСЕ")),
)
OBSERVERS = (
    "Open Skies Monitoring Group", "Coastal Watch Network", "Institute for Conflict Data",
    "Harbor Safety Council", "Center for Energy Security Studies", "Digital Rights Observatory",
    "Satellite Imagery Collective", "Humanitarian Access Forum", "Election Integrity Network",
    "Maritime Transparency Project", "Arms Transfer Monitor", "Public Health Watch",
)  # fmt: skip
OUTLETS: tuple[tuple[str, str | None, str | None], ...] = (
    ("Meridian Wire", None, "US"), ("Atlantic Ledger", None, "GB"),
    ("Le Courrier du Soir", None, "FR"), ("Rheinische Rundschau", None, "DE"),
    ("Severny Vestnik", "Северный вестник", "RU"), ("Kyiv Morning", "Київський ранок", "UA"),
    ("Pars Daily", "روزنامه پارس", "IR"), ("East Harbor Times", "东港时报", "CN"),
    ("Tokai Shimbun", "東海新聞", "JP"), ("Hanbit Ilbo", "한빛일보", "KR"),
    ("Al-Fajr News", "أخبار الفجر", "EG"), ("Hadashot Hayom", "חדשות היום", "IL"),
    ("Delhi Morning Herald", None, "IN"), ("Gazeta Poranna", None, "PL"),
    ("Folha do Planalto", None, "BR"), ("El Diario del Golfo", None, "MX"),
    ("Lagos Ledger", None, "NG"), ("Nairobi Observer", None, "KE"),
    ("Akşam Postası", None, "TR"), ("Tbilisi Courier", None, "GE"),
    ("Continental Press Agency", None, None), ("Global Newswire Service", None, None),
    ("Gulf Business Review", None, "SA"), ("Aegean Post", "Αιγαίο Ποστ", "GR"),
)  # fmt: skip
GROUPS = (
    ("independent-analysts", "Independent analysts"),
    ("opposition-parties", "Opposition parties"),
    ("humanitarian-workers", "Humanitarian workers"),
    ("shipping-industry", "Shipping industry representatives"),
    ("open-source-investigators", "Open-source investigators"),
    ("legal-experts", "Legal experts"),
)
ROLES_GOVERNMENT = ("Spokesperson", "Deputy Spokesperson", "Minister", "Deputy Minister",
                    "Head of the Press Office", "Senior official")  # fmt: skip
ROLES_MEDIA = ("Correspondent", "Chief Editor", "Investigations Editor", "Reporter")
ROLES_ORGANIZATION = ("Spokesperson", "Senior analyst", "Director", "Researcher")


@dataclass(frozen=True)
class Topic:
    slug: str
    tags: tuple[str, ...]
    event: str
    claims: tuple[str, ...]
    """Claim templates; the first is the usual key claim. Placeholders: {a} {b} {c} (countries),
    {city}, {thing}."""
    things: tuple[str, ...]
    stakes: str


TOPICS: tuple[Topic, ...] = (
    Topic("arms-transfer", ("arms-transfers", "military-aid", "sanctions"),
          "Transfer of {thing} from {a} to {b}",
          ("{a} has transferred {thing} to {b}.",
           "{b} has begun deploying {thing} received from {a}.",
           "The shipment passed through the port of {city}.",
           "{c} was informed of the transfer in advance."),
          ("short-range ballistic missiles", "attack drones", "artillery shells",
           "air-defence systems"),
          "a sharp escalation of {a}'s involvement in the conflict"),
    Topic("sanctions", ("sanctions", "trade", "finance"),
          "New sanctions by {a} targeting {b}'s {thing}",
          ("{a} is preparing new sanctions against {b}'s {thing}.",
           "The sanctions would take effect within 30 days.",
           "Several banks in {city} have frozen accounts linked to {b}."),
          ("energy sector", "shipping companies", "defence industry", "central bank"),
          "further pressure on {b}'s economy"),
    Topic("cyberattack", ("cybersecurity", "critical-infrastructure"),
          "Cyberattack on the {thing} of {city}",
          ("A cyberattack disrupted the {thing} of {city}.",
           "The attack was carried out by a group linked to {b}.",
           "Personal data of customers was stolen during the attack."),
          ("power grid", "water utility", "port logistics system", "railway ticketing system"),
          "a new front in the dispute between {a} and {b}"),
    Topic("infrastructure-damage", ("energy", "critical-infrastructure", "sabotage"),
          "Damage to the {thing} near {city}",
          ("An explosion damaged the {thing} near {city}.",
           "The damage was caused by deliberate sabotage.",
           "Supplies through the {thing} were halted for at least a week."),
          ("gas pipeline", "undersea power cable", "rail bridge", "fuel depot"),
          "a risk to supplies across the region"),
    Topic("tanker-seizure", ("shipping", "sanctions", "maritime-security"),
          "Seizure of a tanker off {city}",
          ("{a}'s navy seized an oil tanker off {city}.",
           "The tanker was carrying crude oil from {b} in breach of sanctions.",
           "The crew of 23 has been detained."),
          ("oil tanker", "chemical tanker", "bulk carrier"),
          "a test of freedom of navigation in the area"),
    Topic("election", ("elections", "disinformation", "democracy"),
          "Regional election in {city}",
          ("Turnout in the regional election in {city} exceeded 60 percent.",
           "Ballots were destroyed at polling stations in {city}.",
           "Accounts run from {b} spread false claims about the vote count."),
          ("regional election", "municipal election", "referendum"),
          "the credibility of the result"),
    Topic("outbreak", ("public-health", "epidemics"),
          "Outbreak of {thing} in {city}",
          ("An outbreak of {thing} has been confirmed in {city}.",
           "More than 200 cases have been recorded in the first week.",
           "Health authorities delayed reporting the first cases."),
          ("cholera", "measles", "avian influenza", "dengue fever"),
          "a public-health emergency beyond {city}"),
    Topic("flooding", ("natural-disasters", "humanitarian-aid", "climate"),
          "Flooding in {city}",
          ("Flooding in {city} has displaced more than 10,000 people.",
           "The dam upstream of {city} failed after days of heavy rain.",
           "Aid convoys from {b} were blocked at the border."),
          ("river flooding", "flash flooding", "coastal flooding"),
          "a humanitarian crisis in the region"),
    Topic("prisoner-exchange", ("prisoners-of-war", "diplomacy", "humanitarian-aid"),
          "Prisoner exchange between {a} and {b}",
          ("{a} and {b} exchanged prisoners at the border.",
           "The exchange was mediated by {c}.",
           "Dozens of civilians were among those released."),
          ("prisoner exchange", "exchange of detainees"),
          "a rare sign of contact between the two governments"),
    Topic("drone-strike", ("drones", "energy", "air-defence"),
          "Drone strike on {thing} in {city}",
          ("A drone strike hit the {thing} in {city}.",
           "The drones were launched from territory controlled by {b}.",
           "Air defences intercepted most of the drones."),
          ("oil refinery", "power station", "airfield", "grain terminal"),
          "a widening of the conflict to new targets"),
    Topic("peace-talks", ("diplomacy", "negotiations"),
          "Talks between {a} and {b} on {thing}",
          ("{a} and {b} agreed to resume talks on {thing}.",
           "A draft agreement has been circulated to the negotiators.",
           "{c} will host the next round of talks."),
          ("a ceasefire", "prisoner releases", "border demarcation", "energy supplies"),
          "the first direct talks in months"),
    Topic("nuclear-inspections", ("nuclear", "non-proliferation", "iaea"),
          "Inspections at a nuclear site near {city}",
          ("Inspectors were denied access to a site near {city}.",
           "Enrichment at the site has exceeded the declared level.",
           "{a} has agreed to a new inspection schedule."),
          ("enrichment plant", "research reactor", "storage site"),
          "the future of the inspection regime"),
    Topic("grain-exports", ("food-security", "shipping", "trade"),
          "Grain shipments from {city}",
          ("Grain shipments from {city} have resumed.",
           "Insurers have raised premiums for ships calling at {city}.",
           "{a} has guaranteed safe passage for cargo ships."),
          ("wheat", "maize", "sunflower oil"),
          "food prices in importing countries"),
    Topic("internet-shutdown", ("internet-freedom", "human-rights", "protests"),
          "Internet shutdown in {city}",
          ("Mobile internet was shut down across {city}.",
           "The shutdown was ordered by {a}'s interior ministry.",
           "Access to messaging apps remains restricted."),
          ("mobile internet", "messaging apps", "social networks"),
          "the flow of information about the protests"),
    Topic("disinformation", ("disinformation", "media", "elections"),
          "Network of fake accounts targeting {a}",
          ("A network of fake accounts impersonated news outlets of {a}.",
           "The network was operated from {b}.",
           "Videos attributed to officials of {a} were fabricated."),
          ("fake accounts", "fabricated videos", "cloned news sites"),
          "trust in the coming vote"),
    Topic("satellite-launch", ("space", "military", "technology-transfer"),
          "Launch of a {thing} by {a}",
          ("{a} launched a military reconnaissance satellite.",
           "The launch used technology supplied by {b}.",
           "The satellite reached its planned orbit."),
          ("reconnaissance satellite", "communications satellite"),
          "the military balance in the region"),
    Topic("border-clash", ("border-security", "military", "de-escalation"),
          "Border clash between {a} and {b} near {city}",
          ("Troops of {a} and {b} clashed on the border near {city}.",
           "Three soldiers were killed in the clash.",
           "{a} has moved additional forces to the area."),
          ("border clash", "exchange of fire"),
          "a return to open fighting on the border"),
    Topic("currency-controls", ("finance", "central-banks", "economy"),
          "Currency controls in {a}",
          ("The central bank of {a} has restricted foreign currency withdrawals.",
           "The restrictions will last until the end of the year.",
           "Banks in {city} ran out of dollars."),
          ("currency controls", "withdrawal limits"),
          "confidence in {a}'s banking system"),
)  # fmt: skip

GENERIC_TAGS = ("analysis", "official-statements", "open-source-intelligence", "europe",
                "middle-east", "asia", "africa", "americas", "black-sea", "red-sea")  # fmt: skip

# Statement templates by kind: (text, mode). A quote is written in the first person.
STATEMENT_TEMPLATES: dict[str, tuple[tuple[str, str], ...]] = {
    "warning": (
        ("Any such step would be met with a firm and proportionate response.", "quote"),
        ("Warned that {b} would face serious consequences if the reports were confirmed.",
         "paraphrase"),
        ("Warned that the situation could escalate quickly unless both sides showed restraint.",
         "paraphrase"),
        ("We will not stand by while {stakes} unfolds in front of us.", "quote"),
    ),
    "claim": (
        ("We have clear evidence that {clause}.", "quote"),
        ("Said that {clause}, citing information from its own services.", "paraphrase"),
    ),
    "denial": (
        ("There is no truth whatsoever in the claim that {clause}.", "quote"),
        ("Dismissed the reports, saying that such information is not always correct.",
         "paraphrase"),
        ("Denied that {clause}, calling the reports a provocation.", "paraphrase"),
    ),
    "confirmation": (
        ("We can confirm that {clause}.", "quote"),
        ("Confirmed that {clause}, without giving further details.", "paraphrase"),
    ),
    "report": (
        ("Reported, citing two officials familiar with the matter, that {clause}.", "paraphrase"),
        ("Reported, citing satellite images it had reviewed, that {clause}.", "paraphrase"),
        ("Reported that {clause}; the report named no source.", "paraphrase"),
    ),
    "call": (
        ("Called on all sides to exercise restraint and to allow independent verification.",
         "paraphrase"),
        ("Urged an independent investigation into the events in {city}.", "paraphrase"),
        ("We call on the international community to act before it is too late.", "quote"),
    ),
    "question": (
        ("Asked who had authorised the operation and when.", "paraphrase"),
        ("Questioned whether the figures had been checked by anyone outside the government.",
         "paraphrase"),
        ("Sought clarification from officials of {b} about the allegations.", "paraphrase"),
    ),
    "announcement": (
        ("Announced that {a} would convene an emergency meeting on the matter.", "paraphrase"),
        ("Announced new measures in response to the events in {city}.", "paraphrase"),
        ("We are opening an inquiry today, and its findings will be made public.", "quote"),
    ),
    "admission": (
        ("Acknowledged that {clause}, after earlier denials.", "paraphrase"),
        ("We now accept that {clause}.", "quote"),
    ),
    "retraction": (
        ("Withdrew its earlier statement that {clause} and apologised for the error.",
         "paraphrase"),
    ),
    "assessment": (
        ("Rated the claim that {clause} as unsupported by the evidence it had examined.",
         "paraphrase"),
        ("Found, after reviewing the videos and satellite images, that {clause}.", "paraphrase"),
    ),
}  # fmt: skip

# The English of each native quote, as a desk would translate it.
QUOTE_TRANSLATIONS = {
    "Эти сообщения не соответствуют действительности.":
        "These reports do not correspond to reality.",
    "Такая информация далеко не всегда бывает верной.":
        "Such information is far from always correct.",
    "Мы призываем все стороны проявлять сдержанность.": "We call on all sides to show restraint.",
    "Любые подобные шаги не останутся без ответа.": "Any such steps will not go unanswered.",
    "Ситуация находится под полным контролем.": "The situation is under full control.",
    "Ми вимагаємо негайних і повних пояснень.": "We demand immediate and full explanations.",
    "Будь-яка військова підтримка агресора матиме наслідки.":
        "Any military support for the aggressor will have consequences.",
    "Ми можемо підтвердити цю інформацію.": "We can confirm this information.",
    "این گزارش‌ها کاملاً بی‌اساس است.": "These reports are completely baseless.",
    "ما همه طرف‌ها را به خویشتن‌داری دعوت می‌کنیم.": "We call on all sides to exercise restraint.",
    "هرگونه اقدام علیه کشور ما با پاسخ قاطع روبه‌رو خواهد شد.":
        "Any action against our country will meet a decisive response.",
    "هذه التقارير لا أساس لها من الصحة.": "These reports have no basis in truth.",
    "ندعو جميع الأطراف إلى ضبط النفس.": "We call on all parties to exercise restraint.",
    "نؤكد صحة هذه المعلومات.": "We confirm that this information is correct.",
    "这些报道毫无根据。": "These reports are entirely groundless.",
    "我们呼吁各方保持克制。": "We call on all parties to exercise restraint.",
    "中方对此表示严重关切。": "China expresses serious concern about this.",
    "政府は状況を注視している。": "The government is closely watching the situation.",
    "報道内容は事実ではない。": "What was reported is not true.",
    "정부는 상황을 예의주시하고 있다.": "The government is closely watching the situation.",
    "해당 보도는 사실이 아니다.": "The report in question is not true.",
    "הדיווחים אינם נכונים.": "The reports are not correct.",
    "אנו קוראים לכל הצדדים לגלות איפוק.": "We call on all sides to show restraint.",
    "Οι αναφορές αυτές είναι αβάσιμες.": "These reports are unfounded.",
    "ये रिपोर्टें निराधार हैं।": "These reports are baseless.",
    "हम सभी पक्षों से संयम बरतने का आग्रह करते हैं।": "We urge all sides to exercise restraint.",
}  # fmt: skip

# What a statement says of the claims it is about, by kind: the stance on the first claim, and
# on a second one. A denial of one claim often supports another.
STANCES_BY_KIND = {
    "claim": ("supports", "supports"), "report": ("supports", "mentions"),
    "confirmation": ("supports", "mentions"), "admission": ("supports", "mentions"),
    "denial": ("contradicts", "supports"), "retraction": ("contradicts", "mentions"),
    "question": ("questions", "questions"), "assessment": ("contradicts", "supports"),
    "call": ("mentions", "questions"), "warning": ("mentions", "mentions"),
    "announcement": ("mentions", "mentions"),
}  # fmt: skip

FIGURES = (("people killed", 5, 500), ("people injured", 10, 900), ("people displaced", 100, 20000),
           ("missiles launched", 2, 200))  # fmt: skip

EVIDENCE = (
    ("video", "A video said to show the events in {city}, shared widely on social media."),
    ("photo", "A photo of the {thing} said to have been taken after the events in {city}."),
    ("satellite-image", "Satellite images of {city} taken in the days after the reports."),
    ("document", "A document said to come from officials of {a}."),
    ("audio", "An audio recording said to capture officials of {b} discussing the {thing}."),
)
ASSESSMENTS = ("authentic", "miscaptioned", "edited", "staged", "fabricated", "unassessed")

NOTES = (
    "Reported by {outlet} and relayed by other outlets; no independent evidence has been seen.",
    "Satellite images of {city} reviewed by **two independent analysts** are consistent with "
    "the claim, but do not show its cause.",
    "Officials of {a} confirmed the claim on the record; officials of {b} *denied* it.",
    "The only source is an anonymous official quoted by {outlet}. See the "
    "[original report]({url}).",
    "Two of the sources relay the same original report, so they count once.",
    "Documents seen by {outlet} support part of the claim; the figures could not be checked.",
    "The claim was withdrawn by those who made it, who said it rested on a misread document.",
)
HISTORY_NOTES = (
    "First reports, no confirmation.",
    "A second outlet reported the same, citing its own source.",
    "Officials gave conflicting accounts.",
    "New images published by **{outlet}**.",
)
METHODOLOGY = (
    "Compiled from the sources listed below. Each statement was checked against the original "
    "publication where one could be found; relayed reports are marked as such and count once "
    "among the independent sources.",
    "Satellite images were compared with earlier images of the same place, and place names "
    "were checked in the local script. Quotes in languages other than English are given as "
    "published.",
    "Where the sources give no date, the date is left out rather than guessed.",
)
QUESTIONS = (
    "Who ordered the operation, and when?",
    "Will {a} allow independent inspectors into the area?",
    "What did officials of {b} know beforehand?",
    "Does the figure reported by {outlet} include civilians?",
    "Will {c} take part in the next round of talks?",
)
UPDATES = (
    ("update", "Added the statement by officials of {b}."),
    ("update", "Added satellite images reviewed by independent analysts."),
    ("correction", "Corrected the date of the first report by {outlet}."),
    ("correction", "The claim's **source** was misattributed; it is {outlet}, not a wire."),
    ("update", "Updated the verification of the key claim after new reporting."),
)
ATTRIBUTION = (
    "Multiple news reports and official statements.",
    "Official statements and one news report.",
    "News reports, partly relaying one original report.",
    "Official statements, a press briefing and satellite imagery.",
)
STATE_FLOW = {
    "unverified": ("unverified",),
    "partially-verified": ("unverified", "disputed"),
    "verified": ("unverified", "partially-verified"),
    "disputed": ("unverified", "partially-verified"),
    "misleading": ("unverified", "disputed"),
    "unfounded": ("unverified",),
    "false": ("unverified", "disputed"),
    "retracted": ("unverified", "partially-verified"),
}
STATE_WEIGHTS = {"unverified": 28, "partially-verified": 18, "verified": 18, "disputed": 13,
                 "misleading": 6, "unfounded": 5, "false": 8, "retracted": 4}  # fmt: skip
# Words that start a claim template and are written in lower case inside a sentence.
LOWER_STARTS = frozenset({
    "A", "An", "The", "Several", "Turnout", "Ballots", "Accounts", "More", "Health", "Flooding",
    "Aid", "Dozens", "Air", "Inspectors", "Enrichment", "Grain", "Insurers", "Mobile", "Access",
    "Videos", "Troops", "Three", "Banks", "Supplies", "Personal",
})  # fmt: skip


TRANSLITERATION = str.maketrans({"ı": "i", "ł": "l", "Ł": "L", "ø": "o", "ß": "ss", "đ": "d"})
