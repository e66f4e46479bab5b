"""The OpenAPI schema and the documentation that reads it, with no internet."""

import re

import pytest
import yaml
from django.contrib.staticfiles import finders
from django.core.management import call_command

pytestmark = pytest.mark.django_db

OPERATIONS = {
    "/api/v1/",
    "/api/v1/search/",
    "/api/v1/deletions/",
    *(f"/api/v1/{name}/" for name in ("people", "families", "sources", "figures", "places")),
    *(f"/api/v1/{name}/{{id}}/" for name in ("people", "families", "sources", "figures", "places")),
    "/api/v1/contributions/",
    "/api/v1/contributions/{id}/",
    *(f"/api/v1/{name}/" for name in ("statements", "timeline", "events")),
    *(f"/api/v1/{name}/{{id}}/" for name in ("statements", "timeline", "events")),
    *(f"/api/v1/{name}/{{slug}}/" for name in ("statements", "timeline", "events")),
    "/api/v1/people/{public_id}/",
    *(f"/api/v1/{name}/{{id}}/changes/" for name in ("people", "statements", "timeline")),
}


def test_the_schema_describes_every_endpoint_and_nothing_else(client):
    response = client.get("/api/schema/", {"format": "json"})
    schema = response.json()

    assert schema["openapi"].startswith("3.")
    assert set(schema["paths"]) == OPERATIONS
    assert all(set(path_item) == {"get"} for path_item in schema["paths"].values())


def test_the_schema_documents_filters_bounds_and_errors(client):
    schema = yaml.safe_load(client.get("/api/schema/").content)
    people = schema["paths"]["/api/v1/people/"]["get"]
    parameters = {parameter["name"]: parameter for parameter in people["parameters"]}

    assert parameters["fate"]["schema"]["enum"][0] == "captive"
    assert parameters["page_size"]["schema"]["maximum"] == 200
    assert parameters["q"]["schema"]["maxLength"] == 200
    assert parameters["lang"]["schema"]["enum"] == ["az", "en", "ru", "tr"]
    assert set(people["responses"]) == {"200", "400", "404", "406", "429", "503"}
    assert set(people["responses"]["200"]["content"]) == {
        "application/json",
        "application/ld+json",
        "text/csv",
    }
    assert "Remembrance records" in people["description"]


def test_the_schema_generates_without_warnings(tmp_path):
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", tmp_path / "s.yaml")

    assert (tmp_path / "s.yaml").read_text().startswith("openapi: 3")


def test_the_docs_load_nothing_from_another_site(client):
    html = client.get("/api/docs/").content.decode()
    # What the page loads (scripts, style sheets, icons), not the links a reader may follow.
    addresses = re.findall(r'<(?:script|link|img)\b[^>]*\b(?:src|href)="([^"]+)"', html)
    static = [address for address in addresses if address.startswith("/static/")]

    assert addresses
    assert all(address.startswith("/") and not address.startswith("//") for address in addresses)
    assert "<script>" not in html  # the site's Content-Security-Policy forbids inline script
    for address in static:
        assert finders.find(address.removeprefix("/static/")), address
    script = next(address for address in addresses if "script" in address)
    response = client.get(script)
    assert response.status_code == 200
    assert "SwaggerUIBundle" in response.content.decode()
    assert "/api/schema/" in response.content.decode()
