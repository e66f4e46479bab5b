"""Every public page renders, in its language, with the content it exists to show."""

import datetime
import json
import re

import pytest
from django.template.loader import render_to_string

from archive.models import Person
from tests.factories import DocumentedPersonFactory, PersonFactory, TimelineEntryFactory


@pytest.fixture
def demo(demo_once):
    """The demo, loaded once for the module: its tests read it, and what one writes is rolled
    back after it (tests/shared_rows.py)."""


def jsonld(response) -> dict:
    """The page's schema.org JSON-LD, parsed."""
    match = re.search(
        r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.S
    )
    assert match, "the page has no JSON-LD"
    return json.loads(match.group(1))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/en/", "Reported figures and the archive's records"),
        ("/en/people/", "People"),
        ("/en/timeline/", "The Soviet Union dissolves"),
        ("/en/figures/", "Azerbaijani figures"),
        ("/en/sources/", "publisher unknown"),
        ("/en/search/", "Search the archive"),
        ("/en/statements/", "Türkiye&#x27;s Ministry of Foreign Affairs on the 34th anniversary"),
        ("/en/statements/turkiye-mfa-2026/", "On the timeline"),
        ("/en/about/", "About this archive"),
        ("/en/methodology/", "Methodology"),
    ],
)
def test_public_page_renders_with_landmarks_one_h1_and_structured_data(
    client, demo, path, expected
):
    response = client.get(path)

    html = response.content.decode()
    assert response.status_code == 200
    assert expected in html
    assert html.count("<h1") == 1
    for landmark in ("<header", "<nav", "<main", "<footer", 'class="skip-link" href="#main"'):
        assert landmark in html
    assert 'property="og:title"' in html
    assert jsonld(response)["@context"] == "https://schema.org"


@pytest.mark.django_db
def test_home_page_shows_each_figure_with_attribution_source_and_documented_count(client, demo):
    DocumentedPersonFactory.create_batch(2, event=_event(), fate=Person.Fate.KILLED)

    html = client.get("/en/").content.decode()

    assert "613" in html
    assert "according to Azerbaijani figures, as reported by" in html
    assert 'href="/en/sources/#source-' in html
    assert "2 public records in this archive" in html
    assert 'action="/en/people/"' in html and 'name="q"' in html
    assert "26 February 1992" in html


@pytest.mark.django_db
def test_home_page_lists_latest_statement_and_timeline_highlights(client, demo):
    html = client.get("/en/").content.decode()

    assert 'href="/en/statements/turkiye-mfa-2026/"' in html
    assert "Khojaly is taken: the massacre" in html
    assert jsonld(client.get("/en/"))["@type"] == "Event"


@pytest.mark.django_db
def test_timeline_shows_dates_no_more_precisely_than_known(client, demo):
    html = client.get("/en/timeline/").content.decode()

    assert '<time datetime="1991-12">December 1991</time>' in html
    assert '<time datetime="199X">the 1990s</time>' in html
    assert "The 1990s</h2>" in html  # a decade entry is not filed under the year 1990
    assert (
        '<time datetime="2020-09-27">27 September 2020</time> – '
        '<time datetime="2020-11-10">10 November 2020</time>'
    ) in html


@pytest.mark.django_db
def test_timeline_filters_by_category(client, demo):
    html = client.get("/en/timeline/", {"category": "commemoration"}).content.decode()

    assert "Türkiye&#x27;s foreign ministry marks the anniversary" in html
    assert "The Soviet Union dissolves" not in html


@pytest.mark.django_db
def test_timeline_refuses_an_unknown_category_with_a_form_error(client, demo):
    response = client.get("/en/timeline/", {"category": "gossip"})

    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()


@pytest.mark.django_db
def test_statement_page_shows_issuer_date_note_sources_and_timeline(client, demo):
    html = client.get("/en/statements/turkiye-mfa-2026/").content.decode()

    assert "Ministry of Foreign Affairs of the Republic of Türkiye" in html
    assert '<time datetime="2026-02-26">26 February 2026</time>' in html
    assert "26 February 2026 was a Thursday" in html
    assert "publisher unknown" in html
    assert 'href="/en/timeline/#entry-turkiye-statement-2026"' in html
    assert "Turkish" in html  # the original language, named rather than coded


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "shown"),
    [({"year": "2026"}, True), ({"year": "1999"}, False), ({"country": "Türkiye"}, True)],
)
def test_statement_index_filters_by_year_and_country(client, demo, query, shown):
    html = client.get("/en/statements/", query).content.decode()

    assert ('href="/en/statements/turkiye-mfa-2026/"' in html) is shown


@pytest.mark.django_db
def test_figures_page_is_a_table_with_headers_and_explains_the_difference(client, demo):
    html = client.get("/en/figures/").content.decode()

    assert '<th scope="col">Reported figure</th>' in html
    assert '<th scope="row">Civilians killed</th>' in html
    assert "about 150" in html
    assert "They are never added together" in html


@pytest.mark.django_db
def test_search_finds_statements_timeline_and_sources(client, demo):
    html = client.get("/en/search/", {"q": "Khojaly"}).content.decode()

    assert 'href="/en/timeline/#entry-khojaly-massacre"' in html
    assert "News report on Türkiye" in html


@pytest.mark.django_db
def test_empty_search_is_a_form_error_not_a_failure(client, demo):
    response = client.get("/en/search/", {"q": ""})

    assert response.status_code == 400
    assert "This field is required" in response.content.decode()


@pytest.mark.django_db
def test_missing_page_is_a_404_with_a_search_form(client, demo):
    response = client.get("/en/no-such-page/")

    assert response.status_code == 404
    assert 'action="/en/search/"' in response.content.decode()


def test_500_page_renders_without_a_request_or_the_database():
    # No django_db mark: any query here would raise.
    html = render_to_string("500.html")

    assert "Something went wrong" in html


@pytest.mark.django_db
def test_structured_data_cannot_be_closed_by_a_name(client, demo):
    person = PersonFactory(given_name="</script><script>alert(1)</script>")

    response = client.get(person.get_absolute_url())

    html = response.content.decode()
    assert "<script>alert(1)" not in html
    assert jsonld(response)["givenName"] == "</script><script>alert(1)</script>"


@pytest.mark.django_db
def test_pages_carry_no_inline_script_or_style(client, demo):
    person = PersonFactory()
    for path in ("/en/", "/en/people/", person.get_absolute_url(), "/en/timeline/"):
        html = client.get(path).content.decode()
        assert "style=" not in html
        assert re.search(r"<script(?![^>]*application/ld\+json)", html) is None
        assert re.search(r"\son[a-z]+=", html) is None


def _event():
    from archive.models import Event

    return Event.objects.get(slug="khojaly-massacre")


@pytest.mark.django_db
def test_preview_templates_render_records_not_yet_saved(rf, demo):
    request = rf.get("/admin/snippets/archive/person/preview/")
    person = PersonFactory.build(given_name="Unsaved", family_name="Draft")
    entry = TimelineEntryFactory.build(title="Unsaved entry", end=datetime.date(1992, 3, 1))

    person_html = render_to_string(
        "archive/people/person_detail.html", {"person": person, "is_preview": True}, request
    )
    entry_html = render_to_string(
        "archive/timeline/entry_preview.html", {"entry": entry, "is_preview": True}, request
    )

    assert "Unsaved Draft" in person_html and "Synthetic record." in person_html
    assert '<time datetime="1992-03-01">1 March 1992</time>' in entry_html
