"""The list of people as CSV (``/api/v1/people/?format=csv``), written from plain rows.

Other lists write their CSV by flattening the records their serializer writes
(:func:`.renderers.serialized_csv_lines`). For people that cost about 0.2 ms of CPU a record,
under 5,000 rows a second: a million people took minutes. Here each person is a tuple of the
columns the CSV shows, read a chunk at a time; what a record names (its places, event, sources,
families) and what is written in the reader's language (labels, dates, times) is worked out
once per distinct value, by the serializer's own code wherever it has any, and a chunk of rows
goes out as one piece of text. ``tests/test_api_people_csv.py`` checks that every cell equals
what the serializer's CSV gives, in every language.

What is public is the view's rows (``public()``, then ``localize()`` and the filters); a
row whose person a hold keeps fields of has them blanked as ``public()`` blanks them on model
instances."""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Iterator
from itertools import islice
from types import SimpleNamespace

from django.urls import reverse
from wagtail.models import Locale

from archive.exporting import safe_cell
from archive.fastpaths.related_rows import directory, place_directory
from archive.models import Event, Family, FateEvent, PartialDate, Person, Source
from archive.models.holds import HAS_HELD_FIELDS, held_columns
from archive.models.identifiers import shown_public_id

from . import person_relations
from . import serializers as api
from .renderers import csv_cell, csv_columns, csv_header

# People read, and written out, this many at a time.
CHUNK = 2000

# The columns of the person table each row is read with, in this order.
READ = (
    "id", "public_id", "locale_id", "translation_key", "is_synthetic", "family_name",
    "given_name", "patronymic", "name_original", "alternative_spellings", "sex", "born",
    "born_precision", "born_approximate", "birth_place_id", "residence_id", "age", "fate",
    "fate_date", "fate_date_precision", "fate_date_approximate", "fate_place_id", "event_id",
    "occupation", "verification", "photo_id", "last_published_at", HAS_HELD_FIELDS,
)  # fmt: skip
_AT = {name: n for n, name in enumerate(READ)}
# Distinct dates and times kept at most (a million people may have as many publication times).
REMEMBERED = 50_000
# Stands for a public identifier in the permanent address, made once (see row()).
_SHOWN_ID = "XXXX-XXXX-XXXX"


def lines(view, rows) -> Iterator[str]:
    """The header, then the CSV of every person of ``rows`` (the view's filtered public rows),
    a chunk of rows per piece of text."""
    writer = PeopleCSV(view)
    yield writer.header
    values = rows.values_list(*READ).iterator(chunk_size=CHUNK)
    while chunk := list(islice(values, CHUNK)):
        yield writer.chunk(chunk)


