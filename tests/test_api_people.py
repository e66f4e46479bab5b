"""The people endpoints: only published, public records, every filter, and translations."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Locale

from archive.models import Person, Precision
from tests.api_data import family_of, restricted_person
from tests.factories import EventFactory, PersonFactory, PlaceFactory, SourceFactory

pytestmark = pytest.mark.django_db

PEOPLE = "/api/v1/people/"


def names(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [person["family_name"] for person in response.json()["results"]]


def test_list_shows_published_public_people_only(client):
    PersonFactory(family_name="Public")
    PersonFactory(family_name="Draft", live=False)
    restricted_person(family_name="Restricted")

    response = client.get(PEOPLE)

    assert names(response) == ["Public"]
    assert response.json()["count"] == 1


def test_draft_person_answers_404_exactly_like_a_missing_one(client):
    draft = PersonFactory(live=False)
    restricted = restricted_person()
    missing = client.get(f"{PEOPLE}999999/")

    for hidden in (draft, restricted):
        response = client.get(f"{PEOPLE}{hidden.pk}/")
        assert response.status_code == 404
        assert response.content == missing.content


def test_restricted_person_is_absent_from_search_csv_jsonld_and_families(client):
    restricted = restricted_person(family_name="Hidden")
    visible = PersonFactory(family_name="Shown")
    family_of([restricted, visible])

    search = client.get("/api/v1/search/", {"q": "Hidden"}).json()
    csv = b"".join(client.get(PEOPLE, {"format": "csv"}).streaming_content).decode()
    jsonld = client.get(PEOPLE, {"format": "jsonld"}).content.decode()
    family = client.get("/api/v1/families/").json()["results"][0]

    assert search["groups"][0]["results"] == []
    assert "Hidden" not in csv and "Shown" in csv
    assert "Hidden" not in jsonld
    assert [member["person"]["id"] for member in family["members"]] == [visible.pk]


def test_unpublished_changes_of_a_published_person_are_not_shown(client):
    person = PersonFactory(family_name="Published")
    person.family_name = "Unpublished draft"
    person.save_revision()

    detail = client.get(f"{PEOPLE}{person.pk}/").json()

    assert detail["family_name"] == "Published"


def test_synthetic_records_say_so_in_lists_details_and_summaries(client):
    person = PersonFactory()
    family_of([person])

    listed = client.get(PEOPLE).json()["results"][0]
    detail = client.get(f"{PEOPLE}{person.pk}/").json()
    member = client.get("/api/v1/families/").json()["results"][0]["members"][0]

    assert listed["is_synthetic"] is detail["is_synthetic"] is True
    assert member["person"]["is_synthetic"] is True


def test_a_real_record_is_not_flagged_synthetic(client):
    PersonFactory(is_synthetic=False)

    assert client.get(PEOPLE).json()["results"][0]["is_synthetic"] is False


def test_related_records_are_linked_by_url_and_summarised(client):
    khojaly = PlaceFactory(name="Khojaly")
    event = EventFactory(name="Khojaly Massacre")
    source = SourceFactory(title="A report")
    person = PersonFactory(residence=khojaly, fate_place=khojaly, event=event)
    person.sources.add(source)
    person.save()
    family = family_of([person], name="The Testov family")

    record = client.get(f"{PEOPLE}{person.pk}/").json()

    assert record["residence"] == {
        "id": khojaly.pk,
        "name": "Khojaly",
        "url": f"http://testserver/api/v1/places/{khojaly.pk}/",
        "page_url": f"http://testserver/en/places/{khojaly.pk}/",
        "fallback": False,
    }
    assert record["event"]["name"] == "Khojaly Massacre"
    assert record["sources"][0]["title"] == "A report"
    assert record["families"][0]["family"]["name"] == "The Testov family"
    for url in (record["event"]["url"], record["sources"][0]["url"]):
        assert client.get(url).status_code == 200
    assert client.get(record["families"][0]["family"]["url"]).json()["id"] == family.pk


def test_dates_keep_their_precision(client):
    person = PersonFactory(born=datetime.date(1950, 1, 1), born_precision=Precision.YEAR)

    born = client.get(f"{PEOPLE}{person.pk}/").json()["born"]

    assert born == {
        "value": "1950",
        "precision": "year",
        "earliest": "1950-01-01",
        "latest": "1950-12-31",
        "approximate": False,
        "display": "1950",
    }


def test_an_approximate_date_says_so_and_keeps_its_period(client):
    person = PersonFactory(
        born=datetime.date(1950, 1, 1), born_precision=Precision.YEAR, born_approximate=True
    )

    born = client.get(f"{PEOPLE}{person.pk}/", {"lang": "ru"}).json()["born"]

    assert born == {
        "value": "1950",
        "precision": "year",
        "earliest": "1950-01-01",
        "latest": "1950-12-31",
        "approximate": True,
        "display": "ок. 1950",
    }


def test_no_user_account_or_email_address_appears_anywhere(client):
    get_user_model().objects.create_user("editor1", "editor1@example.org", "pw")
    person = PersonFactory()
    person.save_revision(user=get_user_model().objects.get()).publish()

    bodies = [client.get(PEOPLE).content, client.get(f"{PEOPLE}{person.pk}/").content]

    for body in bodies:
        assert b"editor1" not in body
        assert b"@example.org" not in body


def test_biography_is_shown_on_the_detail_as_html(client):
    person = PersonFactory(biography="<p>A <b>short</b> note.</p>")

    detail = client.get(f"{PEOPLE}{person.pk}/").json()

    assert detail["biography"] == "<p>A <b>short</b> note.</p>"


@pytest.mark.parametrize(
    ("parameters", "expected"),
    [
        ({"fate": "missing"}, ["Missing"]),
        ({"sex": "female"}, ["Female"]),
        ({"verification": "corroborated"}, ["Corroborated"]),
        ({"age_min": 60}, ["Elderly"]),
        ({"age_max": 17}, ["Child"]),
        ({"age_min": 10, "age_max": 70}, ["Elderly"]),
        ({"is_synthetic": "false"}, ["Real"]),
    ],
)
def test_people_filter_by_their_fields(client, parameters, expected):
    PersonFactory(family_name="Missing", fate=Person.Fate.MISSING)
    PersonFactory(family_name="Female", sex=Person.Sex.FEMALE)
    PersonFactory(family_name="Corroborated", verification=Person.Verification.CORROBORATED)
    PersonFactory(family_name="Elderly", stated_age=65)
    PersonFactory(family_name="Child", stated_age=9)
    PersonFactory(family_name="Real", is_synthetic=False)

    assert names(client.get(PEOPLE, parameters)) == expected


def test_birth_year_range_honours_the_precision_of_the_birth_date(client):
    PersonFactory(family_name="Day", born=datetime.date(1960, 6, 1))
    PersonFactory(family_name="Year", born=datetime.date(1961, 1, 1), born_precision="year")
    PersonFactory(family_name="Decade", born=datetime.date(1950, 1, 1), born_precision="decade")
    PersonFactory(family_name="Later", born=datetime.date(1975, 1, 1))

    assert names(client.get(PEOPLE, {"born_from": 1959, "born_to": 1961})) == [
        "Day",
        "Decade",
        "Year",
    ]
    assert names(client.get(PEOPLE, {"born_to": 1955})) == ["Decade"]


def test_place_filter_matches_birth_residence_or_fate_place(client):
    khojaly = PlaceFactory()
    PersonFactory(family_name="Born", birth_place=khojaly)
    PersonFactory(family_name="Lived", residence=khojaly)
    PersonFactory(family_name="Died", fate_place=khojaly)
    PersonFactory(family_name="Elsewhere", residence=PlaceFactory())

    assert names(client.get(PEOPLE, {"place": khojaly.pk})) == ["Born", "Died", "Lived"]


def test_family_and_event_filters(client):
    event = EventFactory()
    member = PersonFactory(family_name="Member")
    PersonFactory(family_name="Affected", event=event)
    family = family_of([member])

    assert names(client.get(PEOPLE, {"family": family.pk})) == ["Member"]
    assert names(client.get(PEOPLE, {"event": event.pk})) == ["Affected"]


def test_name_search_finds_other_spellings(client):
    PersonFactory(family_name="Məmmədov", given_name="Elçin")
    PersonFactory(family_name="Əliyev")

    assert names(client.get(PEOPLE, {"q": "Mammadov"})) == ["Məmmədov"]


def test_a_query_without_letters_finds_nobody(client):
    PersonFactory()

    assert names(client.get(PEOPLE, {"q": "!!"})) == []


def test_ordering_by_age_descending(client):
    PersonFactory(family_name="Young", stated_age=20)
    PersonFactory(family_name="Old", stated_age=80)

    assert names(client.get(PEOPLE, {"ordering": "-age"})) == ["Old", "Young"]


def test_numbered_pages_and_a_cursor_crawl_reach_every_person_once(client):
    people = PersonFactory.create_batch(7)

    page = client.get(PEOPLE, {"page_size": 3, "page": 3}).json()
    seen, url = [], f"{PEOPLE}?mode=cursor&page_size=3"
    while url:
        body = client.get(url).json()
        seen += [person["id"] for person in body["results"]]
        url = body["next"]

    assert page["count"] == 7 and len(page["results"]) == 1
    assert seen == sorted(person.pk for person in people)


def test_a_translation_answers_in_its_language_and_the_original_elsewhere(client):
    person = PersonFactory(family_name="Original", occupation="teacher")
    translation = person.copy_for_translation(Locale.objects.create(language_code="az"))
    translation.occupation = "müəllim"
    translation.live = True
    translation.save()

    in_azerbaijani = client.get(PEOPLE, {"lang": "az"}).json()["results"]
    by_header = client.get(f"{PEOPLE}{person.pk}/", headers={"accept-language": "az"}).json()
    in_russian = client.get(PEOPLE, {"lang": "ru"}).json()["results"]

    assert [p["occupation"] for p in in_azerbaijani] == ["müəllim"]
    assert (by_header["occupation"], by_header["locale"]) == ("müəllim", "az")
    assert [p["occupation"] for p in in_russian] == ["teacher"]


def test_a_draft_translation_does_not_hide_the_published_original(client):
    person = PersonFactory(occupation="teacher")
    draft = person.copy_for_translation(Locale.objects.create(language_code="az"))
    draft.live = False
    draft.save()

    listed = client.get(PEOPLE, {"lang": "az"}).json()["results"]
    detail = client.get(f"{PEOPLE}{person.pk}/", {"lang": "az"}).json()

    assert [p["occupation"] for p in listed] == ["teacher"]
    assert detail["locale"] == "en"
