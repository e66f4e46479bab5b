"""The public name search reads a page at a time (archive.public_name_search): in every site
language its pages are the slices of the full ranking, ``search_names`` then the reader's
alphabet within a rank; restricted, held, draft, expired records and hidden versions never
appear and are never counted; the count stops at its limit and the page says so."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale

from archive import public_name_search
from archive.models import Hold, Person
from archive.name_search import NameSearchPages, search_names
from archive.public_name_search import alphabet_order, first_matches, search_page
from archive.views import search as site_search
from archive.views.people import PEOPLE_PER_PAGE
from tests.factories import PersonFactory

LANGUAGES = ("en", "az", "tr", "ru")
PAST = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)

# Family names that many share; names that the four alphabets order differently (Ş after S and
# Ç after C in Azerbaijani and Turkish, among them in English; Cyrillic first in Russian, last
# elsewhere; ı apart from i); given names that family names start or hold; one without a family
# name.
NAMES = [
    *[("Məmmədov", given) for given in ("Əli", "Anar", "Rauf", "Çingiz", "Şahin", "İlqar")],
    *[("Məmmədova", given) for given in ("Aygün", "Leyla", "Səbinə")],
    ("Mamedov", "Ali"),
    ("Мамедов", "Рауф"),
    ("Мамедов", "Али"),
    *[(family, "Məmməd") for family in ("Şükürov", "Sultanov", "Çələbi", "Cəfərov", "Əliyev")],
    *[(family, "Əli") for family in ("Şükürov", "Sultanov", "Ismayilov", "İsmayılov", "Ölməz")],
    *[("Əliyev", given) for given in ("Anar", "Elşən", "Fuad")],
    ("Məmmədli", "Nigar"),
    ("Həsənov", "Məmmədəli"),
    ("", "Məmməd"),
]

QUERIES = [
    "mam",
    "Məmmədov",
    "Мамедов",
    "Məmmədov Əli",
    "Əli Məmmədov",
    "əli",
    "ali",
    "mə",
    "m",
    "ova",
    "Mammbdov",  # a typo: one wrong letter (PostgreSQL)
    "Şükürov",
]


def locale(code: str) -> Locale:
    return Locale.objects.get_or_create(language_code=code)[0]


def translated(record, code: str, **fields):
    translation_ = record.copy_for_translation(locale(code))
    for name, value in fields.items():
        setattr(translation_, name, value)
    translation_.save()
    return translation_


@pytest.fixture
def people(db):
    """The public people of NAMES (every third not synthetic), then records of the same names
    the public must never see, and translations. Returns the hidden ones' ids."""
    for n, (family, given) in enumerate(NAMES):
        extra = {"patronymic": "Məmməd oğlu"} if n % 5 == 1 else {}
        PersonFactory(
            family_name=family,
            given_name=given,
            is_synthetic=n % 3 != 0,
            fate=Person.Fate.WOUNDED if n % 4 == 2 else Person.Fate.KILLED,
            **extra,
        )
    hidden = [
        PersonFactory(family_name="Məmmədov", given_name="Aaqdraft", live=False),
        PersonFactory(family_name="Məmmədov", given_name="Aaqrestricted", visibility="restricted"),
        PersonFactory(family_name="Məmmədov", given_name="Aaqexpired", expire_at=PAST),
    ]
    held = PersonFactory(family_name="Məmmədov", given_name="Aaqheld")
    Hold.objects.create(person=held, status=Hold.Status.IN_EFFECT, whole_record=True)
    # A restricted original hides its published translation; a draft translation hides
    # nothing, and the original shows in its place.
    restricted = PersonFactory(family_name="Məmmədov", given_name="Aaq", visibility="restricted")
    draft_of = PersonFactory(family_name="Məmmədov", given_name="Bəxtiyar")
    hidden += [
        held,
        restricted,
        translated(restricted, "az", visibility="public", live=True),
        translated(draft_of, "az", given_name="Aaqdrafttranslation", live=False),
    ]
    # Translations shown in their language in place of their originals, under other names.
    for code, family in (("az", "Məmmədov"), ("ru", "Мамедов"), ("tr", "Memmedov")):
        original = PersonFactory(family_name="Zeynalov", given_name="Əli")
        translated(original, code, family_name=family, live=True)
    return [person.pk for person in hidden]


