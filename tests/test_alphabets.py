"""People in the alphabet of the page's language: the order, the A–Z bar, page N.

The same expectations hold on SQLite and on PostgreSQL: that is the test that both databases
order alike (PostgreSQL's ICU collations, SQLite's through PyICU)."""

import re

import pytest
from django.utils import translation

from archive.alphabets import letter_of
from archive.models import Person
from archive.views.people import PEOPLE_PER_PAGE, alphabet, ranked_page
from tests.factories import PersonFactory

# Family names in the order of each language's alphabet, as a reader expects them.
AZERBAIJANI = [
    "Abbasov",
    "Agzamov",
    "Ağaoğlu",  # ğ is a letter after g, not a g with a mark
    "Cəfərov",
    "Çələbi",
    "Eyvazov",
    "Əsədov",  # Ə right after E, not after Z
    "Həsənov",
    "Xəlilov",  # X after H
    "Iğdırlı",  # dotless I before dotted İ
    "İsmayılov",
    "Kərimov",
    "Qasımov",  # Q after K
    "Məmmədov",
    "Orucov",
    "Ömərov",
    "Səfərov",
    "Şahbazov",
    "Uluxanov",
    "Üzeyirov",
    "Zeynalov",
    "Алиев",  # Cyrillic after Latin
    "Ёлчиев",  # Ё is Е with a mark in Russian
    "Ефендиев",
    "Юсифов",
]
TURKISH = [
    "Abbasov",
    "Agzamov",
    "Ağaoğlu",
    "Cəfərov",
    "Çələbi",
    "Eyvazov",
    "Əsədov",
    "Həsənov",
    "Iğdırlı",
    "İsmayılov",
    "Kərimov",
    "Məmmədov",
    "Orucov",
    "Ömərov",
    "Qasımov",  # Q and X where the Latin alphabet has them
    "Səfərov",
    "Şahbazov",
    "Uluxanov",
    "Üzeyirov",
    "Xəlilov",
    "Zeynalov",
    "Алиев",
    "Ёлчиев",
    "Ефендиев",
    "Юсифов",
]
RUSSIAN = [
    "Алиев",  # Cyrillic first
    "Ёлчиев",
    "Ефендиев",
    "Юсифов",
    "Abbasov",
    "Ağaoğlu",  # ğ, ç, ö, ş, ü are letters with marks: the mark counts last
    "Agzamov",
    "Cəfərov",
    "Çələbi",
    "Eyvazov",
    "Əsədov",
    "Həsənov",
    "Iğdırlı",
    "İsmayılov",
    "Kərimov",
    "Məmmədov",
    "Ömərov",
    "Orucov",
    "Qasımov",
    "Şahbazov",
    "Səfərov",
    "Uluxanov",
    "Üzeyirov",
    "Xəlilov",
    "Zeynalov",
]
ENGLISH = [*RUSSIAN[4:], *RUSSIAN[:4]]  # as in Russian, with Latin first

ORDERS = {"az": AZERBAIJANI, "tr": TURKISH, "ru": RUSSIAN, "en": ENGLISH}

BARS = {
    "az": "A C Ç E Ə H X I İ K Q M O Ö S Ş U Ü Z А Е Ю",
    "tr": "A C Ç E H I İ K M O Ö Q S Ş U Ü X Z А Е Ю",  # Ə is an E with a mark in Turkish
    "ru": "А Е Ю A C E H I K M O Q S U X Z",
    "en": "A C E H I K M O Q S U X Z А Е Ю",
}


@pytest.fixture
def names(db):
    # Created out of order, so that neither ids nor byte order can pass for the alphabet.
    for family_name in sorted(AZERBAIJANI, reverse=True):
        PersonFactory(family_name=family_name, given_name="Synthetic")


def family_names(people) -> list[str]:
    return [person.family_name for person in people]


CARD_NAME = r'class="person-card__name"><a href="[^"]+">(?:<bdi[^>]*>)?([^<]+)'
CARD_ID = r'class="person-card__name"><a href="/az/people/(\d+)/'


def listed_names(client, language: str, **query) -> list[str]:
    response = client.get(f"/{language}/people/", query)
    assert response.status_code == 200
    cards = re.findall(CARD_NAME, response.text)
    return [card.removeprefix("Synthetic ") for card in cards]


@pytest.mark.parametrize("language", ORDERS)
def test_people_are_listed_in_the_alphabet_of_the_page_language(client, names, language):
    assert listed_names(client, language) == ORDERS[language]


