"""Common Azerbaijani names for generated records, with their usual Russian and English spellings.

Facts about names, not about anyone: the generator (:func:`archive.demo.synthetic_person`)
combines them at random into records that are flagged synthetic, and the name-search benchmark
(``bench/name_search.py``) types them in the three scripts searchers use. Each entry is the
Azerbaijani Latin form, the usual Russian Cyrillic form and the usual English transliteration.
Family names are given in the men's form; :func:`draw` derives the women's.

Family names run roughly from the most common down, and are drawn with weights that fall as
``1/sqrt(rank)`` (the first about 8 %, the last about 1 % of records): a rough shape of a real
population, not a census. Given names are drawn evenly. Pure Python, no Django.
"""

from __future__ import annotations

import random
from math import sqrt
from typing import NamedTuple


class Name(NamedTuple):
    azerbaijani: str
    russian: str
    english: str


FAMILY_NAMES = tuple(
    Name(*spellings)
    for spellings in [
        ("Məmmədov", "Мамедов", "Mammadov"),
        ("Əliyev", "Алиев", "Aliyev"),
        ("Həsənov", "Гасанов", "Hasanov"),
        ("Hüseynov", "Гусейнов", "Huseynov"),
        ("Quliyev", "Кулиев", "Guliyev"),
        ("İsmayılov", "Исмаилов", "Ismayilov"),
        ("Abdullayev", "Абдуллаев", "Abdullayev"),
        ("İbrahimov", "Ибрагимов", "Ibrahimov"),
        ("Hacıyev", "Гаджиев", "Hajiyev"),
        ("Rzayev", "Рзаев", "Rzayev"),
        ("Cəfərov", "Джафаров", "Jafarov"),
        ("Qasımov", "Гасымов", "Gasimov"),
        ("Kərimov", "Керимов", "Karimov"),
        ("Abbasov", "Аббасов", "Abbasov"),
        ("Süleymanov", "Сулейманов", "Suleymanov"),
        ("Musayev", "Мусаев", "Musayev"),
        ("Nəcəfov", "Наджафов", "Najafov"),
        ("Xəlilov", "Халилов", "Khalilov"),
        ("Ağayev", "Агаев", "Agayev"),
        ("Babayev", "Бабаев", "Babayev"),
        ("Bağırov", "Багиров", "Baghirov"),
        ("Rəhimov", "Рагимов", "Rahimov"),
        ("Sadıqov", "Садыгов", "Sadigov"),
        ("Əhmədov", "Ахмедов", "Ahmadov"),
        ("Vəliyev", "Велиев", "Valiyev"),
        ("Nəsirov", "Насиров", "Nasirov"),
        ("Zeynalov", "Зейналов", "Zeynalov"),
        ("Salmanov", "Салманов", "Salmanov"),
        ("Şahbazov", "Шахбазов", "Shahbazov"),
        ("Mustafayev", "Мустафаев", "Mustafayev"),
        ("Kazımov", "Казымов", "Kazimov"),
        ("Əsgərov", "Аскеров", "Asgarov"),
        ("Məhərrəmov", "Магеррамов", "Maharramov"),
        ("Qurbanov", "Курбанов", "Gurbanov"),
        ("Hümbətov", "Гумбатов", "Humbatov"),
        ("Rüstəmov", "Рустамов", "Rustamov"),
        ("Yusifov", "Юсифов", "Yusifov"),
        ("Tağıyev", "Тагиев", "Taghiyev"),
        ("Novruzov", "Новрузов", "Novruzov"),
        ("Həmidov", "Гамидов", "Hamidov"),
        ("Əzizov", "Азизов", "Azizov"),
        ("Səfərov", "Сафаров", "Safarov"),
        ("Paşayev", "Пашаев", "Pashayev"),
        ("Əsədov", "Асадов", "Asadov"),
        ("Bayramov", "Байрамов", "Bayramov"),
        ("Heydərov", "Гейдаров", "Heydarov"),
        ("Qəhrəmanov", "Кахраманов", "Gahramanov"),
        ("Allahverdiyev", "Аллахвердиев", "Allahverdiyev"),
        ("Məmmədli", "Мамедли", "Mammadli"),
        ("Hüseynzadə", "Гусейнзаде", "Huseynzade"),
    ]
)

