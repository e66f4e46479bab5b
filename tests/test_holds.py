"""Holds (issue 12.4): what a hold hides and what it does not, the public request form, the
moderators' admin and dashboard, and the reminder of holds due for review. What a hold hides
on each public surface is checked beside everything else that is hidden, in
tests/test_public_consistency.py."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command

from archive.fastpaths.prepared import PreparedQuery
from archive.models import Hold, Person
from tests.factories import DocumentedPersonFactory, PersonFactory
from tests.test_api_sync import DELETIONS, changed, until

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 12, 5)


def hold_on(person, **fields) -> Hold:
    fields.setdefault("status", Hold.Status.IN_EFFECT)
    return Hold.objects.create(person=person, **fields)


def public_ids() -> set[int]:
    return set(Person.objects.public().values_list("pk", flat=True))


# What a hold hides


def test_a_hold_hides_the_record_only_while_in_effect():
    person = PersonFactory()
    hold = hold_on(person, status=Hold.Status.REQUESTED)
    assert person.pk in public_ids()  # a request hides nothing until a moderator places it

    hold.status = Hold.Status.IN_EFFECT
    hold.save()
    assert person.pk not in public_ids()

    hold.status = Hold.Status.LIFTED
    hold.save()
    assert person.pk in public_ids()


def test_a_field_hold_blanks_only_the_fields_it_names():
    person = PersonFactory(
        born=datetime.date(1950, 3, 4), biography="<p>Words.</p>", occupation="Teacher"
    )
    hold_on(person, whole_record=False, hides_birth_date=True)

    shown = Person.objects.public().get(pk=person.pk)

    assert (shown.born, shown.age, shown.stated_age) == (None, None, None)
    assert shown.biography == "<p>Words.</p>" and shown.occupation == "Teacher"
    assert Person.objects.get(pk=person.pk).born == datetime.date(1950, 3, 4)  # kept, unshown


def test_the_memorial_pages_prepared_query_blanks_held_fields_as_its_queryset_does():
    prepared = PreparedQuery(lambda pk: Person.objects.public().filter(pk=pk))
    held = PersonFactory(born=datetime.date(1950, 3, 4), biography="<p>Words.</p>")
    hold_on(held, whole_record=False, hides_biography=True, hides_birth_date=True)
    free = PersonFactory(born=datetime.date(1951, 1, 1))
    fields = [field.attname for field in Person._meta.concrete_fields]

    for person in (held, free):
        [found] = prepared(person.pk)
        expected = Person.objects.public().get(pk=person.pk)
        assert [getattr(found, f) for f in fields] == [getattr(expected, f) for f in fields]
    assert prepared(held.pk)[0].biography == "" and prepared(free.pk)[0].born is not None


def test_a_cached_memorial_page_is_not_served_once_a_hold_is_placed(client):
    person = PersonFactory()
    address = person.get_absolute_url()
    assert [client.get(address).status_code for _ in range(2)] == [200, 200]  # now cached

    hold_on(person)

    assert client.get(address).status_code == 404


def test_api_mirrors_follow_holds_placed_and_changed(client):
    person = PersonFactory(biography="<p>Words.</p>")
    start = until(client)
    hold = hold_on(person, whole_record=False, hides_biography=True)

    assert changed(client, "people", start) == [person.pk]
    assert client.get(f"/api/v1/people/{person.pk}/").json()["biography"] == ""

    start = until(client)
    hold.whole_record = True
    hold.save()

    assert [gone["id"] for gone in client.get(DELETIONS, {"since": start}).json()["results"]] == [
        person.pk
    ]


@pytest.mark.parametrize("ordering", ["born", "-born", "age", "-age"])
def test_a_held_date_of_birth_sorts_as_an_empty_one_in_the_api(client, ordering):
    """Among people born in 1940 and 1960, where the held 1950 stands would tell it."""
    older, held, younger = (
        PersonFactory(born=datetime.date(year, 1, 1)) for year in (1940, 1950, 1960)
    )
    unknown = PersonFactory(born=None)
    hold_on(held, whole_record=False, hides_birth_date=True)

    listed = client.get("/api/v1/people/", {"ordering": ordering}).json()["results"]
    ids = [record["id"] for record in listed]

    # Wherever the database puts an empty date, the held one is beside the empty one.
    assert abs(ids.index(held.pk) - ids.index(unknown.pk)) == 1
    first, last = sorted([ids.index(older.pk), ids.index(younger.pk)])
    assert not first < ids.index(held.pk) < last


def test_an_embargo_needs_its_end_date_and_a_living_person():
    dead = PersonFactory(fate=Person.Fate.KILLED)
    captive = PersonFactory(fate=Person.Fate.CAPTIVE)

    with pytest.raises(ValidationError) as undated:
        Hold(person=captive, reason=Hold.Reason.EMBARGO).full_clean()
    with pytest.raises(ValidationError) as of_the_dead:
        Hold(person=dead, reason=Hold.Reason.EMBARGO, review_on=TODAY).full_clean()
    Hold(person=captive, reason=Hold.Reason.EMBARGO, review_on=TODAY).full_clean()

    assert "review_on" in undated.value.message_dict
    assert "reason" in of_the_dead.value.message_dict


def test_a_hold_in_effect_needs_a_record_and_something_to_hold():
    person = PersonFactory()
    with pytest.raises(ValidationError) as unnamed:
        Hold(status=Hold.Status.IN_EFFECT, record_named="Someone").full_clean()
    with pytest.raises(ValidationError) as empty:
        Hold(person=person, whole_record=False).full_clean()

    assert "person" in unnamed.value.message_dict
    assert "whole_record" in empty.value.message_dict


# The public request form


def request_data(**fields) -> dict:
    return {
        "record": "Aynur Shownova",
        "asked_for": "remove_fields",
        "fields": ["photo", "biography"],
        "message": "Please remove her photo.",
        "name": "Leyla",
        "relationship": "daughter",
        "email": "leyla@example.org",
        "website": "",
        **fields,
    }


@pytest.fixture
def moderator_with_mail(moderator):
    moderator.email = "moderator@example.org"
    moderator.save()
    return moderator


def test_a_request_on_a_memorial_page_opens_a_hold_request_and_tells_the_moderators(
    client, moderator_with_mail
):
    person = DocumentedPersonFactory(family_name="Shownova")
    page = client.get(f"/en/people/{person.pk}/").content.decode()
    assert f"/en/people/{person.pk}/request/" in page

    response = client.post(f"/en/people/{person.pk}/request/", request_data())

    assert response.status_code == 302 and response["Location"].endswith("/sent/")
    hold = Hold.objects.get()
    assert (hold.person, hold.status, hold.whole_record) == (person, "requested", False)
    assert (hold.hides_photo, hold.hides_biography, hold.hides_birth_date) == (True, True, False)
    assert (hold.requester_relationship, hold.requester_email) == ("daughter", "leyla@example.org")
    [sent] = mail.outbox
    assert sent.to == ["moderator@example.org"]
    assert f"/admin/snippets/archive/hold/edit/{hold.pk}/" in sent.body
    assert "leyla@example.org" not in sent.body  # kept in the admin only
    assert person.pk in public_ids()  # nothing changes before a moderator decides


def test_the_general_form_works_without_javascript_and_keeps_what_was_typed_on_an_error(client):
    form = client.get("/en/request-a-correction/")
    assert form.status_code == 200
    assert b"<script" not in form.content

    response = client.post("/en/request-a-correction/", request_data(fields=[], email="nope"))

    assert response.status_code == 400
    text = response.content.decode()
    assert "Choose the details to remove." in text and "Enter a valid email address." in text
    assert "Please remove her photo." in text
    assert not Hold.objects.exists()


def test_a_general_request_names_the_record_as_typed(client):
    client.post("/en/request-a-correction/", request_data(asked_for="correction"))

    hold = Hold.objects.get()
    assert (hold.person, hold.record_named, hold.asked_for) == (
        None,
        "Aynur Shownova",
        "correction",
    )


def test_a_robot_filling_the_hidden_field_is_thanked_and_nothing_is_kept(client):
    response = client.post("/en/request-a-correction/", request_data(website="http://spam"))

    assert response.status_code == 302
    assert not Hold.objects.exists() and not mail.outbox


def test_requests_beyond_the_hourly_limit_get_429(client):
    answers = [
        client.post("/en/request-a-correction/", request_data()).status_code for _ in range(6)
    ]

    assert answers == [302] * 5 + [429]
    assert Hold.objects.count() == 5


def test_no_request_form_for_a_record_the_public_may_not_see(client):
    hidden = PersonFactory(visibility=Person.Visibility.RESTRICTED)
    held = PersonFactory()
    hold_on(held)

    for person in (hidden, held):
        assert client.get(f"/en/people/{person.pk}/request/").status_code == 404


# The moderators' admin


def test_only_moderators_see_holds_and_their_requesters(editor_client, moderator):
    hold = hold_on(PersonFactory(), requester_email="leyla@example.org")

    assert editor_client.get("/admin/snippets/archive/hold/").status_code in (302, 403)
    assert editor_client.get(f"/admin/snippets/archive/hold/edit/{hold.pk}/").status_code in (
        302,
        403,
    )
    assert "leyla@example.org" not in editor_client.get("/admin/").content.decode()
    editor_client.force_login(moderator)
    edit = editor_client.get(f"/admin/snippets/archive/hold/edit/{hold.pk}/")
    assert edit.status_code == 200 and "leyla@example.org" in edit.content.decode()


def test_a_moderator_places_a_hold_from_the_admin(moderator_client):
    person = PersonFactory()
    hold = Hold.objects.create(person=person, record_named="", requester_relationship="son")
    data = {
        "person": person.pk,
        "record_named": "",
        "status": "in_effect",
        "reason": "legal",
        "whole_record": "on",
        "review_on": "",
        "requested_on": "2026-12-01",
        "asked_for": "",
        "requester_name": "",
        "requester_relationship": "son",
        "requester_email": "",
        "message": "",
    }

    response = moderator_client.post(f"/admin/snippets/archive/hold/edit/{hold.pk}/", data)

    assert response.status_code == 302
    assert person.pk not in public_ids()


def test_the_dashboard_lists_requests_and_holds_due_for_moderators_only(editor_client, moderator):
    requested = Hold.objects.create(record_named="Someone Requestedova")
    due = hold_on(
        PersonFactory(family_name="Embargoeva", fate=Person.Fate.CAPTIVE),
        reason=Hold.Reason.EMBARGO,
        review_on=datetime.date(2000, 1, 1),
    )

    assert "Requestedova" not in editor_client.get("/admin/").content.decode()
    editor_client.force_login(moderator)
    dashboard = editor_client.get("/admin/").content.decode()
    assert "Requestedova" in dashboard and "Embargoeva" in dashboard
    assert f"/admin/snippets/archive/hold/edit/{requested.pk}/" in dashboard
    assert f"/admin/snippets/archive/hold/edit/{due.pk}/" in dashboard


# The reminder


def test_an_ended_embargo_reminds_the_moderators_once_and_publishes_nothing(
    moderator_with_mail, capsys
):
    captive = PersonFactory(family_name="Captivova", fate=Person.Fate.CAPTIVE)
    ended = hold_on(captive, reason=Hold.Reason.EMBARGO, review_on=datetime.date(2000, 1, 1))
    hold_on(PersonFactory(), reason=Hold.Reason.LEGAL, review_on=datetime.date(2999, 1, 1))

    call_command("remind_holds")
    call_command("remind_holds")

    [sent] = mail.outbox
    assert "Captivova" in sent.body and f"/hold/edit/{ended.pk}/" in sent.body
    assert captive.pk not in public_ids()
    assert Hold.objects.get(pk=ended.pk).status == Hold.Status.IN_EFFECT
    assert "1 hold(s) due" in capsys.readouterr().out


def test_a_new_review_date_is_reminded_of_again_and_list_only_sends_nothing(moderator_with_mail):
    hold = hold_on(PersonFactory(), review_on=datetime.date(2000, 1, 1), reminded_on=TODAY)
    call_command("remind_holds", "--list-only")
    assert not mail.outbox

    hold.review_on = datetime.date(2020, 1, 1)
    hold.reminded_on = datetime.date(2019, 1, 1)
    hold.save()
    call_command("remind_holds", "--list-only")
    assert not mail.outbox
    call_command("remind_holds")
    assert len(mail.outbox) == 1
