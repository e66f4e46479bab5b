"""Scheduled publishing and revision comparison on remembrance records."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from archive.models import Person
from tests.admin_forms import person_form
from tests.factories import PersonFactory


@pytest.mark.django_db
def test_a_scheduled_record_goes_live_only_when_its_time_comes(moderator_client):
    go_live = timezone.localtime() + datetime.timedelta(days=1)
    moderator_client.post(
        reverse("wagtailsnippets_archive_person:add"),
        {
            **person_form(family_name="Scheduledova"),
            "go_live_at": go_live.strftime("%Y-%m-%d %H:%M"),
            "action-publish": "Publish",
        },
    )
    person = Person.objects.get(family_name="Scheduledova")
    call_command("publish_scheduled")
    person.refresh_from_db()
    assert not person.live
    revision = person.latest_revision
    assert revision.approved_go_live_at is not None

    # The anniversary arrives: move the schedule into the past, as time would.
    past = timezone.now() - datetime.timedelta(minutes=1)
    revision.approved_go_live_at = past
    revision.content["go_live_at"] = past.isoformat()
    revision.save(update_fields=["approved_go_live_at", "content"])
    call_command("publish_scheduled")

    person.refresh_from_db()
    assert person.live


@pytest.mark.django_db
def test_revisions_of_a_person_can_be_compared(moderator_client):
    person = PersonFactory(biography="<p>First account.</p>")
    first = person.save_revision()
    person.biography = "<p>Corrected account.</p>"
    second = person.save_revision()

    response = moderator_client.get(
        reverse(
            "wagtailsnippets_archive_person:revisions_compare",
            args=[person.pk, first.pk, second.pk],
        )
    )

    assert response.status_code == 200
    assert "Corrected" in response.content.decode()


@pytest.mark.django_db
def test_editor_previews_an_unsaved_person_as_visitors_would_see_it(editor_client):
    url = reverse("wagtailsnippets_archive_person:preview_on_add")
    posted = editor_client.post(url, person_form(family_name="Previewova"))
    assert posted.json()["is_valid"]

    response = editor_client.get(url)

    assert response.status_code == 200
    assert "Previewova" in response.content.decode()
    assert not Person.objects.filter(family_name="Previewova").exists()
