"""The public history of changes of people, timeline entries and statements (issue 12.3):
written at each publish, whatever publishes, with the reason and source given; shown on each
record's page and in the API; never a restricted field or value."""

import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale, Page

from archive import record_history
from archive.importers.csv_xlsx import read_table
from archive.importers.service import import_people
from archive.models import (
    FateEvent,
    Hold,
    Person,
    PersonMedia,
    Place,
    PublishedChange,
    RevisionReason,
    StatementPage,
    TimelineEntry,
)
from archive.models import Testimony as GivenTestimony  # not collected as a test class
from tests.admin_forms import entry_form, person_form
from tests.factories import PersonFactory, PlaceFactory, SourceFactory, TimelineEntryFactory
from tests.test_record_media import attach, new_image

pytestmark = pytest.mark.django_db

ADD = reverse("wagtailsnippets_archive_person:add")


def edit_url(person):
    return reverse("wagtailsnippets_archive_person:edit", args=[person.pk])


def published_by_moderator(client, **fields):
    response = client.post(ADD, {**person_form(**fields), "action-publish": "Publish"})
    assert response.status_code == 302, response.content[:2000]
    return Person.objects.get(family_name=fields.get("family_name", "Testova"))


def changes_api(client, kind, pk, **params):
    return client.get(f"/api/v1/{kind}/{pk}/changes/", params)


def test_publishing_a_record_first_writes_an_entry_without_changes(moderator_client):
    person = published_by_moderator(moderator_client, family_name="Historova")

    [entry] = PublishedChange.objects.of(person)
    assert entry.first and entry.changes == []
    assert entry.action == PublishedChange.Action.PUBLISHED
    assert entry.snapshot["family_name"] == "Historova"


def test_a_published_change_shows_old_and_new_value_reason_and_source(moderator_client):
    person = published_by_moderator(moderator_client, family_name="Historova", born="")
    source = SourceFactory(title="Register of 1992")

    PersonFactory(sources=[source])  # a public record cites it: the public may see it
    response = moderator_client.post(
        edit_url(person),
        {
            **person_form(family_name="Historova", born="1950-03-01", occupation="Teacher"),
            "change_reason": "The register gives her birth date.",
            "change_source": str(source.pk),
            "action-publish": "Publish",
        },
    )
    assert response.status_code == 302, response.content[:3000]

    latest = PublishedChange.objects.of(person).first()
    assert not latest.first
    assert latest.reason == "The register gives her birth date."
    assert latest.source == source
    # The age at the time follows from the date of birth, and the page shows it too.
    assert [change["field"] for change in latest.changes] == ["born", "age", "occupation"]

    page = moderator_client.get(person.get_absolute_url()).content.decode()
    assert "Changes to this record" in page
    assert "The register gives her birth date." in page
    assert "1 March 1950" in page and "Teacher" in page
    assert '<th scope="row">Date of birth</th>' in page

    api = changes_api(moderator_client, "people", person.pk).json()
    assert api["count"] == 2
    [born, _age, occupation] = api["results"][0]["changes"]
    assert born == {"field": "born", "label": "Date of birth", "old": "none", "new": "1 March 1950"}
    assert occupation["new"] == "Teacher"
    assert api["results"][0]["source"]["title"] == "Register of 1992"
    assert api["results"][1]["first_publication"] is True


def test_labels_and_values_are_in_the_readers_language(moderator_client):
    person = published_by_moderator(moderator_client, family_name="Historova", born="")
    moderator_client.post(
        edit_url(person),
        {
            **person_form(family_name="Historova", born="1950-03-01", fate="wounded"),
            "change_reason": "Corrected.",
            "action-publish": "Publish",
        },
    )
    changes = changes_api(moderator_client, "people", person.pk, lang="ru").json()["results"][0]
    with translation.override("ru"):
        born_label = str(Person._meta.get_field("born").verbose_name).capitalize()
        fate_wounded = str(Person.Fate.WOUNDED.label)
    labels = {change["field"]: change for change in changes["changes"]}
    assert labels["born"]["label"] == born_label
    assert labels["born"]["new"] == "1 марта 1950"
    assert labels["fate"]["new"] == fate_wounded


