"""The API in the reader's language: each record and every record it names (place, event,
source, statement, family, person) in its version in that language where it has a public one,
a ``fallback`` field where it has none, and JSON-LD that says which language its text is in."""

import pytest
from django.core.cache import cache
from rest_framework import serializers
from wagtail.models import Locale

from archive.api import serializers as api
from tests.api_data import family_of, translated
from tests.factories import EventFactory, PersonFactory, PlaceFactory, SourceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def azerbaijani(db):
    return Locale.objects.get_or_create(language_code="az")[0]


@pytest.fixture
def person(azerbaijani):
    khojaly = PlaceFactory(name="Khojaly")
    translated(khojaly, azerbaijani, name="Xocalı")
    source = SourceFactory(title="A report")
    translated(source, azerbaijani, title="Hesabat")
    person = PersonFactory(residence=khojaly, event=EventFactory(name="The event"))
    person.sources.add(source)
    person.save()
    return person


@pytest.mark.parametrize(
    ("query", "headers"), [({"lang": "az"}, {}), ({}, {"accept-language": "az"})]
)
def test_records_named_come_in_the_readers_language_with_their_fallbacks(
    client, person, query, headers
):
    record = client.get(f"/api/v1/people/{person.pk}/", query, headers=headers).json()

    assert record["residence"]["name"] == "Xocalı"
    assert record["residence"]["fallback"] is False
    assert record["sources"][0]["title"] == "Hesabat"
    assert record["event"] == record["event"] | {"name": "The event", "fallback": True}
    assert record["fallback"] is True and record["locale"] == "en"


def test_in_english_the_originals_are_named(client, person):
    record = client.get(f"/api/v1/people/{person.pk}/").json()

    assert record["residence"]["name"] == "Khojaly"
    assert record["sources"][0]["title"] == "A report"
    assert record["fallback"] is False and record["residence"]["fallback"] is False


def test_a_named_record_links_to_its_version_in_the_language(client, person):
    record = client.get(f"/api/v1/people/{person.pk}/", {"lang": "az"}).json()
    place = client.get(record["residence"]["url"], {"lang": "az"}).json()

    assert place["name"] == "Xocalı"
    assert place["id"] == record["residence"]["id"]


def test_a_version_that_is_not_public_is_never_named(client, azerbaijani):
    member = PersonFactory(family_name="Originalova")
    translated(member, azerbaijani, family_name="Qaralama", live=False)  # a draft
    family = family_of([member])

    record = client.get(f"/api/v1/families/{family.pk}/", {"lang": "az"}).json()

    assert record["members"][0]["person"]["name"].endswith("Originalova")
    assert record["members"][0]["person"]["fallback"] is True


def test_json_ld_says_the_language_of_the_text(client, person, azerbaijani):
    translated(person, azerbaijani, family_name="Tərcümə", live=True)

    listed = client.get("/api/v1/people/", {"lang": "az", "format": "jsonld"}).json()
    original = client.get(f"/api/v1/places/{person.residence_id}/", {"format": "jsonld"}).json()
    fallback = client.get(
        f"/api/v1/events/{person.event_id}/", {"lang": "az", "format": "jsonld"}
    ).json()

    assert listed["@context"] == ["https://schema.org", {"@language": "az"}]
    assert "@context" not in listed["itemListElement"][0]["item"]  # the translation
    assert original["@context"] == ["https://schema.org", {"@language": "en"}]
    assert fallback["@context"] == ["https://schema.org", {"@language": "en"}]


def test_named_records_are_written_in_the_language_as_drfs_own_serializers_write_them(
    client, person, monkeypatch
):
    address = f"/api/v1/people/{person.pk}/?lang=az"
    planned = client.get(address).content

    cache.clear()
    monkeypatch.setattr(
        api.RecordSerializer, "to_representation", serializers.ModelSerializer.to_representation
    )
    by_drf = client.get(address).content

    assert planned == by_drf
    assert "Xocalı".encode() in planned
