"""The admin's name search reads a page at a time (archive.name_search.NameSearchPages) and
counts no further than the pages offered (archive.admin.pagination): its pages are the slices
of the ranked search they stand for, restricted people stay hidden from editors, and the count
it shows is exact or says that there are more."""

import re

import pytest
from django.urls import reverse

from archive.admin import pagination
from archive.models import Person
from archive.name_search import NameSearchPages, search_names
from tests.factories import PersonFactory

# Family names that many share (as Məmmədov at 1,000,000 people), spellings of one name in
# Latin and Cyrillic, given names that start or contain what family names do, records with
# several words after the first (patronymic, original script, another spelling), one without
# a family name; drafts and restricted ones among them.
NAMES = [
    *[("Məmmədov", given) for given in ("Əli", "Anar", "Rauf", "Tofiq", "Vüqar", "Zaur")],
    *[("Məmmədova", given) for given in ("Aygün", "Leyla", "Səbinə")],
    ("Mamedov", "Ali"),
    ("Мамедов", "Рауф"),
    *[(family, "Məmməd") for family in ("Abbasov", "Zeynalov", "Əliyev", "Babayev")],
    *[(family, "Əli") for family in ("Zeynalov", "Quliyev", "Abbasov")],
    *[("Zeynalov", given) for given in ("Elçin", "Kamal", "Rəşad")],
    *[("Əliyev", given) for given in ("Anar", "Elşən", "Fuad")],
    ("Məmmədli", "Nigar"),
    ("Həsənov", "Məmmədəli"),
    ("Quliyeva", "Zeynəb"),
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
    "zey",
    "Zeynalov Əli",
    "ova",
    "ev",
    "Mammbdov",  # a typo: one wrong letter (PostgreSQL)
    "Anar",
    "Məmmədli Nigar",
]


@pytest.fixture
def people(db):
    made = []
    for n, (family, given) in enumerate(NAMES):
        extra = {}
        if n % 5 == 1:
            extra["patronymic"] = "Məmməd oğlu"
        if n % 7 == 2:
            extra["alternative_spellings"] = "Mammadli"
        made.append(
            PersonFactory(
                family_name=family,
                given_name=given,
                visibility=Person.Visibility.RESTRICTED if n % 6 == 3 else Person.Visibility.PUBLIC,
                live=n % 8 != 4,
                **extra,
            )
        )
    return made


def ranked_ids(people, query):
    return list(search_names(people, query).values_list("pk", flat=True))


@pytest.mark.django_db
@pytest.mark.parametrize("limit", [0, 2, 5, 1000])
@pytest.mark.parametrize(
    "visible", [Person.objects.all, lambda: Person.objects.filter(visibility="public")]
)
def test_every_page_read_in_steps_is_the_slice_of_the_ranked_search(people, visible, limit):
    """Whatever the limit (the stepped reading starts past it), for every query, page size
    and page: the same records in the same order."""
    unequal = []
    for query in QUERIES:
        ranked = ranked_ids(visible(), query)
        for size in (1, 3, 10):
            for offset in range(0, len(ranked) + size, size):
                pages = NameSearchPages(visible(), query, limit)
                if pages.ids(offset, size) != ranked[offset : offset + size]:
                    unequal.append((query, size, offset))
    assert unequal == []


@pytest.mark.django_db
def test_pages_read_in_steps_equal_the_ranked_search_without_reading_by_family_name(
    people, monkeypatch
):
    """With no list of words short enough to read one family name at a time, the records
    come from the name order alone, in the same order."""
    monkeypatch.setattr("archive.name_search.MAX_WORDS", 0)
    for query in ("mam", "Məmmədov", "əli", "zey"):
        ranked = ranked_ids(Person.objects.all(), query)

        assert NameSearchPages(Person.objects.all(), query, 2).ids(0, len(ranked)) == ranked