class PeopleCSV:
    """Writes the CSV of people for one request, in its language."""

    def __init__(self, view):
        context = view.get_serializer_context()
        serializer = api.PersonSerializer(context=context)
        # row() writes the columns in this order (tests/test_api_people_csv.py compares them).
        self.header = csv_header(csv_columns(serializer))
        self.request = context["request"]
        self.writing = writing = serializer.writing
        self.language = writing.language
        self.summaries = {
            model: summary(context=context)
            for model, summary in (
                (Event, api.EventSummarySerializer),
                (Family, api.FamilySummarySerializer),
                (Source, api.SourceSummarySerializer),
                ("place", api.PlaceSummarySerializer),
            )
        }
        self.list_address = writing.list_address("person")
        self.page_address = writing.pages.person_address
        self.permalink = writing.base + reverse("person_permalink", args=[_SHOWN_ID])
        self.labels = {
            name: api._choice_labels(Person, name, self.language)
            for name in ("sex", "fate", "verification")
        }
        self.event_kinds = api._choice_labels(FateEvent, "kind", self.language)
        self.published_at = serializer.fields["last_published_at"].to_representation
        # Each locale's code, and whether a record in it falls back from the language.
        self.locales = {
            pk: (locale.language_code, csv_cell(writing.versions.is_fallback(locale_of(pk))))
            for pk, locale in directory(Locale, self.request).items()
        }
        # Worked out once per distinct value, for every chunk.
        self.places: dict = {}
        self.events: dict = {}
        self.sources: dict = {}
        self.dates: dict = {}
        self.times: dict = {}

    def chunk(self, chunk: list[tuple]) -> str:
        """The CSV lines of a chunk of rows read with ``READ``."""
        ids = [values[0] for values in chunk]
        lists = self._lists(ids)
        photos = self._photos({values[_AT["photo_id"]] for values in chunk} - {None})
        out = io.StringIO()
        write = csv.writer(out).writerow
        for values in chunk:
            if values[-1]:  # a hold keeps some of this person's fields from the public
                values = _held_blanked(values)
            write(self.row(values, lists, photos))
        return out.getvalue()

    def row(self, values: tuple, lists: tuple[dict, ...], photos: dict) -> list:
        (
            pk,
            public_id,
            locale_id,
            _translation_key,
            is_synthetic,
            family_name,
            given_name,
            patronymic,
            name_original,
            alternative_spellings,
            sex,
            born,
            born_precision,
            born_approximate,
            birth_place_id,
            residence_id,
            age,
            fate,
            fate_date,
            fate_date_precision,
            fate_date_approximate,
            fate_place_id,
            event_id,
            occupation,
            verification,
            photo_id,
            last_published_at,
            _held,
        ) = values
        shown_id = shown_public_id(public_id)
        language_code, fallback = self.locales[locale_id]
        birth_place = self._place(birth_place_id)
        residence = self._place(residence_id)
        fate_place = self._place(fate_place_id)
        event = self._event(event_id)
        sources, testimonies, fate_events, families = (found.get(pk, "") for found in lists)
        return [
            pk,
            safe_cell(shown_id),
            f"{self.list_address}{pk}/",
            self.page_address(pk),
            self.permalink.replace(_SHOWN_ID, shown_id),
            fallback,
            "true" if is_synthetic else "false",
            safe_cell(" ".join(p for p in (given_name, patronymic, family_name) if p)),
            _text(family_name),
            _text(given_name),
            _text(patronymic),
            _text(name_original),
            _text(_lines(alternative_spellings)),
            _text(sex),
            _text(self.labels["sex"].get(sex, sex)),
            self._date(born, born_precision, born_approximate),
            *birth_place,
            *residence,
            "" if age is None else age,
            _text(fate),
            _text(self.labels["fate"].get(fate, fate)),
            self._date(fate_date, fate_date_precision, fate_date_approximate),
            *fate_place,
            fate_events,
            *event,
            _text(occupation),
            _text(verification),
            _text(self.labels["verification"].get(verification, verification)),
            families,
            sources,
            testimonies,
            photos.get(photo_id, ""),
            language_code,
            self._time(last_published_at),
        ]

    def _lists(self, ids: list[int]) -> tuple[dict, dict, dict, dict]:
        """Each person's sources, testimonies, fate events and families, as their cells."""
        sources, testimonies, fate_events, families = (defaultdict(list) for _ in range(4))
        for person_id, source_id in person_relations.citations(ids).values_list(
            "person_id", "source_id"
        ):
            sources[person_id].append(self._source(source_id)[0])
        for person_id, text in person_relations.testimonies(ids).values_list("person_id", "text"):
            testimonies[person_id].append(text)
        events = person_relations.fate_events(ids).values_list(
            "person_id", "kind", "date", "date_precision", "date_approximate"
        )
        for person_id, kind, date, precision, approximate in events:
            label = str(self.event_kinds.get(kind, kind))
            if date is not None:
                label += " " + self._date(date, precision, approximate)
            fate_events[person_id].append(label)
        memberships = list(person_relations.memberships(ids).values_list("person_id", "family_id"))
        # Families are many, unlike the reference data: read for the chunk, kept for the chunk.
        records = Family._base_manager.in_bulk({family_id for _, family_id in memberships})
        named = {pk: self._cells(Family, pk, family)[0] for pk, family in records.items()}
        for person_id, family_id in memberships:
            families[person_id].append(named[family_id])
        return tuple(
            {pk: safe_cell("; ".join(cells)) for pk, cells in found.items()}
            for found in (sources, testimonies, fate_events, families)
        )

    def _photos(self, ids: set[int]) -> dict[int, str]:
        if not ids:
            return {}
        images = Person._meta.get_field("photo").related_model._base_manager.in_bulk(ids)
        return {
            pk: safe_cell(api.file_address(self.request, image.file.url))
            for pk, image in images.items()
        }

    def _place(self, pk: int | None) -> tuple[str, int | str]:
        """The cells of a place as a record names it (its version in the language): its name
        and its id."""
        found = self.places.get(pk)
        if found is None:
            place = place_directory(self.request).get(pk)
            found = self.places[pk] = self._cells("place", pk, place)[1:]
        return found

    def _event(self, pk: int | None) -> tuple[str, int | str]:
        found = self.events.get(pk)
        if found is None:
            event = directory(Event, self.request).get(pk)
            found = self.events[pk] = self._cells(Event, pk, event)[1:]
        return found

    def _source(self, pk: int) -> tuple:
        found = self.sources.get(pk)
        if found is None:
            found = self.sources[pk] = self._cells(Source, pk, directory(Source, self.request)[pk])
        return found

    def _cells(self, kind, pk: int | None, record) -> tuple[str, str, int | str]:
        """A linked record as its summary serializer writes it, as CSV cells: its label (as
        an item of a list, then as a cell of its own) and its id."""
        if pk is None:
            return ("", "", "")
        summary = self.summaries[kind].to_representation(self.writing.versions.of(record))
        label = csv_cell(summary)
        return label, safe_cell(label), summary["id"]

    def _date(self, value, precision: str, approximate: bool) -> str:
        """A partial date's cell, as the serializer's date reads in a cell (``~`` marks an
        estimate)."""
        key = (value, precision, approximate)
        found = self.dates.get(key)
        if found is None:
            if len(self.dates) > REMEMBERED:
                self.dates.clear()
            date = PartialDate.of(value, precision, approximate)
            found = "" if date is None else date.iso() + ("~" if date.approximate else "")
            self.dates[key] = found
        return found

    def _time(self, value) -> str:
        found = self.times.get(value)
        if found is None:
            if len(self.times) > REMEMBERED:
                self.times.clear()
            found = self.times[value] = "" if value is None else safe_cell(self.published_at(value))
        return found


def locale_of(pk: int) -> SimpleNamespace:
    """What tells whether a record falls back from the answer's language: its locale."""
    return SimpleNamespace(locale_id=pk)


def _text(value) -> str:
    return "" if value is None else safe_cell(value)


def _lines(value: str | None) -> str | None:
    """A field of one item per line, as the serializer lists it, joined as a CSV cell is."""
    if value is None:
        return None
    return "; ".join(line.strip() for line in value.splitlines() if line.strip())


def _held_blanked(values: tuple) -> tuple:
    """``values`` with the fields a hold keeps from the public blank, as public() blanks them."""
    values = list(values)
    person = SimpleNamespace(translation_key=values[_AT["translation_key"]])
    for column, blank in held_columns(person).items():
        attname = Person._meta.get_field(column).attname
        if attname in _AT:
            values[_AT[attname]] = blank
    return tuple(values)
