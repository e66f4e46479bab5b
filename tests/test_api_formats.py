"""CSV exports and schema.org JSON-LD."""

import csv
import gc
import io
import json

import pytest
from django.http import StreamingHttpResponse
from wagtail.models import Locale

from archive.api.renderers import CHUNK_SIZE
from archive.api.views import ArchiveViewSet, PersonViewSet
from archive.demo import generate_synthetic_people
from archive.models import Person
from tests.factories import EventFactory, PersonFactory, PlaceFactory

pytestmark = pytest.mark.django_db

PEOPLE = "/api/v1/people/"


def csv_rows(response) -> list[dict]:
    assert response.status_code == 200, response
    assert isinstance(response, StreamingHttpResponse)
    text = b"".join(response.streaming_content).decode("utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_export_has_every_matching_record_without_pages(client):
    PersonFactory.create_batch(60, fate=Person.Fate.KILLED)
    PersonFactory(fate=Person.Fate.SURVIVED)

    rows = csv_rows(client.get(PEOPLE, {"format": "csv", "fate": "killed", "page_size": 5}))

    assert len(rows) == 60
    assert {row["fate"] for row in rows} == {"killed"}


def test_csv_is_also_chosen_by_the_accept_header(client):
    PersonFactory()

    response = client.get(PEOPLE, headers={"accept": "text/csv"})

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="people.csv"' in response["Content-Disposition"]
    assert len(csv_rows(response)) == 1


def test_csv_names_linked_records_and_gives_their_ids(client):
    khojaly = PlaceFactory(name="Khojaly")
    PersonFactory(residence=khojaly, family_name="Testov", is_synthetic=True)

    row = csv_rows(client.get(PEOPLE, {"format": "csv"}))[0]

    assert (row["residence"], row["residence_id"]) == ("Khojaly", str(khojaly.pk))
    assert row["is_synthetic"] == "true"
    assert row["family_name"] == "Testov"


@pytest.mark.parametrize("formula", ["=HYPERLINK(1)", "+1", "-1+2", "@SUM(A1)"])
def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised(client, formula):
    PersonFactory(family_name=formula)

    row = csv_rows(client.get(PEOPLE, {"format": "csv"}))[0]

    assert row["family_name"] == f"'{formula}"


def test_an_empty_csv_export_still_has_its_header(client):
    response = client.get(PEOPLE, {"format": "csv"})
    text = b"".join(response.streaming_content).decode()

    assert text.startswith("id,public_id,url,page_url,permalink,fallback,is_synthetic,name,")
    assert text.count("\n") == 1


def test_csv_is_offered_for_lists_only(client):
    person = PersonFactory()

    response = client.get(f"{PEOPLE}{person.pk}/", headers={"accept": "text/csv"})

    assert response.status_code == 406
    assert response["Content-Type"] == "application/json"


def test_errors_are_json_even_when_csv_was_asked_for(client):
    response = client.get(PEOPLE, {"format": "csv", "fate": "zombie"})

    assert response.status_code == 400
    assert "fate" in response.json()


def test_a_serialized_csv_export_holds_one_chunk_of_records_at_a_time(client, monkeypatch):
    # Every list but people's (tests/test_api_people_csv.py) writes its CSV so; shown on people.
    monkeypatch.setattr(PersonViewSet, "csv_lines", ArchiveViewSet.csv_lines)
    generate_synthetic_people(4 * CHUNK_SIZE, EventFactory(), PlaceFactory())
    response = client.get(PEOPLE, {"format": "csv"})
    most_alive = 0

    for number, _line in enumerate(response.streaming_content):
        if number % 100 == 50:
            gc.collect()
            alive = sum(type(thing) is Person for thing in gc.get_objects())
            most_alive = max(most_alive, alive)

    assert number == 4 * CHUNK_SIZE  # the header, then every record
    assert 0 < most_alive <= CHUNK_SIZE


# JSON-LD


def test_a_person_is_a_schema_org_person_with_death_date_and_place(client):
    khojaly = PlaceFactory(name="Khojaly")
    person = PersonFactory(fate_place=khojaly, family_name="Testov", given_name="Synthetic")

    response = client.get(f"{PEOPLE}{person.pk}/", headers={"accept": "application/ld+json"})
    data = json.loads(response.content)

    assert response["Content-Type"] == "application/ld+json"
    assert data["@context"] == ["https://schema.org", {"@language": "en"}]
    assert data["@type"] == "Person"
    assert data["@id"] == data["url"] == f"http://testserver/en/people/{person.pk}/"
    assert data["sameAs"] == f"http://testserver{PEOPLE}{person.pk}/"
    assert data["familyName"] == "Testov"
    assert data["deathDate"] == "1992-02-26"
    assert data["deathPlace"]["name"] == "Khojaly"
    assert data["additionalProperty"] == {
        "@type": "PropertyValue",
        "propertyID": "is_synthetic",
        "value": True,
    }
    assert "describes no real person" in data["disambiguatingDescription"]


def test_a_survivor_has_no_death_date(client):
    person = PersonFactory(fate=Person.Fate.SURVIVED)

    data = client.get(f"{PEOPLE}{person.pk}/", {"format": "jsonld"}).json()

    assert "deathDate" not in data


def test_a_list_is_an_item_list(client):
    PersonFactory.create_batch(3)

    data = json.loads(client.get(PEOPLE, {"format": "jsonld", "page_size": 2}).content)

    assert data["@type"] == "ItemList"
    assert data["numberOfItems"] == 3
    assert [item["position"] for item in data["itemListElement"]] == [1, 2]
    assert {item["item"]["@type"] for item in data["itemListElement"]} == {"Person"}


def test_statements_are_creative_works_and_events_are_events(client, demo):
    statement = json.loads(client.get("/api/v1/statements/?format=jsonld").content)
    event = json.loads(client.get("/api/v1/events/khojaly-massacre/?format=jsonld").content)
    figure = json.loads(client.get("/api/v1/figures/?format=jsonld").content)

    work = statement["itemListElement"][0]["item"]
    assert work["@type"] == "CreativeWork"
    assert work["author"]["name"] == "Ministry of Foreign Affairs of the Republic of Türkiye"
    assert work["dateCreated"] == "2026-02-26"
    assert event["@type"] == "Event"
    assert event["startDate"] == "1992-02-26"
    assert event["location"]["name"] == "Khojaly"
    claim = figure["itemListElement"][0]["item"]
    assert (claim["@type"], claim["creditText"]) == ("Claim", "Azerbaijani figures")


def test_jsonld_uses_the_requested_language(client):
    person = PersonFactory(occupation="teacher")
    translation = person.copy_for_translation(Locale.objects.create(language_code="tr"))
    translation.occupation = "öğretmen"
    translation.live = True
    translation.save()

    data = client.get(f"{PEOPLE}{person.pk}/", {"format": "jsonld", "lang": "tr"}).json()

    assert data["hasOccupation"]["name"] == "öğretmen"
