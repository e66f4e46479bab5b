"""How the API writes what it shows: records as DRF's own serializers would write them, and
counts and pages that follow every publish, unpublish and change at once."""

import json

import pytest
from django.core.cache import cache
from rest_framework import renderers, serializers

from archive.api import serializers as api
from archive.models import Person
from tests.api_data import archive_of, restricted_person
from tests.factories import PersonFactory, SourceFactory

pytestmark = pytest.mark.django_db

LISTS = ["people", "families", "statements", "timeline", "sources", "figures", "events", "places"]


def bodies(client, addresses: list[str]) -> dict[str, bytes]:
    answers = {}
    for address in addresses:
        response = client.get(address)
        assert response.status_code == 200, (address, response.content)
        answers[address] = (
            b"".join(response.streaming_content) if response.streaming else response.content
        )
    return answers


def test_records_are_written_exactly_as_drfs_own_serializers_write_them(client, demo, monkeypatch):
    people = archive_of(3)["people"]
    addresses = [
        *(f"/api/v1/{name}/?page_size=200" for name in LISTS),
        *(f"/api/v1/{name}/?format=csv" for name in LISTS),
        f"/api/v1/people/{people[0].pk}/",
        f"/api/v1/people/{people[0].pk}/?format=jsonld",
        "/api/v1/events/khojaly-massacre/",
    ]
    planned = bodies(client, addresses)

    cache.clear()  # no record written by the plan may be served again
    monkeypatch.setattr(
        api.RecordSerializer, "to_representation", serializers.ModelSerializer.to_representation
    )
    by_drf = bodies(client, addresses)

    assert planned == by_drf
    assert b"Testimony 0" in planned[f"/api/v1/people/{people[0].pk}/"]


def test_answers_are_drfs_own_json_of_what_they_hold(client, demo):
    people = archive_of(3)["people"]
    addresses = [
        *(f"/api/v1/{name}/?page_size=200" for name in LISTS),
        f"/api/v1/people/{people[0].pk}/",
        "/api/v1/search/?q=Testov",
    ]

    for address in addresses:
        response = client.get(address)
        assert response.status_code == 200, address
        assert renderers.JSONRenderer().render(response.json()) == response.content, address


def test_an_indented_answer_holds_what_the_compact_one_does(client):
    PersonFactory()
    compact = client.get("/api/v1/people/")

    indented = client.get("/api/v1/people/", HTTP_ACCEPT="application/json; indent=2")

    assert indented.content.startswith(b'{\n  "count": 1,')
    assert json.loads(indented.content) == json.loads(compact.content)


def count(client, address: str = "/api/v1/people/") -> int:
    response = client.get(address)
    assert response.status_code == 200, response.content
    return response.json()["count"]


def test_the_count_follows_a_publish_an_unpublish_and_a_restriction_at_once(client):
    first, second = PersonFactory(), PersonFactory()
    assert count(client) == 2

    first.unpublish()
    assert count(client) == 1

    second.visibility = Person.Visibility.RESTRICTED
    second.save_revision().publish()
    assert count(client) == 0

    first.save_revision().publish()
    assert count(client) == 1


def test_counts_of_a_filtered_list_and_of_another_language_are_their_own(client):
    PersonFactory(fate=Person.Fate.KILLED)
    PersonFactory(fate=Person.Fate.WOUNDED)
    restricted_person(fate=Person.Fate.KILLED)

    assert count(client) == 2
    assert count(client, "/api/v1/people/?fate=killed") == 1
    assert count(client, "/api/v1/people/?fate=killed&lang=az") == 1
    assert count(client, "/api/v1/people/?fate=missing") == 0
    assert count(client, "/api/v1/people/?page=1&page_size=1") == 2


def listed(client, address: str = "/api/v1/people/", **headers) -> list[dict]:
    response = client.get(address, **headers)
    assert response.status_code == 200, response.content
    return response.json()["results"]


def family_names(client, query: str) -> list[str]:
    return [record["family_name"] for record in listed(client, f"/api/v1/people/{query}")]


def test_every_page_of_a_list_follows_a_publish_and_an_unpublish_at_once(client):
    bravo, *_ = (PersonFactory(family_name=name) for name in ("Bravo", "Charlie", "Delta"))
    assert family_names(client, "?page=2&page_size=2") == ["Delta"]

    PersonFactory(family_name="Alpha")
    assert family_names(client, "?page=1&page_size=2") == ["Alpha", "Bravo"]
    assert family_names(client, "?page=2&page_size=2") == ["Charlie", "Delta"]

    bravo.unpublish()
    assert family_names(client, "?page=1&page_size=2") == ["Alpha", "Charlie"]
    assert family_names(client, "?page=2&page_size=2") == ["Delta"]


def test_a_listed_record_shows_an_edit_of_itself_or_of_what_it_names_at_once(client):
    person = PersonFactory(family_name="Before")
    source = SourceFactory(title="Old title")
    person.sources.add(source)
    person.save_revision().publish()
    assert [record["family_name"] for record in listed(client)] == ["Before"]

    person.family_name = "After"
    person.save_revision().publish()
    source.title = "New title"
    source.save()

    (record,) = listed(client)
    assert record["family_name"] == "After"
    assert [cited["title"] for cited in record["sources"]] == ["New title"]


def test_a_listed_record_leaves_the_list_at_once_when_unpublished_or_restricted(client):
    shown, restricted, unpublished = PersonFactory(), PersonFactory(), PersonFactory()
    assert len(listed(client)) == 3

    restricted.visibility = Person.Visibility.RESTRICTED
    restricted.save_revision().publish()
    unpublished.unpublish()

    assert [record["id"] for record in listed(client)] == [shown.pk]
    linked = client.get("/api/v1/people/?format=jsonld").content.decode()
    assert f"/people/{shown.pk}/" in linked
    assert f"/people/{restricted.pk}/" not in linked
    assert f"/people/{unpublished.pk}/" not in linked


def test_listed_records_are_written_for_the_address_and_language_asked(client, settings):
    settings.ALLOWED_HOSTS = ["one.example", "two.example"]
    PersonFactory(fate=Person.Fate.KILLED)

    (one,) = listed(client, HTTP_HOST="one.example")
    (two,) = listed(client, HTTP_HOST="two.example")
    (azerbaijani,) = listed(client, "/api/v1/people/?lang=az", HTTP_HOST="one.example")

    assert one["url"].startswith("http://one.example/")
    assert two["url"].startswith("http://two.example/")
    assert one["fate_label"] == "Killed"
    assert azerbaijani["fate_label"] == "Öldürülüb"
