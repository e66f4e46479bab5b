"""A restricted record never shows to staff without ``archive.view_restricted_person``, on any
admin screen: a crawl of every admin URL pattern as an editor looks for its name."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from archive.models import Person
from tests.admin_crawl import MARKER, Archive, response_text
from tests.factories import PersonFactory


@pytest.fixture
def archive(db):
    return Archive()


def crawl(client, archive):
    """Each URL's status and text, as ``client`` sees them; a server error is a status here."""
    client.raise_request_exception = False
    for url in archive.urls():
        response = client.get(url)
        yield url, response.status_code, response_text(response)


@pytest.mark.django_db
def test_editor_never_sees_a_restricted_record_on_any_admin_screen(client, archive):
    client.force_login(archive.editor)

    leaks, errors = [], []
    for url, status, text in crawl(client, archive):
        if status >= 500:
            errors.append((url, status))
        if MARKER in text:
            leaks.append(url)

    assert (errors, leaks) == ([], [])


# Where a moderator must find the record: the crawl above would pass trivially if none did.
MODERATOR_SEES = [
    "wagtailadmin_home",
    "wagtailadmin_reports:workflow",
    "wagtailadmin_reports:workflow_tasks",
    "wagtailadmin_reports:site_history",
]


@pytest.mark.django_db
def test_moderator_sees_the_restricted_record_on_every_admin_screen_without_error(client, archive):
    client.force_login(archive.moderator)

    seen, errors = set(), []
    for url, status, text in crawl(client, archive):
        if status >= 500:
            errors.append((url, status))
        if MARKER in text:
            seen.add(url)

    assert errors == []
    expected = [reverse(name) for name in MODERATOR_SEES] + [
        reverse("wagtailadmin_reports:site_history") + "?export=csv",
        reverse("wagtailadmin_reports:site_history") + "?export=xlsx",
        reverse("wagtailsnippets_archive_place:usage", args=[archive.place.pk]),
        reverse("wagtailsnippets_archive_person:edit", args=[archive.person.pk]),
        reverse("wagtailsnippets_archive_person:history", args=[archive.person.pk]),
        reverse("wagtailimages:image_usage", args=[archive.image.pk]),
        reverse("wagtailadmin_pages:usage", args=[archive.home.pk]),
    ]
    assert [url for url in expected if url not in seen] == []


def person_state(person):
    person.refresh_from_db()
    return (
        person.live,
        person.locked,
        person.latest_revision_id,
        person.revisions.count(),
        person.workflow_states.filter(status="in_progress").count(),
    )


@pytest.mark.django_db
def test_editor_posts_against_a_restricted_person_change_nothing(client, archive):
    person = archive.person
    before = person_state(person)
    first_revision = person.revisions.order_by("pk").first()
    client.force_login(archive.editor)
    person_url = lambda view, *args: reverse(  # noqa: E731
        f"wagtailsnippets_archive_person:{view}", args=[person.pk, *args]
    )
    posts = [
        person_url("delete"),
        person_url("unpublish"),
        person_url("lock"),
        person_url("unlock"),
        person_url("edit"),
        person_url("revisions_revert", first_revision.pk),
        person_url("workflow_action", "approve", archive.task_state.pk),
        person_url("workflow_action", "reject", archive.task_state.pk),
        person_url("confirm_workflow_cancellation"),
        reverse("wagtail_bulk_action", args=["archive", "person", "delete"]) + f"?id={person.pk}",
    ]

    statuses = {url: client.post(url, {"comment": "x"}).status_code for url in posts}

    assert set(statuses.values()) <= {403, 404}, statuses
    assert person_state(person) == before
    assert Person.objects.filter(pk=person.pk).exists()


@pytest.mark.django_db
def test_dashboard_lists_each_waiting_record_once(client, archive):
    for user in (archive.moderator, archive.superuser):
        client.force_login(user)
        html = client.get(reverse("wagtailadmin_home")).content.decode()
        assert html.count(f"Restricta {MARKER}") == 1, user


@pytest.mark.django_db
def test_dashboard_shows_an_editor_their_submissions_but_not_restricted_ones(client, archive):
    public = PersonFactory(family_name="Waitingova", live=False)
    public.save_revision(user=archive.editor)
    public.get_workflow().start(public, archive.editor)
    client.force_login(archive.editor)

    html = client.get(reverse("wagtailadmin_home")).content.decode()

    assert html.count("Waitingova") == 1
    assert MARKER not in html


@pytest.mark.django_db
def test_dashboard_query_count_does_not_grow_with_waiting_records(client, archive):
    def waiting(count):
        for person in PersonFactory.create_batch(count, live=False):
            person.save_revision(user=archive.editor)
            person.get_workflow().start(person, archive.editor)

    client.force_login(archive.moderator)
    url = reverse("wagtailadmin_home")
    waiting(2)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    waiting(10)
    client.get(url)  # the figures panel counts people again once, after new records
    with CaptureQueriesContext(connection) as many:
        client.get(url)

    assert len(many) == len(few)


def site_history(user) -> str:
    client = Client()  # its own: no message left by another user's action
    client.force_login(user)
    url = reverse("wagtailadmin_reports:site_history")
    return "".join(
        response_text(client.get(url + query)) for query in ("", "?export=csv", "?q=zqxmarkov")
    )


@pytest.mark.django_db
@pytest.mark.parametrize("through", ["admin", "queryset"])
def test_editor_sees_no_history_of_a_deleted_restricted_person(client, archive, through):
    """Its entries' labels name it, and no person row is left to tell it was restricted:
    whether a moderator deleted it in the admin or a script deleted it, they stay hidden."""
    assert MARKER in site_history(archive.moderator)
    if through == "admin":
        client.force_login(archive.moderator)
        url = reverse("wagtailsnippets_archive_person:delete", args=[archive.person.pk])
        assert client.post(url).status_code == 302
    else:
        Person.objects.filter(pk=archive.person.pk).delete()
    assert not Person.objects.filter(pk=archive.person.pk).exists()

    assert MARKER not in site_history(archive.editor)
    assert MARKER in site_history(archive.moderator)


@pytest.mark.django_db
def test_editor_sees_the_history_of_public_people(client, archive):
    public = PersonFactory(family_name="Historyova")
    public.save_revision(user=archive.editor, log_action=True)

    assert "Historyova" in site_history(archive.editor)
