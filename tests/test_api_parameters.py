"""Strict parameters: every endpoint answers an unknown query parameter with 400, naming exactly
the parameters its OpenAPI description documents, so that a misspelt filter never answers the
whole list as if it had been applied."""

import re

import pytest

from archive.models import Event, Person, StatementPage, TimelineEntry
from tests.api_data import archive_of

pytestmark = pytest.mark.django_db


def operations(client) -> dict[str, set[str]]:
    """Each address of the schema, made concrete, with the query parameters it documents."""
    schema = client.get("/api/schema/", {"format": "json"}).json()
    examples = {
        "{id}": str(Person.objects.first().pk),
        "{slug}": Event.objects.first().slug,
        "{public_id}": Person.objects.first().shown_public_id,
    }
    found = {}
    for path, item in schema["paths"].items():
        address = path
        for placeholder, value in examples.items():
            address = address.replace(placeholder, value)
        if "/statements/" in path or "/timeline/" in path:
            model = StatementPage if "/statements/" in path else TimelineEntry
            record = model.objects.filter(live=True).exclude(slug="").first()
            address = path.replace("{id}", str(record.pk)).replace("{slug}", record.slug)
        documented = {p["name"] for p in item["get"]["parameters"] if p["in"] == "query"}
        found[address] = documented
    return found


def accepted(response) -> set[str]:
    assert response.status_code == 400, response.content[:300]
    (reasons,) = response.json().values()
    listed = re.search(r"accepts: (.*)\.$", reasons[0]).group(1)
    return set(listed.split(", "))


def test_every_endpoint_refuses_an_unknown_parameter_naming_those_it_documents(client, demo):
    archive_of(1, event=Event.objects.get(slug="khojaly-massacre"))
    found = operations(client)
    assert len(found) == 28

    for address, documented in found.items():
        response = client.get(address, {"colour": "blue"})

        assert accepted(response) == documented, address
        assert "Unknown parameter" in response.json()["colour"][0]


@pytest.mark.parametrize(
    "name",
    ["people", "families", "statements", "timeline", "sources", "figures", "events", "places"],
)
def test_search_is_not_an_alias_of_q_and_says_so(client, name):
    response = client.get(f"/api/v1/{name}/", {"search": "Khojaly"})

    assert "q" in accepted(response)
    assert response.json()["search"][0].startswith("Unknown parameter: use q.")


@pytest.mark.parametrize(
    ("query", "instead"),
    [
        ({"age": "child"}, "age_min, age_max"),
        ({"updated_since": "2026-01-01"}, "changed_since"),
        ({"modified_since": "2026-01-01"}, "changed_since"),
    ],
)
def test_names_from_elsewhere_are_answered_with_the_one_meant(client, query, instead):
    response = client.get("/api/v1/people/", query)

    (reasons,) = response.json().values()
    assert response.status_code == 400
    assert reasons[0].startswith(f"Unknown parameter: use {instead}.")


def test_a_hint_is_given_only_where_the_parameter_it_names_is_accepted(client):
    response = client.get("/api/v1/search/", {"page_size": "5", "q": "x"})

    assert response.json()["page_size"][0].startswith("Unknown parameter. ")
