"""Visitors' contributions on the public site: the forms, what they refuse, and what the public
sees of what moderators decided."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from archive.contributions.abuse import started_token
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


def test_a_hidden_name_is_shown_as_a_visitor(client, person):
    stored(person, status=Contribution.Status.APPROVED, show_name=False, name="Secret Name")

    page = client.get(person.get_absolute_url()).content.decode()

    assert "Secret Name" not in page
    assert "A visitor (neighbour)" in page


def test_text_is_never_rendered_as_html(client, person):
    stored(
        person,
        status=Contribution.Status.APPROVED,
        text='<script>alert("x")</script><a href="https://spam.example">win</a>',
    )

    page = client.get(person.get_absolute_url()).content.decode()

    assert "<script>alert" not in page
    assert '<a href="https://spam.example">' not in page
    assert "&lt;script&gt;alert" in page


def test_more_links_than_allowed_are_refused_with_a_reason(client, person):
    text = "See https://a.example, https://b.example and www.c.example"

    response = client.post(form_url(person), form_data(text=text))

    assert response.status_code == 400
    assert "at most 2 links" in response.content.decode()
    assert not Contribution.objects.exists()


def test_the_honeypot_refuses_a_form_a_machine_filled_in(client, person):
    response = client.post(form_url(person), form_data(website="http://spam.example"))

    assert response.status_code == 400
    assert "must be left empty" in response.content.decode()
    assert not Contribution.objects.exists()


def test_a_form_sent_faster_than_a_person_types_is_refused(client, person):
    response = client.post(form_url(person), form_data(started=started_token()))

    assert response.status_code == 400
    assert "sent too quickly" in response.content.decode()
    assert not Contribution.objects.exists()


@pytest.mark.parametrize(
    "token", ["", "forged", started_token(0)], ids=["missing", "forged", "stale"]
)
def test_a_missing_forged_or_stale_start_is_refused(client, person, token):
    response = client.post(form_url(person), form_data(started=token))

    assert response.status_code == 400
    assert "expired" in response.content.decode()
    assert not Contribution.objects.exists()


def test_a_refused_form_keeps_what_was_written_and_offers_a_fresh_start(client, person):
    response = client.post(form_url(person), form_data(started="forged", text="Kept words."))

    page = response.content.decode()
    assert "Kept words." in page
    assert 'name="started" value="forged"' not in page


def test_consent_is_required(client, person):
    response = client.post(form_url(person), form_data(consent=None))

    assert response.status_code == 400
    assert not Contribution.objects.exists()


def test_a_flood_from_one_address_is_throttled_and_nothing_stored_is_lost(client, person, settings):
    earlier = stored(person, status=Contribution.Status.APPROVED, text="Sent last year.")
    data = form_data()

    answers = [client.post(form_url(person), data).status_code for _ in range(1000)]

    limit = settings.CONTRIBUTION_LIMIT
    assert answers[:limit] == [302] * limit
    assert set(answers[limit:]) == {429}
    refused = client.post(form_url(person), data)
    assert "sent many contributions in a short time" in refused.content.decode()
    assert "Everything you sent before has been kept" in refused.content.decode()
    assert int(refused["Retry-After"]) > 0
    assert Contribution.objects.count() == limit + 1
    assert Contribution.objects.filter(pk=earlier.pk, text="Sent last year.").exists()
    # Another address is not held back by the flood.
    other = client.post(form_url(person), data, REMOTE_ADDR="198.51.100.7")
    assert other.status_code == 302


def test_moderators_are_told_by_email_and_the_message_names_no_address(
    client, person, moderator, django_capture_on_commit_callbacks
):
    moderator.email = "moderator@example.org"
    moderator.save()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(form_url(person), form_data())

    (message,) = mail.outbox
    assert message.to == ["moderator@example.org"]
    contribution = Contribution.objects.get()
    assert f"/admin/contributions/{contribution.pk}/" in message.body


@pytest.mark.parametrize("kind", ["message", "photo", "correction"])
def test_each_form_opens_on_a_public_persons_page_and_is_never_cached(client, person, kind):
    page = client.get(person.get_absolute_url()).content.decode()
    assert form_url(person, kind) in page

    response = client.get(form_url(person, kind))

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    assert 'name="csrfmiddlewaretoken"' in response.content.decode()


def test_no_form_for_a_draft_person_nor_an_unknown_kind(client, person):
    draft = PersonFactory(live=False)

    assert client.get(form_url(draft)).status_code == 404
    assert client.post(form_url(draft), form_data()).status_code == 404
    assert client.get(form_url(person, "poem")).status_code == 404


def test_a_correction_needs_its_source(client, person):
    response = client.post(form_url(person, "correction"), form_data())
    assert response.status_code == 400

    response = client.post(
        form_url(person, "correction"), form_data(source="Khojaly list of 1992, page 4")
    )
    assert response.status_code == 302
    assert Contribution.objects.get().kind == Contribution.Kind.CORRECTION


def test_a_missing_person_is_reported_from_the_people_index(client, person):
    index = client.get("/en/people/").content.decode()
    assert "/en/people/missing-person/" in index

    response = client.post(
        "/en/people/missing-person/",
        form_data(given_name="Aydın", family_name="Namazov", fate="killed"),
    )

    assert response.status_code == 302
    reported = Contribution.objects.get()
    assert reported.kind == Contribution.Kind.MISSING_PERSON
    assert reported.person is None
    assert (reported.given_name, reported.family_name) == ("Aydın", "Namazov")


@pytest.mark.parametrize("language", ["az", "tr", "ru"])
def test_the_forms_speak_every_language(client, person, language):
    english = client.get(form_url(person, "photo")).content.decode()

    response = client.get(form_url(person, "photo", language))

    page = response.content.decode()
    assert response.status_code == 200
    assert f'<html lang="{language}">' in page
    for words in (
        "Send a photo of",
        "Your e-mail address",
        "Rights to the photo",
        "Send to the moderators",
    ):
        assert words in english
        assert words not in page


def test_the_memorial_pages_prepared_query_gives_what_public_gives(person):
    from archive.templatetags.archive_contributions import _approved

    older = stored(person, status=Contribution.Status.APPROVED)
    newer = stored(person, status=Contribution.Status.APPROVED, kind=Contribution.Kind.PHOTO)
    stored(person, status=Contribution.Status.PENDING)
    stored(PersonFactory(), status=Contribution.Status.APPROVED)

    found = _approved(person.pk)

    assert found == list(Contribution.objects.of_person(person.pk)) == [older, newer]
    fields = [field.attname for field in Contribution._meta.concrete_fields]
    assert [getattr(found[1], name) for name in fields] == [getattr(newer, name) for name in fields]
    assert _approved(PersonFactory(live=False).pk) == []