def ranked(people, query: str) -> list[int]:
    """The full ranking the pages stand for, in the active language's alphabet."""
    return list(search_names(people, query).in_alphabet("name_rank").values_list("pk", flat=True))


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("limit", [0, 3])
def test_every_page_is_the_slice_of_the_full_ranking_in_the_readers_alphabet(
    people, language, limit
):
    unequal = []
    with translation.override(language):
        public = Person.objects.public().localized()
        for query in QUERIES:
            full = ranked(public, query)
            assert not set(full) & set(people), query
            for offset in range(0, len(full) + 3, 3):
                pages = NameSearchPages(public, query, limit, alphabet_order(language))
                if pages.ids(offset, 3) != full[offset : offset + 3]:
                    unequal.append((query, offset))
    assert unequal == []


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_alphabet_decides_the_order_within_a_rank(people, language):
    """Şükürov Əli and Sultanov Əli are in one rank for "əli": S before Ş in Azerbaijani and
    Turkish, and Ş among the Ss, before Su, in English and Russian."""
    with translation.override(language):
        ids = first_matches(Person.objects.public().localized(), "əli", language, 50)
    names = [Person.objects.get(pk=pk).family_name for pk in ids]
    sultanov, shukurov = names.index("Sultanov"), names.index("Şükürov")

    assert (sultanov < shukurov) == (language in ("az", "tr"))


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_a_search_page_counts_the_public_matches_and_stops_at_the_limit(
    people, language, monkeypatch
):
    with translation.override(language):
        public = Person.objects.public().localized()
        full = ranked(public, "Məmmədov")
        exact = search_page(public, "Məmmədov", language, 1, 4)
        monkeypatch.setattr(public_name_search, "COUNT_LIMIT", 5)
        limited = [search_page(public, "Məmmədov", language, n, 2) for n in (1, 2, 3, 4, "x")]

    assert (exact.count, exact.is_limited, exact.ids) == (len(full), False, full[:4])
    assert len(full) > 5
    assert [(page.number, page.count, page.is_limited) for page in limited] == [
        (1, 5, True),
        (2, 5, True),
        (3, 5, True),
        (3, 5, True),  # past the last page offered: the last
        (1, 5, True),
    ]
    assert [page.ids for page in limited] == [full[0:2], full[2:4], full[4:5], full[4:5], full[:2]]


@pytest.mark.django_db
def test_a_search_that_matches_nothing_has_one_empty_page(people):
    found = search_page(Person.objects.public().localized(), "Qwzxy", "en", 3, PEOPLE_PER_PAGE)

    assert (found.ids, found.number, found.count, found.is_limited) == ([], 1, 0, False)


