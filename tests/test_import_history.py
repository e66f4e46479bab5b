"""An import's public history: the first entries of the records it adds are written from the
rows it holds (archive.importers.first_entries), and each must keep exactly what the API's
detail serializer gives (record_history.public_values), whatever kind of row it was."""

import csv
import datetime
import io

import pytest
from django.utils import translation
from wagtail.models import Locale

from archive import record_history
from archive.importers.csv_xlsx import read_table
from archive.importers.service import import_people
from archive.models import Family, FateEvent, Hold, Person, Place, PublishedChange
from tests.factories import EventFactory, PersonFactory, PlaceFactory, SourceFactory

pytestmark = pytest.mark.django_db

HEADER = [
    "external_id", "family_name", "given_name", "patronymic", "name_original",
    "alternative_spellings", "sex", "born", "stated_age", "fate", "fate_date", "birth_place",
    "residence", "fate_place", "event", "occupation", "biography", "sources", "verification",
    "visibility", "is_synthetic", "family", "family_relationship",
]  # fmt: skip
LANGUAGES = ["en", "az", "tr", "ru"]


def imported(rows: list[dict], **options):
    out = io.StringIO()
    writer = csv.DictWriter(out, HEADER, restval="")
    writer.writeheader()
    writer.writerows(rows)
    return import_people(read_table(io.BytesIO(out.getvalue().encode())), **options)


@pytest.fixture
def references():
    """Places named in four languages, an event, sources whose titles a database collates
    otherwise than Python sorts them, and a family already in the archive."""
    khojaly = PlaceFactory(name="Khojaly")
    for language, name in (("az", "Xocalı"), ("tr", "Hocalı"), ("ru", "Ходжалы")):
        locale, _ = Locale.objects.get_or_create(language_code=language)
        khojaly.copy_for_translation(locale).save()
        Place.objects.filter(locale=locale, translation_key=khojaly.translation_key).update(
            name=name
        )
    PlaceFactory(name="Ağdam")
    EventFactory(name="Khojaly massacre", slug="khojaly-massacre")
    for title in ("zeynalov letters", "Ağdam register", "Şəhidlər siyahısı", "agdam Archive"):
        SourceFactory(title=title)
    Family.objects.create(name="The Qasımov family", locale=Locale.get_default())


NEW_ROWS = [
    # Everything the file can say, with an estimate for a date of birth.
    {
        "external_id": "N-1", "family_name": "Qasımov", "given_name": "Əli",
        "patronymic": "Məmməd oğlu", "name_original": "Касумов Али",
        "alternative_spellings": "Kasumov | Gasimov", "sex": "male", "born": "c. 1950",
        "fate": "killed", "fate_date": "1992-02-26", "birth_place": "Xocalı",
        "residence": "Ağdam", "fate_place": "Ходжалы", "event": "khojaly-massacre",
        "occupation": "Teacher", "biography": "First <b>line</b>.\n\nSecond & last.",
        "sources": "zeynalov letters|Ağdam register|Şəhidlər siyahısı|agdam Archive",
        "verification": "corroborated", "is_synthetic": "yes",
        "family": "The Qasımov family", "family_relationship": "head",
    },
    # Almost nothing: no dates, places, event, sources or family; not synthetic.
    {"external_id": "N-2", "given_name": "Aysel", "fate": "missing", "is_synthetic": "no"},
    # A decade, a month, an age instead of a date of birth; a family new to the archive.
    {
        "external_id": "N-3", "family_name": "Hüseynova", "given_name": "Sara", "sex": "female",
        "born": "195X", "fate": "wounded", "fate_date": "1992-02", "stated_age": "40",
        "residence": "Khojaly", "sources": "Ağdam register",
        "family": "The Hüseynov family", "family_relationship": "spouse",
    },
    {
        "external_id": "N-4", "family_name": "Hüseynov", "given_name": "Rəşid", "born": "1990",
        "stated_age": "2", "fate": "captive", "family": "the hüseynov FAMILY",
        "family_relationship": "child",
    },
    # Restricted: no entry at all.
    {
        "external_id": "N-5", "family_name": "Gizli", "given_name": "Nərgiz", "fate": "survived",
        "visibility": "restricted",
    },
]  # fmt: skip


def existing_drafts():
    """Records already in the archive as drafts, which the same import publishes: one with
    fate events, one whose date of birth a family's hold keeps, one held whole."""
    with_events = PersonFactory(external_id="E-1", live=False, family_name="Sonrakı")
    FateEvent.objects.create(
        person=with_events, kind=FateEvent.Kind.TAKEN_CAPTIVE, place=Place.objects.first()
    )
    held = PersonFactory(external_id="E-2", live=False, born=datetime.date(1960, 1, 1))
    Hold.objects.create(
        person=held,
        reason=Hold.Reason.FAMILY_REQUEST,
        status=Hold.Status.IN_EFFECT,
        whole_record=False,
        hides_birth_date=True,
    )
    whole = PersonFactory(external_id="E-3", live=False)
    Hold.objects.create(
        person=whole,
        reason=Hold.Reason.FAMILY_REQUEST,
        status=Hold.Status.IN_EFFECT,
        whole_record=True,
    )
    return [
        {"external_id": "E-1", "given_name": "Changed", "fate": "captive"},
        {"external_id": "E-2", "given_name": "Changed", "fate": "killed"},
        {"external_id": "E-3", "given_name": "Changed", "fate": "killed"},
    ]


def serializers_values(person: Person) -> dict:
    [values] = record_history.public_values(Person, [person.pk]).values()
    return values


@pytest.mark.parametrize("language", LANGUAGES)
def test_first_entries_of_an_import_keep_what_the_serializer_writes(references, language):
    rows = [*NEW_ROWS, *existing_drafts()]
    with translation.override(language):  # the importer's language: it must not matter
        imported(rows, publish=True, reason="The 1992 list")

    entries = {entry.record_id: entry for entry in PublishedChange.objects.all()}
    people = Person.objects.in_bulk(entries)
    assert sorted(person.external_id for person in people.values()) == [
        "E-1", "E-2", "N-1", "N-2", "N-3", "N-4",
    ]  # fmt: skip
    for pk, entry in entries.items():
        assert entry.first and entry.changes == []
        expected = serializers_values(people[pk])
        # Field by field, then as a whole (PostgreSQL's jsonb keeps keys in an order of its
        # own, whoever wrote them).
        for name, value in expected.items():
            assert entry.snapshot[name] == value, (people[pk].external_id, name)
        assert entry.snapshot == expected


def test_the_history_of_an_imported_record_reads_as_before(references, client):
    imported(NEW_ROWS, publish=True, reason="The 1992 list")
    person = Person.objects.get(external_id="N-1")

    answer = client.get(f"/api/v1/people/{person.pk}/changes/").json()
    page = client.get(person.get_absolute_url())

    [entry] = answer["results"]
    assert entry["first_publication"] and entry["reason"] == "The 1992 list"
    assert page.status_code == 200


def test_an_import_writes_no_record_through_the_serializer_for_the_records_it_adds(
    references, monkeypatch
):
    written = []
    original = record_history.public_values
    monkeypatch.setattr(
        record_history,
        "public_values",
        lambda model, ids: written.extend(ids) or original(model, ids),
    )
    imported([*NEW_ROWS, *existing_drafts()], publish=True)

    assert sorted(Person.objects.filter(pk__in=written).values_list("external_id", flat=True)) == [
        "E-1", "E-2", "E-3",
    ]  # fmt: skip
