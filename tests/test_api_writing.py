"""How the API writes what it shows: records as DRF's own serializers would write them, and
counts that follow every publish, unpublish and change at once."""

import pytest
from rest_framework import serializers

from archive.api import serializers as api
from archive.models import Person
from tests.api_data import archive_of, restricted_person
from tests.factories import PersonFactory

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

    monkeypatch.setattr(
        api.RecordSerializer, "to_representation", serializers.ModelSerializer.to_representation
    )
    by_drf = bodies(client, addresses)

    assert planned == by_drf
    assert b"Testimony 0" in planned[f"/api/v1/people/{people[0].pk}/"]


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
