"""Places, events, statements, timeline entries and sources found by their names in any of the
site's languages and any script, on the site search and the API search (issue 11)."""

import pytest
from wagtail.models import Locale

from archive.demo import load_demo
from archive.models import Event, TimelineEntry
from archive.names import query_tokens
from archive.text_search import text_keys
from tests.api_data import statement
from tests.factories import (
    EventFactory,
    PersonFactory,
    PlaceFactory,
    SourceFactory,
    TimelineEntryFactory,
)
from tests.shared_rows import shared

# One town's name as each language writes it, and as searchers type it without the marks.
SPELLINGS = ["Khojaly", "Xocalı", "Hocalı", "Ходжалы", "Khojali", "xocali", "HOCALI"]
LANGUAGES = ["en", "az", "tr", "ru"]


@pytest.fixture(scope="module")
def _english_only_rows(module_rows):
    """Records that exist in English only, none of them listing another spelling, in the demo;
    made once for the module's tests, which only read them (tests/shared_rows.py)."""
    with module_rows():
        load_demo(languages=["en"])
        place = PlaceFactory(name="Khojaly test quarter")
        entry = TimelineEntryFactory(
            title="Test entry: the road out of Khojaly", summary="A test.", place=place
        )
        event = EventFactory(name="Test event at Khojaly")
        source = SourceFactory(title="Test report from Khojaly")
        entry.sources.add(source)  # a source is public once something public cites it
        entry.save()
        page = statement("Test statement", summary="A test statement on Khojaly.")
        return {"place": place, "entry": entry, "event": event, "source": source, "page": page}


@pytest.fixture
def english_only(db, _english_only_rows):
    return shared(_english_only_rows)


@pytest.mark.parametrize("query", SPELLINGS)
def test_every_spelling_folds_to_a_word_of_the_english_name(query):
    words = text_keys("The road out of Khojaly").split()

    assert [token for token in query_tokens(query) if token in words] == query_tokens(query)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("query", SPELLINGS)
def test_site_search_finds_english_only_records_in_any_spelling(
    client, english_only, language, query
):
    response = client.get(f"/{language}/search/", {"q": query})

    assert response.status_code == 200
    for text in (
        "Khojaly test quarter",
        "Test entry: the road out of Khojaly",
        "Test event at Khojaly",
        "Test report from Khojaly",
        "Test statement",
    ):
        assert text in response.text


@pytest.mark.parametrize("query", ["Ходжалы", "Hocalı"])
def test_api_search_finds_every_kind_of_record_in_any_spelling(client, english_only, query):
    groups = client.get("/api/v1/search/", {"q": query, "limit": 50}).json()["groups"]
    found = {group["type"]: {hit["id"] for hit in group["results"]} for group in groups}

    assert english_only["place"].pk in found["places"]
    assert english_only["entry"].pk in found["timeline"]
    assert english_only["event"].pk in found["events"]
    assert english_only["source"].pk in found["sources"]
    assert english_only["page"].pk in found["statements"]


def test_api_lists_filter_by_any_spelling(client, english_only):
    places = client.get("/api/v1/places/", {"q": "Ходжалы"}).json()["results"]

    assert english_only["place"].pk in {place["id"] for place in places}


@pytest.mark.django_db
def test_a_record_is_found_by_the_words_of_its_translation_and_shown_in_the_readers_language(
    client,
):
    entry = TimelineEntryFactory(title="Test entry: the evacuation", summary="A test.")
    russian = entry.copy_for_translation(Locale.objects.get_or_create(language_code="ru")[0])
    russian.title = "Тестовая запись: эвакуация из Ходжалы"
    russian.save()

    english = client.get("/en/search/", {"q": "Xocalı"}).text
    in_russian = client.get("/ru/search/", {"q": "Xocalı"}).text

    assert "Test entry: the evacuation" in english  # found by its Russian words
    assert "Тестовая запись: эвакуация из Ходжалы" in in_russian


@pytest.mark.django_db
def test_every_word_must_start_a_word_of_the_record(client):
    TimelineEntryFactory(title="Test entry: Khojaly airfield", summary="A test.")
    TimelineEntryFactory(title="Test entry: Xocalı bridge", summary="A test.")

    html = client.get("/en/search/", {"q": "Ходжалы airfield"}).text
    inside = client.get("/en/search/", {"q": "jaly"}).text

    assert "Khojaly airfield" in html
    assert "Xocalı bridge" not in html
    assert "Khojaly airfield" not in inside  # inside a word is not a match


@pytest.mark.django_db
def test_a_draft_translation_does_not_make_its_record_match(client):
    entry = TimelineEntryFactory(title="Test entry: the evacuation", summary="A test.")
    draft = entry.copy_for_translation(Locale.objects.get_or_create(language_code="ru")[0])
    draft.title = "Тестовая запись: Ходжалы"
    draft.live = False
    draft.save()

    html = client.get("/en/search/", {"q": "Ходжалы"}).text
    groups = client.get("/api/v1/search/", {"q": "Ходжалы"}).json()["groups"]

    assert "the evacuation" not in html
    assert all(not group["results"] for group in groups if group["type"] == "timeline")


@pytest.mark.django_db
def test_search_keys_follow_edits_and_stay_the_live_texts_while_a_draft_is_pending():
    entry = TimelineEntryFactory(title="Test entry: Khojaly", summary="A test.")
    entry.title = "Test entry: Ağdam"
    entry.save_revision()  # a draft of new words

    assert "gojali" in TimelineEntry.objects.get(pk=entry.pk).search_key.split()
    entry.get_latest_revision().publish()
    assert "gojali" not in TimelineEntry.objects.get(pk=entry.pk).search_key.split()


@pytest.mark.django_db
def test_places_link_to_the_people_who_lived_or_died_there(client):
    with_people = PlaceFactory(name="Test village Xocavənd")
    without = PlaceFactory(name="Test hamlet Xocavənd")
    PersonFactory(residence=with_people)
    TimelineEntryFactory(place=without)  # public, but nobody lived there

    html = client.get("/en/search/", {"q": "Khojavend"}).text

    assert f'href="/en/people/?place={with_people.pk}"' in html
    assert "Test hamlet Xocavənd</li>" in html  # named, but nobody to list there


def test_events_link_to_their_timeline(client, english_only):
    event = Event.objects.get(slug="khojaly-massacre")

    html = client.get("/en/search/", {"q": "Hocalı"}).text

    assert f'href="/en/timeline/?event={event.pk}"' in html
    assert "<li>Test event at Khojaly</li>" in html  # no entries of its own
