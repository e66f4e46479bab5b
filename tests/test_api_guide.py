"""The guide to the API, at /api/docs/ and in the OpenAPI description: what a newcomer needs,
readable without JavaScript, with every parameter and choice described and examples that run."""

import contextlib
import io
import re
import shlex

import pytest

from archive.api import guide
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

SECTIONS = [
    "Quick start",
    "Records",
    "Dates as precise as they are known",
    "Synthetic records",
    "Figures and their attribution",
    "Languages and fallbacks",
    "What is public, and why hidden and missing look the same",
    "Formats",
    "Pages and cursors",
    "Incremental sync",
    "Errors",
    "Rate limits",
    "Caching",
    "Licence and citing",
    "Versioning and deprecation",
    "Changelog",
]


def test_the_docs_page_holds_the_whole_guide_without_javascript(client):
    html = client.get("/api/docs/").content.decode()
    text = re.sub(r"<script.*?</script>", "", html, flags=re.S)

    for section in SECTIONS:
        assert re.search(rf"<h[23]>{re.escape(section)}</h[23]>", text), section
    assert '<html lang="en">' in html
    assert 'href="/api/schema/' in html


def test_the_schema_describes_the_api_with_the_same_guide(client):
    response = client.get("/api/schema/", {"format": "json"})
    info = response.json()["info"]

    assert info["description"] == guide.markdown(response.wsgi_request)
    assert info["license"] == {
        "name": "CC BY 4.0",
        "url": "https://creativecommons.org/licenses/by/4.0/",
    }
    for section in SECTIONS:
        assert re.search(rf"^#+ {re.escape(section)}$", info["description"], re.M), section


def test_the_guide_states_the_configured_rate_limit_and_licence(client, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "7/minute"},
    }
    settings.DATA_LICENCE_NAME = "ODbL 1.0"
    html = client.get("/api/docs/").content.decode()

    assert "7/minute requests" in html
    assert "ODbL 1.0" in html


def test_every_parameter_and_every_choice_is_described(client):
    schema = client.get("/api/schema/", {"format": "json"}).json()

    for path, item in schema["paths"].items():
        for parameter in item["get"]["parameters"]:
            assert parameter.get("description"), (path, parameter["name"])
            values = parameter["schema"].get("enum") or parameter["schema"].get("items", {}).get(
                "enum", []
            )
            for value in values:
                if parameter["name"] not in ("lang", "format", "mode", "type"):
                    assert f"`{value}`" in parameter["description"], (path, value)
    for name, component in schema["components"]["schemas"].items():
        for value in component.get("enum", []):
            assert f"`{value}`" in component["description"], (name, value)


def curl_examples() -> list[list[str]]:
    commands = re.findall(r"^curl .*$", guide.markdown(), flags=re.M)
    assert len(commands) >= 4
    return [shlex.split(command) for command in commands]


def test_every_curl_example_answers(client, demo):
    PersonFactory(family_name="Mammadov")
    for command in curl_examples():
        address = next(word for word in command if word.startswith("http"))
        headers = {}
        if "-H" in command:
            name, value = command[command.index("-H") + 1].split(": ", 1)
            headers[name.lower()] = value
        response = client.get(address.removeprefix(guide.DEVELOPMENT_BASE), headers=headers)

        assert response.status_code == 200, command
        assert response["Content-Type"].split(";")[0] == headers.get(
            "accept", "text/csv" if "format=csv" in address else "application/json"
        )


# Serialized rollback: the live server needs committed rows, and the locales the migrations made
# must survive the flush, for this test and the next (a flush without it makes fresh content types
# that a later serialized-rollback test collides with).
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_python_example_reads_a_whole_list(live_server, settings, monkeypatch):
    settings.ALLOWED_HOSTS = ["*"]
    for number in range(3):
        PersonFactory(family_name=f"Pythonova{number}")
    (example,) = re.findall(r"```python\n(.*?)```", guide.markdown(), flags=re.S)
    monkeypatch.setenv("ARCHIVE_API", f"{live_server.url}/api/v1/")
    output = io.StringIO()

    with contextlib.redirect_stdout(output):
        exec(compile(example, "guide.md", "exec"), {})  # noqa: S102 - the guide's own example

    lines = output.getvalue().splitlines()
    assert len(lines) == 3
    assert all(f"{live_server.url}/en/people/" in line for line in lines)
