"""Editors draft and submit; only a moderator's approval makes a record live."""

import pytest
from django.urls import reverse
from wagtail.models import WorkflowState

from archive.models import Person
from tests.admin_forms import person_form

ADD = "wagtailsnippets_archive_person:add"


@pytest.mark.django_db
def test_editor_submission_is_not_live_until_a_moderator_approves(client, editor, moderator):
    client.force_login(editor)
    response = client.post(
        reverse(ADD), {**person_form(family_name="Workflowova"), "action-submit": "Submit"}
    )
    assert response.status_code == 302, response.content[:2000]

    person = Person.objects.get(family_name="Workflowova")
    assert not person.live
    assert not Person.objects.public().filter(pk=person.pk).exists()
    state = WorkflowState.objects.for_instance(person).get()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS

    client.force_login(moderator)
    approve = reverse(
        "wagtailsnippets_archive_person:workflow_action",
        args=(person.pk, "approve", person.current_workflow_task_state.pk),
    )
    response = client.post(approve, {"comment": "Checked against the list."})
    assert response.status_code in (200, 302)

    person.refresh_from_db()
    assert person.live
    assert Person.objects.public().filter(pk=person.pk).exists()


@pytest.mark.django_db
def test_editor_cannot_publish_directly(client, editor):
    client.force_login(editor)
    client.post(reverse(ADD), {**person_form(family_name="Directova"), "action-publish": "Publish"})
    person = Person.objects.get(family_name="Directova")
    assert not person.live


@pytest.mark.django_db
def test_moderator_rejection_keeps_the_record_offline(client, editor, moderator):
    client.force_login(editor)
    client.post(reverse(ADD), {**person_form(family_name="Rejectova"), "action-submit": "Submit"})
    person = Person.objects.get(family_name="Rejectova")

    client.force_login(moderator)
    client.post(
        reverse(
            "wagtailsnippets_archive_person:workflow_action",
            args=(person.pk, "reject", person.current_workflow_task_state.pk),
        ),
        {"comment": "No source given."},
    )

    person.refresh_from_db()
    assert not person.live
    assert (
        WorkflowState.objects.for_instance(person).get().status
        == WorkflowState.STATUS_NEEDS_CHANGES
    )


@pytest.mark.django_db
def test_invalid_person_gets_a_form_error_and_nothing_is_stored(editor_client):
    response = editor_client.post(
        reverse(ADD),
        {
            **person_form(family_name="Invalidova", fate_date="1992-02-31"),
            "action-submit": "Submit",
        },
    )
    assert response.status_code == 200
    assert not Person.objects.filter(family_name="Invalidova").exists()
