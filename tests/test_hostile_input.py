"""Hostile text typed into the admin is stored as text and shown as text: on the person's page,
in listings and search, in the API (JSON and its browsable HTML), and in the timeline."""

import json
from html.parser import HTMLParser

import pytest
from django.core.cache import cache
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from archive.models import Person, TimelineEntry
from tests.admin_forms import person_form


@pytest.fixture
def demo(demo_once):
    """The demo, loaded once for the module: its tests read it, and what one writes is rolled
    back after it (tests/shared_rows.py)."""


RLO = "\u202e"
SCRIPT = '<script>alert("given")</script>'
BREAKOUT = "</script><script>alert('breakout')</script>"
ATTRIBUTE = '"><img src=x onerror=alert(1)>'
SVG = "<svg onload=alert(1)><use href='javascript:alert(2)'/></svg>"
JAVASCRIPT_URL = "javascript:alert(document.domain)"
# A biography as a hostile client could post it, bypassing the editor's own filtering.
BIOGRAPHY = json.dumps(
    {
        "blocks": [
            {
                "key": "a1b2c",
                "type": "unstyled",
                "text": "Click here <script>alert(3)</script>",
                "depth": 0,
                "inlineStyleRanges": [],
                "entityRanges": [{"offset": 0, "length": 10, "key": 0}],
                "data": {},
            }
        ],
        "entityMap": {
            "0": {"type": "LINK", "mutability": "MUTABLE", "data": {"url": JAVASCRIPT_URL}}
        },
    }
)


