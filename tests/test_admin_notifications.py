"""Wagtail's workflow e-mails reach only staff who may see the record they name."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse

from archive.models import Person
from tests.factories import PersonFactory, user_in

MARKER = "Zqxmailova"


def with_email(user):
    user.email = f"{user.username}@example.org"
    user.save(update_fields=["email"])
    return user


@pytest.fixture
def editor(db):
    return with_email(user_in("Editors", "editor"))


@pytest.fixture
def moderator(db):
    return with_email(user_in("Moderators", "moderator"))


@pytest.fixture
def submitted(editor):
    """A public person an editor submitted for moderation."""
    person = PersonFactory(family_name=MARKER, live=False)
    person.save_revision(user=editor)
    person.get_workflow().start(person, editor)
    mail.outbox.clear()
    return person


def restrict(person, moderator):
    """As the bulk "Restrict" action does: on the row, and in a new latest revision, which the
    approval then publishes."""
    person.visibility = Person.Visibility.RESTRICTED
    person.save(update_fields=["visibility"])
    person.save_revision(user=moderator)


def act(client, moderator, person, action):
    client.force_login(moderator)
    url = reverse(
        "wagtailsnippets_archive_person:workflow_action",
        args=(person.pk, action, person.current_workflow_task_state.pk),
    )
    response = client.post(url, {"comment": "Checked."})
    assert response.status_code in (200, 302)


def mail_to(user):
    return [message for message in mail.outbox if user.email in message.to]


@pytest.mark.django_db
def test_editor_is_emailed_the_approval_of_a_public_record(client, editor, moderator, submitted):
    act(client, moderator, submitted, "approve")

    assert [MARKER in message.subject for message in mail_to(editor)] == [True]


@pytest.mark.django_db
def test_editor_is_not_emailed_the_approval_of_a_record_restricted_since_submitting_it(
    client, editor, moderator, submitted
):
    restrict(submitted, moderator)

    act(client, moderator, submitted, "approve")

    submitted.refresh_from_db()
    assert (submitted.live, submitted.visibility) == (True, Person.Visibility.RESTRICTED)
    assert mail_to(editor) == []


@pytest.mark.django_db
def test_editor_is_not_emailed_the_changes_requested_on_a_record_restricted_since_submitting_it(
    client, editor, moderator, submitted
):
    restrict(submitted, moderator)

    act(client, moderator, submitted, "reject")

    assert submitted.current_workflow_state.status == "needs_changes"
    assert mail_to(editor) == []


@pytest.mark.django_db
def test_submission_of_a_restricted_record_is_emailed_to_moderators_only(editor, moderator):
    """Were the editors among the task's approvers, they would still not read its name."""
    colleague = with_email(user_in("Moderators", "colleague"))
    task = moderator_task()
    task.groups.add(Group.objects.get(name="Editors"))
    person = PersonFactory(family_name=MARKER, live=False, visibility=Person.Visibility.RESTRICTED)
    person.save_revision(user=moderator)

    person.get_workflow().start(person, moderator)

    assert mail_to(editor) == []
    assert [MARKER in message.subject for message in mail_to(colleague)] == [True]


def moderator_task():
    from wagtail.models import GroupApprovalTask

    return GroupApprovalTask.objects.get(groups__name="Moderators")
