"""Moderating visitors' contributions in the admin: who may, and what each decision does."""

from __future__ import annotations

import pytest
from django.core import mail

from archive.models import Contribution, Person
from tests.contribution_data import SECRET_EMAIL, jpeg, stored
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(db):
    return PersonFactory(family_name="Quliyev", given_name="Synthetic")


def review_url(contribution):
    return f"/admin/contributions/{contribution.pk}/"


def decide(client, contribution, action, **data):
    return client.post(f"{review_url(contribution)}{action}/", data)


def test_editors_do_not_see_contributions(editor_client, person):
    contribution = stored(person)

    # Wagtail answers a refusal in its admin by sending the user to the dashboard.
    for response in (
        editor_client.get("/admin/contributions/"),
        editor_client.get(review_url(contribution)),
        decide(editor_client, contribution, "approve"),
    ):
        assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert SECRET_EMAIL not in editor_client.get("/admin/").content.decode()
    contribution.refresh_from_db()
    assert contribution.status == Contribution.Status.PENDING


def test_the_queue_lists_what_waits_with_the_contributors_address_for_moderators(
    moderator_client, person
):
    waiting = stored(person, text="Waiting words.")
    stored(person, status=Contribution.Status.APPROVED, text="Decided words.")

    queue = moderator_client.get("/admin/contributions/").content.decode()
    review = moderator_client.get(review_url(waiting)).content.decode()

    assert "Waiting words." in queue
    assert "Decided words." not in queue
    assert SECRET_EMAIL in review
    dashboard = moderator_client.get("/admin/").content.decode()
    assert "1 contribution from visitors awaits moderation" in dashboard


def test_approving_publishes_the_message_and_tells_the_contributor_in_their_language(
    moderator_client, client, person, django_capture_on_commit_callbacks
):
    contribution = stored(person, language="ru", text="Помним.")

    with django_capture_on_commit_callbacks(execute=True):
        response = decide(moderator_client, contribution, "approve")

    assert response.status_code == 302
    contribution.refresh_from_db()
    assert contribution.status == Contribution.Status.APPROVED
    assert contribution.decided_by.username == "moderator"
    client.logout()
    assert "Помним." in client.get(person.get_absolute_url()).content.decode()
    (message,) = mail.outbox
    assert message.to == [SECRET_EMAIL]
    assert "/ru/people/" in message.body
    assert "Thank you" not in message.body  # in Russian


def test_rejecting_needs_a_reason_which_the_contributor_reads(
    moderator_client, person, django_capture_on_commit_callbacks
):
    contribution = stored(person)

    assert decide(moderator_client, contribution, "reject", reason=" ").status_code == 400
    with django_capture_on_commit_callbacks(execute=True):
        decide(moderator_client, contribution, "reject", reason="Not about this person.")

    contribution.refresh_from_db()
    assert contribution.status == Contribution.Status.REJECTED
    assert contribution.rejection_reason == "Not about this person."
    (message,) = mail.outbox
    assert "Not about this person." in message.body


def test_a_decision_is_made_once(moderator_client, person):
    contribution = stored(person, status=Contribution.Status.REJECTED)

    decide(moderator_client, contribution, "approve")

    contribution.refresh_from_db()
    assert contribution.status == Contribution.Status.REJECTED


def test_a_correction_becomes_a_draft_change_and_the_public_record_stays(
    moderator_client, client, person
):
    contribution = stored(
        person, kind=Contribution.Kind.CORRECTION, text="His family name is Quliyev-Aliyev."
    )
    assert decide(moderator_client, contribution, "approve").status_code == 302
    contribution.refresh_from_db()
    assert contribution.status == Contribution.Status.PENDING  # corrections are not posts

    response = moderator_client.post(
        f"{review_url(contribution)}draft/",
        {
            "draft-family_name": "Quliyev-Aliyev",
            "draft-given_name": "Synthetic",
            "draft-fate": "killed",
            "draft-alternative_spellings": "",
        },
    )

    assert response.status_code == 302
    assert response["Location"] == f"/admin/snippets/archive/person/edit/{person.pk}/"
    person.refresh_from_db()
    assert person.family_name == "Quliyev"  # the published record is unchanged
    assert person.has_unpublished_changes
    assert person.get_latest_revision_as_object().family_name == "Quliyev-Aliyev"
    contribution.refresh_from_db()
    assert contribution.status == Contribution.Status.DRAFTED
    assert contribution.draft == person
    client.logout()
    assert "Quliyev-Aliyev" not in client.get(person.get_absolute_url()).content.decode()


def test_a_missing_person_becomes_a_draft_record_nobody_else_sees(moderator_client, client):
    contribution = stored(
        None,
        kind=Contribution.Kind.MISSING_PERSON,
        given_name="Aydın",
        family_name="Namazov",
        fate="killed",
    )

    response = moderator_client.post(
        f"{review_url(contribution)}draft/",
        {"draft-given_name": "Aydın", "draft-family_name": "Namazov", "draft-fate": "killed"},
    )

    assert response.status_code == 302
    record = Person.objects.get(family_name="Namazov")
    assert not record.live
    assert not record.is_synthetic
    assert record.verification == Person.Verification.UNVERIFIED
    assert record.latest_revision is not None
    assert not Person.objects.public().filter(pk=record.pk).exists()
    client.logout()
    assert client.get(record.get_absolute_url()).status_code == 404


def test_moderators_see_a_pending_photo_and_the_public_does_not(
    moderator_client, client, person, settings
):
    contribution = stored(person, kind=Contribution.Kind.PHOTO, rights="own")
    contribution.photo.save("pending.jpg", jpeg(), save=True)
    address = f"/contributions/photos/{contribution.pk}/"

    assert moderator_client.get(address).status_code == 200
    assert "no-store" in moderator_client.get(address)["Cache-Control"]
    client.logout()
    answer = client.get(address, follow=True)
    assert answer.status_code == 404
    assert not answer["Content-Type"].startswith("image/")
