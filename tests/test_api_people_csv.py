"""The CSV of people (``/api/v1/people/?format=csv``) is written from plain rows
(archive/api/people_csv.py), not through the serializer: every cell of every row is what the
serializer's CSV gives, in every language, and nothing that is not public is in it."""

import csv
import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Locale

from archive import models
from archive.api import people_csv
from archive.api.views import ArchiveViewSet, PersonViewSet
from archive.models import FateEvent, Hold, Person, Precision
from tests.api_data import family_of, restricted_person, translated
from tests.factories import (
    DocumentedPersonFactory,
    EventFactory,
    PersonFactory,
    PlaceFactory,
    SourceFactory,
)
from tests.shared_rows import shared

pytestmark = pytest.mark.django_db

PEOPLE = "/api/v1/people/"
LANGUAGES = ["en", "az", "tr", "ru"]


def rows(client, parameters: dict) -> list[list[str]]:
    response = client.get(PEOPLE, {"format": "csv", **parameters})
    assert response.status_code == 200, response
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


def in_language(record, language: str, **fields):
    return translated(record, Locale.objects.get_or_create(language_code=language)[0], **fields)


@pytest.fixture(scope="module")
def _archive_rows(module_rows):
    with module_rows():
        return people_of_every_kind()


@pytest.fixture
def archive(db, _archive_rows):
    """``people_of_every_kind``, made once for the module (tests/shared_rows.py)."""
    return shared(_archive_rows)


def people_of_every_kind():
    """People of every kind the CSV shows or must leave out, with every relation filled in, and
    translations into Azerbaijani and Russian of some of them and of what they name."""
    khojaly = PlaceFactory(name="Khojaly")
    in_language(khojaly, "az", name="Xocalı")
    in_language(khojaly, "ru", name="Ходжалы")
    village = PlaceFactory(name="=Village", parent=khojaly)  # a formula, neutralised
    event = EventFactory(name="The event", place=khojaly)
    in_language(event, "az", name="Hadisə")
    report = SourceFactory(title="A report")
    in_language(report, "tr", title="Bir rapor")
    register = SourceFactory(title="+Register")
    photo = get_image_model().objects.create(title="photo", file=get_test_image_file())

    rich = DocumentedPersonFactory(
        family_name="Aliyeva",
        given_name="Sevda",
        patronymic="Ali qızı",
        name_original="Əliyeva Sevda",
        alternative_spellings="Aliyeva\n  Aliewa \n\n-Alieva",
        sex=Person.Sex.FEMALE,
        born=datetime.date(1950, 1, 1),
        born_precision=Precision.YEAR,
        born_approximate=True,
        birth_place=village,
        residence=khojaly,
        fate_place=khojaly,
        fate=Person.Fate.CAPTIVE,
        fate_date=datetime.date(1992, 2, 1),
        fate_date_precision=Precision.MONTH,
        event=event,
        occupation="@teacher",
        verification=Person.Verification.CORROBORATED,
        stated_age=42,
        photo=photo,
    )
    rich.sources.add(report, register)
    rich.save()
    models.Testimony.objects.create(person=rich, text="She taught us.", source=report)
    models.Testimony.objects.create(person=rich, text="-A neighbour", given_by="A neighbour")
    FateEvent.objects.create(
        person=rich, kind=FateEvent.Kind.WOUNDED, date=datetime.date(1992, 2, 26), place=village
    )
    FateEvent.objects.create(person=rich, kind=FateEvent.Kind.TAKEN_CAPTIVE, source=register)
    family = family_of([rich, PersonFactory(given_name="Brother", event=event)], name="Aliyevs")
    in_language(family, "az", name="Əliyevlər")
    in_language(rich, "az", family_name="Əliyeva", given_name="Sevda")

    held = DocumentedPersonFactory(
        family_name="Heldova",
        born=datetime.date(1980, 5, 5),
        stated_age=12,
        residence=khojaly,
        photo=photo,
        fate=Person.Fate.SURVIVED,
        fate_date=None,
    )
    Hold.objects.create(
        person=held,
        status=Hold.Status.IN_EFFECT,
        whole_record=False,
        hides_birth_date=True,
        hides_residence=True,
        hides_photo=True,
    )
    wholly_held = DocumentedPersonFactory(family_name="Wholly-held")
    Hold.objects.create(person=wholly_held, status=Hold.Status.IN_EFFECT, whole_record=True)
    restricted_person(family_name="Restrictedova")
    PersonFactory(family_name="Draftova", live=False)
    PersonFactory.create_batch(5, event=event, residence=village)  # synthetic, alike
    return {"rich": rich, "held": held}