@pytest.mark.parametrize("rows", ["fate_events", "testimonies"])
def test_a_change_of_a_persons_own_rows_is_shown_under_their_name(client, moderator, rows):
    # Fate events and testimonies are rows of their own (reverse relations, with no label of
    # their own on the person): the page and the API name them, in the reader's language.
    person = PersonFactory(family_name="Historova", sex="female")
    person.save_revision(user=moderator).publish(user=moderator)
    person = Person.objects.get(pk=person.pk)
    if rows == "fate_events":
        person.fate_events = [FateEvent(kind="wounded", certainty="confirmed")]
    else:
        person.testimonies = [GivenTestimony(text="She carried her brother out.", given_by="A son")]
    with record_history.reason_for("A survivor's account."):
        person.save_revision(user=moderator).publish(user=moderator)

    page = client.get(person.get_absolute_url())
    assert page.status_code == 200
    model = FateEvent if rows == "fate_events" else GivenTestimony
    with translation.override("ru"):
        label = str(model._meta.verbose_name_plural).capitalize()
    changes = changes_api(client, "people", person.pk, lang="ru").json()["results"][0]["changes"]
    assert {change["field"]: change["label"] for change in changes}[rows] == label


def test_publishing_a_change_to_a_published_record_asks_for_a_reason(moderator_client):
    person = published_by_moderator(moderator_client, family_name="Historova")

    response = moderator_client.post(
        edit_url(person),
        {**person_form(family_name="Historova", occupation="Doctor"), "action-publish": "Publish"},
    )

    assert response.status_code == 200
    assert "Give the reason for this change" in response.content.decode()
    person.refresh_from_db()
    assert person.occupation == ""
    assert PublishedChange.objects.of(person).count() == 1


def test_the_reason_an_editor_submits_is_published_by_the_moderators_approval(
    client, editor, moderator
):
    person = PersonFactory(family_name="Historova")
    person.save_revision(user=moderator).publish(user=moderator)
    client.force_login(editor)
    response = client.post(
        edit_url(person),
        {
            **person_form(family_name="Historova", occupation="Nurse"),
            "change_reason": "Her daughter's testimony.",
            "action-submit": "Submit",
        },
    )
    assert response.status_code == 302, response.content[:3000]
    assert RevisionReason.objects.get().reason == "Her daughter's testimony."

    person.refresh_from_db()
    client.force_login(moderator)
    client.post(
        reverse(
            "wagtailsnippets_archive_person:workflow_action",
            args=(person.pk, "approve", person.current_workflow_task_state.pk),
        ),
        {"comment": ""},
    )

    latest = PublishedChange.objects.of(person).first()
    assert latest.reason == "Her daughter's testimony."
    assert {"field": "occupation", "old": "", "new": "Nurse"} in latest.changes


def submitted_without_reason(person, editor, **changes):
    """A change to a published person, saved as a revision and submitted with no reason (as
    bulk submission does)."""
    person = Person.objects.get(pk=person.pk)
    for name, value in changes.items():
        setattr(person, name, value)
    person.save_revision(user=editor)
    person.get_workflow().start(person, editor)
    return Person.objects.get(pk=person.pk)


def approve(client, person, comment=""):
    task_state = person.current_workflow_task_state
    url = reverse(
        "wagtailsnippets_archive_person:workflow_action",
        args=(person.pk, "approve", task_state.pk),
    )
    return client.post(url, {"comment": comment})


def test_a_moderators_approval_comment_is_the_reason_where_none_was_given(
    client, editor, moderator
):
    person = PersonFactory(family_name="Historova")
    person.save_revision(user=moderator).publish(user=moderator)
    person = submitted_without_reason(person, editor, occupation="Nurse")

    client.force_login(moderator)
    approve(client, person, comment="The 1993 register confirms it.")

    latest = PublishedChange.objects.of(person).first()
    assert latest.reason == "The 1993 register confirms it."
    assert {"field": "occupation", "old": "", "new": "Nurse"} in latest.changes


