"""A restricted record never shows to staff without ``archive.view_restricted_person``, on any
admin screen: a crawl of every admin URL pattern as an editor looks for its name."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page, ReferenceIndex

from archive.models import Family, FamilyMembership, Person
from tests.admin_urls import admin_patterns, response_text
from tests.factories import (
    DocumentedPersonFactory,
    EventFactory,
    PersonFactory,
    PlaceFactory,
    SourceFactory,
    TimelineEntryFactory,
    user_in,
)

MARKER = "Zqxmarkova"


class Archive:
    """A restricted, documented person linked from every kind of record, with the ids a crawl
    fills into URL patterns."""

    def __init__(self):
        from wagtail.images.models import Image

        self.editor = user_in("Editors", "editor")
        self.moderator = user_in("Moderators", "moderator")
        self.superuser = get_user_model().objects.create_superuser("admin", "", "pw")
        self.place = PlaceFactory(name="Crawl place")
        self.source = SourceFactory(title="Crawl source")
        self.event = EventFactory(name="Crawl event")
        self.image = Image.objects.create(title="Crawl photo", file=get_test_image_file())
        self.home = Page.objects.get(depth=2)

        self.person = DocumentedPersonFactory(
            family_name=MARKER,
            given_name="Restricta",
            visibility=Person.Visibility.RESTRICTED,
            residence=self.place,
            birth_place=self.place,
            event=self.event,
            photo=self.image,
            biography=f'<p><a linktype="page" id="{self.home.pk}">{MARKER} home</a></p>',
            live=False,
        )
        self.person.sources.add(self.source)
        self.person.save_revision(user=self.editor, log_action=True)
        self.person.save_revision(user=self.moderator, log_action=True).publish(user=self.moderator)
        # Submitted by the editor while it was public, restricted by a moderator since.
        self.workflow_state = self.person.get_workflow().start(self.person, self.editor)
        self.task_state = self.workflow_state.current_task_state
        self.person.locked, self.person.locked_by = True, self.moderator
        self.person.save(update_fields=["locked", "locked_by"])

        self.family = Family.objects.create(name="Crawl family", locale=self.place.locale)
        FamilyMembership.objects.create(family=self.family, person=self.person)
        self.entry = TimelineEntryFactory(title="Crawl entry")
        self.entry.related_people.add(self.person)
        self.entry.save_revision(user=self.editor, log_action=True)
        self.duplicate = PersonFactory(family_name="Crawlova", possible_duplicate_of=self.person)
        for record in (self.person, self.family, self.entry, self.duplicate):
            ReferenceIndex.create_or_update_for_object(record)

    def records(self):
        """The record each snippet namespace's ``pk`` stands for."""
        return {
            "person": self.person,
            "family": self.family,
            "timelineentry": self.entry,
            "place": self.place,
            "source": self.source,
            "event": self.event,
        }

    def values(self, name: str) -> dict:
        pk = self.person.pk
        for model, record in self.records().items():
            if f"_archive_{model}:" in name:
                pk = record.pk
        return {
            "pk": pk,
            "object_id": self.person.pk,
            "page_id": self.home.pk,
            "parent_page_id": self.home.pk,
            "page_to_move_id": self.home.pk,
            "destination_id": self.home.pk,
            "page_pk": self.home.pk,
            "workflow_pk": self.workflow_state.workflow_id,
            "revision_id": self.person.latest_revision_id,
            "revision_id_a": "earliest",
            "revision_id_b": "latest",
            "action_name": "approve",
            "action": "delete",
            "task_state_id": self.task_state.pk,
            "task_id": self.task_state.task_id,
            "workflow_state_id": self.workflow_state.pk,
            "app_label": "archive",
            "model_name": "person",
            "app_name": "archive",
            "content_type_app_name": "archive",
            "content_type_model_name": "person",
            "collection_id": self.image.collection_id,
            "image_id": self.image.pk,
            "document_id": 1,
            "doc_id": 1,
            "uploaded_file_id": 1,
            "redirect_id": 1,
            "session_id": 1,
            "filter_spec": "original",
            "token": "unknown",
        }

    def urls(self):
        """Every admin URL filled with this archive's ids. Listings (the patterns without
        arguments) are also searched for the name and exported; bulk actions on people are
        asked once per registered action."""
        # The lower-case search is not echoed back as the marker, yet finds the record.
        search = MARKER.lower()[:-1]
        listing_queries = [f"?q={search}&label={search}", "?export=csv", "?export=xlsx"]
        for pattern in admin_patterns():
            path = pattern.fill(self.values(pattern.name))
            if pattern.name == "wagtail_bulk_action":
                for action in bulk_action_registry.get_bulk_actions_for_model("archive", "person"):
                    yield path.replace("/delete/", f"/{action.action_type}/") + (
                        f"?id={self.person.pk}"
                    )
            elif "chosen_multiple" in pattern.name:
                yield path + f"?id={self.person.pk}"
            elif pattern.arguments:
                yield path
                if ":" in pattern.name and pattern.name.startswith(
                    "wagtailsnippets_archive_person"
                ):
                    # The record that names the restricted one as its possible duplicate.
                    yield pattern.fill({**self.values(pattern.name), "pk": self.duplicate.pk})
            else:
                yield path
                yield from (path + query for query in listing_queries)


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
