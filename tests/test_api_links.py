"""Links that work anywhere: every record carries its address in the API and its public page's,
built from the host the request named or the configured public address, never the Wagtail
site's hostname (``localhost``); JSON-LD names each record by its page."""

import json
import re
from urllib.parse import urlsplit

import pytest
from django.test import RequestFactory
from django.utils import translation

from archive.api.links import PageAddresses
from archive.demo import load_demo
from archive.models import Event, Family, Person, Place, TimelineEntry
from tests.api_data import archive_of
from tests.shared_rows import shared

pytestmark = pytest.mark.django_db

LISTS = ["people", "families", "statements", "timeline", "sources", "figures", "events", "places"]
HOST = "archive.example.org"


def addresses(value) -> list[str]:
    """Every absolute address in an answer, at any depth."""
    text = json.dumps(value)
    return re.findall(r'"(https?://[^"]+)"', text)


@pytest.fixture(scope="module")
def _archive_rows(module_rows):
    """Made once for the module's tests, which only read it (tests/conftest.py)."""
    with module_rows():
        load_demo(languages=["en"])
        return archive_of(2, event=Event.objects.get(slug="khojaly-massacre"))


@pytest.fixture
def archive(db, _archive_rows):
    return shared(_archive_rows)


@pytest.fixture
def other_host(settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, HOST]


def test_every_address_in_every_list_is_on_the_host_the_request_named(client, archive, other_host):
    for name in LISTS:
        body = client.get(f"/api/v1/{name}/", {"page_size": 200}, HTTP_HOST=HOST).json()
        found = addresses(body["results"])

        assert found, name
        assert {urlsplit(address).netloc for address in found} == {HOST}, name
        assert "localhost" not in json.dumps(body)


def test_the_configured_public_address_wins_over_the_requests_host(
    client, archive, settings, other_host
):
    settings.PUBLIC_BASE_URL = "https://memorial.example.org"

    body = client.get("/api/v1/people/", HTTP_HOST=HOST).json()

    assert addresses(body["results"])
    assert all(
        address.startswith("https://memorial.example.org/")
        for address in addresses(body["results"])
    )


@pytest.mark.parametrize("name", LISTS)
def test_every_records_page_is_on_the_public_site(client, archive, name):
    records = client.get(f"/api/v1/{name}/", {"page_size": 200}).json()["results"]
    if name == "events":  # only an event with a home page has a page of its own
        assert {r["slug"] for r in records if r["page_url"]} == {"khojaly-massacre"}
        records = [r for r in records if r["page_url"]]
    for record in records:
        page = urlsplit(record["page_url"])
        response = client.get(page.path)

        assert response.status_code == 200, record["page_url"]
        if page.fragment:
            assert f'id="{page.fragment}"' in response.content.decode(), record["page_url"]


def test_a_place_links_its_page_in_the_answers_language(client, archive):
    records = client.get("/api/v1/places/", {"lang": "az"}).json()["results"]

    assert records
    assert all(
        record["page_url"] == f"http://testserver/az/places/{record['id']}/" for record in records
    )


def test_pages_are_in_the_answers_language(client, archive):
    person = archive["people"][0]

    record = client.get(f"/api/v1/people/{person.pk}/", {"lang": "az"}).json()

    assert record["page_url"] == f"http://testserver/az/people/{person.pk}/"
    assert client.get(urlsplit(record["page_url"]).path).status_code == 200
    # The demo's home page has no Azerbaijani version: the event's page is the original's.
    assert record["event"]["page_url"] == "http://testserver/en/"


def test_relations_carry_both_addresses(client, archive):
    entry = TimelineEntry.objects.filter(live=True, related_people__isnull=False).first()

    record = client.get(f"/api/v1/timeline/{entry.pk}/").json()
    summaries = [
        record["place"],
        record["event"],
        *record["related_statements"],
        *record["related_people"],
        *record["sources"],
    ]

    assert all({"url", "page_url"} <= set(summary) for summary in summaries)
    person = record["related_people"][0]
    assert person["url"] == f"http://testserver/api/v1/people/{person['id']}/"
    assert person["page_url"] == f"http://testserver/en/people/{person['id']}/"


def test_json_ld_names_a_record_by_its_page_and_links_to_the_api(client, archive):
    person = archive["people"][0]

    data = client.get(f"/api/v1/people/{person.pk}/", {"format": "jsonld"}).json()

    assert data["@id"] == data["url"] == f"http://testserver/en/people/{person.pk}/"
    assert data["sameAs"] == f"http://testserver/api/v1/people/{person.pk}/"
    assert data["homeLocation"]["@id"].startswith("http://testserver/en/places/")


def test_page_addresses_are_the_records_own_absolute_urls(archive):
    """The shortcut of PageAddresses (reversing once per kind) gives what Django's reverse()
    gives through each model's get_absolute_url(), in every language."""
    records = [
        *Person.objects.all(),
        *Family.objects.all(),
        *TimelineEntry.objects.all(),
        *Place.objects.all(),
    ]
    for language in ("en", "az", "ru"):
        with translation.override(language):
            pages = PageAddresses(RequestFactory().get("/"))
            assert [pages.path(record) for record in records] == [
                record.get_absolute_url() for record in records
            ]