@pytest.mark.parametrize("language", ORDERS)
def test_in_alphabet_orders_by_the_languages_collation(names, language):
    people = Person.objects.public().in_alphabet(language=language)

    assert family_names(people) == ORDERS[language]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("az", ["Elşən", "Əli", "Zaur"]),
        ("en", ["Elşən", "Əli", "Zaur"]),
        ("ru", ["Алекпер", "Эльчин", "Elşən", "Əli", "Zaur"]),
    ],
)
def test_given_names_sort_in_the_alphabet_too(language, expected):
    for given_name in ("Zaur", "Əli", "Эльчин", "Elşən", "Алекпер"):
        PersonFactory(family_name="Məmmədov", given_name=given_name)

    people = Person.objects.public().in_alphabet(language=language)

    assert [person.given_name for person in people][: len(expected)] == expected


@pytest.mark.parametrize("language", BARS)
def test_the_bar_lists_the_letters_of_the_page_language_in_its_order(names, language):
    with translation.override(language):
        assert " ".join(alphabet(Person.objects.public())) == BARS[language]


@pytest.mark.parametrize("language", BARS)
def test_the_bar_follows_the_listing_order(names, language):
    order = ORDERS[language]
    first_appearances = list(dict.fromkeys(letter_of(name, language) for name in order))

    with translation.override(language):
        assert alphabet(Person.objects.public()) == first_appearances


@pytest.mark.parametrize("language", BARS)
def test_each_letter_lists_its_stretch_of_the_order(names, language):
    # Together the letters list everyone once, each letter where the order has it.
    stretches = [
        family_names(
            Person.objects.public().filed_under(letter, language).in_alphabet(language=language)
        )
        for letter in BARS[language].split()
    ]

    assert [name for stretch in stretches for name in stretch] == ORDERS[language]
    assert all(stretches)


def test_a_letter_link_opens_the_listing_where_the_letter_starts(client, names):
    html = client.get("/az/people/").text

    assert 'href="?letter=%C5%9E"' in html  # Ş
    assert listed_names(client, "az", letter="Ş") == ["Şahbazov"]
    assert listed_names(client, "az", letter="S") == ["Səfərov"]
    assert listed_names(client, "az", letter="I") == ["Iğdırlı"]
    assert listed_names(client, "az", letter="İ") == ["İsmayılov"]


def test_a_letter_of_another_alphabet_opens_the_one_it_is_filed_under(client, names):
    response = client.get("/en/people/", {"letter": "Ş"})

    assert listed_names(client, "en", letter="Ş") == ["Şahbazov", "Səfərov"]
    assert 'aria-current="true">S</a>' in response.text
    assert "family names starting with S" in response.text


@pytest.mark.django_db
@pytest.mark.parametrize("letter", ["1", "-", "…"])
def test_a_letter_outside_the_alphabet_is_refused(client, letter):
    response = client.get("/en/people/", {"letter": letter})

    assert response.status_code == 400
    assert "Choose a letter of the alphabet." in response.text


@pytest.mark.django_db
def test_lower_case_names_are_filed_under_their_capital_letter():
    PersonFactory(family_name="ılıcalı")
    PersonFactory(family_name="ismayılzadə")

    with translation.override("az"):
        assert alphabet(Person.objects.public()) == ["I", "İ"]
        assert family_names(Person.objects.public().filed_under("I")) == ["ılıcalı"]
        assert family_names(Person.objects.public().filed_under("İ")) == ["ismayılzadə"]


@pytest.mark.django_db
def test_page_n_is_the_same_page_every_time_among_namesakes(client):
    namesakes = PersonFactory.create_batch(
        2 * PEOPLE_PER_PAGE + 1, family_name="Məmmədov", given_name="Əli"
    )

    pages = [listed_ids(client, page) for page in (1, 2, 3)]

    assert pages == [listed_ids(client, page) for page in (1, 2, 3)]
    assert [pk for page in pages for pk in page] == sorted(person.pk for person in namesakes)


def listed_ids(client, page: int) -> list[int]:
    html = client.get("/az/people/", {"page": page}).text
    return [int(pk) for pk in re.findall(CARD_ID, html)]


@pytest.mark.django_db
def test_search_pages_are_stable_and_in_the_alphabet_within_a_rank():
    PersonFactory.create_batch(PEOPLE_PER_PAGE, family_name="Şükürov", given_name="Əli")
    PersonFactory.create_batch(PEOPLE_PER_PAGE, family_name="Sultanov", given_name="Əli")
    people = Person.objects.public().localized()

    with translation.override("az"):
        first, second = ranked_page(people, "Əli", 1), ranked_page(people, "Əli", 2)
        again = ranked_page(people, "Əli", 1)

    assert family_names(first) == ["Sultanov"] * PEOPLE_PER_PAGE  # S before Ş in Azerbaijani
    assert family_names(second) == ["Şükürov"] * PEOPLE_PER_PAGE
    assert [p.pk for p in first] == sorted(p.pk for p in first) == [p.pk for p in again]
