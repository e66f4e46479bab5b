"""Bad input answers 400 with the reason (or 404 for an address that names nothing), never 500."""

import pytest

from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

PEOPLE = "/api/v1/people/"
TIMELINE = "/api/v1/timeline/"
SEARCH = "/api/v1/search/"


def refused(client, path: str, query: str = "") -> dict:
    """The reasons of a 400 answer to ``path?query`` (the query as sent, already encoded)."""
    response = client.get(path, QUERY_STRING=query)
    assert response.status_code == 400, (response.status_code, response.content[:200])
    assert response["Content-Type"] == "application/json"
    return response.json()


@pytest.mark.parametrize(
    ("path", "query", "parameter"),
    [
        (PEOPLE, "fate=zombie", "fate"),
        (PEOPLE, "sex=x", "sex"),
        (PEOPLE, "verification=maybe", "verification"),
        (PEOPLE, "is_synthetic=perhaps", "is_synthetic"),
        (PEOPLE, "ordering=password", "ordering"),
        ("/api/v1/statements/", "kind=tweet", "kind"),
        (TIMELINE, "category=gossip", "category"),
        ("/api/v1/sources/", "kind=rumour", "kind"),
        ("/api/v1/figures/", "counts=everything", "counts"),
    ],
)
def test_an_unknown_choice_is_refused(client, path, query, parameter):
    assert parameter in refused(client, path, query)


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("age_min=-1", "age_min"),
        ("age_max=151", "age_max"),
        ("age_min=old", "age_min"),
        ("born_from=99999", "born_from"),
        ("born_to=1e400", "born_to"),
        ("place=99999999999999999999", "place"),
        ("family=0", "family"),
        ("event=1.5", "event"),
    ],
)
def test_numbers_out_of_range_or_not_whole_are_refused(client, query, parameter):
    assert parameter in refused(client, PEOPLE, query)


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("from=1992-13", "from"),
        ("from=1992-02-30", "from"),
        ("to=yesterday", "to"),
        ("from=0001", "from"),
        ("to=9999-12-31", "to"),
        ("from=1993&to=1992", "to"),
    ],
)
def test_malformed_or_impossible_dates_are_refused(client, query, parameter):
    assert parameter in refused(client, TIMELINE, query)


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("page_size=0", "page_size"),
        ("page_size=201", "page_size"),
        ("page_size=-5", "page_size"),
        ("page_size=ten", "page_size"),
        ("page=0", "page"),
        ("page=two", "page"),
        ("mode=all", "mode"),
        ("cursor=not-a-cursor", "cursor"),
        ("cursor=cD1hYmM%3D", "cursor"),  # a well-formed cursor whose position is not an id
        ("mode=cursor&ordering=age", "ordering"),
        ("mode=cursor&page_size=500", "page_size"),
    ],
)
def test_page_sizes_and_pages_out_of_range_are_refused(client, query, parameter):
    assert parameter in refused(client, PEOPLE, query)


def test_a_page_past_the_last_is_not_found(client):
    PersonFactory()

    assert client.get(PEOPLE, {"page": 2}).status_code == 404


@pytest.mark.parametrize("path", [PEOPLE, SEARCH, "/api/v1/statements/"])
def test_a_ten_thousand_character_query_is_refused_as_too_long(client, path):
    reasons = refused(client, path, "q=" + "a" * 10_000)

    assert "too long" in reasons["q"][0]


def test_search_needs_a_query(client):
    assert "q" in refused(client, SEARCH)
    assert "limit" in refused(client, SEARCH, "q=a&limit=500")


@pytest.mark.parametrize("query", ["q=%20%20", "q=--", "q="])
def test_search_for_blanks_or_punctuation_alone_is_refused(client, query):
    assert "q" in refused(client, SEARCH, query)


@pytest.mark.parametrize("path", [PEOPLE, SEARCH, f"{PEOPLE}1/"])
@pytest.mark.parametrize("query", ["q=%FF%FE", "q=Ma%C8", "%FF=1"])
def test_a_query_string_that_is_not_utf8_is_refused(client, path, query):
    assert "UTF-8" in refused(client, path, query)["detail"]


@pytest.mark.parametrize("path", [PEOPLE, SEARCH, TIMELINE])
@pytest.mark.parametrize("query", ["q=a%00b", "q=%07", "country=%1b[31m", "q=a%C2%85"])
def test_control_characters_are_refused(client, path, query):
    reasons = refused(client, path, query)

    assert "Control characters" in next(iter(reasons.values()))[0]


def test_an_unknown_language_is_refused(client):
    assert "lang" in refused(client, PEOPLE, "lang=klingon")


@pytest.mark.parametrize(
    "path",
    [
        f"{PEOPLE}99999999999999999999999/",
        f"{PEOPLE}-1/",
        "/api/v1/events/no%00such/",
        "/api/v1/events/a.b/",
        f"{TIMELINE}{'x' * 300}/",
    ],
)
def test_an_address_that_names_no_record_is_not_found(client, path):
    assert client.get(path).status_code == 404


def test_an_unknown_parameter_is_refused_naming_those_accepted(client):
    PersonFactory()

    reasons = refused(client, PEOPLE, "colour=blue")

    assert "Unknown parameter" in reasons["colour"][0]
    assert "fate, format, is_synthetic" in reasons["colour"][0]


def test_an_unknown_api_address_answers_a_json_404(client):
    response = client.get("/api/v1/people/abc/")

    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


def test_an_address_without_its_final_slash_is_redirected(client):
    response = client.get("/api/v1/people")

    assert response.status_code == 301
    assert response["Location"] == "/api/v1/people/"


def test_the_api_address_leads_to_the_current_version(client):
    response = client.get("/api/")

    assert response.status_code == 302
    assert response["Location"] == "/api/v1/"
