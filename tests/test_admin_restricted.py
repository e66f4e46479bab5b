"""A restricted record never shows to staff without ``archive.view_restricted_person``, on any
admin screen: a crawl of every admin URL pattern as an editor looks for its name."""

import pytest
from django.urls import reverse

from tests.admin_crawl import MARKER, Archive, response_text


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