def card_ids(html: str) -> list[int]:
    return [
        int(pk)
        for pk in re.findall(r'class="person-card__name"><a href="/\w\w/people/(\d+)/', html)
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_people_index_says_there_are_more_past_the_limit_in_the_readers_language(
    client, people, language, monkeypatch
):
    monkeypatch.setattr(public_name_search, "COUNT_LIMIT", 3)
    with translation.override(language):
        full = ranked(Person.objects.public().localized(), "Məmmədov")
        url = reverse("archive:person_list")
        more = translation.ngettext(
            "More than %(number)s record", "More than %(number)s records", 3
        ) % {"number": 3}

    response = client.get(url, {"q": "Məmmədov"})
    html = response.content.decode()

    assert response.status_code == 200
    assert more in html
    assert more != "More than 3 records" or language == "en"
    assert card_ids(html) == full[:3]


@pytest.mark.django_db
def test_people_index_search_pages_past_the_limit_answer_the_last_page_offered(
    client, people, monkeypatch
):
    monkeypatch.setattr(public_name_search, "COUNT_LIMIT", 3)
    monkeypatch.setattr("archive.views.people.PEOPLE_PER_PAGE", 2)
    full = ranked(Person.objects.public().localized(), "Məmmədov")

    pages = [client.get("/en/people/", {"q": "Məmmədov", "page": n}) for n in (2, 99)]

    assert [response.status_code for response in pages] == [200, 200]
    assert [card_ids(r.content.decode()) for r in pages] == [full[2:3]] * 2
    assert "Only the first 3 records are listed" in pages[1].content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_people_index_searches_among_the_people_its_filters_choose(client, people, language):
    with translation.override(language):
        wounded = Person.objects.public().localized().filter(fate=Person.Fate.WOUNDED)
        full = ranked(wounded, "mam")
        url = reverse("archive:person_list")

    html = client.get(url, {"q": "mam", "fate": "wounded"}).content.decode()

    assert 0 < len(full) < len(ranked(Person.objects.public().localized(language), "mam"))
    assert card_ids(html) == full


@pytest.mark.django_db
def test_the_people_index_counts_exactly_within_the_limit(client, people):
    full = ranked(Person.objects.public().localized(), "Şükürov")

    html = client.get("/en/people/", {"q": "Şükürov"}).content.decode()

    assert f"{len(full)} records" in html
    assert "More than" not in html


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_site_search_shows_the_first_people_of_the_full_ranking(people, language, monkeypatch):
    monkeypatch.setattr(site_search, "RESULTS_PER_SECTION", 3)
    with translation.override(language):
        full = ranked(Person.objects.public().localized(), "Məmmədov")
        shown, more = site_search._first_people("Məmmədov")

    assert [person.pk for person in shown] == full[:3]
    assert more


PEOPLE = "/api/v1/people/"


def api_ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [record["id"] for record in response.json()["results"]]


def api_ranking(language: str, query: str) -> list[int]:
    """The API's order: by rank, then family name, given name and id as the database sorts."""
    people = Person.objects.public().localized(language)
    return list(search_names(people, query).values_list("pk", flat=True))


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_api_name_search_pages_are_slices_of_the_ranking_counted_up_to_the_limit(
    client, people, language, monkeypatch
):
    monkeypatch.setattr(public_name_search, "COUNT_LIMIT", 5)
    full = api_ranking(language, "Məmmədov")
    asked = {"q": "Məmmədov", "lang": language, "page_size": 2}

    first = client.get(PEOPLE, asked).json()
    pages = [api_ids(client.get(PEOPLE, {**asked, "page": n})) for n in (1, 2, 3)]

    assert len(full) > 5
    assert (first["count"], first["count_limited"]) == (5, True)
    assert pages == [full[0:2], full[2:4], full[4:5]]
    assert client.get(PEOPLE, {**asked, "page": 4}).status_code == 404


@pytest.mark.django_db
def test_api_name_search_within_the_limit_counts_exactly(client, people):
    full = api_ranking("en", "Şükürov")

    found = client.get(PEOPLE, {"q": "Şükürov"}).json()

    assert (found["count"], found["count_limited"]) == (len(full), False)
    assert [record["id"] for record in found["results"]] == full


@pytest.mark.django_db
def test_api_name_search_with_another_filter_counts_every_match(client, people, monkeypatch):
    monkeypatch.setattr(public_name_search, "COUNT_LIMIT", 5)
    full = [
        pk
        for pk in api_ranking("en", "Məmmədov")
        if Person.objects.get(pk=pk).fate == Person.Fate.KILLED
    ]

    found = client.get(PEOPLE, {"q": "Məmmədov", "fate": "killed", "page_size": 200}).json()

    assert found["count"] == len(full) > 5
    assert "count_limited" not in found
    assert [record["id"] for record in found["results"]] == full


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_api_search_lists_the_first_people_of_the_ranking(client, people, language):
    full = api_ranking(language, "Məmmədov")

    found = client.get("/api/v1/search/", {"q": "Məmmədov", "lang": language, "limit": 3})
    group = next(group for group in found.json()["groups"] if group["type"] == "people")

    assert [hit["id"] for hit in group["results"]] == full[:3]
    assert group["has_more"]
