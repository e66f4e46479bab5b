"""A person's fate as dated, sourced events: the summary fate derived from them, and the events
through the admin, the memorial page and the API; restricted records keep theirs hidden, and
imports with a single fate column work as before."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.test.utils.form_data import inline_formset

from archive.models import FateEvent, Person, Precision, documented_counts
from archive.models.people import fate_from_events
from tests.admin_forms import person_form
from tests.api_data import restricted_person
from tests.factories import (
    DocumentedPersonFactory,
    EventFactory,
    PersonFactory,
    PlaceFactory,
    SourceFactory,
)
from tests.test_import_people import person_row, run

pytestmark = pytest.mark.django_db

Kind = FateEvent.Kind
PEOPLE = "/api/v1/people/"


def with_events(person: Person, *kinds, **fields) -> Person:
    """``person`` with events of ``kinds`` in that order, then saved (which derives the fate)."""
    for order, kind in enumerate(kinds):
        FateEvent.objects.create(person=person, kind=kind, sort_order=order, **fields)
    person.save()
    return person


@pytest.mark.parametrize(
    ("kinds", "summary"),
    [
        ([Kind.WOUNDED, Kind.TAKEN_CAPTIVE, Kind.RELEASED], Person.Fate.RELEASED),
        ([Kind.WOUNDED, Kind.TAKEN_CAPTIVE], Person.Fate.CAPTIVE),
        ([Kind.WOUNDED, Kind.DIED_OF_WOUNDS, Kind.BURIED], Person.Fate.DIED_OF_WOUNDS),
        ([Kind.MISSING, Kind.KILLED, Kind.IDENTIFIED, Kind.BURIED], Person.Fate.KILLED),
        ([Kind.MISSING, Kind.IDENTIFIED], Person.Fate.MISSING),
        ([Kind.IDENTIFIED, Kind.BURIED], None),
        ([], None),
    ],
)
def test_the_summary_is_the_last_event_that_changes_it(kinds, summary):
    assert fate_from_events([FateEvent(kind=kind) for kind in kinds]) == summary


def test_saving_derives_the_fate_from_the_events_in_their_order():
    person = PersonFactory(fate=Person.Fate.WOUNDED)
    FateEvent.objects.create(person=person, kind=Kind.RELEASED, sort_order=2)
    FateEvent.objects.create(person=person, kind=Kind.TAKEN_CAPTIVE, sort_order=1)
    person.save()

    assert Person.objects.get(pk=person.pk).fate == Person.Fate.RELEASED


def test_the_deciding_event_gives_the_summary_its_date_and_place_and_the_age():
    place = PlaceFactory(name="Khojaly")
    person = PersonFactory(fate=Person.Fate.WOUNDED, born=datetime.date(1950, 6, 1), fate_date=None)
    FateEvent.objects.create(
        person=person, kind=Kind.WOUNDED, sort_order=0, date=datetime.date(1992, 2, 26)
    )
    FateEvent.objects.create(
        person=person,
        kind=Kind.DIED_OF_WOUNDS,
        sort_order=1,
        date=datetime.date(2001, 1, 1),
        date_precision=Precision.YEAR,
        place=place,
    )
    FateEvent.objects.create(person=person, kind=Kind.BURIED, sort_order=2)
    person.save()

    person.refresh_from_db()
    assert person.fate == Person.Fate.DIED_OF_WOUNDS
    assert (person.fate_date, person.fate_date_precision) == (datetime.date(2001, 1, 1), "year")
    assert person.fate_place == place
    assert person.age == 51


def test_without_events_or_with_only_a_burial_the_fate_stays_as_typed():
    plain = PersonFactory(fate=Person.Fate.MISSING)
    buried = with_events(PersonFactory(fate=Person.Fate.KILLED), Kind.BURIED)
    plain.save()

    assert Person.objects.get(pk=plain.pk).fate == Person.Fate.MISSING
    assert Person.objects.get(pk=buried.pk).fate == Person.Fate.KILLED


def test_filters_and_documented_counts_read_the_derived_fate(client):
    event = EventFactory()
    died = with_events(
        DocumentedPersonFactory(event=event, fate=Person.Fate.WOUNDED),
        Kind.WOUNDED,
        Kind.DIED_OF_WOUNDS,
    )
    with_events(PersonFactory(event=event, fate=Person.Fate.WOUNDED), Kind.KILLED)  # synthetic

    listed = client.get(PEOPLE, {"fate": "died_of_wounds"}).json()["results"]
    counts = documented_counts(event.pk)

    assert [record["id"] for record in listed] == [died.pk]
    assert counts["killed"] == 1  # the synthetic record is never counted
    assert counts["injured"] == 0


def test_documented_counts_take_in_what_happened_on_the_way_to_the_fate():
    event = EventFactory()
    # Wounded, taken captive, released: injured and taken captive, though released now.
    with_events(
        DocumentedPersonFactory(event=event), Kind.WOUNDED, Kind.TAKEN_CAPTIVE, Kind.RELEASED
    )
    # Taken captive, then killed in captivity: killed and taken captive, not injured.
    with_events(DocumentedPersonFactory(event=event), Kind.TAKEN_CAPTIVE, Kind.KILLED)
    # Wounded, then died of the wounds: killed, not injured.
    with_events(DocumentedPersonFactory(event=event), Kind.WOUNDED, Kind.DIED_OF_WOUNDS)
    # No events: the fate as typed.
    DocumentedPersonFactory(event=event, fate=Person.Fate.WOUNDED)
    # A restricted record's events count for nothing.
    with_events(
        DocumentedPersonFactory(event=event, visibility=Person.Visibility.RESTRICTED),
        Kind.TAKEN_CAPTIVE,
        Kind.RELEASED,
    )

    counts = documented_counts(event.pk)

    assert (counts["killed"], counts["injured"], counts["captured"]) == (2, 2, 2)


# The admin


def event_rows(*rows):
    return inline_formset(
        [
            {
                "kind": kind,
                "date": date,
                "certainty": "confirmed",
                "place": "",
                "source": "",
                "note": "",
                "ORDER": str(order),
            }
            for order, (kind, date) in enumerate(rows, start=1)
        ]
    )


def test_the_admin_saves_events_with_partial_dates_and_the_fate_they_leave(admin_client):
    data = person_form(
        family_name="Eventova",
        fate="died_of_wounds",
        fate_events=event_rows(("wounded", "26.02.1992"), ("died_of_wounds", "1992-03")),
        **{"action-publish": "publish"},
    )
    response = admin_client.post(reverse("wagtailsnippets_archive_person:add"), data)

    assert response.status_code == 302
    person = Person.objects.get(family_name="Eventova")
    events = list(person.fate_events.all())
    assert [event.kind for event in events] == ["wounded", "died_of_wounds"]
    assert events[1].date == datetime.date(1992, 3, 1)
    assert events[1].date_precision == Precision.MONTH
    assert events[0].certainty == FateEvent.Certainty.CONFIRMED
    assert person.fate == Person.Fate.DIED_OF_WOUNDS


def test_the_admin_refuses_a_fate_the_events_contradict_and_keeps_nothing(admin_client):
    data = person_form(
        family_name="Contradictova",
        fate="survived",
        fate_events=event_rows(("taken_captive", "1992"), ("released", "1993")),
    )
    response = admin_client.post(reverse("wagtailsnippets_archive_person:add"), data)

    assert response.status_code == 200
    errors = response.context["form"].errors["fate"]
    assert "Released from captivity" in errors[0]
    assert not Person.objects.filter(family_name="Contradictova").exists()


def test_the_edit_form_shows_the_events_and_reads_back_a_typed_date(admin_client):
    person = PersonFactory()
    FateEvent.objects.create(
        person=person,
        kind=Kind.KILLED,
        date=datetime.date(1992, 1, 1),
        date_precision=Precision.YEAR,
        date_approximate=True,
    )
    html = admin_client.get(
        reverse("wagtailsnippets_archive_person:edit", args=[person.pk])
    ).content.decode()

    assert 'name="fate_events-0-date"' in html
    assert 'value="c. 1992"' in html


# The memorial page and the API


@pytest.fixture
def documented_story():
    place = PlaceFactory(name="Khojaly")
    source = SourceFactory(title="Hospital register")
    person = PersonFactory(sex=Person.Sex.FEMALE, fate=Person.Fate.WOUNDED)
    FateEvent.objects.create(
        person=person,
        kind=Kind.WOUNDED,
        sort_order=0,
        date=datetime.date(1992, 2, 26),
        place=place,
        source=source,
        certainty=FateEvent.Certainty.CONFIRMED,
    )
    FateEvent.objects.create(
        person=person,
        kind=Kind.TAKEN_CAPTIVE,
        sort_order=1,
        date=datetime.date(1992, 2, 1),
        date_precision=Precision.MONTH,
        certainty=FateEvent.Certainty.REPORTED,
        note="Named by a fellow captive",
    )
    person.save()
    return person


def test_the_memorial_page_lists_the_events_under_the_fate(client, documented_story):
    html = client.get(documented_story.get_absolute_url()).content.decode()

    listed = html.split('class="fate-events"')[1].split("</ol>")[0]
    assert listed.index("Wounded") < listed.index("Taken captive")
    assert '<time datetime="1992-02-26">' in listed
    assert "Khojaly" in listed and "(confirmed)" in listed and "(reported)" in listed
    assert "Hospital register" in listed and "Named by a fellow captive" in listed
    assert "synthetic" in html.lower()  # the record says it is generated


def test_the_event_labels_agree_with_the_persons_sex_in_russian(client, documented_story):
    with translation.override("ru"):
        html = client.get(documented_story.get_absolute_url()).content.decode()

    listed = html.split('class="fate-events"')[1].split("</ol>")[0]
    assert "Ранена" in listed and "Взята в плен" in listed and "Подтверждено".lower() in listed


def test_the_api_gives_the_events_in_detail_and_in_lists(client, documented_story):
    detail = client.get(f"{PEOPLE}{documented_story.pk}/").json()
    listed = client.get(PEOPLE).json()["results"][0]

    assert detail["fate"] == "captive"
    assert listed["fate_events"] == detail["fate_events"]
    wounded, captive = detail["fate_events"]
    assert wounded["kind"] == "wounded" and wounded["kind_label"] == "Wounded"
    assert wounded["date"]["value"] == "1992-02-26"
    assert wounded["place"]["name"] == "Khojaly" and wounded["place"]["url"]
    assert wounded["source"]["title"] == "Hospital register"
    assert wounded["certainty"] == "confirmed"
    assert captive["date"]["precision"] == "month" and captive["place"] is None


def test_the_csv_export_gives_each_event_and_its_date(client, documented_story):
    csv = b"".join(client.get(PEOPLE, {"format": "csv"}).streaming_content).decode()

    assert "Wounded 1992-02-26; Taken captive 1992-02" in csv


def test_the_schema_declares_the_events(client):
    schema = client.get("/api/schema/", {"format": "json"}).json()
    person = schema["components"]["schemas"]["Person"]["properties"]

    assert "fate_events" in person
    assert person["fate_events"]["type"] == "array"


def test_a_restricted_persons_events_appear_nowhere(client):
    hidden = with_events(
        restricted_person(family_name="Hidden"), Kind.KILLED, note="Secret circumstance"
    )
    PersonFactory(family_name="Shown")

    api = client.get(PEOPLE).content.decode()
    page = client.get(hidden.get_absolute_url())

    assert "Secret circumstance" not in api
    assert page.status_code == 404
    assert not FateEvent.objects.public().exists()


# Imports


def test_an_import_with_a_single_fate_column_works_as_before():
    report = run([person_row(1, fate="missing")], publish=True)

    person = Person.objects.get(external_id="list-1")
    assert report.summary.created == 1
    assert person.fate == Person.Fate.MISSING
    assert not person.fate_events.exists()


def test_an_import_keeps_the_fate_a_persons_events_leave_and_their_events():
    person = with_events(
        PersonFactory(external_id="list-7", fate=Person.Fate.CAPTIVE),
        Kind.TAKEN_CAPTIVE,
        Kind.RELEASED,
    )

    run([person_row(7, fate="killed")], publish=True)

    person.refresh_from_db()
    assert person.fate == Person.Fate.RELEASED
    assert [event.kind for event in person.fate_events.all()] == ["taken_captive", "released"]
    assert len(person.latest_revision.content["fate_events"]) == 2