def test_an_editors_reason_stays_when_the_moderator_comments_on_approving(
    client, editor, moderator
):
    person = PersonFactory(family_name="Historova")
    person.save_revision(user=moderator).publish(user=moderator)
    person = Person.objects.get(pk=person.pk)
    person.occupation = "Nurse"
    person.change_reason = record_history.Reason("Her daughter's testimony.")
    person.save_revision(user=editor)
    person.get_workflow().start(person, editor)

    client.force_login(moderator)
    approve(client, Person.objects.get(pk=person.pk), comment="OK")

    assert PublishedChange.objects.of(person).first().reason == "Her daughter's testimony."


def approved_from_the_form(client, person, comment: str):
    """A moderator approving ``person``'s submitted change in its edit form, with
    ``comment`` in Wagtail's "Approve with comment" dialogue."""
    return client.post(
        edit_url(person),
        {
            **person_form(family_name="Historova", occupation="Nurse"),
            "action-workflow-action": "true",
            "workflow-action-name": "approve",
            "workflow-action-extra-data": json.dumps({"comment": comment}),
        },
    )


def test_approving_with_a_comment_from_the_form_asks_for_no_other_reason(moderator_client, editor):
    person = published_by_moderator(moderator_client, family_name="Historova")
    person = submitted_without_reason(person, editor, occupation="Nurse")

    response = approved_from_the_form(moderator_client, person, "Checked against the list.")

    assert response.status_code == 302, response.content.decode()[:3000]
    latest = PublishedChange.objects.of(person).first()
    assert latest.reason == "Checked against the list."


def test_approving_from_the_form_without_comment_or_reason_asks_for_one(moderator_client, editor):
    person = published_by_moderator(moderator_client, family_name="Historova")
    person = submitted_without_reason(person, editor, occupation="Nurse")

    response = approved_from_the_form(moderator_client, person, "  ")

    assert response.status_code == 200
    assert "Give the reason for this change" in response.content.decode()
    assert PublishedChange.objects.of(person).count() == 1


def test_a_change_to_nothing_public_writes_no_entry(moderator_client):
    person = published_by_moderator(moderator_client, family_name="Historova")

    moderator_client.post(
        edit_url(person),
        {
            **person_form(family_name="Historova", external_id="LIST-77"),
            "change_reason": "Its number in the list.",
            "action-publish": "Publish",
        },
    )

    person.refresh_from_db()
    assert person.external_id == "LIST-77"
    assert PublishedChange.objects.of(person).count() == 1


def test_the_history_shows_no_restricted_value(moderator_client, moderator):
    hidden = PersonFactory(family_name="Hiddenova", visibility=Person.Visibility.RESTRICTED)
    shown = PersonFactory(family_name="Shownova")
    entry = TimelineEntryFactory(title="Before")
    entry.related_people.set([shown])
    entry.save_revision(user=moderator).publish(user=moderator)

    entry.refresh_from_db()
    response = moderator_client.post(
        reverse("wagtailsnippets_archive_timelineentry:edit", args=[entry.pk]),
        {
            **entry_form(
                title="After",
                slug=entry.slug,
                summary=entry.summary,
                related_people=[shown.pk, hidden.pk],
            ),
            "change_reason": "Renamed.",
            "action-publish": "Publish",
        },
    )
    assert response.status_code == 302, response.content[:3000]

    latest = PublishedChange.objects.of(entry).first()
    assert [change["field"] for change in latest.changes] == ["title"]
    stored = str(list(PublishedChange.objects.values_list("snapshot", "changes")))
    assert "Hiddenova" not in stored
    assert [linked["id"] for linked in latest.snapshot["related_people"]] == [shown.pk]

    page = moderator_client.get(reverse("archive:timeline_entry_changes", args=[entry.pk]))
    api = changes_api(moderator_client, "timeline", entry.pk)
    for answer in (page, api):
        assert answer.status_code == 200
        assert "Hiddenova" not in answer.content.decode()
        assert "After" in answer.content.decode()


def test_a_restricted_record_has_no_public_history(moderator_client, client):
    person = published_by_moderator(moderator_client, family_name="Historova")
    Person.objects.filter(pk=person.pk).update(visibility=Person.Visibility.RESTRICTED)

    assert changes_api(client, "people", person.pk).status_code == 404
    assert client.get(person.get_absolute_url()).status_code == 404


