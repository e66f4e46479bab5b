"""Visitors' contributions on the public site: the forms, what they refuse, and what the public
sees of what moderators decided."""

from __future__ import annotations

import pytest
from django.urls import reverse

from archive.models import Contribution
from tests.contribution_data import SECRET_EMAIL, form_data, stored
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def form_url(person, kind="message", language="en"):
    return f"/{language}/people/{person.pk}/contribute/{kind}/"


@pytest.fixture
def person(db):
    return PersonFactory()


def test_a_message_sent_waits_for_moderation_and_is_not_shown(client, person):
    response = client.post(form_url(person), form_data())

    assert response.status_code == 302
    assert response["Location"] == reverse("archive:contribution_sent")
    contribution = Contribution.objects.get()
    assert contribution.status == Contribution.Status.PENDING
    assert contribution.person == person
    assert contribution.email == SECRET_EMAIL
    page = client.get(person.get_absolute_url()).content.decode()
    assert "ride a bicycle" not in page


def test_an_approved_message_is_shown_on_the_persons_page(client, person):
    stored(person, status=Contribution.Status.APPROVED, text="We remember his laugh.")

    page = client.get(person.get_absolute_url()).content.decode()

    assert "We remember his laugh." in page
    assert "Stored Visitor" in page
    assert SECRET_EMAIL not in page