class Markup(HTMLParser):
    """Everything in a page that could run: script elements, event handler attributes, URLs."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.scripts: list[dict] = []
        self.handlers: list[tuple[str, str]] = []
        self.urls: list[str] = []
        self.tags: set[str] = set()
        self.text: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        attributes = dict(attrs)
        if tag == "script":
            self.scripts.append(attributes)
        self.handlers += [(tag, name) for name in attributes if name.startswith("on")]
        self.urls += [
            (value or "").strip().lower()
            for name, value in attrs
            if name in ("href", "src", "action", "formaction", "xlink:href")
        ]

    def handle_data(self, data):
        self.text.append(data)


def strings(data):
    """Every string anywhere in decoded JSON."""
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict | list):
        for value in data.values() if isinstance(data, dict) else data:
            yield from strings(value)


def assert_inert(html: str):
    page = Markup(html)
    assert all(s.get("type") == "application/ld+json" and "src" not in s for s in page.scripts), (
        page.scripts
    )
    assert not page.handlers
    assert not [url for url in page.urls if url.startswith(("javascript:", "data:text"))]
    assert not page.tags & {"svg", "iframe", "object", "embed"}
    assert RLO not in "".join(page.text)


@pytest.fixture
def hostile_person(client, moderator, demo):
    """A person created and published by a moderator through the admin form."""
    client.force_login(moderator)
    data = {
        **person_form(
            family_name=f"Hostile{ATTRIBUTE}",
            given_name=SCRIPT,
            patronymic=f"Əli{RLO}ovlu",
            name_original=BREAKOUT,
            alternative_spellings=f"{SVG}\n{JAVASCRIPT_URL}",
            occupation=f'<a href="{JAVASCRIPT_URL}">work</a>',
            testimonies=inline_formset(
                [{"text": SCRIPT, "given_by": ATTRIBUTE, "given_on": "", "source": ""}]
            ),
        ),
        "biography": BIOGRAPHY,
        "action-publish": "Publish",
    }
    response = client.post(reverse("wagtailsnippets_archive_person:add"), data)
    assert response.status_code == 302, response.content[:3000]
    client.logout()
    cache.clear()  # the search rate limit must not interfere
    return Person.objects.get(family_name__startswith="Hostile")


@pytest.mark.django_db
def test_hostile_person_is_stored_as_typed_less_direction_overrides(hostile_person):
    assert hostile_person.live
    assert hostile_person.given_name == SCRIPT
    assert hostile_person.name_original == BREAKOUT
    assert hostile_person.patronymic == "Əliovlu"
    assert "javascript:" not in hostile_person.biography


@pytest.mark.django_db
def test_person_page_shows_hostile_text_as_text(client, hostile_person):
    response = client.get(f"/en/people/{hostile_person.pk}/")
    html = response.content.decode()

    assert response.status_code == 200
    assert "&lt;script&gt;alert(&quot;given&quot;)&lt;/script&gt;" in html
    assert_inert(html)


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["Hostile", "Əliovlu", "script"])
def test_listing_and_search_show_hostile_names_as_text(client, hostile_person, query):
    for url in ("/en/people/", "/en/search/"):
        response = client.get(url, {"q": query})
        html = response.content.decode()
        assert response.status_code == 200, url
        # Found, so that what is checked for being inert is the hostile record itself.
        assert f"/en/people/{hostile_person.pk}/" in html, (url, query)
        assert_inert(html)


@pytest.mark.django_db
def test_api_returns_hostile_text_as_data_and_never_as_html(client, hostile_person):
    response = client.get(f"/api/v1/people/{hostile_person.pk}/")
    record = response.json()

    assert response["Content-Type"].startswith("application/")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert any(SCRIPT in text for text in strings(record))
    assert_inert(record["biography"])


@pytest.mark.django_db
def test_api_never_answers_with_html_even_when_asked(client, hostile_person):
    response = client.get(f"/api/v1/people/{hostile_person.pk}/", headers={"Accept": "text/html"})

    assert not response["Content-Type"].startswith("text/html")


@pytest.mark.django_db
def test_overlong_names_get_a_form_error_and_nothing_is_stored(editor_client):
    response = editor_client.post(
        reverse("wagtailsnippets_archive_person:add"),
        {**person_form(family_name="X" * 100_000), "action-submit": "Submit"},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["family_name"]
    assert not Person.objects.filter(family_name__startswith="XXX").exists()


@pytest.mark.django_db
def test_hostile_timeline_entry_is_shown_as_text(client, moderator, demo):
    client.force_login(moderator)
    data = nested_form_data(
        {
            "title": SCRIPT,
            "slug": "hostile-entry",
            "media": inline_formset([]),
            "start": "1992-02-26",
            "start_precision": "day",
            "end": "",
            "end_precision": "day",
            "category": "event",
            "summary": f"{BREAKOUT}{ATTRIBUTE}",
            "body": rich_text(f'<p><a href="{JAVASCRIPT_URL}">link</a>{SVG}</p>'),
        }
    )
    response = client.post(
        reverse("wagtailsnippets_archive_timelineentry:add"),
        {**data, "action-publish": "Publish"},
    )
    assert response.status_code == 302, response.content[:3000]
    assert TimelineEntry.objects.get(slug="hostile-entry").live
    client.logout()

    page = client.get("/en/timeline/")
    api = client.get("/api/v1/timeline/")

    assert page.status_code == 200
    assert "&lt;script&gt;" in page.content.decode()
    assert_inert(page.content.decode())
    assert api.status_code == 200
    assert any(SCRIPT in text for text in strings(api.json()))


@pytest.mark.django_db
@pytest.mark.parametrize(
    "pk", ["9223372036854775807", "9223372036854775808", "99999999999999999999"]
)
def test_an_id_beyond_any_column_is_not_found(client, pk):
    assert client.get(f"/en/people/{pk}/").status_code == 404


@pytest.mark.django_db
def test_a_static_address_climbing_out_of_the_static_files_is_refused_under_runserver(settings):
    from django.core.handlers.wsgi import WSGIHandler
    from django.test import RequestFactory

    from archive.management.commands.runserver import CheckedStaticFilesHandler

    settings.DEBUG = True
    environ = RequestFactory().get("/static/../manage.py").environ
    statuses = []
    CheckedStaticFilesHandler(WSGIHandler())(
        environ, lambda status, headers: statuses.append(status)
    )

    assert statuses == ["400 Bad Request"]