def by_serializer(monkeypatch):
    """The CSV of people as the serializer writes it, as every other list's is."""
    monkeypatch.setattr(PersonViewSet, "csv_lines", ArchiveViewSet.csv_lines)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    "parameters",
    [{}, {"fate": "killed", "ordering": "-born"}, {"q": "Aliyeva"}],
    ids=["all", "filtered", "searched"],
)
def test_every_cell_is_the_serializers(client, archive, monkeypatch, language, parameters):
    parameters = {**parameters, "lang": language}
    written = rows(client, parameters)
    by_serializer(monkeypatch)
    serialized = rows(client, parameters)

    assert written[0] == serialized[0]
    assert len(written) == len(serialized)
    for ours, theirs in zip(written, serialized, strict=True):
        assert dict(zip(written[0], ours, strict=True)) == dict(
            zip(written[0], theirs, strict=True)
        )


def test_the_cells_say_what_the_record_does(client, archive):
    table = rows(client, {"lang": "az"})
    records = [dict(zip(table[0], row, strict=True)) for row in table[1:]]
    people = {record["family_name"]: record for record in records}

    assert not {"Restrictedova", "Draftova", "Wholly-held"} & set(people)
    rich = people["Əliyeva"]
    assert rich["fallback"] == "false" and rich["locale"] == "az"
    assert rich["residence"] == "Xocalı" and rich["event"] == "Hadisə"
    assert rich["birth_place"] == "'=Village"
    assert rich["born"] == "1950~" and rich["fate_date"] == "1992-02"
    assert rich["alternative_spellings"] == "Aliyeva; Aliewa; -Alieva"
    assert rich["occupation"] == "'@teacher"
    assert rich["testimonies"] == "She taught us.; -A neighbour"
    assert rich["sources"] == "'+Register; A report"  # in the order of their titles
    assert "Aliyeva" not in people  # the translation stands in for the original
    assert rich["photo"].startswith("http://testserver/")
    assert rich["is_synthetic"] == "false"
    held = people["Heldova"]
    assert held["born"] == held["age"] == held["residence"] == held["photo"] == ""
    assert held["fallback"] == "true" and held["locale"] == "en"
    assert {people[name]["is_synthetic"] for name in people if name.startswith("Testov")} == {
        "true"
    }


def test_lists_are_joined_and_named_in_the_language(client, archive):
    table = rows(client, {"lang": "az"})
    brother = next(dict(zip(table[0], row, strict=True)) for row in table if "Brother" in row)
    english = rows(client, {"lang": "en", "q": "Aliyeva"})
    rich = dict(zip(english[0], english[1], strict=True))

    # Each of the family's versions lists him; each is named in the language.
    assert set(brother["families"].split("; ")) == {"Əliyevlər"}
    assert brother["event"] == "Hadisə"
    assert set(rich["families"].split("; ")) == {"Aliyevs"}
    assert rich["fate_events"] == "Wounded 1992-02-26; Taken captive"


def test_people_are_read_and_written_a_chunk_at_a_time(client, monkeypatch):
    monkeypatch.setattr(people_csv, "CHUNK", 3)
    PersonFactory.create_batch(7)
    response = client.get(PEOPLE, {"format": "csv"})
    pieces = iter(response.streaming_content)

    with CaptureQueriesContext(connection) as captured:
        header, first = next(pieces), next(pieces)
        read_for_first = sum("archive_person_sources" in q["sql"] for q in captured)
        rest = list(pieces)

    assert header.count(b"\n") == 1
    assert first.count(b"\n") == 3 and [piece.count(b"\n") for piece in rest] == [3, 1]
    assert read_for_first == 1  # the sources of the first chunk only, before the rest is read
    assert sum("archive_person_sources" in q["sql"] for q in captured) == 3


def test_one_of_finds_what_in_finds():
    people = PersonFactory.create_batch(4)
    some = [people[0].pk, people[2].pk, 10**12]

    assert set(Person.objects.filter(pk__one_of=some)) == set(Person.objects.filter(pk__in=some))
    assert not Person.objects.filter(pk__one_of=[]).exists()
    assert models.Testimony.objects.filter(person_id__one_of=some).count() == 0
