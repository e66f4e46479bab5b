"""The import's bulk writing: COPY on PostgreSQL, bulk_create elsewhere, the same rows either way;
and revision content built as Wagtail's serializable_data() builds it."""

import csv
import gc
import io
import uuid
from datetime import UTC, date, datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from wagtail.models import Locale, ModelLogEntry, Revision

from archive import models
from archive.importers import saving
from archive.importers.bulk import insert_objects, insert_rows
from archive.importers.csv_xlsx import read_table
from archive.importers.revisions import revision_content
from archive.importers.service import collector_paused, import_people
from archive.models import Person, Source
from tests.factories import EventFactory, PersonFactory, PlaceFactory, SourceFactory


def csv_bytes(rows) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["external_id", "family_name", "given_name", "fate"])
    writer.writerows(rows)
    return out.getvalue().encode()


def full_person(**changes) -> Person:
    """An unsaved record with every kind of column filled in, as a parsed import row is."""
    place = PlaceFactory()
    values = {
        "pk": 4242,
        "locale": Locale.get_default(),
        "family_name": "Məmmədov",
        "given_name": "Əli",
        "patronymic": "Həsən oğlu",
        "name_original": "Мамедов Али",
        "alternative_spellings": "Mammadov\nMamedov",
        "sex": Person.Sex.MALE,
        "born": date(1950, 1, 1),
        "born_precision": "year",
        "fate": Person.Fate.KILLED,
        "fate_date": date(1992, 2, 26),
        "residence": place,
        "birth_place": place,
        "event": EventFactory(),
        "occupation": "teacher",
        "biography": "<p>A &lt;b&gt; teacher</p>",
        "is_synthetic": True,
        "external_id": "list-7",
        "live": False,
        "has_unpublished_changes": True,
        **changes,
    }
    person = Person(**values)
    person.update_derived_fields()
    person.testimonies = []
    person.sources = [Source(pk=SourceFactory().pk)]
    return person


@pytest.mark.django_db
def test_revision_content_is_what_serializable_data_gives():
    person = full_person()

    assert revision_content(person) == person.serializable_data()


@pytest.mark.django_db
def test_revision_content_of_a_published_record_has_its_dates_in_utc():
    person = full_person(
        live=True,
        first_published_at=datetime(2026, 12, 1, 15, 30, tzinfo=UTC),
        last_published_at=datetime(2026, 12, 1, 16, 0, tzinfo=UTC),
    )

    content = revision_content(person)

    assert content == person.serializable_data()
    assert content["first_published_at"] == datetime(2026, 12, 1, 15, 30, tzinfo=UTC)


@pytest.mark.django_db
def test_revision_content_of_a_record_with_testimonies_includes_them():
    person = full_person()
    person.testimonies = [models.Testimony(text="He taught us", given_by="a pupil")]

    content = revision_content(person)

    assert content == person.serializable_data()
    assert content["testimonies"][0]["text"] == "He taught us"


@pytest.mark.django_db
def test_inserted_rows_are_read_back_as_given_with_their_ids_in_order():
    content_type = ContentType.objects.get_for_model(Person)
    action = uuid.uuid4()
    now = datetime(2026, 12, 1, 16, 0, tzinfo=UTC)
    rows = [
        {
            "content_type_id": content_type.pk,
            "object_id": str(n),
            "label": f"Əli Məmmədov {n}\ttab, \\ backslash, \n newline",
            "action": "wagtail.create",
            "user_id": None,
            "revision_id": None,
            "uuid": action,
            "timestamp": now,
            "content_changed": True,
            "deleted": False,
            "data": {"note": "ç", "n": n},
        }
        for n in range(3)
    ]

    ids = insert_rows(ModelLogEntry, rows, with_ids=True)

    entries = ModelLogEntry.objects.filter(uuid=action).order_by("pk")
    assert [entry.pk for entry in entries] == ids
    assert [entry.label for entry in entries] == [row["label"] for row in rows]
    assert [entry.data for entry in entries] == [{"note": "ç", "n": n} for n in range(3)]
    assert {entry.timestamp for entry in entries} == {now}


@pytest.mark.django_db
def test_inserted_objects_keep_their_ids_and_every_column():
    person = full_person(pk=PersonFactory().pk + 1000)

    insert_objects(Person, [person])

    saved = Person.objects.get(pk=person.pk)
    assert saved.serializable_data() | {"sources": []} == person.serializable_data() | {
        "sources": []
    }


@pytest.mark.django_db
def test_a_failure_while_adding_new_records_leaves_nothing_written(monkeypatch):
    monkeypatch.setattr(saving, "BATCH", 2)
    insert = saving.insert_rows
    revision_batches = []

    def fail_on_the_second_batch(model, rows, **options):
        if model is Revision:
            revision_batches.append(rows)
            if len(revision_batches) == 2:
                raise RuntimeError("the database went away")
        return insert(model, rows, **options)

    monkeypatch.setattr(saving, "insert_rows", fail_on_the_second_batch)
    rows = [[f"list-{n}", "Məmmədov", "Əli", "killed"] for n in range(4)]

    with pytest.raises(RuntimeError):
        import_people(read_table(io.BytesIO(csv_bytes(rows))))

    assert len(revision_batches) == 2  # the first batch had been written
    assert not Person.objects.exists()
    assert not Revision.objects.exists()
    assert not ModelLogEntry.objects.exists()


def test_the_cycle_collector_runs_again_after_an_import_and_not_during_it():
    seen = []
    with collector_paused():
        seen.append(gc.isenabled())
    assert seen == [False]
    assert gc.isenabled()


def test_the_cycle_collector_stays_off_after_an_import_when_it_was_off():
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


# Serialized rollback: a live-server test before this one flushed the locales migrations made.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_columns_are_set_outside_a_transaction_too():
    people = [PersonFactory(given_name="Əli"), PersonFactory(given_name="Tofiq")]
    for person, name in zip(people, ["Vüqar", "Aygün"], strict=True):
        person.given_name = name

    saving.set_columns(Person, people, ["given_name"])

    assert [Person.objects.get(pk=p.pk).given_name for p in people] == ["Vüqar", "Aygün"]