GIVEN_FEMALE = tuple(
    Name(*spellings)
    for spellings in [
        ("Aygün", "Айгюн", "Aygun"),
        ("Sevinc", "Севиндж", "Sevinj"),
        ("Günay", "Гюнай", "Gunay"),
        ("Şəhla", "Шахла", "Shahla"),
        ("Nərgiz", "Наргиз", "Nargiz"),
        ("Xədicə", "Хадиджа", "Khadija"),
        ("Gülnarə", "Гюльнара", "Gulnara"),
        ("Aynur", "Айнур", "Aynur"),
        ("Leyla", "Лейла", "Leyla"),
        ("Aysel", "Айсель", "Aysel"),
        ("Səbinə", "Сабина", "Sabina"),
        ("Gülşən", "Гюльшан", "Gulshan"),
        ("Zəhra", "Захра", "Zahra"),
        ("Fatimə", "Фатима", "Fatima"),
        ("Kəmalə", "Кямаля", "Kamala"),
        ("Səidə", "Саида", "Saida"),
        ("Mehriban", "Мехрибан", "Mehriban"),
        ("Ülviyyə", "Ульвия", "Ulviyya"),
        ("Zülfiyyə", "Зульфия", "Zulfiyya"),
        ("Səadət", "Саадат", "Saadat"),
        ("Könül", "Кёнюль", "Konul"),
        ("Lalə", "Лала", "Lala"),
        ("Solmaz", "Солмаз", "Solmaz"),
        ("Nərmin", "Нармин", "Narmin"),
        ("Zərifə", "Зарифа", "Zarifa"),
        ("Hicran", "Хиджран", "Hijran"),
        ("Firuzə", "Фируза", "Firuza"),
        ("Validə", "Валида", "Valida"),
        ("Gözəl", "Гёзал", "Gozal"),
        ("Rəna", "Рена", "Rena"),
    ]
)

GIVEN_MALE = tuple(
    Name(*spellings)
    for spellings in [
        ("Elçin", "Эльчин", "Elchin"),
        ("Tofiq", "Тофик", "Tofig"),
        ("Rəşid", "Рашид", "Rashid"),
        ("Vüqar", "Вугар", "Vugar"),
        ("Əli", "Али", "Ali"),
        ("Səməd", "Самед", "Samad"),
        ("Xəyyam", "Хайям", "Khayyam"),
        ("Ramiz", "Рамиз", "Ramiz"),
        ("Məmməd", "Мамед", "Mammad"),
        ("Hüseyn", "Гусейн", "Huseyn"),
        ("Həsən", "Гасан", "Hasan"),
        ("İlham", "Ильхам", "Ilham"),
        ("Rauf", "Рауф", "Rauf"),
        ("Elşən", "Эльшан", "Elshan"),
        ("Kamran", "Камран", "Kamran"),
        ("Tural", "Турал", "Tural"),
        ("Orxan", "Орхан", "Orkhan"),
        ("Anar", "Анар", "Anar"),
        ("Vaqif", "Вагиф", "Vagif"),
        ("Fuad", "Фуад", "Fuad"),
        ("Rövşən", "Ровшан", "Rovshan"),
        ("Zaur", "Заур", "Zaur"),
        ("Cavid", "Джавид", "Javid"),
        ("Namiq", "Намик", "Namig"),
        ("Bəxtiyar", "Бахтияр", "Bakhtiyar"),
        ("Şahin", "Шахин", "Shahin"),
        ("Ələkbər", "Алекпер", "Alakbar"),
        ("Yaqub", "Ягуб", "Yagub"),
        ("Mübariz", "Мубариз", "Mubariz"),
        ("Fərid", "Фарид", "Farid"),
    ]
)

_FAMILY_WEIGHTS = tuple(1 / sqrt(rank) for rank in range(1, len(FAMILY_NAMES) + 1))


def feminine(family: Name) -> Name:
    """A family name as a woman bears it: -ov and -yev take an -a; -li and -zadə do not."""
    if not family.azerbaijani.endswith(("ov", "ev")):
        return family
    return Name(family.azerbaijani + "a", family.russian + "а", family.english + "a")


def draw(rng: random.Random, female: bool) -> tuple[Name, Name]:
    """A given name and a family name for one person, in the form that person's sex takes."""
    given = rng.choice(GIVEN_FEMALE if female else GIVEN_MALE)
    family = rng.choices(FAMILY_NAMES, weights=_FAMILY_WEIGHTS)[0]
    return given, feminine(family) if female else family