def test_publishing_a_restricted_record_writes_no_entry(moderator):
    person = PersonFactory(live=False, visibility=Person.Visibility.RESTRICTED)
    person.save_revision(user=moderator).publish(user=moderator)

    assert not PublishedChange.objects.of(person).exists()


def test_fields_a_hold_keeps_now_leave_every_entry(moderator_client, moderator):
    person = published_by_moderator(moderator_client, family_name="Historova", born="")
    moderator_client.post(
        edit_url(person),
        {
            **person_form(family_name="Historova", born="1950-03-01"),
            "change_reason": "From the register.",
            "action-publish": "Publish",
        },
    )
    # A family's hold on the date of birth withholds it, and the age it gives.
    Hold.objects.create(
        person=person,
        reason=Hold.Reason.FAMILY_REQUEST,
        status=Hold.Status.IN_EFFECT,
        whole_record=False,
        hides_birth_date=True,
    )

    page = moderator_client.get(person.get_absolute_url()).content.decode()
    history = page[page.index('<section class="record-changes"') :]
    api = changes_api(moderator_client, "people", person.pk).json()

    assert "1950" not in history and "From the register." not in history
    assert [entry["first_publication"] for entry in api["results"]] == [True]


IMPORT_CSV = (
    "external_id,family_name,given_name,sex,fate,fate_date,is_synthetic\n"
    "T-1,Importova,Aysel,female,killed,1992-02-26,yes\n"
)


def test_an_import_appears_with_its_reason(moderator, client):
    table = read_table(io.BytesIO(IMPORT_CSV.encode()))
    import_people(table, publish=True, user=moderator, reason="The 1992 list of victims")

    person = Person.objects.get(external_id="T-1")
    [entry] = PublishedChange.objects.of(person)
    assert entry.action == PublishedChange.Action.IMPORTED
    assert entry.reason == "The 1992 list of victims"

    changed = IMPORT_CSV.replace("1992-02-26", "1992-02-27")
    import_people(
        read_table(io.BytesIO(changed.encode())),
        publish=True,
        user=moderator,
        reason="The corrected list",
    )
    result = changes_api(client, "people", person.pk).json()["results"][0]
    assert result["action"] == "imported" and result["reason"] == "The corrected list"
    assert [change["field"] for change in result["changes"]] == ["fate_date"]


def test_bulk_approval_writes_each_records_history_with_the_reason_given(
    moderator_client, moderator
):
    people = PersonFactory.create_batch(2, live=False)
    for person in people:
        person.save_revision(user=moderator)
    query = "&".join(f"id={person.pk}" for person in people)
    url = reverse("wagtail_bulk_action", args=["archive", "person", "approve"]) + "?" + query

    response = moderator_client.post(url, {"change_reason": "Checked against the list."})

    assert response.status_code == 302
    for person in people:
        [entry] = PublishedChange.objects.of(person)
        assert entry.first and entry.reason == "Checked against the list."


def test_bulk_approval_of_a_published_record_asks_for_a_reason(moderator_client, moderator):
    person = PersonFactory()
    person.save_revision(user=moderator).publish(user=moderator)
    person.occupation = "Driver"
    person.save_revision(user=moderator)
    url = reverse("wagtail_bulk_action", args=["archive", "person", "approve"])

    response = moderator_client.post(f"{url}?id={person.pk}", {"change_reason": ""})

    assert response.status_code == 200
    person.refresh_from_db()
    assert person.occupation == ""


def revised_with_reason(person, user, reason: str, **changes):
    person = Person.objects.get(pk=person.pk)
    for name, value in changes.items():
        setattr(person, name, value)
    person.change_reason = record_history.Reason(reason)
    person.save_revision(user=user)
    return person


