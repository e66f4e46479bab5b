"""Restricted records stay hidden from editors on every admin path, and the API never exposes
accounts or e-mail addresses."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from archive.models import Person, TimelineEntry
from tests.factories import DocumentedPersonFactory, PersonFactory

HIDDEN = "Hiddenova"
PERSON_VIEWS = [
    "edit",
    "delete",
    "usage",
    "history",
    "history_results",
    "preview_on_edit",
    "unpublish",
    "lock",
    "workflow_history",
]


@pytest.fixture
def restricted(db):
    person = DocumentedPersonFactory(family_name=HIDDEN, visibility=Person.Visibility.RESTRICTED)
    person.save_revision().publish()
    return person


def state(person) -> tuple:
    """What a post could change: the record's name, publication, lock and revisions."""
    person.refresh_from_db()
    return (person.family_name, person.live, person.locked, person.revisions.count())


@pytest.mark.django_db
@pytest.mark.parametrize("view", PERSON_VIEWS)
def test_editor_cannot_reach_a_restricted_record_by_any_admin_view(editor_client, restricted, view):
    url = reverse(f"wagtailsnippets_archive_person:{view}", args=[restricted.pk])

    response = editor_client.get(url)

    # As for a record that does not exist: not a redirect, whose page could be anything.
    assert response.status_code in (403, 404), (view, response.status_code)
    assert HIDDEN.encode() not in response.content


@pytest.mark.django_db
def test_editor_cannot_open_a_restricted_revision(editor_client, restricted):
    url = reverse(
        "wagtailsnippets_archive_person:revisions_view",
        args=[restricted.pk, restricted.latest_revision_id],
    )
    assert editor_client.get(url).status_code in (403, 404)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        reverse("wagtailsnippetchoosers_archive_person:choose"),
        reverse("wagtailsnippetchoosers_archive_person:choose_results") + "?q=hiddenov",
        reverse("wagtailsnippets_archive_person:list") + "?q=hiddenov",
        reverse("wagtailadmin_home"),
    ],
)
def test_editor_does_not_find_restricted_records_in_choosers_or_search(
    editor_client, restricted, url
):
    response = editor_client.get(url)

    assert response.status_code == 200
    assert HIDDEN.encode() not in response.content


@pytest.mark.django_db
def test_editor_cannot_choose_a_restricted_record_by_its_id(editor_client, restricted):
    url = reverse("wagtailsnippetchoosers_archive_person:chosen", args=[restricted.pk])
    response = editor_client.get(url)

    assert HIDDEN.encode() not in response.content


@pytest.mark.django_db
def test_moderator_chooser_does_show_restricted_records(moderator_client, restricted):
    response = moderator_client.get(
        reverse("wagtailsnippetchoosers_archive_person:choose_results") + "?q=hiddenov"
    )
    assert HIDDEN.encode() in response.content


@pytest.mark.django_db
def test_editor_cannot_publish_a_timeline_entry_directly(editor_client):
    data = nested_form_data(
        {
            "title": "Directly published entry",
            "slug": "direct-entry",
            "media": inline_formset([]),
            "start": "1992-02-26",
            "start_precision": "day",
            "end": "",
            "end_precision": "day",
            "category": "event",
            "summary": "An entry.",
            "body": rich_text("<p>Body.</p>"),
        }
    )
    editor_client.post(
        reverse("wagtailsnippets_archive_timelineentry:add"), {**data, "action-publish": "Publish"}
    )

    entry = TimelineEntry.objects.get(slug="direct-entry")
    assert not entry.live


@pytest.mark.django_db
def test_editor_cannot_unpublish_a_live_record(editor_client):
    person = PersonFactory(family_name="Liveova")
    person.save_revision().publish()

    editor_client.post(reverse("wagtailsnippets_archive_person:unpublish", args=[person.pk]))

    person.refresh_from_db()
    assert person.live


@pytest.mark.django_db
@pytest.mark.parametrize("view", ["delete", "unpublish", "lock", "edit"])
def test_editor_cannot_change_a_restricted_record_by_posting(editor_client, restricted, view):
    url = reverse(f"wagtailsnippets_archive_person:{view}", args=[restricted.pk])
    before = state(restricted)

    response = editor_client.post(url, {"family_name": "Changedova", "given_name": "X"})

    assert response.status_code in (403, 404), (view, response.status_code)
    assert HIDDEN.encode() not in response.content
    assert state(Person.objects.get(pk=restricted.pk)) == before  # still there, unchanged
    assert before[:3] == (HIDDEN, True, False)
