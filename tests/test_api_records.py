"""Families, statements, timeline, sources, figures, events, places and the search."""

import datetime

import pytest

from archive.models import Organisation, StatementPage, TimelineEntry
from tests.api_data import family_of, private, restricted_person, statement
from tests.factories import (
    DocumentedPersonFactory,
    EventFactory,
    FigureFactory,
    PersonFactory,
    PlaceFactory,
    SourceFactory,
    TimelineEntryFactory,
)


@pytest.fixture
def demo(demo_once):
    """The demo, loaded once for the module: its tests read it, and what one writes is rolled
    back after it (tests/shared_rows.py)."""


pytestmark = pytest.mark.django_db

API = "/api/v1"


def results(response) -> list[dict]:
    assert response.status_code == 200, response.content
    return response.json()["results"]


def titles(response) -> list[str]:
    return [record["title"] for record in results(response)]


# Families


def test_a_family_lists_only_its_public_members(client):
    shown, hidden = PersonFactory(), restricted_person()
    family = family_of([shown, hidden], whole_family_killed=True)

    record = client.get(f"{API}/families/{family.pk}/").json()

    assert [member["person"]["id"] for member in record["members"]] == [shown.pk]
    assert record["whole_family_killed"] is True


def test_a_family_without_public_members_is_not_found(client):
    family = family_of([restricted_person(), PersonFactory(live=False)])

    assert results(client.get(f"{API}/families/")) == []
    assert client.get(f"{API}/families/{family.pk}/").status_code == 404


# Statements


def test_statements_are_found_by_id_and_by_slug(client, demo):
    page = StatementPage.objects.get(slug="turkiye-mfa-2026")

    by_id = client.get(f"{API}/statements/{page.pk}/").json()
    by_slug = client.get(f"{API}/statements/turkiye-mfa-2026/").json()

    assert by_id == by_slug
    assert by_id["issuer"]["name"] == "Ministry of Foreign Affairs of the Republic of Türkiye"
    assert by_id["page_url"].endswith("/en/statements/turkiye-mfa-2026/")
    assert by_id["body"][0]["type"] == "paragraph"
    assert by_id["body"][0]["value"].startswith("<p>According to the news report")


def test_draft_and_private_statements_are_not_found(client, demo):
    draft = statement("Draft", live=False)
    hidden = private(statement("Private"))

    assert titles(client.get(f"{API}/statements/")) == [
        "Türkiye's Ministry of Foreign Affairs on the 34th anniversary"
    ]
    for page in (draft, hidden):
        assert client.get(f"{API}/statements/{page.pk}/").status_code == 404
        assert client.get(f"{API}/statements/{page.slug}/").status_code == 404


def test_a_statement_made_private_leaves_the_list_at_once(client, demo):
    page = statement("Soon private")
    assert "Soon private" in titles(client.get(f"{API}/statements/"))

    private(page)

    assert "Soon private" not in titles(client.get(f"{API}/statements/"))
    assert client.get(f"{API}/statements/{page.pk}/").status_code == 404


@pytest.mark.parametrize(
    ("parameters", "expected"),
    [
        ({"country": "france"}, ["French"]),
        ({"year": 1993}, ["French"]),
        ({"language": "FR"}, ["French"]),
        ({"kind": "resolution"}, ["French"]),
    ],
)
def test_statements_filter_by_issuer_country_year_language_and_kind(
    client, demo, parameters, expected
):
    french = Organisation.objects.create(name="French Senate", country="France")
    statement(
        "French",
        issuer=french,
        issued=datetime.date(1993, 1, 1),
        issued_precision="year",
        original_language="fr",
        kind=StatementPage.Kind.RESOLUTION,
    )

    assert titles(client.get(f"{API}/statements/", parameters)) == expected
    assert titles(client.get(f"{API}/statements/", {"issuer": french.pk})) == ["French"]


# Timeline


@pytest.fixture
def timeline(db):
    def entry(title, start, precision="day", end=None):
        return TimelineEntryFactory(
            title=title, start=start, start_precision=precision, end=end, end_precision="day"
        )

    entry("Day", datetime.date(1992, 2, 26))
    entry("Month", datetime.date(1991, 12, 1), "month")
    entry("Decade", datetime.date(1990, 1, 1), "decade")
    entry("War", datetime.date(2020, 9, 27), end=datetime.date(2020, 11, 10))
    TimelineEntryFactory(title="Draft", live=False)


@pytest.mark.parametrize(
    ("parameters", "expected"),
    [
        ({"from": "1992-02-26", "to": "1992-02-26"}, ["Decade", "Day"]),
        ({"from": "1991-12-15", "to": "1991-12-15"}, ["Decade", "Month"]),
        ({"from": "1991", "to": "1991"}, ["Decade", "Month"]),
        ({"from": "2020-10"}, ["War"]),
        ({"to": "1991-12"}, ["Decade", "Month"]),
        ({"from": "199X", "to": "199X"}, ["Decade", "Month", "Day"]),
    ],
)
def test_timeline_date_range_honours_each_entrys_precision(client, timeline, parameters, expected):
    assert titles(client.get(f"{API}/timeline/", parameters)) == expected


def test_timeline_filters_by_category_and_event_and_finds_entries_by_slug(client):
    event = EventFactory()
    TimelineEntryFactory(title="Context", category=TimelineEntry.Category.CONTEXT)
    entry = TimelineEntryFactory(title="Of the event", event=event, slug="of-the-event")

    assert titles(client.get(f"{API}/timeline/", {"category": "context"})) == ["Context"]
    assert titles(client.get(f"{API}/timeline/", {"event": event.pk})) == ["Of the event"]
    assert client.get(f"{API}/timeline/of-the-event/").json()["id"] == entry.pk