def test_bulk_approval_asks_no_reason_when_every_editor_gave_one(
    moderator_client, moderator, editor
):
    people = PersonFactory.create_batch(2)
    for n, person in enumerate(people):
        person.save_revision(user=moderator).publish(user=moderator)
        revised_with_reason(person, editor, f"Reason {n} from the editor.", occupation="Driver")
    url = reverse("wagtail_bulk_action", args=["archive", "person", "approve"])
    query = "&".join(f"id={person.pk}" for person in people)

    confirmation = moderator_client.get(f"{url}?{query}").content.decode()
    response = moderator_client.post(f"{url}?{query}", {"change_reason": ""})

    assert "nothing is needed here" in confirmation
    assert response.status_code == 302
    for n, person in enumerate(people):
        assert PublishedChange.objects.of(person).first().reason == f"Reason {n} from the editor."


def test_bulk_approval_asks_a_reason_for_the_records_whose_editors_gave_none(
    moderator_client, moderator, editor
):
    with_reason, without = PersonFactory.create_batch(2)
    for person in (with_reason, without):
        person.save_revision(user=moderator).publish(user=moderator)
    revised_with_reason(with_reason, editor, "The editor's reason.", occupation="Driver")
    without = Person.objects.get(pk=without.pk)
    without.occupation = "Baker"
    without.save_revision(user=editor)
    url = reverse("wagtail_bulk_action", args=["archive", "person", "approve"])
    query = f"id={with_reason.pk}&id={without.pk}"

    refused = moderator_client.post(f"{url}?{query}", {"change_reason": ""})
    assert refused.status_code == 200
    assert "Give the reason for this change" in refused.content.decode()

    moderator_client.post(f"{url}?{query}", {"change_reason": "Checked against the list."})
    assert PublishedChange.objects.of(with_reason).first().reason == "The editor's reason."
    assert PublishedChange.objects.of(without).first().reason == "Checked against the list."


def test_a_reason_once_published_is_not_taken_for_the_next_change(moderator, editor):
    person = PersonFactory()
    person.save_revision(user=moderator).publish(user=moderator)
    revised_with_reason(person, editor, "First reason.", occupation="Driver")
    Person.objects.get(pk=person.pk).get_latest_revision().publish(user=moderator)

    person = Person.objects.get(pk=person.pk)
    person.occupation = "Baker"
    person.save_revision(user=editor)

    assert list(record_history.without_reason(Person.objects.filter(pk=person.pk))) == [person]
    assert not record_history.pending_reason(person)


def test_a_statements_page_and_api_show_its_changes(client, moderator, demo):
    statement = StatementPage.objects.live().first()
    statement.summary = "A corrected summary."
    with record_history.reason_for("The ministry corrected its text."):
        statement.save_revision(user=moderator).publish(user=moderator)

    page = client.get(Page.objects.get(pk=statement.pk).url).content.decode()
    assert "The ministry corrected its text." in page
    assert "A corrected summary." in page
    result = changes_api(client, "statements", statement.pk).json()["results"][0]
    assert result["changes"][0]["field"] == "summary"


def test_a_draft_has_no_history_page_or_api(client):
    entry = TimelineEntryFactory(live=False)

    assert client.get(reverse("archive:timeline_entry_changes", args=[entry.pk])).status_code == 404
    assert changes_api(client, "timeline", entry.pk).status_code == 404


def test_the_changes_are_paginated(client, moderator):
    entry = TimelineEntryFactory(title="Version 0")
    entry.save_revision(user=moderator).publish(user=moderator)
    for number in range(1, 4):
        entry = TimelineEntry.objects.get(pk=entry.pk)
        entry.title = f"Version {number}"
        entry.save_revision(user=moderator).publish(user=moderator)

    first = changes_api(client, "timeline", entry.pk, page_size=2).json()
    assert first["count"] == 4 and len(first["results"]) == 2 and first["next"]
    assert first["results"][0]["changes"][0]["new"] == "Version 3"
    assert changes_api(client, "timeline", entry.pk, page_size=0).status_code == 400


def test_the_timeline_links_each_entry_to_its_changes(client):
    entry = TimelineEntryFactory(start=datetime.date(1992, 2, 26))

    page = client.get(reverse("archive:timeline")).content.decode()

    assert reverse("archive:timeline_entry_changes", args=[entry.pk]) in page