@pytest.mark.django_db
def test_the_count_is_exact_up_to_the_limit_and_says_more_past_it(people):
    matches = len(ranked_ids(Person.objects.all(), "mam"))

    assert NameSearchPages(Person.objects.all(), "mam", matches).count == matches
    assert NameSearchPages(Person.objects.all(), "mam", matches - 1).count == matches


def listed(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def ids_in_order(html: str, screen: str) -> list[int]:
    """The people a listing's rows link to (to edit them) or a chooser's (to choose them)."""
    link = {"listing": r"/person/edit/(\d+)/", "chooser": r"/person/chosen/(\d+)/"}[screen]
    return list(dict.fromkeys(int(pk) for pk in re.findall(link, html)))


@pytest.fixture
def small_limit(monkeypatch):
    monkeypatch.setattr(pagination, "COUNT_LIMIT", 3)
    return 3


SEARCHES = {
    "listing": lambda q: (reverse("wagtailsnippets_archive_person:list_results"), {"q": q}),
    "chooser": lambda q: (
        reverse("wagtailsnippetchoosers_archive_person:choose_results"),
        {"q": q, "locale": "en"},
    ),
}


@pytest.mark.django_db
@pytest.mark.parametrize("screen", SEARCHES)
def test_a_search_past_the_limit_lists_the_best_matches_and_says_there_are_more(
    moderator_client, people, small_limit, screen
):
    url, params = SEARCHES[screen]("Məmmədov")
    html = listed(moderator_client.get(url, params))

    assert "More than 3 matches" in html
    assert ids_in_order(html, screen) == ranked_ids(Person.objects.all(), "Məmmədov")[:3]


@pytest.mark.django_db
@pytest.mark.parametrize("screen", SEARCHES)
def test_a_search_within_the_limit_shows_the_exact_count(moderator_client, people, screen):
    url, params = SEARCHES[screen]("Zeynalov")
    expected = Person.objects.search_names("Zeynalov").count()

    html = listed(moderator_client.get(url, params))

    assert f"There are {expected} matches" in html
    assert "More than" not in html


@pytest.mark.django_db
@pytest.mark.parametrize("screen", SEARCHES)
def test_a_search_past_the_limit_shows_an_editor_no_restricted_person(
    client, editor, people, small_limit, screen
):
    """The restricted record would be listed first: its name sorts before all the others."""
    PersonFactory(
        family_name="Məmmədov", given_name="Aqxhidden", visibility=Person.Visibility.RESTRICTED
    )
    client.force_login(editor)
    url, params = SEARCHES[screen]("Məmmədov")

    html = listed(client.get(url, params))

    assert "More than 3 matches" in html
    assert "Aqxhidden" not in html


@pytest.mark.django_db
def test_a_listing_past_the_limit_without_a_search_says_how_many_it_offers(
    moderator_client, people, small_limit
):
    html = listed(moderator_client.get(reverse("wagtailsnippets_archive_person:list")))

    assert "More than 3 people" in html
    assert "Page 1 of 1" in html


@pytest.mark.django_db
def test_person_listing_search_pages_past_the_limit_answer_the_last_page(
    moderator_client, people, small_limit
):
    url = reverse("wagtailsnippets_archive_person:list_results")

    response = moderator_client.get(url, {"q": "Məmmədov", "p": 99})

    assert response.status_code == 200
    assert "More than 3 matches" in response.content.decode()


@pytest.mark.django_db
def test_person_chooser_pages_past_the_limit_are_not_found(moderator_client, people, small_limit):
    url = reverse("wagtailsnippetchoosers_archive_person:choose_results")

    assert moderator_client.get(url, {"q": "Məmmədov", "p": 2}).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("screen", SEARCHES)
def test_a_search_without_letters_lists_people_as_no_search_does(
    moderator_client, people, small_limit, screen
):
    url, params = SEARCHES[screen]("!?")
    unsearched = {key: value for key, value in params.items() if key != "q"}

    searched = ids_in_order(listed(moderator_client.get(url, params)), screen)

    assert searched == ids_in_order(listed(moderator_client.get(url, unsearched)), screen)
    assert len(searched) == 3