def test_a_timeline_entry_links_only_public_people_and_statements(client, demo):
    entry = TimelineEntryFactory()
    shown, hidden = PersonFactory(), restricted_person()
    entry.related_people.add(shown, hidden)
    entry.related_statements.add(statement("Published"), statement("Draft", live=False))
    entry.save()

    record = client.get(f"{API}/timeline/{entry.pk}/").json()

    assert [person["id"] for person in record["related_people"]] == [shown.pk]
    assert [page["title"] for page in record["related_statements"]] == ["Published"]


def test_a_draft_timeline_entry_is_not_found(client):
    entry = TimelineEntryFactory(live=False, slug="draft")

    assert client.get(f"{API}/timeline/{entry.pk}/").status_code == 404
    assert client.get(f"{API}/timeline/draft/").status_code == 404


# Figures, events, places, sources


def test_a_figure_carries_its_source_attribution_and_documented_count(client):
    figure = FigureFactory(value=613, attributed_to="Azerbaijani figures")
    DocumentedPersonFactory.create_batch(2, event=figure.event)
    PersonFactory(event=figure.event)  # synthetic: never counted
    restricted_person(event=figure.event)

    record = client.get(f"{API}/figures/{figure.pk}/").json()

    assert record["value"] == 613
    assert record["qualifier"] == "exact"
    assert record["attributed_to"] == "Azerbaijani figures"
    assert record["source"]["title"] == figure.source.title
    assert record["documented_count"] == 2


def test_figures_of_several_events_each_get_their_own_documented_count(client):
    first, second = FigureFactory(), FigureFactory()
    DocumentedPersonFactory.create_batch(3, event=first.event)
    DocumentedPersonFactory(event=second.event)

    counts = {
        record["event"]["id"]: record["documented_count"]
        for record in results(client.get(f"{API}/figures/"))
    }

    assert counts == {first.event_id: 3, second.event_id: 1}


def test_demo_figures_are_attributed_claims(client, demo):
    records = results(client.get(f"{API}/figures/"))

    assert {record["attributed_to"] for record in records} == {"Azerbaijani figures"}
    killed = next(record for record in records if record["counts"] == "killed")
    assert killed["value"] == 613


def test_an_event_is_found_by_slug_and_links_to_its_lists(client, demo):
    event = client.get(f"{API}/events/khojaly-massacre/").json()

    assert event["start"]["value"] == "1992-02-26"
    people = client.get(event["links"]["people"])
    assert people.status_code == 200
    assert client.get(event["links"]["figures"]).json()["count"] == 8


def test_places_nest_and_filter_by_parent(client):
    karabakh = PlaceFactory(name="Karabakh")
    khojaly = PlaceFactory(name="Khojaly", parent=karabakh, latitude="39.913", longitude="46.79")
    PlaceFactory(name="Elsewhere", parent=karabakh)  # named by no public record: not listed
    DocumentedPersonFactory(fate_place=khojaly)

    listed = results(client.get(f"{API}/places/", {"parent": karabakh.pk}))

    assert [place["name"] for place in listed] == ["Khojaly"]
    assert listed[0]["parent"]["name"] == "Karabakh"
    assert (listed[0]["latitude"], listed[0]["longitude"]) == (39.913, 46.79)


def test_sources_filter_by_kind(client):
    person = DocumentedPersonFactory()
    person.sources.add(SourceFactory(title="A book", kind="book"), SourceFactory(title="A report"))
    person.save()
    SourceFactory(title="A book nothing cites", kind="book")

    assert titles(client.get(f"{API}/sources/", {"kind": "book"})) == ["A book"]


def test_a_source_cited_only_by_hidden_records_is_not_in_the_api(client):
    hidden = restricted_person()
    hidden.sources.add(SourceFactory(title="Letter naming the family"))
    hidden.save()

    assert results(client.get(f"{API}/sources/")) == []
    assert results(client.get(f"{API}/sources/", {"format": "json", "q": "Letter"})) == []
    search = client.get(f"{API}/search/", {"q": "Letter"}).json()["groups"]
    assert all(group["results"] == [] for group in search)
    assert client.get(f"{API}/sources/{hidden.sources.get().pk}/").status_code == 404


# Search


def test_search_finds_every_kind_of_record(client, demo):
    groups = client.get(f"{API}/search/", {"q": "Khojaly"}).json()["groups"]
    found = {group["type"]: [hit["label"] for hit in group["results"]] for group in groups}

    assert found["events"] == ["Khojaly Massacre"]
    assert found["places"] == ["Khojaly"]
    assert "Khojaly is taken: the massacre" in found["timeline"]
    assert found["statements"] == ["Türkiye's Ministry of Foreign Affairs on the 34th anniversary"]


def test_search_is_bounded_and_links_to_the_full_list(client):
    PersonFactory.create_batch(4, family_name="Həsənov")

    people = client.get(f"{API}/search/", {"q": "Hasanov", "limit": 3}).json()["groups"][0]

    assert len(people["results"]) == 3
    assert people["has_more"] is True
    assert client.get(people["more"]).json()["count"] == 4
    assert all(hit["is_synthetic"] for hit in people["results"])


def test_the_editors_notes_on_a_family_stay_private(client):
    family = family_of([PersonFactory()], notes="Spoke to the neighbour on 3 May.")

    body = client.get(f"{API}/families/{family.pk}/").content

    assert b"neighbour" not in body