def test_a_merge_is_an_entry_even_when_nothing_shown_changed(moderator_client):
    """The hook issue 13 (merging duplicates) uses for the record kept."""
    person = published_by_moderator(moderator_client, family_name="Historova")

    with record_history.reason_for("Record 812 was the same person.", action="merged"):
        record_history.record_published(Person, [person.pk], always=True)

    latest = PublishedChange.objects.of(person).first()
    assert latest.action == PublishedChange.Action.MERGED and latest.changes == []
    assert latest.reason == "Record 812 was the same person."


def test_records_public_before_the_history_began_show_old_values_at_their_next_change(client):
    person = PersonFactory(family_name="Earlierova", occupation="Baker")
    call_command("start_record_history", stdout=io.StringIO())

    assert not PublishedChange.objects.of(person).exists()  # nothing to show yet
    person.occupation = "Miller"
    with record_history.reason_for("Her brother's account."):
        person.save_revision().publish()

    [entry] = changes_api(client, "people", person.pk).json()["results"]
    assert entry["first_publication"] is False
    assert entry["changes"][0] == {
        "field": "occupation",
        "label": "Occupation",
        "old": "Baker",
        "new": "Miller",
    }


def test_a_person_restricted_since_leaves_the_history_that_named_them(client, moderator):
    entry = TimelineEntryFactory(title="Shelling")
    entry.save_revision(user=moderator).publish(user=moderator)
    later = PersonFactory(family_name="Laterova")
    entry = TimelineEntry.objects.get(pk=entry.pk)
    entry.related_people.set([later])
    with record_history.reason_for("A survivor named her."):
        entry.save_revision(user=moderator).publish(user=moderator)
    assert "Laterova" in changes_api(client, "timeline", entry.pk).content.decode()

    Person.objects.filter(pk=later.pk).update(visibility=Person.Visibility.RESTRICTED)

    api = changes_api(client, "timeline", entry.pk).content.decode()
    page = client.get(reverse("archive:timeline_entry_changes", args=[entry.pk])).content.decode()
    for answer in (api, page):
        assert "Laterova" not in answer and "A survivor named her." not in answer


def test_a_linked_place_is_named_in_the_readers_language(moderator_client):
    person = published_by_moderator(moderator_client, family_name="Historova")
    place = PlaceFactory(name="Khojaly")
    place.copy_for_translation(Locale.objects.get_or_create(language_code="ru")[0]).save()
    Place.objects.filter(locale__language_code="ru").update(name="Ходжалы")
    moderator_client.post(
        edit_url(person),
        {
            **person_form(family_name="Historova", residence=str(place.pk)),
            "change_reason": "From the register.",
            "action-publish": "Publish",
        },
    )

    answer = changes_api(moderator_client, "people", person.pk, lang="ru").json()
    [residence] = answer["results"][0]["changes"]
    assert residence["field"] == "residence" and residence["new"] == "Ходжалы"


def test_a_source_no_public_record_cites_is_not_shown(moderator_client):
    person = published_by_moderator(moderator_client, family_name="Historova")
    private = SourceFactory(title="Letter from the Hiddenov family")
    moderator_client.post(
        edit_url(person),
        {
            **person_form(family_name="Historova", occupation="Driver"),
            "change_reason": "A letter.",
            "change_source": str(private.pk),
            "action-publish": "Publish",
        },
    )

    assert PublishedChange.objects.of(person).first().source == private
    api = changes_api(moderator_client, "people", person.pk)
    page = moderator_client.get(person.get_absolute_url())
    for answer in (api, page):
        assert "Hiddenov" not in answer.content.decode()


def test_a_photo_added_is_named_by_its_caption_not_its_files_address(client, moderator):
    person = PersonFactory(live=False)
    person.save_revision(user=moderator).publish(user=moderator)
    attach(PersonMedia, person, image=new_image(), caption="The family's photograph of 1990")

    with record_history.reason_for("The family lent a photograph."):
        person.save_revision(user=moderator).publish(user=moderator)

    [entry, _first] = changes_api(client, "people", person.pk).json()["results"]
    assert entry["reason"] == "The family lent a photograph."
    assert [(c["field"], c["old"], c["new"]) for c in entry["changes"]] == [
        ("media", "none", "The family's photograph of 1990")
    ]
